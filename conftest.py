"""Shared by the tests under tests/ and the doctests under src/: no run touches the user's data."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_archive(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test ever writes into the user's real snapshot archive (``TIEKEEPER_ARCHIVE``)."""
    monkeypatch.setenv("TIEKEEPER_ARCHIVE", str(tmp_path_factory.mktemp("archive") / "a"))
