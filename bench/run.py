"""Run every benchmark and collect the figures into bench/RESULTS.md (``make bench``).

Each benchmark script writes its own section (``bench/out/*.md`` or
``bench/RESULTS-*.md``); this script runs them one after another (never in
parallel: the figures are wall times on a 2-core machine) and concatenates the
sections under a short header. ``--collect`` only re-assembles RESULTS.md from
the sections already written; naming scripts runs only those.

Run: ``.venv/bin/python bench/run.py [--collect] [load scaling backtest ...]``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from _common import OUT, machine  # noqa: E402

#: (name, script, the section file it writes), in the order of the issues
BENCHES: tuple[tuple[str, str, Path], ...] = (
    ("load", "load_bench.py", OUT / "load.md"),
    ("scaling", "scaling_bench.py", OUT / "scaling.md"),
    ("backtest", "backtest.py", HERE / "RESULTS-scoring.md"),
    ("graph", "graph_bench.py", HERE / "RESULTS-graph.md"),
    ("report", "report_bench.py", HERE / "RESULTS-report.md"),
    ("notebooks", "notebook_timings.py", HERE / "RESULTS-notebooks.md"),
)

HEADER = """# Benchmark results

Every figure here was measured by the scripts in `bench/` (`make bench` runs them all and
re-writes this file) on the large synthetic export: `make_sample_export(seed=0,
n_connections=30_000, n_messages=1_000_000)`, generated at benchmark time, never committed
(messages.csv of about 450 MB). Tests never assert timings; these numbers are the record.

Machine of the last collection: {machine}. The machine is shared by the developers' jobs,
so each section states its own load average, and CPU time is given next to wall time where
load could distort it.
"""


def collect() -> str:
    parts = [HEADER.format(machine=machine())]
    for name, _, section in BENCHES:
        if section.exists():
            text = section.read_text().strip()
            # demote a section's top heading so RESULTS.md has one title
            if text.startswith("# "):
                text = "#" + text
            parts.append(text)
        else:
            parts.append(f"## {name}\n\n(not measured yet: run `bench/run.py {name}`)")
    return "\n\n".join(parts) + "\n"


def main(argv: list[str]) -> None:
    only_collect = "--collect" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    if not only_collect:
        for name, script, _ in BENCHES:
            if wanted and name not in wanted:
                continue
            print(f"== {name}: {script}", flush=True)
            subprocess.run([sys.executable, str(HERE / script)], check=True)
    (HERE / "RESULTS.md").write_text(collect())
    print(f"wrote {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main(sys.argv[1:])
