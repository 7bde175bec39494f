"""Commands that list people: ``fading``, ``reach-out``, ``who-at``, ``career``.

Each one loads the export, makes one library call, and prints a frame with
:func:`tiekeeper.output.emit` (table, CSV or JSON), redacted on request.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import polars as pl

from tiekeeper.cli._common import (
    as_of_option,
    export_argument,
    format_option,
    ics_callback,
    load,
    note,
    note_missing,
    output_option,
    redact_option,
    resolve_format,
    step,
)
from tiekeeper.cli._state import plan_state, record, state_options
from tiekeeper.cli._views import (
    COMPACT_BELOW,
    WIDE,
    career_view,
    fading_view,
    plan_view,
    who_at_view,
)
from tiekeeper.output import emit, table_console

if TYPE_CHECKING:  # pragma: no cover
    from tiekeeper.io import Export
    from tiekeeper.report.redact import Redactor

__all__ = ["career_cmd", "fading_cmd", "reach_out_cmd", "who_at_cmd"]

#: Statuses a tie can have, in the order of urgency.
STATUSES = ("fading", "lapsed", "cooling", "dormant", "on track", "never interacted")
_TABLE_ROWS = 25
_DIGITS = {"priority": 2, "drop_from_peak": 2, "overdue_ratio": 1, "strength": 0}
_LIMIT_HELP = "Show at most N rows (0 = all). Default: 25 in a table, all in CSV/JSON/Parquet."


def _redactor(export: Export) -> Redactor:
    """The report's redactor (one implementation for every output)."""
    from tiekeeper.report.redact import Redactor

    return Redactor.from_export(export)


def _compact(output: Path | None) -> bool:
    """Whether the terminal is too narrow for the full table (files are 160 wide)."""
    from rich.console import Console

    return output is None and Console().width < COMPACT_BELOW


def _present(df: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    return df.select([c for c in columns if c in df.columns])


def _limit(df: pl.DataFrame, limit: int | None, fmt: str) -> tuple[pl.DataFrame, str | None]:
    n = limit if limit is not None else (_TABLE_ROWS if fmt == "table" else 0)
    if n == 0 or df.height <= n:
        return df, None
    return df.head(n), f"Showing {n} of {df.height}; --limit 0 shows all."


def _score(export: Export, as_of: dt.datetime | None) -> pl.DataFrame:
    from tiekeeper.scoring.strength import score

    with step("Scoring relationships…"):
        return score(export, as_of=as_of)


_FADING_FULL = [
    "person_id",
    "name",
    "profile_url",
    "company",
    "title",
    "status",
    "tier",
    "strength",
    "peak_strength",
    "drop_from_peak",
    "cadence_days",
    "days_since",
    "overdue_ratio",
    "last_contact",
    "priority",
    "reasons",
]


@click.command("fading")
@export_argument
@as_of_option
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Only these statuses (repeatable). Default: fading, lapsed and cooling.",
)
@click.option(
    "--sort",
    type=click.Choice(["priority", "drop"]),
    default="priority",
    show_default=True,
    help="priority: who to contact first; drop: the biggest fall from each tie's peak.",
)
@click.option("-n", "--limit", type=click.IntRange(min=0), default=None, help=_LIMIT_HELP)
@format_option
@redact_option
@output_option(help="Write the list to this file instead of the terminal.")
def fading_cmd(
    export: str | None,
    as_of: dt.datetime | None,
    statuses: tuple[str, ...],
    sort: str,
    limit: int | None,
    fmt: str | None,
    redact: bool,
    output: Path | None,
) -> None:
    """Relationships that are cooling, fading or lapsed against their own rhythm.

    A tie is judged against how often you usually talk to that person: fading
    means four to eight times your usual gap has passed. EXPORT is your LinkedIn
    export (a .zip, a folder or one CSV file); without it, the bundled fictional
    sample is used.
    """
    fmt = resolve_format(fmt, output)
    data = load(export, as_of)
    note_missing(data, "fading")
    scores = _score(data, as_of)
    wanted = list(statuses) or ["fading", "lapsed", "cooling"]
    key = "priority" if sort == "priority" else "drop_from_peak"
    rows = scores.filter(pl.col("status").is_in(wanted)).sort(
        [key, "strength"], descending=True, nulls_last=True
    )
    rows = _present(rows, _FADING_FULL)
    if redact:
        rows = _redactor(data).frame(rows)
    rows, caption = _limit(rows, limit, fmt)
    if fmt == "table":
        rows = fading_view(rows, compact=_compact(output))
    title = f"Fading relationships ({', '.join(wanted)})"
    emit(rows, fmt, output=output, title=title, caption=caption, digits=_DIGITS, wide=WIDE)


