"""How strength is spread over your network, coloured by tier.

Most people in a real export sit at a strength near 0 (never messaged, or
not for years): one bar then dwarfs the rest. When the tallest bar is
:data:`LOG_RATIO` times the median bar or more, the count axis turns
logarithmic (1, 10, 100, …) so every bar stays readable.

Examples
--------
>>> import polars as pl
>>> scores = pl.DataFrame({"strength": [3.0, 4.0, 72.0], "tier": ["latent", "latent", "core"]})
>>> fig = strength_distribution(scores)
>>> [(t.name, list(t.y)) for t in fig.data]
[('core', [1]), ('latent', [2])]
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.plots._common import (
    TIER_COLORS,
    TIER_ORDER,
    base_layout,
    new_figure,
    ordered,
    plot_text,
    require_frame,
)

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

__all__ = ["LOG_RATIO", "strength_bins", "strength_distribution", "wants_log_axis"]

#: The count axis is logarithmic when the tallest bar is this many times the median bar.
LOG_RATIO = 10.0

_TIER_WORDS = {
    "core": "your top 5",
    "close": "the next 10",
    "active": "ranks 16–50",
    "wider": "ranks 51–150",
    "latent": "everyone else",
}


def strength_bins(scores: pl.DataFrame, *, bin_width: float = 5.0) -> pl.DataFrame:
    """Count people per strength bin and tier (the data behind the histogram).

    Parameters
    ----------
    scores : polars.DataFrame
        Needs ``strength`` (0–100) and ``tier``.
    bin_width : float
        Width of a bin in strength points; must divide into (0, 100].

    Returns
    -------
    polars.DataFrame
        ``tier``, ``lo`` (bin start), ``n``.

    Examples
    --------
    >>> s = pl.DataFrame({"strength": [0.0, 4.9, 5.0, 100.0], "tier": ["latent"] * 4})
    >>> strength_bins(s).rows()
    [('latent', 0.0, 2), ('latent', 5.0, 1), ('latent', 95.0, 1)]
    """
    if not 0 < bin_width <= 100:
        raise ParameterError(f"bin_width={bin_width!r} must be in (0, 100] strength points")
    frame = require_frame(scores, "scores", ["strength", "tier"])
    top = 100.0 - bin_width
    return (
        frame.filter(pl.col("strength").is_not_null())
        .with_columns(
            ((pl.col("strength") / bin_width).floor() * bin_width).clip(0.0, top).alias("lo"),
            pl.col("tier").cast(pl.String).fill_null("unknown"),
        )
        .group_by("tier", "lo")
        .agg(pl.len().cast(pl.Int64).alias("n"))
        .sort("tier", "lo")
    )


def wants_log_axis(bins: pl.DataFrame, ratio: float = LOG_RATIO) -> bool:
    """Whether one bar dwarfs the others: the tallest is ``ratio`` times the median or more.

    Bars are the stacked totals per bin of :func:`strength_bins` (empty bins
    are not bars).

    Examples
    --------
    >>> s = pl.DataFrame({"strength": [0.0] * 50 + [20.0, 40.0, 60.0], "tier": ["latent"] * 53})
    >>> wants_log_axis(strength_bins(s))
    True
    >>> wants_log_axis(strength_bins(s.tail(3)))
    False
    """
    totals = sorted(bins.group_by("lo").agg(pl.col("n").sum())["n"].to_list())
    if len(totals) < 2:
        return False
    median = totals[(len(totals) - 1) // 2]
    return totals[-1] >= ratio * median


def strength_distribution(scores: pl.DataFrame, *, bin_width: float = 5.0) -> go.Figure:
    """Histogram of strength (0–100), stacked by tier (side by side on a log axis).

    Parameters
    ----------
    scores : polars.DataFrame
        The frame from :func:`tiekeeper.score` (``strength`` and ``tier``).
    bin_width : float
        Bin width in strength points (default 5).

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per tier (core first), hover: the range, count and tier.
        The count axis is logarithmic when one bar dwarfs the rest
        (:func:`wants_log_axis`); the tiers of a bin then stand side by side
        instead of stacked, so each bar's height is its own count.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> import tiekeeper
    >>> fig = strength_distribution(tiekeeper.score(tiekeeper.load_export()))
    >>> isinstance(fig, go.Figure)
    True
    >>> [t.name for t in fig.data]
    ['core', 'close', 'active', 'wider', 'latent']
    """
    import plotly.graph_objects as go

    bins = strength_bins(scores, bin_width=bin_width)
    log = wants_log_axis(bins)
    tiers = ordered(bins["tier"].unique().to_list(), TIER_ORDER)
    # On a log axis a stacked segment's length says nothing about its count, so the
    # tiers of a bin then stand side by side, each bar from the axis up.
    rank = {t: i for i, t in enumerate(tiers)}
    placed = (
        bins.with_columns(_r=pl.col("tier").replace_strict(rank, return_dtype=pl.Int64))
        .sort("lo", "_r")
        .with_columns(
            _i=pl.int_range(pl.len()).over("lo"),
            _k=pl.len().over("lo") if log else pl.lit(1),
        )
        .with_columns(_w=bin_width * 0.95 / pl.col("_k"))
        .with_columns(
            _x=pl.col("lo") + bin_width * 0.025 + (pl.col("_i") + 0.5) * pl.col("_w")
            if log
            else pl.col("lo") + bin_width / 2
        )
    )
    fig = new_figure()
    for tier in tiers:
        part = placed.filter(pl.col("tier") == tier).sort("lo")
        los = part["lo"].to_list()
        fig.add_trace(
            go.Bar(
                x=part["_x"].to_list(),
                y=part["n"].to_list(),
                width=part["_w"].to_list() if log else bin_width * 0.95,
                name=plot_text(tier),
                marker={"color": TIER_COLORS.get(tier, "#999999")},
                customdata=[
                    [f"{lo:g}–{lo + bin_width:g}", plot_text(tier), _TIER_WORDS.get(tier, "")]
                    for lo in los
                ],
                hovertemplate=(
                    "Strength %{customdata[0]}: %{y} people<br>"
                    "tier <b>%{customdata[1]}</b> (%{customdata[2]})<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        **base_layout(
            "How strong are your relationships?",
            xaxis_title="Strength (0 = no recent contact, 100 = very strong)",
            yaxis_title="People",
            legend_title="Tier",
            extra={"barmode": "overlay" if log else "stack", "bargap": 0.05},
        )
    )
    fig.update_xaxes(range=[0, 100])
    if log:
        top = max(bins["n"].to_list(), default=1)
        # from just under 1, so a bar of one person still shows; ticks at 1, 10, 100, …
        fig.update_yaxes(
            type="log",
            range=[-0.15, math.log10(top) + 0.15],
            dtick=1,
            title_text="People (log scale)",
        )
    return fig
