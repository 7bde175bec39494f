"""The distinct sender/recipient combinations of messages, found once.

Owner inference (:mod:`~tiekeeper.io.owner`), the people observations
(:mod:`~tiekeeper.io.people`) and the owner-dependent message columns
(:mod:`~tiekeeper.io.threads`) depend only on who sent a message to whom,
how often and when last; a million message rows hold a few tens of
thousands of such combinations. :func:`identity_combos` finds them once, on
exact integer codes of the strings, and gives each row the index of its
combination, so that every later step works on the small frame and gathers
its result back to the rows.

Examples
--------
>>> import datetime as dt
>>> import polars as pl
>>> t = [dt.datetime(2024, 1, d, tzinfo=dt.timezone.utc) for d in (1, 2, 3)]
>>> m = pl.DataFrame({
...     "sender_name": ["Ada", "Bob", "Ada"], "sender_url": [None, None, None],
...     "recipient_names": [["Bob"], ["Ada"], ["Bob"]], "recipient_urls": [[], [], []],
...     "_names_key": ["Bob", "Ada", "Bob"], "_urls_key": [None, None, None],
...     "recipients_method": ["names"] * 3, "from_owner": [None, None, None],
...     "is_sponsored": [False] * 3, "is_spam": [False] * 3, "is_system": [False] * 3,
...     "time": t}, schema_overrides={"sender_url": pl.String, "_urls_key": pl.String,
...     "recipient_urls": pl.List(pl.String), "from_owner": pl.Boolean})
>>> c = identity_combos(m)
>>> c.frame["sender_name"].to_list(), c.frame["n"].to_list(), c.frame["time"].dt.day().to_list()
(['Ada', 'Bob'], [2, 1], [3, 2])
>>> c.row_combo.to_list()
[0, 1, 0]
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

__all__ = ["KEYS", "Combos", "combination_code", "distinct_rows", "identity_combos"]

#: The columns that make a combination (the joined recipient keys stand in for
#: the recipient lists, which are cheaper to compare as strings).
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


@dataclass(frozen=True)
class Combos:
    """The combinations of a messages frame.

    Attributes
    ----------
    frame : polars.DataFrame
        One row per combination, in order of first appearance: :data:`KEYS`,
        ``recipient_names`` and ``recipient_urls`` (its lists), ``time`` (the
        latest) and ``n`` (how many rows it stands for).
    row_combo : polars.Series or None
        For each message row, the row of ``frame`` it belongs to (UInt32);
        ``None`` when ``frame`` is the messages themselves (no parser keys).
    """

    frame: pl.DataFrame
    row_combo: pl.Series | None


def distinct_rows(frame: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    """The distinct rows of ``frame``, exactly (nulls equal), in order of first appearance.

    Returns
    -------
    ids : polars.Series
        For each row, the index of its distinct row (UInt32).
    first : polars.Series
        For each distinct row, the index of its first occurrence (UInt32).

    Examples
    --------
    >>> ids, first = distinct_rows(pl.DataFrame({"a": ["x", "y", "x", None], "b": [1, 2, 1, None]}))
    >>> ids.to_list(), first.to_list()
    ([0, 1, 0, 2], [0, 1, 3])
    """
    n = frame.height
    if frame.width == 0:
        return pl.repeat(0, n, dtype=pl.UInt32, eager=True), pl.Series(
            [0] if n else [], dtype=pl.UInt32
        )
    packed = _packed(frame)
    if packed is not None:
        key, span = packed
        first = key.is_first_distinct().arg_true().cast(pl.UInt32)
        order = pl.int_range(0, len(first), dtype=pl.UInt32, eager=True)
        if span <= max(4 * n, 1 << 20):  # a lookup table by key
            table = pl.repeat(0, span, dtype=pl.UInt32, eager=True).scatter(
                key.gather(first), order
            )
            return table.gather(key), first
        ids = key.replace_strict(key.gather(first), order, return_dtype=pl.UInt32)
        return ids, first
    return _grouped_rows(frame)


def _grouped_rows(frame: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    """:func:`distinct_rows` of any columns, by grouping (hashes every value)."""
    groups = (
        frame.with_row_index("_row")
        .group_by(frame.columns)
        .agg(pl.col("_row"))
        .with_columns(pl.col("_row").list.first().alias("_first"))
        .sort("_first")
        .with_row_index("_id")
    )
    pairs = groups.select("_id", "_row").explode("_row")
    ids = pl.repeat(0, frame.height, dtype=pl.UInt32, eager=True).scatter(
        pairs["_row"], pairs["_id"]
    )
    return ids, groups.get_column("_first").cast(pl.UInt32)


def _packed(frame: pl.DataFrame) -> tuple[pl.Series, int] | None:
    """One exact integer key per row of integer, boolean and categorical columns.

    Each column becomes ``0 .. cardinality-1`` (null is 0 where the column has
    nulls) and the codes are combined in mixed radix; ``None`` when a column is
    of another type or the key would not fit in 62 bits. Returns the key and
    its span (every key is below it).
    """
    codes: list[pl.Expr] = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype == pl.Boolean:
            col = col.cast(pl.UInt8)
        elif isinstance(dtype, pl.Categorical | pl.Enum):
            col = col.to_physical()
        elif not dtype.is_integer() or dtype in (pl.UInt64, pl.Int128):
            return None
        codes.append(col.cast(pl.Int64).alias(name))
    stats = frame.select(
        *(c.min().alias(f"{i}_lo") for i, c in enumerate(codes)),
        *(c.max().alias(f"{i}_hi") for i, c in enumerate(codes)),
        *(c.null_count().alias(f"{i}_nulls") for i, c in enumerate(codes)),
    ).row(0, named=True)
    key: pl.Expr = pl.lit(0, pl.Int64)
    span = 1
    for i, c in enumerate(codes):
        lo, hi, nulls = stats[f"{i}_lo"], stats[f"{i}_hi"], stats[f"{i}_nulls"] > 0
        lo, hi = (0, 0) if lo is None else (lo, hi)
        card = hi - lo + 1 + nulls
        span *= card
        if span >= 1 << 62:
            return None
        code = (c - lo + 1).fill_null(0) if nulls else c - lo
        key = key * card + code
    return frame.select(key.alias("_key")).to_series(), span


def identity_combos(messages: pl.DataFrame, per_code: pl.DataFrame | None = None) -> Combos:
    """Find the distinct combinations of :data:`KEYS` in parsed messages.

    Parameters
    ----------
    messages : polars.DataFrame
        Parsed messages that still carry the parser's ``_urls_key`` and
        ``_names_key`` columns. Without them, the frame is the messages
        themselves with ``n = 1`` per row. With the parser's ``_combo_raw``
        (the code of the distinct raw sender and recipient fields, which
        determine the four identity strings of :data:`KEYS`) and
        ``_combo_file`` (the file the code belongs to: split files are
        concatenated), rows are grouped on those and the flags first, and only
        the groups' strings are compared; with the archive's ``_combo``
        (:func:`combination_code` of those), on that code.
    per_code : polars.DataFrame, optional
        With ``_combo``: the string columns of :data:`KEYS` and the recipient
        lists once per code, row ``k`` for code ``k`` (the archive stores them
        so). They are taken from it rather than gathered from a million rows
        (used only when the codes are dense, in order of first appearance, and
        match its height).

    Returns
    -------
    Combos
    """
    if not all(k in messages.columns for k in KEYS):
        return Combos(messages.with_columns(pl.lit(1, pl.UInt32).alias("n")), None)
    if "_combo" in messages.columns:  # combination_code, stored by the archive
        code = messages.get_column("_combo")
        first = _first_of_dense(code, per_code)
        if first is not None and per_code is not None:
            found = _aggregate(messages, code, first, per_code)
        else:
            first = code.is_first_distinct().arg_true().cast(pl.UInt32)
            found = _aggregate(messages, code, first)
        return _merge_equal_keys(found.frame, found.row_combo)
    coarse = _coarse(messages)
    if coarse is not None:
        # Equal raw fields give equal identity strings, so grouping on the raw
        # combination (per file) and the flags never merges rows that differ
        # in KEYS; _merge_equal_keys then joins groups whose strings are equal.
        found = _group(messages, coarse)
        return _merge_equal_keys(found.frame, found.row_combo)
    # Exact integer codes of the long strings: hashing a million rows of URLs
    # and name lists directly costs far more than u32 columns.
    return _group(messages, messages.select(_code(messages.get_column(k)) for k in KEYS))


def _coarse(messages: pl.DataFrame) -> pl.DataFrame | None:
    """The parser's raw combination code, its file and the flags; None without them."""
    if "_combo_raw" not in messages.columns or "_combo_file" not in messages.columns:
        return None
    flags = [k for k in KEYS if k in messages.columns and messages.schema[k] != pl.String]
    return messages.select("_combo_file", "_combo_raw", *flags)


