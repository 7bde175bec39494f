"""Read one deflated zip entry faster than :mod:`zipfile` does.

``read()`` with no size inflates the whole entry in one call, never past its
declared size, and checks the CRC-32, as zipfile does; ``read(n)`` streams it
4 MiB of input at a time (``zipfile.ZipExtFile.read(n)`` re-copies its
unconsumed input on every call and is about three times slower on a
several-hundred-MB member).

The decompressor and the CRC come from `isal <https://github.com/pycompression/python-isal>`_
(Intel's ISA-L, zlib-compatible): on a 450 MB messages.csv it inflates in
0.44 s where :mod:`zlib` takes 0.91 s, and its CRC-32 takes 0.02 s where
zlib's takes 0.11 s. Both release the GIL, so a parser thread runs meanwhile.
"""

from __future__ import annotations

import io
import struct
import zipfile
from typing import cast

from isal import isal_zlib

__all__ = ["InflateError", "Inflater"]

#: What a corrupt deflate stream raises.
InflateError = cast("type[Exception]", isal_zlib.error)


class Inflater(io.RawIOBase):
    """A readable stream of one deflated zip entry (see the module docstring)."""

    def __init__(self, path: str, info: zipfile.ZipInfo) -> None:
        self._fh = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._info = info
        self._fh.seek(info.header_offset)
        head = self._fh.read(30)
        if len(head) != 30 or head[:4] != b"PK\x03\x04":
            self._fh.close()
            raise zipfile.BadZipFile(f"bad local header for {info.filename!r}")
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        self._fh.seek(info.header_offset + 30 + name_len + extra_len)
        self._left_in = info.compress_size
        self._left_out = info.file_size
        self._z = isal_zlib.decompressobj(-15)
        self._crc = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        fresh = self._left_in == self._info.compress_size
        if (size is None or size < 0) and fresh:
            return self._read_all()
        return self._read(size)

    def _read_all(self) -> bytes:
        """Inflate the whole entry in one call (never more than its declared size)."""
        raw = self._fh.read(self._left_in)
        if len(raw) != self._left_in:
            raise EOFError(f"{self._info.filename!r} is truncated")
        self._left_in = 0
        # at most one byte more than declared (0 would mean "no limit")
        data = self._z.decompress(raw, self._left_out + 1)
        del raw
        if len(data) < self._left_out:
            raise EOFError(f"{self._info.filename!r} is truncated")
        if len(data) > self._left_out or not self._z.eof:
            raise zipfile.BadZipFile(f"{self._info.filename!r} is larger than its declared size")
        self._left_out = 0
        if isal_zlib.crc32(data) != self._info.CRC:
            raise zipfile.BadZipFile(f"bad CRC-32 for {self._info.filename!r}")
        return data

    def _read(self, size: int | None) -> bytes:
        want = self._left_out if size is None or size < 0 else min(size, self._left_out)
        parts: list[bytes] = []
        have = 0
        while have < want:
            raw = self._next_input()
            # isal keeps output it could not return (over max_length) inside the
            # decompressor rather than in unconsumed_tail: an empty feed drains it.
            out = self._z.decompress(raw, want - have)
            if not out and not raw:
                break  # the stream has nothing more
            parts.append(out)
            have += len(out)
        data = b"".join(parts)  # never more than want (max_length)
        self._left_out -= len(data)
        self._crc = isal_zlib.crc32(data, self._crc)
        if want and not data:
            raise EOFError(f"{self._info.filename!r} is truncated")
        if self._left_out == 0:
            self._check_end()
            if self._crc != self._info.CRC:
                raise zipfile.BadZipFile(f"bad CRC-32 for {self._info.filename!r}")
        return data

    def _next_input(self) -> bytes:
        raw = self._z.unconsumed_tail
        if not raw and self._left_in > 0:
            raw = self._fh.read(min(4 * 1024 * 1024, self._left_in))
            if not raw:
                raise EOFError(f"{self._info.filename!r} is truncated")
            self._left_in -= len(raw)
        return bytes(raw)

    def _check_end(self) -> None:
        """The stream must end at the declared size: inflate on, expecting nothing."""
        while not self._z.eof:
            raw = self._next_input()
            if self._z.decompress(raw, 1):
                raise zipfile.BadZipFile(
                    f"{self._info.filename!r} is larger than its declared size"
                )
            if not raw:
                return  # no end marker: the CRC decides

    def close(self) -> None:
        self._fh.close()
        super().close()
