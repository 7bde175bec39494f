"""Smoke test of an installed tiekeeper, run by scripts/deps-check.sh in a clean venv.

    python scripts/deps_smoke.py PYPROJECT OUT_DIR [--exact-minima]

1. With ``--exact-minima``: every direct dependency (the core ones and those of the
   ``notebooks`` and ``pandas`` extras) is installed at exactly its declared lower bound.
   Otherwise the installed versions are only printed.
2. The main path: load the bundled sample, score, reach_out, build_graph, write the
   report, write the notebooks and execute one of them in a fresh kernel.

It uses only the standard library besides tiekeeper and its dependencies, so it runs in
the venv under test.
"""

from __future__ import annotations

import re
import sys
import time
import tomllib
from importlib import metadata
from pathlib import Path

EXTRAS = ("notebooks", "pandas")
NOTEBOOK = "04_your_network.ipynb"
_REQ = re.compile(
    r"^(?P<name>[A-Za-z0-9_.-]+)(?:\[(?P<extras>[^\]]+)\])?\s*>=\s*(?P<min>[^,;\s]+)$"
)


def declared_minima(pyproject: Path) -> dict[str, str]:
    """Map each direct requirement (core and EXTRAS, self-references expanded) to its floor."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    name = project["name"]
    optional = project.get("optional-dependencies", {})
    pending = list(project["dependencies"]) + [r for e in EXTRAS for r in optional[e]]
    minima: dict[str, str] = {}
    while pending:
        req = pending.pop()
        if req.startswith(f"{name}["):
            extras = req[len(name) + 1 : req.index("]")].split(",")
            pending.extend(r for e in extras for r in optional[e.strip()])
            continue
        match = _REQ.match(req.strip())
        if match is None:
            raise SystemExit(f"requirement {req!r} is not of the form 'name>=version'")
        minima[match["name"].lower().replace("_", "-")] = match["min"]
    return minima


def _release(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", version.split("+")[0])]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def check_versions(pyproject: Path, *, exact: bool) -> None:
    wrong = []
    for name, floor in sorted(declared_minima(pyproject).items()):
        installed = metadata.version(name)
        print(f"  {name:<12} declared >={floor:<10} installed {installed}")
        if exact and _release(installed) != _release(floor):
            wrong.append(f"{name} {installed} (declared >={floor})")
    if wrong:
        raise SystemExit("not installed at the declared minimum: " + ", ".join(wrong))


def smoke(out: Path) -> None:
    import nbclient
    import nbformat

    import tiekeeper as tk
    from tiekeeper.notebooks import write_notebooks

    steps: list[tuple[str, float]] = []

    def step(label: str, t0: float) -> float:
        now = time.perf_counter()
        steps.append((label, now - t0))
        return now

    t = time.perf_counter()
    export = tk.load_export()
    t = step("load_export", t)
    scores = tk.score(export)
    assert scores.height > 0, "score returned no rows"
    t = step("score", t)
    frame = scores.to_pandas()  # the pandas extra: pandas and pyarrow
    assert len(frame) == scores.height
    t = step("to_pandas", t)
    plan = tk.reach_out(export, k=5)
    assert plan.suggestions.height > 0, "reach_out suggested nobody"
    t = step("reach_out", t)
    graph = tk.build_graph(export)
    assert graph.number_of_nodes() > 1, "build_graph made an empty graph"
    t = step("build_graph", t)
    report = tk.Report(export).write_html(out / "report.html")
    assert report.stat().st_size > 100_000, "the report is suspiciously small"
    t = step("report", t)
    written = write_notebooks(out / "notebooks")
    assert NOTEBOOK in {p.name for p in written}, f"{NOTEBOOK} was not written"
    t = step("write_notebooks", t)
    path = out / "notebooks" / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    t = step(f"execute {NOTEBOOK}", t)
    for label, seconds in steps:
        print(f"  {label:<30} {seconds:6.1f} s")


def main(argv: list[str]) -> None:
    pyproject, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    print("versions:")
    check_versions(pyproject, exact="--exact-minima" in argv)
    print("smoke:")
    smoke(out)
    print("smoke passed")


if __name__ == "__main__":
    main(sys.argv[1:])
