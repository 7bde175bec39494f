"""Reasons: short sentences built from the very numbers the score uses (reference §7).

Every sentence is a template filled from columns of the score frame, so each
one can be checked against the row it explains. Per person, the candidates
are ranked: an owed reply first, then a cold pitch, then "give them space",
then the sentence that sets the status (cadence, dormancy, never interacted),
then each value component explaining at least ``reason_min_share`` of V, by
its share. The first ``max_reasons`` are kept.

Examples
--------
>>> sentence = cadence_sentence(cadence=30.4, days=91.0, ratio=3.0, sessions=12, estimated=False)
>>> sentence
"You usually talk every ~30 days; it's been 91 days (3.0× your usual gap)."
"""

from __future__ import annotations

import polars as pl

from tiekeeper.scoring.params import ScoringParams

__all__ = ["cadence_sentence", "reasons_frame"]


def cadence_sentence(
    *, cadence: float, days: float, ratio: float, sessions: int, estimated: bool
) -> str:
    """The cadence sentence for one person (scalar reference of the vectorised template).

    Examples
    --------
    >>> s = cadence_sentence(cadence=45.0, days=10.2, ratio=0.23, sessions=1, estimated=True)
    >>> for part in s.split(", "):
    ...     print(part)
    You have talked on only one day
    so the usual gap of ~45 days is estimated from your usual rhythm; it's been 10 days (0.2× that).
    """
    c, e = f"{cadence:.0f}", f"{int(days)}"
    if sessions == 1:
        return (
            f"You have talked on only one day, so the usual gap of ~{c} days is estimated "
            f"from your usual rhythm; it's been {e} days ({ratio:.1f}× that)."
        )
    if estimated:
        return (
            f"You have talked on only {sessions} days, so the usual gap of ~{c} days leans on "
            f"your usual rhythm; it's been {e} days ({ratio:.1f}× that)."
        )
    return f"You usually talk every ~{c} days; it's been {e} days ({ratio:.1f}× your usual gap)."


def _f1(col: str) -> pl.Expr:
    return pl.col(col).round(1).cast(pl.String)


def _i(expr: pl.Expr) -> pl.Expr:
    return expr.round(0).cast(pl.Int64).cast(pl.String)


def _date(col: str) -> pl.Expr:
    return pl.col(col).dt.strftime("%-d %b %Y")


def _status_sentence() -> pl.Expr:
    status = pl.col("status")
    c = _i(pl.col("cadence_days"))
    e = pl.col("days_since").floor().cast(pl.Int64).cast(pl.String)
    r = _f1("overdue_ratio")
    since = pl.when(pl.col("connected_on").is_not_null()).then(
        pl.format(", though you have been connected since {}", pl.col("connected_on").dt.year())
    )
    never = pl.format("You have never exchanged messages{}.", since.fill_null(""))
    dormant = pl.format(
        "Dormant for {} years; research on dormant ties finds reconnecting is usually worth it.",
        (pl.col("days_since") / 365.25).round(1).cast(pl.String),
    )
    target = pl.format("Your target is every {} days; it's been {} days ({}× that).", c, e, r)
    one = pl.format(
        "You have talked on only one day, so the usual gap of ~{} days is estimated "
        "from your usual rhythm; it's been {} days ({}× that).",
        c,
        e,
        r,
    )
    few = pl.format(
        "You have talked on only {} days, so the usual gap of ~{} days leans on "
        "your usual rhythm; it's been {} days ({}× that).",
        pl.col("sessions"),
        c,
        e,
        r,
    )
    usual = pl.format(
        "You usually talk every ~{} days; it's been {} days ({}× your usual gap).", c, e, r
    )
    return (
        pl.when(status == "never interacted")
        .then(never)
        .when(status == "dormant")
        .then(dormant)
        .when(pl.col("target_cadence").is_not_null())
        .then(target)
        .when(pl.col("sessions") == 1)
        .then(one)
        .when(pl.col("cadence_estimated"))
        .then(few)
        .otherwise(usual)
    )


def _value_sentences() -> dict[str, pl.Expr]:
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
    colleague = pl.format(
        "Former colleague at {} ({}–{}); since you left in {}: {} conversations vs {} while "
        "you worked together.",
        pl.col("former_company"),
        start,
        end,
        end,
        pl.col("former_sessions_after"),
        pl.col("former_sessions_during"),
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
    tie_age = pl.format(
        "Connected since {}; long-standing relationships are easier to revive.",
        pl.col("first_contact").dt.year(),
    )
    return {
        "closeness": closeness,
        "colleague": colleague,
        "services": services,
        "bridge": bridge,
        "tie_age": tie_age,
    }


def reasons_frame(df: pl.DataFrame, params: ScoringParams) -> pl.DataFrame:
    """The ``reasons`` list per person, from an assembled score frame.

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
    space = pl.when(pl.col("unanswered_sessions") >= p.give_space_sessions).then(
        pl.format(
            "You have written on {} days since their last reply; give them space.",
            pl.col("unanswered_sessions"),
        )
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
        df.select("person_id", key=pl.lit(50.0), sentence=_status_sentence()),
    ]
    for comp, sentence in _value_sentences().items():
        share = pl.col(f"share_{comp}")
        # a cold pitch has no relationship to praise: only its own and the status sentence
        keep = (pl.col("value") > 0) & (share >= p.reason_min_share) & ~pl.col("cold_pitch")
        parts.append(df.select("person_id", key=share, sentence=pl.when(keep).then(sentence)))
    long = (
        pl.concat(parts)
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
