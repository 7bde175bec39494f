"""Every CLI output path writes the type of file its suffix names, or exits 2 in one line.

Issue 13 ("the CLI does what it says"): ``-o`` picks the writer by suffix, an
unknown suffix or a ``--format`` that contradicts it exits 2 with one ``Error:``
line and writes nothing; ``who-at`` lists the companies it matched and
suggests close names; ``info`` fits 80 columns; truncated lists count right.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click.testing
import networkx as nx
import polars as pl
import pytest
from click.testing import CliRunner

import tiekeeper as tk
from tiekeeper.cli import cli
from tiekeeper.cli._views import career_view
from tiekeeper.schema import polars_schema

pytestmark = pytest.mark.slow

#: The commands that print tables, with the arguments they need.
TABLE_COMMANDS: dict[str, tuple[str, ...]] = {
    "fading": ("fading",),
    "reach-out": ("reach-out", "-k", "3"),
    "who-at": ("who-at", "thistledown"),
    "career": ("career",),
    "info": ("info",),
}
TABLE_SUFFIXES = (".csv", ".json", ".parquet", ".txt", ".xlsx")
#: A title each command's text table starts with.
TITLES = {
    "fading": "Fading relationships",
    "reach-out": "Reach out this week",
    "who-at": "Who you know at Thistledown Energy",
    "career": "Former colleagues by job",
    "info": "Parse report",
}


@pytest.fixture(scope="module")
def sample() -> tk.Export:
    return tk.load_export()


@pytest.fixture
def fast(sample: tk.Export, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands reuse one loaded sample (and so its cached score) instead of reloading it."""
    from tiekeeper.cli import _common

    real = _common.load

    def load(export: str | None, as_of: dt.datetime | None) -> tk.Export:
        return sample if export is None and as_of is None else real(export, as_of)

    for module in ("_people", "_files", "_state"):
        monkeypatch.setattr(f"tiekeeper.cli.{module}.load", load)


def _run(*args: str | Path, **env: str) -> click.testing.Result:
    result = CliRunner(env=env or None).invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output and "Warning" not in result.stderr, result.output
    return result


def _ok(*args: str | Path, **env: str) -> click.testing.Result:
    result = _run(*args, **env)
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def _one_line_error(result: click.testing.Result, code: int, *patterns: str) -> str:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for pattern in patterns:
        assert pattern in lines[0], lines[0]
    return lines[0]


def _rows(path: Path) -> int:
    """Parse an output file by its suffix and return its number of records."""
    suffix = path.suffix
    if suffix == ".csv":
        return pl.read_csv(path).height
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, list)
        return len(data)
    if suffix == ".parquet":
        return pl.read_parquet(path).height
    if suffix == ".xlsx":
        import openpyxl

        return openpyxl.load_workbook(path, read_only=True).active.max_row - 1
    raise AssertionError(suffix)


# ------------------------------------------------------- every command x suffix
@pytest.mark.parametrize("suffix", TABLE_SUFFIXES)
@pytest.mark.parametrize("command", list(TABLE_COMMANDS))
def test_table_commands_write_what_the_suffix_names(
    fast: None, tmp_path: Path, command: str, suffix: str
) -> None:
    target = tmp_path / f"out{suffix}"
    result = _ok(*TABLE_COMMANDS[command], "-o", target)
    assert result.stdout == ""
    assert target.is_file()
    if suffix == ".txt":
        text = target.read_text(encoding="utf-8")
        assert TITLES[command] in text and "\x1b" not in text
        with pytest.raises((json.JSONDecodeError, UnicodeDecodeError)):
            json.loads(text)
    else:
        assert _rows(target) > 0


@pytest.mark.parametrize("command", list(TABLE_COMMANDS))
def test_the_data_formats_hold_the_same_rows(fast: None, tmp_path: Path, command: str) -> None:
    counts = {}
    for suffix in (".csv", ".json", ".parquet", ".xlsx"):
        target = tmp_path / f"out{suffix}"
        _ok(*TABLE_COMMANDS[command], "-o", target)
        counts[suffix] = _rows(target)
    assert len(set(counts.values())) == 1, counts
    stdout = _ok(*TABLE_COMMANDS[command], "--format", "json").stdout
    assert len(json.loads(stdout)) == counts[".json"]


