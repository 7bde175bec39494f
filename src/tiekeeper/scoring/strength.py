"""``score``: one row per person with strength, status, owed replies, value and reasons.

This assembles the pieces: :mod:`~tiekeeper.scoring.features` (S, K, peak,
sessions, cadence, status), owed replies, former colleagues
(:mod:`~tiekeeper.scoring.career`), value, need, actionability and priority
(:mod:`~tiekeeper.scoring.value`) and the reasons
(:mod:`~tiekeeper.scoring.reasons`). Every number is deterministic given
``as_of``; events after ``as_of`` are ignored.

Examples
--------
>>> import datetime as dt
>>> t = [dt.datetime(2024, 1, d, 9, tzinfo=dt.UTC) for d in (1, 8, 15)]
>>> inter = pl.DataFrame({"person_id": ["ada"] * 3, "time": t, "kind": ["message"] * 3,
...                       "direction": ["out", "in", "out"]})
>>> people = pl.DataFrame({"person_id": ["ada", "bob"], "name": ["Ada", "Bob"]})
>>> s = score_frames(inter, people, None, as_of=dt.date(2024, 2, 1))
>>> s.select("name", "status", "sessions").rows()
[('Ada', 'on track', 3), ('Bob', 'never interacted', 0)]
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema
from tiekeeper.scoring._cache import cached, state_key
from tiekeeper.scoring._frames import export_frames, prepare_interactions, to_us
from tiekeeper.scoring.cadence import need_expr
from tiekeeper.scoring.career import current_company_keys, former_colleagues
from tiekeeper.scoring.colleagues import evidence_events
from tiekeeper.scoring.decay import DAY_US
from tiekeeper.scoring.features import feature_tables, mark_cold_pitches, never_answered
from tiekeeper.scoring.params import ScoringParams, check_params
from tiekeeper.scoring.pitches import pitch_evidence
from tiekeeper.scoring.reasons import reasons_frame
from tiekeeper.scoring.replies import owed_replies, state_inputs
from tiekeeper.scoring.value import bridge_table, services_table, value_columns

if TYPE_CHECKING:
    import os

    from tiekeeper.history import History
    from tiekeeper.io import Export
    from tiekeeper.state import State

__all__ = ["check_params", "score", "score_frames", "score_with_sessions", "user_state"]

_PEOPLE_COLS: dict[str, pl.DataType] = {
    "person_id": pl.String(),
    "name": pl.String(),
    "profile_url": pl.String(),
    "company": pl.String(),
    "position": pl.String(),
    "connected_on": pl.Date(),
    "is_connection": pl.Boolean(),
}


def score(
    export: Export | History,
    *,
    as_of: AsOf = None,
    params: ScoringParams | None = None,
    state: State | str | os.PathLike[str] | None = None,
) -> pl.DataFrame:
    """Score every person in the export: strength, status, owed reply, priority, reasons.

    Parameters
    ----------
    export : Export or History
        From :func:`tiekeeper.load_export` (or :func:`tiekeeper.load_history`:
        its merged record is scored).
    as_of : datetime.date, datetime.datetime or str, optional
        Reference time T (default: the export date): a date, an aware datetime
        or an ISO string. A date means the end of that day in UTC; events
        after T are ignored.
    params : ScoringParams, optional
        Every tunable; the defaults follow the reference model.
    state : tiekeeper.state.State or path, optional
        The user's state (default: ``tiekeeper.toml`` next to the export, if
        there is one; pass ``tiekeeper.state.State()`` to use none). Ignored
        people and snoozes set actionability to 0, a
        target cadence replaces the estimated one, and "contacted on" dates
        count as outgoing contact (a 1:1 message at noon UTC that day) for
        strength, cadence, recency and the cool-down. A logged contact never
        counts as an unanswered message (it happened outside LinkedIn).

    Returns
    -------
    polars.DataFrame
        The ``score`` schema (see ``tiekeeper.schema.describe("score")``), one
        row per person, strongest (S*) first.

    Raises
    ------
    ParameterError
        When ``as_of`` is before every event, is a naive datetime, or
        ``params`` is not a ScoringParams.

    Notes
    -----
    The result is cached on the export (:mod:`tiekeeper.scoring._cache`): the
    same export, ``as_of``, parameters and state content give it back without
    scoring again, as a new frame each time. A changed state file is a new key.

    Examples
    --------
    >>> import tiekeeper
    >>> s = tiekeeper.score(tiekeeper.load_export())          # the bundled sample
    >>> s.columns[:4]
    ['person_id', 'name', 'profile_url', 'company']
    >>> s.filter(pl.col("priority") > 0)["reasons"].list.len().min() >= 1
    True
    """
    return score_with_sessions(export, as_of=as_of, params=params, state=state)[0]


def user_state(export: Any, state: Any, people: pl.DataFrame | None) -> Any:
    """The state to score with: as given, else the file found next to the export.

    A ``State`` object is used as it is; a path is read; ``None`` looks for
    ``tiekeeper.toml`` next to the export (no file: no state). A state read
    here is resolved against ``people`` so that names and URLs in the file
    reach the right ``person_id``.
    """
    from tiekeeper.state import State, find_state_file, load_state

    if isinstance(state, State) or (state is not None and not isinstance(state, str | Path)):
        return state  # a State, or a duck-typed stand-in
    if state is None:
        source = getattr(export, "source", None)
        if source is None or find_state_file(source) is None:
            return None
        state = export
    loaded = load_state(state)
    from tiekeeper.io.export import as_export

    aliases = getattr(as_export(export), "id_aliases", None) or None
    return loaded.resolve(people, aliases=aliases) if people is not None else loaded


def score_with_sessions(
    export: Export | History,
    *,
    as_of: AsOf = None,
    params: ScoringParams | None = None,
    state: State | str | os.PathLike[str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """:func:`score` and the sessions it was computed from, in one pass over the events.

    For callers that also need :func:`tiekeeper.career`: pass the sessions to
    :func:`tiekeeper.scoring.career.career_frame` (with the people who are not
    cold pitches) instead of computing the feature tables a second time.

    Returns
    -------
    tuple of polars.DataFrame
        The ``score`` frame, and one row per session (``person_id``, ``day``, …).

    Examples
    --------
    >>> import tiekeeper
    >>> export = tiekeeper.load_export()
    >>> s, sessions = score_with_sessions(export)
    >>> s.equals(tiekeeper.score(export)), {"person_id", "day"} <= set(sessions.columns)
    (True, True)
    """
    p = check_params(params)
    fr = export_frames(export)
    when = resolve_as_of(as_of, fr.default_as_of)
    st = user_state(export, state, fr.people)
    # score once: reach_out(export) after score(export) reuses the result (scoring._cache)
    skey = state_key(st)
    key = None if skey is None else ("score", when, p, skey)

    def compute() -> tuple[pl.DataFrame, ...]:
        return _score_frames(
            fr.interactions,
            fr.people,
            fr.positions,
            as_of=when,
            params=p,
            state=st,
            messages=fr.messages,
        )

    scores, sessions = cached(export, key, compute)
    return scores, sessions


def score_frames(
    interactions: pl.DataFrame,
    people: pl.DataFrame | None,
    positions: pl.DataFrame | None,
    *,
    as_of: AsOf,
    params: ScoringParams | None = None,
    state: Any = None,
    messages: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """:func:`score` on plain frames (interactions, people, positions, messages).

    ``people`` and ``positions`` may be None or partial: missing columns are
    null. ``messages`` (the export's ``messages`` frame) adds the message
    evidence of cold pitches (:mod:`~tiekeeper.scoring.pitches`); without it
    only a recruiting title counts. Useful for tests and for scoring histories
    that are not exports.
    """
    return _score_frames(
        interactions,
        people,
        positions,
        as_of=as_of,
        params=params,
        state=state,
        messages=messages,
    )[0]


def _score_frames(
    interactions: pl.DataFrame,
    people: pl.DataFrame | None,
    positions: pl.DataFrame | None,
    *,
    as_of: AsOf,
    params: ScoringParams | None = None,
    state: Any = None,
    messages: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """:func:`score_frames`, plus the sessions table of the features."""
    p = check_params(params)
    when = resolve_as_of(as_of)
    t_us = to_us(when)
    ev = prepare_interactions(interactions)
    if ev.height:
        first = ev["time"].min()
        if isinstance(first, dt.datetime) and first > when:
            raise ParameterError(
                f"as_of={when.isoformat()} is before every event (the first is "
                f"{first.isoformat()}); pass an as_of on or after {first.date()}"
            )
    base = _people_frame(people)
    ids = base["person_id"]
    if state is not None:  # anyone with an event may be in the state file
        ids = pl.concat([ids, ev["person_id"]]).unique().sort()
    logged, targets, ignored, snoozed = state_inputs(state, ids.to_list())
    if logged.height:
        ev = pl.concat([ev, logged], how="vertical_relaxed")
    is_past = pl.col("time").dt.epoch("us") <= t_us
    ev_t = ev.filter(is_past)
    pos = positions if positions is not None else pl.DataFrame()
    # The colleague evidence scans message texts (one thread in polars); it runs while
    # the features are computed, which leaves the other core to them.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(evidence_events, ev_t, messages, pos, p) if pos.height else None
        tables = feature_tables(ev, as_of_us=t_us, params=p, target_cadence=targets)
        evidence = pending.result() if pending is not None else None
    pitchers = pitch_evidence(messages, base, never_answered(tables.per), t_us)
    feats = mark_cold_pitches(tables.per, pitchers)
    later = ev.filter(~is_past)["person_id"].unique()
    ppl = _known_at(base, feats, later, when.date())
    owed = owed_replies(ev_t, feats, ppl, t_us, p, messages=messages)
    services = services_table(ev_t)
    cold = feats.filter(pl.col("cold_pitch"))["person_id"]
    # someone who only ever pitched a job is no colleague, whenever they wrote
    colleagues = ppl.filter(~pl.col("person_id").is_in(cold.implode()))
    former = former_colleagues(pos, colleagues, tables.sessions, when.date(), p, evidence)
    current_keys = current_company_keys(pos, when.date())
    bridge = bridge_table(ppl, current_keys, p.bridge_max_others)
    df = (
        ppl.join(feats, on="person_id", how="left")
        .join(owed, on="person_id", how="left")
        .join(services, on="person_id", how="left")
        .join(former, on="person_id", how="left")
        .join(bridge, on="person_id", how="left")
    )
    # a contact logged in the state file is two-way contact (no one-way tie)
    two_way_logged = set(logged["person_id"].to_list())
    df = _derive(df, p, t_us, ignored, snoozed, when.date(), two_way_logged)
    reasons = reasons_frame(df, p, as_of_us=t_us)
    df = df.join(reasons, on="person_id", how="left", maintain_order="left")
    schema = polars_schema("score")
    return df.select(list(schema)).cast(dict(schema)), tables.sessions  # type: ignore[arg-type]


def _people_frame(people: pl.DataFrame | None) -> pl.DataFrame:
    """The people columns scoring uses, one row per person_id (missing columns are null)."""
    base = people if people is not None else pl.DataFrame()
    cols = [
        (pl.col(c).cast(t) if c in base.columns else pl.lit(None, dtype=t)).alias(c)
        for c, t in _PEOPLE_COLS.items()
    ]
    ppl = base.select(cols) if base.width else pl.DataFrame(schema=_PEOPLE_COLS).select(cols)
    return ppl.filter(pl.col("person_id").is_not_null()).unique(
        "person_id", keep="first", maintain_order=True
    )


def _known_at(
    ppl: pl.DataFrame, feats: pl.DataFrame, later: pl.Series, today: dt.date
) -> pl.DataFrame:
    """People known at T: the people frame plus anyone with an event up to T.

    People who appear only after T (connected later, or whose every event is
    later) are left out, so that a past ``as_of`` scores the network as it was.
    """
    active = feats.select("person_id", _before=pl.lit(True))
    extra = active.join(ppl, on="person_id", how="anti").select("person_id")
    if extra.height:
        ppl = pl.concat([ppl, extra], how="diagonal_relaxed")
    ppl = ppl.join(active, on="person_id", how="left")
    gone = pl.col("person_id").is_in(later.implode()) | (pl.col("connected_on") > today).fill_null(
        False
    )
    return (
        ppl.filter(pl.col("_before").fill_null(False) | ~gone)
        .drop("_before")
        .with_columns(pl.col("is_connection").fill_null(False))
        .sort("person_id")
    )


def _derive(
    df: pl.DataFrame,
    p: ScoringParams,
    t_us: int,
    ignored: set[str],
    snoozed: dict[str, dt.date],
    today: dt.date,
    logged: set[str] | None = None,
) -> pl.DataFrame:
    """Every derived column of the score frame, in a few vectorised steps."""

    def as_time(col: str) -> pl.Expr:
        return pl.col(col).cast(pl.Datetime("us")).dt.replace_time_zone("UTC")

    zeros = ["S", "K", "S_blend", "S_star"]
    counts = ["sessions", "messages_sent", "messages_received", "unanswered_sessions"]
    for col in ("former_company", "former_title", "former_colleague_evidence"):
        if col not in df.columns:
            df = df.with_columns(pl.lit(None, dtype=pl.String).alias(col))
    if "possible_colleague" not in df.columns:
        df = df.with_columns(pl.lit(None, dtype=pl.Boolean).alias("possible_colleague"))
    df = df.with_columns(pl.col("possible_colleague").fill_null(False))
    for col in ("former_colleague_confidence",):
        if col not in df.columns:
            df = df.with_columns(pl.lit(None, dtype=pl.Float64).alias(col))
    for col in ("former_started_on", "former_finished_on"):
        if col not in df.columns:
            df = df.with_columns(pl.lit(None, dtype=pl.Date).alias(col))
    for col in ("former_sessions_during", "former_sessions_after"):
        if col not in df.columns:
            df = df.with_columns(pl.lit(None, dtype=pl.Int64).alias(col))
    df = df.with_columns(
        [pl.col(c).fill_null(0.0) for c in zeros]
        + [pl.col(c).fill_null(0) for c in counts]
        + [
            pl.col("status").fill_null("never interacted"),
            pl.col("reply_owed").fill_null(False),
            pl.col("cadence_estimated").fill_null(False),
            pl.col("endorsed_in").fill_null(False),
            pl.col("endorsed_out").fill_null(False),
            pl.col("skills").fill_null([]),
            pl.col("company_connections").fill_null(0),
            pl.col("cold_pitch").fill_null(False),
            pl.col("real_bridge").fill_null(False),
        ]
    )
    sent, recv = pl.col("messages_sent"), pl.col("messages_received")
    big = pl.max_horizontal(sent, recv)
    tie_years = (pl.lit(t_us) - pl.col("first_t")).cast(pl.Float64) / DAY_US / 365.25
    n = df.height
    # Tier means closeness, and closeness needs two-way contact: messages both
    # ways, or a contact logged in the state file. One-way ties (the owner wrote
    # one_way_min_sent+ times, never answered) are the case seen in real exports;
    # an inbound-only tie is capped the same way.
    was_logged = pl.col("person_id").is_in(sorted(logged or ()))
    df = df.with_columns(
        one_way=(sent >= p.one_way_min_sent) & (recv == 0) & ~was_logged,
        _one_sided=~(((sent > 0) & (recv > 0)) | was_logged),
    )
    # tiers rank two-way ties first
    order = df.select(
        pl.col("person_id"),
        _rank=pl.struct("_one_sided", pl.col("S_star").neg(), pl.col("person_id")).rank("ordinal"),
    )
    df = df.join(order, on="person_id", how="left", maintain_order="left")
    sizes = p.tier_sizes
    tier = (
        pl.when(pl.col("S_star") <= 0)
        .then(pl.lit("latent"))
        .when(pl.col("_one_sided") & (pl.col("_rank") <= sizes[3]))
        .then(pl.lit("wider"))
        .when(pl.col("_one_sided"))
        .then(pl.lit("latent"))
        .when(pl.col("_rank") <= sizes[0])
        .then(pl.lit("core"))
        .when(pl.col("_rank") <= sizes[1])
        .then(pl.lit("close"))
        .when(pl.col("_rank") <= sizes[2])
        .then(pl.lit("active"))
        .when(pl.col("_rank") <= sizes[3])
        .then(pl.lit("wider"))
        .otherwise(pl.lit("latent"))
    )
    percentile = (
        100.0 * (pl.col("S_star").rank("min") - 1).cast(pl.Float64) / max(n - 1, 1)
        if n > 1
        else pl.lit(100.0)
    )
    df = df.with_columns(
        strength=100.0 * (1.0 - (-pl.col("S_star") / p.strength_ref).exp()),
        strength_raw=pl.col("S"),
        strength_adjusted=pl.col("S_star"),
        capital=pl.col("K"),
        percentile=percentile,
        tier=tier,
        first_contact=as_time("first_t"),
        last_contact=as_time("last_msg_t"),
        last_sent=as_time("last_out_t"),
        peak_strength=100.0 * (1.0 - (-pl.col("peak") / p.strength_ref).exp()),
        peak_strength_raw=pl.col("peak"),
        peak_at=as_time("peak_t"),
        # on the displayed 0-100 scale, so that "down from 75/100" and the drop agree
        drop_from_peak=pl.when(pl.col("peak") > 0).then(
            (
                1.0
                - (1.0 - (-pl.col("S_star") / p.strength_ref).exp())
                / (1.0 - (-pl.col("peak") / p.strength_ref).exp())
            ).clip(0.0, 1.0)
        ),
        reciprocity=pl.when(big > 0).then(pl.min_horizontal(sent, recv) / big),
        former_colleague=pl.col("former_colleague_confidence").is_not_null(),
        colleague=pl.col("former_colleague_confidence").fill_null(0.0),
        tie_age=(tie_years / p.tie_age_full_years).clip(0.0, 1.0).fill_null(0.0),
        bridge=pl.col("bridge").fill_null(0.0),
    )
    df = df.with_columns(value_columns(p))
    # a never-interacted person needs a reason to be suggested: a shared past or a real bridge
    hook = (pl.col("colleague") > 0) | pl.col("real_bridge")
    cooled = pl.col("last_out_t").is_not_null() & (
        (pl.lit(t_us) - pl.col("last_out_t")).cast(pl.Float64) / DAY_US < p.cooldown_days
    )
    snoozed_ids = [pid for pid, until in snoozed.items() if until > today]
    blocked = (
        cooled
        | pl.col("cold_pitch")
        | pl.col("person_id").is_in(sorted(ignored))
        | pl.col("person_id").is_in(snoozed_ids)
    )
    df = df.with_columns(
        need_expr(p, has_hook=hook),
        actionability=pl.when(blocked).then(0.0).otherwise(1.0),
        title=pl.col("position"),
    )
    df = df.with_columns(priority=pl.col("value") * pl.col("need") * pl.col("actionability"))
    return df.sort("_rank")
