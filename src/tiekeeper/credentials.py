"""Credentials, degrees, post-nominals and initials: name fragments that are never a person.

LinkedIn display names carry credentials after a comma ("Priya Nair, MBA, PMP",
"Tom Okafor, ACIPM,ASM"), and recipient lists in messages join names with a
bare ``,`` (reference §4.2). Splitting such a list on every bare comma makes
phantom people called "ASM" or "PMP" and cuts the real name short. This module
is the one place that says what such a fragment is:

* a word of :data:`CREDENTIALS` (degrees, professional post-nominals, honours,
  generational suffixes), compared without dots, case-insensitively;
* an acronym: 2–8 capital letters, optionally with dots, ``&`` or digits
  ("ACIPM", "FCCA", "C.P.A.", "PRINCE2"): post-nominals are almost always
  written in capitals. Some people write their whole name in capitals, so a
  fragment of several such words ("JOHN SMITH") counts only when one of its
  words is a listed credential ("FICS (UK)");
* an initial: one letter, optionally followed by a dot ("A.", "J");
* a parenthesised qualifier ("(UK)", "(Hons)").

A fragment is *only* credentials when every word of it is one of these.
:func:`is_credential_fragment` answers that for one string and
:func:`credential_fragments` for a polars Series (vectorised).

Examples
--------
>>> [is_credential_fragment(s) for s in ("ASM", "MBA, PMP", "Ph.D.", "A.", "MSc (SE).")]
[True, True, True, True, True]
>>> [is_credential_fragment(s) for s in ("Bob Sample", "Ana", "Li Wu", "")]
[False, False, False, False]
"""

from __future__ import annotations

import re

import polars as pl

__all__ = [
    "CREDENTIALS",
    "LABELLED_FRAGMENTS",
    "LABELLED_NAMES",
    "credential_fragments",
    "is_credential_fragment",
]

#: Degrees, professional post-nominals, honours and generational suffixes,
#: (not "MA", "Ing", "Mag" or "Lic": they are also people's names, e.g. a "Ma"
#: in a recipient list; in capitals the acronym rule still takes "MA")
#: upper-cased and without dots. Only mixed-case ones need listing (``PhD``,
#: ``MSc``, ``BEng``), plus the all-capital ones shorter than two letters or
#: longer than seven; any other run of 2–7 capitals is an acronym anyway. The
#: list is still explicit for the common ones so that a reader sees what is
#: meant, and because lower-case spellings ("mba") occur.
CREDENTIALS: frozenset[str] = frozenset(
    {
        # degrees
        "BA", "BSC", "BS", "BENG", "BTECH", "BCOM", "BBA", "BED", "BFA", "BPHARM", "LLB",
        "MSC", "MS", "MENG", "MTECH", "MCOM", "MBA", "EMBA", "MPHIL", "MRES", "MFA",
        "MPH", "MPA", "MED", "LLM", "PHD", "DPHIL", "DBA", "EDD", "MD", "DDS", "JD", "PHARMD",
        "DSC", "HND", "HNC", "BSCHONS", "HONS", "PGDIP", "PGCERT", "PGCE", "DIPL", "DIPLING",
        "BACHELOR", "MASTER", "MASTERS",
        # professional post-nominals and certifications
        "CPA", "CA", "ACA", "FCA", "ACCA", "FCCA", "CIMA", "ACMA", "CGMA", "CFA", "CFP", "CMA",
        "CIA", "CISA", "CISM", "CISSP", "CEH", "OSCP", "PMP", "PRINCE2", "CSM", "CSPO", "SAFE",
        "ASM", "ACIPM", "CIPD", "MCIPD", "FCIPD", "ASSOCCIPD", "CHRP", "SHRM", "SPHR", "PHR",
        "MCIPS", "CIPS", "CENG", "IENG", "MIET", "MIMECHE", "MICE", "PE", "PENG", "FRICS",
        "MRICS", "RA", "RN", "LCSW", "FICS", "FRSA", "FHEA", "SFHEA", "MCMI", "CMGR", "ITIL",
        "AWS", "CCNA", "CCNP", "MCSE", "RHCE", "CKA", "SSGB", "SSBB", "LSSGB", "LSSBB",
        "CQF", "FRM", "CAIA", "ACII", "FCII", "CPCU", "CLU", "CHFC", "AAPC", "CPC", "ESQ",
        # honours and generational suffixes
        "OBE", "MBE", "CBE", "KBE", "DBE", "JR", "SR", "II", "III", "IV",
    }
)  # fmt: skip
#: Credentials that can hold four lower-case letters in a row (see credential_fragments).
_MIXED = "(?i)" + "|".join(sorted(c.lower() for c in CREDENTIALS if len(c) >= 4))

