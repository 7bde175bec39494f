"""Endorsement_Received_Info.csv and Endorsement_Given_Info.csv.

=============================  =================================================================
file, period                   header
=============================  =================================================================
received, 2021 to 2022-09      ``Endorsement Date,Skill Name,Endorser First Name,
                               Endorser Last Name,Endorsement Status``
received, 2023-07 on           the same + ``Endorser Public Url`` (before the status)
given, 2023-07 on              ``…,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,…``
legacy UTF-16 received         ``Endorsement Date,Skill Name,Endorser First Name,
                               Endorser Last Name,Endorsement Status,Display Status``
=============================  =================================================================

Dates are F5 (UTC). The Public Url has no scheme and keeps raw Unicode; it is
normalised. The legacy file can sit next to the new one (old/new twins): both
are read, and rows of the later one that repeat a row already seen (same
time, skill and person) are listed in ``rejected`` as duplicates.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
...        b"Endorser Public Url,Endorsement Status\\n"
...        b"2024/12/07 14:51:07 UTC,Machine Learning,Ada,Example,"
...        b"www.linkedin.com/in/ada-example-8c9d0e1f,ACCEPTED\\n")
>>> t = read_table(raw, "Endorsement_Received_Info.csv", required=RECEIVED)
>>> parse_received(t).frame.select("name", "profile_url").row(0)
('Ada Example', 'https://www.linkedin.com/in/ada-example-8c9d0e1f')
"""

from __future__ import annotations

from tiekeeper.io.csvfile import Table
from tiekeeper.io.parsers._common import date_column, finish, full_name, profile_urls
from tiekeeper.io.registry import FileParser, Parsed, register

__all__ = ["GIVEN", "RECEIVED", "parse_given", "parse_received"]

RECEIVED = ("Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name")
GIVEN = ("Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name")
_DEDUPE = ("time", "skill", "name")


def _parse(table: Table, frame: str, role: str) -> Parsed:
    t = table
    first, last = t.get(f"{role} First Name"), t.get(f"{role} Last Name")
    time, bad = date_column(t, t.get("Endorsement Date"), kind="instant", label="Endorsement Date")
    has_url = t.column(f"{role} Public Url") is not None
    if t.column("Display Status") is not None:
        era = "legacy UTF-16 (Display Status)"
    elif has_url:
        era = "2023-07+ (Public Url)"
    else:
        era = "2021 to 2022-09 (no URL)"
    return finish(
        frame,
        t,
        {
            "time": time,
            "skill": t.get("Skill Name"),
            "first_name": first,
            "last_name": last,
            "name": full_name(first, last),
            "profile_url": profile_urls(t.get(f"{role} Public Url")),
            "status": t.get("Endorsement Status"),
        },
        [bad],
        era,
    )


def parse_received(table: Table) -> Parsed:
    """Parse ``Endorsement_Received_Info.csv`` into ``endorsements_received``."""
    return _parse(table, "endorsements_received", "Endorser")


def parse_given(table: Table) -> Parsed:
    """Parse ``Endorsement_Given_Info.csv`` into ``endorsements_given``."""
    return _parse(table, "endorsements_given", "Endorsee")


register(
    FileParser(
        "endorsements_received",
        ("endorsement received info",),
        RECEIVED,
        "endorsements_received",
        parse_received,
        _DEDUPE,
    )
)
register(
    FileParser(
        "endorsements_given",
        ("endorsement given info",),
        GIVEN,
        "endorsements_given",
        parse_given,
        _DEDUPE,
    )
)
