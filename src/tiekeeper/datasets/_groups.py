"""Group conversations: colleagues of one job (or a circle of friends) plus the owner.

A group's TO lists every participant except the sender, the owner included,
joined by ``,`` with no space; RECIPIENT PROFILE URLS lists their URLs the
same way. One group holds a ``LinkedIn Member`` (a closed account) who has no
URL, so its TO and URL lists differ in length, as in real exports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from tiekeeper.datasets._phrases import GROUP_TITLES
from tiekeeper.datasets._rows import LINKEDIN_MEMBER, OWNER, rows
from tiekeeper.datasets._story import Cast
from tiekeeper.datasets._text import TextPool, word_counts
from tiekeeper.datasets._timing import place_messages

__all__ = ["Groups", "make_groups"]


@dataclass(frozen=True)
class Groups:
    """The group message rows and, per group, its participants and last time."""

    frame: pl.DataFrame
    members: list[list[int]]
    last_t: np.ndarray
    conv: np.ndarray


def _pools(cast: Cast, kind: np.ndarray, job: np.ndarray) -> list[np.ndarray]:
    """Candidate members per job, then (last) the circle of friends."""
    work = np.isin(kind, ["colleague", "group-contact", "close"])
    pools = [np.flatnonzero(work & (job == j)) for j in range(len(cast.jobs))]
    return [*pools, np.flatnonzero(np.isin(kind, ["friend", "close"]))]


def _pick_members(
    rng: np.random.Generator, cast: Cast, g: int, pools: list[np.ndarray]
) -> tuple[list[int], float, float]:
    end = cast.export_start - 1e-3
    if g % 10 == 9:  # a circle of friends
        pool = pools[-1]
        lo, hi = end - 5 * 365.0, end
    else:
        sizes = np.array([len(p) for p in pools[:-1]], dtype=float)
        j = int(rng.choice(len(sizes), p=sizes / sizes.sum()))
        pool = pools[j]
        lo, hi = cast.jobs[j].interval(cast.export_start)
    size = int(min(len(pool), 2 + rng.geometric(0.45)))
    members = [int(x) for x in rng.choice(pool, size=max(size, 1), replace=False)]
    length = float(rng.uniform(14, 365))
    ws = float(rng.uniform(lo, max(lo, hi - length)))
    return members, ws, min(hi, ws + length, end)


def make_groups(
    rng: np.random.Generator, cast: Cast, n_messages: int, conv_start: int, pool: TextPool
) -> Groups:
    """Group conversations holding ``n_messages`` messages in total."""
    people = cast.people
    kind = people["kind"].to_numpy()
    job = people["job"].to_numpy()
    names = people["name"].to_list()
    urls = people["url"].to_list()
    n_groups = max(2, min(n_messages // 12, round(people.height / 20)))
    per = 2 + rng.multinomial(n_messages - 2 * n_groups, rng.dirichlet(np.ones(n_groups) * 0.7))
    members: list[list[int]] = []
    bounds = np.zeros((n_groups, 4))
    pools = _pools(cast, kind, job)
    for g in range(n_groups):
        mem, ws, we = _pick_members(rng, cast, g, pools)
        if g == 1:
            mem.append(LINKEDIN_MEMBER)
        members.append(mem)
        bounds[g] = [ws, we, we, we]
    rates = np.tile([1.0, 0.0, 0.0], (n_groups, 1))
    placed = place_messages(rng, per, bounds, rates, p_session=0.3)
    conv = conv_start + np.arange(n_groups)

    # senders: the owner with a share near 1/(m+1), members by Dirichlet weights
    sender = np.empty(len(placed.thread), dtype=np.int64)
    cuts = np.searchsorted(placed.thread, np.arange(n_groups + 1))
    for g in range(n_groups):
        idx = np.arange(cuts[g], cuts[g + 1])
        mem = members[g]
        p_own = float(np.clip(rng.uniform(0.7, 1.5) / (len(mem) + 1), 0.05, 0.6))
        w = rng.dirichlet(np.ones(len(mem))) * (1 - p_own)
        choice = rng.choice(len(mem) + 1, size=len(idx), p=np.r_[p_own, w])
        sender[idx] = np.where(choice == 0, OWNER, np.array([OWNER, *mem])[choice])

    # TO / RECIPIENT PROFILE URLS for every (group, sender)
    keys: list[tuple[int, int, str, str | None, str, str]] = []
    for g, mem in enumerate(members):
        everyone = list(mem)
        everyone.insert(int(rng.integers(0, len(everyone) + 1)), OWNER)
        for s in everyone:
            others = [p for p in everyone if p != s]
            to = ",".join(_name(cast, names, p) for p in others)
            to_urls = ",".join(u for p in others if (u := _url(cast, urls, p)))
            keys.append((g, s, _name(cast, names, s), _url(cast, urls, s), to, to_urls))
    lookup = pl.DataFrame(
        keys,
        schema=["g", "pid", "from_name", "from_url", "to_names", "to_urls"],
        orient="row",
    )
    titles = [
        GROUP_TITLES[int(rng.integers(0, len(GROUP_TITLES)))] if rng.random() < 0.6 else None
        for _ in range(n_groups)
    ]
    base = pl.DataFrame(
        {"g": placed.thread, "pid": sender, "t": placed.t, "rank": placed.rank}
    ).join(lookup, on=["g", "pid"], how="left", maintain_order="left")
    frame = rows(
        conv=conv[placed.thread],
        t=placed.t,
        title=[titles[g] for g in placed.thread.tolist()],
        from_name=base["from_name"],
        from_url=base["from_url"],
        to_names=base["to_names"],
        to_urls=base["to_urls"],
        content=pool.take(rng, word_counts(rng, len(sender))),
        pid=sender,
        from_owner=sender == OWNER,
        part=["group"] * len(sender),
    )
    last_t = np.full(n_groups, -np.inf)
    np.maximum.at(last_t, placed.thread, placed.t)
    return Groups(frame=frame, members=members, last_t=last_t, conv=conv)


def _name(cast: Cast, names: list[str], p: int) -> str:
    if p == OWNER:
        return cast.owner.name
    if p == LINKEDIN_MEMBER:
        return "LinkedIn Member"
    return names[p]


def _url(cast: Cast, urls: list[str], p: int) -> str | None:
    if p == OWNER:
        return cast.owner.url
    if p == LINKEDIN_MEMBER:
        return None
    return urls[p]
