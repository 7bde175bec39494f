"""Repairs for three generically read files whose writer breaks CSV (reference §4.10, §8.19).

tiekeeper has no schema parser for ``Comments.csv``, ``Shares.csv`` or
``SearchQueries.csv``; their frames go to ``Export.other_files``. LinkedIn
writes each of them in a way that a plain RFC 4180 reader gets wrong, so
:func:`repair` fixes the table that :func:`~tiekeeper.io.csvfile.read_table`
returned for them. A file that needs no repair comes back as the same object:
same frame, no note.

Comments.csv (``Date,Link,Message``), two eras:

* 2021–2024 (CRLF): Message is quoted only when it holds a comma, so a
  multi-line comment without one is written raw. Each continuation line
  becomes a bogus 1-field record and each blank line a 0-field record. A
  record whose first field is not an F6 timestamp (``2023-12-10 09:53:09``,
  reference §3; the Date column, found by name) and that has fewer fields
  than the header continues the previous record's Message: its physical
  text is appended after ``\\n``, and the blank lines just before it add one
  empty line each. Blank lines that are followed by a new record (or by the
  end of the file) stay skipped records, as in every other file. A record
  with all its fields but no F6 date is kept as a record. A continuation
  line with no record before it, and the lines that continue a rejected
  record, go to ``rejected`` with that record.
* 2025 (LF): inner quotes are backslash-escaped (``\\"``). Only when the plain
  parse (with the repair above) still gives records with wrong field counts
  is the file read again with ``\\"`` as an escaped quote; other backslashes
  are kept as they are. The re-read is kept if it rejects fewer records.
  Limitation: a file whose plain read gives the right field counts is not
  re-read, so a one-line, comma-free message holding ``\\"`` keeps the
  plain reading of it.

Comments.csv and SearchQueries.csv are looked at again only when the plain
read rejected records, and only in UTF-8 comma-separated files (the 2018
UTF-16 files are fully quoted). Shares.csv is repaired whenever a multi-line
ShareCommentary has the wrapped shape.

Shares.csv: every physical line of a multi-line ShareCommentary is wrapped
in its own quotes, so after unquoting the value reads
``line1"\\n""\\n"line2"\\n"line3``. :func:`unwrap_share_lines` undoes that.
Values that do not have that shape are left as read. Columns are mapped by
name (``SharedURL`` became ``SharedUrl`` in 2024-06; only ShareCommentary is
touched).

SearchQueries.csv (2025-03+): queries holding commas are not quoted. A record
with more fields than the header gets its extra fields joined back with
``,`` into the query column (the column whose name holds ``search`` or
``query``, else the one that is not ``Time``).

Counting. ``rows_read`` keeps meaning ``rows_parsed + rows_rejected +
rows_skipped``, counted in records **after** repair: a continuation line
joined to its comment is part of that record, not a row of its own. The
file's parse-report row says how many raw lines were joined so that the
difference to a plain read is explained. A repaired record keeps the
physical line where it starts; records that still cannot be read go to
``rejected`` with that line, the reason and their physical text.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"Date,Link,Message\\r\\n2023-12-10 09:53:09,https://x/1,Interested\\r\\n"
...        b"MCA (freshers graduate)\\r\\n")
>>> t = repair(read_table(raw, "Comments.csv"), raw)
>>> t.data["Message"].to_list(), t.data["_line"].to_list(), t.rows_read
(['Interested\\nMCA (freshers graduate)'], [2], 1)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import polars as pl

from tiekeeper.io.registry import file_key
from tiekeeper.io.repairs._records import Read, Record, count_reason, read_records, rebuild
from tiekeeper.io.repairs.comments import is_f6, repair_comments
from tiekeeper.io.table import Table, unique_names

__all__ = ["is_f6", "repair", "unwrap_share_lines"]

_NEWLINE = re.compile(r"\r?\n")


def unwrap_share_lines(value: str) -> str:
    """Undo the per-line quote wrapping of a multi-line Shares.csv ShareCommentary.

    The value is split on ``\\r?\\n``; one leading ``"`` is stripped from
    lines 2..n and one trailing ``"`` from lines 1..n-1, and the lines are
    joined with ``\\n``. A single-line value, or one whose lines are not
    wrapped that way, is returned unchanged.

    Examples
    --------
    >>> unwrap_share_lines('line1"\\n""\\n"line2 says "hi""\\n"line3')
    'line1\\n\\nline2 says "hi"\\nline3'
    >>> unwrap_share_lines("one line"), unwrap_share_lines("not\\nwrapped")
    ('one line', 'not\\nwrapped')
    """
    parts = _NEWLINE.split(value)
    n = len(parts)
    if n < 2:
        return value
    for i, part in enumerate(parts):
        head, tail = i > 0, i < n - 1
        if len(part) < head + tail or (head and part[0] != '"') or (tail and part[-1] != '"'):
            return value
    return "\n".join(
        p[1 if i else 0 : len(p) - 1 if i < n - 1 else len(p)] for i, p in enumerate(parts)
    )


def _search_queries(recs: Iterator[Record], ncols: int, query: int) -> Read:
    """Join the fields an unquoted comma split off a query back into it."""
    out = Read()
    for rec in recs:
        n = len(rec.fields)
        if rec.error is not None:
            out.rejected.append((rec.line, rec.error, rec.raw))
        elif not any(rec.fields):
            out.skipped += 1
        elif n < ncols:
            out.rejected.append((rec.line, count_reason(n, ncols), rec.raw))
        else:
            end = query + n - ncols + 1  # the query's fields are rec.fields[query:end]
            f = rec.fields
            out.rows.append((rec.line, [*f[:query], ",".join(f[query:end]), *f[end:]]))
            out.repaired += n > ncols
    return out


def _repair_search_queries(table: Table, raw: bytes) -> Table:
    names = unique_names(table.header)
    hits = [i for i, h in enumerate(table.header) if re.search("search|query", h, re.IGNORECASE)]
    time = table.column("Time")
    if not hits and len(names) == 2 and time is not None:
        hits = [1 - names.index(time)]
    if len(hits) != 1 or not table.rejected.height:
        return table
    read = _search_queries(read_records(table, raw), len(names), hits[0])
    if not read.repaired:
        return table
    note = (
        f"{read.repaired} quer(y/ies) held commas but were not quoted (SearchQueries since "
        f"2025-03); the extra fields were joined back into {table.header[hits[0]]!r} with ',' "
        "(reference §4.10)"
    )
    return rebuild(table, read, [note])


def _repair_shares(table: Table) -> Table:
    col = table.column("ShareCommentary")
    if col is None or not table.data.height:
        return table
    before = table.data.get_column(col).to_list()
    after = [unwrap_share_lines(v) if v and "\n" in v else v for v in before]
    fixed = sum(a != b for a, b in zip(after, before, strict=True))
    if not fixed:
        return table
    left = sum(1 for v in before if v and "\n" in v) - fixed
    notes = [
        f"{fixed} multi-line ShareCommentary value(s) had each line wrapped in its own "
        "quotes; unwrapped (reference §4.10)"
    ]
    if left:
        notes.append(
            f"{left} multi-line ShareCommentary value(s) lack the per-line quotes; kept as read"
        )
    data = table.data.with_columns(pl.Series(col, after, dtype=pl.String))
    return dataclasses.replace(table, data=data, notes=[*table.notes, *notes])


def repair(table: Table, raw: bytes) -> Table:
    """Repair the table of ``Comments.csv``, ``Shares.csv`` or ``SearchQueries.csv``.

    Parameters
    ----------
    table : Table
        The file as :func:`~tiekeeper.io.csvfile.read_table` read it.
    raw : bytes
        The file's bytes (re-read record by record where a repair needs it).

    Returns
    -------
    Table
        ``table`` itself when the file is none of the three or needs no repair;
        otherwise a repaired copy whose ``notes`` say what was repaired and how
        many times. ``rows_read = data.height + rejected.height + rows_skipped``
        holds in both cases.

    Examples
    --------
    >>> from tiekeeper.io.csvfile import read_table
    >>> raw = b"Time,Search Query\\n2025/03/01 10:00:00 UTC,data engineer, remote\\n"
    >>> t = repair(read_table(raw, "SearchQueries.csv"), raw)
    >>> t.data["Search Query"].to_list(), t.rows_read, t.rejected.height
    (['data engineer, remote'], 1, 0)
    >>> plain = read_table(b"Date,Type,Link\\n2024-06-17 06:01:43,LIKE,x\\n", "Reactions.csv")
    >>> repair(plain, b"") is plain
    True
    """
    if not table.ok or table.data.width == 0:
        return table
    key = file_key(table.file)
    if key == "shares":
        return _repair_shares(table)
    if table.encoding not in ("utf-8", "utf-8-sig") or table.separator != ",":
        return table
    if key == "comments":
        return repair_comments(table, raw)
    if key in ("searchqueries", "search queries"):
        return _repair_search_queries(table, raw)
    return table
