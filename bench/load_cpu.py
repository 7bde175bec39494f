"""CPU and wall time of ``load_export`` (and the first build of people and interactions).

For comparing two versions of the reader on a shared machine, where wall time is noisy:
run it once per version, interleaved, e.g. with ``git worktree add /tmp/base <rev>``::

    PYTHONPATH=/tmp/base/src .venv/bin/python bench/load_cpu.py /tmp/base/src
    .venv/bin/python bench/load_cpu.py src

The export is the large synthetic zip (``_common.large_export``).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main(src: str) -> str:
    sys.path.insert(0, src)
    sys.path.insert(1, str(Path(__file__).parent))
    from _common import large_export

    import tiekeeper

    path = large_export("zip")
    c0, t0 = _cpu(), time.perf_counter()
    e = tiekeeper.load_export(path)
    c1, t1 = _cpu(), time.perf_counter()
    _ = e.people, e.interactions
    c2 = _cpu()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        f"{src}: load CPU {c1 - c0:.2f} s, wall {t1 - t0:.2f} s; people+interactions CPU "
        f"{c2 - c1:.2f} s; peak RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    print(main(sys.argv[1] if len(sys.argv) > 1 else "src"))
