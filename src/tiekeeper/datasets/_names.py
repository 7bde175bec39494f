"""Invented people: names, credentials, profile slugs and e-mail addresses.

Slugs follow LinkedIn's shapes: ``first-last-1a2b3c4d`` (most), a bare
vanity ``first-last``, or one with digits. Names with letters outside ASCII
keep them in the slug about half of the time (the Connections file then
percent-encodes the slug while the other files keep raw Unicode).

Examples
--------
>>> ascii_fold("Łukasz Østerlund")
'Lukasz Osterlund'
>>> slugify("Zoë", "Brindlevale, PhD", keep_unicode=True, with_credential=True)
'zoë-brindlevale-phd'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from tiekeeper.datasets import _vocab as V

__all__ = ["Person", "ascii_fold", "make_people", "make_slug_suffix", "slugify"]

_FOLD = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ß": "ss", "ı": "i", "đ": "d"}
)
_NON_SLUG = re.compile(r"[^\w]+", re.UNICODE)

#: A name in the mathematical alphabet and one with an emoji: both occur in real slugs.
_MATH_LAST = "𝕊𝕥𝕒𝕣𝕗𝕠𝕣𝕕"
_EMOJI_LAST = "Quillbrook 🚀"


def ascii_fold(text: str) -> str:
    """Drop accents and fold letters such as ``ø`` and ``ł`` to ASCII."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return (
        "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def slugify(first: str, last: str, *, keep_unicode: bool, with_credential: bool) -> str:
    """The slug part built from a name (before any random suffix)."""
    if not with_credential:
        last = last.split(",")[0]
        last = re.sub(r"\s+(LL\.B|Prof\.).*$", "", last)
    text = f"{first.strip()} {last.strip()}"
    if not keep_unicode:
        text = ascii_fold(text)
    text = _NON_SLUG.sub("-", text.lower()).replace("_", "-")
    return re.sub(r"-+", "-", text).strip("-") or "member"


def make_slug_suffix(rng: np.random.Generator) -> str:
    """A random slug suffix: 8 hex digits (80 %), 6–9 digits (10 %) or none (10 %)."""
    u = rng.random()
    if u < 0.8:
        return "-" + format(int(rng.integers(0, 2**32)), "08x")
    if u < 0.9:
        return "-" + str(int(rng.integers(100_000, 999_999_999)))
    return ""


@dataclass(frozen=True)
class Person:
    """One invented member: raw Connections names, display name and slug."""

    first_raw: str
    last_raw: str
    first: str
    name: str
    slug: str
    email_local: str


def _pick(rng: np.random.Generator, items: tuple[str, ...]) -> str:
    return items[int(rng.integers(0, len(items)))]


def make_people(rng: np.random.Generator, n: int, *, taken: set[str]) -> list[Person]:
    """Invent ``n`` people with unique slugs (``taken`` holds slugs already used).

    A few percent carry credentials after a comma, trailing spaces or letters
    outside ASCII; when ``n >= 50`` one person has a mathematical-alphabet
    surname and one an emoji, and two different people share a name.
    """
    out: list[Person] = []
    for i in range(n):
        first = _pick(rng, V.FIRST_NAMES_UNICODE) if rng.random() < 0.05 else None
        first = first or _pick(rng, V.FIRST_NAMES)
        if rng.random() < 0.04:
            last = _pick(rng, V.LAST_UNICODE)
        else:
            last = _pick(rng, V.LAST_PREFIXES) + _pick(rng, V.LAST_SUFFIXES)
        if n >= 50 and i == 7:
            last = _MATH_LAST
        if n >= 50 and i == 11:
            last = _EMOJI_LAST
        credential = _pick(rng, V.CREDENTIALS) if rng.random() < 0.035 else ""
        last_raw = last + credential
        first_raw = first + (" " if rng.random() < 0.02 else "")
        if rng.random() < 0.01:
            last_raw += " "
        if n >= 50 and i == 13:
            # Names are not unique: a second, different person named like the first one.
            first, last, credential = out[0].first, out[0].last_raw.strip(), ""
            first_raw, last_raw = first, last
        name = f"{first} {last_raw.strip()}"
        keep_unicode = rng.random() < 0.55 or last in (_MATH_LAST, _EMOJI_LAST)
        base = slugify(
            first,
            last_raw,
            keep_unicode=keep_unicode,
            with_credential=bool(credential) and rng.random() < 0.5,
        )
        if last == _EMOJI_LAST:
            base += "-🚀"
        slug = base + make_slug_suffix(rng)
        while slug in taken:
            slug = base + "-" + format(int(rng.integers(0, 2**32)), "08x")
        taken.add(slug)
        local = re.sub(r"[^a-z0-9]+", ".", ascii_fold(f"{first} {last}").lower()).strip(".")
        out.append(Person(first_raw, last_raw, first, name, slug, local or "member"))
    return out
