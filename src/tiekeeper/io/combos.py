"""The distinct sender/recipient combinations of messages, grouped once.

Owner inference (:mod:`~tiekeeper.io.owner`) and the people observations
(:mod:`~tiekeeper.io.people`) need only who sent a message to whom, how
often and when last; a million message rows hold a few tens of thousands of
such combinations. :func:`identity_combos` groups them once, so that both
steps work on the small frame instead of each grouping the large one.

Examples
--------
>>> import datetime as dt
>>> import polars as pl
>>> t = [dt.datetime(2024, 1, d, tzinfo=dt.timezone.utc) for d in (1, 2, 3)]
>>> m = pl.DataFrame({
...     "sender_name": ["Ada", "Ada", "Bob"], "sender_url": [None, None, None],
...     "recipient_names": [["Bob"], ["Bob"], ["Ada"]], "recipient_urls": [[], [], []],
...     "_names_key": ["Bob", "Bob", "Ada"], "_urls_key": [None, None, None],
...     "recipients_method": ["names"] * 3, "from_owner": [None, None, None],
...     "is_sponsored": [False] * 3, "is_spam": [False] * 3, "is_system": [False] * 3,
...     "time": t}, schema_overrides={"sender_url": pl.String, "_urls_key": pl.String,
...     "recipient_urls": pl.List(pl.String), "from_owner": pl.Boolean})
>>> c = identity_combos(m).sort("sender_name")
>>> c["sender_name"].to_list(), c["n"].to_list(), c["time"].dt.day().to_list()
(['Ada', 'Bob'], [2, 1], [2, 3])
"""

from __future__ import annotations

import polars as pl

__all__ = ["KEYS", "identity_combos"]

#: The columns that make a combination (the joined recipient keys stand in for
#: the recipient lists, which are cheaper to group on as strings).
KEYS = (
    "sender_name",
    "sender_url",
    "_urls_key",
    "_names_key",
    "recipients_method",
    "from_owner",
    "is_sponsored",
    "is_spam",
    "is_system",
)


def identity_combos(messages: pl.DataFrame) -> pl.DataFrame:
    """One row per distinct combination of :data:`KEYS` in parsed messages.

    Parameters
    ----------
    messages : polars.DataFrame
        Parsed messages that still carry the parser's ``_urls_key`` and
        ``_names_key`` columns.

    Returns
    -------
    polars.DataFrame
        :data:`KEYS`, ``recipient_names`` and ``recipient_urls`` (the lists of
        the combination), ``time`` (the latest) and ``n`` (how many rows it
        stands for). Without the key columns, ``messages`` itself is returned
        with ``n = 1`` per row.
    """
    if not all(k in messages.columns for k in KEYS):
        return messages.with_columns(pl.lit(1, pl.UInt32).alias("n"))
    # Group on exact integer codes of the long strings: hashing a million rows
    # of URLs and name lists directly costs far more memory than four u32 columns.
    strings = [k for k in KEYS if messages.schema[k] == pl.String]
    coded = messages.select(
        *(_code(messages.get_column(k)).alias(f"_c{i}") for i, k in enumerate(strings)),
        *(k for k in KEYS if k not in strings),
    )
    return (
        coded.with_columns(messages.select(*strings, "recipient_names", "recipient_urls", "time"))
        .group_by(
            [*(f"_c{i}" for i in range(len(strings))), *(k for k in KEYS if k not in strings)]
        )
        .agg(
            pl.col(*strings, "recipient_names", "recipient_urls").first(),
            pl.col("time").max(),
            pl.len().alias("n"),
        )
        .select(*KEYS, "recipient_names", "recipient_urls", "time", "n")
    )


def _code(values: pl.Series) -> pl.Series:
    """An exact integer code per distinct value (null stays null)."""
    return values.cast(pl.Enum(values.drop_nulls().unique())).to_physical()
