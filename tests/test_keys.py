"""Identity keys: one member's URL in every shape LinkedIn writes it gives one key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.keys import (
    map_unique,
    name_key,
    normalize_name,
    normalize_profile_url,
    person_id_from_name,
    person_id_from_slug,
    profile_slug,
)

JURGEN_FORMS = [
    # Connections.csv: percent-encoded
    "https://www.linkedin.com/in/j%C3%BCrgen-demo-1a2b3c",
    # messages.csv: raw Unicode
    "https://www.linkedin.com/in/jürgen-demo-1a2b3c",
    # Endorsement_*_Info.csv: no scheme
    "www.linkedin.com/in/jürgen-demo-1a2b3c",
    # what users type
    "http://linkedin.com/in/J%C3%BCrgen-Demo-1a2b3c/",
    "https://www.linkedin.com/in/jürgen-demo-1a2b3c?trk=public_profile#about",
    "  https://WWW.LINKEDIN.COM/in/jürgen-demo-1a2b3c/  ",
]


@pytest.mark.parametrize("url", JURGEN_FORMS)
def test_every_url_shape_gives_the_same_slug(url: str) -> None:
    assert profile_slug(url) == "jürgen-demo-1a2b3c"
    assert normalize_profile_url(url) == "https://www.linkedin.com/in/jürgen-demo-1a2b3c"


def test_nfc_not_nfkc() -> None:
    # A decomposed ü (u + combining diaeresis) is NFC-composed ...
    assert profile_slug("https://www.linkedin.com/in/ju\u0308rgen") == "jürgen"
    # ... but mathematical-alphabet letters are kept: NFKC would fold 𝕖 into e.
    assert profile_slug("https://www.linkedin.com/in/ada-𝕖𝕩") == "ada-𝕖𝕩"
    assert person_id_from_slug("ada-𝕖𝕩") != person_id_from_slug("ada-ex")


def test_urn_and_non_profile_urls() -> None:
    assert normalize_profile_url("urn:li:member:123456789") == "urn:li:member:123456789"
    assert profile_slug("urn:li:member:123456789") is None
    assert profile_slug("https://www.linkedin.com/company/example") is None
    assert normalize_profile_url("") is None
    assert normalize_profile_url(None) is None


def test_linkedin_member_is_never_keyed() -> None:
    assert name_key("LinkedIn Member") is None
    assert name_key(" linkedin member ") is None
    with pytest.raises(ValueError, match="cannot be keyed"):
        person_id_from_name("LinkedIn Member")


def test_names_keep_commas_and_credentials_but_trim() -> None:
    assert normalize_name("Carol  Test, Ph.D. ") == "Carol Test, Ph.D."
    assert name_key("Carol Test, Ph.D.") == "carol test, ph.d."
    assert person_id_from_name("Ada Example") == person_id_from_name("ADA  EXAMPLE ")
    assert person_id_from_name("Ada Example") != person_id_from_slug("ada example")


def test_map_unique_maps_each_value_once() -> None:
    calls: list[str] = []

    def fn(v: str) -> str:
        calls.append(v)
        return v.upper()

    out = map_unique(["a", "b", "a", None, "a"], fn, name="x")
    assert out.to_list() == ["A", "B", "A", None, "A"]
    assert sorted(calls) == ["a", "b"]
    assert out.name == "x"


slug_chars = st.characters(
    blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters="/?#%"
)


@given(st.text(slug_chars, min_size=1, max_size=30))
def test_percent_encoding_round_trip(slug: str) -> None:
    from urllib.parse import quote

    raw = f"https://www.linkedin.com/in/{slug}"
    encoded = f"https://www.linkedin.com/in/{quote(slug, safe='')}"
    assert profile_slug(raw) == profile_slug(encoded)
    assert profile_slug(f"www.linkedin.com/in/{slug}/") == profile_slug(raw)


@given(st.text(slug_chars, min_size=1, max_size=30))
def test_person_id_is_stable_and_fixed_width(slug: str) -> None:
    pid = person_id_from_slug(slug)
    assert len(pid) == 16
    assert pid == person_id_from_slug(slug.upper()) or slug.upper().casefold() != slug.casefold()
