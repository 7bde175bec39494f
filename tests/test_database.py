"""The SQLite file (issue 16): row counts equal the frames, keys hold, full-text search works."""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

import tiekeeper as tk
from tiekeeper.cli import cli
from tiekeeper.database import EXPORT_TABLES, write_sqlite
from tiekeeper.errors import MissingDependencyError

#: A message of the bundled sample, and a full-text query that finds it.
KNOWN_TEXT = "Heads up: The quarterly contract needs another pass."
KNOWN_QUERY = '"quarterly contract" AND pass'


@pytest.fixture(scope="module")
def sample() -> tk.Export:
    return tk.load_export()


@pytest.fixture(scope="module")
def db_path(sample: tk.Export, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sqlite(sample, tmp_path_factory.mktemp("db") / "linkedin.db")


@pytest.fixture
def con(db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(db_path)
    yield connection
    connection.close()


def _count(con: sqlite3.Connection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])


def _columns(con: sqlite3.Connection, table: str) -> dict[str, tuple[str, int]]:
    return {r[1]: (r[2], r[5]) for r in con.execute(f"PRAGMA table_info([{table}])")}


def _fks(con: sqlite3.Connection, table: str) -> set[tuple[str, str, str]]:
    return {(r[3], r[2], r[4]) for r in con.execute(f"PRAGMA foreign_key_list([{table}])")}


def test_row_counts_equal_the_frames(sample: tk.Export, con: sqlite3.Connection) -> None:
    for name in EXPORT_TABLES:
        assert _count(con, name) == getattr(sample, name).height, name
    assert _count(con, "score") == tk.score(sample).height > 100
    assert _count(con, "plan") == tk.reach_out(sample).frame.height > 0
    keyed = int(sample.messages["recipient_ids"].list.len().sum())
    assert _count(con, "message_recipients") == keyed > sample.messages.height / 2
    assert _count(con, "messages") == sample.messages.height == 3000


def test_a_full_text_query_finds_a_known_message(con: sqlite3.Connection) -> None:
    found = con.execute(
        "SELECT text FROM messages WHERE message_id IN "
        "(SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)",
        (KNOWN_QUERY,),
    ).fetchall()
    assert (KNOWN_TEXT,) in found
    assert all("quarterly contract" in t.casefold() for (t,) in found)


def test_columns_have_proper_types_and_keys(con: sqlite3.Connection) -> None:
    people = _columns(con, "people")
    assert people["person_id"] == ("TEXT", 1)  # the primary key
    assert people["is_connection"][0] == "INTEGER"
    assert _columns(con, "score")["person_id"] == ("TEXT", 1)
    assert _columns(con, "score")["strength"][0] in ("REAL", "FLOAT")
    messages = _columns(con, "messages")
    assert messages["message_id"] == ("INTEGER", 1)
    assert messages["words"][0] == "INTEGER" and messages["time"][0] == "TEXT"
    assert ("person_id", "people", "person_id") in _fks(con, "interactions")
    assert ("sender_person_id", "people", "person_id") in _fks(con, "messages")
    assert _fks(con, "message_recipients") == {
        ("message_id", "messages", "message_id"),
        ("person_id", "people", "person_id"),
    }
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    # times and dates are ISO text that SQLite's date functions read
    day = con.execute("SELECT date(time), datetime(time) FROM messages LIMIT 1").fetchone()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", day[0]) and day[1].startswith(day[0])
    reasons = con.execute(
        "SELECT count(*) FROM score, json_each(score.reasons) WHERE score.reasons IS NOT NULL"
    ).fetchone()[0]
    assert reasons > 0  # lists are JSON


def test_owner_messages_carry_no_sender_foreign_key(
    sample: tk.Export, con: sqlite3.Connection
) -> None:
    rows = con.execute(
        "SELECT from_owner, count(*), count(sender_person_id) FROM messages GROUP BY from_owner"
    ).fetchall()
    by_owner = {bool(r[0]): (r[1], r[2]) for r in rows}
    assert by_owner[True][1] == 0 < by_owner[True][0]
    people = set(sample.people["person_id"].to_list())
    received = sample.messages.filter(~pl.col("from_owner"))
    assert by_owner[False][1] == received["sender_id"].is_in(list(people)).sum() > 1000
    owner_links = con.execute(
        "SELECT count(*), count(person_id) FROM message_recipients WHERE is_owner"
    ).fetchone()
    assert owner_links[0] > 0 and owner_links[1] == 0


def test_meta(sample: tk.Export, con: sqlite3.Connection) -> None:
    meta = dict(con.execute("SELECT key, value FROM _meta").fetchall())
    assert meta["export_date"] == "2025-03-14"
    assert meta["owner"] == sample.owner.name
    assert meta["tiekeeper_version"] == tk.__version__
    assert meta["redacted"] == "no" and meta["message_text"] == "yes"


def _text_cells(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("messages_fts")
        ]
        cells = []
        for table in tables:
            for row in con.execute(f"SELECT * FROM [{table}]"):
                cells += [v for v in row if isinstance(v, str)]
        return cells
    finally:
        con.close()


def test_no_message_text(sample: tk.Export, tmp_path: Path) -> None:
    path = write_sqlite(sample, tmp_path / "quiet.db", message_text=False)
    con = sqlite3.connect(path)
    assert not {"subject", "content", "text", "conversation_title"} & set(_columns(con, "messages"))
    assert "message" not in _columns(con, "invitations")
    assert "raw" not in _columns(con, "rejected")
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert not any(n.startswith("messages_fts") for n in names)
    assert _count(con, "messages") == sample.messages.height
    con.close()
    assert KNOWN_TEXT.encode() not in path.read_bytes()
    cells = _text_cells(path)
    titles = set(sample.messages["conversation_title"].drop_nulls().to_list())
    notes = set(sample.invitations["message"].drop_nulls().to_list())
    assert titles and notes and not (titles | notes) & set(cells)


def test_redact_pseudonymises_and_leaves_text_out(sample: tk.Export, tmp_path: Path) -> None:
    path = write_sqlite(sample, tmp_path / "shared.db", redact=True, seed=3)
    con = sqlite3.connect(path)
    for name in EXPORT_TABLES:
        assert _count(con, name) == getattr(sample, name).height, name
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    meta = dict(con.execute("SELECT key, value FROM _meta").fetchall())
    assert meta["owner"] == "You" and meta["redacted"] == "yes" and meta["message_text"] == "no"
    owner_rows = con.execute(
        "SELECT DISTINCT sender_name, sender_id FROM messages WHERE from_owner"
    ).fetchall()
    assert owner_rows == [("You", "owner")]
    assert con.execute("SELECT count(*) FROM people WHERE person_id LIKE 'p%'").fetchone()[0] == (
        sample.people.height
    )
    con.close()
    persons = sample.people.filter(pl.col("kind") == "person")
    words = {
        w.casefold()
        for n in [
            *persons["name"].drop_nulls().to_list(),
            *sample.owner.names,
            *sample.contacts["full_name"].drop_nulls().to_list(),
        ]
        for w in re.findall(r"\w+", n)
        if len(w) > 3
    } - {"person"}
    cells = _text_cells(path)
    found = {w.casefold() for c in cells for w in re.findall(r"\w+", c)}
    assert found & words == set()
    assert not any("linkedin.com/in/" in c or "@example." in c for c in cells)
    assert KNOWN_TEXT.encode() not in path.read_bytes()


def test_rewriting_replaces_the_file_atomically(
    sample: tk.Export, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "linkedin.db"
    path.write_bytes(b"an older file")
    write_sqlite(sample, path, message_text=False)
    with closing(sqlite3.connect(path)) as check:
        assert check.execute("SELECT count(*) FROM people").fetchone()[0] > 0
    before = path.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("tiekeeper.database._write_table", boom)
    with pytest.raises(OSError, match="disk full"):
        write_sqlite(sample, path)
    assert path.read_bytes() == before  # the old file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["linkedin.db"]  # no temporary file left


def test_cli_db(tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["db", "-o", str(target), "--no-message-text"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{target}\n"
    con = sqlite3.connect(target)
    assert _count(con, "messages") == 3000
    con.close()
    bad = CliRunner().invoke(cli, ["db", "-o", str(tmp_path / "out.csv")])
    assert bad.exit_code == 2 and "expected a file name ending in .db, .sqlite or .sqlite3" in (
        bad.stderr
    )


def test_without_sqlite_utils_the_error_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, sample: tk.Export, tmp_path: Path
) -> None:
    real = importlib.util.find_spec

    def fake(name: str, *args: object, **kwargs: object) -> object:
        return None if name == "sqlite_utils" else real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    with pytest.raises(MissingDependencyError, match=r"pip install 'tiekeeper\[db\]'"):
        write_sqlite(sample, tmp_path / "x.db")
    result = CliRunner().invoke(cli, ["db", "-o", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: tiekeeper db needs sqlite-utils, which tiekeeper does not install by default; "
        "install it with: pip install 'tiekeeper[db]'"
    ]
    assert not (tmp_path / "x.db").exists()


def test_a_history_writes_its_merged_record(tmp_path: Path) -> None:
    from tiekeeper.datasets import sample_history_path

    history = tk.load_history(sample_history_path())
    path = write_sqlite(history, tmp_path / "history.db", message_text=False)
    with closing(sqlite3.connect(path)) as con:
        for name in ("people", "messages", "connections"):
            assert _count(con, name) == getattr(history.merged, name).height > 0
        assert "snapshot" in _columns(con, "connections")
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rewriting_keeps_a_private_file_private(sample: tk.Export, tmp_path: Path) -> None:
    """A user's chmod 600 survives the next write of the file that holds their messages."""
    import stat

    path = write_sqlite(sample, tmp_path / "mine.db", message_text=False)
    path.chmod(0o600)
    write_sqlite(sample, path, message_text=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
