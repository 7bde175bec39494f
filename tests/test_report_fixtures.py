"""Hand-built report inputs (frames following tiekeeper.schema) for the report tests.

Not a test module: imported by tests/test_report*.py and tests/test_browser.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from html.parser import HTMLParser
from typing import Any

import networkx as nx
import polars as pl
from exportkit import CONNECTIONS_HEADER, MESSAGES_HEADER, PREAMBLE

from tiekeeper.report.inputs import ReportInputs
from tiekeeper.schema import polars_schema
from tiekeeper.scoring.params import ScoringParams

UTC = dt.UTC
AS_OF = dt.datetime(2025, 3, 14, 23, 59, 59, tzinfo=UTC)

#: Strings that try to break out of HTML, attributes, JSON-in-script and plotly text.
HOSTILE = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
    "</script><script>window.__pwned=1</script>",
)


@dataclasses.dataclass(frozen=True)
class Person:
    pid: str
    name: str
    company: str | None
    status: str
    strength: float
    cadence: float | None
    since: float | None
    priority: float
    former: bool = False
    reasons: tuple[str, ...] = ()


def people(names: tuple[str, ...] | None = None) -> list[Person]:
    """Six people; ``names`` overrides their display names (e.g. hostile ones)."""
    base = [
        Person(
            "p1",
            "Ada Example",
            "Acme Inc.",
            "fading",
            41.0,
            20.0,
            120.0,
            0.8,
            True,
            (
                "You usually talk every ~20 days; it's been 120 days (6.0× your usual gap).",
                "Ada Example wrote you a recommendation in 2021.",
            ),
        ),
        Person(
            "p2",
            "Bob Sample",
            "ACME",
            "lapsed",
            12.0,
            30.0,
            400.0,
            0.6,
            True,
            ("Former colleague at Acme Inc.",),
        ),
        Person("p3", "Carol Test", "Northwind Analytics", "on track", 77.0, 7.0, 3.0, 0.0),
        Person("p4", "Dan Demo", "Contoso", "cooling", 35.0, 10.0, 30.0, 0.3),
        Person("p5", "Erin Quill", None, "never interacted", 1.0, None, None, 0.1),
        Person("p6", "Femi Okoro", "Northwind Analytics", "dormant", 3.0, 60.0, 1400.0, 0.2),
    ]
    if names is None:
        return base
    return [
        dataclasses.replace(
            p, name=names[i % len(names)] + f" {i}", company=names[-1 - i % len(names)]
        )
        for i, p in enumerate(base)
    ]


def _frame(name: str, rows: list[dict[str, Any]]) -> pl.DataFrame:
    schema = polars_schema(name)
    return (
        pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema, orient="row")
        if rows
        else pl.DataFrame(schema=schema)
    )


def inputs(names: tuple[str, ...] | None = None, *, owner: str = "Olive Owner") -> ReportInputs:
    """A small but complete ReportInputs, hand-built."""
    ps = people(names)
    tiers = ["active", "wider", "core", "active", "latent", "latent"]
    scores = _frame(
        "score",
        [
            {
                "person_id": p.pid,
                "name": p.name,
                "profile_url": f"https://www.linkedin.com/in/{p.pid}-slug",
                "company": p.company,
                "title": "Engineer",
                "strength": p.strength,
                "tier": tier,
                "status": p.status,
                "last_contact": None if p.since is None else AS_OF - dt.timedelta(days=p.since),
                "days_since": p.since,
                "sessions": 0 if p.cadence is None else 5,
                "cadence_days": p.cadence,
                "cadence_estimated": False,
                "overdue_ratio": None if p.cadence is None else p.since / p.cadence,  # type: ignore[operator]
                "peak_strength": p.strength + 20,
                "drop_from_peak": 0.5,  # not 1 - strength/peak: the page recomputes it
                "messages_sent": 3 if p.pid in {"p1", "p2", "p3", "p6"} else 0,
                "messages_received": 2 if p.pid in {"p1", "p3", "p4"} else 0,
                "former_colleague": p.former,
                "former_company": "Acme Inc." if p.former else None,
                "priority": p.priority,
                "reasons": list(p.reasons),
            }
            for p, tier in zip(ps, tiers, strict=True)
        ],
    )
    by_id = {p.pid: p for p in ps}

    def plan_row(pid: str, kind: str, slot: str, opener: str) -> dict[str, Any]:
        p = by_id[pid]
        return {
            "person_id": pid,
            "name": p.name,
            "company": p.company,
            "title": "Engineer",
            "priority": p.priority,
            "kind": kind,
            "status": p.status,
            "strength": p.strength,
            "last_contact": None if p.since is None else AS_OF - dt.timedelta(days=p.since),
            "reasons": list(p.reasons) or ["A reason."],
            "opener": opener,
            "slot": slot,
            "profile_url": f"https://www.linkedin.com/in/{pid}-slug",
        }

    first = ps[0].name.split()[0]
    suggestions = _frame(
        "plan",
        [
            plan_row("p1", "reconnect", "top", f"Hi {first}, it's been far too long!"),
            plan_row("p2", "coffee", "top", "Coffee soon? I miss our Acme chats."),
            plan_row("p5", "explore", "explore", "Hello! We connected a while ago."),
        ],
    )
    owed = _frame("plan", [plan_row("p4", "reply", "owed", "Sorry for the slow reply!")])
    space = _frame("plan", [plan_row("p6", "give_space", "give_space", "")])
    colleagues = [
        {
            "person_id": "p1",
            "name": ps[0].name,
            "confidence": 1.0,
            "sessions_during": 12,
            "sessions_after": 1,
        },
        {
            "person_id": "p2",
            "name": ps[1].name,
            "confidence": 0.5,
            "sessions_during": 4,
            "sessions_after": 0,
        },
    ]
    career = _frame(
        "career",
        [
            {
                "position": 1,
                "company": "Acme Inc.",
                "title": "Analyst",
                "started_on": dt.date(2016, 1, 1),
                "finished_on": dt.date(2020, 6, 30),
                "is_current": False,
                "n_colleagues": 2,
                "colleagues": colleagues,
                "rate_during": 3.5,
                "rate_after": 0.2,
                "ratio": 0.2 / 3.5,
            },
            {
                "position": 0,
                "company": "Northwind Analytics",
                "title": "Lead",
                "started_on": dt.date(2020, 7, 1),
                "finished_on": None,
                "is_current": True,
                "n_colleagues": 0,
                "colleagues": [],
                "rate_during": None,
                "rate_after": None,
                "ratio": None,
            },
        ],
    )
    graph = nx.Graph()
    graph.add_node("owner", kind="owner", name=owner)
    for p, tier in zip(ps, tiers, strict=True):
        graph.add_node(
            p.pid,
            kind="person",
            name=p.name,
            company=p.company,
            title="Engineer",
            strength=p.strength,
            status=p.status,
            tier=tier,
            last_contact=None,
            connected_on=None,
            top_reason=(p.reasons or (None,))[0],
            former_colleague=p.former,
            former_company=None,
            former_title=None,
            former_colleague_confidence=None,
        )
        graph.add_edge("owner", p.pid, kind="owner", weight=p.strength / 100)
    graph.add_edge(
        "p1",
        "p2",
        kind="same_employer",
        weight=1.0,
        shared_threads=0,
        employer="Acme Inc.",
        era="2016–2020",
    )
    graph.add_edge(
        "p3", "p6", kind="group_thread", weight=1.0, shared_threads=2, employer=None, era=None
    )
    # Carol (p3) also knows Ada (p1): she links her circle and Ada's
    graph.add_edge(
        "p3", "p1", kind="group_thread", weight=1.0, shared_threads=1, employer=None, era=None
    )
    communities = pl.DataFrame(
        {"person_id": ["p1", "p2", "p3", "p6", "p4", "p5"], "community": [0, 0, 1, 1, 2, 3]}
    )
    summary = _frame(
        "communities_summary",
        [
            {
                "community": 0,
                "size": 2,
                "label": "Former colleagues at Acme Inc.",
                "dominant_company": "Acme Inc.",
                "share_fading": 0.5,
                "top_members": [ps[0].name, ps[1].name],
            },
            {
                "community": 1,
                "size": 2,
                "label": "Mostly at Northwind Analytics",
                "dominant_company": "Northwind Analytics",
                "share_fading": 0.0,
                "top_members": [ps[2].name, ps[5].name],
            },
            {
                "community": 2,
                "size": 1,
                "label": "Mixed circle",
                "dominant_company": None,
                "share_fading": 0.0,
                "top_members": [ps[3].name],
            },
            {
                "community": 3,
                "size": 1,
                "label": "Mixed circle",
                "dominant_company": None,
                "share_fading": 0.0,
                "top_members": [ps[4].name],
            },
        ],
    )
    bridges = _frame(
        "bridges",
        [
            {
                "person_id": "p1",
                "name": ps[0].name,
                "company": ps[0].company,
                "community": 0,
                "degree": 1,
                "betweenness": 0.0,
                "constraint": 1.0,
                "effective_size": 1.0,
            },
            {
                "person_id": "p3",
                "name": ps[2].name,
                "company": ps[2].company,
                "community": 1,
                "degree": 1,
                "betweenness": 0.25,
                "constraint": 1.0,
                "effective_size": 1.0,
            },
        ],
    )
    history = _frame(
        "strength_history",
        [
            {
                "person_id": pid,
                "name": by_id[pid].name,
                "time": AS_OF - dt.timedelta(weeks=10 - w),
                "strength": 50.0 - 3 * w,
            }
            for pid in ("p1", "p2")
            for w in range(11)
        ],
    )
    interactions = _frame(
        "interactions",
        [
            {
                "person_id": pid,
                "time": AS_OF - dt.timedelta(days=d),
                "kind": "message",
                "direction": direction,
            }
            for pid, d, direction in (
                ("p1", 130, "out"),
                ("p1", 125, "in"),
                ("p2", 410, "out"),
                ("p3", 3, "in"),
                ("p3", 10, "out"),
                ("p4", 30, "in"),
                ("p6", 1400, "out"),
            )
        ],
    ).select("person_id", "time", "kind", "direction")
    return ReportInputs(
        owner=owner,
        export_date=AS_OF.date(),
        as_of=AS_OF,
        source="Basic_LinkedInDataExport_03-14-2025.zip",
        interactions=interactions,
        scores=scores,
        suggestions=suggestions,
        owed_replies=owed,
        give_space=space,
        career=career,
        graph=graph,
        communities=communities,
        communities_summary=summary,
        bridges=bridges,
        history=history,
        params=ScoringParams(),
        connections=6,
    )


def people_frame(names: tuple[str, ...] | None = None) -> pl.DataFrame:
    """The export's ``people`` frame for :func:`inputs` (for a Redactor)."""
    ps = people(names)
    return pl.DataFrame(
        {
            "person_id": [p.pid for p in ps],
            "name": [p.name for p in ps],
            "first_name": [p.name.split()[0] for p in ps],
            "last_name": [p.name.split()[-1] for p in ps],
            "aliases": [[] for _ in ps],
        },
        schema={
            "person_id": pl.String,
            "name": pl.String,
            "first_name": pl.String,
            "last_name": pl.String,
            "aliases": pl.List(pl.String),
        },
    )


