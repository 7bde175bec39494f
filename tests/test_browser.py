"""The report in a real headless Chromium: drawn, offline, safe and redacted.

Runs Debian's chromium through python playwright. A missing chromium is a
failure, not a skip: CI installs it (scripts/ensure-chromium.sh). The sample
report's full-page screenshot is kept in tests/artifacts/report.png.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from test_report_fixtures import write_hostile_export

import tiekeeper
from tiekeeper.report import Report

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = ("file:", "data:", "blob:")
#: Chromium's WebGL driver notes ("GPU stall due to ReadPixels") are not page errors.
WEBGL_NOTE = re.compile(r"WebGL|GL Driver Message|GPU stall|swiftshader", re.IGNORECASE)


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "chromium is missing: the browser test needs Debian's chromium "
            "(run scripts/ensure-chromium.sh or apt-get install chromium)"
        )
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclasses.dataclass
class Visit:
    page: Any
    errors: list[str]
    console_errors: list[str]
    requests: list[str]


def visit(browser: Any, path: Path, *, figures: int = 6) -> Visit:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    v = Visit(page, [], [], [])
    page.on("pageerror", lambda err: v.errors.append(str(err)))
    page.on(
        "console",
        lambda msg: (
            v.console_errors.append(msg.text)
            if msg.type == "error" and not WEBGL_NOTE.search(msg.text)
            else None
        ),
    )
    page.on("request", lambda req: v.requests.append(req.url))
    page.goto(path.resolve().as_uri())
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot').length >= {figures}", timeout=30_000
    )
    page.wait_for_timeout(300)
    return v


def assert_clean(v: Visit) -> None:
    assert v.errors == []
    assert v.console_errors == []
    leaving = [u for u in v.requests if not u.startswith(LOCAL)]
    assert leaving == []


def drawn(page: Any, fig_id: str) -> int:
    """How many drawn marks (svg paths/points or a WebGL canvas) a figure holds."""
    return int(
        page.evaluate(
            """(id) => {
                const el = document.getElementById(id);
                if (!el || !el.classList.contains('js-plotly-plot')) return 0;
                const marks = el.querySelectorAll('.trace path, .trace .point');
                const canvases = el.querySelectorAll('canvas');
                return marks.length + canvases.length;
            }""",
            fig_id,
        )
    )


@pytest.fixture(scope="module")
def sample() -> Any:
    return tiekeeper.load_export()


@pytest.fixture(scope="module")
def sample_report(sample: Any) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return Report(sample).write_html(ARTIFACTS / "report.html")


def test_sample_report_draws_offline_without_errors(
    browser: Any, sample: Any, sample_report: Path
) -> None:
    v = visit(browser, sample_report)
    assert_clean(v)
    assert v.requests[0] == sample_report.resolve().as_uri()
    assert drawn(v.page, "fig-timeline") > 0
    # every one of the 315 people is a dot (plus the owner and the red rings of fading ties)
    assert drawn(v.page, "fig-network") >= sample.people.height
    for fig_id in ("fig-cadence", "fig-history", "fig-career", "fig-distribution"):
        assert v.page.locator(f"#{fig_id}.js-plotly-plot .main-svg").count() >= 1
    v.page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    v.page.screenshot(path=str(ARTIFACTS / "report-top.png"))  # the first screen, for the README
    v.page.close()


def test_sample_report_tables_name_the_expected_people(
    browser: Any, sample: Any, sample_report: Path
) -> None:
    scores = tiekeeper.score(sample)
    fading = (
        scores.filter(pl.col("status").is_in(["fading", "lapsed", "cooling", "dormant"]))
        .sort(["priority", "strength"], descending=True)
        .head(5)["name"]
        .to_list()
    )
    plan = tiekeeper.reach_out(sample, scores=scores)
    v = visit(browser, sample_report)
    table = v.page.inner_text("#fading-table")
    for name in fading:
        assert name in table
    cards = v.page.inner_text("#reach-out")
    for name in plan.suggestions["name"].to_list():
        assert name in cards
    owed = v.page.inner_text("#owed")
    for name in plan.owed_replies["name"].to_list():
        assert name in owed
    companies = v.page.inner_text("#companies-table")
    strongest = scores.filter(pl.col("company").is_not_null()).sort("strength")["name"][-1]
    assert strongest in companies
    v.page.close()


def test_fading_table_sorts_on_click(browser: Any, sample_report: Path) -> None:
    v = visit(browser, sample_report)
    header = v.page.locator("#fading-table thead th", has_text="Strength")
    header.click()
    first = [
        float(x)
        for x in v.page.eval_on_selector_all(
            "#fading-table tbody tr td:nth-child(3)", "cells => cells.map(c => c.dataset.sort)"
        )
        if x != ""
    ]
    assert first == sorted(first)
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    second = [
        float(x)
        for x in v.page.eval_on_selector_all(
            "#fading-table tbody tr td:nth-child(3)", "cells => cells.map(c => c.dataset.sort)"
        )
        if x != ""
    ]
    assert second == sorted(second, reverse=True)
    assert_clean(v)
    v.page.close()


def test_hostile_export_runs_no_injected_script(browser: Any, tmp_path: Path) -> None:
    from test_report_fixtures import HOSTILE

    export = tiekeeper.load_export(write_hostile_export(tmp_path))
    path = Report(export).write_html(tmp_path / "hostile.html")
    v = visit(browser, path)
    assert v.page.evaluate("typeof window.__pwned") == "undefined"
    assert_clean(v)
    # the hostile strings are shown as text, not markup
    body = v.page.inner_text("body")
    assert HOSTILE[0] in body and HOSTILE[1] in body
    assert v.page.locator("img").count() == 0
    # hovering the network and the cadence chart must not run anything either
    for fig_id in ("fig-network", "fig-cadence"):
        box = v.page.locator(f"#{fig_id} .nsewdrag").first.bounding_box()
        if box:
            v.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            v.page.wait_for_timeout(200)
    assert v.page.evaluate("typeof window.__pwned") == "undefined"
    v.page.close()


def test_redacted_report_shows_no_real_names(browser: Any, sample: Any, tmp_path: Path) -> None:
    path = Report(sample, redact=True).write_html(tmp_path / "redacted.html")
    v = visit(browser, path)
    assert_clean(v)
    shown = v.page.evaluate(
        """() => document.body.innerText + '\\n' +
            Array.from(document.querySelectorAll('svg text'))
                 .map(t => t.textContent).join('\\n')"""
    )
    names: set[str] = set(sample.owner.names)
    for row in sample.people.iter_rows(named=True):
        names.update(n for n in (row["name"], row["first_name"], row["last_name"]) if n)
    words = {w for n in names for w in re.findall(r"\w+", n) if len(w) > 1}
    leaked = sorted(
        w
        for w in words
        if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", shown, re.IGNORECASE if len(w) > 3 else 0)
    )
    assert leaked == []
    assert "Person " in shown and "You" in shown
    v.page.close()
