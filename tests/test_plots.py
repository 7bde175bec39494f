"""Tests of tiekeeper.plots on small hand-built frames (trace names, counts, hover)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiekeeper import plots
from tiekeeper.errors import ParameterError
from tiekeeper.plots._common import fmt_days, plot_text, require_frame
from tiekeeper.plots.cadence import status_cutpoints
from tiekeeper.plots.career import contact_category
from tiekeeper.plots.distribution import strength_bins
from tiekeeper.plots.timeline import timeline_counts

UTC = dt.UTC
HOSTILE = '<img src=x onerror="window.__pwned=1">'


def t(y: int, m: int, d: int, h: int = 12) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=UTC)


def interactions() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person_id": ["a", "a", "b", "b", "c", "a"],
            "time": [
                t(2024, 1, 3),
                t(2024, 1, 20),
                t(2024, 1, 21),
                t(2024, 3, 2),
                t(2024, 3, 9),
                t(2024, 5, 1),
            ],
            "kind": ["message", "message", "endorsement", "message", "connection", "message"],
            "direction": ["out", "in", "in", "out", "unknown", "out"],
        }
    )


@dataclasses.dataclass
class FakeExport:
    interactions: pl.DataFrame
    as_of: dt.datetime


def legend_traces(fig: object) -> list[object]:
    return [tr for tr in fig.data if tr.showlegend is not False]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- timeline
def test_timeline_stacks_by_direction_per_month() -> None:
    fig = plots.timeline(interactions())
    # Jan: out 1 (a 3rd), in 2 (a 20th message, b 21st endorsement); Mar: out 1, unknown 1;
    # May: out 1.
    by_name = {tr.name: (list(tr.x), list(tr.y)) for tr in fig.data}
    assert by_name["From you"] == (["2024-01-01", "2024-03-01", "2024-05-01"], [1, 1, 1])
    assert by_name["To you"] == (["2024-01-01"], [2])
    assert by_name["Direction unknown (e.g. connected)"] == (["2024-03-01"], [1])
    assert fig.data[0].name == "From you"
    assert fig.layout.barmode == "stack"
    # hover: the period in words and how many were messages (1 of the 2 in January)
    to_you = next(tr for tr in fig.data if tr.name == "To you")
    assert list(to_you.customdata[0]) == ["January 2024", 1]
    assert "To you" in to_you.hovertemplate


def test_timeline_from_export_uses_its_as_of_and_freq() -> None:
    export = FakeExport(interactions(), t(2024, 3, 5))
    counts = timeline_counts(export, freq="1y")
    # events up to 5 Mar: Jan out, Jan in, Jan in, Mar 2 out -> 2 out, 2 in in 2024
    assert counts.select("direction", "n").rows() == [("in", 2), ("out", 2)]
    fig = plots.timeline(export, as_of="2024-12-31", freq="3mo")
    assert sum(sum(tr.y) for tr in fig.data) == 6
    assert fig.layout.xaxis.title.text == "Quarter"


def test_timeline_rejects_bad_freq_and_frames() -> None:
    with pytest.raises(ParameterError, match=r"freq='2d'.*expected one of"):
        plots.timeline(interactions(), freq="2d")
    with pytest.raises(ParameterError, match=r"missing column\(s\) \['direction'\]"):
        plots.timeline(pl.DataFrame({"time": [t(2024, 1, 1)]}))
    with pytest.raises(ParameterError, match="must be a polars"):
        plots.timeline([1, 2, 3])  # type: ignore[arg-type]


def test_timeline_empty_says_so() -> None:
    fig = plots.timeline(interactions(), as_of=dt.date(2020, 1, 1))
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == "No interactions before this date"


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2000), st.sampled_from(["out", "in", "unknown", None])),
        max_size=60,
    ),
    st.integers(0, 2000),
    st.sampled_from(["1w", "1mo", "3mo", "1y"]),
)
def test_timeline_counts_every_event_up_to_as_of(events, cutoff, freq) -> None:  # type: ignore[no-untyped-def]
    base = t(2020, 1, 1, 0)
    frame = pl.DataFrame(
        {
            "time": [base + dt.timedelta(days=d) for d, _ in events],
            "direction": [d for _, d in events],
        },
        schema={"time": pl.Datetime("us", "UTC"), "direction": pl.String},
    )
    as_of = base + dt.timedelta(days=cutoff)
    counts = timeline_counts(frame, as_of=as_of, freq=freq)
    assert counts["n"].sum() == sum(1 for d, _ in events if d <= cutoff)
    # periods are bar starts: never after the event they hold
    assert all(p <= as_of for p in counts["period"].to_list())


# ----------------------------------------------------------------- cadence
def scores() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "name": ["Ada Example", "Bob Sample", HOSTILE, "Dan Demo"],
            "company": ["Northwind", None, "Contoso & Co", "Fabrikam"],
            "cadence_days": [10.0, 30.0, 20.0, None],
            "days_since": [5.0, 300.0, 100.0, None],
            "status": ["on track", "lapsed", "fading", "never interacted"],
            "strength": [80.0, 10.0, 30.0, 0.0],
            "tier": ["core", "wider", "active", "latent"],
            "cadence_estimated": [False, True, False, None],
        }
    )


def test_cadence_scatter_points_and_hover() -> None:
    fig = plots.cadence_scatter(scores())
    pts = legend_traces(fig)
    # Dan has no cadence (never messaged): left out; order follows the status order
    assert [tr.name for tr in pts] == ["on track", "fading", "lapsed"]
    lapsed = pts[2]
    assert list(lapsed.x) == [30.0] and list(lapsed.y) == [300.0]
    hover = list(lapsed.customdata[0])
    assert hover[0] == "Bob Sample"
    assert hover[1] == "no company listed"
    assert "estimated from your rhythm" in hover[2]
    # 300 / 30 = 10.0 times the usual gap
    assert hover[4] == "10.0× the usual gap"
    fading = pts[1]
    assert fading.customdata[0][0] == '&lt;img src=x onerror="window.__pwned=1"&gt;'
    assert fading.customdata[0][1] == "Contoso &amp; Co"
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"


def test_cadence_scatter_regions_follow_params() -> None:
    @dataclasses.dataclass(frozen=True)
    class Params:
        cooling_ratio: float = 2.0
        fading_ratio: float = 5.0
        lapsed_ratio: float = 10.0
        dormant_years: float = 2.0

    assert status_cutpoints(Params()) == (2.0, 5.0, 10.0, 730.5)
    from tiekeeper.scoring.params import ScoringParams

    assert status_cutpoints(ScoringParams()) == (1.5, 4.0, 8.0, 1095.75)
    fig = plots.cadence_scatter(scores(), params=Params())
    regions = [tr for tr in fig.data if tr.fill == "toself"]
    assert [tr.name for tr in regions] == [
        "on track region",
        "cooling region",
        "fading region",
        "lapsed region",
    ]
    # the cooling band lies between y = 2x and y = 5x at both ends of the x range
    x0, x1 = regions[1].x[0], regions[1].x[1]
    assert regions[1].y[:4] == pytest.approx((2 * x0, 2 * x1, 5 * x1, 5 * x0))
    dormant = next(tr for tr in fig.data if tr.name == "dormant threshold")
    assert list(dormant.y) == [730.5, 730.5]
    assert fig.layout.annotations[-1].text == "dormant: 2 years"


def test_cadence_scatter_clips_today_for_log_axis() -> None:
    frame = scores().with_columns(pl.Series("days_since", [0.0, 300.0, 100.0, None]))
    fig = plots.cadence_scatter(frame)
    on_track = legend_traces(fig)[0]
    assert list(on_track.y) == [0.5]  # 0 days would be -inf on a log axis


# ----------------------------------------------------------------- history
def history() -> pl.DataFrame:
    rows = []
    for pid, name, top in (("a", "Ada Example", 60.0), ("b", HOSTILE, 30.0)):
        for w in range(10):
            rows.append((pid, name, t(2024, 1, 1, 0) + dt.timedelta(weeks=w), top - 3 * w))
    return pl.DataFrame(
        rows,
        schema={
            "person_id": pl.String,
            "name": pl.String,
            "time": pl.Datetime("us", "UTC"),
            "strength": pl.Float64,
        },
        orient="row",
    )


def test_strength_history_lines_and_events() -> None:
    events = pl.DataFrame(
        {
            "person_id": ["a", "a", "b", "z", "a"],
            # the last event lies after the history span and is not drawn; z is not charted
            "time": [
                t(2024, 1, 8, 1),
                t(2024, 1, 29, 23),
                t(2024, 1, 15),
                t(2024, 1, 2),
                t(2024, 6, 1),
            ],
            "kind": ["message", "message", "endorsement", "message", "message"],
            "direction": ["out", "in", "in", "out", "out"],
        }
    )
    fig = plots.strength_history_figure(history(), events=events, title="Two people")
    names = [tr.name for tr in fig.data]
    escaped = '&lt;img src=x onerror="window.__pwned=1"&gt;'
    assert names == [
        "Ada Example",
        "Ada Example: interactions",
        escaped,
        f"{escaped}: interactions",
    ]
    ada_events = fig.data[1]
    # 8 Jan 01:00 is nearest the week-1 sample (60 - 3 = 57); 29 Jan 23:00 nearest week 4 (48)
    assert list(ada_events.y) == [57.0, 48.0]
    assert list(ada_events.marker.symbol) == ["triangle-up", "triangle-down"]
    assert list(ada_events.customdata[1]) == ["Ada Example", "message", "to you", "29 Jan 2024"]
    assert fig.data[1].legendgroup == fig.data[0].legendgroup
    assert fig.layout.title.text == "Two people"
    assert tuple(fig.layout.yaxis.range) == (0, 100)


def test_strength_history_without_names_or_events() -> None:
    fig = plots.strength_history_figure(history().drop("name"))
    assert [tr.name for tr in fig.data] == ["a", "b"]
    assert len(fig.data[0].x) == 10


# ------------------------------------------------------------------ career
def jobs() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "company": ["Northwind", "Fabrikam", "Contoso"],
            "title": ["Analyst", "Lead", HOSTILE],
            "started_on": [dt.date(2015, 1, 1), dt.date(2019, 6, 1), dt.date(2012, 1, 1)],
            "finished_on": [dt.date(2019, 5, 31), None, dt.date(2014, 12, 31)],
            "is_current": [False, True, False],
            "n_colleagues": [12, 4, 0],
            "rate_during": [40.0, 10.0, None],
            "rate_after": [2.0, None, None],
        }
    )


def test_career_timeline_bars() -> None:
    fig = plots.career_timeline(jobs(), as_of=dt.date(2025, 3, 14))
    by_name = {tr.name: tr for tr in fig.data}
    faded = by_name["faded after you left (under 25% of the contact)"]
    assert list(faded.y) == ["Analyst · Northwind (2015–2019)"]
    assert list(faded.base) == ["2015-01-01"]
    # 2015-01-01 .. 2019-05-31 is 1611 days
    assert list(faded.x) == [1611 * 86_400_000]
    assert list(faded.customdata[0][3:]) == ["40.0", "2.0"]
    current = by_name["current job"]
    # the current job runs to as_of: 2019-06-01 .. 2025-03-14 is 2113 days
    assert list(current.x) == [2113 * 86_400_000]
    assert current.customdata[0][4] == "still working together"
    none = by_name["no colleagues found"]
    assert none.y[0].startswith("&lt;img src=x")
    # earliest job on top: the category array is reversed chronology
    assert list(fig.layout.yaxis.categoryarray)[-1].endswith("(2012–2014)")


def test_career_category_thresholds() -> None:
    # share = after / during: 0.5 -> kept, 0.25 -> thinned, just under -> faded
    assert contact_category(10.0, 5.0, is_current=False, n_colleagues=1) == "kept"
    assert contact_category(10.0, 2.5, is_current=False, n_colleagues=1) == "thinned"
    assert contact_category(10.0, 2.49, is_current=False, n_colleagues=1) == "faded"
    # no rate after leaving: career() gives none for a window under rate_min_days (too soon)
    assert contact_category(10.0, None, is_current=False, n_colleagues=1) == "short"
    assert contact_category(None, 2.0, is_current=False, n_colleagues=1) == "short"
    assert contact_category(10.0, 1.0, is_current=True, n_colleagues=1) == "current"


def test_career_timeline_needs_dates() -> None:
    with pytest.raises(ParameterError, match=r"no start date column; expected one of"):
        plots.career_timeline(pl.DataFrame({"company": ["A"], "title": ["B"]}))


# ------------------------------------------------------------ distribution
def test_strength_distribution_by_tier() -> None:
    fig = plots.strength_distribution(scores())
    by_name = {tr.name: (list(tr.x), list(tr.y)) for tr in fig.data}
    # 80 -> bin 80–85 (centre 82.5); 10 -> 10–15; 30 -> 30–35; 0 -> 0–5
    assert by_name == {
        "core": ([82.5], [1]),
        "active": ([32.5], [1]),
        "wider": ([12.5], [1]),
        "latent": ([2.5], [1]),
    }
    assert [tr.name for tr in fig.data] == ["core", "active", "wider", "latent"]
    assert fig.data[0].customdata[0][0] == "80–85"


@given(st.lists(st.floats(0, 100), max_size=80), st.sampled_from([1.0, 5.0, 10.0, 25.0]))
def test_strength_bins_count_everyone_once(values, width) -> None:  # type: ignore[no-untyped-def]
    frame = pl.DataFrame(
        {"strength": values, "tier": ["latent"] * len(values)},
        schema={"strength": pl.Float64, "tier": pl.String},
    )
    bins = strength_bins(frame, bin_width=width)
    assert bins["n"].sum() == len(values)
    assert all(0 <= lo <= 100 - width for lo in bins["lo"].to_list())


def test_strength_bins_rejects_bad_width() -> None:
    with pytest.raises(ParameterError, match=r"bin_width=0"):
        strength_bins(scores(), bin_width=0)


# ------------------------------------------------------------------ common
def test_hostile_strings_never_reach_figure_json_as_markup() -> None:
    figs = [
        plots.cadence_scatter(scores()),
        plots.strength_history_figure(history()),
        plots.career_timeline(jobs()),
    ]
    for fig in figs:
        text = json.dumps(json.loads(fig.to_json()))
        assert "<img" not in text
        assert "&lt;img" in text


def test_helpers() -> None:
    assert plot_text("a<b>&") == "a&lt;b&gt;&amp;"
    assert fmt_days(10) == "10 days" and fmt_days(29) == "4 weeks"
    pd = pytest.importorskip("pandas")
    frame = require_frame(pd.DataFrame({"a": [1, 2]}), "x", ["a"])
    assert isinstance(frame, pl.DataFrame) and frame["a"].to_list() == [1, 2]
    assert math.isclose(status_cutpoints()[3], 1095.75)


def test_plots_public_surface() -> None:
    assert set(plots.__all__) == {
        "cadence_scatter",
        "career_timeline",
        "network_figure",
        "save",
        "save_all",
        "strength_distribution",
        "strength_history_figure",
        "timeline",
        "use_notebook_renderer",
    }
