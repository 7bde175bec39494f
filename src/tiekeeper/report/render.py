"""Stage 4 of the report: render plain data and figures into one self-contained page.

jinja2 renders the template with autoescaping on, so every string from the
export (names, titles, companies, reasons, openers) is HTML-escaped. Only two
things bypass it, both on purpose and both made safe here:

* plotly.js itself, inlined once (``plotly.offline.get_plotlyjs()``), so the
  page works offline and makes no request;
* each figure's JSON, and the rows of the fading table
  (:func:`~tiekeeper.report.fading.fading_json`), in ``<script
  type="application/json">`` blocks that the page's one inline script parses
  (and hands to ``Plotly.newPlot``, or pages through). Every
  ``<``, ``>`` and ``&`` in the JSON is written as a ``\\u003c``-style escape,
  which keeps its meaning inside JSON strings but can never close the script
  element (``</script>``) or open a comment (``<!--``).

Examples
--------
>>> json_for_script('{"name": "</script><!-- & co"}')
Markup('{"name": "\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 co"}')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import jinja2
    import plotly.graph_objects as go
    from markupsafe import Markup

__all__ = [
    "PLOTLY_CONFIG",
    "content_security_policy",
    "environment",
    "json_for_script",
    "plotly_js",
    "render_html",
]

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_SPECIAL = re.compile("[<>&\u2028\u2029]")
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)

#: plotly's options for every figure: no logo, no cloud links, responsive.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "showLink": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def json_for_script(text: str) -> Markup:
    """JSON text made safe to place verbatim inside a ``<script>`` element.

    Parameters
    ----------
    text : str
        Valid JSON. ``<``, ``>``, ``&``, U+2028 and U+2029 can only occur
        inside JSON strings, where their ``\\uXXXX`` escapes mean the same.
    """
    from markupsafe import Markup

    return Markup(_JSON_SPECIAL.sub(lambda m: _JSON_ESCAPES[m.group(0)], text))


def plotly_js() -> Markup:
    """The plotly.js bundle, to inline once per page (about 4.8 MB)."""
    from markupsafe import Markup
    from plotly.offline import get_plotlyjs

    # The bundle holds no "</script"; rewriting one defensively keeps the page whole.
    return Markup(_SCRIPT_END.sub(r"<\\/\1", get_plotlyjs()))


def environment() -> jinja2.Environment:
    """The jinja2 environment of the report templates (autoescape on, strict undefined)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tiekeeper.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json_for_script"] = json_for_script
    return env


def render_html(summary: dict[str, Any], figures: dict[str, go.Figure]) -> str:
    """The full report page.

    Parameters
    ----------
    summary : dict
        From :func:`tiekeeper.report.summarize.summarize`.
    figures : dict of str to plotly Figure
        From :func:`tiekeeper.report.figures.build_figures`; each is drawn into
        ``<div id="fig-<key>">``.

    Returns
    -------
    str
        One HTML document with no external reference of any kind.
    """
    import json

    from markupsafe import Markup

    from tiekeeper.report.fading import fading_json

    env = environment()
    config = json_for_script(json.dumps(PLOTLY_CONFIG, sort_keys=True))
    rows = summary["fading"]["rows"]
    fading = json_for_script(fading_json(rows)) if rows else None
    specs = {key: json_for_script(fig.to_json()) for key, fig in figures.items()}
    library = plotly_js()
    app = Markup(_SCRIPT_END.sub(r"<\\/\1", env.loader.get_source(env, "report.js")[0]))  # type: ignore[union-attr]
    return env.get_template("report.html.j2").render(
        s=summary,
        figures=specs,
        plotly_config=config,
        fading_data=fading,
        plotly_js=library,
        app_js=app,
        csp=content_security_policy([str(library), str(app)]),
    )


def content_security_policy(scripts: list[str]) -> str:
    """The page's Content-Security-Policy: nothing may load from anywhere.

    Only the given inline scripts may run (by their SHA-256 hash), so even a
    script that slipped past escaping would be refused; no request can leave
    the page (``default-src 'none'``); styles may be inline (plotly sets them).

    Examples
    --------
    >>> content_security_policy(["1+1"]).split("; ")[:2]
    ["default-src 'none'", "script-src 'sha256-Shsh2HauAMjtXE0c3gnGH4phtQ/jcKgBsQwzmDHzcKs='"]
    """
    import base64
    import hashlib

    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {hashes}",
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
