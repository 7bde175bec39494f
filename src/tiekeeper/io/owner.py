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
3. ``Profile.csv`` First and Last Name (no URL), ranked ahead of the
   message evidence below it.

Message coverage alone is weak evidence, so a participant found by it is
accepted only when it takes part in at least
:data:`MIN_CONVERSATION_SHARE` of the conversations with two or more rows
(the owner takes part in every conversation of their own export), and never
when it is seen in fewer than :data:`MIN_ROWS` rows of a file of
:data:`SMALL_FILE_ROWS` rows or more. A re-saved export whose every ``TO``
is "LinkedIn Member" once made a recruiter seen in a single row the owner.
When nobody qualifies the owner is unknown: message direction is then
unknown too, and ``load_export(owner=...)`` says who the owner is.

``LinkedIn Member`` is never the owner.

Examples
--------
>>> o = Owner(("Ada Example",), ("https://www.linkedin.com/in/ada-example",))
>>> o.name, len(o.person_ids)
('Ada Example', 2)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.io.lists import prepend
from tiekeeper.keys import (
    is_linkedin_member,
    name_key,
    normalize_name,
    normalize_profile_url,
    person_id_from_name,
    person_id_from_slug,
    profile_slug,
)

__all__ = [
    "MIN_CONVERSATION_SHARE",
    "MIN_ROWS",
    "SMALL_FILE_ROWS",
    "Owner",
    "conversation_tokens",
    "given_owner",
    "infer_owner",
]

#: A participant found by message coverage alone must take part in at least
#: this share of the conversations that have two or more rows. The owner takes
#: part in all of them; a correspondent, however busy, in one.
MIN_CONVERSATION_SHARE = 0.5
#: ... and be seen in at least this many rows, once the file holds
#: :data:`SMALL_FILE_ROWS` rows or more (a one-row recruiter is never the owner).
MIN_ROWS = 3
#: See :data:`MIN_ROWS`: below this many rows, any participant may qualify.
SMALL_FILE_ROWS = 20

#: :func:`conversation_tokens`, a function that makes it, or nothing.
Conversations = pl.DataFrame | Callable[[], pl.DataFrame | None] | None


@dataclass(frozen=True)
class Owner:
    """The owner of the export.

    Parameters
    ----------
    names : tuple of str
        Display names, the primary (current) one first.
    profile_urls : tuple of str
        Normalised profile URLs (and ``urn:li:member:`` ids), most used first.
    evidence : tuple of str
        How each was found, for the parse summary.

    Examples
    --------
    >>> import tiekeeper
    >>> owner = tiekeeper.load_export().owner
    >>> owner.name, len(owner.profile_urls) > 0
    ('Emil Alderfeather', True)
    """

    names: tuple[str, ...] = ()
    profile_urls: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def name(self) -> str | None:
        """The primary display name, or ``None`` if the owner is unknown.

        Examples
        --------
        >>> Owner(("Ada Example", "Ada Sample")).name, Owner().name is None
        ('Ada Example', True)
        """
        return self.names[0] if self.names else None

    @property
    def person_ids(self) -> tuple[str, ...]:
        """Every ``person_id`` the owner could have: by URL slug and by name.

        Examples
        --------
        >>> ids = Owner(("Ada Example",), ("https://www.linkedin.com/in/ada-example",)).person_ids
        >>> len(ids), len(set(ids))
        (2, 2)
        """
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

        Parameters
        ----------
        name : str or None
            A display name as it appears in the export.

        Returns
        -------
        bool
            True when its name key (case, spacing and accents folded) is one of
            the owner's.

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


