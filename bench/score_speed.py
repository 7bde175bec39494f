"""Score once (issue 12): score + reach_out on the maximal export, after the load.

Each run is a fresh process. The load is not timed; the clock includes the first build
of ``people`` and ``interactions``. Two figures per run: with the scoring modules (and
numpy) imported before the clock, and cold, with their import inside it. The raw-read
floor is polars reading messages.csv and Connections.csv, extracted, with no parsing.

    .venv/bin/python bench/score_speed.py [runs]
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from _common import OUT, large_export, machine, run_child

RUN = """
import time, tiekeeper
e = tiekeeper.load_export({zpath!r})
if {warm}:
    import tiekeeper.scoring.strength, tiekeeper.scoring.plan
t0, c0 = time.perf_counter(), time.process_time()
s = tiekeeper.score(e)
t1 = time.perf_counter()
plan = tiekeeper.reach_out(e)
t2, c2 = time.perf_counter(), time.process_time()
RESULT = {{'total': t2 - t0, 'cpu': c2 - c0, 'score': t1 - t0, 'reach_out': t2 - t1,
          'people': s.height, 'interactions': e.interactions.height}}
"""

RAW = """
import time, polars as pl
t0 = time.perf_counter()
m = pl.read_csv({messages!r}, infer_schema=False)
c = pl.read_csv({connections!r}, infer_schema=False, skip_rows=3)
RESULT = {{'seconds': time.perf_counter() - t0}}
"""


def main(runs: int = 5) -> None:
    zpath = large_export("zip")
    extracted = OUT / "large-extracted"
    if not (extracted / "messages.csv").exists():
        with zipfile.ZipFile(zpath) as zf:
            zf.extractall(extracted)
    raw = min(
        run_child(
            RAW.format(
                messages=str(extracted / "messages.csv"),
                connections=str(extracted / "Connections.csv"),
            )
        )["seconds"]
        for _ in range(runs)
    )
    print(machine())
    print(f"load average {Path('/proc/loadavg').read_text().split()[0]}")
    print(f"raw-read floor: {raw:.2f} s (best of {runs})")
    for warm in (True, False):
        rs = [run_child(RUN.format(zpath=str(zpath), warm=warm)) for _ in range(runs)]
        best = min(rs, key=lambda r: r["total"])
        totals = sorted(r["total"] for r in rs)
        print(
            f"{'imports warm' if warm else 'imports cold'}: score + reach_out best "
            f"{best['total']:.2f} s (score {best['score']:.2f}, reach_out "
            f"{best['reach_out']:.2f}, CPU {best['cpu']:.2f}), median "
            f"{totals[len(totals) // 2]:.2f} s; {best['people']:,} people, "
            f"{best['interactions']:,} interactions"
        )
    print(f"load average {Path('/proc/loadavg').read_text().split()[0]}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
