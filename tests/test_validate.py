"""The backtest on crafted histories where the right answer is obvious, and its metrics."""

from __future__ import annotations

import datetime as dt
import itertools

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.validate import (
    MODELS,
    auc,
    backtest,
    fit_half_life,
    interactions_from_edges,
    precision_at_k,
)

T0 = dt.datetime(2022, 1, 1, 12, tzinfo=dt.UTC)


def day(d: float) -> dt.datetime:
    return T0 + dt.timedelta(days=d)


def crafted() -> pl.DataFrame:
    """10 steady ties (weekly, days 0–400) and 10 that were intense, then stopped (days 0–100).

    At a cutoff on day 200 the steady ones keep talking and the others do not.
    The stopped ties have more messages (101 each vs 58), so frequency ranks
    them first and is exactly wrong; their cadence (1 day) against 100 days of
    silence makes the cadence-adjusted score exactly right.
    """
    rows = []
    for i in range(10):
        rows += [
            (f"steady{i}", day(d), "message", "out" if d % 14 else "in") for d in range(0, 401, 7)
        ]
        rows += [(f"gone{i}", day(d + i / 100), "message", "in") for d in range(0, 101)]
    return pl.DataFrame(rows, schema=["person_id", "time", "kind", "direction"], orient="row")


def test_obvious_answer() -> None:
    r = backtest(crafted(), cutoffs=[day(200)], horizons=(90,))
    assert r.table.schema == polars_schema("backtest")
    t = {row["model"]: row for row in r.table.iter_rows(named=True)}
    assert set(t) == set(MODELS)
    assert (t["score"]["n"], t["score"]["positives"]) == (20, 10)
    assert t["score"]["auc"] == 1.0
    assert t["recency"]["auc"] == 1.0
    assert t["frequency"]["auc"] == 0.0
    assert t["score_no_cadence"]["auc"] == 0.0  # the raw decayed count still favours the burst
    assert t["score"]["p_at_5"] == t["score"]["p_at_10"] == 1.0
    assert t["frequency"]["p_at_10"] == 0.0
    assert t["score"]["p_at_20"] == 0.5  # 20 candidates, 10 positives
    assert t["score"]["ego_auc"] is None  # single owner
    acc = r.acceptance()
    assert acc.row(0, named=True)["ok"] is True
    assert acc.row(0, named=True)["baseline"] == "recency"


def test_horizons_capped_by_the_data_span() -> None:
    # messages end on day 400: a cutoff on day 350 leaves room for H = 30 only
    r = backtest(crafted(), cutoffs=[day(200), day(350)], horizons=(30, 90, 180))
    cells = sorted(set(zip(r.table["cutoff"].dt.date(), r.table["horizon"], strict=True)))
    assert cells == [
        (dt.date(2022, 7, 20), 30),
        (dt.date(2022, 7, 20), 90),
        (dt.date(2022, 7, 20), 180),
        (dt.date(2022, 12, 17), 30),
    ]
    assert r.summary.filter(pl.col("horizon") == 30)["cutoffs"].unique().to_list() == [2]


def test_automatic_cutoffs() -> None:
    r = backtest(crafted(), horizons=(30,))
    # messages span days 0–399 (< 2 years): step = round(399/8) = 50 days, and the first
    # cutoff is the end of the day a quarter of the span (99.75 days) in: 2022-04-11
    cutoffs = r.table["cutoff"].unique().sort().to_list()
    assert cutoffs[0] == dt.datetime(2022, 4, 11, 23, 59, 59, 999999, tzinfo=dt.UTC)
    assert [(b - a).days for a, b in itertools.pairwise(cutoffs)] == [50] * (len(cutoffs) - 1)
    assert len(cutoffs) == 6  # Apr 11 … Sep 28; Nov 17 + 30 days is past day 399
    assert cutoffs[-1] + dt.timedelta(days=30) <= day(399)


def test_label_variants() -> None:
    f = crafted()
    # steady ties write in on multiples of 14 days; outgoing label counts only "out"
    out = backtest(f, cutoffs=[day(200)], horizons=(30,), label="outgoing")
    assert out.table.filter(pl.col("model") == "score")["positives"].item() == 10
    group = f.with_columns(participants=pl.lit(3))
    one = backtest(group, cutoffs=[day(200)], horizons=(30,), label="one_to_one")
    assert one.table.filter(pl.col("model") == "score")["positives"].item() == 0
    assert one.table["auc"].null_count() == len(MODELS)  # one class only: no AUC


