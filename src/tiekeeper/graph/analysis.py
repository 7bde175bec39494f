"""Communities, their labels, and bridges (brokers) of the owner's network.

Every analysis runs on the graph **without the owner**: the hub is linked to
everyone, so it would take all the betweenness, bend the communities into one
and make Burt's constraint cost over 10⁹ operations. The graph is converted
once to igraph (:mod:`tiekeeper.graph._engine`), which does Louvain on 30,000
nodes in well under a second.

Graphs with fewer than two contacts give empty frames with the documented
schema (``communities``, ``communities_summary`` and ``bridges`` in
:mod:`tiekeeper.schema`), never errors.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"),
...               ("e", "f"), ("d", "f")])
>>> communities(G)["community"].to_list()
[0, 0, 0, 1, 1, 1]
>>> bridges(G).select("person_id", "betweenness").row(0)
('c', 0.6)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.graph._engine import (
    ContactGraph,
    check_seed,
    contact_graph,
    gc_paused,
    is_owner,
    membership,
    seeded,
)
from tiekeeper.schema import empty_frame, polars_schema

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "DEFAULT_PIVOTS",
    "FADING_STATUSES",
    "MIN_PIVOTS",
    "PIVOT_BUDGET",
    "bridges",
    "circles_linked",
    "communities",
    "communities_summary",
    "default_pivots",
    "node_frame",
    "unique_labels",
]

#: Statuses counted in ``share_fading``.
FADING_STATUSES: tuple[str, ...] = ("fading", "lapsed")
#: Betweenness is exact up to this many contacts and sampled from at most this many pivots above.
DEFAULT_PIVOTS = 500
#: Work budget of sampled betweenness, in pivots × (contacts + ties): one pivot costs one
#: shortest-path tree (Dijkstra) over the whole graph, so big graphs get fewer pivots.
PIVOT_BUDGET = 10_000_000
#: Sampled betweenness never uses fewer pivots than this.
MIN_PIVOTS = 100
#: Members named in ``top_members``.
TOP_MEMBERS = 5


def _check_resolution(resolution: Any) -> float:
    if isinstance(resolution, bool) or not isinstance(resolution, int | float) or resolution <= 0:
        raise ParameterError(
            f"resolution must be a number > 0 (1.0 is classic modularity; higher gives "
            f"smaller communities); got {resolution!r}"
        )
    return float(resolution)


def _frame(cg: ContactGraph, member: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {"person_id": [str(n) for n in cg.nodes], "community": member},
        schema=polars_schema("communities"),
    ).sort("community", "person_id")


def communities(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> pl.DataFrame:
    """Louvain communities of the owner's contacts (the owner left out).

    Parameters
    ----------
    G : networkx.Graph
        From :func:`tiekeeper.build_graph` (edge ``weight`` is used).
    seed : int
        Seeds igraph's random order of moves: same seed, same communities.
    resolution : float
        Modularity resolution; above 1 gives more, smaller communities.

    Returns
    -------
    polars.DataFrame
        One row per contact (schema ``communities``): ``person_id`` and
        ``community``, numbered 0, 1, … from the largest. A contact with no
        tie to another contact is a community of one. Sorted by community.

    Examples
    --------
    >>> import networkx as nx
    >>> communities(nx.Graph()).height
    0
    """
    seed = check_seed(seed)
    res = _check_resolution(resolution)
    cg = contact_graph(G)
    if cg.g.vcount() < 2:
        return empty_frame("communities")
    return _frame(cg, membership(cg, seed=seed, resolution=res))


def node_frame(G: nx.Graph, nodes: list[Hashable] | None = None) -> pl.DataFrame:
    """The contacts' node attributes as a frame, in ``nodes`` order (owner excluded).

    Columns: ``person_id, name, company, title, strength, status,
    last_contact, connected_on, top_reason, former_colleague,
    former_company``; missing attributes are null.
    """
    if nodes is None:
        nodes = sorted((n for n, d in G.nodes(data=True) if not is_owner(n, d)), key=str)
    with gc_paused():
        data = dict(G.nodes(data=True))  # plain dicts: NodeView lookups are slow
        rows = [data[n] for n in nodes]
    ids = pl.Series("person_id", [str(n) for n in nodes], dtype=pl.String)
    try:  # fast: polars reads the dicts (graphs from build_graph always fit)
        frame = pl.from_dicts(rows, schema=_NODE_SCHEMA, strict=False)
    except (pl.exceptions.PolarsError, TypeError, ValueError):
        frame = _node_frame_slow(rows)
    if frame.height != len(rows):  # no rows at all: from_dicts gives no columns either
        frame = _node_frame_slow(rows)
    return frame.with_columns(pl.col("former_colleague").fill_null(False)).insert_column(0, ids)


_NODE_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "name": pl.String,
    "company": pl.String,
    "title": pl.String,
    "strength": pl.Float64,
    "status": pl.String,
    "last_contact": pl.String,
    "connected_on": pl.String,
    "top_reason": pl.String,
    "former_colleague": pl.Boolean,
    "former_company": pl.String,
}


def _node_frame_slow(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Attribute by attribute, coercing odd values (numbers as text, dates, …)."""
    cols: dict[str, list[Any]] = {}
    for key, dtype in _NODE_SCHEMA.items():
        values = [d.get(key) for d in rows]
        if dtype == pl.Float64:
            cols[key] = [
                float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None
                for v in values
            ]
        elif dtype == pl.Boolean:
            cols[key] = [bool(v) for v in values]
        else:
            cols[key] = [None if v is None else str(v) for v in values]
    return pl.DataFrame(cols, schema=_NODE_SCHEMA)


