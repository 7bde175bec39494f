"""Static chart images (issue 16): plots.save, report --images, the notebooks' static switch."""

from __future__ import annotations

import base64
import importlib.util
import io
import os
import shutil
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from click.testing import CliRunner
from PIL import Image, ImageStat

import tiekeeper as tk
from tiekeeper.cli import cli
from tiekeeper.errors import MissingDependencyError, ParameterError
from tiekeeper.plots import _notebook, static

HAS_BROWSER = bool(os.environ.get("BROWSER_PATH") or shutil.which("chromium")) or any(
    shutil.which(n) for n in ("chromium-browser", "google-chrome", "chrome")
)
needs_browser = pytest.mark.skipif(not HAS_BROWSER, reason="no Chrome or Chromium here")


def _variance(png: bytes) -> float:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return float(sum(ImageStat.Stat(image.convert("L")).var))


@pytest.fixture(scope="module")
def sample() -> tk.Export:
    return tk.load_export()


@needs_browser
def test_save_writes_a_png_that_is_not_blank(sample: tk.Export, tmp_path: Path) -> None:
    fig = tk.plots.timeline(sample)
    path = tk.plots.save(fig, tmp_path / "timeline.png", width=800, height=400, scale=1)
    assert path == tmp_path / "timeline.png"
    data = path.read_bytes()
    assert Image.open(io.BytesIO(data)).size == (800, 400)
    assert _variance(data) > 100  # bars, text and axes, not one flat colour
    blank = tk.plots.save(go.Figure(), tmp_path / "blank.png", width=200, height=100, scale=1)
    assert _variance(blank.read_bytes()) < _variance(data)


@needs_browser
def test_save_all_writes_png_and_svg_with_one_call(sample: tk.Export, tmp_path: Path) -> None:
    fig = tk.plots.strength_distribution(tk.score(sample))
    paths = tk.plots.save_all({tmp_path / "a.svg": fig, tmp_path / "b.PNG": fig}, scale=1)
    assert paths == [tmp_path / "a.svg", tmp_path / "b.PNG"]
    assert paths[0].read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert _variance(paths[1].read_bytes()) > 0


def test_an_unknown_suffix_is_refused_before_drawing(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"chart\.jpg: unknown suffix '\.jpg'; expected"):
        tk.plots.save(go.Figure(), tmp_path / "chart.jpg")
    (tmp_path / "dir.png").mkdir()
    with pytest.raises(ParameterError, match="this is a folder"):
        tk.plots.save(go.Figure(), tmp_path / "dir.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.png"]


def test_without_kaleido_the_error_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = importlib.util.find_spec

    def fake(name: str, *args: object, **kwargs: object) -> object:
        return None if name == "kaleido" else real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    with pytest.raises(MissingDependencyError, match=r"pip install 'tiekeeper\[images\]'"):
        tk.plots.save(go.Figure(), tmp_path / "x.png")
    result = CliRunner().invoke(cli, ["report", "-o", str(tmp_path / "r.html"), "--images", "i"])
    assert result.exit_code == 1 and not (tmp_path / "r.html").exists()
    assert result.stderr.splitlines() == [
        "Error: --images needs kaleido, which tiekeeper does not install by default; "
        "install it with: pip install 'tiekeeper[images]'"
    ]


def test_without_a_browser_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    with pytest.raises(MissingDependencyError, match="apt-get install chromium"):
        tk.plots.save(go.Figure(), tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_kaleido_is_kept_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """MathJax off (kaleido would fetch it from a CDN) and plotly.js from the installed package."""
    import kaleido

    seen: dict[str, Any] = {}

    class Fake:
        def __init__(self, **kwargs: Any) -> None:
            seen.update(kwargs)

        async def __aenter__(self) -> Fake:
            return self

        async def __aexit__(self, *args: object) -> None:
            return None

        async def calc_fig(self, spec: dict[str, Any], opts: dict[str, Any]) -> bytes:
            return b"png"

    monkeypatch.setattr(kaleido, "Kaleido", Fake)
    assert static.render_images([go.Figure()], "png") == [b"png"]
    assert seen["mathjax"] is False
    assert Path(seen["plotlyjs"]).is_file() and "://" not in seen["plotlyjs"]


@needs_browser
@pytest.mark.slow
def test_report_images_writes_each_chart_as_a_png(tmp_path: Path) -> None:
    from tiekeeper.report.figures import FIGURE_IDS

    page, folder = tmp_path / "report.html", tmp_path / "charts"
    result = CliRunner().invoke(cli, ["report", "-o", str(page), "--images", str(folder)])
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    assert printed[0] == str(page) and page.is_file()
    images = [Path(p) for p in printed[1:]]
    assert [p.stem for p in images] == list(FIGURE_IDS)  # the sample draws all six
    assert sorted(folder.iterdir()) == sorted(images)
    for image in images:
        assert _variance(image.read_bytes()) > 100, image.name


def test_report_images_refuses_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "charts"
    afile.write_text("x")
    report = tk.Report(tk.load_export())
    with pytest.raises(ParameterError, match="this is a file; expected a folder"):
        report.write_images(afile)


@needs_browser
def test_notebook_static_switch_stores_a_png(
    sample: tk.Export, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = pio.renderers.default
    try:
        monkeypatch.delenv(_notebook.STATIC_ENV, raising=False)
        assert tk.plots.use_notebook_renderer() == "tiekeeper_notebook"  # off by default
        monkeypatch.setenv(_notebook.STATIC_ENV, "1")
        assert tk.plots.use_notebook_renderer() == "tiekeeper_static"
        assert tk.plots.use_notebook_renderer(static=False) == "tiekeeper_notebook"
    finally:
        pio.renderers.default = before
    bundle = _notebook._to_static_mimebundle(tk.plots.timeline(sample).to_dict())
    assert set(bundle) == {"application/vnd.plotly.v1+json", "image/png"}  # no script at all
    assert _variance(base64.b64decode(bundle["image/png"])) > 100


@pytest.mark.skipif(importlib.util.find_spec("kaleido") is None, reason="needs kaleido")
def test_an_images_folder_that_cannot_be_made_stops_before_the_report(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    page = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", "-o", str(page), "--images", str(blocker / "i")])
    assert result.exit_code == 2 and not page.exists()
    assert "cannot create that folder" in result.stderr
