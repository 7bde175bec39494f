"""Give every column of a frame the chunk layout of its first column, copying little.

A frame read from Parquet (an archived snapshot) holds its columns in a few
aligned chunks, one per row group. Columns computed later (gathers, joins) are
contiguous, and once columns differ in layout the next ``select``, ``filter``
or ``cast`` rechunks *every* column: a copy of the whole messages frame, text
included. :func:`align_chunks` instead slices the contiguous columns to the
common layout (no copy) and rechunks only the columns that fit neither.

Examples
--------
>>> import polars as pl
>>> a = pl.concat([pl.Series("a", [1, 2]), pl.Series("a", [3])], rechunk=False)
>>> f = pl.DataFrame([a, pl.Series("b", ["x", "y", "z"])])
>>> [c.n_chunks() for c in align_chunks(f).get_columns()]
[2, 2]
>>> align_chunks(f).equals(f)
True
"""

from __future__ import annotations

import polars as pl

__all__ = ["MAX_CHUNKS", "align_chunks"]

#: Layouts of more chunks than this (a CSV read in small batches) are left to
#: polars, which rechunks them once: many small chunks slow every later step.
MAX_CHUNKS = 16


def _lengths(s: pl.Series) -> list[int]:
    return [len(c) for c in s.get_chunks()]


def _split(s: pl.Series, lengths: list[int]) -> pl.Series:
    """``s`` cut into chunks of ``lengths`` (slices of one chunk share its buffers)."""
    if s.n_chunks() > 1:
        s = s.rechunk()
    parts, start = [], 0
    for n in lengths:
        parts.append(s.slice(start, n))
        start += n
    return pl.concat(parts, rechunk=False)


def align_chunks(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every column in the chunk layout of its first column.

    Values are unchanged. A frame already aligned, or whose first column is
    in one chunk or in more than :data:`MAX_CHUNKS`, is returned as it is.
    """
    if frame.width == 0:
        return frame
    first = frame.to_series(0)
    if not 1 < first.n_chunks() <= MAX_CHUNKS:
        return frame
    lengths = _lengths(first)
    cols = frame.get_columns()
    if all(_lengths(c) == lengths for c in cols):
        return frame
    return pl.DataFrame([c if _lengths(c) == lengths else _split(c, lengths) for c in cols])
