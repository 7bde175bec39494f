"""The per-person numbers behind every score, computed in a few vectorised passes.

:func:`person_features` is the engine shared by :func:`tiekeeper.score`, the
strength history and the backtest: given events and a reference time T it
returns, per person (or per ego and person), the decayed strength S, the
capital K, their blend, the peak, sessions, the shrunk cadence, the overdue
ratio, the status and the ranked strength S*. Events after T are ignored, so
any past date can be scored.

The ranked strength is ``S* = B · (1 + e/τ)^(−α)`` (e the days since the
last contact, τ = 14 days, α = 2; :func:`penalty_expr`; wave 1 used
``exp(−max(0, r − 1)/κ)`` on the overdue ratio r) where the blend
``B = (1 − β)·S + β·K·h/h_K`` shrinks the short-run S towards the tie's own
long-run rate (``K·h/h_K`` equals S for a tie that kept a steady rhythm), and
S* is 0 for a cold pitch: someone who only ever wrote to the owner, with a job
pitch (see :mod:`~tiekeeper.scoring.pitches`), and was never answered.

Examples
--------
>>> import datetime as dt
>>> from tiekeeper.scoring._frames import prepare_interactions, to_us
>>> day = lambda d: dt.datetime(2024, 1, d, 12, tzinfo=dt.UTC)
>>> ev = prepare_interactions(pl.DataFrame({
...     "person_id": ["a", "a", "a"], "time": [day(1), day(11), day(21)],
...     "kind": ["message"] * 3, "direction": ["out", "in", "out"], "words": [0, 0, 0]}))
>>> f = person_features(ev, as_of_us=to_us(day(31)), params=ScoringParams(cadence_prior_days=10))
>>> cols = ["sessions", "cadence_days", "days_since", "overdue_ratio", "status"]
>>> f.select(cols).with_columns(pl.selectors.float().round(6)).row(0)   # gaps 10, 10: floor 14
(3, 14.0, 10.0, 0.714286, 'on track')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from tiekeeper.scoring.cadence import cadence_expr, gap_prior, session_gaps, status_expr
from tiekeeper.scoring.decay import DAY_US, running_decayed, units_by_day
from tiekeeper.scoring.params import ScoringParams

__all__ = [
    "FEATURE_COLUMNS",
    "FeatureTables",
    "blend_expr",
    "feature_tables",
    "mark_cold_pitches",
    "never_answered",
    "person_features",
]

_LN2 = math.log(2.0)

#: Columns of :func:`person_features` besides the key columns.
FEATURE_COLUMNS: tuple[str, ...] = (
    "S",
    "K",
    "S_blend",
    "S_star",
    "peak",
    "peak_t",
    "first_t",
    "last_event_t",
    "last_msg_t",
    "last_out_t",
    "last_in_t",
    "sessions",
    "n_gaps",
    "messages_sent",
    "messages_received",
    "unanswered_sessions",
    "cold_pitch",
    "c0",
    "target_cadence",
    "cadence_days",
    "cadence_estimated",
    "days_since",
    "overdue_ratio",
    "status",
)


@dataclass(frozen=True)
class FeatureTables:
    """:func:`person_features` plus the session days it was computed from."""

    #: one row per key: :data:`FEATURE_COLUMNS`
    per: pl.DataFrame
    #: one row per key and session day: ``day``, ``msg_t``, ``out_t``, ``gap``
    sessions: pl.DataFrame
    #: one row per key and day unit: ``day``, ``t``, ``w``, ``S_after`` …
    units: pl.DataFrame


def blend_expr(s: pl.Expr, k: pl.Expr, params: ScoringParams) -> pl.Expr:
    """``(1 − β)·S + β·K·h/h_K``: S shrunk towards the rate-matched capital.

    For a steady tie (one event every g days, long ago begun) S ≈ w·h/(g·ln 2)
    and K ≈ w·h_K/(g·ln 2), so ``K·h/h_K`` ≈ S and the blend leaves S alone; it
    matters for sparse or changing ties, where the 6-month count is noisy.

    Examples
    --------
    >>> f = pl.DataFrame({"S": [1.0], "K": [12.0]})
    >>> p = ScoringParams(half_life_days=180, capital_half_life_days=1080, capital_blend=0.5)
    >>> f.select(blend_expr(pl.col("S"), pl.col("K"), p))["S_blend"].item()   # ½·1 + ½·12/6
    1.5
    """
    b = params.capital_blend
    scale = params.half_life_days / params.capital_half_life_days
    if b == 0:
        return s.alias("S_blend")
    return ((1.0 - b) * s + b * scale * k).alias("S_blend")


def person_features(
    events: pl.DataFrame,
    *,
    as_of_us: int,
    params: ScoringParams,
    by: Sequence[str] = ("person_id",),
    target_cadence: pl.DataFrame | None = None,
    pitchers: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Per-person strength, cadence and status at T (see :func:`feature_tables`)."""
    return feature_tables(
        events,
        as_of_us=as_of_us,
        params=params,
        by=by,
        target_cadence=target_cadence,
        pitchers=pitchers,
    ).per


