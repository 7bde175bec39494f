"""Validation without labels: does the score rank tomorrow's contacts first?

:func:`backtest` runs the time-split protocol of the reference model (§10.1)
on an export or on any interaction history, including public multi-ego
datasets converted with :func:`interactions_from_edges`; :func:`ego_backtest`
turns the busiest people of a public message log (such as CollegeMsg,
:func:`college_msg_events`) into LinkedIn exports of their own and checks
``strength`` against recency and frequency per ego; :func:`fit_half_life`
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
from tiekeeper.validate.datasets import college_msg_events
from tiekeeper.validate.edges import interactions_from_edges
from tiekeeper.validate.ego import EgoBacktest, EgoCase, ego_backtest, ego_cases, owner_events
from tiekeeper.validate.fit import HalfLifeFit, fit_half_life
from tiekeeper.validate.metrics import auc, auc_by, precision_at_k

__all__ = [
    "MODELS",
    "BacktestResult",
    "EgoBacktest",
    "EgoCase",
    "HalfLifeFit",
    "auc",
    "auc_by",
    "backtest",
    "college_msg_events",
    "ego_backtest",
    "ego_cases",
    "fit_half_life",
    "interactions_from_edges",
    "owner_events",
    "precision_at_k",
]
