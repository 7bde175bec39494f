"""Former colleagues and the career timeline, from the owner's Positions.csv.

A person is a *likely colleague* at one of the owner's positions P = (company,
start s, end f) when (reference §5):

* (a) their company in Connections matches P's company after
  :func:`~tiekeeper.companies.normalize_company` (the export-time company, so
  they may have joined after the owner left); or
* (b) at least half of their message sessions (and at least
  ``colleague_min_sessions``, 2), or their connection date, fall within
  [s − 30 d, f + 90 d].

Confidence is 1.0 when (a) and (b) both hold, 0.7 for (b) by sessions and 0.5
for (a) alone or (b) by connection date alone (placeholders, tunable in
:class:`~tiekeeper.scoring.params.ScoringParams`). Matches under
``colleague_min_confidence`` (0.7) are not reported: on the synthetic truth,
a connection date or a company alone was right for few people. A position that had not
ended at ``as_of`` is current: its colleagues are current colleagues, and
only past positions make *former* colleagues. A cold pitch (someone who only
ever wrote to pitch a job and was never answered, see
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
from typing import Any

import polars as pl

from tiekeeper.asof import AsOf, resolve_as_of
from tiekeeper.companies import normalize_company_series
from tiekeeper.schema import polars_schema
from tiekeeper.scoring._frames import export_frames, to_us
from tiekeeper.scoring.features import feature_tables, never_answered
from tiekeeper.scoring.params import ScoringParams, check_params
from tiekeeper.scoring.pitches import pitch_evidence
from tiekeeper.wording import counted, share_kept

__all__ = [
    "career",
    "colleague_matches",
    "contact_sentence",
    "current_company_keys",
    "former_colleagues",
    "owner_positions",
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


def colleague_matches(
    positions: pl.DataFrame,
    people: pl.DataFrame,
    sessions: pl.DataFrame,
    as_of: dt.date,
    params: ScoringParams,
) -> pl.DataFrame:
    """Every (position, person) pair that meets rule (a) or (b), with its confidence.

    Parameters
    ----------
    positions : polars.DataFrame
        The export's ``positions`` frame.
    people : polars.DataFrame
        ``person_id``, ``company`` and ``connected_on`` (the ``people`` frame).
    sessions : polars.DataFrame
        ``person_id`` and ``day``: one row per session day (events ≤ ``as_of``).
    as_of : datetime.date
    params : ScoringParams

    Returns
    -------
    polars.DataFrame
        ``position``, ``person_id``, ``confidence``, ``evidence`` (``company``,
        ``sessions`` and/or ``connected`` joined by ``+``), ``sessions_during``
        (sessions within [start, end]) and ``sessions_after`` (after the end),
        plus the position's ``company``, ``title``, ``started_on``, ``end``
        and ``current``.
    """
    pos = owner_positions(positions, as_of)
    p = params
    lo = pl.col("started_on") - pl.duration(days=p.colleague_before_days)
    hi = pl.coalesce(pl.col("end"), pl.lit(as_of)) + pl.duration(days=p.colleague_after_days)
    pos = pos.with_columns(_lo=lo, _hi=hi, _end=pl.coalesce(pl.col("end"), pl.lit(as_of)))
    ppl = people.select(
        "person_id",
        "connected_on",
        _ckey=normalize_company_series(people["company"]),
    ).filter(pl.col("person_id").is_not_null())
    by_session = _session_counts(sessions, pos).filter(
        (pl.col("_in") > 0) | (pl.col("sessions_during") > 0) | (pl.col("sessions_after") > 0)
    )
    # everyone with a session is in people (the scorer adds them); others add no pairs
    pairs = ppl.join(pos.select("position", "company_key", "_lo", "_hi"), how="cross").join(
        by_session, on=["position", "person_id"], how="left"
    )
    rule_a = pl.col("_ckey").is_not_null() & (pl.col("_ckey") == pl.col("company_key"))
    inside = pl.col("_in").fill_null(0)
    rule_s = (pl.col("_total").fill_null(0) > 0) & (inside >= p.colleague_min_sessions)
    rule_s = rule_s & (inside >= p.colleague_session_share * pl.col("_total").fill_null(0))
    conn = pl.col("connected_on")
    rule_c = conn.is_not_null() & (conn >= pl.col("_lo")) & (conn <= pl.col("_hi"))
    both, by_sessions, alone = p.colleague_confidence
    confidence = (
        pl.when(rule_a & (rule_s | rule_c))
        .then(pl.lit(both))
        .when(rule_s)
        .then(pl.lit(by_sessions))
        .when(rule_a | rule_c)
        .then(pl.lit(alone))
        .otherwise(None)
    )
    evidence = pl.concat_str(
        pl.when(rule_a).then(pl.lit("company")),
        pl.when(rule_s).then(pl.lit("sessions")),
        pl.when(rule_c).then(pl.lit("connected")),
        separator="+",
        ignore_nulls=True,
    )
    out = (
        pairs.with_columns(confidence=confidence, evidence=evidence)
        .filter(pl.col("confidence") >= p.colleague_min_confidence)
        .select(
            "position",
            "person_id",
            "confidence",
            "evidence",
            pl.col("sessions_during").fill_null(0).cast(pl.Int64),
            pl.col("sessions_after").fill_null(0).cast(pl.Int64),
        )
        .join(
            pos.select("position", "company", "title", "started_on", "end", "current"),
            on="position",
        )
        .sort("position", "person_id")
    )
    return out


def _session_counts(sessions: pl.DataFrame, pos: pl.DataFrame) -> pl.DataFrame:
    """Per (position, person): sessions in the window, during the tenure and after it.

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
) -> pl.DataFrame:
    """Per person, the best past position shared with the owner: the score's ``former_*`` columns.

    Highest confidence first, then the latest end; a current employer makes no *former* colleague.
    """
    cols = {"company", "title", "started_on", "finished_on"}
    if positions.height == 0 or not cols <= set(positions.columns):
        return pl.DataFrame(schema={"person_id": pl.String})
    matches = colleague_matches(positions, ppl, sessions.select("person_id", "day"), as_of, p)
    current = current_company_keys(positions, as_of)
    keys = owner_positions(positions, as_of).select("position", "company_key")
    past = (
        matches.join(keys, on="position")
        .filter(~pl.col("current") & ~pl.col("company_key").is_in(current))
        .sort(["person_id", "confidence", "end"], descending=[False, True, True])
        .unique("person_id", keep="first", maintain_order=True)
    )
    return past.select(
        "person_id",
        former_company=pl.col("company"),
        former_title=pl.col("title"),
        former_colleague_confidence=pl.col("confidence"),
        former_colleague_evidence=pl.col("evidence"),
        former_started_on=pl.col("started_on"),
        former_finished_on=pl.col("end"),
        former_sessions_during=pl.col("sessions_during"),
        former_sessions_after=pl.col("sessions_after"),
    )


