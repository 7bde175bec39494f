"""as_of: a date means the end of that day in UTC; naive datetimes are refused."""

from __future__ import annotations

import datetime as dt

import pytest

from tiekeeper.asof import end_of_day, resolve_as_of
from tiekeeper.errors import ParameterError

UTC = dt.UTC


def test_date_is_end_of_day_utc() -> None:
    got = resolve_as_of(dt.date(2025, 3, 14))
    assert got == dt.datetime(2025, 3, 14, 23, 59, 59, 999999, tzinfo=UTC)
    assert resolve_as_of("2025-03-14") == got


def test_default_used_only_when_none() -> None:
    default = end_of_day(dt.date(2025, 1, 1))
    assert resolve_as_of(None, default) == default
    assert resolve_as_of(dt.date(2024, 1, 1), default).year == 2024


def test_aware_datetime_converted_to_utc() -> None:
    cet = dt.timezone(dt.timedelta(hours=1))
    got = resolve_as_of(dt.datetime(2025, 1, 1, 0, 30, tzinfo=cet))
    assert got == dt.datetime(2024, 12, 31, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (dt.datetime(2025, 1, 1), "naive datetime"),
        ("yesterday", "not a date; expected YYYY-MM-DD"),
        (20250101, "must be a date"),
    ],
)
def test_bad_values_name_the_parameter(value: object, match: str) -> None:
    with pytest.raises(ParameterError, match=match) as info:
        resolve_as_of(value)  # type: ignore[arg-type]
    assert "as_of" in str(info.value)


def test_no_value_and_no_default() -> None:
    with pytest.raises(ParameterError, match="as_of is required"):
        resolve_as_of(None)
