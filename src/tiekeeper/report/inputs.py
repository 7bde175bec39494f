"""Stage 1 of the report: compute every frame the report shows, once.

:func:`collect_inputs` runs the library (score, reach-out plan, career, graph,
communities, bridges, strength history) on an export at one ``as_of`` and
keeps only the columns the report needs. Each result is computed exactly once
and passed down: the scores (with the sessions behind them) feed the plan,
the career table, the graph and the strength history; the graph is converted
to igraph once (:func:`tiekeeper.graph._engine.shared_contact_graph`) for the
communities, the bridges and, through ``ReportInputs.engine``, the network
figure. :func:`redact_inputs` is the single
place where redaction happens: it maps every frame and the graph through a
:class:`~tiekeeper.report.redact.Redactor` before anything is summarised or
drawn.

Examples
--------
>>> from tiekeeper.report.inputs import SCORE_COLUMNS
>>> "reasons" in SCORE_COLUMNS
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.io.categories import CATEGORIES
from tiekeeper.report.redact import Redactor
from tiekeeper.schema import empty_frame

__all__ = [
    "HISTORY_PEOPLE",
    "SCORE_COLUMNS",
    "ReportInputs",
    "collect_inputs",
    "history_people",
    "redact_inputs",
]

#: The score columns the report reads (the rest is left behind early).
SCORE_COLUMNS: tuple[str, ...] = (
    "person_id",
    "name",
    "company",
    "title",
    "strength",
    "tier",
    "status",
    "last_contact",
    "days_since",
    "sessions",
    "cadence_days",
    "cadence_estimated",
    "overdue_ratio",
    "peak_strength",
    "drop_from_peak",
    "messages_sent",
    "messages_received",
    "reply_owed",
    "former_colleague",
    "former_company",
    "priority",
    "reasons",
)
#: How many people the strength-history chart follows.
HISTORY_PEOPLE = 4


def _every_category() -> dict[str, str]:
    return dict.fromkeys(CATEGORIES, "present")


@dataclasses.dataclass(frozen=True)
class ReportInputs:
    """Everything a report is made from (frames follow :mod:`tiekeeper.schema`)."""

    owner: str
    export_date: dt.date | None
    as_of: dt.datetime
    source: str | None
    interactions: pl.DataFrame
    scores: pl.DataFrame
    suggestions: pl.DataFrame
    owed_replies: pl.DataFrame
    give_space: pl.DataFrame
    career: pl.DataFrame
    graph: Any
    communities: pl.DataFrame
    communities_summary: pl.DataFrame
    bridges: pl.DataFrame
    history: pl.DataFrame
    params: Any
    connections: int
    redacted: bool = False
    #: The graph's igraph conversion (``tiekeeper.graph._engine.ContactGraph``),
    #: shared with the network figure so the graph is converted only once.
    engine: Any = None
    #: Which data categories the export holds (``Export.categories``: present,
    #: absent or empty); inputs built by hand without it hold every category.
    categories: Mapping[str, str] = dataclasses.field(default_factory=_every_category)
    #: What changed between the exports of a History (``tiekeeper.changes``), or
    #: None for a report of one export (then it has no "what changed" section).
    changes: pl.DataFrame | None = None
    #: The export dates of the History's exports, oldest first (empty for one export).
    snapshots: tuple[dt.date | None, ...] = ()


def history_people(scores: pl.DataFrame, n: int = HISTORY_PEOPLE) -> list[str]:
    """Whom the strength-history chart follows: formerly strong ties now slipping.

    Fading and lapsed ties with the highest past peak come first, then cooling
    ones; if there are none, the strongest ties.

    Examples
    --------
    >>> s = pl.DataFrame({"person_id": ["a", "b", "c"], "status": ["on track", "fading", "lapsed"],
    ...                   "peak_strength": [9.0, 2.0, 5.0], "strength": [80.0, 10.0, 5.0]})
    >>> history_people(s, 2)
    ['c', 'b']
    """
    rank = (
        pl.when(pl.col("status").is_in(["fading", "lapsed"]))
        .then(0)
        .when(pl.col("status") == "cooling")
        .then(1)
        .otherwise(2)
    )
    ordered = scores.filter(pl.col("person_id").is_not_null()).sort(
        [rank, pl.col("peak_strength"), pl.col("strength"), pl.col("person_id")],
        descending=[False, True, True, False],
        nulls_last=True,
    )
    return ordered["person_id"].head(n).to_list()


def collect_inputs(
    export: Any,
    *,
    as_of: AsOf = None,
    params: Any = None,
    k: int = 10,
    seed: int = 0,
    state: Any = None,
    history: Any = None,
) -> ReportInputs:
    """Run the library on ``export`` and gather what the report shows.

    Parameters
    ----------
    export : tiekeeper.io.Export
        For several exports, the History's merged record.
    as_of : date, datetime or str, optional
        Defaults to the export's own ``as_of`` (its export date).
    params : ScoringParams, optional
    k : int
        Size of the reach-out list.
    seed : int
        For the plan's tie-breaks, communities, betweenness sampling and layout.
    state : State, path or None
        The user's state, as for :func:`tiekeeper.score` (None: ``tiekeeper.toml``
        next to the export, if any).
    history : History, optional
        The exports ``export`` merges: their changes (:func:`tiekeeper.changes`)
        and dates fill the "what changed" section.
    """
    from tiekeeper.graph import bridges, build_graph, communities, communities_summary
    from tiekeeper.graph._engine import shared_contact_graph
    from tiekeeper.scoring._frames import export_frames
    from tiekeeper.scoring.career import career_frame
    from tiekeeper.scoring.colleagues import export_evidence
    from tiekeeper.scoring.history import history_frames
    from tiekeeper.scoring.params import check_params
    from tiekeeper.scoring.plan import reach_out
    from tiekeeper.scoring.strength import score_with_sessions

    when = resolve_as_of(as_of, export.as_of)
    params = check_params(params)  # None gives the defaults
    # One pass over the events: the scores and the sessions they come from.
    scores, sessions = score_with_sessions(export, as_of=when, params=params, state=state)
    plan = reach_out(export, k=k, as_of=when, params=params, state=state, scores=scores, seed=seed)
    # A cold pitch (job pitch never answered) is no colleague: the same people as career().
    cold = scores.filter(pl.col("cold_pitch"))["person_id"]
    fr = export_frames(export)  # the owner's own ids left out, as in career() and history
    people = fr.people.filter(~pl.col("person_id").is_in(cold.implode()))
    evidence = export_evidence(fr, when, params)
    jobs = career_frame(fr.positions, people, sessions, when.date(), params, evidence)
    graph = build_graph(export, scores=scores, as_of=when, params=params)
    with shared_contact_graph(graph) as engine:
        comm = communities(graph, seed=seed)
        summary = communities_summary(graph, comm, seed=seed)
        brokers = bridges(graph, seed=seed)
    followed = history_people(scores)
    slipping = (
        history_frames(
            fr.interactions,
            fr.people,
            followed,
            as_of=when,
            params=params,
            cold=cold.filter(cold.is_in(followed)).to_list(),
        )
        if followed
        else empty_frame("strength_history")
    )
    events = export.interactions.filter(pl.col("time") <= when).select(
        "person_id", "time", "kind", "direction"
    )
    source = getattr(export, "source", None)
    if history is not None:
        from tiekeeper.history import changes

        news: pl.DataFrame | None = changes(history)
        dates = tuple(history.export_dates)
    else:
        news, dates = None, ()
    return ReportInputs(
        owner=getattr(export.owner, "name", None) or "You",
        export_date=getattr(export, "export_date", None),
        as_of=when,
        source=Path(str(source)).name if source else None,
        interactions=events,
        scores=scores.select([c for c in SCORE_COLUMNS if c in scores.columns]),
        suggestions=plan.suggestions,
        owed_replies=plan.owed_replies,
        give_space=plan.give_space,
        career=jobs,
        graph=graph,
        communities=comm,
        communities_summary=summary,
        bridges=brokers,
        history=slipping,
        params=params,
        connections=int(export.connections.height),
        engine=engine,
        categories=dict(export.categories),
        changes=news,
        snapshots=dates,
    )


def redact_inputs(inputs: ReportInputs, redactor: Redactor) -> ReportInputs:
    """The one place where a report is redacted: every frame and the graph.

    Names become pseudonyms, ids pseudo ids, the owner ``You``; URL, e-mail
    and message-text columns are dropped; the export's file name is left out.
    Changes lose their URL rows and the old and new names of renamed people
    (:func:`~tiekeeper.report.changes.redact_changes`).
    """
    from tiekeeper.graph._engine import relabel
    from tiekeeper.report.changes import redact_changes

    if inputs.changes is not None:
        inputs = dataclasses.replace(inputs, changes=redact_changes(inputs.changes))
    frames: dict[str, Any] = {
        f.name: redactor.frame(getattr(inputs, f.name))
        for f in dataclasses.fields(inputs)
        if isinstance(getattr(inputs, f.name), pl.DataFrame)
    }
    return dataclasses.replace(
        inputs,
        owner="You",
        source=None,
        graph=redactor.graph(inputs.graph),
        redacted=True,
        engine=None
        if inputs.engine is None
        else relabel(inputs.engine, {n: redactor.pseudo_id(str(n)) for n in inputs.engine.nodes}),
        **frames,
    )
