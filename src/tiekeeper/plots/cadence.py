"""The cadence scatter: each tie's usual gap against the time since you last talked.

A tie is judged against its own rhythm. On log axes the status cut-points
r = days since / usual gap = 1.5, 4 and 8 are straight diagonal lines, so the
chart shows at a glance who is on track (below the first line), cooling,
fading and lapsed (above the last one), and who is dormant (over three years).

Examples
--------
>>> import polars as pl
>>> scores = pl.DataFrame({
...     "name": ["Ada Example", "Bob Sample"], "company": ["Northwind", None],
...     "cadence_days": [10.0, 30.0], "days_since": [5.0, 300.0],
...     "status": ["on track", "lapsed"],
... })
>>> fig = cadence_scatter(scores)
>>> [t.name for t in fig.data if t.showlegend is not False]
['on track', 'lapsed']
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.plots._common import (
    STATUS_COLORS,
    STATUS_ORDER,
    base_layout,
    fmt_days,
    new_figure,
    ordered,
    plot_text,
    require_frame,
)
from tiekeeper.wording import counted

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

    from tiekeeper.scoring.params import ScoringParams

__all__ = ["cadence_scatter", "status_cutpoints"]

_DEFAULTS = (1.5, 4.0, 8.0, 3 * 365.25)
_REGIONS = (
    ("on track", "#2f8f5b"),
    ("cooling", "#d9a62e"),
    ("fading", "#e07b39"),
    ("lapsed", "#c2413b"),
)


def status_cutpoints(params: ScoringParams | None = None) -> tuple[float, float, float, float]:
    """The overdue-ratio cut-points and the dormancy age, in days, from ``params``.

    Parameters
    ----------
    params : ScoringParams, optional
        Reads ``cooling_ratio``, ``fading_ratio`` and ``lapsed_ratio`` (r = 1.5 /
        4 / 8 by default) and ``dormant_years`` (3); ``None`` gives the defaults.

    Returns
    -------
    tuple of float
        ``(on_track_max, cooling_max, fading_max, dormant_days)``.

    Examples
    --------
    >>> status_cutpoints()
    (1.5, 4.0, 8.0, 1095.75)
    """
    if params is None:
        return _DEFAULTS
    r1 = float(getattr(params, "cooling_ratio", _DEFAULTS[0]))
    r2 = float(getattr(params, "fading_ratio", _DEFAULTS[1]))
    r3 = float(getattr(params, "lapsed_ratio", _DEFAULTS[2]))
    years = getattr(params, "dormant_years", None)
    dormant = _DEFAULTS[3] if years is None else float(years) * 365.25
    return r1, r2, r3, float(dormant)


_TICKS = (
    (0.5, "today"),
    (1, "1 day"),
    (2, "2 days"),
    (7, "1 week"),
    (14, "2 weeks"),
    (30.44, "1 month"),
    (91.3, "3 months"),
    (182.6, "6 months"),
    (365.25, "1 year"),
    (730.5, "2 years"),
    (1826, "5 years"),
    (3652, "10 years"),
    (7305, "20 years"),
)


def _ticks(lo: float, hi: float) -> dict[str, Any]:
    inside = [(v, t) for v, t in _TICKS if lo <= v <= hi]
    return {"tickvals": [v for v, _ in inside], "ticktext": [t for _, t in inside]}


def _hover_rows(part: pl.DataFrame) -> list[list[str]]:
    companies = part["company"].to_list() if "company" in part.columns else [None] * part.height
    estimated = (
        part["cadence_estimated"].to_list()
        if "cadence_estimated" in part.columns
        else [False] * part.height
    )
    rows = []
    for name, company, gap, since, est in zip(
        part["name"].to_list(),
        companies,
        part["cadence_days"].to_list(),
        part["days_since"].to_list(),
        estimated,
        strict=True,
    ):
        ratio = since / gap if gap else float("nan")
        usual = f"usually every ~{fmt_days(gap)}" + (" (estimated from your rhythm)" if est else "")
        rows.append(
            [
                plot_text(name) or "(no name)",
                plot_text(company) or "no company listed",
                usual,
                f"last contact {fmt_days(since)} ago",
                f"{ratio:.1f}× the usual gap",
            ]
        )
    return rows


def cadence_scatter(scores: pl.DataFrame, *, params: ScoringParams | None = None) -> go.Figure:
    """Usual gap vs days since last contact, on log axes, with status regions shaded.

    Parameters
    ----------
    scores : polars.DataFrame
        The frame from :func:`tiekeeper.score` (needs ``name``, ``cadence_days``,
        ``days_since`` and ``status``; uses ``company``, ``strength`` and
        ``cadence_estimated`` when present). People never messaged have no
        cadence and are left out.
    params : ScoringParams, optional
        Where the status cut-points come from (defaults r = 1.5 / 4 / 8).

    Returns
    -------
    plotly.graph_objects.Figure
        Shaded regions (no legend) and one marker trace per status, with each
        person's name, company, usual gap and time since in the hover text.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> import tiekeeper
    >>> fig = cadence_scatter(tiekeeper.score(tiekeeper.load_export()))
    >>> isinstance(fig, go.Figure)
    True
    >>> [t.name for t in fig.data if t.mode == "markers"]
    ['on track', 'cooling', 'fading', 'lapsed', 'dormant']
    """
    import plotly.graph_objects as go

    frame = require_frame(scores, "scores", ["name", "cadence_days", "days_since", "status"])
    pts = frame.filter(
        pl.col("cadence_days").is_not_null()
        & pl.col("days_since").is_not_null()
        & (pl.col("cadence_days") > 0)
    ).with_columns(pl.col("days_since").clip(lower_bound=0.5).alias("_y"))
    r1, r2, r3, dormant = status_cutpoints(params)

    xs = pts["cadence_days"].to_list() or [1.0, 100.0]
    ys = pts["_y"].to_list() or [1.0, 100.0]
    x0, x1 = min(xs) / 1.6, max(xs) * 1.6
    y0 = min(min(ys) / 1.6, x0)
    y1 = max(max(ys) * 1.6, x1 * r3 * 1.6, dormant * 1.3)

    fig = new_figure()
    # On log-log axes the lines y = r·x are straight, so each status region is
    # an exact quadrilateral between two of them (y0 <= x0 and y1 >= r3·x1 by
    # construction, so no edge needs clipping).
    bands = ((0.0, r1), (r1, r2), (r2, r3), (r3, math.inf))
    for (lo, hi), (label, color) in zip(bands, _REGIONS, strict=True):
        bottom = [y0, y0] if lo == 0 else [lo * x0, lo * x1]
        top = [y1, y1] if math.isinf(hi) else [hi * x0, hi * x1]
        fig.add_trace(
            go.Scatter(
                x=[x0, x1, x1, x0, x0],
                y=[bottom[0], bottom[1], top[1], top[0], bottom[0]],
                fill="toself",
                fillcolor=color,
                opacity=0.1,
                mode="lines",
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
                name=f"{label} region",
            )
        )
    for ratio, text in (
        (r1, f"{r1:g}× usual gap"),
        (r2, f"{r2:g}×"),
        (r3, f"{r3:g}×: lapsed beyond"),
    ):
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[ratio * x0, ratio * x1],
                mode="lines",
                line={"color": "#8a9096", "width": 1, "dash": "dot"},
                hoverinfo="skip",
                showlegend=False,
                name=text,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[x0, x1],
            y=[dormant, dormant],
            mode="lines",
            line={"color": STATUS_COLORS["dormant"], "width": 1, "dash": "dash"},
            hoverinfo="skip",
            showlegend=False,
            name="dormant threshold",
        )
    )
    for status in ordered(
        pts["status"].cast(pl.String).fill_null("unknown").to_list(), STATUS_ORDER
    ):
        part = pts.filter(pl.col("status").fill_null("unknown") == status)
        sizes = (
            [6 + 0.14 * (s or 0) for s in part["strength"].to_list()]
            if "strength" in part.columns
            else 8
        )
        fig.add_trace(
            go.Scatter(
                x=part["cadence_days"].to_list(),
                y=part["_y"].to_list(),
                mode="markers",
                name=plot_text(status),
                marker={
                    "color": STATUS_COLORS.get(status, "#555555"),
                    "size": sizes,
                    "line": {"width": 0.5, "color": "white"},
                    "opacity": 0.85,
                },
                customdata=_hover_rows(part),
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}"
                    "<br>%{customdata[3]} (%{customdata[4]})<extra>%{fullData.name}</extra>"
                ),
            )
        )
    annotations = [
        {
            "x": math.log10(x1),
            "y": math.log10(r * x1),
            "text": t,
            "showarrow": False,
            "xanchor": "right",
            "yanchor": "bottom",
            "font": {"size": 11, "color": "#6b7178"},
        }
        for r, t in ((r1, f"{r1:g}× usual gap"), (r2, f"{r2:g}×"), (r3, f"{r3:g}×"))
        if r * x1 < y1
    ]
    annotations.append(
        {
            "x": math.log10(x0),
            "y": math.log10(dormant),
            "text": f"dormant: {counted(dormant / 365.25, 'year')}",
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "bottom",
            "font": {"size": 11, "color": STATUS_COLORS["dormant"]},
        }
    )
    fig.update_layout(
        **base_layout(
            "Is each relationship keeping its own rhythm?",
            height=520,
            legend_title="Status",
            extra={
                "xaxis": {
                    "type": "log",
                    "title": {"text": "Usual gap between your conversations (log scale)"},
                    "range": [math.log10(x0), math.log10(x1)],
                    **_ticks(x0, x1),
                },
                "yaxis": {
                    "type": "log",
                    "title": {"text": "Time since you last talked (log scale)"},
                    "range": [math.log10(y0), math.log10(y1)],
                    **_ticks(y0, y1),
                },
                "annotations": annotations,
            },
        )
    )
    return fig