def communities_summary(
    G: nx.Graph, comm: pl.DataFrame | None = None, *, seed: int = 0
) -> pl.DataFrame:
    """One row per community: size, a plain-English label and its share of fading ties.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`tiekeeper.build_graph`.
    comm : polars.DataFrame, optional
        The frame of :func:`communities`; computed with ``seed`` when None.
    seed : int
        Used when ``comm`` is None.

    Returns
    -------
    polars.DataFrame
        Schema ``communities_summary``, sorted by community. The label is
        ``'Former colleagues at X (connected 2016–2019)'`` when at least half
        the members were flagged former colleagues at X (the years are the
        middle half of their connection dates, which tell eras of one
        employer apart); else ``'Mostly at X'`` when more than half work at
        X now; else ``'Connected 2015–2018'``; else ``'Mixed circle'``. A
        community of one is ``'On their own: <name>'``.
        Labels are unique: where circles would share one, each gets what
        sets it apart (:func:`unique_labels`): a company several members
        work at now (``' · 4 now at Acme'``), else a title several hold
        (``' · 3 in Data Analyst roles'``), else its strongest member
        (``' · with Ada Lovelace'``), else its number (``' (circle 7)'``).
        ``share_fading`` counts the statuses ``fading`` and ``lapsed``.
        ``top_members`` names up to five members, strongest first.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b")])
    >>> G.nodes["a"].update(name="Ada", company="Acme Inc.", strength=40.0, status="fading")
    >>> G.nodes["b"].update(name="Bob", company="ACME", strength=60.0, status="on track")
    >>> communities_summary(G).select("label", "share_fading", "top_members").row(0)
    ('Mostly at ACME', 0.5, ['Bob', 'Ada'])
    """
    from tiekeeper.companies import normalize_company_series

    seed = check_seed(seed)
    comm = communities(G, seed=seed) if comm is None else comm
    if not isinstance(comm, pl.DataFrame) or not {"person_id", "community"} <= set(comm.columns):
        raise ParameterError(
            "comm must be the frame returned by tiekeeper.communities(G) with columns "
            f"person_id and community; got {type(comm).__name__}"
        )
    if comm.height == 0:
        return empty_frame("communities_summary")
    by_id = {str(n): n for n, d in G.nodes(data=True) if not is_owner(n, d)}
    nodes = [by_id[p] for p in comm["person_id"].to_list() if p in by_id]
    nf = node_frame(G, nodes).join(comm.select("person_id", "community"), on="person_id")
    nf = nf.with_columns(
        normalize_company_series(nf["company"]).alias("ckey"),
        normalize_company_series(nf["former_company"]).alias("fkey"),
        pl.col("connected_on").str.slice(0, 4).cast(pl.Int64, strict=False).alias("year"),
    )
    size = nf.group_by("community").agg(
        pl.len().cast(pl.Int64).alias("size"),
        pl.col("status").is_in(list(FADING_STATUSES)).mean().cast(pl.Float64).alias("share_fading"),
        pl.col("name")
        .sort_by(["strength", "name"], descending=[True, False], nulls_last=True)
        .head(TOP_MEMBERS)
        .alias("top_members"),
        pl.col("year").quantile(0.25, "lower").cast(pl.Int64).alias("y0"),
        pl.col("year").quantile(0.75, "higher").cast(pl.Int64).alias("y1"),
    )
    company = _dominant(nf, "ckey", "company", "dominant_company", "company_n")
    former = _dominant(
        nf.filter(pl.col("former_colleague")), "fkey", "former_company", "former", "former_n"
    )
    s = size.join(company, on="community", how="left").join(former, on="community", how="left")
    years = (
        pl.when(pl.col("y0") == pl.col("y1"))
        .then(pl.col("y0").cast(pl.String))
        .otherwise(pl.format("{}–{}", pl.col("y0"), pl.col("y1")))
    )
    former_label = pl.format("Former colleagues at {}", pl.col("former"))
    is_former = pl.col("former_n").fill_null(0) * 2 >= pl.col("size")
    is_mostly = pl.col("company_n").fill_null(0) * 2 > pl.col("size")
    label = (
        pl.when(pl.col("size") == 1)
        .then(pl.format("On their own: {}", pl.col("top_members").list.first().fill_null("?")))
        .when(is_former & years.is_not_null())
        .then(pl.format("{} (connected {})", former_label, years))
        .when(is_former)
        .then(former_label)
        .when(is_mostly)
        .then(pl.format("Mostly at {}", pl.col("dominant_company")))
        .when(years.is_not_null())
        .then(pl.format("Connected {}", years))
        .otherwise(pl.lit("Mixed circle"))
    )
    # the company a label already names, never repeated to set it apart
    named = (
        pl.when(is_former)
        .then(pl.col("former_key"))
        .when(is_mostly)
        .then(pl.col("dominant_company_key"))
    )
    s = s.with_columns(label.alias("label"), named.alias("_named")).sort("community")
    s = s.with_columns(pl.Series("label", unique_labels(s, _distinctions(nf, s)), dtype=pl.String))
    out = s.select(list(polars_schema("communities_summary")))
    return out.cast(dict(polars_schema("communities_summary")))  # type: ignore[arg-type]


