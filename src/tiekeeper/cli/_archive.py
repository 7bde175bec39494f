"""``tiekeeper archive add|list|remove|path``: the snapshot archive (:mod:`tiekeeper.archive`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from tiekeeper.cli._common import format_option, resolve_format, step
from tiekeeper.output import emit

__all__ = ["archive_cmd", "archive_option"]

F = TypeVar("F", bound=Callable[..., Any])


def archive_option(func: F) -> F:
    """``--archive DIR``: the archive folder (default: $TIEKEEPER_ARCHIVE, else the data folder)."""
    return click.option(
        "--archive",
        "archive",
        type=click.Path(file_okay=False, path_type=str),
        default=None,
        metavar="DIR",
        help="The archive folder. Default: $TIEKEEPER_ARCHIVE, else tiekeeper's folder in your "
        "user data folder ('tiekeeper archive path' shows it).",
    )(func)


@click.group("archive")
def archive_cmd() -> None:
    """Keep a compact snapshot of each export, so the old zip need not be kept.

    'archive add' stores an export's parsed data (Parquet, owner-only
    permissions) in your user data folder, or in --archive DIR or
    $TIEKEEPER_ARCHIVE. It holds your own messages unless you pass
    --no-message-text. Nothing is written there except by 'archive add' and
    'archive remove'. Then 'tiekeeper changes NEW.zip' compares a new export
    with the latest archived one.
    """


@archive_cmd.command("add")
@click.argument("export", metavar="EXPORT")
@click.option(
    "--no-message-text",
    is_flag=True,
    help="Store messages without their content: only a digest of each text and the flags "
    "judgement needs (closer, broadcast, names a company, word count).",
)
@archive_option
def add_cmd(export: str, no_message_text: bool, archive: str | None) -> None:
    """Store a snapshot of EXPORT (a zip or folder); the same export is stored once."""
    from tiekeeper.archive import add

    with step("Archiving the export…"):
        result = add(export, archive=archive, message_text=not no_message_text)
    click.echo(result.message)


@archive_cmd.command("list")
@format_option
@archive_option
def list_cmd(fmt: str | None, archive: str | None) -> None:
    """The archived snapshots: export date, owner, counts and size on disk."""
    from tiekeeper.archive import archive_path, list_snapshots

    rows = list_snapshots(archive)
    fmt = resolve_format(fmt, None)
    if fmt == "table":
        if rows.height == 0:
            click.echo(
                f"No snapshot in {archive_path(archive)}; add one with "
                "'tiekeeper archive add EXPORT'."
            )
            return
        rows = rows.drop("path", "tiekeeper_version")
    emit(rows, fmt, title=f"Archived snapshots in {archive_path(archive)}")


@archive_cmd.command("remove")
@click.argument("date", metavar="DATE")
@archive_option
def remove_cmd(date: str, archive: str | None) -> None:
    """Remove the snapshot(s) of the export of DATE (YYYY-MM-DD, as 'archive list' shows)."""
    from tiekeeper.archive import remove

    for path in remove(date, archive=archive):
        click.echo(f"Removed {path}")


@archive_cmd.command("path")
@archive_option
def path_cmd(archive: str | None) -> None:
    """Print the archive folder (it may not exist yet: only 'archive add' creates it)."""
    from tiekeeper.archive import archive_path

    click.echo(str(archive_path(archive)))
