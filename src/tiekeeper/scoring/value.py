"""Reach-out priority P = V · N · A: value, need and actionability (reference §6).

Value is a noisy-OR ``V = 1 − Π (1 − a_i · x_i)`` of five components in
[0, 1]: past closeness, former colleague, reciprocal services, bridge /
novelty and tie age. Each component's share of V is
``−ln(1 − a_i x_i) / −ln(1 − V)``, exact because the logs add up; the reasons
use these shares.

Examples
--------
>>> # one component: closeness with K = K_ref gives x = 1 − e^−1 ≈ 0.632;
>>> # V = 0.8 · 0.632 = 0.506 (the only term, so its share is 1)
>>> f = pl.DataFrame({"K": [10.0], "colleague": [0.0], "services": [0.0],
...                   "bridge": [0.0], "tie_age": [0.0]})
>>> out = f.with_columns(value_columns(ScoringParams()))
>>> round(out["value"].item(), 3), out["share_closeness"].item()
(0.506, 1.0)
"""

from __future__ import annotations

import polars as pl

from tiekeeper.companies import is_placeholder_series, normalize_company_series
from tiekeeper.scoring.params import ScoringParams

__all__ = [
    "COMPONENTS",
    "bridge_table",
    "services_table",
    "value_columns",
]

#: The value components, in the order of the reference's table.
COMPONENTS: tuple[str, ...] = ("closeness", "colleague", "services", "bridge", "tie_age")
_EPS = 1e-12


def services_table(events: pl.DataFrame) -> pl.DataFrame:
    """Reciprocal services per person: recommendations and endorsements, either way.

    ``services`` is 1 if a recommendation was ever exchanged, 0.5 if
    endorsements went both ways, 0.25 if one way, else 0.

    Parameters
    ----------
    events : polars.DataFrame
        Prepared interactions up to T.

    Returns
    -------
    polars.DataFrame
        ``person_id``, ``services``, ``rec_in_year``, ``rec_out_year`` (latest
        recommendation each way), ``endorsed_in``, ``endorsed_out`` and
        ``skills`` (up to three endorsed skills, sorted).

    Examples
    --------
    >>> import datetime as dt
    >>> t = dt.datetime(2020, 5, 1, tzinfo=dt.UTC)
    >>> ev = pl.DataFrame({"person_id": ["a", "a", "b"], "time": [t] * 3,
    ...     "kind": ["endorsement", "endorsement", "recommendation"],
    ...     "direction": ["in", "out", "in"], "detail": ["SQL", "Go", None]})
    >>> services_table(ev).select("person_id", "services", "rec_in_year").rows()
    [('a', 0.5, None), ('b', 1.0, 2020)]
    """
    kind, direction = pl.col("kind"), pl.col("direction")
    rec, end = kind == "recommendation", kind == "endorsement"
    year = pl.col("time").dt.year().cast(pl.Int64)
    out = (
        events.filter(rec | end)
        .group_by("person_id")
        .agg(
            rec_in_year=year.filter(rec & (direction == "in")).max(),
            rec_out_year=year.filter(rec & (direction == "out")).max(),
            endorsed_in=(end & (direction == "in")).any(),
            endorsed_out=(end & (direction == "out")).any(),
            skills=pl.col("detail").filter(end).drop_nulls().unique().sort().head(3),
        )
    )
    return (
        out.with_columns(
            services=pl.when(
                pl.col("rec_in_year").is_not_null() | pl.col("rec_out_year").is_not_null()
            )
            .then(1.0)
            .when(pl.col("endorsed_in") & pl.col("endorsed_out"))
            .then(0.5)
            .when(pl.col("endorsed_in") | pl.col("endorsed_out"))
            .then(0.25)
            .otherwise(0.0)
        )
        .select(
            "person_id",
            "services",
            "rec_in_year",
            "rec_out_year",
            "endorsed_in",
            "endorsed_out",
            "skills",
        )
        .sort("person_id")
    )


