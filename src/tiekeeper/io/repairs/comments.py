"""Comments.csv: unquoted multi-line comments and backslash-escaped quotes (reference §4.10).

See :mod:`tiekeeper.io.repairs` for the quirks and the repairs.

Examples
--------
>>> is_f6("2024-06-17 06:01:43")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tiekeeper.io.repairs._records import Read, Record, count_reason, read_records, rebuild
from tiekeeper.io.table import Table, unique_names

__all__ = ["is_f6", "repair_comments"]

_F6 = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_ESCAPED = '\\"'


def is_f6(value: str) -> bool:
    """Whether ``value`` is an F6 timestamp (``YYYY-MM-DD HH:MM:SS``, reference §3).

    Examples
    --------
    >>> is_f6("2023-12-10 09:53:09"), is_f6("MCA (freshers graduate)"), is_f6("")
    (True, False, False)
    """
    return _F6.fullmatch(value.strip()) is not None


@dataclass
class _Open:
    """A record that continuation lines may still extend."""

    line: int
    fields: list[str] | None  # None: the record is rejected
    raw: str
    reason: str = ""
    continued: bool = False


def _close(out: Read, rec: _Open | None) -> None:
    if rec is None:
        return
    if rec.fields is None:
        out.rejected.append((rec.line, rec.reason, rec.raw))
    else:
        out.rows.append((rec.line, rec.fields))
        out.repaired += rec.continued


def _comments(recs: Iterator[Record], ncols: int, date: int, message: int) -> Read:
    """Join continuation lines of unquoted multi-line comments to their record."""
    out = Read()
    cur: _Open | None = None
    blank = 0  # blank lines waiting to learn whether a continuation follows
    for rec in recs:
        if rec.error is None and not any(rec.fields):
            blank += 1
            continue
        n = len(rec.fields)
        starts = n >= ncols or (n > date and is_f6(rec.fields[date]))
        if rec.error is None and not starts and cur is not None:
            gap = "\n" * (blank + 1)
            if cur.fields is not None:
                cur.fields[message] += gap + rec.raw
            cur.raw += gap + rec.raw
            cur.continued = True
            out.joined += 1
            out.joined_blank += blank
            blank = 0
            continue
        _close(out, cur)
        out.skipped += blank
        blank = 0
        if rec.error is not None:
            cur = _Open(rec.line, None, rec.raw, rec.error)
        elif not starts:
            why = "does not start with a date and follows no record it could continue"
            cur = _Open(rec.line, None, rec.raw, why)
        elif n != ncols:
            cur = _Open(rec.line, None, rec.raw, count_reason(n, ncols))
        else:
            cur = _Open(rec.line, list(rec.fields), rec.raw)
    _close(out, cur)
    out.skipped += blank
    return out


def _index(table: Table, *names: str) -> int | None:
    col = table.column(*names)
    return None if col is None else unique_names(table.header).index(col)


def repair_comments(table: Table, raw: bytes) -> Table:
    """Repair a Comments.csv table (both eras); ``table`` itself if it needs no repair.

    Only a file whose plain read rejected records is looked at again.

    Parameters
    ----------
    table : Table
        The file as :func:`~tiekeeper.io.csvfile.read_table` read it.
    raw : bytes
        The file's bytes.

    Returns
    -------
    Table

    Examples
    --------
    >>> from tiekeeper.io.csvfile import read_table
    >>> raw = b"Date,Link,Message\\r\\n2023-12-10 09:53:09,x,Hi\\r\\n\\r\\nthere\\r\\n"
    >>> t = repair_comments(read_table(raw, "Comments.csv"), raw)
    >>> t.data["Message"].to_list(), t.rows_read, t.rows_skipped
    (['Hi\\n\\nthere'], 1, 0)
    """
    date, message = _index(table, "Date"), _index(table, "Message")
    if date is None or message is None or not table.rejected.height:
        return table
    ncols = len(table.header)
    read = _comments(read_records(table, raw), ncols, date, message)
    notes = []
    if read.rejected:
        esc = _comments(read_records(table, raw, backslash=True), ncols, date, message)
        if len(esc.rejected) < len(read.rejected):
            notes.append(
                f"inner quotes are backslash-escaped ({_ESCAPED}), as in the 2025 Comments "
                f"file: the plain CSV read gave {len(read.rejected)} record(s) with wrong "
                f"field counts, so the file was read again with {_ESCAPED} as a quote "
                f"({raw.count(_ESCAPED.encode())} of them; reference §4.10)"
            )
            read = esc
    if read.joined:
        lines = read.joined + read.joined_blank
        notes.append(
            f"{lines} raw line(s) ({read.joined_blank} of them blank) were continuation lines "
            f"of {read.repaired} multi-line comment(s) written without quotes; joined to the "
            "Message of the record they continue, not counted as rows (reference §4.10)"
        )
    return rebuild(table, read, notes) if notes else table
