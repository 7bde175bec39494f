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
"""

from __future__ import annotations

import threading
from typing import Any

__all__ = ["RENDERER", "use_notebook_renderer"]

#: The name under which :func:`use_notebook_renderer` registers the renderer.
RENDERER = "tiekeeper_notebook"

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


def _renderer() -> Any:
    """A plotly mimetype renderer built on :func:`_to_mimebundle` (plotly imported here)."""
    from plotly.io.base_renderers import MimetypeRenderer

    class OfflineNotebookRenderer(MimetypeRenderer):
        """The figure's plotly JSON plus self-contained HTML, plotly.js once per kernel."""

        def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, Any]:
            return _to_mimebundle(fig_dict)

    return OfflineNotebookRenderer()


def use_notebook_renderer() -> str:
    """Make notebook charts survive export to HTML: JSON plus offline HTML, plotly.js once.

    Call it once at the top of a notebook. Every figure then stores its plotly
    JSON (drawn by JupyterLab) and an HTML rendering; the first carries the
    plotly.js bundle inline. ``jupyter nbconvert --to html`` of the executed
    notebook then shows every chart offline, as nbviewer does.

    Returns
    -------
    str
        The renderer's name, now ``plotly.io.renderers.default``.

    Examples
    --------
    >>> import plotly.io as pio
    >>> before = pio.renderers.default
    >>> use_notebook_renderer()
    'tiekeeper_notebook'
    >>> pio.renderers.default = before
    """
    import plotly.io as pio

    if RENDERER not in pio.renderers:
        pio.renderers[RENDERER] = _renderer()
    pio.renderers.default = RENDERER
    return RENDERER
