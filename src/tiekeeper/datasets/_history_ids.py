"""The ``person_id`` each connection of a snapshot gets when the export is loaded.

The truth of a history names people by the id :func:`tiekeeper.load_export`
gives them (DESIGN.md, *Identity*), which depends on the layout:

* ``2025`` / ``2023``: Connections carry URLs, so the id is the slug's
  (:func:`tiekeeper.keys.person_id_from_slug`).
* ``2021``: no URL in Connections; a name that exactly one message sender with
  a URL has joins that sender's slug id, any other name keys by itself
  (:func:`tiekeeper.keys.person_id_from_name`).
* ``2018``: no URL anywhere: every connection keys by name.

In the URL-less layouts, connections that share a name but differ in
company or connected date are namesakes with ids of their own
(:mod:`tiekeeper.io.namesakes`), and a name that is only a credential or an
initial keys nobody.

Examples
--------
>>> import datetime as dt
>>> c = pl.DataFrame({"name": ["Ada Lee"], "url": ["https://www.linkedin.com/in/ada-lee"],
...                   "company": ["Acme"], "connected_on": [dt.date(2024, 1, 2)]})
>>> connection_ids(c, "2025")[0] == person_id_from_slug("ada-lee")
True
>>> connection_ids(c.with_columns(url=None), "2018")[0] == person_id_from_name("Ada Lee")
True
"""

from __future__ import annotations

import polars as pl

from tiekeeper.credentials import is_credential_fragment
from tiekeeper.io.namesakes import namesake_ids
from tiekeeper.keys import (
    map_unique,
    name_key,
    person_id_from_name,
    person_id_from_slug,
    profile_slug,
)

__all__ = ["URL_LAYOUTS", "connection_ids"]

#: The layouts whose Connections.csv has a ``URL`` column.
URL_LAYOUTS = ("2025", "2023")


def _slug_id(url: str | None) -> str | None:
    slug = profile_slug(url)
    return person_id_from_slug(slug) if slug else None


def _name_id(name: str | None) -> str | None:
    if name is None or name_key(name) is None or is_credential_fragment(name):
        return None
    return person_id_from_name(name)


def _sender_ids(senders: pl.DataFrame) -> dict[str, str]:
    """Name keys held by exactly one message sender with a URL, and that sender's id."""
    pairs = (
        pl.DataFrame(
            {
                "key": map_unique(senders["FROM"], name_key),
                "pid": map_unique(senders["SENDER PROFILE URL"], _slug_id),
            }
        )
        .drop_nulls()
        .unique()
    )
    single = pairs.group_by("key").agg(pl.col("pid").first(), pl.len().alias("n"))
    return dict(single.filter(pl.col("n") == 1).select("key", "pid").iter_rows())


def connection_ids(
    connections: pl.DataFrame, layout: str, senders: pl.DataFrame | None = None
) -> pl.Series:
    """The loaded ``person_id`` of each connection row (see the module doc).

    Parameters
    ----------
    connections : polars.DataFrame
        ``name`` (as loaded), ``url`` (the Connections URL or null), ``company``
        and ``connected_on`` (as loaded).
    layout : str
    senders : polars.DataFrame, optional
        ``FROM`` and ``SENDER PROFILE URL`` of the snapshot's messages (2021).
    """
    if layout in URL_LAYOUTS:
        return map_unique(connections["url"], _slug_id).alias("person_id")
    namesakes, shared = namesake_ids(
        connections.select(
            "name", pl.lit(None, pl.String).alias("profile_url"), "company", "connected_on"
        )
    )
    by_sender = _sender_ids(senders) if layout == "2021" and senders is not None else {}

    def one(name: str | None) -> str | None:
        key = name_key(name)
        if key is not None and key not in shared and key in by_sender:
            return by_sender[key]
        return _name_id(name)

    return namesakes.fill_null(map_unique(connections["name"], one)).alias("person_id")
