"""messages.csv: every conversation of the story, rendered in the 2025 shape.

The budget of ``n_messages`` rows is split between the parts: ordinary 1:1
threads (the bulk, allocated to ties in proportion to their latent rate),
owed replies, recruiters, one-sided ties, groups, closed accounts, sponsored
and InMail rows, spam, drafts and system rows. The file is grouped by
conversation (conversations in random order) and newest first inside each.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np
import polars as pl

from tiekeeper.datasets import _phrases as P
from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._format import fmt_f4
from tiekeeper.datasets._groups import make_groups
from tiekeeper.datasets._rows import rows
from tiekeeper.datasets._special import drafts, member_threads, spam, sponsored, system_rows
from tiekeeper.datasets._story import OWED_WINDOW_DAYS, Cast
from tiekeeper.datasets._text import TextPool, to_html, word_counts
from tiekeeper.datasets._timing import place_messages, within_group_rank

__all__ = ["MESSAGE_COLUMNS", "Budget", "Messages", "group_cumsum", "make_budget", "make_messages"]

MESSAGE_COLUMNS = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "IS MESSAGE DRAFT",
)
_YEAR = 365.25
#: Shares of ordinary messages (1:1, groups, closed accounts) written as HTML, and left
#: empty (an attachment or a sticker).
_HTML_SHARE = 0.035
_EMPTY_SHARE = 0.003


@dataclass(frozen=True)
class Messages:
    """messages.csv in file order, the internal rows, and the bulk rate scale.

    ``bulk_scale`` turns a tie's relative rate into expected messages per day;
    ``group_members`` holds every person in a group conversation; ``meta``
    has one row per row of ``file`` (same order): ``seconds`` (epoch),
    ``from_owner`` and ``part``, which the older layouts need.
    """

    file: pl.DataFrame
    rows: pl.DataFrame  # conv, t, pid, from_owner, part
    bulk_scale: float
    group_members: frozenset[int]
    meta: pl.DataFrame


@dataclass(frozen=True)
class Budget:
    """How many rows each part of messages.csv gets."""

    sponsored: int
    spam: int
    drafts: int
    system: int
    member: int
    group: int
    bulk: int


def make_budget(n_messages: int, fixed: int) -> Budget:
    """Split ``n_messages`` given ``fixed`` rows already taken by per-person parts.

    Examples
    --------
    Sponsored 60 + spam 2 + drafts 9 + system 12 + closed accounts 12 + groups 240
    = 335 rows, so the bulk of 1:1 messages gets 3000 − 60 − 335:

    >>> make_budget(3000, 60).bulk
    2605
    """
    m = n_messages
    b = {
        "sponsored": max(3, round(0.02 * m)),
        "spam": max(2, round(0.0005 * m)),
        "drafts": max(2, round(0.003 * m)),
        "system": max(2, round(0.004 * m)),
        "member": max(3, round(0.004 * m)),
        "group": max(24, round(0.08 * m)),
    }
    return Budget(bulk=m - fixed - sum(b.values()), **b)


def _direct_rows(
    cast: Cast,
    pid: np.ndarray,
    t: np.ndarray,
    from_owner: np.ndarray,
    content: list[str],
    part: str,
    subject: list[str | None] | None = None,
) -> pl.DataFrame:
    """1:1 rows between the owner and person ``pid``."""
    o = cast.owner
    name = cast.people["name"].gather(pid)
    url = cast.people["url"].gather(pid)
    fo = pl.Series(from_owner)
    return rows(
        conv=pid,
        t=t,
        from_name=pl.select(pl.when(fo).then(pl.lit(o.name)).otherwise(name)).to_series(),
        from_url=pl.select(pl.when(fo).then(pl.lit(o.url)).otherwise(url)).to_series(),
        to_names=pl.select(pl.when(fo).then(name).otherwise(pl.lit(o.name))).to_series(),
        to_urls=pl.select(pl.when(fo).then(url).otherwise(pl.lit(o.url))).to_series(),
        subject=subject if subject is not None else [None] * len(pid),
        content=content,
        pid=pid,
        from_owner=from_owner,
        part=[part] * len(pid),
    )


def _bulk(rng: np.random.Generator, cast: Cast, n: int, pool: TextPool) -> pl.DataFrame:
    lengths = np.clip(np.diff(cast.bounds, axis=1), 0, None)
    expected = (cast.rates * lengths).sum(axis=1)
    counts = rng.multinomial(n, expected / expected.sum())
    placed = place_messages(rng, counts, cast.bounds, cast.rates, p_session=0.4)
    # sessions are numbered 0..S-1 in order, and each starts with a rank-0 message
    session_thread = placed.thread[placed.rank == 0]
    first_owner = rng.random(len(session_thread)) < cast.p_owner[session_thread]
    flips = (rng.random(len(placed.t)) < 0.7) & (placed.rank > 0)
    cs = np.cumsum(flips)
    parity = (cs - cs[np.flatnonzero(placed.rank == 0)][placed.session]) % 2
    from_owner = first_owner[placed.session] ^ (parity == 1)
    # the owner answers what came in recently: owed replies are only the deliberate ones

    closes = np.r_[placed.session[1:] != placed.session[:-1], True]
    from_owner[closes & (placed.t >= cast.export_start - OWED_WINDOW_DAYS)] = True
    text = pool.take(rng, word_counts(rng, len(placed.t)))
    frame = _direct_rows(cast, placed.thread, placed.t, from_owner, text, "bulk")
    greet = (placed.rank == 0) & (rng.random(len(placed.t)) < 0.35)
    firsts = cast.people["first"].gather(placed.thread)
    return frame.with_columns(
        content=pl.when(pl.Series(greet))
        .then(
            pl.concat_str(
                pl.lit("Hi "),
                pl.when(pl.col("from_owner")).then(firsts).otherwise(pl.lit(cast.owner.first)),
                pl.lit(", "),
                pl.col("content"),
            )
        )
        .otherwise(pl.col("content"))
    )


def _owed(rng: np.random.Generator, cast: Cast) -> pl.DataFrame:
    pid = np.flatnonzero(~np.isnan(cast.owed_at))
    pid = np.repeat(pid, 1 + (rng.random(len(pid)) < 0.4))
    t = cast.owed_at[pid].copy()
    second = np.r_[False, pid[1:] == pid[:-1]]
    t[second] += rng.uniform(1, 30, int(second.sum())) / 1440
    t[second] = np.minimum(t[second], np.floor(t[second]) + 0.999)
    content = [
        "No rush, whenever you have a moment."
        if s
        else _pick(rng, P.REPLY_OWED_LINES).format(first=cast.owner.first)
        for s in second.tolist()
    ]
    return _direct_rows(cast, pid, t, np.zeros(len(pid), dtype=bool), content, "owed")


def _recruiters(rng: np.random.Generator, cast: Cast) -> pl.DataFrame:
    p = cast.people
    end = cast.export_start - 1e-3
    pid = np.flatnonzero(p["kind"].to_numpy() == "recruiter")
    conn = p["is_connection"].to_numpy()[pid]
    t0 = np.where(
        conn,
        p["connected_t"].to_numpy()[pid] + rng.uniform(0, 30, len(pid)),
        end - rng.uniform(1, 6 * _YEAR, len(pid)),
    )
    k = 1 + rng.binomial(2, 0.35, len(pid))
    rep = np.repeat(np.arange(len(pid)), k)
    step = within_group_rank(rep)
    t = np.minimum(t0[rep] + step * rng.uniform(3, 20, len(rep)), end)
    company = cast.jobs[-1].company
    city = cast.jobs[-1].location.split(",")[0]
    titles = [_pick(rng, V.TITLES) for _ in range(len(pid))]
    content, subject = [], []
    for r, s in zip(rep.tolist(), step.tolist(), strict=True):
        line = (
            P.RECRUITER_LINES[2]
            if s > 0
            else _pick(rng, P.RECRUITER_LINES[:2] + P.RECRUITER_LINES[3:])
        )
        content.append(
            line.format(first=cast.owner.first, title=titles[r], city=city, company=company)
        )
        subject.append(f"{titles[r]} opportunity" if s == 0 else None)
    return _direct_rows(
        cast, pid[rep], t, np.zeros(len(rep), dtype=bool), content, "recruiter", subject
    )


def _revivals(rng: np.random.Generator, cast: Cast, pool: TextPool) -> pl.DataFrame:
    """The renewed contact of every revived tie: 2–5 messages in the last half-year,
    opened by either side, the last one from the owner."""
    p = cast.people
    pid = np.flatnonzero(p["kind"].to_numpy() == "revived")
    start = cast.bounds[pid, 2]
    t0 = start + (cast.export_start - 1 - start) * rng.random(len(pid))
    k = 2 + rng.binomial(3, 0.5, len(pid))
    rep = np.repeat(np.arange(len(pid)), k)
    step = within_group_rank(rep)
    t = t0[rep] + group_cumsum(rng.uniform(0.002, 0.4, len(rep)) * (step > 0), step)
    owner_opens = rng.random(len(pid)) < 0.5
    from_owner = owner_opens[rep] ^ (step % 2 == 1)
    last = np.r_[rep[1:] != rep[:-1], True]
    from_owner[last] = True
    firsts = p["first"].to_list()
    text = pool.take(rng, word_counts(rng, len(rep)))
    content = [
        _pick(rng, P.REVIVAL_OPENERS).format(first=firsts[pid[r]] if out else cast.owner.first)
        if s == 0
        else body
        for r, s, out, body in zip(
            rep.tolist(), step.tolist(), from_owner.tolist(), text, strict=True
        )
    ]
    return _direct_rows(cast, pid[rep], t, from_owner, content, "revival")


def _one_offs(rng: np.random.Generator, cast: Cast) -> pl.DataFrame:
    """One exchange around the day of connecting: an opener, and sometimes an answer
    (always an answer from the owner in the last month)."""
    p = cast.people
    pid = np.flatnonzero(p["kind"].to_numpy() == "one-off")
    t0 = p["connected_t"].to_numpy()[pid] + rng.uniform(0, 3, len(pid))
    inbound = rng.random(len(pid)) < 0.6
    recent = t0 >= cast.export_start - OWED_WINDOW_DAYS
    k = 1 + ((rng.random(len(pid)) < 0.35) | (inbound & recent))
    rep = np.repeat(np.arange(len(pid)), k)
    step = within_group_rank(rep)
    t = t0[rep] + step * rng.uniform(0.01, 2, len(rep))
    from_owner = ~inbound[rep] ^ (step == 1)
    firsts = p["first"].to_list()
    content = []
    for r, s, out in zip(rep.tolist(), step.tolist(), from_owner.tolist(), strict=True):
        lines = P.ONE_OFF_REPLIES if s else P.ONE_OFF_OPENERS
        to_first = firsts[pid[r]] if out else cast.owner.first
        content.append(_pick(rng, lines).format(first=to_first))
    return _direct_rows(cast, pid[rep], t, from_owner, content, "one-off")


def _one_sided(rng: np.random.Generator, cast: Cast) -> pl.DataFrame:
    p = cast.people
    end = cast.export_start - 1e-3
    pid = np.flatnonzero(p["kind"].to_numpy() == "one-sided")
    k = rng.integers(3, 7, len(pid))
    rep = np.repeat(np.arange(len(pid)), k)
    step = within_group_rank(rep)
    gaps = rng.uniform(15, 200, len(rep))
    gaps[step == 0] = 0.0
    start = p["connected_t"].to_numpy()[pid] + rng.uniform(0, 20, len(pid))
    t = start[rep] + group_cumsum(gaps, step)
    last = np.maximum.reduceat(t, np.flatnonzero(step == 0))
    shift = np.maximum(last - (end - rng.uniform(1, 30, len(pid))), 0)
    t = t - shift[rep]
    firsts = p["first"].to_list()
    comps = p["company_now"].to_list()
    content = [
        P.ONE_SIDED_LINES[min(s, len(P.ONE_SIDED_LINES) - 1)].format(
            first=firsts[pid[r]], company=comps[pid[r]] or "your company"
        )
        for r, s in zip(rep.tolist(), step.tolist(), strict=True)
    ]
    return _direct_rows(cast, pid[rep], t, np.ones(len(rep), dtype=bool), content, "one-sided")


def group_cumsum(values: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Cumulative sum restarted at every ``rank == 0``.

    Examples
    --------
    >>> group_cumsum(np.array([1.0, 2.0, 3.0, 4.0]), np.array([0, 1, 0, 1])).tolist()
    [1.0, 3.0, 3.0, 7.0]
    """
    cs = np.cumsum(values)
    starts = np.flatnonzero(rank == 0)
    before = cs[starts] - values[starts]
    return cs - before[np.cumsum(rank == 0) - 1]


