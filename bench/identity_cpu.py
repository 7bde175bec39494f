"""CPU and wall time of the identity stage (``tiekeeper.io.loader._identities``).

Reads the archived snapshot of the large export (made by ``identity_equal.py save``)
once, then runs the identity stage ``--runs`` times on fresh copies of its frames and
prints the minimum CPU (``time.process_time``) and wall time, overall and per step.
Run: ``nice -n -10 .venv/bin/python bench/identity_cpu.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _common import OUT

import tiekeeper.io.loader as loader
from tiekeeper.archive.read import _parsed, read_manifest

STEPS = (
    "identity_combos",
    "_rejoin_recipients",
    "infer_owner",
    "namesake_ids",
    "collect_observations",
    "finish_messages",
)
times: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
RUN = [0]


def _timed(name: str, fn: Any) -> Any:
    def run(*a: Any, **k: Any) -> Any:
        c, w = time.process_time(), time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            t = times[name][RUN[0]]
            t[0] += time.process_time() - c
            t[1] += time.perf_counter() - w

    return run


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--steps", action="store_true", help="time each step too")
    args = ap.parse_args()
    snap = Path((OUT / "identity-equal" / "archives" / "large" / ".path").read_text())
    with ThreadPoolExecutor(max_workers=1) as pool:
        parsed, _ = _parsed(snap, read_manifest(snap), pool)
    if args.steps:
        for s in STEPS:
            setattr(loader, s, _timed(s, getattr(loader, s)))
    total = []
    for i in range(args.runs):
        RUN[0] = i
        frames = dict(parsed.frames)
        c, w = time.process_time(), time.perf_counter()
        # as finish_export: messages and connections, then the other frames' person ids
        _, _, resolver, _ = loader._identities(frames, None, parsed.message_combos)
        others = tuple(n for n in loader._PERSON_FRAMES if n != "connections")
        loader._fill_person_ids(frames, resolver, others)
        total.append((time.process_time() - c, time.perf_counter() - w))
    cpu, wall = min(t[0] for t in total), min(t[1] for t in total)
    print(f"{'_identities':24s} cpu {cpu:.3f}  wall {wall:.3f}")
    for s, per_run in times.items():
        ts = list(per_run.values())
        print(f"  {s:22s} cpu {min(t[0] for t in ts):.3f}  wall {min(t[1] for t in ts):.3f}")


if __name__ == "__main__":
    main()
