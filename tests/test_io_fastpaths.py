"""Vectorised fast paths give exactly what the scalar key functions give.

Each fast path handles only the values it recognises and leaves the rest to
the scalar function; these tests compare both on inputs built from the
characters that matter (case, spaces, commas, ``%``, ``?``, ``#``, ``/``,
non-ASCII, tabs) so that both branches are taken.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.io.combos import _grouped_rows, distinct_rows
from tiekeeper.io.parsers.messages import (
    _SEP,
    fast_profile_url,
    recipient_names_fast,
    recipient_urls_fast,
    split_recipient_names,
    split_recipient_urls,
)
from tiekeeper.io.people import Resolver, _slug_pid, _url_pids
from tiekeeper.keys import (
    FastPath,
    ascii_lower_fast,
    canonical_url_fast,
    is_linkedin_member,
    linkedin_member_fast,
    map_unique,
    name_key,
    name_key_fast,
    normalize_name,
    normalize_name_fast,
    normalize_profile_url,
    person_id_from_slug,
)

CANON = "https://www.linkedin.com/in/"
slug = st.text(alphabet="abcAZ09._-%/?#é ß\t", min_size=0, max_size=8)
url = st.one_of(
    slug.map(lambda s: CANON + s),
    slug.map(lambda s: "linkedin.com/in/" + s),
    st.sampled_from(["urn:li:member:5", " https://www.linkedin.com/in/ada", "x"]),
)
name_text = st.text(alphabet="aB ,.()\tÉßİ\u00a0\x1c", min_size=0, max_size=12)
names = st.one_of(
    name_text, st.sampled_from(["LinkedIn Member", " linkedin MEMBER ", "Ada Example"])
)


def _same(values: list[str], fn: Callable[[str], str | None], fast: FastPath) -> None:
    s = pl.Series(values, dtype=pl.String)
    uniq = s.unique()  # unique() does not keep order: call it once
    done, out = fast(uniq)
    for v, d, o in zip(uniq.to_list(), done.to_list(), out.to_list(), strict=True):
        if d:
            assert o == fn(v), v
    expected = [fn(v) for v in values]
    assert map_unique(s, fn, fast=fast).to_list() == expected


def _joined(split: Callable[[str], list[str]]) -> Callable[[str], str | None]:
    return lambda v: _SEP.join(split(v)) or None


def _member(v: str) -> str | None:
    return "1" if is_linkedin_member(v) else None


@settings(max_examples=300)
@given(st.lists(url, max_size=20))
def test_canonical_urls_fast_path(values: list[str]) -> None:
    _same(values, normalize_profile_url, canonical_url_fast)
    _same(values, fast_profile_url, canonical_url_fast)


@settings(max_examples=300)
@given(st.lists(st.lists(url, min_size=1, max_size=3).map(",".join), max_size=10))
def test_recipient_url_lists_fast_path(values: list[str]) -> None:
    _same(values, _joined(split_recipient_urls), recipient_urls_fast)


@settings(max_examples=300, deadline=None)
@given(st.lists(names, max_size=20))
def test_name_fast_paths(values: list[str]) -> None:
    _same(values, normalize_name, normalize_name_fast)
    _same(values, name_key, name_key_fast)
    _same(values, _member, linkedin_member_fast)
    _same(values, _joined(split_recipient_names), recipient_names_fast)
    _same(values, str.casefold, ascii_lower_fast)


def test_fast_paths_take_the_common_cases() -> None:
    # the shapes messages.csv writes are handled without the scalar function
    done, out = canonical_url_fast(pl.Series([CANON + "ada-1", CANON + "Ada", CANON + "ada/"]))
    assert done.to_list() == [True, False, False]
    assert out.to_list() == [CANON + "ada-1", None, None]
    urls = f"{CANON}ada,{CANON}bob"
    done, out = recipient_urls_fast(pl.Series([urls]))
    assert done.to_list() == [True]
    assert out.to_list() == [f"{CANON}ada{_SEP}{CANON}bob"]
    # lists whose later pieces hold a credential or an initial go to the scalar
    # function, which joins such pieces back to the name before them
    done, out = recipient_names_fast(
        pl.Series(["Ada Example, PhD,Bob", "Tom Okafor, ACIPM,ASM", "Ada,,Bob", ",Ada"])
    )
    assert done.to_list() == [True, False, False, False]
    assert out.to_list() == [f"Ada Example, PhD{_SEP}Bob", None, None, None]
    done, out = name_key_fast(pl.Series(["Ada EXAMPLE", "LinkedIn Member", "Zoë"]))
    assert done.to_list() == [True, True, False]
    assert out.to_list() == ["ada example", None, None]
    done, out = linkedin_member_fast(pl.Series(["LinkedIn Member", "Ada", " LinkedIn Member"]))
    assert done.to_list() == [True, True, False]
    assert out.to_list() == ["1", None, None]


def test_map_unique_with_fast_path_keeps_nulls_and_order() -> None:
    s = pl.Series(["B", None, "é", "B", "A"], dtype=pl.String)
    assert map_unique(s, str.lower, fast=ascii_lower_fast, name="x").to_list() == [
        "b",
        None,
        "é",
        "b",
        "a",
    ]
    assert map_unique(pl.Series([], dtype=pl.String), str.lower, fast=ascii_lower_fast).len() == 0
    assert map_unique(
        pl.Series([None], dtype=pl.String), str.lower, fast=ascii_lower_fast
    ).to_list() == [None]


@settings(max_examples=200)
@given(st.lists(url, max_size=20, unique=True))
def test_url_person_ids_fast_path(values: list[str]) -> None:
    everything = [*values, CANON + "ada-1"]
    got = _url_pids(pl.Series(everything, dtype=pl.String))
    assert got == {u: _slug_pid(u) for u in everything}
    assert got[CANON + "ada-1"] == person_id_from_slug("ada-1")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.none() | st.integers(-3, 3),
            st.none() | st.booleans(),
            st.sampled_from(["a.csv", "b.csv"]),
        ),
        max_size=30,
    ),
    st.booleans(),
)
def test_distinct_rows_packed_as_grouped(
    rows: list[tuple[int | None, bool | None, str]], big: bool
) -> None:
    # integer, boolean and categorical columns take the packed key; ``big`` spreads
    # the integers so that the key no longer fits a lookup table
    scale = 10**12 if big else 1
    frame = pl.DataFrame(
        {
            "code": [None if r[0] is None else r[0] * scale for r in rows],
            "flag": [r[1] for r in rows],
            "file": [r[2] for r in rows],
        },
        schema={"code": pl.Int64, "flag": pl.Boolean, "file": pl.String},
    ).with_columns(pl.col("file").cast(pl.Categorical))
    ids, first = distinct_rows(frame)
    want_ids, want_first = _grouped_rows(frame)
    assert ids.to_list() == want_ids.to_list()
    assert first.to_list() == want_first.to_list()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.none() | url, max_size=20), st.lists(url, max_size=5))
def test_resolver_url_pids_as_url_pid(values: list[str | None], seen: list[str]) -> None:
    r = Resolver.from_observations(
        pl.Series(seen, dtype=pl.String), pl.Series([None] * len(seen), dtype=pl.String)
    )
    got = r.url_pids(pl.Series(values, dtype=pl.String)).to_list()
    assert got == [None if v is None else _slug_pid(v) for v in values]


_ITEMS = st.one_of(st.none(), st.sampled_from(["a", "b", "", "Ada Lovelace", "https://x/in/y"]))


@given(st.lists(st.tuples(_ITEMS, st.one_of(st.none(), st.lists(_ITEMS, max_size=4))), max_size=30))
def test_prepend_equals_concat_list(rows: list[tuple[str | None, list[str | None] | None]]) -> None:
    from tiekeeper.io.lists import prepend

    f = pl.DataFrame(
        {"s": [r[0] for r in rows], "l": [r[1] for r in rows]},
        schema={"s": pl.String, "l": pl.List(pl.String)},
    )
    want = f.select(pl.concat_list("s", "l")).to_series()
    got = prepend(f, "s", "l")
    assert got.dtype == want.dtype
    assert got.to_list() == want.to_list()
