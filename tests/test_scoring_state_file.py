"""score() honours the user's tiekeeper.toml found next to the export, as reach_out does."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

import tiekeeper
from tiekeeper.datasets import sample_path
from tiekeeper.state import State, ignore


def _copy_sample(tmp_path: Path) -> Path:
    target = tmp_path / "export"
    shutil.copytree(sample_path(), target)
    return target


def test_state_next_to_the_export_is_found(tmp_path: Path) -> None:
    folder = _copy_sample(tmp_path)
    export = tiekeeper.load_export(folder)
    before = tiekeeper.score(export)
    top = before.filter(pl.col("priority") > 0).row(0, named=True)
    assert top["actionability"] == 1.0

    ignore(tmp_path / "tiekeeper.toml", top["name"])  # next to the export folder
    after = tiekeeper.score(tiekeeper.load_export(folder))
    row = after.filter(pl.col("person_id") == top["person_id"]).row(0, named=True)
    # the ignored person is no longer actionable, so no longer a priority
    assert row["actionability"] == 0.0
    assert row["priority"] == 0.0
    # an explicit empty State opts out of the file
    again = tiekeeper.score(tiekeeper.load_export(folder), state=State())
    assert again.filter(pl.col("person_id") == top["person_id"])["priority"][0] > 0
    # and the path form works too
    by_path = tiekeeper.score(export, state=str(tmp_path / "tiekeeper.toml"))
    assert by_path.filter(pl.col("person_id") == top["person_id"])["priority"][0] == 0.0


def test_no_state_file_changes_nothing(tmp_path: Path) -> None:
    export = tiekeeper.load_export(_copy_sample(tmp_path))
    assert tiekeeper.score(export).equals(tiekeeper.score(export, state=State()))
