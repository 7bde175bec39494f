"""Identity on exports shaped like real ones (tests/fixtures/realistic/, all fictional).

Each fixture reproduces one pattern seen in real exports from 2018 to 2025:
promotional senders in a 2018 ``Messages.csv``, namesakes in URL-less
Connections, credential-bearing names in recipient lists, a re-saved export
whose every TO is "LinkedIn Member", and an owner with thin evidence.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tiekeeper
from tiekeeper.credentials import (
    LABELLED_FRAGMENTS,
    LABELLED_NAMES,
    credential_fragments,
    is_credential_fragment,
)
from tiekeeper.datasets import make_sample_export
from tiekeeper.errors import ParameterError
from tiekeeper.io.kinds import marketing_markup
from tiekeeper.io.parsers.messages import split_recipient_names
from tiekeeper.keys import person_id_from_name

FIX = Path(__file__).parent / "fixtures" / "realistic"


def _load(name: str, **kw: object) -> tiekeeper.Export:
    return tiekeeper.load_export(FIX / name, **kw)  # type: ignore[arg-type]


def _kinds(e: tiekeeper.Export) -> dict[str, str]:
    return dict(e.people.select("name", "kind").iter_rows())


# ------------------------------------------------------------- the vocabulary
@pytest.mark.parametrize("name", LABELLED_NAMES)
def test_labelled_names_are_not_fragments(name: str) -> None:
    assert not is_credential_fragment(name)


@pytest.mark.parametrize("fragment", LABELLED_FRAGMENTS)
def test_labelled_fragments_are_fragments(fragment: str) -> None:
    assert is_credential_fragment(fragment)


def test_the_vectorised_check_equals_the_scalar_one() -> None:
    values = [*LABELLED_NAMES, *LABELLED_FRAGMENTS, "pgdip", "JOHN SMITH", None]
    got = credential_fragments(pl.Series(values, dtype=pl.String)).to_list()
    assert got == [is_credential_fragment(v) for v in values]


@pytest.mark.parametrize(
    ("to", "names"),
    [
        ("Tom Okafor, ACIPM,ASM", ["Tom Okafor, ACIPM,ASM"]),
        ("Priya Nair, MBA, PMP,Bob Sample", ["Priya Nair, MBA, PMP", "Bob Sample"]),
        ("Ana Ruiz,J,Bob Sample", ["Ana Ruiz,J", "Bob Sample"]),
        ("Bob Sample,Carol Test", ["Bob Sample", "Carol Test"]),
        ("JOHN SMITH,Bob Sample", ["JOHN SMITH", "Bob Sample"]),
    ],
)
def test_recipient_lists_keep_credentials_with_their_name(to: str, names: list[str]) -> None:
    assert split_recipient_names(to) == names


def test_ordinary_html_is_no_marketing_sign() -> None:
    got = marketing_markup(
        pl.Series(
            [
                "<p>Hi Ada,</p><p>Great to see you <br> yesterday!</p>",
                '<p class="spinmail-quill-editor__spin-break">Your background</p>',
                "Hello %FIRSTNAME%, a special offer",
                "You are receiving this email because you signed up",
                "50% off, 20% more",
            ]
        )
    ).to_list()
    assert got == [False, True, True, True, False]


# ------------------------------------------------------- promotional senders
def test_2018_promotional_senders_are_not_people() -> None:
    e = _load("promo-2018")
    kinds = _kinds(e)
    assert kinds["LinkedIn Premium"] == kinds["Casey @ LinkedIn"] == "linkedin"
    for org in ("Cloudly Web", "Demo from", "Domainly Inc"):
        assert kinds[org] == "organisation", org
    # an unanswered recruiter who is not a connection stays a person
    assert kinds["Rita Hunter"] == kinds["Bob Sample"] == "person"
    non = set(e.people.filter(pl.col("kind") != "person")["person_id"])
    assert not non & set(e.interactions["person_id"])
    s = tiekeeper.score(e)
    assert not non & set(s["person_id"])
    assert s.sort("strength", descending=True)["name"][0] == "Bob Sample"
    plan = tiekeeper.reach_out(e)
    listed = pl.concat([plan.owed_replies, plan.suggestions, plan.give_space])
    assert not non & set(listed["person_id"])
    notes = e.parse_report.filter(pl.col("logical_name") == "messages")["notes"].item()
    assert any("2 LinkedIn account(s) and 3 organisation(s)" in n for n in notes)
    # nothing is dropped: every sender is still a row of people
    assert set(e.messages["sender_name"]) - {"Olive Owner"} <= set(e.people["name"])


# ------------------------------------------------------------------- namesakes
def test_namesakes_without_urls_are_different_people() -> None:
    e = _load("namesakes-2021")
    sams = e.connections.filter(pl.col("name") == "Sam Lee")
    # Acme 2021 and Globex 2019 differ; the two Globex rows agree on all three
    assert sams["person_id"].n_unique() == 2
    assert person_id_from_name("Sam Lee") not in set(sams["person_id"])
    globex = sams.filter(pl.col("connected_on") == dt.date(2019, 3, 2))["person_id"]
    assert globex.n_unique() == 1
    people = e.people.filter(pl.col("name") == "Sam Lee")
    methods = sorted(people["key_method"])
    assert methods == ["ambiguous", "namesake", "namesake", "url"]
    # an unambiguous name keeps its name-keyed id (state files keep working)
    li = e.connections.filter(pl.col("name") == "Li Wu")["person_id"].unique().to_list()
    assert li == [person_id_from_name("Li Wu")]
    # the owner's message to "Sam Lee" goes to the Sam who writes back in that thread
    sam_url = people.filter(pl.col("key_method") == "url")["person_id"].item()
    sent = e.interactions.filter((pl.col("kind") == "message") & (pl.col("person_id") == sam_url))
    assert sorted(sent["direction"]) == ["in", "out"]


# ------------------------------------------------------- credential fragments
def test_credential_names_are_never_split_into_people() -> None:
    e = _load("credentials-2021")
    names = set(e.people["name"])
    assert not {n for n in names if is_credential_fragment(n)}
    for whole in ("Tom Okafor, ACIPM,ASM", "Priya Nair, MBA, PMP", "Grace Hall, Assoc CIPD,ACMA"):
        assert whole in names
    tom = e.people.filter(pl.col("name") == "Tom Okafor, ACIPM,ASM")
    assert tom.height == 1 and tom["is_connection"].item()
    one_to_one = e.messages.filter(pl.col("conversation_id").is_in(["2-t1", "2-t2", "2-t3"]))
    assert one_to_one["participants"].to_list() == [1] * one_to_one.height
    group = e.messages.filter(pl.col("conversation_id") == "2-g1")
    assert group["participants"].to_list() == [3, 3]


# ------------------------------------------------------------------- the owner
def test_resaved_export_keeps_the_real_owner() -> None:
    e = _load("resaved-member")
    assert e.owner.names == ("Olive Owner",)
    rex = e.messages.filter(pl.col("sender_name") == "Rex Recruiter")
    assert rex["from_owner"].to_list() == [False]


def test_thin_owner_evidence_leaves_the_owner_unknown() -> None:
    e = _load("thin-owner")
    assert e.owner.name is None
    assert e.messages["from_owner"].null_count() == e.messages.height
    assert e.interactions.filter(pl.col("kind") == "message").height == 0
    assert any("owner=" in n for n in e.notes)
    assert "owner=" in e.summary()


def test_owner_can_be_given() -> None:
    e = _load("thin-owner", owner="SenderA Person")
    assert e.owner.names == ("SenderA Person",)
    assert int(e.messages["from_owner"].sum()) == 2
    with pytest.raises(ParameterError, match="names nobody"):
        _load("thin-owner", owner="  ")


# --------------------------------------------------- generated realistic exports
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10_000),
    layout=st.sampled_from(["2018", "2021", "2023", "2025"]),
    resaved=st.booleans(),
)
def test_no_person_is_named_only_by_a_credential(
    tmp_path_factory: pytest.TempPathFactory, seed: int, layout: str, resaved: bool
) -> None:
    out = tmp_path_factory.mktemp("realistic") / "export"
    date = dt.date(2018, 11, 20) if layout == "2018" else dt.date(2025, 3, 14)
    make_sample_export(
        out,
        seed=seed,
        n_connections=60,
        n_messages=600,
        export_date=date,
        layout=layout,  # type: ignore[arg-type]
        realistic=True,
        resaved=resaved,
    )
    e = tiekeeper.load_export(out)
    persons = e.people.filter(pl.col("kind") == "person")
    assert not credential_fragments(persons["name"]).any(), persons["name"].to_list()
    non = set(e.people.filter(pl.col("kind") != "person")["person_id"])
    assert not non & set(e.interactions["person_id"])
    assert e.people["kind"].is_in(["person", "linkedin", "organisation"]).all()


def test_a_state_entry_naming_namesakes_applies_to_none(tmp_path: Path) -> None:
    from tiekeeper import state as S
    from tiekeeper.errors import AmbiguousNameWarning

    e = _load("namesakes-2021")
    path = tmp_path / "tiekeeper.toml"
    S.ignore(path, "Sam Lee")
    S.ignore(path, "Li Wu")
    with pytest.warns(AmbiguousNameWarning, match="'Sam Lee'"):
        resolved = S.load_state(path).resolve(e.people)
    sams = e.people.filter(pl.col("name") == "Sam Lee")["person_id"].to_list()
    assert not any(resolved.ignored(p) for p in sams if p != person_id_from_name("Sam Lee"))
    assert resolved.ignored(person_id_from_name("Li Wu"))  # an unambiguous name still works
    assert any("namesakes" in n for n in resolved.notes)


@pytest.mark.parametrize(
    "name",
    ["Steve Jobs", "Jane Shop", "Rita Ray (Hiring)", "Tom Talent", "Maria Media", "Lee Cloud"],
)
def test_a_surname_that_is_an_organisation_word_is_no_organisation(name: str) -> None:
    from tiekeeper.io.kinds import organisation_name

    assert not organisation_name(pl.Series([name])).item()


def test_one_unsubscribe_from_a_stranger_is_no_organisation(tmp_path: Path) -> None:
    (tmp_path / "Messages.csv").write_text(
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Sam Recruiter,Olive Owner,"6/19/18, 5:54 AM",Role,'
        '"Hi Olive, a role you may like. If not, say so and I\'ll unsubscribe you.",'
        "INCOMING,INBOX\n"
        'Olive Owner,Bob Sample,"6/19/18, 6:54 AM",,Hi Bob,OUTGOING,SENT\n'
        'Bob Sample,Olive Owner,"6/19/18, 7:54 AM",,Hi Olive,INCOMING,INBOX\n',
        encoding="utf-8",
    )
    e = tiekeeper.load_export(tmp_path)
    assert _kinds(e)["Sam Recruiter"] == "person"


def test_a_connection_is_never_the_owner(tmp_path: Path) -> None:
    # one conversation, the owner's three messages and Bob's one; Bob is a connection,
    # and the file names no owner otherwise: the owner is the other participant
    head = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER"
    )
    o, b = "https://www.linkedin.com/in/olive-owner", "https://www.linkedin.com/in/bob-sample"
    rows = [
        f"2-c1,,Olive Owner,{o},Bob Sample,2024-01-0{d} 10:00:00 UTC,,Hi Bob {d},INBOX"
        for d in (1, 2, 3)
    ] + [f"2-c1,,Bob Sample,{b},Olive Owner,2024-01-04 10:00:00 UTC,,Hi Olive,INBOX"]
    (tmp_path / "messages.csv").write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Bob,Sample,{b},,Acme,Engineer,01 Jan 2023\n",
        encoding="utf-8",
    )
    e = tiekeeper.load_export(tmp_path)
    assert e.owner.name == "Olive Owner"
    assert "Bob Sample" in set(e.people["name"])
