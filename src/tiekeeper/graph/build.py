"""``build_graph``: the owner's network as a networkx graph with real contact-to-contact ties.

A star ("you → each connection") shows nothing. The graph built here adds the
evidence the export holds of who knows whom (see :mod:`tiekeeper.graph.evidence`):
shared group conversations and colleagues of the same owner position.

Nodes
    ``"owner"`` (``kind="owner"``, ``name`` = the owner's name) and one node
    per scored person, keyed by ``person_id`` (``kind="person"``), with
    ``name, company, title, strength, status, tier, last_contact,
    connected_on, top_reason, former_colleague, former_company, former_title,
    former_colleague_confidence`` from :func:`tiekeeper.score`. Dates are ISO
    text or None: ``last_contact`` in UTC to the second (e.g.
    ``'2024-03-01T09:30:00+00:00'``), ``connected_on`` a day (``'2016-04-12'``).
    The owner's person attributes are None.

Edges
    ``kind``: ``'owner'``, ``'group_thread'``, ``'same_employer'``, or
    ``'group_thread; same_employer'`` when both kinds of evidence link a pair.
    ``weight``: for contact pairs Σ min(1, 5/k) over shared threads of k
    contacts, plus 1.0 for a same-employer link; for owner edges
    ``strength / 100``.
    Evidence: ``shared_threads`` (int), ``employer`` and ``era`` (text or None).

Examples
--------
>>> import tiekeeper
>>> G = tiekeeper.build_graph(tiekeeper.load_export())
>>> G.nodes["owner"]["kind"]
'owner'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.asof import resolve_as_of
from tiekeeper.errors import ParameterError
from tiekeeper.graph._engine import OWNER, gc_paused
from tiekeeper.graph.evidence import group_thread_edges, same_employer_edges

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from tiekeeper.asof import AsOf
    from tiekeeper.history import History
    from tiekeeper.io import Export
    from tiekeeper.scoring.params import ScoringParams

__all__ = ["EDGE_KINDS", "SCORE_COLUMNS", "build_graph", "resolve_scores"]

#: The edge kinds ``include`` may name.
EDGE_KINDS: tuple[str, ...] = ("owner", "group_threads", "same_employer")

#: The score columns the graph reads.
SCORE_COLUMNS: tuple[str, ...] = (
    "person_id",
    "name",
    "company",
    "title",
    "connected_on",
    "strength",
    "tier",
    "last_contact",
    "status",
    "former_colleague",
    "former_company",
    "former_title",
    "former_colleague_confidence",
    "reasons",
)


def resolve_scores(
    export: Export | History,
    scores: Any,
    *,
    as_of: AsOf = None,
    params: ScoringParams | None = None,
    name: str = "scores",
) -> pl.DataFrame:
    """Return ``scores`` as a checked polars frame, computing it with ``score`` if None."""
    if scores is None:
        from tiekeeper.scoring.strength import score

        return score(export, as_of=as_of, params=params)  # a History: its merged record
    if not isinstance(scores, pl.DataFrame):
        if type(scores).__module__.startswith("pandas"):
            scores = pl.from_pandas(scores)
        else:
            raise ParameterError(
                f"{name} must be the polars frame returned by tiekeeper.score(export); "
                f"got {type(scores).__name__}"
            )
    missing = [c for c in SCORE_COLUMNS if c not in scores.columns]
    if missing:
        raise ParameterError(
            f"{name} lacks columns {missing}; pass the frame returned by "
            "tiekeeper.score(export), or leave it out to compute it"
        )
    return scores


def _check_include(include: Iterable[str] | str) -> set[str]:
    names = [include] if isinstance(include, str) else list(include)
    unknown = [n for n in names if n not in EDGE_KINDS]
    if unknown:
        raise ParameterError(
            f"include has unknown edge kinds {unknown}; valid choices are {list(EDGE_KINDS)}"
        )
    return set(names)


def _node_rows(scores: pl.DataFrame) -> list[tuple[str, dict[str, Any]]]:
    utc = pl.col("last_contact").dt.convert_time_zone("UTC")
    s = scores.select(
        pl.col("person_id"),
        pl.col("name"),
        pl.col("company"),
        pl.col("title"),
        pl.col("strength").cast(pl.Float64),
        pl.col("status"),
        pl.col("tier"),
        utc.dt.strftime("%Y-%m-%dT%H:%M:%S+00:00").alias("last_contact"),
        pl.col("connected_on").cast(pl.Date).dt.strftime("%Y-%m-%d"),
        pl.col("reasons").list.first().alias("top_reason"),
        pl.col("former_colleague").fill_null(False),
        pl.col("former_company"),
        pl.col("former_title"),
        pl.col("former_colleague_confidence").cast(pl.Float64),
    ).filter(pl.col("person_id").is_not_null())
    keys = s.columns[1:]
    return [
        (row[0], {"kind": "person", **dict(zip(keys, row[1:], strict=True))}) for row in s.rows()
    ]


def _owner_attrs(export: Export) -> dict[str, Any]:
    owner = getattr(export, "owner", None)
    name = getattr(owner, "name", None) or "You"
    attrs: dict[str, Any] = dict.fromkeys(
        (
            "company",
            "title",
            "strength",
            "status",
            "tier",
            "last_contact",
            "connected_on",
            "top_reason",
            "former_colleague",
            "former_company",
            "former_title",
            "former_colleague_confidence",
        )
    )
    return {"kind": "owner", "name": name, **attrs}


def _contact_edges(
    export: Export, scores: pl.DataFrame, kinds: set[str], min_weight: float
) -> pl.DataFrame:
    people = scores["person_id"].drop_nulls().to_list()
    empty = pl.DataFrame(
        schema={"u": pl.String, "v": pl.String, "weight": pl.Float64, "shared_threads": pl.Int64}
    )
    employer = pl.DataFrame(
        schema={"u": pl.String, "v": pl.String, "employer": pl.String, "era": pl.String}
    )
    if "same_employer" in kinds:
        employer = same_employer_edges(scores, getattr(export, "positions", None))
    group = empty
    if "group_threads" in kinds:
        owner = getattr(export, "owner", None)
        owner_ids = tuple(getattr(owner, "person_ids", ()) or ())
        group = group_thread_edges(
            export.messages,
            owner_ids=owner_ids,
            people=people,
            min_weight=min_weight,
            keep=employer,  # a same-employer link adds 1.0: lighter pairs may still pass
        )
    both = group.join(employer, on=["u", "v"], how="full", coalesce=True)
    has_g = pl.col("shared_threads").is_not_null()
    has_e = pl.col("employer").is_not_null()
    kind = (
        pl.when(has_g & has_e)
        .then(pl.lit("group_thread; same_employer"))
        .when(has_g)
        .then(pl.lit("group_thread"))
        .otherwise(pl.lit("same_employer"))
    )
    weight = pl.col("weight").fill_null(0.0) + pl.when(has_e).then(1.0).otherwise(0.0)
    return (
        both.with_columns(
            kind.alias("kind"),
            weight.alias("weight"),
            pl.col("shared_threads").fill_null(0),
        )
        .filter(pl.col("weight") >= min_weight)
        .select("u", "v", "kind", "weight", "shared_threads", "employer", "era")
        .sort("u", "v")
    )


def build_graph(
    export: Export | History,
    *,
    scores: pl.DataFrame | None = None,
    include: Iterable[str] | str = EDGE_KINDS,
    min_weight: float = 1.0,
    as_of: AsOf = None,
    params: ScoringParams | None = None,
) -> nx.Graph:
    """Build the owner's network: people, their strength, and who knows whom.

    Parameters
    ----------
    export : tiekeeper.io.Export or tiekeeper.history.History
        From :func:`tiekeeper.load_export` (a History: its merged record). Only
        ``messages``, ``positions`` and ``owner`` are read here; everything else
        comes through ``scores``.
    scores : polars.DataFrame, optional
        The frame of :func:`tiekeeper.score`; computed with ``as_of`` and
        ``params`` when None. Every scored person becomes a node.
    include : iterable of str
        Edge kinds to draw: ``'owner'`` (the owner to each person, for
        display), ``'group_threads'`` and ``'same_employer'``.
    min_weight : float
        Contact-to-contact edges lighter than this are dropped. The default
        1.0 keeps a pair that shared one group conversation of up to five
        contacts (or two of ten, …) and every same-employer link. Owner
        edges are always kept.
    as_of : date, datetime or str, optional
        Reference time for scoring when ``scores`` is None.
    params : ScoringParams, optional
        Scoring parameters when ``scores`` is None.

    Returns
    -------
    networkx.Graph
        See the module docstring for the node and edge attributes.

    Raises
    ------
    ParameterError
        Unknown ``include`` names, a negative ``min_weight``, or a ``scores``
        frame without the score columns.

    Examples
    --------
    >>> import tiekeeper
    >>> export = tiekeeper.load_export()
    >>> G = tiekeeper.build_graph(export, include=("group_threads",))
    >>> any(d["kind"] == "owner" for _, _, d in G.edges(data=True))
    False
    >>> tiekeeper.build_graph(export, include=("friends",))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: include has unknown edge kinds ['friends']; valid choices ...
    """
    from tiekeeper.io.export import as_export

    record: Export = as_export(export)  # a History draws its merged record
    kinds = _check_include(include)
    if isinstance(min_weight, bool) or not isinstance(min_weight, int | float) or min_weight < 0:
        raise ParameterError(
            f"min_weight must be a number ≥ 0 (1.0 keeps one shared small group chat); "
            f"got {min_weight!r}"
        )
    s = resolve_scores(record, scores, as_of=as_of, params=params)
    edges = _contact_edges(record, s, kinds, float(min_weight))
    with gc_paused():  # hundreds of thousands of small dicts: skip needless GC passes
        G = _assemble(record, s, edges, "owner" in kinds)
    # Files written from the graph carry this date, never the wall clock's.
    G.graph["as_of"] = resolve_as_of(as_of, record.as_of).isoformat()
    return G


def _assemble(export: Export, s: pl.DataFrame, edges: pl.DataFrame, owner: bool) -> nx.Graph:
    import networkx as nx

    G = nx.Graph()
    G.add_node(OWNER, **_owner_attrs(export))
    nodes = _node_rows(s)
    G.add_nodes_from(nodes)
    if owner:
        G.add_edges_from(
            (
                OWNER,
                pid,
                {
                    "kind": "owner",
                    "weight": (attrs["strength"] or 0.0) / 100.0,
                    "shared_threads": 0,
                    "employer": None,
                    "era": None,
                },
            )
            for pid, attrs in nodes
        )
    G.add_edges_from(
        (u, v, {"kind": k, "weight": w, "shared_threads": n, "employer": e, "era": era})
        for u, v, k, w, n, e, era in edges.iter_rows()
    )
    return G
