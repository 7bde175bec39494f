"""Relationship scoring: strength, cadence, status, former colleagues and the weekly plan.

The public entry points are re-exported from :mod:`tiekeeper`:
:func:`tiekeeper.score`, :func:`tiekeeper.career`,
:func:`tiekeeper.strength_history`, :class:`tiekeeper.ScoringParams` and
:func:`tiekeeper.reach_out`. The modules:

* ``params``: :class:`ScoringParams`, every tunable;
* ``decay``: event weights, day units, decayed sums;
* ``cadence``: sessions, shrunk cadence, overdue ratio, status and need;
* ``features``: the per-person engine shared by the score, history and backtest;
* ``career``: former colleagues and the career timeline;
* ``value`` and ``reasons``: value, priority and the sentences explaining them;
* ``strength``: :func:`score`; ``history``: :func:`strength_history`;
* ``plan`` and ``openers``: the reach-out plan.

Nothing heavy is imported here, so ``import tiekeeper.scoring`` stays cheap.
"""

from __future__ import annotations

__all__: list[str] = []
