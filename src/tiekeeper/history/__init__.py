"""History across exports: several archives of one person, and what changed between them.

* :func:`load_history` / :class:`History`: exports of one person, oldest first;
* :func:`changes`: job moves, new titles, new and removed connections, renamed
  and re-URLed people, new positions of the owner (schema ``changes``);
* :func:`~tiekeeper.history.match.match_connections`: one person across two
  exports, whose URL or name changed.
"""

from __future__ import annotations

from tiekeeper.history.changes import changes
from tiekeeper.history.load import (
    History,
    OwnerMismatchError,
    history_of,
    load_history,
    same_owner,
)

__all__ = [
    "History",
    "OwnerMismatchError",
    "changes",
    "history_of",
    "load_history",
    "same_owner",
]
