"""The fast path of the CSV reader: polars' parallel CSV reader over the whole file.

The file's bytes are handed to polars in one piece (the header lines are
skipped by count, so the buffer is never copied) and polars splits the work
across its own threads. Physical line numbers come from counting newlines.
Two exact checks guard the result: the separators in the bytes must equal
what the parsed fields account for (which catches short rows; long rows make
polars refuse), and the newlines must equal the records plus the newlines
inside fields. Blank lines come back from polars as all-null rows and are
counted as skipped. When a check fails, :class:`FastPathFailed` sends the
file to the exact path.

Only one thread reads a CSV at a time: two callers of polars' CSV reader
contend for its thread pool and both slow down (1.65 s serial, 2.06 s in two
threads, for the same slices of the large benchmark's messages.csv). The
newline count, which holds the GIL, runs in a thread while polars parses.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import polars as pl

from tiekeeper.io.table import LINE, Table, unique_names
from tiekeeper.schema import empty_frame

__all__ = ["FastPathFailed", "read_fast"]


_COUNT_ALONGSIDE = 32 * 1024 * 1024  # bytes from which the count runs in a thread


class FastPathFailed(Exception):
    """The fast path cannot be trusted for this file; use the exact path."""


def _parse(buf: bytes, start: int, schema: pl.Schema, sep: str) -> pl.DataFrame:
    """Parse the records of ``buf`` that begin at byte ``start`` (just after a newline)."""
    try:
        return pl.read_csv(
            buf,
            has_header=False,
            skip_lines=buf.count(b"\n", 0, start),
            schema=schema,
            separator=sep,
            quote_char='"',
            null_values=[""],
            raise_if_empty=False,
            truncate_ragged_lines=False,
            infer_schema=False,
        )
    except (pl.exceptions.PolarsError, OSError) as err:
        raise FastPathFailed(str(err)) from err


def _count_newlines(buf: bytes, start: int) -> int:
    # In pieces: bytes.count holds the GIL, and the thread that parses needs
    # it for a moment to hand the buffer to polars.
    step = 8 * 1024 * 1024
    return sum(buf.count(b"\n", i, min(i + step, len(buf))) for i in range(start, len(buf), step))


def read_fast(table: Table, buf: bytes, start: int, first_line: int) -> None:
    """Read the records of ``buf`` after byte ``start`` (the end of the header) into ``table``.

    ``first_line`` is the physical line where the first record starts.
    """
    names = unique_names(table.header)
    schema = pl.Schema(dict.fromkeys(names, pl.String))
    sep = table.separator
    if start and buf[start - 1] != 10:  # the header is the last line, without a newline
        start = len(buf)
    if len(buf) - start < _COUNT_ALONGSIDE:
        df = _parse(buf, start, schema, sep) if start < len(buf) else pl.DataFrame(schema=schema)
        newlines = buf.count(b"\n", start)
    else:  # count the newlines (GIL held) while polars parses (GIL released)
        with ThreadPoolExecutor(max_workers=1) as pool:
            counting = pool.submit(_count_newlines, buf, start)
            df = _parse(buf, start, schema, sep)
            newlines = counting.result()
    h = df.height
    ncols = len(schema)
    blank: pl.Series | None = None
    n_blank = 0
    if h and min(df.get_column(c).null_count() for c in df.columns):
        blank = df.select(pl.all_horizontal(pl.all().is_null())).to_series()
        n_blank = int(blank.sum())
    # A short row leaves its last column null (polars pads it silently), so the
    # exact separator count is needed only when the last column has nulls.
    if ncols > 1 and h and df.get_column(df.columns[-1]).null_count() > n_blank:
        inner = df.select(
            pl.sum_horizontal(pl.all().str.count_matches(sep, literal=True).sum())
        ).item()
        if buf.count(sep.encode(), start) != (h - n_blank) * (ncols - 1) + (inner or 0):
            raise FastPathFailed("field counts differ from the header")
    records = newlines + (0 if start >= len(buf) or buf.endswith(b"\n") else 1)
    line = pl.int_range(first_line, first_line + h, dtype=pl.Int64, eager=True)
    if records != h:
        emb = df.select(
            pl.sum_horizontal(pl.all().str.count_matches("\n", literal=True).fill_null(0)).cast(
                pl.Int64
            )
        ).to_series()
        if records != h + int(emb.sum()):
            raise FastPathFailed("line count differs from the records")
        line = line + emb.cum_sum() - emb
    data = df.with_columns(line.alias(LINE))
    trailing = 0
    if blank is not None and n_blank:
        filled = (~blank).arg_true()
        trailing = h - 1 - int(filled[-1]) if len(filled) else 0
    _finish(table, data, blank)
    if trailing:
        table.notes.append(f"{trailing} empty line(s) after the last record")


def _finish(table: Table, data: pl.DataFrame, blank: pl.Series | None) -> None:
    """Drop the empty records (``blank``: their mask; ``None``: there are none), fill the counts."""
    n_blank = 0 if blank is None else int(blank.sum())
    if n_blank and blank is not None:
        data = data.filter(~blank)
    table.data = data
    table.rows_skipped = n_blank
    table.rows_read = data.height + n_blank
    table.rejected = empty_frame("rejected")
