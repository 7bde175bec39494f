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

from dataclasses import dataclass
from typing import Literal

import polars as pl

__all__ = ["CATEGORIES", "Category", "Status", "categories", "missing_sentence"]

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
