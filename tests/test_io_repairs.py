"""Repairs of Comments.csv, Shares.csv and SearchQueries.csv (reference §4.10, §8.19).

The inline exports copy the bytes LinkedIn writes in each era; every text in
them is invented.
"""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
import pytest
from exportkit import csv_bytes, mini_export, write_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiekeeper import load_export
from tiekeeper.io.archive import Member
from tiekeeper.io.csvfile import read_table
from tiekeeper.io.files import Report, Row, read_unknown
from tiekeeper.io.registry import known_name
from tiekeeper.io.repairs import is_f6, repair, unwrap_share_lines

FEED = "https://www.linkedin.com/feed/update/urn:li:activity:70000000000000000"

# 2021–2024: CRLF; Message quoted only when it holds a comma (the bare LF on
# line 11 is inside a quoted field, as in a 2021-06 file).
COMMENTS_2021 = (
    b"Date,Link,Message\r\n"  # 1
    b"2023-12-10 09:53:09," + FEED.encode() + b"01,Interested\r\n"  # 2
    b"MCA (freshers graduate)\r\n"  # 3  continuation
    b"\r\n"  # 4  blank line inside the comment
    b"someone@example.com\r\n"  # 5  continuation
    b"2023-12-11 10:00:00," + FEED.encode() + b'02,"Great post, thanks!"\r\n'  # 6
    b"2023-12-12 11:00:00," + FEED.encode() + b"03,Congrats\r\n"  # 7
    b"\r\n"  # 8
    b"\r\n"  # 9
    b"Well deserved\r\n"  # 10 continuation after two blank lines
    b"2023-12-13 12:00:00," + FEED.encode() + b'04,"One, with a comma\nand a second line"\r\n'
    b"2023-12-14 13:00:00," + FEED.encode() + b"05,Last\r\n"  # 13
    b"\r\n"  # 14 a blank line before the end: skipped, as in any file
)

# 2025: LF; multi-line messages quoted, inner quotes backslash-escaped.
COMMENTS_2025 = (
    b"Date,Link,Message\n"  # 1
    b"2025-01-10 09:53:09,https://x/1,"
    b'"I keep telling it to \\"Challenge my assumptions, please\\"\nand it works"\n'  # 2-3
    b"2025-01-11 09:53:09,https://x/2,Saved to C:\\temp\\new as a file\n"  # 4 literal backslashes
    b'2025-01-12 09:53:09,https://x/3,"Ends in a quote, \\"like this\\""\n'  # 5
    b"\n"  # 6 the extra empty line of 2025 files
)

SHARES_HEADER_2024 = ("Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility")
SHARES_HEADER_2021 = ("Date", "ShareLink", "ShareCommentary", "SharedURL", "MediaURL", "Visibility")


def linkedin_commentary(lines: list[str], newline: str = "\n") -> str:
    """A ShareCommentary value as LinkedIn writes it: each line wrapped in its own quotes.

    The writer's CSV quoting then doubles the inner quotes and adds the outer ones.
    """
    return f'"{newline}"'.join(lines)


def share_row(n: int, commentary: str) -> list[str]:
    return [f"2024-06-1{n} 06:01:43", f"{FEED}{n:02d}", commentary, "", "", "MEMBER_NETWORK"]


def read_generic(name: str, data: bytes) -> tuple[pl.DataFrame | None, Row, pl.DataFrame]:
    """Read one file the way the loader reads a file without a parser."""
    report = Report()
    member = Member(name, len(data), lambda: io.BytesIO(data))
    frame = read_unknown(member, report, strict=True)
    (row,) = report.rows
    return frame, row, pl.concat(report.rejected)


def assert_counts(row: Row) -> None:
    assert row.rows_read == row.rows_parsed + row.rows_rejected + row.rows_skipped


# ------------------------------------------------------------------ Comments


