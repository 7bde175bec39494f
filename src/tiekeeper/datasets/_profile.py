"""The owner's own files: Profile, Positions, Education, Skills, Contacts, e-mail
addresses, company follows, registration and the header-only coach messages."""

from __future__ import annotations

import numpy as np
import polars as pl

from tiekeeper.datasets import _vocab as V
from tiekeeper.datasets._format import MONTHS, fmt_f1, fmt_f7, fmt_f9
from tiekeeper.datasets._names import ascii_fold, make_people
from tiekeeper.datasets._story import Cast
from tiekeeper.datasets._writer import CsvFile

__all__ = ["owner_files"]

_DAY = 86400


def _secs(t: list[float] | np.ndarray) -> pl.Expr:
    return pl.lit(pl.Series(np.round(np.asarray(t, dtype=float) * _DAY).astype(np.int64)))


def _strings(columns: dict[str, list[str | None]]) -> pl.DataFrame:
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))


def _positions(cast: Cast) -> CsvFile:
    jobs = list(reversed(cast.jobs))
    return CsvFile(
        "Positions.csv",
        _strings(
            {
                "Company Name": [j.company for j in jobs],
                "Title": [j.title for j in jobs],
                "Description": [j.description for j in jobs],
                "Location": [j.location for j in jobs],
                "Started On": [fmt_f9(j.start) for j in jobs],
                "Finished On": [fmt_f9(j.end) for j in jobs],
            }
        ),
    )


def _profile(rng: np.random.Generator, cast: Cast) -> CsvFile:
    o, cur = cast.owner, cast.jobs[-1]
    summary = (
        f"I build data platforms and the teams that run them. Over {len(cast.jobs)} roles, "
        "from analyst to leader, I have learned that good data work is mostly about people: "
        "clear ownership, honest metrics, and fast feedback.  Outside work: trail running, "
        "sourdough and mentoring first-time managers."
    )
    return CsvFile(
        "Profile.csv",
        _strings(
            {
                "First Name": [o.first],
                "Last Name": [o.last],
                "Maiden Name": [None],
                "Address": [None],
                "Birth Date": [f"{MONTHS[int(rng.integers(0, 12))]} {int(rng.integers(1, 29))}"],
                "Headline": [f"{cur.title} at {cur.company}"],
                "Summary": [summary],
                "Industry": ["Software Development"],
                "Zip Code": [None],
                "Geo Location": [cur.location],
                "Twitter Handles": [None],
                "Websites": ["[PERSONAL:https://example.org/]"],
                "Instant Messengers": [None],
            }
        ),
    )


def _education(rng: np.random.Generator, cast: Cast) -> list[CsvFile]:
    first_year = cast.jobs[0].start.year
    schools = rng.choice(len(V.SCHOOLS), 2, replace=False).tolist()
    rows = {
        "School Name": [V.SCHOOLS[schools[0]]],
        "Start Date": [str(first_year - 4)],
        "End Date": [str(first_year)],
        "Notes": [None],
        "Degree Name": [V.DEGREES[0]],
        "Activities": ["Debate society, data science club"],
    }
    if rng.random() < 0.6:
        rows["School Name"].insert(0, V.SCHOOLS[schools[1]])
        rows["Start Date"].insert(0, f"Sep {first_year + 2}")
        rows["End Date"].insert(0, f"Jun {first_year + 3}")
        rows["Notes"].insert(0, "Part-time, while working")
        rows["Degree Name"].insert(0, V.DEGREES[1])
        rows["Activities"].insert(0, None)
    skills = [V.OWNER_SKILLS[i] for i in sorted(rng.choice(len(V.OWNER_SKILLS), 15, False))]
    return [
        CsvFile("Education.csv", _strings(rows)),
        CsvFile("Skills.csv", _strings({"Name": list(skills)})),
    ]


