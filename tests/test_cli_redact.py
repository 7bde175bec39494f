"""The redaction the CLI relies on (tiekeeper.report.redact.Redactor), on CLI-shaped frames."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.report.redact import Redactor

PEOPLE = pl.DataFrame(
    {
        "person_id": ["a", "b", "c"],
        "name": ["Ada Lovelace", "Bob Stone", "Chloé Ó Briain"],
        "first_name": ["Ada", "Bob", "Chloé"],
        "last_name": ["Lovelace", "Stone", "Ó Briain"],
        "aliases": [["Ada King"], [], []],
        "profile_url": ["https://www.linkedin.com/in/ada", None, None],
    }
)
OWNER = ["Olive Owner"]


def test_pseudonyms_are_stable_within_a_run_and_random_across_runs() -> None:
    r = Redactor(PEOPLE, owner_names=OWNER, seed=3)
    assert r.pseudonym("a") == r.pseudonym("a")
    assert len({r.pseudonym(p) for p in ("a", "b", "c")}) == 3
    assert r.pseudo_id("a") == "p" + (r.pseudonym("a") or "").removeprefix("Person ")
    # unseeded redactors are salted with secrets: 40 people, 40! permutations,
    # so two runs giving the same mapping is practically impossible
    many = pl.DataFrame({"person_id": [f"id{i}" for i in range(40)], "name": ["X Y"] * 40})
    runs = [tuple(Redactor(many).pseudonym(f"id{i}") for i in range(40)) for _ in range(2)]
    assert runs[0] != runs[1]


def test_frame_redaction_replaces_names_ids_and_drops_urls() -> None:
    r = Redactor(PEOPLE, owner_names=OWNER, seed=0)
    df = pl.DataFrame(
        {
            "person_id": ["a", "b"],
            "name": ["Ada Lovelace", "Bob Stone"],
            "profile_url": ["https://www.linkedin.com/in/ada", None],
            "email": ["ada@example.com", None],
            "company": ["Northwind", "Fabrikam"],
            "reasons": [
                ["Ada King endorsed you", "Olive Owner and Ada met at https://x.example/y"],
                ["Bob wrote to bob.stone@example.org about Ada"],
            ],
            "opener": ["Hi Ada, how is Northwind?", "Hi Bob!"],
            "strength": [50.0, 20.0],
            "last_contact": [dt.datetime(2024, 1, 1, tzinfo=dt.UTC)] * 2,
        }
    )
    out = r.frame(df)
    a, b = r.pseudonym("a"), r.pseudonym("b")
    assert out.columns == [
        "person_id",
        "name",
        "company",
        "reasons",
        "opener",
        "strength",
        "last_contact",
    ]
    assert out["person_id"].to_list() == [r.pseudo_id("a"), r.pseudo_id("b")]
    assert out["name"].to_list() == [a, b]
    assert out["company"].to_list() == ["Northwind", "Fabrikam"]  # companies stay
    assert out["reasons"].to_list() == [
        [f"{a} endorsed you", "You and " + str(a) + " met at [link]"],
        [f"{b} wrote to [e-mail] about [name]"],  # another person's lone first name
    ]
    assert out["opener"].to_list() == [f"Hi {a}, how is Northwind?", f"Hi {b}!"]
    assert out["strength"].to_list() == [50.0, 20.0]
    assert out.schema["last_contact"] == df.schema["last_contact"]


def test_nested_colleague_structs_are_redacted() -> None:
    r = Redactor(PEOPLE, owner_names=OWNER, seed=0)
    df = pl.DataFrame(
        {
            "company": ["Northwind"],
            "colleagues": [[{"person_id": "c", "name": "Chloé Ó Briain", "sessions": 3}]],
        }
    )
    out = r.frame(df)
    assert out["colleagues"].to_list() == [
        [{"person_id": r.pseudo_id("c"), "name": r.pseudonym("c"), "sessions": 3}]
    ]


def test_empty_frame_keeps_its_schema() -> None:
    r = Redactor(PEOPLE, seed=0)
    empty = pl.DataFrame(schema={"person_id": pl.String, "name": pl.String, "email": pl.String})
    out = r.frame(empty)
    assert out.height == 0 and out.columns == ["person_id", "name"]


def test_graph_redaction() -> None:
    r = Redactor(PEOPLE, owner_names=OWNER, seed=0)
    g = nx.Graph()
    g.add_node("owner", kind="owner", name="Olive Owner")
    g.add_node(
        "a",
        name="Ada Lovelace",
        profile_url="https://www.linkedin.com/in/ada",
        top_reason="Ada wrote you a recommendation",
        company="Northwind",
    )
    g.add_node("b", name="Bob Stone", company="Fabrikam")
    g.add_edge("owner", "a", kind="owner", weight=1.0)
    g.add_edge("a", "b", kind="group_thread", evidence="2 threads with Bob Stone")
    out = r.graph(g)
    assert set(out.nodes) == {"owner", r.pseudo_id("a"), r.pseudo_id("b")}
    node = out.nodes[r.pseudo_id("a")]
    assert node == {
        "name": r.pseudonym("a"),
        "top_reason": f"{r.pseudonym('a')} wrote you a recommendation",
        "company": "Northwind",
    }
    assert out.nodes["owner"]["name"] == "You"
    edge = out.edges[r.pseudo_id("a"), r.pseudo_id("b")]
    assert edge["evidence"] == f"2 threads with {r.pseudonym('b')}"
    assert g.nodes["a"]["name"] == "Ada Lovelace"  # the input graph is untouched


_NAME = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüéñ", min_size=3, max_size=9)
    .map(str.capitalize)
    .filter(lambda s: s not in {"Person", "You", "Name", "Link", "Mail"})
)


@settings(max_examples=60)
@given(st.lists(st.tuples(_NAME, _NAME), min_size=1, max_size=6, unique=True), st.data())
def test_no_name_survives_in_reasons(pairs: list[tuple[str, str]], data: st.DataObject) -> None:
    # Property: whatever the names, a reason mentioning full names and lone first
    # or last names of known people keeps none of those words after redaction.
    people = pl.DataFrame(
        {
            "person_id": [f"id{i}" for i in range(len(pairs))],
            "name": [f"{f} {last}" for f, last in pairs],
            "first_name": [f for f, _ in pairs],
            "last_name": [last for _, last in pairs],
        }
    )
    r = Redactor(people, seed=0)
    i = data.draw(st.integers(0, len(pairs) - 1))
    j = data.draw(st.integers(0, len(pairs) - 1))
    first, last = pairs[i]
    other_first, other_last = pairs[j]
    text = f"{first} {last} met {other_first}; later {other_last}, then {first}."
    out = r.text(text, f"id{i}") or ""
    words = set(out.replace(",", " ").replace(".", " ").replace(";", " ").split())
    for f, last_name in pairs:
        assert f not in words and last_name not in words
    assert out.startswith(str(r.pseudonym(f"id{i}")))


def test_circle_labels_naming_members_are_pseudonymised() -> None:
    # two circles alike in every way but their members: their labels name the strongest
    import tiekeeper

    G = nx.Graph([("a", "b"), ("c", "x")])
    for pid, company in (("a", "Umbrella"), ("b", "Vandelay"), ("c", "Stark"), ("x", "Wayne")):
        G.nodes[pid].update(company=company, connected_on="2022-05-01", strength=10.0)
    G.nodes["a"].update(name="Ada Lovelace", strength=50.0)
    G.nodes["b"]["name"] = "Bob Stone"
    G.nodes["c"].update(name="Chloé Ó Briain", strength=50.0)
    G.nodes["x"]["name"] = "Xavier Quell"
    people = pl.concat(
        [
            PEOPLE.select("person_id", "name"),
            pl.DataFrame({"person_id": ["x"], "name": ["Xavier Quell"]}),
        ]
    )
    summary = tiekeeper.communities_summary(G)
    labels = sorted(summary["label"].to_list())
    assert labels == [
        "Connected 2022 · with Ada Lovelace",
        "Connected 2022 · with Chloé Ó Briain",
    ]
    r = Redactor(people, owner_names=OWNER, seed=0)
    out = sorted(r.frame(summary)["label"].to_list())
    assert out == sorted(
        [f"Connected 2022 · with {r.pseudonym('a')}", f"Connected 2022 · with {r.pseudonym('c')}"]
    )
    shown = " ".join(out + [m for ms in r.frame(summary)["top_members"].to_list() for m in ms])
    for word in ("Ada", "Lovelace", "Bob", "Stone", "Chloé", "Briain", "Xavier", "Quell"):
        assert word not in shown
