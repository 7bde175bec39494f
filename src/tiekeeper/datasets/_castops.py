"""Changes to a :class:`~tiekeeper.datasets._story.Cast` after the story is made:
add people (isolated connections, promotional senders) and edit existing ones.

Both keep the cast consistent: ``pid`` stays the row index, ``url`` follows
``slug``, and the per-person arrays (bounds, rates, …) grow with the people.

Examples
--------
>>> import datetime as dt, numpy as np
>>> from tiekeeper.datasets._story import make_cast
>>> cast = make_cast(np.random.default_rng(0), 60, dt.date(2025, 3, 14))
>>> row = person(kind="promotional", name="LinkedIn Premium", t=cast.export_start - 9)
>>> bigger = extend_cast(cast, [row])
>>> bigger.people.height - cast.people.height, bigger.rates.shape[0] == bigger.people.height
(1, True)
>>> bigger.people["url"][-1] is None
True
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import polars as pl

from tiekeeper.datasets._story import Cast

__all__ = ["edit_people", "extend_cast", "person"]

_URL = "https://www.linkedin.com/in/"


def person(
    *,
    kind: str,
    name: str,
    t: float,
    first_raw: str | None = None,
    last_raw: str | None = None,
    first: str | None = None,
    slug: str | None = None,
    is_connection: bool = False,
    company: str | None = None,
    position: str | None = None,
    email: str | None = None,
    pattern: str | None = None,
) -> dict[str, Any]:
    """One new cast row without ties (``w = 0``, no job); ``t`` is when they connected or
    first appeared (epoch days)."""
    return {
        "kind": kind,
        "job": -1,
        "first_raw": first_raw if first_raw is not None else name,
        "last_raw": last_raw if last_raw is not None else "",
        "first": first if first is not None else name,
        "name": name,
        "slug": slug,
        "is_connection": is_connection,
        "connected_t": float(t),
        "company_now": company,
        "position_now": position,
        "email": email,
        "w": 0.0,
        "fading": False,
        "fade_start": float("nan"),
        "former_company": None,
        "shared_company": None,
        "pattern": pattern,
    }


def extend_cast(cast: Cast, rows: list[dict[str, Any]]) -> Cast:
    """``cast`` with ``rows`` (see :func:`person`) appended as new people without ties."""
    if not rows:
        return cast
    old = cast.people
    n, m = old.height, len(rows)
    schema = {c: old.schema[c] for c in old.columns if c not in ("pid", "url")}
    new = pl.DataFrame({c: [r[c] for r in rows] for c in schema}, schema=schema)
    new = new.with_columns(pid=pl.int_range(n, n + m, dtype=pl.Int64)).with_columns(
        url=pl.lit(_URL) + pl.col("slug")
    )
    people = pl.concat([old, new.select(old.columns)], how="vertical")
    t = np.array([r["connected_t"] for r in rows], dtype=float)
    return dataclasses.replace(
        cast,
        people=people,
        bounds=np.vstack([cast.bounds, np.repeat(t[:, None], 4, axis=1)]),
        rates=np.vstack([cast.rates, np.zeros((m, 3))]),
        p_owner=np.r_[cast.p_owner, np.full(m, 0.5)],
        owed_at=np.r_[cast.owed_at, np.full(m, np.nan)],
    )


def edit_people(cast: Cast, pids: list[int], **columns: list[Any]) -> Cast:
    """``cast`` with new values of ``columns`` for the people ``pids`` (one value each).

    Editing ``slug`` updates ``url``; editing ``w`` to 0 also silences the tie
    (zero rates, not fading), so the story gives them no ordinary messages.
    """
    if not pids:
        return cast
    people = cast.people
    idx = pl.Series("pid", pids, dtype=people.schema["pid"])
    updates = pl.DataFrame(
        {"pid": idx, **{c: pl.Series(c, v, dtype=people.schema[c]) for c, v in columns.items()}}
    )
    people = people.update(updates, on="pid", include_nulls=True)
    if "slug" in columns:
        people = people.with_columns(url=pl.lit(_URL) + pl.col("slug"))
    rates = cast.rates.copy()
    if "w" in columns:
        silent = [p for p, w in zip(pids, columns["w"], strict=True) if w == 0]
        rates[silent] = 0.0
        people = people.with_columns(
            fading=pl.when(pl.col("pid").is_in(silent)).then(False).otherwise("fading"),
            fade_start=pl.when(pl.col("pid").is_in(silent))
            .then(float("nan"))
            .otherwise("fade_start"),
        )
    return dataclasses.replace(cast, people=people, rates=rates)
