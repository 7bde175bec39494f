"""Tests of the fictional sample export generator (tiekeeper.datasets).

The expected headers, preamble and date shapes below are copied by hand from
the format reference (linkedin-export-format.md, §3 and §4), independently of
the generator's own constants, so a typo on either side fails a test.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import itertools
import re
import statistics
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.datasets import make_sample_export, sample_path, truth_path, zip_name
from tiekeeper.datasets._format import quote_field, render_lines
from tiekeeper.errors import ParameterError

EXPORT_DATE = dt.date(2025, 3, 14)

PREAMBLE = (
    b"Notes:\n"
    b'"When exporting your connection data, you may notice that some of the email addresses '
    b"are missing. You will only see email addresses for connections who have allowed their "
    b"connections to see or download their email address using this setting "
    b"https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    b'https://www.linkedin.com/help/linkedin/answer/261"\n'
    b"\n"
)

HEADERS = {
    "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    "messages.csv": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT",
    "coach_messages.csv": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER",
    "Invitations.csv": "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,"
    "Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers",
    "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On",
    "Education.csv": "School Name,Start Date,End Date,Notes,Degree Name,Activities",
    "Skills.csv": "Name",
    "Endorsement_Received_Info.csv": "Endorsement Date,Skill Name,Endorser First Name,"
    "Endorser Last Name,Endorser Public Url,Endorsement Status",
    "Endorsement_Given_Info.csv": "Endorsement Date,Skill Name,Endorsee First Name,"
    "Endorsee Last Name,Endorsee Public Url,Endorsement Status",
    "Recommendations_Received.csv": "First Name,Last Name,Company,Job Title,Text,"
    "Creation Date,Status",
    "Recommendations_Given.csv": "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
    "Contacts.csv": "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,"
    "Addresses,Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles",
    "Email Addresses.csv": "Email Address,Confirmed,Primary,Updated On",
    "Company Follows.csv": "Organization,Followed On",
    "Registration.csv": "Registered At,Registration Ip,Subscription Types",
}
NO_FINAL_NEWLINE = {"Connections.csv", "Company Follows.csv", "Email Addresses.csv"}

F1 = re.compile(r"^\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} (AM|PM)$")
F2 = re.compile(r"^\d{2}/\d{2}/\d{2}, \d{2}:\d{2} (AM|PM)$")
F4 = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$")
F5 = re.compile(r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} UTC$")
F7 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$")
F8 = re.compile(r"^\d{2} [A-Z][a-z]{2} \d{4}$")
F9 = re.compile(r"^[A-Z][a-z]{2} \d{4}$")
TAG = re.compile(r"<[^>]+>")


# ----------------------------------------------------------------- helpers
def read_rows(path: Path) -> list[dict[str, str]]:
    """Parse one export file with the standard library's RFC 4180 reader."""
    text = path.read_text(encoding="utf-8")
    if path.name == "Connections.csv":
        text = text.split("\n", 3)[3]
    return list(csv.DictReader(io.StringIO(text, newline="")))


def words(content: str) -> int:
    return len(html.unescape(TAG.sub(" ", content)).split())


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "export"
    return make_sample_export(out, seed=3, n_connections=400, n_messages=4000, truth=True)


@pytest.fixture(scope="module")
def truth(export: Path) -> pl.DataFrame:
    return pl.read_csv(truth_path(export), try_parse_dates=True)


@pytest.fixture(scope="module")
def messages(export: Path) -> list[dict[str, str]]:
    return read_rows(export / "messages.csv")


@pytest.fixture(scope="module")
def owner_url(export: Path) -> str:
    inv = read_rows(export / "Invitations.csv")
    urls = {r["inviterProfileUrl"] for r in inv if r["Direction"] == "OUTGOING"}
    assert len(urls) == 1
    return urls.pop()


