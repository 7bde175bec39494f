"""Does the pipeline grow linearly with the number of messages? (issues 2 and 3)

Generates exports with 125k, 250k, 500k and 1M messages (connections scaled
alongside, 30,000 at 1M), then times, in a fresh process each, ``load_export``
of the zip and ``score`` + ``reach_out`` on the loaded export. Reports wall
and CPU seconds and the CPU cost per million messages: a linear pipeline keeps
that last column flat. Run: ``.venv/bin/python bench/scaling_bench.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import OUT, machine, run_child

SIZES = (125_000, 250_000, 500_000, 1_000_000)


def export_for(n_messages: int) -> Path:
    from tiekeeper.datasets import make_sample_export

    n_conn = max(300, round(30_000 * n_messages / 1_000_000))
    target = OUT / f"scale-{n_messages}" / "export.zip"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        make_sample_export(target, seed=0, n_connections=n_conn, n_messages=n_messages, fmt="zip")
    return target


def measure(path: Path) -> dict[str, float]:
    code = f"""
import time
import tiekeeper as tk
def clock():
    return time.perf_counter(), time.process_time()
w0, c0 = clock()
e = tk.load_export({str(path)!r})
e.interactions; e.people
w1, c1 = clock()
s = tk.score(e)
plan = tk.reach_out(e, scores=s)
w2, c2 = clock()
RESULT = {{'load_wall': w1 - w0, 'load_cpu': c1 - c0, 'score_wall': w2 - w1,
          'score_cpu': c2 - c1, 'messages': e.messages.height,
          'interactions': e.interactions.height}}
"""
    return run_child(code)


def main() -> str:
    rows = []
    for n in SIZES:
        r = measure(export_for(n))
        rows.append((n, r))
    lines = [
        "## Scaling with the number of messages (issues 2 and 3)",
        "",
        f"Machine: {machine()}; load average at the start {os.getloadavg()[0]:.1f}. "
        "Command: `.venv/bin/python bench/scaling_bench.py` (one fresh process per size; "
        "connections scale with messages, 30,000 at 1M).",
        "",
        "| messages | load wall s | load CPU s | score + reach_out wall s | "
        "score + reach_out CPU s | load CPU s per 1M | score CPU s per 1M | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, r in rows:
        m = n / 1_000_000
        lines.append(
            f"| {n:,} | {r['load_wall']:.2f} | {r['load_cpu']:.2f} | {r['score_wall']:.2f} | "
            f"{r['score_cpu']:.2f} | {r['load_cpu'] / m:.2f} | {r['score_cpu'] / m:.2f} | "
            f"{r['max_rss_mb']:.0f} |"
        )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    text = main()
    print(text)
    (OUT / "scaling.md").write_text(text)