def feature_tables(
    events: pl.DataFrame,
    *,
    as_of_us: int,
    params: ScoringParams,
    by: Sequence[str] = ("person_id",),
    target_cadence: pl.DataFrame | None = None,
    pitchers: pl.DataFrame | None = None,
) -> FeatureTables:
    """Per-person strength, cadence and status at time T from prepared events.

    Parameters
    ----------
    events : polars.DataFrame
        Prepared interactions (:func:`~tiekeeper.scoring._frames.prepare_interactions`);
        rows after T are ignored.
    as_of_us : int
        T in microseconds since the epoch (:func:`~tiekeeper.scoring._frames.to_us`).
    params : ScoringParams
    by : sequence of str
        Key columns; ``("ego", "person_id")`` scores every ego separately (c0
        is pooled over all egos, see :func:`~tiekeeper.scoring.cadence.gap_prior`).
    target_cadence : polars.DataFrame, optional
        ``by`` columns plus ``target_cadence`` (days): the user's chosen cadence,
        which replaces the estimated one.
    pitchers : polars.DataFrame, optional
        ``by`` columns of people with job-pitch evidence
        (:func:`~tiekeeper.scoring.pitches.pitch_evidence`). Such a person is a
        ``cold_pitch`` at T when they wrote to the owner and the owner never
        wrote back (no outgoing message or logged contact up to T); their S*
        is 0.

    Returns
    -------
    FeatureTables
        ``per`` has one row per key with at least one event ≤ T, sorted by the
        keys, with :data:`FEATURE_COLUMNS`. Times (``*_t``) are Int64
        microseconds.
    """
    by = list(by)
    p = params
    ev = events.filter(pl.col("time").dt.epoch("us") <= as_of_us)
    units = running_decayed(
        units_by_day(ev, p, by), by=["_pk"], half_life_days=p.half_life_days, out="S_after"
    )
    if p.capital_blend > 0:
        units = running_decayed(
            units, by=["_pk"], half_life_days=p.capital_half_life_days, out="K_after"
        )
    else:
        units = units.with_columns(K_after=pl.lit(0.0))
    units = units.with_columns(blend_expr(pl.col("S_after"), pl.col("K_after"), p).alias("B_after"))
    age = (pl.lit(as_of_us) - pl.col("t")).cast(pl.Float64) / DAY_US
    last_in = pl.col("in_t").max().over("_pk")
    # only messages count as unanswered: a logged contact happened outside LinkedIn
    out_after_reply = pl.col("sent_t").is_not_null() & (
        last_in.is_null() | (pl.col("sent_t") > last_in)
    )
    # row-level terms first; the aggregation over the sorted person code is then plain sums
    units = units.with_columns(
        _s=pl.col("w") * (-_LN2 * age / p.half_life_days).exp(),
        _kk=pl.col("w") * (-_LN2 * age / p.capital_half_life_days).exp(),
        _un=(pl.col("session") & out_after_reply).cast(pl.Int64),
    )
    per = units.group_by("_pk", maintain_order=True).agg(
        *[pl.col(c).first() for c in by],
        pl.col("_s").sum().alias("S"),
        pl.col("_kk").sum().alias("K"),
        pl.col("B_after").max().alias("peak"),
        pl.col("t").get(pl.col("B_after").arg_max()).alias("peak_t"),
        pl.col("t_min").min().alias("first_t"),
        pl.col("t").max().alias("last_event_t"),
        pl.col("msg_t").max().alias("last_msg_t"),
        pl.col("out_t").max().alias("last_out_t"),
        pl.col("in_t").max().alias("last_in_t"),
        pl.col("session").sum().cast(pl.Int64).alias("sessions"),
        pl.col("n_sent").sum().cast(pl.Int64).alias("messages_sent"),
        pl.col("n_recv").sum().cast(pl.Int64).alias("messages_received"),
        pl.col("_un").sum().alias("unanswered_sessions"),
    )
    units = units.with_columns(_un_day=pl.col("_un") > 0).drop(
        "_s", "_kk", "_un", "K_after", "B_after"
    )
    sess = session_gaps(units, by, p.session_window_days)
    if p.session_window_days > 0:
        counts = sess.group_by("_pk", maintain_order=True).agg(
            sessions=pl.len().cast(pl.Int64),
            unanswered_sessions=pl.col("unanswered").sum().cast(pl.Int64),
        )
        per = per.drop("sessions", "unanswered_sessions").join(
            counts, on="_pk", how="left", maintain_order="left"
        )
    sess = sess.drop("unanswered")
    gaps = (
        sess.filter(pl.col("gap").is_not_null())
        .group_by("_pk", maintain_order=True)
        .agg(
            pl.len().cast(pl.Int64).alias("n_gaps"),
            pl.col("gap").cast(pl.Float64).log().sum().alias("_sum_log"),
        )
    )
    per = per.join(gaps, on="_pk", how="left", maintain_order="left").with_columns(
        pl.col("n_gaps").fill_null(0),
        pl.col("_sum_log").fill_null(0.0),
        pl.col("sessions").fill_null(0),
        pl.col("unanswered_sessions").fill_null(0),
    )
    per = per.with_columns(c0=pl.lit(gap_prior(sess, p)))
    cadence = cadence_expr(
        pl.col("n_gaps"), pl.col("_sum_log"), pl.col("c0"), p.cadence_pseudo_gaps
    )
    few = pl.col("sessions") < p.cadence_min_sessions
    cadence = pl.when(few).then(pl.col("c0")).otherwise(cadence)
    if p.cadence_floor_days > 0:
        cadence = pl.max_horizontal(cadence, pl.lit(p.cadence_floor_days))
    if target_cadence is not None and target_cadence.height:
        per = per.join(target_cadence.select([*by, "target_cadence"]), on=by, how="left")
        cadence = pl.coalesce(pl.col("target_cadence").cast(pl.Float64), cadence)
    else:
        per = per.with_columns(target_cadence=pl.lit(None, dtype=pl.Float64))
    has_session = pl.col("sessions") > 0
    days_since = (pl.lit(as_of_us) - pl.col("last_msg_t")).cast(pl.Float64) / DAY_US
    per = per.with_columns(
        pl.when(has_session).then(cadence).otherwise(None).alias("cadence_days"),
        ((few | (pl.col("n_gaps") < 2)) & has_session).alias("cadence_estimated"),
        days_since.alias("days_since"),
    ).with_columns(
        (pl.col("days_since") / pl.col("cadence_days")).alias("overdue_ratio"),
    )
    penalty = penalty_expr(p)
    per = per.with_columns(
        blend_expr(pl.col("S"), pl.col("K"), p), cold_pitch=pl.lit(False)
    ).with_columns(
        status_expr(p, has_target=pl.col("target_cadence").is_not_null()),
        (pl.col("S_blend") * penalty).alias("S_star"),
    )
    per = per.select([*by, *FEATURE_COLUMNS])
    if pitchers is not None:
        per = mark_cold_pitches(per, pitchers, by)
    return FeatureTables(per, sess, units)


