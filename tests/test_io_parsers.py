"""One inline-string test per parser and per format era (reference §4)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from tiekeeper.io.csvfile import LINE, read_table
from tiekeeper.io.registry import Parsed, file_key, lookup, parsers

UTC = dt.timezone.utc  # noqa: UP017


def parse(file: str, text: str | bytes) -> Parsed:
    parser = lookup(file)
    assert parser is not None, file
    raw = text.encode() if isinstance(text, str) else text
    table = read_table(raw, file, required=parser.required)
    assert table.ok, table.reason
    parsed = parser.parse(table)
    if parser.complete is not None:  # what the loader fills in from a worker thread
        cols = parser.complete(table)
        if parsed.rejects.height:
            cols = cols.filter(~table.data[LINE].is_in(parsed.rejects["line"].implode()))
        parsed.frame = parsed.frame.with_columns(cols)
    return parsed


# ------------------------------------------------------------------ registry


@pytest.mark.parametrize(
    ("name", "logical"),
    [
        ("Messages.csv", "messages"),
        ("messages.csv", "messages"),
        ("Imported Contacts.csv", "contacts"),
        ("Contacts.csv", "contacts"),
        ("Endorsement Received Info.csv", "endorsements_received"),
        ("Endorsement_Received_Info.csv", "endorsements_received"),
        ("Recommendations Given.csv", "recommendations_given"),
        ("Connections (1).csv", "connections"),
        ("Skills_2.csv", "skills"),
        ("LearningCoachMessages.csv", "learning_coach_messages"),
        ("learning_coach_messages.csv", "learning_coach_messages"),
        ("sub/dir/coach_messages.csv", "coach_messages"),
    ],
)
def test_file_names_map_to_logical_files(name: str, logical: str) -> None:
    parser = lookup(name)
    assert parser is not None and parser.name == logical


def test_unknown_and_non_csv_files_have_no_parser() -> None:
    assert lookup("Rich_Media.csv") is None and lookup("Connections.txt") is None
    assert file_key("Receipts_v2.csv") == "receipts v2"  # not a split suffix


def test_every_parser_produces_its_schema_on_a_header_only_file() -> None:
    for p in parsers().values():
        if not p.required:
            continue
        table = read_table(",".join(p.required).encode() + b"\n", "x.csv", required=p.required)
        out = p.parse(table)
        assert out.frame.height == 0
        public = [c for c in out.frame.columns if not c.startswith("_")]
        # every frame ends with the physical line, then (merged frames) the snapshot
        assert public[-1] == "line" or public[-2:] == ["line", "snapshot"]


# ---------------------------------------------------------------- connections


def test_connections_2023_with_url_and_preamble() -> None:
    p = parse(
        "Connections.csv",
        'Notes:\n"When exporting your connection data, …"\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bob,Sample,https://www.linkedin.com/in/bob-sample,,"
        '"Career Development Cell, Example Institute",Placement cell coordinator,29 Dec 2024\n'
        'Carol,"Test, Ph.D.",https://www.linkedin.com/in/carol-test-ph-d-12345678,,'
        "Example Labs,Researcher,02 Jan 2024\n"
        ",,,,,,14 Sep 2024",
    )
    f = p.frame
    assert p.era == "2023-07+ (with URL)"
    assert f["name"].to_list() == ["Bob Sample", "Carol Test, Ph.D.", None]
    assert f["company"][0] == "Career Development Cell, Example Institute"
    assert f["connected_on"].to_list() == [
        dt.date(2024, 12, 29),
        dt.date(2024, 1, 2),
        dt.date(2024, 9, 14),
    ]
    assert f["line"].to_list() == [5, 6, 7]
    assert any("only a date" in n for n in p.notes)


def test_connections_2021_without_url() -> None:
    p = parse(
        "Connections.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ada,Example,ada@example.com,Example Corp,Engineer,04 Jul 2021\n",
    )
    assert p.era == "2021-06 to 2023-05 (no URL)"
    assert p.frame.select("email", "profile_url").row(0) == ("ada@example.com", None)


def test_connections_2018_with_f1_dates() -> None:
    p = parse(
        "Connections.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Ada,Example,ada@example.com,Example Corp,Engineer,"1/8/18, 6:14 PM"\n',
    )
    assert p.era == "2018-11 (no preamble, F1 dates)"
    assert p.frame["connected_on"][0] == dt.date(2018, 1, 8)


def test_connections_pre_2018_nine_columns() -> None:
    p = parse(
        "Connections.csv",
        "First Name,Last Name,Address,Email Address,Company,Position,Connected On,Websites,"
        'Instant Messengers\nAda,Example,,ada@example.com,Corp,Eng,"1/8/17, 6:14 PM",,\n',
    )
    assert p.era == "≤ early 2018 (9 columns)" and p.frame["name"][0] == "Ada Example"


# ------------------------------------------------------------------- messages

M10 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)


def test_messages_2018_direction_and_f1_dates() -> None:
    p = parse(
        "Messages.csv",
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Bob Sample,Ada Example,"6/19/18, 5:54 AM",RE: roles,"As requested, …",INCOMING,INBOX\n'
        'Ada Example,Carol Test,"8/18/18, 12:38 AM",,hi,OUTGOING,SENT\n',
    )
    f = p.frame
    assert p.era == "2018 (Direction, F1 dates)"
    # 6/19/18 5:54 AM PDT (UTC-7) = 12:54 UTC; 8/18/18 12:38 AM PDT = 07:38 UTC
    assert f["time"].to_list() == [
        dt.datetime(2018, 6, 19, 12, 54, tzinfo=UTC),
        dt.datetime(2018, 8, 18, 7, 38, tzinfo=UTC),
    ]
    assert f["from_owner"].to_list() == [False, True]
    assert f["recipients_method"].to_list() == ["direction", "direction"]
    assert f["conversation_id"].null_count() == 2
    assert f["is_draft"].to_list() == [False, False]  # no conversation ids in 2018


def test_messages_2020_uppercase_iso() -> None:
    p = parse(
        "messages.csv",
        "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n"
        "Bob Sample,Ada Example,2019-11-06T02:08:20,,hello,INCOMING,INBOX\n",
    )
    assert p.era == "early 2020 (uppercase, ISO dates)"
    assert p.frame["time"][0] == dt.datetime(2019, 11, 6, 2, 8, 20, tzinfo=UTC)


def test_messages_nine_columns_split_names_on_comma_without_space() -> None:
    p = parse(
        "messages.csv",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
        "FOLDER\n"
        '2-G,,Bob Sample,https://www.linkedin.com/in/bob-sample,"Ada Example, FICS (UK), '
        'MSc (SE).,Carol Test,Owner Name",2022-03-01 10:00:00 UTC,,hi all,INBOX\n',
    )
    f = p.frame
    assert p.era == "2021-05 to 2023-03 (9 columns)"
    assert f["recipient_names"][0].to_list() == [
        "Ada Example, FICS (UK), MSc (SE).",
        "Carol Test",
        "Owner Name",
    ]
    assert f["recipient_urls"][0].to_list() == [] and f["recipients_method"][0] == "names"


def test_messages_ten_columns_split_on_urls_even_when_counts_differ() -> None:
    p = parse(
        "messages.csv",
        M10 + "\n"
        '2-X,,Bob Sample,https://www.linkedin.com/in/bob-sample,"LinkedIn Member,Ada Example",'
        "https://www.linkedin.com/in/ada-example,2023-07-01 10:00:00 UTC,,yo,INBOX\n",
    )
    f = p.frame
    assert p.era == "2023-04+ (10 columns)"
    assert f["recipient_names"][0].to_list() == ["LinkedIn Member", "Ada Example"]
    assert f["recipient_urls"][0].to_list() == ["https://www.linkedin.com/in/ada-example"]
    assert f["recipients_method"][0] == "urls"


def test_messages_draft_and_attachment_columns() -> None:
    p = parse(
        "messages.csv",
        M10 + ",IS MESSAGE DRAFT,IS CONVERSATION DRAFT,ATTACHMENTS\n"
        ",,Ada Example,https://www.linkedin.com/in/ada-example,,,2024-12-09 20:37:29 UTC,"
        "Let's connect!,I hope your week is going well,,Yes,No,\n",
    )
    assert p.era == "2023-04+ (10 columns) + message-draft, conversation-draft, attachments"
    assert p.frame["is_draft"].to_list() == [True]
    assert p.frame["is_interaction"].to_list() == [False]


def test_messages_draft_recognised_without_the_draft_column() -> None:
    p = parse(
        "messages.csv",
        M10 + "\n,,Ada Example,https://www.linkedin.com/in/ada-example,,,"
        "2024-01-09 20:37:29 UTC,,draft text,\n",
    )
    assert p.frame["is_draft"].to_list() == [True]


def test_messages_sponsored_system_and_spam_flags() -> None:
    p = parse(
        "messages.csv",
        M10 + "\n"
        "2-S,Sponsored Conversation,LinkedIn Member,,Ada Example,https://www.linkedin.com/in/ada,"
        '2024-12-06 02:20:21 UTC,,"<p class=""spinmail-quill-editor__spin-break"">Hi</p>",INBOX\n'
        "2-I,Senior role,Dana @ LinkedIn,,Ada Example,https://www.linkedin.com/in/ada,"
        "2024-12-06 03:00:00 UTC,,Hi %FIRSTNAME%,INBOX\n"
        "2-Y,,,,,,2021-06-01 08:00:00 UTC,,Message request accepted,INBOX\n"
        "2-Z,,Bob Sample,https://www.linkedin.com/in/bob,Ada Example,https://www.linkedin.com/in/ada,"
        "2024-01-01 00:00:00 UTC,,spam!,SPAM\n",
    )
    f = p.frame
    assert f["is_sponsored"].to_list() == [True, True, False, False]
    assert f["is_system"].to_list() == [False, False, True, False]
    assert f["is_spam"].to_list() == [False, False, False, True]
    assert f["is_interaction"].to_list() == [False] * 4


def test_messages_html_is_unescaped_and_stripped_before_counting_words() -> None:
    p = parse(
        "messages.csv",
        M10 + "\n2-H,,Bob,https://www.linkedin.com/in/bob,Ada,https://www.linkedin.com/in/ada,"
        '2024-01-01 00:00:00 UTC,,"<p>Tom&amp;Jerry&rsquo;s&nbsp;show</p><br><strong>5 &lt; 6'
        '</strong>",INBOX\n',
    )
    assert p.frame["text"][0] == "Tom&Jerry’s\xa0show 5 < 6"
    assert p.frame["words"][0] == 5  # Tom&Jerry’s | show | 5 | < | 6


def test_messages_bad_date_is_rejected_not_dropped() -> None:
    p = parse(
        "messages.csv",
        M10 + "\n2-A,,Bob,,Ada,,someday,,x,INBOX\n2-A,,Bob,,Ada,,,,y,INBOX\n"
        "2-A,,Bob,,Ada,,2024-01-01 00:00:00 UTC,,z,INBOX\n",
    )
    assert p.frame["content"].to_list() == ["z"]
    assert p.rejects.rows() == [
        (2, "DATE someday is not a recognised date"),
        (3, "DATE is empty"),
    ]


def test_coach_messages_are_never_interactions() -> None:
    p = parse(
        "coach_messages.csv",
        M10 + "\n2-C,,Ada Example,https://www.linkedin.com/in/ada,,,2024-10-01 10:00:00 UTC,,"
        "help me,INBOX\n",
    )
    assert p.frame["source"].to_list() == ["coach_messages"]
    assert p.frame["is_interaction"].to_list() == [False]


# ----------------------------------------------------------------- invitations

INV = "From,To,Sent At,Message,Direction"


def test_invitations_three_eras() -> None:
    old = parse(
        "Invitations.csv",
        INV + '\nAda Example,"Dan Demo LL.B (Hons), Prof.PGDip (GRC)","8/25/22, 9:58 PM",,'
        "OUTGOING\n",
    )
    assert old.era == "2018-11 to 2023-02 (no URLs)"
    assert old.frame["to_name"][0] == "Dan Demo LL.B (Hons), Prof.PGDip (GRC)"
    # 8/25/22 9:58 PM PDT = 04:58 UTC the next day
    assert old.frame["sent_at"][0] == dt.datetime(2022, 8, 26, 4, 58, tzinfo=UTC)
    urn = parse(
        "Invitations.csv",
        INV + ",inviterProfileUrn,inviteeProfileUrn\n"
        'Carol Test,Ada Example,"3/9/23, 8:43 PM",Hi!,INCOMING,urn:li:member:123,'
        "urn:li:member:456\n",
    )
    assert urn.era == "2023-07 (URNs)"
    assert urn.frame.select("inviter_url", "message").row(0) == ("urn:li:member:123", "Hi!")
    new = parse(
        "Invitations.csv",
        INV + ",inviterProfileUrl,inviteeProfileUrl\n"
        'Carol Test,Ada Example,"3/9/25, 8:43 PM",,INCOMING,'
        "https://www.linkedin.com/in/carol-gál-example,https://www.linkedin.com/in/ada-example\n",
    )
    assert new.era == "2024-03+ (URLs)"
    assert new.frame["inviter_url"][0] == "https://www.linkedin.com/in/carol-gál-example"
    assert new.frame["message"][0] is None


def test_invitations_bad_direction_is_rejected() -> None:
    p = parse("Invitations.csv", INV + '\nA,B,"1/1/24, 1:00 PM",,SIDEWAYS\n')
    assert p.frame.height == 0
    assert p.rejects["reason"].to_list() == ["Direction SIDEWAYS is neither INCOMING nor OUTGOING"]


# --------------------------------------------------------- smaller, stable files


def test_endorsements_received_before_2023_have_no_url() -> None:
    p = parse(
        "Endorsement_Received_Info.csv",
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n"
        "2022/01/07 14:51:07 UTC,SQL,Bob,Sample,ACCEPTED\n",
    )
    assert p.era == "2021 to 2022-09 (no URL)"
    assert p.frame.select("name", "profile_url", "status").row(0) == (
        "Bob Sample",
        None,
        "ACCEPTED",
    )


def test_endorsements_given_with_emoji_slug() -> None:
    p = parse(
        "Endorsement_Given_Info.csv",
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,"
        "Endorsement Status\n2024/12/07 14:51:07 UTC,Go,Bob,Sample,"
        "www.linkedin.com/in/bob-sample-🇮🇳-1a2b3c,PENDING\n",
    )
    assert p.frame["profile_url"][0] == "https://www.linkedin.com/in/bob-sample-🇮🇳-1a2b3c"


def test_recommendations_given_and_received() -> None:
    head = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
    row = 'Bob,Sample,Example Corp,Manager,Ada is careful.,"12/24/23, 05:28 AM",'
    rec = parse("Recommendations_Received.csv", head + row + "VISIBLE\n").frame
    giv = parse("Recommendations_Given.csv", head + row + "\n").frame
    assert rec["created_at"][0] == dt.datetime(2023, 12, 24, 13, 28, tzinfo=UTC)
    assert (rec["status"][0], giv["status"][0]) == ("VISIBLE", None)


def test_positions_current_and_precision() -> None:
    p = parse(
        "Positions.csv",
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        'Example Labs,Lead,"• builds • leads","Giza, Al Jizah, Egypt",Jan 2023,\n'
        "Example Corp,Engineer,,,2015,Dec 2022\n"
        "Bad Corp,Intern,,,sometime,\n",
    )
    f = p.frame
    assert f.select("started_on", "finished_on", "is_current", "date_precision").rows() == [
        (dt.date(2023, 1, 1), None, True, "month"),
        (dt.date(2015, 1, 1), dt.date(2022, 12, 31), False, "year"),
    ]
    assert p.rejects["reason"].to_list() == ["Started On sometime is not a recognised date"]


def test_education_skills_profile_contacts() -> None:
    edu = parse(
        "Education.csv",
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\nU,Nov 2021,,,MSc,\n",
    ).frame
    assert edu.select("started_on", "finished_on").row(0) == (dt.date(2021, 11, 1), None)
    assert parse("Skills.csv", "Name\nPython\n\nSQL\n").frame["name"].to_list() == [
        "Python",
        "SQL",
    ]
    prof = parse(
        "Profile.csv",
        "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,Headline,"
        "Summary,Industry,Country,Zip Code,Geo Location,Twitter Handles,Websites,"
        "Instant Messengers\nAda,Example,,,,,Eng,,Software,de,,Berlin,,,\n",
    )
    assert prof.era == "2018" and prof.frame["geo_location"][0] == "Berlin"
    old = parse(
        "Imported Contacts.csv",
        "First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At\n"
        'Zed,Phone,,,zed@example.com,,"6/17/18, 6:18 AM"\n',
    )
    assert old.era == "2018 (Imported Contacts)"
    assert old.frame.select("emails", "source").row(0) == ("zed@example.com", None)


def test_registry_dedupe_keys_are_frame_columns() -> None:
    from tiekeeper.schema import polars_schema

    for p in parsers().values():
        if p.dedupe:
            assert set(p.dedupe) <= set(polars_schema(p.frame)), p.name


def test_spreadsheet_signs_are_noted() -> None:
    p = parse(
        "Invitations.csv",
        INV + "\nAda,Bob,18-Jun-24,NA,OUTGOING\n",
    )
    assert any("spreadsheet" in n for n in p.notes) and any("'NA'" in n for n in p.notes)
    assert p.frame["sent_at"][0] == dt.datetime(2024, 6, 18, tzinfo=UTC)


def test_frames_are_polars() -> None:
    assert isinstance(parse("Skills.csv", "Name\nA\n").frame, pl.DataFrame)
