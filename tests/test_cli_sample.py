"""End-to-end CLI tests on the bundled sample and on hostile copies of it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import click
import networkx as nx
import polars as pl
import pytest
from click.testing import CliRunner

import tiekeeper as tk
from tiekeeper.cli import cli
from tiekeeper.companies import normalize_company
from tiekeeper.datasets import sample_path
from tiekeeper.output import CSV_TRIGGERS

pytestmark = pytest.mark.slow


def _run(*args: str) -> click.testing.Result:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def _ok(*args: str) -> click.testing.Result:
    result = _run(*args)
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def _json(*args: str) -> list[dict[str, object]]:
    data = json.loads(_ok(*args, "--format", "json").stdout)
    assert isinstance(data, list)
    return data


def _csv(*args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_ok(*args, "--format", "csv").stdout)))


@pytest.fixture(scope="module")
def sample() -> tk.Export:
    return tk.load_export()


@pytest.fixture(scope="module")
def scores(sample: tk.Export) -> pl.DataFrame:
    return tk.score(sample)


@pytest.fixture(scope="module")
def names(sample: tk.Export) -> list[str]:
    """Every word of every real person's name in the sample longer than 3 letters.

    Organisations and LinkedIn's accounts (``people.kind``) are not people:
    their names ("Casey @ LinkedIn") share words with the report's own text.
    """
    persons = sample.people.filter(pl.col("kind") == "person")
    words = {
        w
        for n in persons["name"].drop_nulls().to_list()
        for w in re.findall(r"\w+", n)
        if len(w) > 3
    }
    words |= {w for n in sample.owner.names for w in re.findall(r"\w+", n) if len(w) > 3}
    return sorted(words - {"Person"})


def _leaks(text: str, names: list[str]) -> list[str]:
    """The names whose words appear in ``text`` (case-insensitive, whole words)."""
    words = {w.casefold() for w in re.findall(r"\w+", text)}
    return [n for n in names if n.casefold() in words]


def _without_plotlyjs(html: str) -> str:
    # the inlined plotly.js bundle holds place names such as "Saint Lucia"
    from plotly.offline import get_plotlyjs

    return html.replace(get_plotlyjs(), "")


# ----------------------------------------------------------------------- fading
def test_fading_json_matches_the_score(scores: pl.DataFrame) -> None:
    rows = _json("fading", "--limit", "0")
    expected = scores.filter(pl.col("status").is_in(["fading", "lapsed", "cooling"]))
    assert len(rows) == expected.height > 0
    assert {r["status"] for r in rows} <= {"fading", "lapsed", "cooling"}
    priorities = [r["priority"] for r in rows]
    assert priorities == sorted(priorities, reverse=True)  # type: ignore[type-var]
    top = expected.sort(["priority", "strength"], descending=True).row(0, named=True)
    assert rows[0]["person_id"] == top["person_id"] and rows[0]["name"] == top["name"]
    assert isinstance(rows[0]["reasons"], list) and rows[0]["reasons"]


def test_fading_options(scores: pl.DataFrame) -> None:
    by_drop = _json("fading", "--sort", "drop")
    drops = [r["drop_from_peak"] for r in by_drop]
    assert drops == sorted(drops, reverse=True)  # type: ignore[type-var]
    lapsed = _json("fading", "--status", "lapsed")
    assert lapsed and {r["status"] for r in lapsed} == {"lapsed"}
    assert len(lapsed) == scores.filter(pl.col("status") == "lapsed").height
    assert len(_json("fading", "--limit", "3")) == 3


def test_fading_table_and_csv(scores: pl.DataFrame) -> None:
    table = _ok("fading", "--limit", "5").stdout
    top = _json("fading", "--limit", "1")[0]
    assert "Fading relationships" in table and str(top["name"]) in table
    assert re.search(r"Showing 5 of \d+; --limit 0 shows all", table)
    rows = _csv("fading")
    reasons = top["reasons"]
    assert isinstance(reasons, list) and len(reasons) >= 2
    assert rows[0]["name"] == top["name"] and rows[0]["reasons"] == " ".join(reasons)
    assert float(rows[0]["strength"]) == pytest.approx(float(top["strength"]))  # type: ignore[arg-type]


def test_as_of_changes_the_answer_and_is_validated(sample: tk.Export) -> None:
    default = _json("fading", "--limit", "0")
    earlier = _json("fading", "--limit", "0", "--as-of", "2023-06-30")
    assert [r["person_id"] for r in default] != [r["person_id"] for r in earlier]
    first = sample.interactions["time"].min()
    assert first is not None
    before = (first.date().replace(year=first.year - 1)).isoformat()  # type: ignore[union-attr]
    result = _run("fading", "--as-of", before)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1


# -------------------------------------------------------------------- reach-out
def test_reach_out_lists(sample: tk.Export) -> None:
    rows = _json("reach-out", "-k", "3")
    plan = tk.reach_out(sample, k=3)
    slots = [r["slot"] for r in rows]
    # owed replies first, then suggestions, then give-space, as in Plan.frame
    assert slots == plan.frame["slot"].to_list()
    assert sum(s in ("top", "explore") for s in slots) == plan.suggestions.height <= 3
    ids = [r["person_id"] for r in rows]
    assert len(ids) == len(set(ids))
    table = _ok("reach-out", "-k", "3").stdout
    assert "Reach out this week" in table
    if plan.owed_replies.height:
        assert table.index("Owed replies") < table.index("Reach out this week")
    for name in plan.suggestions["name"].to_list():
        assert name.split()[0] in table


def test_reach_out_ics(tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "reminders.ics"
    result = _ok(
        "reach-out", "-k", "4", "--ics", str(target), "--start", "2025-03-17", "--per-week", "2"
    )
    assert f"Reminders written to {target}" in result.stderr
    cal = Calendar.from_ical(target.read_bytes())
    items = [c for c in cal.walk() if c.name in ("VEVENT", "VTODO")]
    plan_rows = _json("reach-out", "-k", "4")
    expected = sum(r["slot"] in ("owed", "top", "explore") for r in plan_rows)
    assert len(items) == expected > 0


def test_reach_out_ics_start_defaults_to_today(tmp_path: Path) -> None:
    # the sample's as_of is in the past, so a start of today warns about staleness
    target = tmp_path / "r.ics"
    result = _ok("reach-out", "-k", "2", "--ics", str(target))
    assert target.exists()
    assert "Warning:" in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------ who-at, career
def test_who_at(scores: pl.DataFrame) -> None:
    company = (
        scores.filter(pl.col("company").is_not_null())
        .group_by("company")
        .len()
        .sort(["len", "company"], descending=True)["company"][0]
    )
    rows = _json("who-at", company.upper())  # compared loosely
    assert rows and all(
        normalize_company(str(r["company"])) == normalize_company(company) for r in rows
    )
    strengths = [r["strength"] for r in rows]
    assert strengths == sorted(strengths, reverse=True)  # type: ignore[type-var]
    table = _ok("who-at", company).stdout
    assert f"Who you know at {company}" in table and str(rows[0]["name"]) in table
    none = _ok("who-at", "No Such Company Ltd")
    assert "No one at 'No Such Company Ltd' in this export." in none.stderr
    assert _json("who-at", "No Such Company Ltd") == []


def test_career(sample: tk.Export) -> None:
    rows = _json("career")
    assert len(rows) == sample.positions.height
    assert {r["company"] for r in rows} == set(sample.positions["company"].to_list())
    table = _ok("career").stdout
    assert "Former colleagues by job" in table
    for company in sample.positions["company"].to_list():
        assert company.split()[0] in table
    flat = _csv("career")
    assert len(flat) == len(rows) and "; " in flat[0]["colleagues"]


# ------------------------------------------------------------------------- info
def test_info(sample: tk.Export) -> None:
    out = _ok("info").stdout
    assert sample.owner.name in out and "Parse report" in out and "Connections.csv" in out
    report = _json("info")
    assert len(report) == sample.parse_report.height
    for row in report:
        assert row["rows_read"] == (
            row["rows_parsed"] + row["rows_rejected"] + row["rows_skipped"]  # type: ignore[operator]
        )
    rejected = _json("info", "--rejected")
    assert len(rejected) == sample.rejected.height
    if rejected:
        assert "Rejected rows" in _ok("info", "--rejected").stdout


# ------------------------------------------------------------ graph and report
def test_graph_files(tmp_path: Path, sample: tk.Export, names: list[str]) -> None:
    graphml = tmp_path / "net.graphml"
    assert _ok("graph", "-o", str(graphml)).stdout.strip() == str(graphml)
    g = nx.read_graphml(graphml)
    assert "owner" in g and g.number_of_nodes() > 100
    gexf = tmp_path / "net.gexf"
    _ok("graph", "-o", str(gexf), "--redact")
    redacted = gexf.read_text(encoding="utf-8")
    assert nx.read_gexf(gexf).number_of_nodes() == g.number_of_nodes()
    assert _leaks(redacted, names) == []
    assert "linkedin.com/in/" not in redacted


def test_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: list[str]) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    target = tmp_path / "report.html"
    result = _ok("report", "-o", str(target), "--open", "--as-of", "2025-03-01")
    assert result.stdout.strip() == str(target)
    html = target.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert opened == [target.resolve().as_uri()] and opened[0].startswith("file://")
    redacted = tmp_path / "redacted.html"
    _ok("report", "-o", str(redacted), "--redact")
    assert _leaks(_without_plotlyjs(redacted.read_text(encoding="utf-8")), names) == []


def test_report_with_previous_exports(tmp_path: Path, names: list[str]) -> None:
    from tiekeeper.datasets import sample_history_path

    folder = Path(sample_history_path())
    older, old, new = (
        folder / f"Basic_LinkedInDataExport_{d}" for d in ("09-15-2023", "06-14-2024", "03-14-2025")
    )
    target = tmp_path / "history.html"
    _ok("report", str(new), "--previous", str(old), "--previous", str(older), "-o", str(target))
    html = target.read_text(encoding="utf-8")
    assert 'id="changes"' in html and "What changed since your last export" in html
    assert "Cecil Yarrmere" in html  # moved between the first two exports
    assert "15 Sep 2023 – 14 Jun 2024" in html
    plain = tmp_path / "plain.html"
    _ok("report", str(new), "-o", str(plain))
    assert 'id="changes"' not in plain.read_text(encoding="utf-8")
    redacted = tmp_path / "history-redacted.html"
    _ok("report", str(new), "--previous", str(old), "--redact", "-o", str(redacted))
    page = _without_plotlyjs(redacted.read_text(encoding="utf-8"))
    assert 'id="changes"' in page
    history_names = {
        w
        for snap in (old, new)
        for n in tk.load_export(snap).connections["name"].drop_nulls().to_list()
        for w in re.findall(r"\w+", n)
        if len(w) > 3
    }
    assert _leaks(page, sorted(history_names | set(names))) == []
    # --previous needs the newest export named
    result = _run("report", "--previous", str(old), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2 and "--previous needs EXPORT" in result.output


# -------------------------------------------------------------------- redaction
@pytest.mark.parametrize(
    "args",
    [
        ("fading", "--limit", "0"),
        ("reach-out",),
        ("career",),
        ("who-at", "Pebblecrest Robotics"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_redact_leaves_no_name(args: tuple[str, ...], fmt: str, names: list[str]) -> None:
    if fmt == "json":
        plain = _ok(*args, "--format", fmt).stdout
        assert _leaks(plain, names), "the unredacted output should name people"
    redacted = _ok(*args, "--format", fmt, "--redact").stdout
    assert _leaks(redacted, names) == []
    assert "linkedin.com/in/" not in redacted and "@example." not in redacted
    assert "Person " in redacted


# ----------------------------------------------------------- sample, errors, TTY
def test_sample_folder_and_zip(tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    printed = Path(_ok("sample", str(folder), "--seed", "1").stdout.strip())
    assert printed == folder and (folder / "Connections.csv").exists()
    zipped = Path(_ok("sample", str(tmp_path / "z"), "--zip").stdout.strip())
    assert zipped.suffix == ".zip" and zipfile.is_zipfile(zipped)
    info = _ok("info", str(zipped)).stdout
    assert "Connections.csv" in info


def test_missing_export_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no_such_export.zip"
    for command in (["fading"], ["info"], ["who-at", "Acme"], ["report", "-o", "x.html"]):
        args = command[:1] + ([command[1]] if command[0] == "who-at" else [])
        args += [str(missing), *command[len(args) :]]
        result = _run(*args)
        assert result.exit_code == 1, args
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and "no_such_export" in lines[0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, scores: pl.DataFrame) -> Iterator[Path]:
    """The sample with the top fading person renamed "=Name" and their company a formula."""
    folder = tmp_path_factory.mktemp("hostile")
    for f in sample_path().iterdir():
        shutil.copy(f, folder / f.name)
    top = (
        scores.filter(pl.col("status").is_in(["fading", "lapsed", "cooling"]))
        .sort(["priority", "strength"], descending=True)
        .row(0, named=True)
    )
    first, last = top["name"].split(" ", 1)
    connections = (folder / "Connections.csv").read_text(encoding="utf-8")
    assert f"\n{first},{last}," in connections
    connections = connections.replace(f"\n{first},{last},", f"\n={first},{last},")
    connections = connections.replace(top["company"], '=HYPERLINK(""http://x.example"")')
    # the company cell must be quoted now that it holds quotes
    connections = connections.replace(
        ',=HYPERLINK(""http://x.example""),', ',"=HYPERLINK(""http://x.example"")",'
    )
    (folder / "Connections.csv").write_text(connections, encoding="utf-8")
    messages = (folder / "messages.csv").read_text(encoding="utf-8")
    (folder / "messages.csv").write_text(
        messages.replace(top["name"], f"={top['name']}"), encoding="utf-8"
    )
    yield folder


def test_csv_injection_end_to_end(hostile: Path) -> None:
    rows = _csv("fading", str(hostile), "--limit", "0")
    evil = [r for r in rows if r["name"].lstrip("'").startswith("=")]
    assert evil, "the renamed person should still be listed"
    assert all(r["name"].startswith("'=") for r in evil)
    assert any(r["company"].startswith("'=HYPERLINK(") for r in rows)
    for row in rows:
        for column, value in row.items():
            if column not in (
                "strength",
                "cadence_days",
                "days_since",
                "overdue_ratio",
                "priority",
                "drop_from_peak",
                "peak_strength",
            ):
                assert not value.startswith(CSV_TRIGGERS), (column, value)
    data = _json("fading", str(hostile), "--limit", "0")  # JSON is not neutralised
    assert any(str(r["name"]).startswith("=") for r in data)


def test_progress_shows_on_a_terminal_and_not_when_piped() -> None:
    import pty

    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    cmd = [sys.executable, "-m", "tiekeeper", "fading", "--limit", "1", "--format", "json"]
    piped = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert piped.returncode == 0 and piped.stderr == ""
    assert json.loads(piped.stdout)[0]["name"]
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, env=env)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        out, _ = proc.communicate(timeout=120)
    finally:
        os.close(master)
    assert proc.returncode == 0
    spinner = b"".join(chunks).decode("utf-8", "replace")
    assert "Reading the export" in spinner
    assert json.loads(out)[0]["name"]  # stdout stays clean JSON


def test_output_files_pick_their_format(tmp_path: Path) -> None:
    as_csv = tmp_path / "fading.csv"
    assert _ok("fading", "-o", str(as_csv)).stdout == ""
    rows = list(csv.DictReader(io.StringIO(as_csv.read_text(encoding="utf-8"))))
    assert rows and "person_id" in rows[0]  # CSV inferred from the suffix: every row
    as_json = tmp_path / "report.json"
    _ok("info", "-o", str(as_json))
    assert {r["file"] for r in json.loads(as_json.read_text())} >= {"Connections.csv"}
    as_text = tmp_path / "plan.txt"
    _ok("reach-out", "-k", "3", "-o", str(as_text))
    text = as_text.read_text(encoding="utf-8")
    assert "Reach out this week" in text and "\x1b" not in text
    explicit = tmp_path / "plan.json"
    _ok("reach-out", "-k", "3", "-o", str(explicit), "--format", "json")
    assert json.loads(explicit.read_text())[0]["slot"] in ("owed", "top", "explore")
    # a suffix that names no format is refused, even with --format (issue 13)
    unknown = _run("reach-out", "-k", "3", "-o", str(tmp_path / "plan.out"), "--format", "json")
    assert unknown.exit_code == 2 and not (tmp_path / "plan.out").exists()
