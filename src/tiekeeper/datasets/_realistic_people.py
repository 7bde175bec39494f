"""Who carries the realistic patterns, and their new names.

Picked among connections that are nothing special in the story (contacts,
friends, colleagues, one-offs; never an owed reply or the base story's own
quirks), each person gets one pattern:

* ``namesake``: three connections share one full name, with different
  companies and connection days;
* ``credential-name``: a last name with credentials after commas, one with a
  bare comma (``, ACIPM,ASM``);
* ``honorific-name``: a First Name that is a title or an initial (``Dr.``,
  ``Dr. Mira``, ``A.``) or junk (``Associate``);
* ``one-way`` and ``closer``: contacts whose only messages are the pattern's
  (their tie is silenced, ``w = 0``).

Examples
--------
>>> import datetime as dt
>>> from tiekeeper.datasets._story import make_cast
>>> cast = make_cast(np.random.default_rng(1), 120, dt.date(2025, 3, 14))
>>> picks = pick_people(np.random.default_rng(2), cast)
>>> len(picks.namesakes), len(picks.credentials), len(picks.one_way)
(3, 4, 2)
>>> renamed = rename(np.random.default_rng(3), cast, picks)
>>> renamed.people["name"].gather(picks.namesakes).n_unique()
1
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._castops import edit_people
from tiekeeper.datasets._names import make_slug_suffix, slugify
from tiekeeper.datasets._realistic_phrases import CLOSER_THREADS, CREDENTIAL_SUFFIXES
from tiekeeper.datasets._story import Cast

__all__ = ["PATTERNS", "Picks", "pick_people", "rename"]

#: Every ``pattern`` value of the truth, in the order of the module docs.
PATTERNS = (
    "namesake",
    "credential-name",
    "honorific-name",
    "one-way",
    "closer",
    "promotional",
    "single-row-recruiter",
    "isolated",
)
#: People whose names are the base story's own quirks (a namesake pair, the
#: mathematical-alphabet and the emoji surname): never renamed.
_KEEP = (0, 7, 11, 13)
_N_NAMESAKES = 3
_N_ONE_WAY = 2
_HONORIFICS = 4


@dataclass(frozen=True)
class Picks:
    """The ``pid`` of the people carrying each pattern."""

    namesakes: list[int]
    credentials: list[int]
    honorifics: list[int]
    one_way: list[int]
    closers: list[int]

    def patterns(self) -> dict[int, str]:
        """``pid`` → pattern."""
        out: dict[int, str] = {}
        for name, pids in (
            ("namesake", self.namesakes),
            ("credential-name", self.credentials),
            ("honorific-name", self.honorifics),
            ("one-way", self.one_way),
            ("closer", self.closers),
        ):
            out.update(dict.fromkeys(pids, name))
        return out


def pick_people(rng: np.random.Generator, cast: Cast) -> Picks:
    """Choose the people of each pattern (see the module doc)."""
    p = cast.people
    kind = p["kind"].to_numpy()
    plain = (
        p["is_connection"].to_numpy()
        & p["pattern"].is_null().to_numpy()
        & np.isnan(cast.owed_at)
        & ~np.isin(np.arange(p.height), _KEEP)
    )
    quiet = rng.permutation(np.flatnonzero(plain & (kind == "contact"))).tolist()
    n_closers = min(len(CLOSER_THREADS), max(0, len(quiet) - _N_ONE_WAY))
    one_way, closers = quiet[:_N_ONE_WAY], quiet[_N_ONE_WAY : _N_ONE_WAY + n_closers]
    used = set(one_way + closers)
    ordinary = plain & np.isin(kind, ["contact", "friend", "colleague", "one-off"])
    rest = [i for i in rng.permutation(np.flatnonzero(ordinary)).tolist() if i not in used]
    n_cred = len(CREDENTIAL_SUFFIXES)
    return Picks(
        namesakes=rest[:_N_NAMESAKES],
        credentials=rest[_N_NAMESAKES : _N_NAMESAKES + n_cred],
        honorifics=rest[_N_NAMESAKES + n_cred : _N_NAMESAKES + n_cred + _HONORIFICS],
        one_way=one_way,
        closers=closers,
    )


def _fresh_name(rng: np.random.Generator, used: set[str]) -> tuple[str, str]:
    while True:
        first = V.FIRST_NAMES[int(rng.integers(0, len(V.FIRST_NAMES)))]
        last = V.LAST_PREFIXES[int(rng.integers(0, len(V.LAST_PREFIXES)))]
        last += V.LAST_SUFFIXES[int(rng.integers(0, len(V.LAST_SUFFIXES)))]
        if f"{first} {last}" not in used:
            used.add(f"{first} {last}")
            return first, last


def _slug(rng: np.random.Generator, first: str, last: str, taken: set[str], cred: bool) -> str:
    base = slugify(first, last, keep_unicode=False, with_credential=cred)
    slug = base + make_slug_suffix(rng)
    while slug in taken:
        slug = base + "-" + format(int(rng.integers(0, 2**32)), "08x")
    taken.add(slug)
    return slug


def _distinct_companies(cast: Cast, pids: list[int]) -> list[str | None]:
    """The namesakes' companies, made pairwise different (and not empty)."""
    p = cast.people
    current = p["company_now"].gather(pids).to_list()
    pool = p["company_now"].drop_nulls().unique(maintain_order=True).to_list()
    out: list[str | None] = []
    for c in current:
        if c is None or c in out:
            c = next(x for x in pool if x not in out)
        out.append(c)
    return out


