"""``network_figure``: the owner's network as an interactive plotly figure.

The owner sits at the centre (a star). Each contact with a tie is a dot,
coloured by community, status or company, sized by strength, with hover text
giving name, company, strength, status, last contact and the top reason.
Fading and lapsed ties wear a red ring (on large graphs, the
:data:`MAX_RINGS` strongest of them). There is one legend entry per colour
group: at most :data:`MAX_GROUPS`, the rest pooled as "other".

**Who is drawn.** People with no tie to anyone (linked to no other contact
and never messaged: most connections of a real export) are counted in a
note, not drawn (:func:`tiekeeper.graph.drawing.isolated_mask`; pass
``draw_isolated=True`` to draw them on an outer ring). Everyone else is
drawn, up to ``max_nodes`` (:data:`MAX_NODES` by default): above it the
strongest are drawn and the note says how many are left out.

**SVG first.** Every trace is plotly's SVG ``scatter``, which draws in any
browser, also without WebGL (blocked in some sandboxes and remote desktops,
where ``scattergl`` shows only "WebGL is not supported"). SVG stays quick up
to a few thousand points, hence the cap. ``webgl=True`` draws with
``scattergl`` instead: an enhancement for a notebook in a browser known to
support WebGL. The HTML report never uses it: its Content-Security-Policy
forbids ``eval``, which plotly's WebGL traces need (regl compiles its draw
calls at run time), so even a browser with WebGL would show the grey box.

**Large graphs** (more than :data:`tiekeeper.graph.layout.LARGE` people
drawn): drawing every edge gives a hairball and slows the browser, so the
figure keeps only a *backbone* of edges: each person's strongest tie, then
the heaviest remaining ties, up to ``max_edges`` (5,000 by default: the
heaviest of the strongest ties if even those are more). Owner spokes are left
out and the layout is group-in-a-box (one box per community; see
:mod:`tiekeeper.graph.layout`). To see one circle in full, drill down with
``network_figure(G, community=c)``, which draws that community's members and
all their ties.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("owner", "a"), ("owner", "b"), ("a", "b"), ("owner", "c")])
>>> G.nodes["owner"]["kind"] = "owner"
>>> G.nodes["a"].update(name="Ada", strength=80.0, status="fading")
>>> G.nodes["b"].update(name="Bob", strength=20.0, status="on track")
>>> G.nodes["c"].update(name="Cy", strength=1.0, status="never interacted")
>>> fig = network_figure(G, color_by="status")
>>> sorted(t.name for t in fig.data)  # doctest: +NORMALIZE_WHITESPACE
['Fading or lapsed (red ring)', 'Shared group conversations', 'You', 'Your ties to them',
 'fading', 'on track']
>>> {t.type for t in fig.data}
{'scatter'}
>>> fig.layout.title.text
'Your network: 2 people with ties, coloured by status'
>>> fig.layout.annotations[0].text
'Not drawn: 1 person with no tie to anyone.'
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.graph._engine import check_seed
from tiekeeper.graph.drawing import Scene, scene
from tiekeeper.plots._common import STATUS_COLORS, STATUS_ORDER, base_layout, plot_text

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import plotly.graph_objects as go

__all__ = [
    "COLOR_BY",
    "LARGE_MAX_EDGES",
    "MAX_GROUPS",
    "MAX_NODES",
    "MAX_RINGS",
    "NETWORK_HEIGHT",
    "SIZE_BY",
    "SMALL_MAX_EDGES",
    "network_figure",
]

#: What ``color_by`` may be.
COLOR_BY: tuple[str, ...] = ("community", "status", "company")
#: What ``size_by`` may be.
SIZE_BY: tuple[str, ...] = ("strength", "degree", "none")
#: Legend groups at most (the last one is "other").
MAX_GROUPS = 12
#: People drawn at most by default: SVG draws 5,000 points in about a second.
MAX_NODES = 5_000
#: The network's own height in pixels; the legend under it adds a row per entry.
NETWORK_HEIGHT = 680
#: Default edge budgets: all edges up to this on small graphs …
SMALL_MAX_EDGES = 20_000
#: … and the backbone size on large ones.
LARGE_MAX_EDGES = 5_000
#: On large graphs only the strongest fading or lapsed ties get a ring.
MAX_RINGS = 2_000

#: Distinct, colour-blind-aware colours for communities and companies.
GROUP_COLORS: tuple[str, ...] = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#7f6b3a",
    "#8e6bbf",
    "#3b8c8c",
    "#b8860b",
    "#5f7d95",
)
OTHER_COLOR = "#c3c8ce"
RING_COLOR = STATUS_COLORS["lapsed"]
_LEGEND_TITLE = {"community": "Community", "status": "Status", "company": "Company (now)"}
_EDGES = {  # scene key -> (legend name, colour, width)
    "spokes": ("Your ties to them", "rgba(150, 160, 170, 0.25)", 0.6),
    "group": ("Shared group conversations", "rgba(90, 110, 130, 0.35)", 1.0),
    "employer": ("Same employer and era", "rgba(0, 114, 178, 0.35)", 1.0),
}


def _check(value: Any, name: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ParameterError(
            f"{name}={value!r} is not supported; valid choices are {list(choices)}"
        )
    return str(value)


def _check_count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ParameterError(f"{name} must be an int ≥ 0; got {value!r}")
    return value


def _array(values: Any, *, text: bool = False) -> Any:
    """A numpy array: plotly checks lists item by item, and deep-copies object arrays
    item by item too, so text goes in a fixed-width unicode array (copied in one go)."""
    import numpy as np

    return np.asarray(values, dtype=str if text else float)


def _sizes(nodes: pl.DataFrame, size_by: str, large: bool) -> pl.Series:
    """Marker sizes in pixels: √ of strength (or degree) share, smaller when large."""
    lo, span = (3.0, 9.0) if large else (7.0, 16.0)
    if size_by == "strength":
        x = (nodes["strength"].fill_null(0.0).clip(0.0, 100.0) / 100.0).sqrt()
    elif size_by == "degree":
        top = max([*nodes["degree"].to_list(), 1])
        x = (nodes["degree"].cast(pl.Float64) / top).sqrt()
    else:
        x = pl.Series([0.3] * nodes.height)
    return lo + span * x


def _colour(key: str, i: int, color_by: str) -> str:
    if key == "other":
        return OTHER_COLOR
    if color_by == "status":
        return STATUS_COLORS.get(key, OTHER_COLOR)
    return GROUP_COLORS[i % len(GROUP_COLORS)]


def _traces(s: Scene, color_by: str, size_by: str, webgl: bool) -> list[dict[str, Any]]:
    """Plotly traces as plain dicts (plotly validates them once, in ``go.Figure``)."""
    kind = "scattergl" if webgl else "scatter"
    traces: list[dict[str, Any]] = []
    for key, (name, colour, width) in _EDGES.items():
        xs, ys = s.edges[key]
        if xs:
            traces.append(
                {
                    "type": "scatter" if key == "spokes" else kind,
                    "x": _array(xs),
                    "y": _array(ys),
                    "mode": "lines",
                    "name": name,
                    "hoverinfo": "skip",
                    "line": {"color": colour, "width": width},
                }
            )
    nodes = s.nodes.with_columns(_sizes(s.nodes, size_by, s.large).alias("size"))
    for i, (key, label) in enumerate(s.legend):
        part = nodes.filter(pl.col("group") == key)
        if part.height == 0:
            continue
        ids = zip(part["person_id"], part["community"].cast(pl.String), strict=True)
        traces.append(
            {
                "type": kind,
                "x": _array(part["x"]),
                "y": _array(part["y"]),
                "mode": "markers",
                "name": label,
                "text": _array(part["hover"], text=True),
                "hovertemplate": "%{text}<extra></extra>",
                "customdata": _array(list(ids), text=True),
                "marker": {
                    "color": _colour(key, i, color_by),
                    "size": _array(part["size"]),
                    "line": {"color": "white", "width": 0.5},
                    "opacity": 0.9,
                },
            }
        )
    rings = nodes.filter("ring")
    if rings.height:
        name = "Fading or lapsed (red ring)"
        if s.rings_capped:
            name = f"Fading or lapsed, the {rings.height:,} strongest (red ring)"
        traces.append(
            {
                "type": kind,
                "x": _array(rings["x"]),
                "y": _array(rings["y"]),
                "mode": "markers",
                "name": name,
                "hoverinfo": "skip",
                "marker": {
                    "symbol": "circle-open",
                    "color": RING_COLOR,
                    "size": _array(rings["size"] + (3 if s.large else 6)),
                    "line": {"color": RING_COLOR, "width": 1.5 if s.large else 2},
                },
            }
        )
    traces.append(
        {
            "type": kind,
            "x": [0.0],
            "y": [0.0],
            "mode": "markers",
            "name": "You",
            "text": [f"<b>{plot_text(s.owner_name or 'You')}</b><br>You, at the centre"],
            "hovertemplate": "%{text}<extra></extra>",
            "marker": {
                "symbol": "star",
                "size": 22,
                "color": "#2b2f33",
                "line": {"color": "white", "width": 1},
            },
        }
    )
    return traces


def network_figure(
    G: nx.Graph,
    *,
    color_by: str = "community",
    size_by: str = "strength",
    seed: int = 0,
    max_nodes: int = MAX_NODES,
    max_edges: int | None = None,
    community: int | None = None,
    pos: Mapping[Hashable, tuple[float, float]] | None = None,
    comm: pl.DataFrame | None = None,
    title: str | None = None,
    draw_isolated: bool = False,
    webgl: bool = False,
) -> go.Figure:
    """Draw the owner's network: circles, strength, and the ties that are fading.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`tiekeeper.build_graph`.
    color_by : {'community', 'status', 'company'}
        Colour contacts by Louvain community (labelled), fading status, or
        current company. At most :data:`MAX_GROUPS` legend groups.
    size_by : {'strength', 'degree', 'none'}
        Dot size by strength, by ties to other contacts, or all alike.
    seed : int
        Seeds the communities and the layout.
    max_nodes : int
        At most this many people are drawn, the strongest first
        (:data:`MAX_NODES`); a note says how many are left out.
    max_edges : int, optional
        At most this many contact-to-contact edges. Default
        :data:`SMALL_MAX_EDGES` on small graphs and :data:`LARGE_MAX_EDGES`
        on large ones (each extra thousand line segments adds render
        time). Above it, or on any large graph, a backbone is drawn (see
        :func:`tiekeeper.graph.drawing.backbone`).
    community : int, optional
        Drill down: draw only this community (numbers as in
        :func:`tiekeeper.communities` with the same ``seed``) and all its ties.
    pos : mapping, optional
        Node positions from :func:`tiekeeper.graph.layout`, to reuse them.
    comm : polars.DataFrame, optional
        The frame of :func:`tiekeeper.communities`, to reuse it.
    title : str, optional
        The figure title; a plain-English default says what is shown.
    draw_isolated : bool
        Also draw the isolated people (on an outer ring) instead of only
        counting them.
    webgl : bool
        Draw with WebGL (``scattergl``): faster for many points, but blank in
        a browser without WebGL. The default SVG draws everywhere.

    Returns
    -------
    plotly.graph_objects.Figure
        Node traces carry ``customdata`` = ``[person_id, community]`` per dot
        (both as text).

    Raises
    ------
    ParameterError
        Unknown ``color_by`` or ``size_by``, a negative limit, or a
        ``community`` that does not exist.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> import tiekeeper
    >>> G = tiekeeper.build_graph(tiekeeper.load_export())
    >>> fig = network_figure(G, color_by="status")
    >>> isinstance(fig, go.Figure)
    True
    >>> any(t.customdata is not None for t in fig.data)  # the people's dots
    True
    """
    import plotly.graph_objects as go

    color_by = _check(color_by, "color_by", COLOR_BY)
    size_by = _check(size_by, "size_by", SIZE_BY)
    seed = check_seed(seed)
    max_nodes = _check_count(max_nodes, "max_nodes")
    for flag, value in (("draw_isolated", draw_isolated), ("webgl", webgl)):
        if not isinstance(value, bool):
            raise ParameterError(f"{flag} must be True or False; got {value!r}")
    budget = (SMALL_MAX_EDGES, LARGE_MAX_EDGES)
    if max_edges is not None:
        budget = (_check_count(max_edges, "max_edges"),) * 2
    s = scene(
        G,
        color_by=color_by,
        seed=seed,
        max_nodes=max_nodes,
        max_edges=budget,
        max_rings=MAX_RINGS,
        community=community,
        pos=pos,
        comm=comm,
        max_groups=MAX_GROUPS,
        status_order=STATUS_ORDER,
        draw_isolated=draw_isolated,
    )
    what = {"community": "circle", "status": "status", "company": "company"}[color_by]
    scope = f"Circle {community} of your network" if community is not None else "Your network"
    who = f"{s.tied:,} people with ties" if s.isolated else f"{s.people:,} people"
    lines = len(s.notes)
    traces = _traces(s, color_by, size_by, webgl)
    layout = base_layout(
        title or f"{scope}: {who}, coloured by {what}",
        height=NETWORK_HEIGHT + 17 * lines + 20 * (len(traces) + 1),
        legend_title=_LEGEND_TITLE[color_by],
        extra={
            "xaxis": {"visible": False},
            "yaxis": {"visible": False, "scaleanchor": "x", "scaleratio": 1},
            "hovermode": "closest",
            "margin": {"l": 10, "r": 10, "t": 64 + 17 * lines, "b": 10},
        },
    )
    # the legend goes under the network: circle labels are long, and at the side they
    # would squeeze the (square) network into a corner
    layout["legend"].update(
        {
            "itemsizing": "constant",
            "itemclick": "toggle",
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -0.01,
            "yanchor": "top",
        }
    )
    layout["legend"]["title"]["side"] = "top"
    if s.notes:  # what was left out, between the title and the network
        layout["annotations"] = [
            {
                "text": "<br>".join(s.notes),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.0,
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "font": {"size": 12, "color": "#5f6b76"},
            }
        ]
    return go.Figure(data=traces, layout=layout)
