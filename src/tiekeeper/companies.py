"""Company names, normalised once for every feature that compares them.

The per-company cap of the reach-out plan, former-colleague detection,
``who_at`` and the graph all call :func:`normalize_company`, so that
"Acme Inc.", "ACME" and "Acme, Inc" meet.

Examples
--------
>>> normalize_company("Acme Inc.") == normalize_company("ACME") == "acme"
True
>>> normalize_company("Example Labs GmbH & Co. KG")
'example labs'
>>> normalize_company("null") is None
True
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl

from tiekeeper.keys import map_unique

__all__ = ["LEGAL_SUFFIXES", "normalize_company", "normalize_company_series"]

#: Legal-form words removed from the end of a company name (case-folded).
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    """inc incorporated corp corporation co company ltd limited llc llp lp plc gmbh ag kg
    sa sas sarl srl spa bv nv oy ab as asa aps pty pvt private pte se kk oyj sl slu""".split()
)

_PUNCT = re.compile(r"[^\w\s&+]", re.UNICODE)
_WS = re.compile(r"\s+")
_NULLS = frozenset({"", "null", "none", "n/a", "na", "-", "self-employed", "self employed"})


def normalize_company(name: str | None) -> str | None:
    """Return the comparison key of a company name, or ``None`` if there is none.

    Case-folds, normalises to NFKC (company names are typed, not slugs),
    removes punctuation, a leading "the", trailing legal suffixes
    (``Inc.``, ``GmbH & Co. KG``, ``Pvt Ltd`` …) and collapses white space.
    Placeholders such as ``null``, ``N/A`` and ``Self-employed`` give ``None``.

    Parameters
    ----------
    name : str or None

    Returns
    -------
    str or None

    Examples
    --------
    >>> normalize_company("  The Example Company, LLC ")
    'example'
    >>> normalize_company("AT&T")
    'at&t'
    """
    if name is None:
        return None
    s = unicodedata.normalize("NFKC", name).casefold().strip()
    if s in _NULLS:
        return None
    s = _PUNCT.sub(" ", s)
    words = _WS.sub(" ", s).strip().split(" ")
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and (words[-1] in LEGAL_SUFFIXES or words[-1] in {"&", "+"}):
        words.pop()
    out = " ".join(w for w in words if w)
    return out or None


def normalize_company_series(s: pl.Series) -> pl.Series:
    """Vectorised :func:`normalize_company` over a polars string Series.

    Examples
    --------
    >>> normalize_company_series(pl.Series("c", ["Acme Inc.", "ACME", None])).to_list()
    ['acme', 'acme', None]
    """
    return map_unique(s, normalize_company)
