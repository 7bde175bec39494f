"""find_person: one person by id, URL, name or alias; clear errors; what it writes reads back."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.errors import ParameterError
from tiekeeper.keys import person_id_from_slug
from tiekeeper.state import State, find_person


def people() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person_id": ["p-ada", "p-bob", "p-bob2", "p-cy", "p-di"],
            "name": ["Ada Example", "Bob Sample", "Bob Sample", "Cy Test", "Di Demo"],
            "profile_url": [
                "https://www.linkedin.com/in/ada-example",
                "https://www.linkedin.com/in/bob-sample",
                None,
                "https://www.linkedin.com/in/jürgen-cy",
                None,
            ],
            "aliases": [["Ada E."], [], [], [], ["Diana Demo"]],
            "company": ["Acme", "Globex", None, "Initech", None],
        }
    )


@pytest.mark.parametrize(
    ("query", "pid", "ref"),
    [
        ("p-ada", "p-ada", "Ada Example"),  # an id is written as the (unique) name
        ("  ada   EXAMPLE ", "p-ada", "Ada Example"),  # any case and spacing
        ("Ada E.", "p-ada", "Ada Example"),  # an alias
        ("diana demo", "p-di", "Di Demo"),
        # a URL in any form LinkedIn writes is kept as the canonical URL
        (
            "http://linkedin.com/in/Ada-Example/?trk=x",
            "p-ada",
            "https://www.linkedin.com/in/ada-example",
        ),
        ("linkedin.com/in/J%C3%BCrgen-Cy", "p-cy", "https://www.linkedin.com/in/jürgen-cy"),
        # a shared name: the URL or, without one, the id is what names this person alone
        ("p-bob", "p-bob", "https://www.linkedin.com/in/bob-sample"),
        ("p-bob2", "p-bob2", "p-bob2"),
    ],
)
def test_finds_one_person(query: str, pid: str, ref: str) -> None:
    match = find_person(people(), query)
    assert (match.person_id, match.ref) == (pid, ref)
    assert match.label == people().filter(pl.col("person_id") == pid)["name"][0]


def test_a_url_keyed_id_is_found_when_the_frame_has_no_url() -> None:
    pid = person_id_from_slug("zoe-x")
    frame = pl.DataFrame({"person_id": [pid], "name": ["Zoe X"], "profile_url": [None]})
    assert find_person(frame, "https://linkedin.com/in/zoe-x").person_id == pid


def test_shared_name_lists_each_person_and_what_to_do() -> None:
    with pytest.raises(ParameterError) as info:
        find_person(people(), "bob sample", what="PERSON")
    msg = str(info.value)
    assert msg.startswith("PERSON 'bob sample' matches 2 people: ")
    assert "Bob Sample at Globex (https://www.linkedin.com/in/bob-sample)" in msg
    assert "Bob Sample (person_id p-bob2)" in msg
    assert msg.endswith("pass the profile URL or the person_id of the one you mean")


def test_unknown_lists_close_names_or_says_to_check_the_spelling() -> None:
    with pytest.raises(ParameterError, match=r"'Bob Smple' matches nobody.*'Bob Sample'\?"):
        find_person(people(), "Bob Smple")
    # a part of a name is not enough, but the names containing it are offered
    with pytest.raises(ParameterError, match=r"did you mean 'Di Demo' or 'Diana Demo'\?"):
        find_person(people(), "demo")
    with pytest.raises(ParameterError, match=r"'Qwxz' matches nobody.*check the spelling"):
        find_person(people(), "Qwxz")
    with pytest.raises(ParameterError, match=r"linkedin.com/in/nobody' matches nobody"):
        find_person(people(), "https://www.linkedin.com/in/nobody")
    with pytest.raises(ParameterError, match=r"person=' ': expected a name"):
        find_person(people(), " ")


def test_works_on_a_frame_without_aliases_or_company() -> None:
    frame = people().select("person_id", "name", "profile_url")
    assert find_person(frame, "cy test").person_id == "p-cy"
    with pytest.raises(ParameterError, match=r"did you mean 'Ada Example'\?"):
        find_person(frame, "Ada E.")  # no aliases column: the alias is unknown, a word shared


names = st.sampled_from(["Ada Example", "ada  example", "Bob", "Bo", "Zoë Ünal", "Cy"])


@st.composite
def frames(draw: st.DrawFn) -> pl.DataFrame:
    n = draw(st.integers(1, 8))
    return pl.DataFrame(
        {
            "person_id": [f"{i:016x}" for i in range(n)],
            "name": [draw(names) for _ in range(n)],
            "profile_url": [
                draw(st.sampled_from([None, f"https://www.linkedin.com/in/u{i}"])) for i in range(n)
            ],
            "aliases": [draw(st.lists(names, max_size=2)) for _ in range(n)],
        },
        schema_overrides={"profile_url": pl.String},
    )


@settings(max_examples=60, deadline=None)
@given(frame=frames())
def test_what_is_written_reads_back_to_that_person_alone(frame: pl.DataFrame) -> None:
    for pid in frame["person_id"]:
        match = find_person(frame, pid)
        assert match.person_id == pid
        # the written reference picks the same person, alone, both ways
        assert find_person(frame, match.ref).person_id == pid
        resolved = State(ignore_people=(match.ref,)).resolve(frame)
        assert [p for p in frame["person_id"] if resolved.ignored(p)] == [pid]
        assert resolved.notes == ()


# ------------------------------------------------------------ accents (issue 13)
def accented() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person_id": ["p-cas", "p-jose1", "p-jose2", "p-soren"],
            "name": ["Cas Çelikdale", "José Ortiz", "Jose Ortiz", "Søren Bramholt"],
            "profile_url": [None, None, None, None],
        }
    )


@pytest.mark.parametrize(
    ("query", "pid"),
    [
        ("Cas Celikdale", "p-cas"),
        ("cas  ÇELIKDALE", "p-cas"),
        ("Soren Bramholt", "p-soren"),
        ("José Ortiz", "p-jose1"),  # the exact spelling wins over the folded one
        ("jose ortiz", "p-jose2"),
    ],
)
def test_names_are_found_without_accents(query: str, pid: str) -> None:
    match = find_person(accented(), query)
    assert match.person_id == pid
    # what is written is the name as the export spells it, which reads back exactly
    assert match.ref == accented().filter(pl.col("person_id") == pid)["name"][0]


def test_folded_names_shared_by_two_people_are_ambiguous() -> None:
    frame = (
        accented()
        .filter(pl.col("person_id") != "p-jose2")
        .vstack(
            pl.DataFrame(
                {"person_id": ["p-jose3"], "name": ["Josè Ortiz"], "profile_url": [None]},
                schema=accented().schema,
            )
        )
    )
    with pytest.raises(ParameterError, match=r"'Jose Ortiz' matches 2 people: José Ortiz"):
        find_person(frame, "Jose Ortiz")


def test_suggestions_ignore_accents() -> None:
    with pytest.raises(ParameterError, match=r"did you mean 'Cas Çelikdale'\?"):
        find_person(accented(), "Cas Celikdal")
