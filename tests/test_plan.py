"""The weekly plan: order, per-company cap, exploration slot, owed replies, give space, state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiekeeper import state as tstate
from tiekeeper.companies import normalize_company
from tiekeeper.errors import ParameterError
from tiekeeper.schema import SCHEMAS, polars_schema
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.plan import Plan, reach_out

AS_OF = dt.datetime(2024, 6, 30, 23, 59, 59, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def person(pid: str, **kw: Any) -> dict[str, Any]:
    """One score row: a fading tie with V = 0.5, N = 1, A = 1 unless overridden."""
    row: dict[str, Any] = {
        "person_id": pid,
        "name": f"Person {pid}",
        "status": "fading",
        "strength": 40.0,
        "last_contact": AS_OF - 100 * DAY,
        "days_since": 100.0,
        "messages_sent": 3,
        "messages_received": 3,
        "reply_owed": False,
        "unanswered_sessions": 0,
        "former_colleague": False,
        "value": 0.5,
        "need": 1.0,
        "actionability": 1.0,
        "reasons": [f"reason for {pid}"],
    }
    row.update(kw)
    row.setdefault("priority", row["value"] * row["need"] * row["actionability"])
    return row


def scores(*rows: dict[str, Any]) -> pl.DataFrame:
    schema = polars_schema("score")
    full = [{c: r.get(c) for c in schema} for r in rows]
    return pl.DataFrame(full, schema=schema, orient="row")


def plan(*rows: dict[str, Any], **kw: Any) -> Plan:
    kw.setdefault("as_of", AS_OF)
    return reach_out(None, scores=scores(*rows), **kw)


def ids(frame: pl.DataFrame) -> list[str]:
    return frame["person_id"].to_list()


NO_EXPLORE = ScoringParams(exploration_share=0.0)


def test_suggestions_follow_priority_and_skip_on_track() -> None:
    p = plan(
        person("a", value=0.9),  # P = 0.9·1·1 = 0.9
        person("b", value=0.5),  # 0.5
        person("c", value=0.7),  # 0.7
        person("d", value=0.9, need=0.0, status="on track"),  # P = 0: never suggested
        person("e", value=0.3),  # 0.3, cut by k = 3
        k=3,
        params=NO_EXPLORE,
    )
    assert ids(p.suggestions) == ["a", "c", "b"]
    assert p.suggestions["priority"].to_list() == pytest.approx([0.9, 0.7, 0.5])
    assert set(p.suggestions["slot"]) == {"top"}
    for name in ("suggestions", "owed_replies", "give_space"):
        assert getattr(p, name).schema == polars_schema("plan")


def test_company_cap_counts_normalised_names() -> None:
    # four spellings of Acme meet under normalize_company; cap 3 keeps the three best of them
    acme = ["Acme Inc.", "ACME", "Acme, Inc", "acme corp"]
    assert len({normalize_company(c) for c in acme}) == 1
    rows = [person(f"a{i}", company=c, value=0.9 - 0.1 * i) for i, c in enumerate(acme)]
    rows.append(person("g", company="Globex", value=0.2))
    p = plan(*rows, k=5, params=NO_EXPLORE)
    # a3 (0.6) is the 4th Acme: dropped although it outranks Globex (0.2)
    assert ids(p.suggestions) == ["a0", "a1", "a2", "g"]
    p2 = plan(*rows, k=5, params=NO_EXPLORE.replace(company_cap=1))
    assert ids(p2.suggestions) == ["a0", "g"]


def test_exploration_slot_goes_to_a_bridge_or_never_interacted_contact() -> None:
    # twelve fading ties at one shared company (not bridges) with P = 0.90, 0.89, …;
    # cap lifted so the cap does not interfere; one never-interacted connection with P = 0.1
    rows = [person(f"f{i:02}", company="Big Co", value=0.90 - 0.01 * i) for i in range(12)]
    rows.append(
        person("n", status="never interacted", company="Tiny Co", value=0.4, need=0.25,
               last_contact=None, days_since=None, connected_on=dt.date(2019, 5, 1))
    )  # fmt: skip
    p = plan(*rows, k=10, params=ScoringParams(company_cap=100))
    # k = 10, share 0.1 -> 1 exploration slot: the top 9 by P, then the explorer
    assert ids(p.suggestions) == [f"f{i:02}" for i in range(9)] + ["n"]
    last = p.suggestions.row(9, named=True)
    assert (last["slot"], last["kind"]) == ("explore", "explore")
    assert "Exploration pick: you have never really talked." in last["reasons"]
    assert last["opener"].count("Person") == 1
    # without an explorer the slot goes back to the ranking
    q = plan(*rows[:-1], k=10, params=ScoringParams(company_cap=100))
    assert ids(q.suggestions) == [f"f{i:02}" for i in range(10)]


def test_bridge_is_the_only_connection_at_a_company() -> None:
    rows = [person(f"f{i}", company="Big Co", value=0.9 - 0.01 * i) for i in range(3)]
    rows += [person("solo", company="Lone Ltd", value=0.1)]  # the bridge, lowest P
    p = plan(*rows, k=2, params=ScoringParams(company_cap=100))
    # k = 2 -> one explorer: the bridge, not f1
    assert ids(p.suggestions) == ["f0", "solo"]
    assert p.suggestions["reasons"][1][-1].startswith("Exploration pick: your only connection")


def test_owed_replies_come_first_and_never_in_suggestions() -> None:
    owed = AS_OF - 10 * DAY
    p = plan(
        person("o1", value=0.99, reply_owed=True, owed_since=owed),
        person("o2", value=0.2, reply_owed=True, owed_since=owed - 5 * DAY),
        # the score decides what is owed (their *latest* message is at most N days old);
        # the oldest unanswered one may be older
        person("old", value=0.3, reply_owed=True, owed_since=AS_OF - 61 * DAY),
        person("s", value=0.5),
        person("t", value=0.4, reply_owed=False, owed_since=None),
    )
    assert ids(p.owed_replies) == ["o1", "old", "o2"]  # by value: 0.99, 0.3, 0.2
    assert set(p.owed_replies["kind"]) == {"reply"}
    assert p.owed_replies["reasons"][2][0] == "Their message from 15 June 2024 is still unanswered."
    assert p.owed_replies["reasons"][2][1] == "reason for o2"
    assert ids(p.suggestions) == ["s", "t"]  # P 0.5, 0.4
    assert p.frame["slot"].to_list() == ["owed"] * 3 + ["top"] * 2


def test_one_sided_tie_goes_to_give_space() -> None:
    p = plan(
        person("pushy", value=0.9, unanswered_sessions=4),
        person("never", value=0.8, unanswered_sessions=3, messages_received=0),
        person("ok", value=0.5, unanswered_sessions=2),  # M = 3: still fine
        person("quiet", value=0.0, unanswered_sessions=9),  # P = 0 anyway: not listed
        person("scored", value=0.7, unanswered_sessions=5,  # the score's own sentence is kept
               reasons=["Strength 12/100.", "You have written on 5 days since their last "
                        "reply; give them space."]),
    )  # fmt: skip
    assert ids(p.suggestions) == ["ok"]
    assert ids(p.give_space) == ["pushy", "never", "scored"]  # by V·N: 0.9, 0.8, 0.7
    reasons = p.give_space["reasons"].to_list()
    assert reasons[0] == [
        "You have written on 4 days since their last reply; give them space.",
        "reason for pushy",
    ]
    assert (
        reasons[1][0] == "You have written on 3 days and they have never replied; give them space."
    )
    assert reasons[2] == [
        "You have written on 5 days since their last reply; give them space.",
        "Strength 12/100.",
    ]
    assert p.give_space["opener"].to_list() == ["", "", ""]
    assert set(p.give_space["kind"]) == {"give_space"}


def test_kinds_follow_the_situation() -> None:
    p = plan(
        person("moved", former_colleague=True, former_company="Contoso", company="Fabrikam"),
        person("stayed", former_colleague=True, former_company="Contoso Ltd", company="contoso"),
        person("gone", status="lapsed", days_since=400.0, last_contact=AS_OF - 400 * DAY),
        person("recent", status="cooling", days_since=40.0, value=0.4),
        params=NO_EXPLORE,
    )
    kinds = dict(zip(ids(p.suggestions), p.suggestions["kind"], strict=True))
    # a company that differs from the shared one is a move of unknown date: no congratulation
    assert kinds == {
        "moved": "coffee",
        "stayed": "coffee",
        "gone": "reconnect",
        "recent": "offer_help",
    }
    opener = p.suggestions.filter(pl.col("person_id") == "moved")["opener"][0]
    assert "I see you're at Fabrikam now; how is it going?" in opener
    assert "congratulat" not in " ".join(p.suggestions["opener"]).lower()


def test_openers_vary_within_a_plan() -> None:
    # four people with the same first name and the same facts: only the template differs
    rows = [
        person(f"r{i}", name=f"Sam {i}", status="lapsed", company="Acme",
               last_contact=AS_OF - 800 * DAY, days_since=800.0, value=0.9 - 0.1 * i)
        for i in range(4)
    ]  # fmt: skip
    p = plan(*rows, params=NO_EXPLORE.replace(company_cap=10))
    openers = p.suggestions["opener"].to_list()
    assert len(set(openers)) == 4
    assert all(o.count("Sam") == 1 for o in openers)
    # deterministic given the seed; another seed may pick other templates
    assert plan(*rows, params=NO_EXPLORE.replace(company_cap=10)).suggestions.equals(p.suggestions)


def test_row_order_does_not_change_the_plan() -> None:
    rows = [person(f"p{i}", value=0.5, company=f"C{i % 3}") for i in range(12)]  # all tie
    a = plan(*rows, seed=3)
    b = plan(*reversed(rows), seed=3)
    assert a.frame.equals(b.frame)
    assert len(a.suggestions) == 9  # 3 companies x cap 3


def test_state_ignore_snooze_cooldown_and_rotation(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    tstate.ignore(path, "Person a")
    tstate.ignore_company(path, "Initech Inc.")
    tstate.snooze(path, "b", until=dt.date(2024, 7, 15))  # by person_id, after as_of: waits
    tstate.snooze(path, "c", until=dt.date(2024, 6, 1))  # expired: back in the plan
    tstate.mark_contacted(path, "Person d", on=dt.date(2024, 6, 20))  # 10 d < 14 d cool-down
    tstate.mark_contacted(path, "Person e", on=dt.date(2024, 6, 1))  # 29 d ago: free again
    rows = [
        person("a", value=0.99),
        person("b", value=0.98),
        person("c", value=0.97),
        person("d", value=0.96),
        person("e", value=0.95),
        person("i", value=0.94, company="INITECH"),
        person("o", value=0.93, reply_owed=True, owed_since=AS_OF - 20 * DAY),
        person("x", value=0.5),
    ]
    p = plan(*rows, state=path, params=NO_EXPLORE)
    assert ids(p.suggestions) == ["c", "e", "x"]
    assert ids(p.owed_replies) == ["o"]
    assert any("Skipped 1 person snoozed" in n for n in p.notes)
    # logging a contact after their message settles the owed reply
    tstate.mark_contacted(path, "o", on=dt.date(2024, 6, 12))
    assert reach_out(None, scores=scores(*rows), as_of=AS_OF, state=path).owed_replies.height == 0
    # o (answered, logged 18 d ago, past the cool-down) is an ordinary suggestion again;
    # rotation: after recording a plan of c and e, both drop below x (0.97·0.5 < 0.5)
    shown = plan(*rows, state=path, params=NO_EXPLORE, k=2)
    assert ids(shown.suggestions) == ["c", "e"]
    tstate.record_plan(path, shown)
    q = plan(*rows, state=path, params=NO_EXPLORE)
    assert ids(q.suggestions) == ["o", "x", "c", "e"]  # 0.93, 0.5, 0.97·0.5, 0.95·0.5


def test_unknown_names_in_the_state_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    tstate.snooze(path, "Nobody Known", until=dt.date(2030, 1, 1))
    p = plan(person("a"), state=path)
    assert any("'Nobody Known' matches nobody" in n for n in p.notes)
    assert "Nobody Known" in repr(p)


def test_repr_pandas_and_html() -> None:
    p = plan(person("a", name="Ada <b>", company="Acme"), person("o", reply_owed=True))
    text = repr(p)
    assert text.startswith("Plan as of 2024-06-30 (k=10): 1 owed reply, 1 suggestion, 0 to")
    assert "Ada <b> (Acme) [offer_help]" in text
    assert "Ada &lt;b&gt;" in p._repr_html_() and "<b>Ada" not in p._repr_html_()
    frames = p.to_pandas()
    assert set(frames) == {"suggestions", "owed_replies", "give_space"}
    assert list(p.to_pandas("suggestions").columns) == list(SCHEMAS["plan"])


def test_bad_arguments_name_the_parameter() -> None:
    with pytest.raises(ParameterError, match="k=0"):
        plan(person("a"), k=0)
    with pytest.raises(ParameterError, match="seed"):
        plan(person("a"), seed=1.5)
    with pytest.raises(ParameterError, match="needs an export"):
        reach_out(None, as_of=AS_OF)
    with pytest.raises(ParameterError, match=r"missing the columns \['profile_url'"):
        reach_out(None, scores=scores(person("a")).drop("profile_url"), as_of=AS_OF)
    with pytest.raises(ParameterError, match="as_of is required"):
        reach_out(None, scores=scores(person("a")))
    with pytest.raises(ParameterError, match=r"params must be a tiekeeper\.ScoringParams"):
        plan(person("a"), params={"k": 3})
    with pytest.raises(ParameterError, match="not a plan list"):
        plan(person("a")).to_pandas("everything")


STATUSES = ["on track", "cooling", "fading", "lapsed", "dormant", "never interacted"]


@st.composite
def score_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(0, 40))
    rows = []
    for i in range(n):
        status = draw(st.sampled_from(STATUSES))
        rows.append(
            person(
                f"p{i}",
                company=draw(st.sampled_from([None, "Acme", "ACME Inc.", "Globex", "Initech"])),
                status=status,
                value=draw(st.floats(0, 1)),
                need=0.0 if status == "on track" else draw(st.floats(0, 1)),
                reply_owed=draw(st.booleans()),
                owed_since=AS_OF - draw(st.integers(0, 90)) * DAY,
                unanswered_sessions=draw(st.integers(0, 6)),
            )
        )
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=score_rows(), k=st.integers(1, 12), cap=st.integers(1, 4), seed=st.integers(0, 9))
def test_plan_invariants(rows: list[dict[str, Any]], k: int, cap: int, seed: int) -> None:
    params = ScoringParams(company_cap=cap)
    p = plan(*rows, k=k, params=params, seed=seed)
    everyone = ids(p.owed_replies) + ids(p.suggestions) + ids(p.give_space)
    assert len(everyone) == len(set(everyone))  # nobody twice across the three lists
    assert p.suggestions.height <= k
    keys = [normalize_company(c) for c in p.suggestions["company"]]
    assert all(keys.count(c) <= cap for c in set(keys) if c is not None)
    assert (p.suggestions["priority"] > 0).all()  # on-track (P = 0) never suggested
    owed_ids = {r["person_id"] for r in rows if r["reply_owed"]}
    assert not owed_ids & set(ids(p.suggestions))
    one_sided = {r["person_id"] for r in rows if r["unanswered_sessions"] >= 3}
    assert not one_sided & set(ids(p.suggestions))


# ------------------------------------------------------------ with the real score
def _msg(pid: str, day: str, direction: str, conv: str) -> dict[str, Any]:
    return {
        "person_id": pid,
        "time": dt.datetime.fromisoformat(day + "T10:00:00+00:00"),
        "kind": "message",
        "direction": direction,
        "conversation_id": conv,
        "participants": 1,
        "words": 40,
        "has_note": False,
        "source": "messages",
        "line": 1,
    }


def test_recruiters_cold_pitches_are_never_owed_or_suggested() -> None:
    from tiekeeper.scoring.strength import score_frames

    events = [
        # a friend answers the owner: a reply is owed
        _msg("friend", "2024-05-01", "out", "c1"),
        _msg("friend", "2024-06-20", "in", "c1"),
        # a recruiter the owner once wrote to pitches in a new thread: not owed
        _msg("recruiter", "2023-01-10", "out", "c2"),
        _msg("recruiter", "2023-01-11", "in", "c2"),
        _msg("recruiter", "2024-06-25", "in", "c3"),
        # a recruiter in a real conversation the owner takes part in: owed
        _msg("hiring", "2024-06-01", "out", "c4"),
        _msg("hiring", "2024-06-24", "in", "c4"),
        # a recruiter who only ever pitched: neither owed nor suggested
        _msg("cold", "2022-01-05", "in", "c5"),
        _msg("cold", "2022-03-05", "in", "c6"),
    ]
    interactions = pl.DataFrame(events, schema=polars_schema("interactions"), orient="row")
    people = pl.DataFrame(
        {
            "person_id": ["friend", "recruiter", "hiring", "cold"],
            "name": ["Fay Friend", "Rex Recruiter", "Hal Hiring", "Cole Cold"],
            "position": [
                "Engineer",
                "Senior Technical Recruiter",
                "Talent Acquisition Partner",
                "Technical Recruiter",
            ],
            "company": ["Acme", "Staffly", "Globex", "Headhunt Co"],
        }
    )
    s = score_frames(interactions, people, None, as_of=AS_OF)
    owed = dict(zip(s["person_id"], s["reply_owed"], strict=True))
    assert owed == {"friend": True, "recruiter": False, "hiring": True, "cold": False}
    p = reach_out(None, scores=s, as_of=AS_OF)
    assert sorted(ids(p.owed_replies)) == ["friend", "hiring"]
    assert "cold" not in ids(p.frame)
    assert "recruiter" not in ids(p.owed_replies)


@pytest.fixture(scope="module")
def sample() -> Any:
    import tiekeeper

    return tiekeeper.load_export()


def test_sample_export_plan(sample: Any) -> None:
    import tiekeeper

    p = reach_out(sample)
    assert p.as_of == sample.as_of
    assert p.suggestions.height == 10
    everyone = ids(p.frame)
    assert len(everyone) == len(set(everyone))
    s = tiekeeper.score(sample)
    owed = set(s.filter(pl.col("reply_owed"))["person_id"])
    assert set(ids(p.owed_replies)) == owed  # no state file: every owed reply is listed
    keys = [normalize_company(c) for c in p.suggestions["company"]]
    assert all(keys.count(k) <= 3 for k in set(keys) if k)
    assert p.suggestions["slot"].to_list().count("explore") == 1
    assert all(p.suggestions["opener"].str.len_chars() > 20)
    # passing the scores gives the same plan; so does another call (nothing random but the seed)
    assert reach_out(sample, scores=s).frame.equals(p.frame)
    assert reach_out(sample).frame.equals(p.frame)


def test_state_file_next_to_the_export_is_found(sample: Any, tmp_path: Path) -> None:
    import shutil

    import tiekeeper

    folder = tmp_path / "export"
    shutil.copytree(sample.source, folder)
    first = reach_out(sample).suggestions.row(0, named=True)
    tstate.ignore(folder, first["profile_url"])  # written next to the folder, not inside
    assert (tmp_path / "tiekeeper.toml").is_file()
    assert not (folder / "tiekeeper.toml").exists()
    p = reach_out(tiekeeper.load_export(folder))
    assert first["person_id"] not in ids(p.frame)
    assert any("Skipped 1 person on your ignore list" in n for n in p.notes)


def test_give_space_lists_at_most_k_by_value() -> None:
    rows = [person(f"g{i}", value=0.9 - 0.01 * i, unanswered_sessions=3) for i in range(6)]
    p = plan(*rows, k=4)
    assert ids(p.give_space) == ["g0", "g1", "g2", "g3"]
    assert p.suggestions.height == 0


def test_a_congratulation_needs_a_dated_recent_move() -> None:
    rows = [
        person("moved", former_colleague=True, former_company="Contoso", company="Fabrikam"),
        person("old", company="Initech", value=0.4),
    ]
    moves = pl.DataFrame(
        {
            "person_id": ["moved", "old"],
            "company": ["Fabrikam", "Initech"],
            "moved_on": [AS_OF.date() - 30 * DAY, AS_OF.date() - 400 * DAY],
        }
    )
    p = plan(*rows, moves=moves, params=NO_EXPLORE)
    kinds = dict(zip(ids(p.suggestions), p.suggestions["kind"], strict=True))
    assert kinds == {"moved": "congratulate", "old": "offer_help"}  # 400 days: old news
    opener = p.suggestions.filter(pl.col("person_id") == "moved")["opener"][0]
    assert "congratulations" in opener.lower() and "Fabrikam" in opener
    wider = plan(*rows, moves=moves, params=NO_EXPLORE.replace(congratulate_move_days=500))
    assert set(wider.suggestions["kind"]) == {"congratulate"}
    with pytest.raises(ParameterError, match="moves must be a polars DataFrame"):
        plan(*rows, moves=pl.DataFrame({"person_id": ["moved"]}))


def test_a_fresh_message_gets_no_apology() -> None:
    fresh = person("fresh", reply_owed=True, owed_since=AS_OF - 2 * DAY)
    stale = person("stale", reply_owed=True, owed_since=AS_OF - 20 * DAY, value=0.4)
    p = plan(fresh, stale)
    openers = dict(zip(ids(p.owed_replies), p.owed_replies["opener"], strict=True))
    assert not any(w in openers["fresh"].lower() for w in ("sorry", "apolog", "wait"))
    assert any(w in openers["stale"].lower() for w in ("sorry", "apolog", "wait"))
    # the threshold is the parameter
    strict = plan(fresh, params=ScoringParams(late_reply_days=1.0))
    assert any(w in strict.owed_replies["opener"][0].lower() for w in ("sorry", "apolog", "wait"))


def test_the_pitch_note_counts_only_pitches_never_answered() -> None:
    quiet = person("quiet", title="Senior Technical Recruiter", messages_sent=0,
                   messages_received=0, cold_pitch=False)  # fmt: skip
    pitched = person("pitched", title="Talent Partner", messages_sent=0, messages_received=2,
                     cold_pitch=True, priority=0.0)  # fmt: skip
    p = plan(quiet, pitched, person("friend"))
    [note] = [n for n in p.notes if "cold pitch" in n]
    assert note.startswith("Skipped 1 cold pitch:")
    assert "quiet" not in ids(p.suggestions) and "pitched" not in ids(p.suggestions)
    only_quiet = plan(quiet, person("friend"))
    assert not [n for n in only_quiet.notes if "cold pitch" in n]


def test_notes_and_space_reasons_count_right() -> None:
    st = tstate.State(contacts=(tstate.LogEntry("Person a", AS_OF.date()),))
    p = plan(person("a"), person("b", unanswered_sessions=1, value=0.6), state=st,
             params=ScoringParams(cooldown_days=1, give_space_sessions=1))  # fmt: skip
    assert "Skipped 1 person logged as contacted in the last 1 day." in p.notes
    assert p.give_space["reasons"][0].to_list()[0] == (
        "You have written on 1 day since their last reply; give them space."
    )
