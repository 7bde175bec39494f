"""Commands that write files or describe the input: ``report``, ``graph``,
``info``, ``sample`` and ``notebooks``."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import click

from tiekeeper.cli._common import (
    GRAPH_SUFFIXES,
    REPORT_SUFFIXES,
    as_of_option,
    export_argument,
    format_option,
    load,
    output_option,
    redact_option,
    resolve_format,
    step,
)
from tiekeeper.cli._state import plan_state
from tiekeeper.cli._views import WIDE, parse_report_view, unused_files, wrap_items, wrap_text
from tiekeeper.errors import ParameterError
from tiekeeper.output import emit, graph_json_text, table_console

__all__ = ["graph_cmd", "info_cmd", "notebooks_cmd", "report_cmd", "sample_cmd"]


@click.command("report")
@export_argument
@output_option(
    default="report.html", help="The HTML file to write (overwritten).", suffixes=REPORT_SUFFIXES
)
@redact_option
@as_of_option
@click.option(
    "--state",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    metavar="FILE",
    help="Read your state file (.toml: ignored, snoozed, target cadences, logged contacts). "
    "Default: tiekeeper.toml next to EXPORT, if there is one.",
)
@click.option(
    "--previous",
    "previous",
    multiple=True,
    type=click.Path(path_type=str),
    metavar="OLD",
    help="An earlier export of yours (zip or folder); repeat for more. Adds the section "
    "'What changed since your last export' and scores the exports' merged record.",
)
@click.option(
    "--images",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    metavar="DIR",
    help="Also write each chart as a PNG in DIR (created if missing), for slides and "
    "pages that strip JavaScript. Needs kaleido (pip install 'tiekeeper[images]') and "
    "Chrome or Chromium.",
)
@click.option("--open", "open_", is_flag=True, help="Open the written report in your browser.")
def report_cmd(
    export: str | None,
    output: Path,
    redact: bool,
    as_of: dt.datetime | None,
    state: str | None,
    previous: tuple[str, ...],
    images: str | None,
    open_: bool,
) -> None:
    """Write the HTML report: one self-contained file that works offline.

    It shows whom to reach out to this week, owed replies, fading ties, former
    colleagues by job and your network. Prints the path of the file. EXPORT is
    your LinkedIn export (a .zip, a folder or one CSV file); without it, the
    bundled fictional sample is used. With --previous OLD (repeatable), it also
    shows who moved, took a new title, joined or left since your earlier exports.
    With --images DIR, each chart is also written as DIR/<chart>.png and its path
    printed.
    """
    from tiekeeper.report import Report

    if images is not None:
        from tiekeeper.plots.static import require_kaleido

        require_kaleido("--images")  # before any work is done
        folder = Path(images).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise click.UsageError(
                f"--images {images}: cannot create that folder ({err.strerror or err}); "
                "pass a folder you can write to"
            ) from err
        if not os.access(folder, os.W_OK):
            raise click.UsageError(f"--images {images}: cannot write there; pass another folder")
    state_in, _ = plan_state(export, state, False)
    data: Any
    if previous:
        if export is None:
            raise click.UsageError(
                "--previous needs EXPORT, your newest export: "
                "tiekeeper report NEW.zip --previous OLD.zip"
            )
        from tiekeeper.history import load_history

        paths = [str(Path(p).expanduser()) for p in (*previous, export)]
        with step("Reading the exports…"):
            data = load_history(paths)
        for line in data.notes:
            click.echo(f"Note: {line}", err=True)
    else:
        data = load(export, as_of)
    report = Report(data, as_of=as_of, redact=redact, state=state_in)
    with step("Building the report…"):
        written = report.write_html(output)
    path = Path(written) if written is not None else output
    click.echo(str(path))
    if images is not None:
        with step("Drawing the charts as images…"):
            pictures = report.write_images(images)
        for picture in pictures:
            click.echo(str(picture))
    if open_:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


@click.command("graph")
@export_argument
@output_option(
    default="network.graphml",
    help="The file to write: .graphml (Gephi, yEd, Cytoscape), .gexf (Gephi) or .json "
    "(node-link JSON, for programs and d3).",
    suffixes=GRAPH_SUFFIXES,
)
@redact_option
@as_of_option
def graph_cmd(export: str | None, output: Path, redact: bool, as_of: dt.datetime | None) -> None:
    """Write your network as a GraphML, GEXF or JSON file for Gephi and similar tools.

    Nodes are you and the people in the export, with strength, status and
    company; edges link people who shared group conversations or an employer.
    Prints the path of the file. EXPORT is your LinkedIn export; without it, the
    bundled fictional sample is used.
    """
    from tiekeeper.graph import build_graph, write_graph

    data = load(export, as_of)
    with step("Building the network…"):
        graph = build_graph(data, as_of=as_of)
    if redact:
        from tiekeeper.report.redact import Redactor

        graph = Redactor.from_export(data).graph(graph)
    if GRAPH_SUFFIXES[output.suffix.lower()] == "json":
        output.write_text(graph_json_text(graph), encoding="utf-8")
    else:
        write_graph(graph, output)
    click.echo(str(output))


_REPORT_COLUMNS = [
    "file",
    "logical_name",
    "status",
    "rows_read",
    "rows_parsed",
    "rows_rejected",
    "rows_skipped",
    "reason",
]


@click.command("info")
@export_argument
@click.option(
    "--rejected",
    "show_rejected",
    is_flag=True,
    help="List every rejected row (file, line, reason, the row as read).",
)
@format_option
@output_option(help="Write the table to this file instead of the terminal.")
def info_cmd(export: str | None, show_rejected: bool, fmt: str | None, output: Path | None) -> None:
    """What was found in the export: a summary, and the parse report per file.

    Every row of every file is either parsed, rejected (with the reason) or
    skipped as empty; this shows the counts, and --rejected lists the rejected
    rows. EXPORT is your LinkedIn export; without it, the bundled fictional
    sample is used.
    """
    fmt = resolve_format(fmt, output)
    data = load(export, None)
    if show_rejected:
        frame, title = data.rejected, "Rejected rows"
    else:
        columns = [c for c in _REPORT_COLUMNS if c in data.parse_report.columns]
        frame, title = data.parse_report.select(columns), "Parse report"
        if fmt != "table":
            frame = data.parse_report
    if fmt != "table":
        emit(frame, fmt, output=output)
        return
    unused: list[str] = []
    if not show_rejected:
        frame = parse_report_view(data.parse_report)
        unused = unused_files(data.parse_report)
    with table_console(output) as console:
        width = console.width

        def say(text: str) -> None:
            console.print(wrap_text(text, width), markup=False, highlight=False, soft_wrap=True)

        say(data.summary())
        if show_rejected and frame.height == 0:
            say("No rejected rows.")
        else:
            wide = ("raw",) if show_rejected else WIDE
            emit(frame, "table", title=title, console=console, wide=wide)
        if unused:
            line = wrap_items("Not used (kept in other_files):", unused, width)
            console.print(line, markup=False, highlight=False, soft_wrap=True)


@click.command("sample")
@click.argument("out_dir", type=click.Path(path_type=str))
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option(
    "--zip",
    "as_zip",
    is_flag=True,
    help="Write a Basic_LinkedInDataExport_MM-DD-YYYY.zip in OUT_DIR instead of loose files.",
)
def sample_cmd(out_dir: str, seed: int, as_zip: bool) -> None:
    """Write an entirely fictional export to OUT_DIR, to try tiekeeper safely.

    The sample has the layout of a real LinkedIn export; the same seed always
    writes the same files. Prints the path written.
    """
    target = Path(out_dir).expanduser()
    if target.exists() and not target.is_dir():
        raise ParameterError(f"OUT_DIR {target}: this is a file; expected a folder")
    from tiekeeper.datasets import make_sample_export

    with step("Writing the sample export…"):
        written = make_sample_export(target, seed=seed, fmt="zip" if as_zip else "folder")
    click.echo(str(written))


@click.command("notebooks")
@click.argument("dir", type=click.Path(path_type=str))
@click.option(
    "--export",
    "export_path",
    metavar="EXPORT",
    default=None,
    help="Point the notebooks at this export (zip or folder) instead of the bundled sample.",
)
@click.option("--force", is_flag=True, help="Overwrite notebooks that already exist in DIR.")
def notebooks_cmd(dir: str, export_path: str | None, force: bool) -> None:
    """Copy the numbered tutorial notebooks to DIR, ready to run.

    Their first cell sets EXPORT = None, the bundled fictional sample; replace
    it with the path to your own export, or pass --export. Prints each file
    written. Open them with: jupyter lab DIR
    """
    from tiekeeper.notebooks import write_notebooks

    written = write_notebooks(dir, export=export_path, overwrite=force)
    for path in written:
        click.echo(str(path))
    click.echo(f"Open them with: jupyter lab {dir}", err=True)