def penalty_expr(p: ScoringParams) -> pl.Expr:
    """The factor that turns the blend B into the ranked strength S* (1 with no session).

    ``penalty='recency'`` (the default): ``(1 + e/τ)^(−α)`` with e the days
    since the last contact, τ = ``recency_days`` and α = ``recency_power``, so
    S* is the recent volume discounted by the silence since (a quarter of it
    left after τ days with the default α = 2, half with α = 1).
    ``penalty='cadence'`` (wave 1): ``exp(−max(0, r − 1)/κ)`` with r the
    overdue ratio and κ = ``kappa``.

    Examples
    --------
    >>> f = pl.DataFrame({"days_since": [0.0, 14.0, 42.0, None],
    ...                   "overdue_ratio": [0.0, 1.0, 3.0, None]})
    >>> f.select(penalty_expr(ScoringParams()))["penalty"].to_list()
    [1.0, 0.25, 0.0625, 1.0]
    >>> f.select(penalty_expr(ScoringParams(recency_power=1.0)))["penalty"].to_list()
    [1.0, 0.5, 0.25, 1.0]
    >>> p = ScoringParams(penalty="cadence", kappa=2.0)
    >>> f.select(penalty_expr(p))["penalty"].round(4).to_list()   # exp(-(3 - 1)/2)
    [1.0, 1.0, 0.3679, 1.0]
    """
    if p.penalty == "recency":
        e = pl.col("days_since").clip(lower_bound=0.0)
        factor = (1.0 + e / p.recency_days) ** (-p.recency_power)
    elif math.isinf(p.kappa):
        factor = pl.lit(1.0)
    else:
        factor = (-((pl.col("overdue_ratio") - 1.0).clip(lower_bound=0.0)) / p.kappa).exp()
    return factor.fill_null(1.0).alias("penalty")