def _contacts(rng: np.random.Generator, cast: Cast) -> CsvFile:
    p = cast.people.filter(pl.col("is_connection"))
    n = int(np.clip(round(0.05 * cast.people.height), 5, 300))
    n_known = min(n // 2, p.height)
    known = p[np.sort(rng.choice(p.height, n_known, replace=False)).tolist()]
    strangers = make_people(rng, n - n_known, taken=set())
    first = known["first"].to_list() + [s.first for s in strangers]
    last = [x.strip() for x in known["last_raw"].to_list()] + [
        s.last_raw.strip() for s in strangers
    ]
    comp = known["company_now"].to_list() + [None] * len(strangers)
    comp = [c if c and rng.random() > 0.15 else "null" for c in comp]
    phones = [
        f" +1 555 01{int(rng.integers(0, 100)):02d}" if rng.random() < 0.7 else None
        for _ in range(n)
    ]
    emails = [
        f"{ascii_fold(s).split(' ')[0].lower() or 'contact'}{k}@example.org"
        if rng.random() < 0.8
        else None
        for k, s in enumerate(first)
    ]
    t = cast.export_start - rng.uniform(30, 3 * 365, n)
    frame = pl.DataFrame(
        {
            "Source": np.where(rng.random(n) < 0.6, "GOOGLE_CONTACTS", "MOBILE_CONTACTS"),
            "FirstName": first,
            "LastName": last,
            "Companies": comp,
            "Title": [None] * n,
            "Emails": emails,
            "PhoneNumbers": phones,
            "_t": np.round(t * _DAY).astype(np.int64),
        },
        schema_overrides={"Title": pl.String, "Emails": pl.String, "PhoneNumbers": pl.String},
    ).select(
        "Source",
        "FirstName",
        "LastName",
        "Companies",
        "Title",
        "Emails",
        "PhoneNumbers",
        fmt_f1(pl.col("_t")).alias("CreatedAt"),
        *[
            pl.lit(None, pl.String).alias(c)
            for c in ("Addresses", "Sites", "InstantMessageHandles")
        ],
        pl.concat_str("FirstName", pl.lit(" "), "LastName").alias("FullName"),
        *[
            pl.lit(None, pl.String).alias(c)
            for c in ("Birthday", "Location", "BookmarkedAt", "Profiles")
        ],
    )
    return CsvFile("Contacts.csv", frame)


def _account(rng: np.random.Generator, cast: Cast) -> list[CsvFile]:
    o = cast.owner
    emails = pl.DataFrame(
        {"Email Address": list(o.emails), "Confirmed": ["Yes", "Yes"], "Primary": ["Yes", "No"]}
    ).with_columns(
        fmt_f1(_secs([cast.registered + 0.1, cast.export_start - rng.uniform(100, 900)])).alias(
            "Updated On"
        )
    )
    follows_t = [j.interval(cast.export_start)[0] + rng.uniform(0, 60) for j in cast.jobs]
    others = [
        f"{p} {V.ORG_SUFFIXES[i % len(V.ORG_SUFFIXES)]}" for i, p in enumerate(V.ORG_PREFIXES[::5])
    ]
    follows_t += [cast.export_start - rng.uniform(1, 2000) for _ in others]
    follows = (
        pl.DataFrame(
            {
                "Organization": [j.company for j in cast.jobs] + others,
                "_t": np.round(np.array(follows_t) * _DAY).astype(np.int64),
            }
        )
        .sort("_t", descending=True)
        .select("Organization", fmt_f7(pl.col("_t")).alias("Followed On"))
    )
    reg = pl.DataFrame({"Registration Ip": [f"203.0.113.{int(rng.integers(1, 255))}"]}).select(
        fmt_f1(_secs([cast.registered])).alias("Registered At"),
        "Registration Ip",
        pl.lit(None, pl.String).alias("Subscription Types"),
    )
    return [
        CsvFile("Email Addresses.csv", emails, final_newline=False),
        CsvFile("Company Follows.csv", follows, final_newline=False),
        CsvFile("Registration.csv", reg),
        CsvFile("coach_messages.csv", pl.DataFrame()),
    ]


def owner_files(rng: np.random.Generator, cast: Cast) -> tuple[list[CsvFile], list[str]]:
    """The owner's files, and the owner's skills (which endorsements must match)."""
    edu, skills = _education(rng, cast)
    return (
        [
            _profile(rng, cast),
            _positions(cast),
            edu,
            skills,
            _contacts(rng, cast),
            *_account(rng, cast),
        ],
        skills.frame["Name"].to_list(),
    )
