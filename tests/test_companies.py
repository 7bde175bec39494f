"""Company names meet across spellings: the cap, colleagues, who_at and the graph share this."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.companies import normalize_company, normalize_company_series


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
