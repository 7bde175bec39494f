"""Checks of the options that shape the export: ``layout``, ``realistic``, ``resaved``
and ``isolated_share``.

Examples
--------
>>> check_options(layout="2018", realistic=True, resaved=False, isolated_share=None,
...               n_connections=300)
0
>>> check_options(layout="2025", realistic=False, resaved=False, isolated_share=0.98,
...               n_connections=3000)
2940
"""

from __future__ import annotations

import math
from typing import Literal

from tiekeeper.datasets._isolated import n_isolated
from tiekeeper.datasets._layouts import LAYOUTS
from tiekeeper.errors import ParameterError

__all__ = ["MIN_TIED", "Layout", "check_options"]

#: The layouts of the export, by the year of the format (see ``_layouts``).
Layout = Literal["2025", "2023", "2021", "2018"]
#: The story needs at least this many connections that are not isolated.
MIN_TIED = 50


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise ParameterError(
            f"{name} must be True or False; got {value!r} ({type(value).__name__})"
        )


def check_options(
    *,
    layout: object,
    realistic: object,
    resaved: object,
    isolated_share: object,
    n_connections: int,
) -> int:
    """Check the options; return how many connections are isolated.

    Raises
    ------
    ParameterError
        For an unknown layout, a non-boolean flag, ``resaved`` without
        ``realistic``, or an ``isolated_share`` that is not a number in [0, 1)
        or leaves fewer than :data:`MIN_TIED` connections with ties.
    """
    if not isinstance(layout, str) or layout not in LAYOUTS:
        raise ParameterError(
            f"layout={layout!r} is not supported; expected one of {', '.join(map(repr, LAYOUTS))}"
        )
    _check_bool("realistic", realistic)
    _check_bool("resaved", resaved)
    if resaved and not realistic:
        raise ParameterError(
            "resaved=True is a variant of the realistic export; pass realistic=True with it"
        )
    if isolated_share is None:
        return 0
    if (
        isinstance(isolated_share, bool)
        or not isinstance(isolated_share, int | float)
        or not math.isfinite(isolated_share)
        or not 0 <= isolated_share < 1
    ):
        raise ParameterError(
            f"isolated_share must be None or a number from 0 (inclusive) to 1 (exclusive), "
            f"such as 0.98; got {isolated_share!r}"
        )
    n = n_isolated(n_connections, float(isolated_share))
    if n_connections - n < MIN_TIED:
        raise ParameterError(
            f"isolated_share={isolated_share} leaves {n_connections - n} of {n_connections} "
            f"connections with ties; expected at least {MIN_TIED}: raise n_connections or "
            "lower isolated_share"
        )
    return n
