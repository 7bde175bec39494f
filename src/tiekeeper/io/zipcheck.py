"""Check a zip's central directory before anything is decompressed.

Refuses entries that would escape the archive (absolute paths, ``..``),
encrypted entries, and zip bombs: too many entries, a total uncompressed size
above the limit, or a large entry that would inflate more than ``max_ratio``
times. Only the central directory is read; nothing is inflated.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from tiekeeper.errors import ExportError, ExportTooLargeError, UnsafeArchiveError

__all__ = ["RATIO_FLOOR", "open_checked_zip"]

#: Entries smaller than this are never ratio-checked.
RATIO_FLOOR = 1024 * 1024


def _check_entry_name(name: str, where: str) -> None:
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm) or ".." in norm.split("/"):
        raise UnsafeArchiveError(
            f"{where}: entry {name!r} has an absolute path or '..', which could write outside "
            "the archive; a LinkedIn export never contains such entries. Refusing to read it; "
            "download the export again from LinkedIn."
        )


def open_checked_zip(
    path: Path, where: str, max_bytes: int, max_members: int, max_ratio: float
) -> zipfile.ZipFile:
    """Open ``path`` as a zip after checking its central directory (see the module)."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise ExportError(
            f"{where} is not a readable zip archive ({err}); it is corrupt or truncated. "
            "Download the export again, or pass the extracted folder."
        ) from err
    except OSError as err:
        raise ExportError(f"{where} cannot be opened ({err}).") from err
    infos = zf.infolist()
    if len(infos) > max_members:
        zf.close()
        raise ExportTooLargeError(
            f"{where} holds {len(infos)} entries, more than max_members={max_members}; a "
            "LinkedIn export holds well under a thousand. If this is really your export, "
            "pass a larger max_members."
        )
    total = 0
    for info in infos:
        _check_entry_name(info.filename, where)
        if info.flag_bits & 0x1:
            zf.close()
            raise ExportError(
                f"{where}: entry {info.filename!r} is encrypted; LinkedIn exports are not. "
                "Extract it with its password and pass the folder."
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > max_ratio:
            zf.close()
            raise ExportTooLargeError(
                f"{where}: entry {info.filename!r} would inflate {ratio:.0f}-fold "
                f"({info.compress_size} → {info.file_size} bytes), above max_ratio={max_ratio:g};"
                " this looks like a zip bomb, so nothing was decompressed. If you trust the "
                "file, pass a larger max_ratio."
            )
    if total > max_bytes:
        zf.close()
        raise ExportTooLargeError(
            f"{where} would inflate to {total} bytes, above max_uncompressed_bytes={max_bytes}; "
            "nothing was decompressed. If this is really your export, pass a larger "
            "max_uncompressed_bytes."
        )
    return zf
