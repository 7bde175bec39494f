"""``who_at``: whom do I know at a company, and how well?

Company names are compared with :func:`tiekeeper.companies.normalize_company`,
so "Acme Inc.", "ACME" and "Acme, Inc" meet. The company is the contact's
current one (``Connected``'s ``Company`` at export time).

Examples
--------
>>> import tiekeeper
>>> tiekeeper.who_at(tiekeeper.load_export(), "N/A")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
tiekeeper.errors.ParameterError: company='N/A' is not a company name (it normalises to ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.companies import is_placeholder, normalize_company, normalize_company_series
from tiekeeper.errors import ParameterError
from tiekeeper.graph.build import resolve_scores
from tiekeeper.schema import polars_schema

if TYPE_CHECKING:  # pragma: no cover
    from tiekeeper.asof import AsOf
    from tiekeeper.io import Export
    from tiekeeper.scoring.params import ScoringParams

__all__ = ["who_at"]


def who_at(
    export: Export,
    company: str,
    *,
    as_of: AsOf = None,
    scores: pl.DataFrame | Any | None = None,
    params: ScoringParams | None = None,
) -> pl.DataFrame:
    """The owner's ties at ``company``, strongest first, former colleagues flagged.

    Parameters
    ----------
    export : tiekeeper.io.Export
        From :func:`tiekeeper.load_export`.
    company : str
        A company name in any spelling ("Acme Inc.", "ACME").
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
        sorted by strength (highest first), then name. Empty if nobody matches.

    Raises
    ------
    ParameterError
        If ``company`` is not a string, normalises to nothing ("N/A") or is a
        placeholder (:func:`tiekeeper.companies.is_placeholder`: "Stealth").
    """
    if not isinstance(company, str):
        raise ParameterError(
            f"company must be a company name (str), e.g. 'Acme Inc.'; got {type(company).__name__}"
        )
    key = normalize_company(company)
    if key is None or is_placeholder(company):
        # "Self-employed", "Stealth", "Confidential" name no workplace: people who
        # typed them share no employer, so they are no ranking of one
        raise ParameterError(
            f"company={company!r} is not a company name (it normalises to nothing or is a "
            "placeholder such as 'Self-employed'); pass a name such as 'Acme Inc.'"
        )
    s = resolve_scores(export, scores, as_of=as_of, params=params)
    schema = polars_schema("who_at")
    hits = s.filter(normalize_company_series(s["company"]) == key)
    return (
        hits.with_columns(
            pl.col("strength").cast(pl.Float64),
            pl.col("former_colleague").fill_null(False),
        )
        .sort(["strength", "name", "person_id"], descending=[True, False, False], nulls_last=True)
        .select(list(schema))
        .cast(dict(schema))  # type: ignore[arg-type]
    )
