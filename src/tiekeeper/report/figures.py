"""Stage 3 of the report: the charts, all from :mod:`tiekeeper.plots`.

The report draws exactly the figures the notebooks draw; this module only
chooses their inputs (e.g. which people the strength history follows) and
keeps big exports within the file-size budget by capping the cadence scatter and
the network (the network figure notes what it leaves out).

Examples
--------
>>> FIGURE_IDS
('timeline', 'distribution', 'cadence', 'history', 'career', 'network')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from tiekeeper import plots
from tiekeeper.report.inputs import ReportInputs

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = [
    "FIGURE_IDS",
    "MAX_SCATTER_POINTS",
    "NETWORK_MAX_EDGES",
    "NETWORK_MAX_NODES",
    "build_figures",
    "scatter_people",
]

#: The figures of a report, in page order; each is a ``<div id="fig-…">``.
FIGURE_IDS: tuple[str, ...] = (
    "timeline",
    "distribution",
    "cadence",
    "history",
    "career",
    "network",
)
#: The cadence scatter shows at most this many people (highest priority first).
MAX_SCATTER_POINTS = 2500
#: The network shows at most this many people (the strongest) and contact-to-contact
#: ties; on a 30,000-person export that keeps the figure near 2 MB and the file under 15 MB.
NETWORK_MAX_NODES = 5000
NETWORK_MAX_EDGES = 5000


def scatter_people(scores: pl.DataFrame, limit: int = MAX_SCATTER_POINTS) -> pl.DataFrame:
    """The people drawn in the cadence scatter: those with a cadence, most urgent first.

    Examples
    --------
    >>> s = pl.DataFrame({"person_id": ["a", "b", "c"], "cadence_days": [3.0, None, 9.0],
    ...                   "priority": [0.1, 0.9, 0.5], "strength": [1.0, 2.0, 3.0]})
    >>> scatter_people(s, limit=1)["person_id"].to_list()
    ['c']
    """
    return (
        scores.filter(pl.col("cadence_days").is_not_null())
        .sort(
            ["priority", "strength", "person_id"],
            descending=[True, True, False],
            nulls_last=True,
        )
        .head(limit)
    )


def build_figures(inputs: ReportInputs, *, seed: int = 0) -> dict[str, go.Figure]:
    """Every figure of the report, keyed by :data:`FIGURE_IDS`.

    Parameters
    ----------
    inputs : ReportInputs
        From :func:`~tiekeeper.report.inputs.collect_inputs`, already redacted
        if the report is: names in hover text come from these frames.
    seed : int
        The network layout's seed.
    """
    from contextlib import nullcontext

    from tiekeeper.graph._engine import shared_contact_graph
    from tiekeeper.plots.network import network_figure

    followed = inputs.history["person_id"].unique().to_list() if inputs.history.height else []
    events = inputs.interactions.filter(pl.col("person_id").is_in(followed))
    figures = {
        "timeline": plots.timeline(inputs.interactions, as_of=inputs.as_of),
        "distribution": plots.strength_distribution(inputs.scores),
        "cadence": plots.cadence_scatter(scatter_people(inputs.scores), params=inputs.params),
        "history": plots.strength_history_figure(
            inputs.history,
            events=events,
            title="Formerly strong ties, now slipping: strength over time",
        ),
        "career": plots.career_timeline(inputs.career, as_of=inputs.as_of),
    }
    # the compute stage's igraph conversion of the graph: no second conversion here
    shared = (
        shared_contact_graph(inputs.graph, inputs.engine)
        if inputs.engine is not None
        else nullcontext()
    )
    with shared:
        figures["network"] = network_figure(
            inputs.graph,
            seed=seed,
            comm=inputs.communities,
            max_nodes=NETWORK_MAX_NODES,
            max_edges=NETWORK_MAX_EDGES,
        )
    return {key: figures[key] for key in FIGURE_IDS}
