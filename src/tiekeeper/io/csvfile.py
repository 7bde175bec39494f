"""Read one export file into a table of strings, with physical line numbers.

The reader copes with every encoding and dialect quirk of the reference
(§2): UTF-16LE TSV files (``FF FE``), UTF-8 with or without a BOM, LF and
CRLF mixed across and inside files, a missing or doubled final newline, and a
header that comes after the Connections ``Notes:`` preamble or after blank
lines, found by its content.

This module sniffs the file and finds its header; two paths then read the
records into the same :class:`~tiekeeper.io.table.Table`:

* the **fast path** (:mod:`tiekeeper.io.csvfast`) hands the whole file to
  polars' parallel CSV reader, with exact checks on separator and newline
  counts;
* the **exact path** (:mod:`tiekeeper.io.csvexact`) uses Python's :mod:`csv`
  module record by record. It is used when a check fails or polars refuses
  the file, and it names every malformed record (its physical start line and
  why) in ``rejected``.

Problems with the file as a whole (a sentence instead of a table, a missing
column, a ``;``-delimited spreadsheet copy, an xlsx file renamed to .csv,
bytes that are not UTF-8) set ``Table.status`` and ``Table.reason`` instead
of raising.

Examples
--------
>>> t = read_table(b"Notes:\\n\\nFirst Name,Connected On\\nAda,04 Jul 2023\\n",
...                "Connections.csv", required=("First Name", "Connected On"))
>>> t.header, t.data["First Name"].to_list(), t.data["_line"].to_list()
(('First Name', 'Connected On'), ['Ada'], [4])
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import polars as pl

from tiekeeper.io.csvexact import read_exact
from tiekeeper.io.csvfast import FastPathFailed, read_fast
from tiekeeper.io.table import LINE, Table, fail, split_lines, undecodable

__all__ = ["LINE", "Table", "read_table"]

_HEAD_BYTES = 256 * 1024
_HEAD_MAX = 8 * 1024 * 1024  # give up looking for the header after this much
_HEADER_SEARCH = 50  # records searched for the header


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class _Header:
    fields: list[str]
    first_line: int  # physical line where the header record starts (1-based)
    end_line: int  # last physical line of the header record
    end_offset: int  # byte offset just after the header record
    blank_before: int
    text_before: int  # non-blank records before the header (a preamble)


def _find_header(
    text: str, sep: str, required: Sequence[str] | None
) -> tuple[_Header | None, list[str] | None, list[str] | None]:
    """Return (header, first multi-field record, first non-empty record)."""
    lines = split_lines(text)
    consumed: list[int] = []  # byte length of each line read

    def feed() -> Iterator[str]:
        for line in lines:
            consumed.append(len(line.encode("utf-8")))
            yield line

    reader = csv.reader(feed(), delimiter=sep, quotechar='"', strict=False)
    want = {_norm(r) for r in required} if required else None
    first_multi: list[str] | None = None
    first_any: list[str] | None = None
    blank = 0
    text_before = 0
    prev = 0
    try:
        for count, rec in enumerate(reader):
            start = prev + 1
            prev = reader.line_num
            if count >= _HEADER_SEARCH:
                break
            if not rec or all(not f.strip() for f in rec):
                blank += 1
                continue
            if first_any is None:
                first_any = rec
            if len(rec) >= min(2, max(1, len(want or ()))) and first_multi is None:
                first_multi = rec
            names = {_norm(f) for f in rec}
            if (want is not None and want <= names) or (want is None and first_any is rec):
                hdr = _Header(
                    [f.strip() for f in rec],
                    start,
                    reader.line_num,
                    sum(consumed),
                    blank,
                    text_before,
                )
                return hdr, first_multi, first_any
            text_before += 1
    except csv.Error:
        pass
    return None, first_multi, first_any


def _decode_head(raw: bytes, at_eof: bool) -> tuple[str | None, str | None]:
    """Decode the head of a UTF-8 file; return (text, error)."""
    dec = codecs.getincrementaldecoder("utf-8")()
    try:
        return dec.decode(raw, final=at_eof), None
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, undecodable(raw[err.start : err.start + 4], err.start, line)


def read_table(
    source: bytes | Callable[[], Iterable[bytes]],
    file: str,
    *,
    required: Sequence[str] | None = None,
    exact: bool = False,
) -> Table:
    """Read one export file.

    Parameters
    ----------
    source : bytes or callable
        The file's bytes, or a callable returning an iterable of byte chunks
        (``Member.chunks``), which are joined.
    file : str
        Its path inside the export, for messages.
    required : sequence of str, optional
        Columns that identify the header; without them the first non-empty
        record is the header.
    exact : bool
        Skip the fast path and use the :mod:`csv` module (for tests).

    Returns
    -------
    Table
    """
    buf = source if isinstance(source, bytes) else b"".join(source())
    table = Table(file)
    size = _HEAD_BYTES
    head, at_eof = buf[:size], len(buf) <= size
    if head[:4] == b"PK\x03\x04":
        return fail(
            table,
            "error",
            "is an Excel workbook (xlsx) renamed to .csv, not a CSV "
            "file; LinkedIn exports are CSV. Re-download the export, or open it in "
            "the spreadsheet and save it as CSV (comma-delimited, UTF-8)",
        )
    if head[:4] == b"\xd0\xcf\x11\xe0":
        return fail(
            table,
            "error",
            "is an old Excel workbook (xls) renamed to .csv; "
            "re-download the export, or save it as CSV (comma-delimited, UTF-8)",
        )
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _read_utf16(table, buf, required)
    bom = head.startswith(codecs.BOM_UTF8)
    table.encoding = "utf-8-sig" if bom else "utf-8"
    if bom:
        table.notes.append("starts with a UTF-8 byte-order mark (a spreadsheet round-trip?)")
    offset0 = 3 if bom else 0
    if at_eof and not head[offset0:].strip():
        table.status, table.reason = "empty", "the file is empty"
        table.data = pl.DataFrame()
        return table
    while True:  # the header is near the top; read on only if it is not yet found
        cut = len(head) if at_eof else head.rfind(b"\n") + 1
        text, err = _decode_head(head[offset0:cut], at_eof)
        if text is None:
            return fail(table, "error", err or "")
        sep = ","
        first_line = next((ln for ln in split_lines(text) if ln.strip()), "")
        if "\t" in first_line and "," not in first_line:
            sep = "\t"
        hdr, multi, anyrec = _find_header(text, sep, required)
        if hdr is not None or at_eof or len(head) >= _HEAD_MAX:
            break
        size *= 2
        head, at_eof = buf[:size], len(buf) <= size
    if b"\r\n" in head:
        table.notes.append("CRLF line endings")
    if hdr is None:
        return _no_header(table, text, required, multi, anyrec)
    table.separator = sep
    table.header = tuple(hdr.fields)
    table.header_line = hdr.first_line
    if hdr.blank_before and not hdr.text_before:
        table.notes.append(
            f"{hdr.blank_before} blank line(s) before the header on line {hdr.first_line} "
            "(a preamble deleted by hand?)"
        )
    start = offset0 + hdr.end_offset
    if exact:
        read_exact(table, buf[start:], hdr.end_line + 1)
    else:
        try:
            read_fast(table, buf, start, hdr.end_line + 1)
        except FastPathFailed as why:
            read_exact(table, buf[start:], hdr.end_line + 1)
            table.notes.append(f"read record by record: {str(why).splitlines()[0][:120]}")
    if table.status == "parsed" and table.rows_read == table.rows_skipped:
        table.status = "header-only"
        table.reason = "the file holds only a header, no records"
    return table


def _no_header(
    table: Table,
    text: str,
    required: Sequence[str] | None,
    multi: list[str] | None,
    anyrec: list[str] | None,
) -> Table:
    want = list(required or ())
    first = next((ln.strip() for ln in split_lines(text) if ln.strip()), "")
    for sep, name in ((";", "semicolon"), ("\t", "tab")):
        if sep in first and want:
            names = {_norm(f) for f in next(csv.reader([first], delimiter=sep))}
            if {_norm(w) for w in want} <= names:
                return fail(
                    table,
                    "error",
                    f"is {name}-delimited ('{sep}'), a sign that a spreadsheet re-saved it; "
                    "LinkedIn writes comma-separated files. Re-download the export, or save "
                    "the file as CSV (comma-delimited, UTF-8)",
                )
    if multi is not None:
        found = [f.strip() for f in multi]
        missing = [w for w in want if _norm(w) not in {_norm(f) for f in found}]
        return fail(
            table,
            "error",
            f"header lacks the required column(s) {missing}; found {found}. The file may be "
            "from an unknown era or edited by hand; re-download the export",
        )
    sentence = ",".join(anyrec) if anyrec else first
    return fail(
        table,
        "not-a-table",
        f"holds the text {sentence[:80]!r} instead of a table with the columns {want}",
    )


def _read_utf16(table: Table, raw: bytes, required: Sequence[str] | None) -> Table:
    codec = "utf-16-le" if raw[:2] == b"\xff\xfe" else "utf-16-be"
    table.encoding = codec
    table.notes.append(f"legacy {codec.upper()} tab-separated file")
    try:
        text = raw[2:].decode(codec)
    except UnicodeDecodeError as err:
        return fail(table, "error", f"is not valid {codec.upper()} at byte {err.start + 2}")
    inner = read_table(text.encode("utf-8"), table.file, required=required)
    inner.encoding = table.encoding
    inner.notes = table.notes + inner.notes
    return inner
