"""The report computes everything once, and its fast paths equal the plain ones.

- ``collect_inputs`` scores once, builds the graph once, converts it to igraph
  once (shared with the network figure), runs Louvain once per seed and makes
  one pass of feature tables; its frames equal the standalone functions'.
- The vectorised redaction (``Redactor.texts``, ``Redactor.frame``,
  ``Redactor.graph``) equals the row-by-row rules of ``Redactor.text``/``value``.
- ``relabel`` equals converting the relabelled graph; ``default_pivots``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_fixtures import HOSTILE, write_hostile_export

import tiekeeper
import tiekeeper.graph._engine as engine
from tiekeeper.graph import analysis
from tiekeeper.graph._engine import contact_graph, membership, relabel, shared_contact_graph
from tiekeeper.graph.analysis import MIN_PIVOTS, PIVOT_BUDGET, default_pivots
from tiekeeper.report import Report
from tiekeeper.report.figures import build_figures
from tiekeeper.report.inputs import collect_inputs, history_people, redact_inputs
from tiekeeper.report.redact import DROP_COLUMNS, OWNER_ID, Redactor


@pytest.fixture(scope="module")
def sample() -> Any:
    return tiekeeper.load_export()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("hostile")
    return tiekeeper.load_export(write_hostile_export(root))


class Counter:
    """Wrap ``module.name`` and count its calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.calls = 0
        original = getattr(module, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapped)


# ------------------------------------------------------------------ computed once
def test_report_computes_each_stage_once(sample: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import igraph as ig

    import tiekeeper.graph as graph_pkg
    import tiekeeper.scoring.career as career
    import tiekeeper.scoring.strength as strength

    builds = Counter(monkeypatch, graph_pkg, "build_graph")
    scores = Counter(monkeypatch, strength, "score_with_sessions")
    plain_score = Counter(monkeypatch, strength, "score")
    plain_career = Counter(monkeypatch, career, "career")
    features = Counter(monkeypatch, strength, "feature_tables")
    career_features = Counter(monkeypatch, career, "feature_tables")
    conversions = Counter(monkeypatch, engine, "_contact_graph")
    louvain = Counter(monkeypatch, ig.Graph, "community_multilevel")
    page = Report(sample, seed=0).html()
    assert "fig-network" in page
    assert builds.calls == 1
    assert scores.calls == 1 and plain_score.calls == 0 and plain_career.calls == 0
    assert features.calls == 1 and career_features.calls == 0  # one pass of feature tables
    assert conversions.calls == 1  # communities, bridges and the network figure share it
    assert louvain.calls == 1  # communities; bridges and the figure reuse the membership


def test_redacted_report_converts_the_graph_once(
    sample: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversions = Counter(monkeypatch, engine, "_contact_graph")
    relabels = Counter(monkeypatch, engine, "relabel")
    page = Report(sample, redact=Redactor.from_export(sample, seed=1)).html()
    assert "fig-network" in page
    assert conversions.calls == 1 and relabels.calls == 1


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_inputs_equal_the_standalone_functions(which: str, request: pytest.FixtureRequest) -> None:
    export = request.getfixturevalue(which)
    inp = collect_inputs(export, seed=0)
    scores = tiekeeper.score(export)
    assert inp.scores.equals(scores.select(inp.scores.columns))
    assert inp.career.equals(tiekeeper.career(export))
    followed = history_people(scores)
    assert followed  # both exports have people to follow
    assert inp.history.equals(tiekeeper.strength_history(export, followed))
    G = tiekeeper.build_graph(export, scores=scores)
    assert nx.utils.graphs_equal(inp.graph, G)
    assert inp.communities.equals(tiekeeper.communities(G, seed=0))
    assert inp.bridges.equals(tiekeeper.bridges(G, seed=0))
    # the shared conversion is the one contact_graph would make
    fresh = contact_graph(G)
    assert inp.engine.nodes == fresh.nodes
    assert inp.engine.g.get_edgelist() == fresh.g.get_edgelist()


def test_network_figure_is_the_same_with_and_without_the_shared_conversion(sample: Any) -> None:
    import dataclasses

    inp = collect_inputs(sample, seed=0)
    shared = build_figures(inp, seed=0)["network"].to_json()
    alone = build_figures(dataclasses.replace(inp, engine=None), seed=0)["network"].to_json()
    assert shared == alone


def test_redacted_inputs_relabel_the_conversion(sample: Any) -> None:
    inp = collect_inputs(sample, seed=0)
    red = redact_inputs(inp, Redactor.from_export(sample, seed=3))
    fresh = contact_graph(red.graph)
    assert red.engine.nodes == fresh.nodes
    assert red.engine.g.get_edgelist() == fresh.g.get_edgelist()
    assert red.engine.g.es["weight"] == fresh.g.es["weight"]


# ------------------------------------------------------------------ the engine
def test_shared_contact_graph_scope_and_memo() -> None:
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "f")])
    other = nx.Graph([("x", "y")])
    with shared_contact_graph(G) as cg:
        assert contact_graph(G) is cg
        assert contact_graph(other) is not contact_graph(other)  # only G is shared
        with shared_contact_graph(other) as inner:
            assert contact_graph(other) is inner and contact_graph(G) is cg
        first = membership(cg, seed=0)
        first.append(99)  # callers get copies: the memo cannot be changed from outside
        assert membership(cg, seed=0) == first[:-1]
        assert set(cg.memo) == {(0, 1.0)}
        membership(cg, seed=0, resolution=2.0)
        assert set(cg.memo) == {(0, 1.0), (0, 2.0)}
    assert contact_graph(G) is not cg


