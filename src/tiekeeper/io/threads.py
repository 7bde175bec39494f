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

from tiekeeper.io.owner import Owner
from tiekeeper.io.people import Resolver
from tiekeeper.keys import map_unique, name_key
from tiekeeper.schema import polars_schema

__all__ = ["finish_messages"]

_SEP = "\x1f"
_LIST = pl.List(pl.String)
_MEMBER = "\x00member"  # participant token of LinkedIn Member


def _split(joined: pl.Series) -> pl.Series:
    empty = (joined.is_null() | (joined == "")).fill_null(True)
    return pl.select(
        pl.when(empty).then(pl.lit([], dtype=_LIST)).otherwise(joined.str.split(_SEP))
    ).to_series()


def finish_messages(messages: pl.DataFrame, owner: Owner, resolver: Resolver) -> pl.DataFrame:
    """Fill ``from_owner``, ``sender_id``, ``recipient_ids`` and ``participants``.

    Parameters
    ----------
    messages : polars.DataFrame
        Parsed messages (``from_owner`` set only where ``Direction`` says it).
    owner : Owner
    resolver : Resolver

    Returns
    -------
    polars.DataFrame
        Exactly the ``messages`` schema.
    """
    schema = polars_schema("messages")
    if messages.height == 0:
        return messages.select(list(schema)).cast(schema)
    owner_urls = list(owner.profile_urls)
    owner_keys = {k for k in (name_key(n) for n in owner.names) if k}
    owner_ids = set(owner.person_ids) | {
        i for i in (resolver.name_pid(n) for n in owner.names) if i
    }
    m = messages
    is_owner_name = map_unique(
        m["sender_name"], lambda n: "1" if name_key(n) in owner_keys else None
    ).is_not_null()
    by_identity = (
        pl.when(pl.col("sender_url").is_not_null())
        .then(pl.col("sender_url").is_in(owner_urls))
        .otherwise(is_owner_name)
    )
    sender_id = resolver.resolve(m["sender_url"], m["sender_name"]).alias("sender_id")
    urls_key = m["recipient_urls"].list.join(_SEP)
    names_key = m["recipient_names"].list.join(_SEP)
    use_urls = pl.Series(m["recipients_method"] == "urls")
    ids_from_urls = resolver.resolve_lists(urls_key, urls=True)
    ids_from_names = resolver.resolve_lists(names_key, urls=False)
    rids = pl.select(pl.when(use_urls).then(ids_from_urls).otherwise(ids_from_names)).to_series()
    member_to = names_key.str.contains(r"(?i)(?:^|\x1f)linkedin member(?:$|\x1f)").fill_null(False)
    m = m.with_columns(
        pl.coalesce(pl.col("from_owner"), by_identity).fill_null(False).alias("from_owner"),
        sender_id,
        _split(rids).alias("recipient_ids"),
        rids.alias("_rids"),
        member_to.alias("_member_to"),
    )
    m = m.with_columns(
        pl.coalesce(pl.col("conversation_id"), pl.format("\x00row{}", pl.col("line"))).alias(
            "_conv"
        )
    )
    sender_tok = (
        pl.when(pl.col("sender_id").is_not_null())
        .then(pl.col("sender_id"))
        .when(pl.col("sender_name").str.to_lowercase() == "linkedin member")
        .then(pl.lit(_MEMBER))
        .otherwise(None)
    )
    combos = m.select(
        "_conv",
        sender_tok.alias("_s"),
        "_rids",
        pl.when(pl.col("_member_to")).then(pl.lit(_MEMBER)).otherwise(None).alias("_mt"),
    ).unique()
    tokens = (
        combos.select(
            "_conv",
            pl.concat_list(
                pl.col("_s"), pl.col("_mt"), pl.col("_rids").fill_null("").str.split(_SEP)
            ).alias("tok"),
        )
        .explode("tok")
        .filter(
            pl.col("tok").is_not_null()
            & (pl.col("tok") != "")
            & ~pl.col("tok").is_in(sorted(owner_ids))
        )
        .group_by("_conv")
        .agg(pl.col("tok").n_unique().cast(pl.Int64).alias("participants"))
    )
    m = (
        m.drop("participants")
        .join(tokens, on="_conv", how="left", maintain_order="left")
        .with_columns(pl.col("participants").fill_null(0))
    )
    return m.select(list(schema)).cast(schema)
