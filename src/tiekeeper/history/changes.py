"""What changed between two exports of one person: moves, new and removed connections.

Connections.csv holds each contact's company and title *as of the export day*,
so two exports side by side show who moved. :func:`changes` compares two
exports (or every consecutive pair of a :class:`~tiekeeper.history.History`)
and returns one row per event (schema ``changes``):

``connection_added`` / ``connection_removed``
    A Connections row only in the later / earlier export. Only when *both*
    exports hold Connections (``Export.categories``): an absent category means
    "unknown", never "removed".
``company_changed``
    A job move: both exports name a real company (not a placeholder such as
    "Self-employed", :func:`tiekeeper.companies.is_placeholder`) and the
    normalised names differ ("Acme Inc." and "ACME" are one company). One
    row; a new title travels inside ``before``/``after`` as "Company · Title".
``title_changed``
    A new title at the same company.
``url_changed`` / ``name_changed``
    The same person (:func:`~tiekeeper.history.match.match_connections`)
    under a new profile URL or display name: never a removal plus an addition.
``owner_position_added``
    A position in the owner's Positions.csv that the earlier export lacks
    (only when both exports hold Positions).

Examples
--------
>>> import tiekeeper
>>> e = tiekeeper.load_export()
>>> changes(e, e).height   # an export against itself: nothing changed
0
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.companies import is_placeholder_series, normalize_company_series
from tiekeeper.errors import ParameterError
from tiekeeper.history.match import match_connections
from tiekeeper.schema import empty_frame, polars_schema

if TYPE_CHECKING:
    from tiekeeper.history.load import History
    from tiekeeper.io import Export

__all__ = ["SEP", "changes", "pair_changes"]

#: Between company and title in the ``before``/``after`` of a ``company_changed`` row.
SEP = " · "


def _date(export: Any) -> dt.date | None:
    d = getattr(export, "export_date", None)
    return d if isinstance(d, dt.date) else None


def _title_key(title: pl.Expr) -> pl.Expr:
    return title.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()


def _frame(rows: pl.DataFrame, old: Any, new: Any) -> pl.DataFrame:
    schema = polars_schema("changes")
    return (
        rows.with_columns(
            seen_after=pl.lit(_date(old), dtype=pl.Date),
            seen_before=pl.lit(_date(new), dtype=pl.Date),
        )
        .select(list(schema))
        .cast(schema)
    )


def _people_changes(old: Any, new: Any) -> pl.DataFrame:
    """Rows for connections added, removed, moved, retitled, renamed or re-URLed."""
    oc, nc = old.connections, new.connections
    pairs = match_connections(oc, nc)
    cols = ["person_id", "name", "profile_url", "company", "position"]
    a = oc.filter(pl.col("person_id").is_not_null()).select(cols).unique("person_id")
    b = nc.filter(pl.col("person_id").is_not_null()).select(cols).unique("person_id")
    both = pairs.join(a.rename(lambda c: f"o_{c}"), left_on="old_id", right_on="o_person_id").join(
        b.rename(lambda c: f"n_{c}"), left_on="new_id", right_on="n_person_id"
    )
    ok, nk = (
        normalize_company_series(both["o_company"]),
        normalize_company_series(both["n_company"]),
    )
    real = ~is_placeholder_series(both["o_company"]) & ~is_placeholder_series(both["n_company"])
    both = both.with_columns(
        _ok=ok,
        _nk=nk,
        _real=real & ok.is_not_null() & nk.is_not_null(),
        _ot=_title_key(pl.col("o_position")),
        _nt=_title_key(pl.col("n_position")),
    )
    moved = pl.col("_real") & (pl.col("_ok") != pl.col("_nk"))
    retitled = (pl.col("_ot") != pl.col("_nt")).fill_null(False)
    same_company = (pl.col("_ok") == pl.col("_nk")).fill_null(False)
    base = {"person_id": pl.col("new_id"), "name": pl.col("n_name"), "evidence": pl.col("evidence")}

    def with_title(company: str, title: str) -> pl.Expr:
        return (
            pl.when(retitled & pl.col(title).is_not_null())
            .then(pl.concat_str(pl.col(company), pl.lit(SEP), pl.col(title)))
            .otherwise(pl.col(company))
        )

    parts = [
        both.filter(moved).select(
            **base,
            kind=pl.lit("company_changed"),
            before=with_title("o_company", "o_position"),
            after=with_title("n_company", "n_position"),
        ),
        both.filter(same_company & retitled).select(
            **base,
            kind=pl.lit("title_changed"),
            before=pl.col("o_position"),
            after=pl.col("n_position"),
        ),
        both.filter(
            pl.col("o_profile_url").is_not_null()
            & pl.col("n_profile_url").is_not_null()
            & (
                pl.col("o_profile_url").str.to_lowercase()
                != pl.col("n_profile_url").str.to_lowercase()
            )
        ).select(
            **base,
            kind=pl.lit("url_changed"),
            before=pl.col("o_profile_url"),
            after=pl.col("n_profile_url"),
        ),
        both.filter(
            pl.col("o_name").str.to_lowercase() != pl.col("n_name").str.to_lowercase()
        ).select(
            **base, kind=pl.lit("name_changed"), before=pl.col("o_name"), after=pl.col("n_name")
        ),
    ]
    if old.categories["connections"] == "present" and new.categories["connections"] == "present":
        where = "Connections.csv of both exports"
        parts += [
            b.filter(~pl.col("person_id").is_in(pairs["new_id"].implode())).select(
                "person_id",
                "name",
                kind=pl.lit("connection_added"),
                before=pl.lit(None, pl.String),
                after=pl.col("company"),
                evidence=pl.lit(where),
            ),
            a.filter(~pl.col("person_id").is_in(pairs["old_id"].implode())).select(
                "person_id",
                "name",
                kind=pl.lit("connection_removed"),
                before=pl.col("company"),
                after=pl.lit(None, pl.String),
                evidence=pl.lit(where),
            ),
        ]
    parts = [p.select("person_id", "name", "kind", "before", "after", "evidence") for p in parts]
    return pl.concat([p.cast(pl.String) for p in parts])


def _position_changes(old: Any, new: Any) -> pl.DataFrame:
    """Positions the later export holds and the earlier one does not."""
    schema = dict.fromkeys(("person_id", "name", "kind", "before", "after", "evidence"), pl.String)
    if old.categories["positions"] != "present" or new.categories["positions"] != "present":
        return pl.DataFrame(schema=schema)

    def keyed(p: pl.DataFrame) -> pl.DataFrame:
        return p.with_columns(
            _k=normalize_company_series(p["company"]),
            _t=_title_key(pl.col("title")),
            _s=pl.col("started_on"),
        )

    added = keyed(new.positions).join(keyed(old.positions), on=["_k", "_t", "_s"], how="anti")
    owner = getattr(new, "owner", None)
    return added.select(
        person_id=pl.lit(None, pl.String),
        name=pl.lit(getattr(owner, "name", None), pl.String),
        kind=pl.lit("owner_position_added"),
        before=pl.lit(None, pl.String),
        after=pl.concat_str(pl.col("company"), pl.lit(SEP), pl.col("title"), ignore_nulls=True),
        evidence=pl.lit("Positions.csv of both exports"),
    ).cast(schema)  # type: ignore[arg-type]


def pair_changes(old: Any, new: Any) -> pl.DataFrame:
    """:func:`changes` of two exports, the earlier first (no checks)."""
    rows = pl.concat([_people_changes(old, new), _position_changes(old, new)])
    order = {k: i for i, k in enumerate(_KINDS)}
    return _frame(
        rows.with_columns(_o=pl.col("kind").replace_strict(order, return_dtype=pl.Int64))
        .sort("_o", "name", "person_id", nulls_last=True)
        .drop("_o"),
        old,
        new,
    )


_KINDS = (
    "company_changed",
    "title_changed",
    "connection_added",
    "connection_removed",
    "name_changed",
    "url_changed",
    "owner_position_added",
)


def changes(old: Export | History, new: Export | None = None) -> pl.DataFrame:
    """What changed between exports: job moves, new titles, new and removed connections.

    Parameters
    ----------
    old : Export or History
        Two exports: the earlier one (their order is checked by export date).
        A :class:`~tiekeeper.history.History` alone: every consecutive pair.
    new : Export, optional
        The later export.

    Returns
    -------
    polars.DataFrame
        The ``changes`` schema (:func:`tiekeeper.schema.describe`): one row per
        event, moves first.

    Raises
    ------
    ParameterError
        For anything but two Exports or one History.

    Examples
    --------
    >>> import tiekeeper
    >>> from tiekeeper.datasets import sample_history_path
    >>> history = tiekeeper.load_history(sample_history_path())
    >>> moves = tiekeeper.changes(history)
    >>> moves.columns[:5]
    ['person_id', 'name', 'kind', 'before', 'after']
    >>> "company_changed" in set(moves["kind"])
    True

    Two exports, in either order, give the changes between them:

    >>> old, new = history.snapshots[-2:]
    >>> tiekeeper.changes(new, old).equals(tiekeeper.changes(old, new))
    True
    """
    snaps = getattr(old, "snapshots", None)
    if new is None and snaps is not None:
        if len(snaps) < 2:
            return empty_frame("changes")
        return pl.concat([pair_changes(a, b) for a, b in itertools.pairwise(snaps)])
    if not hasattr(old, "connections") or not hasattr(new, "connections"):
        raise ParameterError(
            "changes takes two Exports (the earlier first) or one History from "
            f"tiekeeper.load_history; got {type(old).__name__} and {type(new).__name__}"
        )
    d_old, d_new = _date(old), _date(new)
    if d_old is not None and d_new is not None and d_old > d_new:
        return pair_changes(new, old)  # the earlier export first, whatever order they came in
    return pair_changes(old, new)