def _pick(rng: np.random.Generator, items: tuple[str, ...]) -> str:
    return items[int(rng.integers(0, len(items)))]


def _conversation_ids(rng: np.random.Generator, n: int) -> list[str]:
    """``2-`` + base64 of a UUID plus ``_0NN``, as in real exports."""
    raw = rng.bytes(16 * n).hex()
    suffix = rng.integers(0, 100, n).tolist()
    out = []
    for i in range(n):
        h = raw[32 * i : 32 * i + 32]
        uuid = f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:]}"
        out.append("2-" + base64.b64encode(f"{uuid}_{suffix[i]:03d}".encode()).decode())
    return out


def make_messages(
    rng: np.random.Generator, cast: Cast, n_messages: int, extra: pl.DataFrame | None = None
) -> Messages:
    """Every row of messages.csv (see the module doc).

    ``extra`` rows (:data:`~tiekeeper.datasets._rows.ROW_SCHEMA`, already made)
    are added as they are and taken from the budget of the bulk, so the file
    still has ``n_messages`` rows.
    """
    pool = TextPool(rng)
    per_person = [
        _owed(rng, cast),
        _recruiters(rng, cast),
        _one_sided(rng, cast),
        _one_offs(rng, cast),
        _revivals(rng, cast, pool),
    ]
    fixed = sum(f.height for f in per_person) + (0 if extra is None else extra.height)
    budget = make_budget(n_messages, fixed)
    n_people = cast.people.height
    groups = make_groups(rng, cast, budget.group, n_people, pool)
    conv = n_people + len(groups.conv)
    parts = [_bulk(rng, cast, budget.bulk, pool), *per_person, groups.frame]
    for make, n in ((sponsored, budget.sponsored), (spam, budget.spam)):
        parts.append(make(rng, cast, n, conv))
        conv += n
    parts.append(drafts(rng, cast, budget.drafts, conv, pool))
    conv += budget.drafts
    parts.append(member_threads(rng, cast, budget.member, conv, pool))
    conv += budget.member
    firsts = per_person[1].group_by("conv", maintain_order=True).agg(pl.col("t").min())
    names = cast.people["name"].to_list()
    leavers = [names[m[0]] if m[0] >= 0 else "LinkedIn Member" for m in groups.members]
    parts.append(
        system_rows(
            rng,
            budget.system,
            group_conv=groups.conv,
            group_last=groups.last_t,
            group_leaver=leavers,
            request_conv=firsts["conv"].to_numpy(),
            request_t=firsts["t"].to_numpy(),
        )
    )
    if extra is not None:
        parts.append(extra)
    allrows = pl.concat(parts, how="vertical").with_row_index("seq")
    end = cast.export_start - 1e-3
    u = pl.Series(rng.random(allrows.height))
    chat = pl.col("part").is_in(["bulk", "group", "member"])
    allrows = allrows.with_columns(
        t=pl.when(pl.col("part") == "owed").then("t").otherwise(pl.min_horizontal("t", end)),
        content=pl.when(chat & (u < _EMPTY_SHARE))
        .then(pl.lit(""))
        .when(chat & (u < _EMPTY_SHARE + _HTML_SHARE))
        .then(to_html(pl.col("content")))
        .otherwise("content"),
    )
    lengths = np.clip(np.diff(cast.bounds, axis=1), 0, None)
    scale = budget.bulk / float((cast.rates * lengths).sum())
    members = frozenset(m for g in groups.members for m in g if m >= 0)
    # the truth needs who, when and which way, not the text
    slim = allrows.select("conv", "t", "pid", "from_owner", "part")
    file, meta = _render(rng, allrows)
    return Messages(file, slim, scale, members, meta)


