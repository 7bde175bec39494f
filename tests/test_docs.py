"""The documentation site: built with warnings as errors, complete, and offline.

The site is built once per session with ``sphinx-build -W --keep-going`` into a
temporary folder (the notebooks' executed outputs come from, and go to, the
jupyter-cache in ``.jupyter_cache``, as with ``make docs``). A warning, such as a
reference to a name that does not exist or a docstring that fails a numpydoc
check not listed in ``docs/numpydoc_debt.txt``, fails the build.

Then: every public name (``tiekeeper.__all__`` and the ``__all__`` of each
documented module) is in the built reference's inventory; every frame of
``tiekeeper.schema.SCHEMAS`` has its table; and the index and a notebook page,
opened in Chromium, draw their charts without a single request leaving the disk.
"""

from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import CHROMIUM_ARGS, LOCAL, chromium_path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

import tiekeeper_docs  # noqa: E402

pytestmark = pytest.mark.slow

#: The modules issue 17 names as the public API, besides tiekeeper itself.
REQUIRED_MODULES = [
    "io",
    "scoring",
    "graph",
    "plots",
    "report",
    "validate",
    "state",
    "schema",
    "errors",
    "datasets",
    "output",
    "companies",
    "notebooks",
]
#: Documented as soon as they exist.
LATER_MODULES = ["history", "archive"]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-q",
        "-d",
        str(out / "doctrees"),
        str(DOCS),
        str(out / "html"),
    ]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert run.returncode == 0, f"sphinx-build failed:\n{run.stderr[-6000:]}"
    return out / "html"


