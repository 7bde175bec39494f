"""Issue 3 follow-ups: the peak on the strength scale, never-interacted need, logged contacts."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.plan import reach_out
from tiekeeper.scoring.strength import score_frames

T0 = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def inter(rows: list[tuple[str, float, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person_id": [r[0] for r in rows],
            "time": [at(r[1]) for r in rows],
            "kind": [r[2] for r in rows],
            "direction": [r[3] for r in rows],
        },
        schema_overrides={"time": pl.Datetime("us", "UTC")},
    )


def row(frame: pl.DataFrame, pid: str) -> dict[str, Any]:
    return frame.filter(pl.col("person_id") == pid).row(0, named=True)


# ---------------------------------------------------------------- 1. the peak


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.floats(0, 900), st.sampled_from(["in", "out"])),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([0.0, 0.5, 1.0]),
)
def test_peak_is_on_the_strength_scale_and_never_below_it(
    rows: list[tuple[str, float, str]], blend: float
) -> None:
    ev = inter([(p, d, "message", way) for p, d, way in rows])
    p = ScoringParams(capital_blend=blend)
    s = score_frames(ev, None, None, as_of=at(1000), params=p).filter(pl.col("sessions") > 0)
    for r in s.iter_rows(named=True):
        # the same transform as strength: 100·(1 − exp(−raw / S_ref))
        assert r["peak_strength"] == pytest.approx(
            100 * (1 - math.exp(-r["peak_strength_raw"] / p.strength_ref))
        )
        assert 0 <= r["strength"] <= r["peak_strength"] * (1 + 1e-12) < 100
        assert 0.0 <= r["drop_from_peak"] <= 1.0


def test_peak_of_a_faded_tie_hand_computed() -> None:
    # three outgoing messages on days 0, 1, 2 (one unit each, w = 1), T = day 362
    # with β = 0: S just after day 2 = 2^(−2/180) + 2^(−1/180) + 1 = 2.988485 (the peak);
    # at T: S = 2.988485 · 2^(−360/180) = 0.747121 (a quarter of the peak, before the
    # recency discount of S*)
    # peak on the 0–100 scale: 100·(1 − e^(−0.2988485)) = 25.8328
    ev = inter([("a", d, "message", "out") for d in (0, 1, 2)])
    s = score_frames(ev, None, None, as_of=at(362), params=ScoringParams(capital_blend=0.0))
    r = row(s, "a")
    assert r["peak_strength_raw"] == pytest.approx(2.988485, abs=1e-6)
    assert r["peak_strength"] == pytest.approx(25.8328, abs=1e-4)
    # the drop is on the displayed scale: 1 − strength / peak_strength
    assert r["drop_from_peak"] == pytest.approx(1 - r["strength"] / r["peak_strength"])
    assert r["peak_at"] == at(2)


# ---------------------------------------------- 3. never-interacted people's need


def test_never_interacted_need_requires_a_real_bridge_or_a_shared_past() -> None:
    # nobody has events. The owner works at Globex now and worked at Acme until mid-2023.
    # solo: only connection at Solo Ltd → real bridge → N = 0.3
    # pair1/pair2: Duo Inc. has one other person each (≤ 1) → real bridges → N = 0.3
    # crowd1..3: Crowd has two others each → no bridge → N = 0 (was 0.3 before)
    # mate: alone at Globex, the owner's current employer → N = 0
    # old: at Acme, connected while the owner worked there: rule (a) + connection date
    #      → confidence 1.0 → former colleague → N = 0.3, though two others work at Acme
    # acme1/acme2: at Acme too, connected before the owner joined: rule (a) alone (0.5) is
    #      below the 0.7 needed, and Acme has two others each → N = 0
    # nocomp: no company → N = 0
    companies = {
        "solo": "Solo Ltd",
        "pair1": "Duo Inc.",
        "pair2": "DUO",
        "crowd1": "Crowd",
        "crowd2": "Crowd",
        "crowd3": "Crowd",
        "mate": "Globex",
        "old": "Acme",
        "acme1": "ACME Inc",
        "acme2": "Acme",
        "nocomp": None,
    }
    connected = {"old": dt.date(2022, 5, 1), "acme1": dt.date(2018, 1, 1)}
    connected["acme2"] = dt.date(2018, 1, 1)
    ppl = pl.DataFrame(
        {
            "person_id": list(companies),
            "name": list(companies),
            "company": list(companies.values()),
            "connected_on": [connected.get(c, dt.date(2023, 9, 1)) for c in companies],
            "is_connection": [True] * len(companies),
        }
    )
    positions = pl.DataFrame(
        {
            "company": ["Acme Inc.", "Globex"],
            "title": ["Engineer", "Lead"],
            "started_on": [dt.date(2020, 1, 1), dt.date(2023, 7, 1)],
            "finished_on": [dt.date(2023, 6, 30), None],
        }
    )
    s = score_frames(inter([]), ppl, positions, as_of=at(100))
    need = dict(zip(s["person_id"], s["need"], strict=True))
    assert need == {
        "solo": 0.3,
        "pair1": 0.3,
        "pair2": 0.3,
        "crowd1": 0.0,
        "crowd2": 0.0,
        "crowd3": 0.0,
        "mate": 0.0,
        "old": 0.3,
        "acme1": 0.0,
        "acme2": 0.0,
        "nocomp": 0.0,
    }
    assert set(s["status"]) == {"never interacted"}
    # solo: K = 0 and tie age 0; V = 0.4 · bridge (1/(1 + 0) = 1) = 0.4 → P = 0.4 · 0.3 = 0.12
    assert row(s, "solo")["priority"] == pytest.approx(0.12)
    # crowd: bridge x = 1/3 still adds value, but no need → P = 0 and no bridge sentence
    assert row(s, "crowd1")["value"] == pytest.approx(0.4 / 3)
    assert row(s, "crowd1")["priority"] == 0.0
    assert not any("bridge" in r for r in row(s, "crowd1")["reasons"])
    assert (
        "Your only connection at Solo Ltd: a bridge to a different circle."
        in (row(s, "solo")["reasons"])
    )
    assert (
        "One of only 2 connections at Duo Inc.: a bridge to a different circle."
        in (row(s, "pair1")["reasons"])
    )
    assert row(s, "old")["former_colleague"] is True
    assert row(s, "acme1")["former_colleague"] is False
    # the threshold is a parameter: with 2 others allowed, Crowd becomes a bridge
    wider = score_frames(
        inter([]), ppl, positions, as_of=at(100), params=ScoringParams(bridge_max_others=2)
    )
    assert row(wider, "crowd1")["need"] == 0.3


# -------------------------------------------- 4. logged contacts and give space


def test_logged_contacts_never_count_as_unanswered() -> None:
    from tiekeeper.keys import person_id_from_name
    from tiekeeper.state import LogEntry, State

    pid = person_id_from_name("Ada Example")
    other = person_id_from_name("Bo Sample")
    # Ada replied on day 1; since then the owner sent LinkedIn messages on days 20 and 40
    # and logged three contacts outside LinkedIn (days 60, 80, 100): 2 unanswered sessions,
    # below M = 3, so Ada is not given space. Bo got three unanswered messages: given space.
    ev = inter(
        [
            (pid, 0, "message", "out"),
            (pid, 1, "message", "in"),
            (pid, 20, "message", "out"),
            (pid, 40, "message", "out"),
            (other, 0, "message", "out"),
            (other, 1, "message", "in"),
            (other, 20, "message", "out"),
            (other, 40, "message", "out"),
            (other, 60, "message", "out"),
        ]
    )
    logs = tuple(LogEntry("Ada Example", (T0 + dt.timedelta(days=d)).date()) for d in (60, 80, 100))
    state = State(contacts=logs)
    ppl = pl.DataFrame(
        {
            "person_id": [pid, other],
            "name": ["Ada Example", "Bo Sample"],
            "company": ["Solo Ltd", "Other Ltd"],
            "is_connection": [True, True],
        }
    )
    as_of = at(300)
    s = score_frames(ev, ppl, None, as_of=as_of, state=state)
    ada, bo = row(s, pid), row(s, other)
    # days 0 and 1 are one conversation (session_window_days = 2); the logged days are
    # sessions (contact) …
    assert ada["sessions"] == 6
    assert ada["unanswered_sessions"] == 2  # … but not unanswered messages
    assert ada["last_sent"] == dt.datetime(2024, 4, 10, 12, tzinfo=dt.UTC)  # day 100, logged
    assert bo["unanswered_sessions"] == 3
    assert not any("give them space" in r for r in ada["reasons"])
    plan = reach_out(scores=s, as_of=as_of, state=state)
    assert plan.give_space["person_id"].to_list() == [other]
    assert pid not in plan.give_space["person_id"].to_list()
    # more logged contacts never change that
    many = State(contacts=tuple(LogEntry("Ada Example", at(d).date()) for d in range(50, 280, 10)))
    s2 = score_frames(ev, ppl, None, as_of=as_of, state=many)
    assert row(s2, pid)["unanswered_sessions"] == 2
    assert pid not in reach_out(scores=s2, as_of=as_of, state=many).give_space["person_id"]
