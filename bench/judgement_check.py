"""The plan's judgement on synthetic exports (issue 11): colleagues by evidence, one-way ties.

For truth seeds 3–5 (fresh: seeds 0–2 tuned earlier rules) it measures the precision
and recall of ``former_colleague`` (evidence levels (a)–(c)) and of ``former_colleague``
or ``possible_colleague`` against the generator's ``former_colleague_company``, and counts
one-way ties and their tiers. The generator writes few endorsements and no messages that
name a company, so recall by evidence is low by construction; precision is the point.
It is a sanity check, not evidence: the generator is our own.

Run: ``.venv/bin/python bench/judgement_check.py`` (prints a markdown table).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

import tiekeeper
from tiekeeper.datasets import make_sample_export, truth_path


def _pr(flag: pl.Series, truth: pl.Series) -> tuple[float, float, int]:
    tp = int((flag & truth).sum())
    n = int(flag.sum())
    return (tp / n if n else float("nan"), tp / max(int(truth.sum()), 1), n)


def main() -> str:
    lines = [
        "| seed | former: precision | recall | n | former or possible: precision | recall | n "
        "| one-way ties | their tiers |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for seed in (3, 4, 5):
        with tempfile.TemporaryDirectory() as tmp:
            out = make_sample_export(Path(tmp) / "x", seed=seed, truth=True)
            s = tiekeeper.score(tiekeeper.load_export(out))
            truth = pl.read_csv(truth_path(out)).select(
                "person_id", truth=pl.col("former_colleague_company").is_not_null()
            )
        j = s.join(truth, on="person_id", how="left").with_columns(pl.col("truth").fill_null(False))
        p1, r1, n1 = _pr(j["former_colleague"], j["truth"])
        p2, r2, n2 = _pr(j["former_colleague"] | j["possible_colleague"], j["truth"])
        ow = j.filter(pl.col("one_way"))
        tiers = ", ".join(f"{t} {n}" for t, n in ow.group_by("tier").len().sort("tier").rows())
        lines.append(
            f"| {seed} | {p1:.3f} | {r1:.3f} | {n1} | {p2:.3f} | {r2:.3f} | {n2} | {ow.height} "
            f"| {tiers or '-'} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(main())
