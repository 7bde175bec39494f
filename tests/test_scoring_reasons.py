"""Reasons read right: counts agree, one full stop, no empty or unearned claims."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from tiekeeper.scoring.decay import DAY_US
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.reasons import cadence_sentence, reasons_frame

AS_OF = dt.datetime(2024, 6, 30, 23, 59, tzinfo=dt.UTC)
T_US = int(AS_OF.timestamp()) * 1_000_000
COMPONENTS = ("closeness", "colleague", "services", "bridge", "tie_age")
UTC = pl.Datetime("us", "UTC")
TYPES = {
    "owed_since": UTC, "peak_at": UTC, "first_contact": UTC, "connected_on": pl.Date,
    "former_started_on": pl.Date, "former_finished_on": pl.Date, "former_company": pl.String,
    "former_sessions_during": pl.Int64, "former_sessions_after": pl.Int64,
    "target_cadence": pl.Float64, "skills": pl.List(pl.String), "rec_in_year": pl.Int32,
    "rec_out_year": pl.Int32,
}  # fmt: skip


def row(**kw: Any) -> dict[str, Any]:
    """One assembled score row, an unremarkable cooling tie unless overridden."""
    r: dict[str, Any] = {
        "person_id": "p", "name": "Ada Example", "company": "Acme", "status": "cooling",
        "reply_owed": False, "owed_since": None, "unanswered_sessions": 0, "cold_pitch": False,
        "cadence_days": 30.0, "days_since": 50.0, "overdue_ratio": 50 / 30, "sessions": 12,
        "cadence_estimated": False, "target_cadence": None, "connected_on": None,
        "strength": 40.0, "drop_from_peak": 0.0, "peak_strength": 40.0, "peak_at": AS_OF,
        "former_company": None, "former_started_on": None, "former_finished_on": None,
        "former_sessions_during": None, "former_sessions_after": None, "skills": [],
        "rec_in_year": None, "rec_out_year": None, "endorsed_in": False, "endorsed_out": False,
        "company_connections": 3, "real_bridge": False, "first_contact": AS_OF, "value": 0.5,
    }  # fmt: skip
    r.update({f"share_{c}": 0.0 for c in COMPONENTS})
    r.update(kw)
    return r


def reasons(*rows: dict[str, Any], params: ScoringParams | None = None, t_us: Any = T_US) -> list:
    p = params or ScoringParams(max_reasons=10)
    df = pl.DataFrame(list(rows), schema_overrides=TYPES, infer_schema_length=None)
    return reasons_frame(df, p, as_of_us=t_us)["reasons"].to_list()


def test_counts_agree_with_the_number_shown() -> None:
    [daily] = reasons(row(cadence_days=1.2, days_since=1.5, overdue_ratio=1.25, sessions=9))
    assert "You usually talk every ~1 day; it's been 1 day (1.2× your usual gap)." in daily
    [target] = reasons(row(target_cadence=1.0, cadence_days=1.0, days_since=3.0))
    assert target[0].startswith("Your target is every 1 day; it's been 3 days")
    [few] = reasons(row(sessions=2, cadence_estimated=True))
    assert few[0].startswith("You have talked twice, in 2024, so the usual gap of ~30 days")
    [some] = reasons(row(sessions=3, cadence_estimated=True))
    assert some[0].startswith("You have talked in only 3 conversations, so the usual gap")
    p = ScoringParams(max_reasons=10, give_space_sessions=1)
    [space] = reasons(row(unanswered_sessions=1), params=p)
    assert "You have written on 1 day since their last reply; give them space." in space
    assert not any(s for s in daily + target + few + space if " 1 days" in s or "~1 days" in s)


def test_the_scalar_cadence_sentence_agrees_too() -> None:
    s = cadence_sentence(cadence=0.9, days=1.0, ratio=1.1, sessions=5, estimated=False)
    assert s == "You usually talk every ~1 day; it's been 1 day (1.1× your usual gap)."


def test_a_colleague_nobody_talked_to_gets_no_zero_counts() -> None:
    colleague = {
        "former_company": "Acme Ltd.", "former_started_on": dt.date(2019, 1, 1),
        "former_finished_on": dt.date(2021, 6, 30), "share_colleague": 0.6,
    }  # fmt: skip
    [silent] = reasons(row(**colleague, former_sessions_during=0, former_sessions_after=0))
    assert "Former colleague at Acme Ltd. (2019–2021)." in silent
    assert not any("0 conversations" in s or ".." in s for s in silent)
    [one] = reasons(row(**colleague, former_sessions_during=4, former_sessions_after=1))
    assert (
        "Former colleague at Acme Ltd. (2019–2021); since you left in 2021: "
        "1 conversation vs 4 while you worked together." in one
    )


def test_a_name_ending_in_a_full_stop_gets_no_second_one() -> None:
    [endorsed] = reasons(row(name="Bo Li Jr.", endorsed_out=True, share_services=0.5))
    assert "You endorsed Bo Li Jr." in endorsed
    assert not any(".." in s for s in endorsed)


def test_long_standing_only_from_the_parameter() -> None:
    young = AS_OF - dt.timedelta(days=24)
    old = AS_OF - dt.timedelta(days=4 * 365)
    [new_tie] = reasons(row(first_contact=young, share_tie_age=0.9))
    [old_tie] = reasons(row(first_contact=old, share_tie_age=0.9))
    assert not any("long-standing" in s for s in new_tie)
    assert "Connected since 2020; long-standing relationships are easier to revive." in old_tie
    p = ScoringParams(max_reasons=10, long_standing_years=5)
    [strict] = reasons(row(first_contact=old, share_tie_age=0.9), params=p)
    assert not any("long-standing" in s for s in strict)
    # without T the age is unknown: the claim is not made
    [unknown] = reasons(row(first_contact=old, share_tie_age=0.9), t_us=None)
    assert not any("long-standing" in s for s in unknown)
    assert T_US - int(old.timestamp()) * 1_000_000 == 4 * 365 * DAY_US
