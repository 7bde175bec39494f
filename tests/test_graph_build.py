"""build_graph on the crafted export (see test_graph_kit.py for what it holds)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from test_graph_kit import ACME, GLOBEX, PEOPLE, name, person_id, write
from test_graph_kit import network_export as network_export  # the fixture

import tiekeeper
from tiekeeper.errors import ParameterError
from tiekeeper.graph.evidence import group_thread_edges, same_employer_edges


def contact_edges(G) -> dict[frozenset[str], dict]:
    return {frozenset((u, v)): d for u, v, d in G.edges(data=True) if d["kind"] != "owner"}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((person_id(a), person_id(b)))


@pytest.fixture(scope="module")
def scores(network_export) -> pl.DataFrame:
    return tiekeeper.score(network_export)


@pytest.fixture(scope="module")
def G(network_export, scores):
    return tiekeeper.build_graph(network_export, scores=scores)


def test_nodes_are_the_owner_and_every_scored_person(G, scores) -> None:
    assert G.nodes["owner"]["kind"] == "owner"
    assert G.nodes["owner"]["name"] == "Olive Owner"
    people = {n for n, d in G.nodes(data=True) if d["kind"] == "person"}
    assert people == set(scores["person_id"].to_list())
    assert {person_id(k) for k in PEOPLE} <= people


def test_node_attributes_come_from_the_score(G, scores) -> None:
    row = scores.filter(pl.col("person_id") == person_id("A2")).row(0, named=True)
    d = G.nodes[person_id("A2")]
    assert d["name"] == "Arne Beta" and d["company"] == "ACME" and d["title"] == "Designer"
    assert d["strength"] == pytest.approx(row["strength"])
    assert (d["status"], d["tier"]) == (row["status"], row["tier"])
    assert d["last_contact"] == row["last_contact"].isoformat(timespec="seconds")  # ISO, UTC
    assert d["last_contact"].startswith("2024-12-06T12:00:00")  # the last of six messages
    assert d["connected_on"] == "2016-04-12"
    assert d["top_reason"] == row["reasons"][0]
    assert d["former_colleague"] is True
    assert (d["former_company"], d["former_title"]) == ("Acme Inc.", "Engineer")
    nico = G.nodes[person_id("NICO")]
    assert nico["last_contact"] is None and nico["former_colleague"] is False


def test_owner_edges_link_everyone_for_display(G, scores) -> None:
    spokes = [(v, d) for _, v, d in G.edges("owner", data=True)]
    assert len(spokes) == scores.height
    strength = dict(zip(scores["person_id"], scores["strength"], strict=True))
    for v, d in spokes:
        assert d["kind"] == "owner"
        assert d["weight"] == pytest.approx(strength[v] / 100)


def test_contact_edges_are_the_hand_drawn_network(G) -> None:
    # two 4-cliques (A, B) joined only through X: A1 - X - B1
    expected = {pair(a, b) for i, a in enumerate(ACME) for b in ACME[i + 1 :]}
    expected |= {pair(a, b) for i, a in enumerate(GLOBEX) for b in GLOBEX[i + 1 :]}
    expected |= {pair("X", "A1"), pair("X", "B1")}
    assert set(contact_edges(G)) == expected


def test_edge_evidence_and_merged_kinds(G) -> None:
    e = contact_edges(G)
    # A-pairs: one shared thread of 4 contacts (weight min(1, 5/4) = 1) plus a
    # same-employer link (1.0): 2.0, both kinds
    a = e[pair("A2", "A4")]
    assert a["kind"] == "group_thread; same_employer"
    assert a["weight"] == pytest.approx(2.0)
    assert a["shared_threads"] == 1
    assert (a["employer"], a["era"]) == ("Acme Inc.", "2015-01 to 2018-12")
    b = e[pair("B1", "B3")]
    assert (b["kind"], b["weight"], b["shared_threads"]) == ("group_thread", 1.0, 1)
    assert b["employer"] is None and b["era"] is None


def test_include_switches_each_kind_off(network_export, scores) -> None:
    g = tiekeeper.build_graph(network_export, scores=scores, include=("same_employer",))
    assert not g.has_edge("owner", person_id("A1"))
    kinds = {d["kind"] for *_, d in g.edges(data=True)}
    assert kinds == {"same_employer"}
    assert g.number_of_edges() == 6  # the six pairs of the four Acme colleagues
    g = tiekeeper.build_graph(network_export, scores=scores, include=["group_threads"])
    assert {d["kind"] for *_, d in g.edges(data=True)} == {"group_thread"}
    assert g.number_of_edges() == 6 + 6 + 2
    g = tiekeeper.build_graph(network_export, scores=scores, include="owner")
    assert g.number_of_edges() == scores.height
    g = tiekeeper.build_graph(network_export, scores=scores, include=())
    assert g.number_of_edges() == 0 and g.number_of_nodes() == scores.height + 1


def test_min_weight_drops_light_edges(network_export, scores) -> None:
    g = tiekeeper.build_graph(network_export, scores=scores, min_weight=1.5)
    # only the Acme pairs (weight 2.0) survive; owner edges are always kept
    assert set(contact_edges(g)) == {pair(a, b) for i, a in enumerate(ACME) for b in ACME[i + 1 :]}
    assert g.degree("owner") == scores.height


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"include": ("owner", "friends")}, r"unknown edge kinds \['friends'\]; valid choices"),
        ({"include": "everything"}, r"'owner', 'group_threads', 'same_employer'"),
        ({"min_weight": -1}, r"min_weight must be a number ≥ 0"),
        ({"min_weight": "1"}, r"min_weight must be a number"),
        ({"scores": pl.DataFrame({"person_id": ["x"]})}, r"scores lacks columns \['name'"),
        ({"scores": [1, 2]}, r"scores must be the polars frame"),
    ],
)
def test_bad_parameters_raise_parameter_error(network_export, kwargs, match) -> None:
    with pytest.raises(ParameterError, match=match):
        tiekeeper.build_graph(network_export, **kwargs)


def test_scores_are_computed_when_not_given(network_export, G) -> None:
    g = tiekeeper.build_graph(network_export)
    assert set(g.nodes) == set(G.nodes)
    assert set(contact_edges(g)) == set(contact_edges(G))
    a2 = person_id("A2")
    assert g.nodes[a2]["strength"] == pytest.approx(G.nodes[a2]["strength"])


def test_as_of_is_passed_to_scoring(network_export, G) -> None:
    g = tiekeeper.build_graph(network_export, as_of=dt.date(2024, 12, 31))
    a2 = person_id("A2")
    # two weeks less decay since the last message: stronger than at the export date
    assert g.nodes[a2]["strength"] > G.nodes[a2]["strength"]


def test_pandas_scores_are_accepted(network_export, scores) -> None:
    g = tiekeeper.build_graph(network_export, scores=scores.to_pandas())
    assert g.nodes[person_id("A1")]["name"] == name("A1")


def test_no_messages_gives_owner_and_same_employer_edges(tmp_path: Path) -> None:
    export = tiekeeper.load_export(write(tmp_path, with_messages=False))
    g = tiekeeper.build_graph(export)
    kinds = {d["kind"] for *_, d in g.edges(data=True)}
    assert kinds == {"owner", "same_employer"}
    assert set(contact_edges(g)) == {pair(a, b) for i, a in enumerate(ACME) for b in ACME[i + 1 :]}
    assert g.degree("owner") == len(PEOPLE)


def test_only_connections_gives_a_star(tmp_path: Path) -> None:
    export = tiekeeper.load_export(write(tmp_path, only_connections=True))
    g = tiekeeper.build_graph(export)
    assert g.number_of_nodes() == len(PEOPLE) + 1
    assert g.number_of_edges() == len(PEOPLE)
    assert all(d["kind"] == "owner" for *_, d in g.edges(data=True))
    assert tiekeeper.communities(g).height == len(PEOPLE)  # everyone alone
    assert tiekeeper.bridges(g)["betweenness"].to_list() == [0.0] * len(PEOPLE)


# ------------------------------------------------------------------ evidence


def _messages(rows: list[tuple[str | None, str, list[str]]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "conversation_id": [r[0] for r in rows],
            "sender_id": [r[1] for r in rows],
            "recipient_ids": [r[2] for r in rows],
            "is_interaction": [True] * len(rows),
        },
        schema={
            "conversation_id": pl.String,
            "sender_id": pl.String,
            "recipient_ids": pl.List(pl.String),
            "is_interaction": pl.Boolean,
        },
    )


def test_group_weights_fall_with_thread_size() -> None:
    ten = [f"p{i}" for i in range(10)]
    m = _messages(
        [
            ("small", "me", ["a", "b", "c"]),  # 3 contacts: 1.0 per pair
            ("small", "a", ["me", "b", "c"]),
            ("big", "me", ten),  # 10 contacts: min(1, 5/10) = 0.5 per pair
            ("big2", "me", ["a", "b", *ten[2:]]),  # a, b + 8 = 10 contacts: 0.5 more
        ]
    )
    e = group_thread_edges(m, owner_ids={"me"})
    w = {(u, v): (x, n) for u, v, x, n in e.iter_rows()}
    assert w[("a", "b")] == (1.5, 2)  # 1.0 (small) + 0.5 (big2)
    assert w[("a", "c")] == (1.0, 1)
    assert w[("p0", "p1")] == (0.5, 1)
    assert w[("p2", "p3")] == (1.0, 2)  # two ten-contact threads
    assert e.height == len(w)


def test_group_threads_skip_1to1_broadcasts_and_non_interactions() -> None:
    crowd = [f"q{i}" for i in range(60)]
    m = _messages([("one", "me", ["a"]), ("crowd", "me", crowd), ("g", "me", ["a", "b"])])
    m = m.vstack(_messages([("spam", "x", ["me", "y"])]).with_columns(is_interaction=False))
    e = group_thread_edges(m, owner_ids={"me"})
    assert e.select("u", "v").rows() == [("a", "b")]  # 60 > MAX_THREAD_SIZE: a broadcast


def test_group_threads_without_ids_group_by_participant_set() -> None:
    # 2018 files have no conversation id: the same set of people is one thread
    m = _messages([(None, "me", ["a", "b"]), (None, "b", ["me", "a"]), (None, "me", ["c", "d"])])
    e = group_thread_edges(m, owner_ids={"me"})
    assert e.select("u", "v", "shared_threads").rows() == [("a", "b", 1), ("c", "d", 1)]


def test_same_employer_links_nearest_in_time_not_all_pairs() -> None:
    n = 50
    s = pl.DataFrame(
        {
            "person_id": [f"p{i:02d}" for i in range(n)],
            "former_colleague": [True] * n,
            "former_company": ["Acme Inc."] * n,
            "former_title": ["Engineer"] * n,
            "connected_on": [dt.date(2015, 1, 1) + dt.timedelta(days=i) for i in range(n)],
        }
    )
    e = same_employer_edges(s, neighbours=3)
    # a chain in connection order, each linked to the next three: 3n − 6 edges, not n(n−1)/2
    assert e.height == 3 * n - 6
    gaps = {int(v[1:]) - int(u[1:]) for u, v in e.select("u", "v").iter_rows()}
    assert gaps == {1, 2, 3}
    assert e["era"].null_count() == n * 3 - 6  # no positions frame: no era text


def test_same_employer_keeps_positions_apart() -> None:
    s = pl.DataFrame(
        {
            "person_id": ["a", "b", "c", "d"],
            "former_colleague": [True, True, True, False],
            "former_company": ["Acme", "ACME Inc.", "Globex", "Acme"],
            "former_title": ["Engineer", "engineer ", "Engineer", "Engineer"],
            "connected_on": [dt.date(2016, 1, 1)] * 4,
        }
    )
    e = same_employer_edges(s)
    assert e.select("u", "v").rows() == [("a", "b")]  # same position; c elsewhere; d unflagged
