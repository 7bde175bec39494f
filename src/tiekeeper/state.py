"""The user's own state file: people to ignore, snoozes, target cadences, a contact log.

tiekeeper never edits the LinkedIn export. What the user knows and the export
does not (I called Ada last week; leave Bob alone until June; I want to talk to
Carol monthly) lives in a small plain-text TOML file, ``tiekeeper.toml``,
which the user may edit by hand or through :func:`mark_contacted`,
:func:`snooze`, :func:`ignore`, :func:`ignore_company`, :func:`set_cadence` and
:func:`record_plan`. The writers edit the text in place, so the user's own
comments and layout survive, and they re-read the result before saving it.

A person is named by ``person_id``, display name or profile URL;
:meth:`State.resolve` maps these to the ``person_id`` of the export's
``people`` frame. The file looks like this::

    [ignore]
    people = ["Dan Recruiter", "https://www.linkedin.com/in/spam-bot"]
    companies = ["Initech"]

    [snooze]
    "Ada Example" = 2024-06-01          # not before this date

    [cadence]
    "Bob Sample" = 30                   # target days between conversations

    [[contacted]]
    person = "Carol Test"
    date = 2024-03-04
    note = "coffee in Lisbon"

Examples
--------
>>> import datetime as dt, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "tiekeeper.toml"
>>> _ = snooze(path, "Ada Example", until=dt.date(2024, 6, 1))
>>> _ = mark_contacted(path, "Bob Sample", on=dt.date(2024, 3, 4), note="coffee")
>>> state = load_state(path)
>>> from tiekeeper.keys import person_id_from_name
>>> state.snoozed_until(person_id_from_name("Ada Example"))
datetime.date(2024, 6, 1)
>>> state.contacted(person_id_from_name("Bob Sample"))
[datetime.date(2024, 3, 4)]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from tiekeeper.companies import normalize_company, normalize_company_series
from tiekeeper.errors import StateFileError
from tiekeeper.keys import (
    name_key,
    normalize_profile_url,
    person_id_from_name,
    person_id_from_slug,
    profile_slug,
)

__all__ = [
    "STATE_FILENAME",
    "LogEntry",
    "State",
    "default_state_path",
    "find_state_file",
    "ignore",
    "ignore_company",
    "load_state",
    "mark_contacted",
    "parse_state",
    "record_plan",
    "set_cadence",
    "snooze",
]

#: The file name looked for next to (or inside) the export.
STATE_FILENAME = "tiekeeper.toml"

_HEADER = (
    "# tiekeeper state: whom to ignore, snooze or pace, and whom you contacted.\n"
    "# Edit freely (TOML, https://toml.io); tiekeeper never edits your LinkedIn export.\n"
)
_TABLES = {"ignore", "snooze", "cadence", "contacted", "suggested"}
_TABLE_DOCS = {
    "ignore": "# people (name, profile URL or person_id) and companies never to suggest\n",
    "snooze": "# person = the date before which they are not suggested\n",
    "cadence": "# person = your target number of days between conversations\n",
    "suggested": "# written by record_plan: recent suggestions, so that plans rotate\n",
}
_PID = re.compile(r"^[0-9a-f]{16}$")
_HEAD = re.compile(r"^\s*\[(\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")


@dataclass(frozen=True)
class LogEntry:
    """One ``[[contacted]]`` entry: who, when and an optional note."""

    person: str
    on: dt.date
    note: str | None = None


@dataclass(frozen=True)
class State:
    """The parsed state file, queried by ``person_id``.

    Scoring and the plan call :meth:`ignored`, :meth:`snoozed_until`,
    :meth:`target_cadence` and :meth:`contacted`. Before :meth:`resolve`, a
    name or URL in the file is matched by the ``person_id`` it would have if
    the export keyed that person by it; after, through the export's people.

    Examples
    --------
    >>> s = State(snoozes={"Ada Example": dt.date(2024, 6, 1)}, ignore_companies=("Initech",))
    >>> people = pl.DataFrame({"person_id": ["p1", "p2"], "name": ["Ada Example", "Bo"],
    ...                        "profile_url": [None, None], "company": [None, "Initech Inc."]})
    >>> r = s.resolve(people)
    >>> r.snoozed_until("p1"), r.ignored("p2"), r.ignored("p1")
    (datetime.date(2024, 6, 1), True, False)
    """

    path: Path | None = None
    ignore_people: tuple[str, ...] = ()
    ignore_companies: tuple[str, ...] = ()
    snoozes: Mapping[str, dt.date] = field(default_factory=dict)
    cadences: Mapping[str, float] = field(default_factory=dict)
    contacts: tuple[LogEntry, ...] = ()
    suggested: Mapping[str, tuple[dt.date, ...]] = field(default_factory=dict)
    #: things the user should know: unmatched or ambiguous names, and so on
    notes: tuple[str, ...] = ()
    _refs: Mapping[str, tuple[str, ...]] | None = field(default=None, repr=False, compare=False)
    _company_ids: frozenset[str] = field(default=frozenset(), repr=False, compare=False)
    _index: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = self._ids
        idx: dict[str, Any] = {
            "ignored": frozenset(i for p in self.ignore_people for i in ids(p)) | self._company_ids,
            "companies": frozenset(
                c for c in (normalize_company(x) for x in self.ignore_companies) if c
            ),
            "snooze": {},
            "cadence": {},
            "contacted": {},
            "suggested": {},
        }
        for ref, until in self.snoozes.items():
            for i in ids(ref):
                idx["snooze"][i] = max(until, idx["snooze"].get(i, until))
        for ref, days in self.cadences.items():
            for i in ids(ref):
                idx["cadence"][i] = float(days)
        for e in self.contacts:
            for i in ids(e.person):
                idx["contacted"].setdefault(i, []).append(e.on)
        for ref, seen in self.suggested.items():
            for i in ids(ref):
                idx["suggested"].setdefault(i, []).extend(seen)
        for key in ("contacted", "suggested"):
            for dates in idx[key].values():
                dates.sort()
        object.__setattr__(self, "_index", idx)

    def _ids(self, ref: str) -> tuple[str, ...]:
        if self._refs is not None and ref in self._refs:
            return self._refs[ref]
        return _default_ids(ref)

    @property
    def is_empty(self) -> bool:
        """Whether the state says nothing at all (no file, or an empty one)."""
        return not (
            self.ignore_people
            or self.ignore_companies
            or self.snoozes
            or self.cadences
            or self.contacts
            or self.suggested
        )

    def ignored(self, person_id: str) -> bool:
        """Whether the person, or (once resolved) their company, is on the ignore list."""
        return person_id in self._index["ignored"]

    def ignored_company(self, company: str | None) -> bool:
        """Whether a company name (any spelling) is on the ignore list."""
        key = normalize_company(company)
        return key is not None and key in self._index["companies"]

    def snoozed_until(self, person_id: str) -> dt.date | None:
        """The snooze-until date of the person, or None."""
        out: dt.date | None = self._index["snooze"].get(person_id)
        return out

    def target_cadence(self, person_id: str) -> float | None:
        """The user's target days between conversations with the person, or None."""
        out: float | None = self._index["cadence"].get(person_id)
        return out

    def contacted(self, person_id: str) -> list[dt.date]:
        """The dates the user logged contacting the person, oldest first."""
        return list(self._index["contacted"].get(person_id, []))

    def suggested_on(self, person_id: str) -> list[dt.date]:
        """The dates a plan suggested the person (see :func:`record_plan`), oldest first."""
        return list(self._index["suggested"].get(person_id, []))

    @property
    def ignored_company_keys(self) -> frozenset[str]:
        """The ignored companies, normalised by :func:`~tiekeeper.companies.normalize_company`."""
        out: frozenset[str] = self._index["companies"]
        return out

    def by_person(self) -> pl.DataFrame:
        """One row per ``person_id`` the state mentions, for joins.

        Columns: ``person_id``, ``ignored``, ``snoozed_until``,
        ``target_cadence``, ``contacted`` and ``suggested`` (sorted date lists).
        Companies on the ignore list count only once resolved.

        Examples
        --------
        >>> State(cadences={"0123456789abcdef": 30}).by_person().row(0)
        ('0123456789abcdef', False, None, 30.0, [], [])
        """
        idx = self._index
        ids = sorted(
            set(idx["ignored"]) | set(idx["snooze"]) | set(idx["cadence"])
            | set(idx["contacted"]) | set(idx["suggested"])
        )  # fmt: skip
        return pl.DataFrame(
            {
                "person_id": ids,
                "ignored": [i in idx["ignored"] for i in ids],
                "snoozed_until": [idx["snooze"].get(i) for i in ids],
                "target_cadence": [idx["cadence"].get(i) for i in ids],
                "contacted": [idx["contacted"].get(i, []) for i in ids],
                "suggested": [idx["suggested"].get(i, []) for i in ids],
            },
            schema={
                "person_id": pl.String,
                "ignored": pl.Boolean,
                "snoozed_until": pl.Date,
                "target_cadence": pl.Float64,
                "contacted": pl.List(pl.Date),
                "suggested": pl.List(pl.Date),
            },
        )

    def resolve(self, people: pl.DataFrame) -> State:
        """Map every name or URL in the file to ``person_id`` through ``people``.

        ``people`` needs ``person_id``, ``name`` and ``profile_url`` (the
        export's ``people`` frame, or a ``score`` frame); ``aliases`` and
        ``company`` are used when present. A name shared by several people
        applies to all of them; a reference matching nobody keeps its own key.
        Both cases are described in :attr:`notes`.
        """
        all_refs = sorted(_all_refs(self))
        companies = self._index["companies"]
        if not all_refs and not companies:
            return dataclasses.replace(self, notes=(), _refs={}, _company_ids=frozenset())
        has = people.columns
        base = people.select(
            "person_id",
            "name",
            "profile_url",
            aliases=pl.col("aliases") if "aliases" in has else pl.lit([], pl.List(pl.String)),
            company=pl.col("company") if "company" in has else pl.lit(None, pl.String),
        ).filter(pl.col("person_id").is_not_null())
        pids = set(base["person_id"].to_list())
        urls = {r: normalize_profile_url(r) for r in all_refs if _looks_like_url(r)}
        names = [r for r in all_refs if r not in urls and r not in pids]
        keys = dict(zip(names, _loose(pl.Series(names, dtype=pl.String)).to_list(), strict=True))
        by_url = _group(
            base.filter(pl.col("profile_url").is_in(list(urls.values()))), "profile_url"
        )
        named = (
            base.select("person_id", n=pl.concat_list("name", "aliases"))
            .explode("n")
            .with_columns(k=_loose(pl.col("n")))
            .filter(pl.col("k").is_in(list(keys.values())))
        )
        by_name = _group(named, "k")
        company_ids: set[str] = set()
        if companies:
            at = normalize_company_series(base["company"]).is_in(list(companies))
            company_ids = set(base.filter(at)["person_id"].to_list())
        refs: dict[str, tuple[str, ...]] = {}
        notes: list[str] = []
        where = str(self.path) if self.path else "state"
        for ref in all_refs:
            if ref in pids:
                refs[ref] = (ref,)
                continue
            url = urls.get(ref)
            found = by_url.get(url or "", set()) if url else by_name.get(keys[ref] or "", set())
            if not found and url:
                found = {i for i in _default_ids(ref) if i in pids}
            if not found:
                notes.append(f"{where}: {ref!r} matches nobody in the export; check the spelling")
            elif len(found) > 1:
                notes.append(
                    f"{where}: {ref!r} matches {len(found)} people; all of them are affected. "
                    "Use a profile URL to pick one"
                )
            refs[ref] = tuple(sorted(found)) or _default_ids(ref)
        return dataclasses.replace(
            self, notes=tuple(notes), _refs=refs, _company_ids=frozenset(company_ids)
        )