_PLAN_FULL = [
    "slot",
    "person_id",
    "name",
    "profile_url",
    "company",
    "title",
    "kind",
    "status",
    "strength",
    "last_contact",
    "priority",
    "reasons",
    "opener",
]
_PLAN_LISTS = (
    ("owed_replies", "Owed replies: answer these first"),
    ("suggestions", "Reach out this week"),
    ("give_space", "Give them space"),
)


def _redact_plan(plan: Any, redactor: Redactor) -> Any:
    frames = {attr: redactor.frame(getattr(plan, attr)) for attr, _ in _PLAN_LISTS}
    notes = tuple(redactor.text(n) or "" for n in getattr(plan, "notes", ()))
    return dataclasses.replace(plan, notes=notes, **frames)


@click.command("reach-out")
@export_argument
@as_of_option
@click.option(
    "-k",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many people to suggest.",
)
@click.option(
    "--ics",
    type=click.Path(path_type=str),
    callback=ics_callback,
    metavar="FILE",
    help="Also write the plan as calendar reminders (.ics) to FILE.",
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="First day of the reminders (YYYY-MM-DD). Default: today, the one place where "
    "tiekeeper reads the computer's clock.",
)
@click.option(
    "--per-week",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Reminders per week in the .ics file.",
)
@state_options
@format_option
@redact_option
@output_option(help="Write the plan to this file instead of the terminal.")
def reach_out_cmd(
    export: str | None,
    as_of: dt.datetime | None,
    k: int,
    ics: Path | None,
    start: dt.datetime | None,
    per_week: int,
    record_: bool,
    state: str | None,
    fmt: str | None,
    redact: bool,
    output: Path | None,
) -> None:
    """Whom to contact this week, and why: owed replies first, then suggestions.

    People you have written to several times without an answer are listed
    separately, to give them space. EXPORT is your LinkedIn export (a .zip, a
    folder or one CSV file); without it, the bundled fictional sample is used.
    """
    from tiekeeper.scoring.plan import reach_out

    fmt = resolve_format(fmt, output)
    state_in, record_to = plan_state(export, state, record_)
    data = load(export, as_of)
    note_missing(data, "plan")
    with step("Planning this week…"):
        plan = reach_out(data, k=k, as_of=as_of, state=state_in)
    if record_to is not None:
        record(record_to, plan)
    if redact:
        plan = _redact_plan(plan, _redactor(data))
    if fmt == "table":
        with table_console(output) as console:
            for attr, title in _PLAN_LISTS:
                frame = getattr(plan, attr)
                if frame.height:
                    view = plan_view(frame, compact=_compact(output))
                    emit(view, "table", title=title, digits=_DIGITS, console=console, wide=WIDE)
            for text in plan.notes:
                console.print(f"Note: {text}", markup=False, highlight=False)
    else:
        emit(_present(plan.frame, _PLAN_FULL), fmt, output=output)
        for text in plan.notes:
            note(text)
    if ics is not None:
        from tiekeeper.reminders import reminders_ics

        first_day = start.date() if start is not None else dt.date.today()
        written = reminders_ics(plan, ics, start=first_day, per_week=per_week)
        click.echo(f"Reminders written to {written}", err=True)


