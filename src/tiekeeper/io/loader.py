"""``load_export``: read a LinkedIn export into an :class:`~tiekeeper.io.Export`.

The steps: open the zip/folder/file (:mod:`~tiekeeper.io.archive`), read
every file with its parser and build the parse report
(:mod:`~tiekeeper.io.files`), infer the owner (:mod:`~tiekeeper.io.owner`), resolve identities
(:mod:`~tiekeeper.io.people`), finish messages (:mod:`~tiekeeper.io.threads`)
and build the event table (:mod:`~tiekeeper.io.interactions`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

import polars as pl

from tiekeeper.asof import AsOf, end_of_day, resolve_as_of
from tiekeeper.errors import ParameterError
from tiekeeper.io.archive import (
    DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_RATIO,
    DEFAULT_MAX_UNCOMPRESSED_BYTES,
    Member,
    open_export,
)
from tiekeeper.io.combos import Combos, identity_combos
from tiekeeper.io.deferred import Deferred
from tiekeeper.io.export import Export
from tiekeeper.io.files import Completion, Report, Row, read_group, read_unknown
from tiekeeper.io.interactions import build_interactions
from tiekeeper.io.kinds import classify_senders, is_linkedin_name
from tiekeeper.io.namesakes import namesake_ids
from tiekeeper.io.owner import Owner, conversation_tokens, given_owner, infer_owner
from tiekeeper.io.people import Resolver, build_people, collect_observations
from tiekeeper.io.registry import FileParser, lookup, parsers
from tiekeeper.io.rejoin import known_name_keys, rejoin_lists
from tiekeeper.io.threads import finish_messages
from tiekeeper.schema import empty_frame, polars_schema

__all__ = ["ParsedExport", "finish_export", "load_export", "read_parsed", "sample_path"]

_OTHER_MESSAGES = (
    "coach_messages",
    "learning_coach_messages",
    "learning_role_play_messages",
    "guide_messages",
)


def sample_path() -> Path:
    """Where the bundled sample export lives (``data/sample`` or the packaged copy)."""
    try:
        from tiekeeper.datasets import sample_path as _datasets_sample_path

        return Path(_datasets_sample_path())
    except (ImportError, AttributeError):
        pass
    repo = Path(__file__).resolve().parents[3] / "data" / "sample"
    if repo.is_dir() and any(repo.iterdir()):
        return repo
    from importlib.resources import files

    return Path(str(files("tiekeeper") / "_data" / "sample"))


def _newest(frames: dict[str, pl.DataFrame]) -> dt.date | None:
    found: list[dt.datetime | dt.date] = []
    for name, col in (
        ("messages", "time"),
        ("invitations", "sent_at"),
        ("endorsements_received", "time"),
        ("endorsements_given", "time"),
        ("recommendations_received", "created_at"),
        ("recommendations_given", "created_at"),
        ("connections", "connected_on"),
    ):
        v = frames[name][col].max()
        if isinstance(v, dt.datetime | dt.date):
            found.append(v)
    days = [v.date() if isinstance(v, dt.datetime) else v for v in found]
    return max(days) if days else None


def _read_groups(
    registry: dict[str, FileParser],
    groups: dict[str, list[Member]],
    report: Report,
    strict: bool,
    completer: Executor,
) -> tuple[dict[str, pl.DataFrame], dict[str, Completion]]:
    """Read every group of files: the largest on this thread, the others meanwhile.

    The largest group (messages.csv, hundreds of MB) is inflated on this
    thread, which leaves a core free: the small files are read in one worker
    thread alongside it. The largest group's ``complete`` columns are
    computed in ``completer``. Frames come back in registry order.
    """
    names = [n for n in registry if n in groups]
    if not names:
        return {}, {}
    big = max(names, key=lambda n: sum(m.size for m in groups[n]))
    small = [n for n in names if n != big]

    def read_small() -> dict[str, tuple[pl.DataFrame, Completion | None]]:
        return {n: read_group(registry[n], groups[n], report, strict) for n in small}

    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(read_small)
        try:
            done = {big: read_group(registry[big], groups[big], report, strict, completer)}
        except BaseException:
            wait([pending])  # let the worker finish; this error is the one raised
            raise
        done.update(pending.result())  # re-raises an error of the small files
    frames = {n: done[n][0] for n in names}
    return frames, {n: c for n in names if (c := done[n][1]) is not None}


def _kinds(
    messages: pl.DataFrame, connection_ids: pl.Series, obs: pl.DataFrame, resolver: Resolver
) -> pl.DataFrame:
    """Non-person senders (:func:`classify_senders`) plus anyone named as a LinkedIn account."""
    kinds = classify_senders(messages, connection_ids)
    named = obs.filter(is_linkedin_name(obs["name"]))
    if named.height == 0:
        return kinds
    ids = resolver.resolve(named["url"], named["name"]).drop_nulls().unique()
    extra = (
        pl.DataFrame({"person_id": ids.filter(~ids.is_in(kinds["person_id"].implode()))})
        .with_columns(kind=pl.lit("linkedin"), kind_evidence=pl.lit(["linkedin name"]))
        .cast(kinds.schema)
    )
    return pl.concat([kinds, extra]).sort("person_id")


def _note_kinds(report: Report, kinds: pl.DataFrame) -> None:
    """Count the non-person senders in the notes of the messages file's report row."""
    if kinds.height == 0:
        return
    by = dict(kinds.group_by("kind").len().iter_rows())
    parts = [
        f"{by[k]} {label}"
        for k, label in (("linkedin", "LinkedIn account(s)"), ("organisation", "organisation(s)"))
        if by.get(k)
    ]
    note = (
        f"{' and '.join(parts)} among the senders (people.kind): kept in people, never "
        "counted as relationships"
    )
    for row in report.rows:
        if row.logical_name == "messages":
            row.notes.append(note)
            break


