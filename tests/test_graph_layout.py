"""layout: the owner at the centre, deterministic under seed, fast on large graphs."""

from __future__ import annotations

import math
import time

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_graph_kit import ACME, GLOBEX, person_id
from test_graph_kit import network_export as network_export  # the fixture

import tiekeeper
from tiekeeper.graph import layout
from tiekeeper.graph.layout import LARGE, squarify


@pytest.fixture(scope="module")
def G(network_export):
    return tiekeeper.build_graph(network_export)


def test_every_node_placed_owner_at_centre(G) -> None:
    pos = layout(G, seed=0)
    assert set(pos) == set(G.nodes)
    assert pos["owner"] == (0.0, 0.0)
    tied = [person_id(k) for k in (*ACME, *GLOBEX, "X")]
    alone = [person_id(k) for k in ("IRIS", "NICO", "LENA")]
    # tied contacts fill the unit disc; contacts tied only to the owner ring it
    assert all(math.hypot(*pos[n]) <= 1.0 + 1e-9 for n in tied)
    assert all(1.15 - 1e-9 <= math.hypot(*pos[n]) <= 1.45 + 1e-9 for n in alone)


def test_circles_sit_together(G) -> None:
    pos = layout(G, seed=0)

    def centre(keys: tuple[str, ...]) -> tuple[float, float]:
        xs = [pos[person_id(k)] for k in keys]
        return (sum(p[0] for p in xs) / len(xs), sum(p[1] for p in xs) / len(xs))

    def spread(keys: tuple[str, ...]) -> float:
        c = centre(keys)
        return max(math.dist(pos[person_id(k)], c) for k in keys)

    gap = math.dist(centre(ACME), centre(GLOBEX))
    assert gap > spread(ACME) and gap > spread(GLOBEX)


def test_deterministic_under_seed_and_independent_of_build_order(G) -> None:
    a = layout(G, seed=3)
    assert a == layout(G, seed=3)
    assert a != layout(G, seed=4)
    H = nx.Graph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(data=True))))
    assert layout(H, seed=3) == a


def test_plain_graphs_and_tiny_graphs() -> None:
    assert layout(nx.Graph()) == {}
    # one contact on the ring: the equal-area middle of the annulus 1.15–1.45,
    # r = √(1.15² + (1.45² − 1.15²)/2) = √1.7125, at angle 0
    one = layout(nx.Graph([("owner", "a")]))
    assert one == {"owner": (0.0, 0.0), "a": pytest.approx((math.sqrt(1.7125), 0.0))}
    pos = layout(nx.path_graph(4), seed=0)  # no owner at all: still laid out
    assert set(pos) == {0, 1, 2, 3}


def _planted(n_groups: int, size: int, seed: int = 0) -> nx.Graph:
    G = nx.planted_partition_graph(n_groups, size, 0.3, 0.0005, seed=seed)
    G.add_edges_from(("owner", v) for v in list(G))
    G.nodes["owner"]["kind"] = "owner"
    return G


def test_large_graphs_use_boxes_and_stay_fast() -> None:
    G = _planted(30, 100)  # 3,000 tied contacts: above LARGE
    assert G.number_of_nodes() - 1 > LARGE
    t0 = time.perf_counter()
    pos = layout(G, seed=0)
    assert time.perf_counter() - t0 < 10
    people = [v for v in G if v != "owner"]
    # group-in-a-box: every tied contact inside the square [-1, 1]²
    assert all(abs(pos[v][0]) <= 1 + 1e-9 and abs(pos[v][1]) <= 1 + 1e-9 for v in people)
    # a planted group lands in one box: its spread is far below the square's size
    group = list(range(100))
    xs = [pos[v][0] for v in group]
    ys = [pos[v][1] for v in group]
    assert max(xs) - min(xs) < 1.0 and max(ys) - min(ys) < 1.0
    assert layout(G, seed=0) == pos


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(1, 500), min_size=1, max_size=60))
def test_squarify_tiles_the_box(values: list[int]) -> None:
    values = sorted(values, reverse=True)
    rects = squarify(values, -1.0, -1.0, 2.0, 2.0)
    assert len(rects) == len(values)
    total = sum(values)
    for v, (x, y, w, h) in zip(values, rects, strict=True):
        # areas proportional to the values, inside the box
        assert w * h == pytest.approx(4.0 * v / total, rel=1e-6, abs=1e-9)
        assert x >= -1 - 1e-9 and y >= -1 - 1e-9
        assert x + w <= 1 + 1e-9 and y + h <= 1 + 1e-9
    # no two boxes overlap
    for i, (x1, y1, w1, h1) in enumerate(rects):
        for x2, y2, w2, h2 in rects[i + 1 :]:
            ox = min(x1 + w1, x2 + w2) - max(x1, x2)
            oy = min(y1 + h1, y2 + h2) - max(y1, y2)
            assert ox <= 1e-9 or oy <= 1e-9
