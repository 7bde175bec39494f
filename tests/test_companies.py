"""Company names meet across spellings: the cap, colleagues, who_at and the graph share this."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.companies import (
    PLACEHOLDER_COMPANIES,
    is_placeholder,
    is_placeholder_series,
    normalize_company,
    normalize_company_series,
    placeholder_key,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Inc.", "ACME"),
        ("Acme, Inc", "acme"),
        ("The Example Company, LLC", "Example"),
        ("Northwind Analytics GmbH", "northwind analytics"),
        ("Fabrikam Pvt. Ltd.", "FABRIKAM"),
        ("Contoso  Ltd", "Contoso"),
    ],
)
def test_spellings_meet(a: str, b: str) -> None:
    assert normalize_company(a) == normalize_company(b)


@pytest.mark.parametrize("empty", [None, "", "  ", "null", "N/A", "Self-employed"])
def test_placeholders_are_no_company(empty: str | None) -> None:
    assert normalize_company(empty) is None


def test_different_companies_stay_apart() -> None:
    assert normalize_company("Acme") != normalize_company("Acme Labs")
    # a legal word alone is a name, not a suffix to strip to nothing
    assert normalize_company("Limited") == "limited"


def test_series_version_matches_scalar() -> None:
    s = pl.Series("c", ["Acme Inc.", None, "ACME", "Globex Corporation"])
    assert normalize_company_series(s).to_list() == ["acme", None, "acme", "globex"]


@given(st.text(max_size=40))
def test_idempotent(name: str) -> None:
    once = normalize_company(name)
    assert once is None or normalize_company(once) == once


@pytest.mark.parametrize(
    "name",
    [
        "Confidential", "Self-employed", "Self Employed", "SELF-EMPLOYED.", "Freelance",
        "Freelancer", "Stealth", "Stealth Startup", "Stealth Mode Startup", "-", "--", "n/a",
        "N/A", "Independent", "Retired", "Unemployed", "Looking for opportunities",
        "Looking for new opportunities!", "Open to work", "#OpenToWork", "Selbstständig",
        "Autónomo", "  ", "", None,
    ],
)  # fmt: skip
def test_placeholder_companies_are_recognised(name: str | None) -> None:
    assert is_placeholder(name)


@pytest.mark.parametrize(
    "name",
    ["Acme Inc.", "Stealth Labs", "Freelancer Labs", "The Independent", "Retired Teachers Fund",
     "X", "Open Work Studio", "Confidential Computing Consortium"],
)  # fmt: skip
def test_real_companies_are_not_placeholders(name: str) -> None:
    assert not is_placeholder(name)


def test_placeholder_list_is_written_in_key_form() -> None:
    # every entry must be reachable: it is its own key
    assert all(placeholder_key(entry) == entry for entry in PLACEHOLDER_COMPANIES)


def test_normalize_company_keeps_its_own_key_for_placeholders() -> None:
    # is_placeholder does not change the comparison key (the cap and colleagues use it)
    assert normalize_company("Stealth Startup") == "stealth startup"
    assert normalize_company("Freelance") == "freelance"


@given(st.lists(st.one_of(st.none(), st.sampled_from(["Acme", "Freelance", "-", "Stealth"]),
                          st.text(max_size=12)), max_size=20))  # fmt: skip
def test_placeholder_series_matches_scalar(names: list[str | None]) -> None:
    s = pl.Series("c", names, dtype=pl.String)
    out = is_placeholder_series(s)
    assert out.name == "c" and out.dtype == pl.Boolean
    assert out.to_list() == [is_placeholder(n) for n in names]
