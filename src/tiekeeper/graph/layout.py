"""``layout``: fast, deterministic positions for drawing the network.

networkx's ``spring_layout`` would take over 30 minutes on 30,000 contacts;
igraph's Fruchterman–Reingold (FR) with its grid approximation takes a few
seconds at 500 iterations. So:

* the owner sits at the centre, ``(0, 0)``;
* contacts with at least one tie to another contact are laid out with igraph
  FR (weights pull strong ties together) and scaled into the unit disc;
* contacts tied only to the owner sit on an outer ring (radius 1.15–1.45),
  the strongest on the inside, in a sunflower pattern so that none overlap;
* above :data:`LARGE` tied contacts, one FR over everything is both slow and a
  hairball, so the layout is *group-in-a-box* (Rodrigues et al., 2011): each
  Louvain community gets a box of a squarified treemap of the square
  [-1, 1]², area proportional to its size, largest first, and is laid out on
  its own with :data:`LARGE_ITERATIONS` FR iterations inside its box (about
  half a second for 30,000 contacts). Members of a circle stay together and
  boxes never overlap; the ring of untied contacts then sits at 1.55–1.85.
  (Placing community super-nodes with FR and the members around them was
  tried first: igraph's grid FR slows down by an order of magnitude when
  started from such clustered positions, and large circles overlapped.)

Start positions come from ``random.Random(seed)``, and igraph draws from the
same seeded generator, so the same graph and seed give the same layout.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph([("owner", "a"), ("owner", "b"), ("a", "b"), ("owner", "c")])
>>> pos = layout(G, seed=1)
>>> pos["owner"]
(0.0, 0.0)
>>> pos == layout(G, seed=1)
True
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import polars as pl

from tiekeeper.graph._engine import (
    ContactGraph,
    check_seed,
    contact_graph,
    is_owner,
    membership,
    seeded,
)

if TYPE_CHECKING:  # pragma: no cover
    import random

    import igraph as ig
    import networkx as nx

__all__ = ["LARGE", "LARGE_ITERATIONS", "layout", "positions", "squarify"]

#: Above this many tied contacts, communities are laid out first.
LARGE = 2_000
#: FR iterations for small graphs and, after the community step, large ones.
SMALL_ITERATIONS = 500
LARGE_ITERATIONS = 100
#: igraph FR uses its grid approximation above this many nodes.
GRID_ABOVE = 100
_GOLDEN = math.pi * (3 - math.sqrt(5))
_RING = (1.15, 1.45)  # around the unit disc of a small graph
_RING_LARGE = (1.55, 1.85)  # around the square [-1, 1]² of a large one

XY = tuple[float, float]
Rect = tuple[float, float, float, float]


def layout(G: nx.Graph, *, seed: int = 0, comm: pl.DataFrame | None = None) -> dict[Hashable, XY]:
    """Place every node of ``G`` in the plane, the owner at ``(0, 0)``.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`tiekeeper.build_graph`.
    seed : int
        Same graph and seed, same layout.
    comm : polars.DataFrame, optional
        The frame of :func:`tiekeeper.communities` for large graphs, to save
        computing it again (it is computed with ``seed`` when needed).

    Returns
    -------
    dict
        ``node -> (x, y)``; contacts fall within radius 1.45.

    Examples
    --------
    >>> import math
    >>> import tiekeeper
    >>> G = tiekeeper.build_graph(tiekeeper.load_export())
    >>> pos = layout(G, seed=0)
    >>> len(pos) == G.number_of_nodes()
    True
    >>> max(math.hypot(x, y) for x, y in pos.values()) <= 1.45
    True
    >>> layout(G, seed=0) == pos  # same graph and seed, same layout
    True
    """
    seed = check_seed(seed)
    cg = contact_graph(G)
    member = None
    if comm is not None and comm.height:
        lookup = dict(zip(comm["person_id"].to_list(), comm["community"].to_list(), strict=True))
        member = [lookup.get(str(n), -1) for n in cg.nodes]
    strength = [G.nodes[n].get("strength") for n in cg.nodes]
    xy = positions(cg, strength=strength, seed=seed, member=member)
    out: dict[Hashable, XY] = {n: (0.0, 0.0) for n, d in G.nodes(data=True) if is_owner(n, d)}
    out.update(zip(cg.nodes, xy, strict=True))
    return out


def positions(
    cg: ContactGraph,
    *,
    strength: Sequence[object] | None = None,
    seed: int = 0,
    member: Sequence[int] | None = None,
) -> list[XY]:
    """Positions of the vertices of ``cg`` (the owner-less igraph), in vertex order."""
    g = cg.g
    n = g.vcount()
    if n == 0:
        return []
    degree = g.degree()
    tied = [i for i in range(n) if degree[i] > 0]
    alone = [i for i in range(n) if degree[i] == 0]
    xy: list[XY] = [(0.0, 0.0)] * n
    large = len(tied) > LARGE
    if large and member is None:
        member = membership(cg, seed=seed)
    with seeded(seed) as rng:
        if tied:
            placed = _tied(cg, tied, member if large else None, rng)
            for i, p in zip(tied, placed, strict=True):
                xy[i] = p
    if alone:
        rank = sorted(alone, key=lambda i: (-_num(strength[i] if strength else None), i))
        ring = _RING_LARGE if large else _RING
        for i, p in zip(rank, _ring(len(rank), ring), strict=True):
            xy[i] = p
    return xy


def _num(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return float(value)
    return -1.0


def _ring(count: int, ring: tuple[float, float]) -> list[XY]:
    """``count`` points in the annulus ``ring``, evenly spread (a sunflower)."""
    r0, r1 = ring
    out = []
    for k in range(count):
        r = math.sqrt(r0 * r0 + (r1 * r1 - r0 * r0) * (k + 0.5) / count)
        a = k * _GOLDEN
        out.append((r * math.cos(a), r * math.sin(a)))
    return out


def _tied(
    cg: ContactGraph, tied: list[int], member: Sequence[int] | None, rng: random.Random
) -> list[XY]:
    sub = cg.g.induced_subgraph(tied)
    if member is not None:
        return _group_in_a_box(sub, [member[i] for i in tied], rng)
    return _to_disc(_fr(sub, rng, SMALL_ITERATIONS))


def _fr(sub: ig.Graph, rng: random.Random, niter: int) -> list[XY]:
    """igraph Fruchterman–Reingold from a seeded random start (grid above 100 nodes)."""
    n = sub.vcount()
    half = math.sqrt(n) / 2  # igraph's grid spans ±√n/2: start evenly inside it
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(n)]
    weights = [min(max(w, 0.2), 5.0) for w in sub.es["weight"]]
    coords = sub.layout_fruchterman_reingold(
        weights=weights, niter=niter, seed=start, grid=n > GRID_ABOVE
    ).coords
    return [(float(x), float(y)) for x, y in coords]


def _group_in_a_box(sub: ig.Graph, member: list[int], rng: random.Random) -> list[XY]:
    """Each community in its own box of a squarified treemap, laid out inside it.

    "Group-in-a-box" (Rodrigues et al., 2011): box areas are proportional to
    community sizes, largest first, in the square [-1, 1]²; each community
    gets its own FR layout stretched to fill its box (less a margin).
    """
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(member):
        groups.setdefault(c, []).append(i)
    order = sorted(groups, key=lambda c: (-len(groups[c]), c))
    boxes = squarify([float(len(groups[c])) for c in order], -1.0, -1.0, 2.0, 2.0)
    out: list[XY] = [(0.0, 0.0)] * sub.vcount()
    for c, (x, y, w, h) in zip(order, boxes, strict=True):
        vs = groups[c]
        if len(vs) < 3:
            local = [(-0.5, 0.0), (0.5, 0.0)][: len(vs)] if len(vs) == 2 else [(0.0, 0.0)]
        else:
            part = sub.induced_subgraph(vs, implementation="create_from_scratch")
            local = _to_disc(_fr(part, rng, LARGE_ITERATIONS), quantile=0.95)
        pad = 0.08 * min(w, h)
        cx, cy = x + w / 2, y + h / 2
        hw, hh = max(w / 2 - pad, 0.0), max(h / 2 - pad, 0.0)
        for i, (lx, ly) in zip(vs, local, strict=True):
            out[i] = (cx + lx * hw, cy + ly * hh)
    return out


def squarify(values: Sequence[float], x: float, y: float, w: float, h: float) -> list[Rect]:
    """Squarified treemap (Bruls, Huizing & van Wijk, 2000) of ``values`` in a box.

    ``values`` should be sorted largest first; returns one ``(x, y, width,
    height)`` per value, in order, with areas proportional to the values.

    Examples
    --------
    >>> [tuple(round(v, 2) for v in r) for r in squarify([2, 1, 1], 0, 0, 2, 2)]
    [(0, 0, 1.0, 2.0), (1.0, 0, 1.0, 1.0), (1.0, 1.0, 1.0, 1.0)]
    """
    total = float(sum(values))
    if total <= 0:
        return [(x, y, 0.0, 0.0) for _ in values]
    area = [v * w * h / total for v in values]
    rects: list[Rect] = []
    i = 0
    while i < len(area):
        short = min(w, h)
        if short <= 0:
            rects.extend((x, y, 0.0, 0.0) for _ in area[i:])
            break
        row_sum, row_min, row_max = area[i], area[i], area[i]
        j = i + 1
        while j < len(area):
            s2 = row_sum + area[j]
            worse = _worst(s2, min(row_min, area[j]), max(row_max, area[j]), short)
            if worse > _worst(row_sum, row_min, row_max, short):
                break
            row_sum, row_min, row_max = s2, min(row_min, area[j]), max(row_max, area[j])
            j += 1
        if w >= h:  # a column along the left side
            cw = row_sum / h
            cy = y
            for a in area[i:j]:
                rects.append((x, cy, cw, a / cw))
                cy += a / cw
            x, w = x + cw, w - cw
        else:  # a row along the bottom
            rh = row_sum / w
            cx = x
            for a in area[i:j]:
                rects.append((cx, y, a / rh, rh))
                cx += a / rh
            y, h = y + rh, h - rh
        i = j
    return rects


def _worst(total: float, smallest: float, largest: float, short: float) -> float:
    """The worst aspect ratio in a treemap row (Bruls et al.)."""
    if smallest <= 0 or total <= 0:
        return math.inf
    s2, t2 = short * short, total * total
    return max(s2 * largest / t2, t2 / (s2 * smallest))


def _to_disc(coords: Sequence[Sequence[float]], quantile: float = 1.0) -> list[XY]:
    """Centre on the mean and scale so that ``quantile`` of the points lie within radius 1.

    With ``quantile < 1``, the few points beyond are pulled in onto the unit
    circle, so that one straggler does not squash the rest into a dot.
    """
    n = len(coords)
    if n == 0:
        return []
    cx = sum(c[0] for c in coords) / n
    cy = sum(c[1] for c in coords) / n
    dist = sorted(math.hypot(c[0] - cx, c[1] - cy) for c in coords)
    r = dist[min(n - 1, int(quantile * (n - 1)))] or dist[-1] or 1.0
    out = []
    for c in coords:
        x, y = (c[0] - cx) / r, (c[1] - cy) / r
        d = math.hypot(x, y)
        out.append((x / d, y / d) if d > 1.0 else (x, y))
    return out
