"""Helpers shared by the parsers: names, URLs, dates, rejects and frame assembly."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

from tiekeeper.io.csvfile import LINE, Table
from tiekeeper.io.dates import is_spreadsheet_date, parse_days, parse_instants, unparsed
from tiekeeper.io.registry import Parsed
from tiekeeper.keys import canonical_url_fast, map_unique, normalize_profile_url
from tiekeeper.schema import polars_schema

__all__ = [
    "REJECT_SCHEMA",
    "assemble",
    "clean_name",
    "constant",
    "date_column",
    "date_reasons",
    "finish",
    "flag_unique",
    "full_name",
    "no_rejects",
    "profile_urls",
    "rejects",
    "spreadsheet_notes",
]

REJECT_SCHEMA = pl.Schema({"line": pl.Int64, "reason": pl.String})


def constant(value: str | bool | None, n: int, dtype: PolarsDataType) -> pl.Series:
    """A column of ``n`` copies of ``value`` (vectorised; no Python list of n items).

    Examples
    --------
    >>> constant("x", 2, pl.String).to_list()
    ['x', 'x']
    """
    return pl.repeat(value, n, dtype=dtype, eager=True)


def flag_unique(values: pl.Series, test: Callable[[pl.Series], pl.Series]) -> pl.Series:
    """A boolean column: ``test`` applied to the *unique* values of ``values`` only.

    Flag columns (folder, draft, sender) repeat a handful of values over a
    million rows; testing each distinct value once and looking rows up with
    ``is_in`` is several times cheaper than a string operation per row. Null
    values are ``False``, as is every value for which ``test`` gives null.

    Examples
    --------
    >>> s = pl.Series([" Yes", "no", None, " Yes"])
    >>> flag_unique(s, lambda u: u.str.strip_chars() == "Yes").to_list()
    [True, False, False, True]
    """
    uniq = values.drop_nulls().unique(maintain_order=True)  # faster than unordered
    hits = uniq.filter(test(uniq).fill_null(False))
    if hits.len() == 0:
        return pl.repeat(False, values.len(), dtype=pl.Boolean, eager=True)
    return values.is_in(hits.implode()).fill_null(False)


def no_rejects() -> pl.DataFrame:
    """An empty reject list."""
    return pl.DataFrame(schema=REJECT_SCHEMA)


def clean_name(values: pl.Series) -> pl.Series:
    """Trim, collapse inner white space and NFC-normalise names (vectorised).

    Examples
    --------
    >>> clean_name(pl.Series(["  Jürgen   Demo ", "", None])).to_list()
    ['Jürgen Demo', None, None]
    """
    s = values.cast(pl.String).str.normalize("NFC").str.replace_all(r"\s+", " ").str.strip_chars()
    return s.set((s.str.len_bytes() == 0).fill_null(False), None).alias(values.name)


def full_name(first: pl.Series, last: pl.Series) -> pl.Series:
    """``first last`` trimmed and normalised; null when both are empty.

    Examples
    --------
    >>> full_name(pl.Series(["Carol "]), pl.Series(["Test, Ph.D."])).to_list()
    ['Carol Test, Ph.D.']
    """
    joined = pl.select(
        pl.concat_str([first.fill_null(""), last.fill_null("")], separator=" ")
    ).to_series()
    return clean_name(joined).alias("name")


def profile_urls(values: pl.Series) -> pl.Series:
    """Normalised profile URLs (over unique values only)."""
    return map_unique(values, normalize_profile_url, name=values.name, fast=canonical_url_fast)


def date_column(
    table: Table, raw: pl.Series, *, kind: str, label: str, pacific: bool = False
) -> tuple[pl.Series, pl.Series]:
    """Parse a date column; return (parsed, reason-or-null for values that failed)."""
    parsed = parse_days(raw) if kind == "day" else parse_instants(raw, pacific_first=pacific)
    return parsed, date_reasons(raw, parsed, label)


def date_reasons(raw: pl.Series, parsed: pl.Series, label: str) -> pl.Series:
    """A reject reason for each present but unparsed date, else null."""
    bad = unparsed(raw, parsed)
    return pl.select(
        pl.when(bad)
        .then(pl.format(f"{label} {{}} is not a recognised date", raw.str.slice(0, 60)))
        .otherwise(None)
    ).to_series()


def rejects(table: Table, *reasons: pl.Series) -> tuple[pl.DataFrame, pl.Series | None]:
    """Rows with a reason (the first non-null one in ``reasons``) and the keep-mask.

    The mask is ``None`` when every row is kept.
    """
    if not reasons or table.data.height == 0:
        return no_rejects(), None
    reason = pl.select(pl.coalesce(list(reasons))).to_series()
    mask = reason.is_not_null()
    if not mask.any():
        return no_rejects(), None
    found = pl.DataFrame(
        {"line": table.data.get_column(LINE).filter(mask), "reason": reason.filter(mask)},
        schema=REJECT_SCHEMA,
    )
    return found, ~mask


def finish(
    name: str,
    table: Table,
    columns: Mapping[str, pl.Series | None],
    reasons: Sequence[pl.Series] = (),
    era: str | None = None,
    notes: Sequence[str] = (),
) -> Parsed:
    """Assemble the frame, drop rejected rows and wrap everything in :class:`Parsed`."""
    frame = assemble(name, table, columns)
    rej, keep = rejects(table, *reasons)
    if keep is not None:
        frame = frame.filter(keep)
    return Parsed(frame, rej, era, list(notes))


def spreadsheet_notes(table: Table, date_columns: Mapping[str, pl.Series]) -> list[str]:
    """Notes for spreadsheet signs in the data: ``NA`` cells, ``18-Jun-24`` dates."""
    notes: list[str] = []
    cols = [c for c in table.data.columns if c != LINE and not c.startswith("__")]
    if cols and table.data.height:
        na = table.data.select(pl.sum_horizontal((pl.col(cols) == "NA").fill_null(False))).sum()
        n_na = int(na.item() or 0)
        if n_na:
            notes.append(f"{n_na} cell(s) hold 'NA', which spreadsheets write into empty cells")
    for label, raw in date_columns.items():
        n = int(is_spreadsheet_date(raw).sum())
        if n:
            notes.append(f"{n} {label} value(s) rewritten by a spreadsheet (like 18-Jun-24)")
    return notes


def assemble(name: str, table: Table, columns: Mapping[str, pl.Series | None]) -> pl.DataFrame:
    """Build a frame with exactly the schema ``name``, plus any ``_private`` columns.

    ``columns`` maps schema columns to series (``None`` or absent means all
    null); ``line`` is taken from the table. Extra keys starting with ``_``
    are kept after the schema columns for later steps.
    """
    schema = polars_schema(name)
    n = table.data.height
    out: dict[str, pl.Series] = {}
    for col, dtype in schema.items():
        if col == "line":
            out[col] = table.data.get_column(LINE).alias("line")
            continue
        s = columns.get(col)
        out[col] = constant(None, n, dtype).alias(col) if s is None else s.alias(col).cast(dtype)
    for col, s in columns.items():
        if col.startswith("_") and s is not None:
            out[col] = s.alias(col)
    return pl.DataFrame(out)