def combination_code(messages: pl.DataFrame) -> pl.Series | None:
    """One dense code per distinct parser combination (raw fields, file, flags), or None.

    The codes run ``0, 1, …`` in order of first appearance; equal codes mean
    equal raw sender and recipient fields in the same file and equal flags.
    The archive stores it (``_combo``) in place of ``_combo_raw`` and
    ``_combo_file``, and :func:`identity_combos` groups on it directly.

    Examples
    --------
    >>> m = pl.DataFrame({"_combo_raw": [5, 7, 5], "_combo_file": ["a", "a", "a"],
    ...                   "is_spam": [False, False, True]})
    >>> combination_code(m).to_list()
    [0, 1, 2]
    """
    coarse = _coarse(messages)
    if coarse is None:
        return None
    return distinct_rows(coarse)[0].alias("_combo")


def _group(messages: pl.DataFrame, codes: pl.DataFrame) -> Combos:
    """Combinations of the distinct rows of ``codes`` (exact codes of rows of ``messages``)."""
    row_group, first = distinct_rows(codes)
    return _aggregate(messages, row_group, first)


def _first_of_dense(code: pl.Series, per_code: pl.DataFrame | None) -> pl.Series | None:
    """The first row of each code when ``code`` runs ``0 .. per_code.height - 1`` in order
    of first appearance; None otherwise (or without ``per_code``).

    Examples
    --------
    >>> per = pl.DataFrame({"x": ["a", "b", "c"]})
    >>> _first_of_dense(pl.Series([0, 0, 1, 0, 2, 1], dtype=pl.UInt32), per).to_list()
    [0, 2, 4]
    >>> _first_of_dense(pl.Series([0, 2, 1], dtype=pl.UInt32), per) is None
    True
    """
    if per_code is None or code.null_count() or not code.dtype.is_unsigned_integer():
        return None
    first = code.is_first_distinct().arg_true().cast(pl.UInt32)
    if len(first) != per_code.height:
        return None
    order = pl.int_range(0, len(first), dtype=pl.UInt64, eager=True)
    return first if code.gather(first).cast(pl.UInt64).equals(order, check_names=False) else None


