"""Fitting mode: pick the half-life on the user's own history, only where it can tell.

Per-history fits are noisy: on the ego backtest (issue 12) a half-life fitted
per ego was worse than the fixed default in every cell, picking 7-day
half-lives from conversation bursts. So :func:`fit_half_life` fits only when
the history supports it, and otherwise stays out of the way:

* **Enough history**: at least ``min_sessions`` sessions (conversations,
  :attr:`ScoringParams.session_window_days`) and ``min_span_days`` from the
  first to the last message. Below either, the defaults come back with a note
  that says which threshold was missed.
* **A clear gain**: the backtest (:func:`~tiekeeper.validate.backtest`) runs
  once per candidate half-life; the best replaces the default only when its
  mean AUC beats the default's by at least ``min_gain``. Otherwise the
  default stays, and the note says by how much the best candidate won.
* **Never raises** on a valid history: no messages, no cutoff with both
  classes, or horizons longer than the span give the defaults and a note.

Examples
--------
>>> import datetime as dt
>>> import polars as pl
>>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
>>> rows = [("a", day(d), "message", "out") for d in range(0, 200, 5)]
>>> f = pl.DataFrame(rows, schema=["person_id", "time", "kind", "direction"], orient="row")
>>> fit = fit_half_life(f)
>>> fit.fitted, fit.half_life_days
(False, 180.0)
>>> print(fit.note)
Kept the default half-life of 180 days: your history spans 195 days, and fitting needs 540.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.asof import AsOf
from tiekeeper.errors import ParameterError
from tiekeeper.scoring._frames import export_frames, prepare_interactions
from tiekeeper.scoring.decay import DAY_US
from tiekeeper.scoring.features import person_features
from tiekeeper.scoring.params import ScoringParams, check_params
from tiekeeper.validate.backtest import Label, backtest

if TYPE_CHECKING:
    from tiekeeper.io import Export

__all__ = [
    "MIN_GAIN",
    "MIN_SESSIONS",
    "MIN_SPAN_DAYS",
    "HalfLifeFit",
    "fit_half_life",
]

#: Sessions (conversations) a history needs before a fit is tried: with fewer,
#: the handful of positives per cutoff makes AUC differences noise.
MIN_SESSIONS = 150
#: Days from the first to the last message a history needs: a year before the
#: first cutoff, plus room for a few 90-day horizons after it.
MIN_SPAN_DAYS = 540
#: The AUC a fitted half-life must gain over the default to replace it: the
#: spread between nearby half-lives on one history (see bench/RESULTS-scoring.md).
MIN_GAIN = 0.01

_SCHEMA = {
    "half_life_days": pl.Float64,
    "auc": pl.Float64,
    "p_at_10": pl.Float64,
    "cells": pl.Int64,
}


@dataclass(frozen=True)
class HalfLifeFit:
    """The outcome of :func:`fit_half_life`.

    :func:`fit_half_life` builds it; the fields below are also its attributes.

    Parameters
    ----------
    half_life_days : float
        The half-life to use: the fitted one, or the default.
    table : polars.DataFrame
        The evidence: ``half_life_days``, ``auc``, ``p_at_10``, ``cells``
        (empty when no fit was tried).
    params : ScoringParams
        The parameters with that half-life.
    fitted : bool
        True when the fit ran and its choice replaced the default.
    note : str
        One sentence on what was chosen and why.
    sessions : int
        Sessions in the history.
    span_days : float
        Days from the first to the last message.

    Examples
    --------
    >>> from tiekeeper.scoring.params import ScoringParams
    >>> kept = HalfLifeFit(180.0, pl.DataFrame(schema=_SCHEMA), ScoringParams())
    >>> kept.fitted, kept.params.half_life_days == kept.half_life_days
    (False, True)
    """

    half_life_days: float
    table: pl.DataFrame
    params: ScoringParams
    fitted: bool = False
    note: str = ""
    sessions: int = 0
    span_days: float = 0.0


def fit_half_life(
    data: Export | pl.DataFrame,
    *,
    half_lives: Sequence[float] = (60.0, 90.0, 180.0, 365.0),
    cutoffs: Iterable[AsOf] | None = None,
    horizons: Sequence[int] = (90,),
    params: ScoringParams | None = None,
    label: Label = "any",
    min_sessions: int = MIN_SESSIONS,
    min_span_days: float = MIN_SPAN_DAYS,
    min_gain: float = MIN_GAIN,
) -> HalfLifeFit:
    """Pick the half-life h that ranks the user's own future contacts best, if it can tell.

    Parameters
    ----------
    data : Export or polars.DataFrame
        As for :func:`~tiekeeper.validate.backtest`.
    half_lives : sequence of float
        Candidate half-lives in days (60, 90, 180, 365; the default is added).
    cutoffs : iterable of datetime.date, datetime.datetime or str, optional
        The backtest's cutoffs (by default chosen from the data).
    horizons : sequence of int
        The backtest's horizons in days (90).
    params : ScoringParams, optional
        The parameters whose half-life is fitted (default: the defaults).
    label : {'any', 'outgoing', 'one_to_one'}
        What counts as contact in the backtest.
    min_sessions : int
        Fit only with at least this many sessions (:data:`MIN_SESSIONS`, 150).
    min_span_days : float
        Fit only over at least this many days of messages (:data:`MIN_SPAN_DAYS`, 540).
    min_gain : float
        Replace the default only for a mean AUC gain of at least this (:data:`MIN_GAIN`).

    Returns
    -------
    HalfLifeFit
        The half-life chosen (the default unless the fit ran and gained enough),
        the evidence table, the parameters with that half-life and a note.

    Raises
    ------
    ParameterError
        For invalid arguments (an empty ``half_lives``, a bad ``params``), never
        for a thin or short history.

    Examples
    --------
    >>> import datetime as dt
    >>> day = lambda d: dt.datetime(2022, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
    >>> rows = [(f"p{i}", day(d + i), "message", "out") for i in range(20)
    ...         for d in range(0, 800 - 30 * i, 20)]
    >>> f = pl.DataFrame(rows, schema=["person_id", "time", "kind", "direction"], orient="row")
    >>> fit = fit_half_life(f, half_lives=(90, 180))
    >>> fit.table.columns, fit.sessions >= 150
    (['half_life_days', 'auc', 'p_at_10', 'cells'], True)
    """
    base = check_params(params)
    if not half_lives or any(
        isinstance(h, bool) or not isinstance(h, int | float) or not h > 0 for h in half_lives
    ):
        raise ParameterError(
            f"half_lives={half_lives!r}; expected positive numbers of days, e.g. (90, 180, 365)"
        )
    default = base.half_life_days
    sessions, span = _history_size(data, base)

    def keep(reason: str, table: pl.DataFrame | None = None) -> HalfLifeFit:
        note = f"Kept the default half-life of {default:g} days: {reason}."
        empty = pl.DataFrame(schema=_SCHEMA)
        return HalfLifeFit(default, empty if table is None else table, base, False, note,
                           sessions, span)  # fmt: skip

    if span < min_span_days:
        return keep(f"your history spans {span:.0f} days, and fitting needs {min_span_days:g}")
    if sessions < min_sessions:
        return keep(f"you have {sessions} conversations, and fitting needs {min_sessions}")
    rows = []
    for h in sorted({float(x) for x in (*half_lives, default)}):
        try:
            res = backtest(
                data, cutoffs=cutoffs, horizons=horizons,
                params=base.replace(half_life_days=h), label=label,
            )  # fmt: skip
        except ParameterError as err:  # e.g. horizons longer than the data
            return keep(f"the backtest could not run ({err})")
        t = res.table.filter((pl.col("model") == "score") & pl.col("auc").is_not_null())
        rows.append(
            {"half_life_days": h, "auc": t["auc"].mean(), "p_at_10": t["p_at_10"].mean(),
             "cells": t.height}
        )  # fmt: skip
    table = pl.DataFrame(rows, schema=_SCHEMA)
    scored = table.filter(pl.col("auc").is_not_null())
    if scored.height == 0:
        return keep("no cutoff in your history has both people you talked to and others", table)
    ref = scored.filter(pl.col("half_life_days") == default)["auc"]
    best = scored.sort(["auc", "half_life_days"], descending=[True, False]).row(0, named=True)
    gain = float(best["auc"]) - (float(ref[0]) if ref.len() else float("-inf"))
    if best["half_life_days"] == default or gain <= 0 or gain < min_gain:
        return keep(
            f"the best candidate ({best['half_life_days']:g} days) gains {max(gain, 0.0):.3f} "
            f"AUC on your history, under the {min_gain:g} that a change needs",
            table,
        )
    h = float(best["half_life_days"])
    note = (
        f"Fitted a half-life of {h:g} days: it ranks your next contacts better than the "
        f"default {default:g} days by {gain:.3f} AUC over {int(best['cells'])} cutoffs."
    )
    return HalfLifeFit(h, table, base.replace(half_life_days=h), True, note, sessions, span)


def _history_size(data: Any, p: ScoringParams) -> tuple[int, float]:
    """Sessions (conversations) and the span of the messages in days."""
    if isinstance(data, pl.DataFrame):
        ev = prepare_interactions(data, name="data")
    else:
        ev = prepare_interactions(export_frames(data).interactions)
    by = ["ego", "person_id"] if "ego" in ev.columns else ["person_id"]
    msgs = ev.filter(pl.col("kind") == "message")
    if msgs.height == 0:
        return 0, 0.0
    t = msgs["time"].dt.epoch("us")
    first, last = int(t.min()), int(t.max())  # type: ignore[arg-type]
    feats = person_features(ev.filter(pl.col("kind") != "contact_log"), as_of_us=last,
                            params=p, by=by)  # fmt: skip
    return int(feats["sessions"].sum()), (last - first) / DAY_US
