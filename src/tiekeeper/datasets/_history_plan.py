"""The plan of a history: export days, disappearing conversations, the owner's new role.

* Export days: ``first_date`` and then every ``spacing_days``; each snapshot
  holds what happened before the end of its export day (UTC).
* Conversations that disappear: in each transition one or two old 1:1
  conversations (two messages or more, all before the earlier export day,
  with someone whose name nobody else has and who changes nothing else then)
  are gone from the later snapshot on, as when the owner deletes them.
* The owner's new role: in the last transition the owner takes on a second,
  concurrent position (``Advisory Board Member`` at an organisation nobody
  else names), which starts in a month after the earlier export day.

Examples
--------
>>> days = export_days(dt.date(2023, 9, 15), 3, 273)
>>> [d.isoformat() for d in days]
['2023-09-15', '2024-06-14', '2025-03-14']
>>> cutoffs(days[:1])
[1694822400]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from tiekeeper.companies import normalize_company
from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._format import fmt_f9
from tiekeeper.datasets._story import EPOCH, Cast

__all__ = ["NEW_ROLE_TITLE", "NewRole", "cutoffs", "export_days", "gone_conversations", "new_role"]

#: The title of the owner's concurrent position added in the last transition.
NEW_ROLE_TITLE = "Advisory Board Member"
_DAY = 86400


def export_days(first_date: dt.date, snapshots: int, spacing_days: int) -> list[dt.date]:
    """The export day of every snapshot, oldest first."""
    return [first_date + dt.timedelta(days=k * spacing_days) for k in range(snapshots)]


def cutoffs(days: list[dt.date]) -> list[int]:
    """The end of each export day (midnight UTC after it), in epoch seconds."""
    return [((d - EPOCH).days + 1) * _DAY for d in days]


def gone_conversations(
    rng: np.random.Generator,
    messages: pl.DataFrame,
    cast: Cast,
    cuts: list[int],
    changed: list[frozenset[int]],
) -> list[frozenset[str]]:
    """The conversation ids missing from each snapshot (those of earlier ones included).

    Parameters
    ----------
    messages : polars.DataFrame
        messages.csv in the current shape with the ``seconds``, ``from_owner``
        and ``part`` of each row.
    changed : list of frozenset of int
        Per snapshot, the people who change in the transition into it: their
        conversations stay.
    """
    names = cast.people["name"]
    unique = names.is_unique().to_list()
    pid_of = {n: i for i, (n, u) in enumerate(zip(names.to_list(), unique, strict=True)) if u}
    partner = (
        pl.when(pl.col("from_owner")).then(pl.col("TO")).otherwise(pl.col("FROM")).alias("who")
    )
    convs = (
        messages.filter(pl.col("CONVERSATION ID").is_not_null())
        .group_by("CONVERSATION ID", maintain_order=True)
        .agg(
            partner.n_unique().alias("n_who"),
            partner.first().alias("who"),
            (pl.col("part") != "bulk").sum().alias("other_parts"),
            pl.len().alias("n"),
            pl.col("seconds").max().alias("last"),
        )
        .filter((pl.col("n_who") == 1) & (pl.col("other_parts") == 0) & (pl.col("n") >= 2))
        .with_columns(
            pl.col("who").replace_strict(pid_of, default=-1, return_dtype=pl.Int64).alias("pid")
        )
        .filter(pl.col("pid") >= 0)
    )
    gone: set[str] = set()
    out = [frozenset(gone)]
    for k in range(1, len(cuts)):
        ok = convs.filter(
            (pl.col("last") < cuts[k - 1])
            & ~pl.col("pid").is_in(sorted(changed[k]))
            & ~pl.col("CONVERSATION ID").is_in(sorted(gone))
        )["CONVERSATION ID"].to_list()
        n = min(len(ok), int(rng.integers(1, 3)))
        gone.update(ok[int(i)] for i in rng.choice(len(ok), n, replace=False))
        out.append(frozenset(gone))
    return out


@dataclass(frozen=True)
class NewRole:
    """The owner's concurrent position, shown from snapshot ``snapshot`` on."""

    snapshot: int
    company: str
    title: str
    started: dt.date
    location: str
    description: str

    def row(self) -> dict[str, str]:
        """The Positions.csv row."""
        return {
            "Company Name": self.company,
            "Title": self.title,
            "Description": self.description,
            "Location": self.location,
            "Started On": fmt_f9(self.started),
            "Finished On": "",
        }


def new_role(rng: np.random.Generator, cast: Cast, days: list[dt.date]) -> NewRole:
    """The owner's new concurrent position, starting in the last transition.

    Its organisation is ``<prefix> Foundation`` with a prefix no company of the
    story uses, so nobody else works there.
    """
    used = {
        normalize_company(c)
        for c in [
            *cast.people["company_now"].drop_nulls().to_list(),
            *(j.company for j in cast.jobs),
        ]
    }
    words = {k.split()[0] for k in used if k}
    prefixes = [p for p in V.ORG_PREFIXES if p.casefold() not in words] or list(V.ORG_PREFIXES)
    company = f"{prefixes[int(rng.integers(0, len(prefixes)))]} Foundation"
    lo, hi = days[-2], days[-1]
    first = lo.year * 12 + lo.month  # the month after the earlier export day
    last = max(first, hi.year * 12 + hi.month - 1)
    m = int(rng.integers(first, last + 1))
    started = dt.date(m // 12, m % 12 + 1, 1)
    return NewRole(
        snapshot=len(days) - 1,
        company=company,
        title=NEW_ROLE_TITLE,
        started=started,
        location=cast.jobs[-1].location,
        description="Advising the foundation on its data strategy, a few hours a month",
    )
