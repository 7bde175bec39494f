"""Interactions per month (or week, quarter, year), stacked by direction.

The first chart of the report and of notebook 01: how much happened with
your network over time, and how much of it you started.

Examples
--------
>>> import datetime as dt
>>> import polars as pl
>>> utc = dt.timezone.utc
>>> events = pl.DataFrame({
...     "time": [dt.datetime(2024, 1, 5, tzinfo=utc), dt.datetime(2024, 1, 9, tzinfo=utc),
...              dt.datetime(2024, 3, 1, tzinfo=utc)],
...     "direction": ["out", "in", "out"],
...     "kind": ["message", "message", "endorsement"],
... })
>>> fig = timeline(events)
>>> [(t.name, list(t.y)) for t in fig.data]
[('From you', [1, 1]), ('To you', [1])]
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Protocol

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.errors import ParameterError
from tiekeeper.plots._common import (
    DIRECTION_LABELS,
    base_layout,
    new_figure,
    ordered,
    require_frame,
)

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = ["FREQUENCIES", "period_label", "timeline", "timeline_counts"]

#: Accepted ``freq`` values and how the axis names them.
FREQUENCIES: dict[str, str] = {"1w": "Week", "1mo": "Month", "3mo": "Quarter", "1y": "Year"}

_COLORS = {"out": "#2f6f9f", "in": "#7fb89a", "unknown": "#c5cad0"}


class _HasInteractions(Protocol):
    interactions: pl.DataFrame
    as_of: dt.datetime


def _frame_and_as_of(obj: Any, as_of: AsOf) -> tuple[pl.DataFrame, dt.datetime | None]:
    if hasattr(obj, "interactions") and hasattr(obj, "as_of"):
        frame = require_frame(obj.interactions, "export.interactions", ["time", "direction"])
        return frame, resolve_as_of(as_of, obj.as_of)
    frame = require_frame(obj, "export_or_interactions", ["time", "direction"])
    return frame, (None if as_of is None else resolve_as_of(as_of))


def period_label(start: dt.datetime | dt.date, freq: str) -> str:
    """How a period is named in hover text.

    Examples
    --------
    >>> d = dt.date(2024, 3, 4)
    >>> [period_label(d, f) for f in ("1w", "1mo", "3mo", "1y")]
    ['week of 4 Mar 2024', 'March 2024', 'Q1 2024', '2024']
    """
    if freq == "1w":
        return f"week of {start.day} {start:%b %Y}"
    if freq == "3mo":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if freq == "1y":
        return str(start.year)
    return f"{start:%B %Y}"


def timeline_counts(
    export_or_interactions: _HasInteractions | pl.DataFrame,
    *,
    as_of: AsOf = None,
    freq: str = "1mo",
) -> pl.DataFrame:
    """Count interactions per period and direction (the data behind :func:`timeline`).

    Parameters
    ----------
    export_or_interactions : Export or DataFrame
        An :class:`~tiekeeper.io.Export`, or a frame with ``time`` and
        ``direction`` (and optionally ``kind``) such as ``export.interactions``.
    as_of : date, datetime or str, optional
        Events after it are left out. Defaults to the export's ``as_of``
        (for a bare frame: keep everything).
    freq : {"1w", "1mo", "3mo", "1y"}
        The bar width.

    Returns
    -------
    polars.DataFrame
        ``period`` (start, UTC), ``direction``, ``n`` (events) and
        ``messages`` (of which messages), sorted by period and direction.

    Examples
    --------
    >>> import datetime as dt
    >>> t = dt.datetime(2024, 5, 17, tzinfo=dt.timezone.utc)
    >>> timeline_counts(pl.DataFrame({"time": [t], "direction": ["in"]}), freq="1y").row(0)[1:]
    ('in', 1, 0)
    """
    if freq not in FREQUENCIES:
        raise ParameterError(
            f"freq={freq!r} is not a supported bar width; expected one of {sorted(FREQUENCIES)}"
        )
    frame, cutoff = _frame_and_as_of(export_or_interactions, as_of)
    if cutoff is not None:
        frame = frame.filter(pl.col("time") <= cutoff)
    is_msg = (pl.col("kind") == "message") if "kind" in frame.columns else pl.lit(False)
    return (
        frame.filter(pl.col("time").is_not_null())
        .with_columns(
            pl.col("time").dt.truncate(freq).alias("period"),
            pl.col("direction").fill_null("unknown"),
            is_msg.fill_null(False).alias("_msg"),
        )
        .group_by("period", "direction")
        .agg(
            pl.len().cast(pl.Int64).alias("n"),
            pl.col("_msg").sum().cast(pl.Int64).alias("messages"),
        )
        .sort("period", "direction")
    )


def timeline(
    export_or_interactions: _HasInteractions | pl.DataFrame,
    *,
    as_of: AsOf = None,
    freq: str = "1mo",
) -> go.Figure:
    """Stacked bars of interactions per period: from you, to you, and unknown direction.

    Parameters
    ----------
    export_or_interactions : Export or DataFrame
        An :class:`~tiekeeper.io.Export` or its ``interactions`` frame.
    as_of : date, datetime or str, optional
        Leave out later events (defaults to the export's ``as_of``).
    freq : {"1w", "1mo", "3mo", "1y"}
        The bar width (default one month).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per direction, named for people ("From you", "To you" …),
        with the period and the number of messages in the hover text.

    Raises
    ------
    ParameterError
        For an unknown ``freq`` or a frame without ``time`` / ``direction``.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> import tiekeeper
    >>> fig = timeline(tiekeeper.load_export(), freq="1y")
    >>> isinstance(fig, go.Figure)
    True
    >>> [t.name for t in fig.data]
    ['From you', 'To you', 'Direction unknown (e.g. connected)']
    """
    import plotly.graph_objects as go

    counts = timeline_counts(export_or_interactions, as_of=as_of, freq=freq)
    unit = FREQUENCIES[freq]
    fig = new_figure()
    for direction in ordered(counts["direction"].unique().to_list(), list(DIRECTION_LABELS)):
        part = counts.filter(pl.col("direction") == direction)
        label = DIRECTION_LABELS.get(direction, direction)
        periods = part["period"].to_list()
        custom = [
            [period_label(p, freq), m]
            for p, m in zip(periods, part["messages"].to_list(), strict=True)
        ]
        fig.add_trace(
            go.Bar(
                x=[p.strftime("%Y-%m-%d") for p in periods],
                y=part["n"].to_list(),
                name=label,
                marker={"color": _COLORS.get(direction, "#999999")},
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>"
                    + label
                    + ": %{y}<br>of which messages: %{customdata[1]}"
                    + "<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        **base_layout(
            f"Your LinkedIn interactions per {unit.lower()}",
            xaxis_title=unit,
            yaxis_title="Interactions",
            legend_title="Who started it",
            extra={"barmode": "stack", "bargap": 0.15},
        )
    )
    if counts.is_empty():
        fig.add_annotation(
            text="No interactions before this date",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
        )
    return fig