def _coverage(
    rows: pl.DataFrame, token_col: str, prefer: set[str], keep: pl.Expr | None = None
) -> list[str]:
    """Owner tokens: the most frequent per row, plus tokens covering the leftovers.

    ``rows`` has a list column ``token_col`` and an integer ``n`` (row weight).
    Ties (a single 1:1 conversation) go to a token in ``prefer``. Only tokens
    that ``keep`` (an expression of ``token_col``) holds may be chosen; the
    others still take part in their rows, which are weighed by ``n`` alone.
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
            .filter(True if keep is None else keep)
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
    messages: pl.DataFrame,
    names: Counter[str],
    urls: Counter[str],
    conversations: Conversations = None,
    contacts: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> tuple[list[str], list[str]]:
    """Owner names and URLs from who takes part in the most messages.

    URLs are used where rows list recipient URLs (2023-04 on); the owner's
    names are then the names those URLs carry. Rows without recipient URLs
    (9-column files) are covered by names. Ties, as in an export holding a
    single conversation, go to names and URLs already known from other files.
    ``contacts`` (lower-cased names and URLs of Connections rows) are never the
    owner: nobody is their own connection.
    """
    not_names, not_urls = contacts
    if messages.height == 0:
        return [], []
    known_names = set(names)
    pairs = _url_names(messages)
    with_urls = messages.filter(pl.col("recipient_urls").list.len() > 0)
    owner_urls: list[str] = []
    if with_urls.height:
        prefer = set(urls) | set(pairs.filter(pl.col("name").is_in(sorted(known_names)))["url"])
        ucombos = with_urls.group_by(["sender_url", "recipient_urls"]).agg(pl.col("n").sum())
        url_tok = pl.DataFrame(
            [prepend(ucombos, "sender_url", "recipient_urls").alias("tok"), ucombos["n"]]
        )
        # a contact's URL is never chosen (filtered among the distinct tokens, not per row)
        keep = ~pl.col("tok").is_in(pl.Series(list(not_urls), dtype=pl.String).implode())
        owner_urls = _qualified(
            _coverage(url_tok, "tok", prefer, keep),
            messages,
            conversations,
            urls=True,
            confirmed=prefer,
        )
    mine = pairs.filter(pl.col("url").is_in(owner_urls)).group_by("name").agg(pl.col("time").max())
    from_urls = mine.sort(["time", "name"], descending=[True, False])["name"].to_list()
    rest = messages.filter(pl.col("recipient_urls").list.len() == 0)
    owner_names = list(from_urls)
    if rest.height:
        low = pl.col("tok").str.to_lowercase()
        contact = pl.Series(list(not_names), dtype=pl.String).implode()
        combos = rest.group_by(["sender_name", "recipient_names"]).agg(pl.col("n").sum())
        names_tok = pl.DataFrame(
            [prepend(combos, "sender_name", "recipient_names").alias("tok"), combos["n"]]
        )
        keep = (low != "linkedin member") & ~low.is_in(contact)
        found = _coverage(names_tok, "tok", known_names | set(from_urls), keep)
        confirmed = known_names | set(from_urls)
        for n in _qualified(found, messages, conversations, urls=False, confirmed=confirmed):
            if n not in owner_names:
                owner_names.append(n)
    return owner_names, owner_urls


def _tokens(frame: pl.DataFrame, *, urls: bool) -> pl.Expr:
    """The participant tokens of each row: sender and recipients (no LinkedIn Member)."""
    if urls:
        return pl.concat_list(pl.col("sender_url"), "recipient_urls").list.drop_nulls()
    member = pl.element().str.to_lowercase() != "linkedin member"
    return pl.concat_list(pl.col("sender_name"), "recipient_names").list.eval(
        pl.element().filter(member)
    )


def conversation_tokens(
    messages: pl.DataFrame, combos: pl.DataFrame, row_combo: pl.Series
) -> pl.DataFrame:
    """Per conversation: its rows ``n`` and its participants' ``names`` and ``urls``.

    Parameters
    ----------
    messages : polars.DataFrame
        Parsed messages (``conversation_id``).
    combos, row_combo : polars.DataFrame, polars.Series
        :func:`~tiekeeper.io.combos.identity_combos` of ``messages``.
    """
    per = (
        pl.DataFrame({"conv": messages["conversation_id"], "combo": row_combo})
        .filter(pl.col("conv").is_not_null())
        .group_by("conv")
        .agg(pl.col("combo").unique(), pl.len().alias("n"))
    )
    tok = combos.select(
        pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("combo"),
        _tokens(combos, urls=False).alias("names"),
        _tokens(combos, urls=True).alias("urls"),
    )
    return (
        per.explode("combo")
        .join(tok, on="combo")
        .group_by("conv")
        .agg(
            pl.col("n").first(),
            pl.col("names").explode().drop_nulls().unique(),
            pl.col("urls").explode().drop_nulls().unique(),
        )
    )


def _qualified(
    found: list[str],
    messages: pl.DataFrame,
    conversations: Conversations,
    *,
    urls: bool,
    confirmed: set[str] | frozenset[str] = frozenset(),
) -> list[str]:
    """The tokens of ``found`` that pass the coverage thresholds (module docstring).

    ``messages`` are combinations with ``n``; ``conversations`` is
    :func:`conversation_tokens` (or a function that makes it, called only when
    needed). Where it is missing or empty (2018 files, drafts), each
    combination counts as a conversation of its own. A first token already
    ``confirmed`` by stronger evidence (Invitations, Profile.csv) needs no
    conversation share.
    """
    if not found or messages.height == 0:
        return found
    col = "urls" if urls else "names"
    sender, recipients = (
        ("sender_url", "recipient_urls") if urls else ("sender_name", "recipient_names")
    )
    # Only whether a row holds a found token is asked, and a found token is never
    # null nor "LinkedIn Member" (_coverage drops them): sender equality or list
    # membership answers as the filtered participant list would, without building it.
    has = messages.select(
        "n",
        *[
            pl.when(pl.col(recipients).is_null())  # as concat_list: no participants
            .then(False)
            .otherwise((pl.col(sender) == t).fill_null(False) | pl.col(recipients).list.contains(t))
            .alias(str(i))
            for i, t in enumerate(found)
        ],
    )
    seen = has.select(pl.col("n").filter(pl.col(str(i))).sum() for i in range(len(found))).row(0)
    rows_total = int(messages["n"].sum() or 0)
    out = []
    for i, t in enumerate(found):
        if rows_total >= SMALL_FILE_ROWS and seen[i] < MIN_ROWS:
            continue
        if i == 0 and t not in confirmed and not _in_most(t, has, conversations, col):
            return []  # the best-covered participant is not in most conversations
        out.append(t)
    return out


def _in_most(token: str, has: pl.DataFrame, conversations: Conversations, col: str) -> bool:
    """Whether ``token`` takes part in :data:`MIN_CONVERSATION_SHARE` of the busy conversations.

    ``has`` holds each combination's ``n`` and, in column ``"0"``, whether
    ``token`` takes part in it: the fallback when there are no conversations.
    """
    convs = conversations() if callable(conversations) else conversations
    if convs is None or convs.height == 0:
        convs = has.select("n", pl.col("0").alias("_has"))
    else:
        convs = convs.select("n", pl.col(col).list.contains(token).alias("_has"))
    busy = convs.filter(pl.col("n") >= 2)
    if busy.height == 0:
        busy = convs
    share = int(busy["_has"].sum())
    return share >= MIN_CONVERSATION_SHARE * busy.height


def given_owner(owner: str | Sequence[str]) -> Owner:
    """The :class:`Owner` a user names: display names and/or profile URLs.

    Parameters
    ----------
    owner : str or sequence of str
        Each value is a profile URL (any shape, or ``urn:li:member:…``) or a
        display name.

    Raises
    ------
    ParameterError
        When no value names anybody (empty, or only "LinkedIn Member").

    Examples
    --------
    >>> o = given_owner(["Ada Example", "linkedin.com/in/Ada-Example/"])
    >>> o.names, o.profile_urls
    (('Ada Example',), ('https://www.linkedin.com/in/ada-example',))
    """
    values = [owner] if isinstance(owner, str) else list(owner)
    names: list[str] = []
    urls: list[str] = []
    for v in values:
        text = str(v).strip()
        url = normalize_profile_url(text) if "linkedin.com/" in text.casefold() else None
        if url:
            urls.append(url)
        elif text.casefold().startswith("urn:li:member:"):
            urls.append(text)
        elif name_key(text) is not None:
            names.append(normalize_name(text) or text)
    if not names and not urls:
        raise ParameterError(
            f"owner={owner!r} names nobody; expected your display name as LinkedIn shows it "
            "and/or your profile URL, e.g. owner='Ada Example' or "
            "owner=['Ada Example', 'https://www.linkedin.com/in/ada-example']"
        )
    return Owner(tuple(dict.fromkeys(names)), tuple(dict.fromkeys(urls)), ("given by owner=",))


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
    conversations: Conversations = None,
    connections: pl.DataFrame | None = None,
) -> Owner:
    """Infer the owner from the parsed frames (see the module docstring).

    Parameters
    ----------
    invitations, messages, other_messages, profile : polars.DataFrame
        Frames in their schemas (messages before the owner-dependent columns).
        ``messages`` may also be its :func:`~tiekeeper.io.combos.identity_combos`,
        whose ``n`` weighs each combination by the rows it stands for.
    connections : polars.DataFrame, optional
        Connections.csv (``name``, ``profile_url``): message coverage never
        picks one of them as the owner (nobody is their own connection).
    conversations : polars.DataFrame or callable, optional
        :func:`conversation_tokens` of the messages (or a function that makes
        it, called only when message coverage is the deciding evidence), for
        the coverage thresholds; without it each combination counts as a
        conversation.

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
        names[profile_name] += 800  # ahead of message coverage (500 at most)
        evidence.append("Profile.csv name")
    contacts: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    if connections is not None and connections.height:
        contacts = (
            frozenset(connections["name"].drop_nulls().str.to_lowercase().to_list()),
            frozenset(connections["profile_url"].drop_nulls().to_list()),
        )
    msg_names, msg_urls = _message_tokens(modern, names, urls, conversations, contacts)
    for i, n in enumerate(msg_names):
        names[n] += 500 - i
    for i, u in enumerate(msg_urls):
        urls[u] += 500 - i
    if msg_names:
        by_name = modern.filter(pl.col("sender_name").is_in(msg_names))
        used = by_name.group_by("sender_url").agg(pl.col("n").sum()).drop_nulls("sender_url")
        total = int(by_name["n"].sum() or 0)
        for url, count in used.sort("n", descending=True).iter_rows():
            if count >= 0.1 * total:
                urls[url] += 1
        evidence.append("messages (the participant of most rows)")
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