# ------------------------------------------------------------ determinism
def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    a = make_sample_export(tmp_path / "a", seed=11, n_connections=80, n_messages=700)
    b = make_sample_export(tmp_path / "b", seed=11, n_connections=80, n_messages=700)
    c = make_sample_export(tmp_path / "c", seed=12, n_connections=80, n_messages=700)
    fa, fb, fc = file_bytes(a), file_bytes(b), file_bytes(c)
    assert fa == fb
    assert fa.keys() == fc.keys()
    assert fa["messages.csv"] != fc["messages.csv"]
    assert fa["Connections.csv"] != fc["Connections.csv"]


def test_zip_is_deterministic_and_matches_the_folder(tmp_path: Path) -> None:
    kw: dict[str, Any] = {"seed": 5, "n_connections": 60, "n_messages": 600}
    z1 = make_sample_export(tmp_path / "z1", fmt="zip", **kw)
    z2 = make_sample_export(tmp_path / "z2" / "named.zip", fmt="zip", **kw)
    folder = make_sample_export(tmp_path / "f", **kw)
    assert z1 == tmp_path / "z1" / "Basic_LinkedInDataExport_03-14-2025.zip"
    assert z2 == tmp_path / "z2" / "named.zip"
    assert z1.read_bytes() == z2.read_bytes()
    with zipfile.ZipFile(z1) as zf:
        infos = zf.infolist()
        # entries at the root, no directory entries, sizes in data descriptors (bit 3)
        assert all("/" not in i.filename for i in infos)
        assert all(i.flag_bits & 0x08 for i in infos)
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
        assert {i.filename: zf.read(i) for i in infos} == file_bytes(folder)


def test_bundled_sample_is_the_seed_0_output(tmp_path: Path) -> None:
    fresh = make_sample_export(tmp_path / "s", seed=0)
    bundled = sample_path()
    assert file_bytes(bundled) == file_bytes(fresh), "run `make sample` to regenerate it"
    total = sum(len(b) for b in file_bytes(bundled).values())
    assert total < 2_000_000
    assert not any("truth" in p.name for p in bundled.iterdir())


