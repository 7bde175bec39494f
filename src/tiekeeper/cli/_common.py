"""What every command shares: the group, error handling, options, progress.

The group turns a user's mistake (any :class:`~tiekeeper.errors.TiekeeperError`
or ``OSError``) into one ``Error: …`` line on stderr and exit code 1; click's
own usage errors keep exit code 2. tiekeeper's warnings (a stale export, say)
are printed as one ``Warning: …`` line each.

Every output path (``-o``, ``--ics``) names the type of file it gets by its
suffix (:data:`TABLE_SUFFIXES`, :data:`REPORT_SUFFIXES`, :data:`GRAPH_SUFFIXES`,
:data:`ICS_SUFFIXES`); an unknown suffix, or a ``--format`` that contradicts
it, is a :class:`OptionLineError`: one ``Error: …`` line and exit code 2,
before any work is done.

Examples
--------
>>> one_line(ValueError("first\\n  second"))
'first second'
>>> output_format(Path("~/plan.CSV"), TABLE_SUFFIXES)
'csv'
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tiekeeper.asof import resolve_as_of
from tiekeeper.errors import ParameterError, TiekeeperError, TiekeeperWarning

if TYPE_CHECKING:  # pragma: no cover
    from tiekeeper.io import Export

__all__ = [
    "GRAPH_SUFFIXES",
    "ICS_SUFFIXES",
    "REPORT_SUFFIXES",
    "TABLE_SUFFIXES",
    "AsOfType",
    "OptionLineError",
    "TiekeeperGroup",
    "as_of_option",
    "check_output_path",
    "export_argument",
    "format_option",
    "ics_callback",
    "load",
    "note",
    "note_missing",
    "one_line",
    "output_format",
    "output_option",
    "redact_option",
    "resolve_format",
    "step",
]

F = TypeVar("F", bound=Callable[..., Any])

#: What ``-o`` writes for the commands that print tables, by suffix.
TABLE_SUFFIXES: dict[str, str] = {
    ".csv": "csv",
    ".json": "json",
    ".parquet": "parquet",
    ".txt": "table",
    ".xlsx": "xlsx",
}
#: What ``report -o`` writes.
REPORT_SUFFIXES: dict[str, str] = {".html": "html"}
#: What ``graph -o`` writes.
GRAPH_SUFFIXES: dict[str, str] = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}
#: What ``--ics`` writes.
ICS_SUFFIXES: dict[str, str] = {".ics": "ics"}
#: Suffixes people try that tiekeeper does not write yet, with what to use instead.
_NOT_YET = {
    ".xls": ".xlsx",
    ".xlsm": ".xlsx",
    ".ods": ".xlsx",
    ".htm": ".html",
    ".tsv": ".csv",
    ".md": ".txt",
}


class OptionLineError(click.ClickException):
    """A malformed option value, shown as one ``Error: …`` line with exit code 2.

    click's own usage errors add the usage text; an output path with the wrong
    suffix needs only the one line saying what was expected and what to do.
    """

    exit_code = 2


def note(message: str) -> None:
    """Tell the user something on stderr (``Note: …``), keeping stdout for the data.

    For what a partial export lacks, say, so that ``--format json`` output
    stays valid JSON.

    Examples
    --------
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... def hello() -> None:
    ...     note("Messages are missing from this export.")
    ...     click.echo("[]")
    >>> result = CliRunner().invoke(hello)
    >>> result.stdout, result.stderr
    ('[]\\n', 'Note: Messages are missing from this export.\\n')
    """
    click.echo(f"Note: {one_line(Exception(message))}", err=True)


def one_line(err: BaseException) -> str:
    """The message of ``err`` on one line, naming the file for an ``OSError``."""
    if isinstance(err, OSError) and not isinstance(err, TiekeeperError) and err.strerror:
        where = f"{err.filename}: " if err.filename is not None else ""
        text = f"{where}{err.strerror}"
    else:
        text = str(err) or type(err).__name__
    return " ".join(text.split())


class TiekeeperGroup(click.Group):
    """A click group that reports user errors in one line, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TiekeeperWarning)
            try:
                return super().invoke(ctx)
            except BrokenPipeError:
                raise
            except (TiekeeperError, OSError) as err:
                if isinstance(err, OSError) and err.errno == errno.EPIPE:
                    raise
                raise click.ClickException(one_line(err)) from err
            finally:
                _show(caught)


