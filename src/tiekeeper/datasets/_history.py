"""make_sample_history: several exports of one fictional owner over time, and their truth.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     paths = make_sample_history(tmp, n_connections=80, n_messages=600)
...     names = [p.name for p in paths]
...     truth = (pathlib.Path(tmp) / HISTORY_TRUTH).read_text(encoding="utf-8")
>>> names
['Basic_LinkedInDataExport_09-15-2023', 'Basic_LinkedInDataExport_06-14-2024', \
'Basic_LinkedInDataExport_03-14-2025']
>>> truth.splitlines()[0]
'person_id,name,kind,before,after,seen_after,seen_before'
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from tiekeeper.errors import ParameterError

__all__ = ["HISTORY_TRUTH", "MAX_SNAPSHOTS", "MAX_SPAN_DAYS", "make_sample_history"]

#: The truth file's name, in ``out`` next to the snapshots.
HISTORY_TRUTH = "history_truth.csv"
MAX_SNAPSHOTS = 12
#: The longest time from the first export day to the last one (the story's owner
#: has worked for at least about five years by the last one).
MAX_SPAN_DAYS = 4 * 365
MIN_SPACING_DAYS = 60


def _int(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(f"{name} must be an integer; got {value!r} ({type(value).__name__})")
    if not low <= value <= high:
        raise ParameterError(f"{name}={value} is out of range; expected {low} to {high}")
    return value


def _check(snapshots: object, spacing_days: object, first_date: object, fmt: object) -> None:
    n = _int("snapshots", snapshots, 2, MAX_SNAPSHOTS)
    gap = _int("spacing_days", spacing_days, MIN_SPACING_DAYS, MAX_SPAN_DAYS)
    if (n - 1) * gap > MAX_SPAN_DAYS:
        raise ParameterError(
            f"snapshots={n} every spacing_days={gap} span {(n - 1) * gap} days; expected at "
            f"most {MAX_SPAN_DAYS}: lower one of them"
        )
    if isinstance(first_date, dt.datetime) or not isinstance(first_date, dt.date):
        raise ParameterError(
            f"first_date must be a datetime.date such as date(2023, 9, 15); got {first_date!r}"
        )
    if fmt not in ("folder", "zip"):
        raise ParameterError(f"fmt={fmt!r} is not supported; expected 'folder' or 'zip'")


def make_sample_history(
    out: str | os.PathLike[str],
    *,
    seed: int = 0,
    snapshots: int = 3,
    n_connections: int = 300,
    n_messages: int = 3000,
    layout: Literal["2025", "2023", "2021", "2018"] = "2025",
    first_date: dt.date = dt.date(2023, 9, 15),
    spacing_days: int = 273,
    fmt: Literal["folder", "zip"] = "folder",
    realistic: bool = False,
) -> list[Path]:
    """Write several exports of the same fictional owner over time, and what changed.

    One story (:func:`make_sample_export`'s, with the last export day as its
    export date) is cut at every export day: each snapshot is a complete
    export of that day, with the same owner (name and URL) in every one.
    Later snapshots hold every message of earlier ones plus newer ones, except
    the conversations that disappear; connections persist unless removed;
    Connections.csv's Company and Position are the values of the day.

    Between two consecutive snapshots: some connections move to another
    company (half of them with a new title), some get a new title at the same
    company, some are removed and some added (connected between the two
    export days), one or two old 1:1 conversations disappear (the earlier
    snapshot keeps them), one person takes a new family name (same URL,
    company and connected date), one person's profile URL changes (only in
    layouts whose Connections carry URLs: ``2025`` and ``2023``), one company
    is respelled for everybody who wrote it so (``Nimbleford Analytics`` →
    ``NIMBLEFORD ANALYTICS, Inc.``) and one person moves to a placeholder
    employer (``Self-employed`` or ``Stealth Startup``), nothing else changing
    for them. In the last transition the owner adds a concurrent position
    (``Advisory Board Member``) to Positions.csv; a job of the story that
    started between two export days is added there too.

    Parameters
    ----------
    out : path
        The folder the snapshots go into (created if needed), each named as
        LinkedIn names exports: ``Basic_LinkedInDataExport_MM-DD-YYYY`` (a folder,
        or that name plus ``.zip`` with ``fmt="zip"``). The truth is
        ``history_truth.csv`` in ``out``, never inside an export.
    seed : int
        Same seed, same arguments: byte-identical files.
    snapshots : int
        How many exports, from 2 to 12.
    n_connections, n_messages : int
        The story's size as for :func:`make_sample_export`: the rows of the
        last snapshot before removals and disappearing conversations; earlier
        snapshots hold fewer.
    layout : {"2025", "2023", "2021", "2018"}
        The era of every snapshot's files, as for :func:`make_sample_export`
        (``2018`` writes ``Messages.csv``).
    first_date : datetime.date
        The first export day.
    spacing_days : int
        Days from one export day to the next (60 or more; all snapshots within
        four years).
    fmt : {"folder", "zip"}
        Loose files in a folder per snapshot, or a Basic export zip per snapshot.
    realistic : bool
        Mix in the patterns of real exports, as for :func:`make_sample_export`.

    Returns
    -------
    list of pathlib.Path
        The snapshots, oldest first.

    Raises
    ------
    ParameterError
        For a bad argument (as :func:`make_sample_export`, and ``snapshots``,
        ``spacing_days`` or ``first_date`` out of range), or when a transition
        has too few connections to change.

    Notes
    -----
    The truth has one row per change with the columns ``person_id, name,
    kind, before, after, seen_after, seen_before``. ``seen_after`` and
    ``seen_before`` are the export days of the two consecutive snapshots: the
    change happened after the first and by the second. Rows are in the order
    of the transitions, then of the kinds below, then by name.

    ``person_id`` is the id :func:`tiekeeper.load_export` gives the person in
    the *later* snapshot (the earlier one for a removal): the slug's
    (:func:`tiekeeper.keys.person_id_from_slug`) in ``2025`` and ``2023``; in
    ``2021`` the slug's of the one message sender with that name, else the
    name's (:func:`tiekeeper.keys.person_id_from_name`); in ``2018`` the
    name's; namesakes (a name shared by connections that differ in company or
    connected date) get :func:`tiekeeper.io.namesakes.namesake_id`. ``name``
    is the display name as loaded (trimmed, NFC), of the same snapshot.
    Companies and titles are written as in Connections.csv. The kinds:

    ``connection_added``
        A connection in the later Connections.csv only. ``before`` is empty;
        ``after`` is their company (empty if none). Never also another kind.
    ``connection_removed``
        A connection in the earlier Connections.csv only. ``before`` is their
        company; ``after`` is empty.
    ``company_changed``
        A job move: both companies are real (not a placeholder,
        :func:`tiekeeper.companies.is_placeholder`) and their normalised names
        (:func:`tiekeeper.companies.normalize_company`) differ. ``before`` and
        ``after`` are the companies; when the title changed too (compared
        case-insensitively) they are ``"Company · Title"`` and there is no
        separate ``title_changed`` row. A respelled company or a move to a
        placeholder is no row at all.
    ``title_changed``
        A new title at the same (normalised) company: ``before`` and ``after``
        are the titles.
    ``name_changed``
        The same connection (same URL, company and connected date) under a
        new name: ``before`` and ``after`` are the names.
    ``url_changed``
        The same connection under a new profile URL (``2025`` and ``2023``
        only: without URLs in Connections there is no such row): ``before``
        and ``after`` are the normalised URLs.
    ``owner_position_added``
        A position in the later Positions.csv that the earlier one lacks (by
        normalised company, title and start month). ``person_id`` is empty,
        ``name`` is the owner's, ``before`` is empty and ``after`` is
        ``"Company · Title"``. A position that finished since (its ``Finished
        On`` filled in) is no change.

    Disappearing conversations are not rows of the truth: the snapshots show
    them (their conversation ids are in the earlier messages.csv only).

    Examples
    --------
    >>> import tempfile, zipfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = make_sample_history(tmp, snapshots=2, n_connections=80, n_messages=600,
    ...                                 layout="2018", fmt="zip", spacing_days=365)
    ...     [(p.name, "Messages.csv" in zipfile.ZipFile(p).namelist()) for p in paths]
    [('Basic_LinkedInDataExport_09-15-2023.zip', True), \
('Basic_LinkedInDataExport_09-14-2024.zip', True)]
    """
    _check(snapshots, spacing_days, first_date, fmt)
    from tiekeeper.datasets._history_write import write_history

    return write_history(
        out,
        seed=seed,
        snapshots=snapshots,
        n_connections=n_connections,
        n_messages=n_messages,
        layout=layout,
        first_date=first_date,
        spacing_days=spacing_days,
        fmt=fmt,
        realistic=realistic,
    )
