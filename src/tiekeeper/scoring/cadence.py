"""Each tie's own rhythm: sessions, gaps, shrunk cadence, overdue ratio and status.

A *session* is a calendar day with at least one message (either direction) or
logged contact. The cadence c is the geometric mean of the gaps between
sessions, shrunk towards the owner's usual gap c0 with k0 pseudo-gaps::

    c = exp((Σ ln g_i + k0 · ln c0) / (n + k0))

The overdue ratio is r = days since the last session / c, and the status
follows from r (``scoring-model.md`` §4).

Examples
--------
>>> shrunk_cadence([], 30.0, 2.0)        # no gap: the prior itself
30.0
>>> round(shrunk_cadence([10.0, 10.0], 40.0, 2.0), 3)   # exp((2 ln 10 + 2 ln 40)/4) = √400
20.0
>>> status_for(5, 3.0, ScoringParams())   # 5 sessions, r = 3
'cooling'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

from tiekeeper.scoring.params import ScoringParams

__all__ = [
    "STATUSES",
    "cadence_expr",
    "gap_prior",
    "need_expr",
    "session_gaps",
    "shrunk_cadence",
    "status_expr",
    "status_for",
]

#: Every status, from healthiest to least informative.
STATUSES: tuple[str, ...] = (
    "on track",
    "cooling",
    "fading",
    "lapsed",
    "dormant",
    "never interacted",
)


def shrunk_cadence(gaps: Sequence[float], c0: float, k0: float) -> float:
    """Geometric-mean gap shrunk towards ``c0`` with ``k0`` pseudo-gaps (scalar reference).

    Parameters
    ----------
    gaps : sequence of float
        Gaps between consecutive sessions, in days (each ≥ 1).
    c0 : float
        The prior gap (the owner's median gap), > 0.
    k0 : float
        Pseudo-gaps of weight given to the prior.

    Returns
    -------
    float

    Examples
    --------
    >>> round(shrunk_cadence([7.0], 28.0, 2.0), 3)   # exp((ln 7 + 2 ln 28)/3) = (7·28²)^(1/3)
    17.639
    """
    n = len(gaps)
    if n == 0:
        return c0
    return math.exp((sum(math.log(g) for g in gaps) + k0 * math.log(c0)) / (n + k0))


def session_gaps(units: pl.DataFrame, by: Sequence[str]) -> pl.DataFrame:
    """Session days per person with the gap (days) since the previous session.

    Parameters
    ----------
    units : polars.DataFrame
        Day units from :func:`~tiekeeper.scoring.decay.units_by_day`, sorted by
        person and day.
    by : sequence of str
        Person key columns (the integer code ``_pk`` is used when present).

    Returns
    -------
    polars.DataFrame
        ``by``, ``day``, ``msg_t``, ``out_t`` and ``gap`` (null for the first session).

    Examples
    --------
    >>> import datetime as dt
    >>> u = pl.DataFrame({"p": ["a", "a", "a"], "session": [True, False, True],
    ...                   "day": [dt.date(2024, 1, 1), dt.date(2024, 1, 3), dt.date(2024, 1, 8)],
    ...                   "msg_t": [1, None, 2], "out_t": [1, None, None]})
    >>> session_gaps(u, ["p"])["gap"].to_list()
    [None, 7]
    """
    by = list(by)
    code = ["_pk"] if "_pk" in units.columns else []
    cols = [*dict.fromkeys([*code, *by])]
    f = units.filter(pl.col("session")).select([*cols, "day", "msg_t", "out_t"])
    # rows are sorted by person: a gap is the day difference within the same person
    same = pl.all_horizontal([pl.col(c) == pl.col(c).shift() for c in (code or by)])
    gap = pl.when(same).then(pl.col("day").diff().dt.total_days())
    return f.with_columns(gap=gap)


def gap_prior(sessions: pl.DataFrame, params: ScoringParams) -> float:
    """c0: the owner's median gap between sessions, pooled over all contacts.

    Uses ``params.cadence_prior_days`` when set and ``cadence_fallback_days``
    when nobody has two sessions. For multi-ego data (a public dataset where
    every node is an ego) the gaps of all egos are pooled, as in the
    reference's backtest (§11.2): per-ego medians over a handful of gaps are
    too noisy, and for a single owner both are the same.

    Examples
    --------
    >>> g = pl.DataFrame({"gap": [None, 3, 5, 100]})
    >>> gap_prior(g, ScoringParams())
    5.0
    >>> gap_prior(g.head(1), ScoringParams())   # no gap at all: the fallback
    30.0
    """
    if params.cadence_prior_days is not None:
        return float(params.cadence_prior_days)
    med = sessions["gap"].drop_nulls().median()
    return float(med) if med is not None else params.cadence_fallback_days  # type: ignore[arg-type]


def cadence_expr(n: pl.Expr, sum_log: pl.Expr, c0: pl.Expr, k0: float) -> pl.Expr:
    """The vectorised :func:`shrunk_cadence` from the gap count and the sum of log gaps.

    Examples
    --------
    >>> f = pl.DataFrame({"n": [0, 2], "s": [0.0, 2 * math.log(10)], "c0": [30.0, 40.0]})
    >>> f.select(cadence_expr(pl.col("n"), pl.col("s"), pl.col("c0"), 2.0))["c"].round(6).to_list()
    [30.0, 20.0]
    """
    denom = n.cast(pl.Float64) + k0
    value = ((sum_log + k0 * c0.log()) / denom).exp()
    return pl.when(n > 0).then(value).otherwise(c0).alias("c")


def status_for(sessions: float, r: float | None, params: ScoringParams, days: float = 0.0) -> str:
    """The status of one tie (scalar reference of :func:`status_expr`).

    Checked in order: never interacted (no session), dormant (``days`` since
    the last session ≥ ``dormant_years``), then the cut-points on ``r``.

    Examples
    --------
    >>> p = ScoringParams()
    >>> [status_for(1, r, p) for r in (1.5, 1.51, 4.0, 8.0, 8.01)]
    ['on track', 'cooling', 'cooling', 'fading', 'lapsed']
    >>> status_for(0, None, p), status_for(3, 0.2, p, days=1100.0)
    ('never interacted', 'dormant')
    """
    if sessions <= 0 or r is None:
        return "never interacted"
    if days >= params.dormant_days:
        return "dormant"
    if r <= params.cooling_ratio:
        return "on track"
    if r <= params.fading_ratio:
        return "cooling"
    if r <= params.lapsed_ratio:
        return "fading"
    return "lapsed"


def status_expr(params: ScoringParams) -> pl.Expr:
    """Status from columns ``sessions``, ``days_since`` and ``overdue_ratio``.

    Examples
    --------
    >>> f = pl.DataFrame({"sessions": [0, 2, 2, 2], "days_since": [None, 10.0, 40.0, 2000.0],
    ...                   "overdue_ratio": [None, 1.0, 4.5, 0.5]})
    >>> f.select(status_expr(ScoringParams()))["status"].to_list()
    ['never interacted', 'on track', 'fading', 'dormant']
    """
    r = pl.col("overdue_ratio")
    return (
        pl.when((pl.col("sessions") <= 0) | r.is_null())
        .then(pl.lit("never interacted"))
        .when(pl.col("days_since") >= params.dormant_days)
        .then(pl.lit("dormant"))
        .when(r <= params.cooling_ratio)
        .then(pl.lit("on track"))
        .when(r <= params.fading_ratio)
        .then(pl.lit("cooling"))
        .when(r <= params.lapsed_ratio)
        .then(pl.lit("fading"))
        .otherwise(pl.lit("lapsed"))
        .alias("status")
    )


def need_expr(params: ScoringParams, *, has_hook: pl.Expr) -> pl.Expr:
    """N, the timing term, from ``status`` and ``overdue_ratio`` (§6).

    Cooling rises linearly from 0 at r = ``cooling_ratio`` to
    ``cooling_need_max`` at r = ``fading_ratio``. Never-interacted people get
    ``never_need`` only when ``has_hook`` (a colleague or bridge component).

    Examples
    --------
    >>> f = pl.DataFrame({"status": ["cooling", "fading", "never interacted", "on track"],
    ...                   "overdue_ratio": [2.75, 5.0, None, 1.0]})
    >>> f.select(need_expr(ScoringParams(), has_hook=pl.lit(True)))["need"].round(6).to_list()
    [0.35, 1.0, 0.3, 0.0]
    """
    p = params
    status = pl.col("status")
    cooling = (
        p.cooling_need_max
        * (pl.col("overdue_ratio") - p.cooling_ratio)
        / (p.fading_ratio - p.cooling_ratio)
    ).clip(0.0, p.cooling_need_max)
    return (
        pl.when(status == "cooling")
        .then(cooling)
        .when(status == "fading")
        .then(pl.lit(p.fading_need))
        .when(status == "lapsed")
        .then(pl.lit(p.lapsed_need))
        .when(status == "dormant")
        .then(pl.lit(p.dormant_need))
        .when(status == "never interacted")
        .then(pl.when(has_hook).then(pl.lit(p.never_need)).otherwise(0.0))
        .otherwise(pl.lit(0.0))
        .cast(pl.Float64)
        .alias("need")
    )
