"""Cold pitches: recruiting titles, pitch threads, and what a cold pitch is kept out of."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.scoring._frames import to_us
from tiekeeper.scoring.pitches import (
    RECRUITER_PATTERN,
    inbound_only,
    pitch_evidence,
    pitch_threads,
)
from tiekeeper.scoring.strength import score_frames

T0 = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)
#: (person, day, direction, conversation, subject, text, participants)
Msg = tuple[str, float, str, str, str | None, str, int]


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def frames(msgs: list[Msg]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The interactions and the export-like messages frame of the same 1:1 history."""
    inter = pl.DataFrame(
        {
            "person_id": [m[0] for m in msgs],
            "time": [at(m[1]) for m in msgs],
            "kind": "message",
            "direction": [m[2] for m in msgs],
            "conversation_id": [m[3] for m in msgs],
            "participants": [m[6] for m in msgs],
        },
        schema_overrides={"time": pl.Datetime("us", "UTC")},
    )
    messages = pl.DataFrame(
        {
            "conversation_id": [m[3] for m in msgs],
            "conversation_title": [None] * len(msgs),
            "time": [at(m[1]) for m in msgs],
            "sender_id": [None if m[2] == "out" else m[0] for m in msgs],
            "from_owner": [m[2] == "out" for m in msgs],
            "subject": [m[4] for m in msgs],
            "text": [m[5] for m in msgs],
            "participants": [m[6] for m in msgs],
            "is_interaction": [True] * len(msgs),
        },
        schema_overrides={
            "time": pl.Datetime("us", "UTC"),
            "conversation_title": pl.String,
            "subject": pl.String,
            "sender_id": pl.String,
        },
    )
    return inter, messages


def people(**titles: str | None) -> pl.DataFrame:
    ids = list(titles)
    return pl.DataFrame(
        {
            "person_id": ids,
            "name": [i.title() for i in ids],
            "company": [None] * len(ids),
            "position": list(titles.values()),
            "is_connection": [True] * len(ids),
        },
        schema_overrides={"company": pl.String, "position": pl.String},
    )


def row(frame: pl.DataFrame, pid: str) -> dict[str, Any]:
    return frame.filter(pl.col("person_id") == pid).row(0, named=True)


@pytest.mark.parametrize(
    "title",
    [
        "Executive Search Consultant",
        "Talent Partner",
        "Senior Technical Sourcer",
        "Headhunter",
        "Head-hunter for fintech",
        "Technical Recruiter",
        "Talent Acquisition Partner",
        "Recruitment Consultant",
        "TA Partner, EMEA",
        "Recruteuse IT",
        "Personalberaterin",
        "Staffing Specialist",
    ],
)
def test_recruiting_titles_match(title: str) -> None:
    assert pl.Series([title]).str.contains(RECRUITER_PATTERN).item()


@pytest.mark.parametrize(
    "title",
    [
        "Engineering Manager | we're hiring!",
        "Strategic Sourcing Manager",
        "Data Partner",
        "People Partner",
        "Search Engine Optimisation Specialist",
        "Research Consultant",
        "Talent Manager",
        "Metadata Analyst",
    ],
)
def test_other_titles_do_not(title: str) -> None:
    assert not pl.Series([title]).str.contains(RECRUITER_PATTERN).item()


# a history where "past" = a past job of the owner from day 0 to day 200
POSITIONS = pl.DataFrame(
    {
        "company": ["Acme Inc.", "Globex"],
        "title": ["Engineer", "Lead"],
        "started_on": [dt.date(2024, 1, 1), dt.date(2024, 8, 1)],
        "finished_on": [dt.date(2024, 7, 18), None],
    }
)
PITCH = "Staff Engineer opportunity"


