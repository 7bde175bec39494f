"""Reading the archive: the snapshot list, and a snapshot as an :class:`~tiekeeper.io.Export`.

A snapshot is loaded by reading its Parquet files back into the parsed
frames and finishing them as :func:`tiekeeper.load_export` does (owner,
identities, kinds; people and interactions on first access), so everything
derived follows the current code. A damaged snapshot (a missing or invalid
manifest, a missing or truncated file) is skipped with a
:class:`~tiekeeper.errors.DamagedSnapshotWarning` that names it; a snapshot
in a newer archive format raises :class:`~tiekeeper.errors.ArchiveFormatError`.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl

from tiekeeper.archive.frames import (
    content_restore,
    join_combos,
    join_conversations,
    report_from_frame,
    restore_identity,
)
from tiekeeper.archive.location import archive_path
from tiekeeper.archive.manifest import MANIFEST, Manifest
from tiekeeper.archive.write import snapshot_dirs
from tiekeeper.asof import AsOf
from tiekeeper.errors import ArchiveFormatError, DamagedSnapshotWarning, ParameterError
from tiekeeper.io.export import Export
from tiekeeper.io.loader import ParsedExport, finish_export
from tiekeeper.io.owner import given_owner

__all__ = [
    "DamagedSnapshotError",
    "check_files",
    "list_snapshots",
    "load_archive",
    "load_snapshot",
    "read_manifest",
    "snapshots",
]


#: Threads that read a snapshot's Parquet files side by side.
READERS = 4


class DamagedSnapshotError(Exception):
    """Internal: a snapshot that cannot be read (turned into a warning by the readers)."""


def read_manifest(folder: Path) -> Manifest:
    """A snapshot's manifest (:class:`ArchiveFormatError` for a newer format).

    Raises
    ------
    DamagedSnapshotError
        No manifest, or one that is not valid.
    ArchiveFormatError
        The snapshot was written in a newer archive format.
    """
    path = folder / MANIFEST
    try:
        return Manifest.from_json(path.read_bytes(), where=str(path))
    except ArchiveFormatError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise DamagedSnapshotError(f"{folder}: no valid {MANIFEST} ({err})") from err


def check_files(folder: Path, m: Manifest) -> None:
    """Raise :class:`DamagedSnapshotError` unless every file of ``m`` is there, whole.

    Parameters
    ----------
    folder : pathlib.Path
        The snapshot's folder.
    m : Manifest
        Its manifest, which records each Parquet file's size.

    Raises
    ------
    DamagedSnapshotError
        A file is missing, or its size is not the one recorded (truncated or changed),
        or the manifest lists a split frame without its other half.
    """
    for kind, split in (("combos", m.combos), ("conversations", m.conversations)):
        for stem in split:  # a frame split in two needs its other half
            half = f"{kind}-{stem.partition('-')[2]}"
            if half not in m.files:
                raise DamagedSnapshotError(f"{folder}: the manifest lists no {half}.parquet")
    for stem, size in m.files.items():
        path = folder / f"{stem}.parquet"
        try:
            found = path.stat().st_size
        except OSError as err:
            raise DamagedSnapshotError(f"{folder}: {path.name} is missing") from err
        if found != size:
            raise DamagedSnapshotError(
                f"{folder}: {path.name} has {found:,} bytes, the manifest says {size:,} "
                "(truncated or changed)"
            )


def snapshots(archive: str | os.PathLike[str] | None = None) -> list[tuple[Path, Manifest]]:
    """Every readable snapshot with its manifest, oldest export first.

    Damaged snapshots and those of a newer format are skipped with a
    :class:`DamagedSnapshotWarning` naming them.

    Parameters
    ----------
    archive : path, optional
        The archive folder (default: :func:`~tiekeeper.archive.archive_path`).

    Returns
    -------
    list of (pathlib.Path, Manifest)
        Each snapshot's folder and its manifest, by export date; empty when the
        archive does not exist.

    Examples
    --------
    >>> import tempfile, tiekeeper
    >>> from tiekeeper.archive import add
    >>> with tempfile.TemporaryDirectory() as d:
    ...     before = snapshots(d)
    ...     _ = add(tiekeeper.sample_path(), archive=d)
    ...     [(folder.name[:10], m.export_date) for folder, m in snapshots(d)]
    [('2025-03-14', '2025-03-14')]
    >>> before
    []
    """
    found = []
    for folder in snapshot_dirs(archive_path(archive)):
        try:
            m = read_manifest(folder)
            check_files(folder, m)
        except (DamagedSnapshotError, ArchiveFormatError) as err:
            warnings.warn(f"skipped archived snapshot: {err}", DamagedSnapshotWarning, stacklevel=2)
            continue
        found.append((folder, m))
    return sorted(found, key=lambda fm: (fm[1].export_date or "", fm[0].name))


def list_snapshots(archive: str | os.PathLike[str] | None = None) -> pl.DataFrame:
    """The archived snapshots: export date, owner, counts and size on disk.

    Parameters
    ----------
    archive : path, optional
        The archive folder (default: :func:`~tiekeeper.archive.archive_path`).

    Returns
    -------
    polars.DataFrame
        ``export_date``, ``owner``, ``connections``, ``messages``, ``message_text``
        (False for ``--no-message-text``), ``size_mb``, ``source`` (the name it
        was added from), ``tiekeeper_version`` and ``path``; oldest first.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     list_snapshots(d).height
    0
    """
    rows = []
    for folder, m in snapshots(archive):
        rows.append(
            {
                "export_date": None
                if m.export_date is None
                else dt.date.fromisoformat(m.export_date),
                "owner": m.owner_names[0] if m.owner_names else None,
                "connections": m.rows.get("frame-connections", 0),
                "messages": m.rows.get("frame-messages", 0),
                "message_text": m.message_text,
                "size_mb": round(
                    sum(m.files.values()) / 1e6 + (folder / MANIFEST).stat().st_size / 1e6, 2
                ),
                "source": m.source_name,
                "tiekeeper_version": m.tiekeeper_version,
                "path": str(folder),
            }
        )
    schema = {
        "export_date": pl.Date,
        "owner": pl.String,
        "connections": pl.Int64,
        "messages": pl.Int64,
        "message_text": pl.Boolean,
        "size_mb": pl.Float64,
        "source": pl.String,
        "tiekeeper_version": pl.String,
        "path": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)


def _read(folder: Path, stem: str) -> pl.DataFrame:
    return pl.read_parquet(folder / f"{stem}.parquet")


def load_snapshot(
    folder: str | os.PathLike[str],
    *,
    as_of: AsOf = None,
    owner: str | list[str] | tuple[str, ...] | None = None,
) -> Export:
    """Load one archived snapshot as an :class:`~tiekeeper.io.Export`.

    Parameters
    ----------
    folder : path
        The snapshot's folder (``path`` in :func:`list_snapshots`).
    as_of : datetime.date, aware datetime.datetime or ISO date str, optional
        "Now" for every analysis, as :func:`tiekeeper.load_export` takes it
        (default: the end of the export day).
    owner : str or sequence of str, optional
        Who the export belongs to (display name and/or profile URL), as
        :func:`tiekeeper.load_export` takes it (default: inferred again).

    Returns
    -------
    Export
        Its frames equal those :func:`tiekeeper.load_export` returns for the
        source (but ``content``, ``subject`` and ``text`` of a snapshot added
        with ``--no-message-text``); ``source`` is the snapshot's folder.

    Raises
    ------
    ArchiveFormatError
        The snapshot is in a newer archive format.
    ParameterError
        The snapshot is damaged (the message names it).

    Examples
    --------
    >>> import tempfile, tiekeeper
    >>> from tiekeeper.archive import add
    >>> with tempfile.TemporaryDirectory() as d:
    ...     folder = add(tiekeeper.sample_path(), archive=d).path
    ...     export = load_snapshot(folder)
    ...     original = tiekeeper.load_export()
    ...     same = export.messages.equals(original.messages)
    >>> export.export_date, export.owner.name, export.connections.height, same
    (datetime.date(2025, 3, 14), 'Emil Alderfeather', 300, True)
    """
    path = Path(os.path.expanduser(os.fspath(folder)))

    def damaged(err: Exception) -> ParameterError:
        return ParameterError(
            f"the archived snapshot {path} is damaged ({err}); remove it with "
            "'tiekeeper archive remove DATE' and add its export again"
        )

    try:
        m = read_manifest(path)
        check_files(path, m)
    except DamagedSnapshotError as err:
        raise ParameterError(
            f"the archived snapshot is damaged: {err}; remove it with "
            "'tiekeeper archive remove DATE' and add its export again"
        ) from err
    # as in load_export, the columns nothing else needs (message text and word counts)
    # are read in a worker while this thread resolves identities
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            parsed, completions = _parsed(path, m, pool)
            return finish_export(
                parsed,
                as_of=as_of,
                owner=None if owner is None else given_owner(owner),
                completions=completions,
            )
        except (OSError, pl.exceptions.PolarsError) as err:
            raise damaged(err) from err


def _completed(
    folder: Path, stem: str, content: pl.Series | None, diff_inside: bool = False
) -> pl.DataFrame:
    """A ``complete-*`` file; with the ``content`` diff (given, or a column of the file
    itself when ``diff_inside``), the messages' whole content."""
    # decoded in this thread alone, leaving polars' pool to the identities meanwhile
    done = pl.read_parquet(folder / f"{stem}.parquet", parallel="none")
    if diff_inside and "content" in done.columns:
        content = done.get_column("content")
    if content is None:
        return done
    return done.with_columns(content_restore(content, done["text"]))