def _show(caught: list[warnings.WarningMessage]) -> None:
    for w in caught:
        if issubclass(w.category, TiekeeperWarning):
            click.echo(f"Warning: {one_line(Exception(str(w.message)))}", err=True)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno, w.file, w.line)


@contextmanager
def step(message: str) -> Iterator[None]:
    """Show a spinner on stderr while a long step runs, only on a terminal.

    When stderr is piped or captured (scripts, tests) nothing is printed.
    """
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield
        return
    with console.status(message):
        yield


class AsOfType(click.ParamType):
    """A date or an ISO datetime with an offset, resolved to aware UTC."""

    name = "date"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.datetime:
        if isinstance(value, dt.datetime):
            return value
        try:
            return resolve_as_of(str(value), name="--as-of")
        except ParameterError:
            self.fail(
                f"{value!r} is not a date; expected YYYY-MM-DD (e.g. 2024-03-01) or an ISO "
                "datetime with a UTC offset (e.g. 2024-03-01T09:00:00+01:00)",
                param,
                ctx,
            )


def export_argument(func: F) -> F:
    """The optional ``EXPORT`` argument: a zip, a folder or one CSV file."""
    return click.argument("export", required=False, metavar="[EXPORT]")(func)


def as_of_option(func: F) -> F:
    """``--as-of DATE``: score as of that day instead of the export date."""
    return click.option(
        "--as-of",
        type=AsOfType(),
        default=None,
        metavar="DATE",
        help="Score as of this day (YYYY-MM-DD, end of day UTC) instead of the export date.",
    )(func)


