"""Terminal views: library frames reshaped for a readable ``--format table``.

CSV and JSON keep the library's column names and values. A table for people
puts a person's name above their company, writes gaps as ``18 d`` and drops
as ``63%``, and leaves the remaining width to the reasons. On a narrow
terminal (``compact=True``, under 120 columns) the numbers are stacked in one
cell, so the reasons still get a readable width.

Examples
--------
>>> import polars as pl
>>> row = pl.DataFrame({"name": ["Ada"], "company": ["Northwind"], "status": ["fading"],
...     "strength": [20.4], "cadence_days": [18.2], "days_since": [142.0],
...     "drop_from_peak": [0.634], "reasons": [["a", "b"]]})
>>> fading_view(row).row(0)
('Ada\\nNorthwind', 'fading', 20.4, '18 d', '142 d', '63%', ['a', 'b'])
>>> fading_view(row, compact=True)["status"][0].splitlines()
['fading', 'strength 20', 'usually every 18 d', 'last 142 d ago', 'down 63%']
"""

from __future__ import annotations

import re
import textwrap

import polars as pl

from tiekeeper.wording import counted_expr

__all__ = [
    "COMPACT_BELOW",
    "WIDE",
    "career_view",
    "fading_view",
    "parse_report_view",
    "plan_view",
    "unused_files",
    "who_at_view",
    "wrap_items",
    "wrap_text",
]

#: The long-text columns of the views, which take the width left over.
WIDE = ("why", "opener", "colleagues", "why / opener", "reason")
#: Terminals narrower than this get the compact views.
COMPACT_BELOW = 120


def _stack(*parts: pl.Expr) -> pl.Expr:
    """Non-empty parts, one per line."""
    return (
        pl.concat_list(
            [pl.when(p.is_not_null() & (p != "")).then(p).otherwise(None) for p in parts]
        )
        .list.drop_nulls()
        .list.join("\n")
    )


def _int(column: str) -> pl.Expr:
    return pl.col(column).round(0).cast(pl.Int64).cast(pl.String)


def _days(column: str) -> pl.Expr:
    """A usual gap, rounded as the reasons show it ("~18 days")."""
    return _int(column) + pl.lit(" d")


def _elapsed(column: str) -> pl.Expr:
    """Whole days elapsed, rounded down as the reasons count them ("361 days")."""
    return pl.col(column).floor().cast(pl.Int64).cast(pl.String) + pl.lit(" d")


def _percent(column: str) -> pl.Expr:
    return (pl.col(column) * 100).round(0).cast(pl.Int64).cast(pl.String) + pl.lit("%")


def fading_view(df: pl.DataFrame, *, compact: bool = False) -> pl.DataFrame:
    """The ``fading`` list for a terminal."""
    person = _stack(pl.col("name"), pl.col("company")).alias("person")
    if compact:
        numbers = _stack(
            pl.col("status"),
            pl.lit("strength ") + _int("strength"),
            pl.lit("usually every ") + _days("cadence_days"),
            pl.lit("last ") + _elapsed("days_since") + pl.lit(" ago"),
            pl.lit("down ") + _percent("drop_from_peak"),
        )
        return df.select(person, numbers.alias("status"), pl.col("reasons").alias("why"))
    return df.select(
        person,
        pl.col("status"),
        pl.col("strength"),
        _days("cadence_days").alias("usual gap"),
        _elapsed("days_since").alias("since"),
        _percent("drop_from_peak").alias("drop"),
        pl.col("reasons").alias("why"),
    )


def plan_view(df: pl.DataFrame, *, compact: bool = False) -> pl.DataFrame:
    """One list of the reach-out plan for a terminal."""
    why = pl.col("reasons").list.join("\n")
    if compact:
        person = _stack(
            pl.col("name"), pl.col("company"), pl.col("kind") + pl.lit(" · ") + pl.col("status")
        )
        opener = pl.lit("“") + pl.col("opener") + pl.lit("”")
        text = pl.when(pl.col("opener") != "").then(why + pl.lit("\n\n") + opener).otherwise(why)
        return df.select(person.alias("person"), text.alias("why / opener"))
    return df.select(
        _stack(pl.col("name"), pl.col("company")).alias("person"),
        pl.col("kind"),
        pl.col("status"),
        pl.col("reasons").alias("why"),
        pl.col("opener"),
    )


def who_at_view(df: pl.DataFrame, *, compact: bool = False) -> pl.DataFrame:
    """The ``who-at`` list for a terminal."""
    person = _stack(pl.col("name"), pl.col("title")).alias("person")
    if compact:
        numbers = _stack(
            pl.lit("strength ") + _int("strength"),
            pl.col("status"),
            pl.lit("last ") + pl.col("last_contact").dt.date().cast(pl.String),
            pl.when(pl.col("former_colleague")).then(pl.lit("former colleague")),
        )
        return df.select(person, numbers.alias("status"), pl.col("reasons").alias("why"))
    return df.select(
        person,
        pl.col("strength"),
        pl.col("status"),
        pl.col("last_contact").alias("last contact"),
        pl.col("former_colleague").alias("former colleague"),
        pl.col("reasons").alias("why"),
    )


