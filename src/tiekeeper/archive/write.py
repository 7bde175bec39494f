"""``archive add``: store a snapshot of an export, atomically, once per source.

A snapshot is written into a temporary folder inside the archive
(``.tmp-…``), every file flushed to disk, then the folder is renamed into
place (``<export date>_<blake2b prefix>``) and the archive folder flushed: a
crash leaves either the whole snapshot or none (a stale temporary folder,
which no reader looks at and the next ``add`` removes). A lock file
(``.lock``) serialises writers; reading needs no lock. The same source
(blake2b of the zip) is stored once.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import polars as pl

from tiekeeper.archive.layout import inferred_owner, stored_frames
from tiekeeper.archive.location import (
    FILE_MODE,
    archive_path,
    fsync_dir,
    make_private_dir,
    make_private_file,
)
from tiekeeper.archive.manifest import FORMAT_VERSION, MANIFEST, Manifest, source_digest
from tiekeeper.errors import ArchiveError, ExportNotFoundError
from tiekeeper.io.categories import categories
from tiekeeper.io.files import Completion
from tiekeeper.io.loader import ParsedExport, read_parsed, sample_path

__all__ = ["LOCK", "TMP_PREFIX", "AddResult", "add", "archive_lock", "snapshot_dirs"]

LOCK = ".lock"
TMP_PREFIX = ".tmp-"
#: Seconds a writer waits for another to finish before giving up.
LOCK_TIMEOUT = 600.0
#: Called after each file of a snapshot is written (tests stop a writer there).
_after_file: Callable[[str], None] | None = None


@dataclasses.dataclass(frozen=True)
class AddResult:
    """What :func:`add` did.

    Parameters
    ----------
    path : pathlib.Path
        The snapshot's folder (``<export date>_<blake2b prefix>`` in the archive).
    manifest : Manifest
        The snapshot's manifest: export date, owner, row counts, file sizes.
    added : bool
        False when the same export (same blake2b) was already stored.

    Examples
    --------
    >>> import tempfile, tiekeeper
    >>> with tempfile.TemporaryDirectory() as d:
    ...     result = add(tiekeeper.sample_path(), archive=d)
    ...     stored = sorted(p.name for p in result.path.iterdir())
    >>> result.added, result.path.name.startswith("2025-03-14_")
    (True, True)
    >>> "manifest.json" in stored, "frame-messages.parquet" in stored
    (True, True)
    """

    path: Path
    manifest: Manifest
    added: bool

    @property
    def message(self) -> str:
        """One line for the user: what was archived (or already was), and where.

        Examples
        --------
        >>> import tempfile, tiekeeper
        >>> with tempfile.TemporaryDirectory() as d:
        ...     first = add(tiekeeper.sample_path(), archive=d, message_text=False)
        ...     again = add(tiekeeper.sample_path(), archive=d)
        ...     lines = [r.message.replace(str(r.path), "SNAPSHOT") for r in (first, again)]
        >>> lines[0]
        'Archived export of 2025-03-14 (sample), without message text in SNAPSHOT'
        >>> print(lines[1])  # doctest: +NORMALIZE_WHITESPACE
        Already archived: export of 2025-03-14 (sample) is stored once without message
        text (remove it to store the text), in SNAPSHOT
        """
        m = self.manifest
        what = f"export of {m.export_date or 'unknown date'} ({m.source_name})"
        if not self.added:
            how = "" if m.message_text else " without message text (remove it to store the text)"
            return f"Already archived: {what} is stored once{how}, in {self.path}"
        text = "" if m.message_text else ", without message text"
        return f"Archived {what}{text} in {self.path}"


def archive_lock(root: Path) -> object:
    """The archive's lock (a context manager): one writer at a time."""
    from filelock import FileLock

    return FileLock(str(root / LOCK), timeout=LOCK_TIMEOUT, mode=FILE_MODE)