def history() -> list[Msg]:
    return [
        # an InMail-like pitch during the past job, a follow-up, never answered
        ("pitch", 30, "in", "p1", PITCH, "Hi, a role with one of our clients?", 1),
        ("pitch", 45, "in", "p1", None, "Just following up.", 1),
        # the same, but the owner answered once: a real exchange
        ("answered", 30, "in", "a1", PITCH, "Hi, a role with one of our clients?", 1),
        ("answered", 45, "in", "a1", None, "Just following up.", 1),
        ("answered", 46, "out", "a1", None, "Thanks, not now.", 1),
        # a pitch without a subject, by its opening line
        ("texter", 50, "in", "t1", None, "Hi! I have an exciting opportunity for you.", 1),
        ("texter", 60, "in", "t1", None, "Any thoughts?", 1),
        # a colleague who only writes in, in ordinary words: not a pitch
        ("quiet", 30, "in", "q1", None, "Lunch on Friday?", 1),
        ("quiet", 60, "in", "q1", None, "Coffee?", 1),
        # a group thread titled like a job: never a 1:1 pitch
        ("group", 40, "in", "g1", "Hiring panel", "Who takes the 3pm?", 3),
        ("group", 41, "in", "g1", None, "I can.", 3),
    ]


def test_cold_pitch_has_no_strength_no_priority_and_no_colleague() -> None:
    inter, messages = frames(history())
    ppl = people(pitch=None, answered=None, texter=None, quiet=None, group=None)
    # everyone names the owner's employer: company evidence, which a pitch never turns
    # into a colleague
    ppl = ppl.with_columns(company=pl.lit(POSITIONS["company"][0]))
    s = score_frames(inter, ppl, POSITIONS, as_of=at(300), messages=messages)
    cold = dict(zip(s["person_id"], s["cold_pitch"], strict=True))
    assert cold == {
        "pitch": True,
        "answered": False,
        "texter": True,
        "quiet": False,
        "group": False,
    }
    for pid in ("pitch", "texter"):
        r = row(s, pid)
        assert r["strength_adjusted"] == 0.0 and r["strength"] == 0.0
        assert r["strength_raw"] > 0  # the raw count still shows they wrote
        assert (r["actionability"], r["priority"]) == (0.0, 0.0)
        assert r["former_colleague"] is False
        assert r["tier"] == "latent"
        assert r["reasons"][0].startswith("They only ever wrote to pitch a job")
        assert len(r["reasons"]) == 2  # and the status sentence; no value sentences
    # their company and messages during the tenure (level (c)) make the answered one and
    # the quiet colleague former colleagues
    assert row(s, "answered")["former_colleague"] is True
    assert row(s, "quiet")["former_colleague"] is True
    assert row(s, "answered")["strength_adjusted"] > 0


def test_without_messages_only_a_title_counts() -> None:
    inter, _ = frames(history())
    ppl = people(pitch=None, answered=None, texter="Talent Partner", quiet=None, group=None)
    s = score_frames(inter, ppl, POSITIONS, as_of=at(300))
    assert s.filter(pl.col("cold_pitch"))["person_id"].to_list() == ["texter"]


def test_a_past_as_of_sees_the_pitch_before_the_answer() -> None:
    inter, messages = frames(history())
    ppl = people(pitch=None, answered=None, texter=None, quiet=None, group=None)
    s = score_frames(inter, ppl, POSITIONS, as_of=at(45.5), messages=messages)
    assert row(s, "answered")["cold_pitch"] is True  # not answered yet on day 45
    s = score_frames(inter, ppl, POSITIONS, as_of=at(46.5), messages=messages)
    assert row(s, "answered")["cold_pitch"] is False


def test_a_new_pitch_thread_is_no_owed_reply() -> None:
    # the owner wrote to x long ago in c1; x now opens c2 with a pitch: not owed.
    # y writes in c1, where the owner wrote: owed (a reply to a real exchange).
    msgs: list[Msg] = [
        ("x", 0, "out", "c1", None, "Hello", 1),
        ("x", 1, "in", "c1", None, "Hi!", 1),
        ("x", 95, "in", "c2", "Head of Data role", "Would you be open to a chat?", 1),
        ("y", 0, "out", "d1", None, "Hello", 1),
        ("y", 95, "in", "d1", None, "Sorry for the delay!", 1),
    ]
    inter, messages = frames(msgs)
    s = score_frames(inter, people(x=None, y=None), None, as_of=at(100), messages=messages)
    assert dict(zip(s["person_id"], s["reply_owed"], strict=True)) == {"x": False, "y": True}
    assert row(s, "x")["cold_pitch"] is False  # the owner had written to them: a real tie


