"""Benchmark of the HTML report on the large synthetic export.

Measures, on ``make_sample_export(n_connections=30_000, n_messages=1_000_000, fmt="zip")``:

1. ``tiekeeper report ZIP -o report.html`` end to end in a fresh process
   (target: under 15 s);
2. the size of the written file (target: under 15 MB; plotly.js alone is ~4.8 MB);
3. the time headless Chromium takes to open it and draw every figure
   (target: under 10 s);
4. a per-stage breakdown in one process (load, compute, summarise, figures, render,
   redaction), wall and CPU time (user + system) of each stage.

Writes bench/RESULTS-report.md. Run: ``.venv/bin/python bench/report_bench.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import CHROMIUM_ARGS, OUT, chromium_path, large_export, machine, run_child

RESULTS = Path(__file__).parent / "RESULTS-report.md"
STAGES = """
import resource, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t0 = time.perf_counter()
import tiekeeper
from tiekeeper.report import Report
from tiekeeper.report.inputs import collect_inputs, redact_inputs
from tiekeeper.report.redact import Redactor
from tiekeeper.report.summarize import summarize
from tiekeeper.report.figures import build_figures
from tiekeeper.report.render import render_html
RESULT = {}
def stage(key, fn):
    w, c = time.perf_counter(), cpu()
    out = fn()
    RESULT[key + '_s'] = time.perf_counter() - w
    RESULT[key + '_cpu'] = cpu() - c
    return out
export = stage('load', lambda: tiekeeper.load_export(ZIP))
inputs = stage('compute', lambda: collect_inputs(export))
s = stage('summarize', lambda: summarize(inputs))
figs = stage('figures', lambda: build_figures(inputs))
html = stage('render', lambda: render_html(s, figs))
stage('redact', lambda: redact_inputs(inputs, Redactor.from_export(export)))
RESULT['people'] = inputs.scores.height
RESULT['graph_nodes'] = inputs.graph.number_of_nodes()
RESULT['graph_edges'] = inputs.graph.number_of_edges()
RESULT['figure_mb'] = {k: len(f.to_json()) / 1e6 for k, f in figs.items()}
stage('redacted', lambda: Report(export, redact=True).html())
RESULT['total_s'] = time.perf_counter() - t0
RESULT['load_average'] = float(open('/proc/loadavg').read().split()[0])
"""

#: Stage columns of the results table: (key, heading).
STAGE_COLUMNS = (
    ("load", "load"),
    ("compute", "compute (score, plan, career, graph, communities, bridges, history)"),
    ("summarize", "summarise"),
    ("figures", "figures"),
    ("render", "render"),
    ("redact", "redaction alone (redactor + redact_inputs)"),
    ("redacted", "redacted report (all stages again)"),
)


#: Before/after of the "compute once" work (issue 5 performance), measured by hand with the
#: same loader: "before" is this tree with src/tiekeeper/report, graph/_engine.py,
#: graph/analysis.py and scoring/strength.py as of 09e43c1; wall time depends on other load.
BEFORE_AFTER = """
## Compute once: before and after (25 Nov 2026, load average 1.9–4.7)

Same zip, same loader (the rest of the tree at 1e13341); seconds of CPU (user + system),
wall in brackets. "Before" runs score twice (score, career: two feature-table passes),
converts the graph to igraph three times (communities, bridges, network figure), runs
Louvain twice, samples betweenness from 500 pivots, and redacts cell by cell.

| measure | before | after |
|---|---|---|
| `tiekeeper report` zip → file, 2 runs | 15.8, 14.9 (12.3, 15.0) | 13.0, 13.4 (12.4, 13.6) |
| `tiekeeper report --redact`, fresh process | 19.0 (15.7) | 14.5 (14.6) |
| stage: compute (load excluded) | 7.26 (5.47) | 5.12 (4.15) |
| stage: figures | 1.29 (1.22) | 1.22 (1.23) |
| stage: redacted report, all stages again (load excluded) | 9.28 (8.08) | 6.68 (6.58) |
| redaction alone (redactor + redact_inputs, warm) | 3.54 (5.36) | 2.09 (2.25) |

