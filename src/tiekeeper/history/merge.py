"""The merged record of several exports: every message once, every person once.

Newer archives can lack conversations that older ones had (deleted threads,
limits on what LinkedIn includes), so :attr:`History.merged` keeps a message
seen in any snapshot, and counts a message seen in several only once.

**People.** Within an export a person is keyed as :mod:`tiekeeper.io.people`
says. Across exports one person keeps one canonical ``person_id``, the latest
one: consecutive snapshots are matched by
:func:`~tiekeeper.history.match.match_connections` (URL, then name and
connected date, then company, connected date and a shared name part), so a
changed URL or name is never a removal plus an addition. ``people.aliases``
gains the older names. ``removed_after`` / ``removed_before`` date a connection
that a later export with Connections no longer lists (an export without
Connections says nothing: "unknown", never "removed"). Removed people stay.

**Messages.** Two rows are one message when they agree on the time in UTC
floored to the minute (2018-era files hold minute-level US Pacific times,
later ones UTC with seconds), the sender's canonical identity (the owner, or
the sender's canonical ``person_id``), and the text, HTML-unescaped and
whitespace-normalised; the conversation id counts only where both rows have
one. A row of a 2018-era file (no conversation id, senders by name, marketing
names cut short: "Casey @") also matches on the sender's name, or on a later
name that starts with it. Rows repeated *within* one export (the same "ok" twice in a minute) stay
repeated. In the repeated hour at the autumn change of clocks a 2018-era time
may stand an hour early (the reader takes the earlier offset), so such a row
also matches one hour later. The newest snapshot's row is kept, and
``snapshot`` says which export that was.

The dedup groups on polars' hash of the normalised text: it is only compared
in memory, within one run. A key meant to be stored (the archive) uses
:func:`text_digest`, a blake2b that does not change across versions.

Examples
--------
>>> text_digest(pl.Series(["Hi  there\\n", "Hi there"])).n_unique()
1
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.history.match import match_connections
from tiekeeper.keys import map_unique
from tiekeeper.schema import polars_schema

if TYPE_CHECKING:
    from tiekeeper.io.export import Export

__all__ = ["canonical_ids", "merge_exports", "normalized_text", "text_digest"]

_OWNER = "\x00owner"
_DAY = pl.Date


def normalized_text(text: pl.Expr) -> pl.Expr:
    """Text with runs of white space collapsed and the ends trimmed (null stays "")."""
    return text.fill_null("").str.replace_all(r"\s+", " ").str.strip_chars()


def text_digest(texts: pl.Series) -> pl.Series:
    """A stable blake2b-64 hex digest of each normalised text (for stored keys)."""
    norm = pl.select(normalized_text(pl.lit(texts))).to_series()
    return map_unique(
        norm, lambda t: hashlib.blake2b(t.encode("utf-8"), digest_size=8).hexdigest()
    ).alias("text_digest")


def canonical_ids(snapshots: list[Any]) -> dict[str, str]:
    """``{older person_id: latest person_id}`` for people whose id changed across exports."""
    canon: dict[str, str] = {}
    for old, new in itertools.pairwise(snapshots):
        pairs = match_connections(old.connections, new.connections)
        step = {o: n for o, n in zip(pairs["old_id"], pairs["new_id"], strict=True) if o != n}
        step |= _by_name(old.people, new.people, set(pairs["old_id"]))
        # ids already mapped to an id that now moves on follow it
        canon = {k: step.get(v, v) for k, v in canon.items()}
        canon.update({o: n for o, n in step.items() if o not in canon})
    return canon


def _by_name(old: pl.DataFrame, new: pl.DataFrame, done: set[str]) -> dict[str, str]:
    """People keyed apart only because one export has no URLs (a 2018 layout): a name
    that one person carries in each export, and at least one of them without a URL.

    Returns ``{old id: new id}``.
    """
    from tiekeeper.keys import name_key, name_key_fast

    def keyed(f: pl.DataFrame) -> pl.DataFrame:
        f = f.select("person_id", "name", "profile_url").drop_nulls("name")
        f = f.with_columns(_k=map_unique(f["name"], name_key, fast=name_key_fast))
        return f.drop_nulls("_k").filter(pl.len().over("_k") == 1)

    a = keyed(old.filter(~pl.col("person_id").is_in(sorted(done))))
    pairs = a.join(keyed(new), on="_k", suffix="_new").filter(
        pl.col("profile_url").is_null() | pl.col("profile_url_new").is_null()
    )
    return {o: n for o, n in zip(pairs["person_id"], pairs["person_id_new"], strict=True) if o != n}


def _remap(col: pl.Expr, canon: dict[str, str]) -> pl.Expr:
    return col.replace(canon) if canon else col


def _with_snapshot(frame: pl.DataFrame, day: dt.date | None) -> pl.DataFrame:
    return frame.with_columns(snapshot=pl.lit(day, dtype=_DAY))


def _keys(m: pl.DataFrame) -> pl.DataFrame:
    """Narrow match keys of one snapshot's messages (``_i`` is the row number).

    ``_k`` hashes (minute, sender, text) and ``_kn`` (minute, sender's name,
    text); ``_dup`` / ``_dupn`` number repeats of a key within this snapshot;
    ``_c`` hashes the conversation id (null without one). Hashes are compared
    within one run only (see the module docstring).
    """
    owner = pl.col("from_owner").fill_null(False)
    name = pl.col("sender_name").str.to_lowercase()
    keys = (
        m.lazy()
        .select(
            _c=pl.col("conversation_id").hash(),
            _has_c=pl.col("conversation_id").is_not_null(),
            _min=pl.col("time").dt.truncate("1m"),
            _who=pl.when(owner)
            .then(pl.lit(_OWNER))
            .otherwise(pl.coalesce("sender_id", name))
            .fill_null(""),
            _nm=pl.when(owner).then(pl.lit(_OWNER)).otherwise(name).fill_null(""),
            # null hashes alike (no copy, unlike fill_null); a history holding a snapshot
            # archived without text compares normalised-text digests (``_td``) instead
            _h=pl.col("_td" if "_td" in m.columns else "text").hash(),
        )
        .with_row_index("_i")
        .with_columns(
            _k=pl.struct("_min", "_who", "_h").hash(),
            _kn=pl.struct("_min", "_nm", "_h").hash(),
        )
        .collect()
    )
    keys = keys.with_columns(_kc=pl.struct("_k", "_c").hash(), _knc=pl.struct("_kn", "_c").hash())
    # repeats are numbered within one conversation, so that the order of rows across
    # conversations never decides which copy matches
    return keys.with_columns(_repeats(keys, "_kc", "_dup"), _repeats(keys, "_knc", "_dupn")).drop(
        "_kc", "_knc"
    )


def _repeats(keys: pl.DataFrame, key: str, name: str) -> pl.Series:
    """The number of earlier rows with the same ``key`` (0 for most: repeats are rare)."""
    out = pl.repeat(0, keys.height, dtype=pl.UInt32, eager=True).alias(name)
    rep = keys.select("_i", key).filter(pl.col(key).is_duplicated())
    if rep.height == 0:
        return out
    counted = rep.with_columns(_n=pl.int_range(pl.len(), dtype=pl.UInt32).over(key))
    return out.scatter(counted["_i"], counted["_n"])


def _shifted(seen: pl.DataFrame, keys: list[str], parts: list[str]) -> pl.DataFrame:
    """``seen``'s keys recomputed one hour earlier (the repeated autumn hour)."""
    early = seen.select(*parts, "_dup" if "_dup" in keys else "_dupn").with_columns(
        pl.col("_min") - pl.duration(hours=1)
    )
    name = keys[0]
    return early.select(pl.struct(*parts).hash().alias(name), keys[1])


