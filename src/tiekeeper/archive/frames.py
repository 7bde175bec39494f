"""A parsed export as the frames the archive stores, and back.

What is stored is what the parsers produced (:class:`~tiekeeper.io.loader.ParsedExport`):
every frame, the completed columns (message text and word counts), the parse
report's rows and the rejected records, and the unknown CSV files. Identity
columns (``person_id``, ``sender_id``, ``recipient_ids``, ``participants``,
and ``from_owner`` where no ``Direction`` column gave it) are null at that
stage; they are left out and rebuilt on load by the current code, like
people, interactions and scores. The parser's raw combination code and its
file (``_combo_raw``, ``_combo_file``) are stored as one dense code,
``_combo`` (:func:`tiekeeper.io.combos.combination_code`).

Message ``content`` is stored only where it differs from ``text`` (its
unescaped, tag-stripped form, stored whole): most messages are plain text,
and this halves the archive. With ``message_text=False`` neither is stored
(:mod:`tiekeeper.archive.textless`).

Examples
--------
>>> f = pl.DataFrame({"a": [1], "person_id": pl.Series([None], dtype=pl.String)})
>>> kept, dropped = drop_identity(f)
>>> kept.columns, dropped
(['a'], [['person_id', 1]])
>>> restore_identity(kept, dropped).equals(f)
True
"""

from __future__ import annotations

import dataclasses
from typing import Any

import polars as pl

from tiekeeper.io.files import Report, Row
from tiekeeper.schema import polars_schema

__all__ = [
    "IDENTITY_COLUMNS",
    "content_diff",
    "content_restore",
    "drop_identity",
    "report_frame",
    "report_from_frame",
    "restore_identity",
]

#: Columns filled once the owner and identities are known, with their dtype.
IDENTITY_COLUMNS: dict[str, pl.DataType] = {
    "person_id": pl.String(),
    "sender_id": pl.String(),
    "recipient_ids": pl.List(pl.String()),
    "participants": polars_schema("messages")["participants"],
    "from_owner": pl.Boolean(),
}


def drop_identity(frame: pl.DataFrame) -> tuple[pl.DataFrame, list[list[Any]]]:
    """``frame`` without its all-null identity columns, and ``[name, position]`` of each."""
    dropped: list[list[Any]] = []
    for i, (name, dtype) in enumerate(frame.schema.items()):
        if (
            name in IDENTITY_COLUMNS
            and dtype == IDENTITY_COLUMNS[name]
            and frame[name].null_count() == frame.height
        ):
            dropped.append([name, i])
    return frame.drop([n for n, _ in dropped]), dropped


def restore_identity(frame: pl.DataFrame, dropped: list[list[Any]]) -> pl.DataFrame:
    """Put the identity columns :func:`drop_identity` left out back, null, where they were."""
    if not dropped:
        return frame
    cols = list(frame.columns)
    for name, i in sorted(dropped, key=lambda d: int(d[1])):
        cols.insert(int(i), name)
    nulls = [pl.lit(None, dtype=IDENTITY_COLUMNS[n]).alias(n) for n, _ in dropped]
    return frame.with_columns(nulls).select(cols)


def content_diff(content: pl.Series, text: pl.Series) -> pl.Series | None:
    """``content`` null where it equals ``text``; None when that could not be undone.

    Examples
    --------
    >>> c = pl.Series("content", ["Hi", "<b>Yo</b>", None])
    >>> t = pl.Series("text", ["Hi", "Yo", None])
    >>> d = content_diff(c, t)
    >>> d.to_list(), content_restore(d, t).equals(c)
    ([None, '<b>Yo</b>', None], True)
    """
    if bool((content.is_null() & text.is_not_null()).any()):
        return None  # a null content beside a text would come back as the text
    same = (content == text).fill_null(False)
    return content.set(same, None)


def content_restore(diff: pl.Series, text: pl.Series) -> pl.Series:
    """Undo :func:`content_diff`: ``content`` from the differing values and ``text``.

    The few differing values are scattered into ``text``, chunk by chunk, so
    that ``content`` shares the rest of its strings and keeps its chunks (a
    coalesce would copy every string).
    """
    parts, offset = [], 0
    for chunk in text.get_chunks():
        part = diff.slice(offset, len(chunk))
        offset += len(chunk)
        where = part.is_not_null().arg_true()
        parts.append(chunk.scatter(where, part.gather(where)) if len(where) else chunk)
    if not parts:
        return diff.clone().alias("content")
    return pl.concat(parts, rechunk=False).alias("content")


def report_frame(report: Report) -> pl.DataFrame:
    """The parse report's rows in the order they were found (not sorted, unlike ``frame()``)."""
    schema = polars_schema("parse_report")
    data = [dataclasses.astuple(r) for r in report.rows]
    return pl.DataFrame(data, schema=schema, orient="row")


def report_from_frame(frame: pl.DataFrame, rejected: pl.DataFrame | None) -> Report:
    """A :class:`Report` from :func:`report_frame`'s rows and the rejected records."""
    rows = [Row(**{**r, "notes": list(r["notes"] or [])}) for r in frame.rows(named=True)]
    return Report(rows, [rejected] if rejected is not None and rejected.height else [])
