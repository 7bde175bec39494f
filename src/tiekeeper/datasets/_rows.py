"""The intermediate message row every part of the generator produces.

Each part (1:1 threads, groups, sponsored rows …) returns a frame with
:data:`ROW_SCHEMA`; the assembler concatenates them, adds conversation ids,
orders them as LinkedIn does and renders the CSV columns.

Examples
--------
>>> rows(conv=[1], t=[2.0], content=["hi"]).columns == list(ROW_SCHEMA)
True
"""

from __future__ import annotations

from typing import Any

import polars as pl

__all__ = ["LINKEDIN_MEMBER", "OWNER", "ROW_SCHEMA", "rows"]

#: Sender/partner codes in the ``pid`` column besides real people (>= 0).
OWNER = -1
LINKEDIN_MEMBER = -2

ROW_SCHEMA: dict[str, pl.DataType] = {
    "conv": pl.Int64(),  # conversation key (drafts get their own)
    "t": pl.Float64(),  # epoch days
    "title": pl.String(),
    "from_name": pl.String(),
    "from_url": pl.String(),
    "to_names": pl.String(),
    "to_urls": pl.String(),
    "subject": pl.String(),
    "content": pl.String(),
    "folder": pl.String(),  # null: decided per conversation later
    "draft": pl.Boolean(),
    "pid": pl.Int64(),  # the 1:1 partner, or the group sender; -1 owner, -2 LinkedIn Member
    "from_owner": pl.Boolean(),
    "part": pl.String(),  # bulk, owed, recruiter, one-sided, group, member, sponsored …
}


def rows(**columns: Any) -> pl.DataFrame:
    """A frame with :data:`ROW_SCHEMA`; missing columns are null (``draft`` False)."""
    n = len(next(iter(columns.values())))
    data: dict[str, Any] = {}
    for name, dtype in ROW_SCHEMA.items():
        if name in columns:
            data[name] = pl.Series(name, columns[name], dtype=dtype)
        elif name == "draft":
            data[name] = pl.Series(name, [False] * n, dtype=dtype)
        else:
            data[name] = pl.Series(name, [None] * n, dtype=dtype)
    return pl.DataFrame(data)
