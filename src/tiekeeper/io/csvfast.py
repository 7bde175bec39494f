"""The fast path of the CSV reader: polars on record-aligned slices, in worker threads.

The bytes are streamed in slices cut at record boundaries (a newline with an
even number of quotes before it) and each slice is parsed by polars' CSV
reader in a worker thread while the next one is inflated. Physical line
numbers come from counting newlines. Two exact checks guard the result: the
separators in the bytes must equal what the parsed fields account for (which
catches short rows; long rows make polars refuse), and the newlines must equal
the records plus the newlines inside fields (which catches blank lines
mid-file). When a check fails, :class:`FastPathFailed` sends the file to the
exact path.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

import polars as pl

from tiekeeper.io.table import LINE, Prepare, Table, unique_names
from tiekeeper.schema import empty_frame

__all__ = ["FastPathFailed", "finish", "read_fast"]

_CHUNK_BYTES = 16 * 1024 * 1024
_WORKERS = 2  # slices parsed at once while the next one is inflated
_IN_FLIGHT = 3  # slices queued or being parsed at most


class FastPathFailed(Exception):
    """The fast path cannot be trusted for this file; use the exact path."""


def _cut_point(buf: bytes, quotes_before: int = 0) -> int:
    """Offset just after the last newline of ``buf`` outside quotes (0 if none).

    ``quotes_before`` is the number of quote characters since the last record
    boundary before ``buf``: RFC 4180 quoting toggles on every ``"`` (a doubled
    ``""`` toggles twice), so a newline is a record boundary exactly when the
    quotes before it are even.
    """
    pos = buf.rfind(b"\n")
    tries = 0
    while pos >= 0 and tries < 64:
        if (quotes_before + buf.count(b'"', 0, pos)) % 2 == 0:
            return pos + 1
        pos = buf.rfind(b"\n", 0, pos)
        tries += 1
    return 0


@dataclass
class _Chunk:
    df: pl.DataFrame
    newlines: int
    rel: pl.Series  # line offset of each row within the chunk


def _parse_chunk(buf: bytes, schema: pl.Schema, sep: str, prepare: Prepare | None) -> _Chunk:
    try:
        df = pl.read_csv(
            buf,
            has_header=False,
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
    h = df.height
    ncols = len(schema)
    # A short row leaves its last column null (polars pads it silently), so the
    # exact separator count is needed only when the last column has nulls.
    if ncols > 1 and df.get_column(df.columns[-1]).null_count():
        inner = df.select(
            pl.sum_horizontal(pl.all().str.count_matches(sep, literal=True).sum())
        ).item()
        if buf.count(sep.encode()) != h * (ncols - 1) + (inner or 0):
            raise FastPathFailed("field counts differ from the header")
    newlines = buf.count(b"\n")
    records = newlines + (0 if not buf or buf.endswith(b"\n") else 1)
    idx = pl.int_range(0, h, dtype=pl.Int64, eager=True)
    if records == h:
        return _Chunk(df if prepare is None else prepare(df), newlines, idx)
    emb = df.select(
        pl.sum_horizontal(pl.all().str.count_matches("\n", literal=True).fill_null(0)).cast(
            pl.Int64
        )
    ).to_series()
    if records != h + int(emb.sum()):
        raise FastPathFailed("line count differs (blank lines mid-file?)")
    df = df if prepare is None else prepare(df)
    return _Chunk(df, newlines, idx + emb.cum_sum() - emb)


def read_fast(
    table: Table,
    first: bytes,
    chunks: Iterator[bytes],
    first_line: int,
    prepare: Prepare | None,
) -> None:
    names = unique_names(table.header)
    schema = pl.Schema(dict.fromkeys(names, pl.String))
    sep = table.separator
    futures: list[Future[_Chunk]] = []
    trailing_blank = 0
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        # Each slice is copied exactly once: leftover + pending chunks + the
        # head of the newest chunk up to its last record boundary.
        leftover = first
        pending: list[bytes] = []
        quotes = first.count(b'"')  # quotes in leftover + pending
        size = len(first)
        for c in chunks:
            size += len(c)
            if size < _CHUNK_BYTES:
                pending.append(c)
                quotes += c.count(b'"')
                continue
            cut = _cut_point(c, quotes)
            if not cut:
                pending.append(c)
                quotes += c.count(b'"')
                continue
            piece = b"".join([leftover, *pending, memoryview(c)[:cut]])
            # Back-pressure: never hold more than a few slices in memory.
            while sum(not f.done() for f in futures) >= _IN_FLIGHT:
                wait([f for f in futures if not f.done()], return_when=FIRST_COMPLETED)
            futures.append(pool.submit(_parse_chunk, piece, schema, sep, prepare))
            del piece
            leftover, pending = c[cut:], []
            quotes, size = leftover.count(b'"'), len(leftover)
        buf = b"".join([leftover, *pending]) if pending else leftover
        del leftover, pending
        end = len(buf)
        while end and buf[end - 1] in (10, 13):  # trailing line ends, without a copy
            end -= 1
        ends = buf.count(b"\n", end)
        if ends > 1:
            trailing_blank = ends - 1
            buf = buf[:end] + b"\n"
        if buf:
            futures.append(pool.submit(_parse_chunk, buf, schema, sep, prepare))
        del buf
        results = [f.result() for f in futures]
    frames: list[pl.DataFrame] = []
    offset = first_line
    for r in results:
        frames.append(r.df.with_columns((r.rel + offset).alias(LINE)))
        offset += r.newlines
    if frames:
        data = pl.concat(frames, how="vertical", rechunk=False)
    else:
        empty = _empty_data(names)
        data = (
            empty
            if prepare is None
            else prepare(empty.drop(LINE)).with_columns(pl.Series(LINE, [], dtype=pl.Int64))
        )
    finish(table, data, trailing_blank, empty_frame("rejected"))
    if trailing_blank:
        table.notes.append(f"{trailing_blank} empty line(s) after the last record")


def _empty_data(names: Sequence[str]) -> pl.DataFrame:
    return pl.DataFrame(schema={**dict.fromkeys(names, pl.String), LINE: pl.Int64})


def finish(table: Table, data: pl.DataFrame, extra_blank: int, rejected: pl.DataFrame) -> None:
    """Drop empty records from ``data`` and fill the table's counts."""
    names = [c for c in data.columns if c != LINE and not c.startswith("__")]
    blank = data.select(pl.all_horizontal(pl.col(names).is_null())).to_series()
    n_blank = int(blank.sum()) if len(names) else data.height
    if n_blank:
        data = data.filter(~blank)
    table.data = data
    table.rows_skipped = n_blank + extra_blank
    table.rows_read = data.height + table.rows_skipped + rejected.height
    table.rejected = rejected


# ----------------------------------------------------------------- exact path
