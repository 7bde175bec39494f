"""The vectorised parts of :class:`~tiekeeper.report.redact.Redactor`: columns and graphs.

A report redacts frames of up to a million rows and a graph of 30,000 people
with 80,000 ties. Calling :meth:`Redactor.text` on every cell would cost
seconds, although almost every cell is a text seen before or holds no name at
all. These functions give exactly the per-cell result while calling Python
once per *unique* text (to find the ones with a name, an e-mail address or a
URL) and once per unique (text, person) pair among those.

Examples
--------
>>> from tiekeeper.report.redact import Redactor
>>> people = pl.DataFrame({"person_id": ["a"], "name": ["Ada Lovelace"]})
>>> r = Redactor(people, seed=0)
>>> redact_list_texts(r, pl.Series([["Ada wrote", "hi"], [], None]), None).to_list()
[['[name] wrote', 'hi'], [], None]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.report._redact_rules import DROP_COLUMNS, ID_COLUMNS, SAFE_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from tiekeeper.report.redact import Redactor

__all__ = ["clean_attributes", "redact_graph", "redact_list_texts", "redact_texts"]


def redact_texts(
    redactor: Redactor, values: pl.Series, person_ids: pl.Series | None = None
) -> pl.Series:
    """``[redactor.text(v, p) for v, p in zip(values, person_ids)]``, vectorised.

    Each unique text is checked once (:meth:`Redactor.needs_redaction`); the
    texts that need it are redacted once per unique (text, person) pair and
    joined back.
    """
    name = values.name
    values = values.cast(pl.String)
    suspects = [v for v in values.drop_nulls().unique().to_list() if redactor.needs_redaction(v)]
    if not suspects:
        return values
    pids = (
        person_ids.cast(pl.String)
        if person_ids is not None
        else pl.Series([None] * values.len(), dtype=pl.String)
    )
    rows = pl.DataFrame({"t": values, "p": pids})
    hits = rows.filter(pl.col("t").is_in(suspects)).unique(maintain_order=True)
    out = [redactor.text(t, p) for t, p in hits.iter_rows()]
    mapping = hits.with_columns(pl.Series("o", out, dtype=pl.String))
    joined = rows.join(mapping, on=["t", "p"], how="left", nulls_equal=True, maintain_order="left")
    return joined.select(pl.coalesce("o", "t").alias(name)).to_series()


def redact_list_texts(
    redactor: Redactor, col: pl.Series, person_ids: pl.Series | None
) -> pl.Series:
    """:func:`redact_texts` over a list-of-text column (empty and null lists kept)."""
    pids = person_ids if person_ids is not None else pl.Series([None] * col.len(), dtype=pl.String)
    rows = pl.DataFrame({"i": pl.int_range(col.len(), eager=True), "l": col, "p": pids})
    flat = rows.explode("l", empty_as_null=False, keep_nulls=False)
    flat = flat.with_columns(redact_texts(redactor, flat["l"], flat["p"]).alias("l"))
    back = flat.group_by("i", maintain_order=True).agg("l")
    whole = rows.select("i", _orig="l").join(back, on="i", how="left", maintain_order="left")
    return (
        whole.select(
            pl.when(pl.col("_orig").is_null())
            .then(None)
            .otherwise(pl.col("l").fill_null(pl.col("_orig")))
            .alias(col.name)
        )
        .to_series()
        .cast(col.dtype)
    )


def redact_graph(redactor: Redactor, graph: nx.Graph) -> nx.Graph:
    """See :meth:`Redactor.graph`."""
    originals = [str(n) for n in graph.nodes]
    index = {n: redactor.pseudo_id(o) for n, o in zip(graph.nodes, originals, strict=True)}
    out = graph.__class__()
    out.graph.update(graph.graph)
    # networkx copies every attribute dict; the copies are then cleaned in place
    out.add_nodes_from((index[n], d) for n, d in graph.nodes(data=True))
    clean_attributes(redactor, [d for _, d in out.nodes(data=True)], originals)
    out.add_edges_from((index[u], index[v], d) for u, v, d in graph.edges(data=True))
    clean_attributes(redactor, [d for _, _, d in out.edges(data=True)], None)
    return out


def clean_attributes(
    redactor: Redactor, dicts: list[dict[str, Any]], person_ids: list[str] | None
) -> None:
    """Redact attribute dicts in place, one attribute (column) at a time.

    ``person_ids`` gives each dict's person (nodes: their ``name`` becomes
    the pseudonym); None for edges. Only values that change are written.
    """
    keys: dict[str, None] = {}
    for d in dicts:
        keys.update(dict.fromkeys(d))
    for key in [k for k in keys if k in DROP_COLUMNS]:
        for d in dicts:
            d.pop(key, None)
    pids = pl.Series("p", person_ids, dtype=pl.String) if person_ids is not None else None
    for key in keys:
        if key in DROP_COLUMNS or key in SAFE_COLUMNS:
            continue
        if key == "name" and person_ids is not None:
            for d, p in zip(dicts, person_ids, strict=True):
                if "name" in d:
                    d["name"] = redactor.pseudonym(p)
            continue
        values = [d.get(key) for d in dicts]
        if all(v is None or isinstance(v, int | float) for v in values):
            continue
        if key not in ID_COLUMNS and all(v is None or isinstance(v, str) for v in values):
            old = pl.Series(key, values, dtype=pl.String)
            new = redact_texts(redactor, old, pids)
            changed = (new != old).fill_null(False).arg_true().to_list()
            redacted = new.gather(changed).to_list() if changed else []
            for i, value in zip(changed, redacted, strict=True):
                dicts[i][key] = value
            continue
        context: list[str | None] = (
            list(person_ids) if person_ids is not None else [None] * len(dicts)
        )
        for d, who in zip(dicts, context, strict=True):
            if key in d:
                d[key] = redactor.value(key, d[key], who)
