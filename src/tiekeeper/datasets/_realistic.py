"""``realistic=True``: the patterns of real exports, mixed into the story.

:func:`make_plan` picks and renames the people of each pattern
(:mod:`~tiekeeper.datasets._realistic_people`) and writes their message rows:

* promotional senders (LinkedIn's own accounts, a fictional cloud provider and
  domain seller) mailing the owner the same text again and again, never
  answered, never connections: plain text with an unsubscribe footer or an
  unfilled ``%FIRSTNAME%`` in the 2018 layout, ``spinmail`` HTML in a
  ``Sponsored Conversation`` later;
* short exchanges with the namesakes, the people with credentials and the
  honorific names, and a study group of the people with credentials (their
  names, commas included, joined by ``,`` in TO);
* one-way ties (the owner writes 5 to 8 times, never answered);
* threads that end in a closer (``Gracias!``, ``Thank you!``, ``👍``, an empty
  sticker), one of them inbound and recent;
* a recruiter seen in a single row.

The rows are made before the story's own messages and taken from their
budget; the promotional senders and the recruiter join the cast afterwards
(:func:`finish`), so the story itself never messages them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from tiekeeper.datasets import _phrases as P
from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._castops import edit_people, extend_cast, person
from tiekeeper.datasets._names import make_slug_suffix, slugify
from tiekeeper.datasets._realistic_people import Picks, pick_people, rename
from tiekeeper.datasets._realistic_phrases import (
    CLOSER_THREADS,
    EXCHANGE_LINES,
    GROUP_LINES,
    ONE_WAY_LINES,
    PROMO_FOOTERS,
    PROMO_SENDERS,
    SPINMAIL_P,
)
from tiekeeper.datasets._rows import OWNER, rows
from tiekeeper.datasets._story import Cast

__all__ = ["Plan", "finish", "make_plan", "promo_name"]

#: Conversation keys of the plan's own threads (far above any person or group key).
_CONV = 1 << 40
_YEAR = 365.25
_GAP = (0.01, 0.3)  # days between the messages of one sitting


@dataclass(frozen=True)
class Plan:
    """The renamed cast, the extra message rows, the people who join the cast after the
    messages (``pid`` from ``cast.people.height`` on) and the kinds set afterwards."""

    cast: Cast
    rows: pl.DataFrame
    newcomers: list[dict[str, Any]]
    kinds: dict[int, str]


def promo_name(name: str, layout: str) -> str:
    """A promotional sender as the layout shows it: 2018 cuts it to two words.

    Examples
    --------
    >>> promo_name("Sam from LinkedIn Premium", "2018"), promo_name("Cloudly Web Services", "2023")
    ('Sam from', 'Cloudly Web Services')
    """
    return " ".join(name.split()[:2]) if layout == "2018" else name


def _direct(
    cast: Cast,
    pid: list[int],
    t: list[float],
    from_owner: list[bool],
    content: list[str],
    part: list[str],
    conv: list[int] | None = None,
    subject: list[str | None] | None = None,
) -> pl.DataFrame:
    """1:1 rows between the owner and the cast people ``pid`` (already in the cast)."""
    o = cast.owner
    names = cast.people["name"].gather(pid).to_list()
    urls = cast.people["url"].gather(pid).to_list()
    return rows(
        conv=conv if conv is not None else pid,
        t=t,
        from_name=[o.name if f else n for f, n in zip(from_owner, names, strict=True)],
        from_url=[o.url if f else u for f, u in zip(from_owner, urls, strict=True)],
        to_names=[n if f else o.name for f, n in zip(from_owner, names, strict=True)],
        to_urls=[u if f else o.url for f, u in zip(from_owner, urls, strict=True)],
        subject=subject if subject is not None else [None] * len(pid),
        content=content,
        pid=pid,
        from_owner=from_owner,
        part=part,
    )


def _spinmail(text: str) -> str:
    return SPINMAIL_P + html.escape(text, quote=False).replace("'", "&rsquo;") + "</p>"


def _promotional(
    rng: np.random.Generator, cast: Cast, layout: str, first_pid: int
) -> tuple[pl.DataFrame, list[dict[str, Any]]]:
    o = cast.owner
    end = cast.export_start - 1e-3
    frames, people = [], []
    for k, (sender, count, body, footer) in enumerate(PROMO_SENDERS):
        name = promo_name(sender, layout)
        text = body.replace("{first}", o.first)
        if layout == "2018":
            content = f"{text}  {PROMO_FOOTERS[footer]}"
        else:
            content = _spinmail(text) + _spinmail(PROMO_FOOTERS[footer])
        t = np.sort(end - rng.uniform(0, 3 * _YEAR, count))
        t = np.maximum(t, cast.registered + 30)
        people.append(person(kind="promotional", name=name, t=float(t[0]), pattern="promotional"))
        frames.append(
            rows(
                conv=[_CONV + k] * count,
                t=t,
                title=[None if layout == "2018" else "Sponsored Conversation"] * count,
                from_name=[name] * count,
                to_names=[o.name] * count,
                to_urls=[o.url] * count,
                content=[content] * count,
                folder=["INBOX"] * count,
                pid=[first_pid + k] * count,
                from_owner=[False] * count,
                part=["promotional"] * count,
            )
        )
    return pl.concat(frames), people


def _recruiter(
    rng: np.random.Generator, cast: Cast, pid: int
) -> tuple[pl.DataFrame, dict[str, Any]]:
    """One InMail from a recruiter who appears nowhere else."""
    o = cast.owner
    used = set(cast.people["name"].to_list())
    while True:
        first = V.FIRST_NAMES[int(rng.integers(0, len(V.FIRST_NAMES)))]
        last = V.LAST_PREFIXES[int(rng.integers(0, len(V.LAST_PREFIXES)))] + "gate"
        if f"{first} {last}" not in used:
            break
    slug = slugify(first, last, keep_unicode=False, with_credential=False)
    slug += make_slug_suffix(rng) or "-recruits"
    title = V.TITLES[int(rng.integers(0, len(V.TITLES)))]
    t = cast.export_start - rng.uniform(5, 200)
    who = person(
        kind="recruiter",
        name=f"{first} {last}",
        t=t,
        first_raw=first,
        last_raw=last,
        first=first,
        slug=slug,
        company=f"{V.ORG_PREFIXES[-1]} Talent Partners",
        position=V.RECRUITER_TITLES[0],
        pattern="single-row-recruiter",
    )
    city = cast.jobs[-1].location.split(",")[0]
    text = P.RECRUITER_LINES[0].format(first=o.first, title=title, city=city, company="")
    frame = rows(
        conv=[_CONV + 100],
        t=[t],
        from_name=[who["name"]],
        from_url=["https://www.linkedin.com/in/" + slug],
        to_names=[o.name],
        to_urls=[o.url],
        subject=[f"{title} opportunity"],
        content=[text],
        pid=[pid],
        from_owner=[False],
        part=["recruiter"],
    )
    return frame, who


def _one_way(rng: np.random.Generator, cast: Cast, pids: list[int]) -> pl.DataFrame:
    end = cast.export_start - 1e-3
    out: dict[str, list[Any]] = {"pid": [], "t": [], "content": []}
    firsts = cast.people["first"].to_list()
    for pid in pids:
        k = int(rng.integers(5, 9))
        t = (
            cast.people["connected_t"][pid]
            + rng.uniform(0.5, 10)
            + np.r_[0.0, np.cumsum(rng.uniform(10, 90, k - 1))]
        )
        t -= max(0.0, t[-1] - (end - rng.uniform(1, 20)))
        out["pid"] += [pid] * k
        out["t"] += t.tolist()
        out["content"] += [ONE_WAY_LINES[s].format(first=firsts[pid]) for s in range(k)]
    n = len(out["pid"])
    return _direct(cast, out["pid"], out["t"], [True] * n, out["content"], ["one-sided"] * n)


def _recent_closer(rng: np.random.Generator, cast: Cast, closers: list[int]) -> Cast:
    """Connect the first person whose thread ends inbound recently, so that their closer
    falls inside the window where an unanswered message would be an owed reply."""
    inbound = [pid for pid, th in zip(closers, CLOSER_THREADS, strict=False) if not th[1]]
    if not inbound:
        return cast
    return edit_people(cast, inbound[:1], connected_t=[cast.export_start - rng.uniform(8, 40)])


def _closers(rng: np.random.Generator, cast: Cast, pids: list[int]) -> pl.DataFrame:
    end = cast.export_start - 1e-3
    o = cast.owner
    firsts = cast.people["first"].to_list()
    out: dict[str, list[Any]] = {"pid": [], "t": [], "from_owner": [], "content": [], "part": []}
    for pid, (_, owner_opens, opener, reply, closer) in zip(pids, CLOSER_THREADS, strict=False):
        t0 = min(cast.people["connected_t"][pid] + rng.uniform(0.2, 10), end - 0.5)
        steps = np.cumsum(np.r_[0.0, rng.uniform(*_GAP, 2)])
        sides = [owner_opens, not owner_opens, owner_opens]
        addressee = firsts[pid] if owner_opens else o.first
        out["pid"] += [pid] * 3
        out["t"] += (t0 + steps).tolist()
        out["from_owner"] += sides
        out["content"] += [opener.format(first=addressee), reply, closer]
        out["part"] += ["exchange", "exchange", "closer"]
    return _direct(cast, out["pid"], out["t"], out["from_owner"], out["content"], out["part"])


def _exchanges(rng: np.random.Generator, cast: Cast, pids: list[int]) -> pl.DataFrame:
    """Four friendly messages with each of ``pids``: they open, the owner writes last."""
    end = cast.export_start - 1e-3
    o = cast.owner
    out: dict[str, list[Any]] = {"pid": [], "t": [], "from_owner": [], "content": []}
    for pid in pids:
        t0 = min(cast.people["connected_t"][pid] + rng.uniform(1, 120), end - 1)
        steps = np.cumsum(np.r_[0.0, rng.uniform(*_GAP, len(EXCHANGE_LINES) - 1)])
        out["pid"] += [pid] * len(EXCHANGE_LINES)
        out["t"] += (t0 + steps).tolist()
        out["from_owner"] += [s % 2 == 1 for s in range(len(EXCHANGE_LINES))]
        out["content"] += [line.format(first=o.first) for line in EXCHANGE_LINES]
    n = len(out["pid"])
    return _direct(cast, out["pid"], out["t"], out["from_owner"], out["content"], ["exchange"] * n)


def _group(rng: np.random.Generator, cast: Cast, members: list[int]) -> pl.DataFrame:
    """A study group of the owner and the people with credentials in their names."""
    if len(members) < 2:
        return rows(conv=[])
    o = cast.owner
    names = cast.people["name"].to_list()
    urls = cast.people["url"].to_list()
    everyone = [OWNER, *members]
    end = cast.export_start - 1e-3
    joined = cast.people["connected_t"].gather(members).to_numpy()
    start = float(joined.max()) + rng.uniform(1, 30)
    n = len(GROUP_LINES)
    t = np.minimum(start + np.cumsum(rng.uniform(0.01, 2, n)), end - 1e-3)
    sender = [everyone[k % len(everyone)] for k in range(n)]

    def name(p: int) -> str:
        return o.name if p == OWNER else names[p]

    def url(p: int) -> str:
        return o.url if p == OWNER else urls[p]

    return rows(
        conv=[_CONV + 200] * n,
        t=t,
        title=["Study group"] * n,
        from_name=[name(s) for s in sender],
        from_url=[url(s) for s in sender],
        to_names=[",".join(name(p) for p in everyone if p != s) for s in sender],
        to_urls=[",".join(url(p) for p in everyone if p != s) for s in sender],
        content=list(GROUP_LINES),
        pid=sender,
        from_owner=[s == OWNER for s in sender],
        part=["group"] * n,
    )


def make_plan(rng: np.random.Generator, cast: Cast, layout: str) -> Plan:
    """Pick, rename and write the realistic patterns (see the module doc)."""
    picks: Picks = pick_people(rng, cast)
    cast = rename(rng, cast, picks)
    cast = _recent_closer(rng, cast, picks.closers)
    n = cast.people.height
    promo, newcomers = _promotional(rng, cast, layout, n)
    recruiter, who = _recruiter(rng, cast, n + len(newcomers))
    talkers = picks.namesakes[:2] + picks.credentials + picks.honorifics[:2]
    frame = pl.concat(
        [
            promo,
            recruiter,
            _one_way(rng, cast, picks.one_way),
            _closers(rng, cast, picks.closers),
            _exchanges(rng, cast, talkers),
            _group(rng, cast, picks.credentials),
        ],
        how="vertical",
    )
    kinds = dict.fromkeys(picks.one_way, "one-sided") | dict.fromkeys(picks.closers, "one-off")
    return Plan(cast=cast, rows=frame, newcomers=[*newcomers, who], kinds=kinds)


def finish(cast: Cast, plan: Plan) -> Cast:
    """``cast`` (after the messages) with the newcomers added and the kinds set."""
    cast = extend_cast(cast, plan.newcomers)
    pids = list(plan.kinds)
    return edit_people(cast, pids, kind=[plan.kinds[p] for p in pids])
