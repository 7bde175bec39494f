"""Write export files into a folder or a ``Basic_LinkedInDataExport_…zip``.

The zip is written through a non-seekable stream, so that every entry carries
its sizes in a trailing data descriptor (general-purpose flag bit 3), as in
LinkedIn's own zips; entry times are fixed to the export date so the archive
is byte-identical for a given seed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import polars as pl

from tiekeeper.datasets._format import HEADERS, render_lines

__all__ = ["CsvFile", "FolderSink", "ZipSink", "encode"]

_CHUNK_ROWS = 100_000


@dataclass(frozen=True)
class CsvFile:
    """One export file: its name, its rows (string columns in header order) and quirks.

    ``header`` overrides the current-format header of :data:`HEADERS` (older layouts).
    """

    name: str
    frame: pl.DataFrame
    final_newline: bool = True
    preamble: str = ""
    header: str | None = None


def encode(file: CsvFile) -> Iterator[bytes]:
    """The bytes of ``file``: preamble, header, quoted rows, LF line ends (UTF-8, no BOM)."""
    head = file.preamble + (HEADERS[file.name] if file.header is None else file.header)
    n = file.frame.height
    if n == 0:
        yield (head + ("\n" if file.final_newline else "")).encode("utf-8")
        return
    yield (head + "\n").encode("utf-8")
    for start in range(0, n, _CHUNK_ROWS):
        buf = io.BytesIO()
        lines = render_lines(file.frame.slice(start, _CHUNK_ROWS)).to_frame()
        lines.write_csv(buf, include_header=False, quote_style="never", line_terminator="\n")
        data = buf.getvalue()
        if start + _CHUNK_ROWS >= n and not file.final_newline:
            data = data[:-1]
        yield data


class FolderSink:
    """Writes each file into ``folder`` (created if needed)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def write(self, file: CsvFile) -> None:
        """Write one file."""
        with open(self.folder / file.name, "wb") as fh:
            for chunk in encode(file):
                fh.write(chunk)

    def close(self) -> None:
        """Nothing to finish for a folder."""


class _Unseekable:
    """A write-only wrapper that hides ``seek`` so zipfile writes data descriptors."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._pos = 0

    def write(self, data: bytes) -> int:
        self._fh.write(data)
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos

    def seek(self, *args: object) -> int:
        raise OSError("not seekable")

    def flush(self) -> None:
        self._fh.flush()


class ZipSink:
    """Writes each file as a deflated entry at the root of the zip ``path``."""

    def __init__(self, path: Path, export_date: dt.date) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "wb")  # noqa: SIM115 - closed in close()
        stream = cast(IO[bytes], _Unseekable(self._fh))
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)
        self._stamp = (export_date.year, export_date.month, export_date.day, 0, 0, 0)

    def write(self, file: CsvFile) -> None:
        """Stream one file into the archive."""
        info = zipfile.ZipInfo(file.name, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with self._zip.open(info, "w") as entry:
            for chunk in encode(file):
                entry.write(chunk)

    def close(self) -> None:
        """Write the central directory and close the file."""
        self._zip.close()
        self._fh.close()
