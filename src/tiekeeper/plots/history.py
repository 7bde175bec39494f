"""Strength over time for a few people, with their interactions marked.

This is where decay becomes visible: each conversation lifts the line, and
between conversations it sinks with the half-life. The input is the long
frame from :func:`tiekeeper.strength_history`; the markers come from the
export's ``interactions``.

Examples
--------
>>> import datetime as dt
>>> import polars as pl
>>> utc = dt.timezone.utc
>>> hist = pl.DataFrame({
...     "person_id": ["a", "a", "b"], "name": ["Ada Example", "Ada Example", "Bob Sample"],
...     "time": [dt.datetime(2024, m, 1, tzinfo=utc) for m in (1, 2, 1)],
...     "strength": [40.0, 35.0, 10.0],
... })
>>> fig = strength_history_figure(hist)
>>> [t.name for t in fig.data]
['Ada Example', 'Bob Sample']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from tiekeeper.plots._common import (
    PEOPLE_COLORS,
    base_layout,
    fmt_date,
    new_figure,
    plot_text,
    plot_time,
    require_frame,
)

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = ["strength_history_figure"]

_SYMBOLS = {"out": "triangle-up", "in": "triangle-down"}
_DIRECTION_WORDS = {"out": "from you", "in": "to you"}


def _event_points(line: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """Place each event on its person's line (the nearest sampled value)."""
    ev = events.select(
        pl.col("time").cast(line["time"].dtype),
        pl.col("kind") if "kind" in events.columns else pl.lit("interaction").alias("kind"),
        pl.col("direction") if "direction" in events.columns else pl.lit(None).alias("direction"),
    ).sort("time")
    return ev.join_asof(line.select("time", "strength").sort("time"), on="time", strategy="nearest")


def strength_history_figure(
    history: pl.DataFrame, *, events: pl.DataFrame | None = None, title: str | None = None
) -> go.Figure:
    """Draw strength (0–100) over time, one line per person, with interactions marked.

    Parameters
    ----------
    history : polars.DataFrame
        Long frame with ``person_id``, ``time`` and ``strength`` (and ``name``),
        as returned by :func:`tiekeeper.strength_history`.
    events : polars.DataFrame, optional
        Interactions to mark (``person_id``, ``time``; ``kind`` and
        ``direction`` when present), e.g. ``export.interactions``. Only the
        people in ``history`` and times within its span are drawn. Upward
        triangles are messages from you, downward ones messages to you.
    title : str, optional
        Defaults to a plain-English title.

    Returns
    -------
    plotly.graph_objects.Figure
        A line trace per person (named for the person) and, with ``events``,
        a marker trace per person in the same colour, sharing its legend entry.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> import tiekeeper
    >>> export = tiekeeper.load_export()
    >>> two = tiekeeper.score(export)["person_id"][:2]
    >>> history = tiekeeper.strength_history(export, two)
    >>> fig = strength_history_figure(history)
    >>> isinstance(fig, go.Figure), len(fig.data)
    (True, 2)
    >>> len(strength_history_figure(history, events=export.interactions).data)
    4
    """
    import plotly.graph_objects as go

    hist = require_frame(history, "history", ["person_id", "time", "strength"])
    if "name" not in hist.columns:
        hist = hist.with_columns(pl.col("person_id").alias("name"))
    ev_frame = None
    if events is not None:
        ev_frame = require_frame(events, "events", ["person_id", "time"])

    fig = new_figure()
    people = hist.group_by("person_id", maintain_order=True).agg(pl.col("name").last())
    for i, (pid, name) in enumerate(people.iter_rows()):
        color = PEOPLE_COLORS[i % len(PEOPLE_COLORS)]
        line = hist.filter(pl.col("person_id") == pid).sort("time")
        label = plot_text(name) or plot_text(pid)
        fig.add_trace(
            go.Scatter(
                x=[plot_time(t) for t in line["time"].to_list()],
                y=line["strength"].to_list(),
                mode="lines",
                name=label,
                legendgroup=str(i),
                line={"color": color, "width": 2.2, "shape": "linear"},
                customdata=[[label, fmt_date(t)] for t in line["time"].to_list()],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}: strength %{y:.0f}/100"
                    "<extra></extra>"
                ),
            )
        )
        if ev_frame is None or line.is_empty():
            continue
        start, end = line["time"].min(), line["time"].max()
        mine = ev_frame.filter(pl.col("person_id") == pid)
        if mine.is_empty():
            continue
        pts = _event_points(line, mine).filter(pl.col("time").is_between(start, end))
        if pts.is_empty():
            continue
        directions = pts["direction"].to_list()
        fig.add_trace(
            go.Scatter(
                x=[plot_time(t) for t in pts["time"].to_list()],
                y=pts["strength"].to_list(),
                mode="markers",
                name=f"{label}: interactions",
                legendgroup=str(i),
                showlegend=False,
                marker={
                    "color": color,
                    "size": 9,
                    "symbol": [_SYMBOLS.get(d or "", "circle") for d in directions],
                    "line": {"width": 1, "color": "white"},
                },
                customdata=[
                    [label, plot_text(k), _DIRECTION_WORDS.get(d or "", ""), fmt_date(t)]
                    for k, d, t in zip(
                        pts["kind"].to_list(), directions, pts["time"].to_list(), strict=True
                    )
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]} %{customdata[2]}"
                    "<br>%{customdata[3]}<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        **base_layout(
            title or "Strength over time: each conversation lifts it, silence lets it decay",
            xaxis_title="Date",
            yaxis_title="Strength (0–100)",
            legend_title="Person",
            extra={"hovermode": "closest"},
        )
    )
    fig.update_yaxes(range=[0, 100])
    return fig
