"""Tests for tiekeeper.notebooks.write_notebooks (``tiekeeper notebooks DIR``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tiekeeper.errors import ExportNotFoundError, ParameterError, TiekeeperError
from tiekeeper.notebooks import notebook_sources, point_parameter_cell, write_notebooks

REPO_NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _notebook(*sources: str | list[str]) -> dict[str, Any]:
    cells: list[dict[str, Any]] = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "EXPORT = 'no'\n"]}
    ]
    for src in sources:
        cells.append(
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {"tags": ["parameters"]},
                "outputs": [],
                "source": src,
            }
        )
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _write(folder: Path, name: str, nb: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return path


def _export_line(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = cell["source"]
        text = src if isinstance(src, str) else "".join(src)
        for line in text.splitlines():
            if line.startswith("EXPORT"):
                return line
    raise AssertionError(f"no EXPORT line in {path}")


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    src = tmp_path / "src"
    return [
        _write(src, "01_load.ipynb", _notebook(["EXPORT = None  # or your zip\n", "AS_OF = None"])),
        _write(src, "02_fade.ipynb", _notebook("import x\nEXPORT = 'old.zip'\nAS_OF = None\n")),
    ]


def test_default_keeps_export_none(tmp_path: Path, sources: list[Path]) -> None:
    out = write_notebooks(tmp_path / "nb", sources=sources)
    assert [p.name for p in out] == ["01_load.ipynb", "02_fade.ipynb"]
    assert all(p.parent == tmp_path / "nb" for p in out)
    # None is the bundled sample; the comment and the other lines survive
    assert _export_line(out[0]) == "EXPORT = None  # or your zip"
    assert _export_line(out[1]) == "EXPORT = None"
    nb = json.loads(out[1].read_text())
    assert nb["cells"][1]["source"] == "import x\nEXPORT = None\nAS_OF = None\n"
    # markdown cells are never touched
    assert nb["cells"][0]["source"] == ["# Title\n", "EXPORT = 'no'\n"]
    assert nb["metadata"] == {"kernelspec": {"name": "python3"}}


def test_export_is_written_as_an_absolute_path(
    tmp_path: Path, sources: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "my exports" / "Basic_LinkedInDataExport_03-14-2025.zip"
    export.parent.mkdir()
    export.write_bytes(b"PK")
    monkeypatch.chdir(export.parent)
    out = write_notebooks(tmp_path / "nb", export=export.name, sources=sources)
    expected = f"EXPORT = {str(export.resolve())!r}"
    assert _export_line(out[0]) == expected + "  # or your zip"
    assert _export_line(out[1]) == expected
    # the written notebooks are valid JSON with the same cell count
    for src, dest in zip(sources, out, strict=True):
        assert len(json.loads(dest.read_text())["cells"]) == len(
            json.loads(src.read_text())["cells"]
        )


def test_refuses_to_overwrite_without_force(tmp_path: Path, sources: list[Path]) -> None:
    target = tmp_path / "nb"
    write_notebooks(target, sources=sources)
    (target / "01_load.ipynb").write_text("my edits")
    with pytest.raises(ParameterError, match=r"01_load\.ipynb already exists; pass overwrite=True"):
        write_notebooks(target, sources=sources)
    assert (target / "01_load.ipynb").read_text() == "my edits"
    write_notebooks(target, sources=sources, overwrite=True)
    assert _export_line(target / "01_load.ipynb").startswith("EXPORT = None")


def test_errors(tmp_path: Path, sources: list[Path]) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(ParameterError, match=r"is a file; expected a folder"):
        write_notebooks(afile, sources=sources)
    with pytest.raises(ExportNotFoundError, match=r"no such file or folder"):
        write_notebooks(tmp_path / "nb", export=tmp_path / "missing.zip", sources=sources)
    bad = _write(tmp_path / "bad", "03_x.ipynb", _notebook("print(1)\n"))
    with pytest.raises(ParameterError, match=r"03_x\.ipynb: no parameter cell found"):
        write_notebooks(tmp_path / "nb2", sources=[bad])
    assert not (tmp_path / "nb2").exists()  # nothing half-written
    broken = tmp_path / "04_broken.ipynb"
    broken.write_text("{not json")
    with pytest.raises(TiekeeperError, match=r"04_broken\.ipynb: not a valid notebook"):
        write_notebooks(tmp_path / "nb3", sources=[broken])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("EXPORT = None", "EXPORT = 'X'"),
        ("EXPORT=None#c", "EXPORT='X'#c"),
        ('EXPORT = "a # b"  # keep', "EXPORT = 'X'  # keep"),
        ("EXPORT: str | None = None", "EXPORT: str | None = 'X'"),
    ],
)
def test_parameter_line_forms(line: str, expected: str, tmp_path: Path) -> None:
    target = tmp_path / "X"
    target.write_text("")
    nb = {"cells": [{"cell_type": "code", "source": line + "\n"}]}
    point_parameter_cell(nb, target)
    got = nb["cells"][0]["source"]
    assert got == expected.replace("'X'", repr(str(target.resolve()))) + "\n"


def test_shipped_notebooks(tmp_path: Path) -> None:
    shipped = sorted(REPO_NOTEBOOKS.glob("[0-9]*.ipynb"))
    if not shipped:
        with pytest.raises(TiekeeperError, match=r"no notebooks found"):
            notebook_sources()
        return
    assert [p.name for p in notebook_sources()] == [p.name for p in shipped]
    out = write_notebooks(tmp_path / "nb")
    assert [p.name for p in out] == [p.name for p in shipped]
    for path in out:
        assert _export_line(path).startswith("EXPORT = None"), path.name


def test_installed_package_uses_its_packaged_notebooks(tmp_path: Path) -> None:
    # A wheel maps notebooks/ to tiekeeper/_data/notebooks; mimic that layout outside the
    # checkout (with only two notebooks, to tell the copies apart) and run the command.
    import shutil
    import subprocess
    import sys

    import tiekeeper

    shipped = sorted(REPO_NOTEBOOKS.glob("[0-9]*.ipynb"))[:2]
    assert len(shipped) == 2
    site = tmp_path / "site"
    shutil.copytree(Path(tiekeeper.__file__).parent, site / "tiekeeper")
    packaged = site / "tiekeeper" / "_data" / "notebooks"
    packaged.mkdir(parents=True)
    for nb in shipped:
        shutil.copy(nb, packaged / nb.name)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "tiekeeper", "notebooks", str(out)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(out / nb.name) for nb in shipped]
    assert all(_export_line(out / nb.name).startswith("EXPORT = None") for nb in shipped)
