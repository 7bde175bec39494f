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
    """Base class of every error tiekeeper raises on purpose.

    Examples
    --------
    Catch it to turn any expected problem into one line for the user:

    >>> import tiekeeper
    >>> try:
    ...     tiekeeper.reach_out(tiekeeper.load_export(), k=0)
    ... except TiekeeperError as err:
    ...     print(f"Error: {err}")
    Error: k=0: expected a whole number of suggestions >= 1, e.g. k=10
    """


class ExportError(TiekeeperError):
    """The input export (zip, folder or CSV file) cannot be read as a whole.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import tiekeeper
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     fake = Path(tmp) / "export.zip"
    ...     _ = fake.write_text("not a zip", encoding="utf-8")
    ...     try:
    ...         tiekeeper.load_export(fake)
    ...     except ExportError as err:
    ...         print(type(err).__name__, "not a readable zip archive" in str(err))
    ExportError True
    """


class ExportNotFoundError(ExportError, FileNotFoundError):
    """The path given as the export does not exist, or holds no LinkedIn file.

    Examples
    --------
    >>> import tiekeeper
    >>> try:
    ...     tiekeeper.load_export("no/such/Basic_LinkedInDataExport_03-14-2025.zip")
    ... except ExportNotFoundError as err:
    ...     print(isinstance(err, FileNotFoundError), "does not exist" in str(err))
    True True
    """


class UnsafeArchiveError(ExportError):
    """A zip entry would escape the archive (absolute path or ``..``).

    Examples
    --------
    >>> import tempfile, zipfile
    >>> from pathlib import Path
    >>> import tiekeeper
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "export.zip"
    ...     with zipfile.ZipFile(path, "w") as zf:
    ...         zf.writestr("../evil.csv", "x")
    ...     try:
    ...         tiekeeper.load_export(path)
    ...     except UnsafeArchiveError as err:
    ...         print("'../evil.csv'" in str(err))
    True
    """


class ExportTooLargeError(ExportError):
    """The archive would inflate beyond the configured limits (a zip bomb).

    Nothing is decompressed: the check reads the zip's central directory only.

    Examples
    --------
    >>> import tempfile, zipfile
    >>> from pathlib import Path
    >>> import tiekeeper
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "export.zip"
    ...     with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
    ...         zf.writestr("Connections.csv", "First Name,Last Name\\n" + "A,B\\n" * 10_000)
    ...     try:
    ...         tiekeeper.load_export(path, max_uncompressed_bytes=1000)
    ...     except ExportTooLargeError as err:
    ...         print("above max_uncompressed_bytes=1000" in str(err))
    True
    """


class ExportFileError(ExportError):
    """A single export file is unusable; raised only with ``strict=True``.

    Without ``strict``, the same problem is recorded in ``Export.parse_report``
    and loading continues.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import tiekeeper
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "Connections.csv").write_text("no table here", encoding="utf-8")
    ...     try:
    ...         tiekeeper.load_export(tmp, strict=True)
    ...     except ExportFileError as err:
    ...         print(str(err).startswith("Connections.csv: "))
    True
    """


class MissingDependencyError(TiekeeperError, ImportError):
    """An optional dependency is needed but not installed.

    pandas and pyarrow (``pandas`` extra), xlsxwriter (``excel``), sqlite-utils (``db``),
    kaleido and a Chrome or Chromium browser (``images``), jupyter (``notebooks``).

    Examples
    --------
    It is an ImportError too, so code written for plain imports still catches it:

    >>> try:
    ...     raise MissingDependencyError("to_pandas() needs pandas")
    ... except ImportError as err:
    ...     print(err)
    to_pandas() needs pandas
    """


def require_pandas(what: str = "to_pandas()") -> None:
    """Raise :class:`MissingDependencyError` unless pandas and pyarrow import.

    Parameters
    ----------
    what : str
        What needs them, named in the error message.

    Raises
    ------
    MissingDependencyError
        When pandas or pyarrow is not installed; the message says how to
        install them.

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
    """A function argument is out of range or of the wrong kind.

    Examples
    --------
    >>> from tiekeeper import ScoringParams
    >>> try:
    ...     ScoringParams(half_life_days=-1)
    ... except ParameterError as err:
    ...     print(isinstance(err, ValueError), "half_life_days" in str(err))
    True True
    """


class StateFileError(TiekeeperError):
    """The user's state file (ignore list, snoozes, contact log) is malformed.

    Examples
    --------
    >>> from tiekeeper.state import parse_state
    >>> try:
    ...     parse_state('[cadence]\\n"Ada" = -3\\n', "tiekeeper.toml")
    ... except StateFileError as err:
    ...     print(str(err).split(":")[0])
    tiekeeper.toml, line 2, [cadence] 'Ada'
    """


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
    """Base class of tiekeeper's warnings.

    Examples
    --------
    Silence (or raise) every tiekeeper warning at once:

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", TiekeeperWarning)
    ...     warnings.warn("old export", StaleExportWarning)
    >>> issubclass(AmbiguousNameWarning, TiekeeperWarning)
    True
    """


class AmbiguousNameWarning(TiekeeperWarning):
    """A state-file entry names people who share that name (namesakes); it applies to none.

    Examples
    --------
    >>> import warnings
    >>> import polars as pl
    >>> from tiekeeper.state import State
    >>> people = pl.DataFrame({"person_id": ["p1", "p2"], "name": ["Ada Lee", "Ada Lee"],
    ...                        "profile_url": [None, None], "key_method": ["namesake"] * 2})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     state = State(cadences={"Ada Lee": 30}).resolve(people)
    >>> [w.category.__name__ for w in caught], state.target_cadence("p1")
    (['AmbiguousNameWarning'], None)
    """


class StaleExportWarning(TiekeeperWarning):
    """``as_of`` (the export date) is weeks older than the plan's start date.

    Examples
    --------
    >>> import datetime as dt, tempfile, warnings
    >>> from pathlib import Path
    >>> import tiekeeper
    >>> plan = tiekeeper.reach_out(tiekeeper.load_export(), k=3)
    >>> later = plan.as_of.date() + dt.timedelta(days=60)
    >>> with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = tiekeeper.reminders_ics(plan, Path(tmp) / "plan.ics", start=later)
    >>> [w.category.__name__ for w in caught]
    ['StaleExportWarning']
    """


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
