"""Skills.csv: one skill per row, in a single column ``Name``.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> table = read_table(b"Name\\nPython\\nSQL\\n", "Skills.csv", required=REQUIRED)
>>> parse_skills(table).frame.rows()
[('Python', 2), ('SQL', 3)]
"""

from __future__ import annotations

from tiekeeper.io.csvfile import Table
from tiekeeper.io.parsers._common import finish
from tiekeeper.io.registry import FileParser, Parsed, register

__all__ = ["REQUIRED", "parse_skills"]

REQUIRED = ("Name",)


def parse_skills(table: Table) -> Parsed:
    """Parse ``Skills.csv`` into the ``skills`` schema."""
    return finish("skills", table, {"name": table.get("Name")}, era="2018+ (Name)")


register(FileParser("skills", ("skills",), REQUIRED, "skills", parse_skills, ("name",)))
