"""The per-person numbers behind every score, computed in a few vectorised passes.

:func:`person_features` is the engine shared by :func:`tiekeeper.score`, the
strength history and the backtest: given events and a reference time T it
returns, per person (or per ego and person), the decayed strength S, the
capital K, the peak, sessions, the shrunk cadence, the overdue ratio, the
status and the cadence-adjusted S*. Events after T are ignored, so any past
date can be scored.

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
>>> f.select(cols).with_columns(pl.selectors.float().round(6)).row(0)   # gaps 10, 10; c0 10
(3, 10.0, 10.0, 1.0, 'on track')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from tiekeeper.scoring.cadence import cadence_expr, gap_prior, session_gaps, status_expr
from tiekeeper.scoring.decay import DAY_US, running_decayed, units_by_day
from tiekeeper.scoring.params import ScoringParams

__all__ = ["FEATURE_COLUMNS", "FeatureTables", "feature_tables", "person_features"]

_LN2 = math.log(2.0)

#: Columns of :func:`person_features` besides the key columns.
FEATURE_COLUMNS: tuple[str, ...] = (
    "S",
    "K",
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


def person_features(
    events: pl.DataFrame,
    *,
    as_of_us: int,
    params: ScoringParams,
    by: Sequence[str] = ("person_id",),
    target_cadence: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Per-person strength, cadence and status at T (see :func:`feature_tables`)."""
    return feature_tables(
        events, as_of_us=as_of_us, params=params, by=by, target_cadence=target_cadence
    ).per


def feature_tables(
    events: pl.DataFrame,
    *,
    as_of_us: int,
    params: ScoringParams,
    by: Sequence[str] = ("person_id",),
    target_cadence: pl.DataFrame | None = None,
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
    age = (pl.lit(as_of_us) - pl.col("t")).cast(pl.Float64) / DAY_US
    last_in = pl.col("in_t").max().over("_pk")
    out_after_reply = pl.col("out_t").is_not_null() & (
        last_in.is_null() | (pl.col("out_t") > last_in)
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
        pl.col("S_after").max().alias("peak"),
        pl.col("t").get(pl.col("S_after").arg_max()).alias("peak_t"),
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
    units = units.drop("_s", "_kk", "_un")
    sess = session_gaps(units, by)
    gaps = (
        sess.filter(pl.col("gap").is_not_null())
        .group_by("_pk", maintain_order=True)
        .agg(
            pl.len().cast(pl.Int64).alias("n_gaps"),
            pl.col("gap").cast(pl.Float64).log().sum().alias("_sum_log"),
        )
    )
    per = per.join(gaps, on="_pk", how="left", maintain_order="left").with_columns(
        pl.col("n_gaps").fill_null(0), pl.col("_sum_log").fill_null(0.0)
    )
    per = per.with_columns(c0=pl.lit(gap_prior(sess, p)))
    cadence = cadence_expr(
        pl.col("n_gaps"), pl.col("_sum_log"), pl.col("c0"), p.cadence_pseudo_gaps
    )
    if target_cadence is not None and target_cadence.height:
        per = per.join(target_cadence.select([*by, "target_cadence"]), on=by, how="left")
        cadence = pl.coalesce(pl.col("target_cadence").cast(pl.Float64), cadence)
    else:
        per = per.with_columns(target_cadence=pl.lit(None, dtype=pl.Float64))
    has_session = pl.col("sessions") > 0
    days_since = (pl.lit(as_of_us) - pl.col("last_msg_t")).cast(pl.Float64) / DAY_US
    per = per.with_columns(
        pl.when(has_session).then(cadence).otherwise(None).alias("cadence_days"),
        ((pl.col("n_gaps") < 2) & has_session).alias("cadence_estimated"),
        days_since.alias("days_since"),
    ).with_columns(
        (pl.col("days_since") / pl.col("cadence_days")).alias("overdue_ratio"),
    )
    penalty = (
        pl.lit(1.0)
        if math.isinf(p.kappa)
        else (-((pl.col("overdue_ratio") - 1.0).clip(lower_bound=0.0)) / p.kappa)
        .exp()
        .fill_null(1.0)
    )
    per = per.with_columns(status_expr(p), (pl.col("S") * penalty).alias("S_star"))
    return FeatureTables(per.select([*by, *FEATURE_COLUMNS]), sess, units)
