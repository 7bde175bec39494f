"""Cadence shrinkage, overdue ratio, status cut-points and need: hand-computed."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest

from tiekeeper.scoring._frames import prepare_interactions, to_us
from tiekeeper.scoring.cadence import need_expr, shrunk_cadence, status_expr, status_for
from tiekeeper.scoring.features import person_features
from tiekeeper.scoring.params import ScoringParams

T0 = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)


def msgs(person_days: dict[str, list[float]]) -> pl.DataFrame:
    rows = [(p, T0 + dt.timedelta(days=d)) for p, days in person_days.items() for d in days]
    return prepare_interactions(
        pl.DataFrame(
            {
                "person_id": [r[0] for r in rows],
                "time": [r[1] for r in rows],
                "kind": "message",
                "direction": "out",
            },
            schema_overrides={"time": pl.Datetime("us", "UTC")},
        )
    )


def at(days: float) -> int:
    return to_us(T0 + dt.timedelta(days=days))


def test_shrinkage_hand_computed() -> None:
    # sessions on days 0, 10, 30 → gaps 10 and 20; c0 = 15, k0 = 2:
    # c = exp((ln 10 + ln 20 + 2 ln 15) / 4) = (10 · 20 · 15²)^(1/4) = 45000^(1/4) = 14.5647
    assert shrunk_cadence([10, 20], 15, 2) == pytest.approx(14.5647, abs=1e-4)
    p = ScoringParams(cadence_prior_days=15, cadence_floor_days=0)
    f = person_features(msgs({"a": [0, 10, 30]}), as_of_us=at(30 + 2 * 14.5647), params=p)
    assert f["sessions"][0] == 3  # more than session_window_days apart: three sessions
    assert f["cadence_days"][0] == pytest.approx(45000**0.25)
    # e = 29.1294 days since the last session → r = 29.1294 / 14.5647 = 2.0 → cooling
    assert f["overdue_ratio"][0] == pytest.approx(2.0, abs=1e-4)
    assert f["status"][0] == "cooling"
    # S* = B / (1 + e/14)², B = ½·S + ½·K·180/1095 (the blend)
    blend = 0.5 * f["S"][0] + 0.5 * f["K"][0] * 180 / 1095
    assert f["S_blend"][0] == pytest.approx(blend)
    assert f["S_star"][0] == pytest.approx(blend / (1 + 2 * 14.5647 / 14) ** 2, rel=1e-4)
    # wave 1: S* = B · exp(−(r − 1)/8) = B · e^(−1/8)
    w = person_features(
        msgs({"a": [0, 10, 30]}), as_of_us=at(30 + 2 * 14.5647), params=p.replace(penalty="cadence")
    )
    assert w["S_star"][0] == pytest.approx(blend * math.exp(-1 / 8), rel=1e-4)


def test_owner_median_gap_is_the_prior() -> None:
    # wave 1 (calendar-day sessions, cadence_prior_days=None, no floor):
    # gaps over all contacts: a → 2, 4; b → 30. Median of {2, 4, 30} = 4 = c0.
    # c (the single-session person) = c0 = 4 exactly; r = 8 days / 4 = 2.
    f = person_features(
        msgs({"a": [0, 2, 6], "b": [0, 30], "c": [22]}),
        as_of_us=at(30),
        params=ScoringParams.wave1(),
    )
    row = f.filter(pl.col("person_id") == "c").row(0, named=True)
    assert row["c0"] == 4.0
    assert row["cadence_days"] == 4.0
    assert row["cadence_estimated"] is True
    assert row["overdue_ratio"] == pytest.approx(2.0)
    # a: c = exp((ln 2 + ln 4 + 2 ln 4)/4) = (2 · 4 · 16)^(1/4) = 128^(1/4) = 3.3636
    a = f.filter(pl.col("person_id") == "a").row(0, named=True)
    assert a["cadence_days"] == pytest.approx(128**0.25)
    assert a["cadence_estimated"] is False


def test_fallback_prior_when_nobody_has_two_sessions() -> None:
    p = ScoringParams.wave1()
    f = person_features(msgs({"a": [0], "b": [5]}), as_of_us=at(65), params=p)
    assert f["c0"].to_list() == [30.0, 30.0]
    # a: 65 days / 30 = 2.1667 (cooling); b: 60 / 30 = 2
    assert f["overdue_ratio"].to_list() == pytest.approx([65 / 30, 2.0])


def test_target_cadence_replaces_the_estimate() -> None:
    target = pl.DataFrame({"person_id": ["a"], "target_cadence": [7.0]})
    f = person_features(
        msgs({"a": [0, 100]}), as_of_us=at(121), params=ScoringParams(), target_cadence=target
    )
    assert f["cadence_days"][0] == 7.0
    assert f["overdue_ratio"][0] == pytest.approx(3.0)  # 21 days / 7


@pytest.mark.parametrize(
    ("r", "status"),
    [
        (0.0, "on track"),
        (1.5, "on track"),  # the cut-points are inclusive upper bounds
        (1.5001, "cooling"),
        (4.0, "cooling"),
        (4.0001, "fading"),
        (8.0, "fading"),
        (8.0001, "lapsed"),
        (400.0, "lapsed"),
    ],
)
def test_status_cut_points(r: float, status: str) -> None:
    p = ScoringParams()
    assert status_for(3, r, p, days=100.0) == status
    f = pl.DataFrame({"sessions": [3], "days_since": [100.0], "overdue_ratio": [r]})
    assert f.select(status_expr(p))["status"][0] == status


def test_dormant_beats_ratio_and_never_beats_all() -> None:
    p = ScoringParams()
    # 3 years = 1095.75 days: dormant whatever r is
    assert status_for(3, 0.5, p, days=1095.75) == "dormant"
    assert status_for(3, 0.5, p, days=1095.7) == "on track"
    assert status_for(0, None, p, days=5000) == "never interacted"


def test_need_hand_computed() -> None:
    # cooling: 0.7 · (r − 1.5) / (4 − 1.5); r = 2.5 → 0.28
    f = pl.DataFrame(
        {
            "status": [
                *("on track", "cooling", "cooling", "fading", "lapsed", "dormant"),
                *("never interacted", "never interacted"),
            ],
            "overdue_ratio": [1.0, 2.5, 4.0, 6.0, 9.0, 2.0, None, None],
            "hook": [False] * 7 + [True],
        }
    )
    need = f.select(need_expr(ScoringParams(), has_hook=pl.col("hook")))["need"].to_list()
    assert need == pytest.approx([0.0, 0.28, 0.7, 1.0, 0.8, 0.6, 0.0, 0.3])
