"""Each tie's own rhythm: sessions, gaps, shrunk cadence, overdue ratio and status.

People talk in conversations, not on a rhythm of days. A *contact day* is a
calendar day (in ``session_tz``) with a message either way or a logged
contact; contact days with the same person at most ``session_window_days``
(2) apart form one *session*. The gap g before a session is the silence from
the previous session's last day to its first day. The cadence c is the
geometric mean of the gaps, shrunk towards a prior c0 at LinkedIn's
timescale (``cadence_prior_days``, 60) with k0 pseudo-gaps, never below a
floor (``cadence_floor_days``, 14), and the prior itself with fewer than
``cadence_min_sessions`` (3) sessions::

    c = max(floor, exp((Σ ln g_i + k0 · ln c0) / (n + k0)))     (n = sessions − 1)

A target cadence from the user's state file replaces c. The overdue ratio
is r = days since the last contact / c and the status follows from r, except
that a tie contacted within ``fading_min_days`` (30) is never 'fading' or
'lapsed' unless the user set its target. This replaces §4 of the shared
scoring reference (DESIGN.md, "Sessions and cadence").

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


def session_gaps(units: pl.DataFrame, by: Sequence[str], window_days: float = 0.0) -> pl.DataFrame:
    """One row per session with the gap (days of silence) before it.

    A session is a run of contact days with the same person (messages either
    way, or logged contacts) in which each day is at most ``window_days``
    after the previous one: a conversation over a few days is one session.
    ``window_days=0`` makes every contact day a session of its own.

    Parameters
    ----------
    units : polars.DataFrame
        Day units from :func:`~tiekeeper.scoring.decay.units_by_day`, sorted by
        person and day.
    by : sequence of str
        Person key columns (the integer code ``_pk`` is used when present).
    window_days : float
        :attr:`ScoringParams.session_window_days`.

    Returns
    -------
    polars.DataFrame
        ``by``, ``day`` (the session's first day), ``last_day``, ``days``
        (contact days in it), ``msg_t`` and ``out_t`` (the last contact and
        the last outgoing contact in it, µs) and ``gap``: days from the
        previous session's last day to this one's first (null for the first).
        When ``units`` has a boolean ``_un_day`` (a day with an outgoing message
        after the person's last reply), also ``unanswered``: any such day in
        the session.

    Examples
    --------
    >>> import datetime as dt
    >>> d = lambda n: dt.date(2024, 1, n)
    >>> u = pl.DataFrame({"p": ["a"] * 5, "session": [True, False, True, True, True],
    ...                   "day": [d(1), d(3), d(8), d(9), d(20)],
    ...                   "msg_t": [1, None, 2, 3, 4], "out_t": [1, None, None, 3, None]})
    >>> session_gaps(u, ["p"])["gap"].to_list()            # every contact day a session
    [None, 7, 1, 11]
    >>> s = session_gaps(u, ["p"], window_days=2)          # days 8 and 9: one conversation
    >>> s.select("days", "gap", "out_t").rows()
    [(1, None, 1), (2, 7, 3), (1, 11, None)]
    """
    by = list(by)
    code = ["_pk"] if "_pk" in units.columns else []
    cols = [*dict.fromkeys([*code, *by])]
    keys = code or by
    extra = ["_un_day"] if "_un_day" in units.columns else []
    f = units.filter(pl.col("session")).select([*cols, "day", "msg_t", "out_t", *extra])
    # rows are sorted by person: a new session starts at a person's first day
    # or after more than window_days of silence
    same = pl.all_horizontal([pl.col(c) == pl.col(c).shift() for c in keys])
    step = pl.col("day").diff().dt.total_days()
    flag = [pl.col("_un_day").alias("unanswered")] if extra else []
    out_cols = [*cols, "day", "last_day", "days", "msg_t", "out_t", "gap"]
    if extra:
        out_cols.append("unanswered")
    if window_days <= 0:
        return f.with_columns(
            *flag,
            last_day=pl.col("day"),
            days=pl.lit(1, dtype=pl.UInt32),
            gap=pl.when(same).then(step),
        ).select(out_cols)
    new = ~same.fill_null(False) | (step > window_days)
    f = f.with_columns(_sid=new.cum_sum())
    aggs = [
        *[pl.col(c).first() for c in cols],
        pl.col("day").first(),
        pl.col("day").last().alias("last_day"),
        pl.len().alias("days"),
        pl.col("msg_t").max(),
        pl.col("out_t").max(),
        *([pl.col("_un_day").any().alias("unanswered")] if extra else []),
    ]
    g = f.group_by("_sid", maintain_order=True).agg(aggs)
    same_s = pl.all_horizontal([pl.col(c) == pl.col(c).shift() for c in keys])
    gap = pl.when(same_s).then((pl.col("day") - pl.col("last_day").shift()).dt.total_days())
    return g.with_columns(gap=gap).select(out_cols)


def gap_prior(sessions: pl.DataFrame, params: ScoringParams) -> float:
    """c0: ``cadence_prior_days``, or the owner's median gap between sessions.

    With ``cadence_prior_days=None`` (wave 1) the median is pooled over all
    contacts, and ``cadence_fallback_days`` is used when nobody has two
    sessions. For multi-ego data (a public dataset where
    every node is an ego) the gaps of all egos are pooled, as in the
    reference's backtest (§11.2): per-ego medians over a handful of gaps are
    too noisy, and for a single owner both are the same.

    Examples
    --------
    >>> g = pl.DataFrame({"gap": [None, 3, 5, 100]})
    >>> gap_prior(g, ScoringParams())           # the fixed prior
    60.0
    >>> gap_prior(g, ScoringParams(cadence_prior_days=None))   # the owner's median
    5.0
    >>> gap_prior(g.head(1), ScoringParams(cadence_prior_days=None))   # no gap: the fallback
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


def status_for(
    sessions: float,
    r: float | None,
    params: ScoringParams,
    days: float = 0.0,
    *,
    target: bool = False,
) -> str:
    """The status of one tie (scalar reference of :func:`status_expr`).

    Checked in order: never interacted (no session), dormant (``days`` since
    the last session ≥ ``dormant_years``), then the cut-points on ``r``. A tie
    contacted within ``fading_min_days`` is at most cooling, unless it has a
    ``target`` cadence from the user's state file.

    Examples
    --------
    >>> p = ScoringParams()
    >>> [status_for(1, r, p, days=60.0) for r in (1.5, 1.51, 4.0, 8.0, 8.01)]
    ['on track', 'cooling', 'cooling', 'fading', 'lapsed']
    >>> status_for(0, None, p), status_for(3, 0.2, p, days=1100.0)
    ('never interacted', 'dormant')
    >>> p30 = p.replace(fading_min_days=30.0)
    >>> status_for(5, 20.0, p30, days=14.0), status_for(5, 20.0, p30, days=14.0, target=True)
    ('cooling', 'lapsed')
    """
    if sessions <= 0 or r is None:
        return "never interacted"
    if days >= params.dormant_days:
        return "dormant"
    if r <= params.cooling_ratio:
        return "on track"
    if r <= params.fading_ratio or (days < params.fading_min_days and not target):
        return "cooling"
    if r <= params.lapsed_ratio:
        return "fading"
    return "lapsed"


def status_expr(params: ScoringParams, *, has_target: pl.Expr | None = None) -> pl.Expr:
    """Status from columns ``sessions``, ``days_since`` and ``overdue_ratio``.

    A tie contacted within ``fading_min_days`` is at most cooling, unless
    ``has_target`` (true where the user's state file sets a target cadence).

    Examples
    --------
    >>> f = pl.DataFrame({"sessions": [0, 2, 2, 2, 2],
    ...                   "days_since": [None, 10.0, 40.0, 2000.0, 9.0],
    ...                   "overdue_ratio": [None, 1.0, 4.5, 0.5, 9.0]})
    >>> f.select(status_expr(ScoringParams(fading_min_days=0)))["status"].to_list()
    ['never interacted', 'on track', 'fading', 'dormant', 'lapsed']
    >>> f.select(status_expr(ScoringParams(fading_min_days=30)))["status"].to_list()[-1]
    'cooling'
    """
    r = pl.col("overdue_ratio")
    held = pl.col("days_since") < params.fading_min_days
    if has_target is not None:
        held = held & ~has_target
    return (
        pl.when((pl.col("sessions") <= 0) | r.is_null())
        .then(pl.lit("never interacted"))
        .when(pl.col("days_since") >= params.dormant_days)
        .then(pl.lit("dormant"))
        .when(r <= params.cooling_ratio)
        .then(pl.lit("on track"))
        .when((r <= params.fading_ratio) | held)
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
