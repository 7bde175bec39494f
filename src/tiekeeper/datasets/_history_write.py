"""The body of :func:`tiekeeper.datasets.make_sample_history`: plan, cut, write.

The random streams: the story's own (:mod:`~tiekeeper.datasets._build`), and
one more, ``default_rng([seed, 14])``, for the history's choices (who changes,
which conversations disappear, the owner's new role), in that order.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     paths = write_history(tmp, seed=0, snapshots=2, n_connections=60, n_messages=600,
...                           layout="2021", first_date=dt.date(2024, 3, 1), spacing_days=200,
...                           fmt="folder", realistic=False)
...     [p.name for p in paths], (Path(tmp) / HISTORY_TRUTH).is_file()
(['Basic_LinkedInDataExport_03-01-2024', 'Basic_LinkedInDataExport_09-17-2024'], True)
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import polars as pl

from tiekeeper.companies import normalize_company
from tiekeeper.datasets._build import build_story, write_files
from tiekeeper.datasets._generate import _validate
from tiekeeper.datasets._history import HISTORY_TRUTH
from tiekeeper.datasets._history_ids import URL_LAYOUTS
from tiekeeper.datasets._history_people import plan_people
from tiekeeper.datasets._history_plan import cutoffs, export_days, gone_conversations, new_role
from tiekeeper.datasets._history_snapshot import Snapshot, connection_union, make_snapshot
from tiekeeper.datasets._history_truth import TRUTH_COLUMNS, truth_rows
from tiekeeper.datasets._paths import zip_name
from tiekeeper.datasets._writer import FolderSink, ZipSink

__all__ = ["write_history"]

#: The history's own random stream is ``default_rng([seed, HISTORY_STREAM])`` (issue 14).
HISTORY_STREAM = 14


def write_history(
    out: str | os.PathLike[str],
    *,
    seed: int,
    snapshots: int,
    n_connections: int,
    n_messages: int,
    layout: str,
    first_date: dt.date,
    spacing_days: int,
    fmt: str,
    realistic: bool,
) -> list[Path]:
    """Write the snapshots and the truth (arguments as :func:`make_sample_history`)."""
    days = export_days(first_date, snapshots, spacing_days)
    options: dict[str, object] = {
        "layout": layout,
        "realistic": realistic,
        "resaved": False,
        "isolated_share": None,
    }
    folder, seed, n_tied, n_isolated, n_messages = _validate(
        out, seed, n_connections, n_messages, days[-1], "folder", options
    )
    story = build_story(
        seed=seed,
        n_tied=n_tied,
        n_isolated=n_isolated,
        n_messages=n_messages,
        export_date=days[-1],
        layout=layout,
        realistic=realistic,
    )
    cast = story.cast
    cuts = cutoffs(days)
    rng = np.random.default_rng([seed, HISTORY_STREAM])
    skip = {k for k in (normalize_company(j.company) for j in cast.jobs) if k is not None}
    timeline = plan_people(rng, cast, cuts, with_urls=layout in URL_LAYOUTS, skip_keys=skip)
    messages = pl.concat([story.messages.file, story.messages.meta], how="horizontal")
    gone = gone_conversations(rng, messages, cast, cuts, timeline.changed)
    role = new_role(rng, cast, days)
    union = connection_union(story, layout)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    truth: list[pl.DataFrame] = []
    previous: Snapshot | None = None
    for k, day in enumerate(days):
        snap = make_snapshot(
            story,
            union,
            day=day,
            cutoff=cuts[k],
            state=timeline.states[k],
            gone=gone[k],
            role=role if k >= role.snapshot else None,
            layout=layout,
        )
        name = zip_name(day)
        if fmt == "zip":
            target = folder / name
            sink: FolderSink | ZipSink = ZipSink(target, day)
        else:
            target = folder / name[: -len(".zip")]
            sink = FolderSink(target)
        write_files(sink, snap.files, layout)
        paths.append(target)
        if previous is not None:
            truth.append(truth_rows(previous, snap, layout=layout, owner=cast.owner.name))
        previous = snap
    pl.concat(truth).select(TRUTH_COLUMNS).write_csv(folder / HISTORY_TRUTH)
    return paths
