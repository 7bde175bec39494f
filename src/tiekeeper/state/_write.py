"""Writing the state file: small edits of the user's text that keep their comments.

Each writer reads the file (or starts a new one), changes the text of one key
or appends one entry, re-parses the result and only then replaces the file
atomically. A file the writer cannot edit safely is left untouched, with an
error that says to edit it by hand.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiekeeper.companies import normalize_company
from tiekeeper.errors import ExportNotFoundError, StateFileError
from tiekeeper.state._read import default_state_path, parse_state
from tiekeeper.state._toml import as_date, set_key, toml_value

if TYPE_CHECKING:
    from tiekeeper.io import Export
    from tiekeeper.scoring.plan import Plan

__all__ = [
    "SUGGESTED_KEEP",
    "ignore",
    "ignore_company",
    "mark_contacted",
    "record_plan",
    "set_cadence",
    "snooze",
]

#: how many past suggestion dates :func:`record_plan` keeps per person
SUGGESTED_KEEP = 8

_HEADER = (
    "# tiekeeper state: whom to ignore, snooze or pace, and whom you contacted.\n"
    "# Edit freely (TOML, https://toml.io); tiekeeper never edits your LinkedIn export.\n"
)
_TABLE_DOCS = {
    "ignore": "# people (name, profile URL or person_id) and companies never to suggest\n",
    "snooze": "# person = the date before which they are not suggested\n",
    "cadence": "# person = your target number of days between conversations\n",
    "suggested": "# written by record_plan: recent suggestions, so that plans rotate\n",
}
Change = Callable[[str], str]


def _set(text: str, table: str, key: str, value: object, comment: str | None = None) -> str:
    return set_key(text, table, key, value, comment, doc=_TABLE_DOCS.get(table, ""))


def _refuse_bundled(target: Path) -> None:
    """Never write the user's state into tiekeeper itself (the bundled sample's folder)."""
    import tiekeeper
    from tiekeeper.datasets._paths import sample_path

    homes = [Path(tiekeeper.__file__).resolve().parent]
    with contextlib.suppress(ExportNotFoundError):  # a broken install has no sample
        homes.append(sample_path().resolve().parent)
    where = target.resolve()
    if any(where.parent == h or where.is_relative_to(h) for h in homes):
        raise StateFileError(
            f"{target}: expected your own state file, found a path inside tiekeeper's bundled "
            "sample; keep your state elsewhere: pass a .toml path, e.g. "
            "mark_contacted('tiekeeper.toml', ...) or, on the command line, --state tiekeeper.toml"
        )


def _edit(path: Any, change: Change) -> Path:
    """Read, change, re-validate and atomically write the state file."""
    given = Path(getattr(path, "source", path)).expanduser()
    if not (given.suffix.lower() in (".toml", ".zip", ".csv") or given.is_dir()):
        raise StateFileError(
            f"{given}: expected a state file ending in .toml, or the export (zip, folder or "
            "CSV file) to keep tiekeeper.toml next to; pass e.g. tiekeeper.toml"
        )
    target = default_state_path(given)
    if not target.parent.is_dir():
        raise StateFileError(
            f"{target}: the folder {target.parent} does not exist; create it first, "
            "or pass a state file in an existing folder"
        )
    _refuse_bundled(target)
    try:
        old = target.read_text(encoding="utf-8") if target.exists() else _HEADER
    except (OSError, UnicodeDecodeError) as err:
        raise StateFileError(f"cannot read state file {target}: {err}; save it as UTF-8") from err
    parse_state(old, target)
    new = change(old)
    try:
        parse_state(new, target)
    except StateFileError as err:
        raise StateFileError(
            f"could not update {target} without breaking it ({err}); "
            "edit the file by hand, using [snooze]/[cadence]/[ignore] sections"
        ) from err
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise StateFileError(
            f"cannot write state file {target}: {err.strerror or err}; "
            "choose a folder you can write to"
        ) from err
    return target


def _person(person: str) -> str:
    if not isinstance(person, str) or not person.strip():
        raise StateFileError(
            f"person={person!r}: expected a name, profile URL or person_id, e.g. 'Ada Example'"
        )
    return person.strip()


def _day(value: object, name: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise StateFileError(
            f"{name}={value!r}: expected a datetime.date, e.g. {name}=datetime.date(2024, 6, 1)"
        )
    return value


def _append_entry(table: str, fields: dict[str, object]) -> Change:
    def change(text: str) -> str:
        body = "\n".join(f"{k} = {toml_value(v)}" for k, v in fields.items() if v is not None)
        return text.rstrip("\n") + f"\n\n[[{table}]]\n{body}\n"

    return change


def mark_contacted(
    path: str | os.PathLike[str] | Export, person: str, *, on: dt.date, note: str | None = None
) -> Path:
    """Log that you contacted ``person`` on ``on`` (appends a ``[[contacted]]`` entry).

    A logged contact counts as an outgoing contact for cadence and recency,
    settles an owed reply older than it, and starts the plan's cool-down.

    Parameters
    ----------
    path : str, Path or Export
        The state file (``.toml``), or the export (zip, folder or CSV file) whose
        ``tiekeeper.toml`` is used (found next to it, or created there).
    person : str
        A name, profile URL or ``person_id``.
    on : datetime.date
        The day of the contact.
    note : str, optional
        Anything to remember (kept in the file, not used for scoring).

    Returns
    -------
    pathlib.Path
        The state file written.

    Raises
    ------
    StateFileError
        For a bad argument, or a state file that is malformed or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiekeeper.toml"
    >>> _ = mark_contacted(path, "Ada Example", on=dt.date(2024, 3, 4), note="coffee")
    >>> print(path.read_text().split("\\n\\n")[-1], end="")
    [[contacted]]
    person = "Ada Example"
    date = 2024-03-04
    note = "coffee"
    """
    ref, day = _person(person), _day(on, "on")
    if note is not None and not isinstance(note, str):
        raise StateFileError(f"note={note!r}: expected a string or None, e.g. note='coffee'")
    return _edit(path, _append_entry("contacted", {"person": ref, "date": day, "note": note}))


def record_plan(
    path: str | os.PathLike[str] | Export, plan: Plan, *, on: dt.date | None = None
) -> Path:
    """Log the people a plan suggested, so that later plans rotate to others.

    Each suggested person gets a line in ``[suggested]``, keyed by
    ``person_id`` with their name as a comment, that keeps their last
    :data:`SUGGESTED_KEEP` suggestion dates. :func:`~tiekeeper.reach_out`
    then ranks anyone suggested within ``ScoringParams.rotation_days`` lower
    (``rotation_factor`` per recent suggestion). Owed replies and the "give
    them space" list are not recorded: they are not suggestions.

    Parameters
    ----------
    path : str, Path or Export
        The state file (``.toml``), or the export (zip, folder or CSV file) whose
        ``tiekeeper.toml`` is used (found next to it, or created there).
    plan : Plan
        The plan returned by :func:`~tiekeeper.reach_out`.
    on : datetime.date, optional
        The day of the plan; defaults to the plan's ``as_of`` date (never the
        wall clock).

    Returns
    -------
    pathlib.Path
        The state file written.

    Examples
    --------
    >>> import tempfile, pathlib, polars as pl
    >>> from types import SimpleNamespace
    >>> plan = SimpleNamespace(as_of=dt.datetime(2024, 6, 30, tzinfo=dt.UTC),
    ...     suggestions=pl.DataFrame({"person_id": ["0123456789abcdef"], "name": ["Ada"]}))
    >>> path = record_plan(pathlib.Path(tempfile.mkdtemp()) / "tiekeeper.toml", plan)
    >>> path.read_text().splitlines()[-1]
    '"0123456789abcdef" = [2024-06-30]  # Ada'
    """
    day = _day(on, "on") if on is not None else plan.as_of.date()
    rows = plan.suggestions.select("person_id", "name").rows()

    def change(text: str) -> str:
        old = tomllib.loads(text).get("suggested", {})
        for pid, name in rows:
            seen = {d for d in (as_date(x) for x in old.get(pid, [])) if d is not None}
            dates = sorted(seen | {day})
            text = _set(text, "suggested", pid, dates[-SUGGESTED_KEEP:], comment=name)
        return text

    return _edit(path, change)


def snooze(path: str | os.PathLike[str] | Export, person: str, *, until: dt.date) -> Path:
    """Do not suggest ``person`` before ``until`` (sets their line in ``[snooze]``).

    Parameters
    ----------
    path : str, Path or Export
        The state file (``.toml``), or the export (zip, folder or CSV file) whose
        ``tiekeeper.toml`` is used (found next to it, or created there).
    person : str
        A name, profile URL or ``person_id``.
    until : datetime.date
        The first day they may be suggested again. Snoozing again replaces it.

    Returns
    -------
    pathlib.Path
        The state file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiekeeper.toml"
    >>> path = snooze(path, "Ada Example", until=dt.date(2024, 6, 1))
    >>> path.read_text().splitlines()[-1]
    '"Ada Example" = 2024-06-01'
    """
    day, ref = _day(until, "until"), _person(person)
    return _edit(path, lambda t: _set(t, "snooze", ref, day))


def set_cadence(path: str | os.PathLike[str] | Export, person: str, days: float) -> Path:
    """Set your target number of days between conversations with ``person``.

    The target replaces the cadence learned from your history when judging
    whether the tie is on track, cooling or fading.

    Parameters
    ----------
    path : str, Path or Export
        The state file (``.toml``), or the export (zip, folder or CSV file) whose
        ``tiekeeper.toml`` is used (found next to it, or created there).
    person : str
        A name, profile URL or ``person_id``.
    days : int or float
        A positive number of days, e.g. 30 for monthly.

    Returns
    -------
    pathlib.Path
        The state file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiekeeper.toml"
    >>> set_cadence(path, "Ada Example", 30).read_text().splitlines()[-1]
    '"Ada Example" = 30'
    """
    if isinstance(days, bool) or not isinstance(days, int | float) or not 0 < days < float("inf"):
        raise StateFileError(f"days={days!r}: expected a positive number of days, e.g. 30")
    ref = _person(person)
    return _edit(path, lambda t: _set(t, "cadence", ref, days))


def _add_to_list(key: str, item: str) -> Change:
    def change(text: str) -> str:
        current = list(tomllib.loads(text).get("ignore", {}).get(key, []))
        if item.casefold() in (c.casefold() for c in current):
            return text
        return _set(text, "ignore", key, [*current, item])

    return change


def ignore(path: str | os.PathLike[str] | Export, person: str) -> Path:
    """Never suggest ``person`` again (adds them to ``[ignore] people``).

    Parameters
    ----------
    path : str, Path or Export
        The state file (``.toml``), or the export (zip, folder or CSV file) whose
        ``tiekeeper.toml`` is used (found next to it, or created there).
    person : str
        A name, profile URL or ``person_id``; already listed (in any case) is a no-op.

    Returns
    -------
    pathlib.Path
        The state file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiekeeper.toml"
    >>> ignore(path, "Dan Recruiter").read_text().splitlines()[-1]
    'people = ["Dan Recruiter"]'
    """
    return _edit(path, _add_to_list("people", _person(person)))


def ignore_company(path: str | os.PathLike[str] | Export, company: str) -> Path:
    """Never suggest anyone at ``company``, in any spelling (``[ignore] companies``).

    Parameters
    ----------
    path : str, Path or Export
        The state file (``.toml``), or the export (zip, folder or CSV file) whose
        ``tiekeeper.toml`` is used (found next to it, or created there).
    company : str
        The company name; "Initech", "Initech Inc." and "INITECH" are the same.

    Returns
    -------
    pathlib.Path
        The state file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiekeeper.toml"
    >>> ignore_company(path, "Initech").read_text().splitlines()[-1]
    'companies = ["Initech"]'
    """
    if not isinstance(company, str) or not normalize_company(company):
        raise StateFileError(f"company={company!r}: expected a company name, e.g. 'Initech'")
    return _edit(path, _add_to_list("companies", company.strip()))
