"""``as_of``: the one notion of "now" in tiekeeper.

"Now" is never the wall clock. It defaults to the export's own date, and every
public function takes ``as_of`` so that any past date can be scored (which is
what makes the backtest possible). A date means the *end* of that day in UTC,
so the export day's own messages count. A naive datetime is refused: mixing
naive and aware times silently is how off-by-a-timezone bugs are born.

Examples
--------
>>> import datetime as dt
>>> resolve_as_of(dt.date(2024, 3, 1))
datetime.datetime(2024, 3, 1, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc)
>>> resolve_as_of("2024-03-01T12:00:00+01:00")
datetime.datetime(2024, 3, 1, 11, 0, tzinfo=datetime.timezone.utc)
"""

from __future__ import annotations

import datetime as dt

from tiekeeper.errors import ParameterError

__all__ = ["AsOf", "end_of_day", "resolve_as_of"]

#: What users may pass as ``as_of``.
AsOf = dt.date | dt.datetime | str | None


def end_of_day(day: dt.date) -> dt.datetime:
    """The last microsecond of ``day`` in UTC.

    Examples
    --------
    >>> end_of_day(dt.date(2020, 1, 1)).isoformat()
    '2020-01-01T23:59:59.999999+00:00'
    """
    return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)


def resolve_as_of(
    as_of: AsOf, default: dt.datetime | None = None, *, name: str = "as_of"
) -> dt.datetime:
    """Turn a user's ``as_of`` into an aware UTC datetime.

    Parameters
    ----------
    as_of : date, aware datetime, ISO string or None
        ``None`` means ``default`` (the export date). A ``date`` or a date-only
        string means the end of that day in UTC.
    default : datetime, optional
        Used when ``as_of`` is None; must be aware.
    name : str
        The parameter name to cite in errors.

    Returns
    -------
    datetime.datetime
        Timezone-aware, in UTC.

    Raises
    ------
    ParameterError
        For a naive datetime, an unparseable string, or no value and no default.

    Examples
    --------
    >>> resolve_as_of(dt.datetime(2024, 1, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: as_of=datetime.datetime(2024, 1, 1, 0, 0) is a naive ...
    """
    if as_of is None:
        if default is None:
            raise ParameterError(f"{name} is required: the export has no date to default to")
        as_of = default
    if isinstance(as_of, str):
        text = as_of.strip()
        try:
            if len(text) == 10:
                return end_of_day(dt.date.fromisoformat(text))
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as err:
            raise ParameterError(
                f"{name}={as_of!r} is not a date; expected YYYY-MM-DD or an ISO datetime "
                "with a UTC offset, e.g. 2024-03-01"
            ) from err
        as_of = parsed
    if isinstance(as_of, dt.datetime):
        if as_of.tzinfo is None or as_of.utcoffset() is None:
            raise ParameterError(
                f"{name}={as_of!r} is a naive datetime; pass a date (meaning the end of that "
                "day in UTC) or a timezone-aware datetime such as "
                "datetime(2024, 1, 1, tzinfo=timezone.utc)"
            )
        return as_of.astimezone(dt.UTC)
    if isinstance(as_of, dt.date):
        return end_of_day(as_of)
    raise ParameterError(
        f"{name} must be a date, an aware datetime or an ISO string; got {type(as_of).__name__}"
    )
