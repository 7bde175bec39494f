"""Whole-input faults raise; archives are checked before anything is decompressed."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import polars as pl
import pytest
from exportkit import write_folder, write_zip

from tiekeeper.errors import (
    ExportError,
    ExportNotFoundError,
    ExportTooLargeError,
    UnsafeArchiveError,
)
from tiekeeper.io import load_export
from tiekeeper.io.archive import date_from_name, open_export


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ExportNotFoundError, match=r"does not exist; expected the LinkedIn export"):
        load_export(tmp_path / "nope.zip")


def test_missing_path_is_also_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_export(tmp_path / "nope")


def test_folder_without_linkedin_files(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "photos", {"a.jpg": b"\xff\xd8", "notes.txt": b"hi"})
    with pytest.raises(ExportNotFoundError, match=r"holds no LinkedIn export file.*a\.jpg"):
        load_export(folder)


def test_zip_without_linkedin_files(tmp_path: Path) -> None:
    z = write_zip(tmp_path / "x.zip", {"report.pdf": b"%PDF", "data.csv": b"a,b\n1,2\n"})
    with pytest.raises(ExportNotFoundError, match="holds no LinkedIn export file"):
        load_export(z)


def test_single_unknown_csv(tmp_path: Path) -> None:
    p = tmp_path / "mydata.csv"
    p.write_bytes(b"a,b\n1,2\n")
    with pytest.raises(ExportNotFoundError, match=r"mydata\.csv is not a LinkedIn export file"):
        load_export(p)


def test_path_of_unknown_kind(tmp_path: Path) -> None:
    p = tmp_path / "export.txt"
    p.write_text("hello")
    with pytest.raises(ExportError, match="neither a zip, a folder nor a CSV"):
        load_export(p)


def test_corrupt_zip(tmp_path: Path) -> None:
    p = tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip"
    p.write_bytes(b"PK\x03\x04 this is not really a zip archive" * 10)
    with pytest.raises(ExportError, match="not a readable zip archive"):
        load_export(p)


def test_truncated_zip_missing_its_central_directory(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    z = write_zip(tmp_path / "full.zip", mini_files)
    cut = tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip"
    cut.write_bytes(z.read_bytes()[: z.stat().st_size // 2])
    with pytest.raises(ExportError, match="corrupt or truncated"):
        load_export(cut)


def test_zip_whose_member_data_is_damaged(tmp_path: Path) -> None:
    data = b"Name\n" + b"".join(f"Skill {i}\n".encode() for i in range(20000))
    z = write_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", {"Skills.csv": data})
    raw = bytearray(z.read_bytes())
    with zipfile.ZipFile(z) as zf:
        info = zf.getinfo("Skills.csv")
    start = info.header_offset + 30 + len("Skills.csv")
    for i in range(start + 50, start + 90):  # scramble the deflate stream
        raw[i] ^= 0x5A
    z.write_bytes(bytes(raw))
    with pytest.raises(ExportError, match=r"entry 'Skills\.csv' cannot be read"):
        load_export(z, as_of="2024-01-01")


def _set_declared_size(raw: bytearray, info: zipfile.ZipInfo, size: int) -> None:
    """Rewrite an entry's uncompressed size in its local header and central directory."""
    raw[info.header_offset + 22 : info.header_offset + 26] = size.to_bytes(4, "little")
    cd = bytes(raw).rindex(b"PK\x01\x02")  # the only central directory record
    raw[cd + 24 : cd + 28] = size.to_bytes(4, "little")


@pytest.mark.parametrize(
    ("declared", "match"), [(600, "larger than its declared"), (9000, "truncated")]
)
def test_member_whose_declared_size_is_wrong_is_refused(
    tmp_path: Path, declared: int, match: str
) -> None:
    # A lying size must never let an entry inflate past it (or stop short silently).
    data = b"Name\n" + b"".join(f"Skill {i}\n".encode() for i in range(800))
    z = write_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", {"Skills.csv": data})
    raw = bytearray(z.read_bytes())
    with zipfile.ZipFile(z) as zf:
        info = zf.getinfo("Skills.csv")
    assert info.compress_type == zipfile.ZIP_DEFLATED and declared != info.file_size
    _set_declared_size(raw, info, declared)
    z.write_bytes(bytes(raw))
    with pytest.raises(ExportError, match=rf"entry 'Skills\.csv' cannot be read.*{match}"):
        load_export(z, as_of="2024-01-01")


