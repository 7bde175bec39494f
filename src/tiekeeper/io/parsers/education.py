"""Education.csv: the owner's schools.

Header ``School Name,Start Date,End Date,Notes,Degree Name,Activities``,
unchanged 2018→2025; dates are ``2004``, ``Nov 2021`` or empty (F9).

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"School Name,Start Date,End Date,Notes,Degree Name,Activities\\n"
...        b"Example U,2004,2008,,BSc,\\n")
>>> parse_education(read_table(raw, "Education.csv", required=REQUIRED)).frame.row(0)[4:6]
(datetime.date(2004, 1, 1), datetime.date(2008, 12, 31))
"""

from __future__ import annotations

from tiekeeper.io.csvfile import Table
from tiekeeper.io.dates import parse_period_end, parse_period_start
from tiekeeper.io.parsers._common import finish
from tiekeeper.io.parsers.positions import period_reason
from tiekeeper.io.registry import FileParser, Parsed, register

__all__ = ["REQUIRED", "parse_education"]

REQUIRED = ("School Name",)


def parse_education(table: Table) -> Parsed:
    """Parse ``Education.csv`` into the ``education`` schema."""
    t = table
    s_raw, e_raw = t.get("Start Date"), t.get("End Date")
    start, end = parse_period_start(s_raw), parse_period_end(e_raw)
    return finish(
        "education",
        t,
        {
            "school": t.get("School Name"),
            "degree": t.get("Degree Name"),
            "notes": t.get("Notes"),
            "activities": t.get("Activities"),
            "started_on": start,
            "finished_on": end,
        },
        [period_reason(s_raw, start, "Start Date"), period_reason(e_raw, end, "End Date")],
        "2018+ (6 columns)",
    )


register(FileParser("education", ("education",), REQUIRED, "education", parse_education))