@click.command("who-at")
@click.argument("company")
@export_argument
@as_of_option
@click.option("-n", "--limit", type=click.IntRange(min=0), default=None, help=_LIMIT_HELP)
@format_option
@redact_option
@output_option(help="Write the list to this file instead of the terminal.")
def who_at_cmd(
    company: str,
    export: str | None,
    as_of: dt.datetime | None,
    limit: int | None,
    fmt: str | None,
    redact: bool,
    output: Path | None,
) -> None:
    """Whom you know at COMPANY, strongest tie first, former colleagues flagged.

    Company names are compared loosely: case, accents and legal suffixes do not
    matter ("Acme Inc." matches "ACME"), and the start of a name or whole words
    of it are enough ("nimble" finds "Nimbleford Analytics"). When several
    companies match, each gets its own list, and the companies are named first
    (on stderr for CSV, JSON and Parquet); when none does, the closest names are
    suggested. EXPORT is your LinkedIn export; without it, the bundled fictional
    sample is used.
    """
    from tiekeeper.graph.who_at import company_groups, find_company, no_match_message

    fmt = resolve_format(fmt, output)
    data = load(export, as_of)
    note_missing(data, "who_at")
    with step("Scoring relationships…"):
        found = find_company(data, company, as_of=as_of)
    rows = found.frame
    if redact:
        rows = _redactor(data).frame(rows)
    if rows.height == 0:
        message = no_match_message(company, found.suggestions)
        click.echo(message, err=True)
        if fmt == "table":
            if output is not None:
                with table_console(output) as console:
                    console.print(message, markup=False, highlight=False)
            return
        emit(rows, fmt, output=output)
        return
    groups = company_groups(rows)
    matched = _matched(company, groups)
    if fmt != "table":
        if not found.exact:
            note(matched)
        emit(_limit(rows, limit, fmt)[0], fmt, output=output)
        return
    with table_console(output) as console:
        if len(groups) > 1:
            console.print(matched, markup=False, highlight=False)
        for label, part in groups:  # a table per company, each limited on its own
            shown, caption = _limit(part, limit, fmt)
            emit(
                who_at_view(shown, compact=_compact(output)),
                "table",
                title=f"Who you know at {label}",
                caption=caption,
                digits=_DIGITS,
                console=console,
                wide=WIDE,
            )


def _matched(query: str, groups: list[tuple[str, pl.DataFrame]]) -> str:
    """The line naming the companies a who-at query matched, with head counts.

    Examples
    --------
    >>> _matched("thistle", [("Thistledown Energy", pl.DataFrame({"a": [1, 2]}))])
    "'thistle' matches Thistledown Energy (2 people)."
    """
    listed = ", ".join(
        f"{label} ({part.height} {'person' if part.height == 1 else 'people'})"
        for label, part in groups
    )
    several = f"{len(groups)} companies: " if len(groups) > 1 else ""
    return f"{query!r} matches {several}{listed}."


@click.command("career")
@export_argument
@as_of_option
@format_option
@redact_option
@output_option(help="Write the table to this file instead of the terminal.")
def career_cmd(
    export: str | None,
    as_of: dt.datetime | None,
    fmt: str | None,
    redact: bool,
    output: Path | None,
) -> None:
    """Your jobs, and the former colleagues from each: contact then vs since.

    One row per position in your profile, with the colleagues found for it and
    how often you talked while working together and since you left. EXPORT is
    your LinkedIn export; without it, the bundled fictional sample is used.
    """
    from tiekeeper.scoring.career import career

    fmt = resolve_format(fmt, output)
    data = load(export, as_of)
    note_missing(data, "career")
    with step("Matching colleagues to your jobs…"):
        rows = career(data, as_of=as_of)
    if redact:
        rows = _redactor(data).frame(rows)
    if fmt == "table":
        rows = career_view(rows, compact=_compact(output))
    title = "Former colleagues by job"
    emit(rows, fmt, output=output, title=title, digits=_DIGITS, wide=WIDE)
