"""Truth check of the score on synthetic exports (issue 3): does it recover the generator's story?

``make_sample_export(..., truth=True)`` writes, per invented person, the latent
tie strength ``w / (1 + w)``, whether the tie is fading, the shared company,
whether a reply is owed, and the message rates at the peak and now. This
script scores the export and measures:

* Spearman ρ over contacts with messages (aim ≥ 0.8) of ``strength`` with the
  *current* latent rate (``rate_now_per_year``: what ``strength`` measures),
  and of the peak and the capital K with the latent strength (the tie at its
  best, what the generator calls ``latent_strength``); also ρ(strength,
  latent strength) as the issue first measured it, and the previous score
  (``capital_blend=0``, no cold-pitch gate) for comparison;
* precision and recall of "fading" (status fading or lapsed, and with dormant);
* precision and recall of owed replies, cold pitches (the truth's recruiters
  with messages) and former colleagues.

It is a sanity check, not evidence: the generator is our own. Writes its
section of bench/RESULTS-scoring.md. Run: ``.venv/bin/python bench/truth_check.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import polars as pl

sys.path.insert(0, str(Path(__file__).parent))
from _common import OUT
from backtest import write

import tiekeeper
from tiekeeper.datasets import make_sample_export, truth_path
from tiekeeper.scoring.params import ScoringParams

START, END = "<!-- truth:start -->", "<!-- truth:end -->"
# seeds 0–2 chose the colleague thresholds (colleague_min_sessions, colleague_min_confidence)
# and the capital blend, and seed 0 is the backtest's tuning set, so the check runs on fresh seeds
SEEDS = (3, 4, 5)


def rho(f: pl.DataFrame, a: str, b: str) -> float:
    return float(f.select(pl.corr(a, b, method="spearman")).item())


def pr(f: pl.DataFrame, pred: pl.Expr, truth: pl.Expr) -> tuple[float, float, int]:
    g = f.select(p=pred, t=truth)
    tp = g.filter(pl.col("p") & pl.col("t")).height
    fp = g.filter(pl.col("p") & ~pl.col("t")).height
    fn = g.filter(~pl.col("p") & pl.col("t")).height
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return precision, recall, tp + fn


def check(seed: int, n_connections: int = 300, n_messages: int = 3000) -> dict[str, Any]:
    out = make_sample_export(
        OUT / f"scoring-truth-{seed}-{n_messages}" / "export",
        seed=seed,
        n_connections=n_connections,
        n_messages=n_messages,
        truth=True,
    )
    truth = pl.read_csv(truth_path(out))
    export = tiekeeper.load_export(out)
    s = tiekeeper.score(export)
    # the previous score: no blend; the cold-pitch gate needs messages, so score frames without
    from tiekeeper.scoring._frames import export_frames
    from tiekeeper.scoring.strength import score_frames

    fr = export_frames(export)
    old = score_frames(
        fr.interactions,
        fr.people.with_columns(position=pl.lit(None, dtype=pl.String)),
        fr.positions,
        as_of=export.as_of,
        params=ScoringParams(capital_blend=0.0),
    ).select("person_id", strength_before=pl.col("strength"))
    j = truth.join(s, on="person_id", how="inner", suffix="_score").join(old, on="person_id")
    m = j.filter(pl.col("messages") > 0).with_columns(
        latent_now=pl.col("rate_now_per_year") / (1 + pl.col("rate_now_per_year"))
    )
    fading_status = pl.col("status").is_in(["fading", "lapsed"])
    gone_status = pl.col("status").is_in(["fading", "lapsed", "dormant"])
    established = m.filter(pl.col("sessions") >= 3)
    row: dict[str, Any] = {
        "seed": seed,
        "people": j.height,
        "with messages": m.height,
        "ρ strength~now": rho(m, "strength", "latent_now"),
        "ρ before~now": rho(m, "strength_before", "latent_now"),
        "ρ peak~latent": rho(m, "peak_strength", "latent_strength"),
        "ρ K~latent": rho(m, "capital", "latent_strength"),
        "ρ strength~latent": rho(m, "strength", "latent_strength"),
        "ρ before~latent": rho(m, "strength_before", "latent_strength"),
        "ρ strength~latent (not fading)": rho(
            m.filter(~pl.col("fading")), "strength", "latent_strength"
        ),
    }
    p, r, n = pr(m, fading_status, pl.col("fading"))
    row |= {"fading P": p, "fading R": r, "fading n": n}
    p, r, _ = pr(m, gone_status, pl.col("fading"))
    row |= {"fading+dormant P": p, "fading+dormant R": r}
    p, r, n = pr(established, fading_status, pl.col("fading"))
    row |= {"fading P (≥3 sessions)": p, "fading R (≥3 sessions)": r}
    p, r, n = pr(j, pl.col("reply_owed_score"), pl.col("reply_owed"))
    row |= {"owed P": p, "owed R": r, "owed n": n}
    p, r, n = pr(m, pl.col("cold_pitch"), pl.col("kind") == "recruiter")
    row |= {"cold pitch P": p, "cold pitch R": r, "cold pitch n": n}
    p, r, n = pr(j, pl.col("former_colleague"), pl.col("former_colleague_company").is_not_null())
    row |= {"colleague P": p, "colleague R": r, "colleague n": n}
    return row


def md_table(table: pl.DataFrame, cols: list[str]) -> list[str]:
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in table.select(cols).iter_rows():
        out.append(
            "| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in r) + " |"
        )
    return out


def main(large: bool = False) -> str:
    rows = [check(seed) for seed in SEEDS]
    if large:
        rows.append(check(6, 30_000, 1_000_000))
    table = pl.DataFrame(rows)
    rank_cols = ["seed", "people", "with messages"] + [c for c in table.columns if c[0] == "ρ"]
    class_cols = [c for c in table.columns if c not in rank_cols or c == "seed"]
    lines = [START, "## Relationship score: truth check on synthetic exports (issue 3)\n"]
    lines.append(
        "Sample exports of 300 connections and 3 000 messages, seeds "
        + ", ".join(map(str, SEEDS))
        + (" and a large export (30 000 connections, 1 000 000 messages, seed 6)" if large else "")
        + ", default parameters. The colleague thresholds and the capital blend were chosen on "
        "seeds 0–2, so these seeds are fresh. A sanity check only: the generator is our own.\n"
    )
    lines.append(
        "Rank agreement (Spearman ρ over the people with messages). `now` is the generator's "
        "current rate (`rate_now_per_year`), `latent` its `latent_strength` = w/(1+w) for the "
        "rate w at the tie's best (ρ 0.9995 with `rate_peak_per_year`). `before` is the "
        "previous score (no capital blend, no cold-pitch gate).\n"
    )
    lines += md_table(table, rank_cols)
    lines.append("\nClassification against the truth (precision, recall, truth count):\n")
    lines += md_table(table, class_cols)

    def mean(col: str) -> float:
        return float(table[col].mean())  # type: ignore[arg-type]

    lines.append(
        f"""
