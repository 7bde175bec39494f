"""Connections, Invitations, endorsements and recommendations, consistent with the story.

* Connections: newest first, percent-encoded non-ASCII slugs, a few rows empty
  except the date, names with credentials and trailing spaces kept raw.
* Invitations: one per accepted invitation (most connections), sent shortly
  before the connection; pending ones from people who are not connections;
  a repeated identical row.
* Endorsements come from colleagues during or shortly after the shared job;
  recommendations from close and strong colleagues at the end of a tenure.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import numpy as np
import polars as pl

from tiekeeper.datasets import _phrases as P
from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._format import CONNECTIONS_PREAMBLE, fmt_f1, fmt_f2, fmt_f5, fmt_f8
from tiekeeper.datasets._story import EPOCH, Cast
from tiekeeper.datasets._writer import CsvFile

__all__ = ["connection_rows", "connections", "endorsements", "invitations", "recommendations"]

_DAY = 86400


def _seconds(t: np.ndarray) -> pl.Expr:
    return pl.lit(pl.Series(np.round(np.asarray(t) * _DAY).astype(np.int64)))


def connections(rng: np.random.Generator, cast: Cast, *, with_seconds: bool = False) -> CsvFile:
    """Connections.csv (with the Notes preamble and no final newline)."""
    p = cast.people.filter(pl.col("is_connection"))

    def day(t: float) -> dt.date:
        return EPOCH + dt.timedelta(days=int(np.floor(t)))

    end = cast.export_start - 1
    empty_t = cast.registered + (end - cast.registered) * rng.random(cast.n_empty_rows) ** 0.55
    t = np.r_[p["connected_t"].to_numpy(), empty_t]
    frame = pl.DataFrame(
        {
            "First Name": p["first_raw"].to_list() + [None] * cast.n_empty_rows,
            "Last Name": p["last_raw"].to_list() + [None] * cast.n_empty_rows,
            "URL": ["https://www.linkedin.com/in/" + quote(s) for s in p["slug"].to_list()]
            + [None] * cast.n_empty_rows,
            "Email Address": p["email"].to_list() + [None] * cast.n_empty_rows,
            "Company": p["company_now"].to_list() + [None] * cast.n_empty_rows,
            "Position": p["position_now"].to_list() + [None] * cast.n_empty_rows,
            "Connected On": [fmt_f8(day(x)) for x in t.tolist()],
            "_day": np.floor(t).astype(np.int64),
            "_tie": rng.permutation(len(t)),
            "_seconds": np.round(t * _DAY).astype(np.int64),
        },
        schema_overrides=dict.fromkeys(
            ("First Name", "Last Name", "URL", "Email Address", "Company", "Position"), pl.String
        ),
    )
    frame = frame.sort(["_day", "_tie"], descending=[True, False]).drop("_day", "_tie")
    if not with_seconds:
        frame = frame.drop("_seconds")
    return CsvFile("Connections.csv", frame, final_newline=False, preamble=CONNECTIONS_PREAMBLE)


def connection_rows(rng: np.random.Generator, cast: Cast) -> pl.DataFrame:
    """The rows of :func:`connections` plus ``_seconds``, the epoch second of connecting
    (older layouts write it as an F1 time)."""
    return connections(rng, cast, with_seconds=True).frame


def invitations(rng: np.random.Generator, cast: Cast) -> CsvFile:
    """Invitations.csv (F1 Pacific times, raw-Unicode URLs, one repeated row)."""
    o = cast.owner
    p = cast.people
    kind = p["kind"].to_numpy()
    conn = p["is_connection"].to_numpy()
    end = cast.export_start - 1e-3
    has = conn & (rng.random(p.height) < 0.7) | np.isin(kind, ["recruiter", "one-sided"]) & conn
    pending = kind == "invitation-only"
    idx = np.flatnonzero(has | pending)
    sent = np.where(
        pending[idx],
        end - rng.uniform(1, 400, len(idx)),
        p["connected_t"].to_numpy()[idx] - np.minimum(rng.exponential(1.5, len(idx)), 20),
    )
    sent = np.clip(sent, cast.registered + 0.01, end)
    k = kind[idx]
    outgoing = np.where(
        k == "recruiter", False, np.where(k == "one-sided", True, rng.random(len(idx)) < 0.45)
    )
    outgoing[pending[idx]] = rng.random(int(pending[idx].sum())) < 0.3
    names = p["name"].to_list()
    firsts = p["first"].to_list()
    urls = p["url"].to_list()
    note: list[str | None] = []
    for i, out in zip(idx.tolist(), outgoing.tolist(), strict=True):
        if kind[i] == "recruiter":
            note.append(P.INVITE_NOTES[4].format(first=o.first))
        elif rng.random() < 0.2:
            line = P.INVITE_NOTES[int(rng.integers(0, 4))]
            note.append(line.format(first=firsts[i] if out else o.first))
        else:
            note.append(None)
    frame = pl.DataFrame(
        {
            "From": [o.name if out else names[i] for i, out in zip(idx, outgoing, strict=True)],
            "To": [names[i] if out else o.name for i, out in zip(idx, outgoing, strict=True)],
            "_t": np.round(sent * _DAY).astype(np.int64),
            "Message": note,
            "Direction": np.where(outgoing, "OUTGOING", "INCOMING"),
            "inviterProfileUrl": [
                o.url if out else urls[i] for i, out in zip(idx, outgoing, strict=True)
            ],
            "inviteeProfileUrl": [
                urls[i] if out else o.url for i, out in zip(idx, outgoing, strict=True)
            ],
        },
        schema_overrides={"Message": pl.String},
    )
    n_dup = max(1, round(0.003 * frame.height))
    dup = frame[np.sort(rng.choice(frame.height, n_dup, replace=False)).tolist()]
    frame = (
        pl.concat([frame, dup])
        .sort("_t", descending=True, maintain_order=True)
        .select(
            "From",
            "To",
            fmt_f1(pl.col("_t")).alias("Sent At"),
            "Message",
            "Direction",
            "inviterProfileUrl",
            "inviteeProfileUrl",
        )
    )
    return CsvFile("Invitations.csv", frame)


def _work_ties(cast: Cast) -> pl.DataFrame:
    jobs_end = [j.interval(cast.export_start)[1] for j in cast.jobs]
    return cast.people.filter(
        pl.col("is_connection") & pl.col("kind").is_in(["colleague", "close"])
    ).with_columns(
        job_end=pl.col("job").replace_strict(
            list(range(len(jobs_end))), jobs_end, return_dtype=pl.Float64
        )
    )


def endorsements(rng: np.random.Generator, cast: Cast, skills: list[str]) -> list[CsvFile]:
    """Endorsement_Received_Info.csv and Endorsement_Given_Info.csv (F5, scheme-less URLs)."""
    end = cast.export_start - 1e-3
    ties = _work_ties(cast)
    out = []
    for given in (False, True):
        share = np.where(ties["kind"].to_numpy() == "close", 0.7, 0.1 if given else 0.2)
        chosen = ties.filter(pl.Series(rng.random(ties.height) < share))
        recs = []
        for row in chosen.iter_rows(named=True):
            n_sk = int(rng.integers(1, 3 if given else 4))
            pool = V.OWNER_SKILLS if not given else V.OWNER_SKILLS[:12]
            for sk in rng.choice(len(pool), n_sk, replace=False).tolist():
                lo = row["connected_t"]
                hi = min(row["job_end"] + 180, end)
                t = lo + (max(hi, lo + 1) - lo) * rng.random()
                status = "PENDING" if given and rng.random() < 0.1 else "ACCEPTED"
                recs.append(
                    (
                        min(t, end),
                        pool[sk],
                        row["first"],
                        row["last_raw"].strip(),
                        "www.linkedin.com/in/" + row["slug"],
                        status,
                    )
                )
        if not given:
            recs = [r for r in recs if r[1] in skills]
        who = "Endorsee" if given else "Endorser"
        frame = pl.DataFrame(
            recs,
            schema=[
                "_t",
                "Skill Name",
                f"{who} First Name",
                f"{who} Last Name",
                f"{who} Public Url",
                "Endorsement Status",
            ],
            orient="row",
        ).sort("_t", descending=True, maintain_order=True)
        frame = frame.select(
            fmt_f5(_seconds(frame["_t"].to_numpy())).alias("Endorsement Date"),
            pl.exclude("_t"),
        )
        name = "Endorsement_Given_Info.csv" if given else "Endorsement_Received_Info.csv"
        out.append(CsvFile(name, frame))
    return out


def recommendations(rng: np.random.Generator, cast: Cast) -> list[CsvFile]:
    """Recommendations_Received.csv and _Given.csv (F2 times, no URLs)."""
    end = cast.export_start - 1e-3
    ties = _work_ties(cast).filter(pl.col("job") < len(cast.jobs) - 1)
    names = cast.people["name"]
    unique_names = set(names.filter(names.is_unique()).to_list())
    ties = ties.filter(pl.col("name").is_in(list(unique_names)))
    order = np.argsort(-(ties["w"].to_numpy() + 100 * (ties["kind"].to_numpy() == "close")))
    n_rec = min(len(order), int(rng.integers(2, 5)))
    n_giv = min(max(len(order) - n_rec, 0), int(rng.integers(1, 4)))
    out = []
    for given, pick in ((False, order[:n_rec]), (True, order[n_rec : n_rec + n_giv])):
        recs = []
        for i in pick.tolist():
            row = ties.row(i, named=True)
            job = cast.jobs[row["job"]]
            t = min(row["job_end"] - rng.uniform(0, 60), end)
            subject = row["first"] if given else cast.owner.first
            text = P.RECOMMENDATION_LINES[int(rng.integers(0, len(P.RECOMMENDATION_LINES)))]
            recs.append(
                (
                    t,
                    row["first"],
                    row["last_raw"].strip(),
                    job.company,
                    V.TITLES[int(rng.integers(0, len(V.TITLES)))],
                    text.format(first=subject, company=job.company, pronoun="they"),
                    None if given else "VISIBLE",
                )
            )
        frame = pl.DataFrame(
            recs,
            schema=["_t", "First Name", "Last Name", "Company", "Job Title", "Text", "Status"],
            orient="row",
            schema_overrides={"Status": pl.String},
        ).sort("_t", descending=True, maintain_order=True)
        frame = frame.select(
            "First Name",
            "Last Name",
            "Company",
            "Job Title",
            "Text",
            fmt_f2(_seconds(frame["_t"].to_numpy())).alias("Creation Date"),
            "Status",
        )
        name = "Recommendations_Given.csv" if given else "Recommendations_Received.csv"
        out.append(CsvFile(name, frame))
    return out
