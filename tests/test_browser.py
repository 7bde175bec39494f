"""The report in a real headless Chromium: drawn, offline, safe and redacted.

Runs Debian's chromium through python playwright. A missing chromium is a
failure, not a skip: CI installs it (scripts/ensure-chromium.sh).

Four exports are opened, and the full-page screenshot of each report is kept
in tests/artifacts/ (git-ignored): the bundled sample (``report.png``), a
Connections-only export (``report-connections-only.png``), the bundled
history of three exports (``report-history.png``, its "what changed" section
alone in ``report-history-changes.png``) and an export of 30,000
connections, 98 % of them isolated, opened with WebGL disabled
(``report-isolated.png``). For each: every chart drawn has a trace with data
and no section is wider than the page. The network draws its points as SVG,
with or without WebGL. The fading table offers every row: it pages and
searches them in the page.
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
from tiekeeper.datasets import make_sample_export
from tiekeeper.report import Report
from tiekeeper.report.figures import NETWORK_MAX_NODES

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
#: A browser without WebGL, as in sandboxes and remote desktops that block it.
NO_WEBGL_ARGS = [*CHROMIUM_ARGS, "--disable-3d-apis"]
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
def playwright() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Any) -> Iterator[Any]:
    b = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="module")
def no_webgl(playwright: Any) -> Iterator[Any]:
    b = playwright.chromium.launch(executable_path=chromium_path(), args=NO_WEBGL_ARGS)
    yield b
    b.close()


@dataclasses.dataclass
class Visit:
    page: Any
    errors: list[str]
    console_errors: list[str]
    requests: list[str]


def visit(browser: Any, path: Path) -> Visit:
    """Open ``path`` and wait until every chart is drawn (report.js marks the body)."""
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
    page.wait_for_function("document.body.dataset.figuresDrawn !== undefined", timeout=60_000)
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


def network_points(page: Any) -> int:
    """SVG points of the network's people (the traces with a person id per point)."""
    return int(
        page.evaluate(
            """() => {
                const el = document.getElementById('fig-network');
                let n = 0;
                el.querySelectorAll('.scatterlayer .trace').forEach((g) => {
                    const cd = g.__data__;
                    const trace = cd && cd[0] && cd[0].trace;
                    if (trace && trace.customdata) n += g.querySelectorAll('.point').length;
                });
                return n;
            }"""
        )
    )


