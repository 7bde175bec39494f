"""CLI tests that need no export: help text, error handling, option checks."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import warnings
from pathlib import Path

import click
import polars as pl
import pytest
from click.testing import CliRunner

from tiekeeper.cli import cli, main
from tiekeeper.cli._common import TiekeeperGroup, as_of_option, check_output_path, output_option
from tiekeeper.cli._views import career_view
from tiekeeper.errors import ExportNotFoundError, ParameterError, StaleExportWarning
from tiekeeper.schema import polars_schema

COMMANDS = [
    "archive",
    "cadence",
    "career",
    "changes",
    "contacted",
    "db",
    "fading",
    "graph",
    "ignore",
    "info",
    "notebooks",
    "reach-out",
    "report",
    "sample",
    "snooze",
    "who-at",
]
#: Commands that write people and so must offer --redact (issue 5 contract).
WRITES_PEOPLE = ["report", "graph", "fading", "reach-out", "who-at", "career", "changes", "db"]
#: Commands that score and so must take --as-of.
SCORES = ["report", "graph", "fading", "reach-out", "who-at", "career", "db"]


def _run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args))


def _assert_one_line_error(result: click.testing.Result, code: int, pattern: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    assert pattern in errors[0], errors[0]


# ----------------------------------------------------------------- docs meta-tests
def test_every_command_is_listed_and_documented() -> None:
    assert sorted(cli.commands) == COMMANDS
    listing = _run("--help").output
    for name, command in cli.commands.items():
        assert name in listing
        assert command.help and len(command.help.split()) >= 8, name
        assert command.get_short_help_str(), name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_help_runs(name: str) -> None:
    result = _run(name, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: tiekeeper {name}")
    short = _run(name, "-h")
    assert short.output == result.output


@pytest.mark.parametrize("name", WRITES_PEOPLE)
def test_commands_that_write_people_offer_redact(name: str) -> None:
    assert "--redact" in {o for p in cli.commands[name].params for o in p.opts}


@pytest.mark.parametrize("name", SCORES)
def test_commands_that_score_take_as_of(name: str) -> None:
    assert "--as-of" in {o for p in cli.commands[name].params for o in p.opts}


def test_start_help_says_it_is_the_only_wall_clock() -> None:
    out = " ".join(_run("reach-out", "--help").output.split())
    assert "Default: today, the one place where tiekeeper reads the computer's clock" in out


def test_python_dash_m_works() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tiekeeper", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage: tiekeeper" in proc.stdout and "reach-out" in proc.stdout
    version = subprocess.run(
        [sys.executable, "-m", "tiekeeper", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert version.stdout.strip() == "tiekeeper, version 0.1.0"


def test_main_accepts_argv(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "0.1.0" in capsys.readouterr().out


# --------------------------------------------------------------- option checking
def test_bad_as_of_is_a_usage_error() -> None:
    result = _run("fading", "--as-of", "2024-13-01")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "Invalid value for '--as-of': '2024-13-01' is not a date; expected YYYY-MM-DD" in (
        result.stderr
    )


@pytest.mark.parametrize("value", ["0", "-3", "ten"])
def test_bad_k_is_a_usage_error(value: str) -> None:
    result = _run("reach-out", "-k", value)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "Invalid value for '-k'" in result.stderr


def test_output_in_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "report.html"
    result = _run("report", "-o", str(target))
    _assert_one_line_error(result, 1, f"the folder {target.parent} does not exist")


def test_output_that_is_a_folder_or_under_a_file(tmp_path: Path) -> None:
    _assert_one_line_error(_run("graph", "-o", str(tmp_path)), 1, "this is a folder")
    afile = tmp_path / "afile"
    afile.write_text("x")
    result = _run("fading", "-o", str(afile / "out.csv"))
    _assert_one_line_error(result, 1, "is a file, not a folder")


def test_ics_in_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "r.ics"
    result = _run("reach-out", "--ics", str(target))
    _assert_one_line_error(result, 1, f"--ics {target}: the folder")


def test_graph_needs_a_known_suffix(tmp_path: Path) -> None:
    result = _run("graph", "-o", str(tmp_path / "net.png"))
    _assert_one_line_error(
        result, 2, "unknown suffix '.png'; expected a file name ending in .graphml, .gexf or .json"
    )


def test_unwritable_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # running as root makes chmod useless, so stand in for the permission check
    monkeypatch.setattr("tiekeeper.cli._common.os.access", lambda *a, **k: False)
    result = _run("report", "-o", str(tmp_path / "r.html"))
    _assert_one_line_error(result, 1, "permission denied; choose a folder you can write to")


def test_check_output_path_accepts_a_new_file(tmp_path: Path) -> None:
    assert check_output_path(tmp_path / "new.html") == tmp_path / "new.html"
    with pytest.raises(ParameterError, match=r"^--ics .*: the folder .* does not exist"):
        check_output_path(tmp_path / "x" / "y.ics", "--ics")


def test_sample_refuses_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    _assert_one_line_error(_run("sample", str(afile)), 1, "this is a file; expected a folder")


# ------------------------------------------------------------------- notebooks
def test_notebooks_command(tmp_path: Path) -> None:
    target = tmp_path / "nb"
    result = _run("notebooks", str(target))
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.splitlines()]
    assert written and all(p.parent == target and p.suffix == ".ipynb" for p in written)
    assert all(p.exists() for p in written)
    assert f"jupyter lab {target}" in result.stderr
    # a second run refuses to overwrite, --force replaces
    again = _run("notebooks", str(target))
    _assert_one_line_error(again, 1, "already exists; pass overwrite=True (--force")
    assert _run("notebooks", str(target), "--force").exit_code == 0


def test_notebooks_export_option(tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(b"PK")
    result = _run("notebooks", str(tmp_path / "nb"), "--export", str(export))
    assert result.exit_code == 0, result.output
    first = Path(result.stdout.splitlines()[0])
    assert repr(str(export.resolve())) in first.read_text()
    missing = _run("notebooks", str(tmp_path / "nb2"), "--export", str(tmp_path / "no.zip"))
    _assert_one_line_error(missing, 1, "no such file or folder")


# ------------------------------------------------------- the error-handling group
def _toy_group() -> click.Group:
    @click.group(cls=TiekeeperGroup)
    def toy() -> None:
        """Toy."""

    @toy.command()
    @click.argument("kind")
    @as_of_option
    @output_option()
    def boom(kind: str, as_of: object, output: object) -> None:
        """Raise what KIND says."""
        if kind == "tiekeeper":
            raise ExportNotFoundError("export 'x.zip' does not exist;\n  check the path")
        if kind == "oserror":
            raise PermissionError(13, "Permission denied", "/root/x.html")
        if kind == "bug":
            raise KeyError("a real bug")
        if kind == "warn":
            warnings.warn("as_of is 6 weeks older than --start", StaleExportWarning, stacklevel=1)
            click.echo(json.dumps({"as_of": str(as_of), "output": str(output)}))

    return toy


def test_group_turns_library_errors_into_one_line() -> None:
    toy = _toy_group()
    result = CliRunner().invoke(toy, ["boom", "tiekeeper"])
    _assert_one_line_error(result, 1, "Error: export 'x.zip' does not exist; check the path")
    result = CliRunner().invoke(toy, ["boom", "oserror"])
    _assert_one_line_error(result, 1, "Error: /root/x.html: Permission denied")


def test_group_keeps_tracebacks_for_real_bugs() -> None:
    result = CliRunner().invoke(_toy_group(), ["boom", "bug"])
    assert result.exit_code == 1
    assert isinstance(result.exception, KeyError)


def test_group_prints_tiekeeper_warnings_as_one_line() -> None:
    result = CliRunner().invoke(_toy_group(), ["boom", "warn", "--as-of", "2024-03-01"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Warning: as_of is 6 weeks older than --start\n"
    assert json.loads(result.stdout) == {
        "as_of": "2024-03-01 23:59:59.999999+00:00",
        "output": "None",
    }


def test_career_view_shows_counts_where_there_is_no_rate() -> None:
    mate = {"person_id": "a", "name": "Ada", "confidence": 1.0, "sessions_during": 9,
            "sessions_after": 3}  # fmt: skip
    row = {"position": 0, "company": "Acme", "title": "Engineer",
           "started_on": dt.date(2019, 1, 1), "finished_on": dt.date(2024, 12, 15),
           "is_current": False, "n_colleagues": 1, "colleagues": [mate], "rate_during": 1.5,
           "rate_after": None, "ratio": None}  # fmt: skip
    schema = polars_schema("career")
    frame = pl.DataFrame([row], schema=schema, orient="row")
    compact = career_view(frame, compact=True)["contact"][0]
    assert compact == "1 colleague\n1.5 talks/yr then\n3 talks since"
    wide = career_view(frame).row(0, named=True)
    assert (wide["talks/yr since"], wide["talks since"], wide["talks then"]) == (None, 3, 9)
