"""Stage 2 of the report: turn the frames into plain data (dicts, lists, strings).

Everything the template shows is computed here, already formatted for people
("12 Mar 2024", "every ~20 days", "54"), with separate raw sort keys for the
sortable table. The output holds only plain Python values, so it can be
inspected, tested and serialised without the frames.

Examples
--------
>>> kind_label("offer_help")
'Offer help'
>>> percent(0.254)
'25%'
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import polars as pl

from tiekeeper.companies import is_placeholder_series, normalize_company_series
from tiekeeper.io.categories import missing_sentence, what_is_missing
from tiekeeper.plots._common import STATUS_ORDER, fmt_date, fmt_days
from tiekeeper.plots.cadence import status_cutpoints
from tiekeeper.report.changes import summarize_changes
from tiekeeper.report.fading import FADING_PAGE, FADING_STATUSES, fading_rows, shown_strength
from tiekeeper.report.figures import MAX_SCATTER_POINTS
from tiekeeper.report.inputs import ReportInputs
from tiekeeper.report.spelling import display_spellings
from tiekeeper.scoring.career import contact_sentence
from tiekeeper.wording import counted, share_kept

__all__ = [
    "FADING_STATUSES",
    "ISOLATED_COMPANIES",
    "REPORT_VIEWS",
    "TOP_COMPANIES",
    "kind_label",
    "missing",
    "percent",
    "summarize",
]

#: The views of :data:`tiekeeper.io.categories.NEEDS` the report's sections show.
REPORT_VIEWS: tuple[str, ...] = (
    "strength",
    "plan",
    "owed_replies",
    "fading",
    "career",
    "network",
    "who_at",
)
#: Companies listed in "who you know where".
TOP_COMPANIES = 20
#: Companies listed under the network for the people with no tie (two or more each).
ISOLATED_COMPANIES = 10
_TOP_COMMUNITIES = 12
_TOP_BRIDGES = 10
_KIND_LABELS = {
    "reply": "Reply",
    "reconnect": "Reconnect",
    "congratulate": "Congratulate",
    "offer_help": "Offer help",
    "coffee": "Suggest a coffee",
    "explore": "Explore",
    "give_space": "Give space",
}


def kind_label(kind: str | None) -> str:
    """The button-like label of a suggestion kind."""
    if kind is None:
        return ""
    return _KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def percent(share: float | None) -> str:
    """A share in [0, 1] as a whole percentage; ``—`` when unknown."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{round(share * 100):d}%"


def _css(status: str | None) -> str:
    return (status or "unknown").replace(" ", "-")


