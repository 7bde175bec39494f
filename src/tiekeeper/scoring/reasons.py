"""Reasons: short sentences built from the very numbers the score uses (reference §7).

Every sentence is a template filled from columns of the score frame, so each
one can be checked against the row it explains. Per person, the candidates
are ranked: an owed reply first, then a cold pitch, then "give them space",
then the sentence that sets the status (cadence, dormancy, never interacted),
then each value component explaining at least ``reason_min_share`` of V, by
its share. The first ``max_reasons`` are kept.

Counts, names and full stops follow :mod:`tiekeeper.wording` ("~1 day",
never "Ltd.."). A claim the numbers do not support is left out: no "0
conversations vs 0" for a colleague nobody talked to, and no
"long-standing" for a tie younger than ``long_standing_years``.

Examples
--------
>>> sentence = cadence_sentence(cadence=30.4, days=91.0, ratio=3.0, sessions=12, estimated=False)
>>> sentence
"You usually talk every ~30 days; it's been 91 days (3.0× your usual gap)."
"""

from __future__ import annotations

import polars as pl

from tiekeeper.scoring.decay import DAY_US
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.wording import counted, counted_expr, end_sentence_expr

__all__ = ["cadence_sentence", "reasons_frame"]


def cadence_sentence(
    *,
    cadence: float,
    days: float,
    ratio: float,
    sessions: int,
    estimated: bool,
    first_year: int | None = None,
    last_year: int | None = None,
) -> str:
    """The cadence sentence for one person (scalar reference of the vectorised template).

    A session is a conversation. With one or two, the usual gap is the prior
    (LinkedIn's typical rhythm), and the sentence says so plainly.

    Examples
    --------
    >>> print(cadence_sentence(cadence=60.0, days=10.2, ratio=0.17, sessions=1, estimated=True,
    ...                        first_year=2022, last_year=2022))
    You have talked once, in 2022, so the usual gap of ~60 days is a typical LinkedIn rhythm, \
not yours; it's been 10 days (0.2× that).
    >>> print(cadence_sentence(cadence=60.0, days=400, ratio=6.7, sessions=2, estimated=True,
    ...                        first_year=2021, last_year=2023))
    You have talked twice, in 2021 and 2023, so the usual gap of ~60 days is a typical LinkedIn \
rhythm, not yours; it's been 400 days (6.7× that).
    >>> cadence_sentence(cadence=1.2, days=1.5, ratio=1.25, sessions=9, estimated=False)
    "You usually talk every ~1 day; it's been 1 day (1.2× your usual gap)."
    """
    c, e = counted(f"~{cadence:.0f}", "day"), counted(int(days), "day")
    if sessions <= 2:
        times = "once" if sessions <= 1 else "twice"
        when = ""
        if first_year is not None:
            years = (
                str(first_year)
                if last_year in (None, first_year)
                else f"{first_year} and {last_year}"
            )
            when = f", in {years}"
        return (
            f"You have talked {times}{when}, so the usual gap of {c} is a typical LinkedIn "
            f"rhythm, not yours; it's been {e} ({ratio:.1f}× that)."
        )
    if estimated:
        return (
            f"You have talked in only {counted(sessions, 'conversation')}, so the usual gap of "
            f"{c} leans on a typical LinkedIn rhythm; it's been {e} ({ratio:.1f}× that)."
        )
    return f"You usually talk every {c}; it's been {e} ({ratio:.1f}× your usual gap)."


def _f1(col: str) -> pl.Expr:
    return pl.col(col).round(1).cast(pl.String)


def _i(expr: pl.Expr) -> pl.Expr:
    return expr.round(0).cast(pl.Int64).cast(pl.String)


def _date(col: str) -> pl.Expr:
    return pl.col(col).dt.strftime("%-d %b %Y")