def test_parquet_keeps_the_nested_columns(fast: None, tmp_path: Path) -> None:
    target = tmp_path / "career.parquet"
    _ok("career", "-o", target)
    frame = pl.read_parquet(target)
    assert frame.schema["colleagues"] == polars_schema("career")["colleagues"]


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_graph_suffixes(fast: None, tmp_path: Path, suffix: str, sample: tk.Export) -> None:
    target = tmp_path / f"network{suffix}"
    assert _ok("graph", "-o", target).stdout.strip() == str(target)
    if suffix == ".graphml":
        graph = nx.read_graphml(target)
    elif suffix == ".gexf":
        graph = nx.read_gexf(target)
    else:
        graph = nx.node_link_graph(json.loads(target.read_text(encoding="utf-8")), edges="edges")
    expected = tk.build_graph(sample)
    assert graph.number_of_nodes() == expected.number_of_nodes() > 100
    assert graph.number_of_edges() == expected.number_of_edges()


def test_report_html_and_ics(fast: None, tmp_path: Path) -> None:
    from icalendar import Calendar

    page = tmp_path / "report.html"
    _ok("report", "-o", page)
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    ics = tmp_path / "plan.ics"
    _ok("reach-out", "-k", "2", "--ics", ics, "--start", "2025-03-17")
    events = [c for c in Calendar.from_ical(ics.read_bytes()).walk() if c.name == "VEVENT"]
    assert events


# ----------------------------------------------------------- unknown suffixes
UNKNOWN: list[tuple[tuple[str, ...], str, str]] = [
    *(
        (args, "-o", name)
        for args in TABLE_COMMANDS.values()
        for name in ("out.xls", "out.out", "out", "out.html")
    ),
    (("report",), "-o", "report.htm"),
    (("report",), "-o", "report.pdf"),
    (("graph",), "-o", "network.png"),
    (("graph",), "-o", "network.csv"),
    (("reach-out",), "--ics", "plan.txt"),
    (("reach-out",), "--ics", "plan"),
]


@pytest.mark.parametrize(("args", "flag", "name"), UNKNOWN)
def test_an_unknown_suffix_exits_2_in_one_line(
    tmp_path: Path, args: tuple[str, ...], flag: str, name: str
) -> None:
    target = tmp_path / name
    result = _run(*args, flag, target)
    line = _one_line_error(result, 2, f"{flag} {target}: ", "expected a file name ending in")
    assert (
        ("no suffix" in line)
        if "." not in name
        else (f"unknown suffix '.{name.split('.')[1]}'" in line)
    )
    assert not target.exists()


def test_xls_is_not_written_but_xlsx_is(tmp_path: Path) -> None:
    target = tmp_path / "out.xls"
    line = _one_line_error(_run("fading", "-o", target), 2)
    assert line.endswith(
        "expected a file name ending in .csv, .json, .parquet, .txt or .xlsx; .xls files are "
        "not written yet; name it out.xlsx"
    )
    assert not target.exists()


CONTRADICTIONS = [
    ("json", "out.csv"),
    ("csv", "out.json"),
    ("table", "out.parquet"),
    ("csv", "out.txt"),
    ("json", "out.txt"),
    ("table", "out.csv"),
]


@pytest.mark.parametrize("command", list(TABLE_COMMANDS))
@pytest.mark.parametrize(("fmt", "name"), CONTRADICTIONS)
def test_a_contradicting_format_exits_2_in_one_line(
    tmp_path: Path, command: str, fmt: str, name: str
) -> None:
    target = tmp_path / name
    result = _run(*TABLE_COMMANDS[command], "--format", fmt, "-o", target)
    _one_line_error(result, 2, f"--format {fmt} contradicts -o {target}", "drop --format")
    assert not target.exists()


