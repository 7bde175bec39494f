"""Build miniature, fictional LinkedIn exports for tests (zipped at test time).

Every name, slug and address here is invented. The files copy the real
formats of the reference (linkedin-export-format.md): the Connections preamble,
minimal quoting, F1/F4/F5/F8 dates, the 12-column messages file, URNs and URLs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

__all__ = [
    "CONNECTIONS_HEADER",
    "MESSAGES_HEADER",
    "OWNER_NAME",
    "OWNER_URL",
    "PREAMBLE",
    "csv_bytes",
    "mini_export",
    "utf16_tsv",
    "write_folder",
    "write_zip",
]

OWNER_NAME = "Ada Example"
OWNER_URL = "https://www.linkedin.com/in/ada-example"

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)

CONNECTIONS_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
MESSAGES_HEADER = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
)


def csv_bytes(
    header: Sequence[str] | None,
    rows: Iterable[Sequence[str]],
    *,
    crlf: bool = False,
    bom: bool = False,
    final_newline: bool = True,
    preamble: str = "",
    delimiter: str = ",",
) -> bytes:
    """Write a CSV the way LinkedIn does (minimal quoting, LF) with optional quirks."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n", delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    if header is not None:
        w.writerow(header)
    for row in rows:
        w.writerow(row)
    text = preamble + out.getvalue()
    if not final_newline:
        text = text.rstrip("\n")
    if crlf:
        # line ends only: newlines inside quoted fields stay as they are
        text = _crlf_outside_quotes(text)
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def _crlf_outside_quotes(text: str) -> str:
    out: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == "\n" and not quoted:
            out.append("\r\n")
        else:
            out.append(ch)
    return "".join(out)


def utf16_tsv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """A legacy UTF-16LE, tab-separated, fully quoted file with no final newline."""
    lines = ["\t".join(f'"{v}"' for v in header)]
    lines += ["\t".join(f'"{v}"' for v in r) for r in rows]
    return b"\xff\xfe" + "\n".join(lines).encode("utf-16-le")


def write_folder(root: Path, files: Mapping[str, bytes]) -> Path:
    """Write ``files`` (relative path → bytes) under ``root``."""
    for name, data in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


