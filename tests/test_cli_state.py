"""CLI commands that write the user's state: contacted, snooze, ignore, cadence, reach-out --record.

Every test works on a copy of the bundled sample in tmp_path, so the state
file lands next to that copy; each written file is parsed back with tomllib.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import click.testing
import polars as pl
import pytest
from click.testing import CliRunner

import tiekeeper as tk
from tiekeeper.cli import cli
from tiekeeper.datasets import sample_path
from tiekeeper.state import State

D = dt.date
STATE_COMMANDS = ["contacted", "snooze", "ignore", "cadence"]


def _run(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _ok(*args: str | Path) -> str:
    """Run a command that must succeed and print exactly one line on stdout."""
    result = _run(*args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    return lines[0]


def _assert_one_line_error(result: click.testing.Result, code: int, *patterns: str) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    for pattern in patterns:
        assert pattern in errors[0], errors[0]
    return errors[0]


@pytest.fixture(scope="module")
def sample() -> tk.Export:
    return tk.load_export()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(sample_path(), folder)
    return folder


def _state(export: Path) -> dict[str, Any]:
    path = export.parent / "tiekeeper.toml"
    assert path.is_file()
    assert not (export / "tiekeeper.toml").exists()  # next to the export, never inside it
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _person(sample: tk.Export, i: int = 0) -> dict[str, Any]:
    """The i-th person (by id) whose name is theirs alone."""
    people = sample.people.filter(pl.len().over("name") == 1).sort("person_id")
    row: dict[str, Any] = people.row(i, named=True)
    return row


# ----------------------------------------------------------------------- writing
def test_contacted_logs_the_export_date_or_on(sample: tk.Export, export: Path) -> None:
    ada = _person(sample)
    line = _ok("contacted", ada["name"].upper(), export)  # any case
    day = sample.as_of.date()  # the default: the export date, never the wall clock
    assert line == (
        f"Logged a contact with {ada['name']} on {day} in {export.parent / 'tiekeeper.toml'}"
    )
    _ok("contacted", ada["profile_url"], export, "--on", "2024-12-01", "--note", 'tea, "soon"')
    _ok("contacted", ada["person_id"], export, "--as-of", "2025-01-31")
    assert _state(export)["contacted"] == [
        {"person": ada["name"], "date": day},  # the canonical display name is written
        {"person": ada["profile_url"], "date": D(2024, 12, 1), "note": 'tea, "soon"'},
        {"person": ada["name"], "date": D(2025, 1, 31)},  # --as-of sets the default day
    ]
    # and the library reads the log back for that person
    st = tk.load_state(export).resolve(sample.people)
    assert st.contacted(ada["person_id"]) == [D(2024, 12, 1), D(2025, 1, 31), day]


def test_snooze_cadence_and_ignore(sample: tk.Export, export: Path) -> None:
    a, b, c = (_person(sample, i) for i in range(3))
    where = export.parent / "tiekeeper.toml"
    assert _ok("snooze", a["name"], export, "--until", "2025-05-01") == (
        f"Snoozed {a['name']} until 2025-05-01 in {where}"
    )
    _ok("snooze", a["name"], export, "--until", "2025-06-01")  # replaces
    assert _ok("cadence", b["name"], "30", export) == (
        f"Set a target of every 30 days with {b['name']} in {where}"
    )
    _ok("cadence", c["person_id"], "10.5", export)
    assert _ok("ignore", c["name"], export) == (
        f"Ignoring {c['name']} from now on: written to {where}"
    )
    _ok("ignore", c["name"], export)  # twice is once
    assert _ok("ignore", "--company", "Initech Inc.", export) == (
        f"Ignoring everyone at Initech Inc. from now on: written to {where}"
    )
    data = _state(export)
    assert data["snooze"] == {a["name"]: D(2025, 6, 1)}
    assert data["cadence"] == {b["name"]: 30, c["name"]: 10.5}
    assert isinstance(data["cadence"][b["name"]], int)  # written as 30, not 30.0
    assert data["ignore"] == {"people": [c["name"]], "companies": ["Initech Inc."]}
    st = tk.load_state(export).resolve(sample.people)
    assert st.snoozed_until(a["person_id"]) == D(2025, 6, 1)
    assert st.target_cadence(b["person_id"]) == 30.0
    assert st.ignored(c["person_id"]) and not st.ignored(a["person_id"])


def test_a_shared_name_is_written_as_the_url(sample: tk.Export, export: Path) -> None:
    twins = sample.people.filter(pl.len().over("name") > 1).sort("person_id")
    assert twins.height >= 2  # the sample has two people of one name
    one = twins.row(0, named=True)
    _ok("ignore", one["person_id"], export)
    # the name would mean both of them; the URL means this one only
    assert _state(export)["ignore"]["people"] == [one["profile_url"]]
    st = tk.load_state(export).resolve(sample.people)
    assert [st.ignored(p) for p in twins["person_id"]] == [True, False]


def test_the_plan_honours_what_the_commands_wrote(sample: tk.Export, export: Path) -> None:
    def plan_ids() -> list[str]:
        result = _run("reach-out", export, "--format", "json")
        assert result.exit_code == 0, result.output
        return [r["person_id"] for r in json.loads(result.stdout)]

    before = plan_ids()
    first = tk.reach_out(sample).suggestions.row(0, named=True)
    assert first["person_id"] in before
    _ok("ignore", first["person_id"], export)
    assert first["person_id"] not in plan_ids()


# ------------------------------------------------------------------ reach-out --record
def _suggested(rows: list[dict[str, Any]]) -> set[str]:
    return {r["person_id"] for r in rows if r["slot"] in ("top", "explore")}


def _week(export: Path, day: str, *more: str) -> list[dict[str, Any]]:
    result = _run("reach-out", export, "--as-of", day, "--format", "json", *more)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_record_rotates_next_weeks_plan(export: Path) -> None:
    # without --record, next week's plan repeats most of this week's names
    plain = _suggested(_week(export, "2025-03-14")) & _suggested(_week(export, "2025-03-21"))
    assert len(plain) >= 5
    assert not (export.parent / "tiekeeper.toml").exists()  # reading never writes
    first = _week(export, "2025-03-14", "--record")
    recorded = _state(export)["suggested"]
    assert set(recorded) == _suggested(first) and len(recorded) == 10
    assert all(v == [D(2025, 3, 14)] for v in recorded.values())  # the plan's as_of day
    second = _week(export, "2025-03-21", "--record")
    rotated = _suggested(first) & _suggested(second)
    assert len(rotated) < len(plain)
    recorded = _state(export)["suggested"]
    assert set(recorded) == _suggested(first) | _suggested(second)
    for pid in rotated:
        assert recorded[pid] == [D(2025, 3, 14), D(2025, 3, 21)]


def test_record_says_where_and_keeps_real_ids_when_redacted(export: Path) -> None:
    result = _run("reach-out", export, "-k", "3", "--record", "--redact", "--format", "csv")
    assert result.exit_code == 0, result.output
    where = export.parent / "tiekeeper.toml"
    assert f"Recorded 3 suggestions of 2025-03-14 in {where}" in result.stderr
    recorded = set(_state(export)["suggested"])
    real = set(tk.reach_out(tk.load_export(export), k=3, state=State()).suggestions["person_id"])
    assert recorded == real  # the state holds real ids, the redacted output does not
    assert not real & set(pl.read_csv(result.stdout.encode())["person_id"])


def test_the_bundled_sample_needs_state(tmp_path: Path) -> None:
    for args in (
        ["contacted", "Anyone"],
        ["snooze", "Anyone", "--until", "2030-01-01"],
        ["ignore", "--company", "Initech"],
        ["cadence", "Anyone", "7"],
        ["reach-out", "--record"],
        ["ignore", "Anyone", str(sample_path())],  # the sample named explicitly
    ):
        _assert_one_line_error(_run(*args), 1, "bundled sample", "--state")
    mine = tmp_path / "mine.toml"
    sample = tk.load_export()
    who = _person(sample)
    line = _ok("snooze", who["name"], "--until", "2030-01-01", "--state", mine)
    assert line.endswith(f"in {mine}")
    assert tomllib.loads(mine.read_text(encoding="utf-8"))["snooze"] == {who["name"]: D(2030, 1, 1)}
    result = _run("reach-out", "--state", mine, "--record", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(tomllib.loads(mine.read_text(encoding="utf-8"))["suggested"]) == 10
    assert not (sample_path().parent / "tiekeeper.toml").exists()


def test_state_option_reads_and_creates_only_when_recording(tmp_path: Path, export: Path) -> None:
    new = tmp_path / "new.toml"
    _assert_one_line_error(_run("reach-out", export, "--state", new), 1, "--state", "no such file")
    _assert_one_line_error(_run("reach-out", export, "--state", tmp_path), 2, "--state")  # folder
    txt = tmp_path / "notes.txt"
    txt.write_text("[ignore]\n", encoding="utf-8")
    _assert_one_line_error(_run("reach-out", export, "--state", txt), 1, "ending in .toml")
    assert _run("reach-out", export, "--state", new, "--record", "-k", "2").exit_code == 0
    assert len(tomllib.loads(new.read_text(encoding="utf-8"))["suggested"]) == 2
    assert not (export.parent / "tiekeeper.toml").exists()  # --state wins over the default


# ------------------------------------------------------------------------- errors
def test_unknown_person_lists_close_matches(sample: tk.Export, export: Path) -> None:
    name = _person(sample)["name"]
    typo = name[:-1] + ("x" if name[-1] != "x" else "y")
    for args in (
        ["contacted", typo, export],
        ["snooze", typo, export, "--until", "2030-01-01"],
        ["ignore", typo, export],
        ["cadence", typo, "30", export],
    ):
        _assert_one_line_error(_run(*args), 1, f"PERSON {typo!r} matches nobody", repr(name))
    nobody = _assert_one_line_error(_run("ignore", "Zzyzx Qwv", export), 1, "matches nobody")
    assert "check the spelling" in nobody
    assert not (export.parent / "tiekeeper.toml").exists()


def test_ambiguous_person_lists_each_match(sample: tk.Export, export: Path) -> None:
    twins = sample.people.filter(pl.len().over("name") > 1)
    name = twins["name"][0]
    err = _assert_one_line_error(_run("contacted", name, export), 1, "matches 2 people")
    for url in twins["profile_url"]:
        assert url in err
    assert "profile URL or the person_id" in err
    assert not (export.parent / "tiekeeper.toml").exists()


def test_other_mistakes_are_one_line(tmp_path: Path, export: Path) -> None:
    who = "Anyone"
    _assert_one_line_error(
        _run("ignore", who, tmp_path / "missing.zip"), 1, "missing.zip: no such file or folder"
    )
    _assert_one_line_error(
        _run("ignore", who, export, "--state", tmp_path / "state.txt"), 1, "ending in .toml"
    )
    _assert_one_line_error(
        _run("ignore", who, export, "--state", tmp_path / "no" / "s.toml"), 1, "does not exist"
    )
    _assert_one_line_error(_run("snooze", who, export), 2, "--until")
    _assert_one_line_error(_run("snooze", who, export, "--until", "soon"), 2, "--until")
    _assert_one_line_error(_run("cadence", who, "0", export), 2, "DAYS")
    _assert_one_line_error(_run("contacted", who, export, "--on", "3/4/25"), 2, "--on")
    for name in ("ignore", "contacted"):  # PERSON forgotten: the export is no name
        _assert_one_line_error(_run(name, export), 2, f"tiekeeper {name} PERSON {export}")
    _assert_one_line_error(_run("ignore"), 2, "give PERSON to ignore, or --company NAME")
    _assert_one_line_error(
        _run("ignore", who, export, "--company", "Initech"), 2, "with --company NAME"
    )


def test_a_malformed_state_file_is_left_alone(sample: tk.Export, export: Path) -> None:
    path = export.parent / "tiekeeper.toml"
    text = '[snooze]\n"Ada" = "next week"\n'
    path.write_text(text, encoding="utf-8")
    who = _person(sample)["name"]
    _assert_one_line_error(_run("ignore", who, export), 1, "line 2", "expected a date")
    _assert_one_line_error(_run("reach-out", export), 1, "line 2", "expected a date")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("name", STATE_COMMANDS)
def test_help_names_person_export_and_state(name: str) -> None:
    text = _run(name, "--help").output
    assert "PERSON" in text and "EXPORT" in text and "--state" in text
