"""A parsed export as the frames the archive stores, and back.

What is stored is what the parsers produced (:class:`~tiekeeper.io.loader.ParsedExport`):
every frame, the completed columns (message text and word counts), the parse
report's rows and the rejected records, and the unknown CSV files. Identity
columns (``person_id``, ``sender_id``, ``recipient_ids``, ``participants``,
and ``from_owner`` where no ``Direction`` column gave it) are null at that
stage; they are left out and rebuilt on load by the current code, like
people, interactions and scores. The parser's raw combination code and its
file (``_combo_raw``, ``_combo_file``) are stored as one dense code,
``_combo`` (:func:`tiekeeper.io.combos.combination_code`), and the parsed
columns that code determines (:data:`COMBO_COLUMNS`: sender, recipients and
their keys) once per code, in ``combos-messages``: the million message rows
hold a few tens of thousands of combinations. They are gathered back to every
row on load (:func:`join_combos`).

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
from tiekeeper.io.threads import conversation_codes
from tiekeeper.schema import polars_schema

__all__ = [
    "COMBO_COLUMNS",
    "IDENTITY_COLUMNS",
    "content_diff",
    "content_restore",
    "drop_identity",
    "join_combos",
    "join_conversations",
    "report_frame",
    "report_from_frame",
    "restore_identity",
    "split_combos",
    "split_conversations",
]

#: Columns filled once the owner and identities are known, with their dtype.
IDENTITY_COLUMNS: dict[str, pl.DataType] = {
    "person_id": pl.String(),
    "sender_id": pl.String(),
    "recipient_ids": pl.List(pl.String()),
    "participants": polars_schema("messages")["participants"],
    "from_owner": pl.Boolean(),
}


#: Parsed message columns that the parser's combination (``_combo``) determines.
COMBO_COLUMNS = (
    "sender_name",
    "sender_url",
    "recipient_names",
    "recipient_urls",
    "recipients_method",
    "_names_key",
    "_urls_key",
)


def split_combos(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame | None, list[list[Any]]]:
    """``frame`` without :data:`COMBO_COLUMNS`, those columns once per ``_combo``, their places.

    Returns ``frame`` unchanged and None when it has no ``_combo`` or when the
    code does not determine the columns (checked: nothing is ever lost).

    Examples
    --------
    >>> f = pl.DataFrame({"sender_name": ["Ada", "Bob", "Ada"], "_combo": [0, 1, 0]})
    >>> rest, once, where = split_combos(f)
    >>> rest.columns, once["sender_name"].to_list(), where
    (['_combo'], ['Ada', 'Bob'], [['sender_name', 0]])
    >>> join_combos(rest, once, where).equals(f)
    True
    """
    cols = [c for c in COMBO_COLUMNS if c in frame.columns]
    if "_combo" not in frame.columns or not cols:
        return frame, None, []
    code = frame.get_column("_combo")
    once = frame.select(cols).gather(code.is_first_distinct().arg_true())
    back = once.gather(code)
    if not all(_same(frame.get_column(c), back.get_column(c)) for c in cols):
        return frame, None, []
    return frame.drop(cols), once, [[c, frame.columns.index(c)] for c in cols]


def _same(a: pl.Series, b: pl.Series) -> bool:
    """``a.equals(b)`` (nulls equal), faster for lists of scalars.

    Equal lengths row by row (null for a null list) and equal flattened items
    mean equal lists; comparing lists as such is about 15x slower.

    Examples
    --------
    >>> a = pl.Series([["x"], [], None, [None]])
    >>> _same(a, a.clone()), _same(a, pl.Series([["x"], [None], None, []]))
    (True, False)
    """
    if a.dtype != b.dtype or len(a) != len(b):
        return False
    if isinstance(a.dtype, pl.List) and not a.dtype.inner.is_nested():
        return a.list.len().equals(b.list.len()) and a.explode().equals(b.explode())
    return a.equals(b)


def join_combos(frame: pl.DataFrame, once: pl.DataFrame, where: list[list[Any]]) -> pl.DataFrame:
    """Undo :func:`split_combos`: gather the columns back to every row, in their places.

    Gathered chunk by chunk of ``_combo``, so that the columns keep the
    frame's chunks (mismatched chunks would make polars copy the frame).
    """
    parts = [once.gather(chunk) for chunk in frame.get_column("_combo").get_chunks()]
    cols = list(frame.columns)
    for name, i in sorted(where, key=lambda w: int(w[1])):
        cols.insert(int(i), name)
    return frame.hstack(pl.concat(parts, rechunk=False)).select(cols)


def split_conversations(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame | None, int]:
    """``frame`` with a dense ``_conv`` code in place of ``conversation_id``, the ids once.

    A million message rows hold a few tens of thousands of conversations, whose
    ids are long strings: the archive stores each once (``conversations-<name>``)
    and the rows' codes (:func:`~tiekeeper.io.threads.conversation_codes`), which
    :func:`~tiekeeper.io.threads.finish_messages` then uses as they are. Returns
    ``frame`` unchanged and None without a ``conversation_id`` column, and the
    column's position.

    Examples
    --------
    >>> f = pl.DataFrame({"conversation_id": ["c1", "c1", None, "c2"], "x": [1, 2, 3, 4]})
    >>> rest, once, at = split_conversations(f)
    >>> rest.columns, once["conversation_id"].to_list(), rest["_conv"].to_list(), at
    (['x', '_conv'], ['c1', 'c2'], [0, 0, None, 1], 0)
    >>> join_conversations(rest, once, at).drop("_conv").equals(f)
    True
    """
    if "conversation_id" not in frame.columns or frame.schema["conversation_id"] != pl.String:
        return frame, None, -1
    at = frame.columns.index("conversation_id")
    codes, ids = conversation_codes(frame.get_column("conversation_id"))
    rest = frame.drop("conversation_id").with_columns(codes.alias("_conv"))
    return rest, ids.alias("conversation_id").to_frame(), at


def join_conversations(frame: pl.DataFrame, once: pl.DataFrame, at: int) -> pl.DataFrame:
    """Undo :func:`split_conversations`, keeping ``_conv`` (chunk by chunk, as :func:`join_combos`).

    A code out of range is an error (polars raises it): the snapshot is damaged.
    """
    ids = once.get_column("conversation_id")
    parts = [ids.gather(chunk) for chunk in frame.get_column("_conv").get_chunks()]
    conv = pl.concat(parts, rechunk=False) if parts else ids.clear()
    return frame.insert_column(at, conv.alias("conversation_id"))


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
    cols: list[pl.Expr] = [pl.col(c) for c in frame.columns]
    for name, i in sorted(dropped, key=lambda d: int(d[1])):
        cols.insert(int(i), pl.lit(None, dtype=IDENTITY_COLUMNS[name]).alias(name))
    return frame.select(cols)


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