def _status_sentence(columns: list[str] | None = None) -> pl.Expr:
    status = pl.col("status")
    c = counted_expr(pl.lit("~") + _i(pl.col("cadence_days")), "day")
    every = counted_expr(_i(pl.col("cadence_days")), "day")
    e = counted_expr(pl.col("days_since").floor().cast(pl.Int64).cast(pl.String), "day")
    r = _f1("overdue_ratio")
    since = pl.when(pl.col("connected_on").is_not_null()).then(
        pl.format(", though you have been connected since {}", pl.col("connected_on").dt.year())
    )
    never = pl.format("You have never exchanged messages{}.", since.fill_null(""))
    dormant = pl.format(
        "Dormant for {}; research on dormant ties finds reconnecting is usually worth it.",
        counted_expr((pl.col("days_since") / 365.25).round(1).cast(pl.String), "year"),
    )
    target = pl.format("Your target is every {}; it's been {} ({}× that).", every, e, r)
    y0 = pl.col("first_contact").dt.year().cast(pl.String)
    last = "last_contact" if columns is None or "last_contact" in columns else "first_contact"
    y1 = pl.col(last).dt.year().cast(pl.String)
    years = (
        pl.when(y0.is_null())
        .then(pl.lit(""))
        .when((y1.is_null()) | (y0 == y1))
        .then(pl.format(", in {}", y0))
        .otherwise(pl.format(", in {} and {}", y0, y1))
    )
    one = pl.format(
        "You have talked {}{}, so the usual gap of {} is a typical LinkedIn rhythm, not yours; "
        "it's been {} ({}× that).",
        pl.when(pl.col("sessions") <= 1).then(pl.lit("once")).otherwise(pl.lit("twice")),
        years,
        c,
        e,
        r,
    )
    few = pl.format(
        "You have talked in only {}, so the usual gap of {} leans on a typical LinkedIn "
        "rhythm; it's been {} ({}× that).",
        counted_expr(pl.col("sessions").cast(pl.String), "conversation"),
        c,
        e,
        r,
    )
    usual = pl.format("You usually talk every {}; it's been {} ({}× your usual gap).", c, e, r)
    return (
        pl.when(status == "never interacted")
        .then(never)
        .when(status == "dormant")
        .then(dormant)
        .when(pl.col("target_cadence").is_not_null())
        .then(target)
        .when(pl.col("sessions") <= 2)
        .then(one)
        .when(pl.col("cadence_estimated"))
        .then(few)
        .otherwise(usual)
    )


def _value_sentences(p: ScoringParams, as_of_us: int | None) -> dict[str, pl.Expr]:
    name = pl.col("name").fill_null("They")
    strength = _i(pl.col("strength"))
    closeness = (
        pl.when(pl.col("drop_from_peak") >= 0.1)
        .then(
            pl.format(
                "Strength {}/100, down from {}/100 at its peak in {}.",
                strength,
                _i(pl.col("peak_strength")),
                pl.col("peak_at").dt.strftime("%b %Y"),
            )
        )
        .otherwise(pl.format("Strength {}/100, close to its peak.", strength))
    )
    start = pl.col("former_started_on").dt.year().cast(pl.String).fill_null("?")
    end = pl.col("former_finished_on").dt.year().cast(pl.String)
    after, during = pl.col("former_sessions_after"), pl.col("former_sessions_during")
    # "0 conversations vs 0" says nothing: then only the shared job is named
    talked = pl.format(
        "; since you left in {}: {} vs {} while you worked together",
        end,
        counted_expr(after.cast(pl.String), "conversation"),
        during,
    )
    silent = (after.fill_null(0) == 0) & (during.fill_null(0) == 0)
    colleague = pl.format(
        "Former colleague at {} ({}–{}){}.",
        pl.col("former_company"),
        start,
        end,
        pl.when(silent).then(pl.lit("")).otherwise(talked),
    )
    skills = pl.col("skills").list.join(", ")
    with_skills = (
        pl.when(skills.str.len_chars() > 0).then(pl.format(" ({})", skills)).otherwise(pl.lit(""))
    )
    services = (
        pl.when(pl.col("rec_in_year").is_not_null())
        .then(pl.format("{} wrote you a recommendation in {}.", name, pl.col("rec_in_year")))
        .when(pl.col("rec_out_year").is_not_null())
        .then(pl.format("You wrote {} a recommendation in {}.", name, pl.col("rec_out_year")))
        .when(pl.col("endorsed_in") & pl.col("endorsed_out"))
        .then(pl.format("You endorsed each other{}.", with_skills))
        .when(pl.col("endorsed_in"))
        .then(pl.format("{} endorsed you{}.", name, with_skills))
        .when(pl.col("endorsed_out"))
        .then(pl.format("You endorsed {}{}.", name, with_skills))
    )
    only = pl.col("company_connections") <= 1
    bridge = (
        pl.when(~pl.col("real_bridge"))
        .then(None)
        .when(only)
        .then(
            pl.format(
                "Your only connection at {}: a bridge to a different circle.", pl.col("company")
            )
        )
        .otherwise(
            pl.format(
                "One of only {} connections at {}: a bridge to a different circle.",
                pl.col("company_connections"),
                pl.col("company"),
            )
        )
    )
    # "long-standing" only from long_standing_years (unknown without T: never)
    years = (
        (pl.lit(as_of_us) - pl.col("first_contact").dt.epoch("us")) / DAY_US / 365.25
        if as_of_us is not None
        else pl.lit(None, dtype=pl.Float64)
    )
    tie_age = pl.when(years >= p.long_standing_years).then(
        pl.format(
            "Connected since {}; long-standing relationships are easier to revive.",
            pl.col("first_contact").dt.year(),
        )
    )
    return {
        "closeness": closeness,
        "colleague": colleague,
        "services": services,
        "bridge": bridge,
        "tie_age": tie_age,
    }


