"""Every tunable of the relationship score, in one frozen, validated dataclass.

The defaults follow the reference model (``scoring-model.md`` §8). Where the
reference marks a default as an *untested prior*, the docstring says so; where
the project's own backtest (``bench/backtest.py``) chose a value, it says that.

Examples
--------
>>> from tiekeeper.scoring.params import ScoringParams
>>> p = ScoringParams()
>>> p.half_life_days, p.penalty, p.recency_days, p.group_mode
(180.0, 'recency', 14.0, 'sqrt')
>>> p.replace(half_life_days=90).half_life_days
90.0
>>> ScoringParams(kappa=0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
tiekeeper.errors.ParameterError: ScoringParams.kappa=0 is out of range: expected a number > 0 ...
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Literal

from tiekeeper.errors import ParameterError

__all__ = [
    "GROUP_MODES",
    "PENALTIES",
    "GroupMode",
    "Penalty",
    "ScoringParams",
    "check_params",
]

GroupMode = Literal["none", "sqrt", "inverse"]
#: The allowed values of :attr:`ScoringParams.group_mode`.
GROUP_MODES: tuple[str, ...] = ("none", "sqrt", "inverse")
Penalty = Literal["recency", "cadence"]
#: The allowed values of :attr:`ScoringParams.penalty`.
PENALTIES: tuple[str, ...] = ("recency", "cadence")


@dataclass(frozen=True)
class ScoringParams:
    """The tunable parameters of :func:`tiekeeper.score` and the reach-out plan.

    All times are in days. Build a variant with :meth:`replace`; every value is
    checked on construction and a bad one raises
    :class:`~tiekeeper.errors.ParameterError` naming the parameter.

    Parameters
    ----------
    half_life_days : float
        The half-life h of the current strength S (180). 30–365 is sensible.
    capital_half_life_days : float
        The half-life h_K of the long-run capital K (1095, i.e. 3 years).
    capital_blend : float
        The blend β in [0, 1]: the ranked strength S* starts from ``(1 − β)·S + β·K·h/h_K``,
        the short-run S shrunk towards the rate-matched long-run capital (0.5,
        equal weight to both time scales; 0 is the reference's S* = S·penalty).
        Chosen for the truth check and kept by the backtest, see
        ``bench/RESULTS-scoring.md``.
    message_weight, invitation_weight, note_bonus : float
        Channel weights c(τ): a message 1.0; an accepted invitation 1.0 plus
        ``note_bonus`` 0.5 with a personal note.
    connection_weight, endorsement_weight, recommendation_weight : float
        A connection without an invitation record 0.5; an endorsement 0.5; a
        recommendation 4.0. All but the message weight are *untested priors*.
    inbound_weight : float
        The weight d(in) of events the other person started (0.5); outgoing is 1.
    unknown_direction_weight : float
        The weight d(unknown) of events with no direction (connections), 1.0.
    group_mode : {'sqrt', 'none', 'inverse'}
        g(m) for a message in a conversation with m other participants:
        1/√m, 1 or 1/m. Chosen by the backtest on the sample export.
    length_factor : bool
        Apply L(ℓ) = 1 + ``length_coef``·ln(1 + words/``length_words``), capped
        at ``length_cap`` (an *untested* mild prior). ``False`` is metadata-only.
    length_coef, length_words, length_cap : float
        The constants of L (0.15, 25 words, 1.5).
    daily_cap : float
        At most this many weight units per person per day (5).
    penalty : {'recency', 'cadence'}
        How S* discounts the blend B for the silence since the last contact.
        ``'recency'`` (default): ``S* = B · (1 + e/τ)^(−α)``, e the days since
        the last contact. ``'cadence'`` (wave 1): ``S* = B · exp(−max(0, r −
        1)/κ)``, r the overdue ratio. Chosen by the ego backtest
        (``bench/ego_bench.py``): the recency discount beat the better of
        recency and frequency in every cell measured, while the cadence
        penalty fell up to 0.048 below it on CollegeMsg (a tie's own rhythm
        is estimated from a handful of sessions, and one-off contacts were
        crushed).
    recency_days : float
        The τ of the recency discount (14 days, the cool-down): a tie last
        contacted τ days ago keeps (1/2)^α of its blend, a quarter with α = 2.
        7–30 days all beat both baselines in every cell measured; 14 is the
        middle of that flat optimum.
    recency_power : float
        The α of the recency discount (2). α = 1 won the tuning set by a hair
        (worst margin +0.022 against +0.017) but fell 0.008 below recency on
        the 100 busiest CollegeMsg egos, whose lighter histories reward
        recency; α = 2 beats both baselines in every cell measured, including
        those (``bench/RESULTS-scoring.md``).
    kappa : float
        The κ of the wave-1 cadence penalty exp(−max(0, r−1)/κ) (8), used when
        ``penalty='cadence'``. ``math.inf`` turns it off, so that S* = B.
    cooling_ratio, fading_ratio, lapsed_ratio : float
        Status cut-points on the overdue ratio r (1.5, 4, 8).
    dormant_years : float
        No contact for this long (3 years of 365.25 days) means dormant.
    cadence_prior_days : float or None
        The prior gap c0 between sessions (60 days, LinkedIn's timescale:
        the median gap between sessions in the sample export is 43 days, and
        monthly to quarterly contact is a healthy professional tie). ``None``
        uses the owner's median gap over all contacts (wave 1), which bursts
        of messages pull down to a day or two.
    cadence_fallback_days : float
        The gap c0 when ``cadence_prior_days`` is None and no contact has two
        sessions (30 days; *untested choice*).
    cadence_pseudo_gaps : float
        The weight k0 of the prior in pseudo-gaps (2).
    session_window_days : float
        Contact days with the same person at most this many days apart (2)
        form one *session*, a conversation: the unit of cadence, give-space
        and the colleague rule. 0 makes every contact day a session (wave 1).
        A conversation that runs over an evening and the next morning is one
        exchange, not a rhythm of one day.
    cadence_floor_days : float
        The cadence never falls below this (14 days), so that sessions a few
        days apart do not make a two-week silence overdue. The user's own
        target cadence is not floored.
    cadence_min_sessions : int
        With fewer sessions than this (3) the cadence is the prior itself:
        one gap says little about a rhythm ("you have talked twice").
    fading_min_days : float
        No tie last contacted within this many days (30) is 'fading' or
        'lapsed' (at most 'cooling'), unless the user's state file sets a
        target cadence for it: the user's own target wins. On real exports
        bursts of messages made people contacted two weeks ago 'fading'.
    strength_ref, capital_ref : float
        S_ref and K_ref of the 0–100 display and of the closeness value (10, 10).
    tier_sizes : tuple of int
        Cumulative ranks ending the tiers core / close / active / wider
        (5, 15, 50, 150); everyone beyond is latent.
    closeness_value, colleague_value, services_value, bridge_value, tie_age_value : float
        Value weights a_i of the noisy-OR (0.8, 0.6, 0.5, 0.4, 0.2; *untested priors*).
    tie_age_full_years : float
        A tie this old gets the full tie-age component (5).
    cooling_need_max, fading_need, lapsed_need, dormant_need, never_need : float
        The need N by status: cooling rises from 0 to 0.7, fading 1.0, lapsed
        0.8, dormant 0.6, never interacted 0.3 (only for a former colleague or a
        real bridge, see ``bridge_max_others``).
    bridge_max_others : int
        A never-interacted person is a real bridge when the owner knows at most
        this many other people at their company (1) and it is not the owner's
        current employer.
    cooldown_days : float
        No suggestion for someone the owner contacted within this many days (14).
    rotation_days : float
        A suggestion recorded in the state file (``tiekeeper.state.record_plan``,
        ``tiekeeper reach-out --record``) within this many days counts as recent
        (28), so that the weekly plan does not repeat the same people.
    rotation_factor : float
        Each recent suggestion multiplies a person's rank in the plan by this
        (0.5; in [0, 1]: 1 turns rotation off, 0 drops them for the window).
        Their priority itself is unchanged (an *untested choice*).
    k : int
        Suggestions in the weekly plan (10).
    company_cap : int
        At most this many suggestions per company (3).
    exploration_share : float
        Share of the plan's slots kept for bridges and dormant ties (0.1).
    owed_reply_max_days : float
        N: a reply is owed only for a message at most this old (60 days).
    closer_max_words : int
        A last message of at most this many words (12) may be a conversation
        closer ("Thanks!", "Congrats!!", "👍"), which is owed no reply
        (:mod:`~tiekeeper.scoring.closers`); longer messages nearly always
        carry news or a request. *Untested choice*: every closer in the
        labelled examples (``tests/closer_labels.py``) has at most 12 words,
        and those the rule finds at most 8.
    broadcast_group_size : int
        A conversation with at least this many other participants (10) is a
        broadcast, owed no reply (:mod:`~tiekeeper.scoring.broadcasts`): a
        message to a crowd is an announcement (an *untested choice*).
    late_reply_days : float
        An owed reply's opener apologises for the wait only when their
        message is at least this old (7 days); "sorry for the slow reply" two
        days later sounds odd.
    give_space_sessions : int
        M: after this many unanswered outgoing sessions a tie is not pushed
        again but listed under "give them space" (3).
    one_way_min_sent : int
        A tie is *one-way* when the other person never wrote a message and
        the owner wrote at least this many (5). Tier means closeness, and
        closeness needs two-way contact: a one-way tie is at most "wider"
        and is never suggested above a two-way tie (a real export ranked a
        person who never answered 66 messages "core", 96/100). A contact
        logged in the state file counts as two-way. ``strength`` itself is
        unchanged: it measures the intensity of contact.
    colleague_before_days, colleague_after_days : float
        The tenure window of a position, [start − 30 d, end + 90 d], in which
        colleague evidence counts.
    colleague_session_share : float
        A possible colleague (level (d)) had at least this share of their
        contact inside the window (0.5) ...
    colleague_min_sessions : int
        ... and at least this many days of contact there (2), so that a single
        exchange during a job does not make a possible colleague.
    colleague_level_confidence : tuple of float
        Confidence of each former-colleague evidence level
        (:mod:`tiekeeper.scoring.colleagues`): (a) an endorsement or
        recommendation in the tenure, (b) a message naming the company, (c)
        their company and an overlap, (d) timing only, a *possible* colleague
        (1.0, 0.9, 0.8, 0.3; *untested priors*, non-increasing). Timing alone
        made 41 of 45 "colleagues" at one job of a real export.
    max_reasons : int
        Sentences kept per person (3).
    long_standing_years : float
        A tie counts as "long-standing" in a reason only from this age (3
        years); a tie connected 24 days ago is not.
    rate_min_days : float
        The career view gives contact *per year* only over a window of at
        least this many days (90); a shorter window (a job left two weeks ago)
        shows counts, since a rate over 16 days is noise.
    congratulate_move_days : float
        An opener congratulates on a move only when it is dated within this
        many days (180) before ``as_of`` (moves come from ``reach_out(moves=...)``
        or, for a :class:`~tiekeeper.history.History`, from its last two exports).
    move_max_span_days : float
        A move seen between two exports is news only when they are at most this
        many days apart (730): across a wider gap it may be years old.
    move_need : float
        A recent move is a reason to get in touch now: the mover's need N is
        at least this (0.8), so the plan ranks movers by the tie's value.
    reason_min_share : float
        A value component explains at least this share of V to get a sentence (0.1).
    session_tz : str
        IANA time zone whose calendar days make the contact days of sessions
        and the daily cap ('UTC'; the export does not state the owner's zone).

    Examples
    --------
    >>> ScoringParams().replace(group_mode="none").group_mode
    'none'
    """

    half_life_days: float = 180.0
    capital_half_life_days: float = 1095.0
    capital_blend: float = 0.5
    message_weight: float = 1.0
    invitation_weight: float = 1.0
    note_bonus: float = 0.5
    connection_weight: float = 0.5
    endorsement_weight: float = 0.5
    recommendation_weight: float = 4.0
    inbound_weight: float = 0.5
    unknown_direction_weight: float = 1.0
    group_mode: GroupMode = "sqrt"
    length_factor: bool = True
    length_coef: float = 0.15
    length_words: float = 25.0
    length_cap: float = 1.5
    daily_cap: float = 5.0
    penalty: Penalty = "recency"
    recency_days: float = 14.0
    recency_power: float = 2.0
    kappa: float = 8.0
    cooling_ratio: float = 1.5
    fading_ratio: float = 4.0
    lapsed_ratio: float = 8.0
    dormant_years: float = 3.0
    cadence_prior_days: float | None = 60.0
    cadence_fallback_days: float = 30.0
    cadence_pseudo_gaps: float = 2.0
    session_window_days: float = 2.0
    cadence_floor_days: float = 14.0
    cadence_min_sessions: int = 3
    fading_min_days: float = 30.0
    strength_ref: float = 10.0
    capital_ref: float = 10.0
    tier_sizes: tuple[int, int, int, int] = (5, 15, 50, 150)
    closeness_value: float = 0.8
    colleague_value: float = 0.6
    services_value: float = 0.5
    bridge_value: float = 0.4
    tie_age_value: float = 0.2
    tie_age_full_years: float = 5.0
    cooling_need_max: float = 0.7
    fading_need: float = 1.0
    lapsed_need: float = 0.8
    dormant_need: float = 0.6
    never_need: float = 0.3
    bridge_max_others: int = 1
    cooldown_days: float = 14.0
    rotation_days: float = 28.0
    rotation_factor: float = 0.5
    k: int = 10
    company_cap: int = 3
    exploration_share: float = 0.1
    owed_reply_max_days: float = 60.0
    closer_max_words: int = 12
    broadcast_group_size: int = 10
    late_reply_days: float = 7.0
    give_space_sessions: int = 3
    one_way_min_sent: int = 5
    colleague_before_days: float = 30.0
    colleague_after_days: float = 90.0
    colleague_session_share: float = 0.5
    colleague_min_sessions: int = 2
    colleague_level_confidence: tuple[float, float, float, float] = (1.0, 0.9, 0.8, 0.3)
    max_reasons: int = 3
    long_standing_years: float = 3.0
    rate_min_days: float = 90.0
    congratulate_move_days: float = 180.0
    move_max_span_days: float = 730.0
    move_need: float = 0.8
    reason_min_share: float = 0.1
    session_tz: str = "UTC"

    def __post_init__(self) -> None:
        _validate(self)

    def replace(self, **changes: Any) -> ScoringParams:
        """A copy with some parameters changed (validated like the constructor).

        Parameters
        ----------
        **changes
            New values by parameter name, such as ``half_life_days=90``.

        Returns
        -------
        ScoringParams
            A new instance; ``self`` is unchanged (it is frozen).

        Raises
        ------
        ParameterError
            For an unknown parameter name or an out-of-range value.

        Examples
        --------
        >>> ScoringParams().replace(kappa=4.0).kappa
        4.0
        >>> ScoringParams().replace(halflife=3)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        tiekeeper.errors.ParameterError: ScoringParams has no parameter 'halflife'; did you mean ...
        """
        names = {f.name for f in dataclasses.fields(self)}
        for key in changes:
            if key not in names:
                import difflib

                close = difflib.get_close_matches(key, sorted(names), n=3, cutoff=0.5)
                hint = (
                    f"; did you mean one of {close}?"
                    if close
                    else f"; expected one of {sorted(names)}"
                )
                raise ParameterError(f"ScoringParams has no parameter {key!r}{hint}")
        return dataclasses.replace(self, **changes)

    @classmethod
    def wave1(cls) -> ScoringParams:
        """The defaults of the first release (wave 1), for comparisons and backtests.

        Calendar-day sessions, the owner's median gap as the cadence prior
        with no floor, and the cadence penalty with κ = 8 instead of the
        recency discount.

        Examples
        --------
        >>> w = ScoringParams.wave1()
        >>> w.penalty, w.kappa, w.session_window_days, w.cadence_prior_days
        ('cadence', 8.0, 0.0, None)
        """
        return cls(
            penalty="cadence",
            kappa=8.0,
            session_window_days=0.0,
            cadence_prior_days=None,
            cadence_floor_days=0.0,
            cadence_min_sessions=2,
            fading_min_days=0.0,
        )

    @property
    def dormant_days(self) -> float:
        """``dormant_years`` in days (365.25 per year).

        Examples
        --------
        >>> ScoringParams().dormant_days
        1095.75
        """
        return self.dormant_years * 365.25


def _bad(name: str, value: object, expected: str, example: str) -> ParameterError:
    return ParameterError(
        f"ScoringParams.{name}={value!r} is out of range: expected {expected}; pass e.g. {example}"
    )


def _number(
    p: ScoringParams, name: str, lo: float, hi: float, *, lo_open: bool = False, note: str = ""
) -> None:
    value = getattr(p, name)
    default = getattr(ScoringParams, name, None)
    example = f"{name}={default!r}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(name, value, "a number", example)
    v = float(value)
    ok = not math.isnan(v) and (v > lo if lo_open else v >= lo) and v <= hi
    if not ok:
        low = f"> {lo:g}" if lo_open else f">= {lo:g}"
        expected = f"a number {low}" + ("" if math.isinf(hi) else f" and <= {hi:g}") + note
        raise _bad(name, value, expected, example)
    object.__setattr__(p, name, v)  # store ints as floats, so that 90 and 90.0 compare alike


def _integer(p: ScoringParams, name: str, lo: int, hi: int) -> None:
    value = getattr(p, name)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _bad(
            name, value, f"an integer from {lo} to {hi}", f"{name}={getattr(ScoringParams, name)!r}"
        )


def _validate(p: ScoringParams) -> None:
    inf = math.inf
    for name in ("half_life_days", "capital_half_life_days"):
        _number(p, name, 0.0, 36525.0, lo_open=True)
    for name in (
        "message_weight",
        "invitation_weight",
        "note_bonus",
        "connection_weight",
        "endorsement_weight",
        "recommendation_weight",
        "inbound_weight",
        "unknown_direction_weight",
        "length_coef",
    ):
        _number(p, name, 0.0, 100.0)
    if p.group_mode not in GROUP_MODES:
        raise _bad("group_mode", p.group_mode, f"one of {list(GROUP_MODES)}", "group_mode='sqrt'")
    if not isinstance(p.length_factor, bool):
        raise _bad("length_factor", p.length_factor, "True or False", "length_factor=True")
    _number(p, "length_words", 0.0, inf, lo_open=True)
    _number(p, "length_cap", 1.0, 100.0)
    _number(p, "daily_cap", 0.0, inf, lo_open=True)
    _number(p, "kappa", 0.0, inf, lo_open=True, note=" (math.inf turns the cadence penalty off)")
    if p.penalty not in PENALTIES:
        raise _bad("penalty", p.penalty, f"one of {list(PENALTIES)}", "penalty='recency'")
    _number(p, "recency_days", 0.0, 36525.0, lo_open=True)
    _number(p, "recency_power", 0.0, 10.0)
    for name in ("cooling_ratio", "fading_ratio", "lapsed_ratio"):
        _number(p, name, 0.0, 1e6, lo_open=True)
    if not p.cooling_ratio < p.fading_ratio < p.lapsed_ratio:
        raise ParameterError(
            "ScoringParams cut-points must increase: expected cooling_ratio < fading_ratio "
            f"< lapsed_ratio; got {p.cooling_ratio} / {p.fading_ratio} / {p.lapsed_ratio}; "
            "pass e.g. cooling_ratio=1.5, fading_ratio=4.0, lapsed_ratio=8.0"
        )
    _number(p, "dormant_years", 0.0, 100.0, lo_open=True)
    if p.cadence_prior_days is not None:
        _number(p, "cadence_prior_days", 0.0, 36525.0, lo_open=True)
    _number(p, "cadence_fallback_days", 0.0, 36525.0, lo_open=True)
    _number(p, "cadence_pseudo_gaps", 0.0, 1000.0)
    _number(p, "session_window_days", 0.0, 365.0)
    _number(p, "cadence_floor_days", 0.0, 36525.0)
    _integer(p, "cadence_min_sessions", 1, 10_000)
    _number(p, "fading_min_days", 0.0, 36525.0)
    _number(p, "strength_ref", 0.0, inf, lo_open=True)
    _number(p, "capital_ref", 0.0, inf, lo_open=True)
    sizes = p.tier_sizes
    if (
        not isinstance(sizes, tuple)
        or len(sizes) != 4
        or not all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in sizes)
        or list(sizes) != sorted(set(sizes))
    ):
        raise _bad(
            "tier_sizes",
            sizes,
            "four increasing positive integers (cumulative ranks ending core/close/active/wider)",
            "tier_sizes=(5, 15, 50, 150)",
        )
    for name in (
        "closeness_value",
        "colleague_value",
        "services_value",
        "bridge_value",
        "tie_age_value",
        "cooling_need_max",
        "fading_need",
        "lapsed_need",
        "dormant_need",
        "never_need",
        "exploration_share",
        "colleague_session_share",
        "reason_min_share",
        "rotation_factor",
        "capital_blend",
    ):
        _number(p, name, 0.0, 1.0)
    _number(p, "tie_age_full_years", 0.0, 100.0, lo_open=True)
    for name in ("cooldown_days", "rotation_days", "colleague_before_days", "colleague_after_days"):
        _number(p, name, 0.0, 36525.0)
    _number(p, "owed_reply_max_days", 0.0, 36525.0, lo_open=True)
    for name in ("late_reply_days", "rate_min_days", "congratulate_move_days"):
        _number(p, name, 0.0, 36525.0)
    _number(p, "move_max_span_days", 0.0, 36525.0)
    _number(p, "move_need", 0.0, 1.0)
    _number(p, "long_standing_years", 0.0, 100.0)
    _integer(p, "closer_max_words", 0, 10_000)
    _integer(p, "broadcast_group_size", 2, 10_000)
    _integer(p, "k", 1, 10_000)
    _integer(p, "company_cap", 1, 10_000)
    _integer(p, "give_space_sessions", 1, 10_000)
    _integer(p, "one_way_min_sent", 1, 10_000)
    _integer(p, "bridge_max_others", 0, 10_000)
    _integer(p, "colleague_min_sessions", 1, 10_000)
    _integer(p, "max_reasons", 1, 100)
    conf = p.colleague_level_confidence
    if (
        not isinstance(conf, tuple)
        or len(conf) != 4
        or not all(
            isinstance(c, int | float) and not isinstance(c, bool) and 0 <= c <= 1 for c in conf
        )
        or list(conf) != sorted(conf, reverse=True)
    ):
        raise _bad(
            "colleague_level_confidence",
            conf,
            "four non-increasing numbers in [0, 1], for the evidence levels (a) to (d)",
            "colleague_level_confidence=(1.0, 0.9, 0.8, 0.3)",
        )
    _check_tz(p.session_tz)


def _check_tz(tz: object) -> None:
    import zoneinfo

    if not isinstance(tz, str) or not tz:
        raise _bad("session_tz", tz, "an IANA time-zone name", "session_tz='Europe/Berlin'")
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as err:
        raise _bad(
            "session_tz", tz, "an IANA time-zone name", "session_tz='Europe/Berlin'"
        ) from err


def check_params(params: ScoringParams | None) -> ScoringParams:
    """``params`` or the defaults; anything else raises ParameterError.

    Examples
    --------
    >>> check_params(None) == ScoringParams()
    True
    >>> check_params({"half_life_days": 90})
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: params must be a tiekeeper.ScoringParams; got dict. ...
    """
    if params is None:
        return ScoringParams()
    if not isinstance(params, ScoringParams):
        raise ParameterError(
            f"params must be a tiekeeper.ScoringParams; got {type(params).__name__}. "
            "Build one with ScoringParams(...) or ScoringParams().replace(...)"
        )
    return params
