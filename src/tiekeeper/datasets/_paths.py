"""Where the bundled sample and history live, and where a generator's ground truth goes."""

from __future__ import annotations

import datetime as dt
import os
from importlib import resources
from pathlib import Path

from tiekeeper.errors import ExportNotFoundError

__all__ = ["SAMPLE_HISTORY_ARGS", "sample_history_path", "sample_path", "truth_path", "zip_name"]


def zip_name(export_date: dt.date) -> str:
    """Return LinkedIn's name for a Basic export zip of ``export_date`` (month first).

    Parameters
    ----------
    export_date : datetime.date
        The day the export was made.

    Returns
    -------
    str
        ``Basic_LinkedInDataExport_MM-DD-YYYY.zip``.

    Examples
    --------
    >>> zip_name(dt.date(2025, 3, 14))
    'Basic_LinkedInDataExport_03-14-2025.zip'
    """
    return f"Basic_LinkedInDataExport_{export_date:%m-%d-%Y}.zip"


def truth_path(export: str | os.PathLike[str]) -> Path:
    """The ground-truth CSV that ``make_sample_export(..., truth=True)`` writes for ``export``.

    It sits next to the export, never inside it: ``<folder>.truth.csv`` beside
    a folder, ``<name>.truth.csv`` beside ``<name>.zip``.

    Parameters
    ----------
    export : str or path-like
        The export folder or zip, as given to ``make_sample_export``.

    Returns
    -------
    pathlib.Path
        The ground-truth CSV's path (whether or not it exists).

    Examples
    --------
    >>> truth_path("out/sample").as_posix()
    'out/sample.truth.csv'
    >>> truth_path("out/Basic_LinkedInDataExport_03-14-2025.zip").name
    'Basic_LinkedInDataExport_03-14-2025.truth.csv'
    """
    p = Path(export)
    stem = p.name[: -len(".zip")] if p.name.lower().endswith(".zip") else p.name
    return p.with_name(stem + ".truth.csv")


def _bundled(name: str, what: str, remedy: str) -> Path:
    packaged = resources.files("tiekeeper") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "data" / name
    if checkout.is_dir():
        return checkout
    raise ExportNotFoundError(
        f"the bundled {what} is missing: looked for {packaged} (installed package) and "
        f"{checkout} (source checkout) and found neither; reinstall tiekeeper, or in a checkout "
        f"{remedy} to regenerate data/{name}"
    )


def sample_path() -> Path:
    """The bundled, fictional sample export (a folder of CSV files).

    Inside an installed wheel it is ``tiekeeper/_data/sample``; in a source
    checkout it is ``data/sample`` at the top of the repository.

    Returns
    -------
    pathlib.Path
        The folder.

    Raises
    ------
    ExportNotFoundError
        If neither exists (a broken install).

    Examples
    --------
    >>> (sample_path() / "Connections.csv").is_file()
    True
    """
    return _bundled("sample", "sample export", "run `make sample`")


#: The arguments ``data/sample_history`` is made with (``make_sample_history(path, **...)``).
SAMPLE_HISTORY_ARGS: dict[str, int] = {"seed": 0, "n_connections": 150, "n_messages": 600}


def sample_history_path() -> Path:
    """The bundled, fictional history: three exports of one owner and what changed.

    A folder holding ``Basic_LinkedInDataExport_MM-DD-YYYY`` folders (oldest
    2023-09-15, then 2024-06-14 and 2025-03-14) and ``history_truth.csv``:
    the output of ``make_sample_history(path, seed=0, n_connections=150,
    n_messages=600)``. Inside an installed wheel it is
    ``tiekeeper/_data/sample_history``; in a source checkout
    ``data/sample_history``.

    Returns
    -------
    pathlib.Path
        The folder.

    Raises
    ------
    ExportNotFoundError
        If neither exists (a broken install).

    Examples
    --------
    >>> sorted(p.name for p in sample_history_path().iterdir())[-1]
    'history_truth.csv'
    """
    return _bundled(
        "sample_history",
        "sample history",
        'run `python -c "import tiekeeper.datasets as d; d.make_sample_history('
        "'data/sample_history', n_connections=150, n_messages=600)\"`",
    )
