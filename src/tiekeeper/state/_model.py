"""The parsed state: :class:`State` and :class:`LogEntry`, queried by ``person_id``.

A person is named in the file by ``person_id``, display name or profile URL.
Before :meth:`State.resolve`, a name or URL matches the ``person_id`` it would
have if the export keyed that person by it; after, it matches through the
export's ``people`` frame (names, aliases, URLs and companies).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from tiekeeper.companies import normalize_company, normalize_company_series
from tiekeeper.errors import AmbiguousNameWarning
from tiekeeper.keys import (
    name_key,
    normalize_profile_url,
    person_id_from_name,
    person_id_from_slug,
    profile_slug,
)
from tiekeeper.state._toml import PID

__all__ = ["LogEntry", "State", "default_ids", "looks_like_url", "loose_key", "people_base"]


@dataclass(frozen=True)
class LogEntry:
    """One ``[[contacted]]`` entry: who, when and an optional note.

    Parameters
    ----------
    person : str
        The person as the file names them: a ``person_id``, a name or a
        profile URL.
    on : datetime.date
        The day of the contact.
    note : str, optional
        What the user wrote about it.

    Examples
    --------
    >>> entry = LogEntry("Ada Example", dt.date(2025, 3, 1), note="coffee")
    >>> entry.on.isoformat(), entry.note
    ('2025-03-01', 'coffee')
    """

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
    :func:`~tiekeeper.state.load_state` builds it from a file; the fields below
    are also its attributes.

    Parameters
    ----------
    path : Path, optional
        The file read, if any (named in notes and messages).
    ignore_people : tuple of str
        ``[ignore] people``: people never suggested (ids, names or URLs).
    ignore_companies : tuple of str
        ``[ignore] companies``: companies whose people are never suggested
        (any spelling, compared by :func:`~tiekeeper.companies.normalize_company`).
    snoozes : mapping of str to datetime.date
        ``[snooze]``: a person, and the day until which they are not suggested.
    cadences : mapping of str to float
        ``[cadence]``: a person, and the user's target days between conversations.
    contacts : tuple of LogEntry
        ``[[contacted]]``: contacts the user logged outside LinkedIn.
    suggested : mapping of str to tuple of datetime.date
        ``[suggested]``: the days a plan suggested each person (for rotation).
    notes : tuple of str
        Things the user should know: unmatched or ambiguous names, and so on.
    _refs : mapping of str to tuple of str, optional
        Set by :meth:`resolve`: each reference in the file and the ids it
        matched. None before.
    _company_ids : frozenset of str
        Set by :meth:`resolve`: the people at an ignored company.

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
        return default_ids(ref)

    @property
    def is_empty(self) -> bool:
        """Whether the state says nothing at all (no file, or an empty one).

        Examples
        --------
        >>> State().is_empty, State(cadences={"Ada Example": 30}).is_empty
        (True, False)
        """
        return not (
            self.ignore_people
            or self.ignore_companies
            or self.snoozes
            or self.cadences
            or self.contacts
            or self.suggested
        )

    def ignored(self, person_id: str) -> bool:
        """Whether the person, or (once resolved) their company, is on the ignore list.

        Parameters
        ----------
        person_id : str
            A ``person_id`` of the export.

        Returns
        -------
        bool
            True when the state ignores that person.

        Examples
        --------
        >>> pid = "0123456789abcdef"
        >>> state = State(ignore_people=(pid,))
        >>> state.ignored(pid), state.ignored("fedcba9876543210")
        (True, False)
        """
        return person_id in self._index["ignored"]

    def ignored_company(self, company: str | None) -> bool:
        """Whether a company name (any spelling) is on the ignore list.

        Parameters
        ----------
        company : str or None
            A company name as the export spells it.

        Returns
        -------
        bool
            True when its :func:`~tiekeeper.companies.normalize_company` key is
            ignored; False for None.

        Examples
        --------
        >>> state = State(ignore_companies=("Initech",))
        >>> state.ignored_company("INITECH, Inc."), state.ignored_company(None)
        (True, False)
        """
        key = normalize_company(company)
        return key is not None and key in self._index["companies"]

    def snoozed_until(self, person_id: str) -> dt.date | None:
        """The snooze-until date of the person, or None.

        Parameters
        ----------
        person_id : str
            A ``person_id`` of the export.

        Returns
        -------
        datetime.date or None
            The latest snooze date given for the person; None if not snoozed.

        Examples
        --------
        >>> pid = "0123456789abcdef"
        >>> State(snoozes={pid: dt.date(2025, 4, 1)}).snoozed_until(pid)
        datetime.date(2025, 4, 1)
        """
        out: dt.date | None = self._index["snooze"].get(person_id)
        return out

    def target_cadence(self, person_id: str) -> float | None:
        """The user's target days between conversations with the person, or None.

        Parameters
        ----------
        person_id : str
            A ``person_id`` of the export.

        Returns
        -------
        float or None
            The target in days; None when the user set none.

        Examples
        --------
        >>> pid = "0123456789abcdef"
        >>> State(cadences={pid: 30}).target_cadence(pid)
        30.0
        """
        out: float | None = self._index["cadence"].get(person_id)
        return out

    def contacted(self, person_id: str) -> list[dt.date]:
        """The dates the user logged contacting the person, oldest first.

        Parameters
        ----------
        person_id : str
            A ``person_id`` of the export.

        Returns
        -------
        list of datetime.date
            A new list (empty when nothing was logged).

        Examples
        --------
        >>> pid = "0123456789abcdef"
        >>> log = (LogEntry(pid, dt.date(2025, 3, 1)), LogEntry(pid, dt.date(2025, 1, 2)))
        >>> State(contacts=log).contacted(pid)
        [datetime.date(2025, 1, 2), datetime.date(2025, 3, 1)]
        """
        return list(self._index["contacted"].get(person_id, []))

    def suggested_on(self, person_id: str) -> list[dt.date]:
        """The dates a plan suggested the person (see :func:`record_plan`), oldest first.

        Parameters
        ----------
        person_id : str
            A ``person_id`` of the export.

        Returns
        -------
        list of datetime.date
            A new list (empty when no plan suggested them).

        Examples
        --------
        >>> pid = "0123456789abcdef"
        >>> State(suggested={pid: (dt.date(2025, 3, 3),)}).suggested_on(pid)
        [datetime.date(2025, 3, 3)]
        """
        return list(self._index["suggested"].get(person_id, []))

    @property
    def ignored_company_keys(self) -> frozenset[str]:
        """The ignored companies, normalised by :func:`~tiekeeper.companies.normalize_company`.

        Examples
        --------
        >>> state = State(ignore_companies=("Initech", "The Initech Inc.", "Acme"))
        >>> sorted(state.ignored_company_keys)
        ['acme', 'initech']
        """
        out: frozenset[str] = self._index["companies"]
        return out

    def by_person(self) -> pl.DataFrame:
        """One row per ``person_id`` the state mentions, for joins.

        Columns: ``person_id``, ``ignored``, ``snoozed_until``,
        ``target_cadence``, ``contacted`` and ``suggested`` (sorted date lists).
        Companies on the ignore list count only once resolved.

        Returns
        -------
        polars.DataFrame
            The columns above, one row per person, sorted by ``person_id``.

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

    def resolve(self, people: pl.DataFrame, aliases: Mapping[str, str] | None = None) -> State:
        """Map every name or URL in the file to ``person_id`` through ``people``.

        ``people`` needs ``person_id``, ``name`` and ``profile_url`` (the
        export's ``people`` frame, or a ``score`` frame); ``aliases`` and
        ``company`` are used when present. A name shared by several people
        applies to all of them, except a name that namesakes share
        (``people.key_method`` ``'namesake'`` or ``'ambiguous'``, Connections
        rows without URLs): that entry stays keyed by the name, matches none
        of them, and an :class:`~tiekeeper.errors.AmbiguousNameWarning` names
        it. A reference matching nobody keeps its own key; with ``aliases``
        (``Export.id_aliases`` of a History's merged record) an older
        ``person_id`` or profile URL of someone reaches their canonical id.
        Every case is described in :attr:`notes`.

        Parameters
        ----------
        people : polars.DataFrame
            The people to match against (``person_id``, ``name``,
            ``profile_url``; ``aliases`` and ``company`` when present).
        aliases : mapping of str to str, optional
            Older person ids and profile URLs mapped to canonical ids.

        Returns
        -------
        State
            A new state whose queries answer by the export's ``person_id``; its
            :attr:`notes` say what matched nobody or several people.

        Warns
        -----
        AmbiguousNameWarning
            For a name that several namesakes share.

        Examples
        --------
        >>> people = pl.DataFrame({"person_id": ["p1"], "name": ["Ada Example"],
        ...                        "profile_url": [None], "company": ["Initech"]})
        >>> state = State(cadences={"Ada Example": 30, "Bo Nobody": 60}).resolve(people)
        >>> state.target_cadence("p1")
        30.0
        >>> any("Bo Nobody" in note for note in state.notes)
        True
        """
        all_refs = sorted(_all_refs(self))
        companies = self._index["companies"]
        if not all_refs and not companies:
            return dataclasses.replace(self, notes=(), _refs={}, _company_ids=frozenset())
        base = people_base(people)
        pids = set(base["person_id"].to_list())
        namesakes: set[str] = set()
        if "key_method" in people.columns:
            shared = pl.col("key_method").is_in(["namesake", "ambiguous"])
            namesakes = set(people.filter(shared)["person_id"].drop_nulls().to_list())
        urls = {r: normalize_profile_url(r) for r in all_refs if looks_like_url(r)}
        names = [r for r in all_refs if r not in urls and r not in pids]
        keys = dict(zip(names, loose_key(pl.Series(names, dtype=pl.String)).to_list(), strict=True))
        by_url = _group(
            base.filter(pl.col("profile_url").is_in(list(urls.values()))), "profile_url"
        )
        named = (
            base.select("person_id", n=pl.concat_list("name", "aliases"))
            .explode("n")
            .with_columns(k=loose_key(pl.col("n")))
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
                found = {i for i in default_ids(ref) if i in pids}
            if not found and aliases:  # an older id or URL of someone (History.merged)
                alias = aliases.get(ref) or (aliases.get(url) if url else None)
                found = {alias} if alias is not None and alias in pids else set()
            if not found:
                notes.append(f"{where}: {ref!r} matches nobody in the export; check the spelling")
            elif len(found) > 1 and found & namesakes and not url:
                note = (
                    f"{where}: {ref!r} is a name that {len(found)} different people share "
                    "(namesakes); the entry applies to none of them. Use a profile URL or a "
                    "person_id to pick one"
                )
                notes.append(note)
                warnings.warn(note, AmbiguousNameWarning, stacklevel=2)
                refs[ref] = (person_id_from_name(ref),) if name_key(ref) else default_ids(ref)
                continue
            elif len(found) > 1:
                notes.append(
                    f"{where}: {ref!r} matches {len(found)} people; all of them are affected. "
                    "Use a profile URL to pick one"
                )
            refs[ref] = tuple(sorted(found)) or default_ids(ref)
        return dataclasses.replace(
            self, notes=tuple(notes), _refs=refs, _company_ids=frozenset(company_ids)
        )


def loose_key(x: Any) -> Any:
    """Case- and space-insensitive name key, in polars (a Series or an expression).

    Examples
    --------
    >>> loose_key(pl.Series(["  Ada   EXAMPLE "])).to_list()
    ['ada example']
    """
    return x.str.normalize("NFC").str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()


def people_base(people: pl.DataFrame) -> pl.DataFrame:
    """``person_id``, ``name``, ``profile_url``, ``aliases`` and ``company`` of keyed people.

    ``people`` is the export's ``people`` frame or a ``score`` frame; a missing
    ``aliases`` column reads as no aliases and a missing ``company`` as null.

    Examples
    --------
    >>> people_base(pl.DataFrame({"person_id": ["p1", None], "name": ["Ada", "X"],
    ...                           "profile_url": [None, None]})).row(0)
    ('p1', 'Ada', None, [], None)
    """
    has = people.columns
    return people.select(
        "person_id",
        "name",
        "profile_url",
        aliases=pl.col("aliases") if "aliases" in has else pl.lit([], pl.List(pl.String)),
        company=pl.col("company") if "company" in has else pl.lit(None, pl.String),
    ).filter(pl.col("person_id").is_not_null())


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


def looks_like_url(ref: str) -> bool:
    """Whether a reference is a LinkedIn profile URL or URN rather than a name.

    Examples
    --------
    >>> looks_like_url("linkedin.com/in/ada"), looks_like_url("Ada Example")
    (True, False)
    """
    low = ref.lower()
    return "linkedin.com/" in low or low.startswith("urn:li:")


def default_ids(ref: str) -> tuple[str, ...]:
    """The ``person_id`` a reference has without an export: itself, by URL slug or by name.

    Examples
    --------
    >>> default_ids("0123456789abcdef")
    ('0123456789abcdef',)
    >>> from tiekeeper.keys import person_id_from_name
    >>> default_ids(" Ada Example ") == (person_id_from_name("Ada Example"),)
    True
    """
    ref = ref.strip()
    if PID.match(ref):
        return (ref,)
    if looks_like_url(ref):
        slug = profile_slug(ref)
        return (person_id_from_slug(slug),) if slug else (ref,)
    return (person_id_from_name(ref),) if name_key(ref) else (ref,)
