"""Former colleagues and the career timeline, from the owner's Positions.csv.

Who is a former colleague, and on what evidence, is
:mod:`tiekeeper.scoring.colleagues` (levels (a)–(c) make a former colleague,
level (d), timing alone, only a *possible* one). A position that had not ended
at ``as_of`` is current: its colleagues are current colleagues, and only past
positions make *former* colleagues. A cold pitch (someone who only ever
wrote to pitch a job and was never answered, see
:mod:`~tiekeeper.scoring.pitches`) is never a colleague.

Contact *per year* is given only over a window of at least ``rate_min_days``
(90): three conversations in the 16 days since you left are not "68 a year".
A shorter window has no rate (null); :func:`contact_sentence` then shows the
counts, and never a share of contact kept above 100%.

Examples
--------
>>> import tiekeeper
>>> career_table = tiekeeper.career(tiekeeper.load_export())   # the bundled sample
>>> (career_table["n_colleagues"] >= 0).all()
True
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.companies import normalize_company_series
from tiekeeper.schema import polars_schema
from tiekeeper.scoring._frames import export_frames, to_us
from tiekeeper.scoring.colleagues import colleague_matches, export_evidence
from tiekeeper.scoring.features import feature_tables, never_answered
from tiekeeper.scoring.params import ScoringParams, check_params
from tiekeeper.scoring.pitches import pitch_evidence
from tiekeeper.wording import counted, share_kept

if TYPE_CHECKING:
    from tiekeeper.history import History
    from tiekeeper.io import Export

__all__ = [
    "career",
    "contact_sentence",
    "current_company_keys",
    "former_colleagues",
    "owner_positions",
    "session_counts",
]

_YEAR = 365.25


def owner_positions(positions: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """The owner's positions as known at ``as_of``, with an index and a company key.

    Positions starting after ``as_of`` are dropped; one ending after it is
    current at ``as_of`` (``end`` null). ``position`` is the row index in the
    export's ``positions`` frame.

    Examples
    --------
    >>> pos = pl.DataFrame({"company": ["Acme Inc.", "Globex"], "title": ["Eng", "Lead"],
    ...     "started_on": [dt.date(2015, 1, 1), dt.date(2019, 2, 1)],
    ...     "finished_on": [dt.date(2019, 1, 31), None]})
    >>> owner_positions(pos, dt.date(2018, 1, 1)).select("company_key", "end").rows()
    [('acme', None)]
    """
    if positions.height == 0:
        return pl.DataFrame(
            schema={
                "position": pl.Int64,
                "company": pl.String,
                "title": pl.String,
                "started_on": pl.Date,
                "finished_on": pl.Date,
                "company_key": pl.String,
                "end": pl.Date,
                "current": pl.Boolean,
            }
        )
    pos = positions.with_row_index("position").with_columns(pl.col("position").cast(pl.Int64))
    pos = pos.filter(pl.col("started_on").is_null() | (pl.col("started_on") <= as_of))
    ended = pl.col("finished_on").is_not_null() & (pl.col("finished_on") <= as_of)
    return pos.select(
        "position",
        "company",
        "title",
        "started_on",
        pl.col("finished_on"),
        company_key=normalize_company_series(pos["company"]),
        end=pl.when(ended).then(pl.col("finished_on")).otherwise(None),
        current=~ended,
    )


def session_counts(sessions: pl.DataFrame, pos: pl.DataFrame) -> pl.DataFrame:
    """Per (position, person): sessions in the window, during the tenure and after it.

    ``pos`` is :func:`owner_positions` with the window bounds ``_lo``, ``_hi``
    and the effective end ``_end``.

    One pass over the sessions with three indicator columns per position (an
    owner has a handful of positions), then one aggregation per person.
    """
    day = pl.col("day")
    cols: list[pl.Expr] = []
    for r in pos.iter_rows(named=True):
        i, end = r["position"], r["_end"]
        start = r["started_on"]
        in_window = (day >= r["_lo"]) & (day <= r["_hi"]) if start is not None else pl.lit(False)
        during = (day >= start) & (day <= end) if start is not None else pl.lit(False)
        cols += [
            in_window.cast(pl.Int64).alias(f"in_{i}"),
            during.cast(pl.Int64).alias(f"during_{i}"),
            (day > end).cast(pl.Int64).alias(f"after_{i}"),
        ]
    schema = {
        "person_id": pl.String,
        "position": pl.Int64,
        "_in": pl.Int64,
        "sessions_during": pl.Int64,
        "sessions_after": pl.Int64,
        "_total": pl.Int64,
    }
    if not cols or sessions.height == 0:
        return pl.DataFrame(schema=schema)
    key = "_pk" if "_pk" in sessions.columns else "person_id"
    extra = ["person_id"] if key == "_pk" else []
    wide = (
        sessions.select(key, *extra, *cols)
        .group_by(key, maintain_order=True)
        .agg(
            *[pl.col(c).first() for c in extra],
            pl.all().exclude(key, *extra).sum(),
            _total=pl.len(),
        )
    )
    parts = [
        wide.select(
            "person_id",
            pl.lit(r["position"], dtype=pl.Int64).alias("position"),
            pl.col(f"in_{r['position']}").alias("_in"),
            pl.col(f"during_{r['position']}").alias("sessions_during"),
            pl.col(f"after_{r['position']}").alias("sessions_after"),
            pl.col("_total").cast(pl.Int64),
        )
        for r in pos.iter_rows(named=True)
    ]
    return pl.concat(parts).cast(schema)  # type: ignore[arg-type]


def former_colleagues(
    positions: pl.DataFrame,
    ppl: pl.DataFrame,
    sessions: pl.DataFrame,
    as_of: dt.date,
    p: ScoringParams,
    evidence: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Per person, the best past position shared with the owner: the score's ``former_*`` columns.

    Only levels (a)–(c) of :mod:`~tiekeeper.scoring.colleagues` fill them;
    ``possible_colleague`` marks a person whose only evidence is level (d).
    Highest confidence first, then the latest end; a current employer makes
    no *former* colleague.
    """
    cols = {"company", "title", "started_on", "finished_on"}
    if positions.height == 0 or not cols <= set(positions.columns):
        return pl.DataFrame(schema={"person_id": pl.String})
    matches = colleague_matches(
        positions, ppl, sessions.select("person_id", "day"), as_of, p, evidence
    )
    current = current_company_keys(positions, as_of)
    keys = owner_positions(positions, as_of).select("position", "company_key")
    past_all = matches.join(keys, on="position").filter(
        ~pl.col("current") & ~pl.col("company_key").is_in(current)
    )
    past = (
        past_all.filter(~pl.col("possible"))
        .sort(["person_id", "confidence", "end"], descending=[False, True, True])
        .unique("person_id", keep="first", maintain_order=True)
    )
    possible = (
        past_all.filter(pl.col("possible"))
        .select("person_id")
        .unique()
        .join(past.select("person_id"), on="person_id", how="anti")
        .with_columns(possible_colleague=pl.lit(True))
    )
    found = past.select(
        "person_id",
        former_company=pl.col("company"),
        former_title=pl.col("title"),
        former_colleague_confidence=pl.col("confidence"),
        former_colleague_evidence=pl.col("level"),
        former_started_on=pl.col("started_on"),
        former_finished_on=pl.col("end"),
        former_sessions_during=pl.col("sessions_during"),
        former_sessions_after=pl.col("sessions_after"),
    )
    return found.join(possible, on="person_id", how="full", coalesce=True)


