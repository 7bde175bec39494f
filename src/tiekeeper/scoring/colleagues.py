"""Former colleagues, by evidence level (this replaces §5 of the scoring reference).

Timing alone is weak evidence: in a real export 41 of 45 "colleagues" at one
job rested on timing only, and the same six chat partners were colleagues at
seven employers. A person is a colleague at one of the owner's positions P =
(company, start s, end f) by the strongest of these levels, each within P's
*tenure window* [s − ``colleague_before_days``, f + ``colleague_after_days``]:

(a) ``recommendation`` / ``endorsement`` (in that order): one was exchanged in the
    window;
(b) ``message_names_company``: a message with them in the window names P's
    company (:func:`company_patterns`);
(c) ``company_and_overlap``: their Connections company is P's company *and*
    they were connected or messaged in the window. Connections holds the
    company as of the export date, so without the overlap they may have
    joined after the owner left;
(d) ``connected_and_messaged``: connected in the window and messaged in it
    (``colleague_min_sessions`` days of contact there, and at least
    ``colleague_session_share`` of all their contact), with no company
    evidence. This is only a *possible* colleague: low confidence, shown as
    such, never a "Former colleague at X" reason, never an opener about
    shared work and never counted in the career view.

Never evidence: mass messages (a thread of ``broadcast_group_size`` or more
participants), people whose title is a recruiter's at another company than
P's (they write about your employer, they don't work there), cold pitches
and non-persons (``people.kind``; they are not scored at all).

Confidence per level is ``ScoringParams.colleague_level_confidence``
(1.0, 0.9, 0.8 and 0.3 by default; *untested priors*, ordered by strength).

Examples
--------
>>> company_patterns(pl.Series(["Nimbleford Analytics Ltd", "Data Corp", None]))
{'nimbleford analytics': 'nimbleford analytics', 'nimbleford': 'nimbleford analytics'}
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import polars as pl

from tiekeeper.companies import is_placeholder_series, normalize_company_series
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.pitches import RECRUITER_PATTERN

__all__ = [
    "COLLEAGUE_LEVELS",
    "GENERIC_COMPANY_WORDS",
    "POSSIBLE_LEVEL",
    "colleague_matches",
    "company_patterns",
    "evidence_events",
    "export_evidence",
]

#: The levels that make a former colleague, strongest first (score column
#: ``former_colleague_evidence``).
COLLEAGUE_LEVELS: tuple[str, ...] = (
    "recommendation",
    "endorsement",
    "message_names_company",
    "company_and_overlap",
)
#: Level (d): a *possible* colleague (score column ``possible_colleague``).
POSSIBLE_LEVEL = "connected_and_messaged"

#: First words of company names too common to stand for the company alone in
#: a message ("Global Data Partners" is not named by "global").
GENERIC_COMPANY_WORDS: frozenset[str] = frozenset(
    {
        "global", "international", "national", "united", "general", "first", "american",
        "british", "european", "digital", "data", "smart", "group", "the", "new",
        "royal", "city", "central", "north", "south", "east", "west", "open", "bank",
        "best", "great", "advanced", "applied", "modern", "future", "next", "prime",
    }
)  # fmt: skip
_MIN_WORD = 5  # a first word shorter than this is not a name on its own ("acme" is)


def company_patterns(companies: pl.Series) -> dict[str, str]:
    """Lower-case phrases that name each company in a message, mapped to its company key.

    The normalised key itself ("nimbleford analytics"), and its first word when
    the key has several words, that word has at least five letters and is not
    in :data:`GENERIC_COMPANY_WORDS` ("nimbleford"). A key of one short or
    generic word ("data corp" → "data") names nothing: it would match any text.
    """
    out: dict[str, str] = {}
    for key in normalize_company_series(companies).drop_nulls().unique(maintain_order=True):
        words = key.split()
        if len(words) == 1 and (len(key) < _MIN_WORD - 1 or key in GENERIC_COMPANY_WORDS):
            continue
        if len(words) > 1 and words[0] in GENERIC_COMPANY_WORDS and len(key) < 12:
            continue
        out.setdefault(key, key)
        first = words[0]
        if len(words) > 1 and len(first) >= _MIN_WORD and first not in GENERIC_COMPANY_WORDS:
            out.setdefault(first, key)
    return out


def evidence_events(
    interactions: pl.DataFrame,
    messages: pl.DataFrame | None,
    positions: pl.DataFrame,
    params: ScoringParams,
) -> pl.DataFrame:
    """Dated colleague evidence per person: ``person_id``, ``day``, ``source``, ``company_key``.

    ``source`` is ``endorsement`` or ``recommendation`` (from interactions),
    ``names_company`` (a message naming one of the owner's companies, with
    its key) or ``contact`` (a message in a thread of fewer than
    ``broadcast_group_size`` participants).
    """
    schema = {
        "person_id": pl.String,
        "day": pl.Date,
        "source": pl.String,
        "company_key": pl.String,
    }
    day = pl.col("time").dt.date()
    ev = interactions.lazy()
    parts = [
        ev.filter(pl.col("kind").is_in(["endorsement", "recommendation"])).select(
            "person_id", day=day, source=pl.col("kind"), company_key=pl.lit(None, pl.String)
        ),
        ev.filter(
            (pl.col("kind") == "message")
            & (pl.col("participants").fill_null(1) < params.broadcast_group_size)
        ).select(
            "person_id", day=day, source=pl.lit("contact"), company_key=pl.lit(None, pl.String)
        ),
    ]
    needed = {"is_interaction", "participants", "time", "from_owner", "sender_id"}
    needed |= {"recipient_ids"}
    if (
        messages is not None
        and messages.height
        and positions.height
        and "company" in positions.columns
        and needed <= set(messages.columns)
        and ({"text", "companies_named"} & set(messages.columns))
    ):
        patterns = company_patterns(positions["company"])
        if patterns:
            parts.append(_naming_messages(messages, patterns, params))
    return pl.concat([p.cast(schema) for p in parts]).unique().collect()  # type: ignore[arg-type]


def export_evidence(frames: Any, as_of: dt.datetime, params: ScoringParams) -> pl.DataFrame:
    """:func:`evidence_events` of an export's scoring frames, up to ``as_of``.

    ``frames`` is :func:`tiekeeper.scoring._frames.export_frames` of the export.
    """
    upto = frames.interactions.filter(pl.col("time") <= as_of)
    return evidence_events(upto, frames.messages, frames.positions, params)


def _naming_messages(
    messages: pl.DataFrame, patterns: dict[str, str], params: ScoringParams
) -> pl.LazyFrame:
    """(person, day, company key) of 1:1 and small-group messages that name a company."""
    keys = list(patterns)
    small = messages.lazy().filter(
        pl.col("is_interaction")
        & (pl.col("participants").fill_null(1) < params.broadcast_group_size)
    )
    if "companies_named" in messages.columns:  # archived without text: found at add time
        found = small.select(
            "time", "from_owner", "sender_id", "recipient_ids", _hit=pl.col("companies_named")
        ).filter(pl.col("_hit").list.len() > 0)
    else:
        # One Aho-Corasick pass finds the texts that hold a company phrase anywhere; on
        # those few, a whole-word regex keeps only real mentions ("Intel", not
        # "artificial intelligence"; "Shell", not "in a nutshell").
        words = r"(?i)\b(?:" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
        found = (
            small.filter(pl.col("text").is_not_null())
            .select("time", "text", "from_owner", "sender_id", "recipient_ids")
            .filter(pl.col("text").str.contains_any(keys, ascii_case_insensitive=True))
            .with_columns(_hit=pl.col("text").str.extract_all(words + r")\b"))
            .filter(pl.col("_hit").list.len() > 0)
        )
    person = (
        pl.when(pl.col("from_owner"))
        .then(pl.col("recipient_ids"))
        .otherwise(pl.concat_list(pl.col("sender_id")))
    )
    return (
        found.select(
            person_id=person,
            day=pl.col("time").dt.date(),
            company_key=pl.col("_hit").list.eval(pl.element().str.to_lowercase()),
        )
        .explode("person_id")
        .explode("company_key")
        .filter(pl.col("person_id").is_not_null())
        .select(
            "person_id",
            "day",
            source=pl.lit("names_company"),
            company_key=pl.col("company_key").replace_strict(patterns, default=None),
        )
    )


def colleague_matches(
    positions: pl.DataFrame,
    people: pl.DataFrame,
    sessions: pl.DataFrame,
    as_of: dt.date,
    params: ScoringParams,
    evidence: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every (position, person) pair with colleague evidence, at its strongest level.

    Parameters
    ----------
    positions : polars.DataFrame
        The export's ``positions`` frame.
    people : polars.DataFrame
        ``person_id``, ``company``, ``connected_on`` and, when present,
        ``position`` (the title, for the recruiter rule).
    sessions : polars.DataFrame
        ``person_id`` and ``day``: one row per session day (events ≤ ``as_of``),
        for the contact counts during and after each position.
    as_of : datetime.date
    params : ScoringParams
    evidence : polars.DataFrame, optional
        :func:`evidence_events`. Without it, sessions stand for contact and
        only levels (c) and (d) can be reached.

    Returns
    -------
    polars.DataFrame
        ``position``, ``person_id``, ``level`` (a name of
        :data:`COLLEAGUE_LEVELS` or :data:`POSSIBLE_LEVEL`), ``possible``
        (level (d)), ``confidence``, ``sessions_during`` (sessions within
        [start, end]), ``sessions_after`` (after the end), plus the position's
        ``company``, ``title``, ``started_on``, ``end`` and ``current``.
    """
    from tiekeeper.scoring.career import owner_positions, session_counts

    p = params
    pos = owner_positions(positions, as_of)
    lo = pl.col("started_on") - pl.duration(days=p.colleague_before_days)
    hi = pl.coalesce(pl.col("end"), pl.lit(as_of)) + pl.duration(days=p.colleague_after_days)
    pos = pos.with_columns(_lo=lo, _hi=hi, _end=pl.coalesce(pl.col("end"), pl.lit(as_of)))
    # placeholder employers (Self-employed, Stealth …) make nobody a colleague
    pos = pos.filter(~is_placeholder_series(pos["company"]) & pl.col("company_key").is_not_null())
    title = people["position"] if "position" in people.columns else None
    ppl = people.select(
        "person_id",
        "connected_on",
        _ckey=normalize_company_series(people["company"]),
        _recruiter=(
            title.fill_null("").str.contains(RECRUITER_PATTERN)
            if title is not None
            else pl.lit(False)
        ),
    ).filter(pl.col("person_id").is_not_null())
    counts = session_counts(sessions, pos)
    if evidence is None:
        evidence = sessions.select("person_id", "day", source=pl.lit("contact"))
        evidence = evidence.with_columns(company_key=pl.lit(None, pl.String))
    win = pos.select("position", "company_key", "_lo", "_hi")
    # one filter per position (an owner has a handful) instead of a cross join
    per_position = []
    for position, key, lo, hi in win.iter_rows():
        within = evidence.filter(pl.col("day").is_between(lo, hi)).filter(
            (pl.col("source") != "names_company") | (pl.col("company_key") == key)
        )
        per_position.append(
            within.group_by("person_id").agg(
                position=pl.lit(position, dtype=pl.Int64),
                _endorse=(pl.col("source") == "endorsement").any(),
                _recommend=(pl.col("source") == "recommendation").any(),
                _names=(pl.col("source") == "names_company").any(),
                _contact=(pl.col("source") == "contact").any(),
            )
        )
    hits = pl.concat(per_position) if per_position else pl.DataFrame(
        schema={"person_id": pl.String, "position": pl.Int64, "_endorse": pl.Boolean,
                "_recommend": pl.Boolean, "_names": pl.Boolean, "_contact": pl.Boolean}
    )  # fmt: skip
    # only people with some evidence, their employer's company, or a connection date can
    # reach a level: the rest never enter the (people x positions) pairs
    keys = pos["company_key"].drop_nulls().unique().implode()
    lo_all, hi_all = win["_lo"].min(), win["_hi"].max()
    maybe = ppl.filter(
        pl.col("person_id").is_in(hits["person_id"].unique().implode())
        | pl.col("_ckey").is_in(keys)
        | pl.col("connected_on").is_between(lo_all, hi_all)
    )
    pairs = (
        maybe.join(win, how="cross")
        .join(hits, on=["position", "person_id"], how="left")
        .join(counts, on=["position", "person_id"], how="left")
    )
    same = pl.col("_ckey").is_not_null() & (pl.col("_ckey") == pl.col("company_key"))
    outsider = pl.col("_recruiter") & ~same  # a recruiter at another company
    conn = pl.col("connected_on")
    connected = conn.is_not_null() & (conn >= pl.col("_lo")) & (conn <= pl.col("_hi"))
    contact = pl.col("_contact").fill_null(False)
    inside = pl.col("_in").fill_null(0)
    talked = (inside >= p.colleague_min_sessions) & (
        inside >= p.colleague_session_share * pl.col("_total").fill_null(0)
    )
    a, b, c, d = p.colleague_level_confidence
    level = (
        pl.when(pl.col("_recommend").fill_null(False) & ~outsider)
        .then(pl.lit("recommendation"))
        .when(pl.col("_endorse").fill_null(False) & ~outsider)
        .then(pl.lit("endorsement"))
        .when(pl.col("_names").fill_null(False) & ~outsider)
        .then(pl.lit("message_names_company"))
        .when(same & (connected | contact))
        .then(pl.lit("company_and_overlap"))
        .when(connected & contact & talked & ~outsider)
        .then(pl.lit(POSSIBLE_LEVEL))
    )
    confidence = (
        pl.when(pl.col("level").is_in(["endorsement", "recommendation"]))
        .then(pl.lit(a))
        .when(pl.col("level") == "message_names_company")
        .then(pl.lit(b))
        .when(pl.col("level") == "company_and_overlap")
        .then(pl.lit(c))
        .otherwise(pl.lit(d))
    )
    return (
        pairs.with_columns(level=level)
        .filter(pl.col("level").is_not_null())
        .with_columns(confidence=confidence, possible=pl.col("level") == POSSIBLE_LEVEL)
        .select(
            "position",
            "person_id",
            "level",
            "possible",
            "confidence",
            pl.col("sessions_during").fill_null(0).cast(pl.Int64),
            pl.col("sessions_after").fill_null(0).cast(pl.Int64),
        )
        .join(
            pos.select("position", "company", "title", "started_on", "end", "current"),
            on="position",
        )
        .sort("position", "person_id")
    )
