"""Turn the path a user gives into the files of one export.

A LinkedIn export arrives as a zip, an extracted folder, a folder that wraps
either, or a single CSV file (reference §1.3). This module hides the
difference: :func:`open_export` returns a :class:`Source` whose members can be
read as bytes or streamed in chunks. Zips are read in memory and never
extracted. Before anything is decompressed, the zip's central directory is
checked against size, count and compression-ratio limits (zip bombs) and
against entries that would escape the archive (absolute paths, ``..``).

A folder holding several exports (a Basic and a Complete zip, or two dates)
loads the newest one and says so in ``Source.notes``; exports are never
concatenated.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "Basic_LinkedInDataExport_07-11-2023"
>>> d.mkdir()
>>> _ = (d / "Skills.csv").write_text("Name\\nPython\\n")
>>> with open_export(d) as src:
...     [m.name for m in src.members], src.export_date
(['Skills.csv'], datetime.date(2023, 7, 11))
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, cast

from tiekeeper.errors import (
    ExportError,
    ExportNotFoundError,
    ExportTooLargeError,
)
from tiekeeper.io.inflate import InflateError, Inflater
from tiekeeper.io.registry import is_ignored, lookup
from tiekeeper.io.zipcheck import open_checked_zip

__all__ = [
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_RATIO",
    "DEFAULT_MAX_UNCOMPRESSED_BYTES",
    "Member",
    "Source",
    "date_from_name",
    "open_export",
]

#: Default limit on the total uncompressed size of a zip (4 GiB).
DEFAULT_MAX_UNCOMPRESSED_BYTES = 4 * 1024**3
#: Default limit on the number of entries in a zip.
DEFAULT_MAX_MEMBERS = 20_000
#: Default limit on any large entry's uncompressed/compressed size ratio.
DEFAULT_MAX_RATIO = 200.0

_SUBFOLDERS = frozenset({"jobs", "articles", "verifications"})
_DATE = re.compile(r"(\d{2})-(\d{2})-(\d{4})(?:\s*\(\d+\))?(?:\.zip)?$", re.IGNORECASE)
_CHUNK = 16 * 1024 * 1024


@dataclass(frozen=True)
class Member:
    """One file of the export.

    Attributes
    ----------
    name : str
        Its path inside the export, ``/``-separated, relative to the export root.
    size : int
        Uncompressed size in bytes.
    """

    name: str
    size: int
    _open: Callable[[], IO[bytes]] = field(repr=False, compare=False)
    _where: str = field(repr=False, compare=False, default="")

    def chunks(self, size: int = _CHUNK) -> Iterator[bytes]:
        """Yield the file's bytes in chunks of about ``size`` (streamed from a zip)."""
        with self._reading(), self._open() as fh:
            while True:
                block = fh.read(size)
                if not block:
                    return
                yield block

    def read(self) -> bytes:
        """The whole file as bytes (a deflated zip entry is inflated in one call)."""
        with self._reading(), self._open() as fh:
            return fh.read()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except (zipfile.BadZipFile, zlib.error, InflateError, EOFError, OSError) as err:
            raise ExportError(
                f"{self._where}: the entry {self.name!r} cannot be read ({err}); the archive "
                "is corrupt or truncated. Download the export again."
            ) from err


@dataclass
class Source:
    """The files of one export, ready to read.

    Attributes
    ----------
    path : str
        The path the user gave.
    kind : str
        ``'zip'``, ``'folder'`` or ``'file'``.
    members : list of Member
        Every file of the chosen export, OS clutter excluded.
    ignored : list of (str, str)
        ``(name, reason)`` of entries skipped on purpose (``__MACOSX/`` …).
    export_date : datetime.date or None
        From the ``…_MM-DD-YYYY`` archive or folder name.
    notes : list of str
        What the reader decided, e.g. which of several exports it loaded.
    """

    path: str
    kind: str
    members: list[Member]
    ignored: list[tuple[str, str]]
    export_date: dt.date | None
    notes: list[str]
    _closers: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def close(self) -> None:
        """Close any open archive."""
        for close in self._closers:
            close()
        self._closers.clear()

    def __enter__(self) -> Source:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def date_from_name(name: str) -> dt.date | None:
    """The export date in a name such as ``Basic_LinkedInDataExport_07-11-2023 (1)``.

    Examples
    --------
    >>> date_from_name("Complete_LinkedInDataExport_09-12-2022 (1).zip")
    datetime.date(2022, 9, 12)
    >>> date_from_name("export") is None
    True
    """
    m = _DATE.search(name.strip())
    if m is None:
        return None
    month, day, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _is_linkedin_file(name: str) -> bool:
    return lookup(name) is not None


def _root_of(name: str) -> str:
    """The export root of a recognised file: its folder, minus Jobs/, Verifications/ …"""
    parent = PurePosixPath(name).parent
    if parent.name.casefold() in _SUBFOLDERS:
        parent = parent.parent
    return "" if str(parent) == "." else str(parent)


