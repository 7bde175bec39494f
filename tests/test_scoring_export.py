"""The scorers on the bundled sample export, end to end through load_export."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

import tiekeeper
from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema


@pytest.fixture(scope="module")
def export() -> object:
    return tiekeeper.load_export()


def test_score_on_the_sample(export: object) -> None:
    s = tiekeeper.score(export)
    assert s.schema == polars_schema("score")
    people = export.people  # type: ignore[attr-defined]
    # one row per person; LinkedIn's accounts and organisations are never scored
    persons = people.filter(pl.col("kind") == "person")
    assert persons.height < people.height
    assert s.height == persons.height
    assert not set(s["person_id"]) & set(people.filter(pl.col("kind") != "person")["person_id"])
    assert s["person_id"].n_unique() == s.height
    assert set(s["status"]) >= {"on track", "cooling", "fading", "never interacted"}
    assert s["strength"].is_between(0, 100, closed="left").all()
    assert (s.filter(pl.col("priority") > 0)["reasons"].list.len() >= 1).all()
    owner_ids = set(export.owner.person_ids)  # type: ignore[attr-defined]
    assert not owner_ids & set(s["person_id"])
    # every number is deterministic for a given as_of
    assert s.equals(tiekeeper.score(export))


def test_career_and_history_on_the_sample(export: object) -> None:
    c = tiekeeper.career(export)
    assert c.schema == polars_schema("career")
    assert c.height == export.positions.height  # type: ignore[attr-defined]
    s = tiekeeper.score(export)
    ids = s["person_id"].head(3).to_list()
    h = tiekeeper.strength_history(export, ids, freq="1mo")
    last = h.group_by("person_id").agg(pl.col("strength").last()).sort("person_id")
    want = (
        s.filter(pl.col("person_id").is_in(ids)).select("person_id", "strength").sort("person_id")
    )
    assert last["strength"].to_list() == pytest.approx(want["strength"].to_list())


def test_backtest_on_the_sample(export: object) -> None:
    r = tiekeeper.validate.backtest(export, horizons=(90,))
    acc = r.acceptance().row(0, named=True)
    assert r.table["cutoff"].n_unique() >= 3
    assert acc["score"] > 0.7
    assert acc["margin"] > -0.01  # not worse than the better of recency and frequency


@pytest.mark.parametrize(
    ("kind", "direction", "message"),
    [
        ("chat", "out", r"interactions\.kind has unknown value\(s\) \['chat'\]; expected one of"),
        ("message", "up", r"interactions\.direction has unknown value\(s\) \['up'\]"),
    ],
)
def test_unknown_kinds_and_directions_are_named(kind: str, direction: str, message: str) -> None:
    from tiekeeper.scoring._frames import prepare_interactions

    frame = pl.DataFrame(
        {
            "person_id": ["a", "b"],
            "time": [dt.datetime(2024, 1, 1, tzinfo=dt.UTC)] * 2,
            "kind": ["message", kind],
            "direction": ["in", direction],
        }
    )
    with pytest.raises(ParameterError, match=message):
        prepare_interactions(frame)