def _distinctions(nf: pl.DataFrame, s: pl.DataFrame) -> list[list[str | None]]:
    """What could set each community of ``s`` apart, in order of preference.

    Per community (in the order of ``s``): a current company held by two or
    more members (not a placeholder, not the one the label names), a title
    held by two or more, and the strongest member's name.
    """
    from tiekeeper.companies import is_placeholder_series

    named = s.select("community", "_named")
    work = nf.join(named, on="community", how="left").filter(
        pl.col("ckey").is_not_null()
        & ~is_placeholder_series(nf["company"]).fill_null(False)
        & (pl.col("ckey") != pl.col("_named")).fill_null(True)
    )
    company = _most(work, "ckey", "company", "{n} now at {v}")
    roles = nf.with_columns(
        pl.col("title").str.strip_chars().str.to_lowercase().alias("tkey")
    ).filter(pl.col("tkey").is_not_null() & (pl.col("tkey") != ""))
    role = _most(roles, "tkey", "title", "{n} in {v} roles")
    order = s.select("community")
    return [
        order.join(company, on="community", how="left")["text"].to_list(),
        order.join(role, on="community", how="left")["text"].to_list(),
        s.select(pl.format("with {}", pl.col("top_members").list.first()).alias("text"))[
            "text"
        ].to_list(),
    ]


def _most(frame: pl.DataFrame, key: str, raw: str, template: str) -> pl.DataFrame:
    """Per community, the most common ``key`` held by two or more, as ``template`` text."""
    counts = (
        frame.group_by("community", key)
        .agg(pl.len().alias("n"), pl.col(raw).str.strip_chars().mode().sort().first().alias("v"))
        .filter(pl.col("n") >= 2)
        .sort(["community", "n", key], descending=[False, True, False])
        .group_by("community", maintain_order=True)
        .first()
    )
    text = template.replace("{n}", "{}").replace("{v}", "{}")
    return counts.select("community", pl.format(text, "n", "v").alias("text"))


