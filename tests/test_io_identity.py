"""Owner inference (reference §6) and identity resolution across URL forms (§5)."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import polars as pl
import pytest
from exportkit import MESSAGES_HEADER, csv_bytes, mini_export, write_folder
from hypothesis import given
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from tiekeeper.io import load_export
from tiekeeper.io.owner import Owner
from tiekeeper.io.parsers.messages import fast_profile_url
from tiekeeper.keys import normalize_profile_url, person_id_from_name, person_id_from_slug

OWNER = ("Olive Owner", "https://www.linkedin.com/in/olive-owner")
BOB = ("Bob Sample", "https://www.linkedin.com/in/bob-sample")
CAROL = ("Carol Test", "https://www.linkedin.com/in/carol-test")
AS_OF = "2025-01-31"


def _m10(rows: list[list[str]]) -> bytes:
    return csv_bytes(MESSAGES_HEADER[:10], rows)


def _row(conv: str, frm: tuple[str, str], to: list[tuple[str, str]], date: str) -> list[str]:
    return [
        conv,
        "",
        frm[0],
        frm[1],
        ",".join(n for n, _ in to),
        ",".join(u for _, u in to),
        date,
        "",
        "hello there",
        "INBOX",
    ]


def _load(tmp_path: Path, files: dict[str, bytes]) -> object:
    return load_export(write_folder(tmp_path / "x", files), as_of=AS_OF)


# ------------------------------------------------------------------- owner


def test_owner_from_ten_column_messages_alone(tmp_path: Path) -> None:
    rows = [
        _row("c1", BOB, [OWNER], "2024-01-01 10:00:00 UTC"),
        _row("c1", OWNER, [BOB], "2024-01-01 11:00:00 UTC"),
        _row("c2", CAROL, [OWNER], "2024-01-02 10:00:00 UTC"),
        _row("c3", OWNER, [BOB, CAROL], "2024-01-03 10:00:00 UTC"),
    ]
    e = load_export(write_folder(tmp_path / "x", {"messages.csv": _m10(rows)}), as_of=AS_OF)
    assert e.owner.names == (OWNER[0],) and e.owner.profile_urls == (OWNER[1],)
    assert e.messages["from_owner"].to_list() == [False, True, False, True]


def test_owner_from_nine_column_messages_uses_names_then_sender_url(tmp_path: Path) -> None:
    head = [h for h in MESSAGES_HEADER[:10] if h != "RECIPIENT PROFILE URLS"]
    rows = [
        ["c1", "", BOB[0], BOB[1], OWNER[0], "2022-01-01 10:00:00 UTC", "", "hi", "INBOX"],
        ["c1", "", OWNER[0], OWNER[1], BOB[0], "2022-01-01 11:00:00 UTC", "", "yo", "INBOX"],
        ["c2", "", CAROL[0], CAROL[1], OWNER[0], "2022-01-02 10:00:00 UTC", "", "hey", "INBOX"],
    ]
    e = load_export(
        write_folder(tmp_path / "x", {"messages.csv": csv_bytes(head, rows)}), as_of=AS_OF
    )
    assert e.owner.name == OWNER[0] and e.owner.profile_urls == (OWNER[1],)
    # recipients resolved by name join the URL-keyed senders
    bob = person_id_from_slug("bob-sample")
    assert e.messages["recipient_ids"][1].to_list() == [bob]
    assert e.messages["recipients_method"].to_list() == ["names"] * 3


def test_owner_from_2018_direction(tmp_path: Path) -> None:
    raw = (
        b"From,To,Date,Subject,Content,Direction,Folder\n"
        b'Bob Sample,Olive Owner,"6/19/18, 5:54 AM",,hi,INCOMING,INBOX\n'
        b'Olive Owner,Carol Test,"8/18/18, 12:38 AM",,hi,OUTGOING,SENT\n'
    )
    e = load_export(write_folder(tmp_path / "x", {"Messages.csv": raw}), as_of=AS_OF)
    assert e.owner.name == "Olive Owner" and e.owner.profile_urls == ()
    ix = e.interactions.sort("time")
    assert ix.select("person_id", "direction").rows() == [
        (person_id_from_name("Bob Sample"), "in"),
        (person_id_from_name("Carol Test"), "out"),
    ]


def test_owner_tie_in_a_single_conversation_is_broken_by_profile(tmp_path: Path) -> None:
    rows = [
        _row("c1", BOB, [OWNER], "2024-01-01 10:00:00 UTC"),
        _row("c1", OWNER, [BOB], "2024-01-01 11:00:00 UTC"),
    ]
    profile = csv_bytes(["First Name", "Last Name"], [["Olive", "Owner"]])
    e = load_export(
        write_folder(tmp_path / "x", {"messages.csv": _m10(rows), "Profile.csv": profile}),
        as_of=AS_OF,
    )
    assert e.owner.name == "Olive Owner" and e.owner.profile_urls[0] == OWNER[1]
    assert e.people["name"].to_list() == ["Bob Sample"]


def test_owner_with_two_names_over_time(tmp_path: Path) -> None:
    old = ("Olive Oldname", OWNER[1])
    rows = [_row(f"a{i}", BOB, [OWNER], f"2024-01-0{i + 1} 10:00:00 UTC") for i in range(4)]
    rows += [_row(f"b{i}", CAROL, [old], f"2019-01-0{i + 1} 10:00:00 UTC") for i in range(3)]
    e = load_export(write_folder(tmp_path / "x", {"messages.csv": _m10(rows)}), as_of=AS_OF)
    assert e.owner.names == ("Olive Owner", "Olive Oldname")  # the most recent first
    assert set(e.people["name"]) == {"Bob Sample", "Carol Test"}


def test_linkedin_member_is_never_the_owner(tmp_path: Path) -> None:
    member = ("LinkedIn Member", "")
    rows = [_row(f"m{i}", member, [OWNER], "2024-01-01 10:00:00 UTC") for i in range(5)]
    rows.append(_row("c", OWNER, [BOB], "2024-01-01 11:00:00 UTC"))
    e = load_export(write_folder(tmp_path / "x", {"messages.csv": _m10(rows)}), as_of=AS_OF)
    assert e.owner.name == OWNER[0]
    assert "LinkedIn Member" not in e.people["name"].to_list()
    member_rows = e.messages.filter(pl.col("sender_name") == "LinkedIn Member")
    assert member_rows["sender_id"].null_count() == 5


def test_owner_person_ids_cover_url_and_name() -> None:
    o = Owner(("Olive Owner",), (OWNER[1], "urn:li:member:1"))
    assert o.person_ids == (person_id_from_slug("olive-owner"), person_id_from_name("Olive Owner"))
    assert Owner().name is None and Owner().person_ids == ()


# ---------------------------------------------------------------- identity


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/j%C3%BCrgen-demo-1a2b",  # percent-encoded (Connections)
        "https://www.linkedin.com/in/jürgen-demo-1a2b",  # raw Unicode (messages)
        "www.linkedin.com/in/jürgen-demo-1a2b",  # scheme-less (endorsements)
        "http://linkedin.com/in/J%C3%BCrgen-Demo-1a2b/",  # typed by a user
        "https://www.linkedin.com/in/ju\u0308rgen-demo-1a2b?trk=x",  # NFD + query
    ],
)
def test_every_url_form_keys_the_same_person(tmp_path: Path, url: str) -> None:
    files = mini_export()
    head = [
        "Endorsement Date",
        "Skill Name",
        "Endorser First Name",
        "Endorser Last Name",
        "Endorser Public Url",
        "Endorsement Status",
    ]
    files["Endorsement_Received_Info.csv"] = csv_bytes(
        head, [["2024/12/07 14:51:07 UTC", "Go", "Jürgen", "Demo", url, "ACCEPTED"]]
    )
    e = load_export(write_folder(tmp_path / "x", files), as_of=AS_OF)
    want = person_id_from_slug(unicodedata.normalize("NFC", "jürgen-demo-1a2b"))
    assert e.endorsements_received["person_id"].to_list() == [want]
    assert e.people.filter(pl.col("person_id") == want).height == 1


def test_urn_invitation_resolves_by_name(tmp_path: Path) -> None:
    conn = csv_bytes(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [["Bob", "Sample", BOB[1], "", "", "", "01 Jan 2023"]],
    )
    inv = csv_bytes(
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrn", "inviteeProfileUrn"],
        [
            [
                OWNER[0],
                "Bob Sample",
                "1/1/23, 1:00 PM",
                "",
                "OUTGOING",
                "urn:li:member:1",
                "urn:li:member:2",
            ]
        ],
    )
    e = load_export(
        write_folder(tmp_path / "x", {"Connections.csv": conn, "Invitations.csv": inv}),
        as_of=AS_OF,
    )
    assert e.invitations["person_id"].to_list() == [person_id_from_slug("bob-sample")]
    assert "urn:li:member:1" in e.owner.profile_urls
    assert e.people.height == 1


def test_ambiguous_name_keys_by_name_and_never_merges_two_urls(tmp_path: Path) -> None:
    conn = csv_bytes(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [
            [
                "Bob",
                "Sample",
                "https://www.linkedin.com/in/bob-sample-1",
                "",
                "",
                "",
                "01 Jan 2023",
            ],
            [
                "Bob",
                "Sample",
                "https://www.linkedin.com/in/bob-sample-2",
                "",
                "",
                "",
                "02 Jan 2023",
            ],
            ["Carol", "Test", CAROL[1], "", "", "", "03 Jan 2023"],
        ],
    )
    rec = csv_bytes(
        ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
        [
            ["Bob", "Sample", "", "", "Great.", "1/1/24, 1:00 PM", "VISIBLE"],
            ["carol", "TEST", "", "", "Great.", "1/1/24, 1:00 PM", "VISIBLE"],
        ],
    )
    e = load_export(
        write_folder(
            tmp_path / "x", {"Connections.csv": conn, "Recommendations_Received.csv": rec}
        ),
        as_of=AS_OF,
    )
    ids = e.recommendations_received["person_id"].to_list()
    assert ids == [person_id_from_name("Bob Sample"), person_id_from_slug("carol-test")]
    bobs = e.people.filter(pl.col("name") == "Bob Sample")
    assert bobs["key_method"].sort().to_list() == ["ambiguous", "url", "url"]
    carol = e.people.filter(pl.col("person_id") == person_id_from_slug("carol-test")).row(
        0, named=True
    )
    assert carol["aliases"] == ["carol TEST"]


def test_person_ids_are_stable_across_row_orders(tmp_path: Path) -> None:
    files = mini_export()
    a = load_export(write_folder(tmp_path / "a", files), as_of=AS_OF)
    shuffled = dict(files)
    for name in ("messages.csv", "Invitations.csv"):
        header, *rows = files[name].decode().splitlines(keepends=True)
        random.Random(7).shuffle(rows)
        shuffled[name] = (header + "".join(rows)).encode()
    b = load_export(write_folder(tmp_path / "b", shuffled), as_of=AS_OF)
    assert_frame_equal(a.people, b.people)
    cols = ["person_id", "time", "kind", "direction", "participants", "words"]
    assert_frame_equal(
        a.interactions.select(cols).sort(cols), b.interactions.select(cols).sort(cols)
    )


_URL_PIECES = [
    "https://www.linkedin.com/in/",
    "http://",
    "www.",
    "linkedin.com/in/",
    "Ab",
    "ß",
    "ü",
    "u\u0308",
    "%C3%BC",
    "/",
    "?x=1",
    "#f",
    " ",
    "-",
    "𝕖",
    "1",
]


@given(st.lists(st.sampled_from(_URL_PIECES), min_size=1, max_size=6).map("".join))
def test_fast_url_shortcut_equals_full_normalisation(url: str) -> None:
    assert fast_profile_url(url) == normalize_profile_url(url)


_ITEMS = st.sampled_from(
    [
        "https://www.linkedin.com/in/ada",
        "https://www.linkedin.com/in/Ada/",
        "https://www.linkedin.com/in/bob",
        "linkedin.com/in/carol",
        "https://www.linkedin.com/company/acme",
        "Ada Example",
        "Bob Sample",
        "LinkedIn Member",
        "",
        " ",
    ]
)


@given(st.lists(st.one_of(st.none(), st.lists(_ITEMS, max_size=5)), max_size=12), st.booleans())
def test_resolve_lists_equals_resolving_each_item_in_turn(
    lists: list[list[str] | None], urls: bool
) -> None:
    from tiekeeper.io.people import Resolver

    resolver = Resolver({"ada example": "url-ada"})
    joined = pl.Series([None if x is None else "\x1f".join(x) for x in lists], dtype=pl.String)
    got = resolver.resolve_lists(joined, urls=urls).to_list()
    one = resolver.url_pid if urls else resolver.name_pid
    want = [
        None if x is None else "\x1f".join(dict.fromkeys(i for i in (one(v) for v in x if v) if i))
        for x in lists
    ]
    assert got == want


_NAMES = st.sampled_from(["Ada Lovelace", "Bob Bobson", "LinkedIn Member", "MBA"])


@given(st.lists(_NAMES, max_size=12), st.booleans())
def test_resolved_ids_count_once_per_group(names: list[str], one_url: bool) -> None:
    """Equal ids are equal in group-wise unique / n_unique (as in participants, broadcasts).

    polars (1.41 to 2.1) counts equal strings as distinct in aggregations after
    ``Series.scatter`` wrote them into an all-null or all-empty series, which is what
    resolving a file without URLs (2018 messages, recommendations) used to do.
    """
    from tiekeeper.io.people import Resolver

    url = "https://www.linkedin.com/in/zed-example"
    urls = [None] * len(names) + ([url] if one_url else [])
    whole = [*names, "Zed Example"] if one_url else names
    r = Resolver({})
    ids = r.resolve(pl.Series(urls, dtype=pl.String), pl.Series(whole, dtype=pl.String))
    also = r.url_pids(pl.Series([url, url, None, url], dtype=pl.String))
    for s in (ids, also, ids.gather(list(range(len(ids))) * 2)):
        grouped = pl.DataFrame({"g": [0] * len(s), "v": s}).group_by("g")
        by_group = grouped.agg(pl.col("v").n_unique())["v"].to_list()
        assert by_group == ([s.n_unique()] if len(s) else [])


def test_namesake_ids_count_once_per_group() -> None:
    """A repeated URL-less row keeps one id in group-wise counts (no scattered strings)."""
    import datetime as dt

    from tiekeeper.io.namesakes import namesake_ids

    day = dt.date(2024, 1, 1)
    c = pl.DataFrame(
        {
            "name": ["Sam Lee", "Sam Lee", "Sam Lee"],
            "profile_url": [None, None, None],
            "company": ["Acme", "Acme", "Other"],
            "connected_on": [day, day, day],
        },
        schema_overrides={"profile_url": pl.String},
    )
    ids, keys = namesake_ids(c)
    assert ids.null_count() == 0 and ids.n_unique() == 2 and len(keys) == 1
    grouped = pl.DataFrame({"g": [0, 0, 0], "person_id": ids}).group_by("g")
    assert grouped.agg(pl.col("person_id").n_unique()).item(0, 1) == 2
