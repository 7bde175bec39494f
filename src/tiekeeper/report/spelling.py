"""One display spelling per company, everywhere in the report.

People type their employer as they like: "NIMBLEFORD ANALYTICS",
"Nimbleford Analytics, Inc." and "Nimbleford Analytics" are one company
(:func:`tiekeeper.companies.normalize_company`). The report shows each
company in one spelling, the most common raw spelling of that company
among your contacts and your own positions (ties: a spelling that is not
all capitals, then the shorter, then the first in alphabetical order).

:func:`respell_inputs` applies it to every frame the report shows and to the
network's hover text, after redaction, before anything is summarised or
drawn. Free text (reasons, openers, circle labels) is respelled where it
names a company in another of its spellings.

Examples
--------
>>> import polars as pl
>>> names = pl.Series(["NIMBLEFORD ANALYTICS", "Nimbleford Analytics, Inc.",
...                    "NIMBLEFORD ANALYTICS", "Acme", None])
>>> r = Respeller.from_values(names)
>>> r.text("Former colleague at Nimbleford Analytics, Inc. (2020–2023).")
'Former colleague at NIMBLEFORD ANALYTICS (2020–2023).'
>>> r.series(names).to_list()
['NIMBLEFORD ANALYTICS', 'NIMBLEFORD ANALYTICS', 'NIMBLEFORD ANALYTICS', 'Acme', None]
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.companies import normalize_company_series

if TYPE_CHECKING:  # pragma: no cover
    from tiekeeper.report.inputs import ReportInputs

__all__ = ["MIN_TEXT_LENGTH", "Respeller", "display_spellings", "respell_inputs"]

#: Spellings shorter than this are respelled in columns only, never inside free text.
MIN_TEXT_LENGTH = 4
#: The frames' columns that hold a company name, and those that hold free text.
_COMPANY_COLUMNS = ("company", "former_company", "dominant_company", "employer")
_TEXT_COLUMNS = ("reasons", "opener", "label", "top_reason")
#: Kinds of change whose before or after is a company alone (a move adds " · Title").
_JOINS = ("connection_added", "connection_removed")


def display_spellings(values: pl.Series) -> dict[str, str]:
    """Each raw company spelling that differs from its company's display spelling.

    Parameters
    ----------
    values : polars.Series
        Company names as typed (nulls are ignored); each occurrence counts.

    Returns
    -------
    dict of str to str
        raw spelling -> display spelling, only where they differ.

    Examples
    --------
    >>> display_spellings(pl.Series(["ACME", "Acme Inc.", "Acme Inc.", "Zeta"]))
    {'ACME': 'Acme Inc.'}
    >>> display_spellings(pl.Series(["ACME", "Acme"]))  # a tie: not all capitals wins
    {'ACME': 'Acme'}
    """
    counts = values.cast(pl.String).drop_nulls().value_counts(name="n")
    if counts.is_empty():
        return {}
    name = counts.columns[0]
    ranked = (
        counts.rename({name: "raw"})
        .with_columns(
            key=normalize_company_series(counts[name]),
            shouting=pl.col("raw") == pl.col("raw").str.to_uppercase(),
            length=pl.col("raw").str.len_chars(),
        )
        .filter(pl.col("key").is_not_null())
        .sort(
            ["key", "n", "shouting", "length", "raw"],
            descending=[False, True, False, False, False],
        )
    )
    best = ranked.group_by("key", maintain_order=True).agg(pl.col("raw").first().alias("show"))
    pairs = ranked.join(best, on="key").filter(pl.col("raw") != pl.col("show"))
    return dict(zip(pairs["raw"].to_list(), pairs["show"].to_list(), strict=True))


class Respeller:
    """Rewrites company names (whole columns, or inside text) to their display spelling.

    Parameters
    ----------
    mapping : dict of str to str
        From :func:`display_spellings`.
    """

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = dict(mapping)
        long = sorted((k for k in self.mapping if len(k) >= MIN_TEXT_LENGTH), key=len, reverse=True)
        words = "|".join(map(re.escape, long))
        self._pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)") if long else None

    @classmethod
    def from_values(cls, *values: pl.Series) -> Respeller:
        """The respeller of the companies in ``values`` (each occurrence counts)."""
        found = [v.cast(pl.String) for v in values if v.len()]
        both = pl.concat(found) if found else pl.Series([], dtype=pl.String)
        return cls(display_spellings(both))

    def __bool__(self) -> bool:
        return bool(self.mapping)

    def text(self, value: str | None) -> str | None:
        """``value`` with every other spelling of a company replaced by its display spelling."""
        if value is None or self._pattern is None:
            return value
        return self._pattern.sub(lambda m: self.mapping[m.group(0)], value)

    def series(self, s: pl.Series) -> pl.Series:
        """A column of company names, respelled (over unique values)."""
        if not self.mapping or s.dtype != pl.String:
            return s
        return s.replace(self.mapping)

    def texts(self, s: pl.Series) -> pl.Series:
        """A text column (or a list of texts per row), respelled inside (over unique values)."""
        if self._pattern is None:
            return s
        is_list = isinstance(s.dtype, pl.List) and s.dtype.inner == pl.String
        if s.dtype != pl.String and not is_list:
            return s
        flat = s.explode() if is_list else s
        uniq = [v for v in flat.unique().to_list() if v is not None]
        changed = {v: t for v in uniq if (t := self.text(v)) != v}
        if not changed:
            return s
        if is_list:
            return s.list.eval(pl.element().replace(changed))
        return s.replace(changed)

    def frame(self, df: pl.DataFrame) -> pl.DataFrame:
        """``df`` with its company columns and text columns respelled."""
        out = []
        for name in df.columns:
            col = df[name]
            if name in _COMPANY_COLUMNS:
                col = self.series(col)
            elif name in _TEXT_COLUMNS:
                col = self.texts(col)
            out.append(col)
        return pl.DataFrame(out, height=df.height) if out else df

    def graph(self, graph: Any) -> Any:
        """A copy of a tiekeeper graph whose node and edge company attributes are respelled."""
        nodes = [
            n
            for n, d in graph.nodes(data=True)
            if any(d.get(c) in self.mapping for c in _COMPANY_COLUMNS)
            or (self._pattern is not None and self.text(d.get("top_reason")) != d.get("top_reason"))
        ]
        edges = [(u, v) for u, v, d in graph.edges(data=True) if d.get("employer") in self.mapping]
        if not nodes and not edges:
            return graph
        out = graph.copy()
        for n in nodes:
            attrs = out.nodes[n]
            for c in _COMPANY_COLUMNS:
                if attrs.get(c) in self.mapping:
                    attrs[c] = self.mapping[attrs[c]]
            if attrs.get("top_reason") is not None:
                attrs["top_reason"] = self.text(attrs["top_reason"])
        for u, v in edges:
            out.edges[u, v]["employer"] = self.mapping[out.edges[u, v]["employer"]]
        return out


def respell_inputs(inputs: ReportInputs) -> ReportInputs:
    """``inputs`` with every company in its display spelling (frames and the graph).

    The display spelling is counted over the people's current companies
    (``scores.company``), your positions (``career.company``) and the
    companies of the moves, additions and removals between your exports
    (respelled too).
    """
    news = inputs.changes
    named = pl.Series([], dtype=pl.String)
    if news is not None:
        # a move's before and after are "Company · Title" when the title changed too
        moved = news.filter(pl.col("kind").is_in(["company_changed", *_JOINS]))
        named = pl.concat([moved["before"], moved["after"]]).str.split(" · ").list.first()
    r = Respeller.from_values(inputs.scores["company"], inputs.career["company"], named)
    if not r:
        return inputs
    frames: dict[str, Any] = {
        f.name: r.frame(getattr(inputs, f.name))
        for f in dataclasses.fields(inputs)
        if isinstance(getattr(inputs, f.name), pl.DataFrame) and f.name != "changes"
    }
    if news is not None:
        moves = pl.col("kind").is_in(["company_changed", *_JOINS])
        frames["changes"] = news.with_columns(
            before=pl.when(moves).then(r.texts(news["before"])).otherwise(pl.col("before")),
            after=pl.when(moves).then(r.texts(news["after"])).otherwise(pl.col("after")),
        )
    return dataclasses.replace(inputs, graph=r.graph(inputs.graph), **frames)
