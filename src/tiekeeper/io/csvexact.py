"""The exact path of the CSV reader: Python's :mod:`csv` module, record by record.

Used when the fast path cannot be trusted for a file (polars refuses it, or a
check fails) and in tests. It names every malformed record, with the physical
line where it starts and why, in ``Table.rejected``.
"""

from __future__ import annotations

import csv
import sys

import polars as pl

from tiekeeper.io.table import LINE, Table, fail, split_lines, undecodable, unique_names
from tiekeeper.schema import empty_frame

__all__ = ["read_exact"]


def read_exact(table: Table, data: bytes, first_line: int) -> None:
    """Parse ``data`` (the bytes after the header) into ``table`` record by record."""
    table.fast = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = first_line + data.count(b"\n", 0, err.start)
        fail(table, "error", undecodable(data[err.start : err.start + 4], err.start, line))
        return
    names = unique_names(table.header)
    ncols = len(names)
    cols: list[list[str | None]] = [[] for _ in names]
    lines: list[int] = []
    rej_line: list[int] = []
    rej_reason: list[str] = []
    rej_raw: list[str] = []
    skipped = 0
    old = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize // 2)
    try:
        reader = csv.reader(split_lines(text), delimiter=table.separator, quotechar='"')
        prev = 0
        while True:
            try:
                rec = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                rej_line.append(first_line + prev)
                rej_reason.append(f"unreadable record ({err})")
                rej_raw.append("")
                prev = reader.line_num
                continue
            start = first_line + prev
            end = reader.line_num
            if not rec or all(f == "" for f in rec):
                skipped += 1
            elif len(rec) != ncols:
                rej_line.append(start)
                why = "fewer" if len(rec) < ncols else "more"
                unclosed = rec[-1].count("\n") > 0 and end - prev > 1
                reason = f"{len(rec)} fields, {why} than the {ncols} columns of the header"
                if unclosed:
                    reason += f" (a quote opened on line {start} runs over {end - prev} lines)"
                rej_reason.append(reason)
                rej_raw.append(",".join(rec))
            else:
                for i, f in enumerate(rec):
                    cols[i].append(f if f != "" else None)
                lines.append(start)
            prev = end
    finally:
        csv.field_size_limit(old)
    frame = pl.DataFrame(
        {n: pl.Series(n, c, dtype=pl.String) for n, c in zip(names, cols, strict=True)}
    )
    frame = frame.with_columns(pl.Series(LINE, lines, dtype=pl.Int64))
    rejected = pl.DataFrame(
        {
            "file": [table.file] * len(rej_line),
            "line": rej_line,
            "reason": rej_reason,
            "raw": rej_raw,
        },
        schema=empty_frame("rejected").schema,
    )
    table.data = frame
    table.rows_skipped = skipped
    table.rows_read = frame.height + skipped + rejected.height
    table.rejected = rejected