# -------------------------------------------------------------- the format
def test_headers_are_byte_exact_and_every_file_is_there(export: Path) -> None:
    assert {p.name for p in export.iterdir()} == set(HEADERS)
    for name, header in HEADERS.items():
        raw = (export / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert b"\r" not in raw, name
        if name == "Connections.csv":
            assert raw.startswith(PREAMBLE + header.encode() + b"\n")
        else:
            assert raw.startswith(header.encode() + b"\n")
        assert raw.endswith(b"\n") == (name not in NO_FINAL_NEWLINE), name
    assert (export / "coach_messages.csv").read_bytes() == HEADERS[
        "coach_messages.csv"
    ].encode() + b"\n"


def test_quoting_is_minimal_and_rfc4180(export: Path) -> None:
    # Re-rendering every parsed row with "quote only if , or \" or a newline" must give
    # back the file's bytes: no field is quoted without need, none is left unquoted.
    for name in HEADERS:
        raw = (export / name).read_text(encoding="utf-8")
        body = raw.split("\n", 4)[4] if name == "Connections.csv" else raw.split("\n", 1)[1]
        rows = list(csv.reader(io.StringIO(body, newline="")))
        again = "\n".join(",".join(quote_field(f) for f in r) for r in rows)
        assert again == body.removesuffix("\n"), name
        width = len(HEADERS[name].split(","))
        assert all(len(r) == width for r in rows), name


def test_connections_quirks(export: Path) -> None:
    rows = read_rows(export / "Connections.csv")
    assert len(rows) == 400
    dates = [dt.datetime.strptime(r["Connected On"], "%d %b %Y").date() for r in rows]
    assert all(F8.match(r["Connected On"]) for r in rows)
    assert dates == sorted(dates, reverse=True), "newest first"
    empty = [r for r in rows if not any(v for k, v in r.items() if k != "Connected On")]
    assert 2 <= len(empty) <= 0.05 * len(rows)
    named = [r for r in rows if r["URL"]]
    assert all(r["URL"].startswith("https://www.linkedin.com/in/") for r in named)
    assert not any(r["URL"].endswith("/") or "?" in r["URL"] for r in named)
    encoded = [r for r in named if "%" in r["URL"]]
    assert 1 <= len(encoded) <= 0.1 * len(named)
    assert all(unquote(r["URL"]) != r["URL"] for r in encoded)
    assert any(", " in r["Last Name"] for r in named), "credentials after a comma"
    assert any(r["First Name"].endswith(" ") or r["Last Name"].endswith(" ") for r in named)
    emails = [r["Email Address"] for r in rows if r["Email Address"]]
    assert len(emails) < 0.05 * len(rows)


def test_slugs_are_percent_encoded_only_in_connections(export: Path, messages: list) -> None:
    conn = {unquote(r["URL"]) for r in read_rows(export / "Connections.csv") if "%" in r["URL"]}
    msg_urls = {r["SENDER PROFILE URL"] for r in messages} | {
        u for r in messages for u in r["RECIPIENT PROFILE URLS"].split(",")
    }
    assert conn & msg_urls, "a non-ASCII slug appears raw in messages.csv"
    assert not any("%" in u for u in msg_urls)


def test_message_rows(messages: list[dict[str, str]], owner_url: str) -> None:
    assert len(messages) == 4000
    assert all(F4.match(r["DATE"]) for r in messages)
    assert {r["IS MESSAGE DRAFT"] for r in messages} == {"Yes", "No"}
    assert {r["FOLDER"] for r in messages} <= {"INBOX", "ARCHIVE", "SPAM", ""}
    assert not any("\n" in v or "\r" in v for r in messages for v in r.values())
    drafts = [r for r in messages if r["IS MESSAGE DRAFT"] == "Yes"]
    assert drafts and all(
        r["CONVERSATION ID"] == r["TO"] == r["RECIPIENT PROFILE URLS"] == r["FOLDER"] == ""
        and r["SENDER PROFILE URL"] == owner_url
        for r in drafts
    )
    system = [r for r in messages if not r["FROM"] and not r["TO"]]
    assert system and all(r["CONVERSATION ID"] and not r["SENDER PROFILE URL"] for r in system)
    assert any(r["CONTENT"] == "Message request accepted" for r in system)
    assert any(r["CONTENT"].endswith(" left the conversation.") for r in system)
    assert sum(r["FOLDER"] == "SPAM" for r in messages) >= 1
    ids = [r["CONVERSATION ID"] for r in messages if r["CONVERSATION ID"]]
    assert all(re.fullmatch(r"2-[A-Za-z0-9+/]+={0,2}", i) for i in ids)


def test_conversations_are_grouped_and_newest_first(messages: list[dict[str, str]]) -> None:
    seen: set[str] = set()
    previous, last_date = None, ""
    for r in messages:
        cid = r["CONVERSATION ID"]
        if cid != previous:
            assert not cid or cid not in seen, "a conversation is split"
            seen.add(cid)
            previous, last_date = cid, r["DATE"]
            continue
        if cid:
            assert r["DATE"] <= last_date
        last_date = r["DATE"]
    first_dates = [r["DATE"] for r in messages]
    assert first_dates != sorted(first_dates, reverse=True), "not globally sorted"


def test_sponsored_inmail_and_linkedin_member(messages: list[dict[str, str]]) -> None:
    no_url = [r for r in messages if r["FROM"] and not r["SENDER PROFILE URL"]]
    sponsored = [r for r in no_url if "spinmail" in r["CONTENT"]]
    assert len(sponsored) >= 0.01 * len(messages)
    assert all(r["CONVERSATION TITLE"] for r in sponsored)
    assert any(r["CONVERSATION TITLE"] == "Sponsored Conversation" for r in sponsored)
    assert any("%FIRSTNAME%" in r["CONTENT"] for r in sponsored)
    assert any(r["CONVERSATION TITLE"] != "Sponsored Conversation" for r in sponsored), "InMail"
    member = [r for r in messages if r["FROM"] == "LinkedIn Member"]
    assert member and all(not r["SENDER PROFILE URL"] for r in member)
    assert any("LinkedIn Member" in r["TO"] and "spinmail" not in r["CONTENT"] for r in messages)


def test_group_threads(messages: list[dict[str, str]], owner_url: str) -> None:
    groups = [r for r in messages if r["RECIPIENT PROFILE URLS"].count(",") >= 1]
    assert len(groups) >= 0.04 * len(messages)
    for r in groups:
        urls = r["RECIPIENT PROFILE URLS"].split(",")
        assert r["SENDER PROFILE URL"] not in urls
        assert owner_url in urls or r["SENDER PROFILE URL"] == owner_url
        assert ", " not in r["RECIPIENT PROFILE URLS"]
    # TO is joined by "," without a space; it lists one name per URL, plus any
    # LinkedIn Member (a closed account has no URL), so counts can differ.
    mismatch = [
        r for r in groups if len(r["TO"].split(",")) != len(r["RECIPIENT PROFILE URLS"].split(","))
    ]
    assert all("LinkedIn Member" in r["TO"] or ", " in r["TO"] for r in mismatch)
    assert any("LinkedIn Member" in r["TO"] for r in groups)


def test_content_words_and_html(messages: list[dict[str, str]]) -> None:
    real = [r for r in messages if r["FROM"] and r["IS MESSAGE DRAFT"] == "No"]
    empty = [r for r in real if not r["CONTENT"]]
    assert len(empty) <= 0.01 * len(real), "only a few attachments or stickers"
    counts = [words(r["CONTENT"]) for r in real]
    assert 20 <= statistics.median(counts) <= 30
    assert max(counts) >= 8 * statistics.median(counts), "heavy tail"
    html_rows = [r for r in real if r["CONTENT"].startswith("<p")]
    assert 0.01 <= len(html_rows) / len(real) <= 0.10
    with_entities = [r for r in html_rows if re.search(r"&[a-z]+;", r["CONTENT"])]
    assert len(with_entities) >= 0.9 * len(html_rows), "one-word HTML may lack an entity"


def test_other_date_shapes(export: Path) -> None:
    inv = read_rows(export / "Invitations.csv")
    assert all(F1.match(r["Sent At"]) for r in inv)
    raw = (export / "Invitations.csv").read_text(encoding="utf-8")
    assert all(f'"{r["Sent At"]}"' in raw for r in inv[:20]), "F1 holds a comma: quoted"
    counts = Counter(tuple(r.values()) for r in inv)
    assert any(c > 1 for c in counts.values()), "a repeated invitation row"
    for name in ("Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv"):
        rows = read_rows(export / name)
        assert rows and all(F5.match(r["Endorsement Date"]) for r in rows)
        url = next(k for k in rows[0] if k.endswith("Public Url"))
        assert all(r[url].startswith("www.linkedin.com/in/") for r in rows), "no scheme"
    received = read_rows(export / "Recommendations_Received.csv")
    given = read_rows(export / "Recommendations_Given.csv")
    assert received and given
    assert all(F2.match(r["Creation Date"]) for r in received + given)
    assert {r["Status"] for r in received} == {"VISIBLE"}
    assert {r["Status"] for r in given} == {""}
    assert all(F7.match(r["Followed On"]) for r in read_rows(export / "Company Follows.csv"))
    assert all(F1.match(r["Updated On"]) for r in read_rows(export / "Email Addresses.csv"))
    assert all(F1.match(r["Registered At"]) for r in read_rows(export / "Registration.csv"))
    assert all(F1.match(r["CreatedAt"]) for r in read_rows(export / "Contacts.csv"))


def test_only_reserved_email_domains(export: Path) -> None:
    found = set()
    for p in export.iterdir():
        found |= set(re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", p.read_text("utf-8")))
    assert found and found <= {"example.com", "example.org"}


def test_nothing_after_the_export_date(export: Path, messages: list[dict[str, str]]) -> None:
    newest = max(r["DATE"] for r in messages)
    assert newest.startswith(EXPORT_DATE.isoformat())
    for name, col, fmt in (
        ("Endorsement_Received_Info.csv", "Endorsement Date", "%Y/%m/%d %H:%M:%S UTC"),
        ("Endorsement_Given_Info.csv", "Endorsement Date", "%Y/%m/%d %H:%M:%S UTC"),
        ("Connections.csv", "Connected On", "%d %b %Y"),
        # F1 is US Pacific, hours behind UTC: a naive value on the export day is earlier
        ("Invitations.csv", "Sent At", "%m/%d/%y, %I:%M %p"),
    ):
        last = max(dt.datetime.strptime(r[col], fmt) for r in read_rows(export / name))
        assert last.date() <= EXPORT_DATE, name


# --------------------------------------------------------------- the story
def positions(export: Path) -> list[tuple[str, dt.date, dt.date]]:
    out = []
    for r in read_rows(export / "Positions.csv"):
        start = dt.datetime.strptime(r["Started On"], "%b %Y").date()
        if r["Finished On"]:
            e = dt.datetime.strptime(r["Finished On"], "%b %Y").date()
            end = (e.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            end = EXPORT_DATE
        out.append((r["Company Name"], start, end))
    return out


def test_positions_tell_a_career(export: Path) -> None:
    rows = read_rows(export / "Positions.csv")
    assert 4 <= len(rows) <= 6
    assert all(F9.match(r["Started On"]) for r in rows)
    assert [r["Finished On"] == "" for r in rows] == [True] + [False] * (len(rows) - 1)
    spans = positions(export)
    assert [s for _, s, _ in spans] == sorted((s for _, s, _ in spans), reverse=True)
    for (_, start, _), (_, _, prev_end) in itertools.pairwise(spans):
        assert prev_end < start, "jobs follow each other without overlap"
    assert len({c for c, _, _ in spans}) == len(spans)


def test_colleagues_connected_during_each_tenure(export: Path, truth: pl.DataFrame) -> None:
    spans = {c: (s, e) for c, s, e in positions(export)}
    colleagues = truth.filter((pl.col("kind") == "colleague") & pl.col("is_connection"))
    assert set(colleagues["shared_company"]) == set(spans), "colleagues at every job"
    for company, connected in colleagues.select("shared_company", "connected_on").iter_rows():
        start, end = spans[company]
        assert start <= connected <= end
    past = truth.filter(pl.col("former_colleague_company").is_not_null())
    current = next(c for c, (_, e) in spans.items() if e == EXPORT_DATE)
    assert current not in set(past["former_colleague_company"])


def _one_to_one(messages: list[dict[str, str]], owner_url: str) -> dict[str, list[tuple]]:
    """Per partner URL: (date, from_owner) of 1:1 messages that are interactions."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for r in messages:
        urls = r["RECIPIENT PROFILE URLS"]
        if "," in urls or r["FOLDER"] == "SPAM" or not r["SENDER PROFILE URL"] or not urls:
            continue
        mine = r["SENDER PROFILE URL"] == owner_url
        other = urls if mine else r["SENDER PROFILE URL"]
        out[other].append((r["DATE"], mine))
    return out


def test_fading_colleagues_message_during_the_job_then_fade(
    export: Path, truth: pl.DataFrame, messages: list, owner_url: str
) -> None:
    spans = {c: (s, e) for c, s, e in positions(export)}
    per = _one_to_one(messages, owner_url)
    fading = truth.filter((pl.col("kind") == "colleague") & pl.col("fading"))
    during = after = years_during = years_after = 0.0
    for url, company, connected in fading.select(
        "profile_url", "former_colleague_company", "connected_on"
    ).iter_rows():
        _, end = spans[company]
        dates = [dt.date.fromisoformat(d[:10]) for d, _ in per.get(url, [])]
        grace = end + dt.timedelta(days=120)
        during += sum(connected <= d <= end for d in dates)
        after += sum(d > grace for d in dates)
        years_during += max((end - connected).days, 1) / 365.25
        years_after += max((EXPORT_DATE - grace).days, 0) / 365.25
    # messages per year while working together vs after leaving (+120 days' grace):
    # the generator drops the rate to 1–8 % of its value, so 5× is a loose bound
    assert during > 50
    assert during / years_during > 5 * (after / years_after)


def test_recruiters_and_one_sided_ties_are_never_answered(
    truth: pl.DataFrame, messages: list, owner_url: str
) -> None:
    per = _one_to_one(messages, owner_url)
    recruiters = truth.filter(pl.col("kind") == "recruiter")["profile_url"].to_list()
    assert len(recruiters) >= 5
    for url in recruiters:
        assert per[url] and not any(mine for _, mine in per[url])
    for url in truth.filter(pl.col("kind") == "one-sided")["profile_url"].to_list():
        assert len(per[url]) >= 3 and all(mine for _, mine in per[url])


def test_owed_replies_are_recent_and_unanswered(
    truth: pl.DataFrame, messages: list, owner_url: str
) -> None:
    per = _one_to_one(messages, owner_url)
    owed = truth.filter(pl.col("reply_owed"))
    assert 2 <= owed.height <= 10
    last_days = []
    for url, kind in owed.select("profile_url", "kind").iter_rows():
        assert kind in {"friend", "close", "colleague"}
        date, mine = max(per[url])
        assert not mine
        last_days.append(dt.date.fromisoformat(date[:10]))
    assert min(last_days) >= EXPORT_DATE - dt.timedelta(days=15)
    assert EXPORT_DATE in last_days, "the newest message (on the export day) is owed a reply"


def test_heavy_tailed_ties_and_one_offs(truth: pl.DataFrame) -> None:
    counts = sorted(truth.filter(pl.col("messages") > 0)["messages"].to_list(), reverse=True)
    top = counts[: max(1, len(counts) // 20)]
    assert sum(top) > 0.3 * sum(counts), "the top 5 % of ties carry a third of 1:1 messages"
    assert sum(c <= 2 for c in counts) > 0.2 * len(counts), "many one-offs"
    close = truth.filter(pl.col("kind") == "close")
    assert close.height >= 3 and close["former_colleague_company"].null_count() == 0
    assert not close["fading"].any()


def test_revived_ties_have_a_long_gap_then_recent_contact(
    truth: pl.DataFrame, messages: list, owner_url: str
) -> None:
    per = _one_to_one(messages, owner_url)
    revived = truth.filter(pl.col("kind") == "revived")["profile_url"].to_list()
    assert len(revived) >= 3
    for url in revived:
        days = sorted({dt.date.fromisoformat(d[:10]) for d, _ in per[url]})
        gaps = [(b - a).days for a, b in itertools.pairwise(days)]
        assert max(gaps) > 365, "silent for more than a year"
        assert days[-1] > EXPORT_DATE - dt.timedelta(200), "and in touch again recently"
        assert max(per[url])[1], "the owner answered"


def test_endorsements_and_recommendations_come_from_work_ties(
    export: Path, truth: pl.DataFrame
) -> None:
    work = truth.filter(pl.col("kind").is_in(["colleague", "close"]))
    urls = {u.removeprefix("https://") for u in work["profile_url"].to_list()}
    for name in ("Endorsement_Received_Info.csv", "Endorsement_Given_Info.csv"):
        rows = read_rows(export / name)
        col = next(k for k in rows[0] if k.endswith("Public Url"))
        assert {r[col].lower() for r in rows} <= urls
        pairs = Counter((r["Skill Name"], r[col]) for r in rows)
        assert max(pairs.values()) == 1, "one row per (skill, person)"
    skills = {r["Name"] for r in read_rows(export / "Skills.csv")}
    received = read_rows(export / "Endorsement_Received_Info.csv")
    assert {r["Skill Name"] for r in received} <= skills
    companies = {c for c, _, _ in positions(export)}
    names = set(work["name"].to_list())
    for name in ("Recommendations_Received.csv", "Recommendations_Given.csv"):
        for r in read_rows(export / name):
            assert r["Company"] in companies
            assert f"{r['First Name']} {r['Last Name']}" in names


def test_invitations_match_connections(export: Path, truth: pl.DataFrame, owner_url: str) -> None:
    inv = read_rows(export / "Invitations.csv")
    out = [r for r in inv if r["Direction"] == "OUTGOING"]
    inc = [r for r in inv if r["Direction"] == "INCOMING"]
    assert out and inc
    assert all(r["inviteeProfileUrl"] == owner_url for r in inc)
    connected = dict(
        truth.filter(pl.col("is_connection")).select("profile_url", "connected_on").iter_rows()
    )
    pending = set(truth.filter(pl.col("kind") == "invitation-only")["profile_url"].to_list())
    for r in inv:
        other = r["inviteeProfileUrl"] if r["Direction"] == "OUTGOING" else r["inviterProfileUrl"]
        key = other.lower()
        assert key in connected or key in pending
        if key in connected:
            sent = dt.datetime.strptime(r["Sent At"], "%m/%d/%y, %I:%M %p").date()
            assert sent <= connected[key] <= sent + dt.timedelta(days=21)


# ------------------------------------------------------ where files go
def test_truth_goes_next_to_the_export_and_nothing_else_is_written(tmp_path: Path) -> None:
    root = tmp_path / "root"
    out = make_sample_export(root / "out", n_connections=60, n_messages=600, truth=True)
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    files = [w for w in written if w not in {"out"}]
    assert files == sorted(["out.truth.csv", *(f"out/{n}" for n in HEADERS)])
    assert truth_path(out) == root / "out.truth.csv"
    z = make_sample_export(root / "zips", n_connections=60, n_messages=600, fmt="zip", truth=True)
    assert sorted(p.name for p in (root / "zips").iterdir()) == [
        "Basic_LinkedInDataExport_03-14-2025.truth.csv",
        "Basic_LinkedInDataExport_03-14-2025.zip",
    ]
    assert truth_path(z).is_file()
    make_sample_export(root / "plain", n_connections=60, n_messages=600)
    assert not truth_path(root / "plain").exists()


def test_truth_columns(truth: pl.DataFrame) -> None:
    assert truth.columns[:6] == [
        "person_id",
        "profile_url",
        "name",
        "kind",
        "latent_strength",
        "fading",
    ]
    assert "former_colleague_company" in truth.columns
    assert truth["person_id"].is_unique().all() and truth["profile_url"].is_unique().all()
    assert truth["latent_strength"].is_between(0, 1).all()
    assert set(truth["kind"]) >= {"colleague", "close", "friend", "recruiter", "one-sided"}
    assert not truth["name"].str.contains("LinkedIn Member").any()


def test_sample_path_inside_an_installed_package(tmp_path: Path) -> None:
    # A wheel maps data/sample to tiekeeper/_data/sample; mimic that layout outside the
    # checkout and check that sample_path() finds the packaged copy.
    import shutil
    import subprocess
    import sys

    import tiekeeper

    site = tmp_path / "site"
    shutil.copytree(Path(tiekeeper.__file__).parent, site / "tiekeeper")
    shutil.copytree(sample_path(), site / "tiekeeper" / "_data" / "sample")
    code = "from tiekeeper.datasets import sample_path; print(sample_path())"
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == site / "tiekeeper" / "_data" / "sample"


def test_sample_path_and_zip_name() -> None:
    p = sample_path()
    assert p.is_dir() and (p / "messages.csv").is_file()
    assert zip_name(dt.date(2023, 7, 11)) == "Basic_LinkedInDataExport_07-11-2023.zip"


# -------------------------------------------------------- bad arguments
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_connections": 10}, r"n_connections=10 is too small; expected at least 50"),
        ({"n_messages": 100}, r"n_messages=100 is too small; expected at least 600"),
        ({"n_messages": 2.5}, r"n_messages must be an integer"),
        ({"seed": -1}, r"seed=-1 is too small"),
        ({"seed": True}, r"seed must be an integer"),
        ({"fmt": "tar"}, r"fmt='tar' is not supported; expected 'folder' or 'zip'"),
        ({"export_date": dt.datetime(2025, 1, 1)}, r"export_date must be a datetime.date"),
        ({"export_date": dt.date(2005, 1, 1)}, r"export_date=2005-01-01 is out of range"),
    ],
)
def test_bad_arguments_raise_parameter_error(tmp_path: Path, kwargs: dict, match: str) -> None:
    args = {"n_connections": 300, "n_messages": 3000, **kwargs}
    with pytest.raises(ParameterError, match=match):
        make_sample_export(tmp_path / "x", **args)
    assert not (tmp_path / "x").exists()


def test_folder_output_onto_a_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "file.csv"
    f.write_text("x")
    with pytest.raises(ParameterError, match="is an existing file"):
        make_sample_export(f)


# ---------------------------------------------------- properties (hypothesis)
@given(st.lists(st.one_of(st.none(), st.text()), min_size=1, max_size=6))
def test_quote_field_round_trips_through_csv(fields: list[str | None]) -> None:
    line = ",".join(quote_field(f) for f in fields)
    parsed = next(csv.reader(io.StringIO(line, newline="")), [])
    expected = [f or "" for f in fields]
    if expected == [""]:
        return  # one empty field is an empty line: indistinguishable, never written
    assert parsed == expected
    for f in fields:
        q = quote_field(f)
        assert (q != (f or "")) == bool(f and re.search(r'[,"\r\n]', f))


@given(st.lists(st.tuples(st.text(), st.one_of(st.none(), st.text())), min_size=1))
def test_render_lines_matches_quote_field(pairs: list[tuple[str, str | None]]) -> None:
    frame = pl.DataFrame(pairs, schema=["a", "b"], orient="row")
    lines = render_lines(frame).to_list()
    assert lines == [f"{quote_field(a)},{quote_field(b)}" for a, b in pairs]


@settings(max_examples=6, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    n_connections=st.integers(50, 150),
    extra=st.integers(0, 400),
)
def test_row_counts_are_exact_for_any_size(
    tmp_path_factory: pytest.TempPathFactory, seed: int, n_connections: int, extra: int
) -> None:
    n_messages = max(500, 2 * n_connections) + extra
    out = make_sample_export(
        tmp_path_factory.mktemp("h") / "e",
        seed=seed,
        n_connections=n_connections,
        n_messages=n_messages,
    )
    assert len(read_rows(out / "Connections.csv")) == n_connections
    rows = read_rows(out / "messages.csv")
    assert len(rows) == n_messages
    assert max(r["DATE"] for r in rows).startswith(EXPORT_DATE.isoformat())


# ------------------------------------------------------------ with the reader
def test_the_reader_loads_the_sample_with_only_the_deliberate_duplicates() -> None:
    from tiekeeper.io import load_export

    export = load_export(sample_path())
    rejected = export.rejected
    assert rejected.height >= 1
    assert set(rejected["file"]) == {"Invitations.csv"}
    assert all(r.startswith("duplicate") for r in rejected["reason"])
    report = export.parse_report
    assert report["rows_rejected"].sum() == rejected.height
    assert set(report["status"]) <= {"parsed", "header-only"}
    assert export.export_date == EXPORT_DATE
    assert export.messages.height == 3000
    assert export.connections.height == 300
    raw = read_rows(sample_path() / "Invitations.csv")
    owner = {r["inviterProfileUrl"] for r in raw if r["Direction"] == "OUTGOING"}
    assert set(export.owner.profile_urls) == owner


def test_the_reader_finds_every_person_of_the_truth(export: Path, truth: pl.DataFrame) -> None:
    from tiekeeper.io import load_export

    people = load_export(export).people
    # spam senders are not people; every other invented person appears in some file
    expected = truth.filter(pl.col("kind") != "spam")
    missing = expected.join(people, on="person_id", how="anti")
    assert missing.height == 0, missing.select("name", "kind")
    joined = expected.join(people, on="person_id", suffix="_read")
    assert (joined["profile_url"] == joined["profile_url_read"]).all()
    assert (joined["is_connection"] == joined["is_connection_read"]).all()