def reasons_frame(
    df: pl.DataFrame, params: ScoringParams, *, as_of_us: int | None = None
) -> pl.DataFrame:
    """The ``reasons`` list per person, from an assembled score frame.

    ``as_of_us`` (T in microseconds) lets the tie-age sentence check that a
    tie is at least ``long_standing_years`` old; without it that sentence is
    never written.

    ``df`` needs the score columns plus the value internals ``share_<component>``,
    ``former_started_on``, ``former_finished_on``, ``former_sessions_during``,
    ``former_sessions_after``, ``rec_in_year``, ``rec_out_year``,
    ``endorsed_in``, ``endorsed_out``, ``skills``, ``company_connections``,
    ``real_bridge``, ``cold_pitch`` and ``target_cadence``.

    Returns
    -------
    polars.DataFrame
        ``person_id`` and ``reasons`` (list of str), in ``df``'s row order.
    """
    p = params
    owed = pl.when(pl.col("reply_owed")).then(
        pl.format("Their message from {} is still unanswered.", _date("owed_since"))
    )
    space: pl.Expr = pl.when(pl.col("unanswered_sessions") >= p.give_space_sessions).then(
        pl.format(
            "You have written on {} since their last reply; give them space.",
            counted_expr(pl.col("unanswered_sessions").cast(pl.String), "day"),
        )
    )
    if "one_way" in df.columns:  # they never wrote: there is no "last reply"
        space = (
            pl.when(pl.col("one_way"))
            .then(
                pl.format(
                    "You wrote {}; no reply yet.",
                    counted_expr(pl.col("messages_sent").cast(pl.String), "time"),
                )
            )
            .otherwise(space)
        )
    pitch = pl.when(pl.col("cold_pitch")).then(
        pl.lit(
            "They only ever wrote to pitch a job and you never answered: "
            "not a relationship to keep up."
        )
    )
    parts = [
        df.select("person_id", key=pl.lit(100.0), sentence=owed),
        df.select("person_id", key=pl.lit(95.0), sentence=pitch),
        df.select("person_id", key=pl.lit(90.0), sentence=space),
        df.select("person_id", key=pl.lit(50.0), sentence=_status_sentence(df.columns)),
    ]
    for comp, sentence in _value_sentences(p, as_of_us).items():
        share = pl.col(f"share_{comp}")
        # a cold pitch has no relationship to praise: only its own and the status sentence
        keep = (pl.col("value") > 0) & (share >= p.reason_min_share) & ~pl.col("cold_pitch")
        parts.append(df.select("person_id", key=share, sentence=pl.when(keep).then(sentence)))
    long = (
        pl.concat(parts)
        .with_columns(end_sentence_expr(pl.col("sentence")))
        .with_row_index("_i")
        .filter(pl.col("sentence").is_not_null())
        .sort(["key", "_i"], descending=[True, False])
    )
    per = long.group_by("person_id").agg(reasons=pl.col("sentence").head(p.max_reasons))
    return (
        df.select("person_id")
        .join(per, on="person_id", how="left", maintain_order="left")
        .with_columns(pl.col("reasons").fill_null([]))
    )
