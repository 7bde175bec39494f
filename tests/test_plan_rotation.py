"""Plan rotation: people suggested recently rank lower, by ScoringParams.rotation_days/_factor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_plan import AS_OF, DAY, ids, person, scores

from tiekeeper import state as tstate
from tiekeeper.errors import ParameterError
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.plan import ROTATION_DAYS, ROTATION_FACTOR, Plan, reach_out
from tiekeeper.state import State

D = dt.date
P = ScoringParams(exploration_share=0.0)


def plan(*rows: dict[str, object], state: State, params: ScoringParams = P, k: int = 10) -> Plan:
    return reach_out(None, scores=scores(*rows), as_of=AS_OF, state=state, params=params, k=k)


ROWS = (
    person("a", value=0.9),
    person("b", value=0.8),
    person("c", value=0.5),
    person("d", value=0.9),
    person("e", value=0.3),
)
# as_of is 2024-06-30 and rotation_days 28, so the window is the days after 2024-06-02
SEEN = State(
    suggested={
        "a": (D(2024, 6, 2),),  # on the window's edge: not recent, rank 0.9
        "b": (D(2024, 6, 3),),  # recent once: rank 0.8 · 0.5 = 0.4
        "d": (D(2024, 6, 10), D(2024, 6, 20)),  # twice: 0.9 · 0.5² = 0.225
    }
)


def test_recent_suggestions_rank_lower_by_the_factor_per_suggestion() -> None:
    p = plan(*ROWS, state=SEEN)
    # ranks: a 0.9, c 0.5, b 0.4, e 0.3, d 0.225
    assert ids(p.suggestions) == ["a", "c", "b", "e", "d"]
    # the priority shown is the score's, untouched by rotation
    assert p.suggestions["priority"].to_list() == pytest.approx([0.9, 0.5, 0.8, 0.3, 0.9])
    assert "Ranked 2 people lower because a recorded plan suggested them in the last 28 days." in (
        p.notes
    )


def test_rotation_parameters() -> None:
    # factor 1 turns rotation off: the plan is the one without any state
    off = plan(*ROWS, state=SEEN, params=P.replace(rotation_factor=1.0))
    assert off.suggestions.equals(plan(*ROWS, state=State()).suggestions)
    assert set(ids(off.suggestions)[:2]) == {"a", "d"}  # 0.9 each: a seeded tie-break
    assert ids(off.suggestions)[2:] == ["b", "c", "e"]
    assert not any(n.startswith("Ranked") for n in plan(*ROWS, state=State()).notes)
    # a zero-day window: nothing is recent (a suggestion must be after as_of − 0 days)
    none = plan(*ROWS, state=SEEN, params=P.replace(rotation_days=0))
    assert none.suggestions.equals(off.suggestions)
    # a 29-day window takes in 2024-06-02 too: a drops to 0.45, below c (0.5)
    wide = plan(*ROWS, state=SEEN, params=P.replace(rotation_days=29))
    assert ids(wide.suggestions) == ["c", "a", "b", "e", "d"]
    # factor 0: recent people go last but stay suggestible (priority > 0)
    zero = plan(*ROWS, state=SEEN, params=P.replace(rotation_factor=0.0))
    assert ids(zero.suggestions) == ["a", "c", "e", "d", "b"]  # rank 0 each: by priority
    assert ROTATION_DAYS == ScoringParams().rotation_days == 28
    assert ROTATION_FACTOR == ScoringParams().rotation_factor == 0.5


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"rotation_factor": 1.5}, r"rotation_factor=1\.5 is out of range.*<= 1"),
        ({"rotation_factor": -0.1}, r"rotation_factor=-0\.1 is out of range"),
        ({"rotation_days": -1}, r"rotation_days=-1 is out of range.*>= 0"),
        ({"rotation_days": "28"}, r"rotation_days='28' is out of range: expected a number"),
    ],
)
def test_bad_rotation_parameters_are_named(change: dict[str, object], match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        ScoringParams().replace(**change)


def test_owed_replies_are_never_rotated(tmp_path: Path) -> None:
    rows = (*ROWS, person("o", value=0.2, reply_owed=True, owed_since=AS_OF - 3 * DAY))
    seen = State(suggested={"o": (D(2024, 6, 20),) * 3})
    assert ids(plan(*rows, state=seen).owed_replies) == ["o"]
    # and record_plan writes the suggestions only, not the owed replies
    path = tmp_path / "tiekeeper.toml"
    p = plan(*rows, state=State(), k=2)
    tstate.record_plan(path, p)
    got = tstate.load_state(path).suggested
    assert set(got) == set(ids(p.suggestions)) and "o" not in got


def test_recording_each_week_cycles_through_everyone(tmp_path: Path) -> None:
    # six equal ties, k = 2: three recorded weeks show all six once each
    rows = [person(f"p{i}", value=0.5) for i in range(6)]
    path = tmp_path / "tiekeeper.toml"
    shown: list[str] = []
    for week in range(3):
        as_of = AS_OF + 7 * week * DAY
        st = path if path.exists() else State()  # no file before the first record
        p = reach_out(None, scores=scores(*rows), as_of=as_of, state=st, params=P, k=2)
        shown += ids(p.suggestions)
        tstate.record_plan(path, p)
    assert sorted(shown) == [f"p{i}" for i in range(6)]


def test_pitch_note_counts_every_cold_pitch() -> None:
    # The note counts the score's own cold-pitch verdict (titles and message evidence),
    # not only people with a recruiting title.
    import re

    import polars as pl

    import tiekeeper

    export = tiekeeper.load_export()
    scores = tiekeeper.score(export)
    n_cold = scores.filter(pl.col("cold_pitch")).height
    assert n_cold > 0
    plan = tiekeeper.reach_out(export, scores=scores)
    [note] = [n for n in plan.notes if "cold pitch" in n]
    assert int(re.search(r"Skipped (\d+) cold", note).group(1)) == n_cold
    cold_ids = set(scores.filter(pl.col("cold_pitch"))["person_id"])
    assert not cold_ids & set(plan.suggestions["person_id"])
