"""Tests of the fictional history generator (tiekeeper.datasets.make_sample_history).

The checks read the written files back with tiekeeper.load_export and compare
consecutive snapshots directly, so the truth is tested against the files, not
against the generator's own bookkeeping.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import tiekeeper
from tiekeeper.companies import is_placeholder, normalize_company
from tiekeeper.datasets import make_sample_history, sample_history_path
from tiekeeper.datasets._paths import SAMPLE_HISTORY_ARGS
from tiekeeper.errors import ParameterError
from tiekeeper.keys import person_id_from_slug, profile_slug

KINDS = {
    "connection_added",
    "connection_removed",
    "company_changed",
    "title_changed",
    "url_changed",
    "name_changed",
    "owner_position_added",
}
SMALL: dict[str, Any] = {"n_connections": 100, "n_messages": 700}
SEP = " · "


class Hist:
    """A written history, its snapshots loaded, and its truth."""

    def __init__(self, out: Path, paths: list[Path]) -> None:
        self.out = out
        self.paths = paths
        self.exports = [tiekeeper.load_export(p) for p in paths]
        self.truth = pl.read_csv(
            out / "history_truth.csv",
            schema_overrides={"seen_after": pl.Date, "seen_before": pl.Date},
            infer_schema=False,
        )

    def pairs(self) -> list[tuple[Any, Any, pl.DataFrame]]:
        """(older export, newer export, the truth rows between them)."""
        out = []
        for a, b in itertools.pairwise(self.exports):
            rows = self.truth.filter(
                (pl.col("seen_after") == a.export_date) & (pl.col("seen_before") == b.export_date)
            )
            out.append((a, b, rows))
        return out


def _make(tmp: Path, layout: str, **kwargs: Any) -> Hist:
    out = tmp / f"h{layout}"
    paths = make_sample_history(out, seed=3, **{**SMALL, "layout": layout, **kwargs})
    return Hist(out, paths)


@pytest.fixture(scope="module")
def h2025(tmp_path_factory: pytest.TempPathFactory) -> Hist:
    return _make(tmp_path_factory.mktemp("hist"), "2025")


@pytest.fixture(scope="module")
def h2021(tmp_path_factory: pytest.TempPathFactory) -> Hist:
    return _make(tmp_path_factory.mktemp("hist"), "2021")


@pytest.fixture(scope="module")
def h2018(tmp_path_factory: pytest.TempPathFactory) -> Hist:
    return _make(tmp_path_factory.mktemp("hist"), "2018", realistic=True)


@pytest.fixture(params=["2025", "2021", "2018"])
def hist(request: pytest.FixtureRequest) -> Hist:
    fixture: Hist = request.getfixturevalue(f"h{request.param}")
    return fixture


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _ids(frame: pl.DataFrame) -> set[str]:
    return set(frame["person_id"].drop_nulls().to_list())


# ----------------------------------------------------------- the written files
def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    kw: dict[str, Any] = {"seed": 7, "n_connections": 60, "n_messages": 600}
    make_sample_history(tmp_path / "a", **kw)
    make_sample_history(tmp_path / "b", **kw)
    make_sample_history(tmp_path / "c", **{**kw, "seed": 8})
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert a == b
    assert a.keys() == c.keys() and a != c
    z1 = make_sample_history(tmp_path / "z1", fmt="zip", **kw)
    z2 = make_sample_history(tmp_path / "z2", fmt="zip", **kw)
    assert [p.read_bytes() for p in z1] == [p.read_bytes() for p in z2]
    with zipfile.ZipFile(z1[-1]) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    assert members["messages.csv"] == a[f"{z1[-1].stem}/messages.csv"]


def test_snapshots_are_named_and_dated_as_exports(h2025: Hist) -> None:
    names = [p.name for p in h2025.paths]
    days = [dt.datetime.strptime(n[-10:], "%m-%d-%Y").date() for n in names]
    assert all(re.fullmatch(r"Basic_LinkedInDataExport_\d\d-\d\d-\d{4}", n) for n in names)
    assert days == [dt.date(2023, 9, 15), dt.date(2024, 6, 14), dt.date(2025, 3, 14)]
    assert [e.export_date for e in h2025.exports] == days
    assert all(p.parent == h2025.out for p in h2025.paths)
    # the truth is next to the snapshots, never inside one
    assert (h2025.out / "history_truth.csv").is_file()
    assert not any("truth" in f.name for p in h2025.paths for f in p.iterdir())


def test_every_snapshot_loads_with_the_same_owner(hist: Hist) -> None:
    owners = {(e.owner.name, e.owner.profile_urls) for e in hist.exports}
    assert len(owners) == 1
    assert all(e.connections.height > 0 and e.messages.height > 0 for e in hist.exports)
    for e in hist.exports:  # nothing after the export day
        assert e.export_date is not None
        end = dt.datetime.combine(e.export_date, dt.time(23, 59, 59), tzinfo=dt.UTC)
        assert e.messages.filter(pl.col("time") > end).height == 0


def test_2018_layout_writes_messages_csv(h2018: Hist) -> None:
    assert all((p / "Messages.csv").is_file() for p in h2018.paths)
    assert not any((p / "messages.csv").exists() for p in h2018.paths)


def test_later_snapshots_keep_every_message_but_the_disappeared_conversations(
    h2025: Hist,
) -> None:
    for a, b, _ in h2025.pairs():
        key = ["conversation_id", "time", "content"]
        old = a.messages.filter(pl.col("conversation_id").is_not_null()).select(key)
        new = b.messages.filter(pl.col("conversation_id").is_not_null()).select(key)
        gone = set(old["conversation_id"]) - set(new["conversation_id"])
        assert 1 <= len(gone) <= 2
        lost = old.join(new, on=key, how="anti", nulls_equal=True)
        assert set(lost["conversation_id"]) == gone  # only whole conversations disappear
        assert new.filter(pl.col("time") > a.as_of).height > 0  # and newer ones arrive
        # a disappeared conversation was an old 1:1 thread
        threads = old.filter(pl.col("conversation_id").is_in(sorted(gone)))
        assert threads.height >= 2


# ------------------------------------------------------------------ the truth
def test_truth_covers_each_kind(h2025: Hist) -> None:
    t = h2025.truth
    assert list(t.columns) == [
        "person_id",
        "name",
        "kind",
        "before",
        "after",
        "seen_after",
        "seen_before",
    ]
    assert set(t["kind"]) == KINDS
    days = [e.export_date for e in h2025.exports]
    assert set(zip(t["seen_after"], t["seen_before"], strict=True)) == set(itertools.pairwise(days))
    for _, _, rows in h2025.pairs():  # every transition has every kind of people change
        assert set(rows["kind"]) >= KINDS - {"owner_position_added"}
    owner = t.filter(pl.col("kind") == "owner_position_added")
    assert owner["person_id"].is_null().all()
    assert set(owner["name"]) == {h2025.exports[0].owner.name}
    assert owner["after"].str.contains(SEP, literal=True).all()


@pytest.mark.parametrize("fixture", ["h2021", "h2018"])
def test_no_url_changed_without_urls(fixture: str, request: pytest.FixtureRequest) -> None:
    h: Hist = request.getfixturevalue(fixture)
    assert set(h.truth["kind"]) == KINDS - {"url_changed"}
    assert all(e.connections["profile_url"].is_null().all() for e in h.exports)


def test_truth_ids_are_the_loaded_ids(hist: Hist) -> None:
    """Each row names the person as the later export loads them (the earlier if removed)."""
    for a, b, rows in hist.pairs():
        removed = rows.filter(pl.col("kind") == "connection_removed")
        people = rows.filter(pl.col("person_id").is_not_null())
        assert _ids(removed) <= _ids(a.connections)
        assert _ids(people.filter(pl.col("kind") != "connection_removed")) <= _ids(b.connections)
        named = dict(b.connections.select("person_id", "name").unique().iter_rows())
        for pid, name, kind in people.select("person_id", "name", "kind").iter_rows():
            if kind != "connection_removed":
                assert named[pid] == name


def test_added_and_removed_are_the_connections_diff(h2025: Hist) -> None:
    for a, b, rows in h2025.pairs():
        old, new = _ids(a.connections), _ids(b.connections)
        moved_url = rows.filter(pl.col("kind") == "url_changed")
        before = {person_id_from_slug(str(profile_slug(u))) for u in moved_url["before"]}
        assert set(rows.filter(pl.col("kind") == "connection_added")["person_id"]) == (
            new - old - _ids(moved_url)
        )
        assert set(rows.filter(pl.col("kind") == "connection_removed")["person_id"]) == (
            old - new - before
        )
        # added connections were made between the two export days
        added = b.connections.filter(
            pl.col("person_id").is_in(
                sorted(_ids(rows.filter(pl.col("kind") == "connection_added")))
            )
        )
        assert added["connected_on"].min() >= a.export_date
        assert added["connected_on"].max() <= b.export_date


def test_moves_titles_and_values_of_the_day(hist: Hist) -> None:
    """Company and title changes are exactly the real, normalised differences."""
    for a, b, rows in hist.pairs():
        cols = ["person_id", "name", "company", "position", "connected_on"]
        old = a.connections.select(cols).drop_nulls("person_id")
        new = b.connections.select(cols).drop_nulls("person_id")
        both = old.join(new, on=["name", "connected_on"], suffix="_n")  # nobody shares both
        moves: dict[str, tuple[str, str]] = {}
        titles: dict[str, tuple[str, str]] = {}
        respelled, to_placeholder = [], []
        for _, _, c, t, _, pid, c2, t2 in both.iter_rows():
            k, k2 = normalize_company(c), normalize_company(c2)
            retitled = (t or "").casefold() != (t2 or "").casefold()
            if c != c2 and k == k2:
                respelled.append((c, c2))
                assert not retitled
            elif c2 != c and is_placeholder(c2):
                to_placeholder.append(pid)
                assert not retitled
            elif k != k2 and k is not None and k2 is not None:
                moves[pid] = (f"{c}{SEP}{t}", f"{c2}{SEP}{t2}") if retitled else (c, c2)
            elif retitled:
                titles[pid] = (t, t2)
        truth_moves = rows.filter(pl.col("kind") == "company_changed")
        truth_titles = rows.filter(pl.col("kind") == "title_changed")

        def table(frame: pl.DataFrame) -> dict[str, tuple[str, str]]:
            return {p: (x, y) for p, x, y in frame.select("person_id", "before", "after").rows()}

        assert table(truth_moves) == moves
        assert table(truth_titles) == titles
        # some moves keep the title, some do not
        assert any(SEP in v[0] for v in moves.values())
        assert any(SEP not in v[0] for v in moves.values())
        # the respelled company and the placeholder move are in the files, not in the truth
        assert any(c2 == f"{c.upper()}, Inc." for c, c2 in respelled)
        assert len(to_placeholder) == 1
        assert not set(to_placeholder) & set(truth_moves["person_id"])


def test_renamed_and_reurled_people_keep_the_rest(h2025: Hist) -> None:
    for a, b, rows in h2025.pairs():
        for kind, column in (("name_changed", "name"), ("url_changed", "profile_url")):
            (row,) = rows.filter(pl.col("kind") == kind).iter_rows(named=True)
            old = a.connections.filter(pl.col(column) == row["before"])
            new = b.connections.filter(pl.col(column) == row["after"])
            assert old.height == new.height == 1
            for same in ("company", "position", "connected_on"):
                assert old[same][0] == new[same][0]
            other = "profile_url" if kind == "name_changed" else "name"
            assert old[other][0] == new[other][0]
            assert b.connections.filter(pl.col(column) == row["before"]).height == 0


def test_changes_recovers_the_truth(hist: Hist) -> None:
    changes = pytest.importorskip("tiekeeper.history").changes
    cols = ["person_id", "name", "kind", "before", "after", "seen_after", "seen_before"]
    for a, b, rows in hist.pairs():
        got = changes(a, b).select(cols)
        assert sorted(got.rows(), key=str) == sorted(rows.select(cols).rows(), key=str)


# -------------------------------------------------------------- the shipped one
def test_shipped_sample_history_is_a_fresh_generation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    args: dict[str, Any] = dict(SAMPLE_HISTORY_ARGS)
    make_sample_history(fresh, **args)
    shipped = _files(sample_history_path())
    assert shipped == _files(fresh), (
        "regenerate data/sample_history with "
        "make_sample_history('data/sample_history', n_connections=150, n_messages=600)"
    )
    assert sum(len(v) for v in shipped.values()) < 1_000_000
    assert "history_truth.csv" in shipped


# ---------------------------------------------------------------- arguments
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"snapshots": 1}, "snapshots=1 is out of range"),
        ({"snapshots": 13}, "snapshots=13"),
        ({"snapshots": 2.0}, "snapshots must be an integer"),
        ({"spacing_days": 20}, "spacing_days=20"),
        ({"snapshots": 6, "spacing_days": 365}, "span 1825 days"),
        ({"first_date": dt.datetime(2023, 1, 1)}, "first_date must be a datetime.date"),
        ({"fmt": "tar"}, "fmt='tar'"),
        ({"layout": "2019"}, "layout='2019'"),
        ({"n_connections": 10}, "n_connections=10 is too small"),
    ],
)
def test_bad_arguments_raise_parameter_error(
    tmp_path: Path, kwargs: dict[str, Any], match: str
) -> None:
    with pytest.raises(ParameterError, match=re.escape(match)):
        make_sample_history(tmp_path / "h", **kwargs)


def test_top_level_export() -> None:
    assert tiekeeper.make_sample_history is make_sample_history
    assert "make_sample_history" in tiekeeper.__all__


def test_sample_history_path_inside_an_installed_package(tmp_path: Path) -> None:
    # A wheel maps data/sample_history to tiekeeper/_data/sample_history (pyproject's
    # force-include); mimic that layout outside the checkout.
    import shutil
    import subprocess
    import sys

    site = tmp_path / "site"
    shutil.copytree(Path(tiekeeper.__file__).parent, site / "tiekeeper")
    shutil.copytree(sample_history_path(), site / "tiekeeper" / "_data" / "sample_history")
    code = "from tiekeeper.datasets import sample_history_path; print(sample_history_path())"
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == site / "tiekeeper" / "_data" / "sample_history"
