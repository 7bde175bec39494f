"""``archive remove DATE``: delete the snapshots of one export date."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from filelock import Timeout

from tiekeeper.archive.location import archive_path, fsync_dir
from tiekeeper.archive.read import snapshots
from tiekeeper.archive.write import LOCK, TMP_PREFIX, archive_lock, snapshot_dirs
from tiekeeper.errors import ArchiveError, ParameterError

__all__ = ["remove"]


def remove(date: str | dt.date, *, archive: str | os.PathLike[str] | None = None) -> list[Path]:
    """Remove every archived snapshot of the export of ``date``.

    Each snapshot is first renamed out of sight (atomically), then deleted.

    Parameters
    ----------
    date : str or datetime.date
        The export date, ``YYYY-MM-DD`` (as ``archive list`` shows it).
    archive : path, optional
        The archive folder (default: :func:`~tiekeeper.archive.archive_path`).

    Returns
    -------
    list of pathlib.Path
        The snapshot folders removed.

    Raises
    ------
    ParameterError
        ``date`` is not a date.
    ArchiveError
        No snapshot has that export date (the message lists those there are).

    Examples
    --------
    >>> import tempfile, tiekeeper
    >>> from tiekeeper.archive import add, list_snapshots
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = add(tiekeeper.sample_path(), archive=d)
    ...     removed = remove("2025-03-14", archive=d)
    ...     left = list_snapshots(d).height
    >>> [p.name[:10] for p in removed], left
    (['2025-03-14'], 0)
    """
    try:
        day = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date).strip())
    except ValueError as err:
        raise ParameterError(
            "date must be an export date like 2025-03-14 (as 'archive list' shows it); "
            f"got {date!r}"
        ) from err
    root = archive_path(archive)
    if not root.is_dir():  # nothing to remove: the archive is not even created
        raise ArchiveError(
            f"no archived snapshot of {day.isoformat()}: the archive {root} does not exist; "
            "'tiekeeper archive add EXPORT' creates it"
        )
    try:
        return _remove_locked(root, day)
    except Timeout as err:
        raise ArchiveError(
            f"the archive {root} is locked by another 'archive add' (lock file {root / LOCK}); "
            "wait for it to finish, or remove the lock file if no tiekeeper is running"
        ) from err


def _remove_locked(root: Path, day: dt.date) -> list[Path]:
    with archive_lock(root):  # type: ignore[attr-defined]
        found = snapshots(root)
        hits = [f for f, m in found if m.export_date == day.isoformat()]
        # a damaged snapshot, or one of a newer format, is named by its date too: it
        # can be removed (the readers skip it, and the warning says to remove it)
        hits += [
            f
            for f in snapshot_dirs(root)
            if f.name.startswith(day.isoformat() + "_") and f not in hits
        ]
        if not hits:
            dates = ", ".join(sorted({m.export_date or "undated" for _, m in found})) or "none"
            raise ArchiveError(
                f"no archived snapshot of {day.isoformat()} in {root}; archived export dates: "
                f"{dates}"
            )
        for folder in hits:
            gone = root / f"{TMP_PREFIX}removing-{folder.name}"
            os.replace(folder, gone)
            fsync_dir(root)
            shutil.rmtree(gone)
    return hits
