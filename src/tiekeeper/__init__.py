"""tiekeeper: keep your professional relationships alive after a job change.

tiekeeper reads your own LinkedIn data export (the "Get a copy of your data"
archive) and turns it into an honest picture of your relationships: which ties
are strong, which are fading against their own rhythm, which former colleagues
you drifted from, whose message you still owe a reply to, and whom to contact
this week and why. Nothing is ever sent over the network.

The heavy parts (pandas, networkx, plotly) are imported lazily, so
``import tiekeeper`` stays fast.

Examples
--------
>>> import tiekeeper
>>> export = tiekeeper.load_export()          # the bundled, fictional sample
>>> export.connections.height > 0
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "load_export": "tiekeeper.io",
    "Export": "tiekeeper.io",
    "Owner": "tiekeeper.io",
    "make_sample_export": "tiekeeper.datasets",
    "make_sample_history": "tiekeeper.datasets",
    "sample_path": "tiekeeper.datasets",
    "ScoringParams": "tiekeeper.scoring.params",
    "score": "tiekeeper.scoring.strength",
    "strength_history": "tiekeeper.scoring.history",
    "career": "tiekeeper.scoring.career",
    "reach_out": "tiekeeper.scoring.plan",
    "Plan": "tiekeeper.scoring.plan",
    "reminders_ics": "tiekeeper.reminders",
    "show": "tiekeeper.display",
    "load_history": "tiekeeper.history",
    "History": "tiekeeper.history",
    "changes": "tiekeeper.history",
    "what_is_missing": "tiekeeper.io.categories",
    "build_graph": "tiekeeper.graph",
    "communities": "tiekeeper.graph",
    "communities_summary": "tiekeeper.graph",
    "bridges": "tiekeeper.graph",
    "who_at": "tiekeeper.graph",
    "write_graph": "tiekeeper.graph",
    "Report": "tiekeeper.report",
    "normalize_company": "tiekeeper.companies",
    "load_state": "tiekeeper.state",
    "mark_contacted": "tiekeeper.state",
}
_SUBMODULES = {
    "archive",
    "datasets",
    "errors",
    "graph",
    "notebooks",
    "plots",
    "report",
    "schema",
    "scoring",
    "state",
    "validate",
}

# a literal list, so that type checkers see the re-exports (mypy --strict: implicit
# reexport); tests/test_public_api.py checks that it is _LAZY, _SUBMODULES and __version__
__all__ = [
    "Export",
    "History",
    "Owner",
    "Plan",
    "Report",
    "ScoringParams",
    "__version__",
    "archive",
    "bridges",
    "build_graph",
    "career",
    "changes",
    "communities",
    "communities_summary",
    "datasets",
    "errors",
    "graph",
    "load_export",
    "load_history",
    "load_state",
    "make_sample_export",
    "make_sample_history",
    "mark_contacted",
    "normalize_company",
    "notebooks",
    "plots",
    "reach_out",
    "reminders_ics",
    "report",
    "sample_path",
    "schema",
    "score",
    "scoring",
    "show",
    "state",
    "strength_history",
    "validate",
    "what_is_missing",
    "who_at",
    "write_graph",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from tiekeeper import (
        archive,
        datasets,
        errors,
        graph,
        notebooks,
        plots,
        report,
        schema,
        scoring,
        state,
        validate,
    )
    from tiekeeper.companies import normalize_company
    from tiekeeper.datasets import make_sample_export, make_sample_history, sample_path
    from tiekeeper.display import show
    from tiekeeper.graph import (
        bridges,
        build_graph,
        communities,
        communities_summary,
        write_graph,
    )
    from tiekeeper.graph.who_at import who_at
    from tiekeeper.history import History, load_history
    from tiekeeper.history.changes import changes
    from tiekeeper.io import Export, Owner, load_export
    from tiekeeper.io.categories import what_is_missing
    from tiekeeper.reminders import reminders_ics
    from tiekeeper.report import Report
    from tiekeeper.scoring.career import career
    from tiekeeper.scoring.history import strength_history
    from tiekeeper.scoring.params import ScoringParams
    from tiekeeper.scoring.plan import Plan, reach_out
    from tiekeeper.scoring.strength import score
    from tiekeeper.state import load_state, mark_contacted


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"tiekeeper.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'tiekeeper' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
