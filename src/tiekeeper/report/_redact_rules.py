"""The column rules of redaction: which columns hold names, ids, droppable or safe values.

Shared by :mod:`tiekeeper.report.redact` and its vectorised helpers
(:mod:`tiekeeper.report._redact_columns`); the public names are re-exported by
:mod:`tiekeeper.report.redact`.

Examples
--------
>>> "email" in DROP_COLUMNS, "status" in SAFE_COLUMNS
(True, True)
"""

from __future__ import annotations

from typing import Any

import polars as pl

__all__ = [
    "DROP_COLUMNS",
    "ID_COLUMNS",
    "NAME_COLUMNS",
    "OWNER_ID",
    "SAFE_COLUMNS",
    "drop_fields",
    "has_text",
]

#: Columns that hold a person's display name: they take the row's pseudonym.
NAME_COLUMNS: frozenset[str] = frozenset(
    {"name", "full_name", "from_name", "to_name", "sender_name", "owner", "strongest_name"}
)
#: Columns that hold a person id: they take the pseudo id.
ID_COLUMNS: frozenset[str] = frozenset({"person_id", "sender_id", "strongest_id"})
#: Columns removed entirely: URLs, e-mail addresses, message text, raw records.
DROP_COLUMNS: frozenset[str] = frozenset(
    {
        "profile_url",
        "email",
        "emails",
        "first_name",
        "last_name",
        "aliases",
        "sender_url",
        "recipient_urls",
        "recipient_names",
        "recipient_ids",
        "inviter_url",
        "invitee_url",
        "content",
        "text",
        "message",
        "subject",
        "conversation_title",
        "conversation_id",
        "raw",
        "notes",
        "summary",
        "description",
    }
)
#: Columns whose values come from tiekeeper's own vocabularies, never from the
#: export's text: left as they are (this keeps redaction fast on big frames).
SAFE_COLUMNS: frozenset[str] = frozenset(
    {
        "kind",
        "direction",
        "status",
        "tier",
        "slot",
        "source",
        "folder",
        "recipients_method",
        "key_method",
        "former_colleague_evidence",
        "date_precision",
        "last_contact",
        "connected_on",
        "era",
    }
)
#: The owner's node id in tiekeeper graphs; it is kept as is.
OWNER_ID = "owner"


def has_text(dtype: Any) -> bool:
    """Whether a column of ``dtype`` can hold text (or a dropped struct field).

    Examples
    --------
    >>> has_text(pl.List(pl.String)), has_text(pl.Int64)
    (True, False)
    """
    if dtype == pl.String:
        return True
    if isinstance(dtype, pl.List | pl.Array):
        return has_text(dtype.inner)
    if isinstance(dtype, pl.Struct):
        return any(has_text(f.dtype) or f.name in DROP_COLUMNS for f in dtype.fields)
    return False


def drop_fields(dtype: Any) -> Any:
    """``dtype`` without the :data:`DROP_COLUMNS` fields of its structs (arrays become lists)."""
    if isinstance(dtype, pl.List):
        return pl.List(drop_fields(dtype.inner))
    if isinstance(dtype, pl.Array):
        return pl.List(drop_fields(dtype.inner))
    if isinstance(dtype, pl.Struct):
        return pl.Struct(
            [
                pl.Field(f.name, drop_fields(f.dtype))
                for f in dtype.fields
                if f.name not in DROP_COLUMNS
            ]
        )
    return dtype
