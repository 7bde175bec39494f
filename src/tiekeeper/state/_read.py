"""Reading the state file: find it next to the export, parse and validate it.

Every problem raises :class:`~tiekeeper.errors.StateFileError` naming the
file, the line and key, what was expected, what was found and what to do.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiekeeper.errors import StateFileError
from tiekeeper.state._model import LogEntry, State
from tiekeeper.state._toml import as_date, line_of

if TYPE_CHECKING:
    import os

    from tiekeeper.io import Export

__all__ = ["STATE_FILENAME", "TABLES", "default_state_path", "find_state_file", "load_state",
           "parse_state"]  # fmt: skip

#: The file name looked for next to (or inside) the export.
STATE_FILENAME = "tiekeeper.toml"
#: The tables a state file may have.
TABLES = frozenset({"ignore", "snooze", "cadence", "contacted", "suggested"})
_DATE_TODO = "write the date as YYYY-MM-DD"
_ENTRY_TODO = 'write each as [[contacted]] with person = "..." and date = YYYY-MM-DD'


def _path(source: str | os.PathLike[str] | Export) -> Path:
    """The path of ``source``: itself, or an Export's ``source``."""
    given: Any = getattr(source, "source", source)
    return Path(given)


def find_state_file(source: str | os.PathLike[str] | Export) -> Path | None:
    """Find ``tiekeeper.toml`` for an export: inside a folder, or next to it.

    Parameters
    ----------
    source : str, os.PathLike or Export
        An ``Export`` (its ``source`` path is used) or a path to the export
        zip, folder or CSV file.

    Returns
    -------
    Path or None
        The first ``tiekeeper.toml`` that exists: inside the export folder,
        then next to it; None when there is none.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     export = Path(tmp) / "Basic_LinkedInDataExport_03-14-2025.zip"
    ...     before = find_state_file(export)
    ...     _ = (Path(tmp) / "tiekeeper.toml").write_text("", encoding="utf-8")
    ...     print(before, find_state_file(export).name)
    None tiekeeper.toml
    """
    p = _path(source).expanduser()
    candidates = [p / STATE_FILENAME, p.parent / STATE_FILENAME] if p.is_dir() else []
    candidates.append(p.parent / STATE_FILENAME)
    return next((c for c in candidates if c.is_file()), None)


def default_state_path(source: str | os.PathLike[str] | Export) -> Path:
    """Where the state file of ``source`` is, or would be created.

    Parameters
    ----------
    source : str, os.PathLike or Export
        A ``.toml`` path, an ``Export`` or the path to an export.

    Returns
    -------
    Path
        A ``.toml`` path is itself; for an export, an existing state file wins,
        else ``tiekeeper.toml`` *next to* the zip or folder (never inside it).

    Examples
    --------
    >>> default_state_path("exports/Basic_LinkedInDataExport_03-14-2025.zip").as_posix()
    'exports/tiekeeper.toml'
    >>> default_state_path("my-state.toml").as_posix()
    'my-state.toml'
    """
    p = _path(source).expanduser()
    if p.suffix.lower() == ".toml":
        return p
    return find_state_file(p) or p.parent / STATE_FILENAME


def load_state(source: State | str | os.PathLike[str] | Export | None = None) -> State:
    """Read the state for an export, a state file path, or nothing.

    Parameters
    ----------
    source : State, Export, str, Path or None
        A ``State`` is returned as is; a ``.toml`` path must exist; an export
        (or its path) uses :func:`find_state_file`. None or no file found gives
        an empty state.

    Returns
    -------
    State
        The state read, or an empty one.

    Raises
    ------
    StateFileError
        For a missing ``.toml`` path or a malformed file.

    Examples
    --------
    >>> load_state().is_empty
    True
    """
    if source is None:
        return State()
    if isinstance(source, State):
        return source
    p = _path(source).expanduser()
    if p.suffix.lower() == ".toml":
        if not p.is_file():
            raise StateFileError(
                f"state file {p} does not exist; create it by hand or with "
                "tiekeeper.state.mark_contacted(...), or pass state=None"
            )
        found: Path | None = p
    else:
        found = find_state_file(p)
    if found is None:
        return State()
    try:
        text = found.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise StateFileError(f"cannot read state file {found}: {err}; save it as UTF-8") from err
    return parse_state(text, found)


