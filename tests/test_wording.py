"""The grammar of generated sentences: counts, first names, companies and full stops."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.wording import (
    company_name,
    counted,
    counted_expr,
    end_sentence,
    end_sentence_expr,
    first_name,
    share_kept,
)


@pytest.mark.parametrize(
    ("n", "want"),
    [(1, "1 day"), (0, "0 days"), (2, "2 days"), (1.0, "1 day"), (1.5, "1.5 days"),
     ("~1", "~1 day"), ("~10", "~10 days"), ("11", "11 days"), ("1.0", "1.0 days")],
)  # fmt: skip
def test_counted_agrees_with_the_number_shown(n: float | str, want: str) -> None:
    assert counted(n, "day") == want


def test_counted_takes_irregular_plurals() -> None:
    assert counted(1, "reply", "replies") == "1 reply"
    assert counted(2, "reply", "replies") == "2 replies"


@given(st.lists(st.one_of(st.none(), st.integers(-3, 30).map(str), st.just("~1")), max_size=20))
def test_counted_expr_matches_counted(numbers: list[str | None]) -> None:
    df = pl.DataFrame({"n": numbers}, schema={"n": pl.String})
    got = df.select(counted_expr(pl.col("n"), "conversation"))["n"].to_list()
    assert got == [None if n is None else counted(n, "conversation") for n in numbers]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Ada Lovelace", "Ada"),
        ("Dr. Ada Lovelace", "Ada"),
        ("Dr Ada", "Ada"),
        ("A. Ada Lovelace", "Ada"),
        ("A.B. Cy Doe", "Cy"),
        ("Associate Professor Jane Doe", "Jane"),
        ("Prof. Dr. Ing. Hans Meier", "Hans"),
        ("CA Ravi Kumar", "Ravi"),
        ("Mrs. Priya Shah", "Priya"),
        ("🚀 Maya Stone", "Maya"),
        ("Bo Li", "Bo"),
        ("Jean-Luc Picard", "Jean-Luc"),
        ("Ada, PhD", "Ada"),
        # nothing but titles and initials: the full name, never a bare title
        ("Dr. A.", "Dr. A."),
        ("Associate", "there"),
        ("A.", "there"),
        ("Dr.", "there"),
        ("A. B.", "A. B."),
        (None, "there"),
        ("", "there"),
    ],
)
def test_first_name_is_never_a_title_or_an_initial(name: str | None, first: str) -> None:
    assert first_name(name) == first


@given(st.text(max_size=30))
def test_first_name_is_never_blank(name: str) -> None:
    out = first_name(name)
    assert out and out == out.strip()


def test_company_name_drops_placeholders() -> None:
    assert company_name("  Acme Ltd. ") == "Acme Ltd."
    for blank in (None, "", "  ", "Self-employed", "Confidential", "Stealth Startup", "-"):
        assert company_name(blank) is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("At Acme Ltd..", "At Acme Ltd."),
        ("At Acme Ltd.. Then more.", "At Acme Ltd. Then more."),
        ("At Yahoo!.", "At Yahoo!"),
        ("Really?.", "Really?"),
        ("Wait for it...", "Wait for it..."),
        ("A normal sentence.", "A normal sentence."),
        ("v1.2.3 is out.", "v1.2.3 is out."),
    ],
)
def test_end_sentence_has_one_full_stop(text: str, want: str) -> None:
    assert end_sentence(text) == want
    assert pl.select(end_sentence_expr(pl.lit(text))).item() == want


@given(st.text(alphabet="ab .!?\n", max_size=25))
def test_end_sentence_expr_matches_scalar(text: str) -> None:
    assert pl.select(end_sentence_expr(pl.lit(text))).item() == end_sentence(text)


@given(st.floats(0, 1000, allow_nan=False))
def test_share_kept_never_exceeds_100_percent(ratio: float) -> None:
    text = share_kept(ratio)
    if text.endswith("of the contact kept"):
        assert int(text.split("%")[0]) <= 100
    else:
        assert text == "more contact since you left" and ratio > 1
