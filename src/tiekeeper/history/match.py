"""One person across two exports: matching Connections rows whose URL or name changed.

A changed profile URL or a changed name must not read as a removal plus an
addition. Two rows, one per export, are the same person when, in this order
(each row is matched at most once, and a rule matches only pairs that are
unique on both sides):

1. ``url``: their normalised profile URLs are equal;
2. ``name and connected date``: neither URL decides (missing in a layout
   without URLs) and their name keys and connected dates are equal;
3. ``company, connected date and a shared name part``: their normalised
   companies and connected dates are equal and their names share a word
   (a married name, a new spelling, or a new URL slug).

A connection's date never changes, so it anchors rules 2 and 3.

Examples
--------
>>> import datetime as dt
>>> d = dt.date(2020, 1, 1)
>>> old = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lee", "Bo Ng"],
...     "profile_url": ["https://www.linkedin.com/in/ada", None], "company": ["Acme", "Initech"],
...     "connected_on": [d, d]})
>>> new = pl.DataFrame({"person_id": ["a2", "b"], "name": ["Ada Park-Lee", "Bo Ng"],
...     "profile_url": ["https://www.linkedin.com/in/ada-park", None],
...     "company": ["ACME Inc.", "Globex"], "connected_on": [d, d]})
>>> match_connections(old, new).sort("old_id")["evidence"].to_list()
['company, connected date and a shared name part', 'name and connected date']
"""

from __future__ import annotations

import polars as pl

from tiekeeper.companies import normalize_company_series
from tiekeeper.keys import map_unique, name_key, name_key_fast

__all__ = ["EVIDENCE", "match_connections", "name_parts"]

#: The evidence of each matching rule, in the order they are tried.
EVIDENCE = ("url", "name and connected date", "company, connected date and a shared name part")


def name_parts(names: pl.Series) -> pl.Series:
    """The words of each name (case-folded, two letters or more), as a list.

    Examples
    --------
    >>> name_parts(pl.Series(["Ada Park-Lee, PhD", None])).to_list()
    [['ada', 'park', 'lee', 'phd'], []]
    """
    return (
        names.fill_null("")
        .str.to_lowercase()
        .str.extract_all(r"[^\W\d_]{2,}")
        .fill_null(pl.lit([], dtype=pl.List(pl.String)))
    )


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    f = frame.filter(pl.col("person_id").is_not_null())
    return f.select(
        "person_id",
        "connected_on",
        _url=pl.col("profile_url").str.to_lowercase(),
        _name=map_unique(f["name"], name_key, fast=name_key_fast),
        _company=normalize_company_series(f["company"]),
        _parts=name_parts(f["name"]),
    ).unique("person_id", keep="first", maintain_order=True)


def _one_to_one(pairs: pl.DataFrame) -> pl.DataFrame:
    """Keep the pairs whose old and new ids each occur once."""
    once = (pl.len().over("old_id") == 1) & (pl.len().over("new_id") == 1)
    return pairs.filter(once)


def match_connections(old: pl.DataFrame, new: pl.DataFrame) -> pl.DataFrame:
    """Pairs of rows, one per export, that are the same person (see the module docstring).

    Parameters
    ----------
    old, new : polars.DataFrame
        Connections frames (``person_id``, ``name``, ``profile_url``,
        ``company``, ``connected_on``), the earlier export first.

    Returns
    -------
    polars.DataFrame
        ``old_id``, ``new_id`` and ``evidence`` (one of :data:`EVIDENCE`).
    """
    a, b = _keyed(old), _keyed(new)
    out: list[pl.DataFrame] = []
    rules = (
        (["_url"], None),
        (["_name", "connected_on"], pl.col("_url").is_null() | pl.col("_url_new").is_null()),
        (["_company", "connected_on"], None),
    )
    for evidence, (keys, extra) in zip(EVIDENCE, rules, strict=True):
        if a.height == 0 or b.height == 0:
            break
        pairs = a.drop_nulls(keys).join(b.drop_nulls(keys), on=keys, suffix="_new")
        if extra is not None:
            pairs = pairs.filter(extra)
        if evidence == EVIDENCE[2]:
            shared = pl.col("_parts").list.set_intersection("_parts_new").list.len() > 0
            pairs = pairs.filter(shared)
        pairs = _one_to_one(
            pairs.select(
                pl.col("person_id").alias("old_id"),
                pl.col("person_id_new").alias("new_id"),
                evidence=pl.lit(evidence),
            )
        )
        out.append(pairs)
        a = a.filter(~pl.col("person_id").is_in(pairs["old_id"].implode()))
        b = b.filter(~pl.col("person_id").is_in(pairs["new_id"].implode()))
    if not out:
        return pl.DataFrame(
            schema={"old_id": pl.String, "new_id": pl.String, "evidence": pl.String}
        )
    return pl.concat(out)
