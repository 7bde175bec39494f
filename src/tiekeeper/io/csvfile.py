"""Read one export file into a table of strings, with physical line numbers.

The reader copes with every encoding and dialect quirk of the reference
(§2): UTF-16LE TSV files (``FF FE``), UTF-8 with or without a BOM, LF and
CRLF mixed across and inside files, a missing or doubled final newline, and a
header that comes after the Connections ``Notes:`` preamble or after blank
lines, found by its content.

Two paths produce the same :class:`Table`:

* the **fast path** streams the bytes in chunks cut at record boundaries and
  parses each chunk with polars' CSV reader in a worker thread while the next
  chunk is inflated. Physical line numbers come from counting newlines
  (vectorised). Two exact checks guard it: the number of separators in the
  bytes must equal what the parsed fields account for (which catches short
  and long rows), and the number of newlines must equal the records plus the
  newlines inside fields (which catches blank lines mid-file);
* the **exact path** uses Python's :mod:`csv` module record by record. It is
  used when a check fails or polars refuses the file, and it names every
  malformed record (its physical start line and why) in ``rejected``.

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
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import polars as pl

from tiekeeper.schema import empty_frame

__all__ = ["LINE", "Prepare", "Table", "read_table"]

#: A per-chunk step run right after parsing, in the worker thread: it takes the
#: string columns of a slice of the file and returns them with derived columns
#: added (their names start with ``__``).
Prepare = Callable[[pl.DataFrame], pl.DataFrame]

#: Name of the physical-line column of ``Table.data``.
LINE = "_line"

_HEAD_BYTES = 256 * 1024
_HEAD_MAX = 8 * 1024 * 1024  # give up looking for the header after this much
_CHUNK_BYTES = 16 * 1024 * 1024
_HEADER_SEARCH = 50  # records searched for the header
_WORKERS = 2  # slices parsed at once while the next one is inflated
_IN_FLIGHT = 3  # slices queued or being parsed at most


class _FastPathFailed(Exception):
    """The fast path cannot be trusted for this file; use the exact path."""


@dataclass
class Table:
    """One file as read: string columns plus the physical line of each record.

    Attributes
    ----------
    file : str
        Path of the file inside the export.
    encoding : str or None
        ``'utf-8'``, ``'utf-8-sig'`` or ``'utf-16-le'``.
    header : tuple of str
        Column names as in the file (white space stripped).
    data : polars.DataFrame
        One String column per header name (repeated names get ``_2``, ``_3``;
        an empty name becomes ``column_<n>``), empty fields as null, plus
        ``_line`` (Int64): the physical line where the record starts.
    rejected : polars.DataFrame
        Records that do not fit the header (schema ``rejected``).
    rows_read, rows_skipped : int
        Records read after the header; empty records among them.
    status : str
        ``'parsed'``, ``'empty'``, ``'header-only'``, ``'not-a-table'`` or ``'error'``.
    reason : str or None
        Why, for anything but a clean parse.
    notes : list of str
        Quirks noticed (BOM, CRLF, preamble, spreadsheet signs …).
    """

    file: str
    encoding: str | None = None
    header: tuple[str, ...] = ()
    data: pl.DataFrame = field(default_factory=pl.DataFrame)
    rejected: pl.DataFrame = field(default_factory=lambda: empty_frame("rejected"))
    rows_read: int = 0
    rows_skipped: int = 0
    status: str = "parsed"
    reason: str | None = None
    notes: list[str] = field(default_factory=list)
    header_line: int | None = None
    separator: str = ","
    fast: bool = True

    @property
    def ok(self) -> bool:
        """Whether the file could be read as a table (possibly with no rows)."""
        return self.status in ("parsed", "header-only", "empty")

    def column(self, *names: str) -> str | None:
        """The data column for the first of ``names`` present (case-insensitive)."""
        lookup = {h.casefold(): c for h, c in zip(self.header, self._names(), strict=True)}
        for n in names:
            hit = lookup.get(n.casefold())
            if hit is not None:
                return hit
        return None

    def get(self, *names: str) -> pl.Series:
        """The column for the first of ``names`` present, or an all-null String column."""
        c = self.column(*names)
        if c is None:
            return pl.repeat(None, self.data.height, dtype=pl.String, eager=True).alias(names[0])
        return self.data.get_column(c)

    def _names(self) -> list[str]:
        return _unique_names(self.header)


def _unique_names(header: Sequence[str]) -> list[str]:
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        name = h or f"column_{i + 1}"
        if name == LINE:
            name = f"{name}_"
        n = seen.get(name, 0) + 1
        seen[name] = n
        out.append(name if n == 1 else f"{name}_{n}")
    return out


def _split_lines(text: str) -> Iterator[str]:
    """Split on ``\\n`` only (as polars does), keeping the line ends."""
    start = 0
    while True:
        pos = text.find("\n", start)
        if pos < 0:
            if start < len(text):
                yield text[start:]
            return
        yield text[start : pos + 1]
        start = pos + 1


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
    lines = _split_lines(text)
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
        return None, _undecodable(raw[err.start : err.start + 4], err.start, line)


def _undecodable(bad: bytes, offset: int, line: int) -> str:
    return (
        f"bytes {bad!r} at byte {offset} (line {line}) are not valid UTF-8; LinkedIn writes "
        "UTF-8, so the file was probably re-saved by a spreadsheet in another encoding. "
        "Re-download the export, or save the file as UTF-8 CSV"
    )


def _gather(chunks: Iterator[bytes], upto: int) -> tuple[bytes, bool]:
    parts: list[bytes] = []
    size = 0
    for c in chunks:
        parts.append(c)
        size += len(c)
        if size >= upto:
            return b"".join(parts), False
    return b"".join(parts), True


def read_table(
    source: bytes | Callable[[], Iterable[bytes]],
    file: str,
    *,
    required: Sequence[str] | None = None,
    exact: bool = False,
    prepare: Prepare | None = None,
) -> Table:
    """Read one export file.

    Parameters
    ----------
    source : bytes or callable
        The file's bytes, or a callable returning a fresh iterator of byte
        chunks (``Member.chunks``); it is called again if the exact path is
        needed.
    file : str
        Its path inside the export, for messages.
    required : sequence of str, optional
        Columns that identify the header; without them the first non-empty
        record is the header.
    exact : bool
        Skip the fast path and use the :mod:`csv` module (for tests).
    prepare : callable, optional
        Derives columns from each parsed slice while the next slice is being
        read (see :data:`Prepare`); applied to the whole frame on the exact path.

    Returns
    -------
    Table
    """
    opener: Callable[[], Iterable[bytes]] = (
        (lambda: iter([source])) if isinstance(source, bytes) else source
    )
    table = Table(file)
    chunks = iter(opener())
    head, at_eof = _gather(chunks, _HEAD_BYTES)
    if head[:4] == b"PK\x03\x04":
        return _fail(
            table,
            "error",
            "is an Excel workbook (xlsx) renamed to .csv, not a CSV "
            "file; LinkedIn exports are CSV. Re-download the export, or open it in "
            "the spreadsheet and save it as CSV (comma-delimited, UTF-8)",
        )
    if head[:4] == b"\xd0\xcf\x11\xe0":
        return _fail(
            table,
            "error",
            "is an old Excel workbook (xls) renamed to .csv; "
            "re-download the export, or save it as CSV (comma-delimited, UTF-8)",
        )
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _read_utf16(table, head + b"".join(chunks), required, prepare)
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
            return _fail(table, "error", err or "")
        sep = ","
        first_line = next((ln for ln in _split_lines(text) if ln.strip()), "")
        if "\t" in first_line and "," not in first_line:
            sep = "\t"
        hdr, multi, anyrec = _find_header(text, sep, required)
        if hdr is not None or at_eof or len(head) >= _HEAD_MAX:
            break
        more, at_eof = _gather(chunks, len(head))
        head += more
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
        _exact(table, _rest(head, start, chunks), hdr.end_line + 1, prepare)
    else:
        try:
            _fast(table, head[start:], chunks, hdr.end_line + 1, prepare)
        except _FastPathFailed as why:
            data = _rest(opener_bytes(opener), start, iter(()))
            _exact(table, data, hdr.end_line + 1, prepare)
            table.notes.append(f"read record by record: {str(why).splitlines()[0][:120]}")
    if table.status == "parsed" and table.rows_read == table.rows_skipped:
        table.status = "header-only"
        table.reason = "the file holds only a header, no records"
    return table


def opener_bytes(opener: Callable[[], Iterable[bytes]]) -> bytes:
    """All bytes of a source (used by the exact path)."""
    return b"".join(opener())


def _rest(head: bytes, start: int, chunks: Iterator[bytes]) -> bytes:
    return head[start:] + b"".join(chunks)


def _fail(table: Table, status: str, reason: str) -> Table:
    table.status, table.reason = status, reason
    table.data = pl.DataFrame()
    return table


def _no_header(
    table: Table,
    text: str,
    required: Sequence[str] | None,
    multi: list[str] | None,
    anyrec: list[str] | None,
) -> Table:
    want = list(required or ())
    first = next((ln.strip() for ln in _split_lines(text) if ln.strip()), "")
    for sep, name in ((";", "semicolon"), ("\t", "tab")):
        if sep in first and want:
            names = {_norm(f) for f in next(csv.reader([first], delimiter=sep))}
            if {_norm(w) for w in want} <= names:
                return _fail(
                    table,
                    "error",
                    f"is {name}-delimited ('{sep}'), a sign that a spreadsheet re-saved it; "
                    "LinkedIn writes comma-separated files. Re-download the export, or save "
                    "the file as CSV (comma-delimited, UTF-8)",
                )
    if multi is not None:
        found = [f.strip() for f in multi]
        missing = [w for w in want if _norm(w) not in {_norm(f) for f in found}]
        return _fail(
            table,
            "error",
            f"header lacks the required column(s) {missing}; found {found}. The file may be "
            "from an unknown era or edited by hand; re-download the export",
        )
    sentence = ",".join(anyrec) if anyrec else first
    return _fail(
        table,
        "not-a-table",
        f"holds the text {sentence[:80]!r} instead of a table with the columns {want}",
    )


def _read_utf16(
    table: Table, raw: bytes, required: Sequence[str] | None, prepare: Prepare | None
) -> Table:
    codec = "utf-16-le" if raw[:2] == b"\xff\xfe" else "utf-16-be"
    table.encoding = codec
    table.notes.append(f"legacy {codec.upper()} tab-separated file")
    try:
        text = raw[2:].decode(codec)
    except UnicodeDecodeError as err:
        return _fail(table, "error", f"is not valid {codec.upper()} at byte {err.start + 2}")
    inner = read_table(text.encode("utf-8"), table.file, required=required, prepare=prepare)
    inner.encoding = table.encoding
    inner.notes = table.notes + inner.notes
    return inner


# ------------------------------------------------------------------ fast path


def _cut_point(buf: bytes, quotes_before: int = 0) -> int:
    """Offset just after the last newline of ``buf`` outside quotes (0 if none).

    ``quotes_before`` is the number of quote characters since the last record
    boundary before ``buf``: RFC 4180 quoting toggles on every ``"`` (a doubled
    ``""`` toggles twice), so a newline is a record boundary exactly when the
    quotes before it are even.
    """
    pos = buf.rfind(b"\n")
    tries = 0
    while pos >= 0 and tries < 64:
        if (quotes_before + buf.count(b'"', 0, pos)) % 2 == 0:
            return pos + 1
        pos = buf.rfind(b"\n", 0, pos)
        tries += 1
    return 0


@dataclass
class _Chunk:
    df: pl.DataFrame
    newlines: int
    rel: pl.Series  # line offset of each row within the chunk


def _parse_chunk(buf: bytes, schema: pl.Schema, sep: str, prepare: Prepare | None) -> _Chunk:
    try:
        df = pl.read_csv(
            buf,
            has_header=False,
            schema=schema,
            separator=sep,
            quote_char='"',
            null_values=[""],
            raise_if_empty=False,
            truncate_ragged_lines=False,
            infer_schema=False,
        )
    except (pl.exceptions.PolarsError, OSError) as err:
        raise _FastPathFailed(str(err)) from err
    h = df.height
    ncols = len(schema)
    # A short row leaves its last column null (polars pads it silently), so the
    # exact separator count is needed only when the last column has nulls.
    if ncols > 1 and df.get_column(df.columns[-1]).null_count():
        inner = df.select(
            pl.sum_horizontal(pl.all().str.count_matches(sep, literal=True).sum())
        ).item()
        if buf.count(sep.encode()) != h * (ncols - 1) + (inner or 0):
            raise _FastPathFailed("field counts differ from the header")
    newlines = buf.count(b"\n")
    records = newlines + (0 if not buf or buf.endswith(b"\n") else 1)
    idx = pl.int_range(0, h, dtype=pl.Int64, eager=True)
    if records == h:
        return _Chunk(df if prepare is None else prepare(df), newlines, idx)
    emb = df.select(
        pl.sum_horizontal(pl.all().str.count_matches("\n", literal=True).fill_null(0)).cast(
            pl.Int64
        )
    ).to_series()
    if records != h + int(emb.sum()):
        raise _FastPathFailed("line count differs (blank lines mid-file?)")
    df = df if prepare is None else prepare(df)
    return _Chunk(df, newlines, idx + emb.cum_sum() - emb)


def _fast(
    table: Table,
    first: bytes,
    chunks: Iterator[bytes],
    first_line: int,
    prepare: Prepare | None,
) -> None:
    names = _unique_names(table.header)
    schema = pl.Schema(dict.fromkeys(names, pl.String))
    sep = table.separator
    futures: list[Future[_Chunk]] = []
    trailing_blank = 0
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        # Each slice is copied exactly once: leftover + pending chunks + the
        # head of the newest chunk up to its last record boundary.
        leftover = first
        pending: list[bytes] = []
        quotes = first.count(b'"')  # quotes in leftover + pending
        size = len(first)
        for c in chunks:
            size += len(c)
            if size < _CHUNK_BYTES:
                pending.append(c)
                quotes += c.count(b'"')
                continue
            cut = _cut_point(c, quotes)
            if not cut:
                pending.append(c)
                quotes += c.count(b'"')
                continue
            piece = b"".join([leftover, *pending, memoryview(c)[:cut]])
            # Back-pressure: never hold more than a few slices in memory.
            while sum(not f.done() for f in futures) >= _IN_FLIGHT:
                wait([f for f in futures if not f.done()], return_when=FIRST_COMPLETED)
            futures.append(pool.submit(_parse_chunk, piece, schema, sep, prepare))
            del piece
            leftover, pending = c[cut:], []
            quotes, size = leftover.count(b'"'), len(leftover)
        buf = b"".join([leftover, *pending]) if pending else leftover
        del leftover, pending
        end = len(buf)
        while end and buf[end - 1] in (10, 13):  # trailing line ends, without a copy
            end -= 1
        ends = buf.count(b"\n", end)
        if ends > 1:
            trailing_blank = ends - 1
            buf = buf[:end] + b"\n"
        if buf:
            futures.append(pool.submit(_parse_chunk, buf, schema, sep, prepare))
        del buf
        results = [f.result() for f in futures]
    frames: list[pl.DataFrame] = []
    offset = first_line
    for r in results:
        frames.append(r.df.with_columns((r.rel + offset).alias(LINE)))
        offset += r.newlines
    if frames:
        data = pl.concat(frames, how="vertical", rechunk=False)
    else:
        empty = _empty_data(names)
        data = (
            empty
            if prepare is None
            else prepare(empty.drop(LINE)).with_columns(pl.Series(LINE, [], dtype=pl.Int64))
        )
    _finish(table, data, trailing_blank, empty_frame("rejected"))
    if trailing_blank:
        table.notes.append(f"{trailing_blank} empty line(s) after the last record")


def _empty_data(names: Sequence[str]) -> pl.DataFrame:
    return pl.DataFrame(schema={**dict.fromkeys(names, pl.String), LINE: pl.Int64})


def _finish(table: Table, data: pl.DataFrame, extra_blank: int, rejected: pl.DataFrame) -> None:
    names = [c for c in data.columns if c != LINE and not c.startswith("__")]
    blank = data.select(pl.all_horizontal(pl.col(names).is_null())).to_series()
    n_blank = int(blank.sum()) if len(names) else data.height
    if n_blank:
        data = data.filter(~blank)
    table.data = data
    table.rows_skipped = n_blank + extra_blank
    table.rows_read = data.height + table.rows_skipped + rejected.height
    table.rejected = rejected


# ----------------------------------------------------------------- exact path


def _exact(table: Table, data: bytes, first_line: int, prepare: Prepare | None) -> None:
    table.fast = False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = first_line + data.count(b"\n", 0, err.start)
        _fail(table, "error", _undecodable(data[err.start : err.start + 4], err.start, line))
        return
    names = _unique_names(table.header)
    ncols = len(names)
    cols: list[list[str | None]] = [[] for _ in names]
    lines: list[int] = []
    rej_line: list[int] = []
    rej_reason: list[str] = []
    rej_raw: list[str] = []
    skipped = 0
    old = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize // 2)
    try:
        reader = csv.reader(_split_lines(text), delimiter=table.separator, quotechar='"')
        prev = 0
        while True:
            try:
                rec = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                rej_line.append(first_line + prev)
                rej_reason.append(f"unreadable record ({err})")
                rej_raw.append("")
                prev = reader.line_num
                continue
            start = first_line + prev
            end = reader.line_num
            if not rec or all(f == "" for f in rec):
                skipped += 1
            elif len(rec) != ncols:
                rej_line.append(start)
                why = "fewer" if len(rec) < ncols else "more"
                unclosed = rec[-1].count("\n") > 0 and end - prev > 1
                reason = f"{len(rec)} fields, {why} than the {ncols} columns of the header"
                if unclosed:
                    reason += f" (a quote opened on line {start} runs over {end - prev} lines)"
                rej_reason.append(reason)
                rej_raw.append(",".join(rec))
            else:
                for i, f in enumerate(rec):
                    cols[i].append(f if f != "" else None)
                lines.append(start)
            prev = end
    finally:
        csv.field_size_limit(old)
    frame = pl.DataFrame(
        {n: pl.Series(n, c, dtype=pl.String) for n, c in zip(names, cols, strict=True)}
    )
    if prepare is not None:
        frame = prepare(frame)
    frame = frame.with_columns(pl.Series(LINE, lines, dtype=pl.Int64))
    rejected = pl.DataFrame(
        {
            "file": [table.file] * len(rej_line),
            "line": rej_line,
            "reason": rej_reason,
            "raw": rej_raw,
        },
        schema=empty_frame("rejected").schema,
    )
    table.data = frame
    table.rows_skipped = skipped
    table.rows_read = frame.height + skipped + rejected.height
    table.rejected = rejected
