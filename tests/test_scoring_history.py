"""strength_history: an exact curve whose last point is the score."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema
from tiekeeper.scoring.history import strength_history
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.strength import score

T0 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


class Export:
    interactions = pl.DataFrame(
        {
            "person_id": ["a", "a", "a", "b"],
            "time": [T0, T0 + dt.timedelta(days=30), T0 + dt.timedelta(days=60), T0],
            "kind": ["message", "message", "message", "endorsement"],
            "direction": ["out", "in", "out", "in"],
        }
    )
    people = pl.DataFrame({"person_id": ["a", "b", "c"], "name": ["Ada", "Bo", "Cy"]})
    positions = None
    as_of = T0 + dt.timedelta(days=120)


def test_exact_values_on_the_grid() -> None:
    h = strength_history(Export(), ["a"], freq="30d", start=T0)
    assert h.schema == polars_schema("strength_history")
    assert h["time"].to_list() == [T0 + dt.timedelta(days=d) for d in (0, 30, 60, 90, 120)]
    # S(t) = Σ w·2^(−(t − t_e)/180): out 1, in 0.5, out 1 at days 0, 30, 60
    want = [
        1.0,
        2 ** (-30 / 180) + 0.5,
        2 ** (-60 / 180) + 0.5 * 2 ** (-30 / 180) + 1,
    ]
    want += [want[-1] * 2 ** (-30 / 180), want[-1] * 2 ** (-60 / 180)]
    assert h["strength_raw"].to_list() == pytest.approx(want)
    # gaps 30, 30 shrunk towards the prior 60 with 2 pseudo-gaps: c = (30² · 60²)^(1/4) = √1800;
    # r at day 120 = 60 / √1800 = √2
    assert h["overdue_ratio"].to_list()[-1] == pytest.approx(60 / 1800**0.5)
    assert h["name"].unique().to_list() == ["Ada"]


def test_last_point_equals_score() -> None:
    e = Export()
    h = strength_history(e, ["a", "b", "c"], freq="1w")
    s = score(e)
    last = h.group_by("person_id").agg(pl.col("strength").last()).sort("person_id")
    want = s.select("person_id", "strength").sort("person_id")
    assert last["strength"].to_list() == pytest.approx(want["strength"].to_list())
    assert h.filter(pl.col("person_id") == "c")["strength"].max() == 0.0
    assert h["time"].max() == e.as_of


def test_default_start_is_the_first_event_and_freq_months() -> None:
    h = strength_history(Export(), "a", freq="1mo")
    assert h["time"].min() == T0
    assert h.height == 5  # Jan 1 … Apr 1, then as_of (Apr 30)


def test_bad_arguments() -> None:
    with pytest.raises(ParameterError, match="person_ids"):
        strength_history(Export(), ["nobody"])
    with pytest.raises(ParameterError, match="freq='weekly'"):
        strength_history(Export(), ["a"], freq="weekly")
    with pytest.raises(ParameterError, match=r"start=.*after as_of"):
        strength_history(Export(), ["a"], start=T0 + dt.timedelta(days=500))
    with pytest.raises(ParameterError, match="params must be"):
        strength_history(Export(), ["a"], params=ScoringParams)  # type: ignore[arg-type]
