"""network_figure: everyone with a tie, with hover text (small), communities and backbone (large);
isolated people counted, not drawn; SVG unless WebGL is asked for."""

from __future__ import annotations

import random
import re

import networkx as nx
import plotly.graph_objects as go
import polars as pl
import pytest
from test_graph_kit import ACME, PEOPLE, person_id
from test_graph_kit import network_export as network_export  # the fixture

import tiekeeper
from tiekeeper.errors import ParameterError
from tiekeeper.graph.drawing import backbone
from tiekeeper.graph.layout import LARGE
from tiekeeper.plots.network import MAX_GROUPS, MAX_NODES, network_figure

#: Lena and Nico: never messaged, linked to no other contact (see test_graph_kit).
ISOLATED = ("LENA", "NICO")


@pytest.fixture(scope="module")
def G(network_export):
    return tiekeeper.build_graph(network_export)


def tied(G: nx.Graph) -> set[str]:
    return {n for n in G if n != "owner"} - {person_id(k) for k in ISOLATED}


def node_traces(fig: go.Figure) -> list:
    return [t for t in fig.data if t.customdata is not None]


def points(fig: go.Figure) -> dict[str, tuple[str, str, float, float]]:
    """person_id -> (trace name, hover text, x, y) over every node trace."""
    out = {}
    for t in node_traces(fig):
        for (pid, _), text, x, y in zip(t.customdata, t.text, t.x, t.y, strict=True):
            assert pid not in out, f"{pid} drawn twice"
            out[pid] = (t.name, text, x, y)
    return out


def test_small_graph_every_node_with_its_hover_text(G) -> None:
    fig = network_figure(G, seed=0)
    assert isinstance(fig, go.Figure)
    pts = points(fig)
    assert set(pts) == tied(G)  # Lena and Nico are counted, not drawn
    assert fig.layout.annotations[0].text == "Not drawn: 2 people with no tie to anyone."
    d = G.nodes[person_id("A2")]
    want = (
        "<b>Arne Beta</b><br>ACME<br>"
        f"Strength {d['strength']:.0f}/100 · {d['status']}<br>"
        "Last contact: 6 Dec 2024<br>"
        f"{d['top_reason'].replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}"
    )
    assert pts[person_id("A2")][1] == want
    everyone = points(network_figure(G, seed=0, draw_isolated=True))
    assert set(everyone) == {n for n in G if n != "owner"}
    nico = everyone[person_id("NICO")][1]
    assert "<b>Nico Quiet</b><br>Hooli<br>" in nico and "Last contact: never" in nico
    assert all(type(t).__name__ == "Scatter" for t in fig.data)  # SVG


def test_small_graph_owner_centre_rings_and_edges(G) -> None:
    G = G.copy()  # two fading ties, whatever today's scoring says
    G.nodes[person_id("A3")]["status"] = "fading"
    G.nodes[person_id("B4")]["status"] = "lapsed"
    fig = network_figure(G, seed=0)
    by_name = {t.name: t for t in fig.data}
    you = by_name["You"]
    assert (list(you.x), list(you.y)) == ([0.0], [0.0])
    assert "Olive Owner" in you.text[0]
    ring = by_name["Fading or lapsed (red ring)"]
    fading = [n for n, d in G.nodes(data=True) if d.get("status") in ("fading", "lapsed")]
    assert len(ring.x) == len(fading)
    pts = points(fig)
    assert {(x, y) for x, y in zip(ring.x, ring.y, strict=True)} == {
        (pts[n][2], pts[n][3]) for n in fading
    }
    # one segment (3 points: two ends and a gap) per contact edge, per owner edge
    contact = sum(1 for u, v, d in G.edges(data=True) if d["kind"] != "owner")
    lines = [t for t in fig.data if t.mode == "lines"]
    drawn = sum(len(t.x) for t in lines if t.name != "Your ties to them") // 3
    assert drawn == contact
    assert len(by_name["Your ties to them"].x) // 3 == G.degree("owner") - len(ISOLATED)
    assert by_name["Same employer and era"] is not None
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.title.text == "Your network: 10 people with ties, coloured by circle"


def test_colour_by_status_and_company(G) -> None:
    fig = network_figure(G, color_by="status", seed=0)
    statuses = {d["status"] for n, d in G.nodes(data=True) if n in tied(G)}
    assert {t.name for t in node_traces(fig)} == statuses
    assert fig.layout.legend.title.text == "Status"
    fig = network_figure(G, color_by="company", seed=0, draw_isolated=True)
    names = {t.name: len(t.x) for t in node_traces(fig)}
    # "Acme Inc.", "ACME", "Acme, Inc", "Acme Inc" are one company: one legend entry of 4
    acme = [n for n in names if n.startswith(("Acme", "ACME")) and "Labs" not in n]
    assert len(acme) == 1 and names[acme[0]] == 4 and acme[0].endswith("(4)")
    assert sum(names.values()) == len(PEOPLE)