def charts_without_data(page: Any) -> list[str]:
    """The drawn charts none of whose traces holds data (empty axes)."""
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
                .filter((gd) => !(gd.data || []).some((t) =>
                    ['x', 'y', 'values', 'z'].some((k) => t[k] && t[k].length > 0)))
                .map((gd) => gd.id)"""
        )
    )


def too_wide(page: Any) -> list[str]:
    """What is wider than the page: the page itself, or a section (by id)."""
    return list(
        page.evaluate(
            """() => {
                const out = [];
                const page = document.documentElement;
                if (page.scrollWidth > window.innerWidth) out.push('page');
                document.querySelectorAll('main section').forEach((s) => {
                    const r = s.getBoundingClientRect();
                    if (s.scrollWidth > s.clientWidth + 1 || r.right > page.clientWidth + 1) {
                        out.push(s.id);
                    }
                });
                return out;
            }"""
        )
    )


def assert_well_drawn(v: Visit, screenshot: str) -> None:
    """No errors or requests, every chart has data, nothing overflows; keep a screenshot."""
    v.page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
    assert_clean(v)
    assert charts_without_data(v.page) == []
    assert too_wide(v.page) == []
    figures = v.page.locator("script[data-figure]").count()
    assert v.page.locator(".js-plotly-plot").count() == figures > 0
    assert "WebGL is not supported" not in v.page.inner_text("body")


def people_with_ties(G: Any) -> int:
    """Contacts linked to another contact, or messaged (status other than never interacted)."""
    count = 0
    for n, d in G.nodes(data=True):
        if d.get("kind") == "owner":
            continue
        linked = any(G.nodes[m].get("kind") != "owner" for m in G[n])
        if linked or d.get("status") != "never interacted":
            count += 1
    return count


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
    assert_well_drawn(v, "report.png")
    v.page.screenshot(path=str(ARTIFACTS / "report-top.png"))  # the first screen, for the README
    assert v.requests[0] == sample_report.resolve().as_uri()
    assert drawn(v.page, "fig-timeline") > 0
    # everyone with a tie is a dot; the people with none are counted below the chart
    G = tiekeeper.build_graph(sample)
    tied = people_with_ties(G)
    assert network_points(v.page) == tied
    isolated = G.number_of_nodes() - 1 - tied
    assert f"{isolated:,}" in v.page.inner_text("#isolated-count")
    for fig_id in ("fig-cadence", "fig-history", "fig-career", "fig-distribution"):
        assert v.page.locator(f"#{fig_id}.js-plotly-plot .main-svg").count() >= 1
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


def fading_names(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "#fading-table tbody tr td:first-child", "cells => cells.map(c => c.textContent)"
        )
    )


def test_fading_table_pages_and_searches_every_row(
    browser: Any, sample: Any, sample_report: Path
) -> None:
    scores = tiekeeper.score(sample)
    fading = scores.filter(pl.col("status").is_in(["fading", "lapsed", "cooling", "dormant"]))
    assert fading.height > 150  # more than the old table's 150 rows
    v = visit(browser, sample_report)
    page = v.page
    assert page.locator("#fading-tools").is_visible()
    first = fading_names(page)
    assert len(first) == 50
    assert page.inner_text("#fading-position") == f"1–50 of {fading.height}"
    assert page.locator("#fading-prev").is_disabled()
    page.click("#fading-next")
    second = fading_names(page)
    assert len(second) == 50 and not set(second) & set(first)
    assert page.inner_text("#fading-position") == f"51–100 of {fading.height}"
    # the least urgent tie, on the last page, is found by name (accents need not be typed)
    last = fading.sort(
        ["priority", "strength", "person_id"],
        descending=[True, True, False],
        nulls_last=True,
    )["name"][-1]
    page.fill("#fading-search", last.split()[-1].upper())
    assert last in fading_names(page)
    assert "matching" in page.inner_text("#fading-position")
    page.fill("#fading-search", "zzzz no such tie")
    assert fading_names(page) == []
    assert "No tie matches" in page.inner_text("#fading-position")
    page.fill("#fading-search", "")
    assert fading_names(page) == first
    # sorting covers every row, not only the page shown
    page.locator("#fading-table thead th", has_text="Strength").click()
    lowest = page.eval_on_selector(
        "#fading-table tbody tr td:nth-child(3)", "c => parseFloat(c.dataset.sort)"
    )
    assert lowest == pytest.approx(float(fading["strength"].min()), abs=1e-4)
    assert_clean(v)
    page.close()


def test_history_report(browser: Any) -> None:
    from tiekeeper.datasets import sample_history_path

    ARTIFACTS.mkdir(exist_ok=True)
    history = tiekeeper.load_history(sample_history_path())
    path = Report(history).write_html(ARTIFACTS / "report-history.html")
    v = visit(browser, path)
    assert_well_drawn(v, "report-history.png")
    section = v.page.locator("section#changes")
    section.screenshot(path=str(ARTIFACTS / "report-history-changes.png"))
    text = section.inner_text()
    assert "What changed since your last export" in text
    moves = tiekeeper.changes(history).filter(pl.col("kind") == "company_changed")
    for name in moves["name"].to_list():
        assert name in text
    assert "linkedin.com" not in text
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
    # people only: LinkedIn's own accounts ("Jordan from LinkedIn Premium") share words
    # with the page's own text ("from a LinkedIn data export")
    for row in sample.people.filter(pl.col("kind") == "person").iter_rows(named=True):
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


# ------------------------------------------------- partial and large exports


def test_connections_only_export(no_webgl: Any, tmp_path: Path) -> None:
    full = make_sample_export(tmp_path / "full", n_connections=120, n_messages=1_000)
    only = tmp_path / "connections-only"
    only.mkdir()
    (only / "Connections.csv").write_bytes((full / "Connections.csv").read_bytes())
    path = Report(tiekeeper.load_export(only)).write_html(tmp_path / "connections-only.html")
    v = visit(no_webgl, path)
    assert_well_drawn(v, "report-connections-only.png")
    v.page.close()


@pytest.fixture(scope="module")
def isolated_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30,000 connections, 98 % of them tied to no one (the shape of real exports)."""
    out = tmp_path_factory.mktemp("isolated")
    return make_sample_export(
        out, n_connections=30_000, n_messages=60_000, isolated_share=0.98, fmt="zip"
    )


