"""The story behind the sample export: the owner's career and the cast of ties.

The owner changed jobs 4–6 times. Each tie has a *kind* and a latent strength
``w`` that drives a piecewise-constant message rate over three segments
``[b0, b1) [b1, b2) [b2, b3)`` (days since the Unix epoch):

* ``colleague``: connected during a tenure, messages at rate ``w`` until a
  month or so after the owner leaves, then (for most) at a small fraction of
  it: a *fading* tie. Colleagues of the current job do not fade.
* ``close``: a former colleague who stays in touch across jobs (high ``w``).
* ``friend``: a steady tie from outside work.
* ``contact``: everyone else; many never message, some once (one-offs), a
  quarter fade at a random time.
* ``revived``: active early, silent for years, active again recently.
* ``one-off``: a single exchange around the day of connecting.
* ``recruiter`` and ``one-sided``: messages only one way (added separately).
* ``group-contact``, ``invitation-only``, ``spam``: not connections.

A few steady ties are *owed* a reply: their last message arrives in the last
two weeks (one on the export day) and is never answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._names import ascii_fold, make_people, make_slug_suffix

__all__ = ["EPOCH", "Cast", "Job", "Owner", "make_cast"]

EPOCH = dt.date(1970, 1, 1)
_YEAR = 365.25


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


@dataclass
class Cast:
    """Everything the file writers need: owner, jobs, people and tie profiles."""

    owner: Owner
    jobs: list[Job]
    people: pl.DataFrame
    bounds: np.ndarray  # (P, 4) epoch days b0..b3
    rates: np.ndarray  # (P, 3) relative message rates per day
    p_owner: np.ndarray  # (P,) share of a tie's sessions the owner starts
    owed_at: np.ndarray  # (P,) time of the unanswered inbound message, or nan
    registered: float
    export_start: float
    export_date: dt.date
    n_empty_rows: int


def _month_start(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, 1)


def _month_end(m: int) -> dt.date:
    return _month_start(m + 1) - dt.timedelta(days=1)


def _company_names(rng: np.random.Generator, n: int) -> list[str]:
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


def _make_jobs(rng: np.random.Generator, export_date: dt.date, companies: list[str]) -> list[Job]:
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


def _variant(rng: np.random.Generator, company: str) -> str:
    """How a colleague's profile spells the owner's employer."""
    u = rng.random()
    if u < 0.6:
        return company
    if u < 0.75:
        return company + " Inc."
    if u < 0.85:
        return company.upper()
    return company + ", Inc."


def _counts(n_conn: int) -> dict[str, int]:
    c = {
        "empty": max(2, round(0.015 * n_conn)),
        "close": int(np.clip(round(0.012 * n_conn), 3, 40)),
        "friend": max(3, round(0.07 * n_conn)),
        "revived": max(3, round(0.02 * n_conn)),
        "recruiter": max(2, round(0.025 * n_conn)),
        "one-sided": max(2, round(0.015 * n_conn)),
        "colleague": round(0.42 * n_conn),
        "one-off": round(0.1 * n_conn),
    }
    c["contact"] = n_conn - sum(c.values())
    c["recruiter-ext"] = max(2, round(0.03 * n_conn))
    c["group-contact"] = max(1, round(0.01 * n_conn))
    c["invitation-only"] = max(3, round(0.03 * n_conn))
    c["spam"] = 1
    return c


def make_cast(rng: np.random.Generator, n_connections: int, export_date: dt.date) -> Cast:
    """Invent the owner, the career and every person with their tie profile."""
    export_start = float((export_date - EPOCH).days)
    end = export_start - 1e-3
    companies = _company_names(rng, 6 + 24)
    jobs = _make_jobs(rng, export_date, companies[:6])
    others = companies[6:]
    recruit_firms = [f"{p} Talent Partners" for p in V.ORG_PREFIXES[-6:]]
    first_start = jobs[0].interval(export_start)[0]
    registered = first_start - float(rng.uniform(30, 400))

    counts = _counts(n_connections)
    kinds_conn = [
        k
        for k in ("close", "friend", "revived", "recruiter", "one-sided", "one-off")
        for _ in range(counts[k])
    ]
    kinds = (
        ["colleague"] * counts["colleague"]
        + kinds_conn
        + ["contact"] * counts["contact"]
        + ["recruiter"] * counts["recruiter-ext"]
        + ["group-contact"] * counts["group-contact"]
        + ["invitation-only"] * counts["invitation-only"]
        + ["spam"] * counts["spam"]
    )
    n_conn_people = n_connections - counts["empty"]
    is_conn = np.zeros(len(kinds), dtype=bool)
    is_conn[:n_conn_people] = True
    # Shuffle the connected people so that special names land on random kinds.
    perm = np.concatenate([rng.permutation(n_conn_people), np.arange(n_conn_people, len(kinds))])
    kinds = [kinds[int(k)] for k in perm]
    kind = np.array(kinds)
    n = len(kinds)

    owner_first = V.FIRST_NAMES[int(rng.integers(0, len(V.FIRST_NAMES)))]
    owner_last = V.LAST_PREFIXES[int(rng.integers(0, len(V.LAST_PREFIXES)))] + "feather"
    owner_slug = f"{owner_first}-{owner_last}".lower() + make_slug_suffix(rng)
    taken = {owner_slug}
    people = make_people(rng, n, taken=taken)
    local = ascii_fold(f"{owner_first}.{owner_last}").lower()
    owner = Owner(
        owner_first,
        owner_last,
        owner_slug,
        (f"{local}@example.com", f"{local[0]}.{owner_last.lower()}@example.org"),
    )

    # -- which job each work tie comes from, and when everybody connected
    tenure = np.array([j.interval(export_start)[1] - j.interval(export_start)[0] for j in jobs])
    job = np.full(n, -1)
    work = np.flatnonzero(np.isin(kind, ["colleague", "group-contact"]))
    weights = tenure * rng.uniform(0.6, 1.4, len(jobs))
    job[work] = rng.choice(len(jobs), size=len(work), p=weights / weights.sum())
    # every job gets at least three colleagues (the story needs them)
    colleagues = np.flatnonzero(kind == "colleague")
    if len(colleagues) >= 3 * len(jobs):
        for j in range(len(jobs)):
            job[colleagues[3 * j : 3 * j + 3]] = j
    close = np.flatnonzero(kind == "close")
    job[close] = rng.integers(0, len(jobs) - 1, len(close))

    starts = np.array([j.interval(export_start)[0] for j in jobs])
    ends = np.array([j.interval(export_start)[1] for j in jobs])
    u = rng.random(n)
    connected = registered + 1 + (end - registered - 2) * u**0.55
    has_job = job >= 0
    js, jf = starts[job[has_job]], ends[job[has_job]]
    connected[has_job] = js + 7 + (jf - js - 14) * rng.beta(1.3, 2.2, int(has_job.sum()))
    rev = kind == "revived"
    connected[rev] = registered + 1 + (end - registered) * 0.45 * u[rev]
    one = kind == "one-sided"
    connected[one] = end - rng.uniform(60, 5 * _YEAR, int(one.sum()))
    rec = kind == "recruiter"
    connected[rec] = end - rng.uniform(10, 6 * _YEAR, int(rec.sum()))
    connected = np.clip(connected, registered + 1, end - 1)

    # -- latent strength and rate profiles
    w = np.zeros(n)
    b = np.tile(np.array([0.0, 0.0, 0.0, 0.0]), (n, 1))
    r = np.zeros((n, 3))
    b[:, 0] = connected
    b[:, 1:] = end
    fading = np.zeros(n, dtype=bool)
    fade_start = np.full(n, np.nan)

    def sel(k: str) -> np.ndarray:
        return np.flatnonzero(kind == k)

    i = sel("close")
    w[i] = rng.uniform(4, 10, len(i))
    i = sel("friend")
    w[i] = rng.lognormal(np.log(1.2), 0.5, len(i))
    i = sel("revived")
    w[i] = rng.lognormal(np.log(1.2), 0.4, len(i))
    i = sel("colleague")
    w[i] = rng.lognormal(0.0, 0.9, len(i))
    i = sel("contact")
    w[i] = np.where(rng.random(len(i)) < 0.45, 0.0, rng.lognormal(np.log(0.08), 1.2, len(i)))
    r[:, 0] = r[:, 1] = r[:, 2] = w

    # colleagues of past jobs: the rate drops after the owner leaves
    i = np.flatnonzero((kind == "colleague") & (job >= 0) & (job < len(jobs) - 1))
    leave = ends[job[i]] + rng.uniform(30, 120, len(i))
    drop = np.where(
        rng.random(len(i)) < 0.75, rng.uniform(0.01, 0.08, len(i)), rng.uniform(0.3, 0.8, len(i))
    )
    b[i, 1] = np.clip(leave, b[i, 0], end)
    r[i, 1] = r[i, 2] = w[i] * drop
    fading[i] = drop < 0.25
    fade_start[i] = np.where(fading[i], b[i, 1], np.nan)
    # a quarter of the messaging contacts fade at a random time
    i = np.flatnonzero((kind == "contact") & (w > 0) & (rng.random(n) < 0.25))
    b[i, 1] = b[i, 0] + (end - b[i, 0]) * rng.uniform(0.2, 0.8, len(i))
    r[i, 1] = r[i, 2] = w[i] * rng.uniform(0.01, 0.06, len(i))
    fading[i] = True
    fade_start[i] = b[i, 1]
    # revived ties: silent in the middle segment
    i = sel("revived")
    b[i, 2] = end - rng.uniform(45, 200, len(i))
    b[i, 1] = np.clip(b[i, 0] + rng.uniform(0.5, 2.5, len(i)) * _YEAR, b[i, 0], b[i, 2] - 400)
    b[i, 0] = np.minimum(b[i, 0], b[i, 1])
    r[i, 1] = 0.0
    r[i, 2] = w[i] * rng.uniform(0.8, 1.5, len(i))
    connected[i] = b[i, 0]

    p_owner = rng.uniform(0.35, 0.65, n)

    # -- owed replies: steady ties whose last message (inbound) is never answered
    owed_at = np.full(n, np.nan)
    steady = np.flatnonzero(
        (np.isin(kind, ["friend", "close"]) | ((kind == "colleague") & (job == len(jobs) - 1)))
        & (w > 0.5)
    )
    n_owed = min(len(steady), max(2, round(0.008 * n_connections)))
    owed = rng.choice(steady, size=n_owed, replace=False)
    owed_at[owed] = export_start - rng.uniform(1, 14, n_owed)
    owed_at[owed[0]] = export_start + rng.uniform(0.3, 0.75)
    cap = np.where(np.isnan(owed_at), end, np.minimum(owed_at, end) - 3)
    b = np.minimum(b, cap[:, None])

    # -- company and title at export time
    company_now: list[str | None] = []
    position_now: list[str | None] = []
    former: list[str | None] = []
    for k in range(n):
        kk, jj = kinds[k], int(job[k])
        former.append(jobs[jj].company if jj >= 0 and jj < len(jobs) - 1 else None)
        title = V.TITLES[int(rng.integers(0, len(V.TITLES)))]
        other = others[int(rng.integers(0, len(others)))]
        if kk == "recruiter":
            company_now.append(recruit_firms[int(rng.integers(0, len(recruit_firms)))])
            position_now.append(V.RECRUITER_TITLES[int(rng.integers(0, len(V.RECRUITER_TITLES)))])
            continue
        stay = 0.85 if jj == len(jobs) - 1 else 0.35
        if jj >= 0 and rng.random() < stay:
            company_now.append(_variant(rng, jobs[jj].company))
        elif rng.random() < 0.05:
            company_now.append(None)
            title = "" if rng.random() < 0.5 else title
        else:
            company_now.append(other)
        position_now.append(title or None)
    email = [
        f"{p.email_local}@{'example.com' if rng.random() < 0.5 else 'example.org'}"
        if is_conn[k] and rng.random() < 0.015
        else None
        for k, p in enumerate(people)
    ]
    frame = pl.DataFrame(
        {
            "pid": np.arange(n),
            "kind": kinds,
            "job": job,
            "first_raw": [p.first_raw for p in people],
            "last_raw": [p.last_raw for p in people],
            "first": [p.first for p in people],
            "name": [p.name for p in people],
            "slug": [p.slug for p in people],
            "is_connection": is_conn,
            "connected_t": connected,
            "company_now": company_now,
            "position_now": position_now,
            "email": email,
            "w": w,
            "fading": fading,
            "fade_start": fade_start,
            "former_company": former,
            "shared_company": [jobs[int(j)].company if j >= 0 else None for j in job.tolist()],
        },
        schema_overrides={
            "company_now": pl.String,
            "position_now": pl.String,
            "email": pl.String,
            "former_company": pl.String,
            "shared_company": pl.String,
        },
    ).with_columns(url="https://www.linkedin.com/in/" + pl.col("slug"))
    return Cast(
        owner=owner,
        jobs=jobs,
        people=frame,
        bounds=b,
        rates=r,
        p_owner=p_owner,
        owed_at=owed_at,
        registered=registered,
        export_start=export_start,
        export_date=export_date,
        n_empty_rows=counts["empty"],
    )
