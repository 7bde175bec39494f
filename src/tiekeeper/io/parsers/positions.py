"""Positions.csv: the owner's own jobs.

Header ``Company Name,Title,Description,Location,Started On,Finished On``,
unchanged 2018→2025. Dates are F9 (``Jun 2018`` or ``2017``): a month means
the whole month and a year the whole year, so ``started_on`` is the first
day and ``finished_on`` the last day of the period. An empty ``Finished On``
is a current role.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"Company Name,Title,Description,Location,Started On,Finished On\\n"
...        b"Example Corp,Engineer,,,Jun 2018,2020\\nExample Labs,Lead,,,Jan 2021,\\n")
>>> f = parse_positions(read_table(raw, "Positions.csv", required=REQUIRED)).frame
>>> f.select("started_on", "finished_on", "is_current", "date_precision").rows()[0]
(datetime.date(2018, 6, 1), datetime.date(2020, 12, 31), False, 'year')
"""

from __future__ import annotations

import polars as pl

from tiekeeper.io.csvfile import Table
from tiekeeper.io.dates import parse_period_end, parse_period_start, period_precision
from tiekeeper.io.parsers._common import finish
from tiekeeper.io.registry import FileParser, Parsed, register

__all__ = ["REQUIRED", "parse_positions", "period_reason"]

REQUIRED = ("Company Name", "Title", "Started On")
_RANK = {"day": 0, "month": 1, "year": 2}


def period_reason(raw: pl.Series, parsed: pl.Series, label: str) -> pl.Series:
    """Reason for present but unparseable F9 values, else null."""
    present = raw.str.strip_chars().str.len_bytes().fill_null(0) > 0
    bad = present & parsed.is_null()
    return pl.select(
        pl.when(bad).then(pl.format(f"{label} {{}} is not a recognised date", raw)).otherwise(None)
    ).to_series()


def coarsest(a: pl.Series, b: pl.Series) -> pl.Series:
    """The coarser of two precisions (``'year'`` beats ``'month'`` beats ``'day'``)."""
    ra = a.replace_strict(_RANK, default=None, return_dtype=pl.Int64)
    rb = b.replace_strict(_RANK, default=None, return_dtype=pl.Int64)
    top = pl.select(pl.max_horizontal(ra, rb)).to_series()
    inv = {v: k for k, v in _RANK.items()}
    return top.replace_strict(inv, default=None, return_dtype=pl.String)


def parse_positions(table: Table) -> Parsed:
    """Parse ``Positions.csv`` into the ``positions`` schema."""
    t = table
    s_raw, f_raw = t.get("Started On"), t.get("Finished On")
    start, end = parse_period_start(s_raw), parse_period_end(f_raw)
    current = f_raw.str.strip_chars().str.len_bytes().fill_null(0) == 0
    prec = coarsest(period_precision(s_raw), period_precision(f_raw))
    return finish(
        "positions",
        t,
        {
            "company": t.get("Company Name"),
            "title": t.get("Title"),
            "description": t.get("Description"),
            "location": t.get("Location"),
            "started_on": start,
            "finished_on": end,
            "is_current": current,
            "date_precision": prec,
        },
        [period_reason(s_raw, start, "Started On"), period_reason(f_raw, end, "Finished On")],
        "2018+ (6 columns)",
    )


register(FileParser("positions", ("positions",), REQUIRED, "positions", parse_positions))
