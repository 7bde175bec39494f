"""Recipient lists split by names the export already knows.

Messages without recipient URLs (every file before 2023-04) join the names of
a group's recipients with a bare ``,``, and a name can hold one itself
("Tom Okafor, ACIPM,Assoc CIPD"). The parser splits on every bare comma and
joins credential-only pieces back (:func:`~tiekeeper.io.parsers.messages.
split_recipient_names`); this step then looks at the whole export: where
consecutive pieces of a list, joined again with ``,``, are a name known from
Connections, from a sender with a profile URL or from the owner's profile,
they are one person. The longest known run wins, left to right.

Examples
--------
>>> rejoin(["Tom Okafor, ACIPM", "Assoc CIPD", "Bob Sample"], {"tom okafor, acipm,assoc cipd"})
['Tom Okafor, ACIPM,Assoc CIPD', 'Bob Sample']
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from tiekeeper.keys import map_unique, name_key, name_key_fast

__all__ = ["known_name_keys", "rejoin", "rejoin_lists"]

_SEP = "\x1f"


def rejoin(items: list[str], known: set[str] | frozenset[str]) -> list[str]:
    """Join runs of consecutive ``items`` whose ``,``-joined name is in ``known``.

    Parameters
    ----------
    items : list of str
        The pieces of one recipient list, in order.
    known : set of str
        Name keys (:func:`tiekeeper.keys.name_key`) of known people.

    Returns
    -------
    list of str
    """
    out: list[str] = []
    i, n = 0, len(items)
    while i < n:
        step = 1
        for j in range(n, i + 1, -1):
            if name_key(",".join(items[i:j])) in known:
                step = j - i
                break
        out.append(",".join(items[i : i + step]))
        i += step
    return out


def known_name_keys(names: Iterable[pl.Series]) -> frozenset[str]:
    """The name keys of every name in ``names`` that holds a bare comma.

    Only such names can rejoin pieces of a list, so only they are kept.
    """
    keys: set[str] = set()
    for s in names:
        s = s.drop_nulls()
        s = s.filter(s.str.contains(",[^ ]")).unique()
        keys.update(k for k in map_unique(s, name_key, fast=name_key_fast).to_list() if k)
    return frozenset(keys)


def rejoin_lists(frame: pl.DataFrame, known: frozenset[str]) -> pl.DataFrame | None:
    """Rejoin the ``recipient_names`` (and ``_names_key``) of a combinations frame.

    Returns
    -------
    polars.DataFrame or None
        ``frame`` with both columns rewritten, or ``None`` when no list changes
        (the common case: nothing is copied).
    """
    if not known or "_names_key" not in frame.columns:
        return None
    joined = frame["_names_key"]
    multi = joined.str.contains(_SEP, literal=True).fill_null(False)
    uniq = joined.filter(multi).unique().to_list()
    changed = {}
    for value in uniq:
        items = value.split(_SEP)
        new = rejoin(items, known)
        if new != items:
            changed[value] = _SEP.join(new)
    if not changed:
        return None
    key = joined.replace(changed)
    lists = key.str.split(_SEP).fill_null(pl.lit([], dtype=pl.List(pl.String)))
    return frame.with_columns(key.alias("_names_key"), lists.alias("recipient_names"))