def bridge_table(
    people: pl.DataFrame, owner_company_keys: list[str], max_others: int = 1
) -> pl.DataFrame:
    """Bridge / novelty per person: ``1 / (1 + the owner's other connections there)``.

    Halved when the company is a current employer of the owner; 0 without a
    company or with a placeholder one (:func:`tiekeeper.companies.is_placeholder`).
    Counts connections (``is_connection``) by normalised company.
    ``real_bridge`` is stricter: the owner knows at most ``max_others`` other
    people there and it is not the owner's current employer (the reference's
    intent for the never-interacted need and the bridge reason).

    Returns
    -------
    polars.DataFrame
        ``person_id``, ``company_key``, ``company_connections`` (the owner's
        connections at that company, this person included), ``bridge`` and
        ``real_bridge``.

    Examples
    --------
    >>> ppl = pl.DataFrame({"person_id": list("abcdefgh"), "is_connection": [True] * 8,
    ...     "company": ["Acme Inc.", "ACME", "acme", "Globex", "Initech", "Initech",
    ...                 "Solo Ltd", None]})
    >>> out = bridge_table(ppl, ["globex"])   # Acme: 2 others; Globex: the owner's employer
    >>> out.select("person_id", pl.col("bridge").round(3), "real_bridge").rows()
    [('a', 0.333, False), ('b', 0.333, False), ('c', 0.333, False), ('d', 0.5, False), \
('e', 0.5, True), ('f', 0.5, True), ('g', 1.0, True), ('h', 0.0, False)]
    """
    # a placeholder ("Stealth Startup", "Freelance") is no company: no bridge to it
    key = normalize_company_series(people["company"])
    key = pl.select(
        pl.when(is_placeholder_series(people["company"])).then(None).otherwise(key)
    ).to_series()
    f = people.select(
        "person_id",
        pl.col("is_connection").fill_null(False),
        company_key=key,
    )
    counts = (
        f.filter(pl.col("is_connection") & pl.col("company_key").is_not_null())
        .group_by("company_key")
        .agg(company_connections=pl.len().cast(pl.Int64))
    )
    f = f.join(counts, on="company_key", how="left").with_columns(
        pl.col("company_connections").fill_null(0)
    )
    others = (pl.col("company_connections") - pl.col("is_connection").cast(pl.Int64)).clip(0)
    raw = 1.0 / (1.0 + others.cast(pl.Float64))
    half = pl.col("company_key").is_in(owner_company_keys)
    bridge = (
        pl.when(pl.col("company_key").is_null()).then(0.0).when(half).then(raw * 0.5).otherwise(raw)
    )
    real = (
        pl.col("company_key").is_not_null()
        & (others <= max_others)
        & ~pl.col("company_key").is_in(owner_company_keys)
    )
    return f.select(
        "person_id", "company_key", "company_connections", bridge=bridge, real_bridge=real
    )


def value_columns(params: ScoringParams) -> list[pl.Expr]:
    """Expressions for the components, V and each component's share of V.

    Needs columns ``K``, ``colleague`` (confidence), ``services``, ``bridge``
    and ``tie_age`` (all but K already in [0, 1]; nulls count as 0). Adds
    ``x_<component>``, ``value`` and ``share_<component>``.
    """
    p = params
    weights = {
        "closeness": p.closeness_value,
        "colleague": p.colleague_value,
        "services": p.services_value,
        "bridge": p.bridge_value,
        "tie_age": p.tie_age_value,
    }
    xs = {
        "closeness": 1.0 - (-pl.col("K").fill_null(0.0) / p.capital_ref).exp(),
        "colleague": pl.col("colleague").fill_null(0.0),
        "services": pl.col("services").fill_null(0.0),
        "bridge": pl.col("bridge").fill_null(0.0),
        "tie_age": pl.col("tie_age").fill_null(0.0),
    }
    # −ln(1 − a·x) per component; a·x is kept below 1 so that the log stays finite
    logs = {c: -((1.0 - (weights[c] * xs[c]).clip(0.0, 1.0 - _EPS)).log()) for c in COMPONENTS}
    total = pl.sum_horizontal(list(logs.values()))
    out = [xs[c].alias(f"x_{c}") for c in COMPONENTS]
    out.append((1.0 - (-total).exp()).alias("value"))
    out += [
        pl.when(total > 0).then(logs[c] / total).otherwise(0.0).alias(f"share_{c}")
        for c in COMPONENTS
    ]
    return out
