"""Tables for people: what the notebooks show instead of a raw DataFrame repr.

A polars frame in a notebook shows strings in quotes, right-aligned, with a
dtype row, and a float column of whole numbers as "3.0". :func:`show` wraps a
frame for display: text left-aligned and unquoted, numbers right-aligned,
whole numbers without ".0", lists joined, nulls blank, and a long table cut
to its head with a count of the rest. It renders as HTML in Jupyter (also
after ``nbconvert``) and as aligned text elsewhere. The data are not changed:
``Table.frame`` is the frame given.

Examples
--------
>>> import polars as pl
>>> t = show(pl.DataFrame({"name": ["Ada", "Bob", "Cy"], "n": [1.0, 2.5, None]}), n=2)
>>> print(t)
name    n
Ada     1
Bob   2.5
… and 1 more row
"""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.errors import ParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Table", "show"]

_STYLE = (
    "border-collapse:collapse;font-size:13px;"
    "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif"
)


def _cell(value: Any) -> str:
    """One value as text: whole floats without '.0', lists joined, null blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
        return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) >= 1 else f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else str(value.date())
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _numeric(dtype: pl.DataType) -> bool:
    return dtype.is_numeric()


@dataclass(frozen=True)
class Table:
    """A frame prepared for display (see :func:`show`).

    Attributes
    ----------
    frame : polars.DataFrame
        The whole frame, unchanged.
    n : int
        Rows shown.
    """

    frame: pl.DataFrame
    n: int

    @property
    def _rest(self) -> int:
        return max(self.frame.height - self.n, 0)

    def _rows(self) -> list[list[str]]:
        return [[_cell(v) for v in row] for row in self.frame.head(self.n).iter_rows()]

    def _more(self) -> str:
        rest = self._rest
        return f"… and {rest:,} more row{'' if rest == 1 else 's'}" if rest else ""

    def __str__(self) -> str:
        cols = self.frame.columns
        rows = self._rows()
        widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(cols)]
        num = [_numeric(self.frame.schema[c]) for c in cols]

        def line(values: list[str]) -> str:
            cells = [
                v.rjust(w) if is_num else v.ljust(w)
                for v, w, is_num in zip(values, widths, num, strict=True)
            ]
            return "  ".join(cells).rstrip()

        out = [line(list(cols)), *(line(r) for r in rows)]
        if self._rest:
            out.append(self._more())
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        cols = self.frame.columns
        num = [_numeric(self.frame.schema[c]) for c in cols]
        pad = "padding:4px 10px;border-bottom:1px solid #e5e7eb;vertical-align:top;"

        def td(v: str, is_num: bool, tag: str = "td") -> str:
            align = "right" if is_num else "left"
            return f'<{tag} style="{pad}text-align:{align}">{html.escape(v)}</{tag}>'

        head = "".join(td(c, n, "th") for c, n in zip(cols, num, strict=True))
        body = "".join(
            "<tr>" + "".join(td(v, n) for v, n in zip(r, num, strict=True)) + "</tr>"
            for r in self._rows()
        )
        more = f'<p style="color:#6b7280;margin:4px 0">{html.escape(self._more())}</p>'
        return (
            f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            f"</table>{more if self._rest else ''}"
        )


def show(frame: pl.DataFrame | pd.DataFrame, n: int = 15) -> Table:
    """Wrap a frame for reading: aligned, unquoted, whole numbers without ".0", cut to ``n`` rows.

    Parameters
    ----------
    frame : polars.DataFrame or pandas.DataFrame
        The frame to show, e.g. from :func:`tiekeeper.score`.
    n : int
        Rows to show; the rest are counted under the table.

    Returns
    -------
    Table
        Displays as HTML in a notebook and as text in a terminal.

    Raises
    ------
    ParameterError
        When ``frame`` is not a DataFrame or ``n`` is not a positive integer.

    Examples
    --------
    >>> import polars as pl
    >>> print(show(pl.DataFrame({"name": ["Ada", "Grace"], "strength": [71.0, 12.0]}), n=1))
    name  strength
    Ada         71
    … and 1 more row
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ParameterError(f"n must be a positive whole number of rows, e.g. 15; got {n!r}")
    if not isinstance(frame, pl.DataFrame):
        if type(frame).__name__ == "DataFrame" and hasattr(frame, "to_dict"):
            frame = pl.from_pandas(frame)
        else:
            raise ParameterError(
                "frame must be a polars or pandas DataFrame, such as tiekeeper.score(export); "
                f"got {type(frame).__name__}"
            )
    return Table(frame, n)