def _rejoin_recipients(
    frames: dict[str, pl.DataFrame], msgs: pl.DataFrame, combos: Combos
) -> tuple[pl.DataFrame, Combos]:
    """Rejoin recipient names that the export knows whole (:mod:`~tiekeeper.io.rejoin`)."""
    if combos.row_combo is None:
        return msgs, combos
    c = combos.frame
    profile = frames["profile"]
    known = known_name_keys(
        [
            frames["connections"]["name"],
            c.filter(pl.col("sender_url").is_not_null())["sender_name"],
            pl.Series(
                [
                    f"{r['first_name'] or ''} {r['last_name'] or ''}"
                    for r in profile.rows(named=True)
                ],
                dtype=pl.String,
            ),
        ]
    )
    new = rejoin_lists(c, known)
    if new is None:
        return msgs, combos
    rows = combos.row_combo
    msgs = msgs.with_columns(
        new["recipient_names"].gather(rows).alias("recipient_names"),
        new["_names_key"].gather(rows).alias("_names_key"),
    )
    return msgs, Combos(new, rows)


def _owner(
    frames: dict[str, pl.DataFrame], msgs: pl.DataFrame, combos: Combos, other: pl.DataFrame
) -> Owner:
    """:func:`infer_owner` from the parsed frames and the message combinations."""
    # conversations are found only when message coverage decides
    convs = (
        None
        if combos.row_combo is None
        else functools.partial(conversation_tokens, msgs, combos.frame, combos.row_combo)
    )
    return infer_owner(
        frames["invitations"],
        combos.frame,
        other,
        frames["profile"],
        convs,
        connections=frames["connections"],
    )


def _identities(
    frames: dict[str, pl.DataFrame],
    given: Owner | None = None,
    message_combos: pl.DataFrame | None = None,
) -> tuple[Owner, pl.DataFrame, Resolver, list[str]]:
    """Infer the owner, resolve identities and fill the person columns, in ``frames``.

    Only messages and connections: the other frames of :data:`_PERSON_FRAMES`
    are filled by :func:`_fill_person_ids` (while the kinds are found).

    ``frames["messages"]`` gets its owner-dependent columns and
    ``frames["other_messages"]`` holds the coach and AI messages, finished.
    Returns the owner, the people observations, the resolver and the owner's ids.
    """
    msgs = frames["messages"]
    others = [frames[n] for n in _OTHER_MESSAGES if n in frames and frames[n].height]
    other = pl.concat(others, how="vertical") if others else empty_frame("messages")
    # found once for the owner, observations and messages
    combos = identity_combos(msgs, message_combos)
    msgs, combos = _rejoin_recipients(frames, msgs, combos)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # the owner is inferred while the people observations are collected:
        # neither needs the other, and polars releases the GIL
        found = (
            None if given is not None else pool.submit(_owner, dict(frames), msgs, combos, other)
        )
        # namesake connections (no URL, one name, another company or date) key apart
        ns_ids, ns_keys = namesake_ids(frames["connections"])
        frames["connections"] = frames["connections"].with_columns(ns_ids)
        obs = collect_observations(frames, combos.frame)
        resolver = Resolver.from_observations(obs["url"], obs["name"], namesakes=ns_keys)
        owner = found.result() if found is not None else (given or Owner())
    owner_ids = sorted(
        set(owner.person_ids) | {i for i in (resolver.name_pid(n) for n in owner.names) if i}
    )
    frames["messages"] = finish_messages(msgs, owner, resolver, combos)
    del msgs, combos
    frames["other_messages"] = finish_messages(other, owner, resolver)
    _fill_person_ids(frames, resolver, ("connections",))
    return owner, obs, resolver, owner_ids


