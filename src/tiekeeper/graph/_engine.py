"""The fast engine behind the networkx graph: igraph, seeded, without the owner.

The user gets a :class:`networkx.Graph`; analyses and layouts convert it once
to :mod:`igraph` (C speed: Louvain on 30,000 nodes in a fraction of a second,
where networkx takes about 10 s). The conversion drops the owner hub
(``kind == "owner"``, or the node id ``"owner"``): owner edges are for display
only, and would otherwise take all the betweenness, bend the communities and
make Burt's constraint cost over 10⁹ operations.

Vertices are ordered by ``str(node)`` and edges sorted, so results do not
depend on the order in which the graph was built. igraph draws its random
numbers from a :class:`random.Random` seeded with ``seed`` inside
:func:`seeded`, which restores igraph's default afterwards.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("owner", "a"), ("owner", "b"), ("a", "b")])
>>> G.nodes["owner"]["kind"] = "owner"
>>> cg = contact_graph(G)
>>> cg.nodes, cg.g.ecount()
(['a', 'b'], 1)
"""

from __future__ import annotations

import gc
import random
from collections.abc import Hashable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    import igraph as ig
    import networkx as nx

__all__ = [
    "OWNER",
    "ContactGraph",
    "check_graph",
    "check_seed",
    "contact_graph",
    "gc_paused",
    "is_owner",
    "membership",
    "relabel",
    "seeded",
    "shared_contact_graph",
]

#: The node id of the owner hub in graphs made by :func:`tiekeeper.build_graph`.
OWNER = "owner"

_RNG_STACK: list[random.Random] = []
#: The conversions shared inside :func:`shared_contact_graph` blocks, innermost last.
_SHARED: ContextVar[tuple[tuple[Any, ContactGraph], ...]] = ContextVar(
    "tiekeeper_shared_contact_graphs", default=()
)


@dataclass(frozen=True)
class ContactGraph:
    """The owner-less contact graph in igraph form.

    Attributes
    ----------
    g : igraph.Graph
        Undirected, simple; edge attribute ``weight`` (positive floats).
    nodes : list
        The networkx node of each igraph vertex, in vertex order.
    """

    g: ig.Graph
    nodes: list[Hashable]
    #: Louvain memberships already computed, by (seed, resolution): a seeded run is
    #: deterministic, so communities, bridges and the drawing share one.
    memo: dict[tuple[int, float], list[int]] = field(
        default_factory=dict, compare=False, repr=False
    )


def is_owner(node: Hashable, data: dict[str, Any]) -> bool:
    """Whether a networkx node is the owner hub.

    Examples
    --------
    >>> is_owner("owner", {}), is_owner("x", {"kind": "owner"}), is_owner("x", {})
    (True, True, False)
    """
    return data.get("kind") == "owner" or node == OWNER


def check_graph(G: Any, name: str = "G") -> None:
    """Raise :class:`ParameterError` unless ``G`` is an undirected networkx graph.

    Examples
    --------
    >>> check_graph([1, 2])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: G must be a networkx.Graph (from ...build_graph); got list
    """
    import networkx as nx

    if not isinstance(G, nx.Graph):
        raise ParameterError(
            f"{name} must be a networkx.Graph (from tiekeeper.build_graph); got {type(G).__name__}"
        )
    if G.is_directed():
        raise ParameterError(
            f"{name} is a directed graph; pass an undirected one, e.g. {name}.to_undirected()"
        )


def check_seed(seed: Any) -> int:
    """Return ``seed`` as an int, or raise :class:`ParameterError`.

    Examples
    --------
    >>> check_seed(3)
    3
    """
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ParameterError(f"seed must be an int such as 0; got {seed!r}")
    return seed


def contact_graph(G: nx.Graph) -> ContactGraph:
    """Convert ``G`` without its owner hub to igraph, in a canonical order.

    A missing, non-numeric or NaN ``weight`` counts as 1.0; edges with a
    weight ≤ 0 are dropped (no evidence). Self-loops are dropped.

    Inside a :func:`shared_contact_graph` block for ``G`` (the same object),
    the block's conversion is returned instead of converting again.
    """
    check_graph(G)
    for graph, cg in reversed(_SHARED.get()):
        if graph is G:
            return cg
    with gc_paused():
        return _contact_graph(G)


def _contact_graph(G: nx.Graph) -> ContactGraph:
    import igraph as ig

    nodes = sorted((n for n, d in G.nodes(data=True) if not is_owner(n, d)), key=str)
    index = {n: i for i, n in enumerate(nodes)}
    src: list[int] = []
    dst: list[int] = []
    wts: list[Any] = []
    for u, nbrs in G.adjacency():  # the plain dicts: much faster than G.adj views
        iu = index.get(u)
        if iu is None:
            continue
        for v, d in nbrs.items():
            iv = index.get(v)
            if iv is not None and iv > iu:  # each edge once; self-loops dropped
                src.append(iu)
                dst.append(iv)
                wts.append(d.get("weight", 1.0))
    weight = pl.Series("w", [_weight(w) for w in wts] if _mixed(wts) else wts, dtype=pl.Float64)
    edges = (
        pl.DataFrame({"a": src, "b": dst}, schema={"a": pl.Int64, "b": pl.Int64})
        .with_columns(weight.fill_null(1.0).fill_nan(1.0))
        .filter(pl.col("w") > 0)
        .sort("a", "b")
    )
    g = ig.Graph(
        n=len(nodes), edges=list(zip(edges["a"].to_list(), edges["b"].to_list(), strict=True))
    )
    g.es["weight"] = edges["w"].to_list()
    return ContactGraph(g, nodes)


