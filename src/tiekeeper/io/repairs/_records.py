"""Re-read a file record by record for a repair (see :mod:`tiekeeper.io.repairs`).

:func:`read_records` yields every record after the header with the physical
line where it starts and its physical text; :func:`rebuild` turns repaired
records into a copy of the file's :class:`~tiekeeper.io.table.Table`.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = b"Time,Search Query\\n2025/03/01 10:00:00 UTC,a\\n\\n"
>>> [(r.line, r.fields, r.raw) for r in read_records(read_table(raw, "q.csv"), raw)]
[(2, ['2025/03/01 10:00:00 UTC', 'a'], '2025/03/01 10:00:00 UTC,a'), (3, [], '')]
"""

from __future__ import annotations

import csv
import dataclasses
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import polars as pl

from tiekeeper.io.table import LINE, Table, split_lines, unique_names
from tiekeeper.schema import empty_frame

__all__ = ["Read", "Record", "count_reason", "read_records", "rebuild"]

_LONE_BACKSLASH = re.compile(r'\\(?!")')


@dataclass
class Record:
    """One CSV record as read: its start line, fields and physical text.

    ``error`` is the :mod:`csv` error of a record that could not be read
    (then ``fields`` is empty).
    """

    line: int  # physical line where the record starts
    fields: list[str]
    raw: str  # physical text, without its final line end
    error: str | None = None


@dataclass
class Read:
    """The records of a file after a repair.

    ``rows`` are (start line, fields) with as many fields as the header;
    ``rejected`` are (start line, reason, physical text); ``skipped`` counts
    empty records; ``repaired`` the records a repair changed; ``joined`` and
    ``joined_blank`` the raw non-blank and blank lines joined to a record.
    """

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)
    skipped: int = 0
    repaired: int = 0  # records repaired
    joined: int = 0  # raw lines joined to a record
    joined_blank: int = 0


def read_records(table: Table, raw: bytes, *, backslash: bool = False) -> Iterator[Record]:
    """Yield the records after the header of ``table``'s file, read with :mod:`csv`.

    Parameters
    ----------
    table : Table
        The file as read; gives its encoding, separator and header line.
    raw : bytes
        The file's bytes.
    backslash : bool
        Read ``\\"`` as an escaped quote (Comments.csv, 2025); every other
        backslash stays a literal backslash.

    Yields
    ------
    Record
        With the physical line where it starts (line numbers count from the
        top of the file, as in ``Table.data``).

    Examples
    --------
    >>> from tiekeeper.io.csvfile import read_table
    >>> raw = b'Date,Link,Message\\n2025-01-02 03:04:05,x,"say \\\\"hi\\\\", C:\\\\temp"\\n'
    >>> [r.fields[2] for r in read_records(read_table(raw, "Comments.csv"), raw, backslash=True)]
    ['say "hi", C:\\\\temp']
    """
    text = raw.decode(table.encoding or "utf-8", errors="replace")
    lines = list(split_lines(text))[(table.header_line or 1) - 1 :]
    feed = [_LONE_BACKSLASH.sub(r"\\\\", ln) for ln in lines] if backslash else lines
    first = table.header_line or 1
    reader = csv.reader(
        iter(feed), delimiter=table.separator, escapechar="\\" if backslash else None
    )
    old = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize // 2)
    try:
        next(reader, None)  # the header
        prev = reader.line_num
        while True:
            error = None
            try:
                rec = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                rec, error = [], f"unreadable record ({err})"
            end = reader.line_num
            body = "".join(lines[prev:end])
            body = body.removesuffix("\n").removesuffix("\r")
            yield Record(first + prev, rec, body, error)
            prev = end
    finally:
        csv.field_size_limit(old)


def count_reason(n: int, ncols: int) -> str:
    """The reason given for a record with the wrong number of fields (as the exact reader).

    Examples
    --------
    >>> count_reason(1, 3)
    '1 fields, fewer than the 3 columns of the header'
    """
    why = "fewer" if n < ncols else "more"
    return f"{n} fields, {why} than the {ncols} columns of the header"


def rebuild(table: Table, read: Read, notes: Sequence[str]) -> Table:
    """A copy of ``table`` holding the records of ``read``, with ``notes`` added.

    Empty fields become null and ``rows_read = rows + rejected + skipped``,
    as in :func:`~tiekeeper.io.csvexact.read_exact`.

    Examples
    --------
    >>> t = rebuild(Table("q.csv", header=("Time", "Q")), Read(rows=[(2, ["t", ""])]), ["n"])
    >>> t.data.rows(), t.rows_read, t.notes
    ([('t', None, 2)], 1, ['n'])
    """
    names = unique_names(table.header)
    cols = list(zip(*(f for _, f in read.rows), strict=True)) or [() for _ in names]
    data = pl.DataFrame(
        {
            n: pl.Series(n, [v or None for v in c], dtype=pl.String)
            for n, c in zip(names, cols, strict=True)
        }
    ).with_columns(pl.Series(LINE, [line for line, _ in read.rows], dtype=pl.Int64))
    rejected = pl.DataFrame(
        {
            "file": [table.file] * len(read.rejected),
            "line": [r[0] for r in read.rejected],
            "reason": [r[1] for r in read.rejected],
            "raw": [r[2] for r in read.rejected],
        },
        schema=empty_frame("rejected").schema,
    )
    rows_read = data.height + rejected.height + read.skipped
    return dataclasses.replace(
        table,
        data=data,
        rejected=rejected,
        rows_read=rows_read,
        rows_skipped=read.skipped,
        notes=[*table.notes, *notes],
        fast=False,
    )