#: The frames whose ``person_id`` is filled by the resolver, messages aside.
_PERSON_FRAMES = (
    "connections",
    "endorsements_received",
    "endorsements_given",
    "invitations",
    "recommendations_received",
    "recommendations_given",
)


def _fill_person_ids(
    frames: dict[str, pl.DataFrame], resolver: Resolver, names: tuple[str, ...]
) -> None:
    """Fill ``person_id`` of the frames ``names`` (of :data:`_PERSON_FRAMES`), in ``frames``."""
    for name in names:
        f = frames[name]
        if name == "invitations":  # the other side of each invitation
            out = f["direction"] == "OUTGOING"
            url = pl.select(pl.when(out).then(f["invitee_url"]).otherwise(f["inviter_url"]))
            who = pl.select(pl.when(out).then(f["to_name"]).otherwise(f["from_name"]))
            frames[name] = f.with_columns(resolver.resolve(url.to_series(), who.to_series()))
        elif name.startswith("recommendations"):  # names only
            nulls = pl.repeat(None, f.height, dtype=pl.String, eager=True)
            frames[name] = f.with_columns(resolver.resolve(nulls, f["name"]))
        else:
            found = resolver.resolve(f["profile_url"], f["name"])
            frames[name] = f.with_columns(pl.coalesce(f["person_id"], found).alias("person_id"))


def load_export(
    path: str | os.PathLike[str] | None = None,
    *,
    as_of: AsOf = None,
    strict: bool = False,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_ratio: float = DEFAULT_MAX_RATIO,
    owner: str | Sequence[str] | None = None,
) -> Export:
    """Read a LinkedIn data export.

    Parameters
    ----------
    path : str or os.PathLike, optional
        The export zip (read in memory, never extracted), its extracted
        folder (with or without a wrapping folder), a folder holding several
        exports (the newest is loaded), or a single CSV file. ``None`` loads
        the bundled, fictional sample.
    as_of : datetime.date, aware datetime.datetime or str, optional
        "Now" for every analysis, as a date, an aware datetime or an ISO date
        str; defaults to the end of the export day (never the wall clock).
    strict : bool
        Raise :class:`~tiekeeper.errors.ExportFileError` for a file that is
        not a table or cannot be read, instead of recording it in
        ``parse_report``. Empty and header-only files are never errors:
        LinkedIn writes them itself.
    max_uncompressed_bytes, max_members : int
        Zip-bomb limits (bytes inflated in all, files in the archive).
    max_ratio : float
        Zip-bomb limit on the compression ratio of any one file. All three are
        checked before anything is decompressed; ``max_members`` also bounds
        the files a folder may hold.
    owner : str or sequence of str, optional
        Who the export belongs to: your display name and/or profile URL.
        By default the owner is inferred (Invitations, Profile.csv, then who
        takes part in most conversations); give it when the summary says the
        owner is unknown or wrong.

    Returns
    -------
    Export
        The parsed frames, the parse report, the owner, the export date and
        ``as_of``; ``people`` and ``interactions`` are built on first use.

    Raises
    ------
    ExportNotFoundError
        The path does not exist or holds no LinkedIn file.
    UnsafeArchiveError, ExportTooLargeError, ExportError
        The archive is unsafe, too large, corrupt or truncated.
    ExportFileError
        With ``strict=True``, a file is unusable.
    ParameterError
        ``path`` is empty, ``owner`` names nobody, or ``as_of`` is invalid or
        missing while the export has no date.

    Examples
    --------
    >>> import tiekeeper
    >>> export = tiekeeper.load_export()  # the bundled, fictional sample
    >>> export.owner.name, export.export_date.isoformat(), export.messages.height
    ('Emil Alderfeather', '2025-03-14', 3000)
    >>> tiekeeper.load_export("no/such/export.zip")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ExportNotFoundError: ...
    """
    if max_uncompressed_bytes <= 0 or max_members <= 0 or max_ratio <= 1:
        raise ParameterError(
            "the zip limits must be positive (max_ratio above 1); got "
            f"max_uncompressed_bytes={max_uncompressed_bytes}, max_members={max_members}, "
            f"max_ratio={max_ratio}"
        )
    if path is not None and not str(path).strip():
        raise ParameterError(
            "path is empty; pass the export zip or its extracted folder, or None for the "
            "bundled sample"
        )
    given_owner_ = None if owner is None else given_owner(owner)
    given = sample_path() if path is None else Path(os.path.expanduser(os.fspath(path)))
    # Columns that nothing else depends on (message text and word counts, about
    # a third of the CPU time of a large load) are computed in `completer`
    # while this thread parses and resolves identities.
    with ThreadPoolExecutor(max_workers=1) as completer:
        parsed, completions = read_parsed(
            given,
            strict=strict,
            max_uncompressed_bytes=max_uncompressed_bytes,
            max_members=max_members,
            max_ratio=max_ratio,
            completer=completer,
        )
        return finish_export(parsed, as_of=as_of, owner=given_owner_, completions=completions)


