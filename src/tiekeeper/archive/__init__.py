"""The snapshot archive: keep each export in a compact form, so the old zip need not be kept.

``tiekeeper archive add EXPORT`` (:func:`add`) stores the parsed frames of an
export as Parquet plus a manifest, in a private folder (:func:`archive_path`);
:func:`load_archive`, ``load_history(archive=True)`` and ``tiekeeper changes
NEW`` read them back, rebuilding identities, people, interactions and scores
with the current code. It is opt-in: nothing is written there except by
:func:`add` and :func:`remove`. It holds your own messages (unless added with
``message_text=False``).

Examples
--------
>>> import tempfile, tiekeeper
>>> with tempfile.TemporaryDirectory() as d:
...     _ = add(tiekeeper.sample_path(), archive=d)
...     table = list_snapshots(d)
...     export = load_archive(d)[0]
>>> table["connections"].to_list(), export.connections.height
([300], 300)
"""

from __future__ import annotations

from tiekeeper.archive.location import ENV_VAR, archive_path
from tiekeeper.archive.manifest import FORMAT_VERSION, Manifest
from tiekeeper.archive.read import list_snapshots, load_archive, load_snapshot, snapshots
from tiekeeper.archive.remove import remove
from tiekeeper.archive.write import AddResult, add

__all__ = [
    "ENV_VAR",
    "FORMAT_VERSION",
    "AddResult",
    "Manifest",
    "add",
    "archive_path",
    "list_snapshots",
    "load_archive",
    "load_snapshot",
    "remove",
    "snapshots",
]
