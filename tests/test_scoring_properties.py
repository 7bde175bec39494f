"""Hypothesis properties of the score (reference §9)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tiekeeper.scoring._frames import prepare_interactions, to_us
from tiekeeper.scoring.features import person_features
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.strength import score_frames

T0 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
KINDS = ["message"] * 6 + ["invitation", "connection", "endorsement", "recommendation"]

event = st.tuples(
    st.sampled_from(["a", "b", "c", "d"]),
    st.integers(0, 2000 * 24 * 60),  # minutes after T0
    st.sampled_from(KINDS),
    st.sampled_from(["out", "in"]),
    st.integers(1, 6),
    st.integers(0, 300),
)
histories = st.lists(event, min_size=1, max_size=40)
params_st = st.builds(
    ScoringParams,
    half_life_days=st.sampled_from([30.0, 180.0, 365.0]),
    group_mode=st.sampled_from(["none", "sqrt", "inverse"]),
    kappa=st.sampled_from([2.0, 8.0, float("inf")]),
    penalty=st.sampled_from(["recency", "cadence"]),
    recency_days=st.sampled_from([7.0, 14.0, 30.0]),
    session_window_days=st.sampled_from([0.0, 2.0]),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def frame(rows: list[tuple[str, int, str, str, int, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person_id": [r[0] for r in rows],
            "time": [T0 + dt.timedelta(minutes=r[1]) for r in rows],
            "kind": [r[2] for r in rows],
            "direction": [r[3] for r in rows],
            "participants": [r[4] for r in rows],
            "words": [r[5] for r in rows],
            "conversation_id": [f"{r[0]}-{r[4]}" for r in rows],
        },
        schema_overrides={"time": pl.Datetime("us", "UTC")},
    )


AS_OF = T0 + dt.timedelta(days=2001)


@SETTINGS
@given(histories, params_st, st.randoms(use_true_random=False))
def test_strength_non_negative_and_row_order_invariant(
    rows: list[tuple[str, int, str, str, int, int]], params: ScoringParams, rnd: object
) -> None:
    a = score_frames(frame(rows), None, None, as_of=AS_OF, params=params)
    shuffled = list(rows)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    b = score_frames(frame(shuffled), None, None, as_of=AS_OF, params=params)
    assert (a["strength"] >= 0).all() and (a["strength"] < 100).all()
    assert (a["strength_raw"] >= 0).all() and (a["capital"] >= 0).all()
    for col in ("value", "need", "actionability", "priority"):
        assert a[col].is_between(0.0, 1.0).all()
    # floating sums may differ in the last bits with the order of summation
    assert_frame_equal(a, b, check_exact=False, rel_tol=1e-9, abs_tol=1e-12)


@SETTINGS
@given(histories, params_st)
def test_identical_as_of_identical_results(
    rows: list[tuple[str, int, str, str, int, int]], params: ScoringParams
) -> None:
    f = frame(rows)
    assert_frame_equal(
        score_frames(f, None, None, as_of=AS_OF, params=params),
        score_frames(f, None, None, as_of=AS_OF, params=params),
    )


@SETTINGS
@given(
    histories,
    params_st,
    st.integers(0, 2000 * 24 * 60),
    st.integers(1, 6),
    st.integers(0, 300),
    st.integers(0, 2000),
)
def test_new_outgoing_message_never_lowers_raw_strength(
    rows: list[tuple[str, int, str, str, int, int]],
    params: ScoringParams,
    minute: int,
    m: int,
    words: int,
    as_of_day: int,
) -> None:
    # membership held fixed: the new message has the participants m of its conversation
    ev = prepare_interactions(frame(rows))
    new = prepare_interactions(frame([*rows, ("a", minute, "message", "out", m, words)]))
    t = to_us(T0 + dt.timedelta(days=as_of_day))
    before = person_features(ev, as_of_us=t, params=params)
    after = person_features(new, as_of_us=t, params=params)
    s_before = dict(zip(before["person_id"], before["S"], strict=True))
    s_after = dict(zip(after["person_id"], after["S"], strict=True))
    k_before = dict(zip(before["person_id"], before["K"], strict=True))
    k_after = dict(zip(after["person_id"], after["K"], strict=True))
    for pid, s in s_before.items():
        assert s_after[pid] >= s * (1 - 1e-12)
        assert k_after[pid] >= k_before[pid] * (1 - 1e-12)


@SETTINGS
@given(histories, st.integers(1, 400))
def test_later_as_of_without_new_events_never_raises_adjusted_strength(
    rows: list[tuple[str, int, str, str, int, int]], later: int
) -> None:
    ev = prepare_interactions(frame(rows))
    p = ScoringParams()
    a = person_features(ev, as_of_us=to_us(AS_OF), params=p)
    b = person_features(ev, as_of_us=to_us(AS_OF + dt.timedelta(days=later)), params=p)
    for x, y in zip(a["S_star"], b["S_star"], strict=True):
        assert y <= x * (1 + 1e-12)


def test_inbound_only_stranger_stays_out_of_the_top_15() -> None:
    # a realistic history: 30 two-way contacts over two years, plus one stranger
    # who sent a 1:1 burst of 20 messages last week without any answer. Strength
    # discounts the silence since the last contact (issue 12), so by S* alone the
    # burst would rank 8th; the tier, which needs two-way contact, keeps it out.
    rows = []
    for i in range(30):
        for k in range(8):
            day = 30 + i * 7 + k * 60
            rows.append((f"p{i:02d}", day * 1440, "message", "out", 1, 40))
            rows.append((f"p{i:02d}", day * 1440 + 600, "message", "in", 1, 40))
    last = max(r[1] for r in rows) // 1440
    rows += [("stranger", (last - 7) * 1440 + j, "message", "in", 1, 120) for j in range(20)]
    s = score_frames(frame(rows), None, None, as_of=T0 + dt.timedelta(days=last + 1))
    assert s.filter(pl.col("person_id") == "stranger")["reply_owed"].item() is False
    stranger = s.filter(pl.col("person_id") == "stranger").row(0, named=True)
    assert stranger["tier"] not in ("core", "close")
    rank = s["person_id"].to_list().index("stranger") + 1
    assert rank > 15
    assert s.filter(pl.col("person_id") == "stranger")["reply_owed"].item() is False


@pytest.mark.parametrize("tz", ["UTC", "America/Los_Angeles", "Asia/Tokyo"])
def test_session_time_zone_moves_day_boundaries(tz: str) -> None:
    # 23:30 UTC on Jan 1 and 00:30 UTC on Jan 2: two UTC days; one day in Los Angeles
    # (15:30 and 16:30 on Jan 1) and one in Tokyo (08:30 and 09:30 on Jan 2). With
    # session_window_days = 0 every contact day is a session; by default (2) the two
    # days are one conversation in every zone.
    rows = [
        ("a", 23 * 60 + 30, "message", "out", 1, 0),
        ("a", 24 * 60 + 30, "message", "out", 1, 0),
    ]
    f = person_features(
        prepare_interactions(frame(rows)),
        as_of_us=to_us(AS_OF),
        params=ScoringParams(session_tz=tz, session_window_days=0),
    )
    assert f["sessions"][0] == {"UTC": 2, "America/Los_Angeles": 1, "Asia/Tokyo": 1}[tz]
    g = person_features(
        prepare_interactions(frame(rows)),
        as_of_us=to_us(AS_OF),
        params=ScoringParams(session_tz=tz),
    )
    assert g["sessions"][0] == 1