def career_view(df: pl.DataFrame, *, compact: bool = False, shown: int = 8) -> pl.DataFrame:
    """The ``career`` table for a terminal: one row per job, colleagues by name."""
    start = pl.col("started_on").dt.year().cast(pl.String)
    end = (
        pl.when(pl.col("is_current"))
        .then(pl.lit("now"))
        .otherwise(pl.col("finished_on").dt.year().cast(pl.String))
    )
    years = start + pl.lit("–") + end
    names = pl.col("colleagues").list.eval(pl.element().struct.field("name"))
    # list.len() is unsigned: subtract in signed integers, or 3 - 8 wraps to 4294967291
    extra = (pl.col("colleagues").list.len().cast(pl.Int64) - shown).clip(lower_bound=0)
    listed = names.list.head(shown).list.join(", ")
    colleagues = (
        pl.when(extra > 0)
        .then(listed + pl.lit(" … and ") + extra.cast(pl.String) + pl.lit(" more"))
        .otherwise(listed)
    )
    # a window under rate_min_days has no yearly rate: show the count of talks instead
    talks = pl.col("colleagues").list.eval(pl.element().struct.field("sessions_during")).list.sum()
    talks_since = (
        pl.col("colleagues").list.eval(pl.element().struct.field("sessions_after")).list.sum()
    )
    if compact:
        rate = pl.col("rate_during").round(1).cast(pl.String) + pl.lit(" talks/yr then")
        since = pl.col("rate_after").round(1).cast(pl.String) + pl.lit(" talks/yr since")
        numbers = _stack(
            counted_expr(pl.col("n_colleagues").cast(pl.String), "colleague"),
            pl.coalesce(rate, counted_expr(talks.cast(pl.String), "talk") + pl.lit(" then")),
            pl.when(~pl.col("is_current")).then(
                pl.coalesce(
                    since, counted_expr(talks_since.cast(pl.String), "talk") + pl.lit(" since")
                )
            ),
        )
        return df.select(
            _stack(pl.col("company"), pl.col("title"), years).alias("job"),
            numbers.alias("contact"),
            colleagues.alias("colleagues"),
        )
    return df.select(
        _stack(pl.col("company"), pl.col("title")).alias("job"),
        years.alias("years"),
        pl.col("n_colleagues").alias("colleagues found"),
        pl.col("rate_during").alias("talks/yr then"),
        pl.col("rate_after").alias("talks/yr since"),
        talks.alias("talks then"),
        pl.when(~pl.col("is_current")).then(talks_since).alias("talks since"),
        colleagues.alias("colleagues"),
    )


def unused_files(df: pl.DataFrame) -> list[str]:
    """The files of a parse report that tiekeeper has no parser for (kept in ``other_files``).

    Examples
    --------
    >>> unused_files(pl.DataFrame({"file": ["Connections.csv", "Registration.csv", "a.pdf"]}))
    ['Registration.csv', 'a.pdf']
    """
    from tiekeeper.io.registry import lookup

    return [f for f in df["file"].to_list() if lookup(f) is None]


def wrap_text(text: str, width: int) -> str:
    """Wrap each line of ``text`` to ``width`` columns, continuing under its label.

    A line ``"  rows:   a, b, c"`` continues under ``a``; a list item ``"- x"``
    under ``x``. Lines that fit are left as they are.

    Examples
    --------
    >>> print(wrap_text("  rows:  connections 300, messages 3,000, people 320", 30))
      rows:  connections 300,
             messages 3,000,
             people 320
    """
    lines: list[str] = []
    for line in text.splitlines():
        if len(line) <= width:
            lines.append(line)
            continue
        label = re.match(r"\s*(?:- |[^:]{1,30}:\s+)?", line)
        indent = " " * min(len(label.group(0)) if label else 0, width // 2)
        lines.extend(textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False))
    return "\n".join(lines)


def wrap_items(label: str, items: list[str], width: int) -> str:
    """``label`` and the ``items`` joined by commas, wrapped between items, not inside one.

    Continuation lines start under the first item; an item longer than the
    line is wrapped on its own.

    Examples
    --------
    >>> print(wrap_items("Not used:", ["Company Follows.csv", "Email Addresses.csv"], 34))
    Not used: Company Follows.csv,
              Email Addresses.csv
    """
    indent = " " * min(len(label) + 1, width // 2)
    lines = [label]
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "")
        if len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines += textwrap.wrap(piece, width, initial_indent=indent, subsequent_indent=indent)
    return "\n".join(lines)


def parse_report_view(df: pl.DataFrame) -> pl.DataFrame:
    """The parse report for a terminal: what became of the rows of each file.

    Files tiekeeper does not use (:func:`unused_files`) are left out: the
    ``info`` command names them in one line below the table.
    """
    df = df.filter(~pl.col("file").is_in(unused_files(df)))
    rows = _stack(
        pl.col("rows_parsed").cast(pl.String)
        + pl.lit(" of ")
        + pl.col("rows_read").cast(pl.String),
        pl.when(pl.col("rows_rejected") > 0).then(
            pl.col("rows_rejected").cast(pl.String) + pl.lit(" rejected")
        ),
        pl.when(pl.col("rows_skipped") > 0).then(
            pl.col("rows_skipped").cast(pl.String) + pl.lit(" skipped")
        ),
    )
    return df.select(
        pl.col("file"),
        pl.col("status"),
        rows.alias("rows parsed"),
        pl.col("reason").fill_null(""),
    )
