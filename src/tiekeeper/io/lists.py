"""A value put in front of each row's list, without ``pl.concat_list``.

Owner inference weighs each (sender, recipients) combination by its
participant tokens: the sender followed by the recipients. Built with
``pl.concat_list`` on tens of thousands of string rows this took 17–30 ms
(polars 2.1); exploding the lists and grouping them back by row is several
times faster and gives the same lists.

Examples
--------
>>> import polars as pl
>>> f = pl.DataFrame({"s": ["a", None, "b", "c"], "r": [["x", "y"], [], None, ["z"]]})
>>> prepend(f, "s", "r").to_list()
[['a', 'x', 'y'], [None], None, ['c', 'z']]
>>> prepend(f, "s", "r").equals(f.select(pl.concat_list("s", "r")).to_series())
True
"""

from __future__ import annotations

import polars as pl

__all__ = ["prepend"]


def prepend(frame: pl.DataFrame, head: str, lists: str) -> pl.Series:
    """``pl.concat_list(head, lists)`` of ``frame``: ``[head, *lists]`` per row.

    As ``concat_list``, a null list gives a null row and a null ``head`` is a
    null item.

    Parameters
    ----------
    frame : polars.DataFrame
        Holds ``head`` (a column of values) and ``lists`` (a list column of the
        same inner type).
    head, lists : str
        The column names.

    Returns
    -------
    polars.Series
        A list column named ``head``, one row per row of ``frame``.

    Examples
    --------
    >>> import polars as pl
    >>> prepend(pl.DataFrame({"a": [1], "b": [[2, 3]]}), "a", "b").to_list()
    [[1, 2, 3]]
    """
    rows = pl.int_range(0, frame.height, dtype=pl.UInt32, eager=True).alias("_row")
    firsts = pl.DataFrame([rows, frame.get_column(head).alias("_item")])
    rest = (
        pl.DataFrame([rows, frame.get_column(lists).alias("_item")])
        .filter(pl.col("_item").list.len() > 0)
        .explode("_item")
    )
    # a stable sort keeps each row's head before its items, in order
    grouped = (
        pl.concat([firsts, rest], how="vertical")
        .sort("_row", maintain_order=True)
        .group_by("_row", maintain_order=True)
        .agg(pl.col("_item"))
    )
    out = grouped.get_column("_item")
    nulls = frame.get_column(lists).is_null()
    if nulls.any():
        out = pl.select(pl.when(nulls).then(None).otherwise(out)).to_series()
    return out.alias(head)
