"""The human parse summary printed by ``tiekeeper info`` and the quick start."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from tiekeeper.io.export import Export

__all__ = ["summarize"]

#: the frames whose row counts the summary lists (the report frames are summarised apart)
_NOT_COUNTED = frozenset({"parse_report", "rejected"})


def summarize(export: Export, *, max_problems: int = 12) -> str:
    """Render the parse summary of ``export`` as plain text."""
    o = export.owner
    lines = [f"LinkedIn export: {export.source}"]
    if o.name:
        url = f" ({o.profile_urls[0]})" if o.profile_urls else ""
        more = f" (also: {', '.join(o.names[1:])})" if len(o.names) > 1 else ""
        lines.append(f"  owner:       {o.name}{url}{more}")
    else:
        lines.append("  owner:       unknown (no invitations, messages or profile)")
    lines.append(f"  export date: {export.export_date or 'unknown'}")
    lines.append(f"  as of:       {export.as_of.isoformat(timespec='seconds')}")
    counts = []
    for name in (f for f in export.FRAMES if f not in _NOT_COUNTED):
        n = export.frame(name).height
        if n or name in ("connections", "messages", "people", "interactions"):
            counts.append(f"{name} {n:,}")
    lines.append("  rows:        " + ", ".join(counts))
    people = export.people
    if "kind" in people.columns:
        by = dict(people.group_by("kind").len().iter_rows())
        others = [
            f"{by[k]:,} {label}"
            for k, label in (
                ("linkedin", "LinkedIn account(s)"),
                ("organisation", "organisation(s)"),
            )
            if by.get(k)
        ]
        if others:
            lines.append(
                f"  people:      {by.get('person', 0):,} persons; {' and '.join(others)} "
                "(never counted as relationships)"
            )
    rep = export.parse_report
    status = rep.group_by("status").len().sort("status")
    lines.append(
        "  files:       "
        + ", ".join(f"{n} {s}" for s, n in status.iter_rows())
        + f"; {export.rejected.height:,} rejected row(s)"
    )
    bad = rep.filter(
        pl.col("status").is_in(["not-a-table", "error"])
        | (pl.col("rows_rejected") > 0)
        | (pl.col("status") == "header-only")
    )
    if bad.height:
        lines.append("  files with problems:")
        for row in bad.head(max_problems).iter_rows(named=True):
            why = row["reason"] or ""
            lines.append(f"    - {row['file']} [{row['status']}]: {why}")
        if bad.height > max_problems:
            lines.append(f"    … and {bad.height - max_problems} more (see parse_report)")
    for note in export.notes:
        lines.append(f"  note: {note}")
    return "\n".join(lines)
