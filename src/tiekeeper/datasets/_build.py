"""The story of a sample export in the current shape, and the writing of its files.

:func:`build_story` runs the seeded story (cast, messages, every file in the
current 2025 shape, Connections and messages still unshaped) and
:func:`write_files` writes a set of files in a layout. Both
:func:`tiekeeper.datasets.make_sample_export` (one export) and
:func:`tiekeeper.datasets.make_sample_history` (the same story cut at several
dates) use them, so the default export keeps its bytes.

The random streams: ``SeedSequence(seed).spawn(7)``; the first four drive the
story (cast, messages, network files, owner files), stream 4 the realistic
patterns, 5 the isolated connections and 6 the layout details.

Examples
--------
>>> import datetime as dt
>>> story = build_story(seed=0, n_tied=60, n_isolated=0, n_messages=600,
...                     export_date=dt.date(2025, 3, 14), layout="2025", realistic=False)
>>> story.messages.file.height, "_seconds" in story.connection_rows.columns
(600, True)
>>> sorted(story.files)[:2]
['Company Follows.csv', 'Contacts.csv']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import polars as pl

from tiekeeper.datasets._isolated import add_isolated
from tiekeeper.datasets._layouts import layout_file
from tiekeeper.datasets._messages import Messages, make_messages
from tiekeeper.datasets._network import (
    connection_rows,
    endorsements,
    invitations,
    recommendations,
)
from tiekeeper.datasets._profile import owner_files
from tiekeeper.datasets._realistic import finish, make_plan
from tiekeeper.datasets._story import Cast, make_cast
from tiekeeper.datasets._writer import CsvFile, FolderSink, ZipSink

__all__ = ["FILE_ORDER", "Story", "build_story", "write_files"]

#: Files in the order LinkedIn's zips list them (not alphabetical).
FILE_ORDER = (
    "Connections.csv",
    "messages.csv",
    "Invitations.csv",
    "Profile.csv",
    "Positions.csv",
    "Education.csv",
    "Skills.csv",
    "Endorsement_Given_Info.csv",
    "Endorsement_Received_Info.csv",
    "Recommendations_Given.csv",
    "Recommendations_Received.csv",
    "Email Addresses.csv",
    "Registration.csv",
    "Contacts.csv",
    "Company Follows.csv",
    "coach_messages.csv",
)


@dataclass(frozen=True)
class Story:
    """A story in the current shape, before any layout is applied.

    ``connection_rows`` are Connections.csv's rows plus ``_seconds`` (the epoch
    second of connecting); ``files`` holds every other file but messages.csv
    (``messages.file`` and ``messages.meta``); ``layout_rng`` is the stream of
    the layout details (2018 e-mail addresses).
    """

    cast: Cast
    messages: Messages
    connection_rows: pl.DataFrame
    files: dict[str, CsvFile]
    layout_rng: np.random.Generator


def build_story(
    *,
    seed: int,
    n_tied: int,
    n_isolated: int,
    n_messages: int,
    export_date: dt.date,
    layout: str,
    realistic: bool,
) -> Story:
    """Run the seeded story of an export of ``export_date`` (arguments already checked)."""
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(7)]
    cast = make_cast(streams[0], n_tied, export_date)
    cast = add_isolated(streams[5], cast, n_isolated)
    plan = make_plan(streams[4], cast, layout) if realistic else None
    if plan is not None:
        cast = plan.cast
    messages = make_messages(streams[1], cast, n_messages, None if plan is None else plan.rows)
    if plan is not None:
        cast = finish(cast, plan)
    own, skills = owner_files(streams[3], cast)
    files: dict[str, CsvFile] = {f.name: f for f in own}
    rows = connection_rows(streams[2], cast)
    files["Invitations.csv"] = invitations(streams[2], cast)
    for f in (*endorsements(streams[2], cast, skills), *recommendations(streams[2], cast)):
        files[f.name] = f
    return Story(cast, messages, rows, files, streams[6])


def write_files(sink: FolderSink | ZipSink, files: Mapping[str, CsvFile], layout: str) -> None:
    """Write ``files`` into ``sink`` in :data:`FILE_ORDER` and close it.

    Connections.csv and messages.csv must already be in the shape of
    ``layout``; every other file is in the current shape and is converted
    here (:func:`~tiekeeper.datasets._layouts.layout_file`), or left out
    where the layout has no such file.
    """
    try:
        for name in FILE_ORDER:
            file = files[name]
            if name not in ("Connections.csv", "messages.csv"):
                shaped = layout_file(file, layout)
                if shaped is None:
                    continue
                file = shaped
            sink.write(file)
    finally:
        sink.close()
