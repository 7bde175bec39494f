"""Join keys for people: profile URLs, names and the stable ``person_id``.

LinkedIn writes one member's profile URL in several shapes across the files of
one export: percent-encoded in Connections, raw Unicode in messages, without a
scheme in endorsements, and as a ``urn:li:member:`` in 2023 invitations. These
functions bring every shape to one canonical form so that people join across
files. Normalisation uses NFC, never NFKC, which would fold ``𝕖`` into ``e``.

Examples
--------
>>> normalize_profile_url("www.linkedin.com/in/J%C3%BCrgen-Demo-1a2b/?trk=x")
'https://www.linkedin.com/in/jürgen-demo-1a2b'
>>> profile_slug("https://www.linkedin.com/in/ada-example/")
'ada-example'
>>> person_id_from_slug("ada-example") == person_id_from_slug("Ada-Example")
True
>>> normalize_name("  Jürgen   Demo ")
'Jürgen Demo'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from urllib.parse import unquote

import polars as pl

__all__ = [
    "LINKEDIN_MEMBER",
    "FastPath",
    "ascii_lower_fast",
    "canonical_url_fast",
    "fold_accents",
    "is_linkedin_member",
    "linkedin_member_fast",
    "map_unique",
    "name_key",
    "name_key_fast",
    "normalize_name",
    "normalize_name_fast",
    "normalize_profile_url",
    "person_id_from_name",
    "person_id_from_slug",
    "profile_slug",
]

#: The display name LinkedIn uses for anonymised, closed or out-of-network
#: accounts. It stands for many different people and is never keyed.
LINKEDIN_MEMBER = "LinkedIn Member"

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_WS = re.compile(r"\s+")


def normalize_profile_url(url: str | None) -> str | None:
    """Return the canonical ``https://www.linkedin.com/in/<slug>`` form of a URL.

    Strips the scheme and ``www.``, lower-cases the host and the slug,
    percent-decodes the path as UTF-8, normalises to NFC, and drops any query,
    fragment and trailing slash. Non-profile URLs are returned cleaned but
    otherwise unchanged; ``urn:li:member:<digits>`` is kept as it is, since
    it cannot be turned into a slug. Empty input gives ``None``.

    Parameters
    ----------
    url : str or None
        A URL as found in any export file.

    Returns
    -------
    str or None

    Examples
    --------
    >>> normalize_profile_url("http://linkedin.com/in/Bob-Sample/")
    'https://www.linkedin.com/in/bob-sample'
    >>> normalize_profile_url("urn:li:member:123")
    'urn:li:member:123'
    >>> normalize_profile_url("  ") is None
    True
    """
    if url is None:
        return None
    u = url.strip()
    if not u:
        return None
    if u.lower().startswith("urn:li:"):
        return u
    u = _SCHEME.sub("", u)
    u = u.split("#", 1)[0].split("?", 1)[0]
    host, _, path = u.partition("/")
    host = host.lower()
    if host.startswith("www."):
        host = host[4:]
    path = unicodedata.normalize("NFC", unquote(path, encoding="utf-8", errors="replace"))
    path = path.rstrip("/")
    if host.endswith("linkedin.com") and path.lower().startswith("in/"):
        return "https://www.linkedin.com/in/" + path[3:].casefold()
    return f"https://{host}/{path}" if path else f"https://{host}"


def profile_slug(url: str | None) -> str | None:
    """Return the case-folded slug after ``/in/``, or ``None``.

    Examples
    --------
    >>> profile_slug("https://www.linkedin.com/in/j%C3%BCrgen-demo")
    'jürgen-demo'
    >>> profile_slug("urn:li:member:5") is None
    True
    """
    n = normalize_profile_url(url)
    if n is None or not n.startswith("https://www.linkedin.com/in/"):
        return None
    slug = n[len("https://www.linkedin.com/in/") :].split("/", 1)[0]
    return slug or None


def normalize_name(name: str | None) -> str | None:
    """Trim a display name, collapse inner white space and normalise to NFC.

    The raw value is kept elsewhere; this is for display and joining.

    Examples
    --------
    >>> normalize_name("Carol  Test, Ph.D. ")
    'Carol Test, Ph.D.'
    >>> normalize_name("") is None
    True
    """
    if name is None:
        return None
    n = _WS.sub(" ", unicodedata.normalize("NFC", name)).strip()
    return n or None


def name_key(name: str | None) -> str | None:
    """Return the case-folded join key of a name, or ``None`` for no name.

    ``LinkedIn Member`` has no key: it is many different people.

    Examples
    --------
    >>> name_key("Ada  EXAMPLE")
    'ada example'
    >>> name_key("LinkedIn Member") is None
    True
    """
    n = normalize_name(name)
    if n is None or is_linkedin_member(n):
        return None
    return n.casefold()


#: Letters that carry no combining mark in Unicode but that people type without
#: the accent: "Søren" is written "Soren", "Łukasz" "Lukasz".
_FOLD_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
)


def fold_accents(text: str) -> str:
    """Case-fold ``text`` and drop its accents, for loose *matching* only.

    Never a join key: "José" and "Jose" may be two people, and ``person_id``
    keeps them apart. Searches (a person's name on the command line, a company
    in ``who_at``) compare folded text so that a user who types without accents
    still finds them.

    Examples
    --------
    >>> fold_accents("Cas Çelikdale"), fold_accents("Søren STRAßE"), fold_accents("Ægir")
    ('cas celikdale', 'soren strasse', 'aegir')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", plain.translate(_FOLD_LETTERS))


