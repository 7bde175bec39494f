"""Connections.csv: the owner's first-degree network at export time.

==========================  ===================================================================
era                         header (after the ``Notes:`` preamble, if any)
==========================  ===================================================================
≤ early 2018                ``First Name,Last Name,Address,Email Address,Company,Position,
                            Connected On,Websites,Instant Messengers``
2018-11                     ``First Name,Last Name,Email Address,Company,Position,Connected On``
                            (no preamble; ``Connected On`` in F1)
2021-06 to 2023-05          preamble + the 2018-11 header (``Connected On`` in F8)
2023-07 on                  preamble + ``…,Last Name,URL,Email Address,…``
==========================  ===================================================================

The header is found by content (a record holding ``First Name`` and
``Connected On``), so the preamble, blank lines left where a user deleted it
and a BOM are all fine. Rows empty except for the date (hidden or closed
accounts) are kept, with a null ``person_id``, and counted in the notes.
``Company`` and ``Position`` are the contact's values at export time.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
...        b"J\\xc3\\xbcrgen ,Demo,https://www.linkedin.com/in/j%C3%BCrgen-demo,,,,05 Mar 2023\\n")
>>> f = parse_connections(read_table(raw, "Connections.csv", required=REQUIRED)).frame
>>> f.select("first_name", "name", "profile_url", "connected_on").row(0)
('Jürgen ', 'Jürgen Demo', 'https://www.linkedin.com/in/jürgen-demo', datetime.date(2023, 3, 5))
"""

from __future__ import annotations

from tiekeeper.io.csvfile import Table
from tiekeeper.io.parsers._common import (
    date_column,
    finish,
    full_name,
    profile_urls,
    spreadsheet_notes,
)
from tiekeeper.io.registry import FileParser, Parsed, register

__all__ = ["REQUIRED", "parse_connections"]

REQUIRED = ("First Name", "Last Name", "Connected On")


def _era(t: Table, f1: bool) -> str:
    if t.column("Websites") is not None or t.column("Address") is not None:
        return "≤ early 2018 (9 columns)"
    if t.column("URL") is not None:
        return "2023-07+ (with URL)"
    if f1:
        return "2018-11 (no preamble, F1 dates)"
    return "2021-06 to 2023-05 (no URL)"


def parse_connections(table: Table) -> Parsed:
    """Parse ``Connections.csv`` into the ``connections`` schema."""
    t = table
    first, last = t.get("First Name"), t.get("Last Name")
    raw_date = t.get("Connected On")
    connected, bad = date_column(t, raw_date, kind="day", label="Connected On")
    name = full_name(first, last)
    url = profile_urls(t.get("URL", "Profile URL"))
    f1 = bool(raw_date.str.contains(r"^\d{1,2}/\d{1,2}/\d{2}").any())
    notes = spreadsheet_notes(t, {"Connected On": raw_date})
    if t.header_line and t.header_line > 1:
        notes.append(f"header on line {t.header_line}, after the Notes: preamble")
    keyless = int((name.is_null() & url.is_null()).sum())
    if keyless:
        notes.append(
            f"{keyless} row(s) hold only a date (hidden or closed accounts): kept with a "
            "null person_id"
        )
    return finish(
        "connections",
        t,
        {
            "first_name": first,
            "last_name": last,
            "name": name,
            "profile_url": url,
            "email": t.get("Email Address"),
            "company": t.get("Company"),
            "position": t.get("Position"),
            "connected_on": connected,
        },
        [bad],
        _era(t, f1),
        notes,
    )


register(FileParser("connections", ("connections",), REQUIRED, "connections", parse_connections))
