"""Shared helpers for the benchmarks: the large synthetic export and child-process timing.

Benchmarks never run in the test suite. Each measurement runs in a fresh
Python process so that peak memory (max RSS) and import time are its own.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Literal

__all__ = [
    "CHROMIUM_ARGS",
    "OUT",
    "chromium_path",
    "large_export",
    "machine",
    "run_child",
    "synthetic_export",
]

OUT = Path(__file__).parent / "out"
#: Debian chromium, headless and with no background traffic (the flags the issues name).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LARGE_CONNECTIONS = 30_000
LARGE_MESSAGES = 1_000_000


def large_export(fmt: Literal["folder", "zip"] = "zip", *, seed: int = 0) -> Path:
    """Generate (once) the large synthetic export used by every benchmark."""
    return synthetic_export("large", LARGE_CONNECTIONS, LARGE_MESSAGES, fmt, seed=seed)


def synthetic_export(
    label: str,
    n_connections: int,
    n_messages: int,
    fmt: Literal["folder", "zip"] = "zip",
    *,
    seed: int = 0,
) -> Path:
    """Generate (once, under ``out/<label>-<fmt>-seed<seed>``) a synthetic export of this size."""
    from tiekeeper.datasets import make_sample_export

    target = OUT / f"{label}-{fmt}-seed{seed}"
    marker = target / ".done"
    if not marker.exists():
        target.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        make_sample_export(
            target / "export",
            seed=seed,
            n_connections=n_connections,
            n_messages=n_messages,
            fmt=fmt,
        )
        marker.write_text(f"{time.perf_counter() - t0:.1f}\n")
    found = sorted((target / "export").rglob("*.zip")) if fmt == "zip" else []
    return found[0] if found else target / "export"


def run_child(code: str, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter and return the dict it leaves in ``RESULT``.

    ``max_rss_mb`` (the child's own peak resident memory) is added to it.
    ``env`` adds variables to the child's environment.
    """
    epilogue = (
        "\nimport json as _j, resource as _r\n"
        "RESULT['max_rss_mb'] = _r.getrusage(_r.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(_j.dumps(RESULT))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code + epilogue],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def machine() -> str:
    """One line describing the machine, for RESULTS.md."""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor() or "unknown CPU"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
        f"{mem:.0f} GiB RAM, Python {platform.python_version()}"
    )


def chromium_path() -> str:
    """Debian's chromium (``apt-get install chromium``)."""
    import shutil

    return shutil.which("chromium") or "/usr/bin/chromium"
