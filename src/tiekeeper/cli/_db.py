"""``tiekeeper db``: the whole export, its scores and the plan in one SQLite file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from tiekeeper.cli._common import (
    as_of_option,
    export_argument,
    load,
    output_option,
    redact_option,
    step,
)
from tiekeeper.cli._state import plan_state

__all__ = ["DB_SUFFIXES", "db_cmd"]

#: What ``db -o`` writes.
DB_SUFFIXES: dict[str, str] = {".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite"}


@click.command("db")
@export_argument
@output_option(
    default="linkedin.db",
    help="The SQLite file to write (replaced atomically).",
    suffixes=DB_SUFFIXES,
)
@click.option(
    "--no-message-text",
    "no_text",
    is_flag=True,
    help="Leave message subjects and contents, invitation notes and the full-text index out.",
)
@redact_option
@click.option(
    "-k",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many people the plan table suggests.",
)
@as_of_option
@click.option(
    "--state",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    metavar="FILE",
    help="Read your state file (.toml) for the scores and the plan. "
    "Default: tiekeeper.toml next to EXPORT, if there is one.",
)
def db_cmd(
    export: str | None,
    output: Path,
    no_text: bool,
    redact: bool,
    k: int,
    as_of: dt.datetime | None,
    state: str | None,
) -> None:
    """Write the export, the scores and the plan to one SQLite file, for Datasette.

    Every table of the export (people, connections, messages, interactions …)
    becomes a table, with `score`, `plan`, `message_recipients`, a full-text
    index of the messages (messages_fts) and a `_meta` table. Open it with
    `datasette linkedin.db`, DuckDB or sqlite3. The file holds your messages:
    keep it private, or use --no-message-text or --redact. Prints the path of
    the file. EXPORT is your LinkedIn export; without it, the bundled
    fictional sample is used.
    """
    from tiekeeper.database import require_sqlite_utils, write_sqlite

    require_sqlite_utils("tiekeeper db")
    state_in, _ = plan_state(export, state, False)
    data = load(export, as_of)
    with step("Writing the database…"):
        written = write_sqlite(
            data, output, as_of=as_of, k=k, state=state_in, message_text=not no_text, redact=redact
        )
    click.echo(str(written))
