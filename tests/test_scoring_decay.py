"""Decay and event weights: hand-computed values and the running-sum identity."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.scoring._frames import prepare_interactions, to_us
from tiekeeper.scoring.decay import (
    DAY_US,
    decay_factor,
    event_weight,
    running_decayed,
    units_by_day,
)
from tiekeeper.scoring.features import person_features
from tiekeeper.scoring.params import ScoringParams

T0 = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)


def events(rows: list[tuple[str, float, str, str, int, int]]) -> pl.DataFrame:
    """(person, day offset, kind, direction, participants, words) -> prepared events."""
    return prepare_interactions(
        pl.DataFrame(
            {
                "person_id": [r[0] for r in rows],
                "time": [T0 + dt.timedelta(days=r[1]) for r in rows],
                "kind": [r[2] for r in rows],
                "direction": [r[3] for r in rows],
                "participants": [r[4] for r in rows],
                "words": [r[5] for r in rows],
            },
            schema_overrides={"time": pl.Datetime("us", "UTC")},
        )
    )


def at(days: float) -> int:
    return to_us(T0 + dt.timedelta(days=days))


def test_decay_hand_values() -> None:
    # 2^(−a/h): one half-life halves, two quarter, zero age keeps everything
    assert decay_factor(180, 180) == pytest.approx(0.5)
    assert decay_factor(360, 180) == pytest.approx(0.25)
    assert decay_factor(0, 30) == 1.0
    assert decay_factor(1095, 1095) == pytest.approx(0.5)


@given(
    a=st.floats(0, 1e5, allow_nan=False),
    b=st.floats(0, 1e5, allow_nan=False),
    h=st.floats(0.5, 5000),
)
def test_decay_monotone_and_bounded(a: float, b: float, h: float) -> None:
    lo, hi = min(a, b), max(a, b)
    assert 0.0 <= decay_factor(hi, h) <= decay_factor(lo, h) <= 1.0


def test_single_message_half_life() -> None:
    # one outgoing 1:1 message with no text, 180 days before T: w = 1·1·1·1
    # S = 2^(−180/180) = 0.5; K = 2^(−180/1095) = 0.89237
    # the peak is the blend just after the message: ½·1 + ½·1·180/1095 = 0.58219
    f = person_features(
        events([("a", 0, "message", "out", 1, 0)]), as_of_us=at(180), params=ScoringParams()
    )
    assert f["S"][0] == pytest.approx(0.5)
    assert f["K"][0] == pytest.approx(2 ** (-180 / 1095))
    assert f["peak"][0] == pytest.approx(0.5 + 0.5 * 180 / 1095)
    g = person_features(
        events([("a", 0, "message", "out", 1, 0)]),
        as_of_us=at(180),
        params=ScoringParams(capital_blend=0.0),
    )
    assert g["peak"][0] == pytest.approx(1.0)  # the reference's peak: max of S


@pytest.mark.parametrize(
    ("kind", "direction", "m", "words", "weight"),
    [
        ("message", "in", 1, 0, 0.5),  # inbound 0.5
        ("message", "out", 4, 0, 0.5),  # 1/√4
        ("message", "out", 1, 25, 1 + 0.15 * math.log(2)),  # L = 1 + 0.15 ln(1 + 25/25)
        ("message", "out", 1, 10**6, 1.5),  # L capped at 1.5
        ("recommendation", "in", 1, 0, 2.0),  # c = 4, inbound 0.5
        ("endorsement", "out", 1, 0, 0.5),  # c = 0.5
        ("connection", "unknown", 1, 0, 0.5),  # c = 0.5, unknown direction 1
        ("invitation", "out", 1, 0, 1.0),  # c = 1 (no note)
    ],
)
def test_event_weights(kind: str, direction: str, m: int, words: int, weight: float) -> None:
    # at T = the event time the decay is 1, so S is the weight itself
    f = person_features(
        events([("a", 0, kind, direction, m, words)]), as_of_us=at(0), params=ScoringParams()
    )
    assert f["S"][0] == pytest.approx(weight)


def test_group_modes() -> None:
    ev = events([("a", 0, "message", "out", 9, 0)])
    s = {
        mode: person_features(
            ev, as_of_us=at(0), params=ScoringParams(group_mode=mode, length_factor=False)
        )["S"][0]
        for mode in ("none", "sqrt", "inverse")
    }
    assert s == pytest.approx({"none": 1.0, "sqrt": 1 / 3, "inverse": 1 / 9})


def test_daily_cap_and_placement_at_last_event() -> None:
    # 8 messages on one day (hours 0..7 after noon): 8 units capped at 5, placed at the last
    ev = events([("a", h / 24, "message", "out", 1, 0) for h in range(8)])
    units = units_by_day(ev, ScoringParams())
    assert units["w"].to_list() == [5.0]
    assert units["t"][0] == at(7 / 24)
    f = person_features(ev, as_of_us=at(7 / 24 + 180), params=ScoringParams())
    assert f["S"][0] == pytest.approx(2.5)  # 5 · 2^(−180/180)
    assert f["sessions"][0] == 1


def test_events_after_as_of_are_ignored() -> None:
    ev = events([("a", 0, "message", "out", 1, 0), ("a", 50, "message", "out", 1, 0)])
    f = person_features(ev, as_of_us=at(10), params=ScoringParams())
    assert f["S"][0] == pytest.approx(2 ** (-10 / 180))
    assert f["messages_sent"][0] == 1


@given(
    st.lists(st.tuples(st.floats(0, 3000), st.floats(0.1, 5.0)), min_size=1, max_size=30),
    st.sampled_from([1.0, 7.0, 180.0]),
)
def test_running_sum_matches_direct_sum(pts: list[tuple[float, float]], h: float) -> None:
    # S just after unit i equals Σ_{j ≤ i} w_j 2^(−(t_i − t_j)/h), including the
    # re-based blocks used for spans over 900 half-lives (h = 1 day, 3000 days)
    pts = sorted({round(t * DAY_US): w for t, w in pts}.items())
    u = pl.DataFrame({"p": ["x"] * len(pts), "t": [t for t, _ in pts], "w": [w for _, w in pts]})
    got = running_decayed(u, by=["p"], half_life_days=h)["S_after"].to_list()
    for i, (ti, _) in enumerate(pts):
        want = sum(w * 2 ** (-(ti - tj) / DAY_US / h) for tj, w in pts[: i + 1])
        assert got[i] == pytest.approx(want, rel=1e-9, abs=1e-300)


_KINDS = ["message", "contact_log", "invitation", "connection", "endorsement"]
_DIRECTIONS = ["out", "in", "unknown"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.floats(0, 30, allow_nan=False),
            st.sampled_from(_KINDS),
            st.sampled_from(_DIRECTIONS),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_day_units_match_a_plain_group_by(rows: list[tuple[str, float, str, str]]) -> None:
    """The sorted-slice reduction equals a plain group-by over (person, day), in any row order."""
    ev = events([(p, d, k, di, 1, 0) for p, d, k, di in rows])
    units = units_by_day(ev, ScoringParams(daily_cap=1e9))
    t = pl.col("time").dt.epoch("us")
    msg, contact = pl.col("kind") == "message", pl.col("kind").is_in(["message", "contact_log"])
    out, inn = pl.col("direction") == "out", pl.col("direction") == "in"
    w = ev.with_columns(event_weight(ScoringParams()))["w"]
    expected = (
        ev.with_columns(w=w, day=pl.col("time").dt.date())
        .group_by("person_id", "day")
        .agg(
            w=pl.col("w").sum(),
            t=t.max(),
            t_min=t.min(),
            msg_t=t.filter(contact).max(),
            out_t=t.filter(contact & out).max(),
            sent_t=t.filter(msg & out).max(),
            in_t=t.filter(msg & inn).max(),
            n_sent=(msg & out).sum().cast(pl.Int64),
            n_recv=(msg & inn).sum().cast(pl.Int64),
        )
        .sort("person_id", "day")
    )
    got = units.select(expected.columns)
    assert got.drop("w").equals(expected.drop("w"))
    assert got["w"].to_list() == pytest.approx(expected["w"].to_list())