def test_mostly_isolated_export_draws_without_webgl(
    no_webgl: Any, isolated_export: Path, tmp_path: Path
) -> None:
    export = tiekeeper.load_export(isolated_export)
    assert export.connections.height == 30_000
    path = Report(export).write_html(tmp_path / "isolated.html")
    v = visit(no_webgl, path)
    assert_well_drawn(v, "report-isolated.png")
    assert v.page.evaluate("!!document.createElement('canvas').getContext('webgl')") is False
    G = tiekeeper.build_graph(export)
    tied = people_with_ties(G)
    assert 50 < tied < 1_500
    assert network_points(v.page) == min(tied, NETWORK_MAX_NODES)
    assert v.page.locator("#fig-network canvas").count() == 0  # SVG, not WebGL
    isolated = G.number_of_nodes() - 1 - tied
    assert isolated > 28_000
    assert f"{isolated:,}" in v.page.inner_text("#isolated-count")
    v.page.close()


@pytest.fixture(scope="module")
def large_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A report whose network is large (above LARGE people with ties): backbone, boxes."""
    out = tmp_path_factory.mktemp("large")
    export = tiekeeper.load_export(
        make_sample_export(out / "export", n_connections=3_000, n_messages=9_000)
    )
    tied = people_with_ties(tiekeeper.build_graph(export))
    return Report(export).write_html(out / "large.html"), tied


def test_large_network_draws_as_svg_with_and_without_webgl(
    browser: Any, no_webgl: Any, large_report: tuple[Path, int]
) -> None:
    from tiekeeper.graph.layout import LARGE

    path, tied = large_report
    assert tied > LARGE
    for b, screenshot in ((no_webgl, "report-large-no-webgl.png"), (browser, "report-large.png")):
        v = visit(b, path)
        assert_well_drawn(v, screenshot)
        assert network_points(v.page) == min(tied, NETWORK_MAX_NODES)
        assert v.page.locator("#fig-network canvas").count() == 0
        v.page.close()


def test_a_webgl_trace_is_drawn_as_svg(browser: Any, tmp_path: Path) -> None:
    # plotly's WebGL traces need eval, which the page's CSP forbids: even where the
    # browser has WebGL they would show "WebGL is not supported", so the page draws SVG
    import plotly.graph_objects as go
    from test_report_fixtures import inputs

    from tiekeeper.report.render import render_html
    from tiekeeper.report.summarize import summarize

    fig = go.Figure(go.Scattergl(x=[0, 1, 2], y=[2, 0, 1], mode="markers", customdata=[1, 2, 3]))
    path = tmp_path / "gl.html"
    path.write_text(render_html(summarize(inputs()), {"network": fig}), encoding="utf-8")
    v = visit(browser, path)
    assert_clean(v)
    assert network_points(v.page) == 3
    assert v.page.locator("#fig-network .no-webgl").count() == 0
    v.page.close()
