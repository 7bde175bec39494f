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
    contact_sentence,
    owner_positions,
)
from tiekeeper.scoring.colleagues import colleague_matches
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


def evidence(rows: list[tuple[str, dt.date, str, str | None]]) -> pl.DataFrame:
    """Dated colleague evidence (``evidence_events``), plus every session as contact."""
    extra = pl.DataFrame(
        rows, schema=["person_id", "day", "source", "company_key"], orient="row"
    ).cast({"day": pl.Date, "company_key": pl.String})
    contact = SESSIONS.with_columns(source=pl.lit("contact"), company_key=pl.lit(None, pl.String))
    return pl.concat([extra, contact.select(extra.columns)])


EVIDENCE = evidence(
    [
        ("ben", dt.date(2019, 6, 1), "endorsement", None),  # in Acme's tenure
        ("cat", dt.date(2017, 3, 1), "names_company", "initech"),  # a message naming Initech
        ("cat", dt.date(2017, 3, 2), "names_company", "acme"),  # names Acme, outside its window
    ]
)


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


def test_evidence_levels() -> None:
    m = colleague_matches(POSITIONS, PEOPLE, SESSIONS, AS_OF, ScoringParams(), EVIDENCE)
    # ben: an endorsement during Acme → level (a), confidence 1.0
    ben = match(m, "ben", "Acme Inc.")
    assert (ben["level"], ben["confidence"], ben["possible"]) == ("endorsement", 1.0, False)
    # cat: a message naming Initech in its window → level (b); naming Acme outside it → nothing
    assert match(m, "cat", "Initech")["level"] == "message_names_company"
    assert m.filter((pl.col("person_id") == "cat") & (pl.col("company") == "Acme Inc.")).is_empty()
    # ana: ACME ~ Acme Inc. and messaged in the window → level (c)
    ana = match(m, "ana", "Acme Inc.")
    assert (ana["level"], ana["confidence"]) == ("company_and_overlap", 0.8)
    # 2019-01-01 and 2020-01-01 fall in [start, end]; 2023-01-01 is after the end
    assert (ana["sessions_during"], ana["sessions_after"]) == (2, 1)
    # dov: company and connection at the current job → a current colleague at (c)
    dov = match(m, "dov", "Globex")
    assert (dov["level"], dov["current"]) == ("company_and_overlap", True)
    # eli: talked during Globex but never connected there and no company → no evidence
    assert m.filter(pl.col("person_id") == "eli").is_empty()


def test_timing_alone_is_only_a_possible_colleague() -> None:
    people = PEOPLE.with_columns(
        connected_on=pl.when(pl.col("person_id") == "eli")
        .then(pl.lit(dt.date(2022, 2, 1)))
        .otherwise(pl.col("connected_on"))
    )
    m = colleague_matches(POSITIONS, people, SESSIONS, AS_OF, ScoringParams(), EVIDENCE)
    eli = match(m, "eli", "Globex")
    assert (eli["level"], eli["possible"], eli["confidence"]) == (
        "connected_and_messaged",
        True,
        0.3,
    )
    # the career view never counts a possible colleague
    c = career_frame(POSITIONS, people, SESSIONS, AS_OF, ScoringParams(), EVIDENCE)
    globex = c.filter(pl.col("company") == "Globex").row(0, named=True)
    assert "eli" not in [x["person_id"] for x in globex["colleagues"]]


def test_recruiters_from_other_companies_and_placeholders_are_no_evidence() -> None:
    people = PEOPLE.with_columns(
        position=pl.when(pl.col("person_id") == "cat")
        .then(pl.lit("Senior Technical Recruiter"))
        .otherwise(pl.lit("Engineer"))
    )
    m = colleague_matches(POSITIONS, people, SESSIONS, AS_OF, ScoringParams(), EVIDENCE)
    # cat recruits for Umbrella: her message naming Initech is a pitch, not shared work
    assert m.filter(pl.col("person_id") == "cat").is_empty()
    selfemployed = POSITIONS.with_columns(company=pl.lit("Self-employed"))
    assert colleague_matches(
        selfemployed, people, SESSIONS, AS_OF, ScoringParams(), EVIDENCE
    ).is_empty()


def test_without_evidence_only_company_and_overlap_is_reached() -> None:
    m = colleague_matches(POSITIONS, PEOPLE, SESSIONS, AS_OF, ScoringParams())
    assert sorted(set(m["level"])) == ["company_and_overlap"]
    assert sorted(set(m["person_id"])) == ["ana", "dov"]


def test_career_frame_rates() -> None:
    c = career_frame(POSITIONS, PEOPLE, SESSIONS, AS_OF, ScoringParams(), EVIDENCE)
    assert c.schema == polars_schema("career")
    assert c["company"].to_list() == ["Initech", "Acme Inc.", "Globex"]  # by start date
    acme = c.filter(pl.col("company") == "Acme Inc.").row(0, named=True)
    assert acme["n_colleagues"] == 2
    assert [x["person_id"] for x in acme["colleagues"]] == ["ben", "ana"]  # by confidence
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
            {
                "person_id": ["ben", "ben"],
                "time": [t, t + dt.timedelta(days=40)],
                "kind": ["message", "endorsement"],
                "direction": ["out", "in"],
            }
        )
        people = PEOPLE
        positions = POSITIONS
        as_of = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

    c = career(Export())
    acme = c.filter(pl.col("company") == "Acme Inc.").row(0, named=True)
    ben = next(x for x in acme["colleagues"] if x["person_id"] == "ben")
    assert ben["confidence"] == 1.0  # (a): an endorsement during the tenure
    assert ben["sessions_during"] >= 1
    # at an as_of before Globex, only two positions exist
    assert career(Export(), as_of=dt.date(2020, 1, 1)).height == 2


def test_no_positions() -> None:
    empty = POSITIONS.clear()
    c = career_frame(empty, PEOPLE, SESSIONS, AS_OF, ScoringParams())
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


def test_a_company_named_inside_another_word_is_no_evidence() -> None:
    from tiekeeper.scoring.colleagues import _naming_messages, company_patterns

    t = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    texts = ["artificial intelligence rocks", "in a nutshell", "my Intel days", "Shell, again"]
    m = pl.DataFrame(
        {
            "is_interaction": [True] * 4,
            "participants": [1] * 4,
            "text": texts,
            "time": [t] * 4,
            "from_owner": [False] * 4,
            "sender_id": ["a", "b", "c", "d"],
            "recipient_ids": [[]] * 4,
        }
    )
    pats = company_patterns(pl.Series(["Intel Corporation", "Shell"]))
    got = _naming_messages(m, pats, ScoringParams()).collect()
    assert sorted(got["person_id"]) == ["c", "d"]
