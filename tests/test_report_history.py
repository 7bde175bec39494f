"""The report of several exports: "What changed since your last export" (issue 14).

On the bundled fictional history (three exports of one owner), the section
lists every move, new title, new and removed connection, new name and new
position of history_truth.csv, between the right export dates; the report of
one export has no such section; under redaction no name of any export shows.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from plotly.offline import get_plotlyjs

import tiekeeper
from tiekeeper.companies import normalize_company
from tiekeeper.datasets import sample_history_path
from tiekeeper.history import OwnerMismatchError
from tiekeeper.plots._common import fmt_date
from tiekeeper.report import Redactor, Report
from tiekeeper.report.changes import CHANGE_LABELS

FOLDER = Path(sample_history_path())


@pytest.fixture(scope="module")
def history() -> Any:
    return tiekeeper.load_history(FOLDER)


@pytest.fixture(scope="module")
def report(history: Any) -> Report:
    return Report(history)


@pytest.fixture(scope="module")
def truth() -> pl.DataFrame:
    return pl.read_csv(FOLDER / "history_truth.csv", try_parse_dates=True)


def company(text: str | None) -> str | None:
    return None if text in (None, "—") else normalize_company(str(text).split(" · ")[0])


def test_the_section_lists_every_change_of_the_truth(report: Report, truth: pl.DataFrame) -> None:
    section = report.summary["changes"]
    assert section is not None
    assert section["dates"] == ["15 Sep 2023", "14 Jun 2024", "14 Mar 2025"]
    listed = {(r["kind"], r["name"], r["between"]): r for r in section["rows"]}
    expected = truth.filter(pl.col("kind").is_in(list(CHANGE_LABELS)))
    assert expected.height >= 40 and section["total"] == expected.height
    for row in expected.iter_rows(named=True):
        name = "You" if row["kind"] == "owner_position_added" else row["name"]
        between = f"{fmt_date(row['seen_after'])} – {fmt_date(row['seen_before'])}"
        shown = listed[(row["kind"], name, between)]
        if row["kind"] in ("company_changed", "connection_added", "connection_removed"):
            # the company, in the report's one display spelling
            assert company(shown["before"]) == company(row["before"]), row
            assert company(shown["after"]) == company(row["after"]), row
        else:
            assert (shown["before"], shown["after"]) == (row["before"] or "—", row["after"]), row
    # changed profile URLs are counted, never listed
    assert section["urls"] == truth.filter(pl.col("kind") == "url_changed").height > 0


def test_the_page_shows_moves_first_and_newest_first(report: Report) -> None:
    html = report.html()
    assert '<a href="#changes">What changed</a>' in html
    assert "What changed since your last export" in html
    assert "3 LinkedIn exports, the latest of 14 Mar 2025" in html
    rows = report.summary["changes"]["rows"]
    assert rows[0]["kind"] == "company_changed"
    assert rows[0]["between"] == "14 Jun 2024 – 14 Mar 2025"
    assert rows[-1]["between"] == "15 Sep 2023 – 14 Jun 2024"
    counts = re.search(r'id="change-counts">(.*?)</p>', html)
    assert counts is not None and "moved to another company" in counts.group(1)
    assert "linkedin.com/in/" not in html.replace(get_plotlyjs(), "")


def test_one_export_has_no_such_section() -> None:
    report = Report(tiekeeper.load_export(FOLDER / "Basic_LinkedInDataExport_03-14-2025"))
    assert report.history is None and report.summary["changes"] is None
    html = report.html()
    assert 'id="changes"' not in html and "What changed" not in html
    assert "Between these exports nobody" not in html


def test_previous_exports_give_the_same_section(report: Report) -> None:
    newest, *older = sorted(FOLDER.glob("Basic_*"), key=lambda p: p.name[-4:] + p.name[-10:-5])[
        ::-1
    ]
    latest = tiekeeper.load_export(newest)
    via_previous = Report(latest, previous=[str(p) for p in older])
    assert via_previous.history is not None and len(via_previous.history.snapshots) == 3
    assert via_previous.summary["changes"] == report.summary["changes"]
    one = Report(latest, previous=str(older[0]))
    assert one.summary["changes"] is not None
    assert one.summary["changes"]["dates"] == ["14 Jun 2024", "14 Mar 2025"]


def test_previous_exports_of_someone_else_are_refused(history: Any) -> None:
    with pytest.raises(OwnerMismatchError, match="previous must hold earlier exports"):
        Report(history.latest, previous=[tiekeeper.load_export()])


def test_redacted_history_report_shows_no_name(history: Any) -> None:
    names: set[str] = set()
    for snap in history.snapshots:
        names |= set(snap.owner.names)
        people = snap.people.filter(pl.col("kind") == "person")
        for col in ("name", "first_name", "last_name"):
            names |= set(people[col].drop_nulls().to_list())
        names |= set(snap.connections["name"].drop_nulls().to_list())
    words = {w for n in names for w in re.findall(r"\w+", n) if len(w) > 3}
    report = Report(history, redact=Redactor.from_export(history.merged, seed=2))
    page = report.html().replace(get_plotlyjs(), "")
    page = re.sub(r'"bdata":\s*"[^"]*"', '"bdata":""', page)
    found = {w.casefold() for w in re.findall(r"\w+", page)}
    assert sorted(w for w in words if w.casefold() in found and w != "LinkedIn") == []
    section = report.summary["changes"]
    assert section["rows"] and all(
        r["name"] == "You" or r["name"].startswith("Person ") for r in section["rows"]
    )
    renamed = [r for r in section["rows"] if r["kind"] == "name_changed"]
    assert renamed and all(r["before"] == r["after"] == "—" for r in renamed)


def test_the_report_scores_the_merged_record(report: Report, history: Any) -> None:
    assert report.export is history.merged
    assert report.inputs.export_date == dt.date(2025, 3, 14)
    assert "3 exports" in repr(report)
