"""Choosing the plan's people: state flags, the three lists' masks, and capped selection.

:func:`flag` adds private ``_``-columns to the score frame: the normalised
company, a seeded tie-break, the user's state (ignored, snoozed, cool-down,
recent suggestions), the rotated rank, bridges and the masks of owed replies,
one-sided ties and cold pitches (``_pitch``: never suggested, a recruiting title
the owner never wrote to or the score's ``cold_pitch``; ``_cold``: the ones the
plan's note counts, people who wrote a pitch the owner never answered).
:func:`with_moves` adds the dated moves a congratulation needs.
:func:`candidates` keeps whoever may be suggested, best first, and :func:`pick`
fills the ``k`` slots with at most ``company_cap`` per company and an
exploration share for bridges, dormant ties and people you never really
talked to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.companies import normalize_company_series
from tiekeeper.errors import ParameterError
from tiekeeper.scoring.replies import RECRUITER_PATTERN

if TYPE_CHECKING:  # pragma: no cover
    from tiekeeper.scoring.params import ScoringParams
    from tiekeeper.state import State

__all__ = [
    "MOVE_COLUMNS",
    "boost_movers",
    "candidates",
    "flag",
    "pick",
    "rank_order",
    "with_moves",
]

Row = dict[str, Any]
#: The columns of a ``moves`` frame: who moved, to which company, on which day.
MOVE_COLUMNS: tuple[str, ...] = ("person_id", "company", "moved_on")
#: Someone the plan may name at all: not ignored and not snoozed.
_FREE = ~pl.col("_ignored") & ~pl.col("_snoozed")


def _tiebreak(seed: int, ids: list[str]) -> list[int]:
    return [
        int.from_bytes(hashlib.blake2b(f"{seed}\x1f{p}".encode(), digest_size=6).digest(), "big")
        for p in ids
    ]


def rank_order(r: Row) -> tuple[bool, float, float, int]:
    """Sort key of a picked row: two-way ties first, then rotated rank and priority
    (both descending), then the tie-break.

    A one-way tie (score column ``one_way``) is never listed above a two-way tie.

    Examples
    --------
    >>> rank_order({"_rank": 0.25, "priority": 0.5, "_tie": 7})
    (False, -0.25, -0.5, 7)
    """
    return (bool(r.get("one_way") or False), -r["_rank"], -r["priority"], r["_tie"])


def _with_state(
    df: pl.DataFrame, st: State, as_of: dt.date, cooldown: float, rotation_days: float
) -> pl.DataFrame:
    """Add the state's per-person flags: ignored, snoozed, cool-down, recent suggestions."""
    window = as_of - dt.timedelta(days=rotation_days)
    per = st.by_person().select(
        "person_id",
        _ign=pl.col("ignored"),
        _snoozed=pl.col("snoozed_until") > as_of,
        _last_logged=pl.col("contacted").list.max(),
        _recent=pl.col("suggested").list.eval(pl.element() > window).list.sum(),
    )
    return (
        df.join(per, on="person_id", how="left", maintain_order="left")
        .with_columns(
            _ignored=pl.col("_ign").fill_null(False)
            | pl.col("_company_key").is_in(list(st.ignored_company_keys)).fill_null(False),
            _snoozed=pl.col("_snoozed").fill_null(False),
            _recent=pl.col("_recent").fill_null(0).cast(pl.Int64),
        )
        .with_columns(
            _cooled=(pl.lit(as_of) - pl.col("_last_logged")).dt.total_days().fill_null(10**9)
            < cooldown
        )
        .drop("_ign")
    )


def _owner_companies(export: Any) -> list[str]:
    """Normalised companies of the owner's current positions (not bridges)."""
    positions = getattr(export, "positions", None)
    if positions is None or not positions.height:
        return []
    current = positions.filter(pl.col("is_current").fill_null(False))["company"]
    return normalize_company_series(current).drop_nulls().to_list()