def _cut(name: pl.Expr) -> pl.Expr:
    """A sender name as 2018 files cut marketing senders' names: to two words ("amazon
    web", "casey @", "demo from"). Never empty, never the owner."""
    return name.str.contains(r"^\S+ \S+$") & (name != _OWNER)


def _longer(full: pl.Expr, cut: pl.Expr) -> pl.Expr:
    """``full`` continues ``cut`` after a space ("casey @ linkedin" after "casey @")."""
    return full.str.starts_with(pl.concat_str(cut, pl.lit(" ")))


def _unmatched(older: pl.DataFrame, seen: pl.DataFrame) -> pl.DataFrame:
    """Rows of ``older`` (keys) that match no row of ``seen`` (keys of newer snapshots)."""
    key, name_key = ["_k", "_dup"], ["_kn", "_dupn"]
    conv = pl.col("_has_c")
    # the conversation id decides only where both rows have one
    left = pl.concat(
        [
            older.filter(conv)
            .join(seen.filter(conv).select([*key, "_c"]), on=[*key, "_c"], how="anti")
            .join(seen.filter(~conv).select(key), on=key, how="anti"),
            older.filter(~conv).join(seen.select(key), on=key, how="anti"),
        ]
    )
    loose = left.filter(~conv)
    if loose.height:
        # files without URLs key some senders by name only (a name namesakes share stays
        # ambiguous), and in the repeated autumn hour a 2018-era time may be an hour early
        loose = loose.join(seen.select(name_key), on=name_key, how="anti")
        in_hour = _repeated_hour(pl.col("_min"))
        hour = loose.filter(in_hour)
        if hour.height:
            hour = hour.join(_shifted(seen, key, ["_min", "_who", "_h"]), on=key, how="anti").join(
                _shifted(seen, name_key, ["_min", "_nm", "_h"]), on=name_key, how="anti"
            )
        loose = pl.concat([loose.filter(~in_hour), hour])
        # 2018 files cut marketing senders' names short ("Casey @" for "Casey @ LinkedIn")
        cut = (
            loose.select("_i", "_min", "_h", "_nm")
            .join(seen.select("_min", "_h", _full=pl.col("_nm")), on=["_min", "_h"])
            .filter(
                _cut(pl.col("_nm"))
                & (pl.col("_full") != _OWNER)
                & _longer(pl.col("_full"), pl.col("_nm"))
            )
        )
        loose = loose.join(cut.select("_i").unique(), on="_i", how="anti")
    return pl.concat([left.filter(conv), loose])


