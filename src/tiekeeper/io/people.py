"""Identity resolution: one row per real person across every file.

A person is keyed by the normalised profile slug where any file gives a
LinkedIn ``/in/`` URL (``person_id = blake2b("in:<slug>")``), otherwise by
the normalised name (``blake2b("name:<name>")``). A name-only row (a
recommendation, an older endorsement or invitation, a 2018–2023 message
recipient) joins a URL-keyed person when exactly one URL-keyed person has
that name; otherwise it keys by name. ``LinkedIn Member`` is never keyed, and
``urn:li:member:`` ids count as no URL. Contacts.csv (an address book) is
never people, and the owner is not a row of ``people`` (see
``Export.owner.person_ids``).

A name that is only a credential, a degree or an initial ("MBA", "A.",
:mod:`tiekeeper.credentials`) never keys a person. Connection rows without a
URL that share a name but differ in company or connected date are
*namesakes* (:mod:`tiekeeper.io.namesakes`): each gets an id of its own, and
a name-only sighting of that name stays keyed by the name, with
``key_method = "ambiguous"``, as does a name that several URL-keyed people
share.

Examples
--------
>>> import polars as pl
>>> obs = pl.DataFrame({"url": ["https://www.linkedin.com/in/ada-x", None, None],
...                     "name": ["Ada X", "ada x", "LinkedIn Member"]})
>>> r = Resolver.from_observations(obs["url"], obs["name"])
>>> ids = r.resolve(obs["url"], obs["name"]).to_list()
>>> ids[0] == ids[1], ids[2]
(True, None)
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections.abc import Iterable

import polars as pl

from tiekeeper.credentials import credential_fragments, is_credential_fragment
from tiekeeper.io.kinds import is_linkedin_name
from tiekeeper.keys import (
    canonical_url_fast,
    map_unique,
    name_key,
    name_key_fast,
    person_id_from_name,
    person_id_from_slug,
    profile_slug,
)
from tiekeeper.schema import polars_schema

__all__ = ["OBS_SCHEMA", "Resolver", "build_people", "collect_observations"]

#: Columns of the observation table (one sighting of a person in a file);
#: ``pid`` is set where the file itself decides the id (namesake connections).
OBS_SCHEMA = pl.Schema(
    [
        ("url", pl.String()),
        ("name", pl.String()),
        ("first_name", pl.String()),
        ("last_name", pl.String()),
        ("time", pl.Datetime("us", "UTC")),
        ("source", pl.String()),
        ("pid", pl.String()),
    ]
)


_IN = "https://www.linkedin.com/in/"


def _slug_pid(url: str) -> str | None:
    # Normalised URLs (the common case) are sliced; anything else is normalised first.
    plain = not any(c in url for c in "?#%") and not url.endswith("/")
    if plain and url.startswith(_IN) and unicodedata.is_normalized("NFC", url):
        slug: str | None = url[len(_IN) :].split("/", 1)[0] or None
        if slug is not None and slug != slug.casefold():
            slug = profile_slug(url)
    else:
        slug = profile_slug(url)
    return person_id_from_slug(slug) if slug else None


def _url_pids(uniq: pl.Series) -> dict[str, str | None]:
    """``{url: _slug_pid(url)}`` for unique URLs; canonical ones are hashed directly.

    A URL matching ``https://www.linkedin.com/in/[a-z0-9._-]+`` is already
    normal, so its slug is the tail and needs no NFC or case folding.
    """
    done = canonical_url_fast(uniq)[0]
    out: dict[str, str | None] = {u: _slug_pid(u) for u in uniq.filter(~done).to_list()}
    n = len(_IN)
    for u in uniq.filter(done).to_list():
        out[u] = hashlib.blake2b(("in:" + u[n:]).encode(), digest_size=8).hexdigest()
    return out


class Resolver:
    """Maps (URL, name) pairs to ``person_id`` following the identity rules.

    Parameters
    ----------
    name_to_url_pid : dict of str to str
        Name keys that belong to exactly one URL-keyed person, and that id.
    ambiguous : frozenset of str
        Name keys that several people share (URL-keyed people or namesakes):
        a name-only sighting of one stays keyed by the name.
    """

    def __init__(
        self, name_to_url_pid: dict[str, str], ambiguous: frozenset[str] = frozenset()
    ) -> None:
        self._names = {k: v for k, v in name_to_url_pid.items() if k not in ambiguous}
        self.ambiguous = ambiguous
        self._by_url: dict[str, str | None] = {}
        self._by_name: dict[str, str | None] = {}
        # ``_by_url`` as two aligned Series, for mapping a column in polars
        self._url_keys = pl.Series(dtype=pl.String)
        self._url_vals = pl.Series(dtype=pl.String)
        self._url_lock = threading.Lock()  # the two Series change together

    def url_pid(self, url: str) -> str | None:
        """The person_id of a profile URL (``None`` for URNs and non-profile URLs)."""
        if url not in self._by_url:
            self._by_url[url] = _slug_pid(url)
        return self._by_url[url]

    def _sync_urls(self) -> None:
        """Append the URLs that :meth:`url_pid` keyed since to ``_url_keys``/``_url_vals``."""
        if len(self._by_url) > len(self._url_keys):
            items = list(self._by_url.items())[len(self._url_keys) :]
            self._url_keys = pl.concat([self._url_keys, pl.Series([k for k, _ in items])])
            self._url_vals = pl.concat(
                [self._url_vals, pl.Series([v for _, v in items], dtype=pl.String)]
            )

    def url_pids(self, urls: pl.Series) -> pl.Series:
        """:meth:`url_pid` of each value (null stays null), mapped in polars.

        The same as ``map_unique(urls, self.url_pid)``: only URLs never seen
        reach Python.

        Examples
        --------
        >>> r = Resolver({})
        >>> u = "https://www.linkedin.com/in/ada"
        >>> out = r.url_pids(pl.Series([u, None, "x", u])).to_list()
        >>> out[0] == out[3] == r.url_pid(u), out[1:3]
        (True, [None, None])
        """
        s = urls.cast(pl.String)
        with self._url_lock:
            self._sync_urls()
            keys, vals = self._url_keys, self._url_vals
        # one lookup per value: "" marks a URL known to key nobody (ids are never "")
        out = s.replace_strict(keys, vals.fill_null(""), default=None, return_dtype=pl.String)
        unseen = out.is_null() & s.is_not_null()
        if unseen.any():  # key the new URLs, then look every value up again
            new = s.filter(unseen).unique(maintain_order=True)
            with self._url_lock:
                fresh = {u: v for u, v in _url_pids(new).items() if u not in self._by_url}
                self._by_url.update(fresh)
                self._sync_urls()
                keys, vals = self._url_keys, self._url_vals
            out = s.replace_strict(keys, vals.fill_null(""), default=None, return_dtype=pl.String)
        return pl.select(pl.when(out != "").then(out)).to_series().alias(s.name)

    @classmethod
    def from_observations(
        cls, urls: pl.Series, names: pl.Series, *, namesakes: frozenset[str] = frozenset()
    ) -> Resolver:
        """Learn which names belong to exactly one URL-keyed person.

        ``namesakes`` are the name keys shared by namesake connections
        (:func:`~tiekeeper.io.namesakes.namesake_ids`); they are ambiguous.
        """
        urls = urls.cast(pl.String)
        by_url = _url_pids(urls.drop_nulls().unique(maintain_order=True))
        url_keys = pl.Series(list(by_url), dtype=pl.String)
        url_vals = pl.Series(list(by_url.values()), dtype=pl.String)
        pid = urls.replace_strict(url_keys, url_vals, default=None, return_dtype=pl.String)
        key = map_unique(names, name_key, fast=name_key_fast)
        pairs = pl.DataFrame({"pid": pid, "key": key}).drop_nulls().unique()
        counted = pairs.group_by("key").agg(pl.col("pid").first(), pl.len().alias("n"))
        single = counted.filter(pl.col("n") == 1)
        shared = frozenset(counted.filter(pl.col("n") > 1)["key"].to_list()) | namesakes
        resolver = cls(
            dict(zip(single["key"].to_list(), single["pid"].to_list(), strict=True)), shared
        )
        resolver._by_url.update(by_url)  # every URL seen so far is keyed already
        resolver._url_keys, resolver._url_vals = url_keys, url_vals
        return resolver

    def name_pid(self, name: str) -> str | None:
        """The person_id of a name-only sighting."""
        if name in self._by_name:
            return self._by_name[name]
        key = name_key(name)
        pid = None
        if key is not None and not is_credential_fragment(name):
            pid = self._names.get(key) or person_id_from_name(name)
        self._by_name[name] = pid
        return pid

    def resolve(self, urls: pl.Series, names: pl.Series) -> pl.Series:
        """The person_id of each (url, name) pair; null when neither keys a person."""
        out = self.url_pids(urls)
        todo = out.is_null() & names.is_not_null()  # name-only rows
        if todo.any():
            # Not Series.scatter: strings scattered into nulls make polars (1.41 to 2.1)
            # count equal ids as distinct in group-wise unique / n_unique.
            named = map_unique(pl.select(pl.when(todo).then(names)).to_series(), self.name_pid)
            out = pl.select(pl.coalesce(out, named)).to_series()
        return out.alias("person_id")

    def resolve_lists(self, joined: pl.Series, *, urls: bool, sep: str = "\x1f") -> pl.Series:
        """``sep``-joined ids for ``sep``-joined lists of URLs or names.

        Each distinct list is split into its items, each distinct item is
        resolved once, and the ids of a list are joined in the order of their
        first appearance, without repeats ("" when no item keys a person;
        null for a null list).

        Examples
        --------
        >>> r = Resolver({})
        >>> u = "https://www.linkedin.com/in/ada"
        >>> out = r.resolve_lists(pl.Series([f"{u}\x1f{u}", None, "x"]), urls=True).to_list()
        >>> out[0] == r.url_pid(u), out[1:]
        (True, [None, ''])
        """
        values = joined.cast(pl.String)
        uniq = values.drop_nulls().unique(maintain_order=True)
        items = (
            pl.DataFrame(
                {
                    "_list": pl.int_range(0, len(uniq), dtype=pl.UInt32, eager=True),
                    "_item": uniq.str.split(sep),
                }
            )
            .explode("_item")
            .filter(pl.col("_item").is_not_null() & (pl.col("_item") != ""))
        )
        items_ = items["_item"]
        ids = self.url_pids(items_) if urls else map_unique(items_, self.name_pid)
        per_list = (
            items.with_columns(ids.alias("_id"))
            .drop_nulls("_id")
            .group_by("_list", maintain_order=True)
            .agg(pl.col("_id").unique(maintain_order=True).str.join(sep))
        )
        out = pl.repeat("", len(uniq), dtype=pl.String, eager=True).scatter(
            per_list["_list"], per_list["_id"]
        )
        return values.replace_strict(uniq, out, default=None, return_dtype=pl.String)


def build_people(
    obs: pl.DataFrame,
    connections: pl.DataFrame,
    resolver: Resolver,
    owner_ids: Iterable[str],
    kinds: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Aggregate observations into the ``people`` frame.

    Parameters
    ----------
    obs : polars.DataFrame
        Sightings (schema :data:`OBS_SCHEMA`), Connections included.
    connections : polars.DataFrame
        The connections frame with ``person_id`` filled.
    resolver : Resolver
    owner_ids : iterable of str
        The owner's ids, which are left out.
    kinds : polars.DataFrame, optional
        :func:`~tiekeeper.io.kinds.classify_senders`: the non-person senders.
        Everyone else is a ``person``, except LinkedIn's own accounts by name.

    Returns
    -------
    polars.DataFrame
        Schema ``people``, sorted by name then person_id.
    """
    schema = polars_schema("people")
    owners = sorted(set(owner_ids))
    o = obs.with_columns(
        pl.coalesce(pl.col("pid"), resolver.resolve(obs["url"], obs["name"])).alias("person_id"),
        resolver.url_pids(obs["url"]).is_not_null().alias("_by_url"),
        pl.col("pid").is_not_null().alias("_namesake"),
        (pl.col("source") == "connections").alias("_conn"),
    ).filter(pl.col("person_id").is_not_null() & ~pl.col("person_id").is_in(owners))
    if o.height == 0:
        return pl.DataFrame(schema=schema)
    o = o.with_columns(
        pl.when(pl.col("_by_url")).then(pl.col("url")).otherwise(None).alias("_in_url"),
        # a credential-only name ("MBA") is never the display name of a person
        pl.when(credential_fragments(o["name"])).then(None).otherwise(pl.col("name")).alias("_nm"),
    ).sort(["_conn", "time"], descending=[True, True], nulls_last=True)
    agg = o.group_by("person_id").agg(
        pl.coalesce(pl.col("_nm").drop_nulls().first(), pl.col("name").drop_nulls().first()).alias(
            "name"
        ),
        pl.col("first_name").drop_nulls().first(),
        pl.col("last_name").drop_nulls().first(),
        pl.col("_in_url").drop_nulls().first().alias("profile_url"),
        pl.col("_by_url").any().alias("_url_keyed"),
        pl.col("_namesake").any().alias("_namesake"),
        pl.col("name").drop_nulls().unique().sort().alias("_names"),
        pl.col("source").unique().sort().alias("sources"),
    )
    conn = (
        connections.filter(pl.col("person_id").is_not_null())
        .group_by("person_id", maintain_order=True)
        .agg(
            pl.col("company").first(),
            pl.col("position").first(),
            pl.col("email").first(),
            pl.col("connected_on").min(),
        )
    )
    if kinds is None:
        kinds = pl.DataFrame(
            schema={"person_id": pl.String, "kind": pl.String, "kind_evidence": pl.List(pl.String)}
        )
    linkedin = is_linkedin_name(agg["name"])
    people = (
        agg.join(conn, on="person_id", how="left")
        .join(kinds, on="person_id", how="left")
        .with_columns(
            pl.when(linkedin)
            .then(pl.lit("linkedin"))
            .otherwise(pl.col("kind").fill_null("person"))
            .alias("kind"),
            pl.when(pl.lit(linkedin) & pl.col("kind_evidence").is_null())
            .then(pl.lit(["linkedin name"]))
            .otherwise(pl.col("kind_evidence").fill_null(pl.lit([], dtype=pl.List(pl.String))))
            .alias("kind_evidence"),
        )
        .with_columns(
            pl.when(pl.col("_url_keyed"))
            .then(pl.lit("url"))
            .when(pl.col("_namesake"))
            .then(pl.lit("namesake"))
            .when(
                map_unique(agg["name"], name_key, fast=name_key_fast).is_in(
                    sorted(resolver.ambiguous)
                )
            )
            .then(pl.lit("ambiguous"))
            .otherwise(pl.lit("name"))
            .alias("key_method"),
            pl.col("person_id").is_in(conn["person_id"].implode()).alias("is_connection"),
            pl.col("_names")
            .list.set_difference(pl.concat_list(pl.col("name")))
            .list.sort()
            .alias("aliases"),
            # filled only across exports (tiekeeper.history)
            pl.lit(None, pl.Date).alias("removed_after"),
            pl.lit(None, pl.Date).alias("removed_before"),
        )
        .select(list(schema))
        .cast(schema)
        .sort(["name", "person_id"], nulls_last=True)
    )
    return people


