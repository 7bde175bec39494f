"""Who owns the export: a set of names and profile URLs (reference §6).

Evidence, most reliable first:

1. ``Invitations.csv``: on OUTGOING rows the inviter is the owner (URL from
   2024, URN in 2023-07, ``From`` as the name); on INCOMING rows the invitee.
2. messages: the owner takes part in every message, as the sender or as a
   recipient. The name (or, where recipient URLs exist, the URL) that appears
   in the most rows is the owner's; the owner's URL is then the sender URL of
   rows sent under the owner's name. A second name or URL is accepted when it
   covers most of the rows that the first one does not (a renamed account).
   The 2018/2020 files say it outright with ``Direction``; the coach files
   hold only the owner.
3. ``Profile.csv`` First and Last Name (no URL).

``LinkedIn Member`` is never the owner.

Examples
--------
>>> o = Owner(("Ada Example",), ("https://www.linkedin.com/in/ada-example",))
>>> o.name, len(o.person_ids)
('Ada Example', 2)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import polars as pl

from tiekeeper.keys import (
    is_linkedin_member,
    name_key,
    normalize_name,
    person_id_from_name,
    person_id_from_slug,
    profile_slug,
)

__all__ = ["Owner", "infer_owner"]


@dataclass(frozen=True)
class Owner:
    """The owner of the export.

    Attributes
    ----------
    names : tuple of str
        Display names, the primary (current) one first.
    profile_urls : tuple of str
        Normalised profile URLs (and ``urn:li:member:`` ids), most used first.
    evidence : tuple of str
        How each was found, for the parse summary.
    """

    names: tuple[str, ...] = ()
    profile_urls: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def name(self) -> str | None:
        """The primary display name, or ``None`` if the owner is unknown."""
        return self.names[0] if self.names else None

    @property
    def person_ids(self) -> tuple[str, ...]:
        """Every ``person_id`` the owner could have: by URL slug and by name."""
        ids: list[str] = []
        for url in self.profile_urls:
            slug = profile_slug(url)
            if slug:
                ids.append(person_id_from_slug(slug))
        for n in self.names:
            if name_key(n):
                ids.append(person_id_from_name(n))
        return tuple(dict.fromkeys(ids))

    def is_owner_name(self, name: str | None) -> bool:
        """Whether ``name`` is one of the owner's names (case-insensitive).

        Examples
        --------
        >>> Owner(("Ada Example",)).is_owner_name(" ada  example")
        True
        """
        key = name_key(name)
        return key is not None and key in {name_key(n) for n in self.names}


def _add(counter: Counter[str], values: pl.Series, weight: int = 1) -> None:
    for v in values.drop_nulls().to_list():
        counter[v] += weight


def _coverage(rows: pl.DataFrame, token_col: str, prefer: set[str]) -> list[str]:
    """Owner tokens: the most frequent per row, plus tokens covering the leftovers.

    ``rows`` has a list column ``token_col`` and an integer ``n`` (row weight).
    Ties (a single 1:1 conversation) go to a token in ``prefer``.
    """
    found: list[str] = []
    left = rows
    total = int(rows["n"].sum() or 0)
    for _ in range(3):
        if left.height == 0:
            break
        counts = (
            left.select(pl.col(token_col).list.unique(), "n")
            .explode(token_col)
            .drop_nulls(token_col)
            .group_by(token_col)
            .agg(pl.col("n").sum())
            .with_columns(pl.col(token_col).is_in(sorted(prefer)).alias("_pref"))
            .sort(["n", "_pref", token_col], descending=[True, True, False])
            .drop("_pref")
        )
        if counts.height == 0:
            break
        top, n_top = counts.row(0)
        share = n_top / max(int(left["n"].sum() or 0), 1)
        if found and (share < 0.5 or n_top < 0.05 * total):
            break
        found.append(top)
        left = left.filter(~pl.col(token_col).list.contains(top))
    return found


def _url_names(messages: pl.DataFrame) -> pl.DataFrame:
    """(url, name, last time) of senders, and of recipients where names and URLs pair up."""
    senders = messages.select(
        pl.col("sender_url").alias("url"), pl.col("sender_name").alias("name"), "time"
    )
    same = pl.col("recipient_urls").list.len() == pl.col("recipient_names").list.len()
    paired = (
        messages.filter(same & (pl.col("recipient_urls").list.len() > 0))
        .group_by("recipient_urls", "recipient_names")
        .agg(pl.col("time").max())
        .select(
            pl.col("recipient_urls").alias("url"), pl.col("recipient_names").alias("name"), "time"
        )
        .explode(["url", "name"])
    )
    both = pl.concat([senders, paired]).drop_nulls(["url", "name"])
    return both.group_by("url", "name").agg(pl.col("time").max())


def _message_tokens(
    messages: pl.DataFrame, names: Counter[str], urls: Counter[str]
) -> tuple[list[str], list[str]]:
    """Owner names and URLs from who takes part in the most messages.

    URLs are used where rows list recipient URLs (2023-04 on); the owner's
    names are then the names those URLs carry. Rows without recipient URLs
    (9-column files) are covered by names. Ties, as in an export holding a
    single conversation, go to names and URLs already known from other files.
    """
    if messages.height == 0:
        return [], []
    known_names = set(names)
    pairs = _url_names(messages)
    with_urls = messages.filter(pl.col("recipient_urls").list.len() > 0)
    owner_urls: list[str] = []
    if with_urls.height:
        prefer = set(urls) | set(pairs.filter(pl.col("name").is_in(sorted(known_names)))["url"])
        ucombos = with_urls.group_by(["sender_url", "recipient_urls"]).agg(pl.col("n").sum())
        url_tok = ucombos.select(
            pl.concat_list(pl.col("sender_url"), "recipient_urls").alias("tok"), "n"
        )
        owner_urls = _coverage(url_tok, "tok", prefer)
    mine = pairs.filter(pl.col("url").is_in(owner_urls)).group_by("name").agg(pl.col("time").max())
    from_urls = mine.sort(["time", "name"], descending=[True, False])["name"].to_list()
    rest = messages.filter(pl.col("recipient_urls").list.len() == 0)
    owner_names = list(from_urls)
    if rest.height:
        member = pl.element().str.to_lowercase() != "linkedin member"
        combos = rest.group_by(["sender_name", "recipient_names"]).agg(pl.col("n").sum())
        names_tok = combos.select(
            pl.concat_list(pl.col("sender_name"), "recipient_names")
            .list.eval(pl.element().filter(member))
            .alias("tok"),
            "n",
        )
        for n in _coverage(names_tok, "tok", known_names | set(from_urls)):
            if n not in owner_names:
                owner_names.append(n)
    return owner_names, owner_urls


def _profile_name(profile: pl.DataFrame) -> str | None:
    if profile.height == 0:
        return None
    row = profile.row(0, named=True)
    return normalize_name(f"{row['first_name'] or ''} {row['last_name'] or ''}")


def infer_owner(
    invitations: pl.DataFrame,
    messages: pl.DataFrame,
    other_messages: pl.DataFrame,
    profile: pl.DataFrame,
) -> Owner:
    """Infer the owner from the parsed frames (see the module docstring).

    Parameters
    ----------
    invitations, messages, other_messages, profile : polars.DataFrame
        Frames in their schemas (messages before the owner-dependent columns).
        ``messages`` may also be its :func:`~tiekeeper.io.combos.identity_combos`,
        whose ``n`` weighs each combination by the rows it stands for.

    Returns
    -------
    Owner
    """
    names: Counter[str] = Counter()
    urls: Counter[str] = Counter()
    evidence: list[str] = []
    if invitations.height:
        out = invitations.filter(pl.col("direction") == "OUTGOING")
        inc = invitations.filter(pl.col("direction") == "INCOMING")
        _add(urls, out["inviter_url"], 1000)
        _add(urls, inc["invitee_url"], 1000)
        _add(names, out["from_name"], 1000)
        _add(names, inc["to_name"], 1000)
        if out.height or inc.height:
            evidence.append("Invitations.csv (inviter of OUTGOING, invitee of INCOMING rows)")
    cols = [
        "sender_name",
        "sender_url",
        "recipient_names",
        "recipient_urls",
        "recipients_method",
        "from_owner",
        "time",
    ]
    # Never copy content and text around; group identical sender/recipient
    # combinations once (a few thousand), keeping how many rows each stands for.
    keys = [c for c in ("_urls_key", "_names_key") if c in messages.columns]
    # ``messages`` may come grouped already (tiekeeper.io.combos), with its own ``n``.
    weight = pl.col("n").sum() if "n" in messages.columns else pl.len()
    messages = (
        messages.group_by(["sender_name", "sender_url", *keys, "recipients_method", "from_owner"])
        .agg(
            pl.col("recipient_names", "recipient_urls").first(),
            pl.col("time").max(),
            weight.cast(pl.UInt32).alias("n"),
        )
        .select([*cols, "n"])
        if keys
        else messages.select(
            *cols,
            (pl.col("n") if "n" in messages.columns else pl.lit(1)).cast(pl.UInt32).alias("n"),
        )
    )
    direction = messages.filter(pl.col("recipients_method") == "direction")
    if direction.height:
        _add(names, direction.filter(pl.col("from_owner"))["sender_name"], 100)
        inc_1to1 = direction.filter(
            ~pl.col("from_owner") & (pl.col("recipient_names").list.len() == 1)
        )
        _add(names, inc_1to1["recipient_names"].list.first(), 100)
        evidence.append("messages Direction column")
    modern = messages.filter(pl.col("recipients_method") != "direction")
    if other_messages.height:
        _add(names, other_messages["sender_name"], 10)
        _add(urls, other_messages["sender_url"], 10)
        evidence.append("coach/AI message files")
    profile_name = _profile_name(profile)
    if profile_name:
        names[profile_name] += 50
        evidence.append("Profile.csv name")
    msg_names, msg_urls = _message_tokens(modern, names, urls)
    for i, n in enumerate(msg_names):
        names[n] += 500 - i
    for i, u in enumerate(msg_urls):
        urls[u] += 500 - i
    if msg_names:
        by_name = modern.filter(pl.col("sender_name").is_in(msg_names))
        used = by_name.group_by("sender_url").agg(pl.col("n").sum()).drop_nulls("sender_url")
        total = int(by_name["n"].sum() or 0)
        for url, n in used.sort("n", descending=True).iter_rows():
            if n >= 0.1 * total:
                urls[url] += 1
        evidence.append("messages (the participant of most rows)")
    if not names and messages.height:
        top = messages.group_by("sender_name").agg(pl.col("n").sum()).drop_nulls("sender_name")
        if top.height:
            names[top.sort(["n", "sender_name"], descending=[True, False]).row(0)[0]] += 1
            evidence.append("the most frequent sender (weak)")
    ranked: dict[str, str] = {}
    for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0])):
        key = name_key(n)
        if key and not is_linkedin_member(n):
            ranked.setdefault(key, n)
    ordered = list(ranked.values())
    if profile_name and name_key(profile_name) in ranked:
        ordered.remove(ranked[name_key(profile_name) or ""])
        ordered.insert(0, profile_name)
    url_list = [u for u, _ in sorted(urls.items(), key=lambda kv: (-kv[1], kv[0]))]
    return Owner(tuple(ordered), tuple(url_list), tuple(evidence))
