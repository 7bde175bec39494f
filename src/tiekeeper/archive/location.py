"""Where the snapshot archive lives, and owner-only folders and files inside it.

The archive is opt-in: nothing is written there except by
:func:`tiekeeper.archive.add` and :func:`tiekeeper.archive.remove`. Its
folder is, in order: the ``archive`` argument (``--archive DIR``), the
``TIEKEEPER_ARCHIVE`` environment variable, or ``archive`` in the user's data
folder (``platformdirs.user_data_dir("tiekeeper")``: on Linux
``~/.local/share/tiekeeper/archive``). It holds the user's own messages, so
folders are created 0700 and files 0600 (owner only).

Examples
--------
>>> archive_path("/tmp/my-archive")
PosixPath('/tmp/my-archive')
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "archive_path", "fsync_dir", "make_private_dir", "make_private_file"]

#: The environment variable that moves the archive (``--archive DIR`` wins over it).
ENV_VAR = "TIEKEEPER_ARCHIVE"

DIR_MODE = 0o700
FILE_MODE = 0o600


def archive_path(archive: str | os.PathLike[str] | None = None) -> Path:
    """The archive folder: ``archive``, else ``$TIEKEEPER_ARCHIVE``, else the user data folder.

    Nothing is created: this only says where the archive is (or would be).

    Parameters
    ----------
    archive : path, optional
        An explicit folder (``--archive DIR``); ``~`` is expanded.

    Returns
    -------
    pathlib.Path
        The archive folder, which may not exist yet (:func:`add` creates it,
        readable by its owner only).

    Examples
    --------
    >>> from pathlib import Path
    >>> archive_path("~/linkedin-archive") == Path.home() / "linkedin-archive"
    True
    """
    if archive is not None and str(archive).strip():
        return Path(os.path.expanduser(os.fspath(archive)))
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(os.path.expanduser(env))
    import platformdirs

    return Path(platformdirs.user_data_dir("tiekeeper", appauthor=False)) / "archive"


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by its owner only (0700).

    A folder that already exists keeps its permissions, except those
    tiekeeper made itself (the archive and its snapshots), which are 0700
    from the start.
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    for p in missing:
        os.chmod(p, DIR_MODE)
    return path


def make_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file at ``path``, 0600, and flush it to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (new names, renames) to disk, where the system allows it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)