def never_answered(per: pl.DataFrame) -> list[str]:
    """Person ids who wrote to the owner and never got a message or logged contact back.

    Examples
    --------
    >>> per = pl.DataFrame({"person_id": ["a", "b", "c"], "last_out_t": [None, 5, None],
    ...                     "messages_received": [2, 2, 0]})
    >>> never_answered(per)
    ['a']
    """
    wrote = pl.col("messages_received") > 0
    return per.filter(pl.col("last_out_t").is_null() & wrote)["person_id"].to_list()


def mark_cold_pitches(
    per: pl.DataFrame, pitchers: pl.DataFrame, by: Sequence[str] = ("person_id",)
) -> pl.DataFrame:
    """Set ``cold_pitch`` (and S* = 0) for pitchers who wrote and were never answered by T.

    ``per`` is a :func:`person_features` frame; ``pitchers`` holds the ``by``
    columns of the people with job-pitch evidence.

    Examples
    --------
    >>> per = pl.DataFrame({"person_id": ["r", "f"], "S_star": [0.4, 0.4],
    ...     "last_out_t": [None, 5], "messages_received": [2, 2], "cold_pitch": [False, False]})
    >>> mark_cold_pitches(per, pl.DataFrame({"person_id": ["r", "f"]}))["S_star"].to_list()
    [0.0, 0.4]
    """
    by = list(by)
    flagged = pitchers.select(by).unique().with_columns(_pitcher=pl.lit(True))
    cold = (
        pl.col("_pitcher").fill_null(False)
        & pl.col("last_out_t").is_null()
        & (pl.col("messages_received") > 0)
    )
    return (
        per.join(flagged, on=by, how="left", maintain_order="left")
        .with_columns(cold_pitch=cold)
        .with_columns(S_star=pl.when(pl.col("cold_pitch")).then(0.0).otherwise(pl.col("S_star")))
        .drop("_pitcher")
    )
