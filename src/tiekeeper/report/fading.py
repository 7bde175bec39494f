"""The fading table of the report: every cooling, fading, lapsed and dormant tie.

Its numbers are the reasons' numbers, rounded the same way:

* the strength is ``round(strength)`` (:func:`shown_strength`), as in
  "Strength 12/100, down from 45/100";
* the drop is ``1 − 12/45`` from those two shown numbers (:func:`shown_drop`);
* the days since the last contact are whole days, rounded down
  (:func:`days_ago`), as in "it's been 361 days";
* the usual gap is whole days, as in "You usually talk every ~25 days".

Every row is offered. The page shows :data:`FADING_PAGE` rows at a time
(the first page is in the HTML); :func:`fading_json` packs all the rows for
the page's script, which pages, sorts and searches them without any
request: every text once in a string table, each row a short list of
indices and numbers (about 150 bytes a row, 3 MB for 18,000 rows).

Examples
--------
>>> shown_strength(12.4), shown_drop(12.4, 45.4)
(12, 0.7333333333333334)
>>> days_ago(361.9)
'361 days ago'
"""

from __future__ import annotations

import json
import math
from typing import Any

import polars as pl

from tiekeeper.plots._common import STATUS_ORDER, fmt_date
from tiekeeper.wording import counted

__all__ = [
    "FADING_COLUMNS",
    "FADING_PAGE",
    "FADING_STATUSES",
    "days_ago",
    "fading_json",
    "fading_rows",
    "shown_drop",
    "shown_strength",
    "usual_gap",
]

#: Statuses listed in the fading table, most urgent first.
FADING_STATUSES: tuple[str, ...] = ("fading", "lapsed", "cooling", "dormant")
#: Rows per page of the fading table.
FADING_PAGE = 50
#: The fields of a row, in the order :func:`fading_json` packs them (``*_sort`` are
#: the sort keys of the column before; ``reasons`` is a list).
FADING_COLUMNS: tuple[str, ...] = (
    "name",
    "company",
    "strength",
    "strength_sort",
    "status",
    "status_sort",
    "cadence",
    "cadence_sort",
    "last_contact",
    "last_contact_sort",
    "since",
    "drop",
    "drop_sort",
    "reasons",
)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def shown_strength(value: float | None) -> int | None:
    """Strength as the page and the reasons show it: rounded to a whole number."""
    return None if _missing(value) else round(value)  # type: ignore[arg-type]


def shown_drop(strength: float | None, peak: float | None) -> float | None:
    """The drop from the peak, from the *shown* strength and peak: ``1 − 12/45``.

    None when there is no peak to fall from. Never below 0 or above 1.

    Examples
    --------
    >>> shown_drop(0.3, 80.6), shown_drop(5.0, 0.2), shown_drop(None, 4.0)
    (1.0, None, None)
    """
    now, peak_shown = shown_strength(strength), shown_strength(peak)
    if now is None or not peak_shown:
        return None
    return min(1.0, max(0.0, 1.0 - now / peak_shown))


def days_ago(days: float | None) -> str:
    """Whole days since the last contact, rounded down as the reasons round them.

    Examples
    --------
    >>> days_ago(None), days_ago(0.4), days_ago(1.2), days_ago(1400.0)
    ('never', 'today', '1 day ago', '1400 days ago')
    """
    if _missing(days):
        return "never"
    n = math.floor(days)  # type: ignore[arg-type]
    return "today" if n < 1 else counted(str(n), "day") + " ago"


def usual_gap(cadence: float | None) -> str:
    """The usual gap in whole days, as the reasons say it ("every ~25 days").

    Examples
    --------
    >>> usual_gap(24.6), usual_gap(None)
    ('every ~25 days', '—')
    """
    return "—" if _missing(cadence) else "every " + counted(f"~{round(cadence)}", "day")  # type: ignore[arg-type]


def _sort_num(value: float | None) -> str:
    """A sort key the table's script reads as a number ('' sorts last)."""
    return "" if _missing(value) else f"{value:.6g}"


def _percent(share: float | None) -> str:
    return "—" if share is None else f"−{round(share * 100):d}%"


def fading_rows(scores: pl.DataFrame) -> list[dict[str, Any]]:
    """Every tie of :data:`FADING_STATUSES`, most urgent first, as display dicts.

    Parameters
    ----------
    scores : polars.DataFrame
        The report's score columns (``name``, ``company``, ``strength``,
        ``peak_strength``, ``status``, ``cadence_days``, ``last_contact``,
        ``days_since``, ``priority``, ``reasons`` …).

    Returns
    -------
    list of dict
        Keys :data:`FADING_COLUMNS` plus ``status_css``: shown text, and sort
        keys as text ("" sorts last).
    """
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    fading = scores.filter(pl.col("status").is_in(list(FADING_STATUSES))).sort(
        ["priority", "strength", "person_id"], descending=[True, True, False], nulls_last=True
    )
    rows = []
    for r in fading.iter_rows(named=True):
        cadence, last = r.get("cadence_days"), r.get("last_contact")
        strength = shown_strength(r.get("strength"))
        drop = shown_drop(r.get("strength"), r.get("peak_strength"))
        status = r.get("status") or ""
        rows.append(
            {
                "name": r.get("name") or "(no name)",
                "company": r.get("company") or "",
                "strength": "—" if strength is None else str(strength),
                "strength_sort": _sort_num(r.get("strength")),
                "status": status,
                "status_css": status.replace(" ", "-") or "unknown",
                "status_sort": str(order.get(status, 99)),
                "cadence": usual_gap(cadence),
                "cadence_sort": _sort_num(cadence),
                "last_contact": fmt_date(last),
                "last_contact_sort": last.strftime("%Y-%m-%dT%H:%M:%S") if last else "",
                "since": days_ago(r.get("days_since")),
                "drop": _percent(drop),
                "drop_sort": _sort_num(drop),
                "reasons": [s for s in (r.get("reasons") or []) if s][:3],
            }
        )
    return rows


def fading_json(rows: list[dict[str, Any]]) -> str:
    """All rows packed for the page's script: ``{"columns", "strings", "rows"}``.

    Each row lists its :data:`FADING_COLUMNS` in order: a text is an index
    into ``strings`` (each text stored once), a numeric sort key a number or
    null, and ``reasons`` a list of indices.

    Examples
    --------
    >>> packed = json.loads(fading_json([{c: "" for c in FADING_COLUMNS} | {
    ...     "name": "Ada", "strength_sort": "12.4", "reasons": ["Hi", "Ada"]}]))
    >>> row = packed["rows"][0]
    >>> [packed["strings"][row[0]], row[3], [packed["strings"][i] for i in row[-1]]]
    ['Ada', 12.4, ['Hi', 'Ada']]
    """
    strings: dict[str, int] = {}

    def ref(text: str) -> int:
        return strings.setdefault(text, len(strings))

    numeric = {"strength_sort", "status_sort", "cadence_sort", "drop_sort"}
    packed = []
    for r in rows:
        out: list[Any] = []
        for col in FADING_COLUMNS:
            value = r[col]
            if col == "reasons":
                out.append([ref(s) for s in value])
            elif col in numeric:
                n = float(value) if value != "" else None
                out.append(int(n) if n is not None and n.is_integer() else n)
            else:
                out.append(ref(value))
        packed.append(out)
    doc = {"columns": list(FADING_COLUMNS), "strings": list(strings), "rows": packed}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
