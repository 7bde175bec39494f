"""Which data categories an export holds: present, absent or empty.

LinkedIn's "Get a copy of your data" lets a user pick categories, and a Basic
archive may hold only ``Connections.csv``. A section that needs a category the
export lacks must say so, with the consequence and the fix, and never state a
conclusion ("You owe nobody a reply") that the export cannot support.

:data:`CATEGORIES` documents each category: the logical files that carry it
and the name of the item to request in LinkedIn's data download.
:func:`categories` reads the parse report; :func:`missing_sentence` writes the
sentence a section shows.

Examples
--------
>>> import polars as pl
>>> report = pl.DataFrame({"logical_name": ["connections", "messages"],
...                        "rows_parsed": [12, 0]})
>>> cats = categories(report)
>>> cats["connections"], cats["messages"], cats["positions"]
('present', 'empty', 'absent')
>>> print(missing_sentence("messages", "absent", "fading ties and owed replies cannot be measured"))
This export has no messages.csv, so fading ties and owed replies cannot be measured. \
Request 'Messages' in LinkedIn's data download.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import polars as pl

if TYPE_CHECKING:
    from tiekeeper.io.export import Export

__all__ = [
    "CATEGORIES",
    "NEEDS",
    "Category",
    "Need",
    "Status",
    "categories",
    "missing_sentence",
    "what_is_missing",
]

#: The state of a category in one export.
Status = Literal["present", "absent", "empty"]


@dataclass(frozen=True)
class Category:
    """One data category of the export.

    Attributes
    ----------
    logical_names : tuple of str
        The parse report's ``logical_name`` values of its files.
    file : str
        How the sentence names the file.
    request : str
        The item to request in LinkedIn's data download.
    """

    logical_names: tuple[str, ...]
    file: str
    request: str


#: Every category a section may need, in display order.
CATEGORIES: dict[str, Category] = {
    "connections": Category(("connections",), "Connections.csv", "Connections"),
    "messages": Category(("messages",), "messages.csv", "Messages"),
    "invitations": Category(("invitations",), "Invitations.csv", "Invitations"),
    "positions": Category(("positions",), "Positions.csv", "Positions"),
    "endorsements": Category(
        ("endorsements_received", "endorsements_given"),
        "endorsement files",
        "Endorsements",
    ),
    "recommendations": Category(
        ("recommendations_received", "recommendations_given"),
        "recommendation files",
        "Recommendations",
    ),
    "profile": Category(("profile",), "Profile.csv", "Profile"),
}


def categories(parse_report: pl.DataFrame) -> dict[str, Status]:
    """The state of every category of :data:`CATEGORIES`, from a parse report.

    ``absent``: no file of the category; ``empty``: its files hold no row
    (LinkedIn writes header-only files); ``present``: at least one row.
    """
    rows = dict.fromkeys(parse_report["logical_name"].to_list(), 0)
    for name, n in parse_report.select("logical_name", "rows_parsed").iter_rows():
        rows[name] = rows.get(name, 0) + int(n or 0)
    out: dict[str, Status] = {}
    for key, cat in CATEGORIES.items():
        found = [rows[n] for n in cat.logical_names if n in rows]
        out[key] = "absent" if not found else ("present" if sum(found) else "empty")
    return out


def missing_sentence(category: str, status: Status, consequence: str) -> str:
    """The sentence a section shows when it lacks ``category``.

    Parameters
    ----------
    category : str
        A key of :data:`CATEGORIES`.
    status : {"absent", "empty"}
    consequence : str
        What cannot be measured, e.g. "owed replies cannot be measured".
    """
    cat = CATEGORIES[category]
    found = f"has no {cat.file}" if status == "absent" else f"has an empty {cat.file}"
    return (
        f"This export {found}, so {consequence}. "
        f"Request '{cat.request}' in LinkedIn's data download."
    )


@dataclass(frozen=True)
class Need:
    """What one view (a report section, a CLI command, a notebook) needs.

    Attributes
    ----------
    categories : tuple of str
        Keys of :data:`CATEGORIES`; with ``any_of``, one of them is enough.
    consequence : str
        What cannot be shown without them, for :func:`missing_sentence`.
    any_of : bool
    """

    categories: tuple[str, ...]
    consequence: str
    any_of: bool = False


#: The categories each view needs. Report sections, CLI commands and notebooks
#: name their view here and show :func:`what_is_missing` instead of a
#: conclusion the export cannot support.
NEEDS: dict[str, Need] = {
    "fading": Need(("messages",), "fading ties cannot be measured"),
    "owed_replies": Need(("messages",), "owed replies cannot be measured"),
    "plan": Need(("messages",), "the reach-out plan cannot be made"),
    "strength": Need(("messages",), "strength rests on connections, invitations and "
                     "endorsements only"),
    "backtest": Need(("messages",), "the score cannot be checked against your own history"),
    "career": Need(("positions",), "your jobs and former colleagues cannot be shown"),
    "network": Need(("connections", "messages"), "the network cannot be drawn", any_of=True),
    "who_at": Need(("connections",), "nobody's company is known"),
}  # fmt: skip


def what_is_missing(export_or_categories: Export | Mapping[str, Status], view: str) -> str:
    """The sentence a view shows when the export lacks what it needs, else ``""``.

    Parameters
    ----------
    export_or_categories : Export or dict
        An :class:`~tiekeeper.io.Export` (its ``categories``) or such a mapping.
    view : str
        A key of :data:`NEEDS`: ``fading``, ``owed_replies``, ``plan``,
        ``strength``, ``backtest``, ``career``, ``network`` or ``who_at``.

    Returns
    -------
    str
        One sentence naming the missing file, why the view cannot be drawn and
        what to request from LinkedIn; ``""`` when nothing needed is missing.

    Raises
    ------
    ParameterError
        For an unknown ``view``.

    Examples
    --------
    >>> what_is_missing({"messages": "present"}, "fading")
    ''
    >>> print(what_is_missing({"positions": "absent"}, "career"))
    This export has no Positions.csv, so your jobs and former colleagues cannot be shown. \
Request 'Positions' in LinkedIn's data download.
    """
    if view not in NEEDS:
        from tiekeeper.errors import ParameterError

        raise ParameterError(f"view={view!r} is unknown; expected one of {sorted(NEEDS)}")
    cats = (
        export_or_categories
        if isinstance(export_or_categories, Mapping)
        else export_or_categories.categories
    )
    need = NEEDS[view]
    states = [(c, cats.get(c, "absent")) for c in need.categories]
    lacking = [(c, st) for c, st in states if st != "present"]
    if not lacking or (need.any_of and len(lacking) < len(states)):
        return ""
    category, status = lacking[0]
    return missing_sentence(category, status, need.consequence)
