"""``network_figure``: the owner's network as an interactive plotly figure.

The owner sits at the centre (a star). Each contact is a dot, coloured by
community, status or company, sized by strength, with hover text giving name,
company, strength, status, last contact and the top reason. Fading and lapsed
ties wear a red ring (on large graphs, the :data:`MAX_RINGS` strongest of
them). There is one legend entry per colour group: at most
:data:`MAX_GROUPS`, the rest pooled as "other".

**Large graphs** (more than :data:`tiekeeper.graph.layout.LARGE` contacts):
drawing every edge of a 30,000-person network takes about 45 s to render and
gives a hairball, so the figure keeps every node but only a *backbone* of
edges: each contact's strongest tie, then the heaviest remaining ties, up to
``max_edges`` (5,000 by default: the heaviest of the strongest ties if even
those are more). Owner spokes are left out, every trace is WebGL
(``Scattergl``), and the layout is group-in-a-box (one box per community; see
:mod:`tiekeeper.graph.layout`). To see one circle in full, drill down with
``network_figure(G, community=c)``, which draws that community's members and
all their ties.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("owner", "a"), ("owner", "b"), ("a", "b")])
>>> G.nodes["owner"]["kind"] = "owner"
>>> G.nodes["a"].update(name="Ada", strength=80.0, status="fading")
>>> G.nodes["b"].update(name="Bob", strength=20.0, status="on track")
>>> fig = network_figure(G, color_by="status")
>>> sorted(t.name for t in fig.data)  # doctest: +NORMALIZE_WHITESPACE
['Fading or lapsed (red ring)', 'Shared group conversations', 'You', 'Your ties to them',
 'fading', 'on track']
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.graph._engine import check_seed, contact_graph, is_owner, membership
from tiekeeper.graph.analysis import communities_summary, node_frame
from tiekeeper.graph.layout import LARGE, positions
from tiekeeper.plots._common import STATUS_COLORS, STATUS_ORDER, base_layout, ordered, plot_text

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import plotly.graph_objects as go

__all__ = [
    "COLOR_BY",
    "LARGE_MAX_EDGES",
    "MAX_GROUPS",
    "MAX_RINGS",
    "SIZE_BY",
    "SMALL_MAX_EDGES",
    "backbone",
    "network_figure",
]

#: What ``color_by`` may be.
COLOR_BY: tuple[str, ...] = ("community", "status", "company")
#: What ``size_by`` may be.
SIZE_BY: tuple[str, ...] = ("strength", "degree", "none")
#: Legend groups at most (the last one is "other").
MAX_GROUPS = 12
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
_EDGE_NAMES = {"group": "Shared group conversations", "employer": "Same employer and era"}
_EDGE_COLORS = {"group": "rgba(90, 110, 130, 0.35)", "employer": "rgba(0, 114, 178, 0.35)"}


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


def backbone(edges: pl.DataFrame, max_edges: int) -> pl.DataFrame:
    """Thin ``edges`` (columns ``a, b, w``) to each node's strongest edge plus the heaviest.

    Each node keeps its heaviest edge (ties: the lower edge row); the heaviest
    remaining edges fill up to ``max_edges``. If the per-node edges alone are
    more than ``max_edges``, the heaviest of them are kept.

    Examples
    --------
    >>> e = pl.DataFrame({"a": [0, 0, 1, 2], "b": [1, 2, 2, 3], "w": [5.0, 1.0, 4.0, 0.5]})
    >>> backbone(e, 3).sort("a", "b").rows()
    [(0, 1, 5.0), (1, 2, 4.0), (2, 3, 0.5)]
    """
    if edges.height <= max_edges:
        return edges
    e = edges.with_row_index("eid")
    ends = pl.concat(
        [e.select("eid", "w", pl.col("a").alias("n")), e.select("eid", "w", pl.col("b").alias("n"))]
    )
    best = ends.sort(["w", "eid"], descending=[True, False]).group_by("n").first()
    keep = e.filter(pl.col("eid").is_in(best["eid"].implode()))
    ranked = ["w", "eid"]
    if keep.height >= max_edges:
        chosen = keep.sort(ranked, descending=[True, False]).head(max_edges)
    else:
        rest = e.join(keep.select("eid"), on="eid", how="anti")
        extra = rest.sort(ranked, descending=[True, False]).head(max_edges - keep.height)
        chosen = pl.concat([keep, extra])
    return chosen.sort("eid").drop("eid")


def _sizes(nf: pl.DataFrame, size_by: str, large: bool) -> pl.Series:
    lo, span = (3.0, 9.0) if large else (7.0, 16.0)
    if size_by == "strength":
        x = (nf["strength"].fill_null(0.0).clip(0.0, 100.0) / 100.0).sqrt()
    elif size_by == "degree":
        top = max([*nf["degree"].to_list(), 1])
        x = (nf["degree"].cast(pl.Float64) / top).sqrt()
    else:
        x = pl.Series([0.3] * nf.height)
    return lo + span * x


def _escape(e: pl.Expr) -> pl.Expr:
    """:func:`~tiekeeper.plots._common.plot_text`, vectorised."""
    return (
        e.str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
    )


def _hover(nf: pl.DataFrame) -> pl.Series:
    """Name, company, strength and status, last contact and the top reason, per contact."""
    strength = (
        pl.when(pl.col("strength").is_null())
        .then(pl.lit("unknown"))
        .otherwise(pl.format("{}/100", pl.col("strength").round(0).cast(pl.Int64)))
    )
    day = pl.col("last_contact").str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    last = (
        pl.when(pl.col("last_contact").is_null())
        .then(pl.lit("never"))
        .otherwise(pl.coalesce(day.dt.strftime("%-d %b %Y"), _escape(pl.col("last_contact"))))
    )
    reason = pl.when(pl.col("top_reason").is_not_null() & (pl.col("top_reason") != ""))
    text = pl.concat_str(
        pl.lit("<b>"),
        _escape(pl.col("name").fill_null("(no name)")),
        pl.lit("</b><br>"),
        _escape(pl.col("company").fill_null("company unknown")),
        pl.lit("<br>Strength "),
        strength,
        pl.lit(" · "),
        _escape(pl.col("status").fill_null("status unknown")),
        pl.lit("<br>Last contact: "),
        last,
        reason.then(pl.lit("<br>") + _escape(pl.col("top_reason"))).otherwise(pl.lit("")),
    )
    return nf.select(text.alias("hover"))["hover"]


def _groups(
    G: nx.Graph, nf: pl.DataFrame, color_by: str, comm: pl.DataFrame
) -> tuple[pl.Series, list[tuple[str, str, str]]]:
    """Per node a group key, and the ordered legend ``(key, label, colour)``."""
    if color_by == "status":
        key = nf["status"].fill_null("status unknown")
        names = ordered(key.unique().to_list(), STATUS_ORDER)
        return key, [(k, k, STATUS_COLORS.get(k, OTHER_COLOR)) for k in names]
    if color_by == "company":
        from tiekeeper.companies import normalize_company_series

        ckey = normalize_company_series(nf["company"])
        counts = (
            pl.DataFrame({"k": ckey, "raw": nf["company"]})
            .drop_nulls()
            .group_by("k")
            .agg(pl.len().alias("n"), pl.col("raw").mode().sort().first())
            .sort(["n", "k"], descending=[True, False])
        )
        head = counts.head(MAX_GROUPS - 1)
        keep = set(head["k"].to_list())
        key = pl.Series([k if k in keep else "other" for k in ckey.to_list()], dtype=pl.String)
        legend = [
            (k, f"{plot_text(raw)} ({n:,})", GROUP_COLORS[i % len(GROUP_COLORS)])
            for i, (k, n, raw) in enumerate(head.iter_rows())
        ]
        return key, [*legend, ("other", "Other or unknown companies", OTHER_COLOR)]
    counts = (
        nf.group_by("community")
        .agg(pl.len().alias("n"))
        .filter(pl.col("n") >= 2)
        .sort(["n", "community"], descending=[True, False])
    )
    top = counts.head(MAX_GROUPS - 1)["community"].to_list()
    summary = communities_summary(G, comm.filter(pl.col("community").is_in(top)))
    labels = dict(zip(summary["community"].to_list(), summary["label"].to_list(), strict=True))
    sizes = dict(zip(summary["community"].to_list(), summary["size"].to_list(), strict=True))
    keep = set(top)
    key = pl.Series([str(c) if c in keep else "other" for c in nf["community"].to_list()])
    legend = [
        (str(c), f"{c}: {plot_text(labels.get(c, ''))} ({sizes.get(c, 0):,})", GROUP_COLORS[i])
        for i, c in enumerate(top)
    ]
    return key, [*legend, ("other", "Other small circles and unlinked people", OTHER_COLOR)]


def _array(values: Any, *, text: bool = False) -> Any:
    """A numpy array: plotly checks lists item by item, and deep-copies object arrays
    item by item too, so text goes in a fixed-width unicode array (copied in one go)."""
    import numpy as np

    return np.asarray(values, dtype=str if text else float)


def _line_trace(
    xs: list[float], ys: list[float], name: str, color: str, width: float, gl: bool
) -> dict[str, Any]:
    return {
        "type": "scattergl" if gl else "scatter",
        "x": _array(xs),
        "y": _array(ys),
        "mode": "lines",
        "name": name,
        "hoverinfo": "skip",
        "line": {"color": color, "width": width},
    }


def _segments(
    pairs: list[tuple[int, int]], px: list[float], py: list[float], origin: bool = False
) -> tuple[list[float], list[float]]:
    nan = float("nan")  # a gap between segments (null in the figure's JSON)
    xs: list[float] = []
    ys: list[float] = []
    for a, b in pairs:
        x0, y0 = (0.0, 0.0) if origin else (px[a], py[a])
        xs += [x0, px[b], nan]
        ys += [y0, py[b], nan]
    return xs, ys


def network_figure(
    G: nx.Graph,
    *,
    color_by: str = "community",
    size_by: str = "strength",
    seed: int = 0,
    max_nodes: int = 50_000,
    max_edges: int | None = None,
    community: int | None = None,
    pos: Mapping[Hashable, tuple[float, float]] | None = None,
    comm: pl.DataFrame | None = None,
    title: str | None = None,
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
        At most this many contacts are drawn, the strongest first.
    max_edges : int, optional
        At most this many contact-to-contact edges. Default
        :data:`SMALL_MAX_EDGES` on small graphs and :data:`LARGE_MAX_EDGES`
        on large ones (each extra thousand WebGL line segments adds render
        time). Above it, or on any large graph, a backbone is drawn (see
        :func:`backbone`).
    community : int, optional
        Drill down: draw only this community (numbers as in
        :func:`tiekeeper.communities` with the same ``seed``) and all its ties.
    pos : mapping, optional
        Node positions from :func:`tiekeeper.graph.layout`, to reuse them.
    comm : polars.DataFrame, optional
        The frame of :func:`tiekeeper.communities`, to reuse it.
    title : str, optional
        The figure title; a plain-English default says what is shown.

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
    """
    import plotly.graph_objects as go

    color_by = _check(color_by, "color_by", COLOR_BY)
    size_by = _check(size_by, "size_by", SIZE_BY)
    seed = check_seed(seed)
    max_nodes = _check_count(max_nodes, "max_nodes")
    if max_edges is not None:
        max_edges = _check_count(max_edges, "max_edges")
    owner_name = next((d.get("name") for n, d in G.nodes(data=True) if is_owner(n, d)), None)
    cg = contact_graph(G)
    if comm is None or comm.height != cg.g.vcount():
        member = membership(cg, seed=seed)
        comm = pl.DataFrame(
            {"person_id": [str(n) for n in cg.nodes], "community": member},
            schema={"person_id": pl.String, "community": pl.Int64},
        )
    lookup = dict(zip(comm["person_id"].to_list(), comm["community"].to_list(), strict=True))
    member = [int(lookup.get(str(n), -1)) for n in cg.nodes]
    drawn_note = ""
    if community is not None:
        if community not in set(member):
            top = max(member, default=-1)
            raise ParameterError(
                f"community={community!r} does not exist; this graph has communities 0–{top} "
                f"with seed={seed} (see tiekeeper.communities(G, seed={seed}))"
            )
        keep = {n for n, c in zip(cg.nodes, member, strict=True) if c == community}
        sub = G.subgraph([n for n, d in G.nodes(data=True) if is_owner(n, d) or n in keep])
        cg = contact_graph(sub)
        member = [community] * len(cg.nodes)
        pos = None
    nf = node_frame(G, cg.nodes).with_columns(
        pl.Series("community", member, dtype=pl.Int64),
        pl.Series("degree", cg.g.degree(), dtype=pl.Int64),
        pl.Series("v", range(len(cg.nodes)), dtype=pl.Int64),
    )
    n_all = nf.height
    large = n_all > LARGE
    if max_edges is None:
        max_edges = LARGE_MAX_EDGES if large else SMALL_MAX_EDGES
    if pos is None:
        xy = positions(cg, strength=nf["strength"].to_list(), seed=seed, member=member)
    else:
        xy = [pos.get(n, (0.0, 0.0)) for n in cg.nodes]
    px = [p[0] for p in xy]
    py = [p[1] for p in xy]
    if n_all > max_nodes:
        nf = nf.sort(["strength", "person_id"], descending=[True, False], nulls_last=True)
        nf = nf.head(max_nodes).sort("v")
        drawn_note = f"Showing the {max_nodes:,} strongest of {n_all:,} people. "
    drawn = set(nf["v"].to_list())
    g = cg.g
    edges = pl.DataFrame(
        {"a": [e[0] for e in g.get_edgelist()], "b": [e[1] for e in g.get_edgelist()]},
        schema={"a": pl.Int64, "b": pl.Int64},
    ).with_columns(pl.Series("w", g.es["weight"], dtype=pl.Float64))
    if len(drawn) < n_all:
        edges = edges.filter(pl.col("a").is_in(list(drawn)) & pl.col("b").is_in(list(drawn)))
    n_edges = edges.height
    if large or n_edges > max_edges:
        edges = backbone(edges, max_edges)
        drawn_note += (
            f"Links: each person's strongest tie plus the strongest others, "
            f"{edges.height:,} of {n_edges:,}."
        )
    traces: list[Any] = []
    kinds: dict[str, list[tuple[int, int]]] = {"group": [], "employer": []}
    nodes = cg.nodes
    for a, b in edges.select("a", "b").iter_rows():
        kind = G.edges[nodes[a], nodes[b]].get("kind") or ""
        kinds["employer" if "same_employer" in str(kind) else "group"].append((a, b))
    if not large:
        spokes = [(b, b) for b in nf["v"].to_list() if G.has_edge(_owner_id(G), nodes[b])]
        if spokes:
            xs, ys = _segments(spokes, px, py, origin=True)
            traces.append(
                _line_trace(xs, ys, "Your ties to them", "rgba(150,160,170,0.25)", 0.6, False)
            )
    for k in ("group", "employer"):
        if kinds[k]:
            xs, ys = _segments(kinds[k], px, py)
            traces.append(_line_trace(xs, ys, _EDGE_NAMES[k], _EDGE_COLORS[k], 1.0, large))
    key, legend = _groups(G, nf, color_by, comm)
    nf = nf.with_columns(
        key.alias("group"),
        _sizes(nf, size_by, large).alias("size"),
        _hover(nf),
    )
    kind = "scattergl" if large else "scatter"

    def scatter(**trace: Any) -> dict[str, Any]:
        # traces as plain dicts: plotly validates them once, in go.Figure
        return {"type": kind, **trace}

    for k, label, colour in legend:
        part = nf.filter(pl.col("group") == k)
        if part.height == 0:
            continue
        vs = part["v"].to_list()
        traces.append(
            scatter(
                x=_array([px[v] for v in vs]),
                y=_array([py[v] for v in vs]),
                mode="markers",
                name=label,
                text=_array(part["hover"].to_list(), text=True),
                hovertemplate="%{text}<extra></extra>",
                customdata=_array(
                    list(
                        zip(
                            part["person_id"].to_list(),
                            part["community"].cast(pl.String).to_list(),
                            strict=True,
                        )
                    ),
                    text=True,
                ),
                marker={
                    "color": colour,
                    "size": _array(part["size"].to_list()),
                    "line": {"color": "white", "width": 0.5},
                    "opacity": 0.9,
                },
            )
        )
    rings = nf.filter(pl.col("status").is_in(["fading", "lapsed"]))
    ring_name = "Fading or lapsed (red ring)"
    if large and rings.height > MAX_RINGS:
        rings = rings.sort(["strength", "v"], descending=[True, False], nulls_last=True)
        rings = rings.head(MAX_RINGS).sort("v")
        ring_name = f"Fading or lapsed, the {MAX_RINGS:,} strongest (red ring)"
    if rings.height:
        vs = rings["v"].to_list()
        traces.append(
            scatter(
                x=_array([px[v] for v in vs]),
                y=_array([py[v] for v in vs]),
                mode="markers",
                name=ring_name,
                hoverinfo="skip",
                marker={
                    "symbol": "circle-open",
                    "color": RING_COLOR,
                    "size": _array((rings["size"] + (3 if large else 6)).to_list()),
                    "line": {"color": RING_COLOR, "width": 1.5 if large else 2},
                },
            )
        )
    traces.append(
        scatter(
            x=[0.0],
            y=[0.0],
            mode="markers",
            name="You",
            text=[f"<b>{plot_text(owner_name or 'You')}</b><br>You, at the centre"],
            hovertemplate="%{text}<extra></extra>",
            marker={
                "symbol": "star",
                "size": 22,
                "color": "#2b2f33",
                "line": {"color": "white", "width": 1},
            },
        )
    )
    what = {"community": "circle", "status": "status", "company": "company"}[color_by]
    scope = f"circle {community} of your network" if community is not None else "your network"
    heading = title or f"{scope[0].upper()}{scope[1:]}: {n_all:,} people, coloured by {what}"
    layout = base_layout(
        heading,
        height=760,
        legend_title=_LEGEND_TITLE[color_by],
        extra={
            "xaxis": {"visible": False},
            "yaxis": {"visible": False, "scaleanchor": "x", "scaleratio": 1},
            "hovermode": "closest",
            "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
        },
    )
    layout["legend"].update({"itemsizing": "constant", "itemclick": "toggle"})
    if drawn_note:
        layout["annotations"] = [
            {
                "text": drawn_note.strip(),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.04,
                "xanchor": "left",
                "font": {"size": 12, "color": "#5f6b76"},
            }
        ]
    return go.Figure(data=traces, layout=layout)


def _owner_id(G: nx.Graph) -> Hashable:
    return next((n for n, d in G.nodes(data=True) if is_owner(n, d)), "owner")