def _same_after_normalising(
    rows: pl.DataFrame, older: pl.DataFrame, seen_rows: pl.DataFrame
) -> pl.Series:
    """Row numbers of ``rows`` whose text equals a newer message's once white space is
    normalised, for the same minute and sender (``seen_rows``: ``_min``, ``_nm``, ``text``)."""
    if rows.height == 0:
        return pl.Series("_i", [], dtype=pl.UInt32)
    mine = rows.select("_i", "_min", "_nm").join(
        older.select(
            pl.int_range(pl.len(), dtype=pl.UInt32).alias("_i"), "text", "conversation_id"
        ),
        on="_i",
    )
    same_sender = ((pl.col("_nm") == pl.col("_nm_new")) & (pl.col("_nm") != "")) | (
        _cut(pl.col("_nm"))
        & (pl.col("_nm_new") != _OWNER)
        & _longer(pl.col("_nm_new"), pl.col("_nm"))  # a 2018 name cut short
    )
    conv, conv_new = pl.col("conversation_id"), pl.col("conversation_id_new")
    pairs = (
        mine.join(seen_rows, on="_min", suffix="_new")
        .filter(same_sender)
        # the same conversation where both rows have one
        .filter(conv.is_null() | conv_new.is_null() | (conv == conv_new))
        # only texts that differ as written (an identical text already had its chance,
        # with its repeats counted) and agree once white space is normalised
        .filter(pl.col("text").fill_null("") != pl.col("text_new").fill_null(""))
        .filter(
            pl.col("text").fill_null("").pipe(normalized_text)
            == pl.col("text_new").fill_null("").pipe(normalized_text)
        )
    )
    return pairs["_i"].unique()


def _flags_of(s: Any) -> pl.DataFrame:
    """A snapshot's text flags: stored (archived without text) or computed from its text."""
    from tiekeeper.archive.textless import text_flags

    if s.text_flags is not None:
        return s.text_flags
    return text_flags(s.messages, s.messages["text"], list(s.owner.names), s.positions)


