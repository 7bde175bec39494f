"""The event table that scoring builds on: one row per event with a real, keyed person.

* **message**: one per message the owner received (with its sender), and one
  per recipient of each message the owner sent. Co-recipients of someone
  else's group message get none. Drafts, system rows, sponsored/InMail rows,
  SPAM and ``LinkedIn Member`` never count (``messages.is_interaction``).
* **invitation**: accepted invitations only (the other person is a
  connection), at ``sent_at``; ``has_note`` when it carried a message.
* **connection**: at ``connected_on`` 00:00 UTC, only for connections with no
  invitation (most connections predate the invitations file); a repeated
  Connections row counts once.
* **endorsement** and **recommendation**: one per row, ``out`` when the owner
  gave it and ``in`` when the owner received it.

LinkedIn's own accounts and organisations (``people.kind``,
:mod:`~tiekeeper.io.kinds`) never appear.

Events without a time (a connection with no date) are left out. The frame is
sorted by (person_id, time).
"""

from __future__ import annotations

import polars as pl

from tiekeeper.schema import polars_schema

__all__ = ["build_interactions"]


def _frame(df: pl.DataFrame | pl.LazyFrame, **cols: pl.Expr) -> pl.LazyFrame:
    schema = polars_schema("interactions")
    names = df.collect_schema().names()
    exprs = [cols.get(c, pl.col(c) if c in names else pl.lit(None)).alias(c) for c in schema]
    return df.lazy().select(exprs).cast(schema)


def build_interactions(
    messages: pl.DataFrame,
    invitations: pl.DataFrame,
    connections: pl.DataFrame,
    endorsements_received: pl.DataFrame,
    endorsements_given: pl.DataFrame,
    recommendations_received: pl.DataFrame,
    recommendations_given: pl.DataFrame,
    owner_ids: list[str],
    non_persons: pl.Series | None = None,
) -> pl.DataFrame:
    """Build the ``interactions`` frame from finished frames (person ids filled).

    ``non_persons`` are the ``person_id`` of LinkedIn accounts and
    organisations (``people.kind``): they never count as contact.

    Returns
    -------
    polars.DataFrame
        Schema ``interactions``, sorted by (person_id, time); ties keep the order
        messages in, messages out, invitations, connections, endorsements,
        recommendations, each in file order.
    """
    parts: list[pl.LazyFrame] = []
    live = (
        messages.lazy()
        .select(
            "is_interaction",
            "from_owner",
            "sender_id",
            "recipient_ids",
            "time",
            "source",
            "line",
            "conversation_id",
            "participants",
            "words",
        )
        .filter(pl.col("is_interaction"))
    )
    common = {
        "time": pl.col("time"),
        "kind": pl.lit("message"),
        "has_note": pl.lit(False),
        "detail": pl.lit(None, pl.String),
        "source": pl.col("source"),
        "line": pl.col("line"),
        "conversation_id": pl.col("conversation_id"),
        "participants": pl.col("participants"),
        "words": pl.col("words"),
    }
    received = live.filter(~pl.col("from_owner"))
    parts.append(_frame(received, person_id=pl.col("sender_id"), direction=pl.lit("in"), **common))
    sent = live.filter(pl.col("from_owner")).explode("recipient_ids")
    parts.append(_frame(sent, person_id=pl.col("recipient_ids"), direction=pl.lit("out"), **common))
    connected = connections["person_id"].drop_nulls().unique().implode()
    inv = invitations.filter(pl.col("person_id").is_in(connected))
    parts.append(
        _frame(
            inv,
            time=pl.col("sent_at"),
            kind=pl.lit("invitation"),
            direction=pl.when(pl.col("direction") == "OUTGOING")
            .then(pl.lit("out"))
            .otherwise(pl.lit("in")),
            participants=pl.lit(1),
            words=pl.lit(0),
            has_note=pl.col("message").is_not_null(),
            source=pl.lit("invitations"),
        )
    )
    invited = invitations["person_id"].drop_nulls().unique().implode()
    conn = connections.filter(
        pl.col("person_id").is_not_null() & ~pl.col("person_id").is_in(invited)
    ).unique(["person_id", "connected_on"], keep="first", maintain_order=True)
    parts.append(
        _frame(
            conn,
            time=pl.col("connected_on").cast(pl.Datetime("us")).dt.replace_time_zone("UTC"),
            kind=pl.lit("connection"),
            direction=pl.lit("unknown"),
            participants=pl.lit(1),
            words=pl.lit(0),
            has_note=pl.lit(False),
            source=pl.lit("connections"),
        )
    )
    for frame, kind, direction, time_col, detail, source in (
        (endorsements_received, "endorsement", "in", "time", "skill", "endorsements_received"),
        (endorsements_given, "endorsement", "out", "time", "skill", "endorsements_given"),
        (
            recommendations_received,
            "recommendation",
            "in",
            "created_at",
            "job_title",
            "recommendations_received",
        ),
        (
            recommendations_given,
            "recommendation",
            "out",
            "created_at",
            "job_title",
            "recommendations_given",
        ),
    ):
        parts.append(
            _frame(
                frame,
                time=pl.col(time_col),
                kind=pl.lit(kind),
                direction=pl.lit(direction),
                participants=pl.lit(1),
                words=pl.lit(0),
                has_note=pl.lit(False),
                detail=pl.col(detail),
                source=pl.lit(source),
            )
        )
    schema = polars_schema("interactions")
    out = (
        pl.concat([p.cast(schema) for p in parts], how="vertical")
        .filter(
            pl.col("person_id").is_not_null()
            & pl.col("time").is_not_null()
            & ~pl.col("person_id").is_in(sorted(owner_ids))
            & ~pl.col("person_id").is_in(
                (non_persons if non_persons is not None else pl.Series([], dtype=pl.String))
                .cast(pl.String)
                .implode()
            )
        )
        .collect()
    )
    # Sorting a million rows by a string key is slow; sort by the rank of each
    # person_id among the few thousand distinct ones instead (same order).
    ids = out["person_id"].unique().sort()
    rank = dict(zip(ids.to_list(), range(len(ids)), strict=True))
    order = out["person_id"].replace_strict(rank, return_dtype=pl.Int32).alias("_rank")
    # Ties keep the fixed order in which the parts were stacked (deterministic).
    return out.with_columns(order).sort(["_rank", "time"], maintain_order=True).drop("_rank")
