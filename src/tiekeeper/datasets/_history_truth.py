"""The truth of a history: every change between consecutive snapshots, one row each.

The rows are found by comparing what the two snapshots' files say, with the
rules :func:`tiekeeper.datasets.make_sample_history` documents, so the truth
and the files cannot disagree. Values are as :func:`tiekeeper.load_export`
reads them: names trimmed and NFC-normalised, URLs normalised
(:func:`tiekeeper.keys.normalize_profile_url`), companies and titles raw.

Examples
--------
>>> TRUTH_COLUMNS
('person_id', 'name', 'kind', 'before', 'after', 'seen_after', 'seen_before')
>>> title_key(pl.Series(["Data  Analyst ", "data analyst"])).to_list()
['data analyst', 'data analyst']
"""

from __future__ import annotations

import polars as pl

from tiekeeper.companies import is_placeholder_series, normalize_company_series
from tiekeeper.datasets._history_ids import URL_LAYOUTS, connection_ids
from tiekeeper.datasets._history_snapshot import Snapshot
from tiekeeper.keys import map_unique, normalize_profile_url

__all__ = ["KINDS", "SEP", "TRUTH_COLUMNS", "loaded_connections", "title_key", "truth_rows"]

#: Every kind of change, in the order the truth lists them.
KINDS = (
    "company_changed",
    "title_changed",
    "connection_added",
    "connection_removed",
    "name_changed",
    "url_changed",
    "owner_position_added",
)
#: Joins a company and a title in ``before`` / ``after``.
SEP = " · "
TRUTH_COLUMNS = ("person_id", "name", "kind", "before", "after", "seen_after", "seen_before")


def title_key(titles: pl.Series) -> pl.Series:
    """Titles compared case-insensitively, white space collapsed."""
    return titles.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()


def _connected_on(seconds: pl.Expr, layout: str) -> pl.Expr:
    moment = pl.from_epoch(seconds, time_unit="s").dt.replace_time_zone("UTC")
    if layout == "2018":  # F1: the day in US Pacific time
        moment = moment.dt.convert_time_zone("America/Los_Angeles")
    return moment.dt.date()


def loaded_connections(snap: Snapshot, layout: str) -> pl.DataFrame:
    """The snapshot's connections as loaded: ``pid``, ``person_id``, ``name``, ``url``,
    ``company``, ``position``, ``connected_on`` (rows with only a date are left out)."""
    c = snap.connections.filter(pl.col("_pid").is_not_null())
    name = (
        pl.concat_str(
            pl.col("First Name").fill_null(""), pl.col("Last Name").fill_null(""), separator=" "
        )
        .str.normalize("NFC")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )
    if layout in URL_LAYOUTS:
        url = map_unique(c["URL"], normalize_profile_url).alias("url")
    else:
        url = pl.repeat(None, c.height, dtype=pl.String, eager=True).alias("url")
    frame = c.select(
        pl.col("_pid").alias("pid"),
        name.alias("name"),
        pl.lit(url),
        pl.col("Company").alias("company"),
        pl.col("Position").alias("position"),
        _connected_on(pl.col("_seconds"), layout).alias("connected_on"),
    )
    ids = connection_ids(frame, layout, snap.senders)
    return frame.with_columns(ids)


def _with_title(company: str, title: str, retitled: pl.Expr) -> pl.Expr:
    return (
        pl.when(retitled & pl.col(title).is_not_null())
        .then(pl.concat_str(pl.col(company), pl.lit(SEP), pl.col(title)))
        .otherwise(pl.col(company))
    )


def _people_rows(old: pl.DataFrame, new: pl.DataFrame, layout: str) -> pl.DataFrame:
    both = old.join(new, on="pid", suffix="_n")
    ok = normalize_company_series(both["company"])
    nk = normalize_company_series(both["company_n"])
    real = ~is_placeholder_series(both["company"]) & ~is_placeholder_series(both["company_n"])
    retitled = (title_key(both["position"]) != title_key(both["position_n"])).fill_null(False)
    both = both.with_columns(
        _moved=(real & ok.is_not_null() & nk.is_not_null() & (ok != nk)).fill_null(False),
        _same=(ok == nk).fill_null(False),
        _retitled=retitled,
    )
    later = {"person_id": pl.col("person_id_n"), "name": pl.col("name_n")}
    parts = [
        both.filter("_moved").select(
            **later,
            kind=pl.lit("company_changed"),
            before=_with_title("company", "position", pl.col("_retitled")),
            after=_with_title("company_n", "position_n", pl.col("_retitled")),
        ),
        both.filter(pl.col("_same") & pl.col("_retitled")).select(
            **later, kind=pl.lit("title_changed"), before="position", after="position_n"
        ),
        both.filter(
            pl.col("name").str.to_lowercase() != pl.col("name_n").str.to_lowercase()
        ).select(**later, kind=pl.lit("name_changed"), before="name", after="name_n"),
        new.join(old, on="pid", how="anti").select(
            "person_id",
            "name",
            kind=pl.lit("connection_added"),
            before=pl.lit(None, pl.String),
            after="company",
        ),
        old.join(new, on="pid", how="anti").select(
            "person_id",
            "name",
            kind=pl.lit("connection_removed"),
            before="company",
            after=pl.lit(None, pl.String),
        ),
    ]
    if layout in URL_LAYOUTS:
        parts.append(
            both.filter(
                pl.col("url").str.to_lowercase() != pl.col("url_n").str.to_lowercase()
            ).select(**later, kind=pl.lit("url_changed"), before="url", after="url_n")
        )
    columns = ("person_id", "name", "kind", "before", "after")
    return pl.concat([p.select(columns).cast(pl.String) for p in parts])


def _position_rows(old: pl.DataFrame, new: pl.DataFrame, owner: str) -> pl.DataFrame:
    def keyed(p: pl.DataFrame) -> pl.DataFrame:
        return p.with_columns(
            _k=normalize_company_series(p["Company Name"]),
            _t=title_key(p["Title"]),
            _s=pl.col("Started On"),
        )

    added = keyed(new).join(keyed(old), on=["_k", "_t", "_s"], how="anti")
    return added.select(
        person_id=pl.lit(None, pl.String),
        name=pl.lit(owner),
        kind=pl.lit("owner_position_added"),
        before=pl.lit(None, pl.String),
        after=pl.concat_str("Company Name", pl.lit(SEP), "Title"),
    )


def truth_rows(old: Snapshot, new: Snapshot, *, layout: str, owner: str) -> pl.DataFrame:
    """Every change from snapshot ``old`` to the next one, ``new`` (columns
    :data:`TRUTH_COLUMNS`), sorted by kind (:data:`KINDS`), name and id."""
    people = _people_rows(loaded_connections(old, layout), loaded_connections(new, layout), layout)
    rows = pl.concat([people, _position_rows(old.positions, new.positions, owner)])
    order = {k: i for i, k in enumerate(KINDS)}
    return (
        rows.filter(pl.col("person_id").is_not_null() | (pl.col("kind") == KINDS[-1]))
        .with_columns(
            seen_after=pl.lit(old.day, dtype=pl.Date),
            seen_before=pl.lit(new.day, dtype=pl.Date),
            _o=pl.col("kind").replace_strict(order, return_dtype=pl.Int64),
        )
        .sort("_o", "name", "person_id", "before", "after", nulls_last=True, maintain_order=True)
        .select(TRUTH_COLUMNS)
    )