def test_comments_2021_unquoted_multi_line_comments_are_joined() -> None:
    frame, row, rejected = read_generic("Comments.csv", COMMENTS_2021)
    assert frame is not None
    assert frame["Message"].to_list() == [
        "Interested\nMCA (freshers graduate)\n\nsomeone@example.com",
        "Great post, thanks!",
        "Congrats\n\n\nWell deserved",
        "One, with a comma\nand a second line",
        "Last",
    ]
    assert frame["line"].to_list() == [2, 6, 7, 11, 13]
    assert frame["Date"].to_list()[0] == "2023-12-10 09:53:09"
    assert rejected.height == 0
    assert (row.logical_name, row.rows_read, row.rows_parsed, row.rows_skipped) == (
        "comments",
        6,
        5,
        1,
    )
    assert_counts(row)
    (note,) = [n for n in row.notes if "continuation" in n]
    assert note.startswith("6 raw line(s) (3 of them blank) were continuation lines of 2 ")


def test_comments_lines_that_cannot_be_joined_are_rejected_with_their_line() -> None:
    raw = (
        b"Date,Link,Message\r\n"  # 1
        b"an orphan line\r\n"  # 2: nothing before it to continue
        b"2023-12-10 09:53:09,https://x/1,a,b\r\n"  # 3: four fields
        b"its second line\r\n"  # 4: continues the rejected record
        b"2023-12-11 09:53:09,https://x/2,Fine\r\n"  # 5
        b"and more\r\n"  # 6
    )
    frame, row, rejected = read_generic("Comments.csv", raw)
    assert frame is not None
    assert frame.select("Message", "line").rows() == [("Fine\nand more", 5)]
    assert rejected.select("line", "raw").rows() == [
        (2, "an orphan line"),
        (3, "2023-12-10 09:53:09,https://x/1,a,b\nits second line"),
    ]
    assert "follows no record" in rejected["reason"][0]
    assert rejected["reason"][1] == "4 fields, more than the 3 columns of the header"
    assert (row.rows_read, row.rows_parsed, row.rows_rejected, row.rows_skipped) == (3, 1, 2, 0)
    assert_counts(row)


def test_comments_2025_backslash_escaped_quotes() -> None:
    frame, row, rejected = read_generic("Comments.csv", COMMENTS_2025)
    assert frame is not None
    assert frame["Message"].to_list() == [
        'I keep telling it to "Challenge my assumptions, please"\nand it works',
        "Saved to C:\\temp\\new as a file",
        'Ends in a quote, "like this"',
    ]
    assert frame["line"].to_list() == [2, 4, 5]
    assert rejected.height == 0
    assert (row.rows_read, row.rows_parsed, row.rows_skipped) == (4, 3, 1)
    assert_counts(row)
    (note,) = [n for n in row.notes if "backslash" in n]
    assert "(4 of them" in note
    assert not any("continuation" in n for n in row.notes)


def test_clean_comments_and_backslashes_in_other_files_read_as_before() -> None:
    clean = csv_bytes(
        ["Date", "Link", "Message"],
        [
            ["2025-01-11 09:53:09", "https://x/2", 'C:\\temp, and a "quote\\"'],
            ["2025-01-12 10:00:00", "https://x/3", "ok"],
        ],
    )
    before = read_table(clean, "Comments.csv")
    assert repair(before, clean) is before
    # the same bytes in a file of another name are never read with the escape
    other = read_table(clean.replace(b"Date,Link,Message", b"Date,Link,Text"), "Votes.csv")
    assert repair(other, clean) is other
    frame, row, _ = read_generic("Learning.csv", clean)
    assert frame is not None
    assert frame["Message"][0] == 'C:\\temp, and a "quote\\"'
    assert row.notes == [] and row.logical_name == "learning"


# -------------------------------------------------------------------- Shares


def test_shares_per_line_quotes_are_unwrapped() -> None:
    raw = csv_bytes(
        SHARES_HEADER_2024,
        [
            share_row(1, "Just one line, with a comma"),
            share_row(2, linkedin_commentary(["First line", 'He said "hi" there'])),
            share_row(3, linkedin_commentary(["Top", "", '"Quoted" bottom"'])),
        ],
    )
    frame, row, rejected = read_generic("Shares.csv", raw)
    assert frame is not None
    assert frame["ShareCommentary"].to_list() == [
        "Just one line, with a comma",
        'First line\nHe said "hi" there',
        'Top\n\n"Quoted" bottom"',
    ]
    assert frame["line"].to_list() == [2, 3, 5]
    assert rejected.height == 0
    assert (row.logical_name, row.rows_read, row.rows_parsed) == ("shares", 3, 3)
    assert_counts(row)
    assert row.notes == [
        "2 multi-line ShareCommentary value(s) had each line wrapped in its own quotes; "
        "unwrapped (reference §4.10)"
    ]