def _obs(df: pl.DataFrame, source: str, **cols: pl.Expr) -> pl.DataFrame:
    cols = {**cols, "source": pl.lit(source)}
    exprs = [
        cols.get(c, pl.col(c) if c in df.columns else pl.lit(None)).cast(t).alias(c)
        for c, t in OBS_SCHEMA.items()
    ]
    return df.select(exprs)  # one pass: cast as the columns are selected


def _message_observations(messages: pl.DataFrame) -> list[pl.DataFrame]:
    # Sponsored senders are people rows too, with a non-person kind (io.kinds):
    # nothing is dropped. SPAM and system rows are nobody.
    keep = ~pl.col("is_spam") & ~pl.col("is_system")
    cols = ["sender_url", "sender_name", "time", "recipient_urls", "recipient_names"]
    keys = [c for c in ("_urls_key", "_names_key") if c in messages.columns]
    m = messages.select([*cols, *keys, "is_sponsored", "is_spam", "is_system"]).filter(keep)
    if m.height == 0:
        return []
    senders = m.group_by(["sender_url", "sender_name"]).agg(pl.col("time").max())
    out = [_obs(senders, "messages", url=pl.col("sender_url"), name=pl.col("sender_name"))]
    if len(keys) == 2:  # group on the joined strings (cheaper than on lists)
        rc = m.group_by(keys).agg(
            pl.col("time").max(), pl.col("recipient_urls", "recipient_names").first()
        )
    else:
        rc = m.group_by(["recipient_urls", "recipient_names"]).agg(pl.col("time").max())
    n_urls, n_names = pl.col("recipient_urls").list.len(), pl.col("recipient_names").list.len()
    paired = rc.filter((n_urls == n_names) & (n_urls > 0)).explode(
        ["recipient_urls", "recipient_names"]
    )
    out.append(
        _obs(paired, "messages", url=pl.col("recipient_urls"), name=pl.col("recipient_names"))
    )
    rest = rc.filter(~((n_urls == n_names) & (n_urls > 0)))
    names = rest.select("recipient_names", "time").explode("recipient_names")
    out.append(_obs(names, "messages", url=pl.lit(None), name=pl.col("recipient_names")))
    urls = rest.select("recipient_urls", "time").explode("recipient_urls")
    out.append(_obs(urls, "messages", url=pl.col("recipient_urls"), name=pl.lit(None)))
    return out


