"""The export reader: :func:`load_export` and the :class:`Export` it returns.

Examples
--------
>>> from tiekeeper.io import load_export
>>> callable(load_export)
True
"""

from __future__ import annotations

from tiekeeper.io.export import Export, Owner
from tiekeeper.io.loader import load_export

__all__ = ["Export", "Owner", "load_export"]
