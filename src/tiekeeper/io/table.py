"""The :class:`Table`: one export file read as strings, with physical line numbers.

Examples
--------
>>> unique_names(["Company Names", "Company Names", ""])
['Company Names', 'Company Names_2', 'column_3']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import polars as pl

from tiekeeper.schema import empty_frame

__all__ = ["LINE", "Table", "fail", "split_lines", "undecodable", "unique_names"]

#: Name of the physical-line column of ``Table.data``.
LINE = "_line"


@dataclass
class Table:
    """One file as read: string columns plus the physical line of each record.

    Attributes
    ----------
    file : str
        Path of the file inside the export.
    encoding : str or None
        ``'utf-8'``, ``'utf-8-sig'`` or ``'utf-16-le'``.
    header : tuple of str
        Column names as in the file (white space stripped).
    data : polars.DataFrame
        One String column per header name (repeated names get ``_2``, ``_3``;
        an empty name becomes ``column_<n>``), empty fields as null, plus
        ``_line`` (Int64): the physical line where the record starts.
    rejected : polars.DataFrame
        Records that do not fit the header (schema ``rejected``).
    rows_read, rows_skipped : int
        Records read after the header; empty records among them.
    status : str
        ``'parsed'``, ``'empty'``, ``'header-only'``, ``'not-a-table'`` or ``'error'``.
    reason : str or None
        Why, for anything but a clean parse.
    notes : list of str
        Quirks noticed (BOM, CRLF, preamble, spreadsheet signs …).
    """

    file: str
    encoding: str | None = None
    header: tuple[str, ...] = ()
    data: pl.DataFrame = field(default_factory=pl.DataFrame)
    rejected: pl.DataFrame = field(default_factory=lambda: empty_frame("rejected"))
    rows_read: int = 0
    rows_skipped: int = 0
    status: str = "parsed"
    reason: str | None = None
    notes: list[str] = field(default_factory=list)
    header_line: int | None = None
    separator: str = ","
    fast: bool = True

    @property
    def ok(self) -> bool:
        """Whether the file could be read as a table (possibly with no rows)."""
        return self.status in ("parsed", "header-only", "empty")

    def column(self, *names: str) -> str | None:
        """The data column for the first of ``names`` present (case-insensitive)."""
        lookup = {h.casefold(): c for h, c in zip(self.header, self._names(), strict=True)}
        for n in names:
            hit = lookup.get(n.casefold())
            if hit is not None:
                return hit
        return None

    def get(self, *names: str) -> pl.Series:
        """The column for the first of ``names`` present, or an all-null String column."""
        c = self.column(*names)
        if c is None:
            return pl.repeat(None, self.data.height, dtype=pl.String, eager=True).alias(names[0])
        return self.data.get_column(c)

    def _names(self) -> list[str]:
        return unique_names(self.header)


def unique_names(header: Sequence[str]) -> list[str]:
    """Column names for a header: repeats get ``_2``, ``_3``; empty names ``column_<n>``."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        name = h or f"column_{i + 1}"
        if name == LINE:
            name = f"{name}_"
        n = seen.get(name, 0) + 1
        seen[name] = n
        out.append(name if n == 1 else f"{name}_{n}")
    return out


def split_lines(text: str) -> Iterator[str]:
    """Split on ``\\n`` only (as polars does), keeping the line ends."""
    start = 0
    while True:
        pos = text.find("\n", start)
        if pos < 0:
            if start < len(text):
                yield text[start:]
            return
        yield text[start : pos + 1]
        start = pos + 1


def undecodable(bad: bytes, offset: int, line: int) -> str:
    """The reason given for bytes that are not UTF-8."""
    return (
        f"bytes {bad!r} at byte {offset} (line {line}) are not valid UTF-8; LinkedIn writes "
        "UTF-8, so the file was probably re-saved by a spreadsheet in another encoding. "
        "Re-download the export, or save the file as UTF-8 CSV"
    )


def fail(table: Table, status: str, reason: str) -> Table:
    """Mark ``table`` as unreadable as a whole (no data, a status and a reason)."""
    table.status, table.reason = status, reason
    table.data = pl.DataFrame()
    return table
