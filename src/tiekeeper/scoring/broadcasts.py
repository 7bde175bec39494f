"""Broadcasts: messages sent to many people at once, which are owed no reply.

"pls subscribe my channel", "Hello %FIRSTNAME%, we're hosting a webinar", a
thread with forty recipients: nobody expects the owner to answer these, so an
owed reply (:mod:`~tiekeeper.scoring.replies`) is never one of them. Each
*sign* of a broadcast is one function over a frame of messages; a message
with any sign is a broadcast (:func:`is_broadcast`):

* **text**: the text asks the many for something (:data:`BROADCAST_PATTERNS`:
  subscribe, like my page, check out my post, vote for, share, register for
  our webinar…) or carries an unfilled mail-merge field (``%FIRSTNAME%``,
  ``{first_name}``, ``[Name]``), the mark of a mass mailing;
* **group**: the conversation has at least
  :attr:`~tiekeeper.scoring.params.ScoringParams.broadcast_group_size` other
  participants (the ``participants`` column of messages and interactions).

Other signs (a non-person sender, the same text sent to the owner again and
again) belong here too and are added by the people frame's ``kind`` work.

Examples
--------
>>> texts = pl.Series(["pls subscribe my channel", "Hi %FIRSTNAME%, join us!",
...                    "Could you check my CV?", "Vote for our team in the finals"])
>>> broadcast_text(texts).to_list()
[True, True, False, True]
"""

from __future__ import annotations

import polars as pl

from tiekeeper.scoring.params import ScoringParams

__all__ = [
    "BROADCAST_PATTERNS",
    "MERGE_FIELDS",
    "broadcast_group",
    "broadcast_text",
    "is_broadcast",
    "repeated_keys",
    "repeated_text",
]

#: Phrasings that ask many people at once for attention, as regular expressions
#: over the lower-cased message text (lower-casing first, rather than a
#: case-insensitive pattern, keeps the match a hundred times faster). Each names an act the sender
#: wants from an audience (subscribe, like, follow, vote, share, register, buy),
#: not from the owner in particular; a friend's "could you vote for us" is a
#: broadcast too, since it is never a reply the owner owes.
BROADCAST_PATTERNS: tuple[str, ...] = (
    # subscribe / follow / like a channel, page or newsletter
    r"\b(?:pls|plz|please|do|hit\s+(?:the\s+)?)\s*subscribe\b",
    r"\bsubscribe\s+(?:to\s+)?(?:my|our)\b",
    r"\b(?:like|follow|check\s+out|visit|support|share)\s+(?:my|our)\s+(?:\w+\s+)?"
    r"(?:page|channel|post|video|profile|newsletter|podcast|website|blog|startup|product|"
    r"article|reel|shop|store|event)s?\b",
    r"\b(?:like|share|repost|comment\s+on)\s+(?:this|my|our)\s+post\b",
    r"\blink\s+in\s+(?:bio|my\s+profile)\b",
    # votes, petitions, fundraising
    r"\bvote\s+for\s+(?:me|us|my|our)\b",
    r"\bplease\s+vote\b",
    r"\bsign\s+(?:the|my|our)\s+petition\b",
    r"\bdonate\s+(?:now|here|today|to\s+(?:my|our))\b",
    r"\b(?:my|our)\s+(?:fundraiser|gofundme|crowdfunding\s+campaign)\b",
    # events and offers sent to a list
    r"\bregister\s+(?:now|here|today|for\s+(?:our|the|my)\s+(?:free\s+)?(?:webinar|event|"
    r"workshop|masterclass))\b",
    r"\b(?:join|attend)\s+(?:our|my)\s+(?:free\s+)?(?:webinar|masterclass|workshop|live)\b",
    r"\bfree\s+(?:trial|webinar|masterclass|e-?book|consultation)\b",
    r"\b(?:limited|special)\s+(?:time\s+)?offer\b",
    r"\b(?:use\s+my\s+)?(?:referral|promo|discount)\s+code\b",
    # other languages
    r"\bsuscr[ií]b(?:ete|anse|ase)\b",
    r"\bs[ií]gue(?:me)?\s+en\b",
    r"\babonn(?:e|ez)[\s-]+(?:toi|vous)\b",
    r"\babonnier(?:e|t)\s+(?:meinen|unseren|meine|unsere)\b",
    r"\binscreva[\s-]*se\b|\bse\s+inscreva\b",
    r"\bvot[ea]\s+(?:por|em|pour)\b|\bvotez\s+pour\b|\bstimmt?\s+f[üu]r\b",
    r"\b(?:subscribe|like|share|follow)\s+kar(?:o|ein|en|na)\b",
    r"اشترك(?:وا)?\s+في\s+(?:قناتي|قناتنا)",
    r"صوت(?:وا)?\s+(?:لي|لنا)",
)
#: Unfilled mail-merge fields: a text that still holds one was written for a
#: list ("Hi %FIRSTNAME%", "Dear {first_name}", "Hello [Name]"); matched on
#: the lower-cased text like :data:`BROADCAST_PATTERNS`.
MERGE_FIELDS: tuple[str, ...] = (
    r"%[a-z_]{3,}%",
    r"\{\{?\s*(?:first_?name|name|company)\s*\}?\}",
    r"\[(?:first\s*name|name|company)\]",
)

