"""who_at: the owner's ties at a company, strongest first, names normalised."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from test_graph_kit import name, person_id
from test_graph_kit import network_export as network_export  # the fixture

import tiekeeper
from tiekeeper.errors import ParameterError
from tiekeeper.graph.who_at import company_groups
from tiekeeper.schema import polars_schema


@pytest.mark.parametrize("company", ["Acme", "ACME", "Acme Inc.", "acme, inc", "  The Acme Corp "])
def test_every_spelling_meets_and_the_order_is_by_strength(network_export, company) -> None:
    found = tiekeeper.who_at(network_export, company)
    assert found.schema == polars_schema("who_at")
    # "acme" is also the start of "Acme Labs": that company follows the exact one
    assert [c for c, _ in company_groups(found)] == ["ACME", "Acme Labs"]
    assert found["name"][-1] == "Lena Labs"
    out = found.head(4)
    # A2 (six recent messages) > A1 (three in October) > A3 (one in January) > A4 (group only)
    assert out["person_id"].to_list() == [person_id(k) for k in ("A2", "A1", "A3", "A4")]
    assert out["name"].to_list() == [name(k) for k in ("A2", "A1", "A3", "A4")]
    assert out["company"].to_list() == ["ACME", "Acme Inc.", "Acme, Inc", "Acme Inc"]
    assert out["strength"].to_list() == sorted(out["strength"].to_list(), reverse=True)
    assert out["former_colleague"].to_list() == [True] * 4


def test_acme_labs_is_another_company(network_export) -> None:
    out = tiekeeper.who_at(network_export, "Acme Labs")
    assert out["name"].to_list() == ["Lena Labs"]
    assert out["former_colleague"].to_list() == [False]


def test_columns_match_the_score(network_export) -> None:
    s = tiekeeper.score(network_export)
    out = tiekeeper.who_at(network_export, "Globex", scores=s)
    want = s.filter(pl.col("company") == "Globex").sort(
        ["strength", "name"], descending=[True, False]
    )
    assert out["person_id"].to_list() == want["person_id"].to_list()
    assert out["reasons"].to_list() == want["reasons"].to_list()
    assert out["last_contact"].to_list() == want["last_contact"].to_list()
    assert out["status"].to_list() == want["status"].to_list()


def test_nobody_there_gives_an_empty_frame(network_export) -> None:
    out = tiekeeper.who_at(network_export, "Nowhere Ltd")
    assert out.height == 0 and out.schema == polars_schema("who_at")


def test_as_of_reaches_scoring(network_export) -> None:
    late = tiekeeper.who_at(network_export, "Acme")
    early = tiekeeper.who_at(network_export, "Acme", as_of=dt.date(2024, 12, 10))
    a2 = person_id("A2")
    s_late = late.filter(pl.col("person_id") == a2)["strength"].item()
    s_early = early.filter(pl.col("person_id") == a2)["strength"].item()
    assert s_early > s_late  # less decay four days after A2's last message


@pytest.mark.parametrize(
    ("company", "match"),
    [
        ("N/A", r"company='N/A' is not a company name"),
        ("", r"company='' is not a company name"),
        (None, r"company must be a company name \(str\)"),
        (42, r"company must be a company name \(str\)"),
    ],
)
def test_bad_company_names(network_export, company, match) -> None:
    with pytest.raises(ParameterError, match=match):
        tiekeeper.who_at(network_export, company)


# ------------------------------------- loose matching: prefixes, words, accents (issue 13)
@pytest.fixture
def crafted(network_export) -> pl.DataFrame:
    """The network's scores with companies rewritten to exercise the matching rules."""
    s = tiekeeper.score(network_export)
    companies = {
        "A1": "Çelik Yapı AŞ",
        "A2": "CELIK YAPI",
        "A3": "Celikdale Systems",
        "A4": "Yapı Kredi",
        "B1": "Self-employed",
        "B2": "Freelance",
        "B3": "Stealth Labs",
        "B4": "Northwind Analytics",
    }
    mapping = {person_id(k): v for k, v in companies.items()}
    return s.with_columns(
        company=pl.col("person_id").replace_strict(mapping, default=pl.col("company"))
    )


