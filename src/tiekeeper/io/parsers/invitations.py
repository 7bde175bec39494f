"""Invitations.csv: invitations sent and received.

==================  ==============================================================
era                 header
==================  ==============================================================
2018-11 to 2023-02  ``From,To,Sent At,Message,Direction``
2023-07             ``…,Direction,inviterProfileUrn,inviteeProfileUrn``
2024-03 on          ``…,Direction,inviterProfileUrl,inviteeProfileUrl``
==================  ==============================================================

``Sent At`` is F1, a naive US Pacific time, converted to UTC. Identical rows
repeat (re-sent invitations); the repeats are listed in ``rejected`` as
duplicates.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\\n"
...        b'Ada Example,Bob Sample,"12/15/24, 7:47 AM",,OUTGOING,'
...        b"https://www.linkedin.com/in/ada-example,https://www.linkedin.com/in/bob-sample\\n")
>>> p = parse_invitations(read_table(raw, "Invitations.csv", required=REQUIRED))
>>> p.era, p.frame["sent_at"].dt.to_string("%Y-%m-%d %H:%M").to_list()
('2024-03+ (URLs)', ['2024-12-15 15:47'])
"""

from __future__ import annotations

import polars as pl

from tiekeeper.io.csvfile import Table
from tiekeeper.io.parsers._common import (
    clean_name,
    date_column,
    finish,
    profile_urls,
    spreadsheet_notes,
)
from tiekeeper.io.registry import FileParser, Parsed, register
from tiekeeper.schema import polars_schema

__all__ = ["REQUIRED", "parse_invitations"]

REQUIRED = ("From", "To", "Sent At", "Direction")


def parse_invitations(table: Table) -> Parsed:
    """Parse ``Invitations.csv`` into the ``invitations`` schema."""
    t = table
    if t.column("inviterProfileUrl") is not None:
        era = "2024-03+ (URLs)"
    elif t.column("inviterProfileUrn") is not None:
        era = "2023-07 (URNs)"
    else:
        era = "2018-11 to 2023-02 (no URLs)"
    raw_date = t.get("Sent At")
    sent, bad = date_column(t, raw_date, kind="instant", label="Sent At", pacific=True)
    direction = t.get("Direction").str.strip_chars().str.to_uppercase()
    bad_dir = pl.select(
        pl.when(~direction.is_in(["INCOMING", "OUTGOING"]).fill_null(False))
        .then(pl.format("Direction {} is neither INCOMING nor OUTGOING", direction))
        .otherwise(None)
    ).to_series()
    msg = t.get("Message")
    msg = msg.set((msg.str.strip_chars() == "").fill_null(False), None)
    return finish(
        "invitations",
        t,
        {
            "from_name": clean_name(t.get("From")),
            "to_name": clean_name(t.get("To")),
            "sent_at": sent,
            "message": msg,
            "direction": direction,
            "inviter_url": profile_urls(t.get("inviterProfileUrl", "inviterProfileUrn")),
            "invitee_url": profile_urls(t.get("inviteeProfileUrl", "inviteeProfileUrn")),
        },
        [bad, bad_dir],
        era,
        spreadsheet_notes(t, {"Sent At": raw_date}),
    )


_KEYS = tuple(c for c in polars_schema("invitations") if c not in ("line", "person_id"))
register(
    FileParser("invitations", ("invitations",), REQUIRED, "invitations", parse_invitations, _KEYS)
)
