"""The user's own state file: people to ignore, snoozes, target cadences, a contact log.

tiekeeper never edits the LinkedIn export. What the user knows and the export
does not (I called Ada last week; leave Bob alone until June; I want to talk to
Carol monthly) lives in a small plain-text TOML file, ``tiekeeper.toml``,
which the user may edit by hand or through :func:`mark_contacted`,
:func:`snooze`, :func:`ignore`, :func:`ignore_company`, :func:`set_cadence` and
:func:`record_plan`. The writers edit the text in place, so the user's own
comments and layout survive, and they re-read the result before saving it.

A person is named by ``person_id``, display name or profile URL;
:meth:`State.resolve` maps these to the ``person_id`` of the export's
``people`` frame, and :func:`find_person` picks the one person a command
means (or lists the close matches). The file looks like this::

    [ignore]
    people = ["Dan Recruiter", "https://www.linkedin.com/in/spam-bot"]
    companies = ["Initech"]

    [snooze]
    "Ada Example" = 2024-06-01          # not before this date

    [cadence]
    "Bob Sample" = 30                   # target days between conversations

    [[contacted]]
    person = "Carol Test"
    date = 2024-03-04
    note = "coffee in Lisbon"

Examples
--------
>>> import datetime as dt, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "tiekeeper.toml"
>>> _ = snooze(path, "Ada Example", until=dt.date(2024, 6, 1))
>>> _ = mark_contacted(path, "Bob Sample", on=dt.date(2024, 3, 4), note="coffee")
>>> state = load_state(path)
>>> from tiekeeper.keys import person_id_from_name
>>> state.snoozed_until(person_id_from_name("Ada Example"))
datetime.date(2024, 6, 1)
>>> state.contacted(person_id_from_name("Bob Sample"))
[datetime.date(2024, 3, 4)]

The modules: ``_model`` (:class:`State`), ``_read`` (finding and parsing the
file), ``_write`` (the writers), ``_toml`` (the line-level text edits) and
``_lookup`` (:func:`find_person`).
"""

from __future__ import annotations

from tiekeeper.state._lookup import PersonMatch, find_person
from tiekeeper.state._model import LogEntry, State
from tiekeeper.state._read import (
    STATE_FILENAME,
    default_state_path,
    find_state_file,
    load_state,
    parse_state,
)
from tiekeeper.state._write import (
    SUGGESTED_KEEP,
    ignore,
    ignore_company,
    mark_contacted,
    record_plan,
    set_cadence,
    snooze,
)

__all__ = [
    "STATE_FILENAME",
    "SUGGESTED_KEEP",
    "LogEntry",
    "PersonMatch",
    "State",
    "default_state_path",
    "find_person",
    "find_state_file",
    "ignore",
    "ignore_company",
    "load_state",
    "mark_contacted",
    "parse_state",
    "record_plan",
    "set_cadence",
    "snooze",
]
