"""Notebook charts that survive export: plotly's JSON *and* offline HTML, plotly.js once.

Jupyter stores a plotly figure as ``application/vnd.plotly.v1+json`` by
default, which only JupyterLab's plotly extension can draw: converted to HTML
with ``jupyter nbconvert --to html --execute``, every chart cell is blank. The
renderer here stores both that JSON (for JupyterLab and VS Code) and a
``text/html`` rendering. The first figure a kernel displays carries the
plotly.js bundle, inline (no network, ever); later figures reuse it. nbviewer
and any JavaScript-capable viewer of the exported HTML then draw every chart.

The bundle is loaded so that it defines ``window.Plotly`` even on pages that
have an AMD loader (RequireJS), which would otherwise capture it.

**Static images** (off by default). Viewers that strip JavaScript (code hosts'
notebook previews, some e-mail and chat previews) show an empty space where
each chart is. ``use_notebook_renderer(static=True)``, or the environment
variable ``TIEKEEPER_STATIC_CHARTS=1`` when the notebook calls
``use_notebook_renderer()``, stores each chart as a PNG image (drawn with
kaleido and Chrome/Chromium, see :func:`tiekeeper.plots.save`) next to its
plotly JSON, instead of the HTML: JupyterLab still draws the interactive
chart, every other viewer shows the picture. Each chart then takes a couple
of seconds more to draw.
"""

from __future__ import annotations

import threading
from typing import Any

__all__ = ["RENDERER", "STATIC_ENV", "STATIC_RENDERER", "use_notebook_renderer"]

#: The name under which :func:`use_notebook_renderer` registers the renderer.
RENDERER = "tiekeeper_notebook"
#: The name of the static-image renderer (``static=True``).
STATIC_RENDERER = "tiekeeper_static"
#: The environment variable that turns static images on (``1``, ``true`` or ``yes``).
STATIC_ENV = "TIEKEEPER_STATIC_CHARTS"

_lock = threading.Lock()
_bundle_sent = False


def _bundle_script() -> str:
    from plotly.offline import get_plotlyjs

    # hide an AMD `define` while the bundle runs, so that it sets window.Plotly
    return (
        '<script type="text/javascript">'
        "(function(){var d=window.define;window.define=undefined;try{"
        + get_plotlyjs()
        + "}finally{window.define=d;}})();</script>"
    )


def _to_mimebundle(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """The mime bundle Jupyter stores for one figure (see the module docstring)."""
    global _bundle_sent
    import plotly.io as pio

    html = pio.to_html(fig_dict, include_plotlyjs=False, full_html=False, validate=False)
    with _lock:
        first = not _bundle_sent
        _bundle_sent = True
    if first:
        html = _bundle_script() + html
    data = {
        "data": fig_dict.get("data", []),
        "layout": fig_dict.get("layout", {}),
        "config": {},
    }
    return {"application/vnd.plotly.v1+json": data, "text/html": html}


def _to_static_mimebundle(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """The figure's plotly JSON and a PNG image of it (no HTML, no script)."""
    import base64

    import plotly.graph_objects as go

    from tiekeeper.plots.static import render_images

    fig = go.Figure(fig_dict, skip_invalid=True)
    png = render_images([fig], "png")[0]
    data = {"data": fig_dict.get("data", []), "layout": fig_dict.get("layout", {}), "config": {}}
    return {
        "application/vnd.plotly.v1+json": data,
        "image/png": base64.b64encode(png).decode("ascii"),
    }


def _renderer(static: bool = False) -> Any:
    """A plotly mimetype renderer built on :func:`_to_mimebundle` (plotly imported here)."""
    from plotly.io.base_renderers import MimetypeRenderer

    class OfflineNotebookRenderer(MimetypeRenderer):
        """The figure's plotly JSON plus self-contained HTML, plotly.js once per kernel."""

        def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, Any]:
            return _to_mimebundle(fig_dict)

    class StaticNotebookRenderer(MimetypeRenderer):
        """The figure's plotly JSON plus a PNG image, for viewers without JavaScript."""

        def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, Any]:
            return _to_static_mimebundle(fig_dict)

    return StaticNotebookRenderer() if static else OfflineNotebookRenderer()


def _static_from_env() -> bool:
    import os

    return os.environ.get(STATIC_ENV, "").strip().lower() in ("1", "true", "yes")


def use_notebook_renderer(static: bool | None = None) -> str:
    """Make notebook charts survive export to HTML: JSON plus offline HTML, plotly.js once.

    Call it once at the top of a notebook. Every figure then stores its plotly
    JSON (drawn by JupyterLab) and an HTML rendering; the first carries the
    plotly.js bundle inline. ``jupyter nbconvert --to html`` of the executed
    notebook then shows every chart offline, as nbviewer does.

    Parameters
    ----------
    static : bool, optional
        True stores a PNG image of each chart instead of the HTML, for
        viewers that strip JavaScript (needs kaleido and Chrome/Chromium);
        None (the default) reads the environment variable
        ``TIEKEEPER_STATIC_CHARTS`` (``1``, ``true`` or ``yes`` turn it on).

    Returns
    -------
    str
        The renderer's name, now ``plotly.io.renderers.default``.

    Examples
    --------
    >>> import plotly.io as pio
    >>> before = pio.renderers.default
    >>> use_notebook_renderer(static=False)
    'tiekeeper_notebook'
    >>> pio.renderers.default = before
    """
    import plotly.io as pio

    if static is None:
        static = _static_from_env()
    name = STATIC_RENDERER if static else RENDERER
    if static:
        from tiekeeper.plots.static import require_kaleido

        require_kaleido("Static chart images (TIEKEEPER_STATIC_CHARTS)")
    if name not in pio.renderers:
        pio.renderers[name] = _renderer(static)
    pio.renderers.default = name
    return name