def unique_labels(summary: pl.DataFrame, distinctions: Iterable[list[str | None]]) -> list[str]:
    """``summary["label"]`` made unique, using each community's ``distinctions`` in turn.

    While labels repeat, each repeated label takes the next distinction of
    its community (``'<label> · <distinction>'``) when that gives a label no
    other community has or takes at the same step; what still repeats at
    the end gets its community number.

    Examples
    --------
    >>> s = pl.DataFrame({"community": [0, 1, 2, 3], "label": ["A", "A", "A", "B"]})
    >>> unique_labels(s, [["2 now at X", "2 now at Y", None, None]])
    ['A · 2 now at X', 'A · 2 now at Y', 'A', 'B']
    >>> unique_labels(s, [["2 now at X", "2 now at X", None, None], ["with Bo", None, None, None]])
    ['A · with Bo', 'A (circle 1)', 'A (circle 2)', 'B']
    """
    out: list[str] = [str(v) for v in summary["label"].to_list()]
    for options in distinctions:
        counts = Counter(out)
        offers = {
            i: f"{out[i]} · {o}"
            for i, o in enumerate(options)
            if counts[out[i]] > 1 and o is not None
        }
        wanted = Counter(offers.values())
        for i, label in offers.items():
            if wanted[label] == 1 and label not in counts:
                out[i] = label
    counts = Counter(out)
    community = summary["community"].to_list()
    return [
        f"{v} (circle {c})" if counts[v] > 1 else v for v, c in zip(out, community, strict=True)
    ]


def _dominant(nf: pl.DataFrame, key: str, raw: str, name: str, count: str) -> pl.DataFrame:
    """Per community: the most common ``key`` (shown as its most common raw spelling).

    Placeholder companies ("Self-employed", "Stealth") never label a circle.
    """
    from tiekeeper.companies import is_placeholder_series

    keyed = nf.filter(pl.col(key).is_not_null() & ~is_placeholder_series(nf[raw]))
    counts = keyed.group_by("community", key).agg(
        pl.len().alias(count), pl.col(raw).mode().sort().first().alias(name)
    )
    return (
        counts.sort(["community", count, key], descending=[False, True, False])
        .group_by("community", maintain_order=True)
        .first()
        .select("community", name, count, pl.col(key).alias(f"{name}_key"))
    )


def circles_linked(
    G: nx.Graph, comm: pl.DataFrame, person_ids: Iterable[str] | None = None
) -> pl.DataFrame:
    """How many circles each person links: their own and those of the contacts they know.

    A readable companion of betweenness: a bridge between two circles links
    2, a person who knows people in five circles links 5.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`tiekeeper.build_graph` (the owner is left out).
    comm : polars.DataFrame
        The frame of :func:`communities` for ``G``.
    person_ids : iterable of str, optional
        Whom to count for (default: every contact).

    Returns
    -------
    polars.DataFrame
        ``person_id`` and ``circles`` (Int64), in the order given; a person
        not in ``G`` links 0.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"),
    ...               ("e", "f"), ("d", "f")])
    >>> circles_linked(G, communities(G), ["c", "a"]).rows()
    [('c', 2), ('a', 1)]
    """
    owner = {n for n, d in G.nodes(data=True) if is_owner(n, d)}
    by_id = {str(n): n for n in G.nodes if n not in owner}
    circle = dict(zip(comm["person_id"].to_list(), comm["community"].to_list(), strict=True))
    ids = list(by_id) if person_ids is None else [str(p) for p in person_ids]
    counts = []
    for pid in ids:
        node = by_id.get(pid)
        if node is None:
            counts.append(0)
            continue
        near = [str(n) for n in G.neighbors(node) if n not in owner]
        counts.append(len({circle.get(p) for p in [pid, *near]} - {None}))
    return pl.DataFrame(
        {"person_id": ids, "circles": counts}, schema={"person_id": pl.String, "circles": pl.Int64}
    )


