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

No Python thread of tiekeeper calls polars while another does: two callers
of polars' thread pool slow each other down (measured: 1.65 s serial, 2.06 s
in two threads, for the same slices of the large benchmark's messages.csv).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import polars as pl

from tiekeeper.io.table import LINE, Prepare, Table, unique_names
from tiekeeper.schema import empty_frame

__all__ = ["FastPathFailed", "finish", "read_fast"]


_PARALLEL_ROWS = 100_000  # prepare smaller frames in one piece
_PARTS = 4
_WORKERS = 2


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


def _prepare_in_parts(df: pl.DataFrame, prepare: Prepare) -> pl.DataFrame:
    """``prepare(df)``, on row slices in worker threads when ``df`` is large.

    ``prepare`` runs per-column string kernels, which use one core each; on
    slices in two threads they use both (1.16 s serial, 0.58 s in parallel on
    the large benchmark's messages).
    """
    if df.height < _PARALLEL_ROWS:
        return prepare(df)
    step = -(-df.height // _PARTS)
    parts = [df.slice(i, step) for i in range(0, df.height, step)]
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        done = list(pool.map(prepare, parts))
    return pl.concat(done, how="vertical", rechunk=False)


def read_fast(
    table: Table, buf: bytes, start: int, first_line: int, prepare: Prepare | None
) -> None:
    """Read the records of ``buf`` after byte ``start`` (the end of the header) into ``table``.

    ``first_line`` is the physical line where the first record starts.
    """
    names = unique_names(table.header)
    schema = pl.Schema(dict.fromkeys(names, pl.String))
    sep = table.separator
    if start and buf[start - 1] != 10:  # the header is the last line, without a newline
        start = len(buf)
    df = _parse(buf, start, schema, sep) if start < len(buf) else _empty_data(names).drop(LINE)
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
    newlines = buf.count(b"\n", start)
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
    if prepare is not None:
        df = _prepare_in_parts(df, prepare)
    data = df.with_columns(line.alias(LINE))
    trailing = 0
    if blank is not None and n_blank:
        filled = (~blank).arg_true()
        trailing = h - 1 - int(filled[-1]) if len(filled) else 0
    finish(table, data, 0, empty_frame("rejected"), blank=blank)
    if trailing:
        table.notes.append(f"{trailing} empty line(s) after the last record")


def _empty_data(names: Sequence[str]) -> pl.DataFrame:
    return pl.DataFrame(schema={**dict.fromkeys(names, pl.String), LINE: pl.Int64})


def finish(
    table: Table,
    data: pl.DataFrame,
    extra_blank: int,
    rejected: pl.DataFrame,
    *,
    blank: pl.Series | None = None,
) -> None:
    """Drop empty records from ``data`` and fill the table's counts.

    ``blank`` is the mask of empty records when the caller knows it; without
    it, any column free of nulls proves there is none.
    """
    names = [c for c in data.columns if c != LINE and not c.startswith("__")]
    if blank is None:
        if not names:
            blank = pl.repeat(True, data.height, eager=True)
        elif min(data.get_column(c).null_count() for c in names) == 0:
            blank = pl.repeat(False, data.height, eager=True)
        else:
            blank = data.select(pl.all_horizontal(pl.col(names).is_null())).to_series()
    n_blank = int(blank.sum())
    if n_blank:
        data = data.filter(~blank)
    table.data = data
    table.rows_skipped = n_blank + extra_blank
    table.rows_read = data.height + table.rows_skipped + rejected.height
    table.rejected = rejected


# ----------------------------------------------------------------- exact path
