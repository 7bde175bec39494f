"""Read the files of one export into frames, the parse report and the rejected rows.

Every file found gets one parse-report row. Known files go through their
parser (:mod:`tiekeeper.io.parsers`); files that share a logical key (split
files, old/new twins) are concatenated and, where the parser names key
columns, de-duplicated, each repeat listed in ``rejected`` as a duplicate of
the line it repeats. Unknown CSV files are read generically; other files are
listed as ignored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field

import polars as pl

from tiekeeper.errors import ExportFileError
from tiekeeper.io.archive import Member
from tiekeeper.io.csvfile import LINE, Table, read_table
from tiekeeper.io.registry import FileParser, known_name, split_suffix
from tiekeeper.io.repairs import repair
from tiekeeper.schema import empty_frame, polars_schema

__all__ = ["BAD_STATUSES", "Completion", "Report", "Row", "read_group", "read_unknown"]

#: Statuses that ``strict=True`` turns into :class:`~tiekeeper.errors.ExportFileError`.
BAD_STATUSES = ("not-a-table", "error")


@dataclass
class Row:
    """One parse-report row (mutable while the file is read)."""

    file: str
    logical_name: str
    encoding: str | None = None
    era: str | None = None
    status: str = "parsed"
    reason: str | None = None
    rows_read: int = 0
    rows_parsed: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    rejected: list[pl.DataFrame] = field(default_factory=list)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def frame(self) -> pl.DataFrame:
        schema = polars_schema("parse_report")
        data = [dataclasses.astuple(r) for r in self.rows]
        return pl.DataFrame(data, schema=schema, orient="row").sort("file")


@dataclass
class Completion:
    """The columns ``FileParser.complete`` is computing for a group's frame.

    ``parts`` holds, per file in frame order, the future of its columns (one
    row per record of the file) and the mask of the records the parser kept
    (``None``: all of them).
    """

    parts: list[tuple[Future[pl.DataFrame], pl.Series | None]]

    def result(self) -> pl.DataFrame:
        """The columns, row for row with the group's frame (waits for them)."""
        cols = [f.result() if keep is None else f.result().filter(keep) for f, keep in self.parts]
        return cols[0] if len(cols) == 1 else pl.concat(cols, how="vertical")


def _submit(
    pool: Executor | None, fn: Callable[[Table], pl.DataFrame], table: Table
) -> Future[pl.DataFrame]:
    if pool is not None:
        return pool.submit(fn, table)
    done: Future[pl.DataFrame] = Future()
    done.set_result(fn(table))
    return done


def _raw_of(table: Table, lines: pl.Series) -> pl.DataFrame:
    """``line`` and ``raw`` (fields joined by ',') of records of ``table``."""
    cols = [c for c in table.data.columns if c != LINE and not c.startswith("__")]
    raw = table.data.filter(pl.col(LINE).is_in(lines.implode())).select(
        pl.col(LINE).alias("line"),
        pl.concat_str([pl.col(c).fill_null("") for c in cols], separator=",").alias("raw"),
    )
    return raw


def _order(member: Member) -> tuple[int, int, str]:
    stem, suffix = split_suffix(member.name)
    digits = "".join(ch for ch in suffix if ch.isdigit())
    return (int(digits) if digits else 0, 1 if " " in stem.rsplit("/", 1)[-1] else 0, member.name)