**Which comparison is right.** `strength` is, by design, the tie *now*: decayed over
6 months and discounted by the time since the last contact. The generator's
`latent_strength` is the tie *at its best* (its peak rate, 0.9995 rank agreement with
`rate_peak_per_year`), so a colleague who went quiet after the owner left has high latent
strength and, correctly, low current strength; about a third of the messaging ties fade by
design. The right comparison for `strength` is therefore the current rate (mean ρ
{mean("ρ strength~now"):.3f}, aim ≥ 0.8: {"met" if mean("ρ strength~now") >= 0.8 else "not met"};
the previous score {mean("ρ before~now"):.3f}), and the right one for the latent strength
is the tie at its best: the peak, `peak_strength` (mean ρ {mean("ρ peak~latent"):.3f}), or the
long-run capital K (mean ρ {mean("ρ K~latent"):.3f}). ρ(strength, latent) as first measured is
{mean("ρ strength~latent"):.3f} (previously {mean("ρ before~latent"):.3f}); it cannot reach 0.8
without making `strength` ignore that ties fade.

**What changed the score.** Two changes, both chosen on seeds 0–2 and kept only because
the backtest did not get worse (see the tuning table above):

* *cold pitches* have strength 0 (recruiters' unanswered pitches are not relationships; the
  generator's recruiters have latent strength 0 but used to rank mid-table);
* the ranked strength blends the 6-month count S with the rate-matched 3-year capital
  K·h/h_K (β = 0.5): on sparse LinkedIn ties a 6-month window holds one or two sessions,
  and shrinking it towards the tie's own long-run rate removes much of that noise, while
  the recency discount (issue 12; the cadence penalty before it) still marks ties that went quiet.

Fading = status 'fading' or 'lapsed'; one-off ties whose only messages are years old show
up as lapsed or dormant, which the truth does not call fading. Cold pitch recall is over
the truth's recruiters with messages (all of them only ever wrote in).
"""
    )
    lines.append(END)
    return "\n".join(lines)


if __name__ == "__main__":
    section = main(large="--large" in sys.argv)
    write(section, START, END)
    print(section)
