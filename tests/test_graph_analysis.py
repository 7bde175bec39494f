"""communities, communities_summary and bridges: hand-known answers, determinism, edge cases."""

from __future__ import annotations

import networkx as nx
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_graph_kit import ACME, GLOBEX, person_id
from test_graph_kit import network_export as network_export  # the fixture

import tiekeeper
from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema


@pytest.fixture(scope="module")
def G(network_export):
    return tiekeeper.build_graph(network_export)


def community_of(comm: pl.DataFrame) -> dict[str, int]:
    return dict(zip(comm["person_id"], comm["community"], strict=True))


def test_communities_are_the_two_circles(G) -> None:
    comm = tiekeeper.communities(G, seed=0)
    assert comm.schema == polars_schema("communities")
    c = community_of(comm)
    assert "owner" not in c
    assert len(c) == G.number_of_nodes() - 1
    a = {c[person_id(k)] for k in ACME}
    b = {c[person_id(k)] for k in GLOBEX}
    assert len(a) == 1 and len(b) == 1 and a != b
    # X sits with one of the two circles; the untied people are alone
    assert c[person_id("X")] in a | b
    lonely = [c[person_id(k)] for k in ("IRIS", "NICO", "LENA")]
    assert len(set(lonely)) == 3 and not set(lonely) & (a | b)
    # numbered by size: the circle holding X (5 people) is 0, the other (4) is 1
    assert {c[person_id("X")], *a, *b} == {0, 1}
    assert comm["community"].to_list() == sorted(comm["community"].to_list())


def test_communities_are_deterministic_under_seed(G) -> None:
    first = tiekeeper.communities(G, seed=7)
    assert first.equals(tiekeeper.communities(G, seed=7))
    # the same graph built in another order gives the same answer
    H = nx.Graph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(data=True))))
    assert first.equals(tiekeeper.communities(H, seed=7))


def test_communities_ignore_the_owner_hub() -> None:
    # two triangles, each person also linked to the owner: the hub must not merge them
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")])
    G.add_edges_from(("owner", n, {"weight": 5.0}) for n in "abcdef")
    G.nodes["owner"]["kind"] = "owner"
    c = community_of(tiekeeper.communities(G))
    assert c["a"] == c["b"] == c["c"] != c["d"] == c["e"] == c["f"]


def test_summary_labels_and_fading_share(G) -> None:
    s = tiekeeper.communities_summary(G, seed=0)
    assert s.schema == polars_schema("communities_summary")
    comm = tiekeeper.communities(G, seed=0)
    acme = community_of(comm)[person_id("A1")]
    row = s.filter(pl.col("community") == acme).row(0, named=True)
    # all four are flagged former colleagues at Acme; the middle half connected in 2016
    assert row["label"] == "Former colleagues at Acme Inc. (connected 2016)"
    assert row["size"] == 4
    # strongest first: A2 > A1 > A3 > A4 (see test_graph_kit)
    assert row["top_members"] == ["Arne Beta", "Anna Alpha", "Aida Gamma", "Axel Delta"]
    assert row["dominant_company"] in {"Acme Inc.", "ACME", "Acme, Inc", "Acme Inc"}
    statuses = {G.nodes[person_id(k)]["status"] for k in ACME}
    expected = sum(G.nodes[person_id(k)]["status"] in ("fading", "lapsed") for k in ACME) / 4
    assert row["share_fading"] == pytest.approx(expected), statuses
    glob = s.filter(pl.col("community") == community_of(comm)[person_id("B1")]).row(0, named=True)
    assert glob["label"] == "Mostly at Globex"  # 4 of 5 at Globex, none flagged
    assert s["size"].sum() == comm.height


def test_summary_falls_back_to_years_then_mixed() -> None:
    G = nx.Graph([("a", "b"), ("c", "d"), ("e", "f"), ("f", "g")])
    rows = [("a", 2015, "X"), ("b", 2017, "Y"), ("c", None, "P"), ("d", None, "Q")]
    rows += [("e", 2019, "Z"), ("f", 2019, "Z"), ("g", 2019, "W")]
    for n, year, company in rows:
        G.nodes[n].update(connected_on=f"{year}-05-01" if year else None, company=company)
    s = tiekeeper.communities_summary(G)
    # one of two at X is not "mostly"; two of three at Z is
    assert sorted(s["label"].to_list()) == ["Connected 2015–2017", "Mixed circle", "Mostly at Z"]


