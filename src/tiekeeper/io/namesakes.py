"""Namesakes: different connections who share a display name, in files without URLs.

Connections.csv had no ``URL`` column until mid-2023 (reference §4.1), so a
name was its only key and two people called "Sam Lee" became one. Without a
URL, two connection rows are the same person only when their name, their
normalised company and their connected date all agree: a second row that
differs in company or date is somebody else (LinkedIn lists each connection
once, so two rows are two connections).

Only namesakes get a new id. A name held by a single connection row, or by
rows that agree on all three, keeps its name-keyed ``person_id`` exactly,
so state files keep working. Each namesake row gets

``person_id = blake2b-64("namesake:" + name key + "|" + company key + "|" + ISO date)``

(:func:`namesake_id`, empty strings for a missing company or date). A
message, endorsement or state-file entry that only gives such a name cannot
say which namesake it means: it stays keyed by the name, and that person's
``key_method`` is ``"ambiguous"``.

Examples
--------
>>> import datetime as dt
>>> c = pl.DataFrame({"name": ["Sam Lee", "Sam Lee", "Ada X"], "profile_url": [None] * 3,
...                   "company": ["Acme", "Globex", "Acme"],
...                   "connected_on": [dt.date(2020, 1, 1), dt.date(2021, 5, 2), None]},
...                  schema_overrides={"profile_url": pl.String})
>>> ids, keys = namesake_ids(c)
>>> ids[0] != ids[1], ids[2], sorted(keys)
(True, None, ['sam lee'])
"""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl

from tiekeeper.companies import normalize_company
from tiekeeper.keys import map_unique, name_key, name_key_fast

__all__ = ["namesake_id", "namesake_ids"]


def namesake_id(key: str, company_key: str | None, connected_on: dt.date | None) -> str:
    """The ``person_id`` of one namesake connection row.

    Parameters
    ----------
    key : str
        The name key (:func:`tiekeeper.keys.name_key`).
    company_key : str or None
        :func:`tiekeeper.companies.normalize_company` of the row's company.
    connected_on : datetime.date or None

    Examples
    --------
    >>> namesake_id("sam lee", "acme", dt.date(2020, 1, 1)) != namesake_id("sam lee", "acme", None)
    True
    """
    day = connected_on.isoformat() if connected_on is not None else ""
    raw = f"namesake:{key}|{company_key or ''}|{day}"
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


def namesake_ids(connections: pl.DataFrame) -> tuple[pl.Series, frozenset[str]]:
    """Ids of the connection rows that are namesakes, and the name keys they share.

    Parameters
    ----------
    connections : polars.DataFrame
        With ``name``, ``profile_url``, ``company`` and ``connected_on``.

    Returns
    -------
    ids : polars.Series
        For each row, its :func:`namesake_id` when it is a URL-less row whose
        name key is shared by URL-less rows that differ in company or date;
        null otherwise.
    keys : frozenset of str
        The name keys that several namesakes share (ambiguous names).
    """
    n = connections.height
    nulls = pl.repeat(None, n, dtype=pl.String, eager=True).alias("person_id")
    if n == 0:
        return nulls, frozenset()
    key = map_unique(connections["name"], name_key, fast=name_key_fast)
    no_url = connections["profile_url"].is_null() & key.is_not_null()
    if not bool(no_url.any()):
        return nulls, frozenset()
    rows = pl.DataFrame(
        {
            "_row": pl.int_range(0, n, dtype=pl.UInt32, eager=True),
            "_key": key,
            "_company": map_unique(connections["company"], normalize_company),
            "_day": connections["connected_on"],
        }
    ).filter(no_url)
    shared = (
        rows.group_by("_key")
        .agg(pl.struct("_company", "_day").n_unique().alias("_distinct"))
        .filter(pl.col("_distinct") > 1)
        .get_column("_key")
    )
    if shared.len() == 0:
        return nulls, frozenset()
    hits = rows.filter(pl.col("_key").is_in(shared.implode()))
    ids = [
        namesake_id(k, c, d)
        for k, c, d in zip(
            hits["_key"].to_list(), hits["_company"].to_list(), hits["_day"].to_list(), strict=True
        )
    ]
    # joined onto the rows rather than scattered into nulls: polars (1.41 to 2.1) counts
    # equal strings scattered so as distinct in group-wise unique / n_unique
    found = pl.DataFrame({"_row": hits["_row"], "person_id": pl.Series(ids, dtype=pl.String)})
    every = pl.DataFrame({"_row": pl.int_range(0, n, dtype=pl.UInt32, eager=True)})
    out = every.join(found, on="_row", how="left", maintain_order="left")["person_id"]
    return out, frozenset(shared.to_list())