# ----------------------------------------------------------- hostile export
OWNER_URL = "https://www.linkedin.com/in/olive-owner"


def _csv(rows: list[list[str]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def write_hostile_export(root: Any) -> Any:
    """A miniature export (current format) whose people, titles, companies, message text
    and conversation titles are all hostile strings; returns the export folder."""
    from pathlib import Path

    folder = Path(root) / "Basic_LinkedInDataExport_03-14-2025"
    folder.mkdir(parents=True)
    people = [
        (
            HOSTILE[i % 4],
            f"Zed{i}",
            f"https://www.linkedin.com/in/hostile-{i}",
            HOSTILE[(i + 1) % 4],
        )
        for i in range(8)
    ]
    connections = [list(CONNECTIONS_HEADER)]
    for i, (first, last, url, company) in enumerate(people):
        connections.append(
            [
                first,
                last,
                url,
                f"h{i}@example.com",
                company,
                HOSTILE[i % 4],
                f"{1 + i:02d} Mar 2021",
            ]
        )
    (folder / "Connections.csv").write_text(PREAMBLE + _csv(connections).rstrip("\n"))
    header = list(MESSAGES_HEADER[:11])  # the 2025-01 shape: no IS CONVERSATION DRAFT
    rows = [header]
    owner = "Olive Owner"
    # person i: sessions every (5 + 3i) days from 2022-01-01, stopping after 20 - 2i sessions,
    # so early people stay on track and later ones fade or lapse; person 7's last message is
    # inbound and recent (a reply is owed).
    import datetime as dt

    start = dt.datetime(2022, 1, 1, 9, tzinfo=dt.UTC)
    end = dt.datetime(2025, 3, 14, 12, tzinfo=dt.UTC)
    for i, (first, last, url, _company) in enumerate(people):
        conv = f"2-hostile-{i}"
        gap = dt.timedelta(days=5 + 3 * i)
        times = [start + n * gap for n in range(40 - 4 * i)]
        if i in (0, 7):
            times = [end - dt.timedelta(days=3 * n + 1) for n in range(12)][::-1]
        for n, when in enumerate(times):
            outgoing = n % 2 == 0 if i != 7 or n < len(times) - 1 else False
            sender, sender_url = (owner, OWNER_URL) if outgoing else (f"{first} {last}", url)
            to, to_url = (f"{first} {last}", url) if outgoing else (owner, OWNER_URL)
            rows.append(
                [
                    conv,
                    HOSTILE[(i + 2) % 4],
                    sender,
                    sender_url,
                    to,
                    to_url,
                    when.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    HOSTILE[3],
                    f"{HOSTILE[n % 4]} about {HOSTILE[3]}",
                    "INBOX",
                    "No",
                ]
            )
    # one group thread with people 1, 2 and 3
    group = people[1:4]
    for n in range(3):
        sender = group[n]
        others = [p for p in group if p is not sender]
        rows.append(
            [
                "2-hostile-group",
                HOSTILE[0],
                f"{sender[0]} {sender[1]}",
                sender[2],
                ",".join([f"{p[0]} {p[1]}" for p in others] + [owner]),
                ",".join([p[2] for p in others] + [OWNER_URL]),
                (start + dt.timedelta(days=40 + n)).strftime("%Y-%m-%d %H:%M:%S UTC"),
                "",
                HOSTILE[3],
                "INBOX",
                "No",
            ]
        )
    (folder / "messages.csv").write_text(_csv(rows))
    positions = [
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        [HOSTILE[1], HOSTILE[0], HOSTILE[3], HOSTILE[2], "Jan 2023", ""],
        [HOSTILE[2], HOSTILE[3], HOSTILE[0], "", "Jan 2019", "Dec 2022"],
    ]
    (folder / "Positions.csv").write_text(_csv(positions))
    profile = [
        [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
        ["Olive", "Owner", "", "", "", HOSTILE[0], HOSTILE[3], "", "", "", "", "", ""],
    ]
    (folder / "Profile.csv").write_text(_csv(profile))
    return folder


# --------------------------------------------------------------- html parse
class Page(HTMLParser):
    """Collects what a browser would see as elements (script bodies are raw text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self.scripts.append((self._in_script, data))
        else:
            self.text.append(data)


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p