@contextmanager
def shared_contact_graph(G: nx.Graph, cg: ContactGraph | None = None) -> Iterator[ContactGraph]:
    """Convert ``G`` once and let every analysis inside the block reuse it.

    :func:`~tiekeeper.graph.communities`, :func:`~tiekeeper.graph.bridges`,
    :func:`~tiekeeper.graph.layout` and the network figure each convert their
    graph to igraph (about 1 s on 30,000 contacts). Inside this block they
    share one conversion of ``G`` (and, through :attr:`ContactGraph.memo`,
    one Louvain run per seed). ``G`` must not change inside the block.

    Parameters
    ----------
    G : networkx.Graph
    cg : ContactGraph, optional
        A conversion made earlier (e.g. by the report's compute stage); its
        ``nodes`` must be exactly the contacts of ``G``. Built when None.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> with shared_contact_graph(G) as cg:
    ...     contact_graph(G) is cg
    True
    >>> contact_graph(G) is cg
    False
    """
    if cg is None:
        cg = contact_graph(G)
    token = _SHARED.set((*_SHARED.get(), (G, cg)))
    try:
        yield cg
    finally:
        _SHARED.reset(token)


def relabel(cg: ContactGraph, mapping: Mapping[Hashable, Hashable]) -> ContactGraph:
    """The conversion of ``G`` relabelled by ``mapping``, without converting again.

    Gives what :func:`contact_graph` gives for ``nx.relabel_nodes(G, mapping)``
    (``mapping`` one-to-one): vertices in ``str(new node)`` order, edges sorted,
    the same weights. Used for redacted reports, whose nodes are pseudo ids.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> cg = relabel(contact_graph(G), {"a": "z", "b": "y", "c": "x"})
    >>> cg.nodes, cg.g.get_edgelist()
    (['x', 'y', 'z'], [(0, 1), (1, 2)])
    """
    import igraph as ig

    new = [mapping.get(n, n) for n in cg.nodes]
    order = sorted(range(len(new)), key=lambda i: str(new[i]))
    where = [0] * len(new)
    for rank, i in enumerate(order):
        where[i] = rank
    pairs = cg.g.get_edgelist()
    a = [where[u] for u, _ in pairs]
    b = [where[v] for _, v in pairs]
    edges = (
        pl.DataFrame(
            {"a": a, "b": b, "w": cg.g.es["weight"]},
            schema={"a": pl.Int64, "b": pl.Int64, "w": pl.Float64},
        )
        .select(pl.min_horizontal("a", "b").alias("a"), pl.max_horizontal("a", "b").alias("b"), "w")
        .sort("a", "b")
    )
    g = ig.Graph(
        n=len(new), edges=list(zip(edges["a"].to_list(), edges["b"].to_list(), strict=True))
    )
    g.es["weight"] = edges["w"].to_list()
    return ContactGraph(g, [new[i] for i in order])


def _mixed(values: list[Any]) -> bool:
    """Whether ``values`` holds anything but floats (ints, bools, text, None)."""
    return any(type(w) is not float for w in values)


def _weight(w: Any) -> float | None:
    if isinstance(w, bool) or not isinstance(w, int | float):
        return None
    return float(w)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    A 30,000-person graph holds a few hundred thousand dicts; every few
    thousand new objects Python would scan them all for cycles, which can
    cost more than the work itself. Nothing built under this pause forms
    cycles, so reference counting frees it as usual.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def seeded(seed: int) -> Iterator[random.Random]:
    """Make igraph draw from ``random.Random(seed)`` inside the block.

    Examples
    --------
    >>> with seeded(0) as rng:
    ...     isinstance(rng.random(), float)
    True
    """
    import igraph as ig

    rng = random.Random(seed)
    _RNG_STACK.append(rng)
    ig.set_random_number_generator(rng)
    try:
        yield rng
    finally:
        _RNG_STACK.pop()
        # back to the enclosing block's generator, or igraph's default (the random module)
        ig.set_random_number_generator(_RNG_STACK[-1] if _RNG_STACK else random)


def membership(cg: ContactGraph, *, seed: int = 0, resolution: float = 1.0) -> list[int]:
    """Louvain communities of ``cg``, numbered 0, 1, … by size (largest first).

    Ties in size are broken by the smallest member (in vertex order, which is
    ``str(node)`` order), so numbering is stable. Isolated vertices are
    communities of their own.
    """
    g = cg.g
    if g.vcount() == 0:
        return []
    known = cg.memo.get((seed, resolution))
    if known is not None:
        return list(known)
    with seeded(seed):
        raw = g.community_multilevel(weights="weight", resolution=resolution).membership
    first: dict[int, int] = {}
    size: dict[int, int] = {}
    for i, c in enumerate(raw):
        first.setdefault(c, i)
        size[c] = size.get(c, 0) + 1
    order = sorted(size, key=lambda c: (-size[c], first[c]))
    relabel = {c: k for k, c in enumerate(order)}
    member = [relabel[c] for c in raw]
    cg.memo[(seed, resolution)] = member
    return list(member)