def write_zip(path: Path, files: Mapping[str, bytes], *, prefix: str = "") -> Path:
    """Zip ``files`` (deflated) at ``path``, each under ``prefix``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(prefix + name, data)
    return path


def _msg(
    conv: str,
    frm: str,
    frm_url: str,
    to: str,
    to_urls: str,
    date: str,
    content: str,
    *,
    title: str = "",
    subject: str = "",
    folder: str = "INBOX",
    draft: str = "No",
) -> list[str]:
    return [conv, title, frm, frm_url, to, to_urls, date, subject, content, folder, draft, "No"]


BOB = ("Bob Sample", "https://www.linkedin.com/in/bob-sample")
CAROL = ("Carol Test, Ph.D.", "https://www.linkedin.com/in/carol-test-ph-d")
JURGEN = ("Jürgen Demo", "https://www.linkedin.com/in/jürgen-demo-1a2b")
DAN = ("Dan Demo", "https://www.linkedin.com/in/dan-demo")


def mini_export() -> dict[str, bytes]:
    """A small, complete, modern (2024-12-style) export as {file name: bytes}.

    What it holds (the tests rely on these facts):

    * Connections (preamble, no final newline): Bob, Carol (comma in the
      name), Jürgen (percent-encoded URL, trailing space in the first name),
      Dan, and one row empty except for the date.
    * messages: a 1:1 thread with Bob (2 in, 1 out), a group thread with Bob
      and Carol (1 out, 1 in from Carol), a draft, a system row, a sponsored
      InMail, a SPAM row from Dan and a LinkedIn Member row; 10 rows.
    * Invitations: OUTGOING to Bob (twice, identical: one duplicate),
      INCOMING from Jürgen (raw Unicode URL), OUTGOING to a non-connection.
    * Endorsements received from Jürgen (scheme-less URL), given to Dan.
    * Recommendations received from Carol (name only).
    * Positions, Education, Skills, Profile, Contacts (never people).
    * coach_messages.csv header-only, LearningCoachMessages.csv a sentence,
      Company Follows.csv an unknown file, and a Jobs/ sub-folder file.
    """
    b, c, j, d = BOB, CAROL, JURGEN, DAN
    o = (OWNER_NAME, OWNER_URL)
    conn = csv_bytes(
        CONNECTIONS_HEADER,
        [
            ["Bob", "Sample", b[1], "", "Example Corp", "Engineer", "16 Dec 2024"],
            ["Carol", "Test, Ph.D.", c[1], "", "Example Labs", "Researcher", "02 Jan 2024"],
            [
                "Jürgen ",
                "Demo",
                "https://www.linkedin.com/in/j%C3%BCrgen-demo-1a2b",
                "",
                "",
                "",
                "05 Mar 2023",
            ],
            ["Dan", "Demo", d[1], "dan@example.com", "Demo GmbH", "CTO", "01 Feb 2022"],
            ["", "", "", "", "", "", "14 Sep 2024"],
        ],
        preamble=PREAMBLE,
        final_newline=False,
    )
    msgs = csv_bytes(
        MESSAGES_HEADER,
        [
            _msg("2-AAA", b[0], b[1], o[0], o[1], "2024-12-16 18:23:28 UTC", "Hi Ada, coffee?"),
            _msg(
                "2-AAA",
                o[0],
                o[1],
                b[0],
                b[1],
                "2024-12-16 18:30:00 UTC",
                "<p>Sure&nbsp;&amp; thanks</p>",
            ),
            _msg("2-AAA", b[0], b[1], o[0], o[1], "2024-12-17 09:00:00 UTC", "Great, see you"),
            _msg(
                "2-GRP",
                o[0],
                o[1],
                f"{b[0]},{c[0]}",
                f"{b[1]},{c[1]}",
                "2024-11-01 10:00:00 UTC",
                "Welcome both of you",
            ),
            _msg(
                "2-GRP",
                c[0],
                c[1],
                f"{b[0]},{o[0]}",
                f"{b[1]},{o[1]}",
                "2024-11-01 11:00:00 UTC",
                "Thanks, Ada",
            ),
            _msg(
                "",
                o[0],
                o[1],
                "",
                "",
                "2024-12-09 20:37:29 UTC",
                "Unsent thoughts",
                folder="",
                draft="Yes",
            ),
            _msg("2-SYS", "", "", "", "", "2024-10-01 08:00:00 UTC", "Message request accepted"),
            _msg(
                "2-SPO",
                "LinkedIn Member",
                "",
                o[0],
                o[1],
                "2024-12-06 02:20:21 UTC",
                '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, a role</p>',
                title="Sponsored Conversation",
            ),
            _msg(
                "2-SPM",
                d[0],
                d[1],
                o[0],
                o[1],
                "2024-09-09 09:09:09 UTC",
                "Buy now",
                folder="SPAM",
            ),
            _msg(
                "2-MEM",
                "LinkedIn Member",
                "",
                o[0],
                o[1],
                "2024-08-08 08:08:08 UTC",
                "hello from a closed account",
            ),
        ],
    )
    inv_header = [
        "From",
        "To",
        "Sent At",
        "Message",
        "Direction",
        "inviterProfileUrl",
        "inviteeProfileUrl",
    ]
    inv = csv_bytes(
        inv_header,
        [
            [o[0], b[0], "12/15/24, 7:47 AM", "", "OUTGOING", o[1], b[1]],
            [o[0], b[0], "12/15/24, 7:47 AM", "", "OUTGOING", o[1], b[1]],
            [j[0], o[0], "3/4/23, 8:43 PM", "Hallo Ada, let's connect", "INCOMING", j[1], o[1]],
            [
                o[0],
                "Eve Stranger",
                "1/2/25, 9:00 AM",
                "",
                "OUTGOING",
                o[1],
                "https://www.linkedin.com/in/eve-stranger",
            ],
        ],
    )
    endo_r = csv_bytes(
        [
            "Endorsement Date",
            "Skill Name",
            "Endorser First Name",
            "Endorser Last Name",
            "Endorser Public Url",
            "Endorsement Status",
        ],
        [
            [
                "2024/12/07 14:51:07 UTC",
                "Python",
                "Jürgen",
                "Demo",
                "www.linkedin.com/in/jürgen-demo-1a2b",
                "ACCEPTED",
            ]
        ],
    )
    endo_g = csv_bytes(
        [
            "Endorsement Date",
            "Skill Name",
            "Endorsee First Name",
            "Endorsee Last Name",
            "Endorsee Public Url",
            "Endorsement Status",
        ],
        [
            [
                "2024/06/01 10:00:00 UTC",
                "Leadership",
                "Dan",
                "Demo",
                "www.linkedin.com/in/dan-demo",
                "ACCEPTED",
            ]
        ],
    )
    rec_header = [
        "First Name",
        "Last Name",
        "Company",
        "Job Title",
        "Text",
        "Creation Date",
        "Status",
    ]
    rec_r = csv_bytes(
        rec_header,
        [
            [
                "Carol",
                "Test, Ph.D.",
                "Example Labs",
                "Researcher",
                "Ada is careful.",
                "12/24/23, 05:28 AM",
                "VISIBLE",
            ]
        ],
    )
    rec_g = csv_bytes(rec_header, [])
    positions = csv_bytes(
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
        [
            ["Example Labs", "Lead Engineer", "Leads • builds", "Berlin, Germany", "Jan 2023", ""],
            ["Example Corp", "Engineer", "", "", "Jun 2018", "Dec 2022"],
        ],
    )
    education = csv_bytes(
        ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
        [["Example University", "2010", "2014", "", "BSc", ""]],
    )
    skills = csv_bytes(["Name"], [["Python"], ["SQL"]])
    profile = csv_bytes(
        [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
        [
            [
                "Ada",
                "Example",
                "",
                "",
                "Mar 31",
                "Engineer",
                "I build things",
                "Software",
                "",
                "Berlin",
                "",
                "",
                "",
            ]
        ],
    )
    contacts = csv_bytes(
        [
            "Source",
            "FirstName",
            "LastName",
            "Companies",
            "Title",
            "Emails",
            "PhoneNumbers",
            "CreatedAt",
            "Addresses",
            "Sites",
            "InstantMessageHandles",
            "FullName",
            "Birthday",
            "Location",
            "BookmarkedAt",
            "Profiles",
        ],
        [
            [
                "GOOGLE_CONTACTS",
                "Zed",
                "Phone",
                "null",
                "",
                "zed@example.com",
                " +1 555 0100",
                "6/17/23, 6:18 AM",
                "",
                "",
                "",
                "Zed Phone",
                "",
                "",
                "",
                "",
            ]
        ],
    )
    coach = csv_bytes(MESSAGES_HEADER[:10], [])
    follows = csv_bytes(
        ["Organization", "Followed On"],
        [["Example Corp", "Sat Dec 14 08:57:55 UTC 2024"]],
        final_newline=False,
    )
    saved = csv_bytes(["Saved Date", "Job Url"], [["12/1/24, 1:00 PM", "https://example.com/j/1"]])
    return {
        "Connections.csv": conn,
        "messages.csv": msgs,
        "Invitations.csv": inv,
        "Endorsement_Received_Info.csv": endo_r,
        "Endorsement_Given_Info.csv": endo_g,
        "Recommendations_Received.csv": rec_r,
        "Recommendations_Given.csv": rec_g,
        "Positions.csv": positions,
        "Education.csv": education,
        "Skills.csv": skills,
        "Profile.csv": profile,
        "Contacts.csv": contacts,
        "coach_messages.csv": coach,
        "LearningCoachMessages.csv": b"No conversations found",
        "Company Follows.csv": follows,
        "Jobs/Saved Jobs.csv": saved,
    }
