"""write_graph: GraphML and GEXF that networkx reads back with the same attributes."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_graph_kit import network_export as network_export  # the fixture
from test_graph_kit import person_id

import tiekeeper
from tiekeeper.errors import ParameterError
from tiekeeper.graph import write_graph
from tiekeeper.graph.io import to_file_graph


@pytest.fixture(scope="module")
def G(network_export):
    g = tiekeeper.build_graph(network_export)
    g.nodes[person_id("A1")]["reasons"] = ["first reason", "second reason"]  # a list
    return g


def expected(value: Any, numeric: bool) -> Any:
    """The documented mapping."""
    if isinstance(value, list):
        return "; ".join(value)
    if value is None:
        return None if numeric else ""  # numbers: left out; text: empty
    return value


NUMERIC_NODE = {"strength", "former_colleague_confidence", "former_colleague"}
NUMERIC_EDGE = {"weight", "shared_threads"}


def read(path: Path) -> nx.Graph:
    return nx.read_graphml(path) if path.suffix == ".graphml" else nx.read_gexf(path)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_round_trip_keeps_every_attribute(G, tmp_path: Path, suffix: str) -> None:
    path = write_graph(G, tmp_path / f"net{suffix}")
    assert path == tmp_path / f"net{suffix}" and path.stat().st_size > 0
    H = read(path)
    assert set(H.nodes) == set(G.nodes)
    assert {frozenset(e) for e in H.edges} == {frozenset(e) for e in G.edges}
    for n, d in G.nodes(data=True):
        got = {k: v for k, v in H.nodes[n].items() if k != "label"}  # GEXF adds a label
        want = {}
        for k, v in d.items():
            e = expected(v, k in NUMERIC_NODE)
            if e is not None:
                want[k] = e
        assert got.keys() == want.keys(), n
        for k, v in want.items():
            assert got[k] == (pytest.approx(v) if isinstance(v, float) else v), (n, k)
    for u, v, d in G.edges(data=True):
        got = {k: x for k, x in H.edges[u, v].items() if k != "id"}
        want = {k: expected(x, k in NUMERIC_EDGE) for k, x in d.items()}
        assert got == {k: x for k, x in want.items() if x is not None}, (u, v)
    a1 = H.nodes[person_id("A1")]
    assert a1["reasons"] == "first reason; second reason"
    assert "strength" not in H.nodes["owner"]  # None in a number column: left out
    assert H.nodes["owner"]["company"] == ""  # None in a text column: empty text


def test_format_argument_overrides_the_suffix(G, tmp_path: Path) -> None:
    path = write_graph(G, tmp_path / "net.xml", format="GEXF")
    assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "<gexf" in path.read_text(encoding="utf-8")
    assert read(path.rename(tmp_path / "net.gexf")).number_of_nodes() == G.number_of_nodes()


def test_the_graph_is_not_modified(G, tmp_path: Path) -> None:
    before = dict(G.nodes["owner"])
    write_graph(G, tmp_path / "net.graphml")
    assert G.nodes["owner"] == before and G.nodes["owner"]["strength"] is None


def test_dates_sets_and_other_values_become_text() -> None:
    G = nx.Graph()
    G.add_node("a", when=dt.date(2024, 1, 2), tags={"b", "a"}, n=3, x=1.5, path=Path("p"))
    G.add_node("b", when=None, tags=None, n=None, x=2, path=None)
    H = to_file_graph(G)
    assert H.nodes["a"] == {"when": "2024-01-02", "tags": "a; b", "n": 3, "x": 1.5, "path": "p"}
    assert H.nodes["b"] == {"when": "", "tags": "", "x": 2.0, "path": ""}  # ints → float with 1.5


@pytest.mark.parametrize(
    ("path", "fmt", "match"),
    [
        ("net.csv", None, r"has suffix '.csv'; expected one of \['.gexf', '.graphml'\]"),
        ("net.graphml", "dot", r"format='dot' is not supported; valid choices are"),
        ("missing/net.graphml", None, r"the folder .* does not exist; create it first"),
    ],
)
def test_bad_targets(G, tmp_path: Path, path: str, fmt: str | None, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        write_graph(G, tmp_path / path, format=fmt)


def test_not_a_graph(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"G must be a networkx\.Graph"):
        write_graph({"a": 1}, tmp_path / "x.graphml")  # type: ignore[arg-type]


text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12)
value = st.one_of(st.none(), text, st.lists(text, max_size=3))


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.tuples(value, st.one_of(st.none(), st.floats(-1e6, 1e6))), min_size=1))
def test_text_and_numbers_round_trip_through_graphml(tmp_path_factory, values) -> None:
    G = nx.Graph()
    for i, (t, x) in enumerate(values):
        G.add_node(f"n{i}", t=t, x=x)
    path = write_graph(G, tmp_path_factory.mktemp("h") / "g.graphml")
    H = nx.read_graphml(path)
    no_numbers = all(x is None for _, x in values)
    for i, (t, x) in enumerate(values):
        d = H.nodes[f"n{i}"]
        assert d["t"] == expected(t, False)
        if x is None:
            # left out, unless no node has a number: then it is an empty text column
            assert d["x"] == "" if no_numbers else "x" not in d
        else:
            assert math.isclose(d["x"], x, rel_tol=1e-12, abs_tol=1e-12)


def test_files_are_reproducible_and_dated_by_as_of(network_export, tmp_path: Path) -> None:
    # Two builds of the same export at the same as_of must give byte-identical files: the
    # GEXF date is the graph's as_of, never the day the file happens to be written.
    g1 = tiekeeper.build_graph(network_export)
    g2 = tiekeeper.build_graph(network_export)
    for suffix in (".graphml", ".gexf"):
        a = write_graph(g1, tmp_path / f"a{suffix}").read_bytes()
        b = write_graph(g2, tmp_path / f"b{suffix}").read_bytes()
        assert a == b
    day = network_export.as_of.date().isoformat()
    assert f'lastmodifieddate="{day}"'.encode() in (tmp_path / "a.gexf").read_bytes()
    assert read(tmp_path / "a.graphml").graph["as_of"].startswith(day)  # GEXF keeps no graph attrs
