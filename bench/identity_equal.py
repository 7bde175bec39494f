"""Check that loading gives exactly the same Export as a saved reference (the identity stage).

``save`` loads a set of exports and writes every frame of each Export (all of
``Export.FRAMES``, people, interactions and the parse report included), its owner,
notes and dates to Parquet/JSON under ``OUT/identity-equal/<ref>``; ``compare`` loads
them again with the current code and checks every frame with
``polars.testing.assert_frame_equal`` (exact, row and column order included).

The set: the large synthetic export (30,000 connections, 1,000,000 messages) as a zip
and as an archived snapshot, ``data/sample`` (also with ``owner=`` given and as
snapshots with and without message text), every layout x realistic x resaved variant
of :func:`tiekeeper.datasets.make_sample_export` for three seeds, the fixtures under
``tests/fixtures/realistic`` and the exports under ``data/sample_history`` (loaded and
as snapshots). Archives are made once, by ``save``, so both runs load the same Parquet.

Run: ``.venv/bin/python bench/identity_equal.py save`` with the original code (e.g. on
``main``), then ``.venv/bin/python bench/identity_equal.py compare`` with the new code.
``--small`` skips the large export.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

sys.path.insert(0, str(Path(__file__).parent))
from _common import OUT, large_export

import tiekeeper
import tiekeeper.archive
from tiekeeper.datasets import make_sample_export
from tiekeeper.io import Export

ROOT = Path(__file__).resolve().parents[1]
WORK = OUT / "identity-equal"
CASES = WORK / "cases"
ARCHIVES = WORK / "archives"
SEEDS = (0, 1, 2)
LAYOUTS = ("2025", "2023", "2021", "2018")
LAYOUT_DATES = {"2018": (2018, 11, 20), "2021": (2021, 6, 1)}


def _generated() -> Iterator[tuple[str, Path]]:
    import datetime as dt

    for seed in SEEDS:
        for layout in LAYOUTS:
            for realistic in (False, True):
                for resaved in (False, True) if realistic else (False,):
                    name = f"gen-s{seed}-{layout}-r{int(realistic)}-v{int(resaved)}"
                    target = CASES / name
                    if not (target / ".done").exists():
                        shutil.rmtree(target, ignore_errors=True)
                        y, m, d = LAYOUT_DATES.get(layout, (2025, 3, 14))
                        make_sample_export(
                            target,
                            seed=seed,
                            layout=layout,  # type: ignore[arg-type]
                            realistic=realistic,
                            resaved=resaved,
                            export_date=dt.date(y, m, d),
                        )
                        (target / ".done").write_text("")
                    yield name, target


def _snapshot(name: str, src: Path, *, text: bool = True) -> Path:
    """The archived snapshot of ``src`` (added once, by the first run)."""
    root = ARCHIVES / name
    marker = root / ".path"
    if not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        res = tiekeeper.archive.add(src, archive=root, message_text=text)
        marker.write_text(str(res.path))
    return Path(marker.read_text())


def cases(small: bool) -> Iterator[tuple[str, Callable[[], Export]]]:
    """(name, loader) of every export in the set."""
    sample = ROOT / "data" / "sample"
    if not small:
        big = large_export("zip")
        yield "large-zip", lambda: tiekeeper.load_export(big)
        snap = _snapshot("large", big)
        yield "large-snapshot", lambda: tiekeeper.archive.load_snapshot(snap)
    yield "sample", lambda: tiekeeper.load_export(sample)
    yield "sample-owner", lambda: tiekeeper.load_export(sample, owner="Emil Alderfeather")
    s1 = _snapshot("sample", sample)
    yield "sample-snapshot", lambda: tiekeeper.archive.load_snapshot(s1)
    s2 = _snapshot("sample-bare", sample, text=False)
    yield "sample-snapshot-bare", lambda: tiekeeper.archive.load_snapshot(s2)
    for name, path in _generated():
        yield name, (lambda p=path: tiekeeper.load_export(p))
    for fx in sorted((ROOT / "tests" / "fixtures" / "realistic").iterdir()):
        if fx.is_dir():
            yield f"fixture-{fx.name}", (lambda p=fx: tiekeeper.load_export(p))
    for h in sorted((ROOT / "data" / "sample_history").iterdir()):
        if h.is_dir():
            yield f"history-{h.name}", (lambda p=h: tiekeeper.load_export(p))
            snap_h = _snapshot(f"history-{h.name}", h)
            yield (
                f"history-snapshot-{h.name}",
                (lambda p=snap_h: tiekeeper.archive.load_snapshot(p)),
            )


def _meta(e: Export) -> dict[str, object]:
    return {
        "owner": [list(e.owner.names), list(e.owner.profile_urls), list(e.owner.evidence)],
        "export_date": str(e.export_date),
        "as_of": str(e.as_of),
        "notes": list(e.notes),
        "other_files": sorted(e.other_files),
        "text_flags": None if e.text_flags is None else e.text_flags.height,
    }


def save(e: Export, folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for n in Export.FRAMES:
        e.frame(n).write_parquet(folder / f"{n}.parquet")
    if e.text_flags is not None:
        e.text_flags.write_parquet(folder / "text_flags.parquet")
    (folder / "meta.json").write_text(json.dumps(_meta(e), indent=1))


def compare(e: Export, folder: Path) -> list[str]:
    bad = []
    for n in Export.FRAMES:
        try:
            assert_frame_equal(
                e.frame(n), pl.read_parquet(folder / f"{n}.parquet"), check_exact=True
            )
        except AssertionError as err:
            bad.append(f"{n}: {str(err).splitlines()[0]}")
    if json.loads((folder / "meta.json").read_text()) != json.loads(json.dumps(_meta(e))):
        bad.append("meta (owner, dates, notes) differ")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["save", "compare"])
    ap.add_argument("--ref", default="reference")
    ap.add_argument("--small", action="store_true", help="skip the large export")
    args = ap.parse_args()
    ref = WORK / args.ref
    failures = 0
    n = 0
    for name, load in cases(args.small):
        t = time.perf_counter()
        e = load()
        if args.mode == "save":
            save(e, ref / name)
            status = "saved"
        else:
            bad = compare(e, ref / name)
            failures += bool(bad)
            status = "EQUAL" if not bad else "DIFFERENT\n    " + "\n    ".join(bad)
        n += 1
        print(f"{name:48s} {time.perf_counter() - t:6.2f}s {status}", flush=True)
    print(f"{n} exports, {failures} different")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
