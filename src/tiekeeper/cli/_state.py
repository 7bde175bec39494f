"""Commands that write your own state file: ``contacted``, ``snooze``, ``ignore``, ``cadence``.

Each one names a person the way you like (a name, a profile URL or a
``person_id``), checks that the export has exactly that one person, makes one
call to :mod:`tiekeeper.state` and prints one line saying what was written
where. The state file is ``tiekeeper.toml`` next to your export unless
``--state FILE`` says otherwise; the bundled sample lives inside tiekeeper, so
with it ``--state`` is required. Nothing ever edits the export itself.

``reach-out --record`` uses :func:`state_options` and :func:`record` from here,
so that the plans of later weeks rotate to other people.

Examples
--------
>>> from click.testing import CliRunner
>>> from tiekeeper.cli import cli
>>> result = CliRunner().invoke(cli, ["snooze", "Ada", "--until", "2025-06-01"])
>>> result.exit_code, "--state" in result.stderr
(1, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tiekeeper.cli._common import as_of_option, export_argument, load
from tiekeeper.errors import ExportNotFoundError, ParameterError
from tiekeeper.wording import counted

if TYPE_CHECKING:  # pragma: no cover
    from tiekeeper.state import PersonMatch

__all__ = [
    "cadence_cmd",
    "contacted_cmd",
    "ignore_cmd",
    "plan_state",
    "record",
    "snooze_cmd",
    "state_options",
    "state_target",
]

F = TypeVar("F", bound=Callable[..., Any])
_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _state_option(func: F) -> F:
    return click.option(
        "--state",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        metavar="FILE",
        help="Your state file (.toml). Default: tiekeeper.toml next to EXPORT; required with "
        "the bundled sample, which lives inside tiekeeper.",
    )(func)


def state_options(func: F) -> F:
    """``--state FILE`` and ``--record`` for ``reach-out`` (parameters ``state``, ``record_``)."""
    func = click.option(
        "--record",
        "record_",
        is_flag=True,
        help="Record this week's suggestions in your state file, so that next week's plan "
        "ranks them lower and shows other people.",
    )(func)
    return _state_option(func)


def _is_sample(export: str) -> bool:
    from tiekeeper.datasets import sample_path

    try:
        return Path(export).expanduser().resolve() == sample_path().resolve()
    except ExportNotFoundError:
        return False


def _state_path(state: str) -> Path:
    path = Path(state).expanduser()
    if path.suffix.lower() != ".toml":
        raise ParameterError(
            f"--state {state}: expected a file name ending in .toml, found "
            f"{path.suffix or 'no suffix'}; pass e.g. --state tiekeeper.toml"
        )
    if not path.parent.is_dir():
        raise ParameterError(
            f"--state {state}: the folder {path.parent} does not exist; create it first, "
            "or choose a file in an existing folder"
        )
    return path


def state_target(export: str | None, state: str | None) -> Path:
    """The state file a command writes: ``--state``, else ``tiekeeper.toml`` next to EXPORT.

    Raises
    ------
    ParameterError
        For a ``--state`` not ending in ``.toml`` or in a missing folder, or
        no ``--state`` with the bundled sample.
    ExportNotFoundError
        For an EXPORT path that does not exist.

    Examples
    --------
    >>> state_target("/no/such/export.zip", "/tmp/mine.toml").name
    'mine.toml'
    >>> state_target(None, None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: no EXPORT given, so the bundled sample is used; ...
    """
    from tiekeeper.state import default_state_path

    if state is not None:
        return _state_path(state)
    if export is None or _is_sample(export):
        given = f"EXPORT {export} is the bundled sample"
        if export is None:
            given = "no EXPORT given, so the bundled sample is used"
        raise ParameterError(
            f"{given}; its folder is inside tiekeeper and is never written to. Pass "
            "--state FILE.toml to keep your state elsewhere, or give your own export"
        )
    path = Path(export).expanduser()
    if not path.exists():
        raise ExportNotFoundError(
            f"{export}: no such file or folder; expected your LinkedIn export (a .zip, a folder "
            "or one CSV file), whose tiekeeper.toml sits next to it"
        )
    return default_state_path(path)


def plan_state(export: str | None, state: str | None, record: bool) -> tuple[Any, Path | None]:
    """What ``reach-out`` reads as state, and where ``--record`` writes (None without it).

    Without ``--state`` the plan reads ``tiekeeper.toml`` next to the export
    (None lets the library find it); with it, that file, which may be missing
    only when ``--record`` is about to create it.
    """
    from tiekeeper.state import State

    target = state_target(export, state) if record else None
    if state is None:
        return None, target
    path = _state_path(state)
    if path.is_file():
        return path, target
    if record:
        return State(path=path), target
    raise ParameterError(
        f"--state {state}: no such file; it is created by the first command that writes it "
        "(contacted, snooze, ignore, cadence or reach-out --record). Check the path"
    )


def record(target: Path, plan: Any) -> None:
    """Record the plan's suggestions in ``target`` and say so on stderr."""
    from tiekeeper.state import record_plan

    written = record_plan(target, plan)
    n = plan.suggestions.height
    click.echo(
        f"Recorded {n} suggestion{'' if n == 1 else 's'} of {plan.as_of.date()} in {written}; "
        "the next plans rank them lower",
        err=True,
    )


def _check_person(person: str, export: str | None) -> None:
    """Catch a forgotten PERSON: the only argument looks like an export (.zip, .csv, a folder)."""
    if export is None and (person.lower().endswith((".zip", ".csv")) or Path(person).is_dir()):
        name = click.get_current_context().info_name
        raise click.UsageError(
            f"PERSON is missing: {person!r} looks like your export; run "
            f"tiekeeper {name} PERSON {person}"
        )


def _load_person(
    export: str | None, as_of: dt.datetime | None, person: str
) -> tuple[PersonMatch, dt.date]:
    """Load the export and find PERSON in it; also return the export's as_of date."""
    from tiekeeper.state import find_person

    data = load(export, as_of)
    return find_person(data.people, person, what="PERSON"), data.as_of.date()


@click.command("contacted")
@click.argument("person")
@export_argument
@click.option(
    "--on",
    type=_DAY,
    default=None,
    metavar="DATE",
    help="The day you contacted them (YYYY-MM-DD). Default: the export date, or --as-of; "
    "tiekeeper never reads the computer's clock for this.",
)
@click.option("--note", default=None, metavar="TEXT", help="A note to keep with the entry.")
@as_of_option
@_state_option
def contacted_cmd(
    person: str,
    export: str | None,
    on: dt.datetime | None,
    note: str | None,
    as_of: dt.datetime | None,
    state: str | None,
) -> None:
    """Log that you contacted PERSON (a call, a coffee, an e-mail outside LinkedIn).

    The contact counts for their rhythm and recency, settles an owed reply
    older than it, and keeps them out of the plan for the cool-down (14 days).

    PERSON is a name (any case), a profile URL or a person_id; an unknown or
    shared name is refused with the close matches. EXPORT is your LinkedIn
    export (a .zip, a folder or one CSV file); without it, the bundled fictional
    sample is used, and then --state is required.
    """
    from tiekeeper.state import mark_contacted

    _check_person(person, export)
    target = state_target(export, state)
    who, today = _load_person(export, as_of, person)
    day = on.date() if on is not None else today
    written = mark_contacted(target, who.ref, on=day, note=note)
    click.echo(f"Logged a contact with {who.label} on {day} in {written}")


@click.command("snooze")
@click.argument("person")
@export_argument
@click.option(
    "--until",
    type=_DAY,
    required=True,
    metavar="DATE",
    help="The first day they may be suggested again (YYYY-MM-DD).",
)
@_state_option
def snooze_cmd(person: str, export: str | None, until: dt.datetime, state: str | None) -> None:
    """Leave PERSON out of the weekly plan until a date (owed replies included).

    Snoozing the same person again replaces the date.

    PERSON is a name (any case), a profile URL or a person_id; an unknown or
    shared name is refused with the close matches. EXPORT is your LinkedIn
    export (a .zip, a folder or one CSV file); without it, the bundled fictional
    sample is used, and then --state is required.
    """
    from tiekeeper.state import snooze

    _check_person(person, export)
    target = state_target(export, state)
    who, _ = _load_person(export, None, person)
    written = snooze(target, who.ref, until=until.date())
    click.echo(f"Snoozed {who.label} until {until.date()} in {written}")


@click.command("ignore")
@click.argument("person", required=False)
@export_argument
@click.option(
    "--company",
    default=None,
    metavar="NAME",
    help="Ignore everyone at this company instead of one person (any spelling: 'Acme Inc.' "
    "is 'ACME'). Then the only argument is EXPORT.",
)
@_state_option
def ignore_cmd(
    person: str | None, export: str | None, company: str | None, state: str | None
) -> None:
    """Never suggest PERSON again, or anyone at a company with --company NAME.

    Run it as tiekeeper ignore PERSON [EXPORT], or as tiekeeper ignore
    --company NAME [EXPORT]. To undo it, delete the line from your state file.

    PERSON is a name (any case), a profile URL or a person_id; an unknown or
    shared name is refused with the close matches. EXPORT is your LinkedIn
    export (a .zip, a folder or one CSV file); without it, the bundled fictional
    sample is used, and then --state is required.
    """
    from tiekeeper.state import ignore, ignore_company

    if company is not None:
        if person is not None and export is not None:
            raise click.UsageError(
                "with --company NAME, give only EXPORT; to ignore a person as well, run "
                "tiekeeper ignore PERSON [EXPORT] separately"
            )
        export = export if export is not None else person
        written = ignore_company(state_target(export, state), company)
        click.echo(f"Ignoring everyone at {company.strip()} from now on: written to {written}")
        return
    if person is None:
        raise click.UsageError("give PERSON to ignore, or --company NAME")
    _check_person(person, export)
    target = state_target(export, state)
    who, _ = _load_person(export, None, person)
    written = ignore(target, who.ref)
    click.echo(f"Ignoring {who.label} from now on: written to {written}")


@click.command("cadence")
@click.argument("person")
@click.argument("days", type=click.FloatRange(min=0, min_open=True, max=36525))
@export_argument
@_state_option
def cadence_cmd(person: str, days: float, export: str | None, state: str | None) -> None:
    """Set how often you want to talk to PERSON: every DAYS days.

    The target replaces the rhythm learned from your history when tiekeeper
    judges whether the tie is on track, cooling or fading.

    PERSON is a name (any case), a profile URL or a person_id; an unknown or
    shared name is refused with the close matches. EXPORT is your LinkedIn
    export (a .zip, a folder or one CSV file); without it, the bundled fictional
    sample is used, and then --state is required.
    """
    from tiekeeper.state import set_cadence

    _check_person(person, export)
    target = state_target(export, state)
    who, _ = _load_person(export, None, person)
    value: float = int(days) if float(days).is_integer() else days
    written = set_cadence(target, who.ref, value)
    click.echo(f"Set a target of every {counted(value, 'day')} with {who.label} in {written}")
