"""Before/after of the identity stage speed-up: load_export(zip) and load_snapshot, large export.

Each load runs in a fresh process (polars and tiekeeper imported before the clock
starts); the two versions alternate, ``--rounds`` times. The base version is another
checkout's ``src`` (``git worktree add --detach /tmp/base <commit>``), put first on
``PYTHONPATH``. CPU is the process time of all threads; the minimum and median are given.
The snapshot is the one ``identity_equal.py save`` archived. Run:
``nice -n -10 .venv/bin/python bench/identity_bench.py /tmp/base/src``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _common import OUT, large_export, run_child

CHILD = """
import os, time, resource
import polars, tiekeeper, tiekeeper.archive
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
RESULT = dict()
t, c = time.perf_counter(), cpu()
e = {call}
RESULT['wall'] = time.perf_counter() - t
RESULT['cpu'] = cpu() - c
RESULT['src'] = tiekeeper.__file__
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("base_src")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    zip_path = large_export("zip")
    snap = (OUT / "identity-equal" / "archives" / "large" / ".path").read_text()
    calls = {
        "load_export(zip)": f"tiekeeper.load_export({str(zip_path)!r})",
        "load_snapshot": f"tiekeeper.archive.load_snapshot({snap!r})",
    }
    envs = {"before": {"PYTHONPATH": args.base_src}, "after": {}}
    got: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(args.rounds):
        for what, call in calls.items():
            for version, env in envs.items():
                r = run_child(CHILD.format(call=call), env=env)
                got.setdefault((what, version), []).append(r)
    print(f"load average {os.getloadavg()[0]:.1f}")
    print("| load | version | wall min / median | CPU min / median |")
    print("|---|---|---|---|")
    for (what, version), rs in got.items():
        w = [float(r["wall"]) for r in rs]
        c = [float(r["cpu"]) for r in rs]
        print(
            f"| {what} | {version} | {min(w):.2f} / {statistics.median(w):.2f} s | "
            f"{min(c):.2f} / {statistics.median(c):.2f} s |"
        )


if __name__ == "__main__":
    main()
