"""The date shapes of a LinkedIn export, parsed vectorised.

The reference (``linkedin-export-format.md`` §3) lists sixteen shapes, F1 to
F16. This module parses the ones that the files tiekeeper reads use:

=====  ==================================  =============================  =========
shape  example                             where                          zone
=====  ==================================  =============================  =========
F1     ``6/17/23, 6:18 AM``                Invitations, Contacts, 2018    US Pacific
F2     ``12/24/23, 05:28 AM``              Recommendations                US Pacific
F3     ``11/26/24 01:32 PM UTC``           Receipts_v2                    UTC
F4     ``2024-12-16 18:24:37 UTC``         messages ``DATE``              UTC
F5     ``2024/12/15 08:53:43 UTC``         endorsements, UTF-16 files     UTC
F6     ``2024-06-17 06:01:43``             Reactions, Comments …          UTC (assumed)
F7     ``Sat Dec 14 08:57:55 UTC 2024``    Company Follows, Logins        UTC
F8     ``04 Jul 2023``                     Connections ``Connected On``   date
F9     ``Jun 2018`` / ``2017``             Positions, Education           date
F13    ``2024-08-16 02:36 UTC``            Learning                       UTC
F14    ``2024-11-13``                      Verifications                  date
F15    ``2019-11-06T02:08:20``             messages, early 2020           UTC (assumed)
=====  ==================================  =============================  =========

Spreadsheet-rewritten dates such as ``18-Jun-24`` are parsed too, and the
callers report them as a sign of a spreadsheet round-trip.

**Time zones.** F1 and F2 are naive US Pacific times (America/Los_Angeles,
with daylight saving). At the autumn change the repeated hour is read as the
*earliest* of the two instants (daylight time); in spring the skipped hour
does not exist and is *shifted forward* by one hour (``2:30`` becomes
``3:30`` daylight time, the same instant as ``2:30`` standard time). Two-digit
years always mean 20YY: LinkedIn data starts in 2003.

Every function maps over whole columns (no per-row Python) and returns null
for values it cannot parse; the callers report those values.

Examples
--------
>>> import polars as pl
>>> times = parse_instants(pl.Series(["6/17/23, 6:18 AM", "2024-12-16 18:24:37 UTC"]))
>>> [t.isoformat() for t in times]
['2023-06-17T13:18:00+00:00', '2024-12-16T18:24:37+00:00']
>>> parse_days(pl.Series(["04 Jul 2023", "1/8/18, 6:14 PM"])).to_list()
[datetime.date(2023, 7, 4), datetime.date(2018, 1, 8)]
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from tiekeeper.schema import UTC

__all__ = [
    "PACIFIC",
    "SPREADSHEET_DATE",
    "is_spreadsheet_date",
    "parse_days",
    "parse_instants",
    "parse_period_end",
    "parse_period_start",
    "period_precision",
    "unparsed",
]

#: The zone of the naive F1/F2 times.
PACIFIC = "America/Los_Angeles"

#: A date rewritten by a spreadsheet, e.g. ``18-Jun-24``.
SPREADSHEET_DATE = r"^\d{1,2}-[A-Za-z]{3}-\d{2,4}$"

_NAIVE = pl.Datetime("us")

# (format, zone) in the order of the reference: strict shapes first.
_UTC_SHAPES: tuple[str, ...] = (
    "%Y-%m-%d %H:%M:%S UTC",  # F4
    "%Y/%m/%d %H:%M:%S UTC",  # F5
    "%Y-%m-%d %H:%M:%S",  # F6
    "%a %b %d %H:%M:%S UTC %Y",  # F7
    "%Y-%m-%dT%H:%M:%S",  # F15
    "%Y-%m-%d %H:%M UTC",  # F13
)
# Shapes with two-digit years, tried after the 20YY rewrite.
_SHORT_YEAR_SHAPES: tuple[tuple[str, bool], ...] = (
    ("%m/%d/%Y, %I:%M %p", True),  # F1 and F2 (US Pacific)
    ("%m/%d/%Y %I:%M %p UTC", False),  # F3
)
_DAY_SHAPES: tuple[str, ...] = (
    "%d %b %Y",  # F8
    "%Y-%m-%d",  # F14
    "%d-%b-%Y",  # spreadsheet, after the 20YY rewrite
    "%b %d, %Y",  # F10
)


def _twenty(s: pl.Series) -> pl.Series:
    """Rewrite two-digit years (``6/17/23,``, ``18-Jun-24``) to ``20YY``."""
    s = s.str.replace(r"^(\d{1,2}/\d{1,2}/)(\d{2})([, ])", "${1}20${2}${3}")
    return s.str.replace(r"^(\d{1,2}-[A-Za-z]{3}-)(\d{2})$", "${1}20${2}")


def _blank_to_null(values: pl.Series) -> pl.Series:
    s = values.cast(pl.String).str.strip_chars()
    low = s.str.to_lowercase()
    bad = (s.str.len_bytes() == 0) | low.is_in(["n/a", "na", "null", "-"])
    return s.set(bad.fill_null(False), None)


def _localise_pacific(naive: pl.Series) -> pl.Series:
    loc = naive.dt.replace_time_zone(PACIFIC, ambiguous="earliest", non_existent="null")
    gap = loc.is_null() & naive.is_not_null()
    if gap.any():
        # Spring forward: the skipped hour does not exist; shift it forward one hour.
        shifted = (naive + pl.duration(hours=1)).dt.replace_time_zone(
            PACIFIC, ambiguous="earliest", non_existent="null"
        )
        loc = pl.select(pl.when(gap).then(shifted).otherwise(loc)).to_series()
    return loc.dt.convert_time_zone("UTC")


def _first_match(
    s: pl.Series, attempts: Sequence[tuple[str, bool]], out: pl.Series | None = None
) -> pl.Series:
    """Try ``(format, pacific)`` shapes in order, each only while nulls remain.

    Shapes with two-digit years run on the 20YY-rewritten values.
    """
    if out is None:
        out = pl.repeat(None, len(s), dtype=UTC, eager=True).alias(s.name)
    todo = s.is_not_null() & out.is_null()
    short: pl.Series | None = None
    for fmt, pacific in attempts:
        if not todo.any():
            break
        src = s
        if (fmt, pacific) in _SHORT_YEAR_SHAPES:
            short = _twenty(s) if short is None else short
            src = short
        naive = src.str.strptime(_NAIVE, fmt, strict=False)
        parsed = _localise_pacific(naive) if pacific else naive.dt.replace_time_zone("UTC")
        hit = todo & parsed.is_not_null()
        if hit.any():
            out = pl.select(pl.when(hit).then(parsed).otherwise(out)).to_series()
            todo = todo & ~hit
    return out.alias(s.name)


def parse_instants(values: pl.Series, *, pacific_first: bool = False) -> pl.Series:
    """Parse timestamps of any known shape to ``Datetime("us", "UTC")``.

    Parameters
    ----------
    values : polars.Series
        String column as read from the file.
    pacific_first : bool
        Try F1/F2 (naive US Pacific) before the UTC shapes; set it for files
        known to use F1, which avoids a wasted pass.

    Returns
    -------
    polars.Series
        UTC datetimes; null where the value is empty, ``N/A`` or unparseable
        (find those with :func:`unparsed`).

    Examples
    --------
    >>> import polars as pl
    >>> s = pl.Series(["3/12/23, 2:30 AM", "11/5/23, 1:30 AM"])  # spring gap, autumn repeat
    >>> [t.strftime("%H:%M") for t in parse_instants(s, pacific_first=True)]
    ['10:30', '08:30']
    """
    utc = [(f, False) for f in _UTC_SHAPES]
    short = list(_SHORT_YEAR_SHAPES)
    order = short + utc if pacific_first else utc + short
    raw = values.cast(pl.String)
    # Most columns use one clean shape: try it on the raw values before cleaning.
    out = _first_match(raw, order[:1])
    if out.null_count() == raw.null_count():
        return out.alias(values.name)
    s = _blank_to_null(values)
    out = _first_match(s, order, out)
    todo = out.is_null() & s.is_not_null()
    if todo.any():  # date-only values (spreadsheet edits) mean midnight UTC
        days = parse_days(values)
        out = pl.select(
            pl.when(todo).then(days.cast(_NAIVE).dt.replace_time_zone("UTC")).otherwise(out)
        ).to_series()
    return out.alias(values.name)


def parse_days(values: pl.Series) -> pl.Series:
    """Parse calendar days (F8, F14, F10, spreadsheet ``18-Jun-24``, or F1's day).

    A full F1 timestamp gives its Pacific calendar day, as written.

    Examples
    --------
    >>> import polars as pl
    >>> parse_days(pl.Series(["18-Jun-24", "2024-11-13", "N/A", ""])).to_list()
    [datetime.date(2024, 6, 18), datetime.date(2024, 11, 13), None, None]
    """
    s = _twenty(_blank_to_null(values))
    out = pl.repeat(None, len(s), dtype=pl.Date, eager=True).alias(values.name)
    todo = s.is_not_null()
    for fmt in _DAY_SHAPES:
        if not todo.any():
            break
        parsed = s.str.strptime(pl.Date, fmt, strict=False)
        hit = todo & parsed.is_not_null()
        out = pl.select(pl.when(hit).then(parsed).otherwise(out)).to_series()
        todo = todo & ~hit
    if todo.any():
        head = s.str.extract(r"^(\d{1,2}/\d{1,2}/\d{4})", 1)
        parsed = head.str.strptime(pl.Date, "%m/%d/%Y", strict=False)
        hit = todo & parsed.is_not_null()
        out = pl.select(pl.when(hit).then(parsed).otherwise(out)).to_series()
        todo = todo & ~hit
    if todo.any():  # UTC timestamps: take the UTC day
        inst = _first_match(s, [(f, False) for f in _UTC_SHAPES] + [_SHORT_YEAR_SHAPES[1]])
        out = pl.select(pl.when(todo).then(inst.dt.date()).otherwise(out)).to_series()
    return out.alias(values.name)


def _period(values: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series]:
    """Start day, end day and precision ('day', 'month', 'year') of F9 values."""
    s = _blank_to_null(values)
    month = s.str.strptime(pl.Date, "%b %Y", strict=False)
    year = pl.select(
        pl.when(s.str.contains(r"^\d{4}$"))
        .then(pl.date(pl.lit(s.str.to_integer(strict=False)), 1, 1))
        .otherwise(None)
    ).to_series()
    day = parse_days(values)
    start = pl.select(pl.coalesce(month, year, day)).to_series()
    end = pl.select(
        pl.when(month.is_not_null())
        .then(month.dt.month_end())
        .when(year.is_not_null())
        .then(pl.date(pl.lit(year.dt.year()), 12, 31))
        .otherwise(day)
    ).to_series()
    prec = pl.select(
        pl.when(month.is_not_null())
        .then(pl.lit("month"))
        .when(year.is_not_null())
        .then(pl.lit("year"))
        .when(day.is_not_null())
        .then(pl.lit("day"))
        .otherwise(None)
    ).to_series()
    return start, end, prec


def parse_period_start(values: pl.Series) -> pl.Series:
    """First day of F9 periods: ``Jun 2018`` → 1 June, ``2017`` → 1 January.

    Examples
    --------
    >>> import polars as pl
    >>> parse_period_start(pl.Series(["Jun 2018", "2017", ""])).to_list()
    [datetime.date(2018, 6, 1), datetime.date(2017, 1, 1), None]
    """
    return _period(values)[0].alias(values.name)


def parse_period_end(values: pl.Series) -> pl.Series:
    """Last day of F9 periods: ``Jun 2018`` → 30 June, ``2017`` → 31 December.

    Examples
    --------
    >>> import polars as pl
    >>> parse_period_end(pl.Series(["Feb 2024", "2017"])).to_list()
    [datetime.date(2024, 2, 29), datetime.date(2017, 12, 31)]
    """
    return _period(values)[1].alias(values.name)


def period_precision(values: pl.Series) -> pl.Series:
    """Precision of F9 values: ``'month'``, ``'year'``, ``'day'`` or null.

    Examples
    --------
    >>> import polars as pl
    >>> period_precision(pl.Series(["Jun 2018", "2017", None])).to_list()
    ['month', 'year', None]
    """
    return _period(values)[2].alias(values.name)


def unparsed(raw: pl.Series, parsed: pl.Series) -> pl.Series:
    """Mask of values that are present in ``raw`` but did not parse.

    Empty strings and ``N/A``-like placeholders count as absent, not failed.

    Examples
    --------
    >>> import polars as pl
    >>> raw = pl.Series(["04 Jul 2023", "soon", "", None])
    >>> unparsed(raw, parse_days(raw)).to_list()
    [False, True, False, False]
    """
    candidates = (parsed.is_null() & raw.is_not_null()).alias(raw.name)
    idx = candidates.arg_true()
    if len(idx) == 0:
        return candidates
    present = _blank_to_null(raw.gather(idx)).is_not_null()
    return candidates.scatter(idx, present)


def is_spreadsheet_date(values: pl.Series) -> pl.Series:
    """Mask of values in a spreadsheet's ``18-Jun-24`` shape.

    Examples
    --------
    >>> import polars as pl
    >>> is_spreadsheet_date(pl.Series(["18-Jun-24", "04 Jul 2023"])).to_list()
    [True, False]
    """
    return values.cast(pl.String).str.strip_chars().str.contains(SPREADSHEET_DATE).fill_null(False)