@pytest.mark.parametrize(
    ("fmt", "name"), [("csv", "a.CSV"), ("json", "a.json"), ("table", "a.txt")]
)
def test_an_agreeing_format_is_fine(fast: None, tmp_path: Path, fmt: str, name: str) -> None:
    target = tmp_path / name
    _ok("fading", "--format", fmt, "-o", target)
    assert target.is_file() and target.stat().st_size > 0


# --------------------------------------------------------------------- who-at
def test_who_at_finds_a_prefix_and_lists_the_companies(fast: None) -> None:
    rows = json.loads(_ok("who-at", "nimbleford", "--format", "json").stdout)
    assert len(rows) == 16
    several = _ok("who-at", "thistledown", "--format", "json")
    assert len(json.loads(several.stdout)) == 11
    assert several.stderr == (
        "Note: 'thistledown' matches 2 companies: Thistledown Energy (10 people), "
        "Thistledown Talent Partners (1 person).\n"
    )
    table = " ".join(_ok("who-at", "thistledown").stdout.split())
    assert "'thistledown' matches 2 companies: Thistledown Energy (10 people)" in table
    energy = table.index("Who you know at Thistledown Energy")
    assert energy < table.index("Who you know at Thistledown Talent Partners")
    exact = _ok("who-at", "Nimbleford Analytics", "--format", "csv")
    assert exact.stderr == ""  # nothing to say when the company is named exactly


def test_who_at_accents_and_case(fast: None) -> None:
    plain = json.loads(_ok("who-at", "NÍMBLEFORD", "--format", "json").stdout)
    assert len(plain) == 16