def test_relabel_equals_converting_the_relabelled_graph() -> None:
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 2.0), ("b", "c", 0.5), ("c", "d", 1.0), ("a", "d", 3.0)])
    G.add_node("owner", kind="owner")
    G.add_edge("owner", "a", weight=0.1)
    mapping = {"a": "p3", "b": "p1", "c": "p4", "d": "p2", "owner": OWNER_ID}
    got = relabel(contact_graph(G), mapping)
    want = contact_graph(nx.relabel_nodes(G, mapping))
    assert got.nodes == want.nodes == ["p1", "p2", "p3", "p4"]
    # p1-p3 (b-a, 2.0), p1-p4 (b-c, 0.5), p2-p3 (d-a, 3.0), p2-p4 (d-c, 1.0)
    assert got.g.get_edgelist() == want.g.get_edgelist() == [(0, 2), (0, 3), (1, 2), (1, 3)]
    assert got.g.es["weight"] == want.g.es["weight"] == [2.0, 0.5, 3.0, 1.0]


def test_default_pivots() -> None:
    # exact up to 500 contacts
    assert default_pivots(2, 1) == 2
    assert default_pivots(500, 10**6) == 500
    # 10,000,000 // (31,467 + 47,110) = 127 (the large synthetic export)
    assert default_pivots(31_467, 47_110) == 127
    # capped at 500 on mid-sized graphs: 10,000,000 // 3,000 = 3,333 > 500
    assert default_pivots(1_000, 2_000) == 500
    # floor of 100 on huge graphs: 10,000,000 // 1,100,000 = 9
    assert default_pivots(100_000, 1_000_000) == MIN_PIVOTS
    assert PIVOT_BUDGET == 10_000_000


def test_bridges_use_default_pivots(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int]] = []
    original = analysis.default_pivots

    def spy(n: int, m: int) -> int:
        seen.append((n, m))
        return original(n, m)

    monkeypatch.setattr(analysis, "default_pivots", spy)
    G = nx.path_graph(5)
    tiekeeper.bridges(G)
    assert seen == [(5, 4)]
    tiekeeper.bridges(G, k=2)  # an explicit k wins
    assert seen == [(5, 4)]


# ------------------------------------------------------------------ redaction
PEOPLE = pl.DataFrame(
    {
        "person_id": ["a", "b", "c", "d"],
        "name": ["Ada Lovelace", "Bob Stone", "Al Do", HOSTILE[0]],
        "first_name": ["Ada", "Bob", "Al", None],
        "last_name": ["Lovelace", "Stone", "Do", None],
        "aliases": [["Countess Lovelace"], [], [], []],
    }
)
WORDS = [
    "Ada",
    "ada",
    "Lovelace",
    "Bob",
    "Stone",
    "stone",
    "Al",
    "al",
    "Do",
    "do",
    "Olive",
    "Owner",
    "Countess",
    "wrote",
    "you",
    "at",
    "Acme",
    "bob@example.com",
    "https://www.linkedin.com/in/ada",
    "www.example.org",
    "-",
    "'",
    ",",
    "<script>",
]
texts = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
maybe_pid = st.sampled_from([None, "a", "b", "c", "d", "zz", OWNER_ID])


