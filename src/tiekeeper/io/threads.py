"""The owner-dependent columns of messages: who sent it, to whom, how many took part.

Once the owner and the identity rules are known, each message gets
``from_owner`` (outside the 2018/2020 files, whose ``Direction`` says it: a
row is the owner's when its sender URL is one of the owner's, or, without a
URL, when its sender name is), ``sender_id``, ``recipient_ids`` and
``participants``: the distinct participants of the conversation other than
the owner (``LinkedIn Member`` counts once). Everything is mapped over the
unique sender and recipient strings, never per row.
"""

from __future__ import annotations

import polars as pl

from tiekeeper.io.chunks import align_chunks
from tiekeeper.io.combos import Combos, identity_combos
from tiekeeper.io.owner import Owner
from tiekeeper.io.people import Resolver
from tiekeeper.keys import (
    FastPath,
    is_linkedin_member,
    linkedin_member_fast,
    map_unique,
    name_key,
    name_key_fast,
    person_id_from_name,
)
from tiekeeper.schema import polars_schema

__all__ = ["conversation_codes", "finish_messages"]

_SEP = "\x1f"
_LIST = pl.List(pl.String)
_MEMBER = "\x00member"  # participant token of LinkedIn Member


def _split(joined: pl.Series) -> pl.Series:
    empty = (joined.is_null() | (joined == "")).fill_null(True)
    return pl.select(
        pl.when(empty).then(pl.lit([], dtype=_LIST)).otherwise(joined.str.split(_SEP))
    ).to_series()


def _joined(m: pl.DataFrame, key: str, lists: str) -> pl.Series:
    """The ``\\x1f``-joined form of a list column (kept by the parser, else rebuilt)."""
    if key in m.columns:
        return m.get_column(key)
    s = m.get_column(lists).list.join(_SEP)
    return s.set((s == "").fill_null(False), None)


def _member_mask(names: pl.Series) -> pl.Series:
    member = map_unique(
        names, lambda n: "1" if is_linkedin_member(n) else None, fast=linkedin_member_fast
    )
    return member.is_not_null()


def _owner_fast(owner_keys: set[str]) -> FastPath:
    """Fast path of ``"1" if name_key(n) in owner_keys else None`` for plain ASCII names."""

    def fast(uniq: pl.Series) -> tuple[pl.Series, pl.Series]:
        done, key = name_key_fast(uniq)
        hit = key.is_in(sorted(owner_keys)).fill_null(False)
        return done, pl.Series(["1"] * len(uniq), dtype=pl.String).set(~(done & hit), None)

    return fast


def conversation_codes(conv: pl.Series) -> tuple[pl.Series, pl.Series]:
    """A dense UInt32 code per distinct conversation id (null stays null), and the ids.

    Codes run ``0, 1, …`` in order of first appearance; ``ids.gather(codes)``
    gives ``conv`` back. The snapshot archive stores the two instead of a
    million conversation ids (:func:`tiekeeper.archive.frames.split_conversations`).

    Examples
    --------
    >>> codes, ids = conversation_codes(pl.Series(["b", "b", None, "a", "b"]))
    >>> codes.to_list(), ids.to_list()
    ([0, 0, None, 1, 0], ['b', 'a'])
    """
    # A conversation's rows follow one another in the file: code its runs, not its rows.
    run = conv.rle_id()
    start = run.ne_missing(run.shift(1)).fill_null(True)
    runs = conv.filter(start)
    uniq = runs.drop_nulls().unique(maintain_order=True)  # faster than unordered here
    code = runs.cast(pl.Enum(uniq)).to_physical().cast(pl.UInt32)
    return code.gather(run), uniq


def _conv_codes(m: pl.DataFrame) -> tuple[pl.Series, int]:
    """The messages' conversation codes and their count (a snapshot's ``_conv``, if stored)."""
    if "_conv" in m.columns:  # stored by the archive: dense, 0 .. n - 1
        code = m.get_column("_conv")
        top = code.max()
        return code, 0 if top is None else int(top) + 1  # type: ignore[arg-type]
    code, uniq = conversation_codes(m.get_column("conversation_id"))
    return code, len(uniq)


