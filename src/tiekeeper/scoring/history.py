"""``strength_history``: strength over time for a few people, for charts.

The curve is exact, not resampled: S just after each day unit is known (the
running sum of :func:`~tiekeeper.scoring.decay.running_decayed`), and between
units S only decays, so S at any grid time t is S_last · 2^(−(t − t_last)/h);
the same holds for the capital K. The 0–100 ``strength`` is made like
:func:`tiekeeper.score`'s: the blend of S and K with the penalty as it
stood at t (the recency discount for the days since the last contact before
t; with ``penalty='cadence'``, the tie's own session gaps up to t shrunk
towards the prior c0 of ``as_of``), so that the last point equals
``score``'s strength when no state file is used. ``overdue_ratio`` is the
days since the last contact over the cadence of the sessions begun by t.
A cold pitch at ``as_of`` (:mod:`~tiekeeper.scoring.pitches`) has
strength 0 throughout.

Examples
--------
>>> import tiekeeper
>>> e = tiekeeper.load_export()
>>> ids = tiekeeper.score(e)["person_id"].head(3).to_list()
>>> tiekeeper.strength_history(e, ids, freq="1mo").columns
['person_id', 'name', 'time', 'strength', 'strength_raw', 'overdue_ratio']
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema
from tiekeeper.scoring._frames import export_frames, to_us
from tiekeeper.scoring.cadence import gap_prior, session_gaps
from tiekeeper.scoring.decay import DAY_US, running_decayed, units_by_day
from tiekeeper.scoring.features import blend_expr, penalty_expr
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.pitches import inbound_only, pitch_evidence
from tiekeeper.scoring.strength import check_params

if TYPE_CHECKING:
    from tiekeeper.history import History
    from tiekeeper.io import Export

__all__ = ["history_frames", "strength_history"]

_FREQ = re.compile(r"^[1-9]\d*(d|w|mo|q|y)$")
_LN2 = math.log(2.0)


def strength_history(
    export: Export | History,
    person_ids: str | Iterable[str],
    *,
    as_of: AsOf = None,
    params: ScoringParams | None = None,
    freq: str = "1w",
    start: AsOf = None,
) -> pl.DataFrame:
    """Strength of each person on a regular time grid, ending at ``as_of``.

    Parameters
    ----------
    export : Export or History
        From :func:`tiekeeper.load_export` (a History: its merged record). The
        events themselves are in ``export.interactions``.
    person_ids : str or iterable of str
        ``person_id`` values (from :func:`tiekeeper.score` or ``export.people``).
    as_of : datetime.date, datetime.datetime or str, optional
        The last grid point (default: the export date): a date, an aware
        datetime or an ISO string.
    params : ScoringParams, optional
        Scoring parameters (default: the reference model's).
    freq : str
        Grid step: ``"1w"`` (default), ``"1mo"``, or any ``<n>d|w|mo|q|y``.
    start : datetime.date, datetime.datetime or str, optional
        First grid point (default: the first event among these people), in
        any form ``as_of`` takes.

    Returns
    -------
    polars.DataFrame
        The ``strength_history`` schema, long format: one row per person and
        grid time; ``as_of`` itself is always the last point.

    Raises
    ------
    ParameterError
        For an unknown person id, a bad ``freq``, or ``start`` after ``as_of``.

    Examples
    --------
    >>> import tiekeeper as tk
    >>> export = tk.load_export()
    >>> strongest = tk.score(export).sort("strength", descending=True)["person_id"][0]
    >>> history = tk.strength_history(export, strongest, freq="1mo")
    >>> history["time"].max() == export.as_of
    True
    """
    p = check_params(params)
    fr = export_frames(export)
    when = resolve_as_of(as_of, fr.default_as_of)
    ids = [person_ids] if isinstance(person_ids, str) else list(person_ids)
    mine = fr.interactions.filter(pl.col("person_id").is_in(ids))
    writers = inbound_only(mine, to_us(when)).to_list()
    cold = pitch_evidence(fr.messages, fr.people, writers, to_us(when))["person_id"].to_list()
    return history_frames(
        fr.interactions,
        fr.people,
        ids,
        as_of=when,
        params=p,
        freq=freq,
        start=start,
        cold=cold,
    )


def history_frames(
    interactions: pl.DataFrame,
    people: pl.DataFrame,
    person_ids: str | Iterable[str],
    *,
    as_of: dt.datetime,
    params: ScoringParams,
    freq: str = "1w",
    start: AsOf = None,
    cold: Iterable[str] = (),
) -> pl.DataFrame:
    """:func:`strength_history` on plain frames (prepared interactions, people).

    ``cold`` lists the cold pitches at ``as_of``: their strength is 0.
    """
    p = params
    ids = [person_ids] if isinstance(person_ids, str) else list(person_ids)
    if not isinstance(freq, str) or not _FREQ.match(freq):
        raise ParameterError(
            f"freq={freq!r} is not a grid step; expected e.g. '1w', '1mo', '2w' or '1q'"
        )
    wanted = pl.col("person_id").is_in(ids)
    known = set(people.filter(wanted)["person_id"].to_list())
    known |= set(interactions.filter(wanted)["person_id"].unique().to_list())
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ParameterError(
            f"person_ids {unknown[:3]} are not in this export; pass person_id values from "
            "tiekeeper.score(export) or export.people"
        )
    t_us = to_us(as_of)
    ev = interactions.filter(pl.col("time").dt.epoch("us") <= t_us)
    all_units = units_by_day(ev, p)
    c0 = gap_prior(session_gaps(all_units, ["person_id"], p.session_window_days), p)
    units = running_decayed(
        all_units.filter(pl.col("person_id").is_in(ids)),
        by=["person_id"],
        half_life_days=p.half_life_days,
    )
    units = running_decayed(
        units, by=["person_id"], half_life_days=p.capital_half_life_days, out="K_after"
    )
    grid = _grid(units, as_of, freq, start)
    schema = polars_schema("strength_history")
    if not ids:
        return pl.DataFrame(schema=schema)
    points = (
        pl.DataFrame({"person_id": ids}, schema={"person_id": pl.String})
        .unique(maintain_order=True)
        .join(grid, how="cross")
        .with_columns(_g=pl.col("time").dt.epoch("us"))
        .sort("_g")
    )
    decayed = units.select(
        "person_id", _u=pl.col("t"), _s=pl.col("S_after"), _k=pl.col("K_after")
    ).sort("_u")
    # the last contact before each grid time (for e), and the sessions begun by then (for c)
    contacts = units.filter(pl.col("session")).select("person_id", _lc=pl.col("msg_t")).sort("_lc")
    sess = (
        session_gaps(units, ["person_id"], p.session_window_days)
        .with_columns(
            _ns=pl.int_range(1, pl.len() + 1).over("person_id"),
            _sl=pl.col("gap").cast(pl.Float64).log().fill_null(0.0).cum_sum().over("person_id"),
            _b=pl.col("day").cast(pl.Datetime("us")).dt.epoch("us"),
        )
        .select("person_id", "_b", "_ns", "_sl")
        .sort("_b")
    )
    k0 = p.cadence_pseudo_gaps
    n_gaps = pl.col("_ns") - 1
    shrunk = ((pl.col("_sl") + k0 * math.log(c0)) / (n_gaps + k0)).exp()
    cadence = (
        pl.when(pl.col("_ns").fill_null(0) < p.cadence_min_sessions)
        .then(pl.lit(c0))
        .when(n_gaps > 0)
        .then(shrunk)
        .otherwise(pl.lit(c0))
    )
    if p.cadence_floor_days > 0:
        cadence = pl.max_horizontal(cadence, pl.lit(p.cadence_floor_days))
    out = (
        points.join_asof(
            decayed, left_on="_g", right_on="_u", by="person_id", check_sortedness=False
        )
        .join_asof(contacts, left_on="_g", right_on="_lc", by="person_id", check_sortedness=False)
        .join_asof(sess, left_on="_g", right_on="_b", by="person_id", check_sortedness=False)
        .with_columns(
            strength_raw=(pl.col("_s") * _decay(p.half_life_days)).fill_null(0.0),
            _capital=(pl.col("_k") * _decay(p.capital_half_life_days)).fill_null(0.0),
            days_since=(pl.col("_g") - pl.col("_lc")).cast(pl.Float64) / DAY_US,
            _c=cadence,
        )
        .with_columns(overdue_ratio=pl.col("days_since") / pl.col("_c"))
    )
    penalty = penalty_expr(p)
    names = people.select("person_id", "name").unique("person_id", keep="first")
    blend = blend_expr(pl.col("strength_raw"), pl.col("_capital"), p)
    zero = pl.col("person_id").is_in(sorted(set(cold)))
    out = (
        out.with_columns(
            strength=pl.when(zero)
            .then(0.0)
            .otherwise(100.0 * (1.0 - (-blend * penalty / p.strength_ref).exp()))
        )
        .join(names, on="person_id", how="left")
        .sort("person_id", "time")
    )
    return out.select(list(schema)).cast(dict(schema))  # type: ignore[arg-type]


def _decay(half_life_days: float) -> pl.Expr:
    """``2^(−(grid − last unit)/h)``, the decay since the person's last unit before the grid."""
    days = (pl.col("_g") - pl.col("_u")).cast(pl.Float64) / DAY_US
    return (-days / half_life_days * _LN2).exp()


def _grid(units: pl.DataFrame, as_of: dt.datetime, freq: str, start: AsOf) -> pl.DataFrame:
    if start is not None:
        first = resolve_as_of(start, name="start")
        if first > as_of:
            raise ParameterError(
                f"start={first.isoformat()} is after as_of={as_of.isoformat()}; "
                "pass an earlier start"
            )
    elif units.height:
        t0 = units["t_min"].min()
        first = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=int(t0))  # type: ignore[arg-type]
    else:
        first = as_of - dt.timedelta(days=365)
    first = min(first, as_of)
    times = pl.datetime_range(first, as_of, interval=freq, eager=True, time_zone="UTC")
    times = times.dt.cast_time_unit("us")
    if times.len() == 0 or times[-1] != as_of:
        times = pl.concat([times, pl.Series([as_of], dtype=pl.Datetime("us", "UTC"))])
    return pl.DataFrame({"time": times})
