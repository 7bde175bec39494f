"""Profile.csv: the owner's own profile (one data row).

The header changed across eras (``Maiden Name``, ``Birth Date``, ``Country``
come and go); only the columns of the ``profile`` schema are kept. Profile.csv
does not contain the owner's profile URL.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = b"First Name,Last Name,Headline,Geo Location\\nAda,Example,Engineer,Berlin\\n"
>>> parse_profile(read_table(raw, "Profile.csv", required=REQUIRED)).frame.row(0)
('Ada', 'Example', 'Engineer', None, None, 'Berlin', 2)
"""

from __future__ import annotations

from tiekeeper.io.csvfile import Table
from tiekeeper.io.parsers._common import finish
from tiekeeper.io.registry import FileParser, Parsed, register

__all__ = ["REQUIRED", "parse_profile"]

REQUIRED = ("First Name", "Last Name")


def parse_profile(table: Table) -> Parsed:
    """Parse ``Profile.csv`` into the ``profile`` schema."""
    t = table
    era = "2018" if t.column("Country") is not None else "2022+"
    if t.column("Created Date") is not None:
        era = "≤ 2017"
    return finish(
        "profile",
        t,
        {
            "first_name": t.get("First Name"),
            "last_name": t.get("Last Name"),
            "headline": t.get("Headline"),
            "summary": t.get("Summary"),
            "industry": t.get("Industry"),
            "geo_location": t.get("Geo Location"),
        },
        era=era,
    )


register(FileParser("profile", ("profile",), REQUIRED, "profile", parse_profile))
