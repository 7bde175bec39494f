"""Validation without labels: does the score rank tomorrow's contacts first?

:func:`backtest` runs the time-split protocol of the reference model (§10.1)
on an export or on any interaction history, including public multi-ego
datasets converted with :func:`interactions_from_edges`; :func:`fit_half_life`
picks the half-life on the user's own history. The metrics (AUC with ties,
precision@k with shared ties) are in :mod:`tiekeeper.validate.metrics`.

Examples
--------
>>> import tiekeeper
>>> result = tiekeeper.validate.backtest(tiekeeper.load_export(), horizons=(90,))
>>> result.acceptance()["ok"].to_list()   # the score is not worse than recency or frequency
[True]
"""

from __future__ import annotations

from tiekeeper.validate.backtest import MODELS, BacktestResult, backtest
from tiekeeper.validate.edges import interactions_from_edges
from tiekeeper.validate.fit import HalfLifeFit, fit_half_life
from tiekeeper.validate.metrics import auc, auc_by, precision_at_k

__all__ = [
    "MODELS",
    "BacktestResult",
    "HalfLifeFit",
    "auc",
    "auc_by",
    "backtest",
    "fit_half_life",
    "interactions_from_edges",
    "precision_at_k",
]