_WORD = re.compile(r"[^\s,/|;]+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,7}$|^[A-Z][A-Z0-9&]{1,7}$")
_INITIAL = re.compile(r"^\w\.?$")
_PAREN = re.compile(r"^\(.*\)\.?$")
_EDGE = ".,;:()[]'\"-–—"


def _is_credential_word(word: str) -> bool:
    if _PAREN.match(word) or _INITIAL.match(word):
        return True
    bare = word.strip(_EDGE)
    if not bare:
        return True  # lone punctuation between credentials
    if _ACRONYM.match(bare) and any(c.isalpha() for c in bare):
        return True
    return _listed(bare)


def _listed(word: str) -> bool:
    return word.strip(_EDGE).replace(".", "").replace("-", "").upper() in CREDENTIALS


def is_credential_fragment(text: str | None) -> bool:
    """Whether ``text`` holds only credentials, degrees, post-nominals or initials.

    Parameters
    ----------
    text : str or None
        A piece of a display name, e.g. what follows a comma.

    Returns
    -------
    bool
        ``False`` for an empty or missing value.

    Examples
    --------
    >>> is_credential_fragment("FICS (UK), MSc (SE).")
    True
    >>> is_credential_fragment("Dr. Maria Costa")
    False
    """
    if text is None:
        return False
    words = [w for w in _WORD.findall(text) if any(c.isalnum() for c in w)]
    if not words or not all(_is_credential_word(w) for w in words):
        return False
    # Several capitalised words ("JOHN SMITH") are a name in capitals unless one
    # of them is a listed credential ("FICS (UK)", "CFA, FRM").
    return len(words) == 1 or any(_listed(w) for w in words)


def credential_fragments(values: pl.Series) -> pl.Series:
    """:func:`is_credential_fragment` for every value of a Series (nulls are False).

    The test runs once per distinct value.

    Examples
    --------
    >>> credential_fragments(pl.Series(["PMP", "Ada", None, "PMP"])).to_list()
    [True, False, False, True]
    """
    uniq = values.drop_nulls().unique(maintain_order=True)
    # A run of four lower-case letters is a word of a name ("Sample"), unless it
    # is part of a listed mixed-case credential; only the rest is checked in Python.
    maybe = ~uniq.str.contains(r"\p{Ll}{4}") | uniq.str.contains(_MIXED)
    check = uniq.filter(maybe)
    flags = [is_credential_fragment(v) for v in check.to_list()]
    out = values.replace_strict(check, flags, default=False, return_dtype=pl.Boolean)
    return out.fill_null(False).alias(values.name)


#: Labelled examples: display names (and list items) that must stay whole and
#: are a person's name. Tests check each; add real-looking cases here.
LABELLED_NAMES: tuple[str, ...] = (
    "Bob Sample",
    "Ana",
    "Li Wu",
    "Jo Ng",
    "Dr. Maria Costa",
    "A. Kumar",
    "Priya Nair, MBA, PMP",
    "Tom Okafor, ACIPM,ASM",
    "María José Pérez",
    "Ōkubo Ren",
    "Anne-Marie O'Neil",
    "Mo Salah",
    "Ed Ma",
    "Al Jones",
    "Cassandra van der Berg",
)

#: Labelled examples: fragments that must never stand alone as a person.
LABELLED_FRAGMENTS: tuple[str, ...] = (
    "MBA",
    "PhD",
    "Ph.D.",
    "ASM",
    "ACA",
    "BSc",
    "MSc",
    "HND",
    "CPA",
    "PMP",
    "A.",
    "J",
    "MBA, PMP",
    "ACIPM",
    "FICS (UK)",
    "MSc (SE).",
    "B.Sc. (Hons)",
    "CIPD",
    "Jr.",
    "III",
    "M.B.A.",
    "CFA, FRM",
    "Dipl.-Ing.",
    "PRINCE2",
    "mba",
    "phd",
)
