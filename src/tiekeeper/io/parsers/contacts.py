"""Contacts.csv (2022+) and Imported Contacts.csv (2018): the imported address book.

These are the owner's phone and e-mail contacts, not the LinkedIn network, so
they never become people. ``CreatedAt`` is F1 (US Pacific), converted to UTC.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt\\n"
...        b'GOOGLE_CONTACTS,Ada,Example,null,,ada@example.com,,"6/17/23, 6:18 AM"\\n')
>>> parse_contacts(read_table(raw, "Contacts.csv", required=REQUIRED)).frame.row(0)[:3]
('GOOGLE_CONTACTS', 'Ada', 'Example')
"""

from __future__ import annotations

from tiekeeper.io.csvfile import Table
from tiekeeper.io.parsers._common import date_column, finish
from tiekeeper.io.registry import FileParser, Parsed, register

__all__ = ["REQUIRED", "parse_contacts"]

REQUIRED = ()


def parse_contacts(table: Table) -> Parsed:
    """Parse ``Contacts.csv`` / ``Imported Contacts.csv`` into the ``contacts`` schema."""
    t = table
    created, bad = date_column(
        t, t.get("CreatedAt", "Created At"), kind="instant", label="CreatedAt", pacific=True
    )
    era = "2022+ (Contacts.csv)" if t.column("Source") is not None else "2018 (Imported Contacts)"
    return finish(
        "contacts",
        t,
        {
            "source": t.get("Source"),
            "first_name": t.get("FirstName", "First Name"),
            "last_name": t.get("LastName", "Last Name"),
            "full_name": t.get("FullName", "Full Name"),
            "companies": t.get("Companies"),
            "title": t.get("Title"),
            "emails": t.get("Emails", "Email Address"),
            "created_at": created,
        },
        [bad],
        era,
    )


register(
    FileParser(
        "contacts",
        ("contacts", "imported contacts", "importedcontacts"),
        REQUIRED,
        "contacts",
        parse_contacts,
    )
)
