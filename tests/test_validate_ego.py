"""The ego backtest: a crafted history with an obvious answer, and the CollegeMsg figures."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from tiekeeper.errors import ParameterError
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.validate import college_msg_events, ego_backtest, ego_cases
from tiekeeper.validate.ego import EgoBacktest, EgoCase, ego_export_files, pick_egos

T0 = dt.datetime(2022, 1, 1, 9, tzinfo=dt.UTC)

#: The wave-1 defaults (calendar-day sessions, the owner's median gap, the cadence penalty κ = 8).
WAVE1 = ScoringParams.wave1()


def day(d: float) -> dt.datetime:
    return T0 + dt.timedelta(days=d)


def crafted() -> pl.DataFrame:
    """Ego 'me' with 12 steady contacts (every 10 days, all 300 days) and 12 who stopped.

    The stopped ones wrote daily for the first 100 days (more events than the
    steady ones), so frequency ranks them first and is wrong; recency and a
    score that knows a tie's rhythm rank the steady ones first. Another
    person, 'you', has fewer contacts and is not picked.
    """
    rows = [("me", f"steady{i}", day(d + i / 10)) for i in range(12) for d in range(0, 301, 10)]
    rows += [(f"gone{i}", "me", day(d + i / 10)) for i in range(12) for d in range(0, 100)]
    rows += [("you", f"x{i}", day(i)) for i in range(5)]
    return pl.DataFrame(rows, schema=["sender", "recipient", "time"], orient="row")


def test_obvious_ranking() -> None:
    r = ego_backtest(crafted(), egos=2, min_contacts=10, horizons=(30, 60))
    assert r.egos == ("me",)
    auc = {(row["horizon"], row["model"]): row["auc"] for row in r.summary.iter_rows(named=True)}
    for h in (30, 60):
        assert auc[(h, "strength")] == 1.0
        assert auc[(h, "recency")] == 1.0
        assert auc[(h, "frequency")] == 0.0
    assert r.summary["egos"].to_list() == [1] * 6
    per = r.per_ego.filter(pl.col("model") == "strength")
    assert per["n"].to_list() == [24, 24] and per["positives"].to_list() == [12, 12]


def test_cut_at_the_share_of_the_egos_span() -> None:
    (case,) = ego_cases(crafted(), egos=["me"], cutoff_share=0.5)
    first, last = day(0), day(300 + 1.1)
    assert case.cutoff == first + (last - first) / 2
    # every contact seen before the cutoff, with its last contact and count
    c = case.candidates.filter(pl.col("contact") == "gone0").row(0, named=True)
    assert c["frequency"] == 100.0 and c["next_days"] is None
    assert c["recency"] == pytest.approx(-(case.cutoff - day(99)).total_seconds() / 86400)


def test_every_contact_is_a_connection_and_a_person() -> None:
    """The identity signals class no contact a non-person (people.kind)."""
    (case,) = ego_cases(crafted(), egos=["me"])
    people = case.export.people
    assert case.candidates["person_id"].null_count() == 0
    assert set(people["kind"].unique()) == {"person"}
    assert people["is_connection"].all()
    assert people.height == 24
    texts = case.export.messages["content"]
    assert texts.n_unique() == texts.len()  # no text repeats


def test_export_files_are_linkedin_format() -> None:
    t = day(0)
    past = pl.DataFrame({"sender": ["a", "b"], "recipient": ["b", "a"], "time": [t, day(1)]})
    files = ego_export_files("a", past, day(2))
    conn = files["Connections.csv"].decode()
    assert conn.startswith("Notes:")
    assert conn.splitlines()[4].split(",")[-1] == "01 Jan 2022"
    msgs = files["messages.csv"].decode().splitlines()
    assert msgs[0].startswith("CONVERSATION ID,CONVERSATION TITLE,FROM")
    assert len(msgs) == 3 and msgs[1].split(",")[6] == "2022-01-01 09:00:00 UTC"


def test_pick_egos_ties_and_minimum() -> None:
    ev = pl.DataFrame(
        {"sender": ["10", "10", "9", "9", "2"], "recipient": ["1", "3", "1", "4", "1"]}
    )
    assert pick_egos(ev, 3, min_contacts=2) == ["1", "9", "10"]  # numeric order on ties
    assert pick_egos(ev, 3, min_contacts=3) == ["1"]


def test_bad_input() -> None:
    with pytest.raises(ParameterError, match="cutoff_share"):
        ego_cases(crafted(), cutoff_share=1.5)
    with pytest.raises(ParameterError, match="min_contacts"):
        ego_cases(crafted(), min_contacts=1000)
    with pytest.raises(ParameterError, match="lacks column"):
        ego_backtest(crafted().rename({"time": "when"}))
    naive = crafted().with_columns(pl.col("time").dt.replace_time_zone(None))
    with pytest.raises(ParameterError, match="timezone-aware"):
        ego_backtest(naive)
    with pytest.raises(ParameterError, match="horizons"):
        ego_backtest(crafted(), egos=1, min_contacts=10, horizons=(0,))


def test_bootstrap_is_seeded() -> None:
    ev = crafted()
    a = ego_backtest(ev, egos=1, min_contacts=10, seed=0, bootstrap=50)
    b = ego_backtest(ev, egos=1, min_contacts=10, seed=0, bootstrap=50)
    assert a.summary.equals(b.summary)


@pytest.fixture(scope="module")
def college() -> pl.DataFrame:
    return college_msg_events()


@pytest.fixture(scope="module")
def college_cases(college: pl.DataFrame) -> list[EgoCase]:
    return ego_cases(college)


def _auc(r: EgoBacktest, h: int, model: str) -> float:
    row = r.summary.filter((pl.col("horizon") == h) & (pl.col("model") == model))
    return float(row["auc"][0])


def test_college_msg_baselines_and_wave1(
    college: pl.DataFrame, college_cases: list[EgoCase]
) -> None:
    """The figures of issue 12: recency, frequency and the wave-1 default on CollegeMsg."""
    r = ego_backtest(college, cases=college_cases, params=WAVE1, seed=0)
    assert r.egos[:4] == ("103", "9", "105", "400")  # 105 and 400 tie: smaller id first
    expected = {
        (30, "recency"): 0.758,
        (30, "frequency"): 0.756,
        (30, "strength"): 0.796,
        (60, "recency"): 0.745,
        (60, "frequency"): 0.785,
        (60, "strength"): 0.788,
    }
    for (h, model), value in expected.items():
        assert _auc(r, h, model) == pytest.approx(value, abs=0.0015), (h, model)
    assert r.summary.filter(pl.col("horizon") == 30)["egos"].to_list() == [11] * 3
    ci = r.summary.filter(pl.col("model") == "strength")
    assert (ci["ci_low"] < ci["auc"]).all() and (ci["auc"] < ci["ci_high"]).all()


def test_college_msg_default_beats_both_baselines(
    college: pl.DataFrame, college_cases: list[EgoCase]
) -> None:
    """The contract of issue 12 on the one real history we have: every cell, and on average."""
    r = ego_backtest(college, cases=college_cases, seed=0)
    m = r.margins()
    assert (m["margin"] >= -0.005).all(), m
    margins: list[float] = m["margin"].to_list()
    assert sum(margins) / len(margins) >= 0.01, m
