"""Benchmark history across exports (issue 14): load_history of two maximal exports, changes.

Two snapshots of the large synthetic export (30,000 connections, 1,000,000 messages):
the zip itself and a copy under a later export date whose Connections.csv moves 300
people, removes 300 and adds 300. Every message is in both, which is the merge's
worst case (a million duplicates to find). Each figure comes from a fresh process;
wall and CPU time are both given (the machine is shared).

Targets: ``load_history`` of both under 2.2x one ``load_export``; ``changes`` adds
under 1 s. The merged record is built on first use (``History.merged``), like an
Export's people and interactions, and is timed apart. Writes ``bench/RESULTS-history.md``.
Run: ``.venv/bin/python bench/history_bench.py``.
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import OUT, large_export, machine, run_child

RESULT = Path(__file__).parent / "RESULTS-history.md"


def second_snapshot(first: Path) -> Path:
    """A later copy of the large zip, with 300 moves, 300 removals and 300 additions."""
    target = OUT / "history" / "Basic_LinkedInDataExport_09-14-2025.zip"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(first) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("Connections.csv"):
                text = data.decode("utf-8")
                head, sep, body = text.partition("Connected On\n")
                rows = body.splitlines()
                out = []
                for i, row in enumerate(rows):
                    if i < 300 and '"' not in row:  # a move
                        f = row.split(",")
                        f[4] = f"Benchmark Movers {i}"
                        row = ",".join(f)
                    elif 300 <= i < 600:  # removed
                        continue
                    out.append(row)
                out += [
                    f"New{i},Person{i},https://www.linkedin.com/in/new-person-{i},,Acme,Engineer,"
                    "01 Sep 2025"
                    for i in range(300)
                ]
                data = (head + sep + "\n".join(out) + "\n").encode("utf-8")
            dst.writestr(info.filename, data)
    return target


CODE = """
import resource, time
import tiekeeper
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF); return r.ru_utime + r.ru_stime
c0, t0 = cpu(), time.perf_counter()
{body}
RESULT = {{"seconds": time.perf_counter() - t0, "cpu": cpu() - c0, **extra}}
"""


def main() -> str:
    first = large_export("zip")
    second = second_snapshot(first)
    one = run_child(CODE.format(body=f"e = tiekeeper.load_export({str(first)!r}); extra = {{}}"))
    both = run_child(
        CODE.format(
            body=(
                f"h = tiekeeper.load_history([{str(first)!r}, {str(second)!r}])\n"
                "t1, c1 = time.perf_counter(), cpu()\n"
                "c = tiekeeper.changes(h)\n"
                "t2, c2 = time.perf_counter(), cpu()\n"
                "m = h.merged\n"
                "_ = m.people, m.interactions\n"
                "t3, c3 = time.perf_counter(), cpu()\n"
                "extra = {'load_s': t1 - t0, 'load_cpu': c1 - c0,\n"
                "         'changes_s': t2 - t1, 'changes_cpu': c2 - c1,\n"
                "         'merge_s': t3 - t2, 'merge_cpu': c3 - c2,\n"
                "         'messages': m.messages.height, 'rows': c.height}"
            )
        )
    )
    load_s, load_cpu = both["load_s"], both["load_cpu"]
    lines = [
        "# History across exports (issue 14)",
        "",
        f"Machine: {machine()}; load average at the start {os.getloadavg()[0]:.1f}.",
        "Two snapshots of the large export (30,000 connections, 1,000,000 messages each;",
        "the second moves 300 people, removes 300, adds 300). Command:",
        "`.venv/bin/python bench/history_bench.py`.",
        "",
        "| what | wall s | CPU s | target |",
        "|---|---|---|---|",
        f"| `load_export` of one | {one['seconds']:.2f} | {one['cpu']:.2f} | |",
        f"| `load_history` of both | {load_s:.2f} | {load_cpu:.2f} "
        f"| < 2.2x one ({load_s / one['seconds']:.2f}x wall, {load_cpu / one['cpu']:.2f}x CPU) |",
        f"| `changes(history)` | {both['changes_s']:.2f} | {both['changes_cpu']:.2f} | < 1 s |",
        f"| `history.merged` on first use, with its people and interactions "
        f"| {both['merge_s']:.2f} | {both['merge_cpu']:.2f} | |",
        "",
        f"The merged record holds {int(both['messages']):,} messages (each once); "
        f"`changes` found {int(both['rows']):,} rows. Peak RSS of the history run "
        f"{both['max_rss_mb']:.0f} MB (one load: {one['max_rss_mb']:.0f} MB).",
        "",
    ]
    text = "\n".join(lines)
    RESULT.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    print(main())
