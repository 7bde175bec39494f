"""The manifest of an archived snapshot: what it holds and how it was written.

One ``manifest.json`` per snapshot, written last: the archive format
version, the export date, the owner, the export's categories, the blake2b
of the source, the tiekeeper version that wrote it, the row count of every
frame and the size of every file (a truncated file is found before it is
read).

Examples
--------
>>> m = Manifest(format_version=1, export_date="2025-03-14", owner_names=["Ada"],
...     owner_urls=[], categories={}, source_blake2b="ab", source_name="x.zip",
...     tiekeeper_version="0.1.0", message_text=True, rows={"messages": 3},
...     files={}, dropped={}, content="diff", other_files={}, notes=[], kind="zip")
>>> Manifest.from_json(m.to_json()) == m
True
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from tiekeeper.errors import ArchiveFormatError

__all__ = ["FORMAT_VERSION", "MANIFEST", "Manifest", "source_digest"]

#: The archive format this tiekeeper writes; a snapshot of a newer one is refused.
#: 2: messages keep one dense combination code ``_combo``
#: (:func:`tiekeeper.io.combos.combination_code`) in place of the parser's
#: ``_combo_raw`` and ``_combo_file``, and the columns it determines once per
#: combination (``combos-messages``); format 1 snapshots still load.
#: 3: messages keep a dense conversation code ``_conv`` in place of
#: ``conversation_id``, whose ids are stored once (``conversations-messages``),
#: and their ``content`` (diff or whole) beside the text in ``complete-messages``;
#: formats 1 and 2 still load.
FORMAT_VERSION = 3
MANIFEST = "manifest.json"


@dataclasses.dataclass(frozen=True)
class Manifest:
    """What one snapshot holds (``manifest.json``).

    :func:`~tiekeeper.archive.add` writes it last, after every Parquet file;
    :func:`~tiekeeper.archive.snapshots` and :func:`~tiekeeper.archive.list_snapshots`
    read it, and a reader checks each file's size against it before loading.

    Parameters
    ----------
    format_version : int
        :data:`FORMAT_VERSION` of the tiekeeper that wrote it.
    export_date : str or None
        ISO date of the export.
    owner_names, owner_urls : list of str
        The owner, as inferred when it was added.
    categories : dict of str to str
        ``Export.categories``: present, absent or empty.
    source_blake2b : str
        The blake2b of the zip (or of the folder's files): the same export is stored once.
    source_name : str
        The file or folder name it was added from.
    tiekeeper_version : str
        The version of tiekeeper that wrote it.
    message_text : bool
        False for ``--no-message-text``: no message content is stored.
    rows : dict of str to int
        Rows of every stored frame.
    files : dict of str to int
        Size in bytes of every Parquet file.
    dropped : dict of str to list
        Per frame, the identity columns left out (all null when parsed) and their positions.
    content : str
        How messages' ``content`` is kept: ``'diff'``, only where it differs from
        ``text``; ``'whole'``, all of it (when a null content lies beside a text,
        which a diff could not restore); both in
        ``complete-messages`` beside the text from format 3 (in ``frame-messages``
        before); ``'none'``, as parsed in ``frame-messages`` (no text was
        completed) or, with ``message_text`` False, not at all.
    other_files : dict of str to str
        Parquet file → the unknown CSV it holds.
    notes : list of str
        The reader's notes.
    kind : str
        What was added: ``'zip'``, ``'folder'`` ….
    date_from_data : bool
        The export's name carries no date: ``export_date`` is its newest timestamp.
    combos : dict of str to list
        Per frame, the columns stored once per combination (``combos-<name>``)
        and their positions (:func:`~tiekeeper.archive.frames.split_combos`).
    conversations : dict of str to int
        Per frame, the position of ``conversation_id``, whose ids are stored
        once (``conversations-<name>``) and coded per row
        (:func:`~tiekeeper.archive.frames.split_conversations`).

    Examples
    --------
    >>> import tempfile, tiekeeper
    >>> from tiekeeper.archive import add
    >>> with tempfile.TemporaryDirectory() as d:
    ...     m = add(tiekeeper.sample_path(), archive=d).manifest
    >>> m.export_date, m.owner_names, m.message_text, m.rows["frame-connections"]
    ('2025-03-14', ['Emil Alderfeather'], True, 300)
    """

    format_version: int
    export_date: str | None
    owner_names: list[str]
    owner_urls: list[str]
    categories: dict[str, str]
    source_blake2b: str
    source_name: str
    tiekeeper_version: str
    message_text: bool
    rows: dict[str, int]
    files: dict[str, int]
    dropped: dict[str, list[Any]]
    content: str
    other_files: dict[str, str]
    notes: list[str]
    kind: str
    date_from_data: bool = False
    combos: dict[str, list[Any]] = dataclasses.field(default_factory=dict)
    conversations: dict[str, int] = dataclasses.field(default_factory=dict)

    def to_json(self) -> bytes:
        """The manifest as UTF-8 JSON (what ``manifest.json`` holds).

        Returns
        -------
        bytes
            Indented JSON of every field; :meth:`from_json` reads it back.

        Examples
        --------
        >>> m = Manifest(format_version=1, export_date="2025-03-14", owner_names=["Ada"],
        ...     owner_urls=[], categories={}, source_blake2b="ab", source_name="x.zip",
        ...     tiekeeper_version="0.1.0", message_text=False, rows={}, files={},
        ...     dropped={}, content="none", other_files={}, notes=[], kind="zip")
        >>> import json
        >>> json.loads(m.to_json())["message_text"]
        False
        """
        return json.dumps(dataclasses.asdict(self), indent=1, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, data: bytes, where: str = "manifest.json") -> Manifest:
        """Parse a manifest; a newer format raises :class:`ArchiveFormatError`.

        Fields this tiekeeper does not know (written by a newer one in the same
        format) are ignored.

        Parameters
        ----------
        data : bytes
            The content of a ``manifest.json``.
        where : str
            The manifest's path, named in the error message.

        Returns
        -------
        Manifest
            The parsed manifest.

        Raises
        ------
        ArchiveFormatError
            The snapshot was written in a newer archive format.
        ValueError, KeyError, TypeError
            The manifest is not valid (the snapshot is damaged).

        Examples
        --------
        >>> Manifest.from_json(b'{"format_version": 99, "tiekeeper_version": "9.0"}')
        Traceback (most recent call last):
        ...
        tiekeeper.errors.ArchiveFormatError: manifest.json is in archive format 99, ...
        """
        raw = json.loads(data)
        version = int(raw["format_version"])
        if version > FORMAT_VERSION:
            raise ArchiveFormatError(
                f"{where} is in archive format {version}, written by tiekeeper "
                f"{raw.get('tiekeeper_version', '?')}; this tiekeeper reads format "
                f"{FORMAT_VERSION} or older. Upgrade tiekeeper (pip install -U tiekeeper) "
                "to read it"
            )
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in fields})


def source_digest(path: str | os.PathLike[str]) -> str:
    """blake2b (256 bits, hex) of a zip or single file, or of a folder's files and names.

    Examples
    --------
    >>> import tiekeeper
    >>> len(source_digest(tiekeeper.sample_path()))
    64
    """
    p = Path(path)
    h = hashlib.blake2b(digest_size=32)
    if p.is_file():
        with open(p, "rb") as fh:
            return hashlib.file_digest(fh, lambda: h).hexdigest()
    for f in sorted(q for q in p.rglob("*") if q.is_file()):
        h.update(f.relative_to(p).as_posix().encode() + b"\0")
        with open(f, "rb") as fh:
            h.update(hashlib.file_digest(fh, "blake2b").digest())
    return h.hexdigest()
