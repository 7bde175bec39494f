"""Static images of the charts (PNG, SVG), for slides and viewers that strip JavaScript.

plotly draws its charts in a browser; kaleido (the ``images`` extra) runs a
headless Chrome or Chromium that is already installed (Debian's
``/usr/bin/chromium``, found on its own; set ``BROWSER_PATH`` to use another)
and takes the picture. Nothing is downloaded: plotly.js comes from the
installed plotly package and MathJax is switched off (kaleido would fetch it
from a CDN otherwise).

Starting the browser takes most of the time of one image (about two seconds,
see ``bench/RESULTS-interchange.md``): :func:`save_all` draws many figures
with one browser.

Examples
--------
>>> image_format("chart.PNG"), image_format("chart.svg")
('png', 'svg')
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
from collections.abc import Callable, Coroutine, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tiekeeper.errors import MissingDependencyError, ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = [
    "DEFAULT_HEIGHT",
    "DEFAULT_WIDTH",
    "IMAGE_FORMATS",
    "image_format",
    "render_images",
    "require_kaleido",
    "save",
    "save_all",
]

#: What :func:`save` writes, by suffix.
IMAGE_FORMATS: dict[str, str] = {".png": "png", ".svg": "svg"}
#: The size of an image whose figure sets none (CSS pixels; PNGs are ``scale`` times that).
DEFAULT_WIDTH = 1000
DEFAULT_HEIGHT = 560
_NO_BROWSER = (
    "no Chrome or Chromium was found to draw the image; install one (Debian and Ubuntu: "
    "apt-get install chromium) or set BROWSER_PATH to its program"
)
T = TypeVar("T")


def require_kaleido(what: str = "Saving a chart as an image") -> None:
    """Raise :class:`~tiekeeper.errors.MissingDependencyError` unless kaleido imports.

    Examples
    --------
    >>> require_kaleido()  # installed with the [images] extra
    """
    if importlib.util.find_spec("kaleido") is None:
        raise MissingDependencyError(
            f"{what} needs kaleido, which tiekeeper does not install by default; "
            "install it with: pip install 'tiekeeper[images]'"
        )


def image_format(path: str | os.PathLike[str]) -> str:
    """The image format ``path`` names by its suffix: ``png`` or ``svg``.

    Raises
    ------
    ParameterError
        For any other suffix.

    Examples
    --------
    >>> image_format("chart.jpg")
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: chart.jpg: unknown suffix '.jpg'; expected .png or .svg
    """
    suffix = Path(path).suffix
    fmt = IMAGE_FORMATS.get(suffix.lower())
    if fmt is None:
        found = f"unknown suffix {suffix!r}" if suffix else "no suffix"
        raise ParameterError(f"{Path(path).name}: {found}; expected .png or .svg")
    return fmt


def _run(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to the end, also inside a running event loop (Jupyter)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def _opts(fig: go.Figure, fmt: str, width: int | None, height: int | None, scale: float) -> dict:
    layout = fig.layout
    return {
        "format": fmt,
        "width": width or layout.width or DEFAULT_WIDTH,
        "height": height or layout.height or DEFAULT_HEIGHT,
        "scale": scale,
    }


def render_images(
    figures: list[go.Figure],
    fmt: str = "png",
    *,
    width: int | None = None,
    height: int | None = None,
    scale: float = 2.0,
) -> list[bytes]:
    """The bytes of each figure as a PNG or SVG image, drawn with one browser.

    Raises
    ------
    MissingDependencyError
        When kaleido is not installed, or no Chrome or Chromium is found.
    """
    require_kaleido()
    import plotly
    from kaleido import Kaleido
    from kaleido.errors import ChromeNotFoundError

    plotlyjs = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    specs = [(fig.to_plotly_json(), _opts(fig, fmt, width, height, scale)) for fig in figures]

    async def draw() -> list[bytes]:
        async with Kaleido(n=1, mathjax=False, plotlyjs=str(plotlyjs)) as kaleido:
            return [bytes(await kaleido.calc_fig(spec, opts=opts)) for spec, opts in specs]

    if not figures:
        return []
    try:
        return _run(draw)
    except ChromeNotFoundError as err:
        raise MissingDependencyError(_NO_BROWSER) from err


def save(
    fig: go.Figure,
    path: str | os.PathLike[str],
    *,
    width: int | None = None,
    height: int | None = None,
    scale: float = 2.0,
) -> Path:
    """Write ``fig`` as a PNG or SVG image, the format named by the suffix of ``path``.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        Any figure, such as those of :mod:`tiekeeper.plots`.
    path : str or path-like
        Ends in ``.png`` or ``.svg``; overwritten.
    width, height : int, optional
        In CSS pixels; default: the figure's own, else
        :data:`DEFAULT_WIDTH` × :data:`DEFAULT_HEIGHT`.
    scale : float
        PNG pixels per CSS pixel (2 is sharp on slides and high-DPI screens).

    Returns
    -------
    pathlib.Path
        The file written: ``path`` (``~`` expanded).

    Raises
    ------
    ParameterError
        For another suffix, or a ``path`` that is a folder (before any browser starts).
    MissingDependencyError
        When kaleido (``pip install 'tiekeeper[images]'``) or a Chrome/Chromium
        browser is missing.

    Examples
    --------
    Drawing starts Chrome or Chromium (about two seconds), which a machine may
    not have: that line is skipped here, and ``tests/test_images.py`` draws it.

    >>> import tempfile, pathlib, tiekeeper
    >>> fig = tiekeeper.plots.timeline(tiekeeper.load_export())
    >>> out = save(fig, pathlib.Path(tempfile.mkdtemp()) / "timeline.png")  # doctest: +SKIP
    >>> save(fig, "timeline.jpg")
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: timeline.jpg: unknown suffix '.jpg'; expected .png or .svg
    """
    return save_all({path: fig}, width=width, height=height, scale=scale)[0]


def save_all(
    figures: Mapping[str | os.PathLike[str], go.Figure],
    *,
    width: int | None = None,
    height: int | None = None,
    scale: float = 2.0,
) -> list[Path]:
    """Write each figure to its path (PNG or SVG by suffix), with one browser for all.

    Every path is checked before the browser starts, so a bad one writes nothing.
    One image at a time, :func:`save`, starts a browser per image.

    Parameters
    ----------
    figures : mapping of str or path-like to plotly.graph_objects.Figure
        Each path (ending in ``.png`` or ``.svg``; overwritten) and its figure.
    width, height : int, optional
        In CSS pixels, for every image; default: each figure's own, else
        :data:`DEFAULT_WIDTH` × :data:`DEFAULT_HEIGHT`.
    scale : float
        PNG pixels per CSS pixel.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``figures`` (``~`` expanded).

    Raises
    ------
    ParameterError
        For a path with another suffix, or one that is a folder.
    MissingDependencyError
        When kaleido (``pip install 'tiekeeper[images]'``) or a Chrome/Chromium
        browser is missing.

    Examples
    --------
    Drawing starts Chrome or Chromium (about two seconds), which a machine may
    not have: that line is skipped here, and ``tests/test_images.py`` draws it.

    >>> import tempfile, pathlib, tiekeeper
    >>> export = tiekeeper.load_export()
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> figures = {
    ...     folder / "timeline.svg": tiekeeper.plots.timeline(export),
    ...     folder / "strength.png": tiekeeper.plots.strength_distribution(tiekeeper.score(export)),
    ... }
    >>> [p.name for p in save_all(figures, scale=1)]  # doctest: +SKIP
    ['timeline.svg', 'strength.png']
    >>> save_all({**figures, folder / "extra.pdf": tiekeeper.plots.timeline(export)})
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: extra.pdf: unknown suffix '.pdf'; expected .png or .svg
    >>> sorted(folder.iterdir())  # nothing written
    []
    >>> save_all({})
    []
    """
    targets = [Path(p).expanduser() for p in figures]
    formats = [image_format(p) for p in targets]
    for target in targets:
        if target.is_dir():
            raise ParameterError(f"{target}: this is a folder; expected a .png or .svg file")
    figs = list(figures.values())
    images: list[bytes] = []
    for fmt in dict.fromkeys(formats):
        chosen = [f for f, g in zip(figs, formats, strict=True) if g == fmt]
        images += render_images(chosen, fmt, width=width, height=height, scale=scale)
    order = [i for fmt in dict.fromkeys(formats) for i, g in enumerate(formats) if g == fmt]
    written: dict[int, Path] = {}
    for index, data in zip(order, images, strict=True):
        targets[index].write_bytes(data)
        written[index] = targets[index]
    return [written[i] for i in range(len(targets))]