def read_group(
    parser: FileParser,
    members: list[Member],
    report: Report,
    strict: bool,
    pool: Executor | None = None,
) -> tuple[pl.DataFrame, Completion | None]:
    """Read the files of one logical name into one frame.

    Returns the frame and, for a parser with ``complete``, its completion:
    computed in ``pool`` while the caller goes on, else here and now.
    """
    frames: list[pl.DataFrame] = []
    parts: list[tuple[Future[pl.DataFrame], pl.Series | None]] = []
    tables: dict[str, Table] = {}
    rows: dict[str, Row] = {}
    for member in sorted(members, key=_order):
        table = read_table(member.read(), member.name, required=parser.required)
        row = report.add(
            Row(
                member.name,
                parser.name,
                encoding=table.encoding,
                status=table.status,
                reason=table.reason,
                rows_read=table.rows_read,
                rows_skipped=table.rows_skipped,
                notes=list(table.notes),
            )
        )
        if strict and table.status in BAD_STATUSES:
            raise ExportFileError(f"{member.name}: {table.reason} (strict=True).")
        if not table.ok or table.data.width == 0:
            continue
        pending = None if parser.complete is None else _submit(pool, parser.complete, table)
        parsed = parser.parse(table)
        if pending is not None:
            kept = parsed.rejects["line"].implode()
            keep = ~table.data[LINE].is_in(kept) if parsed.rejects.height else None
            parts.append((pending, keep))
        row.era = parsed.era
        row.notes = [*table.notes, *parsed.notes]
        rej = table.rejected
        if parsed.rejects.height:
            extra = parsed.rejects.join(_raw_of(table, parsed.rejects["line"]), on="line")
            rej = pl.concat(
                [rej, extra.select(pl.lit(member.name).alias("file"), "line", "reason", "raw")]
            )
        report.rejected.append(rej)
        row.rows_rejected = rej.height
        single = len(members) == 1 and not parser.dedupe  # then no need to count by file
        frames.append(
            parsed.frame
            if single
            else parsed.frame.with_columns(pl.lit(member.name).alias("_file"))
        )
        if parser.dedupe:  # raw records are needed only to list duplicates
            tables[member.name] = table
        del table
        rows[member.name] = row
    completion = Completion(parts) if parts else None
    if not frames:
        return empty_frame(parser.frame), None
    if len(members) == 1 and not parser.dedupe:
        (row,) = rows.values()
        row.rows_parsed = frames[0].height
        if row.rows_rejected and row.reason is None:
            row.reason = f"{row.rows_rejected} record(s) rejected (see rejected)"
        return frames[0], completion
    frame = pl.concat(frames, how="vertical") if len(frames) > 1 else frames[0]
    if parser.dedupe:
        frame = _dedupe(frame, parser.dedupe, tables, rows, report)
    counts = frame.group_by("_file").len()
    for file, n in counts.iter_rows():
        rows[file].rows_parsed = n
    for row in rows.values():
        if row.rows_rejected and row.reason is None:
            row.reason = f"{row.rows_rejected} record(s) rejected (see rejected)"
    if len(members) > 1:
        note = f"{len(members)} files share the key {parser.name!r} and were concatenated"
        for row in rows.values():
            row.notes.append(note)
    return frame.drop("_file"), completion


def _dedupe(
    frame: pl.DataFrame,
    keys: tuple[str, ...],
    tables: dict[str, Table],
    rows: dict[str, Row],
    report: Report,
) -> pl.DataFrame:
    first = pl.struct(list(keys)).is_first_distinct()
    mask = frame.select(first).to_series()
    if bool(mask.all()):
        return frame
    keyed = frame.with_columns(pl.struct(list(keys)).hash().alias("_k"))
    originals = (
        keyed.filter(mask)
        .select("_k", pl.col("_file").alias("_of"), pl.col("line").alias("_ol"))
        .unique("_k", keep="first")
    )
    dups = keyed.filter(~mask).join(originals, on="_k", how="left")
    for file, group in dups.group_by("_file"):
        name = str(file[0])
        table = tables[name]
        reason = (
            pl.when(pl.col("_of") == name)
            .then(pl.format("duplicate of line {}", pl.col("_ol")))
            .otherwise(pl.format("duplicate of {} line {}", pl.col("_of"), pl.col("_ol")))
        )
        found = group.select("line", reason.alias("reason"))
        found = found.join(_raw_of(table, found["line"]), on="line", how="left")
        report.rejected.append(
            found.select(pl.lit(name).alias("file"), "line", "reason", "raw").cast(
                polars_schema("rejected")
            )
        )
        row = rows[name]
        row.rows_rejected += group.height
        row.notes.append(f"{group.height} duplicate row(s) listed in rejected")
    return frame.filter(mask)


def read_unknown(member: Member, report: Report, strict: bool) -> pl.DataFrame | None:
    """Read a file that has no parser generically; ``None`` if it yields no frame.

    A file the reference names (see :data:`~tiekeeper.io.registry.KNOWN_UNUSED`)
    is reported under its logical name, any other under ``'unknown'``.
    Comments, Shares and SearchQueries are repaired (:mod:`tiekeeper.io.repairs`).
    """
    if not member.name.lower().endswith((".csv", ".tsv")):
        report.add(
            Row(
                member.name,
                "unknown",
                status="ignored",
                reason="not a CSV file; tiekeeper does not read it",
            )
        )
        return None
    known = known_name(member.name)
    raw = member.read()
    table = repair(read_table(raw, member.name), raw)
    del raw
    report.add(
        Row(
            member.name,
            known or "unknown",
            encoding=table.encoding,
            status=table.status,
            reason=table.reason
            or (
                "a known export file tiekeeper does not use; kept in other_files"
                if known
                else "a file tiekeeper has no parser for; kept in other_files"
            ),
            rows_read=table.rows_read,
            rows_parsed=table.data.height if table.ok and table.data.width else 0,
            rows_rejected=table.rejected.height,
            rows_skipped=table.rows_skipped,
            notes=list(table.notes),
        )
    )
    if strict and table.status in BAD_STATUSES:
        raise ExportFileError(f"{member.name}: {table.reason} (strict=True).")
    report.rejected.append(table.rejected)
    if not table.ok or table.data.width == 0:
        return None
    return table.data.rename({LINE: "line"})
