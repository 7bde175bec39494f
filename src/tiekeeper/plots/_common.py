"""Shared pieces of every tiekeeper chart: colours, layout and input checks.

Charts take polars frames (a pandas frame is converted once, at the door) and
check the columns they need, so a wrong frame gives a clear
:class:`~tiekeeper.errors.ParameterError` instead of a plotly stack trace.
plotly itself is imported inside the chart functions only.

Examples
--------
>>> import polars as pl
>>> require_frame(pl.DataFrame({"a": [1]}), "scores", ["a"]).height
1
>>> STATUS_COLORS["fading"]
'#e07b39'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.scoring.cadence import STATUSES

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = [
    "DIRECTION_LABELS",
    "FONT_FAMILY",
    "PEOPLE_COLORS",
    "STATUS_COLORS",
    "STATUS_ORDER",
    "TEMPLATE",
    "TIER_COLORS",
    "TIER_ORDER",
    "base_layout",
    "fmt_date",
    "fmt_days",
    "new_figure",
    "ordered",
    "plot_text",
    "plot_time",
    "require_frame",
]

#: The order in which statuses are listed in legends (healthy first): the
#: scoring model's own list.
STATUS_ORDER: tuple[str, ...] = STATUSES

#: A calm, colour-blind-aware palette: green for healthy, warm for slipping.
STATUS_COLORS: dict[str, str] = {
    "on track": "#2f8f5b",
    "cooling": "#d9a62e",
    "fading": "#e07b39",
    "lapsed": "#c2413b",
    "dormant": "#7b6a9a",
    "never interacted": "#9aa1a9",
}

#: Tiers by rank of cadence-adjusted strength (Dunbar-style layers).
TIER_ORDER: tuple[str, ...] = ("core", "close", "active", "wider", "latent")

TIER_COLORS: dict[str, str] = {
    "core": "#1f5f8b",
    "close": "#3a7fb0",
    "active": "#6aa3cc",
    "wider": "#a5c8e1",
    "latent": "#d3dde6",
}

#: Line colours for a handful of people (colour-blind-aware, Okabe–Ito based).
PEOPLE_COLORS: tuple[str, ...] = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#7f6b3a",
    "#444444",
)

#: Plain-English legend names for interaction directions.
DIRECTION_LABELS: dict[str, str] = {
    "out": "From you",
    "in": "To you",
    "unknown": "Direction unknown (e.g. connected)",
}

#: System fonts only: a report must never fetch a web font.
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


_AXIS: dict[str, Any] = {
    "gridcolor": "#EBF0F8",
    "linecolor": "#EBF0F8",
    "zerolinecolor": "#EBF0F8",
    "zerolinewidth": 2,
    "ticks": "",
    "automargin": True,
    "title": {"standoff": 15},
}

#: A small white template (the look of plotly's ``plotly_white``). Spelled out
#: instead of named: a named template costs about a second to load the first
#: time and adds ~7 KB to every figure's JSON.
TEMPLATE: dict[str, Any] = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(PEOPLE_COLORS),
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "xaxis": _AXIS,
        "yaxis": _AXIS,
    },
    "data": {
        "bar": [{"marker": {"line": {"color": "white", "width": 0.5}}}],
    },
}


def new_figure() -> go.Figure:
    """An empty figure on :data:`TEMPLATE`.

    The template must be given when the figure is made: ``update_layout``
    would merge it into plotly's default template instead of replacing it.

    Examples
    --------
    >>> sorted(new_figure().to_dict()["layout"]["template"])
    ['data', 'layout']
    """
    import plotly.graph_objects as go

    return go.Figure(layout={"template": TEMPLATE})


def require_frame(frame: Any, name: str, columns: Iterable[str]) -> pl.DataFrame:
    """Return ``frame`` as a polars DataFrame holding ``columns``.

    Parameters
    ----------
    frame : polars or pandas DataFrame
        The user's input.
    name : str
        The parameter name, cited in errors.
    columns : iterable of str
        Columns the chart needs.

    Raises
    ------
    ParameterError
        If ``frame`` is not a data frame or lacks a column.

    Examples
    --------
    >>> require_frame(pl.DataFrame({"a": [1]}), "scores", ["b"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: scores is missing column(s) ['b']; found ['a']. Pass ...
    """
    if not isinstance(frame, pl.DataFrame):
        if type(frame).__module__.startswith("pandas"):
            frame = pl.from_pandas(frame)
        else:
            raise ParameterError(
                f"{name} must be a polars (or pandas) DataFrame; got {type(frame).__name__}"
            )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParameterError(
            f"{name} is missing column(s) {missing}; found {frame.columns}. Pass the frame "
            "returned by the matching tiekeeper function (see tiekeeper.schema.describe)."
        )
    return frame


def plot_text(value: object) -> str:
    """Make an export string safe and literal inside plotly text.

    plotly renders a small subset of HTML (``<b>``, ``<br>``, ``<a href>``) in
    titles, legends and hover labels, and decodes entities. Escaping ``&``,
    ``<`` and ``>`` shows the string exactly as written and never as markup.
    ``None`` becomes an empty string.

    Examples
    --------
    >>> plot_text("<b>Ada</b> & Co")
    '&lt;b&gt;Ada&lt;/b&gt; &amp; Co'
    >>> plot_text(None)
    ''
    """
    if value is None:
        return ""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plot_time(value: dt.date | dt.datetime | None) -> str | None:
    """A date or time as plotly reads it on a date axis (UTC, no offset).

    Examples
    --------
    >>> plot_time(dt.datetime(2024, 3, 2, 9, 30, tzinfo=dt.timezone.utc))
    '2024-03-02 09:30:00'
    >>> plot_time(dt.date(2024, 3, 2))
    '2024-03-02'
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat()


def fmt_date(value: dt.date | dt.datetime | None) -> str:
    """A date as people read it, e.g. ``12 Mar 2024``; ``never`` for None.

    Examples
    --------
    >>> fmt_date(dt.date(2024, 3, 2))
    '2 Mar 2024'
    >>> fmt_date(None)
    'never'
    """
    if value is None:
        return "never"
    return f"{value.day} {value:%b %Y}"


def fmt_days(days: float | None) -> str:
    """A number of days in words: ``3 days``, ``5 weeks``, ``7 months``, ``2.5 years``.

    Examples
    --------
    >>> [fmt_days(d) for d in (1, 20, 75, 400, None)]
    ['1 day', '3 weeks', '2 months', '1.1 years', 'unknown']
    """
    if days is None:
        return "unknown"
    if days < 14:
        n = round(days)
        return f"{n} day" if n == 1 else f"{n} days"
    if days < 60:
        return f"{round(days / 7)} weeks"
    if days < 365:
        return f"{round(days / 30.44)} months"
    return f"{days / 365.25:.1f} years"


def base_layout(
    title: str,
    *,
    xaxis_title: str | None = None,
    yaxis_title: str | None = None,
    height: int = 420,
    legend_title: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The common plotly layout: white template, system fonts, readable margins.

    Examples
    --------
    >>> base_layout("Hello", xaxis_title="Month")["xaxis"]["title"]["text"]
    'Month'
    """
    layout: dict[str, Any] = {
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "template": TEMPLATE,
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#2b2f33"},
        "height": height,
        "margin": {"l": 70, "r": 30, "t": 60, "b": 60},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "legend": {"title": {"text": legend_title or ""}},
    }
    if xaxis_title is not None:
        layout["xaxis"] = {"title": {"text": xaxis_title}}
    if yaxis_title is not None:
        layout["yaxis"] = {"title": {"text": yaxis_title}}
    if extra:
        layout.update(extra)
    return layout


def ordered(values: Sequence[str], order: Sequence[str]) -> list[str]:
    """``values`` de-duplicated, known ones in ``order`` first, others sorted after.

    Examples
    --------
    >>> ordered(["b", "x", "a"], ["a", "b"])
    ['a', 'b', 'x']
    """
    seen = set(values)
    return [v for v in order if v in seen] + sorted(seen - set(order))
