"""What the network figure shows, as data: positions, groups, hover text, edges.

:func:`scene` decides *what* to draw from a graph (which people, which edges,
where, in which legend group, with which hover text);
:func:`tiekeeper.plots.network_figure` only turns a :class:`Scene` into
plotly traces. Keeping the two apart keeps the figure code short and lets the
choices be tested without plotly.

**Isolated people are counted, not drawn.** A contact is *isolated* when
they are linked to no other contact and you never exchanged a message with
them (status ``never interacted``; :func:`isolated_mask`). On real exports
that is most connections (98 % of one with 3,800), and thousands of
unconnected dots say nothing: the scene leaves them out and counts them
(``Scene.isolated``), and :func:`isolated_people` lists them for a summary.
Everyone else *has a tie* and is drawn, up to ``max_nodes`` (the strongest
first; ``Scene.left_out`` counts the rest).

On a large scene (more than :data:`tiekeeper.graph.layout.LARGE` people
drawn) the scene keeps only a *backbone* of edges (:func:`backbone`), no
owner spokes, and at most ``max_rings`` rings for fading ties.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("owner", "a"), ("a", "b"), ("owner", "c")])
>>> G.nodes["owner"]["kind"] = "owner"
>>> G.nodes["c"]["status"] = "never interacted"
>>> s = scene(G)
>>> s.nodes["person_id"].to_list(), s.isolated, s.large
(['a', 'b'], 1, False)
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.graph._engine import (
    OWNER,
    ContactGraph,
    contact_graph,
    is_owner,
    membership,
)
from tiekeeper.graph.analysis import communities_summary, node_frame
from tiekeeper.graph.layout import LARGE, positions
from tiekeeper.wording import counted

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "NEVER",
    "Scene",
    "backbone",
    "colour_groups",
    "hover_text",
    "isolated_mask",
    "isolated_people",
    "scene",
]

#: The status of a contact you never exchanged a message with.
NEVER = "never interacted"

Segments = tuple[list[float], list[float]]
_NAN = float("nan")


@dataclass(frozen=True)
class Scene:
    """Everything the network figure draws.

    Attributes
    ----------
    nodes : polars.DataFrame
        One row per drawn contact: ``person_id, community, x, y, group,
        hover, strength, degree, status, ring`` (``ring``: fading or lapsed
        and chosen to wear a ring).
    legend : list of (key, label)
        Legend groups in order; ``nodes["group"]`` holds the key.
    edges : dict
        ``'spokes'`` (owner to contact), ``'group'`` and ``'employer'``:
        ``(xs, ys)`` with a NaN gap after every segment.
    owner_name : str or None
    people : int
        Contacts in the graph (or in the community drilled into).
    large : bool
        More than :data:`~tiekeeper.graph.layout.LARGE` people drawn.
    note : str
        What was left out, in words ("" if nothing): the ``notes`` joined.
    rings_capped : bool
        Whether only the strongest fading ties got a ring.
    isolated : int
        Isolated contacts, counted and not drawn (see :func:`isolated_mask`).
    tied : int
        Contacts with a tie (``people − isolated``): drawn up to ``max_nodes``.
    left_out : int
        People with a tie left out by ``max_nodes`` (the weakest).
    notes : tuple of str
        One sentence per thing left out (people over the cap, isolated
        people, links outside the backbone).
    """

    nodes: pl.DataFrame
    legend: list[tuple[str, str]]
    edges: dict[str, Segments]
    owner_name: str | None
    people: int
    large: bool
    note: str
    rings_capped: bool
    isolated: int = 0
    tied: int = 0
    left_out: int = 0
    notes: tuple[str, ...] = ()


def isolated_mask(status: pl.Series, degree: pl.Series) -> pl.Series:
    """Per contact, whether they are isolated: no tie to another contact, never messaged.

    ``degree`` counts ties to other contacts (the owner's spoke left out);
    ``status`` is the score's status. A null status (a graph that was not
    scored) is no evidence of silence, so such a contact is never isolated.

    Examples
    --------
    >>> status = pl.Series(["never interacted", "never interacted", "lapsed", None])
    >>> isolated_mask(status, pl.Series([0, 2, 0, 0])).to_list()
    [True, False, False, False]
    """
    return ((degree == 0) & (status == NEVER)).fill_null(False).alias("isolated")


def isolated_people(G: nx.Graph) -> pl.DataFrame:
    """The isolated contacts of ``G`` (see :func:`isolated_mask`), by company then name.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`tiekeeper.build_graph`.

    Returns
    -------
    polars.DataFrame
        ``person_id, name, company, title, connected_on, strength``, one row
        per isolated contact.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("owner", "a"), ("owner", "b"), ("a", "c")])
    >>> G.nodes["owner"]["kind"] = "owner"
    >>> for n in "abc":
    ...     G.nodes[n].update(name=n.upper(), company="Acme", status="never interacted")
    >>> isolated_people(G)["name"].to_list()
    ['B']
    """
    cg = contact_graph(G)
    nf = node_frame(G, cg.nodes)
    lone = isolated_mask(nf["status"], pl.Series(cg.g.degree(), dtype=pl.Int64))
    return (
        nf.filter(lone)
        .select("person_id", "name", "company", "title", "connected_on", "strength")
        .sort(["company", "name", "person_id"], nulls_last=True)
    )


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


def _escape(e: pl.Expr) -> pl.Expr:
    """Show text literally in plotly labels (it renders a little HTML)."""
    return (
        e.str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
    )


def hover_text(nf: pl.DataFrame) -> pl.Series:
    """Name, company, strength and status, last contact and the top reason, per contact.

    Examples
    --------
    >>> nf = pl.DataFrame({"name": ["Ada <3"], "company": [None], "strength": [41.6],
    ...     "status": ["fading"], "last_contact": ["2024-12-06T12:00:00+00:00"],
    ...     "top_reason": ["Former colleague."]})
    >>> hover_text(nf).item().split("<br>")  # doctest: +NORMALIZE_WHITESPACE
    ['<b>Ada &lt;3</b>', 'company unknown', 'Strength 42/100 · fading',
     'Last contact: 6 Dec 2024', 'Former colleague.']
    """
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


def _plain(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def colour_groups(
    G: nx.Graph,
    nf: pl.DataFrame,
    color_by: str,
    comm: pl.DataFrame,
    *,
    max_groups: int = 12,
    status_order: tuple[str, ...] = (),
) -> tuple[pl.Series, list[tuple[str, str]]]:
    """Per contact a legend key, and the legend ``(key, label)`` in order.

    Community and company keep the ``max_groups − 1`` largest groups and pool
    the rest as ``'other'``; status keeps every status, in ``status_order``.
    A community's label ends with its size, or ``(12 of 40)`` when only some
    of its members are drawn.
    """
    if color_by == "status":
        key = nf["status"].fill_null("status unknown")
        present = set(key.to_list())
        names = [s for s in status_order if s in present] + sorted(present - set(status_order))
        return key, [(k, _plain(k)) for k in names]
    if color_by == "company":
        from tiekeeper.companies import normalize_company_series

        ckey = normalize_company_series(nf["company"])
        head = (
            pl.DataFrame({"k": ckey, "raw": nf["company"]})
            .drop_nulls()
            .group_by("k")
            .agg(pl.len().alias("n"), pl.col("raw").mode().sort().first())
            .sort(["n", "k"], descending=[True, False])
            .head(max_groups - 1)
        )
        keep = set(head["k"].to_list())
        key = pl.Series([k if k in keep else "other" for k in ckey.to_list()], dtype=pl.String)
        legend = [(k, f"{_plain(raw)} ({n:,})") for k, n, raw in head.iter_rows()]
        return key, [*legend, ("other", "Other or unknown companies")]
    top = (
        nf.group_by("community")
        .agg(pl.len().alias("n"))
        .filter(pl.col("n") >= 2)
        .sort(["n", "community"], descending=[True, False])
        .head(max_groups - 1)["community"]
        .to_list()
    )
    summary = communities_summary(G, comm.filter(pl.col("community").is_in(top)))
    label = dict(zip(summary["community"].to_list(), summary["label"].to_list(), strict=True))
    size = dict(zip(summary["community"].to_list(), summary["size"].to_list(), strict=True))
    drawn = dict(nf.group_by("community").agg(pl.len()).iter_rows())
    keep = set(top)
    key = pl.Series([str(c) if c in keep else "other" for c in nf["community"].to_list()])
    legend = [
        (str(c), f"{c}: {_plain(label.get(c, ''))} ({_count(drawn[c], size[c])})") for c in top
    ]
    return key, [*legend, ("other", "Other small circles and unlinked people")]


def _count(drawn: int, size: int) -> str:
    """``'12'``, or ``'12 of 40'`` when only some members are drawn."""
    return f"{drawn:,}" if drawn >= size else f"{drawn:,} of {size:,}"


def _segments(pairs: list[tuple[int, int]], px: list[float], py: list[float]) -> Segments:
    xs: list[float] = []
    ys: list[float] = []
    for a, b in pairs:
        x0, y0 = (0.0, 0.0) if a < 0 else (px[a], py[a])  # a < 0: the owner
        xs += [x0, px[b], _NAN]
        ys += [y0, py[b], _NAN]
    return xs, ys


def scene(
    G: nx.Graph,
    *,
    color_by: str = "community",
    seed: int = 0,
    max_nodes: int = 50_000,
    max_edges: tuple[int, int] = (20_000, 5_000),
    max_rings: int = 2_000,
    community: int | None = None,
    pos: Mapping[Hashable, tuple[float, float]] | None = None,
    comm: pl.DataFrame | None = None,
    max_groups: int = 12,
    status_order: tuple[str, ...] = (),
    draw_isolated: bool = False,
) -> Scene:
    """Decide what the network figure draws; see :func:`tiekeeper.plots.network_figure`.

    ``max_edges`` is the edge budget for (small, large) scenes. Isolated
    contacts are counted and left out unless ``draw_isolated`` (or when
    drilling into one ``community``, whose members are all drawn).
    """
    cg = contact_graph(G)
    if comm is None or comm.height != cg.g.vcount():
        comm = pl.DataFrame(
            {"person_id": [str(n) for n in cg.nodes], "community": membership(cg, seed=seed)},
            schema={"person_id": pl.String, "community": pl.Int64},
        )
    lookup = dict(zip(comm["person_id"].to_list(), comm["community"].to_list(), strict=True))
    member = [int(lookup.get(str(n), -1)) for n in cg.nodes]
    if community is not None:
        if community not in set(member):
            raise ParameterError(
                f"community={community!r} does not exist; this graph has communities "
                f"0–{max(member, default=-1)} with seed={seed} "
                f"(see tiekeeper.communities(G, seed={seed}))"
            )
        keep = {n for n, c in zip(cg.nodes, member, strict=True) if c == community}
        cg = contact_graph(
            G.subgraph([n for n, d in G.nodes(data=True) if is_owner(n, d) or n in keep])
        )
        member = [community] * len(cg.nodes)
        pos = None
    nf = node_frame(G, cg.nodes).with_columns(
        pl.Series("community", member, dtype=pl.Int64),
        pl.Series("degree", cg.g.degree(), dtype=pl.Int64),
        pl.Series("v", range(len(cg.nodes)), dtype=pl.Int64),
    )
    people = nf.height
    notes: list[str] = []
    isolated = 0
    if community is None and not draw_isolated:
        lone = isolated_mask(nf["status"], nf["degree"])
        isolated = int(lone.sum())
        nf = nf.filter(~lone)
    tied = nf.height
    if tied > max_nodes:
        nf = nf.sort(["strength", "person_id"], descending=[True, False], nulls_last=True)
        nf = nf.head(max_nodes).sort("v")
        with_ties = " with ties" if isolated else ""
        notes.append(
            f"Showing the {max_nodes:,} strongest of {tied:,} people{with_ties}; "
            f"{tied - max_nodes:,} left out."
        )
    if isolated:
        notes.append(
            f"Not drawn: {counted(f'{isolated:,}', 'person', 'people')} with no tie to anyone."
        )
    sub = _drawn_graph(cg, nf["v"].to_list())
    nf = nf.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias("v"))
    large = nf.height > LARGE
    budget = max_edges[1] if large else max_edges[0]
    if pos is None:
        mine = [member[v] for v in _original(cg, sub)]
        xy = positions(sub, strength=nf["strength"].to_list(), seed=seed, member=mine)
    else:
        xy = [pos.get(n, (0.0, 0.0)) for n in sub.nodes]
    px = [p[0] for p in xy]
    py = [p[1] for p in xy]
    pairs = sub.g.get_edgelist()
    edges = pl.DataFrame(
        {"a": [p[0] for p in pairs], "b": [p[1] for p in pairs], "w": sub.g.es["weight"]},
        schema={"a": pl.Int64, "b": pl.Int64, "w": pl.Float64},
    )
    total = edges.height
    if large or total > budget:
        edges = backbone(edges, budget)
    if edges.height < total:
        notes.append(
            "Links: each person's strongest tie plus the strongest others, "
            f"{edges.height:,} of {total:,}."
        )
    nodes = sub.nodes
    by_kind: dict[str, list[tuple[int, int]]] = {"group": [], "employer": []}
    for a, b in edges.select("a", "b").iter_rows():
        kind = str(G.edges[nodes[a], nodes[b]].get("kind") or "")
        by_kind["employer" if "same_employer" in kind else "group"].append((a, b))
    owner = next((n for n, d in G.nodes(data=True) if is_owner(n, d)), OWNER)
    spokes = [] if large else [(-1, v) for v in range(len(nodes)) if G.has_edge(owner, nodes[v])]
    key, legend = colour_groups(
        G, nf, color_by, comm, max_groups=max_groups, status_order=status_order
    )
    fading = pl.col("status").is_in(["fading", "lapsed"])
    nf = nf.with_columns(
        pl.Series("x", px, dtype=pl.Float64),
        pl.Series("y", py, dtype=pl.Float64),
        key.alias("group"),
        hover_text(nf),
        fading.fill_null(False).alias("ring"),
    )
    capped = large and int(nf["ring"].sum()) > max_rings
    if capped:
        chosen = (
            nf.filter("ring")
            .sort(["strength", "v"], descending=[True, False], nulls_last=True)
            .head(max_rings)["v"]
            .implode()
        )
        nf = nf.with_columns(pl.col("v").is_in(chosen).alias("ring"))
    return Scene(
        nodes=nf.drop("v"),
        legend=legend,
        edges={
            "spokes": _segments(spokes, px, py),
            "group": _segments(by_kind["group"], px, py),
            "employer": _segments(by_kind["employer"], px, py),
        },
        owner_name=G.nodes[owner].get("name") if owner in G else None,
        people=people,
        large=large,
        note=" ".join(notes),
        notes=tuple(notes),
        rings_capped=capped,
        isolated=isolated,
        tied=tied,
        left_out=max(0, tied - max_nodes),
    )


def _drawn_graph(cg: ContactGraph, keep: list[int]) -> ContactGraph:
    """``cg`` restricted to the vertices ``keep`` (ascending), in that order."""
    if len(keep) == cg.g.vcount():
        return cg
    sub = cg.g.induced_subgraph(keep, implementation="create_from_scratch")
    return ContactGraph(sub, [cg.nodes[v] for v in keep])


def _original(cg: ContactGraph, sub: ContactGraph) -> list[int]:
    """The vertex of ``cg`` behind each vertex of ``sub``."""
    if sub is cg:
        return list(range(cg.g.vcount()))
    index = {n: i for i, n in enumerate(cg.nodes)}
    return [index[n] for n in sub.nodes]
