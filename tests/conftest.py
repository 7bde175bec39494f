"""Shared fixtures: miniature fictional exports built at test time (see exportkit.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from exportkit import mini_export, write_folder, write_zip


@pytest.fixture
def mini_files() -> dict[str, bytes]:
    """The miniature export as {file name: bytes}."""
    return mini_export()


@pytest.fixture
def mini_zip(tmp_path: Path, mini_files: dict[str, bytes]) -> Path:
    """The miniature export as a Basic zip with a dated name."""
    return write_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", mini_files)


@pytest.fixture
def mini_folder(tmp_path: Path, mini_files: dict[str, bytes]) -> Path:
    """The miniature export extracted to a dated folder."""
    return write_folder(tmp_path / "Basic_LinkedInDataExport_01-15-2025", mini_files)
