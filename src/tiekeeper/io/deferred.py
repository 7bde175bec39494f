"""A value computed on first use: how ``Export.people`` and ``Export.interactions`` are built.

Not every user of an export needs every derived frame (a script that only
reads ``messages`` never needs ``people``), so :func:`~tiekeeper.io.load_export`
hands the :class:`~tiekeeper.io.Export` a :class:`Deferred` for them: the
first access builds the frame, once, under a lock (two threads asking at the
same moment get the same frame), and every later access returns it. A build
that raises is not cached; the next access tries again. Pickling or
deep-copying a :class:`Deferred` builds its value first.

Examples
--------
>>> calls = []
>>> d = Deferred(lambda: calls.append(1) or len(calls))
>>> d.ready, d.get(), d.get(), d.ready, calls
(False, 1, 1, True, [1])
>>> resolve(5), resolve(Deferred(lambda: 6))
(5, 6)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, cast, overload

__all__ = ["Deferred", "resolve"]

T = TypeVar("T")


class Deferred(Generic[T]):
    """A value built by ``build()`` on the first :meth:`get`, then kept.

    Parameters
    ----------
    build : callable
        Takes no argument and returns the value. It is dropped once it has
        run, so whatever it holds on to (input frames) can be freed.
    """

    def __init__(self, build: Callable[[], T]) -> None:
        self._build: Callable[[], T] | None = build
        self._lock = threading.Lock()
        self._value: T | None = None
        self._ready = False

    @property
    def ready(self) -> bool:
        """Whether the value has been built."""
        return self._ready

    def get(self) -> T:
        """The value, built now if this is the first call."""
        if not self._ready:
            with self._lock:
                if not self._ready:
                    build = self._build
                    if build is None:  # pragma: no cover - unreachable: set until ready
                        raise RuntimeError("Deferred value lost its builder")
                    self._value = build()
                    self._ready = True
                    self._build = None
        return cast(T, self._value)

    def __getstate__(self) -> dict[str, object]:
        # Pickling (or deep-copying) builds the value: a builder and a lock do not travel.
        return {"value": self.get()}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._build = None
        self._lock = threading.Lock()
        self._value = cast(T, state["value"])
        self._ready = True

    def __repr__(self) -> str:
        return f"Deferred(ready={self._ready})"


@overload
def resolve(value: Deferred[T]) -> T: ...
@overload
def resolve(value: T) -> T: ...
def resolve(value: T | Deferred[T]) -> T:
    """``value`` itself, or its built value when it is a :class:`Deferred`."""
    return value.get() if isinstance(value, Deferred) else value