def _loose(x: Any) -> Any:
    """Case- and space-insensitive name key, in polars (a Series or an expression)."""
    return x.str.normalize("NFC").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()


def _group(df: pl.DataFrame, key: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for k, pid in df.select(key, "person_id").iter_rows():
        if k is not None:
            out.setdefault(k, set()).add(pid)
    return out


def _all_refs(s: State) -> set[str]:
    return {
        *s.ignore_people,
        *s.snoozes,
        *s.cadences,
        *(e.person for e in s.contacts),
        *s.suggested,
    }


def _looks_like_url(ref: str) -> bool:
    low = ref.lower()
    return "linkedin.com/" in low or low.startswith("urn:li:")


def _default_ids(ref: str) -> tuple[str, ...]:
    ref = ref.strip()
    if _PID.match(ref):
        return (ref,)
    if _looks_like_url(ref):
        slug = profile_slug(ref)
        return (person_id_from_slug(slug),) if slug else (ref,)
    return (person_id_from_name(ref),) if name_key(ref) else (ref,)


# ------------------------------------------------------------------- reading
def find_state_file(source: Any) -> Path | None:
    """Find ``tiekeeper.toml`` for an export: inside a folder, or next to it.

    ``source`` is an ``Export`` (its ``source`` path is used) or a path to
    the export zip, folder or CSV file.
    """
    p = Path(getattr(source, "source", source))
    candidates = [p / STATE_FILENAME, p.parent / STATE_FILENAME] if p.is_dir() else []
    candidates.append(p.parent / STATE_FILENAME)
    return next((c for c in candidates if c.is_file()), None)


def default_state_path(source: Any) -> Path:
    """Where the state file of ``source`` is, or would be created.

    A ``.toml`` path is itself; for an export, an existing state file wins,
    else ``tiekeeper.toml`` *next to* the zip or folder (never inside it).
    """
    p = Path(getattr(source, "source", source))
    if p.suffix.lower() == ".toml":
        return p
    return find_state_file(p) or p.parent / STATE_FILENAME


def load_state(source: Any = None) -> State:
    """Read the state for an export, a state file path, or nothing.

    Parameters
    ----------
    source : State, Export, str, Path or None
        A ``State`` is returned as is; a ``.toml`` path must exist; an export
        (or its path) uses :func:`find_state_file`. None or no file found gives
        an empty state.

    Raises
    ------
    StateFileError
        For a missing ``.toml`` path or a malformed file.
    """
    if source is None:
        return State()
    if isinstance(source, State):
        return source
    p = Path(getattr(source, "source", source))
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
        line = _line_of(text, table, key)
        at = f", line {line}" if line else ""
        what = f"[{table}] {key!r}" if key is not None else f"[{table}]"
        return StateFileError(f"{where}{at}, {what}: expected {expected}, found {found!r}; {todo}")

    for key in data:
        if key not in _TABLES:
            raise fail(key, None, f"one of {sorted(_TABLES)}", key, "rename or remove it")
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
        day = _as_date(value)
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
        days = [_as_date(v) for v in value] if isinstance(value, list) else [None]
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
        person, day, note = item.get("person"), _as_date(item.get("date")), item.get("note")
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


_DATE_TODO = "write the date as YYYY-MM-DD"
_ENTRY_TODO = 'write each as [[contacted]] with person = "..." and date = YYYY-MM-DD'
#: how many past suggestion dates :func:`record_plan` keeps per person
SUGGESTED_KEEP = 8


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date() if value.tzinfo is not None else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _line_of(text: str, table: str, key: str | None) -> int | None:
    """Best-effort 1-based line of ``[table]`` (or ``[[table]]`` entry n, or a key in it)."""
    lines = _lines(text)
    heads = [(i, m) for i, ln in enumerate(lines) if (m := _HEAD.match(ln))]
    mine = [i for i, m in heads if m.group(2).strip("\"'") == table]
    if not mine:
        return None
    if key is not None and key.startswith("entry "):
        n = int(key.split()[1])
        return mine[n - 1] + 1 if n <= len(mine) else mine[0] + 1
    if key is None:
        return mine[0] + 1
    start = mine[0]
    end = next((i for i, _ in heads if i > start), len(lines))
    for i, _, k in _key_spans(lines, start + 1, end):
        if k == key:
            return i + 1
    return start + 1


def _key_spans(lines: list[str], start: int, end: int) -> Iterable[tuple[int, int, str]]:
    """Yield (first, past-last, key) for each ``key = value`` in ``lines[start:end]``."""
    i = start
    while i < end:
        s = lines[i].strip()
        if not s or s.startswith("#"):
            i += 1
            continue
        for j in range(i + 1, end + 1):
            try:
                parsed = tomllib.loads("\n".join(lines[i:j]) + "\n")
            except tomllib.TOMLDecodeError:
                continue
            if len(parsed) == 1:
                yield i, j, next(iter(parsed))
            i = j
            break
        else:
            i += 1


# ------------------------------------------------------------------- writing
def _toml_value(v: object) -> str:
    if isinstance(v, str):
        out = v.replace("\\", "\\\\").replace('"', '\\"')
        for raw, esc in (("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
            out = out.replace(raw, esc)
        out = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", out)
        return f'"{out}"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, list):
        if len(v) <= 1 or not all(isinstance(x, str) for x in v):
            return "[" + ", ".join(_toml_value(x) for x in v) + "]"
        return "[\n" + "".join(f"    {_toml_value(x)},\n" for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _lines(text: str) -> list[str]:
    """Split on TOML's line ends only (``str.splitlines`` also splits on U+0085 and U+2028)."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _set_key(text: str, table: str, key: str, value: object, comment: str | None = None) -> str:
    lines = _lines(text)
    bare = re.fullmatch(r"[A-Za-z0-9_-]+", key) and not _PID.match(key)
    line = f"{key if bare else _toml_value(key)} = {_toml_value(value)}"
    if comment:
        line += "  # " + " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", comment).split())
    heads = [i for i, ln in enumerate(lines) if _HEAD.match(ln)]
    mine = [i for i in heads if (m := _HEAD.match(lines[i])) and not m.group(1)
            and m.group(2).strip("\"'") == table]  # fmt: skip
    if not mine:
        body = "\n".join(lines).rstrip("\n")
        doc = _TABLE_DOCS.get(table, "")
        return (body + "\n\n" if body else "") + f"{doc}[{table}]\n{line}\n"
    start = mine[0]
    end = next((i for i in heads if i > start), len(lines))
    insert_at = start + 1
    for i, j, k in _key_spans(lines, start + 1, end):
        if k == key:
            keep = _trailing_comment(lines[i]) if j == i + 1 and not comment else ""
            lines[i:j] = [line + keep]
            return "\n".join(lines) + "\n"
        insert_at = j
    lines.insert(insert_at, line)
    return "\n".join(lines) + "\n"


def _trailing_comment(line: str) -> str:
    """The ``  # ...`` ending a one-line ``key = value``, or ''."""
    for pos in (m.start() for m in re.finditer("#", line)):
        try:
            tomllib.loads(line[:pos])
        except tomllib.TOMLDecodeError:
            continue
        return "  " + line[pos:].strip()
    return ""


def _edit(path: Any, change: Any) -> Path:
    """Read, change, re-validate and atomically write the state file."""
    given = Path(getattr(path, "source", path))
    if not (given.suffix.lower() in (".toml", ".zip", ".csv") or given.is_dir()):
        raise StateFileError(
            f"{given}: expected a state file ending in .toml, or the export (zip, folder or "
            "CSV file) to keep tiekeeper.toml next to; pass e.g. tiekeeper.toml"
        )
    target = default_state_path(given)
    old = target.read_text(encoding="utf-8") if target.exists() else _HEADER
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
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, target)
    return target


def _person(person: str) -> str:
    if not isinstance(person, str) or not person.strip():
        raise StateFileError(f"person={person!r}: expected a name, profile URL or person_id")
    return person.strip()


def _append_entry(table: str, fields: dict[str, object]) -> Any:
    def change(text: str) -> str:
        body = "\n".join(f"{k} = {_toml_value(v)}" for k, v in fields.items() if v is not None)
        return text.rstrip("\n") + f"\n\n[[{table}]]\n{body}\n"

    return change


def mark_contacted(path: Any, person: str, *, on: dt.date, note: str | None = None) -> Path:
    """Log that you contacted ``person`` on ``on`` (appends a ``[[contacted]]`` entry).

    ``path`` is the state file, or the export (the file next to it is used).
    Returns the path written.
    """
    return _edit(path, _append_entry("contacted", {"person": _person(person), "date": on,
                                                    "note": note}))  # fmt: skip


def record_plan(path: Any, plan: Any, *, on: dt.date | None = None) -> Path:
    """Log the people a plan suggested, so that later plans rotate to others.

    Each person's line in ``[suggested]`` keeps their last few suggestion
    dates. ``on`` defaults to the plan's ``as_of`` date (never the wall clock).
    """
    day = on or plan.as_of.date()
    rows = plan.suggestions.select("person_id", "name").rows()

    def change(text: str) -> str:
        old = tomllib.loads(text).get("suggested", {})
        for pid, name in rows:
            seen = {d for d in (_as_date(x) for x in old.get(pid, [])) if d is not None}
            dates = sorted(seen | {day})
            text = _set_key(text, "suggested", pid, dates[-SUGGESTED_KEEP:], comment=name)
        return text

    return _edit(path, change)


def snooze(path: Any, person: str, *, until: dt.date) -> Path:
    """Do not suggest ``person`` before ``until`` (sets ``[snooze]``)."""
    if not isinstance(until, dt.date):
        raise StateFileError(f"until={until!r}: expected a datetime.date")
    ref = _person(person)
    return _edit(path, lambda t: _set_key(t, "snooze", ref, until))


def set_cadence(path: Any, person: str, days: float) -> Path:
    """Set your target number of days between conversations with ``person``."""
    if isinstance(days, bool) or not isinstance(days, int | float) or not 0 < days < float("inf"):
        raise StateFileError(f"days={days!r}: expected a positive number of days, e.g. 30")
    ref = _person(person)
    return _edit(path, lambda t: _set_key(t, "cadence", ref, days))


def _add_to_list(key: str, item: str) -> Any:
    def change(text: str) -> str:
        current = list(tomllib.loads(text).get("ignore", {}).get(key, []))
        if item.casefold() in (c.casefold() for c in current):
            return text
        return _set_key(text, "ignore", key, [*current, item])

    return change


def ignore(path: Any, person: str) -> Path:
    """Never suggest ``person`` again (adds them to ``[ignore] people``)."""
    return _edit(path, _add_to_list("people", _person(person)))


def ignore_company(path: Any, company: str) -> Path:
    """Never suggest anyone at ``company``, in any spelling (``[ignore] companies``)."""
    if not normalize_company(company):
        raise StateFileError(f"company={company!r}: expected a company name")
    return _edit(path, _add_to_list("companies", company.strip()))
