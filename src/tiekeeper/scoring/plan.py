"""The weekly reach-out plan: owed replies, whom to contact and why, and whom to leave be.

:func:`reach_out` turns the score frame into a :class:`Plan` of three lists:

* ``owed_replies``: people whose last message to you is unanswered and recent
  (the score's ``reply_owed``; cold pitches never count), most valuable tie
  first. Always shown first, and never repeated in the other lists.
* ``suggestions``: the top ``k`` by priority P = V·N·A, at most
  ``company_cap`` per company (names normalised by
  :func:`tiekeeper.companies.normalize_company`), with an exploration share of
  the slots kept for bridges (your only connection at their company), dormant
  ties and people you never really talked to.
* ``give_space``: one-sided ties, where you wrote on at least M days
  (``give_space_sessions``) since their last reply. They are not pushed again;
  the ``k`` most valuable of them are listed, so you know why they are missing.

Recruiters' cold pitches (a recruiting title, and you never wrote to them) are
never owed replies (the score's rule) and never suggestions either.

The user's state file (:mod:`tiekeeper.state`) is honoured: ignored people
and companies never appear, snoozed people wait, anyone logged as contacted
within the cool-down is skipped, and people suggested recently (see
:func:`tiekeeper.state.record_plan`) are rotated down so the plan does not
repeat the same names every week. Every suggestion carries the score's reasons
and a template opener (:mod:`tiekeeper.scoring.openers`).

Examples
--------
Usually ``reach_out(export)`` scores the export itself; here a hand-made score
frame with one fading tie and one unanswered message stands in for it:

>>> import datetime as dt
>>> from tiekeeper.schema import polars_schema
>>> rows = [
...     {"person_id": "a", "name": "Ada Example", "status": "fading", "priority": 0.6,
...      "value": 0.6, "need": 1.0, "reasons": ["You usually talk every ~30 days."]},
...     {"person_id": "b", "name": "Bo Sample", "status": "on track", "priority": 0.0,
...      "reply_owed": True, "owed_since": dt.datetime(2024, 6, 20, tzinfo=dt.UTC)},
... ]
>>> schema = polars_schema("score")
>>> scores = pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema,
...                       orient="row")
>>> plan = reach_out(scores=scores, as_of=dt.date(2024, 6, 30))
>>> plan.owed_replies["name"].to_list(), plan.suggestions["name"].to_list()
(['Bo Sample'], ['Ada Example'])
>>> plan.owed_replies["reasons"][0].to_list()
['Their message from 20 June 2024 is still unanswered.']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.companies import normalize_company, normalize_company_series
from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema
from tiekeeper.scoring.openers import opener_context, write_opener
from tiekeeper.scoring.replies import RECRUITER_PATTERN
from tiekeeper.state import State, load_state

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from tiekeeper.scoring.params import ScoringParams

__all__ = ["LISTS", "ROTATION_DAYS", "ROTATION_FACTOR", "Plan", "reach_out"]

#: The plan's three lists, in the order they are shown.
LISTS: tuple[str, ...] = ("owed_replies", "suggestions", "give_space")
#: Suggestions logged in the state within this many days rotate a person down.
ROTATION_DAYS = 28
#: Each such recent suggestion multiplies the person's rank key by this.
ROTATION_FACTOR = 0.5

_NEEDED = (
    "person_id", "name", "profile_url", "company", "title", "connected_on", "strength",
    "status", "last_contact", "days_since", "messages_received", "reply_owed", "owed_since",
    "unanswered_sessions", "former_colleague", "former_company", "value", "need", "priority",
    "reasons",
)  # fmt: skip
_LONG_GAP_DAYS = 180


@dataclass(frozen=True, repr=False)
class Plan:
    """A weekly reach-out plan (see :func:`reach_out`).

    Attributes
    ----------
    suggestions, owed_replies, give_space : polars.DataFrame
        One row per person, schema ``tiekeeper.schema.SCHEMAS["plan"]``.
    as_of : datetime.datetime
        The reference time of the scores (aware UTC).
    k : int
        The number of suggestions asked for.
    notes : tuple of str
        What the plan skipped and why (ignored, snoozed, cool-down), and any
        name in the state file that matched nobody.
    """

    suggestions: pl.DataFrame
    owed_replies: pl.DataFrame
    give_space: pl.DataFrame
    as_of: dt.datetime
    k: int
    notes: tuple[str, ...] = ()

    @property
    def frame(self) -> pl.DataFrame:
        """All three lists in one frame, in display order; ``slot`` tells them apart."""
        return pl.concat([self.owed_replies, self.suggestions, self.give_space])

    @overload
    def to_pandas(self, name: None = None) -> dict[str, pd.DataFrame]: ...
    @overload
    def to_pandas(self, name: str) -> pd.DataFrame: ...
    def to_pandas(self, name: str | None = None) -> pd.DataFrame | dict[str, pd.DataFrame]:
        """One list as a pandas frame, or a dict of all three (needs pandas)."""
        if name is None:
            return {n: getattr(self, n).to_pandas() for n in LISTS}
        if name not in LISTS:
            raise ParameterError(f"name={name!r} is not a plan list; expected one of {LISTS}")
        out: pd.DataFrame = getattr(self, name).to_pandas()
        return out

    def _sections(self) -> list[tuple[str, pl.DataFrame]]:
        return [
            ("Owed replies", self.owed_replies),
            ("Suggestions", self.suggestions),
            ("Give them space", self.give_space),
        ]

    def __repr__(self) -> str:
        day = self.as_of.date().isoformat()
        n_o, n_s = self.owed_replies.height, self.suggestions.height
        lines = [
            f"Plan as of {day} (k={self.k}): {n_o} owed repl{'y' if n_o == 1 else 'ies'}, "
            f"{n_s} suggestion{'' if n_s == 1 else 's'}, {self.give_space.height} to give space"
        ]
        for title, frame in self._sections():
            if frame.height:
                lines.append(f"{title}:")
            for i, r in enumerate(frame.iter_rows(named=True), 1):
                at = f" ({r['company']})" if r["company"] else ""
                why = r["reasons"][0] if r["reasons"] else ""
                lines.append(f"  {i:>2}. {r['name']}{at} [{r['kind']}] {why}")
        lines += [f"Note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        out = [f"<p><b>{e(repr(self).splitlines()[0])}</b></p>"]
        for title, frame in self._sections():
            if not frame.height:
                continue
            rows = "".join(
                f"<tr><td>{e(str(r['name']))}</td><td>{e(str(r['company'] or ''))}</td>"
                f"<td>{e(r['kind'])}</td><td>{e(str(r['status'] or ''))}</td>"
                f"<td>{e(' '.join(r['reasons'] or []))}</td><td>{e(r['opener'])}</td></tr>"
                for r in frame.iter_rows(named=True)
            )
            out.append(
                f"<h4>{e(title)}</h4><table><tr><th>name</th><th>company</th><th>kind</th>"
                f"<th>status</th><th>why</th><th>opener</th></tr>{rows}</table>"
            )
        out += [f"<p><i>{e(n)}</i></p>" for n in self.notes]
        return "".join(out)


def _tiebreak(seed: int, ids: list[str]) -> list[int]:
    return [
        int.from_bytes(hashlib.blake2b(f"{seed}\x1f{p}".encode(), digest_size=6).digest(), "big")
        for p in ids
    ]


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


def _check_scores(scores: pl.DataFrame) -> None:
    missing = [c for c in _NEEDED if c not in scores.columns]
    if missing:
        raise ParameterError(
            f"scores is missing the columns {missing}; pass the frame returned by "
            "tiekeeper.score(...) (schema tiekeeper.schema.SCHEMAS['score']), or scores=None"
        )


def _kind(row: dict[str, Any], explore: bool) -> str:
    status = row["status"]
    if explore and status == "never interacted":
        return "explore"
    if row["former_colleague"]:
        now, then = normalize_company(row["company"]), normalize_company(row["former_company"])
        return "congratulate" if now and then and now != then else "coffee"
    if status == "never interacted":
        return "explore"
    days = row["days_since"]
    if status in ("lapsed", "dormant") or (days is not None and days >= _LONG_GAP_DAYS):
        return "reconnect"
    return "offer_help"


def _explore_reason(row: dict[str, Any]) -> str:
    if row["status"] == "never interacted":
        why = "you have never really talked"
    elif row["status"] == "dormant":
        why = "a dormant tie, often worth reviving"
    else:
        why = "your only connection at their company, a bridge to a different circle"
    return f"Exploration pick: {why}."


def _select(cands: pl.DataFrame, n: int, cap: int, used: dict[str, int]) -> list[dict[str, Any]]:
    """Greedy top-n of sorted candidates with at most ``cap`` per company key."""
    picked: list[dict[str, Any]] = []
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


def _frame(rows: list[dict[str, Any]], as_of: dt.datetime, seed: int) -> pl.DataFrame:
    schema = polars_schema("plan")
    used: dict[str, set[int]] = {}
    out = []
    for r in rows:
        kind = r["_kind"]
        opener = ""
        if kind != "give_space":
            ctx = opener_context(
                name=r["name"],
                as_of=as_of,
                company=r["company"],
                former_company=r["former_company"],
                last_contact=r["last_contact"],
                owed_since=r["owed_since"],
                connected_on=r["connected_on"],
            )
            avoid = used.setdefault(kind, set())
            opener, idx = write_opener(kind, ctx, key=r["person_id"], seed=seed, avoid=avoid)
            avoid.add(idx)
        out.append({**{c: r.get(c) for c in schema}, "kind": kind, "opener": opener})
    return pl.DataFrame(out, schema=schema, orient="row") if out else pl.DataFrame(schema=schema)


def _with_reason(reasons: list[str] | None, sentence: str, first: bool = False) -> list[str]:
    have = list(reasons or [])
    if sentence in have:
        return have
    return [sentence, *have] if first else [*have, sentence]


def reach_out(
    export: Any = None,
    *,
    k: int | None = None,
    as_of: AsOf = None,
    params: ScoringParams | None = None,
    state: Any = None,
    scores: pl.DataFrame | None = None,
    seed: int = 0,
) -> Plan:
    """Build this week's reach-out plan.

    Parameters
    ----------
    export : Export, optional
        The loaded export. It may be None when ``scores`` and ``as_of`` are given.
    k : int, optional
        Number of suggestions (default ``params.k``, 10).
    as_of : date, aware datetime or ISO string, optional
        Reference time; defaults to the export date.
    params : ScoringParams, optional
        ``k``, ``cooldown_days``, ``company_cap``, ``exploration_share`` and
        ``give_space_sessions`` steer the plan (``owed_reply_max_days`` acts
        through the score's ``reply_owed``).
    state : State, path or None
        The user's state; None looks for ``tiekeeper.toml`` next to the export
        (pass ``tiekeeper.state.State()`` to use none).
    scores : polars.DataFrame, optional
        A ``score`` frame to use instead of calling :func:`tiekeeper.score`.
    seed : int
        Fixes tie-breaks and the choice of openers.

    Returns
    -------
    Plan

    Raises
    ------
    ParameterError
        For a bad ``k`` or ``seed``, no export and no scores, or a scores
        frame without the score columns.
    """
    from tiekeeper.scoring.params import ScoringParams

    p = params if params is not None else ScoringParams()
    if not isinstance(p, ScoringParams):
        raise ParameterError(
            f"params must be a tiekeeper.ScoringParams; got {type(p).__name__}. "
            "Build one with ScoringParams(...) or ScoringParams().replace(...)"
        )
    k = p.k if k is None else k
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ParameterError(f"k={k!r}: expected a whole number of suggestions >= 1, e.g. k=10")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ParameterError(f"seed={seed!r}: expected an integer, e.g. seed=0")
    if export is None and scores is None:
        raise ParameterError("reach_out needs an export, or a scores frame together with as_of")
    if scores is not None:
        _check_scores(scores)
    when = resolve_as_of(as_of, getattr(export, "as_of", None))
    st = load_state(state if state is not None or export is None else export)
    people = export.people if export is not None else scores
    if people is not None:
        st = st.resolve(people)
    if scores is None:
        from tiekeeper.scoring.strength import score

        scores = score(export, as_of=when, params=p, state=st)
        _check_scores(scores)
    today = when.date()
    df = scores.with_columns(
        _company_key=normalize_company_series(scores["company"]),
        _tie=pl.Series(_tiebreak(seed, scores["person_id"].to_list()), dtype=pl.Int64),
    )
    # rotation_days / rotation_factor are read from params when it has them
    rotation_days = float(getattr(p, "rotation_days", ROTATION_DAYS))
    rotation_factor = float(getattr(p, "rotation_factor", ROTATION_FACTOR))
    df = _with_state(df, st, today, p.cooldown_days, rotation_days)
    df = df.with_columns(
        _rank=pl.col("priority") * pl.lit(rotation_factor).pow(pl.col("_recent")),
        _bridge=pl.col("_company_key").is_not_null()
        & (pl.len().over("_company_key") == 1)
        & ~pl.col("_company_key").is_in(_owner_companies(export)),
    )
    free = ~pl.col("_ignored") & ~pl.col("_snoozed")
    answered = pl.col("_last_logged").is_not_null() & (
        pl.col("_last_logged") >= pl.col("owed_since").dt.date()
    )
    owed_mask = free & pl.col("reply_owed").fill_null(False) & ~answered.fill_null(False)
    df = df.with_columns(_owed=owed_mask)
    space_mask = (
        free
        & ~pl.col("_owed")
        & (pl.col("unanswered_sessions").fill_null(0) >= p.give_space_sessions)
        & (pl.col("value") * pl.col("need") > 0)
    )
    df = df.with_columns(_space=space_mask)
    order = [pl.col("_rank"), pl.col("priority"), pl.col("_tie")]
    pitch = pl.col("title").fill_null("").str.contains(RECRUITER_PATTERN) & (
        pl.col("messages_sent").fill_null(0) == 0
    )
    df = df.with_columns(_pitch=pitch & free & (pl.col("priority") > 0))
    cands = df.filter(
        free
        & ~pl.col("_owed")
        & ~pl.col("_space")
        & ~pl.col("_cooled")
        & ~pl.col("_pitch")
        & (pl.col("priority") > 0)
    ).sort(order, descending=[True, True, False], nulls_last=True)

    n_explore = min(k, int(k * p.exploration_share + 0.5))
    if p.exploration_share > 0 and k >= 2:
        n_explore = max(n_explore, 1)
    used: dict[str, int] = {}
    top = _select(cands, k - n_explore, p.company_cap, used)
    taken = {r["person_id"] for r in top}
    explorable = cands.filter(
        ~pl.col("person_id").is_in(list(taken))
        & (pl.col("status").is_in(["never interacted", "dormant"]) | pl.col("_bridge"))
    )
    explore = _select(explorable, n_explore, p.company_cap, used)
    taken |= {r["person_id"] for r in explore}
    if len(top) + len(explore) < k:  # too few explorers: give the slots back to the ranking
        rest = cands.filter(~pl.col("person_id").is_in(list(taken)))
        top += _select(rest, k - len(top) - len(explore), p.company_cap, used)
    top.sort(key=lambda r: (-r["_rank"], -r["priority"], r["_tie"]))

    rows_s: list[dict[str, Any]] = []
    for slot, picked in (("top", top), ("explore", explore)):
        for r in picked:
            reasons = r["reasons"]
            if slot == "explore":
                reasons = _with_reason(reasons, _explore_reason(r))
            rows_s.append({**r, "slot": slot, "_kind": _kind(r, slot == "explore"),
                           "reasons": reasons})  # fmt: skip
    rows_o = [
        {**r, "slot": "owed", "_kind": "reply", "reasons": _owed_reasons(r)}
        for r in df.filter(pl.col("_owed"))
        .sort(["value", "owed_since", "_tie"], descending=[True, False, False], nulls_last=True)
        .iter_rows(named=True)
    ]
    rows_g = [
        {**r, "slot": "give_space", "_kind": "give_space", "reasons": _space_reasons(r)}
        for r in df.filter(pl.col("_space"))
        .sort([pl.col("value") * pl.col("need"), "_tie"], descending=[True, False])
        .head(k)
        .iter_rows(named=True)
    ]
    frames = _frame(rows_o + rows_s, when, seed)
    n_o = len(rows_o)
    return Plan(
        suggestions=frames.slice(n_o),
        owed_replies=frames.head(n_o),
        give_space=_frame(rows_g, when, seed),
        as_of=when,
        k=k,
        notes=(*st.notes, *_skip_notes(df, p.cooldown_days)),
    )


def _owner_companies(export: Any) -> list[str]:
    """Normalised companies of the owner's current positions (not bridges)."""
    positions = getattr(export, "positions", None)
    if positions is None or not positions.height:
        return []
    current = positions.filter(pl.col("is_current").fill_null(False))["company"]
    return normalize_company_series(current).drop_nulls().to_list()


def _owed_reasons(r: dict[str, Any]) -> list[str]:
    if r["owed_since"] is None or any("unanswered" in s for s in r["reasons"] or []):
        return list(r["reasons"] or [])
    day = r["owed_since"].date()
    return _with_reason(
        r["reasons"], f"Their message from {day:%-d %B %Y} is still unanswered.", True
    )


def _space_reasons(r: dict[str, Any]) -> list[str]:
    reasons = [x for x in r["reasons"] or [] if "give them space" not in x]
    have = [x for x in r["reasons"] or [] if "give them space" in x]
    n = r["unanswered_sessions"]
    if not have and r["messages_received"]:
        have = [f"You have written on {n} days since their last reply; give them space."]
    elif not have:
        have = [f"You have written on {n} days and they have never replied; give them space."]
    return have + reasons


def _skip_notes(df: pl.DataFrame, cooldown: float) -> list[str]:
    counts = df.select(
        pl.col("_ignored").sum().alias("ignored"),
        (pl.col("_snoozed") & ~pl.col("_ignored")).sum().alias("snoozed"),
        (pl.col("_cooled") & ~pl.col("_ignored") & ~pl.col("_snoozed")).sum().alias("cooled"),
        pl.col("_pitch").sum().alias("pitch"),
    ).row(0, named=True)
    labels = {
        "ignored": "on your ignore list (person or company)",
        "snoozed": "snoozed",
        "cooled": f"logged as contacted in the last {cooldown:g} days",
        "pitch": "with a recruiting title who wrote to you but whom you never wrote to",
    }
    return [f"Skipped {n} {'person' if n == 1 else 'people'} {labels[key]}."
            for key, n in counts.items() if n]  # fmt: skip
