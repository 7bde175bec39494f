"""Tests of make_sample_export's options: older layouts, realistic patterns, the re-saved
variant and isolated connections.

Headers and era labels are copied by hand from the format reference
(linkedin-export-format.md §4) and from the reader's parse report, not from
the generator's constants.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from tiekeeper.companies import normalize_company
from tiekeeper.datasets import make_sample_export, truth_path
from tiekeeper.errors import ParameterError
from tiekeeper.keys import normalize_profile_url

LAYOUTS = ("2025", "2023", "2021", "2018")
DATES = {
    "2025": dt.date(2025, 3, 14),
    "2023": dt.date(2023, 7, 11),
    "2021": dt.date(2021, 6, 15),
    "2018": dt.date(2018, 11, 20),
}
SIZE: dict[str, Any] = {"n_connections": 90, "n_messages": 800}
MSG_10 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)
HEADERS: dict[str, dict[str, str]] = {
    "2025": {
        "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "messages.csv": MSG_10 + ",IS MESSAGE DRAFT",
        "Invitations.csv": "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
        "Endorsement_Received_Info.csv": "Endorsement Date,Skill Name,Endorser First Name,"
        "Endorser Last Name,Endorser Public Url,Endorsement Status",
        "Endorsement_Given_Info.csv": "Endorsement Date,Skill Name,Endorsee First Name,"
        "Endorsee Last Name,Endorsee Public Url,Endorsement Status",
        "coach_messages.csv": MSG_10,
        "Contacts.csv": "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,"
        "CreatedAt,Addresses,Sites,InstantMessageHandles,FullName,Birthday,Location,"
        "BookmarkedAt,Profiles",
    },
    "2023": {
        "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "messages.csv": MSG_10,
        "Invitations.csv": "From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn",
        "Endorsement_Received_Info.csv": "Endorsement Date,Skill Name,Endorser First Name,"
        "Endorser Last Name,Endorser Public Url,Endorsement Status",
    },
    "2021": {
        "Connections.csv": "First Name,Last Name,Email Address,Company,Position,Connected On",
        "messages.csv": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,"
        "SUBJECT,CONTENT,FOLDER",
        "Invitations.csv": "From,To,Sent At,Message,Direction",
        "Endorsement_Received_Info.csv": "Endorsement Date,Skill Name,Endorser First Name,"
        "Endorser Last Name,Endorsement Status",
    },
    "2018": {
        "Connections.csv": "First Name,Last Name,Email Address,Company,Position,Connected On",
        "Messages.csv": "From,To,Date,Subject,Content,Direction,Folder",
        "Invitations.csv": "From,To,Sent At,Message,Direction",
        "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,"
        "Headline,Summary,Industry,Country,Zip Code,Geo Location,Twitter Handles,Websites,"
        "Instant Messengers",
        "Registration.csv": "Registration Date,Registration IP Address,Invited by (First Name),"
        "Invited by (Last Name),Subscription Types",
        "Imported Contacts.csv": "First Name,Last Name,Companies,Title,Email Address,"
        "Phone Numbers,Created At,Instant Message Handles,Addresses,Sites,Full Name,Birthday,"
        "Location,Bookmarked At,Profiles",
    },
}
ABSENT = {
    "2025": {"Messages.csv", "Imported Contacts.csv"},
    "2023": {"coach_messages.csv", "Messages.csv"},
    "2021": {"coach_messages.csv", "Endorsement_Given_Info.csv", "Messages.csv"},
    "2018": {
        "coach_messages.csv",
        "messages.csv",
        "Contacts.csv",
        "Endorsement_Given_Info.csv",
        "Endorsement_Received_Info.csv",
    },
}
ERAS = {
    "2025": ("2023-07+ (with URL)", "2023-04+ (10 columns) + message-draft", "2024-03+ (URLs)"),
    "2023": ("2023-07+ (with URL)", "2023-04+ (10 columns)", "2023-07 (URNs)"),
    "2021": (
        "2021-06 to 2023-05 (no URL)",
        "2021-05 to 2023-03 (9 columns)",
        "2018-11 to 2023-02 (no URLs)",
    ),
    "2018": (
        "2018-11 (no preamble, F1 dates)",
        "2018 (Direction, F1 dates)",
        "2018-11 to 2023-02 (no URLs)",
    ),
}
F1 = re.compile(r"^\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} (AM|PM)$")
F8 = re.compile(r"^\d{2} [A-Z][a-z]{2} \d{4}$")
CLOSERS = {"Thank you!", "Gracias!", "Danke dir!", "👍", "Obrigada!", ""}


# ----------------------------------------------------------------- helpers
def read_rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("Notes:"):
        text = text.split("\n", 3)[3]
    return list(csv.DictReader(io.StringIO(text, newline="")))


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def messages_name(layout: str) -> str:
    return "Messages.csv" if layout == "2018" else "messages.csv"


def make(tmp: Path, layout: str, **kw: Any) -> Path:
    args = {"seed": 4, "export_date": DATES[layout], "layout": layout, **SIZE, **kw}
    return make_sample_export(tmp, **args)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("layouts")
    return {lay: make(root / lay, lay, realistic=True, truth=True) for lay in LAYOUTS}


@pytest.fixture(scope="module")
def truths(exports: dict[str, Path]) -> dict[str, pl.DataFrame]:
    return {lay: pl.read_csv(truth_path(p), try_parse_dates=True) for lay, p in exports.items()}


# ------------------------------------------------------------ determinism
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("realistic", [False, True])
def test_each_layout_is_byte_deterministic(tmp_path: Path, layout: str, realistic: bool) -> None:
    a = file_bytes(make(tmp_path / "a", layout, realistic=realistic))
    b = file_bytes(make(tmp_path / "b", layout, realistic=realistic))
    c = file_bytes(make(tmp_path / "c", layout, realistic=realistic, seed=5))
    assert a == b
    assert a[messages_name(layout)] != c[messages_name(layout)]


def test_explicit_defaults_write_the_default_export(tmp_path: Path) -> None:
    plain = make_sample_export(tmp_path / "plain", n_connections=60, n_messages=600)
    explicit = make_sample_export(
        tmp_path / "explicit",
        n_connections=60,
        n_messages=600,
        layout="2025",
        realistic=False,
        resaved=False,
        isolated_share=None,
    )
    assert file_bytes(plain) == file_bytes(explicit)


def test_resaved_zip_is_deterministic(tmp_path: Path) -> None:
    kw: dict[str, Any] = {"realistic": True, "resaved": True, "fmt": "zip"}
    z1 = make(tmp_path / "z1" / "x.zip", "2021", **kw)
    z2 = make(tmp_path / "z2" / "x.zip", "2021", **kw)
    assert z1.read_bytes() == z2.read_bytes()


# -------------------------------------------------------------- the format
@pytest.mark.parametrize("layout", LAYOUTS)
def test_layout_headers_and_files(exports: dict[str, Path], layout: str) -> None:
    folder = exports[layout]
    names = {p.name for p in folder.iterdir()}
    assert not names & ABSENT[layout]
    for name, header in HEADERS[layout].items():
        raw = (folder / name).read_bytes()
        assert raw.startswith(b"Notes:\n") == (name == "Connections.csv" and layout != "2018")
        text = raw.decode().split("\n", 3)[3] if raw.startswith(b"Notes:") else raw.decode()
        assert text.split("\n", 1)[0] == header, (layout, name)
        width = len(header.split(","))
        assert all(len(r) == width for r in csv.reader(io.StringIO(text, newline="")) if r)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_date_shapes_and_urls(exports: dict[str, Path], layout: str) -> None:
    conn = read_rows(exports[layout] / "Connections.csv")
    shape = F1 if layout == "2018" else F8
    assert all(shape.match(r["Connected On"]) for r in conn)
    if layout == "2018":
        filled = [r for r in conn if r["First Name"] and r["Email Address"]]
        assert len(filled) > 0.6 * len(conn), "most 2018 e-mail addresses are filled"
        assert len({r["Email Address"] for r in filled}) == len(filled)
        msgs = read_rows(exports[layout] / "Messages.csv")
        assert all(F1.match(r["Date"]) for r in msgs)
        assert not any("linkedin.com/in/" in v for r in msgs for v in (r["From"], r["To"]))
    if layout == "2021":
        msgs = read_rows(exports[layout] / "messages.csv")
        assert any(r["SENDER PROFILE URL"] for r in msgs)
    if layout == "2023":
        inv = read_rows(exports[layout] / "Invitations.csv")
        assert all(re.fullmatch(r"urn:li:member:\d{9}", r["inviterProfileUrn"]) for r in inv)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("realistic", [False, True])
def test_each_layout_loads_with_its_era(tmp_path: Path, layout: str, realistic: bool) -> None:
    from tiekeeper.io import load_export

    out = make(tmp_path / "e", layout, realistic=realistic)
    export = load_export(out)
    report = export.parse_report
    era = dict(zip(report["file"], report["era"], strict=True))
    conn_era, msg_era, inv_era = ERAS[layout]
    assert era["Connections.csv"] == conn_era
    assert era[messages_name(layout)] == msg_era
    assert era["Invitations.csv"] == inv_era
    assert set(report["status"]) <= {"parsed", "header-only"}
    assert set(export.rejected["file"]) <= {"Invitations.csv"}, "only the repeated invitations"
    assert export.connections.height == SIZE["n_connections"]
    assert export.export_date == DATES[layout]
    if layout != "2018":
        assert export.messages.height == SIZE["n_messages"]


def test_2018_drops_only_what_it_cannot_show(tmp_path: Path) -> None:
    # the same seed tells the same story in every layout: the 2018 file is the 2025
    # one without drafts, system rows and SPAM
    new = make_sample_export(tmp_path / "new", seed=4, export_date=DATES["2018"], **SIZE)
    old = read_rows(make(tmp_path / "old", "2018") / "Messages.csv")
    shown = [
        r
        for r in read_rows(new / "messages.csv")
        if r["IS MESSAGE DRAFT"] == "No" and (r["FROM"] or r["TO"]) and r["FOLDER"] != "SPAM"
    ]
    assert len(old) == len(shown) < SIZE["n_messages"]
    spin = '<p class="spinmail-quill-editor__spin-break">'
    assert sorted(r["CONTENT"].replace(spin, "<p>") for r in shown) == sorted(
        r["Content"] for r in old
    )


# ------------------------------------------------------- 2018 Messages.csv
def test_2018_messages_direction_and_folders(exports: dict[str, Path]) -> None:
    msgs = read_rows(exports["2018"] / "Messages.csv")
    assert {r["Direction"] for r in msgs} == {"INCOMING", "OUTGOING"}
    assert {r["Folder"] for r in msgs} == {"INBOX", "SENT", "ARCHIVED"}
    assert all((r["Direction"] == "OUTGOING") == (r["Folder"] == "SENT") for r in msgs)
    folders = [r["Folder"] for r in msgs]
    runs = [f for i, f in enumerate(folders) if i == 0 or f != folders[i - 1]]
    assert len(runs) == 3, "grouped by folder"


def test_2018_promotional_senders(exports: dict[str, Path], truths: dict) -> None:
    msgs = read_rows(exports["2018"] / "Messages.csv")
    promo = set(truths["2018"].filter(pl.col("pattern") == "promotional")["name"])
    assert {"Sam from", "Cloudly Web", "Demo from", "LinkedIn Premium"} <= promo
    rows = [r for r in msgs if r["From"] in promo]
    assert not any("spinmail" in r["Content"] for r in msgs), "no sponsored flag in 2018"
    assert any("Unsubscribe" in r["Content"] for r in rows)
    assert any("You are receiving" in r["Content"] for r in rows)
    assert any("%FIRSTNAME%" in r["Content"] for r in rows)
    texts: dict[str, set[str]] = {}
    for r in rows:
        texts.setdefault(r["From"], set()).add(r["Content"])
    counts = {name: sum(r["From"] == name for r in rows) for name in promo}
    assert any(counts[n] >= 3 and len(texts[n]) == 1 for n in promo), "the same text again"
    assert all(r["Direction"] == "INCOMING" for r in rows)
    assert not any(r["To"] in promo for r in msgs), "never answered"
    conn = read_rows(exports["2018"] / "Connections.csv")
    assert not {f"{r['First Name']} {r['Last Name']}" for r in conn} & promo


def test_later_promotional_rows_are_sponsored(exports: dict[str, Path], truths: dict) -> None:
    msgs = read_rows(exports["2025"] / "messages.csv")
    promo = set(truths["2025"].filter(pl.col("pattern") == "promotional")["name"])
    assert {"Sam from LinkedIn Premium", "Cloudly Web Services"} <= promo
    assert any(n.endswith(" @ LinkedIn") for n in promo)
    rows = [r for r in msgs if r["FROM"] in promo]
    assert rows and all(
        not r["SENDER PROFILE URL"]
        and r["CONVERSATION TITLE"] == "Sponsored Conversation"
        and r["CONTENT"].startswith('<p class="spinmail-quill-editor__spin-break">')
        for r in rows
    )
    assert not any(r["TO"] in promo for r in msgs), "never answered"


# ---------------------------------------------------------------- people
def test_namesakes_differ_in_company_and_day(exports: dict[str, Path], truths: dict) -> None:
    t = truths["2021"].filter(pl.col("pattern") == "namesake")
    assert t.height == 3 and t["name"].n_unique() == 1 and t["profile_url"].n_unique() == 3
    assert (t["messages"] > 0).sum() >= 2
    name = t["name"][0]
    conn = read_rows(exports["2021"] / "Connections.csv")
    rows = [r for r in conn if f"{r['First Name']} {r['Last Name']}" == name]
    assert len(rows) == 3 and "URL" not in rows[0]
    assert len({r["Company"] for r in rows}) == 3
    assert len({r["Connected On"] for r in rows}) == 3
    msgs = read_rows(exports["2021"] / "messages.csv")
    assert any(r["FROM"] == name for r in msgs) and any(r["TO"] == name for r in msgs)


@pytest.mark.parametrize("layout", ["2021", "2018"])
def test_credential_names_in_to_lists(exports: dict[str, Path], truths: dict, layout: str) -> None:
    t = truths[layout].filter(pl.col("pattern") == "credential-name")
    names = set(t["name"])
    assert any(n.endswith(", ACIPM,ASM") for n in names)
    assert any(n.endswith(", MBA, PMP") for n in names)
    conn = (exports[layout] / "Connections.csv").read_text(encoding="utf-8")
    assert re.search(r'^[^,\n]+,"[^"\n]+, ACIPM,ASM",', conn, re.M), "quoted in Connections"
    msgs = read_rows(exports[layout] / messages_name(layout))
    to = "To" if layout == "2018" else "TO"
    group = [r[to] for r in msgs if sum(n in r[to] for n in names) >= 2]
    assert group, "a group TO joins the names with ','"
    naive = {part for value in group for part in re.split(r",(?! )", value)}
    assert {"ASM", "PMP"} & naive, "a naive split makes phantom people"
    assert {r[to] for r in msgs} & {n for n in names if n.endswith("ACIPM,ASM")}, "a 1:1 chat"


def test_honorific_and_initial_first_names(exports: dict[str, Path]) -> None:
    conn = read_rows(exports["2018"] / "Connections.csv")
    firsts = [r["First Name"] for r in conn]
    assert "Dr." in firsts
    assert any(f.startswith("Dr. ") for f in firsts)
    assert any(re.fullmatch(r"[A-Z]\.", f) for f in firsts)
    assert "Associate" in firsts


def test_one_way_ties_and_closers(exports: dict[str, Path], truths: dict) -> None:
    t = truths["2025"]
    msgs = read_rows(exports["2025"] / "messages.csv")
    thread: dict[str, list[dict[str, str]]] = {}
    for r in msgs:
        for url in (r["SENDER PROFILE URL"], *r["RECIPIENT PROFILE URLS"].split(",")):
            if url and "," not in r["RECIPIENT PROFILE URLS"]:
                thread.setdefault(normalize_profile_url(url) or "", []).append(r)
    one_way = t.filter(pl.col("pattern") == "one-way")
    assert one_way.height >= 2 and (one_way["kind"] == "one-sided").all()
    for url in one_way["profile_url"]:
        rows = thread[url]
        assert len(rows) >= 5
        assert all(normalize_profile_url(r["SENDER PROFILE URL"]) != url for r in rows)
    closers = t.filter(pl.col("pattern") == "closer")
    lasts = []
    for url in closers["profile_url"]:
        last = max(thread[url], key=lambda r: r["DATE"])
        assert last["CONTENT"] in CLOSERS
        lasts.append((last, url))
    assert {"Gracias!", "👍"} <= {last["CONTENT"] for last, _ in lasts}
    recent = str(DATES["2025"] - dt.timedelta(days=60))
    inbound_recent = [
        u
        for last, u in lasts
        if normalize_profile_url(last["SENDER PROFILE URL"]) == u and last["DATE"] >= recent
    ]
    assert inbound_recent, "an inbound closer inside the owed-reply window"
    owed = dict(zip(t["profile_url"], t["reply_owed"], strict=True))
    assert not any(owed[u] for u in inbound_recent), "a closer is no owed reply"


def test_truth_records_every_pattern(truths: dict) -> None:
    for layout, t in truths.items():
        assert t.columns[-1] == "pattern"
        assert set(t["pattern"].drop_nulls()) == {
            "namesake",
            "credential-name",
            "honorific-name",
            "one-way",
            "closer",
            "promotional",
            "single-row-recruiter",
        }, layout
        assert t["person_id"].is_unique().all()
        promo = t.filter(pl.col("pattern") == "promotional")
        assert promo["profile_url"].is_null().all() and not promo["is_connection"].any()
        assert not promo["reply_owed"].any()


def test_resaved_hides_every_recipient(tmp_path: Path) -> None:
    from tiekeeper.io import load_export

    out = make(tmp_path / "r", "2023", realistic=True, resaved=True, truth=True)
    msgs = read_rows(out / "messages.csv")
    assert {r["TO"] for r in msgs} == {"LinkedIn Member", ""}
    assert not any(r["RECIPIENT PROFILE URLS"] for r in msgs)
    truth = pl.read_csv(truth_path(out))
    recruiter = truth.filter(pl.col("pattern") == "single-row-recruiter")
    assert recruiter.height == 1 and recruiter["messages"][0] == 1
    url = recruiter["profile_url"][0]
    assert sum(normalize_profile_url(r["SENDER PROFILE URL"]) == url for r in msgs) == 1
    assert load_export(out).messages.height == SIZE["n_messages"]


# ------------------------------------------------------------ isolation
def test_isolated_share_at_3000_connections(tmp_path: Path) -> None:
    from tiekeeper.io import load_export

    n, share = 3000, 0.98
    out = make_sample_export(
        tmp_path / "iso", seed=6, n_connections=n, n_messages=1000, isolated_share=share, truth=True
    )
    truth = pl.read_csv(truth_path(out))
    iso = truth.filter(pl.col("pattern") == "isolated")
    assert iso.height == round(share * n)
    assert math.isclose(iso.height / n, share, abs_tol=1 / n)
    assert iso["is_connection"].all() and (iso["messages"] == 0).all()
    assert iso["shared_company"].is_null().all() and (iso["latent_strength"] == 0).all()
    urls = set(iso["profile_url"])
    msgs = read_rows(out / "messages.csv")
    in_messages = {
        normalize_profile_url(u)
        for r in msgs
        for u in (r["SENDER PROFILE URL"], *r["RECIPIENT PROFILE URLS"].split(","))
        if u
    }
    assert not urls & in_messages
    for name, col in (
        ("Endorsement_Received_Info.csv", "Endorser Public Url"),
        ("Endorsement_Given_Info.csv", "Endorsee Public Url"),
    ):
        assert not urls & {normalize_profile_url(r[col]) for r in read_rows(out / name)}
    names = set(iso["name"])
    for name in ("Recommendations_Received.csv", "Recommendations_Given.csv"):
        assert not names & {f"{r['First Name']} {r['Last Name']}" for r in read_rows(out / name)}
    conn = read_rows(out / "Connections.csv")
    by_url = {normalize_profile_url(r["URL"]): r for r in conn if r["URL"]}
    keys = [normalize_company(r["Company"]) for r in conn]
    employers = {normalize_company(r["Company Name"]) for r in read_rows(out / "Positions.csv")}
    for url in urls:
        key = normalize_company(by_url[url]["Company"])
        assert key is None or (keys.count(key) == 1 and key not in employers)
    assert load_export(out).connections.height == n


# -------------------------------------------------------- bad arguments
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"layout": "2019"}, r"layout='2019' is not supported; expected one of '2025'"),
        ({"realistic": "yes"}, r"realistic must be True or False"),
        ({"resaved": True}, r"resaved=True is a variant of the realistic export"),
        ({"isolated_share": 1.0}, r"isolated_share must be None or a number from 0"),
        ({"isolated_share": -0.1}, r"isolated_share must be None or a number"),
        ({"isolated_share": True}, r"isolated_share must be None or a number"),
        ({"isolated_share": float("nan")}, r"isolated_share must be None or a number"),
        ({"isolated_share": 0.9}, r"leaves 30 of 300 connections with ties; expected at least 50"),
        (
            {"isolated_share": 0.1, "n_messages": 520},
            r"n_messages=520 is too small; expected at least 540",
        ),
    ],
)
def test_bad_options_raise_parameter_error(tmp_path: Path, kwargs: dict, match: str) -> None:
    args = {"n_connections": 300, "n_messages": 3000, **kwargs}
    with pytest.raises(ParameterError, match=match):
        make_sample_export(tmp_path / "x", **args)
    assert not (tmp_path / "x").exists()


def test_isolated_share_lowers_the_message_minimum(tmp_path: Path) -> None:
    out = make_sample_export(
        tmp_path / "x", n_connections=300, n_messages=500, isolated_share=0.8, truth=True
    )
    assert len(read_rows(out / "messages.csv")) == 500
    assert pl.read_csv(truth_path(out))["pattern"].eq("isolated").sum() == 240
