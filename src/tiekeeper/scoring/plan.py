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

The work is split along its seams: :mod:`tiekeeper.scoring._plan_select`
chooses the people, :mod:`tiekeeper.scoring._plan_rows` writes their rows
(kind, reasons, opener) and :mod:`tiekeeper.scoring._plan_types` holds
:class:`Plan`.

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

from typing import TYPE_CHECKING

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.errors import ParameterError
from tiekeeper.scoring._plan_rows import (
    owed_rows,
    skip_notes,
    space_rows,
    suggestion_rows,
    to_frame,
)
from tiekeeper.scoring._plan_select import boost_movers, candidates, flag, pick, with_moves
from tiekeeper.scoring._plan_types import LISTS, Plan
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.state import load_state

if TYPE_CHECKING:
    import os

    from tiekeeper.history import History
    from tiekeeper.io import Export
    from tiekeeper.state import State

__all__ = ["LISTS", "ROTATION_DAYS", "ROTATION_FACTOR", "Plan", "reach_out"]

#: Suggestions logged in the state within this many days rotate a person down
#: (the default of ``ScoringParams.rotation_days``).
ROTATION_DAYS: float = ScoringParams.rotation_days
#: Each such recent suggestion multiplies the person's rank key by this
#: (the default of ``ScoringParams.rotation_factor``).
ROTATION_FACTOR: float = ScoringParams.rotation_factor

_NEEDED = (
    "person_id", "name", "profile_url", "company", "title", "connected_on", "strength",
    "status", "last_contact", "days_since", "messages_received", "reply_owed", "owed_since",
    "unanswered_sessions", "former_colleague", "former_company", "value", "need", "priority",
    "reasons",
)  # fmt: skip


def _check_scores(scores: pl.DataFrame) -> None:
    missing = [c for c in _NEEDED if c not in scores.columns]
    if missing:
        raise ParameterError(
            f"scores is missing the columns {missing}; pass the frame returned by "
            "tiekeeper.score(...) (schema tiekeeper.schema.SCHEMAS['score']), or scores=None"
        )


def reach_out(
    export: Export | History | None = None,
    *,
    k: int | None = None,
    as_of: AsOf = None,
    params: ScoringParams | None = None,
    state: State | str | os.PathLike[str] | None = None,
    scores: pl.DataFrame | None = None,
    seed: int = 0,
    moves: pl.DataFrame | None = None,
) -> Plan:
    """Build this week's reach-out plan.

    Parameters
    ----------
    export : Export or History, optional
        The loaded export. It may be None when ``scores`` and ``as_of`` are
        given. With a :class:`~tiekeeper.history.History`, the plan is made on
        its merged record and the moves between its last two exports are
        news: the mover's reason says when ("Moved from Acme to Globex between
        your exports of 3 Mar 2024 and 14 Mar 2025"), a recent move raises the
        need to ``params.move_need`` and the opener congratulates.
    k : int, optional
        Number of suggestions (default ``params.k``, 10).
    as_of : datetime.date, datetime.datetime or str, optional
        Reference time (a date, an aware datetime or an ISO string); defaults
        to the export date.
    params : ScoringParams, optional
        ``k``, ``cooldown_days``, ``company_cap``, ``exploration_share``,
        ``give_space_sessions``, ``rotation_days`` and ``rotation_factor`` steer
        the plan (``owed_reply_max_days`` acts through the score's ``reply_owed``).
    state : State, path or None
        The user's state; None looks for ``tiekeeper.toml`` next to the export
        (pass ``tiekeeper.state.State()`` to use none).
    scores : polars.DataFrame, optional
        A ``score`` frame to use instead of calling :func:`tiekeeper.score`.
    seed : int
        Fixes tie-breaks and the choice of openers.
    moves : polars.DataFrame, optional
        Dated job moves: ``person_id``, ``company``, ``moved_on``. A person
        who moved within ``params.congratulate_move_days`` gets a
        congratulation; without moves nobody does (a company that differs
        from the one you shared says nothing about *when* they moved).

    Returns
    -------
    Plan
        The owed replies, ``k`` suggestions and the people to give space, each
        with reasons and an opener, and notes on what was skipped.

    Raises
    ------
    ParameterError
        For a bad ``k`` or ``seed``, no export and no scores, or a scores
        frame without the score columns.

    Examples
    --------
    >>> import tiekeeper as tk
    >>> plan = tk.reach_out(tk.load_export(), k=3)  # the bundled sample
    >>> plan.suggestions.height
    3
    >>> plan.suggestions.select("name", "kind", "reasons", "opener").columns
    ['name', 'kind', 'reasons', 'opener']
    """
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
    if hasattr(export, "snapshots"):  # a History: its moves are the plan's news
        from tiekeeper.history.moves import recent_moves

        if moves is None:
            moves = recent_moves(export)
    from tiekeeper.io.export import as_export

    record: Export | None = None if export is None else as_export(export)
    if scores is not None:
        _check_scores(scores)
    when = resolve_as_of(as_of, getattr(record, "as_of", None))
    st = load_state(state if state is not None or record is None else record)
    people = record.people if record is not None else scores
    if people is not None:
        st = st.resolve(people, aliases=getattr(record, "id_aliases", None) or None)
    if scores is None:
        from tiekeeper.scoring.strength import score

        assert record is not None  # checked above: an export, or scores
        scores = score(record, as_of=when, params=p, state=st)
        _check_scores(scores)
    df = flag(scores, st, p, today=when.date(), seed=seed, export=record)
    df = boost_movers(with_moves(df, moves, when.date(), p), p)
    top, explore = pick(candidates(df), k, p)
    rows_o, rows_s = owed_rows(df), suggestion_rows(top, explore)
    frames = to_frame(rows_o + rows_s, when, seed, p)
    n_o = len(rows_o)
    return Plan(
        suggestions=frames.slice(n_o),
        owed_replies=frames.head(n_o),
        give_space=to_frame(space_rows(df, k), when, seed, p),
        as_of=when,
        k=k,
        notes=(*st.notes, *skip_notes(df, p.cooldown_days, p.rotation_days)),
    )
