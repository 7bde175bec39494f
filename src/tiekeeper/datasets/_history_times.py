"""The files of a story as they stood on an earlier day: rows dated later are left out.

A history (:func:`tiekeeper.datasets.make_sample_history`) cuts one story at
several export days. The files in the current shape carry their times as
text, so the dated ones are read back here: F1 and F2 (minutes, naive US
Pacific), F5 and F7 (seconds, UTC). Reading a time back to the minute keeps
every comparison with a cut-off at midnight UTC exact. Positions.csv has
month precision (:func:`positions_as_of`).

Examples
--------
>>> sent = pl.DataFrame({"Sent At": ["3/9/25, 8:43 PM", "1/2/25, 9:00 AM"]})
>>> f = CsvFile("Invitations.csv", sent)
>>> row_seconds(f).to_list()
[1741578180, 1735837200]
>>> as_of(f, 1741000000).frame["Sent At"].to_list()
['1/2/25, 9:00 AM']
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl

from tiekeeper.datasets._writer import CsvFile

__all__ = ["as_of", "month_index", "positions_as_of", "row_seconds"]

_F1 = "%m/%d/%y, %I:%M %p"  # F1 and F2 (the zero padding is optional when reading)
_F5 = "%Y/%m/%d %H:%M:%S UTC"
_F7 = "%a %b %d %H:%M:%S UTC %Y"
_PACIFIC = "America/Los_Angeles"

#: File name -> (time column, strptime format, written in US Pacific time).
_TIMES: dict[str, tuple[str, str, bool]] = {
    "Invitations.csv": ("Sent At", _F1, True),
    "Recommendations_Received.csv": ("Creation Date", _F1, True),
    "Recommendations_Given.csv": ("Creation Date", _F1, True),
    "Endorsement_Received_Info.csv": ("Endorsement Date", _F5, False),
    "Endorsement_Given_Info.csv": ("Endorsement Date", _F5, False),
    "Contacts.csv": ("CreatedAt", _F1, True),
    "Email Addresses.csv": ("Updated On", _F1, True),
    "Company Follows.csv": ("Followed On", _F7, False),
    "Registration.csv": ("Registered At", _F1, True),
}


def row_seconds(file: CsvFile) -> pl.Series | None:
    """The epoch second of each row of a dated file (``None`` for an undated file).

    Times written to the minute come back at the start of their minute.
    """
    spec = _TIMES.get(file.name)
    if spec is None or spec[0] not in file.frame.columns:
        return None
    column, fmt, pacific = spec
    naive = file.frame[column].str.strptime(pl.Datetime("us"), fmt)
    zone = _PACIFIC if pacific else "UTC"
    aware = naive.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
    return aware.dt.epoch("s").alias("seconds")


def as_of(file: CsvFile, cutoff: int) -> CsvFile:
    """``file`` without the rows dated at or after ``cutoff`` (epoch seconds)."""
    seconds = row_seconds(file)
    if seconds is None:
        return file
    return dataclasses.replace(file, frame=file.frame.filter(seconds < cutoff))


def month_index(day: pl.Expr) -> pl.Expr:
    """Months since year 0 of a date expression (``Mar 2025`` and any day in it agree)."""
    return day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1


def positions_as_of(file: CsvFile, day: dt.date) -> CsvFile:
    """Positions.csv on ``day``: positions not yet started are left out, and one that
    finished in a later month was still current (its ``Finished On`` is empty).

    Examples
    --------
    >>> f = CsvFile("Positions.csv", pl.DataFrame({"Title": ["B", "A"],
    ...     "Started On": ["Jan 2024", "Jan 2020"], "Finished On": ["", "Dec 2023"]}))
    >>> positions_as_of(f, dt.date(2023, 6, 1)).frame.rows()
    [('A', 'Jan 2020', '')]
    """
    now = day.year * 12 + day.month - 1

    def month(column: str) -> pl.Expr:
        return month_index(pl.col(column).str.strptime(pl.Date, "%b %Y", strict=False))

    frame = file.frame.filter(month("Started On") <= now).with_columns(
        pl.when(month("Finished On") > now)
        .then(pl.lit(""))
        .otherwise(pl.col("Finished On"))
        .alias("Finished On")
    )
    return dataclasses.replace(file, frame=frame)
