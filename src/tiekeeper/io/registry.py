"""Logical file names and the registry of export-file parsers.

LinkedIn renames its files between eras (``Messages.csv`` → ``messages.csv``,
``Imported Contacts.csv`` → ``Contacts.csv``), splits long files
(``…Responses_1.csv`` … ``_5.csv``) and sometimes ships an old and a new twin
side by side (``Endorsement Received Info.csv`` next to
``Endorsement_Received_Info.csv``). Every file is therefore keyed by its base
name, case-folded, with ``_`` read as a space and a trailing `` (n)`` or
``_<digits>`` removed (reference §1.4). Each parser module registers itself
under its logical name with the keys it accepts and its required columns.

Examples
--------
>>> file_key("Jobs/Job Applicant Saved Screening Question Responses_3.csv")
'job applicant saved screening question responses'
>>> file_key("Endorsement_Received_Info (1).csv") == file_key("Endorsement Received Info.csv")
True
>>> lookup("messages.csv").name
'messages'
>>> lookup("Notes.txt") is None
True
>>> known_name("Company Follows.csv"), known_name("PhoneNumbers.csv"), known_name("Notes.csv")
('company_follows', 'phone_numbers', None)
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

    from tiekeeper.io.csvfile import Table

__all__ = [
    "IGNORED_BASENAMES",
    "KNOWN_UNUSED",
    "FileParser",
    "Parsed",
    "file_key",
    "is_ignored",
    "known_name",
    "lookup",
    "parsers",
    "register",
    "split_suffix",
]

#: Entries that operating systems add to archives; never part of an export.
IGNORED_BASENAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})

#: Export files the reference names that tiekeeper reads only generically (into
#: ``Export.other_files``): logical name → the file keys it covers. Their
#: parse-report rows carry this name instead of ``'unknown'``.
KNOWN_UNUSED: dict[str, tuple[str, ...]] = {
    "account_status_history": ("account status history",),
    "ad_targeting": ("ad targeting",),
    "ads_clicked": ("ads clicked",),
    "calendar": ("calendar",),
    "certifications": ("certifications",),
    "comments": ("comments",),
    "company_follows": ("company follows",),
    "courses": ("courses",),
    "email_addresses": ("email addresses",),
    "events": ("events",),
    "hashtag_follows": ("hashtag follows",),
    "honors": ("honors",),
    "inferences_about_you": ("inferences about you",),
    "job_applicant_saved_screening_question_responses": (
        "job applicant saved screening question responses",
    ),
    "job_applications": ("job applications",),
    "job_seeker_preferences": ("job seeker preferences",),
    "languages": ("languages",),
    "learning": ("learning",),
    "logins": ("logins",),
    "member_follows": ("member follows",),
    "phone_numbers": ("phone numbers", "phonenumbers"),
    "projects": ("projects",),
    "publications": ("publications",),
    "reactions": ("reactions",),
    "receipts": ("receipts",),
    "receipts_v2": ("receipts v2",),
    "registration": ("registration",),
    "reviews": ("reviews",),
    "rich_media": ("rich media",),
    "saved_items": ("saved items",),
    "saved_job_alerts": ("savedjobalerts", "saved job alerts"),
    "saved_jobs": ("saved jobs",),
    "search_queries": ("searchqueries", "search queries"),
    "security_challenges": ("security challenges",),
    "shares": ("shares",),
    "verifications": ("verifications",),
    "votes": ("votes",),
    "whatsapp_phone_numbers": ("whatsapp phone numbers",),
}
_KNOWN_BY_KEY = {key: name for name, keys in KNOWN_UNUSED.items() for key in keys}

_SUFFIX = re.compile(r"(?:\s*\(\d+\)|_\d+)$")
_EXT = re.compile(r"\.(csv|tsv)$", re.IGNORECASE)


@dataclass
class Parsed:
    """What a parser returns for one file.

    Attributes
    ----------
    frame : polars.DataFrame
        Rows in the output schema (``line`` included).
    rejects : polars.DataFrame
        ``line`` (Int64) and ``reason`` (String) of records the parser refused,
        for example an unparseable date.
    era : str or None
        The detected format era of the file.
    notes : list of str
        Quirks noticed, for the parse report.
    """

    frame: pl.DataFrame
    rejects: pl.DataFrame
    era: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FileParser:
    """A parser of one logical export file.

    Attributes
    ----------
    name : str
        Logical name, e.g. ``'connections'``; also the parse-report key.
    keys : tuple of str
        File keys (see :func:`file_key`) this parser reads.
    required : tuple of str
        Columns that must be in the header (compared case-insensitively); they
        also locate the header after a preamble.
    frame : str
        The schema (``tiekeeper.schema.SCHEMAS``) of the rows it returns.
    parse : callable
        ``parse(table) -> Parsed``.
    dedupe : tuple of str or None
        Output columns whose equality makes two rows duplicates; the later row
        is listed in ``rejected``. ``None`` keeps duplicates.
    complete : callable or None
        ``complete(table) -> columns``: output columns that no other step of
        the load depends on (message text and word counts), one row per
        record of the table. ``parse`` leaves them null; the loader computes
        them in a worker thread while it parses and resolves identities.
    """

    name: str
    keys: tuple[str, ...]
    required: tuple[str, ...]
    frame: str
    parse: Callable[[Table], Parsed]
    dedupe: tuple[str, ...] | None = None
    complete: Callable[[Table], pl.DataFrame] | None = None

    def __post_init__(self) -> None:
        if self.complete is not None and self.dedupe:
            raise ValueError(f"{self.name}: a parser with complete cannot dedupe")


_REGISTRY: dict[str, FileParser] = {}
_BY_KEY: dict[str, FileParser] = {}


def register(parser: FileParser) -> FileParser:
    """Add a parser to the registry (called by each module in ``io.parsers``)."""
    _REGISTRY[parser.name] = parser
    for key in parser.keys:
        _BY_KEY[key] = parser
    return parser


def _load() -> None:
    importlib.import_module("tiekeeper.io.parsers")  # registers every parser (once)


def parsers() -> dict[str, FileParser]:
    """All registered parsers by logical name.

    Examples
    --------
    >>> "connections" in parsers()
    True
    """
    _load()
    return dict(_REGISTRY)


def split_suffix(path: str) -> tuple[str, str]:
    """Split a base name into its stem and its split/duplicate suffix.

    Examples
    --------
    >>> split_suffix("shares_12345678.csv")
    ('shares', '_12345678')
    >>> split_suffix("Connections (1).csv")
    ('Connections', ' (1)')
    """
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = _EXT.sub("", base)
    m = _SUFFIX.search(stem)
    if m is None:
        return stem, ""
    return stem[: m.start()], m.group(0)


def file_key(path: str) -> str:
    """The logical key of a file name (reference §1.4).

    Case-folded, ``_`` and runs of spaces read as one space, trailing
    `` (n)`` or ``_<digits>`` removed, extension dropped.

    Examples
    --------
    >>> file_key("Phone Numbers.csv"), file_key("PhoneNumbers.csv")
    ('phone numbers', 'phonenumbers')
    """
    stem, _ = split_suffix(path)
    stem = unicodedata.normalize("NFC", stem).casefold().replace("_", " ")
    return " ".join(stem.split())


def is_ignored(path: str) -> bool:
    """Whether an entry is operating-system clutter (``__MACOSX/``, ``.DS_Store``, ``._x``).

    Examples
    --------
    >>> is_ignored("__MACOSX/._Connections.csv"), is_ignored("Connections.csv")
    (True, False)
    """
    parts = path.replace("\\", "/").split("/")
    base = parts[-1]
    return "__MACOSX" in parts[:-1] or base.casefold() in IGNORED_BASENAMES or base.startswith("._")


def lookup(path: str) -> FileParser | None:
    """The parser registered for a file, or ``None`` for an unknown file.

    Only ``.csv`` files have parsers.
    """
    if not _EXT.search(path):
        return None
    _load()
    return _BY_KEY.get(file_key(path))


def known_name(path: str) -> str | None:
    """The logical name of a known export file that tiekeeper does not use.

    ``None`` for a file the reference does not name, for a non-CSV file, and
    for a file that has a parser (see :func:`lookup`).

    Examples
    --------
    >>> known_name("Jobs/Saved Jobs.csv"), known_name("shares_12345678.csv")
    ('saved_jobs', 'shares')
    >>> known_name("Connections.csv") is None
    True
    """
    if not _EXT.search(path) or lookup(path) is not None:
        return None
    return _KNOWN_BY_KEY.get(file_key(path))
