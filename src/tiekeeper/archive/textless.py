"""``archive add --no-message-text``: messages stored without what people wrote.

The message frames (messages and the coach files) keep every column but
``content``, ``subject`` and ``text``, which are stored null, and
invitations' personal notes become :data:`NOTE_MARK` (the fact that a note
was sent is kept, its words are not). Stored instead, per message:

- ``text_digest``: blake2b-64 of the white-space-normalised text
  (:func:`tiekeeper.history.merge.text_digest`), so histories still merge;
- ``words``: the word count, which weighs contact;
- the flags judgement derives from text, computed at add time with the
  default :class:`~tiekeeper.scoring.params.ScoringParams` and the owner
  inferred then: ``flag_closer``, ``flag_broadcast_text``,
  ``flag_pitch_text``, ``flag_pitch_subject``, ``flag_marketing_markup``,
  ``flag_footer`` and ``flag_names_company`` (the text names a company of the
  owner's positions).

These columns are kept in the snapshot, beside the frames; see the README for
which judgements a text-less snapshot cannot repeat.
"""

from __future__ import annotations

import polars as pl

from tiekeeper.io.loader import ParsedExport

__all__ = ["FLAGS", "NOTE_MARK", "TEXT_COLUMNS", "textless", "textless_invitations"]

#: Columns of a message frame that hold what people wrote.
TEXT_COLUMNS = ("content", "subject", "text")
#: What an invitation's personal note becomes.
NOTE_MARK = "[note not archived]"
FLAGS = (
    "flag_closer",
    "flag_broadcast_text",
    "flag_pitch_text",
    "flag_pitch_subject",
    "flag_marketing_markup",
    "flag_footer",
    "flag_names_company",
)


def _names_company(text: pl.Series, positions: pl.DataFrame) -> pl.Series:
    from tiekeeper.companies import normalize_company

    companies = {
        c
        for c in (normalize_company(v) for v in positions["company"].drop_nulls().to_list())
        if c and len(c) >= 2
    }
    if not companies:
        return pl.repeat(False, len(text), dtype=pl.Boolean, eager=True)
    words = "|".join(sorted(pl.Series(list(companies)).str.escape_regex().to_list()))
    return text.str.contains(rf"(?i)\b(?:{words})\b").fill_null(False)


def _flags(frame: pl.DataFrame, text: pl.Series, parsed: ParsedExport) -> list[pl.Series]:
    from tiekeeper.archive.write import _owner
    from tiekeeper.io.kinds import _footer, _markup
    from tiekeeper.scoring.broadcasts import broadcast_text
    from tiekeeper.scoring.closers import is_closer
    from tiekeeper.scoring.params import ScoringParams
    from tiekeeper.scoring.pitches import JOB_PITCH_PATTERN, PITCH_TEXT_PATTERN

    names, _ = _owner(parsed)
    p = ScoringParams()
    return [
        is_closer(text, names=names, max_words=p.closer_max_words).alias("flag_closer"),
        broadcast_text(text).fill_null(False).alias("flag_broadcast_text"),
        text.str.contains(PITCH_TEXT_PATTERN).fill_null(False).alias("flag_pitch_text"),
        frame["subject"]
        .str.contains(JOB_PITCH_PATTERN)
        .fill_null(False)
        .alias("flag_pitch_subject"),
        _markup(frame["content"]).fill_null(False).alias("flag_marketing_markup"),
        _footer(frame["content"]).fill_null(False).alias("flag_footer"),
        _names_company(text, parsed.frames["positions"]).alias("flag_names_company"),
    ]


def textless(
    frame: pl.DataFrame, done: pl.DataFrame, parsed: ParsedExport
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A message frame and its completed columns with no text, plus digest and flags."""
    from tiekeeper.history.merge import text_digest

    text = done["text"]
    extra = [text_digest(text), *_flags(frame, text, parsed)]
    frame = frame.with_columns(
        pl.lit(None, dtype=pl.String).alias(c) for c in ("content", "subject")
    )
    done = done.with_columns(pl.lit(None, dtype=pl.String).alias("text"), *extra)
    return frame, done


def textless_invitations(frame: pl.DataFrame) -> pl.DataFrame:
    """Invitations with each personal note replaced by :data:`NOTE_MARK`."""
    return frame.with_columns(
        pl.when(pl.col("message").is_not_null()).then(pl.lit(NOTE_MARK)).alias("message")
    )