@dataclasses.dataclass
class ParsedExport:
    """An export as its parsers left it, before the owner and identities are known.

    The seam between reading files and resolving people: ``load_export`` is
    :func:`read_parsed` then :func:`finish_export`, and the snapshot archive
    (:mod:`tiekeeper.archive`) stores a ``ParsedExport`` and finishes it on load,
    so that identities always follow the current code.

    Attributes
    ----------
    frames : dict of str to polars.DataFrame
        Every parser's frame (coach files under their own names), completed.
    report : Report
        The parse report's rows (before the notes about kinds) and rejected rows.
    other_files : dict of str to polars.DataFrame
        Unknown CSV files, read generically.
    notes : list of str
        The reader's notes.
    export_date : datetime.date or None
        From the archive or folder name, if it carries one.
    kind : str
        What was given: ``'zip'``, ``'folder'``, ``'file'`` ….
    source : str
        The path given.
    text_flags : polars.DataFrame or None
        For a snapshot archived without message text: what judgement needs of
        the text, row for row with ``frames["messages"]`` (:mod:`tiekeeper.archive.textless`).
    message_combos : polars.DataFrame or None
        For a snapshot: the message columns its ``_combo`` code determines, once
        per code (:func:`~tiekeeper.io.combos.identity_combos` takes them from
        there instead of gathering them from every row).
    """

    frames: dict[str, pl.DataFrame]
    report: Report
    other_files: dict[str, pl.DataFrame]
    notes: list[str]
    export_date: dt.date | None
    kind: str
    source: str
    text_flags: pl.DataFrame | None = None
    message_combos: pl.DataFrame | None = None


def read_parsed(
    given: Path,
    *,
    strict: bool = False,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_ratio: float = DEFAULT_MAX_RATIO,
    completer: Executor,
) -> tuple[ParsedExport, dict[str, Completion]]:
    """Read and parse every file of an export (no owner, no identities yet).

    The columns nothing else needs (``FileParser.complete``: message text and
    word counts) are computed in ``completer`` and returned as completions,
    which :func:`finish_export` adds once identities are resolved.
    """
    report = Report()
    groups: dict[str, list[Member]] = {}
    with open_export(
        given,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_members=max_members,
        max_ratio=max_ratio,
    ) as src:
        other_files: dict[str, pl.DataFrame] = {}
        for member in src.members:
            parser = lookup(member.name)
            if parser is None:
                data = read_unknown(member, report, strict)
                if data is not None:
                    other_files[member.name] = data
            else:
                groups.setdefault(parser.name, []).append(member)
        registry = parsers()
        frames, completions = _read_groups(registry, groups, report, strict, completer)
        for name, reason in src.ignored:
            report.add(Row(name, "ignored", status="ignored", reason=reason))
        notes = list(src.notes)
        export_date = src.export_date
        kind = src.kind
    for name in (p.frame for p in registry.values()):
        frames.setdefault(name, empty_frame(name))
    parsed = ParsedExport(frames, report, other_files, notes, export_date, kind, str(given))
    return parsed, completions