def inventory(site: Path) -> dict[str, set[str]]:
    """The built objects.inv as {role: names}."""
    from sphinx.util.inventory import InventoryFile

    with (site / "objects.inv").open("rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    data = getattr(inv, "data", inv)  # a dict before Sphinx 9.1, an _Inventory since
    return {role: set(entries) for role, entries in data.items()}


def test_the_documented_modules_are_the_public_modules() -> None:
    assert set(REQUIRED_MODULES) <= set(tiekeeper_docs.MODULES)
    for name in LATER_MODULES:
        if importlib.util.find_spec(f"tiekeeper.{name}") is not None:
            assert name in tiekeeper_docs.MODULES, f"tiekeeper.{name} exists: document it"
    import tiekeeper

    submodules = {n for n in tiekeeper.__all__ if n in tiekeeper_docs.MODULES or n == "io"}
    listed = {n for n in tiekeeper.__all__ if importlib.util.find_spec(f"tiekeeper.{n}")}
    assert listed <= set(tiekeeper_docs.MODULES) | submodules


def test_every_public_name_is_in_the_reference(site: Path) -> None:
    inv = inventory(site)
    python = set().union(*(names for role, names in inv.items() if role.startswith("py:")))
    assert python, "the inventory holds no Python objects"
    expected = {
        f"{module}.{name}"
        for module, names in tiekeeper_docs.public_names().items()
        for name in names
    }
    assert len(expected) > 100
    missing = sorted(expected - python)
    assert missing == []
    modules = inv["py:module"]
    assert {f"tiekeeper.{m}" for m in tiekeeper_docs.MODULES} <= modules
    # functions keep their role, so that :func: links resolve
    assert "tiekeeper.load_export" in inv["py:function"]
    assert "tiekeeper.io.load_export" in inv["py:function"]
    assert "tiekeeper.Export" in inv["py:class"]
    assert "tiekeeper.errors.TiekeeperError" in inv["py:exception"]


def test_an_object_listed_by_several_modules_is_described_once() -> None:
    canonical = tiekeeper_docs.canonical_names()
    # re-exported by tiekeeper: described on the tiekeeper page
    assert canonical["tiekeeper.io.Export"] == "tiekeeper.Export"
    assert canonical["tiekeeper.history.History"] == "tiekeeper.History"
    # else where it is defined, not where it is re-exported
    assert canonical["tiekeeper.output.write_sqlite"] == "tiekeeper.database.write_sqlite"
    assert "tiekeeper.database.write_sqlite" not in canonical
    public = {f"{m}.{n}" for m, names in tiekeeper_docs.public_names().items() for n in names}
    assert set(canonical) <= public
    assert set(canonical.values()) <= public - set(canonical)  # never an alias of an alias


def test_signatures_spell_out_module_aliases() -> None:
    unalias = tiekeeper_docs._unalias
    assert unalias("dt.datetime | dt.date | None") == "datetime.datetime | datetime.date | None"
    assert unalias("export_date: dt.date = dt.date(2025, 3, 14)") == (
        "export_date: datetime.date = datetime.date(2025, 3, 14)"
    )
    # a polars namespace or a longer name is not an alias
    assert unalias('pl.col("a").dt.date()') == 'pl.col("a").dt.date()'
    assert unalias("odt.date, pdt.x") == "odt.date, pdt.x"


def test_annotations_link_to_the_canonical_description(site: Path) -> None:
    for name in ("tiekeeper.state.html", "tiekeeper.validate.html", "tiekeeper.database.html"):
        page = (site / "api" / name).read_text(encoding="utf-8")
        assert 'href="tiekeeper.html#tiekeeper.Export"' in page, name
        assert not re.search(r'class="pre">dt\.', page), name
    page = (site / "api" / "tiekeeper.output.html").read_text(encoding="utf-8")
    assert 'href="tiekeeper.database.html#tiekeeper.database.write_sqlite"' in page


def test_reference_pages_show_signature_parameters_and_examples(site: Path) -> None:
    page = (site / "api" / "tiekeeper.html").read_text(encoding="utf-8")
    start = page.index('id="tiekeeper.load_export"')
    entry = page[start : page.index('<dl class="py', start + 1)]
    assert "sig-param" in entry  # the signature, with its parameters
    for section in ("Parameters", "Returns", "Raises", "Examples"):
        assert section in entry


def test_schema_tables_follow_the_code(site: Path) -> None:
    from tiekeeper.schema import SCHEMAS

    page = (site / "schemas.html").read_text(encoding="utf-8")
    for frame, columns in SCHEMAS.items():
        assert f'id="schema-{frame}"' in page
        section = page[page.index(f'id="schema-{frame}"') :]
        section = section[: section.index("</table>")]
        for column in columns:
            assert f">{column}<" in section, (frame, column)


def test_cli_reference_lists_every_command(site: Path) -> None:
    from tiekeeper.cli import cli

    page = (site / "cli.html").read_text(encoding="utf-8")
    assert cli.commands
    for name in cli.commands:
        assert f'id="tiekeeper-{name}"' in page, name


def test_scoring_page_includes_the_backtest_results(site: Path) -> None:
    page = html.unescape((site / "scoring.html").read_text(encoding="utf-8"))
    page = page.replace("\u2019", "'")
    results = (ROOT / "bench" / "RESULTS-scoring.md").read_text(encoding="utf-8")
    headings = [line.lstrip("#").strip() for line in results.splitlines() if line.startswith("## ")]
    assert headings
    for heading in headings:
        assert heading.split(":")[0].split("(")[0].strip() in page, heading


def test_no_page_loads_anything_from_the_network(site: Path) -> None:
    """Every page, read as text: no script, stylesheet, font or image from a URL."""
    remote = re.compile(
        r"<(?:script|img|iframe|source)\b[^>]*\bsrc=[\"']?(?:https?:)?//"
        r"|<link\b[^>]*\bhref=[\"']?(?:https?:)?//"
        r"|@import\s+(?:url\()?[\"']?(?:https?:)?//",
        re.IGNORECASE,
    )
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    found = {
        str(p.relative_to(site)): m.group(0)
        for p in pages
        if (m := remote.search(p.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_offline(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """Open ``path``, refusing every request that would leave the disk."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    leaving: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            leaving.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(500)
    return page, leaving, errors


@pytest.mark.browser
@pytest.mark.parametrize(
    ("page_path", "charts"),
    [("index.html", 0), ("notebooks/02_fading_relationships.html", 3), ("api/tiekeeper.html", 0)],
)
def test_site_makes_no_network_request(
    site: Path, browser: Any, page_path: str, charts: int
) -> None:
    page, leaving, errors = open_offline(browser, site / page_path)
    assert leaving == []
    assert errors == []
    assert page.locator(".bd-sidebar-primary, .bd-header").count() > 0  # the theme drew
    # the notebook's charts are drawn from its executed outputs, plotly.js inline
    assert page.locator(".js-plotly-plot").count() >= charts
    page.close()
