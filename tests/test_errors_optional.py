"""Optional dependencies: a clear error, not an ImportError traceback, when pandas is missing."""

from __future__ import annotations

import importlib.util

import pytest

import tiekeeper
from tiekeeper.errors import MissingDependencyError, TiekeeperError


def test_to_pandas_without_pandas_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def fake(name: str, *args: object, **kwargs: object) -> object:
        return None if name in ("pandas", "pyarrow") else real(name, *args, **kwargs)  # type: ignore[arg-type]

    export = tiekeeper.load_export()
    plan = tiekeeper.reach_out(export, k=3)
    monkeypatch.setattr(importlib.util, "find_spec", fake)
    for call in (lambda: export.to_pandas("connections"), lambda: plan.to_pandas()):
        with pytest.raises(MissingDependencyError, match=r"pip install 'tiekeeper\[pandas\]'"):
            call()
    assert issubclass(MissingDependencyError, TiekeeperError)
    assert issubclass(MissingDependencyError, ImportError)


def test_to_pandas_with_pandas() -> None:
    export = tiekeeper.load_export()
    df = export.to_pandas("connections")
    assert len(df) == export.connections.height
    assert list(df.columns) == export.connections.columns