def test_multi_ego_from_edges() -> None:
    # ego 0 keeps writing to 1 and 2; ego 0 wrote to 3 and 4 only long ago
    edges = [(0, 1, d) for d in range(0, 300, 5)] + [(2, 0, d) for d in range(0, 300, 6)]
    edges += [(0, 3, d) for d in range(0, 50)] + [(4, 0, d) for d in range(0, 40)]
    edges += [(0, 8, d) for d in range(0, 300, 9)] + [(9, 0, d) for d in range(0, 20)]
    edges += [(5, 6, d) for d in range(0, 300, 3)] + [(5, 7, d) for d in range(0, 30)]
    frame = pl.DataFrame(
        {
            "src": [e[0] for e in edges],
            "dst": [e[1] for e in edges],
            "at": [day(e[2]) for e in edges],
        }
    )
    inter = interactions_from_edges(frame, source="src", target="dst", time="at")
    assert inter.height == 2 * len(edges)
    r = backtest(inter, cutoffs=[day(150)], horizons=(60,))
    score = r.table.filter(pl.col("model") == "score").row(0, named=True)
    # ego–alter pairs with a message before T: ego 0 has 6 alters (1, 2, 3, 4, 8, 9), each
    # of those has ego 0, and ego 5 has 6 and 7 (each with 5): 6 + 6 + 2 + 2 = 16.
    # Positives, the pairs still talking: (0,1) (0,2) (0,8) both ways and (5,6) both ways = 8
    assert (score["n"], score["positives"]) == (16, 8)
    assert score["auc"] == 1.0
    assert score["ego_auc"] == 1.0  # only ego 0 has at least 5 candidates
    with pytest.raises(ParameterError, match="egos= needs multi-ego data"):
        backtest(crafted(), egos=["0"])
    sub = backtest(inter, cutoffs=[day(150)], horizons=(60,), egos=["5"])
    assert sub.table.filter(pl.col("model") == "score")["n"].item() == 2


def test_fit_half_life_prefers_what_predicts() -> None:
    fit = fit_half_life(
        crafted(), half_lives=(7, 180), cutoffs=[day(200)], horizons=(90,),
        min_span_days=0, min_gain=0.0,
    )  # fmt: skip
    assert fit.table["half_life_days"].to_list() == [7.0, 180.0]
    assert fit.table["auc"].to_list() == [1.0, 1.0]
    # a tie is no gain: the default stays, and the note says why
    assert (fit.half_life_days, fit.fitted) == (180.0, False)
    assert "gains 0.000 AUC" in fit.note
    assert fit.params == ScoringParams()


def test_fit_half_life_stays_out_of_the_way() -> None:
    f = crafted()  # 399 days of messages
    short = fit_half_life(f)
    assert (short.fitted, short.half_life_days, short.table.height) == (False, 180.0, 0)
    assert short.note.endswith("your history spans 399 days, and fitting needs 540.")
    thin = fit_half_life(f, min_span_days=0, min_sessions=10_000)
    assert "conversations, and fitting needs 10000" in thin.note
    # never raises on a valid history: no messages, or horizons past the end
    none = fit_half_life(f.with_columns(kind=pl.lit("endorsement")))
    assert not none.fitted and "spans 0 days" in none.note
    late = fit_half_life(f, min_span_days=0, horizons=(1000,))
    assert not late.fitted and late.half_life_days == 180.0
    with pytest.raises(ParameterError, match="half_lives"):
        fit_half_life(f, half_lives=())


def test_bad_arguments() -> None:
    f = crafted()
    with pytest.raises(ParameterError, match="horizons="):
        backtest(f, horizons=(0,))
    with pytest.raises(ParameterError, match="label="):
        backtest(f, label="sometimes")  # type: ignore[arg-type]
    # no messages (a Connections-only export): nothing to predict, an empty result
    empty = backtest(f.with_columns(kind=pl.lit("endorsement")))
    assert empty.table.height == 0 and empty.summary.height == 0
    with pytest.raises(ParameterError, match="naive"):
        backtest(f.with_columns(pl.col("time").dt.replace_time_zone(None)))
    with pytest.raises(ParameterError, match="params must be"):
        backtest(f, params="fast")  # type: ignore[arg-type]
    assert backtest(f, params=ScoringParams(kappa=2.0)).params.kappa == 2.0


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.booleans()), min_size=2, max_size=25).filter(
        lambda xs: len({y for _, y in xs}) == 2
    )
)
def test_auc_equals_pair_counting(rows: list[tuple[int, bool]]) -> None:
    pos = [s for s, y in rows if y]
    neg = [s for s, y in rows if not y]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    assert auc([s for s, _ in rows], [y for _, y in rows]) == pytest.approx(
        wins / (len(pos) * len(neg))
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.booleans()), min_size=3, max_size=7).filter(
        lambda xs: any(y for _, y in xs)
    ),
    st.integers(1, 3),
)
def test_precision_at_k_is_the_expectation_over_tie_breaks(
    rows: list[tuple[int, bool]], k: int
) -> None:
    if len(rows) < k:
        return
    # enumerate every order consistent with the scores and average the top-k precision
    orders = [
        o
        for o in itertools.permutations(range(len(rows)))
        if all(rows[a][0] >= rows[b][0] for a, b in itertools.pairwise(o))
    ]
    want = sum(sum(rows[i][1] for i in o[:k]) / k for o in orders) / len(orders)
    f = pl.DataFrame({"s": [float(s) for s, _ in rows], "y": [y for _, y in rows]})
    assert precision_at_k(f, "s", "y", k) == pytest.approx(want)
