"""Former-colleague rules and the career timeline, on a hand-built history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from tiekeeper.schema import polars_schema
from tiekeeper.scoring.career import (
    career,
    career_frame,
    colleague_matches,
    contact_sentence,
    owner_positions,
)
from tiekeeper.scoring.params import ScoringParams

POSITIONS = pl.DataFrame(
    {
        "company": ["Globex", "Acme Inc.", "Initech"],
        "title": ["Lead", "Engineer", "Intern"],
        "started_on": [dt.date(2022, 1, 1), dt.date(2018, 1, 1), dt.date(2017, 1, 1)],
        "finished_on": [None, dt.date(2021, 12, 31), dt.date(2017, 6, 30)],
    }
)
PEOPLE = pl.DataFrame(
    {
        "person_id": ["ana", "ben", "cat", "dov", "eli"],
        "name": ["Ana", "Ben", "Cat", "Dov", "Eli"],
        "company": ["ACME", "Umbrella", "Umbrella", "Globex Corp", None],
        "connected_on": [
            dt.date(2015, 1, 1),  # ana: before every position
            dt.date(2019, 5, 1),  # ben: during Acme
            dt.date(2016, 12, 15),  # cat: 17 days before Initech (inside the 30-day margin)
            dt.date(2022, 3, 1),  # dov: during Globex (current)
            None,
        ],
    }
)


def sessions(rows: dict[str, list[dt.date]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person_id": [p for p, days in rows.items() for _ in days],
            "day": [d for days in rows.values() for d in days],
        }
    )


SESSIONS = sessions(
    {
        # ana: 2 of 4 sessions inside Acme's window [2017-12-02, 2022-03-31] → 50 % → rule (b)
        "ana": [dt.date(2016, 1, 1), dt.date(2019, 1, 1), dt.date(2020, 1, 1), dt.date(2023, 1, 1)],
        # eli: 1 of 3 inside Acme's window → not enough; all three inside Globex's
        "eli": [dt.date(2021, 6, 1), dt.date(2022, 6, 1), dt.date(2023, 6, 1)],
    }
)
AS_OF = dt.date(2024, 1, 1)
#: every match, as in the reference's rules: one session and a connection date suffice
LOOSE = ScoringParams(colleague_min_sessions=1, colleague_min_confidence=0.5)


def match(frame: pl.DataFrame, pid: str, company: str) -> dict[str, Any]:
    return frame.filter((pl.col("person_id") == pid) & (pl.col("company") == company)).row(
        0, named=True
    )


def test_owner_positions_at_a_past_date() -> None:
    pos = owner_positions(POSITIONS, dt.date(2019, 1, 1))
    # Globex had not started; Acme was current then (its end is after as_of)
    assert pos["company"].to_list() == ["Acme Inc.", "Initech"]
    assert pos["current"].to_list() == [True, False]
    assert pos["company_key"].to_list() == ["acme", "initech"]


def test_rules_and_confidence() -> None:
    m = colleague_matches(POSITIONS, PEOPLE, SESSIONS, AS_OF, LOOSE)
    # ana: (a) ACME ~ Acme Inc. and (b) by sessions → 1.0
    ana = match(m, "ana", "Acme Inc.")
    assert (ana["confidence"], ana["evidence"]) == (1.0, "company+sessions")
    # 2019-01-01 and 2020-01-01 fall in [start, end]; 2023-01-01 is after the end
    assert (ana["sessions_during"], ana["sessions_after"]) == (2, 1)
    # ben: connected during Acme, nothing else → 0.5
    assert (match(m, "ben", "Acme Inc.")["confidence"]) == 0.5
    # cat: connected 17 days before Initech → inside the 30-day margin → 0.5
    assert match(m, "cat", "Initech")["evidence"] == "connected"
    # dov: company and connection at the current job → current colleague, confidence 1.0
    dov = match(m, "dov", "Globex")
    assert (dov["confidence"], dov["current"]) == (1.0, True)
    # eli: 1 of 3 sessions in Acme's window (< 50 %): no Acme match; 2 of 3 in Globex's
    assert m.filter((pl.col("person_id") == "eli") & (pl.col("company") == "Acme Inc.")).height == 0
    assert match(m, "eli", "Globex")["confidence"] == 0.7


def test_defaults_drop_weak_matches() -> None:
    # by default a match needs confidence >= 0.7 and two sessions in the window:
    # ben and cat (a connection date alone, 0.5) are dropped; ana, dov and eli stay
    m = colleague_matches(POSITIONS, PEOPLE, SESSIONS, AS_OF, ScoringParams())
    assert sorted(set(m["person_id"])) == ["ana", "dov", "eli"]
    assert (m["confidence"] >= 0.7).all()
    one = sessions({"eli": [dt.date(2022, 6, 1)]})  # a single session: not enough for (b)
    assert (
        colleague_matches(POSITIONS, PEOPLE, one, AS_OF, ScoringParams())
        .filter(pl.col("person_id") == "eli")
        .is_empty()
    )


def test_career_frame_rates() -> None:
    c = career_frame(POSITIONS, PEOPLE, SESSIONS, AS_OF, LOOSE)
    assert c.schema == polars_schema("career")
    assert c["company"].to_list() == ["Initech", "Acme Inc.", "Globex"]  # by start date
    acme = c.filter(pl.col("company") == "Acme Inc.").row(0, named=True)
    # ana and ben; dov too: connected 2022-03-01, inside Acme's window end + 90 days
    assert acme["n_colleagues"] == 3
    assert [x["person_id"] for x in acme["colleagues"]] == ["ana", "ben", "dov"]  # by confidence
    # during: 2 sessions over 2018-01-01..2021-12-31 inclusive = 1461 days = 4.0 years → 0.5
    assert acme["rate_during"] == pytest.approx(2 / (1461 / 365.25))
    # after: 1 session over 2022-01-01..2024-01-01 inclusive = 731 days → 0.49966 a year
    assert acme["rate_after"] == pytest.approx(1 / (731 / 365.25))
    assert acme["ratio"] == pytest.approx(acme["rate_after"] / acme["rate_during"])
    globex = c.filter(pl.col("company") == "Globex").row(0, named=True)
    assert globex["is_current"] is True and globex["rate_after"] is None


def test_career_takes_an_export() -> None:
    t = dt.datetime(2019, 3, 1, tzinfo=dt.UTC)

    class Export:
        interactions = pl.DataFrame(
            {"person_id": ["ben"], "time": [t], "kind": ["message"], "direction": ["out"]}
        )
        people = PEOPLE
        positions = POSITIONS
        as_of = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

    c = career(Export(), params=LOOSE)
    acme = c.filter(pl.col("company") == "Acme Inc.").row(0, named=True)
    ben = next(x for x in acme["colleagues"] if x["person_id"] == "ben")
    assert ben["confidence"] == 0.7  # (b) by sessions (1 of 1) and by connection, no (a)
    assert ben["sessions_during"] == 1
    # at an as_of before Globex, only two positions exist
    assert career(Export(), as_of=dt.date(2020, 1, 1)).height == 2


def test_no_positions() -> None:
    empty = POSITIONS.clear()
    c = career_frame(empty, PEOPLE, SESSIONS, AS_OF, LOOSE)
    assert c.height == 0 and c.schema == polars_schema("career")


def test_no_yearly_rate_over_a_short_window() -> None:
    # the owner left Acme 16 days before as_of and talked to ana 3 times since: counts, no rate
    positions = pl.DataFrame(
        {
            "company": ["Acme Inc.", "Initech"],
            "title": ["Engineer", "Intern"],
            "started_on": [dt.date(2019, 1, 1), dt.date(2023, 12, 1)],
            "finished_on": [dt.date(2023, 12, 16), dt.date(2023, 12, 20)],
        }
    )
    days = [dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2023, 12, 10)]
    ses = sessions({"ana": days + [dt.date(2023, 12, d) for d in (20, 24, 28)]})
    c = career_frame(positions, PEOPLE, ses, AS_OF, ScoringParams())
    acme = c.filter(pl.col("company") == "Acme Inc.").row(0, named=True)
    assert acme["rate_during"] == pytest.approx(
        3 / ((dt.date(2023, 12, 16) - dt.date(2019, 1, 1)).days + 1) * 365.25
    )
    assert acme["rate_after"] is None and acme["ratio"] is None  # 16 days < 90
    assert [x["sessions_after"] for x in acme["colleagues"]] == [3]
    initech = c.filter(pl.col("company") == "Initech").row(0, named=True)
    assert initech["rate_during"] is None  # a 20-day job: no yearly rate either
    # the window is the parameter
    loose = career_frame(positions, PEOPLE, ses, AS_OF, ScoringParams(rate_min_days=10))
    assert loose.filter(pl.col("company") == "Acme Inc.")["rate_after"][0] > 60


def test_contact_sentence_shows_counts_and_never_more_than_all_the_contact() -> None:
    short = contact_sentence(
        rate_during=3.5,
        rate_after=None,
        sessions_during=12,
        sessions_after=3,
        days_during=1800,
        days_after=16,
        current=False,
    )
    assert short == (
        "Conversations with them: 3.5 a year while you worked together, "
        "3 conversations in the 16 days since you left."
    )
    more = contact_sentence(
        rate_during=1.0,
        rate_after=26.9,
        sessions_during=4,
        sessions_after=99,
        days_during=1460,
        days_after=1340,
        current=False,
    )
    assert more.endswith("(more contact since you left).") and "%" not in more
    fresh = contact_sentence(
        rate_during=None,
        rate_after=None,
        sessions_during=1,
        sessions_after=0,
        days_during=1,
        days_after=200,
        current=True,
    )
    assert (
        fresh
        == "Conversations with them: 1 conversation in the 1 day you worked together (current job)."
    )
