"""make_sample_export: validate the arguments, run the story, write files and the truth.

The story and its random streams are :mod:`~tiekeeper.datasets._build`'s.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import polars as pl

from tiekeeper.datasets._build import build_story, write_files
from tiekeeper.datasets._layout_messages import messages_file
from tiekeeper.datasets._layouts import connections_file
from tiekeeper.datasets._messages import Messages
from tiekeeper.datasets._options import check_options
from tiekeeper.datasets._paths import truth_path, zip_name
from tiekeeper.datasets._story import OWED_WINDOW_DAYS, Cast
from tiekeeper.datasets._writer import FolderSink, ZipSink
from tiekeeper.errors import ParameterError
from tiekeeper.keys import (
    map_unique,
    normalize_profile_url,
    person_id_from_name,
    person_id_from_slug,
)

__all__ = ["MIN_CONNECTIONS", "generate", "truth_frame"]

MIN_CONNECTIONS = 50
#: The parts of messages.csv that are 1:1 threads between the owner and one person
#: (the last four only with ``realistic=True``).
_DIRECT_PARTS = (
    "bulk",
    "owed",
    "recruiter",
    "one-sided",
    "one-off",
    "revival",
    "exchange",
    "closer",
    "promotional",
)
#: Kinds never owed a reply.
_NEVER_OWED = ["recruiter", "spam", "promotional"]
_FIRST_DATE = dt.date(2012, 1, 1)
_LAST_DATE = dt.date(2100, 1, 1)


def _check_int(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ParameterError(f"{name} must be an integer; got {value!r} ({type(value).__name__})")
    if value < low:
        raise ParameterError(f"{name}={value} is too small; expected at least {low}")
    return int(value)


def _validate(
    out: str | os.PathLike[str],
    seed: int,
    n_connections: int,
    n_messages: int,
    export_date: dt.date,
    fmt: str,
    options: dict[str, object],
) -> tuple[Path, int, int, int, int]:
    if not isinstance(out, str | os.PathLike):
        raise ParameterError(f"out must be a path; got {out!r} ({type(out).__name__})")
    seed = _check_int("seed", seed, 0)
    n_connections = _check_int("n_connections", n_connections, MIN_CONNECTIONS)
    n_isolated = check_options(n_connections=n_connections, **options)
    n_tied = n_connections - n_isolated
    n_messages = _check_int("n_messages", n_messages, max(500, 2 * n_tied))
    if isinstance(export_date, dt.datetime) or not isinstance(export_date, dt.date):
        raise ParameterError(
            f"export_date must be a datetime.date such as date(2025, 3, 14); got {export_date!r}"
        )
    if not _FIRST_DATE <= export_date < _LAST_DATE:
        raise ParameterError(
            f"export_date={export_date} is out of range; expected a date from {_FIRST_DATE} "
            f"to {_LAST_DATE} (the story needs about 15 years of LinkedIn history before it)"
        )
    if fmt not in ("folder", "zip"):
        raise ParameterError(f"fmt={fmt!r} is not supported; expected 'folder' or 'zip'")
    path = Path(out)
    if fmt == "folder" and path.exists() and not path.is_dir():
        raise ParameterError(
            f"out={str(out)!r} is an existing file; fmt='folder' needs a folder path "
            "(pass fmt='zip' to write a zip there, or choose another path)"
        )
    return path, seed, n_tied, n_isolated, n_messages


def truth_frame(cast: Cast, messages: Messages, *, layout: str = "2025") -> pl.DataFrame:
    """One row per invented person who appears in the export: the generator's ground truth."""
    rows, bulk_scale = messages.rows, messages.bulk_scale
    p = cast.people
    per_year = bulk_scale * 365.25
    direct = rows.filter((pl.col("pid") >= 0) & pl.col("part").is_in(_DIRECT_PARTS))
    stats = (
        direct.sort("t", maintain_order=True)
        .group_by("pid", maintain_order=True)
        .agg(
            pl.len().alias("messages"),
            pl.col("from_owner").last().alias("_last_out"),
            pl.col("t").last().alias("_last_t"),
            pl.col("part").last().alias("_last_part"),
        )
    )

    def day(col: str) -> pl.Expr:
        return pl.col(col).fill_nan(None).floor().cast(pl.Int32).cast(pl.Date)

    frame = (
        p.with_columns(
            latent_strength=(pl.col("w") / (1 + pl.col("w"))).round(4),
            rate_peak_per_year=pl.Series(cast.rates.max(axis=1) * per_year).round(3),
            rate_now_per_year=pl.Series(cast.rates[:, 2] * per_year).round(3),
        )
        .join(stats, on="pid", how="left", maintain_order="left")
        .with_columns(
            messages=pl.col("messages").fill_null(0).cast(pl.Int64),
            reply_owed=(
                pl.col("_last_out").not_()
                & (pl.col("_last_t") >= cast.export_start - OWED_WINDOW_DAYS)
                & ~pl.col("kind").is_in(_NEVER_OWED)
                & (pl.col("_last_part") != "closer")
            ).fill_null(False),
        )
    )
    # group contacts who were never put in a group appear nowhere in the export
    absent = (pl.col("kind") == "group-contact") & ~pl.col("pid").is_in(
        sorted(messages.group_members)
    )
    if layout == "2018":  # the 2018 layout writes no SPAM rows, the spammer's only trace
        absent = absent | (pl.col("kind") == "spam")
    frame = frame.filter(~absent)
    return pl.DataFrame(
        {
            "person_id": map_unique(frame["slug"], person_id_from_slug).fill_null(
                map_unique(frame["name"], person_id_from_name)
            ),
            "profile_url": map_unique(frame["url"], normalize_profile_url),
        }
    ).hstack(
        frame.select(
            "name",
            "kind",
            "latent_strength",
            "fading",
            day("fade_start").alias("fade_start"),
            pl.col("former_company").alias("former_colleague_company"),
            "shared_company",
            "is_connection",
            pl.when(pl.col("is_connection")).then(day("connected_t")).alias("connected_on"),
            "rate_peak_per_year",
            "rate_now_per_year",
            "messages",
            "reply_owed",
            "pattern",
        )
    )


