"""The report section "What changed since your last export" (several exports).

A report of one export has no such section. Given a
:class:`~tiekeeper.history.History` (``Report(history)``) or earlier exports
(``Report(export, previous=[...])``), the report scores the merged record and
lists :func:`tiekeeper.changes` of every consecutive pair of exports: who
moved to another company, took a new title, joined or left your connections,
or changed their name, and the positions you added. Changed profile URLs are
counted, not listed (a URL is no news, and never shown in a report).

:func:`as_history` builds the History; :func:`summarize_changes` turns the
``changes`` frame into the section's plain data; :func:`redact_changes` blanks
what redaction cannot pseudonymise (old names and URLs).

Examples
--------
>>> import datetime as dt
>>> rows = pl.DataFrame({"person_id": ["a"], "name": ["Ada"], "kind": ["company_changed"],
...     "before": ["Acme"], "after": ["Globex"], "seen_after": [dt.date(2024, 3, 3)],
...     "seen_before": [dt.date(2025, 3, 14)], "evidence": ["url"]})
>>> s = summarize_changes(rows, (dt.date(2024, 3, 3), dt.date(2025, 3, 14)))
>>> s["rows"][0]["change"], s["rows"][0]["between"], s["counts"][0]["text"]
('Moved', '3 Mar 2024 – 14 Mar 2025', '1 moved to another company')
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.plots._common import fmt_date

__all__ = [
    "CHANGE_LABELS",
    "CHANGE_ROWS",
    "as_history",
    "redact_changes",
    "summarize_changes",
]

#: How the section names each kind of change (table label, count sentence), in order.
CHANGE_LABELS: dict[str, tuple[str, str, str]] = {
    "company_changed": ("Moved", "moved to another company", "moved to another company"),
    "title_changed": ("New title", "new title", "new titles"),
    "connection_added": ("New connection", "new connection", "new connections"),
    "connection_removed": ("No longer connected", "no longer connected", "no longer connected"),
    "name_changed": ("New name", "new name", "new names"),
    "owner_position_added": (
        "Your new position",
        "new position of yours",
        "new positions of yours",
    ),
}
#: Rows listed at most (the newest changes first); the rest are counted.
CHANGE_ROWS = 300


def _exports(value: Any) -> list[Any]:
    """The exports in ``value``: an Export, a History's snapshots, or a path to load."""
    snaps = getattr(value, "snapshots", None)
    if snaps is not None:
        return list(snaps)
    if hasattr(value, "connections"):
        return [value]
    if isinstance(value, str | os.PathLike):
        from tiekeeper.io import load_export

        return [load_export(value)]
    raise ParameterError(
        f"previous must hold Exports, Histories or paths of exports; got {type(value).__name__}"
    )


def as_history(export: Any, previous: Any = None) -> Any:
    """The History a report compares, or None for a single export.

    Parameters
    ----------
    export : Export or History
        The export the report is about (a History brings its own earlier exports).
    previous : Export, History, path, or a list of them, optional
        Earlier exports of the same person (paths are loaded).

    Raises
    ------
    OwnerMismatchError
        An earlier export belongs to someone else.

    Examples
    --------
    >>> as_history(5) is None
    True
    """
    from tiekeeper.history import History, OwnerMismatchError, same_owner

    if previous is None or (isinstance(previous, list | tuple) and not previous):
        return export if getattr(export, "snapshots", None) is not None else None
    given: Iterable[Any] = (
        previous if isinstance(previous, list | tuple) else [previous]  # one or several
    )
    snaps = _exports(export) + [e for p in given for e in _exports(p)]
    unique = list({id(e): e for e in snaps}.values())
    for other in unique[1:]:
        if not same_owner(unique[0].owner, other.owner):
            raise OwnerMismatchError(
                f"{other.source} belongs to {other.owner.name!r}, not to "
                f"{unique[0].owner.name!r} ({unique[0].source}); previous must hold earlier "
                "exports of the same person"
            )
    ordered = tuple(sorted(unique, key=lambda e: (e.export_date or dt.date.min, str(e.source))))
    if len(ordered) < 2:
        return None

    return History(ordered)


def redact_changes(changes: pl.DataFrame) -> pl.DataFrame:
    """Changes with nothing a pseudonym cannot cover: no URL rows, no old or new names.

    Run before :meth:`~tiekeeper.report.redact.Redactor.frame`, which replaces
    the ``name`` column by the person's pseudonym.

    Examples
    --------
    >>> rows = pl.DataFrame({"kind": ["name_changed", "url_changed", "company_changed"],
    ...     "before": ["Ada Old", "https://x", "Acme"], "after": ["Ada New", "https://y", "Zeta"]})
    >>> redact_changes(rows).rows()
    [('name_changed', None, None), ('company_changed', 'Acme', 'Zeta')]
    """
    named = pl.col("kind") == "name_changed"
    return changes.filter(pl.col("kind") != "url_changed").with_columns(
        before=pl.when(named).then(None).otherwise(pl.col("before")),
        after=pl.when(named).then(None).otherwise(pl.col("after")),
    )


def summarize_changes(
    changes: pl.DataFrame | None, snapshots: tuple[dt.date | None, ...]
) -> dict[str, Any] | None:
    """The section's plain data, or None when the report covers one export.

    Returns
    -------
    dict or None
        ``dates`` (the exports compared), ``counts`` (one sentence per kind
        found), ``rows`` (newest pair first, then by kind and name; at most
        :data:`CHANGE_ROWS`), ``total``, ``urls`` (changed profile URLs,
        counted only).
    """
    if changes is None:
        return None
    urls = int(changes.filter(pl.col("kind") == "url_changed").height)
    order = {k: i for i, k in enumerate(CHANGE_LABELS)}
    shown = (
        changes.filter(pl.col("kind").is_in(list(CHANGE_LABELS)))
        .with_columns(_o=pl.col("kind").replace_strict(order, return_dtype=pl.Int64))
        .sort(
            ["seen_before", "_o", "name", "person_id"],
            descending=[True, False, False, False],
            nulls_last=True,
        )
    )
    per_kind = dict(shown.group_by("kind").agg(pl.len()).iter_rows())
    counts = [
        {
            "kind": kind,
            "n": int(per_kind[kind]),
            "text": f"{per_kind[kind]:,} {one if per_kind[kind] == 1 else many}",
        }
        for kind, (_, one, many) in CHANGE_LABELS.items()
        if per_kind.get(kind)
    ]
    rows = [
        {
            "kind": r["kind"],
            "change": CHANGE_LABELS[r["kind"]][0],
            "name": "You" if r["kind"] == "owner_position_added" else (r["name"] or "(no name)"),
            "before": r["before"] or "—",
            "after": r["after"] or "—",
            "between": f"{fmt_date(r['seen_after'])} – {fmt_date(r['seen_before'])}",
            "between_sort": f"{r['seen_before'] or ''}",
        }
        for r in shown.head(CHANGE_ROWS).iter_rows(named=True)
    ]
    return {
        "dates": [fmt_date(d) if d else "an undated export" for d in snapshots],
        "counts": counts,
        "rows": rows,
        "total": shown.height,
        "urls": urls,
    }
