"""Input plumbing shared by the scorers: checked interactions and the export's frames.

Scoring works on plain frames (interactions, people, positions) so that the
backtest can feed it any history, including a multi-ego one with an ``ego``
column. This module checks such a frame once (columns, kinds, time zones) and
pulls the frames out of an :class:`~tiekeeper.io.Export`.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.schema import empty_frame

__all__ = [
    "EVENT_KINDS",
    "ExportFrames",
    "empty_interactions",
    "export_frames",
    "prepare_interactions",
    "to_us",
]

# An Export is frozen and its frames never change, so the checked frames are
# kept for as long as the export lives: score, reach_out and career each need
# them, and checking a million interactions again costs tenths of a second.
_FRAMES: weakref.WeakKeyDictionary[Any, ExportFrames] = weakref.WeakKeyDictionary()
_FRAMES_LOCK = threading.Lock()

#: Event kinds that scoring understands; ``contact_log`` rows come from the
#: user's state file ("I contacted them on …") and count as outgoing contact.
EVENT_KINDS: tuple[str, ...] = (
    "message",
    "invitation",
    "connection",
    "endorsement",
    "recommendation",
    "contact_log",
)
_DIRECTIONS = ("out", "in", "unknown")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_OPTIONAL: dict[str, tuple[pl.DataType, Any]] = {
    "conversation_id": (pl.String(), None),
    "participants": (pl.Int64(), 1),
    "words": (pl.Int64(), 0),
    "has_note": (pl.Boolean(), False),
    "detail": (pl.String(), None),
}


def to_us(moment: dt.datetime) -> int:
    """Microseconds since the Unix epoch of an aware datetime (exact, no float).

    Examples
    --------
    >>> to_us(dt.datetime(1970, 1, 2, tzinfo=dt.UTC))
    86400000000
    """
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def prepare_interactions(frame: pl.DataFrame, *, name: str = "interactions") -> pl.DataFrame:
    """Check an interactions-like frame and bring it to the columns scoring needs.

    Required columns are ``person_id``, ``time`` (a timezone-aware datetime),
    ``kind`` and ``direction``; ``conversation_id``, ``participants``,
    ``words``, ``has_note`` and ``detail`` are filled with neutral defaults
    when missing, and an ``ego`` column is kept if present. Times are
    converted to UTC microseconds; rows without a person or a time are
    dropped (they cannot be scored).

    Parameters
    ----------
    frame : polars.DataFrame
        Usually ``export.interactions``; any frame with the columns above.
    name : str
        How to call the frame in error messages.

    Returns
    -------
    polars.DataFrame

    Raises
    ------
    ParameterError
        For a missing column, naive times, or unknown kinds or directions.

    Examples
    --------
    >>> import datetime as dt
    >>> f = pl.DataFrame({"person_id": ["a"], "time": [dt.datetime(2024, 1, 1)],
    ...                   "kind": ["message"], "direction": ["out"]})
    >>> prepare_interactions(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: interactions.time holds naive datetimes...
    >>> ok = prepare_interactions(f.with_columns(pl.col("time").dt.replace_time_zone("UTC")))
    >>> ok.columns[:4], ok["participants"].to_list()
    (['person_id', 'time', 'kind', 'direction'], [1])
    """
    if not isinstance(frame, pl.DataFrame):
        raise ParameterError(
            f"{name} must be a polars DataFrame; got {type(frame).__name__}. "
            "Convert a pandas frame with polars.from_pandas(...)"
        )
    missing = [c for c in ("person_id", "time", "kind", "direction") if c not in frame.columns]
    if missing:
        raise ParameterError(
            f"{name} lacks column(s) {missing}; expected at least person_id, time, kind and "
            f"direction (see tiekeeper.schema.describe('interactions')); found {frame.columns}"
        )
    dtype = frame.schema["time"]
    if not isinstance(dtype, pl.Datetime):
        raise ParameterError(
            f"{name}.time must be a timezone-aware datetime column; found {dtype}. "
            "Parse it with .str.to_datetime(time_zone='UTC')"
        )
    if dtype.time_zone is None:
        raise ParameterError(
            f"{name}.time holds naive datetimes; naive and aware times never mix silently. "
            "Say which zone they are in, e.g. .with_columns(pl.col('time')"
            ".dt.replace_time_zone('UTC'))"
        )
    keep = ["ego"] if "ego" in frame.columns else []
    out = frame.with_columns(
        pl.col("person_id").cast(pl.String),
        pl.col("time").dt.convert_time_zone("UTC").dt.cast_time_unit("us"),
        pl.col("kind").cast(pl.String),
        pl.col("direction").cast(pl.String),
    )
    extra = []
    for col, (dtype_, default) in _OPTIONAL.items():
        if col in out.columns:
            expr = pl.col(col).cast(dtype_)
            extra.append(expr if default is None else expr.fill_null(default))
        else:
            extra.append(pl.lit(default, dtype=dtype_).alias(col))
    cols = [*keep, "person_id", "time", "kind", "direction", *_OPTIONAL]
    out = out.with_columns(extra).select(cols)
    out = out.filter(pl.col("person_id").is_not_null() & pl.col("time").is_not_null())
    _check_values(out, {"kind": EVENT_KINDS, "direction": _DIRECTIONS}, name)
    return out


def _check_values(frame: pl.DataFrame, allowed: dict[str, tuple[str, ...]], name: str) -> None:
    """Raise on a value outside ``allowed``; one pass over the frame when all is well."""
    unknown = frame.select(
        (~pl.col(col).is_in(values)).any().alias(col) for col, values in allowed.items()
    ).row(0, named=True)
    for col in (c for c, found in unknown.items() if found):
        bad = frame.filter(~pl.col(col).is_in(allowed[col]))[col].unique().to_list()
        raise ParameterError(
            f"{name}.{col} has unknown value(s) {sorted(map(str, bad))[:5]}; "
            f"expected one of {list(allowed[col])}"
        )


@dataclass(frozen=True)
class ExportFrames:
    """The frames scoring reads from an export, with its default ``as_of``.

    ``messages`` is the export's own messages frame (not a copy), for the
    job-pitch evidence of :mod:`~tiekeeper.scoring.pitches`; None if absent.
    """

    interactions: pl.DataFrame
    people: pl.DataFrame
    positions: pl.DataFrame
    default_as_of: dt.datetime | None
    owner_ids: tuple[str, ...] = ()
    messages: pl.DataFrame | None = None


def export_frames(export: Any) -> ExportFrames:
    """Pull the frames scoring needs from an :class:`~tiekeeper.io.Export`.

    Missing frames (a partial export) become empty frames with the full schema.
    The owner's own person ids, LinkedIn's accounts and organisations
    (``people.kind``) are dropped from interactions and people.

    Raises
    ------
    ParameterError
        When ``export`` is not export-like (no ``interactions``).
    """
    from tiekeeper.io.export import Export, as_export

    export = as_export(export)  # a History scores its merged record
    if not hasattr(export, "interactions"):
        raise ParameterError(
            f"export must be a tiekeeper Export (from tiekeeper.load_export); got "
            f"{type(export).__name__}, which has no .interactions"
        )
    if not isinstance(export, Export):
        return _export_frames(export)
    with _FRAMES_LOCK:
        found = _FRAMES.get(export)
    if found is None:
        found = _export_frames(export)
        with _FRAMES_LOCK:
            _FRAMES[export] = found
    return found


def _export_frames(export: Any) -> ExportFrames:
    owner = getattr(export, "owner", None)
    owner_ids = tuple(getattr(owner, "person_ids", ()) or ())

    def get(name: str) -> pl.DataFrame:
        value = getattr(export, name, None)
        return value if isinstance(value, pl.DataFrame) else empty_frame(name)

    # people and interactions are built on first use and independently: build them at once
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(get, "people")
        inter = prepare_interactions(get("interactions"), name="export.interactions")
        people = pending.result()
    if "kind" in people.columns:
        # LinkedIn's accounts and organisations are never relationships (io.kinds)
        others = people.filter(pl.col("kind") != "person")["person_id"].implode()
        people = people.filter(pl.col("kind") == "person")
        inter = inter.filter(~pl.col("person_id").is_in(others))
    if owner_ids:
        inter = inter.filter(~pl.col("person_id").is_in(list(owner_ids)))
        people = people.filter(~pl.col("person_id").is_in(list(owner_ids)))
    as_of = getattr(export, "as_of", None)
    default = as_of if isinstance(as_of, dt.datetime) else None
    messages = getattr(export, "messages", None)
    msgs = messages if isinstance(messages, pl.DataFrame) else None
    flags = getattr(export, "text_flags", None)
    if msgs is not None and isinstance(flags, pl.DataFrame):
        msgs = msgs.hstack(flags)  # a snapshot archived without text: judge by its flags
    return ExportFrames(inter, people, get("positions"), default, owner_ids, msgs)


def empty_interactions() -> pl.DataFrame:
    """A zero-row interactions frame with the prepared columns."""
    return prepare_interactions(empty_frame("interactions"))