def test_community_legend_is_labelled_and_bounded() -> None:
    # 20 separate triangles: more communities than legend groups
    G = nx.Graph()
    for c in range(20):
        a, b, d = f"{c}a", f"{c}b", f"{c}c"
        G.add_edges_from([(a, b), (b, d), (a, d)])
        for n in (a, b, d):
            G.nodes[n].update(name=n, company=f"Firm {c}", strength=50.0, status="on track")
    fig = network_figure(G, seed=0)
    groups = node_traces(fig)
    assert len(groups) == MAX_GROUPS
    assert groups[0].name == "0: Mostly at Firm 0 (3)"
    assert groups[-1].name == "Other small circles and unlinked people"
    assert len(groups[-1].x) == 3 * (20 - (MAX_GROUPS - 1))
    comm = {int(c) for t in groups for _, c in t.customdata}
    assert comm == set(range(20))  # every community is in the figure


def test_drill_down_into_one_community(G) -> None:
    comm = tiekeeper.communities(G, seed=0)
    c = comm.filter(pl.col("person_id") == person_id("A1"))["community"].item()
    fig = network_figure(G, seed=0, community=c)
    assert set(points(fig)) == {person_id(k) for k in ACME}
    assert fig.layout.title.text.startswith(f"Circle {c} of your network: 4 people")
    lines = [t for t in fig.data if t.mode == "lines" and t.name != "Your ties to them"]
    assert sum(len(t.x) for t in lines) // 3 == 6  # the Acme clique, all of it
    with pytest.raises(ParameterError, match=r"community=99 does not exist; .* communities 0–"):
        network_figure(G, community=99)


def test_reuses_a_given_layout_and_partition(G) -> None:
    pos = tiekeeper.graph.layout(G, seed=5)
    comm = tiekeeper.communities(G, seed=5)
    fig = network_figure(G, seed=0, pos=pos, comm=comm)
    pts = points(fig)
    a1 = person_id("A1")
    assert (pts[a1][2], pts[a1][3]) == pos[a1]
    assert network_figure(G, seed=5).to_json() == network_figure(G, seed=5).to_json()


def test_max_nodes_keeps_the_strongest(G) -> None:
    fig = network_figure(G, seed=0, max_nodes=3)
    strongest = sorted(tied(G), key=lambda n: (-(G.nodes[n]["strength"] or 0), n))[:3]
    assert set(points(fig)) == set(strongest)
    note = fig.layout.annotations[0].text
    assert note.startswith("Showing the 3 strongest of 10 people with ties; 7 left out.")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            {"color_by": "tier"},
            r"color_by='tier' is not supported; .*'community', 'status', 'company'",
        ),
        ({"size_by": "age"}, r"size_by='age' is not supported; .*'strength', 'degree', 'none'"),
        ({"max_edges": -1}, r"max_edges must be an int ≥ 0"),
        ({"seed": 1.5}, r"seed must be an int"),
        ({"webgl": "yes"}, r"webgl must be True or False; got 'yes'"),
        ({"draw_isolated": 1}, r"draw_isolated must be True or False"),
    ],
)
def test_bad_arguments(G, kwargs, match) -> None:
    with pytest.raises(ParameterError, match=match):
        network_figure(G, **kwargs)


def test_size_by_options(G) -> None:
    for size_by in ("strength", "degree", "none"):
        fig = network_figure(G, size_by=size_by, seed=0, draw_isolated=True)
        sizes = [s for t in node_traces(fig) for s in t.marker.size]
        assert len(sizes) == len(PEOPLE) and min(sizes) >= 7.0
    flat = {s for t in node_traces(network_figure(G, size_by="none")) for s in t.marker.size}
    assert len(flat) == 1


def test_empty_and_owner_only_graphs() -> None:
    fig = network_figure(nx.Graph())
    assert [t.name for t in fig.data] == ["You"]
    G = nx.Graph()
    G.add_node("owner", kind="owner", name="Olive")
    assert [t.name for t in network_figure(G).data] == ["You"]


# ------------------------------------------------------------------ large


@pytest.fixture(scope="module")
def large() -> nx.Graph:
    """30 planted circles of 80 (2,400 contacts, above LARGE), with an owner hub."""
    G = nx.planted_partition_graph(30, 80, 0.15, 0.0005, seed=1)
    r = random.Random(0)
    for u, v in G.edges:
        G.edges[u, v].update(kind="group_thread", weight=r.choice([1.0, 1.0, 2.0, 3.0]))
    statuses = ["on track", "cooling", "fading", "lapsed", "dormant", "never interacted"]
    for n in list(G):
        G.nodes[n].update(
            kind="person",
            name=f"Person {n}",
            company=f"Firm {n % 7}",
            strength=float(r.randrange(100)),
            status=r.choice(statuses),
        )
        G.add_edge("owner", n, kind="owner", weight=0.5)
    G.nodes["owner"].update(kind="owner", name="Olive Owner")
    return G


