"""Cold pitches: people who only ever wrote to the owner to offer a job, and were never answered.

Two kinds of evidence, either is enough:

* **title**: their current title (Connections, export time) is a recruiting
  one (:data:`RECRUITER_PATTERN`: recruiters, sourcers, talent partners,
  executive search, headhunters, in a few languages);
* **message**: their first message opened a new 1:1 thread with a job pitch:
  an InMail-like subject or conversation title naming a role
  (:data:`JOB_PITCH_PATTERN`), or an opening line that pitches one
  (:data:`PITCH_TEXT_PATTERN`).

A person with such evidence is a *cold pitch* at T when they wrote to the owner
and the owner never wrote back up to T (no outgoing message and no logged
contact). A cold pitch has no relationship to keep up: its ranked strength is
0, it is never a reach-out suggestion, never an owed reply and never a former
colleague. Once the owner answers, the person is scored like anyone else.

Examples
--------
>>> titles = pl.Series(["Executive Search Consultant", "Talent Partner", "Sourcer",
...                     "Headhunter", "Engineering Manager | we're hiring", "Strategic Sourcing"])
>>> titles.str.contains(RECRUITER_PATTERN).to_list()
[True, True, True, True, False, False]
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

__all__ = [
    "JOB_PITCH_PATTERN",
    "PITCH_TEXT_PATTERN",
    "RECRUITER_PATTERN",
    "inbound_only",
    "pitch_evidence",
    "pitch_threads",
]

#: Recruiting job titles (case-insensitive regular expression).
RECRUITER_PATTERN = (
    r"(?i)\b(?:recruit|recrut|reclut)\w*"
    r"|\btalent\s+(?:acquisition|partner|sourc\w*|scout|advisor|specialist|lead|consultant"
    r"|researcher|hunter|attraction)"
    r"|\bsourcer\b|\bresourcer\b|\bhead\s*-?\s*hunt\w*"
    r"|\bexecutive\s+search|\bsearch\s+(?:consultant|partner|associate|researcher)"
    r"|\bstaffing\b|\bta\s+(?:partner|specialist|lead|manager)\b|\bpersonalberat\w*"
)
#: A subject or conversation title that names a job (InMail-like threads carry one).
JOB_PITCH_PATTERN = (
    r"(?i)\b(?:opportunit\w*|roles?|positions?|openings?|vacanc\w*|jobs?|careers?|hiring"
    r"|recruit\w*|headhunt\w*|(?:confidential|executive)\s+search)\b"
)
#: An opening line that pitches a job, for pitches sent without a subject.
PITCH_TEXT_PATTERN = (
    r"(?i)\b(?:exciting|new|great|unique|career)\s+opportunit"
    r"|\bopen\s+to\s+(?:new\s+)?(?:opportunities|roles|a\s+(?:new\s+)?(?:role|move|challenge))"
    r"|\b(?:role|position|opening|vacancy)\s+(?:with|at|for)\s+(?:one\s+of\s+)?(?:our|a)\s+clients?\b"
    r"|\bour\s+client\b|\bconfidential\s+(?:search|role|opportunity)|\bstrong\s+fit\s+for\b"
    r"|\bI(?:'m|\s+am)\s+(?:a\s+)?recruit\w*|\b(?:recruiting|hiring)\s+for\b"
)
_EMPTY = {"person_id": pl.String, "pitch_evidence": pl.String}


def inbound_only(events: pl.DataFrame, as_of_us: int) -> pl.Series:
    """Person ids with an incoming message up to T and no outgoing message or logged contact.

    Examples
    --------
    >>> import datetime as dt
    >>> t = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    >>> ev = pl.DataFrame({"person_id": ["a", "b", "b", "c"], "time": [t] * 4,
    ...     "kind": ["message", "message", "contact_log", "endorsement"],
    ...     "direction": ["in", "in", "out", "in"]})
    >>> inbound_only(ev, 10**18).to_list()
    ['a']
    """
    past = events.filter(pl.col("time").dt.epoch("us") <= as_of_us)
    contact = pl.col("kind").is_in(["message", "contact_log"])
    per = (
        past.filter(contact)
        .group_by("person_id")
        .agg(
            _in=((pl.col("kind") == "message") & (pl.col("direction") == "in")).any(),
            _out=(pl.col("direction") == "out").any(),
        )
    )
    return per.filter(pl.col("_in") & ~pl.col("_out"))["person_id"].sort()


def _usable(messages: pl.DataFrame | None) -> bool:
    need = {"conversation_id", "time", "sender_id", "from_owner"}
    return messages is not None and messages.height > 0 and need <= set(messages.columns)


def _rows(messages: pl.DataFrame, which: pl.Expr, as_of_us: int) -> pl.DataFrame:
    """The interaction messages up to T that ``which`` selects, in one filter pass.

    One combined mask gathers only the few selected rows, never a copy of the
    whole (text-heavy) messages frame.
    """
    keep = which & (pl.col("time").dt.epoch("us") <= as_of_us)
    if "is_interaction" in messages.columns:
        keep = keep & pl.col("is_interaction").fill_null(False)
    return messages.filter(keep)


def _flag(messages: pl.DataFrame) -> list[str]:
    return ["is_interaction"] if "is_interaction" in messages.columns else []


def _text(col: str, frame: pl.DataFrame) -> pl.Expr:
    return pl.col(col).fill_null("") if col in frame.columns else pl.lit("")


def _pitch_expr(frame: pl.DataFrame) -> pl.Expr:
    """A job pitch by subject, conversation title or opening line (1:1 only)."""
    subject = _text("subject", frame).str.contains(JOB_PITCH_PATTERN)
    title = _text("conversation_title", frame).str.contains(JOB_PITCH_PATTERN)
    text = _text("text", frame).str.contains(PITCH_TEXT_PATTERN)
    if "flag_pitch_text" in frame.columns:  # archived without text: the flags stored with it
        subject = pl.col("flag_pitch_subject")
        title = pl.col("flag_pitch_title")
        text = pl.col("flag_pitch_text")
    one = (
        (pl.col("participants").fill_null(1) <= 1)
        if "participants" in frame.columns
        else pl.lit(True)
    )
    return one & (subject | title | text)


def pitch_threads(
    messages: pl.DataFrame | None, conversation_ids: Collection[str], as_of_us: int
) -> pl.DataFrame:
    """Which of these conversations a non-owner opened with a job pitch (messages up to T).

    Returns
    -------
    polars.DataFrame
        ``conversation_id`` and ``pitch_thread`` (bool), one row per id found.

    Examples
    --------
    >>> import datetime as dt
    >>> t = [dt.datetime(2024, 1, d, tzinfo=dt.UTC) for d in (1, 2, 3)]
    >>> m = pl.DataFrame({"conversation_id": ["c1", "c1", "c2"], "time": t,
    ...     "sender_id": ["r", None, "f"], "from_owner": [False, True, False],
    ...     "subject": ["Data Engineer opportunity", None, None],
    ...     "text": ["Hi", "No thanks", "Lunch?"], "participants": [1, 1, 1]})
    >>> pitch_threads(m, ["c1", "c2"], 10**18).sort("conversation_id").rows()
    [('c1', True), ('c2', False)]
    """
    ids = sorted({c for c in conversation_ids if c is not None})
    if messages is None or not _usable(messages) or not ids:
        return pl.DataFrame(schema={"conversation_id": pl.String, "pitch_thread": pl.Boolean})
    first = (
        _rows(messages, pl.col("conversation_id").is_in(ids), as_of_us)
        .sort("time")
        .group_by("conversation_id", maintain_order=True)
        .first()
    )
    pitch = ~pl.col("from_owner").fill_null(False) & _pitch_expr(first)
    return first.select("conversation_id", pitch_thread=pitch).sort("conversation_id")


def pitch_evidence(
    messages: pl.DataFrame | None,
    people: pl.DataFrame | None,
    person_ids: Collection[str],
    as_of_us: int,
) -> pl.DataFrame:
    """Job-pitch evidence for some people: a recruiting title, or a first message that pitched.

    Parameters
    ----------
    messages : polars.DataFrame or None
        The export's ``messages`` frame (schema ``messages``); None skips the
        message evidence.
    people : polars.DataFrame or None
        ``person_id`` and ``position`` (the title); None skips the title evidence.
    person_ids : collection of str
        Whom to check (usually the people who only ever wrote to the owner).
    as_of_us : int
        T in microseconds: later messages are ignored.

    Returns
    -------
    polars.DataFrame
        ``person_id`` and ``pitch_evidence`` (``'title'``, ``'message'`` or
        ``'title+message'``) for the people with evidence, sorted.

    Examples
    --------
    >>> import datetime as dt
    >>> t = [dt.datetime(2024, 1, d, tzinfo=dt.UTC) for d in (1, 2, 3)]
    >>> m = pl.DataFrame({"conversation_id": ["c1", "c2", "c2"], "time": t,
    ...     "sender_id": ["r", None, "x"], "from_owner": [False, True, False],
    ...     "subject": ["Staff Engineer role", "Data job?", None],
    ...     "text": ["Hi", "Hi", "Sure"], "participants": [1, 1, 1]})
    >>> ppl = pl.DataFrame({"person_id": ["r", "x", "s"],
    ...                     "position": [None, None, "Talent Partner"]})
    >>> pitch_evidence(m, ppl, ["r", "x", "s"], 10**18).rows()
    [('r', 'message'), ('s', 'title')]
    """
    ids = sorted({p for p in person_ids if p is not None})
    if not ids:
        return pl.DataFrame(schema=_EMPTY)
    by_title = pl.DataFrame(schema={"person_id": pl.String, "_title": pl.Boolean})
    if people is not None and {"person_id", "position"} <= set(people.columns):
        by_title = (
            people.filter(pl.col("person_id").is_in(ids))
            .select(
                "person_id",
                _title=pl.col("position").fill_null("").str.contains(RECRUITER_PATTERN),
            )
            .filter(pl.col("_title"))
            .unique("person_id")
        )
    by_message = _message_evidence(messages, ids, as_of_us)
    both = by_title.join(by_message, on="person_id", how="full", coalesce=True)
    out = both.select(
        "person_id",
        pitch_evidence=pl.concat_str(
            pl.when(pl.col("_title").fill_null(False)).then(pl.lit("title")),
            pl.when(pl.col("_message").fill_null(False)).then(pl.lit("message")),
            separator="+",
            ignore_nulls=True,
        ),
    )
    return out.filter(pl.col("pitch_evidence") != "").sort("person_id").cast(_EMPTY)  # type: ignore[arg-type]


def _message_evidence(messages: pl.DataFrame | None, ids: list[str], as_of_us: int) -> pl.DataFrame:
    """People whose first message opened a new 1:1 thread with a job pitch."""
    schema = {"person_id": pl.String, "_message": pl.Boolean}
    if messages is None or not _usable(messages):
        return pl.DataFrame(schema=schema)
    mine = pl.col("sender_id").is_in(ids) & ~pl.col("from_owner").fill_null(False)
    theirs = _rows(messages, mine, as_of_us)
    if theirs.height == 0:
        return pl.DataFrame(schema=schema)
    first = theirs.sort("time").group_by("sender_id", maintain_order=True).first()
    convs = first["conversation_id"].drop_nulls().unique()
    opened_at = (
        _rows(
            messages.select("conversation_id", "time", *_flag(messages)),
            pl.col("conversation_id").is_in(convs.implode()),
            as_of_us,
        )
        .group_by("conversation_id")
        .agg(_opened=pl.col("time").min())
    )
    first = first.join(opened_at, on="conversation_id", how="left")
    # a message without a conversation id (2018 files) stands alone: it opens its thread
    opens = pl.col("conversation_id").is_null() | (pl.col("time") <= pl.col("_opened"))
    return (
        first.filter(opens & _pitch_expr(first))
        .select(pl.col("sender_id").alias("person_id"), _message=pl.lit(True))
        .cast(schema)  # type: ignore[arg-type]
    )