def current_company_keys(positions: pl.DataFrame, as_of: dt.date) -> list[str]:
    """Normalised companies of the owner's positions that are current at ``as_of``."""
    if positions.height == 0 or "company" not in positions.columns:
        return []
    pos = owner_positions(positions, as_of)
    return pos.filter(pl.col("current"))["company_key"].drop_nulls().to_list()


def career(
    export: Export | History, *, as_of: AsOf = None, params: ScoringParams | None = None
) -> pl.DataFrame:
    """One row per position of the owner, with the likely colleagues and contact rates.

    Parameters
    ----------
    export : Export or History
        From :func:`tiekeeper.load_export` (a History: its merged record).
    as_of : datetime.date, datetime.datetime or str, optional
        Reference time (default: the export date): a date, an aware datetime
        or an ISO string. Positions starting later are left out; a position
        ending later is current.
    params : ScoringParams, optional
        Scoring parameters (default: the reference model's); the colleague
        thresholds and the contact rates follow them.

    Returns
    -------
    polars.DataFrame
        The ``career`` schema (:func:`tiekeeper.schema.describe`): position,
        company, title, dates, ``colleagues`` (a list of structs sorted by
        confidence), ``rate_during`` and ``rate_after`` (sessions per year with
        those colleagues while the owner worked there and since the owner left;
        null for a window shorter than ``params.rate_min_days``) and their
        ``ratio``.

    Examples
    --------
    >>> import tiekeeper
    >>> c = tiekeeper.career(tiekeeper.load_export())
    >>> c.columns[:3]
    ['position', 'company', 'title']
    """
    p = check_params(params)
    fr = export_frames(export)
    when = resolve_as_of(as_of, fr.default_as_of)
    t_us = to_us(when)
    tables = feature_tables(fr.interactions, as_of_us=t_us, params=p)
    # someone who only ever pitched a job and was never answered is no colleague
    writers = never_answered(tables.per)
    cold = pitch_evidence(fr.messages, fr.people, writers, t_us)["person_id"]
    people = fr.people.filter(~pl.col("person_id").is_in(cold.implode()))
    evidence = export_evidence(fr, when, p)
    return career_frame(fr.positions, people, tables.sessions, when.date(), p, evidence)


