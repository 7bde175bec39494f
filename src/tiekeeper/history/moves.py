"""Job moves between the last two exports, as the plan takes them (``reach_out(moves=...)``).

A contact's move is the most natural reason to get back in touch, and only two
exports can date one: it happened after the earlier export and before the
later one. :func:`recent_moves` turns the ``company_changed`` rows of
:func:`~tiekeeper.history.changes` into the plan's moves frame, with the
sentence a reason shows.

Examples
--------
>>> import datetime as dt
>>> c = pl.DataFrame({"person_id": ["a"], "kind": ["company_changed"],
...     "before": ["Acme · Engineer"], "after": ["Globex · Lead"],
...     "seen_after": [dt.date(2024, 3, 3)], "seen_before": [dt.date(2025, 3, 14)]})
>>> m = moves_frame(c)
>>> m["company"].item(), m["move_reason"].item()
('Globex', 'Moved from Acme to Globex between your exports of 3 Mar 2024 and 14 Mar 2025.')
"""

from __future__ import annotations

from typing import Any

import polars as pl

from tiekeeper.history.changes import SEP

__all__ = ["moves_frame", "recent_moves"]


def _company(value: pl.Expr) -> pl.Expr:
    return value.str.split(SEP).list.first()


def moves_frame(changes: pl.DataFrame) -> pl.DataFrame:
    """The plan's moves (``person_id``, ``company``, ``moved_on``, ``moved_from``,
    ``seen_after``, ``move_reason``) from a ``changes`` frame.

    ``moved_on`` is the later export's date: the latest the move can have
    happened.
    """
    moved = changes.filter(pl.col("kind") == "company_changed")
    day = "%-d %b %Y"
    return moved.select(
        "person_id",
        company=_company(pl.col("after")),
        moved_on=pl.col("seen_before"),
        moved_from=_company(pl.col("before")),
        seen_after=pl.col("seen_after"),
        move_reason=pl.format(
            "Moved from {} to {} between your exports of {} and {}.",
            _company(pl.col("before")),
            _company(pl.col("after")),
            pl.col("seen_after").dt.strftime(day),
            pl.col("seen_before").dt.strftime(day),
        ),
    )


def recent_moves(history: Any) -> pl.DataFrame:
    """:func:`moves_frame` of a History's last two exports (empty with fewer than two)."""
    from tiekeeper.history.changes import pair_changes
    from tiekeeper.schema import empty_frame

    snaps = history.snapshots
    c = pair_changes(snaps[-2], snaps[-1]) if len(snaps) >= 2 else empty_frame("changes")
    return moves_frame(c)
