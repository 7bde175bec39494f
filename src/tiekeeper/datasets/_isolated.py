"""Isolated connections: people the owner is connected to and nothing else.

A real export of 3,800 connections had 98 % of them tied to no one: no
message, no endorsement, no recommendation, no employer in common with the
owner or with any other connection. :func:`add_isolated` appends such people
to a cast: kind ``contact``, no tie (``w = 0``), no job of the owner, and a
company that nobody else in the export has (or none). Their pattern in the
truth is ``isolated``.

Examples
--------
>>> companies = unique_companies(np.random.default_rng(0), 5, taken=set())
>>> len(companies), len(set(companies)) == 5
(5, True)
"""

from __future__ import annotations

import math

import numpy as np

from tiekeeper.companies import normalize_company
from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._castops import extend_cast, person
from tiekeeper.datasets._names import make_people
from tiekeeper.datasets._story import Cast

__all__ = ["ISOLATED", "add_isolated", "n_isolated", "unique_companies"]

#: The truth's ``pattern`` of an isolated connection.
ISOLATED = "isolated"
#: Endings that make more distinct company names (none is a legal form that
#: :func:`tiekeeper.companies.normalize_company` would strip).
_TAILS = ("", " Group", " Partners", " Studio", " Works", " Collective", " Foundry", " Guild")
_NO_COMPANY_SHARE = 0.1


def n_isolated(n_connections: int, share: float | None) -> int:
    """How many of ``n_connections`` are isolated for ``share`` (``None``: none).

    Examples
    --------
    >>> n_isolated(3000, 0.98), n_isolated(300, None)
    (2940, 0)
    """
    return 0 if share is None else round(share * n_connections)


def unique_companies(rng: np.random.Generator, n: int, *, taken: set[str]) -> list[str]:
    """``n`` invented company names, all different, none normalising to one in ``taken``
    (normalised keys)."""
    a, b, c = V.LAST_PREFIXES, V.LAST_SUFFIXES, V.ORG_SUFFIXES
    base = len(a) * len(b) * len(c) * len(_TAILS)
    rounds = max(1, math.ceil(2 * n / base))
    picks = rng.permutation(base * rounds)
    out: list[str] = []
    seen = set(taken)
    for k in picks.tolist():
        r, k = divmod(k, base)
        k, i_tail = divmod(k, len(_TAILS))
        k, i_c = divmod(k, len(c))
        i_a, i_b = divmod(k, len(b))
        name = f"{a[i_a]}{b[i_b]} {c[i_c]}{_TAILS[i_tail]}" + (f" {r + 1}" if r else "")
        key = normalize_company(name)
        if key is None or key in seen:
            continue
        seen.add(key)
        out.append(name)
        if len(out) == n:
            break
    return out


def add_isolated(rng: np.random.Generator, cast: Cast, n: int) -> Cast:
    """``cast`` with ``n`` isolated connections appended (see the module doc)."""
    if n <= 0:
        return cast
    p = cast.people
    companies = {
        key
        for name in p["company_now"].drop_nulls().unique().to_list()
        + [j.company for j in cast.jobs]
        if (key := normalize_company(name)) is not None
    }
    people = make_people(rng, n, taken=set(p["slug"].drop_nulls().to_list()))
    company = unique_companies(rng, n, taken=companies)
    end = cast.export_start - 1
    t = cast.registered + 1 + (end - cast.registered - 2) * rng.random(n) ** 0.55
    no_company = rng.random(n) < _NO_COMPANY_SHARE
    titles = rng.integers(0, len(V.TITLES), n)
    has_email = rng.random(n) < 0.015
    rows = [
        person(
            kind="contact",
            name=q.name,
            t=float(t[i]),
            first_raw=q.first_raw,
            last_raw=q.last_raw,
            first=q.first,
            slug=q.slug,
            is_connection=True,
            company=None if no_company[i] else company[i],
            position=None if no_company[i] else V.TITLES[int(titles[i])],
            email=f"{q.email_local}@example.org" if has_email[i] else None,
            pattern=ISOLATED,
        )
        for i, q in enumerate(people)
    ]
    return extend_cast(cast, rows)