def flag(
    scores: pl.DataFrame,
    st: State,
    p: ScoringParams,
    *,
    today: dt.date,
    seed: int,
    export: Any = None,
) -> pl.DataFrame:
    """The score frame with the plan's private columns (see the module docstring).

    ``_rank`` is the priority times ``p.rotation_factor`` to the power of the
    number of suggestions recorded within ``p.rotation_days`` before ``today``.
    """
    df = scores.with_columns(
        _company_key=normalize_company_series(scores["company"]),
        _tie=pl.Series(_tiebreak(seed, scores["person_id"].to_list()), dtype=pl.Int64),
    )
    df = _with_state(df, st, today, p.cooldown_days, p.rotation_days)
    df = df.with_columns(
        _rank=pl.col("priority") * pl.lit(p.rotation_factor).pow(pl.col("_recent")),
        _bridge=pl.col("_company_key").is_not_null()
        & (pl.len().over("_company_key") == 1)
        & ~pl.col("_company_key").is_in(_owner_companies(export)),
    )
    answered = pl.col("_last_logged").is_not_null() & (
        pl.col("_last_logged") >= pl.col("owed_since").dt.date()
    )
    owed_mask = _FREE & pl.col("reply_owed").fill_null(False) & ~answered.fill_null(False)
    df = df.with_columns(_owed=owed_mask)
    space_mask = (
        _FREE
        & ~pl.col("_owed")
        & (pl.col("unanswered_sessions").fill_null(0) >= p.give_space_sessions)
        & (pl.col("value") * pl.col("need") > 0)
    )
    df = df.with_columns(_space=space_mask)
    pitch = pl.col("title").fill_null("").str.contains(RECRUITER_PATTERN) & (
        pl.col("messages_sent").fill_null(0) == 0
    )
    cold = pl.lit(False)
    if "cold_pitch" in df.columns:  # the score's own verdict (titles and message evidence)
        cold = pl.col("cold_pitch").fill_null(False)
    # the note counts only who wrote a pitch and was never answered, not every recruiter
    return df.with_columns(_pitch=(pitch | cold) & _FREE, _cold=cold & _FREE)


def with_moves(
    df: pl.DataFrame, moves: pl.DataFrame | None, today: dt.date, p: ScoringParams
) -> pl.DataFrame:
    """Add ``_moved_to``: the company of a move dated within ``congratulate_move_days``.

    ``moves`` has :data:`MOVE_COLUMNS` (``moved_on`` a date or datetime); the
    latest move per person counts. Without it (the default, until moves are
    known from two exports) nobody has one, so nobody is congratulated. With
    ``seen_after`` (the earlier export's date) a move is news only when the
    exports are at most ``move_max_span_days`` apart; ``move_reason`` becomes
    ``_move_reason``, marked as old news when the move is not fresh.

    Raises
    ------
    ParameterError
        When ``moves`` is not a polars frame with those columns.

    Examples
    --------
    >>> from tiekeeper.scoring.params import ScoringParams
    >>> df = pl.DataFrame({"person_id": ["a", "b", "c"]})
    >>> moves = pl.DataFrame({"person_id": ["a", "b"], "company": ["Fabrikam", "Contoso"],
    ...     "moved_on": [dt.date(2024, 5, 1), dt.date(2020, 1, 1)]})
    >>> with_moves(df, moves, dt.date(2024, 6, 30), ScoringParams())["_moved_to"].to_list()
    ['Fabrikam', None, None]
    """
    if moves is None:
        return df.with_columns(
            _moved_to=pl.lit(None, dtype=pl.String), _move_reason=pl.lit(None, dtype=pl.String)
        )
    if not isinstance(moves, pl.DataFrame) or not set(MOVE_COLUMNS) <= set(moves.columns):
        found = moves.columns if isinstance(moves, pl.DataFrame) else type(moves).__name__
        raise ParameterError(
            f"moves must be a polars DataFrame with columns {list(MOVE_COLUMNS)} (one row per "
            f"dated move); found {found}"
        )
    since = today - dt.timedelta(days=p.congratulate_move_days)
    day = pl.col("moved_on").cast(pl.Date)
    span_ok = pl.lit(True)
    if "seen_after" in moves.columns:  # a move between exports far apart may be old
        gap = (day - pl.col("seen_after").cast(pl.Date)).dt.total_days()
        span_ok = (gap <= p.move_max_span_days).fill_null(True)
    fresh = (day >= since) & (day <= today) & span_ok
    reason = pl.col("move_reason") if "move_reason" in moves.columns else pl.lit(None, pl.String)
    old_news = pl.concat_str(reason, pl.lit(" That is old news by now."))
    known = (
        moves.filter(pl.col("company").is_not_null() & (day <= today))
        .with_columns(_fresh=fresh, _reason=reason, _old=old_news)
        .sort("moved_on")
        .group_by("person_id")
        .agg(  # the latest move decides both the company and the sentence
            _moved_to=pl.when(pl.col("_fresh").last()).then(pl.col("company").last()),
            _move_reason=pl.when(pl.col("_fresh").last())
            .then(pl.col("_reason").last())
            .otherwise(pl.col("_old").last()),
        )
    )
    return df.join(known, on="person_id", how="left", maintain_order="left")


