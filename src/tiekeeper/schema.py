"""The documented schema of every frame tiekeeper returns.

Each frame is described by an ordered mapping of column name to
:class:`Column` (polars dtype and a one-line description). The loaders,
scorers and report builders produce exactly these columns in this order;
``tests/test_schema.py`` checks it. Use :func:`describe` to read a schema as a
frame, and :func:`empty_frame` for a zero-row frame with the full schema.

Times are ``Datetime("us", "UTC")``. Dates from files that carry only a day,
a month or a year are ``Date``.

Examples
--------
>>> from tiekeeper.schema import describe, empty_frame
>>> "person_id" in describe("people")["column"].to_list()
True
>>> empty_frame("connections").height
0
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

__all__ = ["SCHEMAS", "UTC", "Column", "describe", "empty_frame", "polars_schema"]

#: The datetime dtype of every timestamp column.
UTC = pl.Datetime("us", "UTC")

S = pl.String
I = pl.Int64  # noqa: E741
F = pl.Float64
B = pl.Boolean
D = pl.Date
LS = pl.List(pl.String)


@dataclass(frozen=True)
class Column:
    """One documented column: its polars dtype and what it holds.

    Parameters
    ----------
    dtype : polars.DataType or type of polars.DataType
        The column's dtype in every frame that has it.
    doc : str
        What the column holds, in a few words (the schema tables show it).

    Examples
    --------
    >>> column = SCHEMAS["connections"]["connected_on"]
    >>> column.dtype == pl.Date, column.doc
    (True, 'Connected On')
    """

    dtype: pl.DataType | type[pl.DataType]
    doc: str


def _c(dtype: pl.DataType | type[pl.DataType], doc: str) -> Column:
    return Column(dtype, doc)


_LINE = _c(I, "physical line (1-based) where the record starts in its file")
_SNAPSHOT = _c(
    D,
    "the export date of the newest snapshot the row was seen in (History.merged); null in "
    "a single export",
)

SCHEMAS: dict[str, dict[str, Column]] = {
    # ------------------------------------------------------------------ input
    "connections": {
        "person_id": _c(S, "stable person key; null for rows with no name and no URL"),
        "first_name": _c(S, "First Name, raw"),
        "last_name": _c(S, "Last Name, raw"),
        "name": _c(S, "first and last name, trimmed and NFC-normalised"),
        "profile_url": _c(S, "normalised https://www.linkedin.com/in/<slug>, or null"),
        "email": _c(S, "Email Address (mostly empty: a per-member privacy setting)"),
        "company": _c(S, "the contact's company at export time"),
        "position": _c(S, "the contact's title at export time"),
        "connected_on": _c(D, "Connected On"),
        "line": _LINE,
        "snapshot": _SNAPSHOT,
    },
    "messages": {
        "conversation_id": _c(S, "CONVERSATION ID (opaque); null for drafts and 2018 files"),
        "conversation_title": _c(S, "CONVERSATION TITLE"),
        "time": _c(UTC, "DATE, converted to UTC"),
        "sender_name": _c(S, "FROM, trimmed"),
        "sender_url": _c(S, "SENDER PROFILE URL, normalised"),
        "sender_id": _c(S, "person_id of the sender; null for LinkedIn Member and system rows"),
        "recipient_names": _c(LS, "TO split into names"),
        "recipient_urls": _c(LS, "RECIPIENT PROFILE URLS split and normalised (empty before 2023)"),
        "recipient_ids": _c(LS, "person_id of each keyable recipient"),
        "recipients_method": _c(S, "how recipients were resolved: 'urls', 'names' or 'direction'"),
        "participants": _c(I, "distinct participants in the conversation other than the owner"),
        "from_owner": _c(B, "whether the owner sent it"),
        "subject": _c(S, "SUBJECT"),
        "content": _c(S, "CONTENT, raw"),
        "text": _c(S, "CONTENT with HTML entities unescaped and tags stripped"),
        "words": _c(I, "number of words in text"),
        "folder": _c(S, "FOLDER (INBOX, ARCHIVE, SPAM, SENT, ARCHIVED or null)"),
        "is_draft": _c(B, "an unsent draft"),
        "is_system": _c(B, "a system row (empty FROM and TO)"),
        "is_sponsored": _c(B, "a sponsored, InMail or marketing row"),
        "is_spam": _c(B, "in the SPAM folder"),
        "is_interaction": _c(B, "counts as an interaction (none of the above flags)"),
        "source": _c(S, "logical file: 'messages', 'coach_messages', …"),
        "line": _LINE,
        "snapshot": _SNAPSHOT,
    },
    "invitations": {
        "person_id": _c(S, "the other party's person_id"),
        "from_name": _c(S, "From"),
        "to_name": _c(S, "To"),
        "sent_at": _c(UTC, "Sent At (naive US Pacific in the file) in UTC"),
        "message": _c(S, "the personal note, or null"),
        "direction": _c(S, "'INCOMING' or 'OUTGOING'"),
        "inviter_url": _c(S, "inviterProfileUrl/Urn, normalised"),
        "invitee_url": _c(S, "inviteeProfileUrl/Urn, normalised"),
        "line": _LINE,
        "snapshot": _SNAPSHOT,
    },
    "positions": {
        "company": _c(S, "Company Name"),
        "title": _c(S, "Title"),
        "description": _c(S, "Description"),
        "location": _c(S, "Location"),
        "started_on": _c(D, "first day of Started On (a year means 1 Jan, a month its 1st)"),
        "finished_on": _c(D, "last day of Finished On; null for a current role"),
        "is_current": _c(B, "Finished On is empty"),
        "date_precision": _c(S, "coarsest precision of the two dates: 'month' or 'year'"),
        "line": _LINE,
        "snapshot": _SNAPSHOT,
    },
    "education": {
        "school": _c(S, "School Name"),
        "degree": _c(S, "Degree Name"),
        "notes": _c(S, "Notes"),
        "activities": _c(S, "Activities"),
        "started_on": _c(D, "first day of Start Date"),
        "finished_on": _c(D, "last day of End Date"),
        "line": _LINE,
    },
    "skills": {"name": _c(S, "skill name"), "line": _LINE},
    "endorsements_received": {
        "person_id": _c(S, "the endorser's person_id"),
        "time": _c(UTC, "Endorsement Date"),
        "skill": _c(S, "Skill Name"),
        "first_name": _c(S, "Endorser First Name"),
        "last_name": _c(S, "Endorser Last Name"),
        "name": _c(S, "endorser name, trimmed"),
        "profile_url": _c(S, "Endorser Public Url, normalised (2023+)"),
        "status": _c(S, "Endorsement Status"),
        "line": _LINE,
        "snapshot": _SNAPSHOT,
    },
    "endorsements_given": {
        "person_id": _c(S, "the endorsee's person_id"),
        "time": _c(UTC, "Endorsement Date"),
        "skill": _c(S, "Skill Name"),
        "first_name": _c(S, "Endorsee First Name"),
        "last_name": _c(S, "Endorsee Last Name"),
        "name": _c(S, "endorsee name, trimmed"),
        "profile_url": _c(S, "Endorsee Public Url, normalised"),
        "status": _c(S, "Endorsement Status"),
        "line": _LINE,
        "snapshot": _SNAPSHOT,
    },
    "recommendations_received": {
        "person_id": _c(S, "the recommender's person_id (linked by name)"),
        "first_name": _c(S, "First Name"),
        "last_name": _c(S, "Last Name"),
        "name": _c(S, "name, trimmed"),
        "company": _c(S, "Company"),
        "job_title": _c(S, "Job Title"),
        "text": _c(S, "Text"),
        "created_at": _c(UTC, "Creation Date (naive US Pacific in the file) in UTC"),
        "status": _c(S, "Status"),
        "line": _LINE,
        "snapshot": _SNAPSHOT,
    },
    "recommendations_given": {
        "person_id": _c(S, "the recipient's person_id (linked by name)"),
        "first_name": _c(S, "First Name of the recipient"),
        "last_name": _c(S, "Last Name of the recipient"),
        "name": _c(S, "name, trimmed"),
        "company": _c(S, "Company"),
        "job_title": _c(S, "Job Title"),
        "text": _c(S, "Text"),
        "created_at": _c(UTC, "Creation Date in UTC"),
        "status": _c(S, "Status"),
        "line": _LINE,
        "snapshot": _SNAPSHOT,
    },
    "profile": {
        "first_name": _c(S, "First Name"),
        "last_name": _c(S, "Last Name"),
        "headline": _c(S, "Headline"),
        "summary": _c(S, "Summary"),
        "industry": _c(S, "Industry"),
        "geo_location": _c(S, "Geo Location"),
        "line": _LINE,
    },
    "contacts": {
        "source": _c(S, "Source (GOOGLE_CONTACTS, MOBILE_CONTACTS) or null (2018)"),
        "first_name": _c(S, "FirstName / First Name"),
        "last_name": _c(S, "LastName / Last Name"),
        "full_name": _c(S, "FullName / Full Name"),
        "companies": _c(S, "Companies"),
        "title": _c(S, "Title"),
        "emails": _c(S, "Emails / Email Address"),
        "created_at": _c(UTC, "CreatedAt / Created At in UTC"),
        "line": _LINE,
    },
    # --------------------------------------------------------------- derived
    "people": {
        "person_id": _c(S, "stable key: digest of the normalised slug, else of the name"),
        "name": _c(S, "display name (the most recent seen)"),
        "first_name": _c(S, "first name, where a file splits it"),
        "last_name": _c(S, "last name, where a file splits it"),
        "profile_url": _c(S, "normalised profile URL, or null"),
        "key_method": _c(
            S,
            "how the person was keyed: 'url'; 'name' (a name held by one person); "
            "'namesake' (a connection without URL sharing its name with another: keyed by "
            "name, company and connected date); 'ambiguous' (a name that several people "
            "share, seen where nothing says which one)",
        ),
        "company": _c(S, "company at export time (Connections), or null"),
        "position": _c(S, "title at export time (Connections), or null"),
        "email": _c(S, "e-mail address from Connections, or null"),
        "connected_on": _c(D, "Connected On, or null if not a connection"),
        "is_connection": _c(B, "appears in Connections.csv"),
        "aliases": _c(LS, "every other display name seen for this person"),
        "sources": _c(LS, "logical files the person appears in"),
        "kind": _c(
            S,
            "'person'; 'linkedin' (one of LinkedIn's own accounts); 'organisation' (a company "
            "page, advertiser or mass sender). Only persons count as relationships "
            "(tiekeeper.io.kinds)",
        ),
        "kind_evidence": _c(LS, "the signals that made a non-person (empty for most persons)"),
        "removed_after": _c(
            D,
            "History.merged: the last export in which they were a connection, when a later "
            "export with Connections no longer lists them; null otherwise",
        ),
        "removed_before": _c(
            D,
            "History.merged: the first export with Connections that no longer lists them",
        ),
    },
    "interactions": {
        "person_id": _c(S, "the other person"),
        "time": _c(UTC, "when it happened"),
        "kind": _c(S, "'message', 'invitation', 'connection', 'endorsement' or 'recommendation'"),
        "direction": _c(S, "'out' (from the owner), 'in', or 'unknown'"),
        "conversation_id": _c(S, "conversation id for messages, else null"),
        "participants": _c(I, "m: participants other than the owner (1 for 1:1)"),
        "words": _c(I, "words in the message text (0 for non-messages)"),
        "has_note": _c(B, "an invitation with a personal note"),
        "detail": _c(S, "skill name, recommendation title or similar, for reasons"),
        "source": _c(S, "logical file the event comes from"),
        "line": _LINE,
    },
    "parse_report": {
        "file": _c(S, "path of the file inside the export"),
        "logical_name": _c(S, "logical file key, or 'unknown' / 'ignored'"),
        "encoding": _c(S, "'utf-8', 'utf-8-sig', 'utf-16-le' or null"),
        "era": _c(S, "detected format era, e.g. '2023-04+ (10 columns)'"),
        "status": _c(S, "'parsed', 'empty', 'header-only', 'not-a-table', 'error', 'ignored'"),
        "reason": _c(S, "why, for anything but a clean parse"),
        "rows_read": _c(I, "records read after the header"),
        "rows_parsed": _c(I, "records that became rows"),
        "rows_rejected": _c(I, "records listed in `rejected`"),
        "rows_skipped": _c(I, "empty records skipped"),
        "notes": _c(LS, "quirks noticed: BOM, CRLF, spreadsheet signs, duplicates …"),
    },
    "rejected": {
        "file": _c(S, "path of the file inside the export"),
        "line": _LINE,
        "reason": _c(S, "why the record was rejected"),
        "raw": _c(S, "the record as read (fields joined by ',')"),
    },
    # --------------------------------------------------------- scoring (issue 3)
    "plan": {
        "person_id": _c(S, "stable person key"),
        "name": _c(S, "display name"),
        "company": _c(S, "current company (Connections, export time)"),
        "title": _c(S, "current title (Connections, export time)"),
        "priority": _c(F, "P = V·N·A from the score (the order within a list)"),
        "kind": _c(
            S,
            "'reply', 'reconnect', 'congratulate', 'offer_help', 'coffee', 'explore' "
            "or 'give_space'",
        ),
        "status": _c(S, "status from the score ('fading', 'dormant', …)"),
        "strength": _c(F, "display strength 0–100 from the score"),
        "last_contact": _c(UTC, "last message session (null if never messaged)"),
        "reasons": _c(LS, "why this person is on this list, as sentences"),
        "opener": _c(S, "a suggested first line in the user's voice ('' for give_space)"),
        "slot": _c(S, "'owed' (owed replies), 'top', 'explore' or 'give_space'"),
        "profile_url": _c(S, "normalised profile URL, or null"),
    },
    "score": {
        "person_id": _c(S, "stable person key"),
        "name": _c(S, "display name"),
        "profile_url": _c(S, "normalised profile URL, or null"),
        "company": _c(S, "current company (Connections, export time)"),
        "title": _c(S, "current title (Connections, export time)"),
        "connected_on": _c(D, "Connected On, or null"),
        "strength": _c(F, "display strength 0–100: 100·(1−exp(−S*/S_ref))"),
        "strength_raw": _c(F, "S: decayed weighted event count, half-life h"),
        "strength_adjusted": _c(
            F,
            "S*: the blend (1−β)·S + β·K·h/h_K discounted by the silence since the last "
            "contact, ·(1 + days_since/τ)^(−α) (wave 1: ·exp(−max(0, r−1)/κ)); 0 for a cold pitch",
        ),
        "capital": _c(F, "K: the same count with the long half-life h_K"),
        "percentile": _c(F, "rank of S* among the owner's people, 0–100"),
        "tier": _c(
            S,
            "'core', 'close', 'active', 'wider' or 'latent': rank of S* among ties with "
            "two-way contact (messages both ways, or a contact logged in the state file); "
            "any other tie, one-way ties included, is at most 'wider'",
        ),
        "one_way": _c(
            B,
            "the other person never wrote and the owner wrote ScoringParams.one_way_min_sent "
            "(5) or more messages (a contact logged in the state file is two-way)",
        ),
        "first_contact": _c(UTC, "first event of any kind"),
        "last_contact": _c(UTC, "last message session (null if never messaged)"),
        "days_since": _c(F, "days from last_contact to as_of"),
        "sessions": _c(
            I,
            "conversations: contact days (a message either way, or a logged contact) at most "
            "session_window_days apart form one",
        ),
        "cadence_days": _c(
            F,
            "c: geometric-mean silence between sessions shrunk towards the prior, at least the "
            "floor; the prior below cadence_min_sessions; the user's target when set",
        ),
        "cadence_estimated": _c(B, "cadence is or leans on the prior (few sessions)"),
        "overdue_ratio": _c(F, "r = days_since / cadence_days"),
        "status": _c(
            S, "'on track', 'cooling', 'fading', 'lapsed', 'dormant' or 'never interacted'"
        ),
        "peak_strength": _c(F, "the peak on the 0–100 scale of strength: 100·(1−exp(−peak/S_ref))"),
        "peak_strength_raw": _c(F, "peak: max over time of the blend (1−β)·S + β·K·h/h_K"),
        "peak_at": _c(UTC, "when the blend peaked"),
        "drop_from_peak": _c(
            F,
            "1 − strength / peak_strength, both on the displayed 0–100 scale, in [0, 1]: "
            "the drop the reason names ('Strength 12/100, down from 45/100')",
        ),
        "messages_sent": _c(I, "messages the owner sent this person"),
        "messages_received": _c(I, "messages this person sent the owner"),
        "reciprocity": _c(F, "min(sent, received) / max(sent, received)"),
        "reply_owed": _c(
            B,
            "their last 1:1 message is unanswered, recent, invites a reply (no closer or "
            "broadcast) and is not a cold pitch",
        ),
        "cold_pitch": _c(
            B,
            "they only wrote to pitch a job (recruiting title, or a thread opened with a pitch) "
            "and were never answered: strength 0, never suggested, never a colleague",
        ),
        "owed_since": _c(UTC, "time of their oldest unanswered message, if a reply is owed"),
        "unanswered_sessions": _c(I, "sessions with an owner's message since their last reply"),
        "last_sent": _c(UTC, "last message the owner sent, or logged contact (state file)"),
        "former_colleague": _c(
            B,
            "former colleague of a past position on evidence levels (a)-(c) of "
            "tiekeeper.scoring.colleagues (never on timing alone)",
        ),
        "former_company": _c(S, "company of that position"),
        "former_title": _c(S, "the owner's title there"),
        "former_colleague_confidence": _c(F, "confidence of the evidence level, in [0, 1]"),
        "former_colleague_evidence": _c(
            S,
            "'endorsement' or 'recommendation' (exchanged in the tenure), "
            "'message_names_company' (a message in the tenure names the company) or "
            "'company_and_overlap' (their company is that employer, and they were connected "
            "or messaged in the tenure)",
        ),
        "possible_colleague": _c(
            B,
            "connected and messaged during a past tenure, with no company evidence "
            "(level (d)): low confidence, never counted as a former colleague",
        ),
        "value": _c(F, "V in [0, 1]: noisy-OR of value components"),
        "need": _c(F, "N in [0, 1]: timing, from the status"),
        "actionability": _c(F, "A in {0, 1}: cool-down, ignore list, snooze"),
        "priority": _c(F, "P = V·N·A"),
        "reasons": _c(LS, "human sentences built from the numbers above"),
    },
    "career": {
        "position": _c(I, "row index of the position in export.positions"),
        "company": _c(S, "Company Name"),
        "title": _c(S, "the owner's title"),
        "started_on": _c(D, "first day of the position"),
        "finished_on": _c(D, "last day; null while current at as_of"),
        "is_current": _c(B, "not ended at as_of"),
        "n_colleagues": _c(I, "likely colleagues found (rule a or b, reference §5)"),
        "colleagues": _c(
            pl.List(
                pl.Struct(
                    {
                        "person_id": S,
                        "name": S,
                        "confidence": F,
                        "sessions_during": I,
                        "sessions_after": I,
                    }
                )
            ),
            "likely colleagues, most confident first, with sessions during and after",
        ),
        "rate_during": _c(F, "sessions per year with them while the owner worked there"),
        "rate_after": _c(F, "sessions per year with them since the owner left (null if current)"),
        "ratio": _c(F, "rate_after / rate_during"),
    },
    "strength_history": {
        "person_id": _c(S, "the person"),
        "name": _c(S, "display name"),
        "time": _c(UTC, "grid time (the last one is as_of)"),
        "strength": _c(F, "display strength 0–100 with the discount as it stood then"),
        "strength_raw": _c(F, "S at that time (decayed weighted count, no cadence penalty)"),
        "overdue_ratio": _c(F, "r at that time (null before the first message session)"),
    },
    "backtest": {
        "cutoff": _c(UTC, "T: features use events up to T"),
        "horizon": _c(I, "H in days: the label is contact in (T, T+H]"),
        "label": _c(S, "'any', 'outgoing' or 'one_to_one'"),
        "model": _c(S, "'score', 'score_no_cadence', 'recency', 'frequency', 'window90', 'random'"),
        "n": _c(I, "candidates: people (or ego–alter pairs) with a message before T"),
        "positives": _c(I, "candidates with contact in (T, T+H]"),
        "auc": _c(F, "pooled AUC (Mann–Whitney, ties count half)"),
        "ego_auc": _c(F, "mean per-ego AUC over egos with >= 5 candidates and both classes"),
        "p_at_5": _c(F, "precision of the top 5 (mean over egos), ties shared"),
        "p_at_10": _c(F, "precision of the top 10"),
        "p_at_20": _c(F, "precision of the top 20"),
    },
    # ------------------------------------------------------------- graph (issue 4)
    "communities": {
        "person_id": _c(S, "the contact (the owner is never in a community)"),
        "community": _c(I, "Louvain community, 0 = the largest; a contact with no ties is alone"),
    },
    "communities_summary": {
        "community": _c(I, "community number, as in `communities`"),
        "size": _c(I, "number of contacts in it"),
        "label": _c(S, "plain-English name: former employer, current employer or connection years"),
        "dominant_company": _c(S, "the most common current company, or null"),
        "share_fading": _c(F, "share of members whose status is 'fading' or 'lapsed'"),
        "top_members": _c(LS, "up to five names, strongest first"),
    },
    "bridges": {
        "person_id": _c(S, "the contact"),
        "name": _c(S, "display name"),
        "company": _c(S, "current company"),
        "community": _c(I, "community number, as in `communities`"),
        "degree": _c(I, "ties to other contacts (the owner not counted)"),
        "betweenness": _c(F, "share of shortest paths through them, 0–1 (sampled on large graphs)"),
        "constraint": _c(F, "Burt's constraint, weighted; low = a broker; null without ties"),
        "effective_size": _c(F, "non-redundant contacts (Borgatti); null without ties"),
    },
    "changes": {
        "person_id": _c(S, "the person, by the later export's id (the earlier one's if removed)"),
        "name": _c(S, "display name (the later export's, or the earlier one's if removed)"),
        "kind": _c(
            S,
            "'connection_added', 'connection_removed', 'company_changed' (a job move: both "
            "exports name a real, non-placeholder company and the normalised names differ), "
            "'title_changed' (a new title at the same company), 'url_changed', 'name_changed' "
            "or 'owner_position_added'",
        ),
        "before": _c(
            S,
            "the value in the earlier export (company, title, URL or name; for a move with a "
            "new title, 'Company · Title'); null for an addition",
        ),
        "after": _c(S, "the value in the later export, as for before; null for a removal"),
        "seen_after": _c(D, "the earlier export's date: the change happened after it"),
        "seen_before": _c(D, "the later export's date: the change happened before it"),
        "evidence": _c(
            S,
            "how the two rows were matched: 'url', 'name and connected date', 'company, "
            "connected date and a shared name part', or for additions, removals and positions "
            "the file that shows it",
        ),
    },
    "who_at": {
        "person_id": _c(S, "the contact"),
        "name": _c(S, "display name"),
        "title": _c(S, "current title"),
        "company": _c(S, "current company, as written in Connections"),
        "strength": _c(F, "display strength 0–100"),
        "status": _c(S, "fading status, as in `score`"),
        "last_contact": _c(UTC, "last message session, or null"),
        "former_colleague": _c(B, "likely former colleague of one of your positions"),
        "reasons": _c(LS, "the score's reasons"),
    },
}


def polars_schema(name: str) -> pl.Schema:
    """Return the polars schema of frame ``name``.

    Parameters
    ----------
    name : str
        A key of :data:`SCHEMAS`, such as ``"people"``.

    Returns
    -------
    polars.Schema
        Column names and dtypes, in order.

    Raises
    ------
    ParameterError
        For a name that is not a key of :data:`SCHEMAS`.

    Examples
    --------
    >>> polars_schema("skills")
    Schema([('name', String), ('line', Int64)])
    """
    if name not in SCHEMAS:
        from tiekeeper.errors import ParameterError

        raise ParameterError(f"unknown frame {name!r}; expected one of {sorted(SCHEMAS)}")
    return pl.Schema({k: v.dtype for k, v in SCHEMAS[name].items()})


def empty_frame(name: str) -> pl.DataFrame:
    """A zero-row frame with the full schema of frame ``name``.

    Parameters
    ----------
    name : str
        A key of :data:`SCHEMAS`, such as ``"people"``.

    Returns
    -------
    polars.DataFrame
        No rows; the frame's columns and dtypes, in order.

    Raises
    ------
    ParameterError
        For a name that is not a key of :data:`SCHEMAS`.

    Examples
    --------
    >>> empty_frame("skills")
    shape: (0, 2)
    ┌──────┬──────┐
    │ name ┆ line │
    │ ---  ┆ ---  │
    │ str  ┆ i64  │
    ╞══════╪══════╡
    └──────┴──────┘
    """
    return pl.DataFrame(schema=polars_schema(name))


def describe(name: str) -> pl.DataFrame:
    """The schema of frame ``name`` as a frame of column, dtype and description.

    Parameters
    ----------
    name : str
        A key of :data:`SCHEMAS`, such as ``"people"``.

    Returns
    -------
    polars.DataFrame
        One row per column of the frame, in order.

    Raises
    ------
    ParameterError
        For a name that is not a key of :data:`SCHEMAS`.

    Examples
    --------
    >>> describe("skills").columns
    ['column', 'dtype', 'description']
    """
    polars_schema(name)
    cols = SCHEMAS[name]
    return pl.DataFrame(
        {
            "column": list(cols),
            "dtype": [str(c.dtype) for c in cols.values()],
            "description": [c.doc for c in cols.values()],
        }
    )
