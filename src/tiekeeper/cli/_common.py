"""What every command shares: the group, error handling, options, progress.

The group turns a user's mistake (any :class:`~tiekeeper.errors.TiekeeperError`
or ``OSError``) into one ``Error: …`` line on stderr and exit code 1; click's
own usage errors keep exit code 2. tiekeeper's warnings (a stale export, say)
are printed as one ``Warning: …`` line each.

Examples
--------
>>> one_line(ValueError("first\\n  second"))
'first second'
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
    "AsOfType",
    "TiekeeperGroup",
    "as_of_option",
    "check_output_path",
    "export_argument",
    "format_option",
    "load",
    "one_line",
    "output_option",
    "redact_option",
    "resolve_format",
    "step",
]

F = TypeVar("F", bound=Callable[..., Any])


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
        "With -o, a .csv or .json suffix picks the format.",
    )(func)


def redact_option(func: F) -> F:
    """``--redact``: pseudonyms instead of names; no URLs, e-mails or messages."""
    return click.option(
        "--redact",
        is_flag=True,
        help="Replace every name with a pseudonym (random per run) and drop profile URLs, "
        "e-mail addresses and message text, for sharing.",
    )(func)


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


def _output_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    return None if value is None else check_output_path(Path(value))


def output_option(
    default: str | None = None, help: str = "Write to this file."
) -> Callable[[F], F]:
    """``-o/--output FILE``, checked to be writable before the command runs."""

    def decorate(func: F) -> F:
        return click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=True, path_type=str),
            default=default,
            show_default=default is not None,
            metavar="FILE",
            callback=_output_callback,
            help=help,
        )(func)

    return decorate


def resolve_format(fmt: str | None, output: Path | None) -> str:
    """The output format: explicit, else from the ``-o`` suffix, else ``table``.

    Examples
    --------
    >>> resolve_format(None, Path("x.CSV")), resolve_format("json", None)
    ('csv', 'json')
    >>> resolve_format(None, None)
    'table'
    """
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower() if output is not None else ""
    return {".csv": "csv", ".json": "json"}.get(suffix, "table")


def load(export: str | None, as_of: dt.datetime | None) -> Export:
    """Load ``export`` (default: the bundled sample) with a spinner."""
    from tiekeeper.io import load_export

    with step("Reading the export…"):
        return load_export(export, as_of=as_of)