def finish_messages(
    messages: pl.DataFrame, owner: Owner, resolver: Resolver, combos: Combos | None = None
) -> pl.DataFrame:
    """Fill ``from_owner``, ``sender_id``, ``recipient_ids`` and ``participants``.

    Everything that depends only on who sent a row to whom is computed once
    per distinct (sender, recipients) combination and gathered to the rows.

    Parameters
    ----------
    messages : polars.DataFrame
        Parsed messages (``from_owner`` set only where ``Direction`` says it).
    owner : Owner
    resolver : Resolver
    combos : Combos, optional
        ``identity_combos(messages)``, when the caller has it already.

    Returns
    -------
    polars.DataFrame
        Exactly the ``messages`` schema.
    """
    schema = polars_schema("messages")
    if messages.height == 0:
        return messages.select(pl.col(c).cast(t) for c, t in schema.items())
    owner_urls = list(owner.profile_urls)
    unknown = not owner.names and not owner.profile_urls
    owner_keys = {k for k in (name_key(n) for n in owner.names) if k}
    owner_ids = sorted(
        set(owner.person_ids) | {i for i in (resolver.name_pid(n) for n in owner.names) if i}
    )
    m = messages.with_columns(
        _joined(messages, "_urls_key", "recipient_urls").alias("_urls_key"),
        _joined(messages, "_names_key", "recipient_names").alias("_names_key"),
    )
    if combos is None or combos.row_combo is None:
        combos = identity_combos(m)
    c, cid = combos.frame, combos.row_combo
    if cid is None:  # pragma: no cover - m carries every key column by now
        raise RuntimeError("messages lack the combination key columns")
    # Rows without a sender URL (2018 files, LinkedIn Member, sponsored) go by
    # name; so does every row when the owner is known by name only (owner=).
    no_url = (c["sender_url"].is_null() | (not owner_urls)).arg_true()
    by_identity = c["sender_url"].is_in(owner_urls)
    sender_member = pl.repeat(False, c.height, eager=True)
    if len(no_url):
        names = c["sender_name"].gather(no_url)
        by_identity = by_identity.scatter(
            no_url,
            map_unique(
                names,
                lambda n: "1" if name_key(n) in owner_keys else None,
                fast=_owner_fast(owner_keys),
            ).is_not_null(),
        )
        sender_member = sender_member.scatter(no_url, _member_mask(names))
    sender_id = resolver.resolve(c["sender_url"], c["sender_name"]).alias("sender_id")
    # recipients: from the URL list where the row has one, else from the names
    rids = resolver.resolve_lists(c["_urls_key"], urls=True)
    by_name = (c["recipients_method"] != "urls").arg_true()
    if len(by_name):
        rids = rids.scatter(
            by_name, resolver.resolve_lists(c["_names_key"].gather(by_name), urls=False)
        )
    member_to = (
        c["_names_key"].str.contains(r"(?i)(?:^|\x1f)linkedin member(?:$|\x1f)").fill_null(False)
    )
    recipient_lists = _split(rids)
    # participant tokens of each combination (the owner left out)
    # (row order does not matter: they are only counted per combination and conversation)
    cids = pl.int_range(0, c.height, dtype=pl.UInt32, eager=True).alias("_cid")
    sender_tok = pl.select(pl.when(sender_member).then(pl.lit(_MEMBER)).otherwise(sender_id))
    member_tok = pl.select(pl.when(member_to).then(pl.lit(_MEMBER)).alias("tok"))
    tokens = pl.concat(
        [
            pl.DataFrame([cids, sender_tok.to_series().alias("tok")]),
            pl.DataFrame([cids, member_tok.to_series().cast(pl.String)]),
            pl.DataFrame([cids, recipient_lists.alias("tok")]).explode("tok"),
        ],
        how="vertical",
    ).filter(pl.col("tok").is_not_null() & (pl.col("tok") != "") & ~pl.col("tok").is_in(owner_ids))
    # participants: distinct tokens per conversation (per row for drafts and 2018 files)
    conv = m["conversation_id"]
    code, n_conv = _conv_codes(m)  # dense codes: the million rows are hashed once
    pairs = (
        (code.cast(pl.UInt64) * (1 << 32) + cid.cast(pl.UInt64))
        .drop_nulls()
        .unique()
        .to_frame("_k")
        .select(
            (pl.col("_k") // (1 << 32)).cast(pl.UInt32).alias("_conv"),
            (pl.col("_k") % (1 << 32)).cast(pl.UInt32).alias("_cid"),
        )
    )
    keyed = (
        pairs.join(tokens, on="_cid")
        .group_by("_conv")
        .agg(pl.col("tok").n_unique().cast(pl.Int64).alias("participants"))
    )
    per_combo = (
        pl.DataFrame({"_cid": pl.int_range(0, c.height, dtype=pl.UInt32, eager=True)})
        .join(
            tokens.group_by("_cid").agg(pl.col("tok").n_unique().cast(pl.Int64).alias("n")),
            on="_cid",
            how="left",
            maintain_order="left",
        )
        .get_column("n")
        .fill_null(0)
    )
    participants = (
        pl.repeat(0, n_conv, dtype=pl.Int64, eager=True)
        .scatter(keyed["_conv"], keyed["participants"])
        .gather(code)
    )
    loose = conv.is_null().arg_true()
    if len(loose):
        participants = participants.scatter(loose, per_combo.gather(cid.gather(loose)))
    m = m.with_columns(
        # an unknown owner leaves the direction unknown (null) where no
        # Direction column says it
        pl.coalesce(
            pl.col("from_owner"),
            pl.lit(None, pl.Boolean) if unknown else by_identity.gather(cid),
        )
        .fill_null(pl.lit(None) if unknown else False)
        .alias("from_owner"),
        sender_id.gather(cid),
        recipient_lists.gather(cid).alias("recipient_ids"),
        participants.alias("participants"),
    )
    if resolver.ambiguous:
        m = _known_in_conversation(m, resolver, recipient_lists, cid)
    # the new columns take the layout of the parsed ones, else select copies them all
    return align_chunks(m).select(pl.col(c).cast(t) for c, t in schema.items())


def _known_in_conversation(
    m: pl.DataFrame, resolver: Resolver, lists: pl.Series, cid: pl.Series
) -> pl.DataFrame:
    """Resolve an ambiguous recipient name by the sender of that name in the same conversation.

    A name that several people share stays keyed by the name, but where the
    owner writes to "Sam Lee" in a conversation in which a "Sam Lee" with a
    profile URL writes back, the conversation says which one is meant.
    ``lists`` are the recipient ids of each combination, ``cid`` each row's.
    """
    amb = {person_id_from_name(k): k for k in resolver.ambiguous}
    named = lists.list.eval(pl.element().is_in(list(amb))).list.any().gather(cid)
    rows = m.with_row_index("_row").filter(
        pl.col("from_owner").fill_null(False) & pl.col("conversation_id").is_not_null() & named
    )
    if rows.height == 0:
        return m
    convs = rows["conversation_id"].unique().implode()
    senders = (
        m.filter(
            pl.col("conversation_id").is_in(convs)
            & ~pl.col("from_owner").fill_null(True)
            & pl.col("sender_url").is_not_null()
            & pl.col("sender_id").is_not_null()
        )
        .select("conversation_id", "sender_name", "sender_id")
        .unique()
    )
    known: dict[tuple[str, str], str] = {}
    for conv, name, pid in senders.iter_rows():
        key = name_key(name)
        if key in resolver.ambiguous:
            known[(conv, key)] = pid
    if not known:
        return m
    fixed = [
        [known.get((conv, amb.get(i, "")), i) for i in ids]
        for conv, ids in zip(rows["conversation_id"], rows["recipient_ids"], strict=True)
    ]
    patch = pl.DataFrame({"_row": rows["_row"], "_fixed": pl.Series(fixed, dtype=_LIST)})
    return (
        m.with_row_index("_row")
        .join(patch, on="_row", how="left", maintain_order="left")
        .with_columns(pl.coalesce("_fixed", "recipient_ids").alias("recipient_ids"))
        .drop("_row", "_fixed")
    )
