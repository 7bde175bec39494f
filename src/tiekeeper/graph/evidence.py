"""The evidence that two contacts know each other, as polars edge lists.

Two kinds of evidence are in an export:

**Group conversations.** People in the same group conversation with the owner
have at least seen each other's names. A thread with *k* contacts (the owner
not counted) gives each pair of them ``min(1, 5 / k)``: a small thread (up to
:data:`SMALL_THREAD` = 5 contacts, six people with the owner) is a circle in
which everyone knows everyone, so it counts 1; a larger one counts less (a
ten-contact thread 0.5, a fifty-contact one 0.1), since being on the same
long list says little. Threads with more than ``max_thread_size`` contacts
are broadcast lists and give nothing (they would also make k² pairs).
Newman's (2001) collaboration weight ``1 / (k − 1)`` was the other candidate;
it measures how much of a member's attention a thread shares, and would rate
a four-person chat at half a three-person one and a six-person chat at a
quarter, which is not what one shared chat says about whether two people
know each other. Messages that are
not interactions (drafts, system rows, sponsored, spam) are ignored. Files
from before conversation ids existed group a message by its exact set of
participants.

**Same employer and era.** Scoring flags a contact as a likely former colleague
of one of the owner's positions (``former_colleague``, ``former_company``,
``former_title``). Two contacts flagged for the same position shared an
employer and an era with the owner. Linking every such pair would grow
quadratically (5,000 colleagues at one employer are 12.5 million pairs), so
each colleague is linked to the ``k`` colleagues of the same position nearest
to it in connection date on each side (``k = 3``: at most 3·n edges).

*Why nearest in time rather than position nodes:* position nodes would put
nodes that are not people into the graph the user gets; every analysis would
have to skip them, and each would become a hub that takes the betweenness and
turns a circle of colleagues into a star. Linking neighbours in connection
date keeps the graph person-only and linear in size, and it has a meaning:
people the owner connected with at about the same time were usually there at
the same time (a cohort), so a long tenure splits into eras rather than into
one blob.

Examples
--------
>>> import polars as pl
>>> msgs = pl.DataFrame({
...     "conversation_id": ["c1", "c1"], "sender_id": ["a", "me"],
...     "recipient_ids": [["me", "b"], ["a", "b"]], "is_interaction": [True, True]})
>>> group_thread_edges(msgs, owner_ids={"me"}).to_dicts()
[{'u': 'a', 'v': 'b', 'weight': 1.0, 'shared_threads': 1}]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import polars as pl

from tiekeeper.companies import normalize_company_series

__all__ = [
    "DEFAULT_NEIGHBOURS",
    "MAX_THREAD_SIZE",
    "SMALL_THREAD",
    "group_thread_edges",
    "same_employer_edges",
]

#: Threads with more contacts than this are treated as broadcasts: no edges.
MAX_THREAD_SIZE = 50
#: Threads with at most this many contacts give each pair a full 1.0.
SMALL_THREAD = 5
#: Same-employer colleagues are linked to this many neighbours in time on each side.
DEFAULT_NEIGHBOURS = 3

_GROUP_SCHEMA = {"u": pl.String, "v": pl.String, "weight": pl.Float64, "shared_threads": pl.Int64}
_EMPLOYER_SCHEMA = {"u": pl.String, "v": pl.String, "employer": pl.String, "era": pl.String}


def group_thread_edges(
    messages: pl.DataFrame,
    *,
    owner_ids: Collection[str],
    people: Collection[str] | None = None,
    max_thread_size: int = MAX_THREAD_SIZE,
    min_weight: float = 0.0,
    keep: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Pairs of contacts who shared group conversations, weighted by thread size.

    Parameters
    ----------
    messages : polars.DataFrame
        ``Export.messages`` (needs ``conversation_id``, ``sender_id``,
        ``recipient_ids`` and, if present, ``is_interaction`` is honoured).
    owner_ids : collection of str
        The owner's person ids, never a member of a pair.
    people : collection of str, optional
        Keep only these person ids (the graph's nodes).
    max_thread_size : int
        Threads with more contacts give no edges.
    min_weight : float
        Pairs lighter than this are dropped, unless listed in ``keep``.
    keep : polars.DataFrame, optional
        Pairs (columns ``u < v``) kept whatever their weight, e.g. the
        same-employer links they will be merged with.

    Returns
    -------
    polars.DataFrame
        ``u < v``, ``weight`` = Σ min(1, 5/k) over shared threads of k contacts, and
        ``shared_threads``; sorted by ``(u, v)``.
    """
    need = {"conversation_id", "sender_id", "recipient_ids"}
    if messages.height == 0 or not need <= set(messages.columns):
        return pl.DataFrame(schema=_GROUP_SCHEMA)
    flags = [c for c in ("is_interaction", "participants") if c in messages.columns]
    m = messages.select("conversation_id", "sender_id", "recipient_ids", *flags)  # not the text
    if "is_interaction" in m.columns:
        m = m.filter(pl.col("is_interaction").fill_null(False))
    if "participants" in m.columns:  # 1:1 conversations cannot give a pair: skip them early
        m = m.filter(pl.col("participants").is_null() | (pl.col("participants") >= 2))
    m = m.select(
        pl.col("conversation_id").alias("thread"),
        pl.col("sender_id").cast(pl.String),
        pl.col("recipient_ids").cast(pl.List(pl.String)),
    )
    # Files from before conversation ids: a thread is an exact set of participants.
    keyless = m.filter(pl.col("thread").is_null())
    if keyless.height:
        ids = pl.concat_list("sender_id", "recipient_ids").list.drop_nulls()
        key = pl.lit("ids:") + ids.list.unique().list.sort().list.join(",")
        m = pl.concat(
            [m.filter(pl.col("thread").is_not_null()), keyless.with_columns(key.alias("thread"))]
        )
    # Work on integer ids: string joins and group-bys over a million rows are slow.
    per = (
        m.group_by("thread")
        .agg(pl.col("sender_id").unique(), pl.col("recipient_ids").explode().unique())
        .with_row_index("t")
    )
    members = pl.concat(
        [
            per.select("t", pl.col("sender_id").alias("pid")).explode("pid"),
            per.select("t", pl.col("recipient_ids").alias("pid")).explode("pid"),
        ]
    ).drop_nulls()
    if people is None:
        index = members.select(pl.col("pid").unique().sort())
    else:
        index = pl.DataFrame({"pid": list(people)}, schema={"pid": pl.String}).unique()
    index = index.filter(~pl.col("pid").is_in(list(owner_ids))).sort("pid").with_row_index("i")
    members = members.join(index, on="pid").select("t", "i").unique()
    sizes = members.group_by("t").agg(pl.len().alias("k"))
    sizes = sizes.filter((pl.col("k") >= 2) & (pl.col("k") <= max_thread_size))
    members = members.join(sizes, on="t")
    pairs = (
        members.join(members.select("t", pl.col("i").alias("j")), on="t")
        .filter(pl.col("i") < pl.col("j"))
        .group_by("i", "j")
        .agg(
            pl.min_horizontal(pl.lit(1.0), SMALL_THREAD / pl.col("k")).sum().alias("weight"),
            pl.len().cast(pl.Int64).alias("shared_threads"),
        )
    )
    pid_of = index["pid"]
    pairs = pairs.select(
        pid_of.gather(pairs["i"]).alias("u"),
        pid_of.gather(pairs["j"]).alias("v"),
        "weight",
        "shared_threads",
    )
    heavy = pairs.filter(pl.col("weight") >= min_weight)
    if keep is not None and keep.height and min_weight > 0:
        light = pairs.filter(pl.col("weight") < min_weight)
        heavy = pl.concat([heavy, light.join(keep.select("u", "v"), on=["u", "v"], how="semi")])
    return heavy.sort("u", "v").cast(_GROUP_SCHEMA)  # type: ignore[arg-type]


