"""One snapshot of a history: the story's files as they stood on one export day.

Rows dated after the export day are left out (:mod:`._history_times`),
Connections.csv holds the connections present that day with their values of
that day (:mod:`._history_people`), the disappeared conversations are gone,
and a new name or profile URL shows wherever the story wrote the old one:
messages (sender, recipients), Invitations, endorsements and recommendations.
Positions.csv and the Profile headline follow the owner's career up to that
day, plus the new concurrent role once it started (:mod:`._history_plan`).
Only then is the layout applied.

A name is swapped only where it is a whole item: in a ``,``-joined TO list,
the pieces of another person's name with credentials are left alone (the
people renamed never have a name that begins another one's).

Examples
--------
>>> s = Swaps(names={"Ada Lee": "Ada Park"}, urls={"ada-lee": "ada-park"}, lasts={})
>>> s.url_map("www.linkedin.com/in/")
{'www.linkedin.com/in/ada-lee': 'www.linkedin.com/in/ada-park'}
>>> f = pl.DataFrame({"TO": ["Bo Ng,Ada Lee", "Ada Leeds"],
...                   "SENDER PROFILE URL": ["https://www.linkedin.com/in/ada-lee", None]})
>>> _apply(f, ["TO"], ["SENDER PROFILE URL"], s).rows()
[('Bo Ng,Ada Park', 'https://www.linkedin.com/in/ada-park'), ('Ada Leeds', None)]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

import polars as pl

from tiekeeper.datasets._build import Story
from tiekeeper.datasets._history_plan import NewRole
from tiekeeper.datasets._history_times import as_of, month_index, positions_as_of
from tiekeeper.datasets._layout_messages import messages_file
from tiekeeper.datasets._layouts import connections_file, fill_emails_2018
from tiekeeper.datasets._messages import MESSAGE_COLUMNS
from tiekeeper.datasets._writer import CsvFile

__all__ = ["Snapshot", "Swaps", "connection_union", "make_snapshot"]

_IN = "https://www.linkedin.com/in/"
_CONNECTION_COLUMNS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
    "_seconds",
)


@dataclass(frozen=True)
class Snapshot:
    """The files of one snapshot (ready for its layout) and what the truth needs.

    ``connections`` are the Connections rows in the current shape with
    ``_pid`` and ``_seconds``; ``senders`` the distinct ``FROM`` and
    ``SENDER PROFILE URL`` pairs of messages.csv; ``positions`` Positions.csv
    in the current shape.
    """

    day: dt.date
    files: dict[str, CsvFile]
    connections: pl.DataFrame
    senders: pl.DataFrame
    positions: pl.DataFrame


@dataclass(frozen=True)
class Swaps:
    """Old → new values of the people renamed or re-URLed by a snapshot's day."""

    names: dict[str, str]
    urls: dict[str, str]
    lasts: dict[tuple[str, str], str]

    @classmethod
    def between(cls, base: pl.DataFrame, state: pl.DataFrame) -> Swaps:
        """Compare the story's people (``base``) with a snapshot's ``state``."""
        both = state.join(
            base.select("pid", "first", "name", b_last="last_raw", b_slug="slug"), on="pid"
        )
        renamed = both.filter(pl.col("last_raw") != pl.col("b_last"))
        reslugged = both.filter(pl.col("slug") != pl.col("b_slug"))
        return cls(
            names={
                n: f"{f} {last.strip()}"
                for n, f, last in renamed.select("name", "first", "last_raw").iter_rows()
            },
            urls=dict(reslugged.select("b_slug", "slug").iter_rows()),
            lasts={
                (f, b.strip()): last.strip()
                for f, b, last in renamed.select("first", "b_last", "last_raw").iter_rows()
            },
        )

    def url_map(self, prefix: str) -> dict[str, str]:
        """Old → new URLs written with ``prefix`` before the slug."""
        return {prefix + a: prefix + b for a, b in self.urls.items()}


def _swap(column: str, mapping: dict[str, str]) -> pl.Expr:
    return pl.col(column).replace(list(mapping), list(mapping.values()))


def _swap_list(column: str, mapping: dict[str, str]) -> pl.Expr:
    """Swap the items of a ``,``-joined list (names with commas are never swapped)."""
    items = pl.col(column).str.split(",")
    swapped = items.list.eval(pl.element().replace(list(mapping), list(mapping.values())))
    return swapped.list.join(",").alias(column)


def _swap_last(frame: pl.DataFrame, first: str, last: str, swaps: Swaps) -> pl.DataFrame:
    if not swaps.lasts or first not in frame.columns:
        return frame
    key = pl.concat_str(pl.col(first), pl.lit("\x00"), pl.col(last))
    old = [f"{f}\x00{b}" for f, b in swaps.lasts]
    return frame.with_columns(
        pl.when(key.is_in(old))
        .then(key.replace(old, list(swaps.lasts.values())))
        .otherwise(pl.col(last))
        .alias(last)
    )


def _apply(frame: pl.DataFrame, names: list[str], urls: list[str], swaps: Swaps) -> pl.DataFrame:
    """Swap names and URLs (plain ``https`` form) in the named columns."""
    exprs = []
    for c in names:
        if swaps.names and c in frame.columns:
            exprs.append((_swap_list if c == "TO" else _swap)(c, swaps.names))
    for c in urls:
        if swaps.urls and c in frame.columns:
            lists = c == "RECIPIENT PROFILE URLS"
            exprs.append((_swap_list if lists else _swap)(c, swaps.url_map(_IN)))
    return frame.with_columns(exprs) if exprs else frame


