"""``archive add --no-message-text``: messages stored without what people wrote.

The message frames (messages and the coach files) keep every column but
``content``, ``subject``, ``conversation_title`` and ``text``, which are
stored null, and invitations' personal notes become :data:`NOTE_MARK` (that
a note was sent is kept, not its words). Stored instead, per message
(:data:`TEXT_FLAGS`), computed at add time:

- ``text_digest``: blake2b-64 of the white-space-normalised text
  (:func:`tiekeeper.history.merge.text_digest`), and ``text_key``, of the
  exact text: equal texts stay equal (templates, repeated texts);
- ``words`` (a frame column, kept): the word count, which weighs contact;
- the flags judgement derives from text: ``flag_closer``
  (:func:`~tiekeeper.scoring.closers.is_closer`, with the owner's names and
  the default ``closer_max_words``), ``flag_broadcast_text``, ``flag_long_text``
  (long enough to count as a template), ``flag_pitch_text`` (set only on
  messages that open their conversation: the only ones read),
  ``flag_pitch_subject``, ``flag_pitch_title``, ``flag_marketing_markup``,
  ``flag_footer``, and ``companies_named`` (the phrases naming a company of
  the owner's positions).

On load they travel as ``Export.text_flags`` (row for row with ``messages``),
which the judgement code reads where ``text`` is missing.
"""

from __future__ import annotations

import polars as pl

from tiekeeper.io.files import Report
from tiekeeper.io.loader import ParsedExport

__all__ = [
    "NOTE_MARK",
    "TEXT_COLUMNS",
    "TEXT_FLAGS",
    "exact_key",
    "text_flags",
    "textless",
    "textless_invitations",
    "textless_rejected",
]

#: Columns of a message frame that hold what people wrote.
TEXT_COLUMNS = ("content", "subject", "conversation_title", "text")
#: What an invitation's personal note becomes.
NOTE_MARK = "[note not archived]"
#: The columns stored instead of the text, in order.
TEXT_FLAGS = (
    "text_digest",
    "text_key",
    "flag_closer",
    "flag_broadcast_text",
    "flag_long_text",
    "flag_pitch_text",
    "flag_pitch_subject",
    "flag_pitch_title",
    "flag_marketing_markup",
    "flag_footer",
    "companies_named",
)


def _companies_named(text: pl.Series, positions: pl.DataFrame) -> pl.Series:
    """The lower-case phrases of the owner's companies each text names (as colleagues finds)."""
    import re

    from tiekeeper.scoring.colleagues import company_patterns

    empty = pl.Series("companies_named", [[]] * len(text), dtype=pl.List(pl.String))
    if "company" not in positions.columns or positions.height == 0:
        return empty
    keys = list(company_patterns(positions["company"]))
    if not keys:
        return empty
    words = r"(?i)\b(?:" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    hit = text.str.contains_any(keys, ascii_case_insensitive=True).fill_null(False)
    found = text.str.extract_all(words + r")\b").list.eval(pl.element().str.to_lowercase())
    return (
        pl.select(pl.when(hit).then(found).otherwise(pl.lit([], dtype=pl.List(pl.String))))
        .to_series()
        .fill_null(pl.lit([], dtype=pl.List(pl.String)))
        .alias("companies_named")
    )


def exact_key(text: pl.Series) -> pl.Series:
    """A stable key of each exact text (blake2b-64), null for no text.

    Examples
    --------
    >>> exact_key(pl.Series(["a b", "a  b", None])).to_list()[2], exact_key(pl.Series(["x"])).len()
    (None, 1)
    """
    import hashlib

    from tiekeeper.keys import map_unique

    return map_unique(
        text, lambda t: hashlib.blake2b(t.encode("utf-8"), digest_size=8).hexdigest()
    ).alias("text_key")


def _pitch_text(frame: pl.DataFrame, text: pl.Series) -> pl.Series:
    """The pitch pattern, on the messages that open their conversation (the only ones judged).

    :mod:`~tiekeeper.scoring.pitches` reads a text only in the first interaction of a
    conversation, or in a message without a conversation id (2018); elsewhere the flag is
    False, which nothing reads. The pattern is slow on a million texts.
    """
    from tiekeeper.scoring.pitches import PITCH_TEXT_PATTERN

    opener = pl.col("conversation_id").is_null() | (
        pl.col("time")
        == pl.col("time").filter(pl.col("is_interaction")).min().over("conversation_id")
    )
    rows = frame.select(opener & pl.col("is_interaction")).to_series()
    out = pl.repeat(False, len(text), dtype=pl.Boolean, eager=True)
    if bool(rows.any()):
        idx = rows.arg_true()
        hit = text.gather(idx).fill_null("").str.contains(PITCH_TEXT_PATTERN)
        out = out.scatter(idx, hit)
    return out.alias("flag_pitch_text")