def same_employer_edges(
    scores: pl.DataFrame,
    positions: pl.DataFrame | None = None,
    *,
    neighbours: int = DEFAULT_NEIGHBOURS,
) -> pl.DataFrame:
    """Link former colleagues of the same position to their nearest in connection date.

    Parameters
    ----------
    scores : polars.DataFrame
        The score frame (needs ``person_id``, ``former_colleague``,
        ``former_company``, ``former_title``, ``connected_on``).
    positions : polars.DataFrame, optional
        ``Export.positions``, for the era text of each position.
    neighbours : int
        Links per colleague on each side in time.

    Returns
    -------
    polars.DataFrame
        ``u < v``, ``employer`` (the company as written in the position) and
        ``era`` (e.g. ``'2016-03 to 2019-08'``, or null if the position is not
        in ``positions``); sorted by ``(u, v)``.

    Examples
    --------
    >>> import datetime as dt
    >>> s = pl.DataFrame({"person_id": ["a", "b", "c"], "former_colleague": [True] * 3,
    ...     "former_company": ["Acme Inc."] * 3, "former_title": ["Engineer"] * 3,
    ...     "connected_on": [dt.date(2020, 1, d) for d in (1, 2, 3)]})
    >>> same_employer_edges(s, neighbours=1)["v"].to_list()
    ['b', 'c']
    """
    if scores.height == 0:
        return pl.DataFrame(schema=_EMPLOYER_SCHEMA)
    s = scores.filter(
        pl.col("former_colleague").fill_null(False) & pl.col("former_company").is_not_null()
    ).select("person_id", "former_company", "former_title", "connected_on")
    if s.height < 2:
        return pl.DataFrame(schema=_EMPLOYER_SCHEMA)
    s = s.with_columns(
        normalize_company_series(s["former_company"]).alias("ckey"),
        pl.col("former_title").fill_null("").str.strip_chars().str.to_lowercase().alias("tkey"),
    ).filter(pl.col("ckey").is_not_null())
    s = s.sort("ckey", "tkey", "connected_on", "person_id", nulls_last=True).with_columns(
        pl.int_range(pl.len()).over("ckey", "tkey").alias("rank")
    )
    right = s.select("ckey", "tkey", pl.col("person_id").alias("other"), "rank")
    parts = [
        s.with_columns(pl.col("rank") + step).join(right, on=["ckey", "tkey", "rank"])
        for step in range(1, max(neighbours, 0) + 1)
    ]
    if not parts:
        return pl.DataFrame(schema=_EMPLOYER_SCHEMA)
    pairs = pl.concat(parts).select(
        pl.min_horizontal("person_id", "other").alias("u"),
        pl.max_horizontal("person_id", "other").alias("v"),
        pl.col("former_company").alias("employer"),
        "ckey",
        "tkey",
    )
    eras = _eras(positions)
    pairs = pairs.join(eras, on=["ckey", "tkey"], how="left")
    out = pairs.select("u", "v", "employer", "era").unique(["u", "v"], keep="first")
    return out.sort("u", "v").cast(_EMPLOYER_SCHEMA)  # type: ignore[arg-type]


def _month(d: dt.date | None) -> str:
    return "now" if d is None else f"{d.year:04d}-{d.month:02d}"


def _eras(positions: pl.DataFrame | None) -> pl.DataFrame:
    """``(ckey, tkey) -> era`` text from the owner's positions."""
    schema = {"ckey": pl.String, "tkey": pl.String, "era": pl.String}
    need = {"company", "title", "started_on", "finished_on"}
    if positions is None or positions.height == 0 or not need <= set(positions.columns):
        return pl.DataFrame(schema=schema)
    rows: dict[tuple[str, str], list[str]] = {}
    keys = normalize_company_series(positions["company"]).to_list()
    for key, title, start, end in zip(
        keys,
        positions["title"].to_list(),
        positions["started_on"].to_list(),
        positions["finished_on"].to_list(),
        strict=True,
    ):
        if key is None:
            continue
        era = f"{_month(start) if start else '?'} to {_month(end)}"
        rows.setdefault((key, (title or "").strip().lower()), []).append(era)
    return pl.DataFrame(
        {
            "ckey": [k for k, _ in rows],
            "tkey": [t for _, t in rows],
            "era": ["; ".join(sorted(v)) for v in rows.values()],
        },
        schema=schema,
    )