def format_option(func: F) -> F:
    """``--format table|csv|json``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json"]),
        default=None,
        help="table for people (default), csv for spreadsheets, json for programs. "
        "With -o, the file's suffix picks the format (.txt is the table); --format, if "
        "given, must agree with it.",
    )(func)


def redact_option(func: F) -> F:
    """``--redact``: pseudonyms instead of names; no URLs, e-mails or messages."""
    return click.option(
        "--redact",
        is_flag=True,
        help="Replace every name with a pseudonym (random per run) and drop profile URLs, "
        "e-mail addresses and message text, for sharing.",
    )(func)


def note_missing(export: Export, view: str) -> None:
    """Say on stderr what a partial export lacks for ``view``, if anything.

    ``view`` is a key of :data:`tiekeeper.io.categories.NEEDS` ("fading",
    "plan", "career", …); the sentence is
    :func:`tiekeeper.io.categories.what_is_missing`'s. Nothing is printed when
    the export has what the view needs.
    """
    from tiekeeper.io.categories import what_is_missing

    text = what_is_missing(export, view)
    if text:
        note(text)


def check_output_path(path: Path, flag: str = "-o") -> Path:
    """Refuse an output path that cannot be written, before any work is done.

    Raises
    ------
    ParameterError
        If the path is a folder, its folder is missing or is a file, or the
        folder is not writable.

    Examples
    --------
    >>> check_output_path(Path("/no/such/folder/report.html"))
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: -o /no/such/folder/report.html: the folder ...
    """
    path = path.expanduser()
    parent = path.parent
    if path.is_dir():
        raise ParameterError(f"{flag} {path}: this is a folder; expected a file path inside it")
    if not parent.exists():
        raise ParameterError(
            f"{flag} {path}: the folder {parent} does not exist; "
            "create it first or write somewhere else"
        )
    if not parent.is_dir():
        raise ParameterError(
            f"{flag} {path}: {parent} is a file, not a folder; choose another path"
        )
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ParameterError(f"{flag} {path}: permission denied; choose a folder you can write to")
    return path


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def output_format(path: Path, suffixes: dict[str, str], flag: str = "-o") -> str:
    """The format an output path names by its suffix (any case).

    Raises
    ------
    OptionLineError
        For a suffix not in ``suffixes`` (exit code 2).

    Examples
    --------
    >>> output_format(Path("net.gexf"), GRAPH_SUFFIXES)
    'gexf'
    >>> output_format(Path("out.xls"), TABLE_SUFFIXES)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.cli._common.OptionLineError: -o out.xls: unknown suffix '.xls'; expected ...
    """
    suffix = path.suffix.lower()
    fmt = suffixes.get(suffix)
    if fmt is not None:
        return fmt
    known = list(suffixes)
    found = f"unknown suffix {path.suffix!r}" if path.suffix else "no suffix"
    instead = _NOT_YET.get(suffix)
    todo = (
        f"{path.suffix} files are not written yet; name it {path.stem}{instead}"
        if instead in known
        else f"name it e.g. {path.stem}{known[0]}"
    )
    raise OptionLineError(
        f"{flag} {path}: {found}; expected a file name ending in {_listed(known)}; {todo}"
    )


def _output_callback(
    suffixes: dict[str, str], flag: str
) -> Callable[[click.Context, click.Parameter, str | None], Path | None]:
    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
        if value is None:
            return None
        path = check_output_path(Path(value), flag)  # expands ~
        if output_format(path, suffixes, flag) == "xlsx":
            from tiekeeper.excel import require_excel

            require_excel(f"{flag} {path}")  # before any work is done
        return path

    return callback


def output_option(
    default: str | None = None,
    help: str = "Write to this file.",
    suffixes: dict[str, str] = TABLE_SUFFIXES,
) -> Callable[[F], F]:
    """``-o/--output FILE``: its suffix checked against ``suffixes``, its folder writable.

    Both checks run before the command does any work; ``~`` is expanded.
    """
    kinds = _listed(list(suffixes))
    rule = f"The suffix picks the format: {kinds}." if len(suffixes) > 1 else f"It ends in {kinds}."

    def decorate(func: F) -> F:
        return click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=True, path_type=str),
            default=default,
            show_default=default is not None,
            metavar="FILE",
            callback=_output_callback(suffixes, "-o"),
            help=f"{help} {rule}",
        )(func)

    return decorate


def ics_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """The ``--ics FILE`` callback: a ``.ics`` suffix in a writable folder, ``~`` expanded."""
    return _output_callback(ICS_SUFFIXES, "--ics")(ctx, param, value)


def resolve_format(fmt: str | None, output: Path | None) -> str:
    """The table format: from the ``-o`` suffix, else ``--format``, else ``table``.

    Raises
    ------
    OptionLineError
        When ``--format`` contradicts the suffix of ``-o`` (exit code 2).

    Examples
    --------
    >>> resolve_format(None, Path("x.CSV")), resolve_format("json", None)
    ('csv', 'json')
    >>> resolve_format(None, None), resolve_format("table", Path("plan.txt"))
    ('table', 'table')
    >>> resolve_format("json", Path("plan.csv"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.cli._common.OptionLineError: --format json contradicts -o plan.csv, ...
    """
    if output is None:
        return fmt or "table"
    named = output_format(output, TABLE_SUFFIXES)
    if fmt is not None and fmt != named:
        wanted = next(s for s, f in TABLE_SUFFIXES.items() if f == fmt)
        raise OptionLineError(
            f"--format {fmt} contradicts -o {output}, which names a {named} file; "
            f"drop --format, or name the file {output.stem}{wanted}"
        )
    return named


def load(export: str | None, as_of: dt.datetime | None) -> Export:
    """Load ``export`` (default: the bundled sample) with a spinner."""
    from tiekeeper.io import load_export

    with step("Reading the export…"):
        return load_export(export, as_of=as_of)