def _merge_messages(
    snapshots: list[Any], canon: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """Every message once: all rows of the newest snapshot, plus older rows it lacks.

    Returns the messages and, when a snapshot was archived without its text, the
    text flags of every merged row (:mod:`tiekeeper.archive.textless`), else None.
    """
    from tiekeeper.archive.textless import TEXT_FLAGS

    schema = polars_schema("messages")
    # without text, messages match by the digest of their normalised text
    textless = any(getattr(s, "text_flags", None) is not None for s in snapshots)

    def prepared(s: Any) -> pl.DataFrame:
        m = _with_snapshot(s.messages, s.export_date)
        if textless:
            flags = _flags_of(s)
            m = m.hstack(flags).with_columns(_td=pl.col("text_digest"))
        if not canon:
            return m
        return m.with_columns(
            sender_id=_remap(pl.col("sender_id"), canon),
            recipient_ids=pl.col("recipient_ids").list.eval(_remap(pl.element(), canon)),
        )

    newest = prepared(snapshots[-1])
    parts = [newest]
    seen = _keys(newest)
    seen_text = newest.lazy().select(
        _min=pl.col("time").dt.truncate("1m"),
        _nm=pl.when(pl.col("from_owner").fill_null(False))
        .then(pl.lit(_OWNER))
        .otherwise(pl.col("sender_name").str.to_lowercase())
        .fill_null(""),
        text_new=pl.col("text"),
        conversation_id_new=pl.col("conversation_id"),
    )
    for s in snapshots[-2::-1]:
        older = prepared(s)
        keys = _keys(older)
        extra = _unmatched(keys, seen)
        if extra.height and not textless:  # digests already normalise white space
            # a text that differs only in white space (another era's HTML) is the same
            cand = extra.select("_min").unique()
            near = seen_text.join(cand.lazy(), on="_min", how="semi").collect()
            same = _same_after_normalising(extra, older, near)
            extra = extra.filter(~pl.col("_i").is_in(same.implode()))
        if extra.height:
            parts.append(older.gather(extra["_i"].sort()))
            seen = pl.concat([seen, extra.select(seen.columns)])
    out = pl.concat(parts, how="vertical") if len(parts) > 1 else newest
    flags = out.select(TEXT_FLAGS) if textless else None
    return out.select(list(schema)).cast(schema), flags


def _repeated_hour(minute: pl.Expr) -> pl.Expr:
    """Whether a UTC minute falls in the repeated hour of US Pacific time (autumn)."""
    local = minute.dt.convert_time_zone("America/Los_Angeles")
    return (
        (local.dt.month() == 11)
        & (local.dt.day() <= 7)
        & (local.dt.weekday() == 7)
        & (local.dt.hour() == 1)
    )


def _latest_rows(frames: list[pl.DataFrame], key: list[str], name: str) -> pl.DataFrame:
    """Rows of every snapshot, the newest copy of each ``key`` kept (frames oldest first)."""
    schema = polars_schema(name)
    both = pl.concat(frames[::-1], how="vertical")
    return both.unique(key, keep="first", maintain_order=True).select(list(schema)).cast(schema)


def _content_key(frame: pl.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in ("line", "source", "snapshot")]


def merge_exports(snapshots: list[Export]) -> Export:
    """The merged :class:`~tiekeeper.io.Export` of snapshots of one owner (oldest first)."""
    from tiekeeper.io.export import Export
    from tiekeeper.io.interactions import build_interactions
    from tiekeeper.io.owner import Owner

    latest = snapshots[-1]
    canon = canonical_ids(snapshots)
    frames: dict[str, pl.DataFrame] = {}
    frames["messages"], text_flags = _merge_messages(snapshots, canon)
    per = {
        name: [
            _with_snapshot(getattr(s, name), s.export_date).with_columns(
                _remap(pl.col("person_id"), canon).alias("person_id")
            )
            if "person_id" in getattr(s, name).columns
            else _with_snapshot(getattr(s, name), s.export_date)
            for s in snapshots
        ]
        for name in (
            "connections",
            "invitations",
            "endorsements_received",
            "endorsements_given",
            "recommendations_received",
            "recommendations_given",
        )
    }
    # one row per connection: the newest snapshot's
    conns = per["connections"]
    frames["connections"] = _latest_rows(
        [c.filter(pl.col("person_id").is_not_null()) for c in conns], ["person_id"], "connections"
    ).vstack(
        pl.concat([c.filter(pl.col("person_id").is_null()) for c in conns[-1:]])
        .select(list(polars_schema("connections")))
        .cast(polars_schema("connections"))
    )
    for name in per:
        if name != "connections":
            key = _content_key(per[name][0])
            if text_flags is not None:  # a snapshot archived without text has no notes
                key = [c for c in key if c != "message"]
            frames[name] = _latest_rows(per[name], key, name)
    # the owner's own files: the newest snapshot that has them
    for name in ("positions", "education", "skills", "profile", "contacts"):
        have = [s for s in snapshots if getattr(s, name).height]
        src = have[-1] if have else latest
        f = getattr(src, name)
        if "snapshot" in polars_schema(name):
            f = _with_snapshot(f, src.export_date)
        frames[name] = f.select(list(polars_schema(name))).cast(polars_schema(name))
    people = _merge_people(snapshots, canon)
    owners = [s.owner for s in snapshots]
    owner = Owner(
        tuple(dict.fromkeys(n for o in owners[::-1] for n in o.names)),
        tuple(dict.fromkeys(u for o in owners[::-1] for u in o.profile_urls)),
        tuple(dict.fromkeys(e for o in owners[::-1] for e in o.evidence)),
    )
    owner_ids = sorted({i for s in snapshots for i in s.owner.person_ids})
    non_persons = people.filter(pl.col("kind") != "person")["person_id"]
    interactions = build_interactions(
        frames["messages"],
        frames["invitations"],
        frames["connections"],
        frames["endorsements_received"],
        frames["endorsements_given"],
        frames["recommendations_received"],
        frames["recommendations_given"],
        owner_ids,
        non_persons=non_persons,
    )
    reports = pl.concat([s.parse_report for s in snapshots])
    rejected = pl.concat([s.rejected for s in snapshots])
    dates = ", ".join(str(s.export_date) for s in snapshots)
    return Export(
        **frames,
        parse_report=reports,
        rejected=rejected,
        other_messages=latest.other_messages,
        other_files=latest.other_files,
        owner=owner,
        export_date=latest.export_date,
        as_of=latest.as_of,
        source=f"merged history of {len(snapshots)} exports ({dates})",
        notes=(f"the merged record of {len(snapshots)} exports: {dates}",),
        id_aliases=_aliases(snapshots, canon),
        text_flags=text_flags,
        _people=people,
        _interactions=interactions,
    )


def _aliases(snapshots: list[Any], canon: dict[str, str]) -> dict[str, str]:
    """Older ids and profile URLs of people whose id changed, to their canonical id."""
    out = dict(canon)
    for s in snapshots:
        rows = s.people.filter(
            pl.col("person_id").is_in(sorted(canon)) & pl.col("profile_url").is_not_null()
        )
        for pid, url in rows.select("person_id", "profile_url").iter_rows():
            out.setdefault(url, canon[pid])
    return out


def _merge_people(snapshots: list[Any], canon: dict[str, str]) -> pl.DataFrame:
    """People of every snapshot under canonical ids, with removals dated."""
    schema = polars_schema("people")
    frames = []
    for i, s in enumerate(snapshots):
        frames.append(
            s.people.with_columns(
                _remap(pl.col("person_id"), canon).alias("person_id"), _snap=pl.lit(i)
            )
        )
    allp = pl.concat(frames, how="vertical")
    names = allp.group_by("person_id").agg(_all=pl.col("name").drop_nulls().unique())
    newest = allp.sort("_snap", descending=True).unique("person_id", keep="first")
    # removals: a connection in one export and absent from a later export with Connections
    with_conn = [
        (
            i,
            s.export_date,
            set(allp.filter((pl.col("_snap") == i) & pl.col("is_connection"))["person_id"]),
        )
        for i, s in enumerate(snapshots)
        if s.categories["connections"] == "present"
    ]
    after: dict[str, dt.date | None] = {}
    before: dict[str, dt.date | None] = {}
    for (_, d0, ids0), (_, d1, ids1) in itertools.pairwise(with_conn):
        for pid in ids0 - ids1:
            after[pid], before[pid] = d0, d1
        for pid in ids1:  # connected again later: no removal
            after.pop(pid, None)
            before.pop(pid, None)
    last_ids = with_conn[-1][2] if with_conn else set()
    out = newest.join(names, on="person_id", how="left").with_columns(
        pl.col("_all")
        .list.set_difference(pl.concat_list(pl.col("name")))
        .list.sort()
        .alias("aliases"),
        pl.col("person_id")
        .replace_strict(after, default=None, return_dtype=_DAY)
        .alias("removed_after"),
        pl.col("person_id")
        .replace_strict(before, default=None, return_dtype=_DAY)
        .alias("removed_before"),
        pl.col("person_id").is_in(sorted(last_ids)).alias("is_connection")
        if with_conn
        else pl.col("is_connection"),
    )
    return out.select(list(schema)).cast(schema).sort(["name", "person_id"], nulls_last=True)