@pytest.mark.parametrize(
    ("query", "groups"),
    [
        # accents and case fold, legal suffixes go: one company in three spellings
        ("celik yapi", [("CELIK YAPI", ["A2", "A1"])]),
        ("ÇELİK", [("CELIK YAPI", ["A2", "A1"]), ("Celikdale Systems", ["A3"])]),
        # a prefix of the name; the exactly named company comes first
        ("celik", [("CELIK YAPI", ["A2", "A1"]), ("Celikdale Systems", ["A3"])]),
        ("celikd", [("Celikdale Systems", ["A3"])]),
        # whole words anywhere in the name, never part of a word
        ("yapi", [("CELIK YAPI", ["A2", "A1"]), ("Yapı Kredi", ["A4"])]),  # by head count
        ("analytics", [("Northwind Analytics", ["B4"])]),
        ("lytics", []),
        ("dale systems", []),
        # a real company that merely contains a placeholder word stays real
        ("stealth labs", [("Stealth Labs", ["B3"])]),
        # a placeholder employer never matches: "free" is not the start of a company
        ("free", []),
    ],
)
def test_prefixes_words_and_accents(network_export, crafted, query, groups) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a miss may warn with suggestions
        out = tiekeeper.who_at(network_export, query, scores=crafted)
    assert out.schema == polars_schema("who_at")
    got = [(c, f["person_id"].to_list()) for c, f in company_groups(out)]
    assert got == [(c, [person_id(k) for k in keys]) for c, keys in groups]


def test_find_company_says_what_matched(network_export, crafted) -> None:
    from tiekeeper.graph.who_at import find_company

    exact = find_company(network_export, "Çelik Yapı", scores=crafted)
    assert exact.companies == ("CELIK YAPI",) and exact.exact and exact.suggestions == ()
    several = find_company(network_export, "celik", scores=crafted)
    assert several.companies == ("CELIK YAPI", "Celikdale Systems") and not several.exact
    prefix = find_company(network_export, "northw", scores=crafted)
    assert prefix.companies == ("Northwind Analytics",) and not prefix.exact


def test_no_match_suggests_the_closest_names(network_export, crafted) -> None:
    from tiekeeper.errors import TiekeeperWarning
    from tiekeeper.graph.who_at import find_company

    found = find_company(network_export, "Celikdal Sistems", scores=crafted)
    assert found.frame.height == 0 and found.companies == ()
    assert found.suggestions[0] == "Celikdale Systems"
    with pytest.warns(TiekeeperWarning, match=r"did you mean 'Celikdale Systems'"):
        out = tiekeeper.who_at(network_export, "Celikdal Sistems", scores=crafted)
    assert out.height == 0 and out.schema == polars_schema("who_at")
    # placeholders are never suggested
    assert "Freelance" not in find_company(network_export, "Freelanse", scores=crafted).suggestions


@pytest.mark.parametrize("company", ["Self-employed", "stealth", "Freelance", "Open to work"])
def test_placeholders_are_refused(network_export, company) -> None:
    with pytest.raises(ParameterError, match=r"is not a company name"):
        tiekeeper.who_at(network_export, company)


# ------------------------------------------------------------------ the sample
@pytest.fixture(scope="module")
def sample() -> tiekeeper.Export:
    return tiekeeper.load_export()


@pytest.fixture(scope="module")
def sample_scores(sample) -> pl.DataFrame:
    return tiekeeper.score(sample)


@pytest.mark.parametrize(
    "query", ["nimbleford", "Nimble", "NIMBLEFORD ANALYTICS INC", "nímbleford"]
)
def test_sample_nimbleford(sample, sample_scores, query) -> None:
    out = tiekeeper.who_at(sample, query, scores=sample_scores)
    assert [c for c, _ in company_groups(out)] == ["Nimbleford Analytics"]
    assert out.height == 16
    assert set(out["company"].to_list()) == {
        "Nimbleford Analytics",
        "NIMBLEFORD ANALYTICS",
        "Nimbleford Analytics, Inc.",
    }
    assert out["strength"].to_list() == sorted(out["strength"].to_list(), reverse=True)


def test_sample_several_companies(sample, sample_scores) -> None:
    from tiekeeper.graph.who_at import find_company

    found = find_company(sample, "thistledown", scores=sample_scores)
    assert found.companies == ("Thistledown Energy", "Thistledown Talent Partners")
    groups = company_groups(found.frame)
    assert [c for c, _ in groups] == list(found.companies)
    for _, part in groups:
        assert part["strength"].to_list() == sorted(part["strength"].to_list(), reverse=True)
    words = find_company(sample, "analytics", scores=sample_scores)
    assert words.companies == ("Nimbleford Analytics", "Corvane Analytics")


def test_sample_suggestion(sample, sample_scores) -> None:
    from tiekeeper.graph.who_at import find_company

    found = find_company(sample, "Nimblefrod", scores=sample_scores)
    assert found.frame.height == 0 and found.suggestions[0] == "Nimbleford Analytics"
