"""Types a strict user can rely on: ``mypy --strict`` on a user's script.

mypy reads the installed package (``py.typed``) as a user's project would,
with nothing but ``strict = True`` in its configuration.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api

SCRIPT = Path(__file__).parent / "strict_user" / "user_script.py"

pytestmark = pytest.mark.slow


def strict_mypy(tmp_path: Path, *files: Path) -> tuple[str, int]:
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    out, err, status = api.run(
        [
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-error-summary",
            *map(str, files),
        ]
    )
    return out + err, status


def test_the_user_script_passes_mypy_strict(tmp_path: Path) -> None:
    report, status = strict_mypy(tmp_path, SCRIPT)
    assert status == 0, report


def test_a_wrong_argument_is_a_type_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import tiekeeper as tk\n"
        "export = tk.load_export()\n"
        'tk.score("my-export.zip")\n'
        "tk.reach_out(tk.score(export))\n"
        "tk.Report(export, state=3)\n"
        "frame: int = tk.score(export)\n",
        encoding="utf-8",
    )
    report, status = strict_mypy(tmp_path, bad)
    assert status == 1
    errors = [line for line in report.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["3", "4", "5", "6"], report
    assert 'Argument 1 to "score" has incompatible type "str"' in errors[0]
    assert '"DataFrame"; expected "Export | History | None"' in errors[1]
    assert 'Argument "state" to "Report" has incompatible type "int"' in errors[2]
    assert 'expression has type "DataFrame", variable has type "int"' in errors[3]


def test_the_user_script_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "fading of" in result.stdout
    assert (tmp_path / "out" / "report.html").stat().st_size > 100_000


# a JSON-like payload, where Any is the honest type (and **kwargs, skipped below)
_ANY_ALLOWED = {("Report", "summary", "return")}


def test_top_level_functions_take_and_return_no_bare_any() -> None:
    import inspect

    import tiekeeper

    found = []
    for name in tiekeeper.__all__:
        obj = getattr(tiekeeper, name)
        if inspect.ismodule(obj) or not callable(obj):
            continue
        members = (
            [(k, v) for k, v in vars(obj).items() if not k.startswith("_") or k == "__init__"]
            if inspect.isclass(obj)
            else [("", obj)]
        )
        for member, value in members:
            func = value.fget if isinstance(value, property) else getattr(value, "func", value)
            params = inspect.signature(func).parameters if callable(func) else {}
            for arg, annotation in getattr(func, "__annotations__", {}).items():
                kind = params[arg].kind if arg in params else None
                if kind is inspect.Parameter.VAR_KEYWORD or (name, member, arg) in _ANY_ALLOWED:
                    continue
                if "Any" in str(annotation):
                    found.append(f"{name}.{member or ''}({arg}: {annotation})")
    assert not found, found
