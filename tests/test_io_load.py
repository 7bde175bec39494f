"""load_export on a miniature export: inputs, schemas, accounting, identity and events."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import polars as pl
import pytest
from exportkit import OWNER_NAME, OWNER_URL, mini_export, write_folder, write_zip
from polars.testing import assert_frame_equal

from tiekeeper.errors import ExportFileError, ParameterError
from tiekeeper.io import Export, load_export
from tiekeeper.keys import person_id_from_slug
from tiekeeper.schema import polars_schema

FRAMES = [n for n in Export.FRAMES if n != "other_messages"]


@pytest.fixture
def export(mini_zip: Path) -> Export:
    return load_export(mini_zip)


def test_zip_folder_wrapped_and_single_file_give_equal_frames(
    tmp_path: Path, mini_files: dict[str, bytes], mini_zip: Path, mini_folder: Path
) -> None:
    from_zip = load_export(mini_zip)
    from_folder = load_export(mini_folder)
    wrapped = write_folder(tmp_path / "outer" / "Basic_LinkedInDataExport_01-15-2025", mini_files)
    from_wrapped = load_export(wrapped.parent)
    zipped_wrapped = write_zip(
        tmp_path / "w.zip", mini_files, prefix="Basic_LinkedInDataExport_01-15-2025/"
    )
    from_zip_wrapped = load_export(zipped_wrapped)
    for other in (from_folder, from_wrapped, from_zip_wrapped):
        assert other.export_date == from_zip.export_date == dt.date(2025, 1, 15)
        for name in Export.FRAMES:
            assert_frame_equal(from_zip.frame(name), other.frame(name))
    single = load_export(mini_folder / "Connections.csv")
    assert_frame_equal(single.connections.drop("person_id"), from_zip.connections.drop("person_id"))
    assert single.messages.height == 0 and single.parse_report.height == 1


def test_every_frame_follows_its_schema_exactly(export: Export) -> None:
    for name in Export.FRAMES:
        schema = polars_schema("messages" if name == "other_messages" else name)
        assert export.frame(name).schema == schema, name


def test_absent_and_empty_files_give_empty_frames_with_full_schema(tmp_path: Path) -> None:
    files = {"Connections.csv": b"", "Skills.csv": b"Name\n"}
    e = load_export(write_folder(tmp_path / "x", files), as_of=dt.date(2024, 1, 1))
    for name in FRAMES:
        assert e.frame(name).schema == polars_schema(name)
    rep = {r["file"]: r for r in e.parse_report.iter_rows(named=True)}
    assert rep["Connections.csv"]["status"] == "empty"
    assert rep["Skills.csv"]["status"] == "header-only"
    assert e.connections.height == e.skills.height == 0


def test_accounting_identity_holds_for_every_file(export: Export) -> None:
    rep = export.parse_report
    lhs = rep["rows_read"]
    rhs = rep["rows_parsed"] + rep["rows_rejected"] + rep["rows_skipped"]
    assert (lhs == rhs).all()
    # and rows_parsed matches the frames: 5 connections, 10 messages, 3 invitations
    parsed = dict(zip(rep["file"], rep["rows_parsed"], strict=True))
    assert parsed["Connections.csv"] == export.connections.height == 5
    assert parsed["messages.csv"] == export.messages.height == 10
    assert parsed["Invitations.csv"] == export.invitations.height == 3
    assert export.rejected.height == rep["rows_rejected"].sum()


def test_parse_report_lists_unknown_ignored_and_bad_files(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    files = {**mini_files, "__MACOSX/._Connections.csv": b"\x00\x05", ".DS_Store": b"\x00"}
    files["Articles/2017-12-09 04:54:08.html"] = b"<html></html>"
    e = load_export(write_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", files))
    rep = {r["file"]: r for r in e.parse_report.iter_rows(named=True)}
    assert rep["__MACOSX/._Connections.csv"]["logical_name"] == "ignored"
    assert rep[".DS_Store"]["status"] == "ignored"
    assert rep["Articles/2017-12-09 04:54:08.html"]["logical_name"] == "unknown"
    assert rep["Articles/2017-12-09 04:54:08.html"]["status"] == "ignored"
    assert rep["Company Follows.csv"]["logical_name"] == "company_follows"  # known, unused
    assert rep["Company Follows.csv"]["rows_parsed"] == 1
    assert e.other_files["Company Follows.csv"]["Organization"].to_list() == ["Example Corp"]
    assert rep["LearningCoachMessages.csv"]["status"] == "not-a-table"
    assert "No conversations found" in rep["LearningCoachMessages.csv"]["reason"]
    assert rep["coach_messages.csv"]["status"] == "header-only"
    assert rep["messages.csv"]["era"].startswith("2023-04+ (10 columns)")


def test_duplicate_invitation_is_listed_as_a_duplicate_of_its_first_line(export: Export) -> None:
    rej = export.rejected.filter(pl.col("file") == "Invitations.csv")
    # header is line 1; the two identical OUTGOING rows are lines 2 and 3
    assert rej.select("line", "reason").rows() == [(3, "duplicate of line 2")]
    assert rej["raw"][0].startswith("Ada Example,Bob Sample,12/15/24, 7:47 AM")


def test_owner_from_invitations_messages_and_profile(export: Export) -> None:
    assert export.owner.name == OWNER_NAME
    assert export.owner.profile_urls == (OWNER_URL,)
    assert person_id_from_slug("ada-example") in export.owner.person_ids
    assert not export.people["person_id"].is_in(list(export.owner.person_ids)).any()


def test_identity_joins_percent_encoded_raw_unicode_and_schemeless_urls(export: Export) -> None:
    jurgen = export.people.filter(pl.col("name") == "Jürgen Demo")
    assert jurgen.height == 1
    row = jurgen.row(0, named=True)
    assert row["person_id"] == person_id_from_slug("jürgen-demo-1a2b")
    assert row["profile_url"] == "https://www.linkedin.com/in/jürgen-demo-1a2b"
    assert row["sources"] == ["connections", "endorsements_received", "invitations"]
    assert row["first_name"] == "Jürgen "  # raw value kept, trailing space included
    assert row["key_method"] == "url"


def test_people_exclude_contacts_linkedin_member_and_keyless_rows(export: Export) -> None:
    names = set(export.people["name"].to_list())
    assert names == {"Bob Sample", "Carol Test, Ph.D.", "Dan Demo", "Eve Stranger", "Jürgen Demo"}
    keyless = export.connections.filter(pl.col("name").is_null())
    assert keyless.height == 1 and keyless["person_id"].is_null().all()
    assert keyless["connected_on"].to_list() == [dt.date(2024, 9, 14)]
    note = export.parse_report.filter(pl.col("file") == "Connections.csv")["notes"][0]
    assert any("null person_id" in n for n in note)


def test_name_only_recommendation_joins_the_url_keyed_person(export: Export) -> None:
    carol = person_id_from_slug("carol-test-ph-d")
    assert export.recommendations_received["person_id"].to_list() == [carol]


def test_message_flags_and_interaction_rule(export: Export) -> None:
    m = export.messages.sort("line")
    flags = m.select("is_draft", "is_system", "is_sponsored", "is_spam", "is_interaction").rows()
    assert flags == [
        (False, False, False, False, True),
        (False, False, False, False, True),
        (False, False, False, False, True),
        (False, False, False, False, True),
        (False, False, False, False, True),
        (True, False, False, False, False),  # draft
        (False, True, False, False, False),  # system row
        (False, False, True, False, False),  # sponsored InMail
        (False, False, False, True, False),  # SPAM folder
        (False, False, False, False, False),  # LinkedIn Member
    ]
    assert m["from_owner"].to_list() == [False, True, False, True, False, True] + [False] * 4
    assert m["text"][1] == "Sure\xa0& thanks" and m["words"][1] == 3


def test_interactions_follow_the_design_rules(export: Export) -> None:
    ix = export.interactions
    bob = person_id_from_slug("bob-sample")
    carol = person_id_from_slug("carol-test-ph-d")
    dan = person_id_from_slug("dan-demo")
    counts = {(k, d): n for k, d, n in ix.group_by("kind", "direction").len().iter_rows()}
    # messages: Bob 2 in + 1 out (1:1) + 1 out (group); Carol 1 out (group) + 1 in.
    # Bob is a co-recipient of Carol's group message: no event for him.
    assert counts[("message", "in")] == 3 and counts[("message", "out")] == 3
    # invitations: Bob (accepted: a connection) and Jürgen; Eve is not a connection.
    assert counts[("invitation", "out")] == 1 and counts[("invitation", "in")] == 1
    # connection events only for connections without an invitation: Carol and Dan.
    conn = ix.filter(pl.col("kind") == "connection")["person_id"].sort().to_list()
    assert conn == sorted([carol, dan])
    assert ix.filter(pl.col("kind") == "endorsement").height == 2
    assert ix.filter(pl.col("kind") == "recommendation")["person_id"].to_list() == [carol]
    group = ix.filter((pl.col("conversation_id") == "2-GRP") & (pl.col("person_id") == bob))
    assert group.select("direction", "participants").rows() == [("out", 2)]
    assert ix.sort(["person_id", "time"])["time"].to_list() == ix["time"].to_list()
    inv = ix.filter(pl.col("kind") == "invitation").sort("time")
    assert inv["has_note"].to_list() == [True, False]


def test_export_date_from_name_and_as_of_default(mini_zip: Path) -> None:
    e = load_export(mini_zip)
    assert e.as_of == dt.datetime(2025, 1, 15, 23, 59, 59, 999999, tzinfo=dt.UTC)
    e2 = load_export(mini_zip, as_of="2024-06-01")
    assert e2.as_of.date() == dt.date(2024, 6, 1)
    assert e.with_as_of(dt.date(2020, 1, 1)).as_of.year == 2020
    assert e.with_as_of(dt.date(2020, 1, 1)).messages is e.messages


def test_export_date_falls_back_to_newest_timestamp(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    e = load_export(write_folder(tmp_path / "export", mini_files))
    # newest: the OUTGOING invitation "1/2/25, 9:00 AM" Pacific = 2025-01-02 17:00 UTC
    assert e.export_date == dt.date(2025, 1, 2)
    assert any("newest timestamp" in n for n in e.notes)


def test_no_date_anywhere_requires_as_of(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "x", {"Skills.csv": b"Name\nPython\n"})
    with pytest.raises(ParameterError, match="as_of is required"):
        load_export(folder)
    assert load_export(folder, as_of="2024-01-01").skills.height == 1


def test_strict_raises_for_a_bad_file_and_lenient_mode_records_it(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    files = {**mini_files, "Skills.csv": b"Name;Level\nPython;5\n"}
    zpath = write_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", files)
    e = load_export(zpath)
    row = e.parse_report.filter(pl.col("file") == "Skills.csv").row(0, named=True)
    assert row["status"] == "error" and "semicolon" in row["reason"]
    assert e.connections.height == 5  # loading continued
    del files["LearningCoachMessages.csv"]
    zpath = write_zip(tmp_path / "b.zip", files)
    with pytest.raises(ExportFileError, match=r"Skills\.csv: is semicolon-delimited"):
        load_export(zpath, strict=True)


def test_strict_raises_for_a_sentence_instead_of_a_table(mini_zip: Path) -> None:
    with pytest.raises(ExportFileError, match=r"LearningCoachMessages\.csv: holds the text"):
        load_export(mini_zip, strict=True)


@pytest.mark.parametrize(
    ("content", "status", "match"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, "error", "Excel workbook"),
        (b"Name\nPyth\xe9on\n", "error", "not valid UTF-8"),
        (b"Skill\nPython\n", "error", r"lacks the required column\(s\) \['Name'\]"),
        (b"", "empty", "empty"),
    ],
)
def test_bad_single_files_are_reported(
    tmp_path: Path, content: bytes, status: str, match: str
) -> None:
    folder = write_folder(tmp_path / "x", {"Skills.csv": content, **_dated()})
    e = load_export(folder)
    row = e.parse_report.filter(pl.col("file") == "Skills.csv").row(0, named=True)
    assert row["status"] == status
    assert pytest.importorskip("re").search(match, row["reason"])
    assert e.skills.schema == polars_schema("skills") and e.skills.height == 0


def _dated() -> dict[str, bytes]:
    return {
        "Positions.csv": mini_export()["Positions.csv"],
        "Invitations.csv": mini_export()["Invitations.csv"],
    }


def test_malformed_rows_are_kept_in_rejected_with_physical_lines(tmp_path: Path) -> None:
    raw = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ada,One,,,,,04 Jul 2023\n"
        b"Bob,Two,,,\n"  # short row (line 3)
        b'Carol,"Three\nwith a newline",,,,,05 Jul 2023\n'  # lines 4-5, fine
        b"Dan,Four,,,,,not a date\n"  # line 6, bad date
        b"Eve,Five,,,,,06 Jul 2023,extra\n"  # line 7, long row
    )
    e = load_export(write_folder(tmp_path / "x", {"Connections.csv": raw}))
    rej = e.rejected.select("line", "reason").rows()
    assert [r[0] for r in rej] == [3, 6, 7]
    assert "5 fields" in rej[0][1] and "not a recognised date" in rej[1][1]
    assert "8 fields" in rej[2][1]
    assert e.connections["line"].to_list() == [2, 4]
    row = e.parse_report.row(0, named=True)
    assert (row["rows_read"], row["rows_parsed"], row["rows_rejected"]) == (5, 2, 3)


def test_split_files_are_concatenated_and_twins_deduplicated(tmp_path: Path) -> None:
    from exportkit import csv_bytes, utf16_tsv

    head = [
        "Endorsement Date",
        "Skill Name",
        "Endorser First Name",
        "Endorser Last Name",
        "Endorsement Status",
    ]
    new = csv_bytes(head, [["2021/01/02 10:00:00 UTC", "SQL", "Bob", "Sample", "ACCEPTED"]])
    legacy = utf16_tsv(
        [*head, "Display Status"],
        [
            ["2021/01/02 10:00:00 UTC", "SQL", "Bob", "Sample", "Accepted", "Show"],
            ["2015/05/05 10:00:00 UTC", "Java", "Carol", "Test", "Accepted", "Show"],
        ],
    )
    files = {
        "Endorsement_Received_Info.csv": new,
        "Endorsement Received Info.csv": legacy,
        "Skills.csv": b"Name\nPython\n",
        "Skills_1.csv": b"Name\nSQL\n",
        **_dated(),
    }
    e = load_export(write_folder(tmp_path / "x", files))
    assert e.skills["name"].to_list() == ["Python", "SQL"]
    assert e.endorsements_received.select("skill", "name").rows() == [
        ("SQL", "Bob Sample"),
        ("Java", "Carol Test"),
    ]
    rej = e.rejected.filter(pl.col("file") == "Endorsement Received Info.csv")
    assert rej["reason"].to_list() == ["duplicate of Endorsement_Received_Info.csv line 2"]
    rep = {r["file"]: r for r in e.parse_report.iter_rows(named=True)}
    assert rep["Endorsement Received Info.csv"]["encoding"] == "utf-16-le"
    assert rep["Endorsement Received Info.csv"]["rows_parsed"] == 1
    assert rep["Endorsement Received Info.csv"]["era"] == "legacy UTF-16 (Display Status)"


def test_summary_names_owner_dates_counts_and_problems(export: Export) -> None:
    text = export.summary()
    assert "owner:       Ada Example (https://www.linkedin.com/in/ada-example)" in text
    assert "export date: 2025-01-15" in text
    assert "connections 5, messages 10" in text
    assert "LearningCoachMessages.csv [not-a-table]" in text
    assert "Invitations.csv [parsed]: 1 record(s) rejected" in text
    assert repr(export).startswith("Export(source=")


def test_to_pandas_one_and_all(export: Export) -> None:
    pytest.importorskip("pandas")
    one = export.to_pandas("connections")
    assert list(one.columns) == export.connections.columns  # type: ignore[union-attr]
    everything = export.to_pandas()
    assert isinstance(everything, dict) and set(everything) == set(Export.FRAMES)
    with pytest.raises(ParameterError, match="is not a frame"):
        export.to_pandas("nope")


def test_bad_limits_are_parameter_errors(mini_zip: Path) -> None:
    with pytest.raises(ParameterError, match="max_ratio"):
        load_export(mini_zip, max_ratio=0.5)


def test_bundled_sample_loads_cleanly() -> None:
    e = load_export()
    assert e.connections.height > 100 and e.messages.height > 1000
    assert e.owner.name is not None and e.export_date is not None
    bad = e.parse_report.filter(pl.col("status").is_in(["error", "not-a-table"]))
    assert bad.height == 0
    rep = e.parse_report
    assert (
        rep["rows_read"] == rep["rows_parsed"] + rep["rows_rejected"] + rep["rows_skipped"]
    ).all()


def test_zip_with_data_descriptors_is_read(tmp_path: Path, mini_files: dict[str, bytes]) -> None:
    # Streamed writes set flag bit 3 (sizes in a trailing data descriptor), as LinkedIn does.
    path = tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip"

    class Unseekable:  # makes zipfile stream, with data descriptors
        def __init__(self, fh: io.BufferedWriter) -> None:
            self.fh = fh

        def write(self, b: bytes) -> int:
            return self.fh.write(b)

        def flush(self) -> None:
            self.fh.flush()

    with (
        open(path, "wb") as raw,
        zipfile.ZipFile(Unseekable(raw), "w", zipfile.ZIP_DEFLATED) as z,  # type: ignore[call-overload]
    ):
        for name, data in mini_files.items():
            with z.open(name, "w") as fh:
                fh.write(data)
    with zipfile.ZipFile(path) as z:
        assert all(i.flag_bits & 0x08 for i in z.infolist())
    assert load_export(path).messages.height == 10
