"""A fictional LinkedIn data export, generated from a seeded story, and the bundled sample.

:func:`make_sample_export` writes a complete export in the current (2023-04+ /
2025) format, quirks included: the Connections preamble and missing final
newline, percent-encoded slugs next to raw Unicode ones, quoted names with
credentials, group threads, sponsored and InMail rows, drafts, system rows,
spam, HTML content, F1 Pacific invitation times and repeated invitations.
Every name, company and slug is invented; e-mail addresses use
``example.com`` / ``example.org``. Older layouts of the export (2023, 2021,
2018), the patterns of real exports (``realistic=True``) and a network of
mostly isolated connections (``isolated_share``) are options.

The story: the owner changed jobs 4–6 times; colleagues connected during a
tenure message a lot while working together and fade after the owner leaves;
a few close ties last across jobs; messaging is heavy-tailed; some ties
revive, recruiters are never answered, some ties are one-sided, and a couple
of recent messages from real contacts still await a reply. With
``truth=True`` the generator's ground truth (latent strength, fading, kind …)
is written next to the export, see :func:`truth_path`.

:func:`sample_path` is the bundled output of ``make_sample_export(seed=0)``.

:func:`make_sample_history` writes several exports of the same owner over
time (who moved, joined, left, was renamed …) with a truth file listing every
change; :func:`sample_history_path` is a small bundled one.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = make_sample_export(pathlib.Path(tmp) / "export", n_connections=60,
...                              n_messages=600, truth=True)
...     sorted(p.name for p in out.iterdir())[:3], truth_path(out).is_file()
(['Company Follows.csv', 'Connections.csv', 'Contacts.csv'], True)
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from tiekeeper.datasets._history import make_sample_history
from tiekeeper.datasets._paths import sample_history_path, sample_path, truth_path, zip_name

__all__ = [
    "make_sample_export",
    "make_sample_history",
    "sample_history_path",
    "sample_path",
    "truth_path",
    "zip_name",
]


def make_sample_export(
    out: str | os.PathLike[str],
    *,
    seed: int = 0,
    n_connections: int = 300,
    n_messages: int = 3000,
    export_date: dt.date = dt.date(2025, 3, 14),
    fmt: Literal["folder", "zip"] = "folder",
    truth: bool = False,
    layout: Literal["2025", "2023", "2021", "2018"] = "2025",
    realistic: bool = False,
    resaved: bool = False,
    isolated_share: float | None = None,
) -> Path:
    """Write a realistic, entirely fictional LinkedIn data export.

    Parameters
    ----------
    out : path
        With ``fmt="folder"``, the folder the CSV files go into (created if
        needed; existing files of the same names are overwritten). With
        ``fmt="zip"``, either the ``.zip`` file to write or a folder in which
        ``Basic_LinkedInDataExport_MM-DD-YYYY.zip`` is written.
    seed : int
        Same seed, same arguments: byte-identical files.
    n_connections : int
        Rows of Connections.csv (at least 50).
    n_messages : int
        Rows of messages.csv, exactly (at least 500 and twice ``n_connections``).
    export_date : datetime.date
        The day of the export: the newest message is on that day and nothing
        is later.
    fmt : {"folder", "zip"}
        Write loose files, or a Basic export zip with its entries at the root.
    truth : bool
        Also write the ground truth, one row per invented person (columns
        ``person_id, profile_url, name, kind, latent_strength, fading,
        fade_start, former_colleague_company, shared_company, is_connection,
        connected_on, rate_peak_per_year, rate_now_per_year, messages,
        reply_owed, pattern``), to
        :func:`truth_path` of the returned path: next to the export, never
        inside it.
    layout : {"2025", "2023", "2021", "2018"}
        The era of the format (the format reference, §4). The same seed tells
        the same story in every layout; only the files differ:

        * ``"2025"``: today's export (the default).
        * ``"2023"``: messages.csv with 10 columns (no ``IS MESSAGE DRAFT``),
          Invitations with ``urn:li:member:`` URNs, no coach messages.
        * ``"2021"``: Connections with the Notes preamble but no ``URL`` (F8
          dates); 9-column messages.csv (sender URLs, no recipient URLs, group
          TO lists joined by ``,``); Invitations and endorsements received
          without URLs; no endorsements given.
        * ``"2018"``: ``Messages.csv`` (``From,To,Date,Subject,Content,Direction,
          Folder``, F1 Pacific dates, ``INCOMING``/``OUTGOING``, folders
          ``INBOX``/``SENT``/``ARCHIVED``, no ids or URLs); Connections without
          preamble or URL, ``Connected On`` in F1 and most e-mail addresses
          filled; Invitations without URLs; the 2018 Profile and Registration
          headers; ``Imported Contacts.csv``; no endorsement files. Drafts,
          system rows and SPAM rows have no 2018 shape, so ``Messages.csv``
          holds ``n_messages`` minus those rows (about 1 %).

        Pass a matching ``export_date`` (such as ``date(2018, 11, 20)``) for
        dates of the period; the layout does not change it.
    realistic : bool
        Mix in the patterns seen in real exports, each carried by a few
        fictional people or rows and named in the truth's ``pattern`` column:
        ``promotional`` (LinkedIn's own accounts, a cloud provider and a domain
        seller sending the same marketing text again and again, never answered;
        plain text with an unsubscribe footer or ``%FIRSTNAME%`` in 2018,
        ``spinmail`` HTML in a ``Sponsored Conversation`` later; two-word names
        such as ``Sam from`` in 2018), ``namesake`` (three connections with one
        full name, different companies and days, two of whom write with the
        owner), ``credential-name`` (``…, MBA, PMP``, ``…, ACIPM,ASM``, ``…, PhD``,
        ``…, CPA``, in 1:1 chats and in a group whose TO joins them with
        ``,``), ``honorific-name`` (First Name ``Dr.``, ``Dr. <name>``, an
        initial, or ``Associate``), ``one-way`` (the owner writes 5 to 8 times
        and is never answered), ``closer`` (short threads ending in
        ``Gracias!``, ``Thank you!``, ``👍`` or an empty sticker, in several
        languages, one inbound and recent) and ``single-row-recruiter``. The
        row counts stay exact: the patterns' messages come out of the bulk.
    resaved : bool
        With ``realistic=True``: write messages as in a copy seen in the wild
        whose recipients were anonymised: every non-empty TO is ``LinkedIn
        Member`` and recipient URLs are empty, so the owner shows only as a
        sender (and in Invitations and Profile).
    isolated_share : float, optional
        The share of the ``n_connections`` connections, from 0 to below 1,
        that are isolated: no message, endorsement or recommendation, and a
        company no one else in the export has (or none); their truth
        ``pattern`` is ``isolated``. The story runs on the others, at least 50
        of them, and ``n_messages`` needs to be at least twice their number.
        ``0.98`` with 3,000 connections mimics a real network where almost no
        connection is tied to anyone.

    Returns
    -------
    pathlib.Path
        The export: the folder, or the zip file.

    Raises
    ------
    ParameterError
        For a bad argument (too few connections or messages, a datetime instead
        of a date, an unknown ``fmt`` or ``layout``, ``resaved`` without
        ``realistic``, an ``isolated_share`` outside [0, 1) or leaving fewer
        than 50 tied connections, a file where a folder is needed).

    Notes
    -----
    ``kind`` in the truth is one of ``colleague`` (connected during a tenure;
    fades after the owner leaves unless still at the current job), ``close``,
    ``friend``, ``contact``, ``one-off``, ``revived``, ``recruiter``, ``one-sided``,
    ``group-contact``, ``invitation-only`` and ``spam``. ``latent_strength`` is
    ``w / (1 + w)`` for the tie's latent rate ``w``; ``rate_*_per_year`` are
    the expected 1:1 messages per year at the peak and at the export date.
    ``former_colleague_company`` is the company of a *past* position shared
    with the owner; ``shared_company`` also covers the current one.
    ``reply_owed`` marks people whose last 1:1 message is an unanswered inbound
    one from the last 60 days (recruiters, promotional senders and closers
    such as "Thank you!" excluded). ``kind`` can also be ``promotional``
    (``realistic=True``). ``pattern`` is empty for ordinary people, else one
    of ``namesake``, ``credential-name``, ``honorific-name``, ``one-way``,
    ``closer``, ``promotional``, ``single-row-recruiter`` and ``isolated``.
    ``person_id`` and ``profile_url`` are the person's identity in every
    layout (promotional senders, who have no URL, are keyed by name), even
    where a layout writes no URL for them.

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     z = make_sample_export(tmp, n_connections=60, n_messages=600, fmt="zip")
    ...     z.name, "messages.csv" in zipfile.ZipFile(z).namelist()
    ('Basic_LinkedInDataExport_03-14-2025.zip', True)

    The 2018 layout, with the patterns of real exports:

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = make_sample_export(tmp, n_connections=60, n_messages=600, layout="2018",
    ...                              realistic=True, export_date=dt.date(2018, 11, 20))
    ...     (out / "Messages.csv").read_text(encoding="utf-8").splitlines()[0]
    'From,To,Date,Subject,Content,Direction,Folder'
    """
    from tiekeeper.datasets._generate import generate

    return generate(
        out,
        seed=seed,
        n_connections=n_connections,
        n_messages=n_messages,
        export_date=export_date,
        fmt=fmt,
        truth=truth,
        layout=layout,
        realistic=realistic,
        resaved=resaved,
        isolated_share=isolated_share,
    )