cProfile of the compute stage, before → after: feature tables 2 → 1 pass, igraph
conversions 3 → 1, Louvain 2 → 1, betweenness 500 → 127 pivots (igraph `betweenness`
about 1.0 s → 0.25 s, 2 ms per pivot), pitch evidence 3 → 1 pass. What remains is
the load (about 6.5 s CPU, being reworked separately), scoring (about 1.2 s), the graph
build (0.5 s), the strength history's own pass over the events for its cadence prior
(0.6 s), the figures (1.2 s, mostly plotly validation) and importing networkx and
igraph (0.6 s without bytecode caches: this machine sets PYTHONDONTWRITEBYTECODE, so
every import compiles).
"""


def cli_report(zip_path: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``tiekeeper report ZIP -o OUT`` in a fresh process.

    The CPU time (user + system of the child) does not grow when other jobs
    share the machine; the wall time does.
    """
    import resource

    exe = shutil.which("tiekeeper", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "tiekeeper"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([*cmd, "report", str(zip_path), "-o", str(out)], check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def open_time(path: Path) -> tuple[float, int, list[str]]:
    """Seconds from navigation to every figure drawn; figures drawn; page errors."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=120_000)
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot').length >= 6", timeout=120_000
        )
        seconds = time.perf_counter() - t0
        drawn = int(page.evaluate("document.querySelectorAll('.js-plotly-plot').length"))
        browser.close()
    return seconds, drawn, errors


def main() -> None:
    zip_path = large_export("zip")
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / "report-large.html"
    load_before = os.getloadavg()[0]
    cli_s, cli_cpu = cli_report(zip_path, out)
    size_mb = out.stat().st_size / 1e6
    open_s, drawn, errors = open_time(out)
    stages = run_child(f"ZIP = {str(zip_path)!r}\n" + STAGES)
    figure_mb = stages.pop("figure_mb")
    lines = [
        "# Report benchmark",
        "",
        f"Machine: {machine()}; 1-minute load average {load_before:.1f} when the run started"
        " (other jobs share the 2 cores, so wall times include waiting).",
        f"Input: `{zip_path.name}` (make_sample_export, 30,000 connections, 1,000,000 messages,"
        f" zip of {zip_path.stat().st_size / 1e6:.0f} MB); {int(stages['people']):,} people, "
        f"graph of {int(stages['graph_nodes']):,} nodes and {int(stages['graph_edges']):,} edges.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| `tiekeeper report` zip → file, fresh process (wall) | {cli_s:.1f} s | < 15 s |",
        f"| the same, CPU time (user + system) | {cli_cpu:.1f} s | |",
        f"| file size | {size_mb:.1f} MB | < 15 MB |",
        f"| open in headless Chromium until all {drawn} figures are drawn | {open_s:.1f} s"
        " | < 10 s |",
        f"| page errors / console errors while opening | {len(errors)} | 0 |",
        "",
        f"Stages in one process (seconds, wall / CPU; load average {stages['load_average']:.1f}"
        " at the end of the staged run):",
        "",
        "| " + " | ".join(h for _, h in STAGE_COLUMNS) + " |",
        "|" + "---|" * len(STAGE_COLUMNS),
        "| "
        + " | ".join(f"{stages[k + '_s']:.2f} / {stages[k + '_cpu']:.2f}" for k, _ in STAGE_COLUMNS)
        + " |",
        "",
        "Figure JSON sizes (MB): "
        + ", ".join(f"{k} {v:.2f}" for k, v in figure_mb.items())  # type: ignore[union-attr]
        + f"; peak memory of the staged run {stages['max_rss_mb']:.0f} MB.",
        "",
    ]
    if errors:
        lines += ["Errors seen:", "", *[f"- `{e[:200]}`" for e in errors[:10]], ""]
    lines.append(BEFORE_AFTER.strip() + "\n")
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