def finish_export(
    parsed: ParsedExport,
    *,
    as_of: AsOf = None,
    owner: Owner | None = None,
    completions: Mapping[str, Completion | Future[pl.DataFrame] | pl.DataFrame] | None = None,
) -> Export:
    """Infer the owner, resolve identities and build the :class:`Export` of ``parsed``.

    ``parsed`` is consumed: its frames and report are changed in place.
    """
    frames, report, notes = parsed.frames, parsed.report, list(parsed.notes)
    export_date, kind, given = parsed.export_date, parsed.kind, parsed.source
    other_files = parsed.other_files
    found, obs, resolver, owner_ids = _identities(frames, owner, parsed.message_combos)
    for n, completion in (completions or {}).items():
        cols = completion if isinstance(completion, pl.DataFrame) else completion.result()
        frames[n] = frames[n].with_columns(cols)
    conns = frames["connections"]
    flags = parsed.text_flags
    msgs = frames["messages"] if flags is None else frames["messages"].hstack(flags)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # the non-person senders are found while the other frames get their person ids
        found_kinds = pool.submit(_kinds, msgs, conns["person_id"], obs, resolver)
        _fill_person_ids(frames, resolver, tuple(n for n in _PERSON_FRAMES if n != "connections"))
        kinds = found_kinds.result()
    del msgs
    _note_kinds(report, kinds)
    # people and interactions are built on first access (Export.people, .interactions)
    people = Deferred(lambda: build_people(obs, conns, resolver, owner_ids, kinds))
    done = dict(frames)  # the finished frames, as they are now

    def _interactions() -> pl.DataFrame:
        return build_interactions(
            done["messages"],
            done["invitations"],
            done["connections"],
            done["endorsements_received"],
            done["endorsements_given"],
            done["recommendations_received"],
            done["recommendations_given"],
            owner_ids,
            non_persons=kinds["person_id"],
        )

    interactions = Deferred(_interactions)
    other_messages = frames.pop("other_messages")
    if export_date is None:
        export_date = _newest(frames)
        if export_date is not None:
            notes.append(
                f"export date {export_date} taken from the newest timestamp in the data "
                "(the file name carries none)"
            )
    if as_of is None and export_date is None:
        raise ParameterError(
            f"as_of is required: {given} has no date in its name and no timestamps in its "
            "data; pass as_of=datetime.date(YYYY, M, D)"
        )
    resolved = resolve_as_of(as_of, end_of_day(export_date) if export_date else None)
    rejected = [r for r in report.rejected if r.height]
    out_frames: dict[str, Any] = {}
    for n in Export.FRAMES:
        if n in frames and n not in ("people", "interactions", "other_messages"):
            s, f = polars_schema(n), frames[n]
            # one pass: a separate .cast(schema) costs another query per frame
            conform = (pl.col(c).cast(t) for c, t in s.items())
            out_frames[n] = f if f.schema == s else f.select(conform)
    if kind == "file":
        notes.append("a single file was given; every other frame is empty")
    undirected = int(frames["messages"]["from_owner"].null_count())
    if undirected:
        notes.append(
            f"owner unknown: no Invitations.csv or Profile.csv, and nobody takes part in most "
            f"conversations, so {undirected:,} message row(s) have no direction and count as no "
            "contact; pass owner='Your Name' (or your profile URL) to load_export"
        )
    return Export(
        **out_frames,
        _people=people,
        _interactions=interactions,
        parse_report=report.frame(),
        rejected=(
            pl.concat(rejected, how="vertical").sort(["file", "line"])
            if rejected
            else empty_frame("rejected")
        ),
        other_messages=other_messages,
        other_files=other_files,
        owner=found,
        export_date=export_date,
        as_of=resolved,
        source=str(given),
        notes=tuple(notes),
        text_flags=flags,
    )
