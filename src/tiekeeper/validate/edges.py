"""Turn a public message log (sender, recipient, time) into a multi-ego interaction table.

Public communication datasets such as CollegeMsg have no owner: every node is
an ego. Each message u → v becomes two rows, one for ego u (an ``out``
message with person v) and one for ego v (an ``in`` message with person u),
exactly the shape :func:`tiekeeper.validate.backtest` scores per ego.

Examples
--------
>>> import datetime as dt
>>> t = dt.datetime(2004, 4, 15, 14, 56, tzinfo=dt.UTC)
>>> edges = pl.DataFrame({"source": [1], "target": [2], "time": [t]})
>>> interactions_from_edges(edges).select("ego", "person_id", "direction").rows()
[('1', '2', 'out'), ('2', '1', 'in')]
"""

from __future__ import annotations

import polars as pl

from tiekeeper.errors import ParameterError

__all__ = ["interactions_from_edges"]


def interactions_from_edges(
    edges: pl.DataFrame,
    *,
    source: str = "source",
    target: str = "target",
    time: str = "time",
    participants: str | None = None,
) -> pl.DataFrame:
    """One ``out`` row for the sender and one ``in`` row for the recipient of each edge.

    Parameters
    ----------
    edges : polars.DataFrame
        One row per message with sender, recipient and an aware datetime.
    source, target, time : str
        Column names.
    participants : str, optional
        Column with the number of recipients of the message (m); 1 if absent.

    Returns
    -------
    polars.DataFrame
        ``ego``, ``person_id``, ``time``, ``kind`` ('message'), ``direction``,
        ``conversation_id`` (null), ``participants`` and ``words`` (0). Self
        loops are dropped.

    Raises
    ------
    ParameterError
        For missing columns or naive times.

    Examples
    --------
    >>> import datetime as dt
    >>> t = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    >>> edges = pl.DataFrame({"source": ["a", "b"], "target": ["b", "b"], "time": [t, t]})
    >>> events = interactions_from_edges(edges)  # the self loop b -> b is dropped
    >>> events.select("ego", "person_id", "direction").sort("ego").rows()
    [('a', 'b', 'out'), ('b', 'a', 'in')]
    """
    missing = [c for c in (source, target, time) if c not in edges.columns]
    if missing:
        raise ParameterError(
            f"edges lacks column(s) {missing}; pass source=, target= and time= naming the "
            f"sender, recipient and time columns; found {edges.columns}"
        )
    dtype = edges.schema[time]
    if not isinstance(dtype, pl.Datetime) or dtype.time_zone is None:
        raise ParameterError(
            f"edges.{time} must be a timezone-aware datetime; found {dtype}. "
            "Use .dt.replace_time_zone('UTC') if the times are UTC"
        )
    m = pl.col(participants).cast(pl.Int64) if participants else pl.lit(1, dtype=pl.Int64)
    base = edges.select(
        _u=pl.col(source).cast(pl.String),
        _v=pl.col(target).cast(pl.String),
        time=pl.col(time).dt.convert_time_zone("UTC").dt.cast_time_unit("us"),
        participants=m,
    ).filter(pl.col("_u") != pl.col("_v"))
    common: list[pl.Expr] = [pl.col("time"), pl.lit("message").alias("kind")]
    out_rows = base.select(
        pl.col("_u").alias("ego"),
        pl.col("_v").alias("person_id"),
        *common,
        pl.lit("out").alias("direction"),
        "participants",
    )
    in_rows = base.select(
        pl.col("_v").alias("ego"),
        pl.col("_u").alias("person_id"),
        *common,
        pl.lit("in").alias("direction"),
        "participants",
    )
    both = pl.concat([out_rows.with_row_index("_i"), in_rows.with_row_index("_i")])
    return (
        both.sort("_i", maintain_order=True)
        .drop("_i")
        .with_columns(
            conversation_id=pl.lit(None, dtype=pl.String),
            words=pl.lit(0, dtype=pl.Int64),
        )
        .select(
            "ego",
            "person_id",
            "time",
            "kind",
            "direction",
            "conversation_id",
            "participants",
            "words",
        )
    )
