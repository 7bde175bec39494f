"""The career timeline: your positions as bars, with how well you kept in touch.

Each bar is one of your jobs, from start to end (a current job runs to
``as_of``). Its colour says whether contact with the colleagues of that job
survived your leaving: conversations per year since you left, compared with
while you worked together.

Examples
--------
>>> import datetime as dt
>>> import polars as pl
>>> jobs = pl.DataFrame({
...     "company": ["Northwind", "Fabrikam"], "title": ["Analyst", "Lead"],
...     "started_on": [dt.date(2015, 1, 1), dt.date(2019, 6, 1)],
...     "finished_on": [dt.date(2019, 5, 31), None],
...     "n_colleagues": [12, 4], "rate_during": [40.0, 10.0], "rate_after": [2.0, None],
... })
>>> fig = career_timeline(jobs, as_of=dt.date(2025, 1, 1))
>>> sorted(t.name for t in fig.data)
['current job', 'faded after you left (under 25% of the contact)']
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.errors import ParameterError
from tiekeeper.plots._common import base_layout, fmt_date, new_figure, plot_text, require_frame

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = ["career_timeline", "contact_category"]

_ALIASES = {
    "start": ("started_on", "start", "start_date"),
    "end": ("finished_on", "end", "end_date"),
}

#: (label, colour) per category, in legend order.
CATEGORIES: dict[str, tuple[str, str]] = {
    "kept": ("kept in touch (half or more of the contact)", "#2f8f5b"),
    "thinned": ("thinned out (25–50% of the contact)", "#d9a62e"),
    "faded": ("faded after you left (under 25% of the contact)", "#c2413b"),
    "current": ("current job", "#3a7fb0"),
    # no rate: the time together or since leaving is under rate_min_days
    "short": ("too soon or too short to compare", "#8fa3b5"),
    # colleagues found (an endorsement, their company), but no conversation then or since
    "silent": ("colleagues found, no conversations with them", "#9c8fb5"),
    "none": ("no colleagues found", "#b8bec5"),
}


def contact_category(
    rate_during: float | None, rate_after: float | None, *, is_current: bool, n_colleagues: int
) -> str:
    """Classify a job by how contact with its colleagues survived your leaving.

    A job with colleagues is never ``none`` (that is for no colleague found):
    with no conversation while together it is ``kept`` when contact began
    after you left, else ``silent``. So a bar's colour always matches its
    "2 colleagues" label.

    Examples
    --------
    >>> contact_category(40.0, 2.0, is_current=False, n_colleagues=3)
    'faded'
    >>> contact_category(10.0, 6.0, is_current=False, n_colleagues=3)
    'kept'
    >>> contact_category(None, None, is_current=False, n_colleagues=0)
    'none'
    >>> contact_category(40.0, None, is_current=False, n_colleagues=3)  # left 16 days ago
    'short'
    >>> contact_category(0.0, 0.0, is_current=False, n_colleagues=2)
    'silent'
    >>> contact_category(0.0, 1.5, is_current=False, n_colleagues=2)
    'kept'
    """
    if is_current:
        return "current"
    if n_colleagues <= 0:
        return "none"
    if rate_during is None or rate_after is None:  # a window too short for a rate
        return "short"
    if not rate_during:
        return "kept" if rate_after else "silent"
    share = (rate_after or 0.0) / rate_during
    if share >= 0.5:
        return "kept"
    return "thinned" if share >= 0.25 else "faded"


def _column(frame: pl.DataFrame, key: str) -> str:
    for name in _ALIASES[key]:
        if name in frame.columns:
            return name
    raise ParameterError(
        f"career_frame has no {key} date column; expected one of {list(_ALIASES[key])}, "
        f"found {frame.columns}. Pass the frame from tiekeeper.career(export)."
    )


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def career_timeline(career_frame: pl.DataFrame, *, as_of: AsOf = None) -> go.Figure:
    """A Gantt chart of your positions, coloured by contact kept with their colleagues.

    Parameters
    ----------
    career_frame : polars.DataFrame
        The frame from :func:`tiekeeper.career` (one row per position:
        ``company``, ``title``, start and end dates; ``n_colleagues``,
        ``rate_during`` and ``rate_after`` in conversations per year when present).
    as_of : date, datetime or str, optional
        Where a current job's bar ends; defaults to the latest date in the frame.

    Returns
    -------
    plotly.graph_objects.Figure
        Horizontal bars (one trace per category, so the legend explains the
        colours); the hover gives dates, the colleagues found and the contact
        per year while together vs since you left.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> import tiekeeper
    >>> fig = career_timeline(tiekeeper.career(tiekeeper.load_export()))
    >>> isinstance(fig, go.Figure), len(fig.data)
    (True, 3)
    >>> fig.data[-1].name
    'current job'
    """
    import plotly.graph_objects as go

    frame = require_frame(career_frame, "career_frame", ["company", "title"])
    start_col, end_col = _column(frame, "start"), _column(frame, "end")
    frame = frame.filter(pl.col(start_col).is_not_null()).sort(start_col)
    ends = [_as_date(v) for v in frame[end_col].to_list()]
    starts = [_as_date(v) for v in frame[start_col].to_list()]
    if as_of is not None:
        stop = resolve_as_of(as_of).date()
    else:
        # never the wall clock: a current job runs to the latest date we know
        stop = max([d for d in ends + starts if d is not None], default=dt.date(1970, 1, 1))

    n_col = frame["n_colleagues"].to_list() if "n_colleagues" in frame.columns else None
    during = frame["rate_during"].to_list() if "rate_during" in frame.columns else None
    after = frame["rate_after"].to_list() if "rate_after" in frame.columns else None
    current = frame["is_current"].to_list() if "is_current" in frame.columns else None

    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in CATEGORIES}
    for i, (company, title) in enumerate(zip(frame["company"], frame["title"], strict=True)):
        start, end = starts[i], ends[i]
        if start is None:
            continue
        is_current = bool(current[i]) if current is not None else end is None
        bar_end = end if end is not None and not is_current else max(stop, start)
        n = int(n_col[i] or 0) if n_col is not None else 0
        rd = during[i] if during is not None else None
        ra = after[i] if after is not None else None
        cat = contact_category(rd, ra, is_current=is_current, n_colleagues=n)
        years = f"{start.year}–{'now' if is_current else bar_end.year}"
        label = (
            f"{plot_text(title) or 'Role'} · {plot_text(company) or 'unknown company'} ({years})"
        )
        rows[cat].append(
            {
                "label": label,
                "start": start,
                "end": bar_end,
                "text": f"{n} colleague{'s' if n != 1 else ''}",
                "hover": [
                    label,
                    f"{fmt_date(start)} – {'today' if is_current else fmt_date(end)}",
                    f"{n} likely colleague{'s' if n != 1 else ''} in your network",
                    "—" if rd is None else f"{rd:.1f}",
                    "still working together"
                    if is_current
                    else ("—" if ra is None else f"{ra:.1f}"),
                ],
            }
        )
    fig = new_figure()
    order = [r["label"] for cat in rows.values() for r in cat]
    for cat, items in rows.items():
        if not items:
            continue
        name, color = CATEGORIES[cat]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[r["label"] for r in items],
                base=[r["start"].isoformat() for r in items],
                x=[(r["end"] - r["start"]).days * 86_400_000 for r in items],
                name=name,
                marker={"color": color},
                text=[r["text"] for r in items],
                textposition="inside",
                insidetextanchor="start",
                customdata=[r["hover"] for r in items],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br>"
                    "conversations per year with them: %{customdata[3]} while together, "
                    "%{customdata[4]} since you left<extra></extra>"
                ),
            )
        )
    chronological = sorted(order, key=lambda lab: _first_start(rows, lab))
    fig.update_layout(
        **base_layout(
            "Your jobs, and whether you kept in touch with the people there",
            height=max(300, 130 + 46 * len(order)),
            legend_title="Contact since you left",
            extra={
                "barmode": "overlay",
                "xaxis": {"type": "date"},
                "yaxis": {
                    "categoryorder": "array",
                    "categoryarray": chronological[::-1],
                    "automargin": True,
                },
                "legend": {"orientation": "h", "y": -0.22, "yanchor": "top", "title": {"text": ""}},
                "margin": {"l": 70, "r": 30, "t": 60, "b": 90},
            },
        )
    )
    return fig


def _first_start(rows: dict[str, list[dict[str, Any]]], label: str) -> dt.date:
    return min(r["start"] for items in rows.values() for r in items if r["label"] == label)
