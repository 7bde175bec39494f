"""A synthetic owner network of any size, built directly as frames (no CSV round-trip).

Used by ``graph_bench.py`` and by the large-graph tests: the people, their
score rows, group conversations drawn from circles of acquaintances, and the
owner's positions with flagged former colleagues. Everything is seeded.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import polars as pl

__all__ = ["SynthExport", "synthetic_network"]

STATUSES = ("on track", "cooling", "fading", "lapsed", "dormant", "never interacted")
COMPANIES = [f"Company {i}" for i in range(400)]
OWNER_ID = "0" * 16


@dataclass
class _Owner:
    name: str = "Olive Owner"
    person_ids: tuple[str, ...] = (OWNER_ID,)


@dataclass
class SynthExport:
    """The few Export attributes the graph reads."""

    messages: pl.DataFrame
    positions: pl.DataFrame
    owner: _Owner = field(default_factory=_Owner)


def synthetic_network(
    n_people: int = 30_000,
    *,
    seed: int = 0,
    threads_per_person: float = 8.0,
    messages_per_thread: tuple[int, int] = (4, 24),
) -> tuple[SynthExport, pl.DataFrame]:
    """Return ``(export, scores)`` for ``n_people`` contacts."""
    r = random.Random(seed)
    pids = [f"{i + 1:016x}" for i in range(n_people)]
    # circles of acquaintances (Pareto sizes) cover ~80 % of people
    circles: list[list[int]] = []
    start = 0
    covered = int(n_people * 0.8)
    while start < covered:
        size = min(int(r.paretovariate(1.1) * 12) + 3, 2_000, covered - start)
        circles.append(list(range(start, start + size)))
        start += size
    conv: list[str] = []
    sender: list[str] = []
    recips: list[list[str]] = []
    n_threads = int(n_people * threads_per_person / 4)
    weights = [len(c) for c in circles]
    for t in range(n_threads):
        circle = r.choices(circles, weights=weights)[0]
        if len(circle) < 2:
            continue
        k = min(len(circle), r.choice((2, 2, 2, 2, 3, 3, 4, 6, 10)))
        members = [pids[i] for i in r.sample(circle, k)]
        if r.random() < 0.05:  # a cross-circle acquaintance
            members.append(pids[r.randrange(n_people)])
        for _ in range(r.randint(*messages_per_thread)):
            frm = r.choice([OWNER_ID, *members])
            conv.append(f"conv-{t}")
            sender.append(frm)
            recips.append([p for p in [OWNER_ID, *members] if p != frm])
    messages = pl.DataFrame(
        {
            "conversation_id": conv,
            "sender_id": sender,
            "recipient_ids": recips,
            "is_interaction": [True] * len(conv),
        },
        schema={
            "conversation_id": pl.String,
            "sender_id": pl.String,
            "recipient_ids": pl.List(pl.String),
            "is_interaction": pl.Boolean,
        },
    )
    positions = pl.DataFrame(
        {
            "company": ["Globex Corp", "Initech", "Umbrella", "Hooli", "Acme Inc.", "Stark"],
            "title": ["Engineer", "Lead", "Manager", "Director", "VP", "CTO"],
            "started_on": [dt.date(2005 + 3 * i, 1, 1) for i in range(6)],
            "finished_on": [dt.date(2008 + 3 * i, 1, 1) for i in range(5)] + [None],
        }
    )
    former = [r.randrange(6) if r.random() < 0.13 else -1 for _ in range(n_people)]
    base = dt.date(2005, 1, 1)
    scores = pl.DataFrame(
        {
            "person_id": pids,
            "name": [f"Person {i}" for i in range(n_people)],
            "company": [r.choice(COMPANIES) for _ in range(n_people)],
            "title": ["Analyst"] * n_people,
            "connected_on": [base + dt.timedelta(days=r.randrange(7_000)) for _ in pids],
            "strength": [round(100 * r.random() ** 3, 1) for _ in pids],
            "tier": ["wider"] * n_people,
            "last_contact": [
                dt.datetime(2024, 1, 1, tzinfo=dt.UTC) - dt.timedelta(days=r.randrange(3_000))
                for _ in pids
            ],
            "status": [r.choice(STATUSES) for _ in pids],
            "former_colleague": [f >= 0 for f in former],
            "former_company": [positions["company"][f] if f >= 0 else None for f in former],
            "former_title": [positions["title"][f] if f >= 0 else None for f in former],
            "former_colleague_confidence": [0.5 if f >= 0 else 0.0 for f in former],
            "reasons": [[f"Reason for person {i}."] for i in range(n_people)],
        },
        schema_overrides={"last_contact": pl.Datetime("us", "UTC")},
    )
    return SynthExport(messages, positions), scores
