"""Fitting mode: pick the half-life on the user's own history with the backtest.

Examples
--------
>>> import datetime as dt
>>> import polars as pl
>>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
>>> rows = [("a", day(d), "message", "out") for d in range(0, 200, 5)]
>>> rows += [("b", day(d), "message", "out") for d in range(0, 90, 2)]
>>> f = pl.DataFrame(rows, schema=["person_id", "time", "kind", "direction"], orient="row")
>>> fit_half_life(f, half_lives=(30, 180), cutoffs=[day(100)], horizons=(30,)).half_life_days
30.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from tiekeeper.asof import AsOf
from tiekeeper.errors import ParameterError
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.strength import check_params
from tiekeeper.validate.backtest import Label, backtest

__all__ = ["HalfLifeFit", "fit_half_life"]


@dataclass(frozen=True)
class HalfLifeFit:
    """The outcome of :func:`fit_half_life`: the best h, the evidence and new params."""

    half_life_days: float
    table: pl.DataFrame
    params: ScoringParams


def fit_half_life(
    data: Any,
    *,
    half_lives: Sequence[float] = (30.0, 60.0, 90.0, 180.0, 365.0),
    cutoffs: Iterable[AsOf] | None = None,
    horizons: Sequence[int] = (90,),
    params: ScoringParams | None = None,
    label: Label = "any",
) -> HalfLifeFit:
    """Pick the half-life h that ranks the user's own future contacts best.

    Runs :func:`backtest` once per candidate h and keeps the one with the
    highest mean pooled AUC of the ``score`` model (the shorter h on a tie).

    Returns
    -------
    HalfLifeFit
        ``half_life_days``, the evidence ``table`` (half_life_days, auc,
        p_at_10, cells) and ``params`` with the chosen h.

    Examples
    --------
    >>> import datetime as dt
    >>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
    >>> rows = [("a", day(d), "message", "out") for d in range(0, 200, 5)]
    >>> rows += [("b", day(d), "message", "out") for d in range(0, 90, 2)]
    >>> f = pl.DataFrame(rows, schema=["person_id", "time", "kind", "direction"], orient="row")
    >>> fit = fit_half_life(f, half_lives=(30, 180), cutoffs=[day(100)], horizons=(30,))
    >>> fit.table.columns
    ['half_life_days', 'auc', 'p_at_10', 'cells']
    """
    base = check_params(params)
    if not half_lives:
        raise ParameterError("half_lives is empty; pass e.g. half_lives=(30, 90, 180, 365)")
    rows = []
    for h in half_lives:
        p = base.replace(half_life_days=float(h))
        res = backtest(data, cutoffs=cutoffs, horizons=horizons, params=p, label=label)
        t = res.table.filter(pl.col("model") == "score")
        rows.append(
            {
                "half_life_days": float(h),
                "auc": t["auc"].mean(),
                "p_at_10": t["p_at_10"].mean(),
                "cells": t.height,
            }
        )
    table = pl.DataFrame(
        rows,
        schema={
            "half_life_days": pl.Float64,
            "auc": pl.Float64,
            "p_at_10": pl.Float64,
            "cells": pl.Int64,
        },
    )
    scored = table.filter(pl.col("auc").is_not_null())
    if scored.height == 0:
        raise ParameterError(
            "fit_half_life found no cutoff with both classes; pass cutoffs= within the data "
            "and horizons= shorter than its span"
        )
    best = float(
        scored.sort(["auc", "half_life_days"], descending=[True, False])["half_life_days"][0]
    )
    return HalfLifeFit(best, table, base.replace(half_life_days=best))