def test_pitch_threads_and_evidence_directly() -> None:
    inter, messages = frames(history())
    t = to_us(at(300))
    threads = pitch_threads(messages, ["p1", "t1", "q1", "g1", "nope"], t)
    assert dict(threads.iter_rows()) == {"p1": True, "t1": True, "q1": False, "g1": False}
    ev = pitch_evidence(messages, people(quiet="Recruiter"), ["pitch", "quiet", "group"], t)
    assert ev.rows() == [("pitch", "message"), ("quiet", "title")]
    assert inbound_only(inter, t).to_list() == ["group", "pitch", "quiet", "texter"]
    assert pitch_evidence(None, None, [], t).height == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.booleans()), min_size=1, max_size=12))
def test_anyone_the_owner_wrote_to_is_never_a_cold_pitch(days: list[tuple[int, bool]]) -> None:
    # a recruiter-titled person who pitched: cold exactly while the owner has not written back
    msgs: list[Msg] = [("r", 0, "in", "c", PITCH, "A role with our client?", 1)]
    msgs += [("r", d + 0.5, "out" if out else "in", "c", None, "text", 1) for d, out in days]
    inter, messages = frames(msgs)
    s = score_frames(inter, people(r="Recruiter"), None, as_of=at(201), messages=messages)
    wrote = any(out for _, out in days)
    assert row(s, "r")["cold_pitch"] is (not wrote)
    assert (row(s, "r")["strength_adjusted"] > 0) is wrote


def export_like(msgs: list[Msg], ppl: pl.DataFrame, as_of: dt.datetime) -> Any:
    from types import SimpleNamespace

    inter, messages = frames(msgs)
    return SimpleNamespace(interactions=inter, messages=messages, people=ppl, as_of=as_of)


def test_history_of_a_cold_pitch_is_zero_and_ends_at_the_score() -> None:
    import tiekeeper

    e = export_like(history(), people(pitch=None, quiet=None), at(300))
    h = tiekeeper.strength_history(e, ["pitch", "quiet"], freq="1mo")
    s = tiekeeper.score(e)
    assert h.filter(pl.col("person_id") == "pitch")["strength"].max() == 0.0
    last = h.filter(pl.col("person_id") == "quiet")["strength"][-1]
    assert last == pytest.approx(row(s, "quiet")["strength"]) and last > 0


def test_backtest_scores_cold_pitches_zero_unless_told_not_to() -> None:
    from tiekeeper.validate import backtest

    # at the cutoff (day 100) a recruiter pitched on day 95 and never writes again; a
    # friend last wrote on day 10 and writes again on day 120. With the gate the friend
    # ranks first (AUC 1); without it the recent pitch does (AUC 0).
    msgs: list[Msg] = [
        ("friend", 0, "out", "f", None, "Hi", 1),
        ("friend", 10, "in", "f", None, "Hi back", 1),
        ("friend", 120, "in", "f", None, "Long time!", 1),
        ("friend", 140, "out", "f", None, "Indeed", 1),  # the data runs past T + H
        ("pitch", 95, "in", "p", PITCH, "Hello", 1),
    ]
    e = export_like(msgs, people(friend=None, pitch=None), at(200))
    kw: dict[str, Any] = {"cutoffs": [at(100)], "horizons": (30,)}

    def auc(result: Any) -> float:
        return float(result.table.filter(pl.col("model") == "score")["auc"].item())

    assert auc(backtest(e, **kw)) == 1.0
    assert auc(backtest(e, cold_pitches=False, **kw)) == 0.0


class LoggedState:
    """Duck-typed state whose only entry: the owner contacted ``pitch`` outside LinkedIn."""

    def contacted(self, pid: str) -> list[dt.date]:
        return [at(100).date()] if pid == "pitch" else []

    def target_cadence(self, pid: str) -> float | None:
        return None

    def ignored(self, pid: str) -> bool:
        return False

    def snoozed_until(self, pid: str) -> dt.date | None:
        return None


def test_a_logged_contact_means_the_owner_answered() -> None:
    inter, messages = frames(history())
    ppl = people(pitch=None, quiet=None)
    s = score_frames(inter, ppl, None, as_of=at(300), messages=messages, state=LoggedState())
    assert row(s, "pitch")["cold_pitch"] is False
    assert row(s, "pitch")["strength_adjusted"] > 0
