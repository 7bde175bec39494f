"""Stage 3 of the report: the charts, all from :mod:`tiekeeper.plots`.

The report draws exactly the figures the notebooks draw; this module only
chooses their inputs (e.g. which people the strength history follows) and
keeps big exports within the file-size budget by capping the cadence scatter and
the network (the network figure notes what it leaves out). A figure with
nothing to show (no messages, no positions, …) is left out, and the page
says what is missing instead of drawing empty axes.

The network is SVG (it draws in any browser, WebGL or not) and holds at most
:data:`NETWORK_MAX_NODES` people: the people with a tie, the strongest first.
The isolated people are counted in the page, not drawn.

Examples
--------
>>> FIGURE_IDS
('timeline', 'distribution', 'cadence', 'history', 'career', 'network')
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

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
    "drawable",
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
#: The network shows at most this many people (the strongest with a tie) and
#: contact-to-contact ties: SVG draws 5,000 points in Chromium in about a second (with or
#: without WebGL), and on a 30,000-person export the figure stays near 2 MB.
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


def drawable(inputs: ReportInputs) -> tuple[str, ...]:
    """The figures that have something to show, in :data:`FIGURE_IDS` order.

    The timeline needs events, the distribution people, the cadence scatter
    someone with a cadence, the strength history someone followed and a
    message (without messages nobody was ever strong), the career view a
    position with a start date and the export's messages (its colours say how
    contact survived each job; without messages that is unknown, not "no
    conversations"), and the network someone with a tie (not only isolated
    people). A chart with no data would show empty axes (a job timeline from
    January 2000 to January 2001), so it is left out.
    """
    messages = inputs.interactions.filter(pl.col("kind") == "message").height
    dated_jobs = inputs.career.filter(pl.col("started_on").is_not_null()).height
    has = {
        "timeline": inputs.interactions.height > 0,
        "distribution": inputs.scores.height > 0,
        "cadence": inputs.scores.filter(pl.col("cadence_days").is_not_null()).height > 0,
        "history": inputs.history.height > 0 and messages > 0,
        "career": dated_jobs > 0 and inputs.categories.get("messages") == "present",
        "network": _has_ties(inputs),
    }
    return tuple(key for key in FIGURE_IDS if has[key])


def _has_ties(inputs: ReportInputs) -> bool:
    """Whether someone in the graph has a tie (the network would draw a point)."""
    from tiekeeper.graph.drawing import isolated_people

    contacts = inputs.graph.number_of_nodes() - 1
    if contacts <= 0:
        return False
    with _shared(inputs):
        return isolated_people(inputs.graph).height < contacts


def _shared(inputs: ReportInputs) -> AbstractContextManager[Any]:
    """The compute stage's igraph conversion of the graph: no second conversion here."""
    from contextlib import nullcontext

    from tiekeeper.graph._engine import shared_contact_graph

    if inputs.engine is None:
        return nullcontext()
    return shared_contact_graph(inputs.graph, inputs.engine)


def build_figures(inputs: ReportInputs, *, seed: int = 0) -> dict[str, go.Figure]:
    """The figures of the report with something to show (:func:`drawable`), in page order.

    Parameters
    ----------
    inputs : ReportInputs
        From :func:`~tiekeeper.report.inputs.collect_inputs`, already redacted
        if the report is: names in hover text come from these frames.
    seed : int
        The network layout's seed.
    """
    wanted = drawable(inputs)
    followed = inputs.history["person_id"].unique().to_list() if inputs.history.height else []
    events = inputs.interactions.filter(pl.col("person_id").is_in(followed))
    draw: dict[str, Callable[[], go.Figure]] = {
        "timeline": lambda: plots.timeline(inputs.interactions, as_of=inputs.as_of),
        "distribution": lambda: plots.strength_distribution(inputs.scores),
        "cadence": lambda: plots.cadence_scatter(
            scatter_people(inputs.scores), params=inputs.params
        ),
        "history": lambda: plots.strength_history_figure(
            inputs.history,
            events=events,
            title="Formerly strong ties, now slipping: strength over time",
        ),
        "career": lambda: plots.career_timeline(inputs.career, as_of=inputs.as_of),
        "network": lambda: _network(inputs, seed),
    }
    return {key: draw[key]() for key in wanted}


def _network(inputs: ReportInputs, seed: int) -> go.Figure:
    from tiekeeper.plots.network import network_figure

    with _shared(inputs):
        return network_figure(
            inputs.graph,
            seed=seed,
            comm=inputs.communities,
            max_nodes=NETWORK_MAX_NODES,
            max_edges=NETWORK_MAX_EDGES,
        )
