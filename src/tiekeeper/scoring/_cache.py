"""Score once: a small, bounded, thread-safe cache of scores per export.

``reach_out(export)`` after ``score(export)`` used to score everything again
(about 1.1 s each on the maximal export). :func:`cached` keeps the last
:data:`MAX_ENTRIES` results per export, keyed by ``as_of``, the parameters
and the content of the user's state (:func:`state_key`). The cache lives as
long as the export does (a weak reference to it), and every call returns new
frame objects, so a caller can never change what is cached.

Examples
--------
>>> class E: pass
>>> e, calls = E(), []
>>> def compute():
...     calls.append(1)
...     return (pl.DataFrame({"a": [1]}),)
>>> first = cached(e, ("k",), compute)
>>> again = cached(e, ("k",), compute)
>>> len(calls), first[0].equals(again[0]), first[0] is again[0]
(1, True, False)
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import polars as pl

__all__ = ["MAX_ENTRIES", "cache_size", "cached", "state_key"]

#: Results kept per export (the least recently used go first): a few ``as_of``
#: or parameter variants, each a score frame of one row per person.
MAX_ENTRIES = 4

_LOCK = threading.Lock()
_CACHES: weakref.WeakKeyDictionary[Any, OrderedDict[Hashable, tuple[pl.DataFrame, ...]]] = (
    weakref.WeakKeyDictionary()
)


def cached(
    export: Any, key: Hashable | None, compute: Callable[[], tuple[pl.DataFrame, ...]]
) -> tuple[pl.DataFrame, ...]:
    """``compute()`` for ``export`` and ``key``, from the cache when it is there.

    A ``key`` of None, or an export that cannot be weakly referenced, is never
    cached. Two threads asking for the same new key may both compute it; the
    results are equal.

    Returns
    -------
    tuple of polars.DataFrame
        New frame objects (clones sharing the cached, immutable buffers).
    """
    if key is None:
        return compute()
    try:
        weakref.ref(export)
    except TypeError:
        return compute()
    with _LOCK:
        entries = _CACHES.get(export)
        hit = entries.get(key) if entries is not None else None
        if hit is not None and entries is not None:
            entries.move_to_end(key)
    if hit is None:
        hit = compute()
        with _LOCK:
            entries = _CACHES.setdefault(export, OrderedDict())
            entries[key] = hit
            entries.move_to_end(key)
            while len(entries) > MAX_ENTRIES:
                entries.popitem(last=False)
    return tuple(f.clone() for f in hit)


def cache_size(export: Any) -> int:
    """How many results are cached for ``export`` (for tests and diagnostics).

    Examples
    --------
    >>> class E: pass
    >>> cache_size(E())
    0
    """
    with _LOCK:
        entries = _CACHES.get(export)
        return 0 if entries is None else len(entries)


def state_key(state: Any) -> str | None:
    """A digest of what a state tells scoring, or None when it cannot be keyed.

    No state and an empty one give the same key (they score alike). A
    :class:`~tiekeeper.state.State` is keyed by its resolved index (ignored
    people and companies, snoozes, target cadences, logged contacts, past
    suggestions), so a state read again from an unchanged file, or resolved
    again against the same people, gives the same key, and any change to the
    file gives another. A duck-typed stand-in without that index gives None.

    Examples
    --------
    >>> import datetime as dt
    >>> from tiekeeper.state import State
    >>> state_key(None) == state_key(State())
    True
    >>> a = State(cadences={"Ada Example": 30.0})
    >>> state_key(a) == state_key(State(cadences={"Ada Example": 30.0}))
    True
    >>> state_key(a) == state_key(State(cadences={"Ada Example": 14.0}))
    False
    """
    if state is None or getattr(state, "is_empty", False) is True:
        return "empty"
    index = getattr(state, "_index", None)
    if not isinstance(index, dict):
        return None
    text = repr(_canonical(index))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted((str(k), _canonical(v)) for k, v in value.items())
    if isinstance(value, frozenset | set):
        return sorted(_canonical(v) for v in value)
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value
