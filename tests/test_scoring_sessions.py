"""Sessions as conversations, the cadence prior and floor, and the 30-day fading rule (issue 12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiekeeper.scoring._frames import prepare_interactions, to_us
from tiekeeper.scoring.features import person_features
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.strength import score_frames
from tiekeeper.state import State

T0 = dt.datetime(2023, 1, 2, 9, tzinfo=dt.UTC)


def ev(rows: Sequence[tuple[str, float, str]]) -> pl.DataFrame:
    """(person, day offset, direction) message rows."""
    return pl.DataFrame(
        {
            "person_id": [r[0] for r in rows],
            "time": [T0 + dt.timedelta(days=r[1]) for r in rows],
            "kind": "message",
            "direction": [r[2] for r in rows],
        },
        schema_overrides={"time": pl.Datetime("us", "UTC")},
    )


def feats(rows: Sequence[tuple[str, float, str]], as_of_day: float, **kw: object) -> pl.DataFrame:
    p = ScoringParams().replace(**kw)
    return person_features(
        prepare_interactions(ev(rows)), as_of_us=to_us(T0 + dt.timedelta(days=as_of_day)), params=p
    )


def one(f: pl.DataFrame, pid: str = "a") -> dict[str, object]:
    return f.filter(pl.col("person_id") == pid).row(0, named=True)


def test_a_burst_over_a_few_days_is_one_session() -> None:
    # a conversation on days 0, 1 and 3 (each within 2 days of the last), then day 40 and 100
    rows = [("a", d, "out" if i % 2 else "in") for i, d in enumerate([0, 1, 3, 40, 100])]
    f = one(feats(rows, 110))
    assert f["sessions"] == 3
    # gaps are silences: 40 − 3 = 37 and 60 days, shrunk towards 60 with 2 pseudo-gaps
    assert f["cadence_days"] == pytest.approx((37 * 60 * 60 * 60) ** 0.25)
    # wave 1 counted calendar days: five sessions with gaps of 1, 2, 37, 60
    assert one(feats(rows, 110, session_window_days=0.0))["sessions"] == 5


def test_the_floor_and_the_prior() -> None:
    # daily messages for two weeks: one session (each day within the 2-day window)
    daily = [("a", d, "out") for d in range(14)]
    assert one(feats(daily, 20))["sessions"] == 1
    # sessions every 4 days (window 2): three gaps of 4 shrunk towards 60 with 2 pseudo-gaps,
    # (4³ · 60²)^(1/5) = 11.8 days, which the floor holds at 14
    every4 = [("b", d, "out") for d in range(0, 16, 4)]
    b = one(feats(every4, 20), "b")
    assert b["sessions"] == 4
    assert b["cadence_days"] == 14.0
    unfloored = one(feats(every4, 20, cadence_floor_days=0.0), "b")
    assert unfloored["cadence_days"] == pytest.approx((4**3 * 60**2) ** 0.2)
    # one or two sessions: the prior itself, and the reason says it is estimated
    two = one(feats([("c", 0, "out"), ("c", 50, "in")], 60), "c")
    assert (two["sessions"], two["cadence_days"], two["cadence_estimated"]) == (2, 60.0, True)


def test_nobody_contacted_within_30_days_is_fading() -> None:
    # a rhythm of 14 days (the floor) last contacted 25 days ago would be r = 1.8 (cooling);
    # a burst person (wave 1: usual gap ~1 day) contacted 14 days ago is never 'fading'
    burst = [("a", d, "out") for d in (0, 3, 6, 9, 12, 15)]
    a = one(feats(burst, 15 + 25))
    assert a["status"] == "cooling"
    w = one(feats(burst, 15 + 14, **_wave1()))
    assert w["status"] == "fading"  # wave 1: 14 days against a 3-day rhythm
    held = one(feats(burst, 15 + 14, **{**_wave1(), "fading_min_days": 30.0}))
    assert held["status"] == "cooling"
    # past 30 days the ratio decides again: 60 days / 14 = 4.3 → fading
    assert one(feats(burst, 15 + 60))["status"] == "fading"


def test_the_users_target_cadence_wins_over_the_30_day_rule() -> None:
    rows = [("a", d, "out") for d in (0, 3, 6, 9, 12, 15)]
    people = pl.DataFrame(
        {"person_id": ["a"], "name": ["Ada Example"], "profile_url": [None]},
        schema_overrides={"profile_url": pl.String},
    )
    as_of = T0 + dt.timedelta(days=15 + 20)
    plain = score_frames(ev(rows), people, None, as_of=as_of, state=State())
    assert plain["status"][0] == "on track"
    state = State(cadences={"Ada Example": 2.0}).resolve(people)
    s = score_frames(ev(rows), people, None, as_of=as_of, state=state)
    assert s["cadence_days"][0] == 2.0  # the user's target, not floored
    assert s["status"][0] == "lapsed"  # 20 days against a 2-day target: the user said so


def _wave1() -> dict[str, object]:
    w = ScoringParams.wave1()
    return {
        k: getattr(w, k)
        for k in (
            "penalty",
            "session_window_days",
            "cadence_prior_days",
            "cadence_floor_days",
            "cadence_min_sessions",
            "fading_min_days",
        )
    }


PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
event = st.tuples(
    st.sampled_from(["a", "b", "c"]),
    st.floats(0, 700, allow_nan=False),
    st.sampled_from(["out", "in"]),
)


@PROPS
@given(st.lists(event, min_size=1, max_size=30), st.sampled_from(["a", "b", "c"]))
def test_a_two_way_exchange_at_as_of_never_lowers_strength(
    rows: list[tuple[str, float, str]], who: str
) -> None:
    as_of = T0 + dt.timedelta(days=701)
    base = score_frames(ev(rows), None, None, as_of=as_of, state=State())
    more = [*rows, (who, 701, "out"), (who, 701, "in")]
    after = score_frames(ev(more), None, None, as_of=as_of, state=State())
    old = dict(zip(base["person_id"], base["strength_adjusted"], strict=True)).get(who, 0.0)
    new = dict(zip(after["person_id"], after["strength_adjusted"], strict=True))[who]
    assert new >= old * (1 - 1e-12)
    shown = dict(zip(after["person_id"], after["strength"], strict=True))[who]
    assert shown >= dict(zip(base["person_id"], base["strength"], strict=True)).get(who, 0.0) - 1e-9
