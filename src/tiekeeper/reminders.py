"""Calendar reminders for the weekly plan, as an iCalendar (.ics) file.

:func:`reminders_ics` writes one reminder per person in a :class:`~tiekeeper.Plan`:
owed replies first, then the suggestions in plan order, spread over the
coming weeks so that no week holds more than ``per_week`` of them. The "give
them space" list gets no reminders, by design.

Each reminder is an all-day ``VEVENT`` marked free (``TRANSP:TRANSPARENT``)
with a ``VALARM`` at 09:00 that day. Events, unlike ``VTODO`` tasks, are
imported by every common calendar (Google Calendar drops ``VTODO`` on import;
Outlook shows them inconsistently), and an all-day, free event sits at the top
of the day without blocking time. The description holds the reasons, the
opener and the profile URL. The UID is a digest of ``person_id`` and the start
date, so importing the same plan twice updates rather than duplicates, and
``DTSTAMP`` is the plan's ``as_of``: the file never depends on the wall clock.

Examples
--------
Two reminders a week from Wednesday 3 July 2024, spread over Tuesdays and
Thursdays; each week is the seven days from a Wednesday:

>>> [d.isoformat() for d in weekly_dates(dt.date(2024, 7, 3), per_week=2, weekday=None, n=3)]
['2024-07-04', '2024-07-09', '2024-07-11']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiekeeper.errors import ParameterError, StaleExportWarning
from tiekeeper.wording import counted, end_sentence

if TYPE_CHECKING:
    from tiekeeper.scoring.plan import Plan

__all__ = ["STALE_AFTER_DAYS", "reminders_ics", "weekly_dates"]

#: A plan whose ``as_of`` is at least this many days before ``start`` is stale.
STALE_AFTER_DAYS = 14

_VERB = {
    "reply": "Reply to",
    "reconnect": "Reconnect with",
    "congratulate": "Congratulate",
    "offer_help": "Offer help to",
    "coffee": "Suggest a coffee to",
    "explore": "Get to know",
}
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _slot_weekdays(per_week: int, weekday: int | Sequence[int] | None) -> list[int]:
    if weekday is None:  # spread evenly over Monday to Friday
        return [int((i + 0.5) * 5 / per_week) for i in range(per_week)]
    days = [weekday] if isinstance(weekday, int) else list(weekday)
    if not days or any(
        isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days
    ):
        raise ParameterError(
            f"weekday={weekday!r}: expected a weekday number 0 (Monday) to 6 (Sunday), "
            "a list of them, or None to spread over Monday to Friday"
        )
    days = sorted(set(days))
    return sorted(days[i % len(days)] for i in range(per_week))


def weekly_dates(
    start: dt.date, *, per_week: int, weekday: int | Sequence[int] | None, n: int
) -> list[dt.date]:
    """The dates of ``n`` reminders, in order, at most ``per_week`` per week.

    Week w is the seven days from ``start + 7·w``. Its ``per_week`` slots fall
    on ``weekday`` (0 = Monday; one day, several days cycled, or None for an
    even spread over Monday to Friday), each on the first such day in the week.
    Slots are handed out week by week, earliest first.

    Examples
    --------
    >>> days = weekly_dates(dt.date(2024, 7, 1), per_week=3, weekday=None, n=4)  # a Monday
    >>> [f"{d:%a %d}" for d in days]
    ['Mon 01', 'Wed 03', 'Fri 05', 'Mon 08']
    >>> [f"{d:%a %d}" for d in weekly_dates(dt.date(2024, 7, 1), per_week=2, weekday=4, n=3)]
    ['Fri 05', 'Fri 05', 'Fri 12']
    """
    slots = _slot_weekdays(per_week, weekday)
    out: list[dt.date] = []
    week = 0
    while len(out) < n:
        first = start + dt.timedelta(days=7 * week)
        out += sorted(first + dt.timedelta(days=(wd - first.weekday()) % 7) for wd in slots)
        week += 1
    return out[:n]


def _uid(person_id: str, start: dt.date) -> str:
    digest = hashlib.blake2b(f"{person_id}|{start.isoformat()}".encode(), digest_size=10)
    return f"{digest.hexdigest()}@tiekeeper"


def _description(row: dict[str, Any], as_of: dt.date, stale_note: str | None) -> str:
    who = row["name"] + (f" ({row['company']})" if row["company"] else "")
    parts = [end_sentence(f"{_VERB.get(row['kind'], 'Contact')} {who}.")]
    if row["reasons"]:
        parts.append("Why:\n" + "\n".join(f"- {r}" for r in row["reasons"]))
    if row["opener"]:
        parts.append(f"A possible opener (make it yours):\n{row['opener']}")
    if row.get("profile_url"):
        parts.append(f"Profile: {row['profile_url']}")
    parts.append(f"Planned by tiekeeper from your LinkedIn data as of {as_of.isoformat()}.")
    if stale_note:
        parts.append(stale_note)
    return "\n\n".join(parts)


def reminders_ics(
    plan: Plan,
    path: str | Path,
    *,
    start: dt.date | str,
    per_week: int = 3,
    weekday: int | Sequence[int] | None = None,
    stale_after_days: int = STALE_AFTER_DAYS,
) -> Path:
    """Write one calendar reminder per owed reply and suggestion of ``plan``.

    Parameters
    ----------
    plan : Plan
        From :func:`tiekeeper.reach_out`.
    path : str or Path
        The ``.ics`` file to write (overwritten). Its folder must exist.
    start : datetime.date or str
        The first day reminders may fall on (a date or an ISO date). Explicit on purpose: tiekeeper
        never reads the clock (the CLI's ``--start`` defaults to today).
    per_week : int
        At most this many reminders in each 7-day week from ``start`` (3).
    weekday : int, list of int or None
        The weekday(s) reminders fall on, 0 = Monday; None spreads each week's
        reminders over Monday to Friday.
    stale_after_days : int
        Warn when the plan's ``as_of`` is this many days or more before ``start``.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ParameterError
        For a bad ``start``, ``per_week``, ``weekday`` or ``path``.

    Warns
    -----
    StaleExportWarning
        When the plan is stale; every description then says so too.

    Examples
    --------
    >>> import tempfile
    >>> import tiekeeper as tk
    >>> plan = tk.reach_out(tk.load_export(), k=3)
    >>> folder = Path(tempfile.mkdtemp())
    >>> path = reminders_ics(plan, folder / "reminders.ics", start=plan.as_of.date())
    >>> path.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    True
    """
    import icalendar

    if isinstance(start, str):
        try:
            start = dt.date.fromisoformat(start.strip())
        except ValueError as err:
            raise ParameterError(f"start={start!r}: expected a date such as 2024-07-01") from err
    if isinstance(start, dt.datetime) or not isinstance(start, dt.date):
        raise ParameterError(f"start={start!r}: expected a datetime.date such as date(2024, 7, 1)")
    if isinstance(per_week, bool) or not isinstance(per_week, int) or per_week < 1:
        raise ParameterError(f"per_week={per_week!r}: expected a whole number >= 1, e.g. 3")
    out = Path(path).expanduser()
    if out.is_dir() or not out.parent.is_dir():
        raise ParameterError(
            f"path={str(out)!r}: expected a file in an existing folder, e.g. plan.ics"
        )
    as_of: dt.datetime = plan.as_of
    lag = (start - as_of.date()).days
    stale_note = None
    if lag >= stale_after_days:
        msg = (
            f"this plan uses LinkedIn data as of {as_of.date().isoformat()}, "
            f"{counted(lag, 'day')} before "
            f"start={start.isoformat()}; people may have written since then. Download a fresh "
            "export and rebuild the plan for up-to-date reminders"
        )
        warnings.warn(msg, StaleExportWarning, stacklevel=2)
        stale_note = f"Note: {msg}."

    rows = [*plan.owed_replies.iter_rows(named=True), *plan.suggestions.iter_rows(named=True)]
    dates = weekly_dates(start, per_week=per_week, weekday=weekday, n=len(rows))
    cal = icalendar.Calendar()
    cal.add("prodid", "-//tiekeeper//reach-out plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "tiekeeper reach-out plan")
    for row, day in sorted(zip(rows, dates, strict=True), key=lambda rd: rd[1]):
        event = icalendar.Event()
        event.add("uid", _uid(row["person_id"], start))
        event.add("dtstamp", as_of)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        summary = f"{_VERB.get(row['kind'], 'Contact')} {row['name']}"
        event.add("summary", summary)
        event.add("description", _description(row, as_of.date(), stale_note))
        event.add("categories", ["tiekeeper", row["kind"]])
        event.add("transp", "TRANSPARENT")
        if row.get("profile_url"):
            event.add("url", row["profile_url"])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", dt.timedelta(hours=9), parameters={"RELATED": "START"})
        event.add_component(alarm)
        cal.add_component(event)
    out.write_bytes(cal.to_ical())
    return out