def current_company_keys(positions: pl.DataFrame, as_of: dt.date) -> list[str]:
    """Normalised companies of the owner's positions that are current at ``as_of``."""
    if positions.height == 0 or "company" not in positions.columns:
        return []
    pos = owner_positions(positions, as_of)
    return pos.filter(pl.col("current"))["company_key"].drop_nulls().to_list()


def career(export: Any, *, as_of: AsOf = None, params: ScoringParams | None = None) -> pl.DataFrame:
    """One row per position of the owner, with the likely colleagues and contact rates.

    Parameters
    ----------
    export : Export
        From :func:`tiekeeper.load_export`.
    as_of : date, aware datetime or ISO string, optional
        Reference time (default: the export date). Positions starting later are
        left out; a position ending later is current.
    params : ScoringParams, optional

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
    return career_frame(fr.positions, people, tables.sessions, when.date(), p)


def career_frame(
    positions: pl.DataFrame,
    people: pl.DataFrame,
    sessions: pl.DataFrame,
    as_of: dt.date,
    params: ScoringParams,
) -> pl.DataFrame:
    """:func:`career` on plain frames (sessions: ``person_id``, ``day``)."""
    pos = owner_positions(positions, as_of)
    matches = colleague_matches(positions, people, sessions, as_of, params)
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
