"""One parser module per logical export file; importing this package registers them all.

Each module names the file and its eras in its docstring, and calls
:func:`tiekeeper.io.registry.register` with its logical name, accepted file
keys and required columns.
"""

from __future__ import annotations

from tiekeeper.io.parsers import (
    connections,
    contacts,
    education,
    endorsements,
    invitations,
    messages,
    positions,
    profile,
    recommendations,
    skills,
)

__all__ = [
    "connections",
    "contacts",
    "education",
    "endorsements",
    "invitations",
    "messages",
    "positions",
    "profile",
    "recommendations",
    "skills",
]