@pytest.mark.parametrize(
    "name", ["../evil/Connections.csv", "/etc/Connections.csv", "a/../../x.csv"]
)
def test_unsafe_entries_are_refused(tmp_path: Path, name: str) -> None:
    p = tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("Skills.csv", "Name\nPython\n")
        z.writestr(zipfile.ZipInfo(name), "x")
    with pytest.raises(UnsafeArchiveError, match=r"absolute path or '\.\.'"):
        load_export(p)


def test_zip_bomb_is_refused_from_the_central_directory(tmp_path: Path) -> None:
    p = tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Skills.csv", b"Name\n" + b"A" * (20 * 1024 * 1024))  # ~1000-fold
    with pytest.raises(ExportTooLargeError, match=r"would inflate \d+-fold.*zip bomb"):
        load_export(p)


def test_total_size_and_member_limits_are_parameters(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    z = write_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", mini_files)
    with pytest.raises(ExportTooLargeError, match="max_uncompressed_bytes=1000"):
        load_export(z, max_uncompressed_bytes=1000)
    with pytest.raises(ExportTooLargeError, match="max_members=3"):
        load_export(z, max_members=3)
    assert load_export(z, max_ratio=10_000).connections.height == 5


def test_refusal_happens_before_any_decompression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Skills.csv", b"Name\n" + b"A" * (20 * 1024 * 1024))
    calls: list[str] = []
    real = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, *a: object, **k: object) -> object:
        calls.append("open")
        return real(self, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    import tiekeeper.io.archive as archive

    def no_inflate(*a: object, **k: object) -> None:
        calls.append("inflate")

    monkeypatch.setattr(archive, "Inflater", no_inflate)
    with pytest.raises(ExportTooLargeError):
        load_export(p)
    assert calls == []


def test_macosx_and_ds_store_are_ignored(tmp_path: Path, mini_files: dict[str, bytes]) -> None:
    files = {
        **mini_files,
        "__MACOSX/._messages.csv": b"\x00\x05\x16\x07",
        "__MACOSX/Jobs/._Saved Jobs.csv": b"\x00",
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    with open_export(write_zip(tmp_path / "a.zip", files)) as src:
        names = {m.name for m in src.members}
        assert "messages.csv" in names and not any("MACOSX" in n for n in names)
        assert {n for n, _ in src.ignored} == {
            "__MACOSX/._messages.csv",
            "__MACOSX/Jobs/._Saved Jobs.csv",
            ".DS_Store",
        }


def test_several_exports_in_one_folder_load_the_newest(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    older = {"Connections.csv": mini_files["Connections.csv"], "Skills.csv": b"Name\nCOBOL\n"}
    write_folder(tmp_path / "dl" / "Basic_LinkedInDataExport_11-28-2021", older)
    write_zip(tmp_path / "dl" / "Basic_LinkedInDataExport_01-15-2025.zip", mini_files)
    e = load_export(tmp_path / "dl")
    assert e.export_date == dt.date(2025, 1, 15)
    assert e.skills["name"].to_list() == ["Python", "SQL"]  # not concatenated with COBOL
    note = " ".join(e.notes)
    assert "holds 2 exports" in note and "Basic_LinkedInDataExport_11-28-2021" in note


def test_basic_and_complete_of_one_date_prefer_complete(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    basic = {"Skills.csv": b"Name\nBasic\n"}
    complete = {**mini_files, "Skills.csv": b"Name\nComplete\n"}
    write_folder(tmp_path / "dl" / "Basic_LinkedInDataExport_01-15-2025", basic)
    write_folder(tmp_path / "dl" / "Complete_LinkedInDataExport_01-15-2025", complete)
    assert load_export(tmp_path / "dl").skills["name"].to_list() == ["Complete"]


def test_several_undated_exports_are_refused_with_a_list(tmp_path: Path) -> None:
    write_folder(tmp_path / "dl" / "first", {"Skills.csv": b"Name\nA\n"})
    write_folder(tmp_path / "dl" / "second", {"Skills.csv": b"Name\nB\n"})
    with pytest.raises(ExportError, match=r"holds 2 LinkedIn exports \(first; second\)"):
        load_export(tmp_path / "dl")


def test_jobs_subfolder_belongs_to_its_export(tmp_path: Path, mini_files: dict[str, bytes]) -> None:
    with open_export(write_folder(tmp_path / "e", mini_files)) as src:
        assert "Jobs/Saved Jobs.csv" in {m.name for m in src.members}
        assert src.notes == []


def test_date_from_name_with_browser_suffix() -> None:
    assert date_from_name("Complete_LinkedInDataExport_09-12-2022 (1)") == dt.date(2022, 9, 12)
    assert date_from_name("Basic_LinkedInDataExport_13-45-2022.zip") is None


def test_file_outside_the_export_folder_is_listed(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    write_folder(tmp_path / "wrap" / "Basic_LinkedInDataExport_01-15-2025", mini_files)
    (tmp_path / "wrap" / "README.txt").write_text("my export")
    e = load_export(tmp_path / "wrap")
    row = e.parse_report.filter(pl.col("file") == "README.txt").row(0, named=True)
    assert row["status"] == "ignored" and "outside the export folder" in row["reason"]


@pytest.mark.parametrize("size", [1, 7_000, 1 << 20])
def test_a_deflated_entry_streams_and_reads_whole_identically(tmp_path: Path, size: int) -> None:
    # Highly compressible data: one block of input inflates to far more than a
    # read asks for, which isal keeps inside the decompressor between reads.
    from tiekeeper.io.archive import open_export

    data = b"Name\n" + b"".join(f"Skill {i % 50}\n".encode() for i in range(400_000))
    z = write_zip(tmp_path / "Basic_LinkedInDataExport_01-15-2025.zip", {"Skills.csv": data})
    with open_export(z, max_ratio=10_000) as src:
        (member,) = src.members
        pieces = list(member.chunks(size))
        assert b"".join(pieces) == data
        assert all(len(p) == size for p in pieces[:-1])
        assert member.read() == data


def test_an_empty_path_is_a_parameter_error() -> None:
    from tiekeeper.errors import ParameterError

    for empty in ("", "  "):
        with pytest.raises(ParameterError, match="path is empty"):
            load_export(empty)


def test_hidden_package_and_deep_folders_are_not_searched(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    root = tmp_path / "work"
    write_folder(root / "Basic_LinkedInDataExport_01-15-2025", mini_files)
    # A second "export" hidden where a LinkedIn export never is: it must not count
    # (else the folder would hold two exports and the newest would win).
    newer = "Basic_LinkedInDataExport_03-01-2025"
    write_folder(root / ".venv" / newer, {"Skills.csv": b"Name\nHidden\n"})
    write_folder(root / "node_modules" / newer, {"Skills.csv": b"Name\nHidden\n"})
    write_folder(root / "a" / "b" / "c" / "d" / newer, {"Skills.csv": b"Name\nDeep\n"})
    export = load_export(root)
    assert export.export_date == dt.date(2025, 1, 15)
    assert "Hidden" not in export.skills["name"].to_list()
    note = next(n for n in export.notes if n.startswith("not searched"))
    assert ".venv" in note and "node_modules" in note and "a/b/c/d" in note


def test_a_folder_with_too_many_files_fails_fast(tmp_path: Path) -> None:
    root = tmp_path / "home"
    write_folder(root, {f"notes/{i}.txt": b"x" for i in range(30)})
    with pytest.raises(ExportTooLargeError, match=r"more than 20 files; that is not a LinkedIn"):
        load_export(root, max_members=20)