def _render(rng: np.random.Generator, allrows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    convs = allrows.select(pl.col("conv").unique().sort())["conv"]
    n = len(convs)
    meta = pl.DataFrame(
        {
            "conv": convs,
            "cid": _conversation_ids(rng, n),
            "order": rng.permutation(n),
            "conv_folder": np.where(rng.random(n) < 0.2, "ARCHIVE", "INBOX"),
        }
    )
    seconds = (pl.col("t") * 86400).round(0).cast(pl.Int64)
    out = (
        allrows.join(meta, on="conv", how="left", maintain_order="left")
        .sort(["order", "t", "seq"], descending=[False, True, True])
        .select(
            pl.when(pl.col("draft")).then(None).otherwise(pl.col("cid")).alias("cid"),
            "title",
            "from_name",
            "from_url",
            "to_names",
            "to_urls",
            fmt_f4(seconds).alias("date"),
            "subject",
            "content",
            pl.when(pl.col("draft"))
            .then(None)
            .otherwise(pl.coalesce("folder", "conv_folder"))
            .alias("folder"),
            pl.when(pl.col("draft")).then(pl.lit("Yes")).otherwise(pl.lit("No")).alias("draft"),
            seconds.alias("seconds"),
            "from_owner",
            "part",
        )
    )
    meta = out.select("seconds", "from_owner", "part")
    out = out.drop("seconds", "from_owner", "part")
    out.columns = list(MESSAGE_COLUMNS)
    return out, meta