def generate(
    out: str | os.PathLike[str],
    *,
    seed: int,
    n_connections: int,
    n_messages: int,
    export_date: dt.date,
    fmt: str,
    truth: bool,
    layout: str = "2025",
    realistic: bool = False,
    resaved: bool = False,
    isolated_share: float | None = None,
) -> Path:
    """The body of :func:`tiekeeper.datasets.make_sample_export`."""
    options: dict[str, object] = {
        "layout": layout,
        "realistic": realistic,
        "resaved": resaved,
        "isolated_share": isolated_share,
    }
    path, seed, n_tied, n_isolated, n_messages = _validate(
        out, seed, n_connections, n_messages, export_date, fmt, options
    )
    story = build_story(
        seed=seed,
        n_tied=n_tied,
        n_isolated=n_isolated,
        n_messages=n_messages,
        export_date=export_date,
        layout=layout,
        realistic=realistic,
    )
    cast, messages = story.cast, story.messages
    files = dict(story.files)
    files["Connections.csv"] = connections_file(story.connection_rows, layout, story.layout_rng)
    files["messages.csv"] = messages_file(messages.file, messages.meta, layout, resaved=resaved)
    if fmt == "zip":
        target = path if path.name.lower().endswith(".zip") else path / zip_name(export_date)
        sink: FolderSink | ZipSink = ZipSink(target, export_date)
    else:
        target = path
        sink = FolderSink(path)
    write_files(sink, files, layout)
    if truth:
        truth_frame(cast, messages, layout=layout).write_csv(truth_path(target))
    return target
