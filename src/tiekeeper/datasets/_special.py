"""Rows that are not relationships: sponsored and InMail, spam, drafts, system rows,
and conversations with a closed account (``LinkedIn Member``).

They follow the shapes of the format reference (§4.2): sponsored rows have no
sender URL, a conversation title and ``spinmail`` HTML that often keeps an
unfilled ``%FIRSTNAME%``; drafts have an empty conversation id, TO and
folder; system rows have empty FROM and TO.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from tiekeeper.datasets import _phrases as P
from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._rows import LINKEDIN_MEMBER, OWNER, rows
from tiekeeper.datasets._story import Cast
from tiekeeper.datasets._text import TextPool, word_counts

__all__ = ["drafts", "member_threads", "spam", "sponsored", "system_rows"]

_YEAR = 365.25


def _pick(rng: np.random.Generator, items: tuple[str, ...]) -> str:
    return items[int(rng.integers(0, len(items)))]


def sponsored(rng: np.random.Generator, cast: Cast, n: int, conv_start: int) -> pl.DataFrame:
    """``n`` sponsored / InMail rows, one conversation each, from senders without a URL."""
    o = cast.owner
    t = cast.export_start - 1e-3 - rng.uniform(0, 4 * _YEAR, n)
    senders, titles, subjects, contents = [], [], [], []
    for _ in range(n):
        body = _pick(rng, P.SPONSOR_BODIES)
        job = _pick(rng, V.TITLES)
        inmail = "{title}" in body
        senders.append(_pick(rng, P.SPONSORED_SENDERS))
        titles.append(f"{job} (Remote)" if inmail else "Sponsored Conversation")
        subjects.append(f"{job} (Remote)" if inmail else None)
        contents.append(body.replace("{first}", o.first).replace("{title}", job))
    return rows(
        conv=conv_start + np.arange(n),
        t=t,
        title=titles,
        from_name=senders,
        to_names=[o.name] * n,
        to_urls=[o.url] * n,
        subject=subjects,
        content=contents,
        folder=["INBOX"] * n,
        pid=[LINKEDIN_MEMBER] * n,
        from_owner=[False] * n,
        part=["sponsored"] * n,
    )


def spam(rng: np.random.Generator, cast: Cast, n: int, conv_start: int) -> pl.DataFrame:
    """``n`` rows in the SPAM folder: the first from the ``spam`` person, the rest anonymous."""
    o = cast.owner
    people = cast.people
    spammer = int(people.filter(pl.col("kind") == "spam")["pid"][0])
    name, url = people["name"][spammer], people["url"][spammer]
    pid = [spammer] + [LINKEDIN_MEMBER] * (n - 1)
    return rows(
        conv=conv_start + np.arange(n),
        t=cast.export_start - 1e-3 - rng.uniform(0, 3 * _YEAR, n),
        from_name=[name] + ["LinkedIn Member"] * (n - 1),
        from_url=[url] + [None] * (n - 1),
        to_names=[o.name] * n,
        to_urls=[o.url] * n,
        content=[_pick(rng, P.SPAM_LINES) for _ in range(n)],
        folder=["SPAM"] * n,
        pid=pid,
        from_owner=[False] * n,
        part=["spam"] * n,
    )


def drafts(
    rng: np.random.Generator, cast: Cast, n: int, conv_start: int, pool: TextPool
) -> pl.DataFrame:
    """``n`` unsent drafts: empty conversation id, TO, URLs and folder."""
    o = cast.owner
    subjects = [("Let's connect and chat!" if rng.random() < 0.3 else None) for _ in range(n)]
    return rows(
        conv=conv_start + np.arange(n),
        t=cast.export_start - 1e-3 - rng.uniform(0, 2 * _YEAR, n),
        from_name=[o.name] * n,
        from_url=[o.url] * n,
        subject=subjects,
        content=pool.take(rng, np.minimum(word_counts(rng, n), 60)),
        draft=[True] * n,
        pid=[OWNER] * n,
        from_owner=[True] * n,
        part=["draft"] * n,
    )


def member_threads(
    rng: np.random.Generator, cast: Cast, n: int, conv_start: int, pool: TextPool
) -> pl.DataFrame:
    """``n`` messages in 1:1 threads with closed accounts (``LinkedIn Member``, no URL)."""
    o = cast.owner
    n_conv = max(1, n // 4)
    conv = rng.integers(0, n_conv, n)
    conv[:n_conv] = np.arange(min(n, n_conv))
    start = cast.export_start - rng.uniform(1, 8, n_conv) * _YEAR
    t = start[conv] + rng.uniform(0, 40, n)
    own = rng.random(n) < 0.5
    return rows(
        conv=conv_start + conv,
        t=t,
        from_name=np.where(own, o.name, "LinkedIn Member"),
        from_url=[o.url if x else None for x in own.tolist()],
        to_names=np.where(own, "LinkedIn Member", o.name),
        to_urls=[None if x else o.url for x in own.tolist()],
        content=pool.take(rng, word_counts(rng, n)),
        pid=np.where(own, OWNER, LINKEDIN_MEMBER),
        from_owner=own,
        part=["member"] * n,
    )


def system_rows(
    rng: np.random.Generator,
    n: int,
    *,
    group_conv: np.ndarray,
    group_last: np.ndarray,
    group_leaver: list[str],
    request_conv: np.ndarray,
    request_t: np.ndarray,
) -> pl.DataFrame:
    """``n`` system rows: "<Name> left the conversation." in groups, "Message request
    accepted" after a first inbound message, and a few with empty content."""
    n_left = min(len(group_conv), n // 2)
    n_req = n - n_left
    gi = rng.choice(len(group_conv), n_left, replace=False)
    ri = rng.integers(0, max(len(request_conv), 1), n_req)
    content = [f"{group_leaver[i]} left the conversation." for i in gi.tolist()]
    content += ["Message request accepted" if rng.random() < 0.8 else "" for _ in range(n_req)]
    conv = np.r_[group_conv[gi], request_conv[ri]] if len(request_conv) else group_conv[gi]
    t = np.r_[group_last[gi] + 1 / 1440, request_t[ri] + rng.uniform(1, 600, n_req) / 1440]
    return rows(
        conv=conv,
        t=t[: len(conv)],
        content=content[: len(conv)],
        pid=[LINKEDIN_MEMBER] * len(conv),
        from_owner=[False] * len(conv),
        part=["system"] * len(conv),
    )
