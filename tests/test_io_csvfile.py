"""The CSV reader: fast (polars, streamed) and exact (csv module) paths agree."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import tiekeeper.io.csvfile as csvfile
from tiekeeper.io.csvfile import LINE, read_table

HEADER = ("a", "b", "c")


def _chunked(data: bytes, size: int) -> Callable[[], Iterable[bytes]]:
    return lambda: (data[i : i + size] for i in range(0, len(data), size))


def _both(data: bytes, **kw: object) -> tuple[csvfile.Table, csvfile.Table]:
    fast = read_table(data, "f.csv", required=HEADER, **kw)  # type: ignore[arg-type]
    exact = read_table(data, "f.csv", required=HEADER, exact=True, **kw)  # type: ignore[arg-type]
    return fast, exact


def _same(a: csvfile.Table, b: csvfile.Table) -> None:
    assert (a.status, a.rows_read, a.rows_skipped) == (b.status, b.rows_read, b.rows_skipped)
    assert_frame_equal(a.data, b.data)
    assert_frame_equal(a.rejected, b.rejected)


CASES = {
    "plain": b"a,b,c\n1,2,3\n4,5,6\n",
    "no final newline": b"a,b,c\n1,2,3\n4,5,6",
    "crlf": b"a,b,c\r\n1,2,3\r\n4,5,6\r\n",
    "newline inside quotes": b'a,b,c\n1,"two\nlines",3\n4,5,6\n',
    "crlf inside quotes in an lf file": b'a,b,c\n1,"two\r\nlines",3\n4,5,6\n',
    "doubled quotes": b'a,b,c\n1,"say ""hi""",3\n',
    "short row": b"a,b,c\n1,2,3\n4,5\n7,8,9\n",
    "long row": b"a,b,c\n1,2,3\n4,5,6,7\n7,8,9\n",
    "blank line mid-file": b"a,b,c\n1,2,3\n\n7,8,9\n",
    "2025 extra empty line": b"a,b,c\n1,2,3\n7,8,9\n\n",
    "all-empty record": b"a,b,c\n,,\n1,2,3\n",
    "unterminated quote": b'a,b,c\n1,2,3\n4,"5,6\n7,8,9\n',
    "spaces are data": b"a,b,c\nAda ,  ,x\n",
    "emoji and rtl": "a,b,c\n👋,שלום,\u200fx\n".encode(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fast_and_exact_paths_agree(name: str) -> None:
    _same(*_both(CASES[name]))


def test_line_numbers_are_physical_start_lines() -> None:
    fast, _ = _both(CASES["newline inside quotes"])
    assert fast.data[LINE].to_list() == [2, 4]
    fast, _ = _both(b'Notes:\n"a note"\n\na,b,c\n1,2,3\n')
    assert fast.header_line == 4 and fast.data[LINE].to_list() == [5]


def test_short_and_long_rows_are_rejected_with_reasons() -> None:
    t = read_table(CASES["short row"], "f.csv", required=HEADER)
    assert t.rejected.select("line", "reason", "raw").rows() == [
        (3, "2 fields, fewer than the 3 columns of the header", "4,5")
    ]
    assert t.data["a"].to_list() == ["1", "7"]
    assert not t.fast  # the fast path noticed and handed over
    t = read_table(CASES["unterminated quote"], "f.csv", required=HEADER)
    assert t.rejected["line"].to_list() == [3]
    assert "quote opened on line 3" in t.rejected["reason"][0]


def test_empty_fields_are_null_and_empty_records_skipped() -> None:
    t = read_table(CASES["all-empty record"], "f.csv", required=HEADER)
    assert (t.rows_read, t.rows_skipped, t.data.height) == (2, 1, 1)
    t = read_table(b'a,b,c\n1,,""\n', "f.csv", required=HEADER)
    assert t.data.row(0) == ("1", None, None, 2)


def test_trailing_empty_line_is_counted_as_skipped() -> None:
    t = read_table(CASES["2025 extra empty line"], "f.csv", required=HEADER)
    assert (t.rows_read, t.rows_skipped, t.data.height) == (3, 1, 2) and t.fast


def test_header_is_found_by_content_after_a_preamble_or_blank_lines() -> None:
    data = b'Notes:\n"When exporting, a note"\n\nFirst Name,Connected On\nAda,04 Jul 2023'
    t = read_table(data, "Connections.csv", required=("first name", "CONNECTED ON"))
    assert t.header == ("First Name", "Connected On") and t.header_line == 4
    t = read_table(b"\n\n\nFirst Name,Connected On\nAda,x\n", "c.csv", required=("First Name",))
    assert t.header_line == 4 and any("blank line(s) before the header" in n for n in t.notes)


def test_bom_and_crlf_are_noted() -> None:
    t = read_table(b"\xef\xbb\xbfa,b,c\r\n1,2,3\r\n", "f.csv", required=HEADER)
    assert t.encoding == "utf-8-sig" and t.header == HEADER
    assert any("byte-order mark" in n for n in t.notes) and "CRLF line endings" in t.notes


def test_utf16_tsv_fully_quoted() -> None:
    raw = b"\xff\xfe" + '"a"\t"b"\t"c"\n"1"\t"x, y"\t"3"'.encode("utf-16-le")
    t = read_table(raw, "Ad Targeting.csv", required=HEADER)
    assert t.encoding == "utf-16-le" and t.data.row(0) == ("1", "x, y", "3", 2)


@pytest.mark.parametrize(
    ("raw", "status", "reason"),
    [
        (b"No conversations found", "not-a-table", "holds the text 'No conversations found'"),
        (b"a;b;c\n1;2;3\n", "error", "semicolon-delimited"),
        (b"PK\x03\x04\x14\x00\x06\x00", "error", "Excel workbook (xlsx) renamed to .csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "error", "old Excel workbook"),
        (b"a,b,c\n1,\xe9,3\n", "error", r"bytes b'\xe9,3\n' at byte 8 (line 2) are not valid"),
        (b"a,b\n1,2\n", "error", "lacks the required column(s) ['c']; found ['a', 'b']"),
        (b"a,b,c\n", "header-only", "only a header"),
        (b"", "empty", "empty"),
        (b"\n\n", "empty", "empty"),
    ],
)
def test_file_level_problems(raw: bytes, status: str, reason: str) -> None:
    t = read_table(raw, "f.csv", required=HEADER)
    assert t.status == status
    assert t.reason is not None and reason in t.reason
    assert t.rows_read == t.data.height + t.rejected.height + t.rows_skipped


def test_undecodable_bytes_deep_in_a_large_file_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfile, "_HEAD_BYTES", 64)
    data = b"a,b,c\n" + b"1,2,3\n" * 100 + b"4,\xff,6\n"
    t = read_table(_chunked(data, 50), "f.csv", required=HEADER)
    assert t.status == "error" and "(line 102)" in (t.reason or "")


# ---------------------------------------------------------------- properties

_PIECES = [*"abcXYZ ,\"'\n;|\t", "\r\n", "é", "ß", "👋", "🇮🇳", "\u200f", "ש", "𝕖", "\xa0"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    ncols = draw(st.integers(1, 5))
    header = [f"col{i}" for i in range(ncols)]
    rows = draw(st.lists(st.lists(_TEXT, min_size=ncols, max_size=ncols), max_size=25))
    return header, rows


def _write(header: list[str], rows: list[list[str]], eol: str, bom: bool, final: bool) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator=eol)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    text = out.getvalue()
    if not final and text.endswith(eol) and rows:
        text = text[: -len(eol)]
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def _expected(header: list[str], rows: list[list[str]]) -> tuple[list[tuple[object, ...]], int]:
    out: list[tuple[object, ...]] = []
    line = 2
    skipped = 0
    for r in rows:
        if all(v == "" for v in r):
            skipped += 1
        else:
            out.append((*[v if v != "" else None for v in r], line))
        line += 1 + sum(v.count("\n") for v in r)
    return out, skipped


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=_tables(),
    eol=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    final=st.booleans(),
    chunk=st.integers(1, 40),
)
def test_roundtrip_hostile_text(
    table: tuple[list[str], list[list[str]]], eol: str, bom: bool, final: bool, chunk: int
) -> None:
    header, rows = table
    data = _write(header, rows, eol, bom, final)
    want, skipped = _expected(header, rows)
    old = csvfile._HEAD_BYTES
    csvfile._HEAD_BYTES = 16  # the header search widens its window several times
    try:
        fast = read_table(_chunked(data, chunk), "f.csv", required=header)
    finally:
        csvfile._HEAD_BYTES = old
    exact = read_table(data, "f.csv", required=header, exact=True)
    for t in (fast, exact):
        assert t.header == tuple(header)
        assert t.data.rows() == want
        assert t.rows_skipped == skipped and t.rejected.height == 0
        assert t.rows_read == len(rows)


def test_fast_path_with_quoted_newlines_numbers_lines_like_the_exact_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csvfile, "_HEAD_BYTES", 16)
    rows = [[str(i), f'he said "hi\n{i}", ok', "x" * (i % 7)] for i in range(200)]
    data = _write(list(HEADER), rows, "\n", False, True)
    t = read_table(_chunked(data, 13), "f.csv", required=HEADER)
    assert t.fast and t.data.height == 200
    assert t.data[LINE].to_list() == [2 + 2 * i for i in range(200)]
    assert t.data["b"][5] == 'he said "hi\n5", ok'
    assert_frame_equal(t.data, read_table(data, "f.csv", required=HEADER, exact=True).data)


def test_repeated_and_empty_column_names_are_kept_apart() -> None:
    # Ad_Targeting.csv repeats "Company Names"; Learning.csv ends its header with a comma.
    t = read_table(b"Company Names,Company Names,Title,\nA,B,C,\n", "Ad_Targeting.csv")
    assert t.data.columns == ["Company Names", "Company Names_2", "Title", "column_4", LINE]
    assert t.data.row(0) == ("A", "B", "C", None, 2)
    assert t.header == ("Company Names", "Company Names", "Title", "")
