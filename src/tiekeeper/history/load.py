"""Several exports of one person, in date order: :func:`load_history` and :class:`History`.

Users download their LinkedIn archive again and again. Side by side, two
archives show who moved, who joined and who left
(:func:`tiekeeper.changes`). :func:`load_history` loads zips or folders in any
order, checks that one person owns them all, drops an export given twice, and
sorts them by export date.

Examples
--------
>>> import tiekeeper
>>> h = load_history([tiekeeper.sample_path(), tiekeeper.sample_path()])
>>> len(h.snapshots), any(n.startswith("the same export was given twice") for n in h.notes)
(1, True)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiekeeper.errors import ParameterError
from tiekeeper.io.deferred import Deferred
from tiekeeper.keys import name_key

if TYPE_CHECKING:
    from tiekeeper.io import Export, Owner

__all__ = ["History", "OwnerMismatchError", "history_of", "load_history", "same_owner"]


class OwnerMismatchError(ParameterError):
    """Exports of different people were given to :func:`load_history`.

    Examples
    --------
    >>> issubclass(OwnerMismatchError, ParameterError)
    True
    """


@dataclass(frozen=True)
class History:
    """Exports of one person, oldest first.

    :func:`load_history` builds it; the fields below are also its attributes.

    Parameters
    ----------
    snapshots : tuple of Export
        Sorted by export date.
    notes : tuple of str
        Decisions taken while loading (an export given twice, dates taken from
        the data).
    _merged : Deferred of Export, optional
        What builds :attr:`merged` (by default, merging ``snapshots`` on first
        access).

    Examples
    --------
    >>> import tiekeeper
    >>> from tiekeeper.datasets import sample_history_path
    >>> history = tiekeeper.load_history(sample_history_path())
    >>> history
    History(owner='Rhea Heronfeather', snapshots=[2023-09-15, 2024-06-14, 2025-03-14])
    >>> len(history.snapshots)
    3
    """

    snapshots: tuple[Export, ...]
    notes: tuple[str, ...] = ()
    _merged: Deferred[Export] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._merged is None:
            snaps = list(self.snapshots)

            def merge() -> Export:
                from tiekeeper.history.merge import merge_exports

                return merge_exports(snaps)

            object.__setattr__(self, "_merged", Deferred(merge))

    @property
    def merged(self) -> Export:
        """An :class:`~tiekeeper.io.Export` holding the whole record (built on first access).

        Every message of every snapshot once, every person once under the latest
        id, removals dated (:mod:`tiekeeper.history.merge`).

        Examples
        --------
        >>> import tiekeeper
        >>> from tiekeeper.datasets import sample_history_path
        >>> history = tiekeeper.load_history(sample_history_path())
        >>> history.merged.connections.height, history.latest.connections.height
        (150, 146)
        """
        assert self._merged is not None  # set by __post_init__
        return self._merged.get()

    @property
    def latest(self) -> Export:
        """The newest export.

        Examples
        --------
        >>> import tiekeeper
        >>> from tiekeeper.datasets import sample_history_path
        >>> tiekeeper.load_history(sample_history_path()).latest.export_date.isoformat()
        '2025-03-14'
        """
        return self.snapshots[-1]

    @property
    def export_dates(self) -> list[dt.date | None]:
        """The export date of each snapshot, oldest first.

        Examples
        --------
        >>> import tiekeeper
        >>> from tiekeeper.datasets import sample_history_path
        >>> history = tiekeeper.load_history(sample_history_path())
        >>> [d.isoformat() for d in history.export_dates]
        ['2023-09-15', '2024-06-14', '2025-03-14']
        """
        return [s.export_date for s in self.snapshots]

    def __repr__(self) -> str:
        dates = ", ".join(str(d) for d in self.export_dates)
        return f"History(owner={self.latest.owner.name!r}, snapshots=[{dates}])"


def same_owner(a: Owner, b: Owner) -> bool:
    """Whether two exports' owners are one person: a shared profile URL or, without URLs, name.

    Parameters
    ----------
    a, b : Owner
        The owners of two exports.

    Returns
    -------
    bool
        True when both have profile URLs and share one, or when either lacks
        URLs and their names share a key (or either has no name at all).

    Examples
    --------
    >>> from tiekeeper.io import Owner
    >>> u = "https://www.linkedin.com/in/ada"
    >>> same_owner(Owner(("Ada X",), (u,)), Owner(("Ada Y",), (u,)))
    True
    >>> same_owner(Owner(("Ada X",), ()), Owner(("Bo Z",), ()))
    False
    """
    ua, ub = set(a.profile_urls), set(b.profile_urls)
    if ua and ub:
        return bool(ua & ub)
    na = {k for k in map(name_key, a.names) if k}
    nb = {k for k in map(name_key, b.names) if k}
    return bool(na & nb) or not (na and nb)


def _snapshots_in(path: Any) -> list[Path]:
    """The dated exports (folders or zips) directly inside a folder, if it holds two or more."""
    from tiekeeper.io.archive import date_from_name

    folder = Path(os.path.expanduser(os.fspath(path)))
    if not folder.is_dir():
        return []
    found = [
        p
        for p in sorted(folder.iterdir())
        if (p.is_dir() or p.suffix.lower() == ".zip") and date_from_name(p.name) is not None
    ]
    return found if len(found) >= 2 else []


def _fingerprint(export: Any) -> tuple[Any, ...]:
    rows = export.parse_report.select("file", "rows_read").sort("file").rows()
    return (export.export_date, tuple(rows))


def load_history(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    *,
    archive: bool | str | os.PathLike[str] | None = None,
    allow_other_owners: bool = False,
    **load_kwargs: Any,
) -> History:
    """Load several exports of one person, in any order.

    Parameters
    ----------
    paths : iterable of path, or one folder, optional
        Zips or folders, as :func:`tiekeeper.load_export` takes them; or one
        folder that holds two or more dated exports (``…_03-14-2025`` folders
        or zips), each a snapshot.
    archive : bool or path, optional
        Also load every snapshot of the archive (:mod:`tiekeeper.archive`):
        ``True`` for the default archive (``TIEKEEPER_ARCHIVE`` or the user
        data folder), or the archive's folder. A snapshot that is also given
        as a zip counts once; damaged snapshots are skipped with a warning.
    allow_other_owners : bool
        Accept exports whose owners differ (normally an error).
    **load_kwargs
        Passed to :func:`tiekeeper.load_export` (``owner=``, ``strict=`` …);
        archived snapshots take ``as_of=`` and ``owner=``.

    Returns
    -------
    History
        The exports (given and archived), oldest first, each once, with the
        notes taken while loading them.

    Raises
    ------
    OwnerMismatchError
        Two exports belong to different people; the message names both.
    ParameterError
        No path was given and the archive holds no snapshot.
    ExportError
        A path is not a LinkedIn export (as :func:`tiekeeper.load_export`).

    Examples
    --------
    One folder that holds dated exports (here the bundled, fictional history):

    >>> import tiekeeper
    >>> from tiekeeper.datasets import sample_history_path
    >>> history = tiekeeper.load_history(sample_history_path())
    >>> [e.export_date.isoformat() for e in history.snapshots]
    ['2023-09-15', '2024-06-14', '2025-03-14']

    Paths in any order; an export given twice counts once, with a note:

    >>> paths = sorted(sample_history_path().glob("*_LinkedInDataExport_*"))
    >>> history = tiekeeper.load_history([paths[2], paths[0], paths[0]])
    >>> len(history.snapshots), history.latest.export_date.isoformat()
    (2, '2025-03-14')
    """
    from tiekeeper.io import load_export

    if paths is None:
        given: Sequence[Any] = []
    elif isinstance(paths, str | os.PathLike):
        given = [paths]
    else:
        given = list(paths)
    if len(given) == 1:
        given = _snapshots_in(given[0]) or given
    archived: list[Export] = []
    if archive is not None and archive is not False:
        from tiekeeper.archive import archive_path, load_archive

        where = None if archive is True else archive
        kw = {k: v for k, v in load_kwargs.items() if k in ("as_of", "owner")}
        archived = load_archive(where, **kw)
        if not archived and not given:
            raise ParameterError(
                f"the archive {archive_path(where)} holds no snapshot and no path was given; "
                "add exports with 'tiekeeper archive add EXPORT' or pass their paths"
            )
    if not given and not archived:
        raise ParameterError("paths is empty; pass two or more export zips or folders")
    exports = archived + [load_export(p, **load_kwargs) for p in given]
    return history_of(exports, allow_other_owners=allow_other_owners)


def history_of(exports: Sequence[Export], *, allow_other_owners: bool = False) -> History:
    """A :class:`History` of loaded exports: one owner, each export once, by date.

    :func:`load_history` calls it on the exports it loads (and on the archived
    snapshots); call it yourself to combine exports you have already loaded.

    Parameters
    ----------
    exports : sequence of Export
        At least one export, in any order. The same export given twice (same
        export date and frames) counts once, with a note.
    allow_other_owners : bool
        Combine exports whose owners differ instead of raising.

    Returns
    -------
    History
        The exports, oldest first, and the notes taken while combining them.

    Raises
    ------
    OwnerMismatchError
        Two exports belong to different people.

    Examples
    --------
    >>> import tiekeeper
    >>> export = tiekeeper.load_export()
    >>> history = history_of([export, export])
    >>> len(history.snapshots), history.notes[-1].endswith("it counts once")
    (1, True)
    """
    notes: list[str] = []
    first = exports[0]
    for other in exports[1:]:
        if not allow_other_owners and not same_owner(first.owner, other.owner):
            raise OwnerMismatchError(
                f"{first.source} belongs to {first.owner.name!r} but {other.source} to "
                f"{other.owner.name!r}; pass exports of one person, or "
                "allow_other_owners=True"
            )
    kept: dict[tuple[Any, ...], Any] = {}
    for e in exports:
        key = _fingerprint(e)
        if key in kept:
            notes.append(f"the same export was given twice ({kept[key].source} and {e.source}); "
                         "it counts once")  # fmt: skip
            continue
        kept[key] = e
        for n in e.notes:
            if n.startswith("export date") and "newest timestamp" in n:
                notes.append(f"{e.source}: {n}")
    snaps = tuple(sorted(kept.values(), key=lambda e: (e.export_date or dt.date.min, e.source)))
    return History(snaps, tuple(notes))