def redactor() -> Redactor:
    return Redactor(PEOPLE, owner_names=["Olive Owner"], seed=5)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.none() | texts, maybe_pid), max_size=12))
def test_texts_equal_text_row_by_row(rows: list[tuple[str | None, str | None]]) -> None:
    r = redactor()
    values = pl.Series("v", [v for v, _ in rows], dtype=pl.String)
    pids = pl.Series("p", [p for _, p in rows], dtype=pl.String)
    assert r.texts(values, pids).to_list() == [redactor().text(v, p) for v, p in rows]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            maybe_pid, st.none() | texts, st.none() | st.lists(st.none() | texts, max_size=4)
        ),
        max_size=10,
    )
)
def test_frame_equals_value_row_by_row(
    rows: list[tuple[str | None, str | None, list[str | None] | None]],
) -> None:
    df = pl.DataFrame(
        {
            "person_id": [p for p, _, _ in rows],
            "name": [t for _, t, _ in rows],
            "title": [t for _, t, _ in rows],
            "reasons": [x for _, _, x in rows],
            "email": ["x@y.z"] * len(rows),
        },
        schema={
            "person_id": pl.String,
            "name": pl.String,
            "title": pl.String,
            "reasons": pl.List(pl.String),
            "email": pl.String,
        },
    )
    got = redactor().frame(df)
    ref = redactor()
    assert got.columns == ["person_id", "name", "title", "reasons"]
    assert got["person_id"].to_list() == [ref.pseudo_id(p) for p, _, _ in rows]
    # a name column takes the row's pseudonym; rows without a person are swept as text
    assert got["name"].to_list() == [
        ref.pseudonym(p) if p is not None else ref.text(t) for p, t, _ in rows
    ]
    assert got["title"].to_list() == [ref.value("title", t, p) for p, t, _ in rows]
    assert got["reasons"].to_list() == [ref.value("reasons", x, p) for p, _, x in rows]


def reference_graph(r: Redactor, G: nx.Graph) -> nx.Graph:
    """The row-by-row redaction of a graph (the rules before vectorising)."""
    mapping = {n: r.pseudo_id(str(n)) for n in G.nodes}
    out = nx.relabel_nodes(G, mapping, copy=True)
    inverse = {v: k for k, v in mapping.items()}
    for node, data in out.nodes(data=True):
        original = str(inverse[node])
        cleaned = {k: r.value(k, v, original) for k, v in data.items() if k not in DROP_COLUMNS}
        if "name" in cleaned:
            cleaned["name"] = r.pseudonym(original)
        data.clear()
        data.update(cleaned)
    for _u, _v, data in out.edges(data=True):
        cleaned = {k: r.value(k, v) for k, v in data.items() if k not in DROP_COLUMNS}
        data.clear()
        data.update(cleaned)
    return out


def assert_same_graph(got: nx.Graph, want: nx.Graph) -> None:
    assert list(got.nodes) == list(want.nodes)
    for n in want.nodes:  # attribute order included
        assert list(got.nodes[n].items()) == list(want.nodes[n].items())
    assert [(u, v) for u, v in got.edges] == [(u, v) for u, v in want.edges]
    for u, v, d in want.edges(data=True):
        assert list(got.edges[u, v].items()) == list(d.items())
    assert got.graph == want.graph


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_graph_redaction_equals_the_row_by_row_rules(
    which: str, request: pytest.FixtureRequest
) -> None:
    export = request.getfixturevalue(which)
    G = tiekeeper.build_graph(export)
    G.nodes[next(iter(G.nodes))]["tags"] = ["Ada", 3]  # a mixed attribute takes the slow path
    got = Redactor.from_export(export, seed=2).graph(G)
    want = reference_graph(Redactor.from_export(export, seed=2), G)
    assert_same_graph(got, want)
    assert got.graph["as_of"] == G.graph["as_of"]


def test_redacted_report_inputs_have_no_names(sample: Any, tmp_path: Path) -> None:
    inp = redact_inputs(collect_inputs(sample, seed=0), Redactor.from_export(sample, seed=4))
    full_names = {n for n in sample.people["name"].to_list() if n and " " in n}
    for frame in (inp.scores, inp.career, inp.bridges, inp.suggestions, inp.history):
        text = frame.write_json()
        assert not [n for n in full_names if n in text]