def _parsed(
    folder: Path, m: Manifest, pool: ThreadPoolExecutor
) -> tuple[ParsedExport, dict[str, Future[pl.DataFrame] | pl.DataFrame]]:
    stems = list(m.files)
    later = [s for s in stems if s.startswith("complete-")]
    # A snapshot is a score of Parquet files, most of them small, whose reading
    # costs more in fixed overhead (about a millisecond each) than in decoding:
    # read side by side (polars releases the GIL), the largest first.
    now = sorted((s for s in stems if s not in later), key=lambda s: -m.files[s])
    with ThreadPoolExecutor(max_workers=READERS) as readers:
        read = dict(zip(now, readers.map(lambda s: _read(folder, s), now), strict=True))
    frames: dict[str, pl.DataFrame] = {}
    message_combos = None
    for stem, frame in ((s, read[s]) for s in stems if s in read):  # in the manifest's order
        kind, _, name = stem.partition("-")
        if kind == "frame":
            frames[name] = restore_identity(frame, m.dropped.get(stem, []))
            if stem in m.conversations:
                at = m.conversations[stem]
                frames[name] = join_conversations(frames[name], read[f"conversations-{name}"], at)
            if stem in m.combos:
                frames[name] = join_combos(frames[name], read[f"combos-{name}"], m.combos[stem])
                if name == "messages":
                    message_combos = read[f"combos-{name}"]
    completions: dict[str, Future[pl.DataFrame] | pl.DataFrame] = {}
    flags = None
    if m.message_text:
        for stem in later:
            name = stem.partition("-")[2]
            # the content diff: in the messages frame (formats 1, 2) or beside the text (3)
            has_diff = name == "messages" and m.content == "diff"
            inside = has_diff and m.format_version >= 3
            diff = frames[name]["content"] if has_diff and not inside else None
            completions[name] = pool.submit(_completed, folder, stem, diff, inside)
    else:  # the digest and flags stand in for the text (archive.textless)
        from tiekeeper.archive.textless import TEXT_FLAGS

        for stem in later:
            name = stem.partition("-")[2]
            done = _read(folder, stem)
            if name == "messages":
                flags = done.select(c for c in TEXT_FLAGS if c in done.columns)
            completions[name] = done.drop(c for c in TEXT_FLAGS if c in done.columns)
    report = report_from_frame(read["parse_report"], read.get("rejected"))
    other = {m.other_files[s]: read[s] for s in stems if s.startswith("other-")}
    date = (
        None if m.date_from_data or m.export_date is None else dt.date.fromisoformat(m.export_date)
    )
    parsed = ParsedExport(
        frames,
        report,
        other,
        list(m.notes),
        date,
        m.kind,
        str(folder),
        text_flags=flags,
        message_combos=message_combos,
    )
    return parsed, completions