def is_linkedin_member(name: str | None) -> bool:
    """Whether a display name is LinkedIn's anonymous ``LinkedIn Member``.

    Examples
    --------
    >>> is_linkedin_member(" LinkedIn Member")
    True
    """
    return name is not None and name.strip().casefold() == LINKEDIN_MEMBER.casefold()


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def person_id_from_slug(slug: str) -> str:
    """The stable ``person_id`` of a member known by profile slug.

    It is a 16-hex-digit digest of the case-folded slug, so it is the same
    across runs, row orders and re-exports.

    Examples
    --------
    >>> len(person_id_from_slug("ada-example"))
    16
    """
    return _digest("in:" + unicodedata.normalize("NFC", slug).casefold())


def person_id_from_name(name: str) -> str:
    """The stable ``person_id`` of a person known only by name.

    Examples
    --------
    >>> person_id_from_name("Ada Example") == person_id_from_name(" ada  example")
    True
    """
    key = name_key(name)
    if key is None:
        raise ValueError(f"{name!r} cannot be keyed as a person")
    return _digest("name:" + key)


#: A vectorised shortcut for :func:`map_unique`: given the unique values, it
#: returns a mask of the values it handled and their results (null where not handled).
FastPath = Callable[[pl.Series], tuple[pl.Series, pl.Series]]

_CANON_URL = r"https://www\.linkedin\.com/in/[a-z0-9._-]+"


