"""The report on the real pipeline: the bundled sample and a hostile miniature export."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path
from typing import Any

import markupsafe
import polars as pl
import pytest
from plotly.offline import get_plotlyjs
from test_report_fixtures import HOSTILE, parse, write_hostile_export

import tiekeeper
from tiekeeper.report import Redactor, Report

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture(scope="module")
def sample() -> Any:
    return tiekeeper.load_export()


@pytest.fixture(scope="module")
def sample_html(sample: Any) -> str:
    return Report(sample).html()


def outside_plotly(page: str) -> str:
    """The page without the inlined plotly.js bundle (checked to be intact)."""
    bundle = get_plotlyjs()
    assert page.count(bundle) == 1
    return page.replace(bundle, "")


def names_of(export: Any) -> set[str]:
    """Every name part (first, last, full, aliases, owner) the export knows."""
    found: set[str] = set(export.owner.names)
    # organisations and LinkedIn's accounts (people.kind) are not people to protect
    for row in export.people.filter(pl.col("kind") == "person").iter_rows(named=True):
        found.update(n for n in (row["name"], row["first_name"], row["last_name"]) if n)
        found.update(row["aliases"] or [])
    for frame, cols in (
        (export.connections, ("first_name", "last_name", "name")),
        (export.invitations, ("from_name", "to_name")),
        (export.recommendations_received, ("name",)),
        (export.recommendations_given, ("name",)),
        (export.endorsements_received, ("name",)),
        (export.endorsements_given, ("name",)),
    ):
        for col in cols:
            found.update(v for v in frame[col].drop_nulls().to_list() if v)
    return found


def leaks(page: str, names: set[str]) -> list[str]:
    """Words of ``names`` found as whole words in ``page``: case-insensitive when longer
    than three letters, exact otherwise. (A full name can only appear if its words do.)
    Plotly's base64 arrays (``"bdata"``) are left out: a blob such as ``…+UK/…`` would
    otherwise match a two-letter word at random (the pseudonyms change per report)."""
    page = re.sub(r'"bdata":\s*"[^"]*"', '"bdata":""', page)
    exact = set(re.findall(r"\w+", page))
    folded = {w.casefold() for w in exact}
    words = {w for n in names for w in re.findall(r"\w+", n) if len(w) > 1}
    return sorted(
        w
        for w in words
        if w.lower() != "linkedin" and (w.casefold() in folded if len(w) > 3 else w in exact)
    )


def test_sample_report_is_deterministic_and_complete(sample: Any, sample_html: str) -> None:
    assert Report(sample).html() == sample_html
    page = outside_plotly(sample_html)
    for section in ("overview", "reach-out", "owed", "fading", "career", "network", "companies"):
        assert f'id="{section}"' in page
    assert sample.owner.name in page
    scores = tiekeeper.score(sample)
    top = scores.sort("priority", descending=True)["name"][0]
    assert htmllib.escape(top) in page
    # no wall-clock time anywhere: the page changes only with as_of
    other = Report(sample, as_of="2024-12-31").html()
    assert "scored as of 31 Dec 2024" in other and other != sample_html


def test_sample_report_makes_no_external_reference(sample_html: str) -> None:
    page = outside_plotly(sample_html)
    values = re.findall(r"""\b(?:src|href|action)\s*=\s*["']([^"']*)""", page)
    assert values and all(v.startswith(("#", "data:")) for v in values)
    assert not re.search(r"""\b(?:src|href|action)\s*=\s*[^"'\s]""", page)
    assert not re.search(r"https?://", page)


def test_redacted_sample_has_no_name_url_or_email(sample: Any, sample_html: str) -> None:
    names = names_of(sample)
    assert len(leaks(outside_plotly(sample_html), names)) > 100  # the check can fail
    page = outside_plotly(Report(sample, redact=True).html())
    assert leaks(page, names) == []
    assert "linkedin.com/in" not in page
    assert EMAIL.findall(page) == []
    for pid in sample.people["person_id"].drop_nulls().to_list()[:200]:
        assert pid not in page
    assert 'id="redacted-banner"' in page
    assert "Person " in page


def test_redaction_is_random_per_report_unless_seeded(sample: Any) -> None:
    a = Report(sample, redact=Redactor.from_export(sample, seed=5)).html()
    b = Report(sample, redact=Redactor.from_export(sample, seed=5)).html()
    assert a == b
    c = Report(sample, redact=True).summary
    d = Report(sample, redact=True).summary
    assert [p["name"] for p in c["fading"]["rows"]] != [p["name"] for p in d["fading"]["rows"]]


def test_hostile_export_is_escaped_everywhere(tmp_path: Path) -> None:
    export = tiekeeper.load_export(write_hostile_export(tmp_path))
    page = outside_plotly(Report(export).html())
    doc = parse(page)
    assert not [t for t, _ in doc.tags if t in {"img", "svg", "iframe", "object", "embed"}]
    assert not [a for _, attrs in doc.tags for a in attrs if a.startswith("on")]
    assert sum(1 for t, a in doc.tags if t == "script" and a.get("type") is None) == 2
    assert HOSTILE[0] in " ".join(doc.text) and HOSTILE[2] in " ".join(doc.text)
    # the figure JSON blocks parse and carry the names only as escaped text for plotly
    blocks = re.findall(r'<script type="application/json" data-figure="[^"]+">(.*?)</script>', page)
    assert len(blocks) == 6
    for block in blocks:
        assert "<" not in block
        json.loads(block)
    assert str(markupsafe.escape(HOSTILE[1])) in page


def test_write_html_and_notebook_view(sample: Any, tmp_path: Path) -> None:
    report = Report(sample, k=5)
    path = report.write_html(tmp_path / "r.html")
    assert path == tmp_path / "r.html"
    assert path.read_text(encoding="utf-8") == report.html()
    frame = report._repr_html_()
    assert frame.startswith('<iframe title="tiekeeper report" sandbox="allow-scripts"')
    assert "<script" not in frame  # the page is inside an escaped srcdoc
    assert htmllib.unescape(frame.split('srcdoc="', 1)[1][: -len('"></iframe>')]) == report.html()
    assert len(report.summary["suggestions"]) <= 5


def test_export_with_only_connections_still_reports(tmp_path: Path) -> None:
    folder = write_hostile_export(tmp_path)
    (folder / "messages.csv").unlink()
    (folder / "Positions.csv").unlink()
    report = Report(tiekeeper.load_export(folder))
    page = report.html()
    # each section names what is missing instead of concluding (tests/test_report_missing.py)
    assert "This export has no messages.csv, so fading ties cannot be measured." in page
    assert "This export has no Positions.csv, so your jobs and former colleagues" in page
    assert "This export has no messages.csv, so owed replies cannot be measured." in page
    assert "You owe nobody a reply." not in page
    assert report.summary["career"] == [] and report.summary["fading"]["total"] == 0
