"""The owner of the fictional export and their career: 4–6 consecutive jobs.

Jobs cover whole months (``Positions.csv`` has month precision), follow each
other with gaps of up to two months and never overlap; the last one is the
current role. Companies are invented (``Northwind Analytics``), and colleagues
spell them in the usual variants (``… Inc.``, upper case, ``…, Inc.``).

Examples
--------
>>> import numpy as np
>>> jobs = make_jobs(np.random.default_rng(0), dt.date(2025, 3, 14), company_names(
...     np.random.default_rng(0), 6))
>>> 4 <= len(jobs) <= 6 and jobs[-1].end is None
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._names import ascii_fold, make_slug_suffix

__all__ = ["EPOCH", "Job", "Owner", "company_names", "company_variant", "make_jobs", "make_owner"]

EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Job:
    """One of the owner's positions (dates cover whole months)."""

    company: str
    title: str
    start: dt.date
    end: dt.date | None
    location: str
    description: str

    def interval(self, export_start: float) -> tuple[float, float]:
        """The tenure in epoch days; a current role runs until the export."""
        s = float((self.start - EPOCH).days)
        f = export_start - 1.0 if self.end is None else float((self.end - EPOCH).days) + 1.0
        return s, f


@dataclass(frozen=True)
class Owner:
    """The fictional owner of the export."""

    first: str
    last: str
    slug: str
    emails: tuple[str, ...]

    @property
    def name(self) -> str:
        """Display name."""
        return f"{self.first} {self.last}"

    @property
    def url(self) -> str:
        """Profile URL as the messages file writes it."""
        return "https://www.linkedin.com/in/" + self.slug


def make_owner(rng: np.random.Generator) -> Owner:
    """An owner whose surname (``…feather``) no other invented person can have."""
    first = V.FIRST_NAMES[int(rng.integers(0, len(V.FIRST_NAMES)))]
    last = V.LAST_PREFIXES[int(rng.integers(0, len(V.LAST_PREFIXES)))] + "feather"
    slug = f"{first}-{last}".lower() + make_slug_suffix(rng)
    local = ascii_fold(f"{first}.{last}").lower()
    emails = (f"{local}@example.com", f"{local[0]}.{last.lower()}@example.org")
    return Owner(first, last, slug, emails)


def _month_start(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, 1)


def _month_end(m: int) -> dt.date:
    return _month_start(m + 1) - dt.timedelta(days=1)


def company_names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` invented company names, no two sharing their first word."""
    pairs = [(p, s) for p in V.ORG_PREFIXES for s in V.ORG_SUFFIXES]
    order = rng.permutation(len(pairs))
    seen: set[str] = set()
    out: list[str] = []
    for k in order:
        p, s = pairs[int(k)]
        if p in seen:
            continue
        seen.add(p)
        out.append(f"{p} {s}")
        if len(out) == n:
            break
    return out


def make_jobs(rng: np.random.Generator, export_date: dt.date, companies: list[str]) -> list[Job]:
    """4–6 consecutive jobs ending with the current one (oldest first)."""
    n_jobs = int(rng.integers(4, 7))
    track = V.TRACKS[int(rng.integers(0, len(V.TRACKS)))]
    titles = track[:n_jobs]
    exp_m = export_date.year * 12 + export_date.month - 1
    start_m = exp_m - int(rng.integers(10, 31))
    spans: list[tuple[int, int | None]] = [(start_m, None)]
    for _ in range(n_jobs - 1):
        end_m = spans[-1][0] - 1 - int(rng.integers(0, 3))
        spans.append((end_m - int(rng.integers(15, 43)) + 1, end_m))
    spans.reverse()
    jobs = []
    for k, (sm, em) in enumerate(spans):
        company = companies[k]
        desc = (
            f"• Led {int(rng.integers(2, 9))} people across analytics and engineering "
            f"• Built the {company.split()[-1].lower()} data platform, cutting report time by "
            f"{int(rng.integers(20, 80))}% • Partnered with sales, finance and product"
        )
        jobs.append(
            Job(
                company=company,
                title=titles[k],
                start=_month_start(sm),
                end=None if em is None else _month_end(em),
                location=V.LOCATIONS[int(rng.integers(0, len(V.LOCATIONS)))],
                description=desc,
            )
        )
    return jobs


def company_variant(rng: np.random.Generator, company: str) -> str:
    """How a colleague's profile spells the owner's employer.

    Examples
    --------
    >>> {company_variant(np.random.default_rng(s), "Acme Labs") for s in range(40)} == {
    ...     "Acme Labs", "Acme Labs Inc.", "ACME LABS", "Acme Labs, Inc."}
    True
    """
    u = rng.random()
    if u < 0.6:
        return company
    if u < 0.75:
        return company + " Inc."
    if u < 0.85:
        return company.upper()
    return company + ", Inc."