def default_pivots(n: int, m: int) -> int:
    """Pivots of sampled betweenness for ``n`` contacts and ``m`` ties among them.

    Exact (``n`` pivots) up to :data:`DEFAULT_PIVOTS` contacts. Above, the
    number of pivots keeps the work near :data:`PIVOT_BUDGET` (each pivot is
    one Dijkstra over ``n + m``), between :data:`MIN_PIVOTS` and
    :data:`DEFAULT_PIVOTS`. On 30,000 contacts with 47,000 ties that is 127
    pivots: the report names the top ten brokers, and a broker lies on many
    shortest paths, so a hundred random sources rank them reliably (Brandes &
    Pich 2007) while the betweenness takes a quarter of the time of 500.

    Examples
    --------
    >>> default_pivots(400, 10_000), default_pivots(5_000, 10_000)
    (400, 500)
    >>> default_pivots(31_467, 47_110), default_pivots(200_000, 900_000)
    (127, 100)
    """
    if n <= DEFAULT_PIVOTS:
        return n
    return max(MIN_PIVOTS, min(DEFAULT_PIVOTS, PIVOT_BUDGET // max(1, n + m)))


def bridges(G: nx.Graph, *, seed: int = 0, k: int | None = None) -> pl.DataFrame:
    """Measure each contact as a broker between circles: betweenness, constraint, effective size.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`tiekeeper.build_graph`.
    seed : int
        Seeds the pivot sample (and the communities reported).
    k : int, optional
        Pivots for sampled betweenness (Brandes & Pich 2007). Default
        :func:`default_pivots`: exact up to 500 contacts, then at most 500
        and fewer on big graphs (127 on 30,000 contacts with 47,000 ties,
        never fewer than 100). The sampled value is scaled by ``n / k``, an
        unbiased estimate.

    Returns
    -------
    polars.DataFrame
        One row per contact (schema ``bridges``), highest betweenness first.
        Betweenness uses distances ``1 / weight`` (a strong tie is a short
        path) and is normalised to [0, 1] by ``(n − 1)(n − 2) / 2``.
        Constraint is weighted (Burt 1992); effective size is unweighted
        (Borgatti 1997: degree − 2·ties among neighbours / degree). Both
        are null for a contact with no tie to another contact.

    Examples
    --------
    >>> import networkx as nx
    >>> bridges(nx.path_graph(3)).select("person_id", "betweenness", "constraint").rows()
    [('1', 1.0, 0.5), ('0', 0.0, 1.0), ('2', 0.0, 1.0)]
    """
    seed = check_seed(seed)
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise ParameterError(f"k (betweenness pivots) must be an int ≥ 1 or None; got {k!r}")
    cg = contact_graph(G)
    g = cg.g
    n = g.vcount()
    if n < 2:
        return empty_frame("bridges")
    pivots = default_pivots(n, g.ecount()) if k is None else min(n, k)
    dist = [1.0 / w for w in g.es["weight"]]
    with seeded(seed) as rng:
        if pivots >= n:
            raw = g.betweenness(directed=False, weights=dist)
        else:
            sources = sorted(rng.sample(range(n), pivots))
            sampled = g.betweenness(directed=False, weights=dist, sources=sources)
            raw = [b * n / pivots for b in sampled]
    norm = (n - 1) * (n - 2) / 2
    between = [b / norm if norm > 0 else 0.0 for b in raw]
    degree = g.degree()
    constraint = g.constraint(weights="weight")
    clustering = g.transitivity_local_undirected(mode="zero")
    eff = [d - c * (d - 1) if d > 0 else None for d, c in zip(degree, clustering, strict=True)]
    member = membership(cg, seed=seed)
    nf = node_frame(G, cg.nodes)
    out = nf.select("person_id", "name", "company").with_columns(
        pl.Series("community", member, dtype=pl.Int64),
        pl.Series("degree", degree, dtype=pl.Int64),
        pl.Series("betweenness", between, dtype=pl.Float64),
        pl.Series("constraint", constraint, dtype=pl.Float64).fill_nan(None),
        pl.Series("effective_size", eff, dtype=pl.Float64),
    )
    out = out.sort(["betweenness", "person_id"], descending=[True, False])
    return out.select(list(polars_schema("bridges")))
