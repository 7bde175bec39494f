"""The snapshot archive (issue 15): round trip, safety, privacy and the CLI.

Every test works in a temporary archive (``TIEKEEPER_ARCHIVE`` is set per test
by conftest.py), never in the user's data folder.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import tiekeeper
from tiekeeper.archive import (
    FORMAT_VERSION,
    add,
    archive_path,
    list_snapshots,
    load_archive,
    load_snapshot,
    remove,
)
from tiekeeper.archive.frames import (
    content_diff,
    content_restore,
    join_combos,
    join_conversations,
)
from tiekeeper.archive.write import archive_lock
from tiekeeper.cli import cli
from tiekeeper.errors import (
    ArchiveError,
    ArchiveFormatError,
    DamagedSnapshotWarning,
    ParameterError,
)
from tiekeeper.history import changes, load_history

HISTORY = Path(__file__).resolve().parents[1] / "data" / "sample_history"
OLD = HISTORY / "Basic_LinkedInDataExport_09-15-2023"
MID = HISTORY / "Basic_LinkedInDataExport_06-14-2024"
NEW = HISTORY / "Basic_LinkedInDataExport_03-14-2025"
PARSED = [n for n in tiekeeper.Export.FRAMES if n not in ("people", "interactions")]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "arch"


def _zip(folder: Path, tmp_path: Path) -> Path:
    out = shutil.make_archive(str(tmp_path / folder.name), "zip", folder)
    return Path(out)


def _assert_same(a: tiekeeper.Export, b: tiekeeper.Export, frames: list[str]) -> None:
    for name in frames:
        assert a.frame(name).equals(b.frame(name)), name
        assert_frame_equal(a.frame(name), b.frame(name))
    assert a.other_files.keys() == b.other_files.keys()
    for k in b.other_files:
        assert_frame_equal(a.other_files[k], b.other_files[k])
    assert (a.owner, a.export_date, a.as_of, a.notes) == (b.owner, b.export_date, b.as_of, b.notes)


# ------------------------------------------------------------------ round trip
@pytest.mark.parametrize("which", ["sample-folder", "old-zip", "new-zip"])
def test_round_trip_every_frame_equals_the_source(which: str, root: Path, tmp_path: Path) -> None:
    source = {
        "sample-folder": tiekeeper.sample_path(),
        "old-zip": _zip(OLD, tmp_path),
        "new-zip": _zip(NEW, tmp_path),
    }[which]
    result = add(source, archive=root)
    archived = load_snapshot(result.path)
    direct = tiekeeper.load_export(source)
    _assert_same(archived, direct, list(tiekeeper.Export.FRAMES))
    # everything derived follows: scores and the plan
    assert_frame_equal(tiekeeper.score(archived), tiekeeper.score(direct))
    plan_a, plan_d = tiekeeper.reach_out(archived), tiekeeper.reach_out(direct)
    for part in ("suggestions", "owed_replies", "give_space"):
        assert_frame_equal(getattr(plan_a, part), getattr(plan_d, part))


def test_mini_zip_round_trip(mini_zip: Path, root: Path) -> None:
    archived = load_snapshot(add(mini_zip, archive=root).path)
    _assert_same(archived, tiekeeper.load_export(mini_zip), list(tiekeeper.Export.FRAMES))


def _as_format_2(folder: Path) -> dict[str, Any]:
    """Rewrite a snapshot as format 2 wrote it: conversation ids in every row, no ``_conv``."""
    path = folder / "frame-messages.parquet"
    manifest = json.loads((folder / "manifest.json").read_text())
    messages = pl.read_parquet(path)
    assert "_conv" in messages.columns and "conversation_id" not in messages.columns
    ids = folder / "conversations-messages.parquet"
    at = manifest["conversations"]["frame-messages"]
    messages = join_conversations(messages, pl.read_parquet(ids), at).drop("_conv")
    ids.unlink()
    del manifest["files"]["conversations-messages"], manifest["conversations"]
    # format 3 keeps the content diff beside the text, format 2 in the messages frame
    text_path = folder / "complete-messages.parquet"
    text = pl.read_parquet(text_path)
    messages = messages.with_columns(text["content"])
    text.drop("content").write_parquet(text_path)
    manifest["files"]["complete-messages"] = text_path.stat().st_size
    manifest["format_version"] = 2
    messages.write_parquet(path)
    manifest["files"]["frame-messages"] = path.stat().st_size
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return dict(manifest)


def test_a_format_2_snapshot_still_loads(root: Path) -> None:
    # format 2 kept every row's conversation_id where format 3 keeps a code and the ids once
    folder = add(tiekeeper.sample_path(), archive=root).path
    _as_format_2(folder)
    direct = tiekeeper.load_export()
    _assert_same(load_snapshot(folder), direct, list(tiekeeper.Export.FRAMES))


def test_a_format_1_snapshot_still_loads(root: Path) -> None:
    # format 1 kept the parser's _combo_raw and _combo_file where format 2 keeps _combo
    folder = add(tiekeeper.sample_path(), archive=root).path
    path = folder / "frame-messages.parquet"
    manifest = _as_format_2(folder)
    messages = pl.read_parquet(path)
    assert "_combo" in messages.columns
    assert not {"_combo_raw", "_combo_file", "sender_name", "_urls_key"} & set(messages.columns)
    once = folder / "combos-messages.parquet"
    messages = join_combos(messages, pl.read_parquet(once), manifest["combos"]["frame-messages"])
    once.unlink()
    del manifest["files"]["combos-messages"], manifest["combos"]
    old = messages.with_columns(
        pl.col("_combo").alias("_combo_raw"),
        pl.lit("messages.csv", pl.Categorical).alias("_combo_file"),
    ).drop("_combo")
    old.write_parquet(path)
    manifest["format_version"] = 1
    manifest["files"]["frame-messages"] = path.stat().st_size
    (folder / "manifest.json").write_text(json.dumps(manifest))
    direct = tiekeeper.load_export()
    _assert_same(load_snapshot(folder), direct, list(tiekeeper.Export.FRAMES))


def test_identity_columns_are_not_stored(root: Path) -> None:
    folder = add(tiekeeper.sample_path(), archive=root).path
    messages = pl.read_parquet(folder / "frame-messages.parquet")
    for col in ("sender_id", "recipient_ids", "from_owner", "participants"):
        assert col not in messages.columns
    # conversation ids are stored once, the rows keep a code
    ids = pl.read_parquet(folder / "conversations-messages.parquet")["conversation_id"]
    assert 0 < ids.len() < messages.height and ids.n_unique() == ids.len()
    assert "person_id" not in pl.read_parquet(folder / "frame-connections.parquet").columns
    names = {p.stem for p in folder.iterdir()}
    assert not names & {"frame-people", "frame-interactions", "score"}
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format_version"] == tiekeeper.archive.FORMAT_VERSION
    assert manifest["rows"]["frame-messages"] == 3000
    assert manifest["owner_names"] == ["Emil Alderfeather"]
    assert manifest["categories"]["messages"] == "present"
    assert len(manifest["source_blake2b"]) == 64


@given(
    st.lists(st.one_of(st.none(), st.text(alphabet="ab<> &;", max_size=6)), min_size=0, max_size=30)
)
def test_content_diff_restores_any_content(contents: list[str | None]) -> None:
    from tiekeeper.io.parsers.messages import message_text

    content = pl.Series("content", contents, dtype=pl.String)
    text = message_text(content)["text"]
    diff = content_diff(content, text)
    restored = content if diff is None else content_restore(diff, text)
    assert_frame_equal(restored.to_frame(), content.to_frame())


# ------------------------------------------------------------------ storing once
def test_same_export_twice_is_stored_once(root: Path) -> None:
    first = add(OLD, archive=root)
    again = add(OLD, archive=root)
    assert first.added and not again.added
    assert again.path == first.path
    assert again.message.startswith("Already archived")
    assert list_snapshots(root).height == 1


def test_list_shows_date_owner_counts_and_size(root: Path) -> None:
    add(NEW, archive=root)
    add(OLD, archive=root)
    table = list_snapshots(root)
    assert table["export_date"].cast(pl.String).to_list() == ["2023-09-15", "2025-03-14"]
    assert table["owner"].to_list() == ["Rhea Heronfeather"] * 2
    assert table["connections"].to_list() == [120, 150] or table["connections"].min() > 0
    assert (table["size_mb"] > 0).all()


# ------------------------------------------------------------------ privacy
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_folders_are_0700_and_files_0600(root: Path) -> None:
    add(OLD, archive=root)
    add(NEW, archive=root, message_text=False)
    paths = [root, *root.rglob("*")]
    assert len(paths) > 10
    for p in paths:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))


def _texts(export: tiekeeper.Export) -> set[str]:
    """Distinct message contents, subjects and invitation notes long enough to be telling."""
    m = export.messages
    values = [*m["content"].to_list(), *m["text"].to_list(), *m["subject"].to_list()]
    values += export.invitations["message"].to_list()
    return {v.strip() for v in values if v and len(v.strip()) >= 12}


def _stored_strings(folder: Path) -> list[bytes]:
    """Every file's raw bytes, and every Parquet file's values decoded (Parquet compresses)."""
    out = []
    for f in folder.iterdir():
        out.append(f.read_bytes())
        if f.suffix == ".parquet":
            frame = pl.read_parquet(f)
            for col in frame.columns:
                values = frame[col]
                if values.dtype == pl.List(pl.String):
                    values = values.list.join("\n")
                if values.dtype == pl.String:
                    out.append("\n".join(values.drop_nulls().to_list()).encode())
    return out


def test_no_message_text_leaves_no_message_content(root: Path) -> None:
    source = tiekeeper.sample_path()
    texts = _texts(tiekeeper.load_export(source))
    assert len(texts) > 100
    # the check finds text where there is some ...
    full = _stored_strings(add(source, archive=root / "full").path)
    assert sum(any(t.encode() in blob for blob in full) for t in texts) > 100
    # ... and finds none in a text-less snapshot
    folder = add(source, archive=root / "bare", message_text=False).path
    blobs = _stored_strings(folder)
    leaked = [t for t in texts if any(t.encode() in blob for blob in blobs)]
    assert leaked == []


@pytest.mark.parametrize("source", [tiekeeper.sample_path(), OLD], ids=["sample", "2023"])
def test_no_message_text_keeps_every_other_column_and_every_judgement(
    source: Path, root: Path
) -> None:
    direct = tiekeeper.load_export(source)
    archived = load_snapshot(add(source, archive=root, message_text=False).path)
    text_cols = ["content", "subject", "conversation_title", "text"]
    for col in text_cols:
        assert archived.messages[col].null_count() == archived.messages.height
    assert_frame_equal(archived.messages.drop(text_cols), direct.messages.drop(text_cols))
    assert_frame_equal(archived.invitations.drop("message"), direct.invitations.drop("message"))
    rest = [n for n in PARSED if n not in ("messages", "invitations", "rejected")]
    _assert_same(archived, direct, [*rest, "people", "interactions"])
    # a rejected message row keeps its file, line and reason, not its text
    assert_frame_equal(archived.rejected.drop("raw"), direct.rejected.drop("raw"))
    # closers, broadcasts, pitches, kinds and company evidence come from the stored flags
    assert archived.text_flags is not None and direct.text_flags is None
    assert archived.text_flags["flag_closer"].sum() > 0
    assert_frame_equal(tiekeeper.score(archived), tiekeeper.score(direct))
    plan_a, plan_d = tiekeeper.reach_out(archived), tiekeeper.reach_out(direct)
    for part in ("suggestions", "owed_replies", "give_space"):
        assert_frame_equal(getattr(plan_a, part), getattr(plan_d, part))


def test_without_the_flags_judgement_would_differ(root: Path) -> None:
    """The flags carry weight: the same snapshot judged on its empty text differs."""
    import dataclasses

    archived = load_snapshot(add(None, archive=root, message_text=False).path)
    blind = dataclasses.replace(archived, text_flags=None)
    a, b = tiekeeper.score(archived), tiekeeper.score(blind)
    assert not a.equals(b)


# ------------------------------------------------------------------ crash safety
_WRITER = textwrap.dedent(
    """
    import sys, time
    import tiekeeper.archive.write as w
    seen = []
    def stop(stem):
        seen.append(stem)
        if len(seen) == 2:
            print("WROTE", *seen, flush=True)
            time.sleep(120)
    w._after_file = stop
    w.add(sys.argv[1], archive=sys.argv[2])
    """
)


def test_a_writer_killed_between_parquet_files_leaves_no_snapshot(root: Path) -> None:
    add(OLD, archive=root)
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(NEW), str(root)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("WROTE"), line
        proc.kill()
    finally:
        proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()
    leftovers = [p for p in root.iterdir() if p.name.startswith(".tmp-")]
    assert len(leftovers) == 1 and len(list(leftovers[0].glob("*.parquet"))) >= 2
    assert not (leftovers[0] / "manifest.json").exists()  # stopped half-way
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no damaged-snapshot warning: nothing partial is seen
        table = list_snapshots(root)
        history = load_history(archive=root)
    assert table["export_date"].cast(pl.String).to_list() == ["2023-09-15"]
    assert [str(d) for d in history.export_dates] == ["2023-09-15"]
    result = CliRunner().invoke(cli, ["archive", "list", "--archive", str(root), "--format", "csv"])
    assert result.exit_code == 0 and result.output.count("\n") == 2, result.output
    # the next add clears what the dead writer left and stores the export whole
    again = add(NEW, archive=root)
    assert again.added
    assert not [p for p in root.iterdir() if p.name.startswith(".tmp-")]
    assert list_snapshots(root).height == 2


def test_concurrent_adds_are_serialised(root: Path) -> None:
    code = (
        "import sys; from tiekeeper.archive import add; "
        "print(add(sys.argv[1], archive=sys.argv[2]).added)"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(p), str(root)], stdout=subprocess.PIPE, text=True
        )
        for p in (OLD, NEW, OLD, MID)
    ]
    outs = [p.communicate(timeout=300)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sorted([outs[0], outs[2]]) == ["False", "True"]  # the same export once
    assert outs[1] == outs[3] == "True"
    table = list_snapshots(root)
    assert table["export_date"].cast(pl.String).to_list() == [
        "2023-09-15",
        "2024-06-14",
        "2025-03-14",
    ]
    assert len(load_archive(root)) == 3


def test_a_held_lock_makes_add_wait(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tiekeeper.archive.write as w

    monkeypatch.setattr(w, "LOCK_TIMEOUT", 0.2)
    root.mkdir()
    with (
        archive_lock(root),  # type: ignore[attr-defined]
        pytest.raises(ArchiveError, match="locked by another 'archive add'"),
    ):
        add(OLD, archive=root)
    assert add(OLD, archive=root).added


# ------------------------------------------------------------------ damage and formats
def test_damaged_snapshots_are_skipped_with_a_warning(root: Path) -> None:
    bad = add(OLD, archive=root).path
    gone = add(MID, archive=root).path
    add(NEW, archive=root)
    data = (bad / "frame-messages.parquet").read_bytes()
    (bad / "frame-messages.parquet").write_bytes(data[: len(data) // 2])
    (gone / "manifest.json").unlink()
    with pytest.warns(DamagedSnapshotWarning) as caught:
        exports = load_archive(root)
    said = " ".join(str(w.message) for w in caught)
    assert bad.name in said and "truncated" in said and gone.name in said
    assert [str(e.export_date) for e in exports] == ["2025-03-14"]
    with pytest.raises(ParameterError, match="damaged"):
        load_snapshot(bad)


def test_a_manifest_without_the_other_half_of_a_split_frame_is_damaged(root: Path) -> None:
    folder = add(OLD, archive=root).path
    add(NEW, archive=root)
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["files"]["conversations-messages"]
    (folder / "conversations-messages.parquet").unlink()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.warns(DamagedSnapshotWarning, match="conversations-messages"):
        exports = load_archive(root)
    assert [str(e.export_date) for e in exports] == ["2025-03-14"]
    with pytest.raises(ParameterError, match="damaged"):
        load_snapshot(folder)


def test_a_newer_format_is_refused(root: Path) -> None:
    folder = add(OLD, archive=root).path
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["format_version"] = 99
    (folder / "manifest.json").write_text(json.dumps(manifest))
    said = rf"archive format 99.*reads format {FORMAT_VERSION}.*Upgrade"
    with pytest.raises(ArchiveFormatError, match=said):
        load_snapshot(folder)
    with pytest.warns(DamagedSnapshotWarning, match="archive format 99"):
        assert load_archive(root) == []


def test_a_damaged_snapshot_is_added_again_and_can_be_removed(root: Path) -> None:
    """The warning says: remove it, and add its export again. Both work."""
    bad = add(OLD, archive=root).path
    data = (bad / "frame-connections.parquet").read_bytes()
    (bad / "frame-connections.parquet").write_bytes(data[: len(data) // 2])
    again = add(OLD, archive=root)
    assert again.added and again.path == bad
    assert [str(e.export_date) for e in load_archive(root)] == ["2023-09-15"]
    (bad / "manifest.json").unlink()
    with pytest.warns(DamagedSnapshotWarning):
        assert remove("2023-09-15", archive=root) == [bad]
    assert not bad.exists()


def test_an_older_tiekeeper_never_replaces_a_newer_snapshot(root: Path) -> None:
    folder = add(OLD, archive=root).path
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["format_version"] = 99
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ArchiveFormatError, match="archive format 99"):
        add(OLD, archive=root)
    assert json.loads((folder / "manifest.json").read_text())["format_version"] == 99
    with pytest.warns(DamagedSnapshotWarning):
        assert remove("2023-09-15", archive=root) == [folder]


# ------------------------------------------------------------------ remove, path
def test_remove_by_date(root: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        remove("2023-09-15", archive=root)
    assert not root.exists()  # nothing is created by a remove that finds nothing
    add(OLD, archive=root)
    add(NEW, archive=root)
    removed = remove("2023-09-15", archive=root)
    assert [p.name.split("_")[0] for p in removed] == ["2023-09-15"]
    assert list_snapshots(root)["export_date"].cast(pl.String).to_list() == ["2025-03-14"]
    with pytest.raises(ArchiveError, match=r"no archived snapshot of 2023-09-15.*2025-03-14"):
        remove("2023-09-15", archive=root)
    with pytest.raises(ParameterError, match="like 2025-03-14"):
        remove("last year", archive=root)


def test_archive_path_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIEKEEPER_ARCHIVE", str(tmp_path / "env"))
    assert archive_path() == tmp_path / "env"
    assert archive_path(tmp_path / "given") == tmp_path / "given"
    monkeypatch.delenv("TIEKEEPER_ARCHIVE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert archive_path() == tmp_path / "xdg" / "tiekeeper" / "archive"


# ------------------------------------------------------------------ history and CLI
def test_load_history_with_the_archive_and_zips(root: Path, tmp_path: Path) -> None:
    add(OLD, archive=root)
    add(MID, archive=root)
    history = load_history([NEW, MID], archive=root)  # MID twice: counts once
    assert [str(d) for d in history.export_dates] == ["2023-09-15", "2024-06-14", "2025-03-14"]
    assert any("given twice" in n for n in history.notes)
    direct = load_history([OLD, MID, NEW])
    assert_frame_equal(changes(history), changes(direct))


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_changes_new_against_the_archive_equals_changes_old_new(tmp_path: Path) -> None:
    old_zip, new_zip = _zip(OLD, tmp_path), _zip(NEW, tmp_path)
    root = tmp_path / "arch"
    assert "Archived export of 2023-09-15" in _cli(
        "archive", "add", str(old_zip), "--archive", str(root)
    )
    one = _cli("changes", str(new_zip), "--archive", str(root), "--format", "csv")
    two = _cli("changes", str(old_zip), str(new_zip), "--format", "csv")
    assert one == two and one.count("\n") > 10
    # with the environment variable instead of --archive, and the newest older one wins
    os.environ["TIEKEEPER_ARCHIVE"] = str(root)  # restored by conftest's monkeypatch
    _cli("archive", "add", str(MID))
    mid = _cli("changes", str(new_zip), "--format", "csv")
    assert mid == _cli("changes", str(MID), str(new_zip), "--format", "csv")


def test_cli_archive_commands_and_errors(tmp_path: Path) -> None:
    root = tmp_path / "arch"
    os.environ["TIEKEEPER_ARCHIVE"] = str(root)
    assert _cli("archive", "path").strip() == str(root)
    assert "No snapshot" in _cli("archive", "list")
    bad = CliRunner().invoke(cli, ["changes", str(NEW)])
    assert bad.exit_code == 1 and bad.output.startswith("Error: ") and "archive add" in bad.output
    assert not root.exists()  # opt-in: nothing is written except by archive add / remove
    _cli("changes", str(OLD), str(NEW))
    assert not root.exists()
    assert "without message text" in _cli("archive", "add", str(OLD), "--no-message-text")
    assert "Already archived" in _cli("archive", "add", str(OLD))
    listing = _cli("archive", "list", "--format", "json")
    assert json.loads(listing)[0]["message_text"] is False
    assert "Removed" in _cli("archive", "remove", "2023-09-15")
    gone = CliRunner().invoke(cli, ["archive", "remove", "2023-09-15"])
    assert gone.exit_code == 1 and "no archived snapshot" in gone.output


def test_a_history_with_text_less_snapshots_merges_and_judges_as_with_the_zips(
    root: Path,
) -> None:
    add(OLD, archive=root, message_text=False)
    add(MID, archive=root, message_text=False)
    mixed = load_history([NEW], archive=root)
    direct = load_history([OLD, MID, NEW])
    text_cols = ["content", "subject", "conversation_title", "text"]
    merged, whole = mixed.merged, direct.merged
    # messages match by the digest of their normalised text: none is counted twice
    assert_frame_equal(merged.messages.drop(text_cols), whole.messages.drop(text_cols))
    assert_frame_equal(merged.interactions, whole.interactions)
    assert_frame_equal(merged.people, whole.people)
    assert merged.text_flags is not None and merged.text_flags.height == merged.messages.height
    assert_frame_equal(changes(mixed), changes(direct))
    assert_frame_equal(tiekeeper.score(mixed), tiekeeper.score(direct))
    plan_a, plan_d = tiekeeper.reach_out(mixed), tiekeeper.reach_out(direct)
    for part in ("suggestions", "owed_replies", "give_space"):
        assert_frame_equal(getattr(plan_a, part), getattr(plan_d, part))


_ITEM = st.one_of(st.none(), st.sampled_from(["a", "b", ""]))
_LISTS = st.one_of(st.none(), st.lists(_ITEM, max_size=3))


@given(st.lists(st.tuples(_LISTS, _LISTS), max_size=20))
def test_list_columns_compare_as_equals_does(pairs: list[tuple[object, object]]) -> None:
    # split_combos checks, exactly, that the combination code determines the list columns
    from tiekeeper.archive.frames import _same

    dtype = pl.List(pl.String)
    a = pl.Series([p[0] for p in pairs], dtype=dtype)
    b = pl.Series([p[1] for p in pairs], dtype=dtype)
    assert _same(a, b) == a.equals(b)
    assert _same(a, a.clone())
