"""When messages happen: sessions drawn from piecewise-constant rates, vectorised.

A *thread* (a tie's 1:1 conversation, or a group) gets ``k`` messages. They
fall into ``1 + Binomial(k − 1, p)`` sessions (a session is a burst of
back-and-forth on one day). Session times are drawn from the thread's rate
profile: three segments ``[b0, b1) [b1, b2) [b2, b3)`` with rates
``r0, r1, r2``, so a segment receives sessions in proportion to
``rate × length``. Inside a session, messages follow each other after
heavy-tailed gaps of minutes to hours.

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> bounds = np.array([[0.0, 10.0, 10.0, 10.0], [100.0, 110.0, 200.0, 210.0]])
>>> rates = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 1.0]])
>>> p = place_messages(rng, np.array([3, 50]), bounds, rates, p_session=0.4)
>>> t1 = p.t[p.thread == 1]
>>> len(t1), bool(((t1 < 111) | (t1 >= 200)).all())
(50, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Placed", "place_messages", "within_group_rank"]


@dataclass(frozen=True)
class Placed:
    """Messages sorted by (thread, session, time); times in epoch days."""

    thread: np.ndarray
    session: np.ndarray
    rank: np.ndarray
    t: np.ndarray


def within_group_rank(keys: np.ndarray) -> np.ndarray:
    """0, 1, 2 … inside each run of equal, already sorted ``keys``.

    Examples
    --------
    >>> within_group_rank(np.array([4, 4, 7, 9, 9, 9])).tolist()
    [0, 1, 0, 0, 1, 2]
    """
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[True, keys[1:] != keys[:-1]]
    idx = np.arange(len(keys))
    first = np.maximum.accumulate(np.where(starts, idx, 0))
    return idx - first


def place_messages(
    rng: np.random.Generator,
    counts: np.ndarray,
    bounds: np.ndarray,
    rates: np.ndarray,
    *,
    p_session: float,
) -> Placed:
    """Place ``counts[i]`` messages of thread ``i`` in time (see the module doc)."""
    counts = np.asarray(counts, dtype=np.int64)
    n_threads = len(counts)
    active = counts > 0
    sessions = np.zeros(n_threads, dtype=np.int64)
    sessions[active] = 1 + rng.binomial(counts[active] - 1, p_session)
    s_thread = np.repeat(np.arange(n_threads), sessions)
    lengths = np.clip(np.diff(bounds, axis=1), 0.0, None)
    weight = rates * lengths
    cum = np.cumsum(weight, axis=1)
    u = rng.random(len(s_thread)) * cum[s_thread, 2]
    seg = (u >= cum[s_thread, 0]).astype(np.int64) + (u >= cum[s_thread, 1])
    seg = np.minimum(seg, 2)
    before = np.where(seg > 0, cum[s_thread, np.maximum(seg - 1, 0)], 0.0)
    w_seg = weight[s_thread, seg]
    frac = np.where(w_seg > 0, (u - before) / np.where(w_seg > 0, w_seg, 1.0), rng.random(len(u)))
    s_time = bounds[s_thread, seg] + np.clip(frac, 0.0, 1.0) * lengths[s_thread, seg]

    # messages -> sessions: one per session first, the rest at random
    m_thread = np.repeat(np.arange(n_threads), counts)
    local = np.arange(len(m_thread)) - np.repeat(np.cumsum(counts) - counts, counts)
    n_s = sessions[m_thread]
    extra = np.floor(rng.random(len(m_thread)) * n_s).astype(np.int64)
    s_local = np.where(local < n_s, local, extra)
    m_session = (np.cumsum(sessions) - sessions)[m_thread] + s_local
    order = np.argsort(m_session, kind="stable")
    m_session = m_session[order]
    m_thread = m_thread[order]
    rank = within_group_rank(m_session)
    gap = np.minimum(rng.lognormal(np.log(6.0), 1.3, len(m_session)), 720.0) / 1440.0
    gap[rank == 0] = 0.0
    cs = np.cumsum(gap)
    offset = cs - cs[np.flatnonzero(rank == 0)][np.cumsum(rank == 0) - 1]
    t = s_time[m_session] + offset
    t = np.minimum(t, bounds[m_thread, 3])
    return Placed(thread=m_thread, session=m_session, rank=rank, t=t)
