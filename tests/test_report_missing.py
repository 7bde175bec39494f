"""A section whose data category the export lacks names it, and concludes nothing (issue 13).

Fading, owed replies and the reach-out plan need messages; the career view
needs positions; the network needs connections or messages. On a
Connections-only export and on one whose messages.csv holds only its header,
each section shows :func:`tiekeeper.io.categories.what_is_missing`'s sentence
and none of the conclusions it would draw from data it does not have.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from plotly.offline import get_plotlyjs
from test_report_fixtures import parse

import tiekeeper
from tiekeeper.io.categories import what_is_missing
from tiekeeper.report import Report

SAMPLE = Path(tiekeeper.sample_path())

#: Sentences that conclude something from messages (or positions): never shown without them.
CONCLUSIONS = (
    "Nobody needs a nudge right now",
    "You owe nobody a reply",
    "No relationship is fading",
    "within their usual rhythm",
    "you have exchanged no messages",
    "and you have never exchanged a message with them",
    "No likely colleagues found",
    "Conversations with them",
    "People you wrote to",
    "People who wrote to you",
    "Replies you owe",
)


def page_text(report: Report) -> str:
    """What a reader sees: the page's text outside scripts (figures' JSON excluded)."""
    html = report.html().replace(get_plotlyjs(), "")
    return " ".join(" ".join(parse(html).text).split())


@pytest.fixture(scope="module")
def connections_only(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("connections-only")
    shutil.copy(SAMPLE / "Connections.csv", folder / "Connections.csv")
    return tiekeeper.load_export(folder)


@pytest.fixture(scope="module")
def empty_messages(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("empty-messages") / "Basic_LinkedInDataExport_03-14-2025"
    shutil.copytree(SAMPLE, folder)
    header = (SAMPLE / "messages.csv").read_text(encoding="utf-8").splitlines()[0]
    (folder / "messages.csv").write_text(header + "\n", encoding="utf-8")
    (folder / "coach_messages.csv").unlink()
    return tiekeeper.load_export(folder)


def test_connections_only_names_what_is_missing(connections_only: Any) -> None:
    assert connections_only.categories["messages"] == "absent"
    assert connections_only.categories["positions"] == "absent"
    report = Report(connections_only)
    text = page_text(report)
    for view in ("plan", "owed_replies", "fading", "career", "strength"):
        sentence = what_is_missing(connections_only, view)
        assert sentence and sentence in text, view
    assert (
        "This export has no messages.csv, so fading ties cannot be measured. "
        "Request 'Messages' in LinkedIn's data download." in text
    )
    assert "This export has no Positions.csv, so your jobs and former colleagues" in text
    for conclusion in CONCLUSIONS:
        assert conclusion not in text, conclusion
    # the network can be drawn from connections alone: it says what it cannot see instead
    assert what_is_missing(connections_only, "network") == ""
    assert "group conversations cannot link your contacts" in text
    assert "shared employers cannot link your contacts" in text


def test_connections_only_hides_charts_without_data(connections_only: Any) -> None:
    report = Report(connections_only)
    figures = report.figures()
    # no empty job timeline (it ran from January 2000 to January 2001), no cadence or history
    assert "career" not in figures and "cadence" not in figures and "history" not in figures
    assert not report.summary["statuses"]
    html = report.html()
    assert 'id="fig-career"' not in html and 'id="jobs"' not in html
    assert 'id="suggestions"' not in html and 'id="owed-replies"' not in html
    # no column of zeros counted from a missing file
    companies = html.split('id="companies-table"', 1)[1].split("</thead>", 1)[0]
    assert "You wrote to" not in companies and "Former colleagues" not in companies


def test_empty_messages_file_is_named_as_empty(empty_messages: Any) -> None:
    assert empty_messages.categories["messages"] == "empty"
    assert empty_messages.categories["positions"] == "present"
    report = Report(empty_messages)
    text = page_text(report)
    for view in ("plan", "owed_replies", "fading"):
        sentence = what_is_missing(empty_messages, view)
        assert sentence.startswith("This export has an empty messages.csv, so ")
        assert sentence in text, view
    assert (
        "This export has an empty messages.csv, so contact with former colleagues cannot be "
        "measured." in text
    )
    for conclusion in CONCLUSIONS:
        assert conclusion not in text, conclusion
    # positions are there: the jobs are listed, without a claim about contact
    assert what_is_missing(empty_messages, "career") == ""
    assert 'id="jobs"' in report.html()
    assert "career" not in report.figures()  # its colours would claim "no conversations"


def test_a_full_export_shows_no_missing_sentence() -> None:
    report = Report(tiekeeper.load_export())
    assert not any(report.summary["missing"].values())
    assert 'class="missing"' not in report.html()