def test_shares_2021_header_crlf_and_values_without_the_wrapping() -> None:
    raw = csv_bytes(
        SHARES_HEADER_2021,
        [
            share_row(1, linkedin_commentary(["a", "b"], "\r\n")),
            share_row(2, "plain\nnot wrapped"),
        ],
        crlf=True,
    )
    frame, row, _ = read_generic("Shares.csv", raw)
    assert frame is not None
    assert frame["ShareCommentary"].to_list() == ["a\nb", "plain\nnot wrapped"]
    assert "SharedURL" in frame.columns
    assert any(n.startswith("1 multi-line ShareCommentary value(s) lack") for n in row.notes)
    assert_counts(row)


def test_shares_without_multi_line_commentary_read_as_before() -> None:
    raw = csv_bytes(SHARES_HEADER_2024, [share_row(1, "one line")])
    before = read_table(raw, "Shares.csv")
    assert repair(before, raw) is before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(
        st.text(
            alphabet=st.one_of(
                st.sampled_from('"", ab'),
                # any character a UTF-8 file can hold (no lone surrogates) but a line end
                st.characters(exclude_characters="\r\n", exclude_categories=["Cs"]),
            ),
            max_size=12,
        ),
        min_size=1,
        max_size=5,
    ),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_shares_commentary_round_trips(lines: list[str], newline: str) -> None:
    raw = csv_bytes(SHARES_HEADER_2024, [share_row(1, linkedin_commentary(lines, newline))])
    t = repair(read_table(raw, "Shares.csv"), raw)
    (value,) = t.data["ShareCommentary"].to_list()
    assert (value or "") == "\n".join(lines)
    assert t.rows_read == t.data.height + t.rejected.height + t.rows_skipped


# ------------------------------------------------------------- SearchQueries


def test_search_queries_with_unquoted_commas_are_joined() -> None:
    raw = (
        b"Time,Search Query\n"  # 1
        b"2025/03/01 10:00:00 UTC,data engineer\n"  # 2
        b"2025/03/02 10:00:00 UTC,acme, inc, berlin\n"  # 3
        b'2025/03/03 10:00:00 UTC,"quoted, as before 2025-03"\n'  # 4
        b"2025/03/04 10:00:00 UTC\n"  # 5: too few fields
        b"\n"  # 6
    )
    frame, row, rejected = read_generic("SearchQueries.csv", raw)
    assert frame is not None
    assert frame.select("Search Query", "line").rows() == [
        ("data engineer", 2),
        ("acme, inc, berlin", 3),
        ("quoted, as before 2025-03", 4),
    ]
    assert rejected.select("line", "reason").rows() == [
        (5, "1 fields, fewer than the 2 columns of the header")
    ]
    assert (row.logical_name, row.rows_read, row.rows_parsed, row.rows_rejected) == (
        "search_queries",
        5,
        3,
        1,
    )
    assert_counts(row)
    assert row.notes[-1].startswith("1 quer(y/ies) held commas but were not quoted")


def test_search_queries_without_commas_read_as_before() -> None:
    raw = b"Time,Search Query\n2025/03/01 10:00:00 UTC,data engineer\n"
    before = read_table(raw, "SearchQueries.csv")
    assert repair(before, raw) is before
    frame, row, _ = read_generic("SearchQueries.csv", raw)
    assert frame is not None and frame["Search Query"].to_list() == ["data engineer"]
    assert row.notes == []