def parse_state(text: str, path: Path | str | None = None) -> State:
    """Parse the text of a state file.

    Parameters
    ----------
    text : str
        The TOML text: tables ``[ignore]``, ``[snooze]``, ``[cadence]``,
        ``[[contacted]]`` and ``[suggested]`` (:data:`TABLES`).
    path : Path or str, optional
        Where the text came from, named in errors and kept as ``State.path``.

    Returns
    -------
    State
        The parsed state, not yet resolved against an export.

    Raises
    ------
    StateFileError
        Naming the file, the line and key, what was expected and what to do.

    Examples
    --------
    >>> parse_state('[cadence]\\n"Ada" = 30\\n').cadences
    {'Ada': 30.0}
    >>> parse_state('[snooze]\\nAda = "soon"\\n', "t.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.StateFileError: t.toml, line 2, [snooze] 'Ada': expected a date ...'soon'...
    """
    where = str(path) if path is not None else "state file"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise StateFileError(
            f"{where} is not valid TOML: {err}; fix that line (strings need double quotes, "
            'dates are written 2024-06-01, e.g. "Ada Example" = 2024-06-01)'
        ) from err

    def fail(
        table: str, key: str | None, expected: str, found: object, todo: str
    ) -> StateFileError:
        line = line_of(text, table, key)
        at = f", line {line}" if line else ""
        what = f"[{table}] {key!r}" if key is not None else f"[{table}]"
        return StateFileError(f"{where}{at}, {what}: expected {expected}, found {found!r}; {todo}")

    for key in data:
        if key not in TABLES:
            raise fail(key, None, f"one of {sorted(TABLES)}", key, "rename or remove it")
    for key in ("ignore", "snooze", "cadence", "suggested"):
        if key in data and not isinstance(data[key], dict):
            raise fail(key, None, "a table", data[key], f"write it as a [{key}] section")

    ign = data.get("ignore", {})
    lists: dict[str, tuple[str, ...]] = {}
    for key, value in ign.items():
        if key not in ("people", "companies"):
            raise fail("ignore", key, "'people' or 'companies'", key, "rename it")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail("ignore", key, "a list of strings", value, 'write e.g. people = ["Ada"]')
        lists[key] = tuple(v.strip() for v in value if v.strip())

    snoozes = {}
    for key, value in data.get("snooze", {}).items():
        day = as_date(value)
        if day is None:
            raise fail("snooze", key, "a date such as 2024-06-01", value, _DATE_TODO)
        snoozes[key.strip()] = day

    cadences = {}
    for key, value in data.get("cadence", {}).items():
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
        if not ok or value != value or value == float("inf"):
            raise fail("cadence", key, "a positive number of days", value, "write e.g. 30")
        cadences[key.strip()] = float(value)

    suggested = {}
    for key, value in data.get("suggested", {}).items():
        days = [as_date(v) for v in value] if isinstance(value, list) else [None]
        if any(d is None for d in days):
            raise fail("suggested", key, "a list of dates", value, "remove the line")
        suggested[key.strip()] = tuple(d for d in days if d is not None)

    raw = data.get("contacted", [])
    if not isinstance(raw, list):
        raise fail("contacted", None, "a list of [[contacted]] tables", raw, _ENTRY_TODO)
    contacts = []
    for n, item in enumerate(raw, 1):
        label = f"entry {n}"
        if not isinstance(item, dict):
            raise fail("contacted", label, "a table", item, _ENTRY_TODO)
        person, day, note = item.get("person"), as_date(item.get("date")), item.get("note")
        extra = set(item) - {"person", "date", "note"}
        if extra:
            raise fail("contacted", label, "only person, date and note", sorted(extra), "remove it")
        if not isinstance(person, str) or not person.strip():
            raise fail("contacted", label, "person = a name or URL", person, "add it")
        if day is None:
            raise fail("contacted", label, "date = YYYY-MM-DD", item.get("date"), _DATE_TODO)
        if note is not None and not isinstance(note, str):
            raise fail("contacted", label, "note = a string", note, "put it in double quotes")
        contacts.append(LogEntry(person.strip(), day, note))

    return State(
        path=Path(path) if path is not None else None,
        ignore_people=lists.get("people", ()),
        ignore_companies=lists.get("companies", ()),
        snoozes=snoozes,
        cadences=cadences,
        contacts=tuple(contacts),
        suggested=suggested,
    )