def rename(rng: np.random.Generator, cast: Cast, picks: Picks) -> Cast:
    """``cast`` with the picked people renamed, re-slugged and marked with their pattern;
    one-way and closer ties are silenced."""
    p = cast.people
    used = set(p["name"].to_list())
    taken = set(p["slug"].drop_nulls().to_list())
    edits: dict[int, tuple[str, str, str, str]] = {}  # pid -> first_raw, last_raw, first, slug
    first, last = _fresh_name(rng, used)
    for pid in picks.namesakes:
        edits[pid] = (first, last, first, _slug(rng, first, last, taken, False))
    for pid, suffix in zip(picks.credentials, CREDENTIAL_SUFFIXES, strict=False):
        first, last = _fresh_name(rng, used)
        slug = _slug(rng, first, last + suffix, taken, bool(rng.random() < 0.5))
        edits[pid] = (first, last + suffix, first, slug)
    for k, pid in enumerate(picks.honorifics):
        first, last = _fresh_name(rng, used)
        first_raw, last_raw = (
            ("Dr.", f"{first} {last}"),
            (f"Dr. {first}", last),
            (f"{first[0]}.", last),
            ("Associate", last),
        )[k % _HONORIFICS]
        edits[pid] = (first_raw, last_raw, first_raw, _slug(rng, first_raw, last_raw, taken, True))
    pids = list(edits)
    cast = edit_people(
        cast,
        pids,
        first_raw=[edits[i][0] for i in pids],
        last_raw=[edits[i][1] for i in pids],
        first=[edits[i][2] for i in pids],
        name=[f"{edits[i][2]} {edits[i][1]}" for i in pids],
        slug=[edits[i][3] for i in pids],
        email=[None] * len(pids),
    )
    if picks.namesakes:
        days = np.floor(cast.people["connected_t"].gather(picks.namesakes).to_numpy())
        t = cast.people["connected_t"].gather(picks.namesakes).to_numpy().copy()
        for k in range(1, len(t)):
            if days[k] in days[:k]:
                t[k] = max(t[k] - 37.0 * k, cast.registered + 1)
        cast = edit_people(
            cast,
            picks.namesakes,
            company_now=_distinct_companies(cast, picks.namesakes),
            connected_t=t.tolist(),
        )
    silent = picks.one_way + picks.closers
    cast = edit_people(cast, silent, w=[0.0] * len(silent))
    marks = picks.patterns()
    return edit_people(cast, list(marks), pattern=list(marks.values()))