def _aggregate(
    messages: pl.DataFrame,
    row_group: pl.Series,
    first: pl.Series,
    per_group: pl.DataFrame | None = None,
) -> Combos:
    """Combinations given each row's dense group (in order of first appearance) and firsts.

    ``per_group`` holds the string columns once per group already (row ``k``
    for group ``k``); the rest of :data:`KEYS` is gathered from the first rows.
    """
    agg = (
        pl.DataFrame({"_g": row_group, "time": messages.get_column("time")})
        .group_by("_g", maintain_order=True)  # groups are numbered in this order
        .agg(pl.col("time").max(), pl.len().alias("n"))
    )
    cols = [*KEYS, "recipient_names", "recipient_urls"]
    given = [] if per_group is None else [c for c in cols if c in per_group.columns]
    frame = _gather_ascending(messages.select(c for c in cols if c not in given), first)
    if given:
        frame = frame.hstack(per_group.select(given)).select(cols)  # type: ignore[union-attr]
    frame = frame.with_columns(agg.get_column("time"), agg.get_column("n"))
    return Combos(frame, row_group)


def _gather_ascending(frame: pl.DataFrame, rows: pl.Series) -> pl.DataFrame:
    """``frame.gather(rows)`` for ascending ``rows``, chunk by chunk when ``frame`` has several.

    A gather across many chunks (a snapshot's Parquet row groups) looks up the
    chunk of every row; slicing each chunk first is several times faster.

    Examples
    --------
    >>> f = pl.concat([pl.DataFrame({"a": [1, 2]}), pl.DataFrame({"a": [3, 4]})], rechunk=False)
    >>> _gather_ascending(f, pl.Series([0, 2, 3], dtype=pl.UInt32))["a"].to_list()
    [1, 3, 4]
    """
    lengths = frame.get_column(frame.columns[0]).chunk_lengths() if frame.width else [0]
    if len(lengths) <= 1:
        return frame.gather(rows)
    at = rows.cast(pl.Int64)
    ends = pl.Series(lengths, dtype=pl.Int64).cum_sum()
    # rows[cut[i]:cut[i + 1]] fall in chunk i
    cut = [0, *at.search_sorted(ends, side="left").to_list()]
    parts, offset = [], 0
    for i, n in enumerate(lengths):
        lo, hi = cut[i], cut[i + 1]
        if hi > lo:
            parts.append(frame.slice(offset, n).gather(at.slice(lo, hi - lo) - offset))
        offset += n
    if not parts:
        return frame.clear()
    return pl.concat(parts).rechunk()


def _merge_equal_keys(frame: pl.DataFrame, row_group: pl.Series | None) -> Combos:
    """Merge combinations whose KEYS are equal (e.g. two spellings of one name)."""
    keys = frame.select(KEYS)
    if keys.hash_rows().n_unique() == frame.height:  # equal rows hash equal: none to merge
        n = frame.get_column("n").cast(pl.UInt32)
        return Combos(
            frame.with_columns(n), None if row_group is None else row_group.alias("literal")
        )
    ids, first = distinct_rows(keys)
    merged = (
        frame.with_columns(ids.alias("_m"))
        .group_by("_m")
        .agg(pl.col("time").max(), pl.col("n").sum().cast(pl.UInt32))
        .sort("_m")
    )
    frame = frame.gather(first).with_columns(merged.get_column("time"), merged.get_column("n"))
    return Combos(frame, None if row_group is None else ids.gather(row_group))


def _code(values: pl.Series) -> pl.Series:
    """An exact integer code per distinct value (null stays null)."""
    if values.dtype != pl.String:
        return values
    return values.cast(pl.Enum(values.drop_nulls().unique(maintain_order=True))).to_physical()