# ---------------------------------------------------------- names and loading


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("Company Follows.csv", "company_follows"),
        ("Email Addresses.csv", "email_addresses"),
        ("Registration.csv", "registration"),
        ("PhoneNumbers.csv", "phone_numbers"),
        ("Phone Numbers.csv", "phone_numbers"),
        ("Reactions.csv", "reactions"),
        ("Votes.csv", "votes"),
        ("Comments.csv", "comments"),
        ("shares_12345678.csv", "shares"),
        ("Search Queries.csv", "search_queries"),
        ("Logins.csv", "logins"),
        ("Learning.csv", "learning"),
        ("Ad_Targeting.csv", "ad_targeting"),
        ("Receipts_v2.csv", "receipts_v2"),
        ("Jobs/Saved Jobs.csv", "saved_jobs"),
        ("Made Up.csv", None),
        ("Connections.csv", None),
        ("Comments.html", None),
    ],
)
def test_known_name(path: str, name: str | None) -> None:
    assert known_name(path) == name


def test_load_export_repairs_other_files_and_names_them(tmp_path: Path) -> None:
    files = {
        "Profile.csv": mini_export()["Profile.csv"],
        "Comments.csv": COMMENTS_2021,
        "Shares.csv": csv_bytes(
            SHARES_HEADER_2024, [share_row(1, linkedin_commentary(["x", "", "y"]))]
        ),
        "SearchQueries.csv": b"Time,Search Query\n2025/03/02 10:00:00 UTC,acme, inc\n",
        "Company Follows.csv": (
            b"Organization,Followed On\nExample Corp,Sat Dec 14 08:57:55 UTC 2024"
        ),
        "Made Up.csv": b"A,B\n1,2\n",
    }
    e = load_export(write_folder(tmp_path / "export", files), as_of="2025-01-01")
    rep = {r["file"]: r for r in e.parse_report.iter_rows(named=True)}
    assert {f: rep[f]["logical_name"] for f in files} == {
        "Profile.csv": "profile",
        "Comments.csv": "comments",
        "Shares.csv": "shares",
        "SearchQueries.csv": "search_queries",
        "Company Follows.csv": "company_follows",
        "Made Up.csv": "unknown",
    }
    assert "does not use" in rep["Comments.csv"]["reason"]
    assert "no parser" in rep["Made Up.csv"]["reason"]
    for r in rep.values():
        assert r["rows_read"] == r["rows_parsed"] + r["rows_rejected"] + r["rows_skipped"]
    assert e.other_files["Comments.csv"]["Message"][0].endswith("\n\nsomeone@example.com")
    assert e.other_files["Comments.csv"]["line"].to_list() == [2, 6, 7, 11, 13]
    assert e.other_files["Shares.csv"]["ShareCommentary"].to_list() == ["x\n\ny"]
    assert e.other_files["SearchQueries.csv"]["Search Query"].to_list() == ["acme, inc"]
    assert e.other_files["Made Up.csv"].rows() == [("1", "2", 2)]
    assert any("continuation lines" in n for n in rep["Comments.csv"]["notes"])
    assert e.rejected.filter(pl.col("file") == "Comments.csv").height == 0


def test_helpers() -> None:
    assert is_f6(" 2023-12-10 09:53:09 ") and not is_f6("2023-12-10")
    assert unwrap_share_lines('a"\r\n"b') == "a\nb"
    assert unwrap_share_lines('a"\n"') == "a\n"  # an empty last line
    assert unwrap_share_lines('a\n"b') == 'a\n"b'  # line 1 lacks its closing quote


_TOKENS = st.sampled_from(
    [
        *("2023-12-10 09:53:09,", "2025/03/01 10:00:00 UTC,", "a", " ", ",", '"'),
        *('\\"', "\\", "\n", "\r\n", "\r", 'x"\n"y'),
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["Comments.csv", "SearchQueries.csv", "Shares.csv"]),
    body=st.lists(_TOKENS, max_size=40).map("".join),
)
def test_hostile_bytes_never_raise_and_keep_the_counts(name: str, body: str) -> None:
    header = {
        "Comments.csv": "Date,Link,Message",
        "SearchQueries.csv": "Time,Search Query",
        "Shares.csv": ",".join(SHARES_HEADER_2024),
    }[name]
    frame, row, rejected = read_generic(name, f"{header}\n{body}".encode())
    assert_counts(row)
    assert row.rows_rejected == rejected.height
    if frame is not None:
        assert row.rows_parsed == frame.height
        assert frame["line"].is_sorted() and (frame["line"] >= 2).all()
