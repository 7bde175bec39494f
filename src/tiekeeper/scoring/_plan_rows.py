"""Building the plan's frames: each picked person's kind, reasons and opener, and the notes.

The rows come from :mod:`tiekeeper.scoring._plan_select`. Here each one gets
its *kind* (which opener fits), the reasons of its list (the score's sentences,
plus why it is owed, exploratory or given space) and a template opener from
:mod:`tiekeeper.scoring.openers`; the notes say whom the plan skipped and why.

A suggestion is a ``congratulate`` only with a dated move (``_moved_to``, see
:func:`tiekeeper.scoring._plan_select.with_moves`); a former colleague now at
another company gets a ``coffee`` opener that says where they are now.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from tiekeeper.schema import polars_schema
from tiekeeper.scoring.openers import opener_context, reply_kind, write_opener
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.wording import counted

__all__ = ["owed_rows", "skip_notes", "space_rows", "suggestion_rows", "to_frame"]

Row = dict[str, Any]
#: A tie unmessaged this long gets a "reconnect" opener whatever its status.
LONG_GAP_DAYS = 180


def _kind(row: Row, explore: bool) -> str:
    status = row["status"]
    if explore and status == "never interacted":
        return "explore"
    if row.get("_moved_to"):  # a dated, recent move: the one thing worth congratulating
        return "congratulate"
    if row["former_colleague"]:
        return "coffee"
    if status == "never interacted":
        return "explore"
    days = row["days_since"]
    if status in ("lapsed", "dormant") or (days is not None and days >= LONG_GAP_DAYS):
        return "reconnect"
    return "offer_help"


def _explore_reason(row: Row) -> str:
    if row["status"] == "never interacted":
        why = "you have never really talked"
    elif row["status"] == "dormant":
        why = "a dormant tie, often worth reviving"
    else:
        why = "your only connection at their company, a bridge to a different circle"
    return f"Exploration pick: {why}."


def _with_reason(reasons: list[str] | None, sentence: str, first: bool = False) -> list[str]:
    have = list(reasons or [])
    if sentence in have:
        return have
    return [sentence, *have] if first else [*have, sentence]


def _owed_reasons(r: Row) -> list[str]:
    if r["owed_since"] is None or any("unanswered" in s for s in r["reasons"] or []):
        return list(r["reasons"] or [])
    day = r["owed_since"].date()
    return _with_reason(
        r["reasons"], f"Their message from {day:%-d %B %Y} is still unanswered.", True
    )


def _space_reasons(r: Row) -> list[str]:
    def spacing(x: str) -> bool:  # the score's own give-space or one-way sentence
        return "give them space" in x or "no reply yet" in x

    reasons = [x for x in r["reasons"] or [] if not spacing(x)]
    have = [x for x in r["reasons"] or [] if spacing(x)]
    n = counted(r["unanswered_sessions"], "day")
    if not have and r["messages_received"]:
        have = [f"You have written on {n} since their last reply; give them space."]
    elif not have:
        have = [f"You have written on {n} and they have never replied; give them space."]
    return have + reasons


def suggestion_rows(top: list[Row], explore: list[Row]) -> list[Row]:
    """The suggestions, ranked picks first, each with its slot, kind and reasons.

    One-way ties (score column ``one_way``) come last, after the exploration
    picks: a one-way tie is never listed above a two-way tie.
    """
    rows: list[Row] = []
    one_way = [r for r in top if r.get("one_way")]
    two_way = [r for r in top if not r.get("one_way")]
    for slot, picked in (("top", two_way), ("explore", explore), ("top", one_way)):
        for r in picked:
            reasons = r["reasons"]
            if slot == "explore":
                reasons = _with_reason(reasons, _explore_reason(r))
            rows.append({**r, "slot": slot, "_kind": _kind(r, slot == "explore"),
                         "reasons": reasons})  # fmt: skip
    return rows


def owed_rows(df: pl.DataFrame) -> list[Row]:
    """The owed replies: most valuable tie first, then the oldest unanswered message."""
    return [
        {**r, "slot": "owed", "_kind": "reply", "reasons": _owed_reasons(r)}
        for r in df.filter(pl.col("_owed"))
        .sort(["value", "owed_since", "_tie"], descending=[True, False, False], nulls_last=True)
        .iter_rows(named=True)
    ]


def space_rows(df: pl.DataFrame, k: int) -> list[Row]:
    """The ``k`` most valuable one-sided ties (value × need), to give space."""
    return [
        {**r, "slot": "give_space", "_kind": "give_space", "reasons": _space_reasons(r)}
        for r in df.filter(pl.col("_space"))
        .sort([pl.col("value") * pl.col("need"), "_tie"], descending=[True, False])
        .head(k)
        .iter_rows(named=True)
    ]


def to_frame(rows: list[Row], as_of: dt.datetime, seed: int, p: ScoringParams) -> pl.DataFrame:
    """Rows as a ``plan`` frame, each with an opener (none for give_space).

    Within one call the same template of a kind is not reused while another is
    unused, so pass every list that is shown together in one call. An owed
    reply's opener apologises for the wait only from ``p.late_reply_days``.
    """
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
                new_company=r.get("_moved_to"),
            )
            wording = (
                reply_kind(r["owed_since"], as_of, p.late_reply_days) if kind == "reply" else kind
            )
            avoid = used.setdefault(wording, set())
            opener, idx = write_opener(wording, ctx, key=r["person_id"], seed=seed, avoid=avoid)
            avoid.add(idx)
        out.append({**{c: r.get(c) for c in schema}, "kind": kind, "opener": opener})
    return pl.DataFrame(out, schema=schema, orient="row") if out else pl.DataFrame(schema=schema)


def skip_notes(df: pl.DataFrame, cooldown: float, rotation_days: float) -> list[str]:
    """One sentence per reason the plan left people out or ranked them lower."""
    candidate = ~pl.col("_ignored") & ~pl.col("_snoozed") & ~pl.col("_cooled")
    counts = df.select(
        pl.col("_ignored").sum().alias("ignored"),
        (pl.col("_snoozed") & ~pl.col("_ignored")).sum().alias("snoozed"),
        (pl.col("_cooled") & ~pl.col("_ignored") & ~pl.col("_snoozed")).sum().alias("cooled"),
        pl.col("_cold").sum().alias("pitch"),
        (candidate & ~pl.col("_owed") & (pl.col("_recent") > 0) & (pl.col("priority") > 0))
        .sum()
        .alias("rotated"),
    ).row(0, named=True)
    labels = {
        "ignored": "Skipped {n} {who} on your ignore list (person or company).",
        "snoozed": "Skipped {n} {who} snoozed.",
        "cooled": f"Skipped {{n}} {{who}} logged as contacted in the last "
        f"{counted(cooldown, 'day')}.",
        "pitch": "Skipped {n} cold {pitches}: recruiters and job pitches you never answered.",
        "rotated": f"Ranked {{n}} {{who}} lower because a recorded plan suggested them in the "
        f"last {counted(rotation_days, 'day')}.",
    }
    return [labels[key].format(n=n, who="person" if n == 1 else "people",
                               pitches="pitch" if n == 1 else "pitches")
            for key, n in counts.items() if n]  # fmt: skip