def snapshot_dirs(root: Path) -> list[Path]:
    """The snapshot folders of the archive (never temporary ones), sorted by name (date)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def _stored(root: Path, digest: str) -> Path | None:
    """The sound snapshot of this source, if any.

    A damaged twin (unreadable manifest, a file missing or of the wrong size)
    does not count: ``add`` replaces it. A twin written by a newer tiekeeper
    raises :class:`~tiekeeper.errors.ArchiveFormatError`: it is never replaced
    by an older format, which could hold less (its text, say).
    """
    from tiekeeper.archive.read import DamagedSnapshotError, check_files, read_manifest

    for p in snapshot_dirs(root):
        if not p.name.endswith("_" + digest[:16]):
            continue
        try:
            m = read_manifest(p)
            if m.source_blake2b != digest:
                continue
            check_files(p, m)
        except DamagedSnapshotError:
            continue
        return p
    return None


#: Files compressed with LZ4 rather than zstd: the message text (and the content
#: beside it), most of the bytes. LZ4 decodes it in about two thirds of the CPU
#: time, which every load of the snapshot pays; the maximal export's text takes
#: 66 MB instead of 41 MB (the file 69 MB with the content diff; 83 MB in all,
#: bench/RESULTS-archive.md). Snapshots without message text stay zstd.
LZ4_FILES = frozenset({"complete-messages"})


def _write(folder: Path, stem: str, frame: pl.DataFrame) -> int:
    path = folder / f"{stem}.parquet"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        has_text = "text" in frame.columns and frame["text"].null_count() < frame.height
        if stem in LZ4_FILES and has_text:  # not for --no-message-text: digests compress
            frame.write_parquet(fh, compression="lz4", statistics=False)
        else:
            frame.write_parquet(fh, compression="zstd", compression_level=1, statistics=False)
        fh.flush()
        os.fsync(fh.fileno())
    if _after_file is not None:
        _after_file(stem)
    return path.stat().st_size


def add(
    export: str | os.PathLike[str] | None,
    *,
    archive: str | os.PathLike[str] | None = None,
    message_text: bool = True,
) -> AddResult:
    """Store a snapshot of an export in the archive.

    Only the parsed frames are stored (as Parquet, with a manifest); people,
    interactions, identities and scores are rebuilt on load by the current
    code. Adding the same export again (same blake2b) stores nothing.

    Parameters
    ----------
    export : path or None
        The export zip or folder (``None``: the bundled sample).
    archive : path, optional
        The archive folder (default: :func:`~tiekeeper.archive.archive_path`).
    message_text : bool
        False stores messages without their content or subject: a blake2b of
        the normalised text (for the history merge) and the flags judgement
        derives from text are stored instead.

    Returns
    -------
    AddResult
        The snapshot's folder and manifest, and whether it was added now
        (``AddResult.message`` says so in one line).

    Raises
    ------
    ExportNotFoundError, ExportError
        The export cannot be read (as :func:`tiekeeper.load_export`).
    ArchiveError
        Another ``archive add`` held the lock for too long.

    Examples
    --------
    >>> import tempfile, tiekeeper
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = add(tiekeeper.sample_path(), archive=d)
    ...     again = add(tiekeeper.sample_path(), archive=d)
    >>> first.added, again.added, again.message.startswith("Already archived")
    (True, False, True)
    """
    from filelock import Timeout

    from tiekeeper import __version__

    given = sample_path() if export is None else Path(os.path.expanduser(os.fspath(export)))
    if not given.exists():
        raise ExportNotFoundError(
            f"{given} does not exist; pass the export zip or folder to archive"
        )
    root = archive_path(archive)
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest_f = pool.submit(source_digest, given)
            # the message text is completed in the worker while the rest is stored
            parsed, pending = read_parsed(given, completer=pool)
            digest = digest_f.result()
            make_private_dir(root)
            with archive_lock(root):  # type: ignore[attr-defined]
                return _add_locked(root, given, parsed, pending, digest, message_text, __version__)
    except Timeout as err:
        raise ArchiveError(
            f"the archive {root} is locked by another 'archive add' (lock file {root / LOCK}); "
            "wait for it to finish, or remove the lock file if no tiekeeper is running"
        ) from err


def _add_locked(
    root: Path,
    given: Path,
    parsed: ParsedExport,
    completions: Mapping[str, Completion | pl.DataFrame],
    digest: str,
    message_text: bool,
    version: str,
) -> AddResult:
    from tiekeeper.archive.read import read_manifest

    for stale in root.glob(TMP_PREFIX + "*"):  # left by a writer that crashed
        shutil.rmtree(stale, ignore_errors=True)
    found = _stored(root, digest)
    if found is not None:
        for pending in completions.values():  # an error completing the text still shows
            if not isinstance(pending, pl.DataFrame):
                pending.result()
        return AddResult(found, read_manifest(found), added=False)
    tmp = make_private_dir(root / f"{TMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        names, urls = inferred_owner(parsed)  # while the worker completes the message text
        # two writers: each file is written as soon as it is ready (the small ones while
        # the text is completed), and the messages' frame and text compress side by side
        with ThreadPoolExecutor(max_workers=2) as pool:
            written: dict[str, Future[int]] = {}

            def ready(stem: str, frame: pl.DataFrame) -> None:
                written[stem] = pool.submit(_write, tmp, stem, frame)

            stored = stored_frames(parsed, completions, message_text, ready)
            frames = stored.frames
            sizes = {stem: written[stem].result() for stem in frames}
        date = parsed.export_date
        if date is None:
            from tiekeeper.io.loader import _newest

            date = _newest(parsed.frames)
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            export_date=None if date is None else date.isoformat(),
            owner_names=names,
            owner_urls=urls,
            categories=dict(categories(frames["parse_report"])),
            source_blake2b=digest,
            source_name=given.name,
            tiekeeper_version=version,
            message_text=message_text,
            rows={stem: f.height for stem, f in frames.items()},
            files=sizes,
            dropped=stored.dropped,
            content=stored.content,
            other_files={f"other-{i}": n for i, n in enumerate(parsed.other_files)},
            notes=list(parsed.notes),
            kind=parsed.kind,
            date_from_data=parsed.export_date is None,
            combos=stored.combos,
            conversations=stored.conversations,
        )
        make_private_file(tmp / MANIFEST, manifest.to_json())
        fsync_dir(tmp)
        final = root / f"{manifest.export_date or 'undated'}_{digest[:16]}"
        if final.exists():  # a damaged copy of this very source: replaced
            shutil.rmtree(final)
        os.replace(tmp, final)
        fsync_dir(root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return AddResult(final, manifest, added=True)
