"""Benchmark of the interchange writers: Excel, SQLite and static images.

On the bundled sample and on the large synthetic export
(``make_sample_export(n_connections=30_000, n_messages=1_000_000, fmt="zip")``), each
in a fresh process:

1. ``tiekeeper.output.write_excel`` of ``score`` (one row per person) and of the
   plan;
2. ``tiekeeper.database.write_sqlite`` of the whole export (every frame, score,
   plan, recipients, full-text index), also with ``message_text=False`` and
   ``redact=True``; the file sizes;
3. ``tiekeeper.plots.save`` of one chart as a PNG (a browser started per image),
   and ``Report.write_images`` of every chart of the report (one browser).

Writes bench/RESULTS-interchange.md. Run: ``.venv/bin/python bench/interchange_bench.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import OUT, large_export, machine, run_child

RESULTS = Path(__file__).parent / "RESULTS-interchange.md"
NOTES = """
Notes:
- One image costs one browser start: `plots.save` of any figure, even a two-point scatter,
  takes about 2 s on a less busy machine (1.9–2.0 s measured earlier the same day) and
  2.4–3.4 s with other jobs on both cores; `Report.write_images` draws all six charts with
  one browser in about the time of one or two single images.
- The first `write_sqlite` of a process includes importing sqlite-utils (1.3 s here);
  on the sample a second call takes 0.35 s (0.25 s without message text).
- The SQLite file of the large export is large because it holds each message twice (the
  raw `content` and the cleaned `text`) plus their full-text index; `--no-message-text`
  halves it, and `--redact` (no text, no URLs, pseudonyms) keeps a fifth.
- `write_excel` is xlsxwriter writing cell by cell: about 1,500 rows of `score`'s 44
  columns per second here; column widths are fitted only up to 5,000 rows.
"""

CHILD = """
import time, tempfile, pathlib
from tiekeeper.io import load_export
from tiekeeper.scoring.strength import score
from tiekeeper.scoring.plan import reach_out
from tiekeeper.output import write_excel
from tiekeeper.database import write_sqlite
from tiekeeper import plots
from tiekeeper.report import Report

RESULT = {}
out = pathlib.Path(OUT_DIR)
out.mkdir(parents=True, exist_ok=True)

def timed(key, fn):
    t = time.perf_counter()
    value = fn()
    RESULT[key] = round(time.perf_counter() - t, 2)
    return value

export = timed("load_s", lambda: load_export(EXPORT))
scores = timed("score_s", lambda: score(export))
plan = timed("plan_s", lambda: reach_out(export))
RESULT["people"] = export.people.height
RESULT["messages"] = export.messages.height
RESULT["score_rows"] = scores.height
timed("xlsx_score_s", lambda: write_excel(scores, out / "score.xlsx"))
RESULT["xlsx_score_mb"] = round((out / "score.xlsx").stat().st_size / 1e6, 2)
timed("xlsx_plan_s", lambda: write_excel(plan.frame, out / "plan.xlsx"))
timed("db_s", lambda: write_sqlite(export, out / "all.db"))
RESULT["db_mb"] = round((out / "all.db").stat().st_size / 1e6, 1)
timed("db_no_text_s", lambda: write_sqlite(export, out / "quiet.db", message_text=False))
RESULT["db_no_text_mb"] = round((out / "quiet.db").stat().st_size / 1e6, 1)
timed("db_redact_s", lambda: write_sqlite(export, out / "shared.db", redact=True, seed=0))
RESULT["db_redact_mb"] = round((out / "shared.db").stat().st_size / 1e6, 1)
fig = plots.timeline(export)
timed("png_one_s", lambda: plots.save(fig, out / "timeline.png"))
timed("png_one_again_s", lambda: plots.save(fig, out / "timeline2.png"))
report = Report(export)
figures = timed("report_figures_s", lambda: report._figures)
written = timed("report_images_s", lambda: report.write_images(out / "charts"))
RESULT["report_images"] = len(written)
RESULT["network_png_kb"] = round((out / "charts" / "network.png").stat().st_size / 1e3)
"""


def measure(export: str, name: str) -> dict[str, float]:
    code = f"EXPORT = {export!r}\nOUT_DIR = {str(OUT / ('interchange-' + name))!r}\n" + CHILD
    return run_child(code)


ROWS = [
    ("people / messages", lambda r: f"{r['people']:,} / {r['messages']:,}"),
    ("load the export", lambda r: f"{r['load_s']} s"),
    ("score, then plan", lambda r: f"{r['score_s']} s, {r['plan_s']} s"),
    (
        "`write_excel(score)` (rows; file)",
        lambda r: f"{r['xlsx_score_s']} s ({r['score_rows']:,} rows; {r['xlsx_score_mb']} MB)",
    ),
    ("`write_excel(plan.frame)`", lambda r: f"{r['xlsx_plan_s']} s"),
    ("`write_sqlite` (everything, FTS)", lambda r: f"{r['db_s']} s ({r['db_mb']} MB)"),
    (
        "`write_sqlite(message_text=False)`",
        lambda r: f"{r['db_no_text_s']} s ({r['db_no_text_mb']} MB)",
    ),
    ("`write_sqlite(redact=True)`", lambda r: f"{r['db_redact_s']} s ({r['db_redact_mb']} MB)"),
    ("`plots.save` of one PNG (timeline)", lambda r: f"{r['png_one_s']} s"),
    ("the same, a second time", lambda r: f"{r['png_one_again_s']} s"),
    ("the report's figures (built once)", lambda r: f"{r['report_figures_s']} s"),
    (
        "`Report.write_images` (all charts, one browser)",
        lambda r: (
            f"{r['report_images_s']} s ({int(r['report_images'])} PNGs; "
            f"network {int(r['network_png_kb'])} kB)"
        ),
    ),
    ("peak memory of the process", lambda r: f"{r['max_rss_mb']:.0f} MB"),
]


def main() -> None:
    import os

    from tiekeeper.datasets import sample_path

    runs = {"sample": measure(str(sample_path()), "sample")}
    runs["large"] = measure(str(large_export("zip")), "large")
    load = os.getloadavg()[0]
    lines = [
        "# Interchange benchmark (Excel, SQLite, static images)",
        "",
        f"Machine: {machine()}; 1-minute load average {load:.1f} at the end.",
        "Inputs: the bundled sample, and the large synthetic export (make_sample_export, "
        "seed 0, 30,000 connections, 1,000,000 messages, zip). Each in a fresh process; "
        "`.venv/bin/python bench/interchange_bench.py` reproduces this file.",
        "",
        "| measure | sample | large export |",
        "|---|---|---|",
    ]
    lines += [f"| {label} | {fmt(runs['sample'])} | {fmt(runs['large'])} |" for label, fmt in ROWS]
    lines.append(NOTES)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
