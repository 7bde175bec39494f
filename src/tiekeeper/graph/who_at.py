"""``who_at``: whom do I know at a company, and how well?

A company is found loosely. Both the query and each contact's current company
(``Connected``'s ``Company`` at export time) are folded (case and accents,
with :func:`tiekeeper.keys.fold_accents`) and brought to their
:func:`tiekeeper.companies.normalize_company` key, so "Acme Inc.", "ACME",
"Acme, Inc" and "Açme" are one company. The folding is for matching only:
``normalize_company`` itself keeps accents. The query matches a company when
it is

* a prefix of the company's key: "nimble" finds "Nimbleford Analytics";
* or whole words of it: "analytics" finds "Nimbleford Analytics".

Several companies may match ("thistledown": "Thistledown Energy" and
"Thistledown Talent Partners"); all are returned, grouped by company: the
company the query names exactly first, then the others by the number of
people, then by name. :func:`company_groups` splits the frame by company.
Placeholder employers ("Self-employed", "Stealth") are never a company: a
query naming one is refused and a contact working at one never matches.

When nothing matches, :func:`find_company` suggests the closest company
names, and :func:`who_at` warns with them.

Examples
--------
>>> import tiekeeper
>>> export = tiekeeper.load_export()
>>> found = find_company(export, "nimbleford")
>>> found.companies, found.frame.height
(('Nimbleford Analytics',), 16)
>>> find_company(export, "Nimblefrod Analytcs").suggestions
('Nimbleford Analytics',)
>>> tiekeeper.who_at(export, "N/A")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
tiekeeper.errors.ParameterError: company='N/A' is not a company name (it normalises to ...
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from tiekeeper.companies import is_placeholder, normalize_company
from tiekeeper.errors import ParameterError, TiekeeperWarning
from tiekeeper.graph.build import resolve_scores
from tiekeeper.keys import fold_accents, map_unique
from tiekeeper.schema import polars_schema

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from tiekeeper.asof import AsOf
    from tiekeeper.history import History
    from tiekeeper.io import Export
    from tiekeeper.scoring.params import ScoringParams

__all__ = [
    "CompanyMatch",
    "closest_companies",
    "company_groups",
    "find_company",
    "match_key",
    "matching_keys",
    "no_match_message",
    "who_at",
]

#: At most this many close company names are suggested.
MAX_SUGGESTIONS = 5
#: How alike (difflib ratio) a name must be to the query to be suggested.
SUGGEST_CUTOFF = 0.7


def match_key(name: str | None) -> str | None:
    """The key companies are matched on: case- and accent-folded, then normalised.

    ``None`` for no name and for a placeholder ("Self-employed", "N/A").

    Examples
    --------
    >>> match_key("Nimbleford Analytics, Inc."), match_key("ÇELIK Yapı AŞ")
    ('nimbleford analytics', 'celik yapi')
    >>> match_key("Self-employed") is None, match_key(None) is None
    (True, True)
    """
    if name is None or is_placeholder(name):
        return None
    return normalize_company(fold_accents(name))


def matching_keys(keys: Iterable[str], query: str) -> list[str]:
    """The keys ``query`` (a :func:`match_key`) matches: a prefix, or whole words.

    Examples
    --------
    >>> keys = ["nimbleford analytics", "corvane analytics", "acme", "acme labs", "acmeco"]
    >>> matching_keys(keys, "nimble"), matching_keys(keys, "analytics")
    (['nimbleford analytics'], ['nimbleford analytics', 'corvane analytics'])
    >>> matching_keys(keys, "acme"), matching_keys(keys, "labs"), matching_keys(keys, "lab")
    (['acme', 'acme labs', 'acmeco'], ['acme labs'], [])
    """
    words = f" {query} "
    return [k for k in keys if k.startswith(query) or words in f" {k} "]


@dataclass(frozen=True)
class CompanyMatch:
    """What :func:`find_company` found for a query.

    Attributes
    ----------
    query : str
        The company name asked for.
    frame : polars.DataFrame
        Schema ``who_at``: the contacts at every matching company, grouped by
        company (see the module docstring for the order), strongest first within
        each company. Empty when nothing matches.
    companies : tuple of str
        The companies that matched, in the order of ``frame``; each named by
        its most common spelling ("Nimbleford Analytics").
    suggestions : tuple of str
        When nothing matched, up to five company names close to the query.
    exact : bool
        Whether the query names the one matching company exactly (up to case,
        accents and legal suffix).
    """

    query: str
    frame: pl.DataFrame
    companies: tuple[str, ...]
    suggestions: tuple[str, ...] = ()
    exact: bool = False


def _labels(frame: pl.DataFrame, key: str = "_key") -> pl.DataFrame:
    """One row per key: its most common spelling (ties: alphabetical) and head count."""
    return (
        frame.group_by(key, "company")
        .len()
        .sort([key, "len", "company"], descending=[False, True, False])
        .group_by(key, maintain_order=True)
        .agg(pl.col("company").first(), pl.col("len").sum().alias("people"))
    )


def closest_companies(companies: pl.Series, query: str, n: int = MAX_SUGGESTIONS) -> list[str]:
    """Up to ``n`` company names of ``companies`` that look most like ``query``.

    Each company's :func:`match_key` is compared (difflib) as a whole, by its
    start and word by word, so a typo in one word of a long name still finds it.

    Examples
    --------
    >>> names = pl.Series(["Nimbleford Analytics", "NIMBLEFORD ANALYTICS, Inc.",
    ...                    "Nimbleford Analytics", "Corvane Analytics"])
    >>> closest_companies(names, "Nimblefrod"), closest_companies(names, "Zzyzx")
    (['Nimbleford Analytics'], [])
    """
    q = match_key(query)
    if not q:
        return []
    frame = pl.DataFrame({"company": companies.cast(pl.String)}).with_columns(
        _key=map_unique(companies.cast(pl.String), match_key)
    )
    labels = _labels(frame.drop_nulls("_key"))
    ranked: list[tuple[float, int, str]] = []
    for key, label, people in labels.iter_rows():
        parts = {key, key[: len(q)], *key.split(" ")}
        score = max(difflib.SequenceMatcher(None, q, p).ratio() for p in parts)
        if score >= SUGGEST_CUTOFF:
            ranked.append((-score, -people, label))
    return [label for _, _, label in sorted(ranked)[:n]]


def no_match_message(query: str, suggestions: Iterable[str]) -> str:
    """The sentence for a company that matches nobody, with the close names if any.

    Examples
    --------
    >>> no_match_message("Nimblefrod", ["Nimbleford Analytics"])
    "No one at 'Nimblefrod' in this export; did you mean 'Nimbleford Analytics'?"
    >>> no_match_message("Zzyzx", [])
    "No one at 'Zzyzx' in this export."
    """
    close = [repr(s) for s in suggestions]
    if not close:
        return f"No one at {query!r} in this export."
    listed = close[0] if len(close) == 1 else ", ".join(close[:-1]) + " or " + close[-1]
    return f"No one at {query!r} in this export; did you mean {listed}?"


def _check_query(company: object) -> str:
    if not isinstance(company, str):
        raise ParameterError(
            f"company must be a company name (str), e.g. 'Acme Inc.'; got {type(company).__name__}"
        )
    key = match_key(company)
    if key is None:
        # "Self-employed", "Stealth", "Confidential" name no workplace: people who
        # typed them share no employer, so they are no ranking of one
        raise ParameterError(
            f"company={company!r} is not a company name (it normalises to nothing or is a "
            "placeholder such as 'Self-employed'); pass a name such as 'Acme Inc.'"
        )
    return key


def find_company(
    export: Export | History,
    company: str,
    *,
    as_of: AsOf = None,
    scores: pl.DataFrame | pd.DataFrame | None = None,
    params: ScoringParams | None = None,
) -> CompanyMatch:
    """The owner's ties at every company ``company`` names, with what matched.

    Parameters are those of :func:`who_at`; see the module docstring for the
    matching rules.

    Returns
    -------
    CompanyMatch
        The frame, the companies that matched, and suggestions when none did.

    Raises
    ------
    ParameterError
        As :func:`who_at`.
    """
    q = _check_query(company)
    s = resolve_scores(export, scores, as_of=as_of, params=params)
    schema = polars_schema("who_at")
    keyed = s.with_columns(_key=map_unique(s["company"], match_key))
    known = keyed["_key"].drop_nulls().unique().sort().to_list()
    matched = matching_keys(known, q)
    if not matched:
        empty = pl.DataFrame(schema=schema)
        suggestions = tuple(closest_companies(s["company"], company))
        return CompanyMatch(company, empty, (), suggestions)
    hits = keyed.filter(pl.col("_key").is_in(matched))
    groups = _labels(hits).with_columns(exact=pl.col("_key") == q)
    groups = groups.sort(["exact", "people", "company"], descending=[True, True, False])
    order = groups.with_row_index("_group").select("_key", "_group")
    frame = (
        hits.join(order, on="_key", how="left")
        .with_columns(
            pl.col("strength").cast(pl.Float64),
            pl.col("former_colleague").fill_null(False),
        )
        .sort(
            ["_group", "strength", "name", "person_id"],
            descending=[False, True, False, False],
            nulls_last=True,
        )
        .select(list(schema))
        .cast(dict(schema))  # type: ignore[arg-type]
    )
    companies = tuple(groups["company"].to_list())
    exact = len(companies) == 1 and bool(groups["exact"][0])
    return CompanyMatch(company, frame, companies, exact=exact)


def who_at(
    export: Export | History,
    company: str,
    *,
    as_of: AsOf = None,
    scores: pl.DataFrame | pd.DataFrame | None = None,
    params: ScoringParams | None = None,
) -> pl.DataFrame:
    """The owner's ties at ``company``, strongest first, former colleagues flagged.

    Parameters
    ----------
    export : tiekeeper.io.Export or tiekeeper.history.History
        From :func:`tiekeeper.load_export` (a History: its merged record).
    company : str
        A company name in any spelling ("Acme Inc.", "ACME"), or its start
        ("nimble"), or whole words of it ("analytics"); case and accents do not
        matter.
    as_of : date, datetime or str, optional
        Reference time for scoring when ``scores`` is None.
    scores : polars.DataFrame, optional
        The frame of :func:`tiekeeper.score`; computed when None.
    params : ScoringParams, optional
        Scoring parameters when ``scores`` is None.

    Returns
    -------
    polars.DataFrame
        Schema ``who_at``: one row per contact whose current company matches,
        grouped by company (the exactly named one first; :func:`company_groups`
        splits them), sorted by strength (highest first), then name within each.
        Empty if nobody matches; then a :class:`~tiekeeper.errors.TiekeeperWarning`
        names the closest companies, if any are close.

    Raises
    ------
    ParameterError
        If ``company`` is not a string, normalises to nothing ("N/A") or is a
        placeholder (:func:`tiekeeper.companies.is_placeholder`: "Stealth").

    Examples
    --------
    >>> import tiekeeper
    >>> export = tiekeeper.load_export()
    >>> [(c, len(f)) for c, f in company_groups(who_at(export, "Thistledown"))]
    [('Thistledown Energy', 10), ('Thistledown Talent Partners', 1)]
    """
    found = find_company(export, company, as_of=as_of, scores=scores, params=params)
    if found.frame.height == 0 and found.suggestions:
        warnings.warn(no_match_message(company, found.suggestions), TiekeeperWarning, stacklevel=2)
    return found.frame


def company_groups(frame: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    """Split a :func:`who_at` frame into its companies, in order.

    Each company is named by its most common spelling among its rows.

    Examples
    --------
    >>> frame = pl.DataFrame({"name": ["Ada", "Bo", "Cy"],
    ...                       "company": ["ACME", "Acme Inc.", "Acme Labs"]})
    >>> [(c, f["name"].to_list()) for c, f in company_groups(frame)]
    [('ACME', ['Ada', 'Bo']), ('Acme Labs', ['Cy'])]
    """
    if frame.height == 0:
        return []
    keyed = frame.with_columns(
        _key=map_unique(frame["company"], match_key).fill_null(frame["company"].fill_null(""))
    ).with_columns(_run=pl.col("_key").rle_id())
    labels = dict(_labels(keyed, "_run").select("_run", "company").iter_rows())
    return [
        (str(labels[run]), part.drop("_key", "_run"))
        for (run,), part in keyed.group_by("_run", maintain_order=True)
    ]
