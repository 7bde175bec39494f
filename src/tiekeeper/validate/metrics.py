"""Ranking metrics for the backtest: AUC with ties, per-ego AUC and precision@k.

Implemented here (no scikit-learn): the AUC is the Mann–Whitney statistic on
average ranks, so tied scores count one half, and precision@k shares ties at
the k-th place, i.e. it is the expected precision when ties are broken at
random. That keeps coarse baselines such as lifetime counts honest.

Examples
--------
>>> auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True])
0.75
>>> auc([1, 1, 1, 1], [False, True, False, True])   # all tied: chance
0.5
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

__all__ = ["auc", "auc_by", "precision_at_k"]


def auc(scores: Sequence[float] | pl.Series, labels: Sequence[bool] | pl.Series) -> float | None:
    """Area under the ROC curve: P(score of a positive > score of a negative), ties ½.

    Parameters
    ----------
    scores : sequence of float
        One score per case; higher means more likely positive.
    labels : sequence of bool
        Whether each case is positive, in the order of ``scores``.

    Returns
    -------
    float or None
        None when either class is empty.

    Examples
    --------
    >>> auc([3, 2, 1], [True, False, False])
    1.0
    >>> auc([1, 2], [True, True]) is None
    True
    """
    f = pl.DataFrame(
        {"s": pl.Series(scores, dtype=pl.Float64), "y": pl.Series(labels, dtype=pl.Boolean)}
    )
    out = auc_by(f, "s", "y", by=None)
    value = out["auc"][0] if out.height else None
    return None if value is None else float(value)


def auc_by(
    frame: pl.DataFrame, score: str, label: str, by: Sequence[str] | None = None
) -> pl.DataFrame:
    """AUC of ``score`` against ``label`` within each group of ``by`` (or overall).

    Parameters
    ----------
    frame : polars.DataFrame
        One row per case.
    score : str
        The column of scores (cast to float).
    label : str
        The boolean column of labels.
    by : sequence of str, optional
        Group columns; None computes one AUC over the whole frame.

    Returns
    -------
    polars.DataFrame
        ``by`` columns, ``n``, ``positives`` and ``auc`` (null without both classes).

    Examples
    --------
    >>> f = pl.DataFrame({"g": [1, 1, 1, 2, 2], "s": [0.9, 0.2, 0.5, 1.0, 2.0],
    ...                   "y": [True, False, False, True, False]})
    >>> auc_by(f, "s", "y", by=["g"]).sort("g")["auc"].to_list()
    [1.0, 0.0]
    """
    keys = list(by) if by else []
    f = frame.select([*keys, pl.col(score).cast(pl.Float64).alias("_s"), pl.col(label).alias("_y")])
    if not keys:
        f = f.with_columns(_g=pl.lit(0))
        keys_ = ["_g"]
    else:
        keys_ = keys
    rank = pl.col("_s").rank("average").over(keys_)
    f = f.with_columns(_r=rank)
    out = f.group_by(keys_).agg(
        n=pl.len().cast(pl.Int64),
        positives=pl.col("_y").sum().cast(pl.Int64),
        _rs=pl.col("_r").filter(pl.col("_y")).sum(),
    )
    n1 = pl.col("positives").cast(pl.Float64)
    n0 = (pl.col("n") - pl.col("positives")).cast(pl.Float64)
    out = out.with_columns(
        auc=pl.when((n1 > 0) & (n0 > 0)).then((pl.col("_rs") - n1 * (n1 + 1) / 2) / (n1 * n0))
    ).drop("_rs")
    return out.drop("_g") if not keys else out


def precision_at_k(
    frame: pl.DataFrame, score: str, label: str, k: int, by: Sequence[str] | None = None
) -> float | None:
    """Mean precision of the top ``k`` per group, ties at the k-th place shared.

    Only groups with at least ``k`` rows and one positive count (reference
    §11.2); None if there is no such group.

    Parameters
    ----------
    frame : polars.DataFrame
        One row per case.
    score : str
        The column of scores; the ``k`` highest are taken.
    label : str
        The boolean column of labels.
    k : int
        How many top rows per group.
    by : sequence of str, optional
        Group columns; None takes the whole frame as one group.

    Returns
    -------
    float or None
        The mean over qualifying groups of the expected share of positives in
        the top ``k``; None without a qualifying group.

    Examples
    --------
    >>> f = pl.DataFrame({"s": [5.0, 4.0, 4.0, 1.0], "y": [True, True, False, False]})
    >>> precision_at_k(f, "s", "y", 2)   # top 1 certain (1), then a tie of 2 for 1 slot (½)
    0.75
    """
    keys = list(by) if by else ["_g"]
    f = frame.select(
        *(list(by) if by else []),
        pl.col(score).cast(pl.Float64).alias("_s"),
        pl.col(label).cast(pl.Boolean).alias("_y"),
    )
    if not by:
        f = f.with_columns(_g=pl.lit(0))
    f = f.with_columns(
        _thr=pl.col("_s").top_k(k).min().over(keys),
        _n=pl.len().over(keys),
        _p=pl.col("_y").sum().over(keys),
    ).filter((pl.col("_n") >= k) & (pl.col("_p") > 0))
    if f.height == 0:
        return None
    above = pl.col("_s") > pl.col("_thr")
    tie = pl.col("_s") == pl.col("_thr")
    per = f.group_by(keys).agg(
        _an=above.sum(),
        _ap=(above & pl.col("_y")).sum(),
        _tn=tie.sum(),
        _tp=(tie & pl.col("_y")).sum(),
    )
    prec = (
        pl.col("_ap") + (k - pl.col("_an")) * pl.col("_tp").cast(pl.Float64) / pl.col("_tn")
    ) / k
    value = per.select(prec.mean()).item()
    return None if value is None else float(value)