def text_flags(
    frame: pl.DataFrame, text: pl.Series, owner_names: list[str], positions: pl.DataFrame
) -> pl.DataFrame:
    """The :data:`TEXT_FLAGS` of a message frame with its ``text`` (row for row).

    Examples
    --------
    >>> import datetime as dt
    >>> f = pl.DataFrame({"content": ["Thanks!"], "subject": [None],
    ...     "conversation_title": [None], "conversation_id": ["c"],
    ...     "time": [dt.datetime(2024, 1, 1)], "is_interaction": [True]},
    ...     schema_overrides={"subject": pl.String, "conversation_title": pl.String})
    >>> flags = text_flags(f, pl.Series("text", ["Thanks!"]), ["Ada"], pl.DataFrame())
    >>> flags["flag_closer"].to_list(), flags.columns == list(TEXT_FLAGS)
    ([True], True)
    """
    from tiekeeper.history.merge import text_digest
    from tiekeeper.io.kinds import TEMPLATE_MIN_WORDS, _footer, _markup
    from tiekeeper.scoring.broadcasts import broadcast_text
    from tiekeeper.scoring.closers import is_closer
    from tiekeeper.scoring.params import ScoringParams
    from tiekeeper.scoring.pitches import JOB_PITCH_PATTERN

    p = ScoringParams()
    # every text-derived flag is computed once per distinct text, then spread to its rows
    uniq = text.unique().alias("text")
    plain = uniq.fill_null("")
    per_text = pl.DataFrame(
        [
            uniq,
            text_digest(uniq),
            exact_key(uniq),
            is_closer(uniq, names=owner_names, max_words=p.closer_max_words).alias("flag_closer"),
            broadcast_text(uniq).alias("flag_broadcast_text"),
            (plain.str.count_matches(r"\S+") >= TEMPLATE_MIN_WORDS).alias("flag_long_text"),
            _companies_named(uniq, positions),
        ]
    )
    rows = pl.DataFrame([text.alias("text")]).join(
        per_text, on="text", how="left", nulls_equal=True, maintain_order="left"
    )
    pitch_subject = frame["subject"].fill_null("").str.contains(JOB_PITCH_PATTERN)
    pitch_title = frame["conversation_title"].fill_null("").str.contains(JOB_PITCH_PATTERN)
    return rows.with_columns(
        _pitch_text(frame, text),
        pitch_subject.alias("flag_pitch_subject"),
        pitch_title.alias("flag_pitch_title"),
        _markup(frame["content"]).alias("flag_marketing_markup"),
        _footer(frame["content"]).alias("flag_footer"),
    ).select(TEXT_FLAGS)


def textless(
    frame: pl.DataFrame, done: pl.DataFrame, parsed: ParsedExport
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A message frame and its completed columns without text, the flags added to the latter."""
    from tiekeeper.archive.layout import inferred_owner

    names, _ = inferred_owner(parsed)
    flags = text_flags(frame, done["text"], names, parsed.frames["positions"])
    nulls = [pl.lit(None, dtype=pl.String).alias(c) for c in TEXT_COLUMNS if c in frame.columns]
    frame = frame.with_columns(c for c in nulls if c.meta.output_name() != "text")
    done = done.with_columns(pl.lit(None, dtype=pl.String).alias("text")).hstack(flags)
    return frame, done


#: Logical files whose rejected records may hold what people wrote.
_WRITTEN = ("messages", "invitations", "coach_messages", "learning_coach_messages",
            "learning_role_play_messages", "guide_messages")  # fmt: skip


def textless_rejected(rejected: pl.DataFrame, report: Report) -> pl.DataFrame:
    """Rejected records without ``raw`` where their file holds messages or invitation notes."""
    files = [r.file for r in report.rows if r.logical_name in _WRITTEN]
    return rejected.with_columns(
        pl.when(pl.col("file").is_in(files))
        .then(pl.lit(None, dtype=pl.String))
        .otherwise("raw")
        .alias("raw")
    )


def textless_invitations(frame: pl.DataFrame) -> pl.DataFrame:
    """Invitations with each personal note replaced by :data:`NOTE_MARK`."""
    return frame.with_columns(
        pl.when(pl.col("message").is_not_null()).then(pl.lit(NOTE_MARK)).alias("message")
    )