def test_who_at_suggests_close_names(fast: None, tmp_path: Path) -> None:
    result = _ok("who-at", "Nimblefrod", "--format", "json")
    assert json.loads(result.stdout) == []
    assert result.stderr == (
        "No one at 'Nimblefrod' in this export; did you mean 'Nimbleford Analytics'?\n"
    )
    table = _ok("who-at", "Nimblefrod")
    assert table.stdout == "" and "did you mean 'Nimbleford Analytics'?" in table.stderr
    # a file is still written, of the type its suffix names
    for suffix in TABLE_SUFFIXES:
        target = tmp_path / f"none{suffix}"
        _ok("who-at", "Nimblefrod", "-o", target)
        assert target.is_file()
        if suffix == ".txt":
            assert "No one at 'Nimblefrod'" in target.read_text(encoding="utf-8")
        elif suffix == ".json":
            assert json.loads(target.read_text(encoding="utf-8")) == []
        elif suffix == ".xlsx":
            import openpyxl

            header = next(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
            assert list(header) == list(polars_schema("who_at"))
            assert _rows(target) == 0
        else:
            read: Callable[[Path], pl.DataFrame] = (
                pl.read_csv if suffix == ".csv" else pl.read_parquet
            )
            assert list(read(target).columns) == list(polars_schema("who_at"))


def test_who_at_refuses_a_placeholder(fast: None) -> None:
    _one_line_error(_run("who-at", "Self-employed"), 1, "is not a company name")


# ---------------------------------------------------------------------- info
@pytest.mark.parametrize("columns", ["80", "60"])
def test_info_fits_the_terminal(fast: None, columns: str) -> None:
    out = _ok("info", COLUMNS=columns).stdout
    widths = [len(line) for line in out.splitlines()]
    assert max(widths) <= int(columns), max(widths)
    assert "does not use" not in out  # the unused files are no rows of the table
    unused = " ".join(out[out.index("Not used (kept in other_files):") :].split())
    assert unused == (
        "Not used (kept in other_files): Company Follows.csv, Email Addresses.csv, Registration.csv"
    )


def test_info_data_formats_keep_every_file(fast: None, sample: tk.Export) -> None:
    rows = json.loads(_ok("info", "--format", "json").stdout)
    assert len(rows) == sample.parse_report.height  # unused files included


# --------------------------------------------------------------- truncations
def _career_row(n: int) -> dict[str, Any]:
    mates = [
        {"person_id": f"p{i}", "name": f"Person {i}", "confidence": 1.0,
         "sessions_during": 1, "sessions_after": 0}
        for i in range(n)
    ]  # fmt: skip
    return {"position": 0, "company": "Acme", "title": "Engineer",
            "started_on": dt.date(2019, 1, 1), "finished_on": dt.date(2024, 12, 15),
            "is_current": False, "n_colleagues": n, "colleagues": mates, "rate_during": 1.0,
            "rate_after": None, "ratio": None}  # fmt: skip


@pytest.mark.parametrize(("n", "more"), [(0, None), (3, None), (8, None), (9, 1), (20, 12)])
@pytest.mark.parametrize("compact", [False, True])
def test_career_counts_the_colleagues_left_out(n: int, more: int | None, compact: bool) -> None:
    frame = pl.DataFrame([_career_row(n)], schema=polars_schema("career"), orient="row")
    text = career_view(frame, compact=compact)["colleagues"][0]
    shown = [f"Person {i}" for i in range(min(n, 8))]
    if more is None:
        assert text == ", ".join(shown)
    else:
        assert text == ", ".join(shown) + f" … and {more} more"


def test_career_on_the_sample_never_wraps(fast: None, sample: tk.Export) -> None:
    out = _ok("career").stdout
    assert "4294967" not in out
    jobs = json.loads(_ok("career", "--format", "json").stdout)
    flat = " ".join(out.split())
    for job in jobs:
        extra = len(job["colleagues"]) - 8
        if extra > 0:
            assert f"and {extra} more" in flat
    assert not re.search(r"and -?\d{6,} more", flat)


@pytest.mark.parametrize(("args", "limit"), [(("fading",), 5), (("who-at", "nimbleford"), 4)])
def test_limit_captions_count_right(fast: None, args: tuple[str, ...], limit: int) -> None:
    total = len(json.loads(_ok(*args, "--format", "json").stdout))
    assert total > limit
    table = " ".join(_ok(*args, "--limit", str(limit)).stdout.split())
    assert f"Showing {limit} of {total}; --limit 0 shows all." in table
    everything = " ".join(_ok(*args, "--limit", "0").stdout.split())
    assert "Showing" not in everything
    assert len(json.loads(_ok(*args, "--limit", str(limit), "--format", "json").stdout)) == limit


# ------------------------------------------------------------ partial exports
@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Basic archive with only Connections.csv: no messages, no positions."""
    from tiekeeper.datasets import sample_path

    folder = tmp_path_factory.mktemp("partial")
    (folder / "Connections.csv").write_bytes((sample_path() / "Connections.csv").read_bytes())
    return folder


@pytest.mark.parametrize(
    ("command", "missing"),
    [
        (("fading",), "has no messages.csv, so fading ties cannot be measured"),
        (("reach-out",), "has no messages.csv, so the reach-out plan cannot be made"),
        (("career",), "has no Positions.csv, so your jobs and former colleagues cannot be"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_a_missing_category_is_noted_on_stderr(
    partial: Path, command: tuple[str, ...], missing: str, fmt: str
) -> None:
    result = _ok(*command, partial, "--format", fmt)
    assert f"Note: This export {missing}" in result.stderr
    assert missing not in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout) == []


def test_nothing_is_noted_when_the_export_is_whole(fast: None) -> None:
    for command in (("fading",), ("career",), ("who-at", "nimbleford")):
        assert "This export has no" not in _ok(*command, "--format", "json").stderr


def test_fading_table_days_agree_with_the_reasons() -> None:
    from tiekeeper.cli._views import fading_view
    from tiekeeper.scoring.reasons import cadence_sentence

    row = pl.DataFrame(
        {"name": ["Ada"], "company": ["N"], "status": ["fading"], "strength": [20.4],
         "cadence_days": [18.7], "days_since": [361.6], "drop_from_peak": [0.6],
         "reasons": [["a"]]}
    )  # fmt: skip
    shown = fading_view(row).row(0)
    sentence = cadence_sentence(cadence=18.7, days=361.6, ratio=19.3, sessions=9, estimated=False)
    assert "361 d" in shown and "it's been 361 days" in sentence
    assert "19 d" in shown and "every ~19 days" in sentence
