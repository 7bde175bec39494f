"""who_at: the owner's ties at a company, strongest first, names normalised."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from test_graph_kit import name, person_id
from test_graph_kit import network_export as network_export  # the fixture

import tiekeeper
from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema


@pytest.mark.parametrize("company", ["Acme", "ACME", "Acme Inc.", "acme, inc", "  The Acme Corp "])
def test_every_spelling_meets_and_the_order_is_by_strength(network_export, company) -> None:
    out = tiekeeper.who_at(network_export, company)
    assert out.schema == polars_schema("who_at")
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