def twin_circles() -> nx.Graph:
    """Four triangles of former Acme colleagues, all connected in 2022: one base label."""
    G = nx.Graph()
    G.add_node("owner", kind="owner", name="Olive Owner")
    circles = {
        # two now at Globex (the label's own Acme and placeholders never set a circle apart)
        "g": [("Acme", "Engineer"), ("Globex", "Engineer"), ("Globex", "Buyer")],
        # two Data Analysts; two at Acme, the company the label already names
        "r": [("Acme", "Data Analyst"), ("Acme", "data analyst "), ("Initech", "Designer")],
        # nothing shared: the strongest member's name sets these two apart
        "n": [("Self-employed", "Owner"), ("Self-employed", "Coach"), ("Hooli", "Chemist")],
        "m": [("Umbrella", "Nurse"), ("Vandelay", "Pilot"), ("Stark", "Judge")],
    }
    for c, members in circles.items():
        ids = [f"{c}{i}" for i in range(3)]
        G.add_edges_from([(ids[0], ids[1]), (ids[1], ids[2]), (ids[0], ids[2])])
        for i, (pid, (company, title)) in enumerate(zip(ids, members, strict=True)):
            G.nodes[pid].update(
                name=f"{c.upper()}{i} Person",
                company=company,
                title=title,
                strength=float(10 * (3 - i)),
                connected_on="2022-05-01",
                former_colleague=True,
                former_company="Acme",
            )
    return G


def test_circle_labels_are_unique_and_say_what_sets_them_apart() -> None:
    G = twin_circles()
    comm = tiekeeper.communities(G)
    s = tiekeeper.communities_summary(G, comm)
    base = "Former colleagues at Acme (connected 2022)"
    of = community_of(comm)
    label = dict(zip(s["community"], s["label"], strict=True))
    assert label[of["g0"]] == f"{base} · 2 now at Globex"
    assert label[of["r0"]] == f"{base} · 2 in Data Analyst roles"
    assert label[of["n0"]] == f"{base} · with N0 Person"
    assert label[of["m0"]] == f"{base} · with M0 Person"
    assert s["label"].n_unique() == s.height


def test_lone_people_and_exact_twins_still_get_unique_labels() -> None:
    G = nx.Graph([("a", "b"), ("c", "d")])
    G.add_node("e")
    for n in "abcd":
        G.nodes[n].update(name="Same Name", company="Firm", connected_on="2020-01-01")
    G.nodes["e"].update(name="Eve Alone", company="Firm")
    s = tiekeeper.communities_summary(G)
    assert s["label"].to_list() == [
        "Mostly at Firm (circle 0)",
        "Mostly at Firm (circle 1)",
        "On their own: Eve Alone",
    ]


def test_circles_linked_counts_the_circles_a_person_knows(G: nx.Graph) -> None:
    comm = tiekeeper.communities(G, seed=0)
    linked = dict(tiekeeper.graph.analysis.circles_linked(G, comm).iter_rows())
    assert linked[person_id("X")] == 2  # the Acme circle and the Globex circle (one is its own)
    assert linked[person_id("A3")] == 1
    assert linked[person_id("IRIS")] == 1  # alone: its own circle of one
    assert tiekeeper.graph.analysis.circles_linked(G, comm, ["nobody"]).rows() == [("nobody", 0)]


def test_summary_accepts_a_given_partition(G) -> None:
    comm = tiekeeper.communities(G, seed=0).with_columns(pl.lit(0, pl.Int64).alias("community"))
    s = tiekeeper.communities_summary(G, comm)
    assert s.height == 1 and s["size"].to_list() == [comm.height]
    with pytest.raises(ParameterError, match="comm must be the frame returned by"):
        tiekeeper.communities_summary(G, pl.DataFrame({"x": [1]}))


def test_bridges_find_x_with_hand_computed_betweenness(G) -> None:
    b = tiekeeper.bridges(G)
    assert b.schema == polars_schema("bridges")
    assert b.height == G.number_of_nodes() - 1
    row = {r["person_id"]: r for r in b.iter_rows(named=True)}
    top = b.row(0, named=True)
    assert top["person_id"] == person_id("X") and top["name"] == "Xena Bridge"
    # 12 contacts: normaliser (n−1)(n−2)/2 = 55. X lies on every shortest path
    # between the 4 A and the 4 B people: 16 pairs → 16/55. A1 lies on the paths
    # from A2, A3, A4 to X and to the four B: 3·5 = 15 → 15/55. Same for B1.
    assert top["betweenness"] == pytest.approx(16 / 55)
    assert row[person_id("A1")]["betweenness"] == pytest.approx(15 / 55)
    assert row[person_id("B1")]["betweenness"] == pytest.approx(15 / 55)
    assert row[person_id("A3")]["betweenness"] == 0.0
    # X's two ties (equal weight) do not know each other: constraint 0.5² + 0.5² = 0.5,
    # effective size 2 − 0 = 2
    assert top["constraint"] == pytest.approx(0.5)
    assert top["effective_size"] == pytest.approx(2.0)
    # B3 in the B clique: three ties that all know each other: effective size 3 − 2·3/3 = 1
    assert row[person_id("B3")]["effective_size"] == pytest.approx(1.0)
    assert row[person_id("B3")]["degree"] == 3
    iris = row[person_id("IRIS")]
    assert iris["degree"] == 0 and iris["constraint"] is None and iris["effective_size"] is None


