"""Recommendations_Received.csv and Recommendations_Given.csv.

Both share ``First Name,Last Name,Company,Job Title,Text,Creation Date,Status``
(spelt with spaces before 2018). ``Creation Date`` is F2, a naive US Pacific
time, converted to UTC. In *Given* the name is the recipient's. There is no
URL: people are linked by name.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"First Name,Last Name,Company,Job Title,Text,Creation Date,Status\\n"
...        b'Bob,Sample,Example Corp,Manager,Ada is careful.,"12/24/23, 05:28 AM",VISIBLE\\n')
>>> f = parse_received(read_table(raw, "Recommendations_Received.csv", required=REQUIRED)).frame
>>> f.select("name", "created_at").row(0)[1].isoformat()
'2023-12-24T13:28:00+00:00'
"""

from __future__ import annotations

from tiekeeper.io.csvfile import Table
from tiekeeper.io.parsers._common import date_column, finish, full_name
from tiekeeper.io.registry import FileParser, Parsed, register
from tiekeeper.schema import polars_schema

__all__ = ["REQUIRED", "parse_given", "parse_received"]

REQUIRED = ("First Name", "Last Name", "Text")


def _parse(table: Table, frame: str) -> Parsed:
    t = table
    first, last = t.get("First Name"), t.get("Last Name")
    created, bad = date_column(
        t, t.get("Creation Date"), kind="instant", label="Creation Date", pacific=True
    )
    return finish(
        frame,
        t,
        {
            "first_name": first,
            "last_name": last,
            "name": full_name(first, last),
            "company": t.get("Company"),
            "job_title": t.get("Job Title"),
            "text": t.get("Text"),
            "created_at": created,
            "status": t.get("Status"),
        },
        [bad],
        "2018+ (7 columns)",
    )


def parse_received(table: Table) -> Parsed:
    """Parse ``Recommendations_Received.csv`` into ``recommendations_received``."""
    return _parse(table, "recommendations_received")


def parse_given(table: Table) -> Parsed:
    """Parse ``Recommendations_Given.csv`` into ``recommendations_given``."""
    return _parse(table, "recommendations_given")


def _keys(frame: str) -> tuple[str, ...]:
    return tuple(c for c in polars_schema(frame) if c not in ("line", "person_id"))


register(
    FileParser(
        "recommendations_received",
        ("recommendations received",),
        REQUIRED,
        "recommendations_received",
        parse_received,
        _keys("recommendations_received"),
    )
)
register(
    FileParser(
        "recommendations_given",
        ("recommendations given",),
        REQUIRED,
        "recommendations_given",
        parse_given,
        _keys("recommendations_given"),
    )
)
