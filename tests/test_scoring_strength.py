"""score: the frame contract, priority by hand, bad input, reasons and the user's state."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest

from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.strength import score, score_frames

T0 = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)
COLS = ["person_id", "time", "kind", "direction", "participants", "words", "conversation_id"]


def inter(rows: list[tuple[Any, ...]]) -> pl.DataFrame:
    """(person, day offset, kind, direction[, participants, words, conversation])."""
    full = [(*r, *(1, 0, "c-" + r[0])[len(r) - 4 :]) for r in rows]
    return pl.DataFrame(
        {
            c: [(T0 + dt.timedelta(days=r[1])) if c == "time" else r[i] for r in full]
            for i, c in enumerate(COLS)
        },
        schema_overrides={"time": pl.Datetime("us", "UTC"), "conversation_id": pl.String},
    )


def people(**companies: str | None) -> pl.DataFrame:
    ids = list(companies)
    return pl.DataFrame(
        {
            "person_id": ids,
            "name": [i.title() for i in ids],
            "company": list(companies.values()),
            "position": ["Engineer"] * len(ids),
            "is_connection": [True] * len(ids),
        }
    )


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def row(frame: pl.DataFrame, pid: str) -> dict[str, Any]:
    return frame.filter(pl.col("person_id") == pid).row(0, named=True)


def test_schema_exact_and_sorted_by_strength() -> None:
    ev = inter([("a", 0, "message", "out"), ("b", 0, "message", "in"), ("b", 1, "message", "in")])
    s = score_frames(ev, people(a="X", b="Y", c=None), None, as_of=at(2))
    assert s.schema == polars_schema("score")
    # b: two inbound days, S = 0.5·2^(−2/180) + 0.5·2^(−1/180) = 0.9943, gap 1 → c0 = 1, r = 1
    # a: S = 2^(−2/180) = 0.9923 but one session 2 days ago with c = c0 = 1 → r = 2,
    #    S* = 0.9923·e^(−1/8) = 0.8757; c: no event, S* = 0
    assert s["person_id"].to_list() == ["b", "a", "c"]
    assert s["strength_adjusted"].is_sorted(descending=True)


def test_priority_hand_computed() -> None:
    # one outgoing message 180 days before T; the person is alone at their company
    # S = 0.5; one session → c = the prior 60 → r = 180/60 = 3 → cooling,
    # N = 0.7 · (3 − 1.5)/(4 − 1.5) = 0.42
    # K = 2^(−180/1095) = 0.89231; rate-matched K·180/1095 = 0.14668
    # blend B = ½·0.5 + ½·0.14668 = 0.32334; S* = B / (1 + 180/14)² = 0.0016839
    # display = 100(1 − e^(−0.00016839)) = 0.016837
    # peak: the blend just after the message, ½·1 + ½·180/1095 = 0.58219 → 100(1 − e^(−0.058219))
    # = 5.6557 on the same scale; drop = 1 − 0.32334/0.58219 = 0.44462
    # closeness x = 1 − e^(−K/10) = 0.085366, a = 0.8
    # tie age = (180/365.25)/5 = 0.098563, a = 0.2; bridge x = 1/(1 + 0) = 1, a = 0.4
    # V = 1 − (1 − 0.068293)(1 − 0.019713)(1 − 0.4) = 0.45200; A = 1 → P = 0.45200 · 0.42
    s = score_frames(inter([("p", 0, "message", "out")]), people(p="Solo Ltd"), None, as_of=at(180))
    r = row(s, "p")
    assert r["status"] == "cooling"
    assert r["cadence_days"] == 60.0
    assert r["overdue_ratio"] == pytest.approx(3.0)
    assert r["strength_raw"] == pytest.approx(0.5)
    assert r["strength_adjusted"] == pytest.approx(0.0016839, abs=1e-7)
    assert r["strength"] == pytest.approx(0.016837, abs=1e-6)
    assert r["peak_strength_raw"] == pytest.approx(0.58219, abs=1e-5)
    assert r["peak_strength"] == pytest.approx(5.6557, abs=1e-4)
    # 1 − 0.016837 / 5.6557, on the displayed scale
    assert r["drop_from_peak"] == pytest.approx(1 - 0.016837 / 5.6557, abs=1e-5)
    assert r["value"] == pytest.approx(0.45200, abs=1e-5)
    assert r["need"] == pytest.approx(0.42)
    assert r["actionability"] == 1.0
    assert r["priority"] == pytest.approx(0.45200 * 0.42, abs=1e-5)
    # wave 1: c0 = 30 (the fallback: nobody has two sessions) → r = 6 → fading, N = 1, and
    # S* = B · exp(−(6 − 1)/8) = 0.17307
    w = row(
        score_frames(
            inter([("p", 0, "message", "out")]),
            people(p="Solo Ltd"),
            None,
            as_of=at(180),
            params=ScoringParams.wave1(),
        ),
        "p",
    )
    assert (w["status"], w["overdue_ratio"], w["need"]) == ("fading", 6.0, 1.0)
    assert w["strength_adjusted"] == pytest.approx(0.17307, abs=1e-5)


def test_cooldown_and_on_track_priority() -> None:
    # last outgoing message 5 days ago (< 14): A = 0, P = 0
    s = score_frames(inter([("p", 0, "message", "out")]), people(p="Solo"), None, as_of=at(5))
    r = row(s, "p")
    assert r["actionability"] == 0.0
    assert r["priority"] == 0.0
    # on track (r ≤ 1.5) → N = 0
    assert r["status"] == "on track"
    assert r["need"] == 0.0


def test_single_event_gets_the_prior_and_says_so() -> None:
    ev = inter([("a", 0, "message", "out"), ("a", 10, "message", "out"), ("s", 3, "message", "in")])
    s = score_frames(ev, people(a=None, s=None), None, as_of=at(30))
    r = row(s, "s")
    assert r["cadence_days"] == 60.0  # one session: the prior
    assert r["cadence_estimated"] is True
    # one conversation: the prior, said plainly, with the year
    assert any(
        x.startswith(
            "You have talked once, in 2024, so the usual gap of ~60 days is a "
            "typical LinkedIn rhythm, not yours"
        )
        for x in r["reasons"]
    )
    assert any(
        "gap of ~60 days" in x and "it's been 27 days (0.4× that)" in x for x in r["reasons"]
    )
    # two sessions are not a rhythm either: the prior (cadence_min_sessions = 3)
    assert row(s, "a")["cadence_days"] == 60.0
    # wave 1: the owner's median gap (the only gap anywhere, 10 days)
    w = score_frames(ev, people(a=None, s=None), None, as_of=at(30), params=ScoringParams.wave1())
    assert row(w, "s")["cadence_days"] == 10.0


def test_export_without_messages_still_scores() -> None:
    ev = inter(
        [
            ("a", 0, "connection", "unknown"),
            ("b", 0, "invitation", "in"),
            ("b", 5, "endorsement", "in"),
            ("c", 1, "recommendation", "out"),
        ]
    )
    s = score_frames(ev, people(a="X", b="Y", c="Z", d="W"), None, as_of=at(10))
    assert s.height == 4
    assert set(s["status"]) == {"never interacted"}
    assert (s.filter(pl.col("person_id") != "d")["strength"] > 0).all()
    assert s["cadence_days"].null_count() == 4
    assert row(s, "c")["reasons"][0].startswith("You have never exchanged messages")


def test_empty_interactions() -> None:
    empty = inter([]).clear()
    s = score_frames(empty, people(a="X"), None, as_of=at(0))
    assert s.height == 1 and row(s, "a")["status"] == "never interacted"


def test_as_of_before_every_event_names_as_of() -> None:
    with pytest.raises(ParameterError, match=r"as_of=.*before every event"):
        score_frames(inter([("a", 5, "message", "out")]), None, None, as_of=at(1))


def test_naive_datetimes_never_mix() -> None:
    ev = inter([("a", 0, "message", "out")])
    with pytest.raises(ParameterError, match="naive"):
        score_frames(ev, None, None, as_of=dt.datetime(2024, 2, 1))
    naive = ev.with_columns(pl.col("time").dt.replace_time_zone(None))
    with pytest.raises(ParameterError, match=r"interactions\.time holds naive"):
        score_frames(naive, None, None, as_of=at(1))
    # an aware non-UTC frame is converted, not refused
    cet = ev.with_columns(pl.col("time").dt.convert_time_zone("Europe/Berlin"))
    assert score_frames(cet, None, None, as_of=at(1))["sessions"].to_list() == [1]


def test_params_type_checked() -> None:
    with pytest.raises(ParameterError, match=r"params must be a tiekeeper\.ScoringParams"):
        score_frames(inter([("a", 0, "message", "out")]), None, None, as_of=at(1), params={})  # type: ignore[arg-type]


def test_kappa_infinite_means_no_penalty() -> None:
    ev = inter([("a", 0, "message", "out"), ("a", 1, "message", "out")])
    p = ScoringParams(penalty="cadence", kappa=math.inf)
    s = score_frames(ev, None, None, as_of=at(300), params=p)
    # no penalty: S* is the blend ½·S + ½·K·180/1095
    blend = 0.5 * s["strength_raw"][0] + 0.5 * s["capital"][0] * 180 / 1095
    assert s["strength_adjusted"][0] == pytest.approx(blend)
    s0 = score_frames(ev, None, None, as_of=at(300), params=p.replace(capital_blend=0.0))
    assert s0["strength_adjusted"][0] == s0["strength_raw"][0]  # the reference's κ = ∞: S* = S


def test_reply_owed_rules() -> None:
    ev = inter(
        [
            # owed: owner wrote, they replied 10 days before T in a 1:1 conversation
            ("ok", 0, "message", "out"),
            ("ok", 80, "message", "in"),
            ("ok", 90, "message", "in"),
            # cold: owner never wrote
            ("cold", 90, "message", "in"),
            # old: their reply is 70 days old (> 60)
            ("old", 0, "message", "out"),
            ("old", 30, "message", "in"),
            # group: the last unanswered message is in a 3-person thread
            ("grp", 0, "message", "out", 3, 0, "g"),
            ("grp", 95, "message", "in", 3, 0, "g"),
            # answered: owner wrote after their message
            ("done", 0, "message", "in"),
            ("done", 1, "message", "out"),
            # recruiter pitch in a new conversation the owner never wrote in
            ("rec", 0, "message", "out", 1, 0, "r1"),
            ("rec", 95, "message", "in", 1, 0, "r2"),
        ]
    )
    ppl = people(ok=None, cold=None, old=None, grp=None, done=None, rec=None).with_columns(
        position=pl.when(pl.col("person_id") == "rec")
        .then(pl.lit("Senior Technical Recruiter"))
        .otherwise(pl.col("position"))
    )
    s = score_frames(ev, ppl, None, as_of=at(100))
    owed = dict(zip(s["person_id"], s["reply_owed"], strict=True))
    assert owed == {
        "ok": True,
        "cold": False,
        "old": False,
        "grp": False,
        "done": False,
        "rec": False,
    }
    r = row(s, "ok")
    assert r["owed_since"] == at(80)  # the oldest unanswered message
    assert r["reasons"][0] == "Their message from 21 Mar 2024 is still unanswered."
    assert row(s, "cold")["owed_since"] is None


def test_recruiter_in_a_thread_the_owner_wrote_in_is_owed() -> None:
    ev = inter([("rec", 0, "message", "out", 1, 0, "r1"), ("rec", 95, "message", "in", 1, 0, "r1")])
    ppl = people(rec=None).with_columns(position=pl.lit("Recruiter"))
    assert score_frames(ev, ppl, None, as_of=at(100))["reply_owed"].to_list() == [True]


def test_unanswered_sessions_count_outgoing_days_since_their_reply() -> None:
    # they replied on day 1; the owner then wrote on days 10, 20, 20 (same day), 30
    ev = inter(
        [
            ("x", 0, "message", "out"),
            ("x", 1, "message", "in"),
            ("x", 10, "message", "out"),
            ("x", 20, "message", "out"),
            ("x", 20.1, "message", "out"),
            ("x", 30, "message", "out"),
        ]
    )
    s = score_frames(ev, None, None, as_of=at(40))
    assert row(s, "x")["unanswered_sessions"] == 3
    assert any("give them space" in r for r in row(s, "x")["reasons"])


class FakeState:
    """Duck-typed state: the four methods score reads."""

    def __init__(self, **kw: Any) -> None:
        self.kw = kw

    def contacted(self, pid: str) -> list[dt.date]:
        return self.kw.get("contacted", {}).get(pid, [])

    def target_cadence(self, pid: str) -> float | None:
        return self.kw.get("cadence", {}).get(pid)

    def ignored(self, pid: str) -> bool:
        return pid in self.kw.get("ignored", ())

    def snoozed_until(self, pid: str) -> dt.date | None:
        return self.kw.get("snoozed", {}).get(pid)


def test_state_is_honoured() -> None:
    ev = inter([(p, 0, "message", "out") for p in "abcde"] + [("e", 90, "message", "in")])
    st = FakeState(
        contacted={"a": [dt.date(2024, 3, 25)], "e": [dt.date(2024, 3, 31)]},
        cadence={"b": 10.0},
        ignored={"c"},
        snoozed={"d": dt.date(2024, 6, 1)},
    )
    s = score_frames(ev, people(a="A", b="B", c="C", d="D", e="E"), None, as_of=at(100), state=st)
    a = row(s, "a")  # logged contact on 25 Mar (day 84, noon): a session and outgoing contact
    assert a["sessions"] == 2
    assert a["last_contact"] == dt.datetime(2024, 3, 25, 12, tzinfo=dt.UTC)
    assert a["last_sent"] == a["last_contact"]
    assert a["days_since"] == pytest.approx(16.0)
    b = row(s, "b")
    assert b["cadence_days"] == 10.0 and b["overdue_ratio"] == pytest.approx(10.0)
    assert any(r.startswith("Your target is every 10 days") for r in b["reasons"])
    assert row(s, "c")["actionability"] == 0.0
    assert row(s, "d")["actionability"] == 0.0
    assert row(s, "e")["reply_owed"] is False  # the logged contact answered them
    assert row(s, "e")["actionability"] == 0.0  # logged contact 10 days ago: cool-down
    without = score_frames(ev, people(a="A", b="B", c="C", d="D", e="E"), None, as_of=at(100))
    assert row(without, "e")["reply_owed"] is True


def test_real_state_object_works_too() -> None:
    from tiekeeper.keys import person_id_from_name
    from tiekeeper.state import LogEntry, State

    pid = person_id_from_name("Ada Example")
    ev = inter([(pid, 0, "message", "out")])
    st = State(contacts=(LogEntry("Ada Example", dt.date(2024, 1, 31)),))
    s = score_frames(ev, None, None, as_of=at(40), state=st)
    assert s["sessions"].to_list() == [2]


def test_former_colleague_fields_and_reason() -> None:
    positions = pl.DataFrame(
        {
            "company": ["Acme Inc.", "Globex"],
            "title": ["Engineer", "Lead"],
            "started_on": [dt.date(2020, 1, 1), dt.date(2023, 7, 1)],
            "finished_on": [dt.date(2023, 6, 30), None],
        }
    )
    # days from T0 (2024-01-01): -1200 ≈ 2020-09, -900 ≈ 2021-07, -600 ≈ 2022-05
    ev = inter(
        [("col", d, "message", "out") for d in (-1200, -900, -600)]
        + [("col", 30, "message", "in"), ("new", 30, "message", "out")]
    )
    ppl = people(col="ACME", new="Globex", other="Initech")
    s = score_frames(ev, ppl, positions, as_of=at(60))
    c = row(s, "col")
    assert c["former_colleague"] is True
    assert c["former_company"] == "Acme Inc."
    assert c["former_title"] == "Engineer"
    # level (c): their company is Acme and they talked inside [2019-12-02, 2023-09-28]
    assert c["former_colleague_evidence"] == "company_and_overlap"
    assert c["former_colleague_confidence"] == 0.8
    reason = next(r for r in c["reasons"] if r.startswith("Former colleague"))
    assert reason == (
        "Former colleague at Acme Inc. (2020–2023); since you left in 2023: "
        "1 conversation vs 3 while you worked together."
    )
    # a current colleague is not a former one
    assert row(s, "new")["former_colleague"] is False
    assert row(s, "other")["former_colleague"] is False


def test_one_sided_ties_are_never_close() -> None:
    # 60 unanswered messages from the owner: one-way, however intense the contact
    ev = inter(
        [("mute", d / 3, "message", "out") for d in range(60)]
        + [(f"p{i}", d, "message", w) for i in range(3) for d in (1, 20) for w in ("out", "in")]
    )
    s = score_frames(ev, None, None, as_of=at(30))
    mute = row(s, "mute")
    assert mute["one_way"] is True and mute["tier"] == "wider"
    assert mute["strength"] > max(row(s, f"p{i}")["strength"] for i in range(3))
    assert mute["reasons"][0] == "You wrote 60 times; no reply yet."
    assert {row(s, f"p{i}")["tier"] for i in range(3)} == {"core"}
    # a contact logged in the state file is two-way contact
    st = SimpleNamespace(
        contacted=lambda pid: [dt.date(2024, 1, 20)] if pid == "mute" else [],
        target_cadence=lambda pid: None,
        ignored=lambda pid: False,
        snoozed_until=lambda pid: None,
    )
    logged = row(score_frames(ev, None, None, as_of=at(30), state=st), "mute")
    assert logged["one_way"] is False and logged["tier"] == "core"


def test_reason_numbers_equal_the_columns() -> None:
    ev = inter([("a", d, "message", "out" if d % 2 else "in") for d in (0, 7, 14, 21)])
    s = score_frames(ev, people(a=None), None, as_of=at(60))
    r = row(s, "a")
    c, e, ratio = round(r["cadence_days"]), int(r["days_since"]), round(r["overdue_ratio"], 1)
    assert r["reasons"][0] == (
        f"You usually talk every ~{c} days; it's been {e} days ({ratio}× your usual gap)."
    )
    strength, peak = round(r["strength"]), round(r["peak_strength"])
    assert peak > strength
    assert f"Strength {strength}/100, down from {peak}/100 at its peak in Jan 2024." in r["reasons"]


def test_tiers_by_rank() -> None:
    ev = inter(
        [(f"p{i:03d}", i / 10, "message", "out") for i in range(200)]
        + [(f"p{i:03d}", i / 10 + 0.01, "message", "in") for i in range(200)]
    )
    s = score_frames(ev, None, None, as_of=at(30))
    counts = s.group_by("tier").len().sort("tier")
    assert dict(counts.iter_rows()) == {
        "core": 5,
        "close": 10,
        "active": 35,
        "wider": 100,
        "latent": 50,
    }
    assert s["percentile"].max() == 100.0 and s["percentile"].min() == 0.0


def test_score_takes_an_export_like_object() -> None:
    class Owner:
        person_ids = ("me",)

    class Export:
        interactions = inter([("a", 0, "message", "out"), ("me", 0, "message", "out")])
        people = people(a="X", me="Self")
        positions = None
        as_of = at(3)
        owner = Owner()

    s = score(Export())
    assert s["person_id"].to_list() == ["a"]
    assert s["days_since"][0] == pytest.approx(3.0)
    with pytest.raises(ParameterError, match="export must be a tiekeeper Export"):
        score(object())


def test_past_as_of_scores_the_network_as_it_was() -> None:
    ev = inter([("a", 0, "message", "out"), ("late", 50, "message", "in")])
    ppl = people(a="X", late="Y", newconn="Z").with_columns(
        connected_on=pl.Series([dt.date(2023, 1, 1), None, dt.date(2024, 3, 1)])
    )
    # on day 10 (2024-01-11) "late" has no event yet and "newconn" connects in March
    assert score_frames(ev, ppl, None, as_of=at(10))["person_id"].to_list() == ["a"]
    assert set(score_frames(ev, ppl, None, as_of=at(100))["person_id"]) == {"a", "late", "newconn"}
