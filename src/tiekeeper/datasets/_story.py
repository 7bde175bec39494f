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
from tiekeeper.datasets._career import (
    EPOCH,
    Job,
    Owner,
    company_names,
    company_variant,
    make_jobs,
    make_owner,
)
from tiekeeper.datasets._names import make_people

__all__ = ["EPOCH", "OWED_WINDOW_DAYS", "Cast", "Job", "Owner", "make_cast"]

#: Inbound messages younger than this at the export are answered by the owner, except
#: the deliberate owed ones (the scoring model's default window for owed replies).
OWED_WINDOW_DAYS = 60.0

_YEAR = 365.25
_END = 1e-3  # ordinary events end this many days before the export day starts
_NULLABLE_STRINGS = (
    "company_now",
    "position_now",
    "email",
    "former_company",
    "shared_company",
    "pattern",
)


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


@dataclass
class _Profiles:
    w: np.ndarray
    bounds: np.ndarray
    rates: np.ndarray
    fading: np.ndarray
    fade_start: np.ndarray


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


def _kinds(rng: np.random.Generator, counts: dict[str, int], n_conn_people: int) -> np.ndarray:
    """Every person's kind; connections first (shuffled), then the non-connections."""
    connected = ("colleague", "close", "friend", "revived", "recruiter", "one-sided", "one-off")
    kinds = [k for k in connected for _ in range(counts[k])] + ["contact"] * counts["contact"]
    kinds += ["recruiter"] * counts["recruiter-ext"] + ["group-contact"] * counts["group-contact"]
    kinds += ["invitation-only"] * counts["invitation-only"] + ["spam"] * counts["spam"]
    perm = np.concatenate([rng.permutation(n_conn_people), np.arange(n_conn_people, len(kinds))])
    return np.array(kinds)[perm]


def _assign_jobs(
    rng: np.random.Generator, kind: np.ndarray, jobs: list[Job], export_start: float
) -> np.ndarray:
    """The job each work tie comes from (-1 for others); every job gets three colleagues."""
    tenure = np.array([np.subtract(*j.interval(export_start)[::-1]) for j in jobs])
    job = np.full(len(kind), -1)
    work = np.flatnonzero(np.isin(kind, ["colleague", "group-contact"]))
    weights = tenure * rng.uniform(0.6, 1.4, len(jobs))
    job[work] = rng.choice(len(jobs), size=len(work), p=weights / weights.sum())
    colleagues = np.flatnonzero(kind == "colleague")
    if len(colleagues) >= 3 * len(jobs):
        for j in range(len(jobs)):
            job[colleagues[3 * j : 3 * j + 3]] = j
    close = np.flatnonzero(kind == "close")
    job[close] = rng.integers(0, len(jobs) - 1, len(close))
    return job


def _connection_times(
    rng: np.random.Generator,
    kind: np.ndarray,
    job: np.ndarray,
    jobs: list[Job],
    registered: float,
    export_start: float,
) -> np.ndarray:
    """When each person connected (epoch days): work ties during the shared tenure,
    others more often recently, revived ties early, recruiters in the last six years."""
    end = export_start - _END
    starts = np.array([j.interval(export_start)[0] for j in jobs])
    ends = np.array([j.interval(export_start)[1] for j in jobs])
    u = rng.random(len(kind))
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
    return np.clip(connected, registered + 1, end - 1)


def _profiles(
    rng: np.random.Generator,
    kind: np.ndarray,
    job: np.ndarray,
    jobs: list[Job],
    connected: np.ndarray,
    export_start: float,
) -> _Profiles:
    """Latent strength and the three-segment rate profile of every tie (module doc)."""
    n = len(kind)
    end = export_start - _END
    ends = np.array([j.interval(export_start)[1] for j in jobs])
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

    return _Profiles(w, b, r, fading, fade_start)


def _owed(
    rng: np.random.Generator,
    kind: np.ndarray,
    job: np.ndarray,
    w: np.ndarray,
    n_jobs: int,
    n_connections: int,
    export_start: float,
) -> np.ndarray:
    """When a few steady ties send the message the owner still owes a reply to (else nan).

    The first one arrives on the export day itself, so it is the newest event.
    """
    owed_at = np.full(len(kind), np.nan)
    current = (kind == "colleague") & (job == n_jobs - 1)
    steady = np.flatnonzero((np.isin(kind, ["friend", "close"]) | current) & (w > 0.5))
    n_owed = min(len(steady), max(2, round(0.008 * n_connections)))
    owed = rng.choice(steady, size=n_owed, replace=False)
    owed_at[owed] = export_start - rng.uniform(1, 14, n_owed)
    owed_at[owed[0]] = export_start + rng.uniform(0.3, 0.75)
    return owed_at


