"""Message text: HTML to text and word counts, vectorised."""

from __future__ import annotations

import html
import re

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.io.parsers._html import html_to_text, word_counts

_PIECES = ["a", "Zé", "👋", " ", "  ", "\t", "\xa0", "\u3000", "\u2009", ",", ".", "’", "x"]


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), max_size=30))
def test_word_counts_equal_a_regex_count_of_non_space_runs(texts: list[str]) -> None:
    s = pl.Series(texts, dtype=pl.String)
    want = [len(re.findall(r"\S+", t)) for t in texts]
    assert word_counts(s).to_list() == want
    assert want == [len(t.split()) for t in texts]  # the same as Python's notion of words


def test_word_counts_of_null_and_empty_are_zero() -> None:
    assert word_counts(pl.Series([None, "", "   "], dtype=pl.String)).to_list() == [0, 0, 0]


def test_html_entities_are_unescaped_after_tags_are_stripped() -> None:
    s = pl.Series(
        [
            "<p>Hi&nbsp;Ada,</p><p>let&rsquo;s talk</p>",
            "&lt;b&gt;literal&lt;/b&gt; &amp;amp; &#233;t&#xE9;",
            "plain & simple < text",
            '<a href="https://example.com">link</a>',
            None,
        ]
    )
    assert html_to_text(s).to_list() == [
        "Hi\xa0Ada, let’s talk",
        "<b>literal</b> &amp; été",
        "plain & simple < text",
        "link",
        None,
    ]


_ENT = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&hellip;", "&eacute;", "&#x1F44B;", "x", " "]


@given(st.lists(st.sampled_from(_ENT), max_size=15).map("".join))
def test_entities_decode_like_html_unescape(text: str) -> None:
    # Rows without markup are untouched; others are unescaped, with space runs collapsed.
    if "&" in text or "<" in text:
        want = re.sub(r"[ \t]{2,}", " ", html.unescape(text)).strip(" ")
    else:
        want = text
    assert html_to_text(pl.Series([text])).to_list() == [want]