@dataclass
class _Candidate:
    label: str  # what to show the user
    kind: str  # 'zip' or 'folder'
    date: dt.date | None
    root: str  # for folders: root inside the listing; for nested zips: zip path


def _zip_members(zf: zipfile.ZipFile, where: str) -> list[tuple[str, int, Callable[[], IO[bytes]]]]:
    out: list[tuple[str, int, Callable[[], IO[bytes]]]] = []
    for info in zf.infolist():
        if info.is_dir():
            continue
        out.append((info.filename, info.file_size, _zip_opener(zf, info)))
    return out


def _zip_opener(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    if info.compress_type == zipfile.ZIP_DEFLATED and isinstance(zf.filename, str):
        path = zf.filename
        return lambda: cast(IO[bytes], Inflater(path, info))
    return lambda: zf.open(info)


def _file_opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: open(path, "rb")


#: Folders never part of an export, not searched (hidden ones neither).
_NOT_EXPORT_DIRS = frozenset({"__pycache__", "node_modules", "site-packages"})
#: How deep below the given folder files are looked for: an export folder with a
#: sub-folder (Jobs/), inside a wrapping folder, inside a folder of exports.
_MAX_DEPTH = 4


def _folder_members(
    folder: Path, given: str, max_files: int
) -> tuple[list[tuple[str, int, Callable[[], IO[bytes]]]], list[str]]:
    """The files under ``folder`` and the folders that were not searched.

    Hidden folders, Python and Node package folders and anything deeper than
    :data:`_MAX_DEPTH` levels are skipped: a LinkedIn export never has them, and
    a home folder given by mistake must fail fast instead of being walked.
    """
    out: list[tuple[str, int, Callable[[], IO[bytes]]]] = []
    skipped: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        depth = len(here.relative_to(folder).parts)
        keep = []
        for d in sorted(dirnames):
            if d.startswith(".") or d in _NOT_EXPORT_DIRS or depth >= _MAX_DEPTH:
                skipped.append((here / d).relative_to(folder).as_posix())
            else:
                keep.append(d)
        dirnames[:] = keep
        for fn in sorted(filenames):
            p = here / fn
            if not p.is_file():
                continue
            out.append((p.relative_to(folder).as_posix(), p.stat().st_size, _file_opener(p)))
            if len(out) > max_files:
                raise ExportTooLargeError(
                    f"{given} holds more than {max_files:,} files; that is not a LinkedIn "
                    "export folder. Pass the export zip you downloaded, or the folder you "
                    "extracted it to (or raise max_members)."
                )
    return out, skipped


class _Limits:
    def __init__(self, max_bytes: int, max_members: int, max_ratio: float) -> None:
        self.max_bytes, self.max_members, self.max_ratio = max_bytes, max_members, max_ratio


def _choose(cands: list[_Candidate], where: str) -> tuple[_Candidate, list[str]]:
    if len(cands) == 1:
        return cands[0], []
    listing = "; ".join(c.label for c in cands)
    if any(c.date is None for c in cands):
        raise ExportError(
            f"{where} holds {len(cands)} LinkedIn exports ({listing}) and not all of them have "
            "a date in their name, so the newest cannot be chosen. Pass one of them as the path."
        )

    def rank(c: _Candidate) -> tuple[dt.date, int, int, str]:
        complete = 1 if "complete" in c.label.casefold() else 0
        folder = 1 if c.kind == "folder" else 0
        return (c.date or dt.date.min, complete, folder, c.label)

    best = max(cands, key=rank)
    others = [c.label for c in cands if c is not best]
    note = (
        f"{where} holds {len(cands)} exports; loaded the newest, {best.label}, and skipped "
        f"{', '.join(others)} (exports are never combined; pass one explicitly to choose)."
    )
    return best, [note]


def _date_along(path_parts: list[str]) -> dt.date | None:
    for part in reversed(path_parts):
        d = date_from_name(part)
        if d is not None:
            return d
    return None


def _build(
    given: str,
    kind: str,
    listing: list[tuple[str, int, Callable[[], IO[bytes]]]],
    base_name: str,
    limits: _Limits,
    closers: list[Callable[[], None]],
    base_dir: Path | None,
) -> Source:
    ignored: list[tuple[str, str]] = []
    files: list[tuple[str, int, Callable[[], IO[bytes]]]] = []
    for name, size, opener in listing:
        if is_ignored(name):
            ignored.append((name, "operating-system clutter (__MACOSX/, .DS_Store, ._*)"))
        else:
            files.append((name, size, opener))
    roots = sorted({_root_of(n) for n, _, _ in files if _is_linkedin_file(n)})
    cands = [
        _Candidate(
            label=r or base_name,
            kind="folder",
            date=_date_along([base_name, *PurePosixPath(r).parts]),
            root=r,
        )
        for r in roots
    ]
    if base_dir is not None:  # export zips inside a folder
        for name, _, _ in files:
            if name.lower().endswith(".zip") and name.count("/") <= 1:
                try:
                    with zipfile.ZipFile(base_dir / name) as nested:
                        hit = any(_is_linkedin_file(n) for n in nested.namelist())
                except (zipfile.BadZipFile, OSError):
                    hit = False
                if hit:
                    cands.append(
                        _Candidate(name, "zip", date_from_name(PurePosixPath(name).name), name)
                    )
    if not cands:
        shown = ", ".join(n for n, _, _ in files[:8]) or "nothing"
        raise ExportNotFoundError(
            f"{given} holds no LinkedIn export file (expected files such as Connections.csv, "
            f"messages.csv or Profile.csv); found: {shown}. Pass the export zip you downloaded "
            "from LinkedIn, or the folder you extracted it to."
        )
    best, notes = _choose(cands, given)
    if best.kind == "zip" and base_dir is not None:  # only folders yield zip candidates
        inner = _load_zip(base_dir / best.root, f"{given}/{best.root}", limits)
        inner.path, inner.notes = given, notes + inner.notes
        closers.extend(inner._closers)
        inner._closers = closers
        return inner
    prefix = best.root + "/" if best.root else ""
    members: list[Member] = []
    for name, size, opener in files:
        if name.startswith(prefix):
            members.append(Member(name[len(prefix) :], size, opener, given))
        elif len(cands) == 1:
            ignored.append((name, f"outside the export folder {best.root!r}"))
    if best.root and len(cands) == 1:
        notes.append(f"the export sits in the folder {best.root!r} inside {given}")
    return Source(given, kind, members, ignored, best.date, notes, closers)


def _load_zip(path: Path, where: str, limits: _Limits) -> Source:
    zf = open_checked_zip(path, where, limits.max_bytes, limits.max_members, limits.max_ratio)
    closers: list[Callable[[], None]] = [zf.close]
    try:
        return _build(
            where, "zip", _zip_members(zf, where), path.name, limits, closers, base_dir=None
        )
    except BaseException:
        zf.close()
        raise


def open_export(
    path: str | os.PathLike[str],
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_ratio: float = DEFAULT_MAX_RATIO,
) -> Source:
    """Open a zip, folder or single CSV file as one export.

    Parameters
    ----------
    path : str or os.PathLike
        The export zip, its extracted folder (wrapped or not), a folder holding
        several exports, or one CSV file.
    max_uncompressed_bytes, max_members, max_ratio
        Zip-bomb limits, checked on the central directory before anything is
        decompressed. ``max_ratio`` applies to entries above 1 MiB.
        ``max_members`` also bounds the files a folder may hold.

    Returns
    -------
    Source
        Use it as a context manager, or call ``close()``.

    Raises
    ------
    ExportNotFoundError
        The path does not exist or holds no LinkedIn file.
    UnsafeArchiveError
        A zip entry has an absolute path or ``..``.
    ExportTooLargeError
        The zip exceeds a limit, or the folder holds more than ``max_members`` files.
    ExportError
        The zip is corrupt or truncated, or the path is of an unknown kind.
    """
    p = Path(path)
    given = str(path)
    limits = _Limits(max_uncompressed_bytes, max_members, max_ratio)
    if not p.exists():
        raise ExportNotFoundError(
            f"{given} does not exist; expected the LinkedIn export zip "
            "(e.g. Basic_LinkedInDataExport_07-11-2023.zip), its extracted folder, or one of "
            "its CSV files. Check the path."
        )
    if p.is_dir():
        listing, skipped = _folder_members(p, given, limits.max_members)
        src = _build(given, "folder", listing, p.name, limits, [], base_dir=p)
        if skipped:
            shown = ", ".join(skipped[:5]) + (
                f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
            )
            src.notes.append(f"not searched (hidden, package or too deep folders): {shown}")
        return src
    with open(p, "rb") as fh:
        magic = fh.read(4)
    if (magic == b"PK\x03\x04" and p.suffix.lower() != ".csv") or p.suffix.lower() == ".zip":
        return _load_zip(p, given, limits)
    if p.suffix.lower() in {".csv", ".tsv"}:
        if not _is_linkedin_file(p.name):
            raise ExportNotFoundError(
                f"{given} is not a LinkedIn export file: its name matches none of the known "
                "files (Connections.csv, messages.csv, Invitations.csv, …). Rename it to its "
                "original name or pass the whole export."
            )
        member = Member(p.name, p.stat().st_size, _file_opener(p), given)
        in_export = "linkedindataexport" in p.parent.name.lower()
        date = date_from_name(p.parent.name) if in_export else None
        return Source(given, "file", [member], [], date, [])
    raise ExportError(
        f"{given} is neither a zip, a folder nor a CSV file; expected the LinkedIn export zip, "
        "its extracted folder, or one of its CSV files."
    )
