"""A crafted miniature export whose network is known by hand, for the graph tests.

The owner, Olive Owner, worked at Acme Inc. (Engineer, Jan 2015 – Dec 2018)
and now leads at Globex (Jan 2019 – now). The export date is 15 Jan 2025.

Who knows whom (group conversations, owner included in each):

* ``2-ACME``: A1, A2, A3, A4 (four contacts: a small thread, weight 1 per pair);
* ``2-GLOB``: B1, B2, B3, B4 (the same);
* ``2-XA``: X and A1; ``2-XB``: X and B1 (two contacts each: weight 1).

So the contact graph is two 4-cliques joined only through X: A1 – X – B1.
X is the bridge. The A people work at Acme now (spelt "Acme Inc.", "ACME",
"Acme, Inc" and "Acme Inc") and connected in 2016, inside the Acme era, so
scoring flags them as former colleagues at Acme; that adds same-employer links
among them (k = 3 nearest in connection date: all six pairs of four). Lena
works at "Acme Labs", a different company. Iris only writes 1:1, and Nico was
never messaged: both have no tie to another contact.

1:1 messages make the strength order at Acme A2 > A1 > A3 > A4: A2 has six
recent messages, A1 three in October (plus its group reply), A3 one in
January, A4 only the group thread.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from exportkit import CONNECTIONS_HEADER, MESSAGES_HEADER, PREAMBLE, csv_bytes, write_folder

import tiekeeper

OWNER = ("Olive Owner", "https://www.linkedin.com/in/olive-owner")

# key -> (first, last, slug, company, position, connected on)
PEOPLE: dict[str, tuple[str, str, str, str, str, str]] = {
    "A1": ("Anna", "Alpha", "anna-alpha", "Acme Inc.", "Engineer", "10 Mar 2016"),
    "A2": ("Arne", "Beta", "arne-beta", "ACME", "Designer", "12 Apr 2016"),
    "A3": ("Aida", "Gamma", "aida-gamma", "Acme, Inc", "Analyst", "15 May 2016"),
    "A4": ("Axel", "Delta", "axel-delta", "Acme Inc", "Tester", "20 Jun 2016"),
    "B1": ("Bea", "One", "bea-one", "Globex", "Lead", "10 Mar 2020"),
    "B2": ("Ben", "Two", "ben-two", "Globex", "Engineer", "11 Mar 2020"),
    "B3": ("Bo", "Three", "bo-three", "Globex", "Engineer", "12 Mar 2020"),
    "B4": ("Bill", "Four", "bill-four", "Globex", "Engineer", "13 Mar 2020"),
    "X": ("Xena", "Bridge", "xena-bridge", "Initech", "Consultant", "01 Feb 2012"),
    "LENA": ("Lena", "Labs", "lena-labs", "Acme Labs", "Chemist", "05 May 2022"),
    "IRIS": ("Iris", "Alone", "iris-alone", "Umbrella", "Buyer", "07 Jul 2021"),
    "NICO": ("Nico", "Quiet", "nico-quiet", "Hooli", "Sales", "09 Sep 2021"),
}
ACME = ("A1", "A2", "A3", "A4")
GLOBEX = ("B1", "B2", "B3", "B4")


def name(key: str) -> str:
    """Display name of a crafted person."""
    first, last, *_ = PEOPLE[key]
    return f"{first} {last}"


def url(key: str) -> str:
    """Profile URL of a crafted person."""
    return f"https://www.linkedin.com/in/{PEOPLE[key][2]}"


def person_id(key: str) -> str:
    """The person_id tiekeeper gives a crafted person."""
    from tiekeeper.keys import person_id_from_slug

    return person_id_from_slug(PEOPLE[key][2])


def _msg(conv: str, frm: str, to: list[str], date: str, text: str) -> list[str]:
    def who(k: str) -> tuple[str, str]:
        return OWNER if k == "OWNER" else (name(k), url(k))

    sender = who(frm)
    rec = [who(k) for k in to]
    return [
        conv,
        "",
        sender[0],
        sender[1],
        ",".join(r[0] for r in rec),
        ",".join(r[1] for r in rec),
        f"{date} UTC",
        "",
        text,
        "INBOX",
        "No",
        "No",
    ]


def _group(conv: str, members: list[str], date: str) -> list[list[str]]:
    return [_msg(conv, "OWNER", members, f"{date} 10:00:00", "Hello all")]


def messages_rows() -> list[list[str]]:
    """Every message row of the crafted export."""
    rows = [
        *_group("2-ACME", list(ACME), "2024-06-01"),
        _msg("2-ACME", "A1", ["OWNER", "A2", "A3", "A4"], "2024-06-02 09:00:00", "Hi all"),
        *_group("2-GLOB", list(GLOBEX), "2024-07-01"),
        _msg("2-GLOB", "B2", ["OWNER", "B1", "B3", "B4"], "2024-07-02 09:00:00", "Thanks"),
        *_group("2-XA", ["X", "A1"], "2024-08-01"),
        *_group("2-XB", ["X", "B1"], "2024-08-02"),
    ]
    for day in range(1, 7):  # A2: six recent messages, alternating direction
        frm, to = ("A2", ["OWNER"]) if day % 2 else ("OWNER", ["A2"])
        rows.append(_msg("2-A2", frm, to, f"2024-12-{day:02d} 12:00:00", "Catching up"))
    for day in (3, 10, 17):  # A1: three in October
        rows.append(_msg("2-A1", "A1", ["OWNER"], f"2024-10-{day:02d} 12:00:00", "News"))
    rows.append(_msg("2-A3", "A3", ["OWNER"], "2024-01-05 12:00:00", "Happy new year"))
    rows.append(_msg("2-IRIS", "IRIS", ["OWNER"], "2024-11-05 12:00:00", "Hello"))
    rows.append(_msg("2-IRIS", "OWNER", ["IRIS"], "2024-11-06 12:00:00", "Hi Iris"))
    return rows


def files(*, with_messages: bool = True, only_connections: bool = False) -> dict[str, bytes]:
    """The crafted export as {file name: bytes}."""
    conn = csv_bytes(
        CONNECTIONS_HEADER,
        [
            [first, last, f"https://www.linkedin.com/in/{slug}", "", company, title, when]
            for first, last, slug, company, title, when in PEOPLE.values()
        ],
        preamble=PREAMBLE,
        final_newline=False,
    )
    out = {"Connections.csv": conn}
    if only_connections:
        return out
    out["Positions.csv"] = csv_bytes(
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        [
            ["Globex", "Lead", "", "", "Jan 2019", ""],
            ["Acme Inc.", "Engineer", "", "", "Jan 2015", "Dec 2018"],
        ],
    )
    out["Profile.csv"] = csv_bytes(
        ["First Name", "Last Name", "Headline", "Summary", "Industry", "Geo Location"],
        [["Olive", "Owner", "Lead", "", "Software", "Berlin"]],
    )
    if with_messages:
        out["messages.csv"] = csv_bytes(MESSAGES_HEADER, messages_rows())
    return out


def write(root: Path, **kwargs: bool) -> Path:
    """Write the crafted export to a dated folder under ``root``; return its path."""
    return write_folder(root / "Basic_LinkedInDataExport_01-15-2025", files(**kwargs))


@pytest.fixture(scope="module")
def network_export(tmp_path_factory: pytest.TempPathFactory) -> tiekeeper.Export:
    """The crafted export, loaded with the real reader."""
    return tiekeeper.load_export(write(tmp_path_factory.mktemp("net")))


def test_kit_loads_every_person_and_the_owner(network_export: tiekeeper.Export) -> None:
    e = network_export
    assert e.owner.name == "Olive Owner"
    ids = set(e.people["person_id"].to_list())
    assert {person_id(k) for k in PEOPLE} <= ids
    assert e.export_date is not None and e.export_date.isoformat() == "2025-01-15"


def test_kit_scoring_flags_exactly_the_acme_people(network_export: tiekeeper.Export) -> None:
    s = tiekeeper.score(network_export)
    flagged = set(s.filter("former_colleague")["person_id"].to_list())
    assert flagged == {person_id(k) for k in ACME}
    assert set(s.filter("former_colleague")["former_company"].to_list()) == {"Acme Inc."}
