"""Export.categories on full and partial exports (a Basic archive can hold only Connections.csv)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import tiekeeper
from tiekeeper.io.categories import CATEGORIES, missing_sentence


def test_the_sample_has_every_category() -> None:
    cats = tiekeeper.load_export().categories
    assert list(cats) == list(CATEGORIES)
    assert set(cats.values()) == {"present"}


def test_a_connections_only_export(tmp_path: Path) -> None:
    shutil.copy(tiekeeper.sample_path() / "Connections.csv", tmp_path / "Connections.csv")
    cats = tiekeeper.load_export(tmp_path).categories
    assert cats["connections"] == "present"
    assert {k for k, v in cats.items() if v == "absent"} == set(CATEGORIES) - {"connections"}


def test_a_header_only_file_is_empty(tmp_path: Path) -> None:
    shutil.copy(tiekeeper.sample_path() / "Connections.csv", tmp_path / "Connections.csv")
    header = (tiekeeper.sample_path() / "messages.csv").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "messages.csv").write_text(header + "\n", encoding="utf-8")
    assert tiekeeper.load_export(tmp_path).categories["messages"] == "empty"


@pytest.mark.parametrize(("status", "word"), [("absent", "has no"), ("empty", "has an empty")])
def test_the_sentence_names_the_file_the_consequence_and_the_fix(status: str, word: str) -> None:
    s = missing_sentence("positions", status, "the career view cannot be drawn")  # type: ignore[arg-type]
    assert s.startswith(f"This export {word} Positions.csv, so the career view cannot be drawn.")
    assert s.endswith("Request 'Positions' in LinkedIn's data download.")
