"""Benchmark the export reader (issue 2): load time and peak memory on the large export.

Compares ``tiekeeper.load_export`` of the large synthetic **zip** with polars'
raw ``read_csv`` of the extracted ``messages.csv`` and ``Connections.csv`` in the
same run, and measures ``import tiekeeper``. Run: ``.venv/bin/python bench/load_bench.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import OUT, large_export, machine, run_child

REPEATS = 3


def main() -> str:
    zpath = large_export("zip")
    extracted = OUT / "large-extracted"
    if not (extracted / "messages.csv").exists():
        with zipfile.ZipFile(zpath) as zf:
            zf.extractall(extracted)
    msgs = extracted / "messages.csv"
    conns = extracted / "Connections.csv"

    raw_code = f"""
import time, polars as pl
t0, c0 = time.perf_counter(), time.process_time()
m = pl.read_csv({str(msgs)!r}, infer_schema=False)
c = pl.read_csv({str(conns)!r}, infer_schema=False, skip_rows=3)
RESULT = {{'seconds': time.perf_counter() - t0, 'cpu': time.process_time() - c0,
          'rows': m.height + c.height}}
"""
    # Export.people and Export.interactions are built on first access, so the
    # load is timed alone and again with both derived frames built.
    # Both sides start with polars imported (0.15 s); the load includes `import tiekeeper`.
    load_code = f"""
import time, polars
t0, c0 = time.perf_counter(), time.process_time()
import tiekeeper
e = tiekeeper.load_export({str(zpath)!r})
RESULT = {{'seconds': time.perf_counter() - t0, 'cpu': time.process_time() - c0,
          'messages': e.messages.height, 'connections': e.connections.height,
          'rejected': e.rejected.height}}
"""
    full_code = f"""
import time, polars
t0, c0 = time.perf_counter(), time.process_time()
import tiekeeper
e = tiekeeper.load_export({str(zpath)!r})
n_inter, n_people = e.interactions.height, e.people.height
RESULT = {{'seconds': time.perf_counter() - t0, 'cpu': time.process_time() - c0,
          'interactions': n_inter, 'people': n_people}}
"""
    import_code = """
import time
t0 = time.perf_counter()
import tiekeeper
RESULT = {'seconds': time.perf_counter() - t0}
"""
    raw, load, full = [], [], []
    for _ in range(REPEATS):  # interleaved, so that a burst of load hits all three alike
        raw.append(run_child(raw_code))
        load.append(run_child(load_code))
        full.append(run_child(full_code))
    imp = [run_child(import_code) for _ in range(5)]
    # polars' allocator (jemalloc) keeps freed pages for seconds; with them returned
    # at once, the peak is the working set the load really needs.
    prompt = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
    working = [run_child(full_code, env=prompt) for _ in range(2)]

    def med(rows: list[dict[str, float]], key: str = "seconds") -> float:
        return statistics.median(r[key] for r in rows)

    raw_s, load_s, full_s, imp_s = med(raw), med(load), med(full), med(imp)
    raw_c, load_c, full_c = med(raw, "cpu"), med(load, "cpu"), med(full, "cpu")
    load_avg = os.getloadavg()[0]
    size_mb = msgs.stat().st_size / 2**20
    zip_mb = zpath.stat().st_size / 2**20
    last = {**load[-1], **full[-1]}
    lines = [
        "## Export reader (issue 2)",
        "",
        f"Machine: {machine()}. Command: `.venv/bin/python bench/load_bench.py` "
        f"(median of {REPEATS} fresh processes each, interleaved; load average "
        f"{load_avg:.1f} at the end of the run). CPU is the process time of all threads. "
        "Every timed run starts with polars imported, as the raw read does; the load "
        "includes `import tiekeeper`.",
        "",
        f"Input: the large synthetic export, {int(last['connections']):,} connections, "
        f"{int(last['messages']):,} message rows; messages.csv {size_mb:.0f} MB, "
        f"zip {zip_mb:.0f} MB.",
        "",
        "| measurement | wall | CPU | target |",
        "|---|---|---|---|",
        f"| polars raw `read_csv` of extracted messages.csv + Connections.csv | {raw_s:.2f} s | "
        f"{raw_c:.2f} s | (floor) |",
        f"| `load_export(zip)` incl. `import tiekeeper` | {load_s:.2f} s "
        f"({load_s / raw_s:.2f}× raw) | {load_c:.2f} s ({load_c / raw_c:.2f}× raw) "
        "| ≤ 2.5× raw |",
        f"| `load_export(zip)` + `.interactions` + `.people` (built on first access) | "
        f"{full_s:.2f} s ({full_s / raw_s:.2f}× raw) | {full_c:.2f} s ({full_c / raw_c:.2f}× raw) "
        "| |",
        f"| peak memory of `load_export(zip)` (max RSS) | "
        f"{max(r['max_rss_mb'] for r in load):.0f} MB | | < 1,500 MB |",
        f"| peak memory of `load_export(zip)` + `.interactions` + `.people` | "
        f"{max(r['max_rss_mb'] for r in full):.0f} MB | | < 1,500 MB |",
        "| the same, with polars' allocator returning freed memory at once "
        "(`_RJEM_MALLOC_CONF=dirty_decay_ms:0,muzzy_decay_ms:0`; diagnostic) | "
        f"{max(r['max_rss_mb'] for r in working):.0f} MB | | |",
        f"| peak memory of raw `read_csv` | {max(r['max_rss_mb'] for r in raw):.0f} MB | | |",
        f"| `import tiekeeper` | {imp_s * 1000:.0f} ms | | < 300 ms |",
        f"| interactions built | {int(last['interactions']):,} | | |",
        f"| people | {int(last['people']):,} | | |",
        f"| rejected rows | {int(last['rejected']):,} | | |",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    text = main()
    print(text)
    (OUT / "load.md").write_text(text)