def _num(value: float | None, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if digits == 0:
        return str(shown_strength(value))  # the rounding of the reasons' "Strength 12/100"
    return f"{value:.{digits}f}"


def _person_rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for r in frame.iter_rows(named=True):
        rows.append(
            {
                "name": r.get("name") or "(no name)",
                "company": r.get("company") or "",
                "title": r.get("title") or "",
                "kind": r.get("kind") or "",
                "kind_label": kind_label(r.get("kind")),
                "status": r.get("status") or "",
                "status_css": _css(r.get("status")),
                "strength": _num(r.get("strength")),
                "last_contact": fmt_date(r.get("last_contact")),
                "reasons": [s for s in (r.get("reasons") or []) if s],
                "opener": r.get("opener") or "",
            }
        )
    return rows


def _fading(scores: pl.DataFrame) -> dict[str, Any]:
    """Every fading row (the page shows ``page`` at a time; the first page is in the HTML)."""
    rows = fading_rows(scores)
    messaged = int(scores.filter(pl.col("sessions").fill_null(0) > 0).height)
    return {
        "rows": rows,
        "total": len(rows),
        "shown": min(len(rows), FADING_PAGE),
        "page": FADING_PAGE,
        "messaged": messaged,
    }


def _career(career: pl.DataFrame, as_of: dt.date) -> list[dict[str, Any]]:
    """One dict per job; ``contact`` is the sentence the report shows (rates or counts)."""
    jobs = []
    for r in career.sort("started_on", descending=True, nulls_last=True).iter_rows(named=True):
        start, end = r.get("started_on"), r.get("finished_on")
        current = bool(r.get("is_current"))
        during, after = r.get("rate_during"), r.get("rate_after")
        if current:
            change = "current job"
        elif during is not None and after is not None and (during or after):
            change = share_kept(after / during if during else math.inf)
        else:
            change = "—"
        everyone = r.get("colleagues") or []
        contact = contact_sentence(
            rate_during=during,
            rate_after=after,
            sessions_during=sum(int(c.get("sessions_during") or 0) for c in everyone),
            sessions_after=sum(int(c.get("sessions_after") or 0) for c in everyone),
            days_during=((end or as_of) - start).days + 1 if start else None,
            days_after=(as_of - end).days if end and not current else None,
            current=current,
        )
        colleagues = [
            {
                "name": c.get("name") or "(no name)",
                "during": int(c.get("sessions_during") or 0),
                "after": int(c.get("sessions_after") or 0),
            }
            for c in sorted(
                r.get("colleagues") or [],
                key=lambda c: (-(c.get("sessions_during") or 0), -(c.get("sessions_after") or 0)),
            )[:6]
        ]
        jobs.append(
            {
                "company": r.get("company") or "(no company)",
                "title": r.get("title") or "",
                "period": f"{_month(start)} – {'now' if current else _month(end)}",
                "current": current,
                "n_colleagues": int(r.get("n_colleagues") or 0),
                "rate_during": _num(during, 1),
                "rate_after": "—" if current else _num(after, 1),
                "change": change,
                "contact": contact,
                "colleagues": colleagues,
            }
        )
    return jobs


def _month(day: dt.date | None) -> str:
    return "?" if day is None else f"{day:%b %Y}"


def _communities(summary: pl.DataFrame) -> dict[str, Any]:
    groups = summary.filter(pl.col("size") >= 2).sort(
        ["size", "community"], descending=[True, False]
    )
    rows = [
        {
            "label": r.get("label") or "Mixed circle",
            "size": int(r.get("size") or 0),
            "share_fading": percent(r.get("share_fading")),
            "members": ", ".join(m for m in (r.get("top_members") or []) if m),
        }
        for r in groups.head(_TOP_COMMUNITIES).iter_rows(named=True)
    ]
    alone = int(summary.filter(pl.col("size") < 2)["size"].sum() or 0)
    return {"rows": rows, "total": groups.height, "alone": alone}


def _bridges(inputs: ReportInputs) -> list[dict[str, Any]]:
    """The top bridges: people who link two or more circles, ranked by betweenness.

    Each row has its ``rank``, the ``circles`` it links ("3 circles" in
    ``links``) and the raw ``betweenness`` as text (the page shows it on hover).
    """
    from tiekeeper.graph.analysis import circles_linked

    summary = inputs.communities_summary
    labels = dict(zip(summary["community"].to_list(), summary["label"].to_list(), strict=True))
    between = inputs.bridges.filter(pl.col("betweenness") > 0)
    linked = circles_linked(inputs.graph, inputs.communities, between["person_id"])
    top = (
        between.join(linked, on="person_id", how="left")
        .filter(pl.col("circles") >= 2)
        .sort(["betweenness", "person_id"], descending=[True, False])
        .head(_TOP_BRIDGES)
    )
    return [
        {
            "rank": rank,
            "name": r.get("name") or "(no name)",
            "company": r.get("company") or "",
            "circle": labels.get(r.get("community")) or "",
            "circles": int(r["circles"]),
            "links": counted(int(r["circles"]), "circle"),
            "betweenness": f"{r.get('betweenness') or 0.0:.3g}",
            "effective_size": _num(r.get("effective_size"), 1),
            "degree": int(r.get("degree") or 0),
        }
        for rank, r in enumerate(top.iter_rows(named=True), start=1)
    ]


def _isolated(inputs: ReportInputs) -> dict[str, Any]:
    """People with no tie to anyone: how many, and the companies where two or more work."""
    from contextlib import nullcontext

    from tiekeeper.graph._engine import shared_contact_graph
    from tiekeeper.graph.drawing import isolated_people

    engine = inputs.engine
    with shared_contact_graph(inputs.graph, engine) if engine is not None else nullcontext():
        lone = isolated_people(inputs.graph)
    if lone.is_empty():
        return {"total": 0, "rows": [], "companies": 0, "one_each": 0, "no_company": 0}
    # a placeholder ("Self-employed") is no company: those people count as listing none
    nothing = pl.Series([None] * lone.height, dtype=pl.String)
    real = lone["company"].zip_with(~is_placeholder_series(lone["company"]), nothing)
    keyed = lone.with_columns(_key=normalize_company_series(real))
    per = (
        keyed.filter(pl.col("_key").is_not_null())
        .group_by("_key")
        .agg(pl.len().alias("n"), pl.col("company").first().alias("company"))
        .sort(["n", "_key"], descending=[True, False])
    )
    shared = per.filter(pl.col("n") >= 2)
    shown = display_spellings(keyed.filter(pl.col("_key").is_not_null())["company"])
    rows = [
        {"company": shown.get(r["company"], r["company"]), "n": int(r["n"])}
        for r in shared.head(ISOLATED_COMPANIES).iter_rows(named=True)
    ]
    return {
        "total": lone.height,
        "rows": rows,
        "companies": per.height,
        "one_each": int(per.filter(pl.col("n") == 1).height),
        "no_company": int(keyed["_key"].null_count()),
    }


def _companies(scores: pl.DataFrame) -> dict[str, Any]:
    """The companies where most of your contacts work: placeholders left out, one row each.

    Spellings of one company ("ACME", "Acme Inc.") share a row, shown in its most
    common spelling; "Self-employed", "Stealth Startup" and the like are no
    company (:func:`tiekeeper.companies.is_placeholder`) and get none.
    ``wrote_to`` counts the people you wrote to (as in the overview).
    """
    known = scores.filter(
        pl.col("company").is_not_null() & ~is_placeholder_series(scores["company"])
    )
    if known.is_empty():
        return {"rows": [], "total": 0}
    keyed = known.with_columns(normalize_company_series(known["company"]).alias("_key")).filter(
        pl.col("_key").is_not_null()
    )
    best = keyed.sort(["strength", "person_id"], descending=[True, False], nulls_last=True)
    shown = display_spellings(keyed["company"])  # the rule of the whole report
    per = (
        best.group_by("_key", maintain_order=True)
        .agg(
            pl.len().alias("n"),
            (pl.col("messages_sent").fill_null(0) > 0).sum().alias("wrote_to"),
            pl.col("former_colleague").fill_null(False).sum().alias("former"),
            pl.col("name").first().alias("strongest"),
            pl.col("strength").first().alias("strongest_strength"),
            pl.col("company").first().alias("company"),
        )
        .sort(["n", "strongest_strength", "_key"], descending=[True, True, False], nulls_last=True)
    )
    rows = [
        {
            "company": shown.get(r["company"], r["company"]),
            "n": int(r["n"]),
            "wrote_to": int(r["wrote_to"]),
            "former": int(r["former"]),
            "strongest": r["strongest"] or "(no name)",
            "strongest_strength": _num(r["strongest_strength"]),
        }
        for r in per.head(TOP_COMPANIES).iter_rows(named=True)
    ]
    return {"rows": rows, "total": per.height}


def missing(categories: Any) -> dict[str, str]:
    """What each section of the report lacks, as the sentence it shows ("" if nothing).

    One sentence per :data:`REPORT_VIEWS` view
    (:func:`tiekeeper.io.categories.what_is_missing`), plus ``career_contact``,
    ``network_messages`` and ``network_positions``: what the career and
    network views cannot measure without messages or positions although they
    can show something.

    Examples
    --------
    >>> m = missing({"connections": "present", "positions": "present", "messages": "absent"})
    >>> m["career"], m["network"]
    ('', '')
    >>> print(m["owed_replies"])
    This export has no messages.csv, so owed replies cannot be measured. \
Request 'Messages' in LinkedIn's data download.
    """
    out = {view: what_is_missing(categories, view) for view in REPORT_VIEWS}
    status = categories.get("messages", "absent")
    lacks = status != "present"
    out["career_contact"] = (
        missing_sentence("messages", status, "contact with former colleagues cannot be measured")
        if lacks
        else ""
    )
    out["network_messages"] = (
        missing_sentence(
            "messages", status, "group conversations cannot link your contacts to each other"
        )
        if lacks and not out["network"]
        else ""
    )
    positions = categories.get("positions", "absent")
    out["network_positions"] = (
        missing_sentence("positions", positions, "shared employers cannot link your contacts")
        if positions != "present" and not out["network"]
        else ""
    )
    return out


def _counts(inputs: ReportInputs, lacks_messages: bool) -> list[dict[str, str]]:
    """The overview's figures: people you wrote to and people who wrote to you apart."""
    scores = inputs.scores
    counts = [
        {"label": "Connections", "value": f"{inputs.connections:,}"},
        {"label": "People in your export", "value": f"{scores.height:,}"},
    ]
    if lacks_messages:  # no message figure: they would read as "none"
        return counts
    wrote = int(scores.filter(pl.col("messages_sent").fill_null(0) > 0).height)
    heard = int(scores.filter(pl.col("messages_received").fill_null(0) > 0).height)
    messages = int(inputs.interactions.filter(pl.col("kind") == "message").height)
    return [
        *counts,
        {"label": "People you wrote to", "value": f"{wrote:,}"},
        {"label": "People who wrote to you", "value": f"{heard:,}"},
        {"label": "Messages counted (both ways)", "value": f"{messages:,}"},
        {"label": "Replies you owe", "value": f"{inputs.owed_replies.height:,}"},
    ]


def _share(kept: float) -> str:
    """A share in words: "a quarter", "half", "about 1/28", "71 %".

    Examples
    --------
    >>> [_share(k) for k in (0.25, 0.5, 1 / 28.6, 0.7071)]
    ['a quarter', 'half', 'about 1/29', '71 %']
    """
    if abs(kept - 0.25) < 1e-9:
        return "a quarter"
    if abs(kept - 0.5) < 1e-9:
        return "half"
    if kept > 0.2:  # "about 1/1" or "1/2" for 0.71 would be false: say the percentage
        return f"{kept:.0%}".replace("%", " %")
    return f"about 1/{round(1 / kept):,}"


def _silence(params: Any) -> str:
    """The sentence on how strength falls with silence, true of ``params``.

    Examples
    --------
    >>> from tiekeeper.scoring.params import ScoringParams
    >>> _silence(ScoringParams())  # doctest: +ELLIPSIS
    'Then the whole is discounted for the silence since you last talked: after 2 weeks ...'
    """
    if getattr(params, "penalty", "recency") != "recency":
        return (
            "Then the whole is discounted once the silence runs past your usual gap with "
            "that person."
        )
    tau = float(getattr(params, "recency_days", 14.0))
    power = float(getattr(params, "recency_power", 2.0))
    kept = [(days, (1.0 + days / tau) ** -power) for days in (tau, 61.0, 183.0)]
    (d1, k1), (_, k2), (_, k3) = kept
    return (
        f"Then the whole is discounted for the silence since you last talked: after "
        f"{fmt_days(d1)} of silence the count behind the strength is cut to {_share(k1)}, after "
        f"two months to {_share(k2)}, after six months to {_share(k3)}."
        + (
            " So a tie you have not talked with for months shows close to 0 even if it was "
            "strong; its reasons give its peak."
            if k3 < 0.05
            else ""
        )
    )


def _how(params: Any) -> dict[str, str]:
    r1, r2, r3, dormant = status_cutpoints(params)
    half_life = getattr(params, "half_life_days", 180.0)
    return {
        "half_life": fmt_days(half_life),
        "silence": _silence(params),
        "cooling": f"{r1:g}",
        "fading": f"{r2:g}",
        "lapsed": f"{r3:g}",
        "dormant": counted(dormant / 365.25, "year"),
        "inbound": f"{getattr(params, 'inbound_weight', 0.5):g}",
    }


def summarize(inputs: ReportInputs) -> dict[str, Any]:
    """The report as plain data: one key per section.

    Parameters
    ----------
    inputs : ReportInputs
        From :func:`~tiekeeper.report.inputs.collect_inputs` (redacted or not).

    Returns
    -------
    dict
        ``meta``, ``missing``, ``counts``, ``statuses``, ``changes``,
        ``suggestions``, ``owed``, ``give_space``, ``fading``, ``cadence``,
        ``network``, ``career``, ``communities``, ``bridges``, ``companies``
        and ``how``; only strings, numbers, booleans, lists, dicts and None.
        ``missing`` holds the sentence of each section whose data category
        the export lacks (:func:`missing`); such a section shows it instead of
        a conclusion, and the overview then shows no message figures or
        statuses (``meta.messages`` and ``meta.positions`` say whether the
        export holds them; a column counting from them is left out without
        them). ``changes`` is None for one export
        (:func:`~tiekeeper.report.changes.summarize_changes`). ``network``
        counts the people (``people``) and describes those with no tie to
        anyone (``isolated``: ``total``, the companies where two or more of
        them work as ``rows``, ``companies``, ``one_each`` and
        ``no_company``). Each bridge has a ``rank`` and the ``circles`` it
        links (``links``: "3 circles"), with the raw ``betweenness`` as text.
    """
    from tiekeeper import __version__

    scores = inputs.scores
    lacking = missing(inputs.categories)
    lacks_messages = inputs.categories.get("messages") != "present"
    status_counts: dict[str, int] = dict(scores.group_by("status").agg(pl.len()).iter_rows())
    statuses = [
        {"status": s, "css": _css(s), "n": int(status_counts.get(s, 0))}
        for s in STATUS_ORDER
        if status_counts.get(s, 0) and not lacks_messages
    ]
    return {
        "meta": {
            "owner": inputs.owner,
            "export_date": fmt_date(inputs.export_date) if inputs.export_date else "unknown",
            "as_of": fmt_date(inputs.as_of),
            "source": inputs.source,
            "redacted": inputs.redacted,
            "version": __version__,
            "exports": max(1, len(inputs.snapshots)),
            "messages": not lacks_messages,
            "positions": inputs.categories.get("positions") == "present",
        },
        "missing": lacking,
        "counts": _counts(inputs, lacks_messages),
        "statuses": statuses,
        "changes": summarize_changes(inputs.changes, inputs.snapshots),
        "suggestions": _person_rows(inputs.suggestions),
        "owed": _person_rows(inputs.owed_replies),
        "give_space": _person_rows(inputs.give_space),
        "fading": _fading(scores),
        "cadence": {
            "total": int(scores.filter(pl.col("cadence_days").is_not_null()).height),
            "limit": MAX_SCATTER_POINTS,
        },
        "network": {
            "people": max(0, inputs.graph.number_of_nodes() - 1),
            "isolated": _isolated(inputs),
        },
        "career": _career(inputs.career, inputs.as_of.date()),
        "communities": _communities(inputs.communities_summary),
        "bridges": _bridges(inputs),
        "companies": _companies(scores),
        "how": _how(inputs.params),
    }
