"""The ``tiekeeper`` command line.

Every command reads your LinkedIn export (a .zip, a folder or one CSV file;
by default the bundled, fictional sample), makes one library call and prints
the result. Tables are readable in a terminal; ``--format csv|json`` is for
spreadsheets and programs. ``-o FILE`` writes the type of file its suffix
names (``.csv``, ``.json``, ``.parquet``, ``.txt``, ``.xlsx``; ``.html`` for the report;
``.graphml``, ``.gexf``, ``.json`` for the network). A mistake gives one
``Error: …`` line and exit code 1 (2 for a malformed option or an output
suffix that names no format), never a traceback; notes about the input go to
stderr, so the data on stdout stays parseable.

Examples
--------
>>> from click.testing import CliRunner
>>> result = CliRunner().invoke(cli, ["--help"])
>>> result.exit_code, "reach-out" in result.output
(0, True)
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from tiekeeper import __version__
from tiekeeper.cli._archive import archive_cmd
from tiekeeper.cli._changes import changes_cmd
from tiekeeper.cli._common import TiekeeperGroup
from tiekeeper.cli._db import db_cmd
from tiekeeper.cli._files import graph_cmd, info_cmd, notebooks_cmd, report_cmd, sample_cmd
from tiekeeper.cli._people import career_cmd, fading_cmd, reach_out_cmd, who_at_cmd
from tiekeeper.cli._state import cadence_cmd, contacted_cmd, ignore_cmd, snooze_cmd

__all__ = ["cli", "main"]


@click.group(
    name="tiekeeper",
    cls=TiekeeperGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="tiekeeper")
def cli() -> None:
    """Keep your professional relationships alive, from your own LinkedIn export.

    Download your data from LinkedIn (Settings, Data privacy, Get a copy of your
    data), then pass the .zip to any command as EXPORT. Without EXPORT, the
    bundled fictional sample is used. Nothing is ever sent over the network.

    Start with: tiekeeper report -o report.html
    """


for _command in (
    report_cmd,
    fading_cmd,
    reach_out_cmd,
    who_at_cmd,
    career_cmd,
    changes_cmd,
    archive_cmd,
    info_cmd,
    graph_cmd,
    db_cmd,
    sample_cmd,
    notebooks_cmd,
    contacted_cmd,
    snooze_cmd,
    ignore_cmd,
    cadence_cmd,
):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (the ``tiekeeper`` script and ``python -m tiekeeper``)."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="tiekeeper")
