"""A fictional LinkedIn data export, generated from a seeded story, and the bundled sample.

:func:`make_sample_export` writes a complete export in the current (2023-04+ /
2025) format, quirks included: the Connections preamble and missing final
newline, percent-encoded slugs next to raw Unicode ones, quoted names with
credentials, group threads, sponsored and InMail rows, drafts, system rows,
spam, HTML content, F1 Pacific invitation times and repeated invitations.
Every name, company and slug is invented; e-mail addresses use
``example.com`` / ``example.org``.

The story: the owner changed jobs 4–6 times; colleagues connected during a
tenure message a lot while working together and fade after the owner leaves;
a few close ties last across jobs; messaging is heavy-tailed; some ties
revive, recruiters are never answered, some ties are one-sided, and a couple
of recent messages from real contacts still await a reply. With
``truth=True`` the generator's ground truth (latent strength, fading, kind …)
is written next to the export, see :func:`truth_path`.

:func:`sample_path` is the bundled output of ``make_sample_export(seed=0)``.

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

from tiekeeper.datasets._paths import sample_path, truth_path, zip_name

__all__ = ["make_sample_export", "sample_path", "truth_path", "zip_name"]


def make_sample_export(
    out: str | os.PathLike[str],
    *,
    seed: int = 0,
    n_connections: int = 300,
    n_messages: int = 3000,
    export_date: dt.date = dt.date(2025, 3, 14),
    fmt: Literal["folder", "zip"] = "folder",
    truth: bool = False,
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
        reply_owed``), to
        :func:`truth_path` of the returned path: next to the export, never
        inside it.

    Returns
    -------
    pathlib.Path
        The export: the folder, or the zip file.

    Raises
    ------
    ParameterError
        For a bad argument (too few connections or messages, a datetime instead
        of a date, an unknown ``fmt``, a file where a folder is needed).

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
    one from the last 60 days (recruiters excluded).

    Examples
    --------
    >>> import tempfile, pathlib, zipfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     z = make_sample_export(tmp, n_connections=60, n_messages=600, fmt="zip")
    ...     z.name, "messages.csv" in zipfile.ZipFile(z).namelist()
    ('Basic_LinkedInDataExport_03-14-2025.zip', True)
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
    )
