"""Company names, normalised once for every feature that compares them.

The per-company cap of the reach-out plan, former-colleague detection,
``who_at`` and the graph all call :func:`normalize_company`, so that
"Acme Inc.", "ACME" and "Acme, Inc" meet. :func:`is_placeholder` tells a
real employer from what people type when they have none to name
("Self-employed", "Stealth Startup", "Open to work"): such a name is never
written into a sentence as if it were a workplace.

Examples
--------
>>> normalize_company("Acme Inc.") == normalize_company("ACME") == "acme"
True
>>> normalize_company("Example Labs GmbH & Co. KG")
'example labs'
>>> normalize_company("null") is None
True
>>> is_placeholder("Stealth Startup"), is_placeholder("Stealth Labs")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl

from tiekeeper.keys import map_unique

__all__ = [
    "LEGAL_SUFFIXES",
    "PLACEHOLDER_COMPANIES",
    "is_placeholder",
    "is_placeholder_series",
    "normalize_company",
    "normalize_company_series",
]

#: Legal-form words removed from the end of a company name (case-folded).
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    """inc incorporated corp corporation co company ltd limited llc llp lp plc gmbh ag kg
    sa sas sarl srl spa bv nv oy ab as asa aps pty pvt private pte se kk oyj sl slu""".split()
)

#: What people type in the company field when there is no employer to name: no
#: job, their own freelance work, a company they may not name, or a status line.
#: Compared after :func:`placeholder_key` (case-folded, punctuation to spaces), so
#: "Self-Employed", "self employed" and "SELF EMPLOYED." are one entry; an empty
#: key ("-", "--", "...") is a placeholder too. Such a name is no workplace: an
#: opener never says "what are you working on at Self-employed".
PLACEHOLDER_COMPANIES: frozenset[str] = frozenset(
    {
        # nothing to name
        "n a", "na", "none", "null", "nil", "not applicable", "unknown", "various",
        "multiple", "tbd", "tba", "xxx",
        # may not be named
        "confidential", "confidential company", "undisclosed", "undisclosed company",
        "private", "private company", "stealth", "stealth startup", "stealth start up",
        "stealth mode", "stealth mode startup", "stealth company",
        # working for themselves
        "self", "self employed", "selfemployed", "self employment", "freelance",
        "freelancer", "freelancing", "freelance consultant", "independent",
        "independent consultant", "independent contractor", "contractor", "consultant",
        "own business", "my own business", "own company", "my own company", "entrepreneur",
        "autonomo", "autónomo", "independiente", "indépendant", "independant",
        "auto entrepreneur", "freiberufler", "freiberuflich", "selbstständig",
        "selbständig", "selbststandig", "autônomo",
        # between or after jobs
        "retired", "unemployed", "between jobs", "career break", "sabbatical", "student",
        "homemaker", "looking for opportunities", "looking for new opportunities",
        "looking for work", "looking for a job", "looking for job", "job seeker",
        "seeking opportunities", "seeking new opportunities", "seeking employment",
        "open to work", "open to opportunities", "open for opportunities",
        "open to new opportunities", "actively looking", "opentowork",
    }
)  # fmt: skip

_KEY_SEP = re.compile(r"[\W_]+", re.UNICODE)
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
        A company name as the export spells it.

    Returns
    -------
    str or None
        The key (equal for two spellings of one company), or ``None`` for a
        missing name or a placeholder.

    Examples
    --------
    >>> normalize_company("  The Example Company, LLC ")
    'example'
    >>> normalize_company("AT&T")
    'at&t'
    >>> normalize_company("NIMBLEFORD ANALYTICS, Inc.") == normalize_company("Nimbleford Analytics")
    True
    >>> normalize_company("Self-employed") is None
    True
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

    Parameters
    ----------
    s : polars.Series
        Company names (strings, nulls allowed).

    Returns
    -------
    polars.Series
        The normalised names, null where ``s`` is null, with the name of ``s``.

    Examples
    --------
    >>> normalize_company_series(pl.Series("c", ["Acme Inc.", "ACME", None])).to_list()
    ['acme', 'acme', None]
    """
    return map_unique(s, normalize_company)


def placeholder_key(name: str) -> str:
    """The form :data:`PLACEHOLDER_COMPANIES` is written in: NFKC, case-folded, words only.

    Examples
    --------
    >>> placeholder_key("  Self-Employed. ")
    'self employed'
    >>> placeholder_key("--")
    ''
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return _KEY_SEP.sub(" ", folded).strip()


def is_placeholder(name: str | None) -> bool:
    """Whether a company name stands for no employer (see :data:`PLACEHOLDER_COMPANIES`).

    ``None`` and blank names are placeholders: there is no company to name.
    Real names that merely contain such a word stay real ("Stealth Labs",
    "The Independent").

    Parameters
    ----------
    name : str or None
        A company name as written in the export.

    Returns
    -------
    bool
        True when the name stands for no employer.

    Examples
    --------
    >>> [is_placeholder(n) for n in ("Confidential", "N/A", "-", "Open to Work", None)]
    [True, True, True, True, True]
    >>> [is_placeholder(n) for n in ("Acme Inc.", "Freelancer Labs", "The Independent")]
    [False, False, False]
    """
    if name is None:
        return True
    return placeholder_key(name) in PLACEHOLDER_COMPANIES or not placeholder_key(name)


def is_placeholder_series(s: pl.Series) -> pl.Series:
    """Vectorised :func:`is_placeholder`: the scalar rule over the *unique* names only.

    Parameters
    ----------
    s : polars.Series
        Company names (strings, nulls allowed).

    Returns
    -------
    polars.Series
        Booleans, True for placeholders and nulls, with the name of ``s``.

    Examples
    --------
    >>> is_placeholder_series(pl.Series("c", ["Acme", "Self Employed", None, "Acme"])).to_list()
    [False, True, True, False]
    """
    uniq = s.drop_nulls().unique()
    flags = [is_placeholder(v) for v in uniq.to_list()]
    out = s.replace_strict(uniq, pl.Series(flags, dtype=pl.Boolean), default=True)
    return out.fill_null(True).alias(s.name)