def test_bridges_match_networkx_on_a_weighted_graph() -> None:
    G = nx.karate_club_graph()
    # weights 1, 2, 4: distances 1/w are exact binary fractions, so tied path
    # lengths are exactly equal in both libraries (igraph compares with a tolerance)
    nx.set_edge_attributes(G, {e: 2.0 ** (i % 3) for i, e in enumerate(G.edges)}, "weight")
    b = tiekeeper.bridges(G)
    got = dict(zip(b["person_id"], b["betweenness"], strict=True))
    dist = {(u, v): 1 / d["weight"] for u, v, d in G.edges(data=True)}
    nx.set_edge_attributes(G, dist, "dist")
    want = nx.betweenness_centrality(G, weight="dist", normalized=True)
    assert all(got[str(n)] == pytest.approx(want[n]) for n in G)
    con = dict(zip(b["person_id"], b["constraint"], strict=True))
    want_c = nx.constraint(G, weight="weight")
    assert all(con[str(n)] == pytest.approx(want_c[n]) for n in G)
    eff = dict(zip(b["person_id"], b["effective_size"], strict=True))
    want_e = nx.effective_size(G)
    assert all(eff[str(n)] == pytest.approx(want_e[n]) for n in G)


def test_sampled_betweenness_is_seeded_and_close() -> None:
    G = nx.connected_watts_strogatz_graph(300, 6, 0.1, seed=1)
    exact = tiekeeper.bridges(G)
    s1 = tiekeeper.bridges(G, seed=3, k=100)
    assert s1.equals(tiekeeper.bridges(G, seed=3, k=100))
    assert not s1.equals(tiekeeper.bridges(G, seed=4, k=100))
    e = dict(zip(exact["person_id"], exact["betweenness"], strict=True))
    s = dict(zip(s1["person_id"], s1["betweenness"], strict=True))
    # an unbiased estimate: the totals agree within 10 %
    assert sum(s.values()) == pytest.approx(sum(e.values()), rel=0.1)


@pytest.mark.parametrize("graph", [nx.Graph(), nx.Graph([("owner", "a")]), nx.empty_graph(1)])
def test_tiny_graphs_give_empty_frames_with_the_schema(graph) -> None:
    if "owner" in graph:
        graph.nodes["owner"]["kind"] = "owner"
    for fn, name in (
        (tiekeeper.communities, "communities"),
        (tiekeeper.communities_summary, "communities_summary"),
        (tiekeeper.bridges, "bridges"),
    ):
        out = fn(graph)
        assert out.height == 0 and out.schema == polars_schema(name)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: tiekeeper.communities(nx.path_graph(3), seed="0"), r"seed must be an int"),
        (lambda: tiekeeper.communities(nx.path_graph(3), resolution=0), r"resolution must be"),
        (lambda: tiekeeper.bridges(nx.path_graph(3), k=0), r"k \(betweenness pivots\)"),
        (lambda: tiekeeper.bridges(nx.DiGraph([(1, 2)])), r"G is a directed graph"),
        (lambda: tiekeeper.communities({"a": 1}), r"G must be a networkx.Graph"),
    ],
)
def test_bad_arguments(call, match) -> None:
    with pytest.raises(ParameterError, match=match):
        call()


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(2, 40),
    p=st.floats(0.0, 0.5),
    graph_seed=st.integers(0, 10_000),
    seed=st.integers(0, 3),
)
def test_partition_invariants(n: int, p: float, graph_seed: int, seed: int) -> None:
    G = nx.gnp_random_graph(n, p, seed=graph_seed)
    comm = tiekeeper.communities(G, seed=seed)
    # every node exactly once; numbers 0..k−1 with sizes non-increasing
    assert sorted(comm["person_id"].to_list()) == sorted(str(v) for v in G)
    sizes = comm.group_by("community").len().sort("community")
    assert sizes["community"].to_list() == list(range(sizes.height))
    assert sizes["len"].to_list() == sorted(sizes["len"].to_list(), reverse=True)
    # members of one community are connected to it (Louvain never groups strangers)
    c = community_of(comm)
    for comp in nx.connected_components(G):
        assert len({c[str(v)] for v in comp}) >= 1
        if len(comp) == 1:
            (v,) = comp
            assert sum(1 for x in c.values() if x == c[str(v)]) == 1
    b = tiekeeper.bridges(G, seed=seed)
    assert b["betweenness"].min() >= 0.0 and b["betweenness"].max() <= 1.0 + 1e-9


def test_node_frame_reads_odd_attribute_types() -> None:
    import datetime as dt

    from tiekeeper.graph.analysis import node_frame

    G = nx.Graph([(1, 2), (2, 3)])
    G.nodes[1].update(name="Ada", strength=40, connected_on=dt.date(2016, 4, 12))  # int, date
    G.nodes[2].update(name=7, strength="high", former_colleague=1)  # odd types
    nf = node_frame(G)
    assert nf["person_id"].to_list() == ["1", "2", "3"]
    assert nf["name"].to_list() == ["Ada", "7", None]
    assert nf["strength"].to_list() == [40.0, None, None]
    assert nf["connected_on"].to_list() == ["2016-04-12", None, None]
    assert nf["former_colleague"].to_list() == [False, True, False]
    s = tiekeeper.communities_summary(G)
    assert s["label"].to_list() == ["Connected 2016"]
