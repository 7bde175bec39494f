"""ScoringParams: defaults from the reference, validation that names the parameter."""

from __future__ import annotations

import dataclasses
import math

import pytest

from tiekeeper.errors import ParameterError
from tiekeeper.scoring.params import ScoringParams


def test_defaults_follow_the_reference() -> None:
    p = ScoringParams()
    assert (p.half_life_days, p.capital_half_life_days, p.kappa) == (180.0, 1095.0, 8.0)
    assert (p.cooling_ratio, p.fading_ratio, p.lapsed_ratio, p.dormant_years) == (1.5, 4, 8, 3)
    assert (p.inbound_weight, p.daily_cap, p.cadence_pseudo_gaps) == (0.5, 5.0, 2.0)
    assert (p.recommendation_weight, p.endorsement_weight, p.connection_weight) == (4, 0.5, 0.5)
    assert p.tier_sizes == (5, 15, 50, 150)
    assert (p.cooldown_days, p.k, p.company_cap, p.exploration_share) == (14, 10, 3, 0.1)
    assert (p.owed_reply_max_days, p.give_space_sessions, p.session_tz) == (60, 3, "UTC")
    assert p.dormant_days == 3 * 365.25


def test_frozen_and_replace_validates() -> None:
    p = ScoringParams()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.kappa = 2.0  # type: ignore[misc]
    assert p.replace(kappa=2).kappa == 2.0
    assert isinstance(p.replace(kappa=2).kappa, float)
    assert p.replace(kappa=math.inf).kappa == math.inf
    with pytest.raises(ParameterError, match="kappa"):
        p.replace(kappa=-1)
    with pytest.raises(ParameterError, match=r"no parameter 'half_life'.*half_life_days"):
        p.replace(half_life=30)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("half_life_days", 0),
        ("half_life_days", -5.0),
        ("half_life_days", float("nan")),
        ("capital_half_life_days", "long"),
        ("inbound_weight", -0.1),
        ("group_mode", "log"),
        ("length_cap", 0.5),
        ("daily_cap", 0),
        ("kappa", 0),
        ("dormant_years", 0),
        ("cadence_prior_days", 0.0),
        ("cadence_fallback_days", -1),
        ("tier_sizes", (5, 15, 10, 150)),
        ("tier_sizes", (5, 15, 50)),
        ("closeness_value", 1.5),
        ("exploration_share", -0.2),
        ("k", 0),
        ("k", 2.5),
        ("company_cap", True),
        ("give_space_sessions", 0),
        ("owed_reply_max_days", 0),
        ("colleague_level_confidence", (1.0, 0.7)),
        ("colleague_level_confidence", (0.5, 0.9, 0.8, 0.3)),
        ("session_tz", "Mars/Olympus"),
        ("length_factor", "yes"),
    ],
)
def test_out_of_range_names_the_parameter(name: str, value: object) -> None:
    with pytest.raises(ParameterError, match=rf"ScoringParams\.{name}=.*expected"):
        ScoringParams(**{name: value})  # type: ignore[arg-type]


def test_cut_points_must_increase() -> None:
    with pytest.raises(ParameterError, match="cooling_ratio < fading_ratio < lapsed_ratio"):
        ScoringParams(fading_ratio=9.0)


def test_parameter_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="half_life_days"):
        ScoringParams(half_life_days=-1)
