"""The :class:`Export`: every frame of one LinkedIn export, plus what was learnt reading it.

Examples
--------
>>> Export.FRAMES[:3]
('connections', 'messages', 'invitations')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.io.categories import Status, categories
from tiekeeper.io.deferred import Deferred, resolve
from tiekeeper.io.owner import Owner

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Export", "Owner", "as_export"]


def as_export(value: Any) -> Any:
    """An Export as it is, or a :class:`~tiekeeper.history.History`'s merged record.

    Every public function that takes an Export also takes a History this way.

    Examples
    --------
    >>> as_export(5)
    5
    """
    merged = getattr(type(value), "merged", None)
    return value.merged if merged is not None and hasattr(value, "snapshots") else value


@dataclasses.dataclass(frozen=True, eq=False)
class Export:
    """One LinkedIn data export, parsed.

    Every frame follows ``tiekeeper.schema.SCHEMAS[name]`` exactly (column
    order included); :func:`tiekeeper.schema.describe` documents each column.
    :func:`tiekeeper.load_export` builds it; the fields below are also its
    attributes.

    Parameters
    ----------
    connections, messages, invitations, positions, education, skills : polars.DataFrame
        One frame per export file (empty, with the full schema, when the file
        is absent).
    endorsements_received, endorsements_given : polars.DataFrame
        As above.
    recommendations_received, recommendations_given, profile, contacts : polars.DataFrame
        As above.
    parse_report : polars.DataFrame
        One row per file found, including unknown and ignored files.
    rejected : polars.DataFrame
        Every record that was not parsed, with file, line and reason.
    other_messages : polars.DataFrame
        Coach and AI message files, in the ``messages`` schema; never interactions.
    other_files : dict of str to polars.DataFrame
        Unknown CSV files, read generically as strings.
    owner : Owner
        The owner's names and profile URLs.
    export_date : datetime.date or None
        From the archive or folder name, else the newest timestamp in the data.
    as_of : datetime.datetime
        "Now" for every analysis: aware UTC, the end of the export day by default.
    source : str
        The path given to :func:`~tiekeeper.io.load_export`.
    notes : tuple of str
        Decisions the reader took (which export of several, where the date came from).
    id_aliases : mapping of str to str
        In a History's merged record: older person ids and profile URLs mapped to
        the canonical (latest) ``person_id``. Empty for a single export.
    text_flags : polars.DataFrame or None
        For a snapshot archived without message text: a digest of each text and
        the flags derived from it, row for row with ``messages``; None otherwise.

    Attributes
    ----------
    people : polars.DataFrame
        One row per real person across every file (not Contacts, not the owner).
        Built on first access (a property), then kept.
    interactions : polars.DataFrame
        The event table scoring builds on. Built on first access, then kept.

    Other Parameters
    ----------------
    _people, _interactions : polars.DataFrame or Deferred
        The ``people`` and ``interactions`` frames, or a
        :class:`~tiekeeper.io.deferred.Deferred` that builds each on first access
        (keyword only; the loader passes them).

    Examples
    --------
    >>> import tiekeeper
    >>> export = tiekeeper.load_export()  # the bundled, fictional sample
    >>> export.owner.name, export.export_date.isoformat()
    ('Emil Alderfeather', '2025-03-14')
    >>> export.connections.height, export.people.height
    (300, 320)
    """

    FRAMES = (
        "connections",
        "messages",
        "invitations",
        "positions",
        "education",
        "skills",
        "endorsements_received",
        "endorsements_given",
        "recommendations_received",
        "recommendations_given",
        "profile",
        "contacts",
        "people",
        "interactions",
        "parse_report",
        "rejected",
        "other_messages",
    )

    connections: pl.DataFrame
    messages: pl.DataFrame
    invitations: pl.DataFrame
    positions: pl.DataFrame
    education: pl.DataFrame
    skills: pl.DataFrame
    endorsements_received: pl.DataFrame
    endorsements_given: pl.DataFrame
    recommendations_received: pl.DataFrame
    recommendations_given: pl.DataFrame
    profile: pl.DataFrame
    contacts: pl.DataFrame
    parse_report: pl.DataFrame
    rejected: pl.DataFrame
    other_messages: pl.DataFrame
    other_files: dict[str, pl.DataFrame]
    owner: Owner
    export_date: dt.date | None
    as_of: dt.datetime
    source: str
    notes: tuple[str, ...] = ()
    #: In a History's merged record: older person ids and profile URLs of people whose
    #: id changed across exports, mapped to their canonical (latest) ``person_id``; the
    #: state file resolves such an alias to its person. Empty for a single export.
    id_aliases: Mapping[str, str] = dataclasses.field(default_factory=dict, repr=False)
    #: For a snapshot archived without message text (``archive add --no-message-text``):
    #: a digest of each text and the flags judgement derives from it, row for row with
    #: ``messages`` (:mod:`tiekeeper.archive.textless`); None otherwise.
    text_flags: pl.DataFrame | None = dataclasses.field(default=None, repr=False)
    # people and interactions: a frame, or a Deferred that builds it on first access
    _people: pl.DataFrame | Deferred[pl.DataFrame] = dataclasses.field(kw_only=True, repr=False)
    _interactions: pl.DataFrame | Deferred[pl.DataFrame] = dataclasses.field(
        kw_only=True, repr=False
    )

    @property
    def people(self) -> pl.DataFrame:
        """One row per real person across every file (built on first access).

        Examples
        --------
        >>> import tiekeeper
        >>> people = tiekeeper.load_export().people
        >>> people.height, people.columns[:2]
        (320, ['person_id', 'name'])
        """
        return resolve(self._people)

    @property
    def interactions(self) -> pl.DataFrame:
        """The event table scoring builds on (built on first access).

        Examples
        --------
        >>> import tiekeeper
        >>> events = tiekeeper.load_export().interactions
        >>> events.height, events.columns[:3]
        (3430, ['person_id', 'time', 'kind'])
        """
        return resolve(self._interactions)

    @property
    def categories(self) -> dict[str, Status]:
        """Which data categories the export holds: ``present``, ``absent`` or ``empty``.

        Keys are :data:`tiekeeper.io.categories.CATEGORIES` (connections,
        messages, invitations, positions, endorsements, recommendations,
        profile). A partial export (LinkedIn lets you request only some
        categories; a Basic archive can hold only Connections.csv) lacks some:
        sections that need them say so instead of drawing a conclusion.

        Examples
        --------
        >>> import tiekeeper
        >>> tiekeeper.load_export().categories["messages"]
        'present'
        """
        return categories(self.parse_report)

    def with_as_of(self, as_of: AsOf) -> Export:
        """A copy with another ``as_of`` (the frames are shared, not copied).

        Parameters
        ----------
        as_of : datetime.date, datetime.datetime or str
            A date, an aware datetime or an ISO string; see
            :func:`tiekeeper.asof.resolve_as_of`.

        Returns
        -------
        Export
            The same export, with ``as_of`` replaced.

        Examples
        --------
        >>> import tiekeeper
        >>> export = tiekeeper.load_export()
        >>> str(export.with_as_of("2025-01-01").as_of)
        '2025-01-01 23:59:59.999999+00:00'
        >>> str(export.as_of)  # the original is unchanged
        '2025-03-14 23:59:59.999999+00:00'
        """
        return dataclasses.replace(self, as_of=resolve_as_of(as_of, self.as_of))

    def frame(self, name: str) -> pl.DataFrame:
        """A frame by name (one of :attr:`FRAMES`).

        Parameters
        ----------
        name : str
            The frame's name, such as ``"connections"``.

        Returns
        -------
        polars.DataFrame
            The frame, the same object as the attribute of that name.

        Raises
        ------
        ParameterError
            When ``name`` is not in :attr:`FRAMES`.

        Examples
        --------
        >>> import tiekeeper
        >>> tiekeeper.load_export().frame("connections").height
        300
        """
        if name not in self.FRAMES:
            from tiekeeper.errors import ParameterError

            raise ParameterError(f"name={name!r} is not a frame; expected one of {self.FRAMES}")
        frame: pl.DataFrame = getattr(self, name)
        return frame

    def to_pandas(self, name: str | None = None) -> pd.DataFrame | dict[str, pd.DataFrame]:
        """One frame as pandas, or a dict of all frames (needs pandas and pyarrow).

        Parameters
        ----------
        name : str, optional
            A name from :attr:`FRAMES`; ``None`` converts them all.

        Returns
        -------
        pandas.DataFrame or dict of str to pandas.DataFrame
            The named frame, or every frame of :attr:`FRAMES` by name.

        Raises
        ------
        MissingDependencyError
            When pandas or pyarrow is not installed.
        ParameterError
            When ``name`` is not in :attr:`FRAMES`.

        Examples
        --------
        >>> import tiekeeper
        >>> export = tiekeeper.load_export()
        >>> export.to_pandas("connections").shape[0]
        300
        >>> len(export.to_pandas()) == len(export.FRAMES)
        True
        """
        from tiekeeper.errors import require_pandas

        require_pandas()
        if name is not None:
            return self.frame(name).to_pandas()
        return {n: self.frame(n).to_pandas() for n in self.FRAMES}

    def summary(self) -> str:
        """A short human summary: owner, dates, counts per frame and files with problems.

        Returns
        -------
        str
            Several lines of plain text, the first naming the export's source.

        Examples
        --------
        >>> import tiekeeper
        >>> text = tiekeeper.load_export().summary()
        >>> text.startswith("LinkedIn export: ") and "Emil Alderfeather" in text
        True
        """
        from tiekeeper.io.summary import summarize

        return summarize(self)

    def __repr__(self) -> str:
        return (
            f"Export(source={self.source!r}, owner={self.owner.name!r}, "
            f"export_date={self.export_date}, connections={self.connections.height}, "
            f"messages={self.messages.height}, people={self.people.height})"
        )

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:  # IPython
        p.text(self.summary())