def career_frame(
    positions: pl.DataFrame,
    people: pl.DataFrame,
    sessions: pl.DataFrame,
    as_of: dt.date,
    params: ScoringParams,
    evidence: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """:func:`career` on plain frames (sessions: ``person_id``, ``day``).

    Only former colleagues at levels (a)–(c) are listed and counted;
    possible colleagues (timing only) are not.
    """
    pos = owner_positions(positions, as_of)
    matches = colleague_matches(positions, people, sessions, as_of, params, evidence)
    matches = matches.filter(~pl.col("possible"))
    names = people.select("person_id", "name")
    per = (
        matches.join(names, on="person_id", how="left")
        .sort(["position", "confidence", "person_id"], descending=[False, True, False])
        .group_by("position", maintain_order=True)
        .agg(
            n_colleagues=pl.len().cast(pl.Int64),
            colleagues=pl.struct(
                "person_id", "name", "confidence", "sessions_during", "sessions_after"
            ),
            _during=pl.col("sessions_during").sum(),
            _after=pl.col("sessions_after").sum(),
        )
    )
    start = pl.col("started_on")
    end = pl.coalesce(pl.col("end"), pl.lit(as_of))
    days_during = ((end - start).dt.total_days() + 1).cast(pl.Float64)
    days_after = (pl.lit(as_of) - pl.col("end")).dt.total_days().cast(pl.Float64)
    years_during, years_after = days_during / _YEAR, days_after / _YEAR
    # a rate over a few days is noise: only windows of at least rate_min_days (and > 0)
    long_during = (days_during >= params.rate_min_days) & (days_during > 0)
    long_after = (days_after >= params.rate_min_days) & (days_after > 0)
    out = (
        pos.join(per, on="position", how="left")
        .with_columns(
            pl.col("n_colleagues").fill_null(0),
            pl.col("colleagues").fill_null([]),
            rate_during=pl.when(long_during).then(pl.col("_during").fill_null(0) / years_during),
            rate_after=pl.when(pl.col("end").is_not_null() & long_after).then(
                pl.col("_after").fill_null(0) / years_after
            ),
        )
        .with_columns(
            ratio=pl.when(pl.col("rate_during") > 0).then(
                pl.col("rate_after") / pl.col("rate_during")
            )
        )
        .select(
            "position",
            "company",
            "title",
            "started_on",
            pl.col("end").alias("finished_on"),
            pl.col("current").alias("is_current"),
            "n_colleagues",
            "colleagues",
            "rate_during",
            "rate_after",
            "ratio",
        )
        .sort("started_on", "position", nulls_last=True)
    )
    return out.cast(dict(polars_schema("career")))  # type: ignore[arg-type]


def contact_sentence(
    *,
    rate_during: float | None,
    rate_after: float | None,
    sessions_during: int,
    sessions_after: int,
    days_during: int | None,
    days_after: int | None,
    current: bool,
) -> str:
    """How contact with a job's colleagues went, in one sentence for people.

    A rate ("12.3 a year") where :func:`career` gives one, else the counts
    over the window ("3 conversations in the 16 days since you left"). The
    share of contact kept never exceeds 100%
    (:func:`tiekeeper.wording.share_kept`).

    Examples
    --------
    >>> print(contact_sentence(rate_during=12.3, rate_after=2.1, sessions_during=40,
    ...       sessions_after=9, days_during=1200, days_after=1500, current=False))
    ... # doctest: +NORMALIZE_WHITESPACE
    Conversations with them: 12.3 a year while you worked together, 2.1 a year since you left
    (17% of the contact kept).
    >>> print(contact_sentence(rate_during=3.5, rate_after=None, sessions_during=12,
    ...       sessions_after=1, days_during=1200, days_after=16, current=False))
    ... # doctest: +NORMALIZE_WHITESPACE
    Conversations with them: 3.5 a year while you worked together, 1 conversation in the 16 days
    since you left.
    >>> print(contact_sentence(rate_during=2.0, rate_after=5.0, sessions_during=8,
    ...       sessions_after=20, days_during=1460, days_after=1460, current=False))
    ... # doctest: +NORMALIZE_WHITESPACE
    Conversations with them: 2.0 a year while you worked together, 5.0 a year since you left
    (more contact since you left).
    """

    def part(rate: float | None, n: int, days: int | None, rated: str, window: str) -> str:
        if rate is not None:
            return f"{rate:.1f} a year {rated}"
        span = f" in the {counted(days, 'day')} {window}" if days is not None else f" {rated}"
        return counted(n, "conversation") + span

    together = "you worked together"
    during = part(rate_during, sessions_during, days_during, f"while {together}", together)
    if current:
        return f"Conversations with them: {during} (current job)."
    after = part(rate_after, sessions_after, days_after, "since you left", "since you left")
    change = ""
    if rate_during is not None and rate_after is not None and (rate_during or rate_after):
        change = f" ({share_kept(rate_after / rate_during if rate_during else math.inf)})"
    return f"Conversations with them: {during}, {after}{change}."
