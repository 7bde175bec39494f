"""Time every numbered notebook, executed top to bottom on the bundled sample.

Each notebook runs in a fresh kernel of this Python (the way the test suite runs them),
from a temporary working folder, with ``EXPORT = None`` (the bundled sample). The
script records, per notebook, the wall time including kernel start-up, the time spent
inside cells, and the slowest cell, then writes ``bench/RESULTS-notebooks.md``.

Targets (issue 6): each notebook under 20 s, all of them under 2 minutes.

Usage::

    .venv/bin/python bench/notebook_timings.py [--repeat N] [--out bench/RESULTS-notebooks.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

__all__ = ["Timing", "main", "time_notebook"]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PER_NOTEBOOK_TARGET = 20.0
TOTAL_TARGET = 120.0
KERNEL = "tiekeeper-bench-python"


@dataclass(frozen=True)
class Timing:
    """One notebook's run: wall time, time inside cells, and its slowest cell."""

    name: str
    wall: float
    cells: float
    slowest: float
    slowest_cell: int


def _kernel_specs(folder: Path) -> KernelSpecManager:
    spec_dir = folder / KERNEL
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "tiekeeper bench",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(folder)])


def _cell_seconds(cell: Any) -> float:
    timing = cell.get("metadata", {}).get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not start or not end:
        return 0.0
    parse = dt.datetime.fromisoformat
    return (parse(end.replace("Z", "+00:00")) - parse(start.replace("Z", "+00:00"))).total_seconds()


def time_notebook(path: Path, specs: KernelSpecManager) -> Timing:
    """Execute one notebook in a temporary folder and time it."""
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="tiekeeper-nb-") as tmp:
        os.environ["TMPDIR"] = tmp  # notebooks 05 and 07 write into tempfile folders
        client = NotebookClient(
            nb,
            km=AsyncKernelManager(kernel_name=KERNEL, kernel_spec_manager=specs),
            timeout=600,
            record_timing=True,
            resources={"metadata": {"path": tmp}},
        )
        start = time.perf_counter()
        # we own the kernel manager we pass in: shut the kernel down and close its
        # sockets, or they leak (and ResourceWarnings fail the suite)
        client.execute(cleanup_kc=True)
        wall = time.perf_counter() - start
    seconds = [_cell_seconds(c) if c.cell_type == "code" else 0.0 for c in nb.cells]
    slowest = max(range(len(seconds)), key=seconds.__getitem__)
    return Timing(path.stem, wall, sum(seconds), seconds[slowest], slowest)


def _git_revision() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


def _versions() -> str:
    import plotly
    import polars

    return (
        f"Python {platform.python_version()}, polars {polars.__version__}, "
        f"plotly {plotly.__version__}, {os.cpu_count()} CPU cores, {platform.machine()}"
    )


def render(runs: list[list[Timing]], load: tuple[float, float, float]) -> str:
    """The markdown results table: the median of the repeats for each notebook."""
    lines = [
        "# Notebook timings",
        "",
        "Each numbered notebook executed top to bottom on the bundled sample "
        "(`EXPORT = None`) by `bench/notebook_timings.py`, in a fresh kernel, "
        f"median of {len(runs)} run(s). Wall time includes starting the kernel and "
        "importing the libraries; *in cells* is the time spent executing code cells.",
        "",
        f"Environment: {_versions()}; commit `{_git_revision()}`; load average "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) when the run "
        "started, on a machine shared with other jobs.",
        "",
        "| notebook | wall (s) | in cells (s) | slowest cell: s (cell index) | target < 20 s |",
        "|---|---:|---:|---:|---|",
    ]
    total = 0.0
    for i, first in enumerate(runs[0]):
        same = [run[i] for run in runs]
        wall = statistics.median(t.wall for t in same)
        cells = statistics.median(t.cells for t in same)
        slow = statistics.median(t.slowest for t in same)
        total += wall
        ok = "yes" if wall < PER_NOTEBOOK_TARGET else "**no**"
        lines.append(
            f"| {first.name} | {wall:.1f} | {cells:.1f} | "
            f"{slow:.1f} (cell {first.slowest_cell}) | {ok} |"
        )
    ok = "yes" if total < TOTAL_TARGET else "**no**"
    lines += ["", f"All seven: {total:.1f} s (target < {TOTAL_TARGET:.0f} s: {ok}).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the timings and write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS-notebooks.md")
    args = parser.parse_args(argv)
    if not NOTEBOOKS:
        print(f"no notebooks in {ROOT / 'notebooks'}", file=sys.stderr)
        return 1
    runs: list[list[Timing]] = []
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tiekeeper-kernels-") as kernels:
        specs = _kernel_specs(Path(kernels))
        saved_tmp = os.environ.get("TMPDIR")
        try:
            for _ in range(max(1, args.repeat)):
                run = []
                for path in NOTEBOOKS:
                    timing = time_notebook(path, specs)
                    print(f"{timing.name:28s} {timing.wall:6.1f} s", flush=True)
                    run.append(timing)
                runs.append(run)
        finally:
            if saved_tmp is None:
                os.environ.pop("TMPDIR", None)
            else:
                os.environ["TMPDIR"] = saved_tmp
    text = render(runs, load)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