_TEXT = "|".join(f"(?:{p})" for p in BROADCAST_PATTERNS + MERGE_FIELDS)


def broadcast_text(text: pl.Series) -> pl.Series:
    """The text sign: a broadcast phrasing or an unfilled merge field, per message.

    Null text is no broadcast by this sign.

    Examples
    --------
    >>> broadcast_text(pl.Series(["Check out my new podcast!", "Thanks!", None])).to_list()
    [True, False, False]
    """
    return (
        text.cast(pl.String).fill_null("").str.to_lowercase().str.contains(_TEXT).alias(text.name)
    )


def broadcast_group(participants: pl.Series, params: ScoringParams) -> pl.Series:
    """The group sign: at least ``broadcast_group_size`` other participants.

    Examples
    --------
    >>> broadcast_group(pl.Series([1, 3, 40, None]), ScoringParams()).to_list()
    [False, False, True, False]
    """
    return (participants.fill_null(1) >= params.broadcast_group_size).alias(participants.name)


def repeated_text(texts: pl.Series, inbound: pl.DataFrame | pl.LazyFrame) -> pl.Series:
    """The repetition sign: the same long text reached the owner many times.

    A text of :data:`~tiekeeper.io.kinds.TEMPLATE_MIN_WORDS` words or more is a
    template when the owner received it from two different senders, or
    :data:`~tiekeeper.io.kinds.REPEAT_MIN` times from one (the same signs that
    classify mass senders in :mod:`tiekeeper.io.kinds`). LinkedIn's own
    invitation text, sent by many real people, is such a template too: it
    asks for no reply.

    Parameters
    ----------
    texts : polars.Series
        The texts to judge.
    inbound : polars.DataFrame or polars.LazyFrame
        Every message the owner received: ``sender_id`` and ``text`` (lazy is
        best: only the texts of matching length are read).

    Examples
    --------
    >>> long = "I would like to add you to my professional network on LinkedIn today"
    >>> inbound = pl.DataFrame({"sender_id": ["a", "b", "c"], "text": [long, long, "Hi"]})
    >>> repeated_text(pl.Series([long, "Hi", None]), inbound).to_list()
    [True, False, False]
    """
    from tiekeeper.io.kinds import REPEAT_MIN, TEMPLATE_MIN_WORDS

    words = texts.fill_null("").str.count_matches(r"\S+")
    wanted = texts.filter(words >= TEMPLATE_MIN_WORDS).unique()
    if wanted.len() == 0:
        return pl.repeat(False, texts.len(), dtype=pl.Boolean, eager=True).alias(texts.name)
    sizes = wanted.str.len_bytes().unique().implode()
    counts = (
        inbound.lazy()
        .select("sender_id", "text")
        .filter(pl.col("text").str.len_bytes().is_in(sizes))  # cheap before comparing texts
        .filter(pl.col("text").is_in(wanted.implode()))
        .group_by("text")
        .agg(n=pl.len(), senders=pl.col("sender_id").n_unique())
        .filter((pl.col("senders") >= 2) | (pl.col("n") >= REPEAT_MIN))
        .collect()
    )
    return texts.is_in(counts["text"].implode()).fill_null(False).alias(texts.name)


def repeated_keys(keys: pl.Series, inbound: pl.DataFrame | pl.LazyFrame) -> pl.Series:
    """:func:`repeated_text` for texts known only by a key (a snapshot archived without text).

    Parameters
    ----------
    keys : polars.Series
        The key of each text to judge (``text_key``), null unless the text is long
        enough to be a template (``flag_long_text``).
    inbound : polars.DataFrame or polars.LazyFrame
        ``sender_id`` and ``text`` (the key) of every long message the owner received.

    Examples
    --------
    >>> inbound = pl.DataFrame({"sender_id": ["a", "b", "c"], "text": ["k1", "k1", "k2"]})
    >>> repeated_keys(pl.Series(["k1", "k2", None]), inbound).to_list()
    [True, False, False]
    """
    from tiekeeper.io.kinds import REPEAT_MIN

    wanted = keys.drop_nulls().unique()
    if wanted.len() == 0:
        return pl.repeat(False, keys.len(), dtype=pl.Boolean, eager=True).alias(keys.name)
    counts = (
        inbound.lazy()
        .select("sender_id", "text")
        .filter(pl.col("text").is_in(wanted.implode()))
        .group_by("text")
        .agg(n=pl.len(), senders=pl.col("sender_id").n_unique())
        .filter((pl.col("senders") >= 2) | (pl.col("n") >= REPEAT_MIN))
        .collect()
    )
    return keys.is_in(counts["text"].implode()).fill_null(False).alias(keys.name)


def is_broadcast(messages: pl.DataFrame, params: ScoringParams) -> pl.Series:
    """Whether each message has a broadcast sign (any of the signs above).

    ``messages`` needs ``text``; ``participants`` adds the group sign.

    Examples
    --------
    >>> m = pl.DataFrame({"text": ["Vote for me!", "Hi", "Hi all"], "participants": [1, 1, 25]})
    >>> is_broadcast(m, ScoringParams()).to_list()
    [True, False, True]
    """
    signs = broadcast_text(messages["text"])
    if "participants" in messages.columns:
        signs = signs | broadcast_group(messages["participants"], params)
    return signs.alias("broadcast")
