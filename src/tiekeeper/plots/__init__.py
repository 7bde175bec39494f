"""Every tiekeeper chart, as plotly figures: the notebooks and the report share them.

Each function takes a frame that tiekeeper returns (or the export) and gives a
:class:`plotly.graph_objects.Figure` with plain-English titles, axis labels
and hover text. plotly is imported only when a chart is drawn.

===========================  =====================================================
``timeline``                 interactions per month, stacked by direction
``strength_history_figure``  strength over time for a few people, events marked
``cadence_scatter``          usual gap vs days since last contact, status regions
``career_timeline``          your positions, with colleagues kept vs lost
``strength_distribution``    how strength is spread, by tier
``network_figure``           the interactive network (:mod:`tiekeeper.plots.network`)
===========================  =====================================================

In a notebook, :func:`use_notebook_renderer` makes the charts survive export
to HTML (plotly JSON plus offline HTML, plotly.js once per notebook); with
``static=True`` (or ``TIEKEEPER_STATIC_CHARTS=1``) it stores PNG images for
viewers that strip JavaScript. :func:`save` writes any chart as a PNG or SVG
file (:mod:`tiekeeper.plots.static`: kaleido and Chrome/Chromium).

Examples
--------
>>> import tiekeeper
>>> sorted(tiekeeper.plots.__all__)[:2]
['cadence_scatter', 'career_timeline']
"""

from __future__ import annotations

from typing import Any

from tiekeeper.plots._notebook import use_notebook_renderer
from tiekeeper.plots.cadence import cadence_scatter
from tiekeeper.plots.career import career_timeline
from tiekeeper.plots.distribution import strength_distribution
from tiekeeper.plots.history import strength_history_figure
from tiekeeper.plots.static import save, save_all
from tiekeeper.plots.timeline import timeline

__all__ = [
    "cadence_scatter",
    "career_timeline",
    "network_figure",
    "save",
    "save_all",
    "strength_distribution",
    "strength_history_figure",
    "timeline",
    "use_notebook_renderer",
]


def __getattr__(name: str) -> Any:
    # network_figure lives in its own module (written with tiekeeper.graph);
    # resolve it on first use so this package imports even before it exists.
    if name == "network_figure":
        from tiekeeper.plots.network import network_figure

        globals()[name] = network_figure
        return network_figure
    raise AttributeError(f"module 'tiekeeper.plots' has no attribute {name!r}")
