"""``tiekeeper changes [OLD] NEW``: what changed between two of your exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import polars as pl

from tiekeeper.cli._archive import archive_option
from tiekeeper.cli._common import (
    format_option,
    output_option,
    redact_option,
    resolve_format,
    step,
)
from tiekeeper.errors import ParameterError
from tiekeeper.output import emit

__all__ = ["KIND_LABELS", "changes_cmd", "changes_view", "since_archived"]


@click.command("changes")
@click.argument("exports", nargs=-1, required=True, metavar="[OLD] NEW [MORE...]")
@format_option
@redact_option
@output_option(help="Write the table to this file instead of the terminal.")
@archive_option
def changes_cmd(
    exports: tuple[str, ...],
    fmt: str | None,
    redact: bool,
    output: Path | None,
    archive: str | None,
) -> None:
    """What changed between your exports: job moves, new titles, new and removed connections.

    Give two or more exports of your LinkedIn data (zips or folders, in any
    order). Each pair of consecutive exports is compared: who moved to another
    company or took a new title, who you connected with and who is gone, who
    changed their name or profile URL, and the positions you added. The dates
    of the two exports bound when each change happened.

    With NEW alone, NEW is compared with the latest snapshot in your archive
    that is older than it ('tiekeeper archive add' stores them).
    """
    from tiekeeper.history import changes, load_history
    from tiekeeper.report.redact import Redactor

    fmt = resolve_format(fmt, output)
    paths = [str(Path(e).expanduser()) for e in exports]
    with step("Reading the exports…"):
        history = since_archived(paths[0], archive) if len(paths) == 1 else load_history(paths)
    for line in history.notes:
        click.echo(f"Note: {line}", err=True)
    rows = changes(history)
    if redact:
        rows = Redactor.from_export(history.merged).frame(rows)  # removed people too
    n = len(history.snapshots)
    title = f"What changed across {n} exports" if n > 2 else "What changed since your last export"
    if fmt == "table":
        rows = changes_view(rows)
    emit(rows, fmt, output=output, title=title)


def since_archived(new: str, archive: str | None) -> Any:
    """A History of NEW and the latest archived snapshot older than it."""
    from tiekeeper.archive import archive_path, load_snapshot, snapshots
    from tiekeeper.history import history_of
    from tiekeeper.io import load_export

    latest = load_export(new)
    stored = snapshots(archive)  # once: each damaged snapshot is warned about once
    older = [
        (folder, m)
        for folder, m in stored
        if m.export_date is not None
        and latest.export_date is not None
        and m.export_date < latest.export_date.isoformat()
    ]
    if not older:
        dates = ", ".join(m.export_date or "undated" for _, m in stored) or "none"
        raise ParameterError(
            f"changes with one export compares it with an older archived snapshot, but "
            f"{archive_path(archive)} holds none older than {latest.export_date} (archived: "
            f"{dates}); add your older export with 'tiekeeper archive add OLD.zip', or pass "
            "both: tiekeeper changes OLD.zip NEW.zip"
        )
    return history_of([load_snapshot(older[-1][0]), latest])


#: How a table names each kind of change.
KIND_LABELS = {
    "company_changed": "moved",
    "title_changed": "new title",
    "connection_added": "connected",
    "connection_removed": "no longer connected",
    "name_changed": "new name",
    "url_changed": "new profile URL",
    "owner_position_added": "your new position",
}


def changes_view(rows: pl.DataFrame) -> pl.DataFrame:
    """The changes as a person reads them: who, what, from, to, and between which exports.

    Examples
    --------
    >>> import datetime as dt
    >>> r = pl.DataFrame({"person_id": ["a"], "name": ["Ada"], "kind": ["company_changed"],
    ...     "before": ["Acme"], "after": ["Globex"], "seen_after": [dt.date(2024, 3, 3)],
    ...     "seen_before": [dt.date(2025, 3, 14)], "evidence": ["url"]})
    >>> changes_view(r).row(0)
    ('Ada', 'moved', 'Acme', 'Globex', '3 Mar 2024 – 14 Mar 2025')
    """
    day = "%-d %b %Y"
    return rows.select(
        "name",
        change=pl.col("kind").replace_strict(KIND_LABELS, default=pl.col("kind")),
        before=pl.col("before").fill_null(""),
        after=pl.col("after").fill_null(""),
        between=pl.format(
            "{} – {}", pl.col("seen_after").dt.strftime(day), pl.col("seen_before").dt.strftime(day)
        ),
    )
