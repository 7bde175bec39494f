"""Property: exports written with hostile names and text read back to the same data."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

from exportkit import CONNECTIONS_HEADER, MESSAGES_HEADER, PREAMBLE, csv_bytes, write_folder
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tiekeeper.io import load_export
from tiekeeper.keys import normalize_name, normalize_profile_url

OWNER = ("Olive Owner", "https://www.linkedin.com/in/olive-owner")

# Hostile pieces: commas, quotes, emoji, RTL, accents, NFD, ideographs, spaces.
_NAME_PIECES = [
    *"AbcXyz'-.",
    ", ",
    '"',
    " ",
    "é",
    "e\u0301",
    "ß",
    "👋",
    "🇮🇳",
    "שלום",
    "\u200f",
    "李",
    "𝕖",
]
_SLUG_PIECES = [*"abcxyz0123-", "é", "ü", "李", "𝕖", "🇮🇳"]
_TEXT_PIECES = [*"abc XYZ,.!?'\"", "  ", "\xa0", "é", "👋", "שלום", "\t"]

_name = st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=6).map("".join)
_slug = st.lists(st.sampled_from(_SLUG_PIECES), min_size=3, max_size=10).map("".join)
_text = st.lists(st.sampled_from(_TEXT_PIECES), max_size=12).map("".join)
_day = st.dates(dt.date(2005, 1, 1), dt.date(2024, 12, 31))


@st.composite
def _person(draw: st.DrawFn) -> tuple[str, str, str]:
    first = draw(_name.filter(lambda s: s.strip() != ""))
    last = draw(_name)
    slug = draw(_slug)
    return first, last, slug


def _folder(files: dict[str, bytes]) -> Path:
    return write_folder(Path(tempfile.mkdtemp()) / "export", files)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(st.tuples(_person(), _day, st.booleans()), min_size=1, max_size=8),
    crlf=st.booleans(),
    bom=st.booleans(),
    preamble=st.booleans(),
    final=st.booleans(),
)
def test_connections_roundtrip(
    people: list[tuple[tuple[str, str, str], dt.date, bool]],
    crlf: bool,
    bom: bool,
    preamble: bool,
    final: bool,
) -> None:
    rows = []
    for (first, last, slug), day, newline in people:
        first_raw = first + ("\nII" if newline else "")  # quoted newlines are allowed here
        url = "https://www.linkedin.com/in/" + quote(slug, safe="-")  # percent-encoded, as LinkedIn
        rows.append([first_raw, last, url, "", "Example, Inc.", "Eng", day.strftime("%d %b %Y")])
    data = csv_bytes(
        CONNECTIONS_HEADER,
        rows,
        crlf=crlf,
        bom=bom,
        preamble=PREAMBLE if preamble else "",
        final_newline=final,
    )
    e = load_export(_folder({"Connections.csv": data}), as_of="2025-01-01")
    c = e.connections
    assert c.height == len(rows)
    assert c["first_name"].to_list() == [r[0] for r in rows]  # raw: spaces, newlines kept
    assert c["last_name"].to_list() == [r[1] or None for r in rows]
    assert c["name"].to_list() == [normalize_name(f"{r[0]} {r[1]}") for r in rows]
    assert c["profile_url"].to_list() == [normalize_profile_url(r[2]) for r in rows]
    assert c["connected_on"].to_list() == [d for _, d, _ in people]
    assert c["company"].unique().to_list() == ["Example, Inc."]
    rep = e.parse_report.row(0, named=True)
    assert rep["rows_read"] == rep["rows_parsed"] == len(rows) and rep["rows_rejected"] == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    msgs=st.lists(
        st.tuples(_person(), st.booleans(), _text, st.integers(0, 10**8)), min_size=1, max_size=8
    ),
    crlf=st.booleans(),
    bom=st.booleans(),
)
def test_messages_roundtrip(
    msgs: list[tuple[tuple[str, str, str], bool, str, int]], crlf: bool, bom: bool
) -> None:
    rows = []
    expect = []
    for i, ((first, last, slug), outgoing, text, secs) in enumerate(msgs):
        # Names in TO lists never hold a bare comma (reference §4.2), nor newlines.
        name = f"{first} {last}".replace("\n", " ").strip()
        assume(re.search(r",(?! )|,$", name) is None)
        url = f"https://www.linkedin.com/in/{slug}"
        when = dt.datetime(2015, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=secs)
        date = when.strftime("%Y-%m-%d %H:%M:%S UTC")
        frm, to = (OWNER, (name, url)) if outgoing else ((name, url), OWNER)
        rows.append([f"2-C{i}", "", frm[0], frm[1], to[0], to[1], date, "", text, "INBOX"])
        expect.append((normalize_name(frm[0]), [normalize_name(to[0])], text or None, when))
    data = csv_bytes(MESSAGES_HEADER[:10], rows, crlf=crlf, bom=bom)
    e = load_export(_folder({"messages.csv": data}), as_of="2025-01-01")
    m = e.messages.sort("line")
    cols = (m["sender_name"], m["recipient_names"].to_list(), m["content"], m["time"])
    got = list(zip(*cols, strict=True))
    assert got == expect
    assert m["words"].to_list() == [len(r[8].split()) for r in rows]
    assert m["recipient_urls"].to_list() == [[normalize_profile_url(r[5])] for r in rows]
    assert e.rejected.height == 0