def test_large_graph_draws_every_node_every_community_and_a_backbone(large) -> None:
    n = large.number_of_nodes() - 1
    assert n > LARGE
    fig = network_figure(large, seed=0, max_edges=1_500)
    assert all(type(t).__name__ == "Scatter" for t in fig.data)  # SVG: draws without WebGL
    pts = points(fig)
    assert len(pts) == n  # every node, once
    comm = tiekeeper.communities(large, seed=0)
    drawn = {int(c) for t in node_traces(fig) for _, c in t.customdata}
    assert drawn == set(comm["community"].to_list())  # every community
    assert len(node_traces(fig)) <= MAX_GROUPS
    names = [t.name for t in fig.data]
    assert "Your ties to them" not in names  # no owner spokes when large
    lines = [t for t in fig.data if t.mode == "lines"]
    segments = sum(len(t.x) for t in lines) // 3
    assert segments == 1_500
    assert "1,500 of" in fig.layout.annotations[0].text
    # the backbone holds the heaviest edge of the graph
    heaviest = max(
        ((u, v) for u, v, d in large.edges(data=True) if d["kind"] != "owner"),
        key=lambda e: large.edges[e]["weight"],
    )
    w = large.edges[heaviest]["weight"]
    assert w == 3.0
    xy = {pid: (p[2], p[3]) for pid, p in pts.items()}
    seg = set()
    for t in lines:
        xs, ys = list(t.x), list(t.y)
        for i in range(0, len(xs), 3):
            seg.add(frozenset([(xs[i], ys[i]), (xs[i + 1], ys[i + 1])]))
    heavy = [
        frozenset([xy[str(u)], xy[str(v)]])
        for u, v, d in large.edges(data=True)
        if d["kind"] != "owner" and d["weight"] == 3.0
    ]
    assert sum(s in seg for s in heavy) >= min(len(heavy), 1_500) * 0.99


def test_backbone_keeps_each_nodes_strongest_edge() -> None:
    # a star of weak edges plus one heavy pair: the leaves keep their only edge
    e = pl.DataFrame({"a": [0, 0, 0, 0, 5], "b": [1, 2, 3, 4, 6], "w": [1.0, 1.0, 1.0, 1.0, 9.0]})
    kept = backbone(e, 5)
    assert kept.height == 5  # within budget: everything
    kept = backbone(e, 4)
    # five nodes' strongest edges: (0,1) for 0 and 1, (0,2), (0,3), (0,4), (5,6): five
    # edges for a budget of four, so the heaviest four of them
    assert kept.height == 4 and (5, 6, 9.0) in kept.rows()
    assert backbone(e.head(0), 3).height == 0


def test_webgl_is_an_option_never_the_default(large: nx.Graph) -> None:
    fig = network_figure(large, seed=0, max_edges=500, webgl=True)
    kinds = {t.name: type(t).__name__ for t in fig.data}
    assert set(kinds.values()) == {"Scattergl"}


def test_above_the_cap_the_strongest_are_drawn_and_the_rest_counted(large: nx.Graph) -> None:
    n = large.number_of_nodes() - 1
    fig = network_figure(large, seed=0, max_nodes=1_000, max_edges=500)
    pts = points(fig)
    assert len(pts) == 1_000
    strength = {str(k): large.nodes[k]["strength"] for k in large if k != "owner"}
    weakest_drawn = min(strength[p] for p in pts)
    assert all(strength[p] <= weakest_drawn for p in strength if p not in pts)
    note = fig.layout.annotations[0].text
    assert f"Showing the 1,000 strongest of {n:,} people; {n - 1_000:,} left out." in note
    # a circle's legend says how many of its members are drawn
    circles = [t.name for t in node_traces(fig) if t.name[0].isdigit()]
    assert circles and all(re.search(r"\(\d+ of 80\)$", name) for name in circles), circles
    assert MAX_NODES == 5_000  # the documented default cap


def test_mostly_isolated_graph_draws_only_people_with_ties() -> None:
    # 3,000 contacts: 60 in small circles, 2,940 linked to no one and never messaged
    G = nx.Graph()
    G.add_node("owner", kind="owner", name="Olive")
    for i in range(3_000):
        p = f"p{i:04d}"
        status = "on track" if i < 60 else "never interacted"
        G.add_node(p, kind="person", name=f"P {i}", strength=float(i % 50), status=status)
        G.add_edge("owner", p, kind="owner", weight=0.1)
    for i in range(0, 60, 3):
        G.add_edge(f"p{i:04d}", f"p{i + 1:04d}", kind="group_thread", weight=1.0)
    fig = network_figure(G, seed=0)
    assert len(points(fig)) == 60
    assert fig.layout.title.text == "Your network: 60 people with ties, coloured by circle"
    assert fig.layout.annotations[0].text == "Not drawn: 2,940 people with no tie to anyone."
    assert {t.type for t in fig.data} == {"scatter"}
