"""The files of an export in the layout of each era (format reference §4).

======  ===========================================================================
layout  what changes against the current (``2025``) export
======  ===========================================================================
2025    nothing: the 2024-12 / 2025-03 shape (``IS MESSAGE DRAFT``, coach messages)
2023    messages without ``IS MESSAGE DRAFT``; Invitations with
        ``inviterProfileUrn,inviteeProfileUrn`` (``urn:li:member:<digits>``, 2023-07);
        no coach messages file
2021    Connections without ``URL`` (preamble and F8 kept); 9-column messages;
        Invitations without URLs; endorsements received without ``Endorser Public
        Url`` and no endorsements given (2021 to 2022-09)
2018    ``Connections.csv`` without preamble or URL, ``Connected On`` in F1 and most
        e-mail addresses filled; ``Messages.csv`` (see
        :mod:`~tiekeeper.datasets._layout_messages`); Invitations without URLs;
        the 2018 ``Profile.csv`` and ``Registration.csv`` headers;
        ``Imported Contacts.csv``; no endorsement files
======  ===========================================================================

Files the reference does not date (Recommendations, Positions, Education,
Skills, Company Follows, Email Addresses) keep their stable headers.

Examples
--------
>>> member_urn("https://www.linkedin.com/in/ada-example")
'urn:li:member:333543496'
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import polars as pl

from tiekeeper.datasets._format import CONNECTIONS_PREAMBLE, fmt_f1
from tiekeeper.datasets._names import ascii_fold
from tiekeeper.datasets._writer import CsvFile
from tiekeeper.keys import map_unique

__all__ = ["LAYOUTS", "connections_file", "fill_emails_2018", "layout_file", "member_urn"]

#: The layouts :func:`tiekeeper.datasets.make_sample_export` writes, newest first.
LAYOUTS = ("2025", "2023", "2021", "2018")

_CONNECTIONS_OLD = "First Name,Last Name,Email Address,Company,Position,Connected On"
_PROFILE_2018 = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,Headline,Summary,"
    "Industry,Country,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers"
)
_REGISTRATION_2018 = (
    "Registration Date,Registration IP Address,Invited by (First Name),"
    "Invited by (Last Name),Subscription Types"
)
_IMPORTED_2018 = (
    "First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At,"
    "Instant Message Handles,Addresses,Sites,Full Name,Birthday,Location,Bookmarked At,Profiles"
)
#: Share of 2018 connections whose e-mail address is in the file ("most were filled").
_EMAIL_SHARE_2018 = 0.8


def member_urn(url: str | None) -> str | None:
    """A stable, invented ``urn:li:member:<9 digits>`` for a profile URL."""
    if url is None:
        return None
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest()
    return f"urn:li:member:{100_000_000 + int.from_bytes(digest, 'big') % 900_000_000}"


def _email_local(first: str | None, last: str | None) -> str:
    text = ascii_fold(f"{first or ''} {(last or '').split(',')[0]}").lower()
    return re.sub(r"[^a-z0-9]+", ".", text).strip(".") or "member"


def fill_emails_2018(rows: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """``rows`` (Connections rows of any shape) with most named rows' ``Email Address``
    filled in, as 2018 exports show them (``first.last@example.com``, numbered when
    repeated)."""
    named = rows["First Name"].is_not_null() | rows["Last Name"].is_not_null()
    fill = named.to_numpy() & (rng.random(rows.height) < _EMAIL_SHARE_2018)
    emails: list[str | None] = []
    seen: dict[str, int] = {}
    for e, f, a, b in zip(
        rows["Email Address"].to_list(),
        fill.tolist(),
        rows["First Name"].to_list(),
        rows["Last Name"].to_list(),
        strict=True,
    ):
        if e is None and f:
            local = _email_local(a, b)
            seen[local] = seen.get(local, 0) + 1
            e = f"{local}{seen[local] if seen[local] > 1 else ''}@example.com"
        emails.append(e)
    return rows.with_columns(pl.Series("Email Address", emails, dtype=pl.String))


def connections_file(rows: pl.DataFrame, layout: str, rng: np.random.Generator | None) -> CsvFile:
    """Connections.csv of ``layout`` from :func:`~tiekeeper.datasets._network.connection_rows`.

    ``rng`` fills the 2018 e-mail addresses (:func:`fill_emails_2018`); pass
    ``None`` when ``rows`` already went through it.
    """
    if layout in ("2025", "2023"):
        frame = rows.drop("_seconds")
        return CsvFile("Connections.csv", frame, final_newline=False, preamble=CONNECTIONS_PREAMBLE)
    frame = rows.drop("URL")
    if layout == "2021":
        return CsvFile(
            "Connections.csv",
            frame.drop("_seconds"),
            final_newline=False,
            preamble=CONNECTIONS_PREAMBLE,
            header=_CONNECTIONS_OLD,
        )
    if rng is not None:
        frame = fill_emails_2018(frame, rng)
    frame = frame.with_columns(fmt_f1(pl.col("_seconds")).alias("Connected On")).drop("_seconds")
    return CsvFile("Connections.csv", frame, final_newline=False, header=_CONNECTIONS_OLD)


def _invitations(file: CsvFile, layout: str) -> CsvFile:
    f = file.frame
    if layout == "2023":
        f = f.select(
            pl.exclude("inviterProfileUrl", "inviteeProfileUrl"),
            *[
                map_unique(f[f"{who}ProfileUrl"], member_urn, name=f"{who}ProfileUrn")
                for who in ("inviter", "invitee")
            ],
        )
    else:
        f = f.drop("inviterProfileUrl", "inviteeProfileUrl")
    return CsvFile(file.name, f, header=",".join(f.columns))


def _profile_2018(file: CsvFile) -> CsvFile:
    f = file.frame.with_columns(
        pl.lit(None, pl.String).alias("Contact Instructions"),
        pl.col("Geo Location").str.extract(r",\s*([^,]+)$", 1).alias("Country"),
        pl.col("Websites").str.strip_chars("[]"),
    ).select(_PROFILE_2018.split(","))
    return CsvFile(file.name, f, header=_PROFILE_2018)


def _registration_2018(file: CsvFile) -> CsvFile:
    f = file.frame.select(
        pl.col("Registered At").alias("Registration Date"),
        pl.col("Registration Ip").alias("Registration IP Address"),
        pl.lit(None, pl.String).alias("Invited by (First Name)"),
        pl.lit(None, pl.String).alias("Invited by (Last Name)"),
        "Subscription Types",
    )
    return CsvFile(file.name, f, header=_REGISTRATION_2018)


def _contacts_2018(file: CsvFile) -> CsvFile:
    renames = {
        "FirstName": "First Name",
        "LastName": "Last Name",
        "Emails": "Email Address",
        "PhoneNumbers": "Phone Numbers",
        "CreatedAt": "Created At",
        "InstantMessageHandles": "Instant Message Handles",
        "FullName": "Full Name",
        "BookmarkedAt": "Bookmarked At",
    }
    f = file.frame.rename(renames).select(_IMPORTED_2018.split(","))
    return CsvFile("Imported Contacts.csv", f, header=_IMPORTED_2018)


def layout_file(file: CsvFile, layout: str) -> CsvFile | None:
    """``file`` (current shape) as ``layout`` writes it, or ``None`` if that layout has
    no such file. Connections and messages have their own functions."""
    name = file.name
    if layout == "2025":
        return file
    if name == "coach_messages.csv":
        return None
    if name == "Invitations.csv":
        return _invitations(file, layout)
    if name == "Endorsement_Given_Info.csv" and layout in ("2021", "2018"):
        return None
    if name == "Endorsement_Received_Info.csv":
        if layout == "2018":
            return None
        if layout == "2021":
            f = file.frame.drop("Endorser Public Url")
            return CsvFile(name, f, header=",".join(f.columns))
    if layout == "2018":
        special = {
            "Profile.csv": _profile_2018,
            "Registration.csv": _registration_2018,
            "Contacts.csv": _contacts_2018,
        }
        if name in special:
            return special[name](file)
    return file
