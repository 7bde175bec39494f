"""One SQLite file of an export, for Datasette, DuckDB, sqlite3 and friends.

:func:`write_sqlite` writes every frame of an :class:`~tiekeeper.io.Export`
(``connections``, ``messages``, ``people``, ``interactions`` … and
``other_messages``), plus ``score`` and ``plan`` (:func:`tiekeeper.reach_out`),
through sqlite-utils (the ``db`` extra). The file holds your messages: keep
it private, or write it with ``redact=True`` / ``message_text=False``.

- Column types follow the frames: whole numbers and booleans are INTEGER,
  decimals REAL, text TEXT; dates are ISO 8601 text (``2024-03-01``), times
  ISO 8601 with their UTC offset (``2024-03-01T09:00:00.000000+00:00``), which
  SQLite's date functions read; lists and structs are JSON text, which
  Datasette and SQLite's ``json_each`` read.
- ``person_id`` is the primary key of ``people``, ``score`` and ``plan`` (and of
  any table where it is unique and never empty).
- Foreign keys to ``people.person_id``: from every table's ``person_id``
  (``interactions``, ``score``, ``plan``, ``connections`` …) when each of its
  values is a person, and from ``messages.sender_person_id``, which is the
  sender's id when the sender is in ``people``. The owner is not in
  ``people``, so the owner's messages carry no sender foreign key.
- ``messages`` gains ``message_id`` (its primary key, 1, 2, … in the frame's
  order). ``message_recipients`` links each message to each keyed recipient
  (``recipient_id`` from ``messages.recipient_ids``, the owner's as ``owner``;
  ``person_id`` when that recipient is in ``people``; ``is_owner``), since
  recipients are lists.
- ``messages_fts`` is a full-text index (FTS5) of ``messages.subject`` and
  ``messages.text``: ``SELECT * FROM messages WHERE message_id IN (SELECT rowid
  FROM messages_fts WHERE messages_fts MATCH 'coffee')``.
- ``_meta`` holds ``key``/``value`` rows: the export date, the owner, the
  date the scores are as of, whether the file is redacted or holds message
  text, and the tiekeeper version.

``message_text=False`` leaves out the messages' subject, content, text and
conversation title, the invitations' notes and the raw text of rejected rows
(:data:`MESSAGE_TEXT_COLUMNS`; and so the full-text index). ``redact=True`` does
what the report's ``--redact`` does, with the same
:class:`~tiekeeper.report.redact.Redactor`: pseudonyms for names (``Person 017``,
the owner ``You``), pseudo ids (``p017``, the owner ``owner``), no profile URLs,
e-mail addresses or message text; address-book contacts, who are not people,
become ``Contact 1``, ``Contact 2`` … with no e-mail.

The file is replaced atomically: a temporary file in the same folder is
written, then renamed over ``path``.

Examples
--------
>>> import sqlite3, tempfile, pathlib, tiekeeper
>>> path = pathlib.Path(tempfile.mkdtemp()) / "linkedin.db"
>>> _ = write_sqlite(tiekeeper.load_export(), path)
>>> con = sqlite3.connect(path)
>>> con.execute("SELECT count(*) FROM people").fetchone()[0] > 100
True
>>> con.execute("SELECT value FROM _meta WHERE key = 'export_date'").fetchone()
('2025-03-14',)
>>> con.close()
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper._filemode import keep_mode
from tiekeeper.errors import MissingDependencyError, ParameterError
from tiekeeper.io.export import Export

if TYPE_CHECKING:  # pragma: no cover
    from tiekeeper.history import History
    from tiekeeper.report.redact import Redactor
    from tiekeeper.state import State

__all__ = [
    "CONTACT_NAME_COLUMNS",
    "EXPORT_TABLES",
    "MESSAGE_TEXT_COLUMNS",
    "require_sqlite_utils",
    "write_sqlite",
]

#: The export's frames (``Export.FRAMES``), one table each, ``people`` first:
#: the other tables' foreign keys point to it.
EXPORT_TABLES: tuple[str, ...] = ("people", *(f for f in Export.FRAMES if f != "people"))
#: What ``message_text=False`` leaves out, by table.
MESSAGE_TEXT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "messages": ("subject", "content", "text", "conversation_title"),
    "other_messages": ("subject", "content", "text", "conversation_title"),
    "invitations": ("message",),
    # a rejected row is kept as read, and a messages row holds its text
    "rejected": ("raw",),
}
#: What ``redact=True`` also replaces: address-book contacts are not people, so the
#: report's pseudonyms do not reach them; each becomes "Contact N", with no e-mail.
CONTACT_NAME_COLUMNS = ("first_name", "last_name", "full_name", "emails")
_FTS_COLUMNS = ("subject", "text")
_TIME = "%Y-%m-%dT%H:%M:%S%.6f%:z"


def require_sqlite_utils(what: str = "Writing a SQLite database") -> None:
    """Raise :class:`~tiekeeper.errors.MissingDependencyError` unless sqlite-utils imports.

    Parameters
    ----------
    what : str
        What needs sqlite-utils: the start of the error's message
        (``"<what> needs sqlite-utils, ..."``), so that it names the caller's task.

    Raises
    ------
    MissingDependencyError
        When sqlite-utils is not installed; the message says to install the
        ``db`` extra (``pip install 'tiekeeper[db]'``).

    Examples
    --------
    >>> require_sqlite_utils()  # installed with the [db] extra: nothing happens
    >>> require_sqlite_utils("Exporting the plan to Datasette")
    """
    if importlib.util.find_spec("sqlite_utils") is None:
        raise MissingDependencyError(
            f"{what} needs sqlite-utils, which tiekeeper does not install by default; "
            "install it with: pip install 'tiekeeper[db]'"
        )


def _sql_ready(frame: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, type]]:
    """``frame`` with SQLite's values (JSON, ISO text, 0/1) and each column's type."""
    exprs: list[pl.Expr] = []
    types: dict[str, type] = {}
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.List | pl.Array | pl.Struct):
            # a one-field struct's JSON is {"v":<value>}: keep the value
            json = pl.struct(col.alias("v")).struct.json_encode().str.slice(5).str.head(-1)
            exprs.append(pl.when(col.is_null()).then(None).otherwise(json).alias(name))
            types[name] = str
        elif isinstance(dtype, pl.Datetime):
            utc = col.dt.convert_time_zone("UTC") if dtype.time_zone else col
            fmt = _TIME if dtype.time_zone else _TIME.removesuffix("%:z")
            exprs.append(utc.dt.strftime(fmt).alias(name))
            types[name] = str
        elif dtype == pl.Date:
            exprs.append(col.dt.strftime("%Y-%m-%d").alias(name))
            types[name] = str
        elif dtype == pl.Boolean:
            exprs.append(col.cast(pl.Int8).alias(name))
            types[name] = int
        elif dtype.is_integer():
            exprs.append(col)
            types[name] = int
        elif dtype.is_float():
            exprs.append(col.fill_nan(None))
            types[name] = float
        else:
            exprs.append(col.cast(pl.String))
            types[name] = str
    return frame.select(exprs), types


def _unique_key(frame: pl.DataFrame, column: str) -> bool:
    return (
        column in frame.columns
        and frame[column].null_count() == 0
        and frame[column].n_unique() == frame.height
    )


def _frames(given: Any, as_of: dt.datetime, k: int, state: Any) -> dict[str, pl.DataFrame]:
    from tiekeeper.io.export import as_export
    from tiekeeper.scoring.plan import reach_out
    from tiekeeper.scoring.strength import score

    export = as_export(given)
    frames = {name: getattr(export, name) for name in EXPORT_TABLES}
    frames["score"] = score(given, as_of=as_of, state=state)
    frames["plan"] = reach_out(given, k=k, as_of=as_of, state=state).frame  # a History's moves
    return frames


def _recipients(messages: pl.DataFrame, owner_ids: list[str]) -> pl.DataFrame:
    """One row per (message, keyed recipient): ``message_id``, ``position``, ``recipient_id``."""
    return (
        messages.select("message_id", recipient_id=pl.col("recipient_ids"))
        .with_columns(position=pl.int_ranges(pl.col("recipient_id").list.len()))
        .explode("recipient_id", "position")
        .drop_nulls("recipient_id")
        .select(
            "message_id",
            pl.col("position").cast(pl.Int64),
            pl.col("recipient_id").replace(owner_ids, [_owner_id()] * len(owner_ids)),
        )
    )


def _owner_id() -> str:
    from tiekeeper.report._redact_rules import OWNER_ID

    return OWNER_ID


def _redact(frames: dict[str, pl.DataFrame], redactor: Redactor) -> dict[str, pl.DataFrame]:
    out: dict[str, pl.DataFrame] = {}
    for name, frame in frames.items():
        if name in ("messages", "other_messages"):
            # the sender is the row's person: sender_name takes their pseudonym
            with_pid = frame.with_columns(person_id=pl.col("sender_id"))
            out[name] = redactor.frame(with_pid).drop("person_id")
        elif name == "message_recipients":
            uniq = frame["recipient_id"].unique().drop_nulls().to_list()
            mapping = {v: redactor.pseudo_id(v) for v in uniq}
            out[name] = frame.with_columns(
                pl.col("recipient_id").replace_strict(mapping, return_dtype=pl.String)
            )
        else:
            out[name] = redactor.frame(frame)
    return out


def _anonymous_contacts(contacts: pl.DataFrame) -> pl.DataFrame:
    """Address-book contacts with their names and e-mails replaced ("Contact 1", …)."""
    named = [c for c in CONTACT_NAME_COLUMNS if c in contacts.columns]
    return contacts.with_columns(
        *(pl.lit(None, contacts.schema[c]).alias(c) for c in named),
    ).with_columns(
        (pl.lit("Contact ") + pl.int_range(1, pl.len() + 1).cast(pl.String)).alias("full_name")
        if "full_name" in contacts.columns
        else []
    )


def _prepare(
    export: Export,
    frames: dict[str, pl.DataFrame],
    *,
    message_text: bool,
    redact: bool,
    seed: int | None,
) -> dict[str, pl.DataFrame]:
    owner_ids = list(export.owner.person_ids)
    owner = _owner_id()
    messages = frames["messages"].with_row_index("message_id", offset=1)
    frames = {**frames, "messages": messages.with_columns(pl.col("message_id").cast(pl.Int64))}
    frames["message_recipients"] = _recipients(frames["messages"], owner_ids)
    if not message_text or redact:
        frames = {
            name: frame.drop([c for c in MESSAGE_TEXT_COLUMNS.get(name, ()) if c in frame.columns])
            for name, frame in frames.items()
        }
    if redact:
        from tiekeeper.report.redact import Redactor

        for name in ("messages", "other_messages"):
            frames[name] = frames[name].with_columns(
                pl.when(pl.col("sender_id").is_in(owner_ids))
                .then(pl.lit(owner))
                .otherwise(pl.col("sender_id"))
                .alias("sender_id")
            )
        frames = _redact(frames, Redactor.from_export(export, seed=seed))
        frames["contacts"] = _anonymous_contacts(frames["contacts"])
    people = frames["people"]["person_id"]
    for name in ("messages", "other_messages"):
        frame = frames[name]
        sender = pl.when(pl.col("sender_id").is_in(people.implode())).then(pl.col("sender_id"))
        at = frame.columns.index("sender_id") + 1
        order = [*frame.columns[:at], "sender_person_id", *frame.columns[at:]]
        frames[name] = frame.with_columns(sender.alias("sender_person_id")).select(order)
    link = frames["message_recipients"]
    frames["message_recipients"] = link.with_columns(
        person_id=pl.when(pl.col("recipient_id").is_in(people.implode())).then(
            pl.col("recipient_id")
        ),
        is_owner=pl.col("recipient_id") == owner,
    )
    return frames


def _meta(
    export: Export,
    frames: Mapping[str, pl.DataFrame],
    *,
    as_of: dt.datetime,
    message_text: bool,
    redact: bool,
) -> list[tuple[str, str | None]]:
    from tiekeeper import __version__

    owner = "You" if redact else export.owner.name
    rows: list[tuple[str, str | None]] = [
        ("export_date", export.export_date.isoformat() if export.export_date else None),
        ("owner", owner),
        ("as_of", as_of.isoformat()),
        ("redacted", "yes" if redact else "no"),
        ("message_text", "yes" if message_text and not redact else "no"),
        ("tiekeeper_version", __version__),
    ]
    if not redact:
        rows.append(("owner_person_ids", ", ".join(export.owner.person_ids)))
    rows += [(f"rows.{name}", str(frame.height)) for name, frame in frames.items()]
    return rows


def _write_table(db: Any, name: str, frame: pl.DataFrame, people_ids: pl.Series) -> None:
    ready, types = _sql_ready(frame)
    pk: str | None = None
    if name == "messages":
        pk = "message_id"
    elif name != "message_recipients" and _unique_key(frame, "person_id"):
        pk = "person_id"
    fks: list[tuple[str, str, str]] = []
    if name == "message_recipients":
        fks = [("message_id", "messages", "message_id"), ("person_id", "people", "person_id")]
    elif name != "people":
        for column in ("person_id", "sender_person_id"):
            if column in frame.columns:
                values = frame[column].drop_nulls()
                if values.len() and values.is_in(people_ids.implode()).all():
                    fks.append((column, "people", "person_id"))
    table = db.table(name)
    table.create(types, pk=pk, foreign_keys=fks or None)
    if ready.height:
        columns = ", ".join(f"[{c}]" for c in ready.columns)
        marks = ", ".join("?" for _ in ready.columns)
        db.conn.executemany(f"INSERT INTO [{name}] ({columns}) VALUES ({marks})", ready.iter_rows())


def write_sqlite(
    export: Export | History,
    path: str | os.PathLike[str],
    *,
    as_of: dt.datetime | dt.date | str | None = None,
    k: int = 10,
    state: State | str | os.PathLike[str] | None = None,
    message_text: bool = True,
    redact: bool = False,
    seed: int | None = None,
) -> Path:
    """Write ``export``, its ``score`` and its plan to one SQLite file (see the module doc).

    Parameters
    ----------
    export : tiekeeper.io.Export or tiekeeper.history.History
        A History writes its merged record (``snapshot`` says which export
        each row was last seen in); its plan has the moves between exports.
    path : str or path-like
        The file to write; an existing file is replaced atomically.
    as_of : datetime, date or str, optional
        Score and plan as of this moment (default: the export date).
    k : int
        How many people the plan suggests (:func:`tiekeeper.reach_out`).
    state : State or path, optional
        Your state file, for the plan.
    message_text : bool
        False leaves out message subjects, contents and texts, invitation
        notes and the full-text index.
    redact : bool
        Pseudonyms for names and ids, no URLs, e-mail addresses or message
        text, as the report's ``redact=True``.
    seed : int, optional
        Seeds the pseudonyms (default: random per call).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    MissingDependencyError
        When sqlite-utils is not installed (``pip install 'tiekeeper[db]'``).
    ParameterError
        When ``path`` is a folder.

    Examples
    --------
    The bundled sample, without message text: every frame is a table with all its
    rows, and ``_meta`` says what the file holds.

    >>> import sqlite3, tempfile, pathlib, tiekeeper
    >>> export = tiekeeper.load_export()
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = write_sqlite(export, pathlib.Path(tmp.name) / "linkedin.db", message_text=False)
    >>> path.name
    'linkedin.db'
    >>> con = sqlite3.connect(path)
    >>> count = "SELECT count(*) FROM {}"
    >>> [con.execute(count.format(t)).fetchone()[0] for t in ("people", "messages")] == [
    ...     export.people.height,
    ...     export.messages.height,
    ... ]
    True
    >>> con.execute("SELECT value FROM _meta WHERE key = 'message_text'").fetchone()
    ('no',)
    >>> "text" in [row[1] for row in con.execute("PRAGMA table_info(messages)")]
    False
    >>> con.close()
    >>> tmp.cleanup()
    """
    require_sqlite_utils()
    import sqlite_utils

    from tiekeeper.asof import resolve_as_of
    from tiekeeper.io.export import as_export

    target = Path(path).expanduser()
    if target.is_dir():
        raise ParameterError(
            f"{target}: this is a folder; expected a file path such as {target / 'linkedin.db'}"
        )
    merged: Export = as_export(export)
    when = resolve_as_of(as_of, default=merged.as_of)
    frames = _frames(export, when, k, state)
    frames = _prepare(merged, frames, message_text=message_text, redact=redact, seed=seed)
    # a new name beside the target (same file system for the rename); created by the
    # writer itself, so it gets the usual permissions (umask), as the other writers' files
    tmp = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        db = sqlite_utils.Database(tmp, recreate=True)
        try:
            with db.conn:
                people = frames["people"]["person_id"]
                for name, frame in frames.items():
                    _write_table(db, name, frame, people)
                meta = _meta(merged, frames, as_of=when, message_text=message_text, redact=redact)
                db.table("_meta").create({"key": str, "value": str}, pk="key")
                db.conn.executemany("INSERT INTO _meta (key, value) VALUES (?, ?)", meta)
            fts = [c for c in _FTS_COLUMNS if c in frames["messages"].columns]
            if fts:
                db.table("messages").enable_fts(fts, tokenize="unicode61 remove_diacritics 2")
            db.index_foreign_keys()
            db.conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            db.close()
        keep_mode(tmp, target)  # a private file stays private
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