def _now(
    rng: np.random.Generator, kind: np.ndarray, job: np.ndarray, jobs: list[Job], others: list[str]
) -> tuple[list[str | None], list[str | None]]:
    """Company and title at export time (what Connections.csv shows)."""
    firms = [f"{p} Talent Partners" for p in V.ORG_PREFIXES[-6:]]
    company: list[str | None] = []
    position: list[str | None] = []
    for kk, jj in zip(kind.tolist(), job.tolist(), strict=True):
        title = V.TITLES[int(rng.integers(0, len(V.TITLES)))]
        other = others[int(rng.integers(0, len(others)))]
        if kk == "recruiter":
            company.append(firms[int(rng.integers(0, len(firms)))])
            position.append(V.RECRUITER_TITLES[int(rng.integers(0, len(V.RECRUITER_TITLES)))])
            continue
        stay = 0.85 if jj == len(jobs) - 1 else 0.35
        if jj >= 0 and rng.random() < stay:
            company.append(company_variant(rng, jobs[jj].company))
        elif rng.random() < 0.05:
            company.append(None)
            title = "" if rng.random() < 0.5 else title
        else:
            company.append(other)
        position.append(title or None)
    return company, position


def make_cast(rng: np.random.Generator, n_connections: int, export_date: dt.date) -> Cast:
    """Invent the owner, the career and every person with their tie profile."""
    export_start = float((export_date - EPOCH).days)
    companies = company_names(rng, 6 + 24)
    jobs = make_jobs(rng, export_date, companies[:6])
    registered = jobs[0].interval(export_start)[0] - float(rng.uniform(30, 400))
    counts = _counts(n_connections)
    n_conn_people = n_connections - counts["empty"]
    kind = _kinds(rng, counts, n_conn_people)
    n = len(kind)
    is_conn = np.arange(n) < n_conn_people
    owner = make_owner(rng)
    people = make_people(rng, n, taken={owner.slug})

    job = _assign_jobs(rng, kind, jobs, export_start)
    connected = _connection_times(rng, kind, job, jobs, registered, export_start)
    prof = _profiles(rng, kind, job, jobs, connected, export_start)
    revived = kind == "revived"
    connected[revived] = prof.bounds[revived, 0]
    p_owner = rng.uniform(0.35, 0.65, n)
    owed_at = _owed(rng, kind, job, prof.w, len(jobs), n_connections, export_start)
    # an owed tie's ordinary messages stop three days before the unanswered one
    cap = np.where(np.isnan(owed_at), export_start - _END, np.minimum(owed_at, export_start) - 3)
    bounds = np.minimum(prof.bounds, cap[:, None])

    company_now, position_now = _now(rng, kind, job, jobs, companies[6:])
    email = [
        f"{p.email_local}@{'example.com' if rng.random() < 0.5 else 'example.org'}"
        if is_conn[k] and rng.random() < 0.015
        else None
        for k, p in enumerate(people)
    ]
    current = len(jobs) - 1
    frame = pl.DataFrame(
        {
            "pid": np.arange(n),
            "kind": kind,
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
            "w": prof.w,
            "fading": prof.fading,
            "fade_start": prof.fade_start,
            "former_company": [jobs[j].company if 0 <= j < current else None for j in job.tolist()],
            "shared_company": [jobs[j].company if j >= 0 else None for j in job.tolist()],
            # a realistic pattern or isolation the person was given (see _realistic, _isolated)
            "pattern": [None] * n,
        },
        schema_overrides=dict.fromkeys(_NULLABLE_STRINGS, pl.String),
    ).with_columns(url="https://www.linkedin.com/in/" + pl.col("slug"))
    return Cast(
        owner=owner,
        jobs=jobs,
        people=frame,
        bounds=bounds,
        rates=prof.rates,
        p_owner=p_owner,
        owed_at=owed_at,
        registered=registered,
        export_start=export_start,
        export_date=export_date,
        n_empty_rows=counts["empty"],
    )
