"""Reminders: parse the .ics back and check count, weekly budget, texts, UIDs and staleness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.errors import ParameterError, StaleExportWarning
from tiekeeper.reminders import reminders_ics, weekly_dates
from tiekeeper.schema import polars_schema
from tiekeeper.scoring.plan import Plan

AS_OF = dt.datetime(2024, 6, 30, 23, 59, 59, tzinfo=dt.UTC)
MONDAY = dt.date(2024, 7, 1)


def rows(prefix: str, n: int, kind: str, slot: str) -> pl.DataFrame:
    data: list[dict[str, Any]] = [
        {
            "person_id": f"{prefix}{i}",
            "name": f"Name {prefix}{i}",
            "company": "Acme" if i % 2 else None,
            "priority": 0.5,
            "kind": kind,
            "status": "fading",
            "strength": 30.0,
            "reasons": [f"First reason {prefix}{i}.", "Second reason."],
            "opener": f"Hi {prefix}{i}, long time!" if kind != "give_space" else "",
            "slot": slot,
            "profile_url": f"https://www.linkedin.com/in/{prefix}{i}",
        }
        for i in range(n)
    ]
    return pl.DataFrame(data, schema=polars_schema("plan"))


def make_plan(owed: int = 2, sugg: int = 7, space: int = 1) -> Plan:
    return Plan(
        suggestions=rows("s", sugg, "reconnect", "top"),
        owed_replies=rows("o", owed, "reply", "owed"),
        give_space=rows("g", space, "give_space", "give_space"),
        as_of=AS_OF,
        k=10,
    )


def events(path: Path) -> list[Any]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_one_reminder_per_person_within_the_weekly_budget(tmp_path: Path) -> None:
    out = reminders_ics(make_plan(), tmp_path / "plan.ics", start=MONDAY, per_week=3)
    evs = events(out)
    assert len(evs) == 9  # 2 owed + 7 suggestions; give space gets none
    got = [(str(e["summary"]), e.decoded("dtstart")) for e in evs]
    # slots Mon/Wed/Fri: week 1 = 1, 3, 5 July; week 2 = 8, 10, 12; week 3 = 15, 17, 19.
    # owed replies take the first two, the suggestions follow in plan order
    assert got == [
        ("Reply to Name o0", dt.date(2024, 7, 1)),
        ("Reply to Name o1", dt.date(2024, 7, 3)),
        ("Reconnect with Name s0", dt.date(2024, 7, 5)),
        ("Reconnect with Name s1", dt.date(2024, 7, 8)),
        ("Reconnect with Name s2", dt.date(2024, 7, 10)),
        ("Reconnect with Name s3", dt.date(2024, 7, 12)),
        ("Reconnect with Name s4", dt.date(2024, 7, 15)),
        ("Reconnect with Name s5", dt.date(2024, 7, 17)),
        ("Reconnect with Name s6", dt.date(2024, 7, 19)),
    ]
    for e in evs:  # all-day, free, with a 09:00 alarm
        assert e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(days=1)
        assert str(e["transp"]) == "TRANSPARENT"
        (alarm,) = e.walk("VALARM")
        assert alarm.decoded("trigger") == dt.timedelta(hours=9)
        assert e.decoded("dtstamp") == AS_OF.replace(microsecond=0)  # as_of, not the clock


def test_descriptions_carry_reasons_opener_and_profile(tmp_path: Path) -> None:
    evs = events(reminders_ics(make_plan(), tmp_path / "p.ics", start=MONDAY))
    desc = str(evs[0]["description"])
    assert desc.startswith("Reply to Name o0.")
    assert "- First reason o0.\n- Second reason." in desc
    assert "Hi o0, long time!" in desc
    assert "https://www.linkedin.com/in/o0" in desc
    assert "as of 2024-06-30" in desc
    assert "Note:" not in desc
    assert str(evs[1]["description"]).startswith("Reply to Name o1 (Acme).")


def test_uids_unique_stable_and_tied_to_start(tmp_path: Path) -> None:
    a = reminders_ics(make_plan(), tmp_path / "a.ics", start=MONDAY)
    b = reminders_ics(make_plan(), tmp_path / "b.ics", start="2024-07-01")
    c = reminders_ics(make_plan(), tmp_path / "c.ics", start=dt.date(2024, 7, 2))
    uids = [str(e["uid"]) for e in events(a)]
    assert len(set(uids)) == len(uids) == 9
    assert a.read_bytes() == b.read_bytes()  # no wall clock anywhere
    assert not set(uids) & {str(e["uid"]) for e in events(c)}


def test_owed_replies_first_even_when_the_budget_is_tight(tmp_path: Path) -> None:
    out = reminders_ics(make_plan(owed=3, sugg=2), tmp_path / "p.ics", start=MONDAY, per_week=2)
    got = [(str(e["summary"])[:8], e.decoded("dtstart")) for e in events(out)]
    # 2 a week on Tue/Thu (even spread): 2, 4 July, then 9, 11, then 16
    assert got == [
        ("Reply to", dt.date(2024, 7, 2)),
        ("Reply to", dt.date(2024, 7, 4)),
        ("Reply to", dt.date(2024, 7, 9)),
        ("Reconnec", dt.date(2024, 7, 11)),
        ("Reconnec", dt.date(2024, 7, 16)),
    ]


def test_stale_plan_warns_and_says_so(tmp_path: Path) -> None:
    with pytest.warns(StaleExportWarning, match=r"as of 2024-06-30, 32 days before start"):
        out = reminders_ics(make_plan(), tmp_path / "p.ics", start=dt.date(2024, 8, 1))
    assert all("Note: this plan uses LinkedIn data" in str(e["description"]) for e in events(out))
    # 13 days is not yet stale (the default threshold is 14): no warning (warnings are errors)
    reminders_ics(make_plan(), tmp_path / "q.ics", start=dt.date(2024, 7, 13))


def test_bad_arguments(tmp_path: Path) -> None:
    p = make_plan()
    with pytest.raises(ParameterError, match="per_week=0"):
        reminders_ics(p, tmp_path / "p.ics", start=MONDAY, per_week=0)
    with pytest.raises(ParameterError, match="weekday=7"):
        reminders_ics(p, tmp_path / "p.ics", start=MONDAY, weekday=7)
    with pytest.raises(ParameterError, match="start='soon'"):
        reminders_ics(p, tmp_path / "p.ics", start="soon")
    with pytest.raises(ParameterError, match="start=datetime"):
        reminders_ics(p, tmp_path / "p.ics", start=dt.datetime(2024, 7, 1, tzinfo=dt.UTC))
    with pytest.raises(ParameterError, match="existing folder"):
        reminders_ics(p, tmp_path, start=MONDAY)
    with pytest.raises(ParameterError, match="existing folder"):
        reminders_ics(p, tmp_path / "nope" / "p.ics", start=MONDAY)


def test_empty_plan_writes_a_valid_calendar(tmp_path: Path) -> None:
    out = reminders_ics(make_plan(0, 0, 0), tmp_path / "p.ics", start=MONDAY)
    assert events(out) == []
    assert icalendar.Calendar.from_ical(out.read_bytes())["prodid"]


@given(
    start=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    per_week=st.integers(1, 9),
    weekday=st.one_of(
        st.none(), st.integers(0, 6), st.lists(st.integers(0, 6), min_size=1, max_size=4)
    ),
    n=st.integers(0, 40),
)
def test_weekly_dates_respect_the_budget(
    start: dt.date, per_week: int, weekday: int | list[int] | None, n: int
) -> None:
    days = weekly_dates(start, per_week=per_week, weekday=weekday, n=n)
    assert len(days) == n
    assert days == sorted(days)
    assert all(d >= start for d in days)
    weeks = [(d - start).days // 7 for d in days]
    assert all(weeks.count(w) <= per_week for w in set(weeks))
    # no week is skipped while reminders remain: week w is full before week w+1 starts
    assert all(weeks.count(w) == per_week for w in set(weeks) if w < max(weeks, default=0))
    if weekday is not None:
        allowed = {weekday} if isinstance(weekday, int) else set(weekday)
        assert {d.weekday() for d in days} <= allowed


def test_a_name_ending_in_a_full_stop_gets_no_second_one(tmp_path: Path) -> None:
    plan = make_plan(owed=1, sugg=0, space=0)
    owed = plan.owed_replies.with_columns(name=pl.lit("Bo Li Jr."), company=pl.lit(None))
    plan = Plan(suggestions=plan.suggestions, owed_replies=owed, give_space=plan.give_space,
                as_of=AS_OF, k=10)  # fmt: skip
    [event] = events(reminders_ics(plan, tmp_path / "plan.ics", start=MONDAY))
    text = str(event.get("DESCRIPTION"))
    assert "Bo Li Jr." in text and "Jr.." not in text
