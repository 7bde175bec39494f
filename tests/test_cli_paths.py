"""``~`` is expanded wherever a path is taken: CLI options and arguments, state files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tiekeeper import state as S


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME, so that ``~`` means a temporary folder."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


# ------------------------------------------------------------------- state files
def test_state_writers_and_reader_expand_home(home: Path) -> None:
    written = S.snooze("~/mine.toml", "Ada Example", until=dt.date(2025, 6, 1))
    assert written == home / "mine.toml" and written.is_file()
    assert S.load_state("~/mine.toml").snoozes == {"Ada Example": dt.date(2025, 6, 1)}
    assert S.default_state_path("~/export.zip") == home / "tiekeeper.toml"
    assert S.find_state_file("~/export.zip") is None
    (home / "tiekeeper.toml").write_text("", encoding="utf-8")
    assert S.find_state_file("~/export.zip") == home / "tiekeeper.toml"
