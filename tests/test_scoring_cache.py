"""Score once: the score is cached on the export by as_of, params and the state's content."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import tiekeeper
from tiekeeper.scoring import _cache, strength
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.state import State, mark_contacted


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the real scoring passes."""
    calls: list[int] = []
    real = strength._score_frames

    def spy(*args: object, **kwargs: object) -> tuple[pl.DataFrame, pl.DataFrame]:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(strength, "_score_frames", spy)
    return calls


def test_equal_keys_give_equal_new_frames(counted: list[int]) -> None:
    e = tiekeeper.load_export()
    a = tiekeeper.score(e)
    b = tiekeeper.score(e)
    assert len(counted) == 1 and _cache.cache_size(e) == 1
    assert_frame_equal(a, b)
    assert a is not b
    # a caller changing its frame in place never changes what is cached
    a.drop_in_place("name")
    a.insert_column(0, pl.Series("x", [0] * a.height))
    assert_frame_equal(tiekeeper.score(e), b)


def test_reach_out_after_score_scores_once(counted: list[int]) -> None:
    e = tiekeeper.load_export()
    s = tiekeeper.score(e)
    plan = tiekeeper.reach_out(e)
    assert len(counted) == 1
    assert plan.suggestions.height > 0
    assert set(plan.suggestions["person_id"]) <= set(s["person_id"])


def test_keys_are_as_of_params_and_state(counted: list[int]) -> None:
    e = tiekeeper.load_export()
    base = tiekeeper.score(e)
    tiekeeper.score(e, params=ScoringParams(recency_days=30.0))
    tiekeeper.score(e, as_of=e.as_of - dt.timedelta(days=30))
    assert len(counted) == 3
    # no state and an empty state score alike: one key
    tiekeeper.score(e, state=State())
    assert len(counted) == 3
    name = base.filter(pl.col("sessions") > 2)["name"][0]
    target = tiekeeper.score(e, state=State(cadences={name: 3.0}).resolve(e.people))
    assert len(counted) == 4
    assert target.filter(pl.col("name") == name)["cadence_days"][0] == 3.0
    # bounded: the oldest results go
    assert _cache.cache_size(e) == _cache.MAX_ENTRIES


def test_a_changed_state_file_gives_a_fresh_frame(tmp_path: Path, counted: list[int]) -> None:
    folder = tmp_path / "export"
    shutil.copytree(tiekeeper.sample_path(), folder)
    e = tiekeeper.load_export(folder)
    before = tiekeeper.score(e)
    pid = before.filter(pl.col("sessions") > 0)["name"][0]
    mark_contacted(folder, pid, on=e.as_of.date())
    after = tiekeeper.score(e)
    assert len(counted) == 2
    row = after.filter(pl.col("name") == pid)
    assert row["last_sent"][0].date() == e.as_of.date()
    assert tiekeeper.score(e).equals(after) and len(counted) == 2  # the file is unchanged now


def test_threads_share_one_cache(counted: list[int]) -> None:
    e = tiekeeper.load_export()
    first = tiekeeper.score(e)
    out: list[pl.DataFrame] = []

    def work() -> None:
        out.append(tiekeeper.score(e))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(counted) == 1 and len(out) == 4
    assert all(f.equals(first) for f in out)


def test_the_checked_frames_are_built_once_per_export() -> None:
    """score, reach_out and career share one check of the export's frames."""
    from tiekeeper.scoring._frames import export_frames

    one, two = tiekeeper.load_export(), tiekeeper.load_export()
    assert export_frames(one) is export_frames(one)
    assert export_frames(two) is not export_frames(one)
    assert_frame_equal(export_frames(two).interactions, export_frames(one).interactions)