def map_unique(
    values: pl.Series | Iterable[str | None],
    fn: Callable[[str], str | None],
    *,
    name: str | None = None,
    fast: FastPath | None = None,
) -> pl.Series:
    """Apply a scalar string function to the *unique* values of a column.

    Export columns repeat the same few thousand URLs or names over a million
    rows; mapping only the unique values keeps normalisation out of the
    per-row Python path.

    Parameters
    ----------
    values : Series or iterable of str
        The column to map.
    fn : callable
        The scalar function; it defines the result.
    name : str, optional
        The name of the result (default: the name of ``values``).
    fast : callable, optional
        A vectorised shortcut that must agree with ``fn`` on the values it
        handles (see :func:`canonical_url_fast`); ``fn`` maps the rest.

    Examples
    --------
    >>> map_unique(pl.Series(["A", "A", None]), str.lower).to_list()
    ['a', 'a', None]
    >>> map_unique(pl.Series(["Ab", "É"]), str.lower, fast=ascii_lower_fast).to_list()
    ['ab', 'é']
    """
    s = values if isinstance(values, pl.Series) else pl.Series(list(values), dtype=pl.String)
    s = s.cast(pl.String)
    uniq = s.drop_nulls().unique(maintain_order=True)  # faster than unordered here
    if fast is None:
        mapped = {v: fn(v) for v in uniq.to_list()}
        return s.replace_strict(mapped, default=None, return_dtype=pl.String).alias(name or s.name)
    done, result = fast(uniq)
    rest = uniq.filter(~done)
    keys = pl.concat([uniq.filter(done), rest])
    vals = pl.concat(
        [result.filter(done).cast(pl.String), pl.Series([fn(v) for v in rest], dtype=pl.String)]
    )
    out = s.replace_strict(keys, vals, default=None, return_dtype=pl.String)
    return out.alias(name or s.name)


def canonical_url_fast(uniq: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Fast path of :func:`normalize_profile_url` for URLs already canonical.

    ``https://www.linkedin.com/in/<slug>`` with a lower-case ASCII slug of
    ``[a-z0-9._-]`` is its own normal form; everything else is left to the
    scalar function.

    Examples
    --------
    >>> done, out = canonical_url_fast(pl.Series(["https://www.linkedin.com/in/ada", "x"]))
    >>> done.to_list(), out.to_list()
    ([True, False], ['https://www.linkedin.com/in/ada', None])
    """
    done = uniq.str.contains(f"^{_CANON_URL}$").fill_null(False)
    return done, uniq.set(~done, None)


def _plain_ascii(uniq: pl.Series) -> pl.Series:
    """Printable ASCII with single inner spaces and no edge spaces: its own normal name."""
    return uniq.str.contains(r"^[!-~]+(?: [!-~]+)*$").fill_null(False)


def normalize_name_fast(uniq: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Fast path of :func:`normalize_name`: plain ASCII names are already normal.

    Examples
    --------
    >>> done, out = normalize_name_fast(pl.Series(["Ada Example", " Ada", "Zoë"]))
    >>> done.to_list()
    [True, False, False]
    """
    done = _plain_ascii(uniq)
    return done, uniq.set(~done, None)


def ascii_lower_fast(uniq: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Fast path of ``str.lower``/``str.casefold`` for ASCII values.

    Examples
    --------
    >>> ascii_lower_fast(pl.Series(["AB", "ß"]))[0].to_list()
    [True, False]
    """
    done = uniq.str.contains(r"^[\x00-\x7f]*$").fill_null(False)
    return done, uniq.str.to_lowercase().set(~done, None)


def name_key_fast(uniq: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Fast path of :func:`name_key`: plain ASCII names key to their lower case.

    Examples
    --------
    >>> done, out = name_key_fast(pl.Series(["Ada EXAMPLE", "LinkedIn Member", "Zoë"]))
    >>> done.to_list(), out.to_list()
    ([True, True, False], ['ada example', None, None])
    """
    done = _plain_ascii(uniq)
    low = uniq.str.to_lowercase()
    return done, low.set(~done | (low == LINKEDIN_MEMBER.lower()), None)


def linkedin_member_fast(uniq: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Fast path of ``"1" if is_linkedin_member(v) else None`` for plain ASCII values.

    Examples
    --------
    >>> linkedin_member_fast(pl.Series(["LinkedIn Member", "Ada"]))[1].to_list()
    ['1', None]
    """
    done = _plain_ascii(uniq)
    hit = uniq.str.to_lowercase() == LINKEDIN_MEMBER.lower()
    return done, pl.Series(["1"] * len(uniq), dtype=pl.String).set(~(done & hit), None)