def collect_observations(
    frames: dict[str, pl.DataFrame], messages: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Every sighting of a person in Connections, messages, Invitations, endorsements
    and recommendations (schema :data:`OBS_SCHEMA`).

    ``messages``, when given, replaces ``frames["messages"]``: its
    :func:`~tiekeeper.io.combos.identity_combos` give the same sightings from
    far fewer rows.
    """
    parts: list[pl.DataFrame] = []
    c = frames["connections"]
    pid = pl.col("person_id") if "person_id" in c.columns else pl.lit(None, pl.String)
    parts.append(_obs(c, "connections", url=pl.col("profile_url"), time=pl.lit(None), pid=pid))
    parts.extend(_message_observations(frames["messages"] if messages is None else messages))
    inv = frames["invitations"]
    out = pl.col("direction") == "OUTGOING"
    parts.append(
        _obs(
            inv,
            "invitations",
            url=pl.when(out).then(pl.col("invitee_url")).otherwise(pl.col("inviter_url")),
            name=pl.when(out).then(pl.col("to_name")).otherwise(pl.col("from_name")),
            time=pl.col("sent_at"),
        )
    )
    for name in ("endorsements_received", "endorsements_given"):
        parts.append(_obs(frames[name], name, url=pl.col("profile_url")))
    for name in ("recommendations_received", "recommendations_given"):
        parts.append(_obs(frames[name], name, url=pl.lit(None), time=pl.col("created_at")))
    parts = [p for p in parts if p.height]
    if not parts:
        return pl.DataFrame(schema=OBS_SCHEMA)
    return pl.concat(parts, how="vertical")
