"""``~`` is expanded wherever a path is taken: CLI options and arguments, state files."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import click.testing
import polars as pl
import pytest
from click.testing import CliRunner

from tiekeeper import state as S
from tiekeeper.cli import cli
from tiekeeper.datasets import sample_path


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


# ----------------------------------------------------------- the command line
def _ok(*args: str) -> click.testing.Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    assert "Traceback" not in result.output and "DeprecationWarning" not in result.stderr
    return result


@pytest.fixture
def export(home: Path) -> Path:
    """A copy of the bundled sample at ``~/export``."""
    target = home / "export"
    shutil.copytree(sample_path(), target)
    return target


@pytest.mark.slow
def test_export_output_and_state_paths_expand_home(home: Path, export: Path) -> None:
    assert "Connections.csv" in _ok("info", "~/export").stdout
    _ok("fading", "~/export", "-o", "~/fading.csv")
    assert pl.read_csv(home / "fading.csv").height > 0
    _ok("reach-out", "~/export", "-k", "2", "--ics", "~/plan.ics", "--start", "2025-03-17")
    assert (home / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    _ok("graph", "~/export", "-o", "~/network.json")
    assert json.loads((home / "network.json").read_text(encoding="utf-8"))["nodes"]
    # the state file: next to ~/export by default, or --state ~/...
    line = _ok("snooze", "Cas Celikdale", "~/export", "--until", "2025-06-01").stdout
    assert line.startswith("Snoozed Cas Çelikdale until 2025-06-01 in ")
    assert "Cas Çelikdale" in (home / "tiekeeper.toml").read_text(encoding="utf-8")
    _ok("cadence", "Cas Çelikdale", "30", "~/export", "--state", "~/mine.toml")
    assert (home / "mine.toml").is_file()
    _ok("reach-out", "~/export", "-k", "2", "--state", "~/mine.toml", "--record")
    _ok("report", "~/export", "--state", "~/mine.toml", "-o", "~/report.html")
    assert (home / "report.html").read_text(encoding="utf-8").lower().startswith("<!doctype html>")


def test_sample_and_notebooks_expand_home(home: Path) -> None:
    _ok("sample", "~/made")
    assert (home / "made" / "Connections.csv").is_file()
    _ok("notebooks", "~/nb", "--export", "~/made")
    assert sorted(p.suffix for p in (home / "nb").iterdir()) and (home / "nb").is_dir()


# ------------------------------------------------------------ report --state
@pytest.mark.slow
def test_report_reads_the_state_it_is_given(tmp_path: Path) -> None:
    import tiekeeper as tk
    from tiekeeper.state import ignore

    sample = tk.load_export()
    top = tk.reach_out(sample, k=3).suggestions.row(0, named=True)
    state = ignore(tmp_path / "mine.toml", top["profile_url"] or top["name"])
    with_state = tk.Report(sample, k=3, state=state).inputs.suggestions
    assert top["person_id"] not in with_state["person_id"].to_list()
    assert top["person_id"] in tk.Report(sample, k=3).inputs.suggestions["person_id"].to_list()
    page = tmp_path / "report.html"
    _ok("report", "--state", str(state), "-o", str(page))
    assert page.is_file()
    result = CliRunner().invoke(cli, ["report", "--state", str(tmp_path / "no.toml")])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: --state ") and len(result.stderr.splitlines()) == 1


def test_library_writers_expand_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tiekeeper

    monkeypatch.setenv("HOME", str(tmp_path))
    export = tiekeeper.load_export()
    assert tiekeeper.Report(export).write_html("~/r.html") == tmp_path / "r.html"
    G = tiekeeper.build_graph(export)
    assert tiekeeper.write_graph(G, "~/g.graphml") == tmp_path / "g.graphml"
    plan = tiekeeper.reach_out(export)
    start = export.as_of.date() + dt.timedelta(days=1)
    assert tiekeeper.reminders_ics(plan, "~/r.ics", start=start) == tmp_path / "r.ics"
    assert all((tmp_path / n).is_file() for n in ("r.html", "g.graphml", "r.ics"))
