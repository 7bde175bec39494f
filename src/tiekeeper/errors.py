"""The one exception hierarchy of tiekeeper, and its warning classes.

Every error a user can cause derives from :class:`TiekeeperError`. Messages
name the file or parameter, say what was expected and what was found, and say
what to do. The CLI turns these into one clear line and a non-zero exit code.

Examples
--------
>>> from tiekeeper.errors import ParameterError, TiekeeperError
>>> issubclass(ParameterError, ValueError) and issubclass(ParameterError, TiekeeperError)
True
"""

from __future__ import annotations

__all__ = [
    "AmbiguousNameWarning",
    "ArchiveError",
    "ArchiveFormatError",
    "DamagedSnapshotWarning",
    "ExportError",
    "ExportFileError",
    "ExportNotFoundError",
    "ExportTooLargeError",
    "MissingDependencyError",
    "ParameterError",
    "StaleExportWarning",
    "StateFileError",
    "TiekeeperError",
    "TiekeeperWarning",
    "UnsafeArchiveError",
    "require_pandas",
]


class TiekeeperError(Exception):
    """Base class of every error tiekeeper raises on purpose."""


class ExportError(TiekeeperError):
    """The input export (zip, folder or CSV file) cannot be read as a whole."""


class ExportNotFoundError(ExportError, FileNotFoundError):
    """The path given as the export does not exist, or holds no LinkedIn file."""


class UnsafeArchiveError(ExportError):
    """A zip entry would escape the archive (absolute path or ``..``)."""


class ExportTooLargeError(ExportError):
    """The archive would inflate beyond the configured limits (a zip bomb)."""


class ExportFileError(ExportError):
    """A single export file is unusable; raised only with ``strict=True``.

    Without ``strict``, the same problem is recorded in ``Export.parse_report``
    and loading continues.
    """


class MissingDependencyError(TiekeeperError, ImportError):
    """An optional dependency is needed but not installed.

    pandas and pyarrow (``pandas`` extra), xlsxwriter (``excel``), sqlite-utils (``db``),
    kaleido and a Chrome or Chromium browser (``images``), jupyter (``notebooks``).
    """


def require_pandas(what: str = "to_pandas()") -> None:
    """Raise :class:`MissingDependencyError` unless pandas and pyarrow import.

    Examples
    --------
    >>> require_pandas()  # both are installed with the [pandas] extra
    """
    import importlib.util

    missing = [m for m in ("pandas", "pyarrow") if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingDependencyError(
            f"{what} needs {' and '.join(missing)}, which tiekeeper does not install by "
            "default; install them with: pip install 'tiekeeper[pandas]'"
        )


class ParameterError(TiekeeperError, ValueError):
    """A function argument is out of range or of the wrong kind."""


class StateFileError(TiekeeperError):
    """The user's state file (ignore list, snoozes, contact log) is malformed."""


class ArchiveError(TiekeeperError):
    """The snapshot archive cannot be used as asked (no such snapshot, a busy lock).

    Examples
    --------
    >>> import tempfile
    >>> from tiekeeper.archive import remove
    >>> with tempfile.TemporaryDirectory() as d:
    ...     remove("2025-03-14", archive=d)
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ArchiveError: no archived snapshot of 2025-03-14 in ...; archived ...: none
    """


class ArchiveFormatError(ArchiveError):
    """A snapshot was written by a newer tiekeeper, in an archive format this one cannot read.

    Examples
    --------
    >>> from tiekeeper.archive import Manifest
    >>> Manifest.from_json(b'{"format_version": 99, "tiekeeper_version": "9.0"}')
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ArchiveFormatError: manifest.json is in archive format 99, ...
    """


class TiekeeperWarning(UserWarning):
    """Base class of tiekeeper's warnings."""


class AmbiguousNameWarning(TiekeeperWarning):
    """A state-file entry names people who share that name (namesakes); it applies to none."""


class StaleExportWarning(TiekeeperWarning):
    """``as_of`` (the export date) is weeks older than the plan's start date."""


class DamagedSnapshotWarning(TiekeeperWarning):
    """An archived snapshot is damaged (a truncated file, no manifest) and was skipped.

    Examples
    --------
    >>> import tempfile, warnings, tiekeeper
    >>> from tiekeeper.archive import add, load_archive
    >>> with tempfile.TemporaryDirectory() as d:
    ...     folder = add(tiekeeper.sample_path(), archive=d).path
    ...     _ = (folder / "frame-connections.parquet").write_bytes(b"")  # truncated
    ...     with warnings.catch_warnings(record=True) as caught:
    ...         warnings.simplefilter("always")
    ...         exports = load_archive(d)
    >>> exports, [w.category.__name__ for w in caught]
    ([], ['DamagedSnapshotWarning'])
    """
