"""make_sample_export: validate the arguments, run the story, write files and the truth."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import polars as pl

from tiekeeper.datasets._messages import Messages, make_messages
from tiekeeper.datasets._network import connections, endorsements, invitations, recommendations
from tiekeeper.datasets._paths import truth_path, zip_name
from tiekeeper.datasets._profile import owner_files
from tiekeeper.datasets._story import OWED_WINDOW_DAYS, Cast, make_cast
from tiekeeper.datasets._writer import CsvFile, FolderSink, ZipSink
from tiekeeper.errors import ParameterError
from tiekeeper.keys import map_unique, normalize_profile_url, person_id_from_slug

__all__ = ["MIN_CONNECTIONS", "generate", "truth_frame"]

MIN_CONNECTIONS = 50
#: The parts of messages.csv that are 1:1 threads between the owner and one person.
_DIRECT_PARTS = ("bulk", "owed", "recruiter", "one-sided", "one-off", "revival")
_FIRST_DATE = dt.date(2012, 1, 1)
_LAST_DATE = dt.date(2100, 1, 1)
#: Files in the order LinkedIn's zips list them (not alphabetical).
_ORDER = (
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
) -> tuple[Path, int, int, int]:
    if not isinstance(out, str | os.PathLike):
        raise ParameterError(f"out must be a path; got {out!r} ({type(out).__name__})")
    seed = _check_int("seed", seed, 0)
    n_connections = _check_int("n_connections", n_connections, MIN_CONNECTIONS)
    n_messages = _check_int("n_messages", n_messages, max(500, 2 * n_connections))
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
    return path, seed, n_connections, n_messages


def truth_frame(cast: Cast, messages: Messages) -> pl.DataFrame:
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
                & ~pl.col("kind").is_in(["recruiter", "spam"])
            ).fill_null(False),
        )
    )
    # group contacts who were never put in a group appear nowhere in the export
    absent = (pl.col("kind") == "group-contact") & ~pl.col("pid").is_in(
        sorted(messages.group_members)
    )
    frame = frame.filter(~absent)
    return pl.DataFrame(
        {
            "person_id": map_unique(frame["slug"], person_id_from_slug),
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
) -> Path:
    """The body of :func:`tiekeeper.datasets.make_sample_export`."""
    path, seed, n_connections, n_messages = _validate(
        out, seed, n_connections, n_messages, export_date, fmt
    )
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(4)]
    cast = make_cast(streams[0], n_connections, export_date)
    messages = make_messages(streams[1], cast, n_messages)
    own, skills = owner_files(streams[3], cast)
    files: dict[str, CsvFile] = {f.name: f for f in own}
    files["Connections.csv"] = connections(streams[2], cast)
    files["messages.csv"] = CsvFile("messages.csv", messages.file)
    files["Invitations.csv"] = invitations(streams[2], cast)
    for f in (*endorsements(streams[2], cast, skills), *recommendations(streams[2], cast)):
        files[f.name] = f
    if fmt == "zip":
        target = path if path.name.lower().endswith(".zip") else path / zip_name(export_date)
        sink: FolderSink | ZipSink = ZipSink(target, export_date)
    else:
        target = path
        sink = FolderSink(path)
    try:
        for name in _ORDER:
            sink.write(files[name])
    finally:
        sink.close()
    if truth:
        truth_frame(cast, messages).write_csv(truth_path(target))
    return target
