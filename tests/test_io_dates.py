"""The date shapes of the reference (§3), parsed vectorised."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from tiekeeper.io.dates import (
    is_spreadsheet_date,
    parse_days,
    parse_instants,
    parse_period_end,
    parse_period_start,
    period_precision,
    unparsed,
)

UTC = dt.timezone.utc  # noqa: UP017 - explicit for readers


def _one(value: str, **kw: bool) -> dt.datetime | None:
    out: dt.datetime | None = parse_instants(pl.Series([value]), **kw)[0]
    return out


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # F4 / F5 / F6 / F7 / F13 / F15 / F3: UTC (F6 and F15 assumed UTC)
        ("2024-12-16 18:24:37 UTC", dt.datetime(2024, 12, 16, 18, 24, 37, tzinfo=UTC)),
        ("2024/12/15 08:53:43 UTC", dt.datetime(2024, 12, 15, 8, 53, 43, tzinfo=UTC)),
        ("2024-06-17 06:01:43", dt.datetime(2024, 6, 17, 6, 1, 43, tzinfo=UTC)),
        ("Sat Dec 14 08:57:55 UTC 2024", dt.datetime(2024, 12, 14, 8, 57, 55, tzinfo=UTC)),
        ("2024-08-16 02:36 UTC", dt.datetime(2024, 8, 16, 2, 36, tzinfo=UTC)),
        ("2019-11-06T02:08:20", dt.datetime(2019, 11, 6, 2, 8, 20, tzinfo=UTC)),
        ("11/26/24 01:32 PM UTC", dt.datetime(2024, 11, 26, 13, 32, tzinfo=UTC)),
        # F1: naive US Pacific. June is daylight time (UTC-7): 6:18 AM -> 13:18 UTC.
        ("6/17/23, 6:18 AM", dt.datetime(2023, 6, 17, 13, 18, tzinfo=UTC)),
        # F1 in winter is standard time (UTC-8): 6:14 PM -> 02:14 UTC the next day.
        ("1/8/18, 6:14 PM", dt.datetime(2018, 1, 9, 2, 14, tzinfo=UTC)),
        # F2: zero-padded, also Pacific (UTC-8 in December): 05:28 AM -> 13:28 UTC.
        ("12/24/23, 05:28 AM", dt.datetime(2023, 12, 24, 13, 28, tzinfo=UTC)),
        # surrounding spaces are tolerated
        ("  2024-12-16 18:24:37 UTC ", dt.datetime(2024, 12, 16, 18, 24, 37, tzinfo=UTC)),
    ],
)
def test_instant_shapes(raw: str, want: dt.datetime) -> None:
    assert _one(raw) == want
    assert _one(raw, pacific_first=True) == want


def test_registration_example_from_the_reference_is_pst() -> None:
    # Registration "3/1/17, 5:23 AM" is the same moment as "2017/03/01 13:23:41 UTC" (+8 h).
    got = _one("3/1/17, 5:23 AM")
    assert got == dt.datetime(2017, 3, 1, 13, 23, tzinfo=UTC)


def test_dst_choices_are_documented_behaviour() -> None:
    # 2023-11-05 01:30 happens twice in Los Angeles; the earliest is PDT (UTC-7): 08:30 UTC.
    assert _one("11/5/23, 1:30 AM") == dt.datetime(2023, 11, 5, 8, 30, tzinfo=UTC)
    # 2023-03-12 02:30 does not exist; shifted forward to 03:30 PDT = 10:30 UTC.
    assert _one("3/12/23, 2:30 AM") == dt.datetime(2023, 3, 12, 10, 30, tzinfo=UTC)


def test_two_digit_years_are_twenty_first_century() -> None:
    # chrono alone would read "99" as 1999; LinkedIn data starts in 2003.
    assert _one("1/1/99, 1:00 PM") == dt.datetime(2099, 1, 1, 21, 0, tzinfo=UTC)
    assert parse_days(pl.Series(["18-Jun-70"]))[0] == dt.date(2070, 6, 18)


@pytest.mark.parametrize("raw", ["", "N/A", "NA", "null", "   ", None])
def test_absent_values_are_null_not_failures(raw: str | None) -> None:
    s = pl.Series([raw], dtype=pl.String)
    assert parse_instants(s)[0] is None and not unparsed(s, parse_instants(s))[0]


def test_unparseable_values_are_reported() -> None:
    s = pl.Series(["yesterday", "2024-13-45 10:00:00 UTC", "2024-01-01 10:00:00 UTC"])
    assert unparsed(s, parse_instants(s)).to_list() == [True, True, False]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("04 Jul 2023", dt.date(2023, 7, 4)),  # F8
        ("4 Jul 2023", dt.date(2023, 7, 4)),
        ("2024-11-13", dt.date(2024, 11, 13)),  # F14
        ("18-Jun-24", dt.date(2024, 6, 18)),  # spreadsheet
        ("Feb 17, 1998", dt.date(1998, 2, 17)),  # F10
        ("1/8/18, 6:14 PM", dt.date(2018, 1, 8)),  # 2018 Connected On: the day as written
        ("2024-12-16 23:30:00 UTC", dt.date(2024, 12, 16)),
    ],
)
def test_day_shapes(raw: str, want: dt.date) -> None:
    assert parse_days(pl.Series([raw]))[0] == want


def test_periods_cover_whole_months_and_years() -> None:
    s = pl.Series(["Jun 2018", "2017", "Feb 2024", "", "Nov 2021"])
    assert parse_period_start(s).to_list() == [
        dt.date(2018, 6, 1),
        dt.date(2017, 1, 1),
        dt.date(2024, 2, 1),
        None,
        dt.date(2021, 11, 1),
    ]
    assert parse_period_end(s).to_list() == [
        dt.date(2018, 6, 30),
        dt.date(2017, 12, 31),
        dt.date(2024, 2, 29),  # leap year
        None,
        dt.date(2021, 11, 30),
    ]
    assert period_precision(s).to_list() == ["month", "year", "month", None, "month"]


def test_spreadsheet_dates_are_detected() -> None:
    s = pl.Series(["18-Jun-24", "04 Jul 2023", None])
    assert is_spreadsheet_date(s).to_list() == [True, False, False]


def test_large_column_parses_without_python_per_row() -> None:
    # 200k rows in one call: vectorised (a per-row loop would take seconds)
    s = pl.Series(["2024-12-16 18:24:37 UTC", "6/17/23, 6:18 AM"] * 100_000)
    out = parse_instants(s)
    assert out.null_count() == 0 and out.dtype == pl.Datetime("us", "UTC")