def load_archive(archive: str | os.PathLike[str] | None = None, **load_kwargs: Any) -> list[Export]:
    """Every readable snapshot of the archive as an Export, oldest first.

    A damaged snapshot, or one of a newer archive format, is skipped with a
    :class:`DamagedSnapshotWarning` that names it; the rest still load.

    Parameters
    ----------
    archive : path, optional
        The archive folder (default: :func:`~tiekeeper.archive.archive_path`).
    **load_kwargs
        ``as_of=`` and ``owner=``, as :func:`load_snapshot` takes them.

    Returns
    -------
    list of Export
        One per readable snapshot, by export date; empty for an empty or
        missing archive. ``tiekeeper.load_history(archive=True)`` merges them.

    Examples
    --------
    >>> import tempfile, tiekeeper
    >>> from tiekeeper.archive import add
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = add(tiekeeper.sample_path(), archive=d, message_text=False)
    ...     exports = load_archive(d, as_of="2025-06-01")
    >>> [(e.export_date.isoformat(), e.connections.height) for e in exports]
    [('2025-03-14', 300)]
    """
    out = []
    for folder, _ in snapshots(archive):
        try:
            out.append(load_snapshot(folder, **load_kwargs))
        except (ParameterError, ArchiveFormatError) as err:
            warnings.warn(f"skipped archived snapshot: {err}", DamagedSnapshotWarning, stacklevel=2)
    return out