def boost_movers(df: pl.DataFrame, p: ScoringParams) -> pl.DataFrame:
    """A recent move (``_moved_to``) is a reason to act now: need at least ``p.move_need``.

    The priority stays value x need x actionability, so movers rank by the
    tie's value (a former colleague who moved ranks high) and a blocked person
    (ignored, snoozed, cooling down, a cold pitch) stays blocked. The move's
    sentence (``_move_reason``, also "old news" ones) leads the reasons.
    """
    moved = pl.col("_moved_to").is_not_null()
    need = pl.max_horizontal("need", pl.lit(p.move_need))
    priority = pl.col("value") * need * pl.col("actionability")
    reasons = (
        pl.when(pl.col("_move_reason").is_not_null())
        .then(pl.concat_list(pl.col("_move_reason"), pl.col("reasons").fill_null([])))
        .otherwise(pl.col("reasons"))
    )
    # only movers change: everyone else keeps the score's need, priority and rank
    return df.with_columns(
        need=pl.when(moved).then(need).otherwise("need"),
        priority=pl.when(moved).then(priority).otherwise("priority"),
        _rank=pl.when(moved)
        .then(priority * pl.lit(p.rotation_factor).pow(pl.col("_recent")))
        .otherwise("_rank"),
        reasons=reasons,
    )


def candidates(df: pl.DataFrame) -> pl.DataFrame:
    """Who may be suggested, best first: free, not owed, not given space, not cooling down.

    One-way ties come after every two-way tie, whatever their priority.
    """
    one_way = pl.col("one_way").fill_null(False) if "one_way" in df.columns else pl.lit(False)
    order = [one_way, pl.col("_rank"), pl.col("priority"), pl.col("_tie")]
    return df.filter(
        _FREE
        & ~pl.col("_owed")
        & ~pl.col("_space")
        & ~pl.col("_cooled")
        & ~pl.col("_pitch")
        & (pl.col("priority") > 0)
    ).sort(order, descending=[False, True, True, False], nulls_last=True)


def _select(cands: pl.DataFrame, n: int, cap: int, used: dict[str, int]) -> list[Row]:
    """Greedy top-n of sorted candidates with at most ``cap`` per company key."""
    picked: list[Row] = []
    for row in cands.iter_rows(named=True):
        if len(picked) >= n:
            break
        key = row["_company_key"]
        if key is not None and used.get(key, 0) >= cap:
            continue
        if key is not None:
            used[key] = used.get(key, 0) + 1
        picked.append(row)
    return picked


def pick(cands: pl.DataFrame, k: int, p: ScoringParams) -> tuple[list[Row], list[Row]]:
    """The ranked picks and the exploration picks, together at most ``k``.

    ``round(k · exploration_share)`` slots (at least one when the share is
    positive and ``k >= 2``) go to bridges, dormant ties and never-interacted
    people; slots the explorers cannot fill go back to the ranking.
    """
    n_explore = min(k, int(k * p.exploration_share + 0.5))
    if p.exploration_share > 0 and k >= 2:
        n_explore = max(n_explore, 1)
    used: dict[str, int] = {}
    top = _select(cands, k - n_explore, p.company_cap, used)
    taken = {r["person_id"] for r in top}
    two_way = ~pl.col("one_way").fill_null(False) if "one_way" in cands.columns else pl.lit(True)
    explorable = cands.filter(
        ~pl.col("person_id").is_in(list(taken))
        & (pl.col("status").is_in(["never interacted", "dormant"]) | pl.col("_bridge"))
        & two_way
    )
    explore = _select(explorable, n_explore, p.company_cap, used)
    taken |= {r["person_id"] for r in explore}
    if len(top) + len(explore) < k:  # too few explorers: give the slots back to the ranking
        rest = cands.filter(~pl.col("person_id").is_in(list(taken)))
        top += _select(rest, k - len(top) - len(explore), p.company_cap, used)
    top.sort(key=rank_order)
    return top, explore