def connection_union(story: Story, layout: str) -> pl.DataFrame:
    """Every Connections row of the story with its person (``_pid``; null for rows
    with only a date); in the 2018 layout the e-mail addresses are filled once here."""
    p = story.cast.people.filter(pl.col("is_connection"))
    pid_of = {_IN + quote(s): i for s, i in p.select("slug", "pid").iter_rows()}
    rows = story.connection_rows.with_columns(
        pl.col("URL").replace_strict(pid_of, default=None, return_dtype=pl.Int64).alias("_pid")
    )
    return fill_emails_2018(rows, story.layout_rng) if layout == "2018" else rows


def _connections(union: pl.DataFrame, state: pl.DataFrame, cutoff: int) -> pl.DataFrame:
    urls = [_IN + quote(s) for s in state["slug"].to_list()]
    values = state.select(
        "pid",
        "present",
        pl.col("first_raw").alias("First Name"),
        pl.col("last_raw").alias("Last Name"),
        pl.Series("URL", urls, dtype=pl.String),
        pl.col("company").alias("Company"),
        pl.col("position").alias("Position"),
    )
    joined = union.drop("First Name", "Last Name", "URL", "Company", "Position").join(
        values, left_on="_pid", right_on="pid", how="left", maintain_order="left"
    )
    keep = pl.when(pl.col("_pid").is_null()).then(pl.col("_seconds") < cutoff).otherwise("present")
    return joined.filter(keep).select(*_CONNECTION_COLUMNS, "_pid")


def _messages(story: Story, cutoff: int, gone: frozenset[str], swaps: Swaps) -> pl.DataFrame:
    m = story.messages
    kept = pl.col("CONVERSATION ID").is_in(sorted(gone)).not_().fill_null(True)
    frame = pl.concat([m.file, m.meta], how="horizontal").filter(
        (pl.col("seconds") < cutoff) & kept
    )
    return _apply(frame, ["FROM", "TO"], ["SENDER PROFILE URL", "RECIPIENT PROFILE URLS"], swaps)


def _owner_files(story: Story, day: dt.date, role: NewRole | None) -> dict[str, CsvFile]:
    files = story.files
    positions = positions_as_of(files["Positions.csv"], day)
    if role is not None:
        frame = pl.concat([pl.DataFrame([role.row()]), positions.frame])
        start = month_index(pl.col("Started On").str.strptime(pl.Date, "%b %Y"))
        frame = frame.sort(start, descending=True, maintain_order=True)
        positions = dataclasses.replace(positions, frame=frame)
    month = day.year * 12 + day.month - 1
    started = [j for j in story.cast.jobs if j.start.year * 12 + j.start.month - 1 <= month]
    profile = files["Profile.csv"]
    if started:
        job = started[-1]
        profile = dataclasses.replace(
            profile,
            frame=profile.frame.with_columns(
                pl.lit(f"{job.title} at {job.company}").alias("Headline"),
                pl.lit(job.location).alias("Geo Location"),
            ),
        )
    return {"Positions.csv": positions, "Profile.csv": profile}


def make_snapshot(
    story: Story,
    union: pl.DataFrame,
    *,
    day: dt.date,
    cutoff: int,
    state: pl.DataFrame,
    gone: frozenset[str],
    role: NewRole | None,
    layout: str,
) -> Snapshot:
    """The files of the snapshot of ``day`` (``cutoff``: the end of that day, epoch seconds).

    ``state`` is the snapshot's row of :class:`~._history_people.PeopleTimeline`,
    ``gone`` the conversation ids that disappeared by then, ``role`` the owner's
    new position if it has started.
    """
    base = story.cast.people
    swaps = Swaps.between(base, state)
    files: dict[str, CsvFile] = {}
    for name, file in story.files.items():
        f = as_of(file, cutoff)
        frame = _apply(f.frame, ["From", "To"], ["inviterProfileUrl", "inviteeProfileUrl"], swaps)
        for who in ("Endorser", "Endorsee"):
            frame = _swap_last(frame, f"{who} First Name", f"{who} Last Name", swaps)
            column = f"{who} Public Url"
            if swaps.urls and column in frame.columns:
                frame = frame.with_columns(_swap(column, swaps.url_map("www.linkedin.com/in/")))
        if name.startswith("Recommendations"):
            frame = _swap_last(frame, "First Name", "Last Name", swaps)
        files[name] = dataclasses.replace(f, frame=frame)
    files.update(_owner_files(story, day, role))
    connections = _connections(union, state, cutoff)
    files["Connections.csv"] = connections_file(connections.drop("_pid"), layout, None)
    messages = _messages(story, cutoff, gone, swaps)
    files["messages.csv"] = messages_file(
        messages.select(MESSAGE_COLUMNS), messages.select("seconds", "from_owner", "part"), layout
    )
    senders = messages.select("FROM", "SENDER PROFILE URL").unique(maintain_order=True)
    return Snapshot(day, files, connections, senders, files["Positions.csv"].frame)
