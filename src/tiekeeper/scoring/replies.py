"""Owed replies and the user's state file, as inputs to the score.

A reply is *owed* when the latest message between the owner and a person is
theirs and unanswered, the owner has written to them before, that message is at
most ``owed_reply_max_days`` old and was sent in a 1:1 conversation, and it is
not a job pitch in a conversation the owner never wrote in: a pitch is a
conversation they opened with a job-pitch subject or line, or any message from
someone with a recruiting title (:mod:`~tiekeeper.scoring.pitches`).

And their last message must invite a reply: a conversation closer ("Thanks!",
"Congrats!!", "👍", a sticker with no text; :mod:`~tiekeeper.scoring.closers`)
or a broadcast ("pls subscribe my channel", "Hi %FIRSTNAME%";
:mod:`~tiekeeper.scoring.broadcasts`) never does. This needs the message text
(``messages``); without it only the rules above apply.

The user's state (:mod:`tiekeeper.state`) is read through four duck-typed
methods: ``contacted``, ``target_cadence``, ``ignored`` and ``snoozed_until``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from tiekeeper.scoring._frames import prepare_interactions
from tiekeeper.scoring.broadcasts import (
    broadcast_group,
    is_broadcast,
    repeated_keys,
    repeated_text,
)
from tiekeeper.scoring.closers import is_closer
from tiekeeper.scoring.decay import DAY_US
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.pitches import RECRUITER_PATTERN, pitch_threads

__all__ = ["RECRUITER_PATTERN", "last_message_verdict", "owed_replies", "state_inputs"]

_VERDICT = {"person_id": pl.String, "closer": pl.Boolean, "broadcast": pl.Boolean}


def state_inputs(
    state: Any, ids: list[str]
) -> tuple[pl.DataFrame, pl.DataFrame | None, set[str], dict[str, dt.date]]:
    """Logged contacts as events, target cadences, ignored ids and snoozes (duck-typed)."""
    empty = prepare_interactions(
        pl.DataFrame(
            schema={
                "person_id": pl.String,
                "time": pl.Datetime("us", "UTC"),
                "kind": pl.String,
                "direction": pl.String,
            }
        )
    )
    if state is None:
        return empty, None, set(), {}
    rows: list[tuple[str, dt.datetime]] = []
    targets: list[tuple[str, float]] = []
    ignored: set[str] = set()
    snoozed: dict[str, dt.date] = {}
    for pid in ids:
        for day in state.contacted(pid) or ():
            rows.append((pid, dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)))
        cadence = state.target_cadence(pid)
        if cadence is not None:
            targets.append((pid, float(cadence)))
        if state.ignored(pid):
            ignored.add(pid)
        until = state.snoozed_until(pid)
        if until is not None:
            snoozed[pid] = until
    logged = empty
    if rows:
        logged = prepare_interactions(
            pl.DataFrame(
                {
                    "person_id": [r[0] for r in rows],
                    "time": [r[1] for r in rows],
                    "kind": "contact_log",
                    "direction": "out",
                },
                schema_overrides={"time": pl.Datetime("us", "UTC")},
            )
        )
    target_frame = (
        pl.DataFrame(
            targets, schema={"person_id": pl.String, "target_cadence": pl.Float64}, orient="row"
        )
        if targets
        else None
    )
    return logged, target_frame, ignored, snoozed


def owed_replies(
    ev: pl.DataFrame,
    feats: pl.DataFrame,
    ppl: pl.DataFrame,
    t_us: int,
    p: ScoringParams,
    *,
    messages: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """``reply_owed`` and ``owed_since`` for people whose latest message is theirs.

    Owed only when the owner wrote to them before, their latest message is at
    most ``owed_reply_max_days`` old and was 1:1, it is not a job pitch in
    a conversation the owner never wrote in (a recruiting title, or a thread
    they opened with a pitch; the latter needs ``messages``), and it is
    neither a conversation closer nor a broadcast (:func:`last_message_verdict`,
    also from ``messages``).
    """
    min_t = t_us - int(p.owed_reply_max_days * DAY_US)
    cand = feats.filter(
        pl.col("last_out_t").is_not_null()
        & pl.col("last_in_t").is_not_null()
        & (pl.col("last_in_t") > pl.col("last_out_t"))
        & (pl.col("last_in_t") >= min_t)
    ).select("person_id", "last_out_t")
    ids = cand["person_id"].to_list()
    msgs = ev.filter((pl.col("kind") == "message") & pl.col("person_id").is_in(ids))
    unanswered = (
        msgs.filter(pl.col("direction") == "in")
        .join(cand, on="person_id")
        .filter(pl.col("time").dt.epoch("us") > pl.col("last_out_t"))
        .group_by("person_id")
        .agg(
            owed_since=pl.col("time").min(),
            _last_t=pl.col("time").max(),
            _m=pl.col("participants").sort_by("time").last(),
            _conv=pl.col("conversation_id").sort_by("time").last(),
        )
    )
    wrote = (
        msgs.filter((pl.col("direction") == "out") & pl.col("conversation_id").is_not_null())
        .select("person_id", _conv=pl.col("conversation_id"), _wrote=pl.lit(True))
        .unique()
    )
    titles = ppl.select("person_id", _title=pl.col("position"))
    threads = pitch_threads(messages, unanswered["_conv"].drop_nulls().to_list(), t_us).select(
        _conv=pl.col("conversation_id"), _thread=pl.col("pitch_thread")
    )
    verdict = last_message_verdict(messages, unanswered.select("person_id", "_last_t"), t_us, p)
    out = (
        unanswered.join(wrote, on=["person_id", "_conv"], how="left")
        .join(titles, on="person_id", how="left")
        .join(threads, on="_conv", how="left")
        .join(verdict, on="person_id", how="left")
        .with_columns(
            _pitch=(
                pl.col("_title").fill_null("").str.contains(RECRUITER_PATTERN)
                | pl.col("_thread").fill_null(False)
            )
            & ~pl.col("_wrote").fill_null(False)
        )
        .with_columns(
            reply_owed=(pl.col("_m") == 1)
            & ~pl.col("_pitch")
            & ~pl.col("closer").fill_null(False)
            & ~pl.col("broadcast").fill_null(False)
        )
    )
    return out.select(
        "person_id",
        "reply_owed",
        owed_since=pl.when(pl.col("reply_owed")).then(pl.col("owed_since")),
    )


def last_message_verdict(
    messages: pl.DataFrame | None, last: pl.DataFrame, t_us: int, p: ScoringParams
) -> pl.DataFrame:
    """Whether each person's last message to the owner is a closer or a broadcast.

    Parameters
    ----------
    messages : polars.DataFrame or None
        The export's ``messages`` (``sender_id``, ``from_owner``, ``time``,
        ``text``; ``participants`` and ``is_interaction`` when present).
    last : polars.DataFrame
        ``person_id`` and ``_last_t``: the time of their last message (from
        the interactions).
    t_us : int
        T in microseconds; later messages are ignored.
    p : ScoringParams
        ``closer_max_words`` and ``broadcast_group_size``.

    Returns
    -------
    polars.DataFrame
        ``person_id``, ``closer`` and ``broadcast`` for the people whose last
        message was found. Several messages at that very time are a closer
        only if all are, a broadcast if any is. The owner's own names (as
        they sent messages) may be used in a closer ("Thanks Emil!").

    Examples
    --------
    >>> import datetime as dt
    >>> t = dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC)
    >>> m = pl.DataFrame({"sender_id": ["a", "b", None], "from_owner": [False, False, True],
    ...     "sender_name": ["Ada", "Bo", "Emil Owner"], "time": [t, t, t],
    ...     "text": ["Thanks Emil!", "pls subscribe my channel", "Hi"]})
    >>> last = pl.DataFrame({"person_id": ["a", "b"], "_last_t": [t, t]})
    >>> last_message_verdict(m, last, 10**18, ScoringParams()).sort("person_id").rows()
    [('a', True, False), ('b', False, True)]
    """
    need = {"sender_id", "from_owner", "time", "text"}
    if messages is None or not need <= set(messages.columns) or last.height == 0:
        return pl.DataFrame(schema=_VERDICT)
    keep = ~pl.col("from_owner").fill_null(False) & (pl.col("time").dt.epoch("us") <= t_us)
    if "is_interaction" in messages.columns:
        keep = keep & pl.col("is_interaction").fill_null(False)
    # a snapshot archived without text judges by the flags stored with it (archive.textless)
    textless = "flag_closer" in messages.columns
    flags = ["flag_closer", "flag_broadcast_text", "flag_long_text", "text_key"] if textless else []
    extra = [c for c in ("participants", *flags) if c in messages.columns]
    # lazily, so that only these few columns of the (text-heavy) frame are ever touched
    when = last.select("person_id", time=pl.col("_last_t").dt.cast_time_unit("us"))
    rows = (
        messages.lazy()
        .filter(keep)
        .select(
            pl.col("sender_id").alias("person_id"),
            pl.col("time").dt.convert_time_zone("UTC").dt.cast_time_unit("us"),
            "text",
            *extra,
        )
        .join(when.lazy(), on=["person_id", "time"])
        .collect()
    )
    names: list[str] = []
    if "sender_name" in messages.columns:
        owner = messages.lazy().filter(pl.col("from_owner").fill_null(False))
        found = owner.select(pl.col("sender_name").drop_nulls().unique()).collect()
        names = found["sender_name"].to_list()
    if textless:
        inbound = messages.lazy().filter(keep & pl.col("flag_long_text"))
        inbound = inbound.select("sender_id", text=pl.col("text_key"))
        long_keys = rows["text_key"].set(~rows["flag_long_text"], None)
        group = (
            broadcast_group(rows["participants"], p) if "participants" in rows.columns else False
        )
        rows = rows.with_columns(
            closer=rows["flag_closer"],
            broadcast=rows["flag_broadcast_text"] | group | repeated_keys(long_keys, inbound),
        )
    else:
        inbound = messages.lazy().filter(keep).select("sender_id", "text")
        rows = rows.with_columns(
            closer=is_closer(rows["text"], names=names, max_words=p.closer_max_words),
            broadcast=is_broadcast(rows, p) | repeated_text(rows["text"], inbound),
        )
    return (
        rows.group_by("person_id")
        .agg(pl.col("closer").all(), pl.col("broadcast").any())
        .cast(_VERDICT)  # type: ignore[arg-type]
    )
