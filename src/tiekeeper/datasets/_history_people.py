"""Who changes between the snapshots of a history, and every connection's values in each.

The story (:mod:`~tiekeeper.datasets._build`) gives each connection a
company, a title, a name and a profile slug, all shown by the first
snapshot. Between two consecutive snapshots (a *transition*) some of the
connections present in the earlier one change, each in one way only:

* removed (2 or more, about 1 % of those present);
* a company move (4 or more, about 2 %), half of them with a new title;
* a new title at the same company (3 or more, about 1.5 %);
* one new family name (URL, company and connected date kept);
* one new profile URL slug (only in layouts whose Connections carry URLs);
* one move to a placeholder employer (``Self-employed`` or ``Stealth
  Startup``), the title kept;
* one company respelled for everybody who holds that exact spelling
  (``Nimbleford Analytics`` becomes ``NIMBLEFORD ANALYTICS, Inc.``).

Only connections with a plain, unique name, a real company and a title, and
no realistic pattern, are chosen; the renamed and the re-URLed person also
share their company and connected day (give or take one) with nobody, so
that their company and day find them again. New connections need no choice: they are
the story's connections made between the two export days.

Examples
--------
>>> respell("Nimbleford Analytics")
'NIMBLEFORD ANALYTICS, Inc.'
>>> import datetime as dt
>>> from tiekeeper.datasets._story import make_cast
>>> cast = make_cast(np.random.default_rng(0), 200, dt.date(2025, 3, 14))
>>> t = plan_people(np.random.default_rng(1), cast, [1694822400, 1718409600, 1742083200],
...                 with_urls=True, skip_keys=set())
>>> [int(s["present"].sum()) < cast.people["is_connection"].sum() for s in t.states]
[True, True, True]
>>> [len(c) for c in t.changed]  # 2 removed, 4 moved, 3 new titles, 3 single changes
[0, 12, 12]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from tiekeeper.companies import is_placeholder, normalize_company
from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._names import slugify
from tiekeeper.datasets._story import Cast
from tiekeeper.errors import ParameterError

__all__ = ["PLACEHOLDERS", "PeopleTimeline", "plan_people", "respell"]

#: The placeholder employers a connection moves to (no move: no employer to name).
PLACEHOLDERS = ("Self-employed", "Stealth Startup")
_DAY = 86400


def respell(company: str) -> str:
    """The same company spelt another way: upper case with a legal form."""
    return f"{company.upper()}, Inc."


@dataclass(frozen=True)
class PeopleTimeline:
    """Every connection's values in each snapshot, and who changed in each transition.

    ``states[k]`` has one row per connection of the story (``pid``,
    ``present``, ``first_raw``, ``last_raw``, ``slug``, ``company``,
    ``position``); ``changed[k]`` holds the people chosen for a change in the
    transition into snapshot ``k`` (empty for ``k = 0``).
    """

    states: list[pl.DataFrame]
    changed: list[frozenset[int]]


@dataclass
class _State:
    first_raw: list[str]
    last_raw: list[str]
    slug: list[str]
    company: list[str | None]
    position: list[str | None]
    alive: np.ndarray

    def frame(self, pids: np.ndarray, present: np.ndarray) -> pl.DataFrame:
        idx = pids.tolist()
        return pl.DataFrame(
            {
                "pid": pids,
                "present": present[pids],
                "first_raw": [self.first_raw[i] for i in idx],
                "last_raw": [self.last_raw[i] for i in idx],
                "slug": [self.slug[i] for i in idx],
                "company": [self.company[i] for i in idx],
                "position": [self.position[i] for i in idx],
            },
            schema_overrides=dict.fromkeys(("company", "position"), pl.String),
        )


def _eligible(cast: Cast) -> np.ndarray:
    """Connections with a plain name no one else has, and no realistic pattern."""
    p = cast.people
    names = [n.casefold() for n in p["name"].to_list()]
    owner = cast.owner.name.casefold()
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    prefixes = {n.split(",")[0] for n in names if "," in n}
    plain = [
        counts[n] == 1 and n != owner and n not in prefixes and "," not in n and f.strip() == f
        for n, f in zip(names, p["first_raw"].to_list(), strict=True)
    ]
    clean_last = [s == s.strip() for s in p["last_raw"].to_list()]
    return (
        p["is_connection"].to_numpy()
        & p["pattern"].is_null().to_numpy()
        & np.array(plain, dtype=bool)
        & np.array(clean_last, dtype=bool)
    )


def _anchored(companies: list[str | None], days: np.ndarray, alive: np.ndarray) -> np.ndarray:
    """Whether each person is the only living connection with their normalised company
    connected within a day of theirs."""
    keys = [normalize_company(c) for c in companies]
    seen: dict[tuple[str | None, int], int] = {}
    for i in np.flatnonzero(alive).tolist():
        for d in (-1, 0, 1):
            pair = (keys[i], int(days[i]) + d)
            seen[pair] = seen.get(pair, 0) + 1
    return np.array(
        [
            keys[i] is not None and seen.get((keys[i], int(days[i])), 0) == 1
            for i in range(len(keys))
        ],
        dtype=bool,
    )


def _pick(rng: np.random.Generator, items: tuple[str, ...] | list[str]) -> str:
    return items[int(rng.integers(0, len(items)))]


class _Planner:
    """The state of every person, moved forward one transition at a time."""

    def __init__(self, rng: np.random.Generator, cast: Cast, skip_keys: set[str]) -> None:
        p = cast.people
        self.rng = rng
        self.state = _State(
            first_raw=p["first_raw"].to_list(),
            last_raw=p["last_raw"].to_list(),
            slug=p["slug"].to_list(),
            company=p["company_now"].to_list(),
            position=p["position_now"].to_list(),
            alive=np.ones(p.height, dtype=bool),
        )
        self.first = p["first"].to_list()
        self.names = {n.casefold() for n in p["name"].to_list()} | {cast.owner.name.casefold()}
        self.slugs = set(self.state.slug) | {cast.owner.slug}
        self.skip_keys = skip_keys
        real = {c for c in self.state.company if c is not None and not is_placeholder(c)}
        self.pool = sorted(c for c in real if normalize_company(c) not in skip_keys)

    def move(self, i: int, *, new_title: bool) -> None:
        s = self.state
        key = normalize_company(s.company[i])
        choices = [c for c in self.pool if normalize_company(c) != key]
        s.company[i] = _pick(self.rng, choices)
        if new_title:
            self.retitle(i)

    def retitle(self, i: int) -> None:
        s = self.state
        old = (s.position[i] or "").casefold()
        s.position[i] = _pick(self.rng, [t for t in V.TITLES if t.casefold() != old])

    def rename(self, i: int) -> None:
        s = self.state
        while True:
            last = _pick(self.rng, V.LAST_PREFIXES) + _pick(self.rng, V.LAST_SUFFIXES)
            name = f"{self.first[i]} {last}".casefold()
            if name not in self.names and last != s.last_raw[i]:
                break
        self.names.add(name)
        s.last_raw[i] = last

    def reslug(self, i: int) -> None:
        s = self.state
        base = slugify(self.first[i], s.last_raw[i], keep_unicode=False, with_credential=False)
        slug = base
        while slug in self.slugs:
            slug = f"{base}-{int(self.rng.integers(0, 2**32)):08x}"
        self.slugs.add(slug)
        s.slug[i] = slug

    def respell_one(self, changed: set[int]) -> None:
        s = self.state
        holders: dict[str, list[int]] = {}
        for i in np.flatnonzero(s.alive).tolist():
            c = s.company[i]
            if c is not None:
                holders.setdefault(c, []).append(i)
        taken = set(holders)
        options = [
            c
            for c in sorted(holders)
            if not is_placeholder(c)
            and normalize_company(c) not in self.skip_keys
            and respell(c) != c
            and respell(c) not in taken
            and normalize_company(respell(c)) == normalize_company(c)
            and not changed.intersection(holders[c])
        ]
        if not options:
            raise ParameterError(
                "make_sample_history found no company to respell; raise n_connections"
            )
        company = _pick(self.rng, options)
        for i in holders[company]:
            s.company[i] = respell(company)


def _counts(n_present: int) -> tuple[int, int, int]:
    """How many connections are removed, move and get a new title in one transition."""
    return (
        max(2, round(0.01 * n_present)),
        max(4, round(0.02 * n_present)),
        max(3, round(0.015 * n_present)),
    )


def plan_people(
    rng: np.random.Generator,
    cast: Cast,
    cutoffs: list[int],
    *,
    with_urls: bool,
    skip_keys: set[str],
) -> PeopleTimeline:
    """Choose the changes of every transition and record each snapshot's values.

    Parameters
    ----------
    rng : numpy.random.Generator
    cast : Cast
        The story's cast (connections have ``is_connection``).
    cutoffs : list of int
        The end of each export day, in epoch seconds, oldest first.
    with_urls : bool
        Whether the layout's Connections carry URLs (only then does a slug change).
    skip_keys : set of str
        Normalised companies nobody moves to or respells (the owner's employers).

    Raises
    ------
    ParameterError
        When a transition has too few connections to choose from.
    """
    planner = _Planner(rng, cast, skip_keys)
    s = planner.state
    p = cast.people
    is_conn = p["is_connection"].to_numpy()
    pids = np.flatnonzero(is_conn)
    seconds = np.round(p["connected_t"].to_numpy() * _DAY).astype(np.int64)
    eligible = _eligible(cast)
    stays_real = np.ones(p.height, dtype=bool)
    states = [s.frame(pids, is_conn & (seconds < cutoffs[0]))]
    changed: list[frozenset[int]] = [frozenset()]
    for k in range(1, len(cutoffs)):
        before = is_conn & s.alive & (seconds < cutoffs[k - 1])
        usable = eligible & before & stays_real
        usable &= np.array(
            [
                c is not None and not is_placeholder(c) and t is not None
                for c, t in zip(s.company, s.position, strict=True)
            ],
            dtype=bool,
        )
        order = rng.permutation(np.flatnonzero(usable)).tolist()
        n_remove, n_move, n_title = _counts(int(before.sum()))
        need = n_remove + n_move + n_title + 2 + int(with_urls)
        if len(order) < need:
            raise ParameterError(
                f"make_sample_history needs {need} connections that can change between "
                f"snapshots {k} and {k + 1}, found {len(order)}; raise n_connections, or "
                "pass a later first_date or fewer snapshots"
            )
        # the renamed and the re-URLed are found again by company and connected day:
        # nobody else may share both (the day give or take one, for time zones)
        anchored = _anchored(s.company, seconds // _DAY, is_conn & s.alive)
        renamed = next((i for i in order if anchored[i]), None)
        url_person = next(
            (i for i in order if anchored[i] and s.slug[i].isascii() and i != renamed), None
        )
        if renamed is None or (with_urls and url_person is None):
            raise ParameterError(
                f"make_sample_history found no connection to rename or re-URL between "
                f"snapshots {k} and {k + 1}; raise n_connections or try another seed"
            )
        singles = [renamed] + ([url_person] if with_urls and url_person is not None else [])
        order = [i for i in order if i not in singles]
        cuts = np.cumsum([n_remove, n_move, n_title, 1]).tolist()
        removed, movers, retitled, placeholder = np.split(np.array(order[: cuts[-1]]), cuts[:-1])
        for i in removed.tolist():
            s.alive[i] = False
        for j, i in enumerate(movers.tolist()):
            planner.move(i, new_title=j % 2 == 0)
        for i in retitled.tolist():
            planner.retitle(i)
        planner.rename(renamed)
        if with_urls and url_person is not None:
            planner.reslug(url_person)
        s.company[int(placeholder[0])] = _pick(rng, PLACEHOLDERS)
        stays_real[int(placeholder[0])] = False
        chosen = set(order[: cuts[-1]]) | set(singles)
        planner.respell_one(chosen)
        present = is_conn & s.alive & (seconds < cutoffs[k])
        states.append(s.frame(pids, present))
        changed.append(frozenset(chosen))
    return PeopleTimeline(states, changed)
