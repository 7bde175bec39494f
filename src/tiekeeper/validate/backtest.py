"""The time-split backtest (reference §10.1) and the half-life fit.

At each cutoff T the candidates are the people with at least one message up to
T; the label is any message with them in (T, T + H]. Each model ranks the
candidates using events up to T only:

* ``score``: S*, the ranked strength of :func:`tiekeeper.score` (the blend of
  S and K with the cadence penalty, 0 for a cold pitch). On an export, cold
  pitches are found from messages only: a recruiting title is export-time
  information, which would leak the future into past cutoffs;
* ``score_no_cadence``: the blend without the cadence penalty (an ablation);
* ``recency``: minus the days since the last message;
* ``frequency``: the lifetime message count;
* ``window90``: messages in the last 90 days;
* ``random``: a seeded uniform draw.

The metrics are pooled AUC, the per-ego AUC for multi-ego data (every node of
a public dataset is an ego), and precision at 5, 10 and 20. No labels from the
user are needed: the user's own history is the test set.

Examples
--------
>>> import datetime as dt
>>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
>>> rows = [("steady", day(d), "message", "out") for d in range(0, 200, 7)]
>>> rows += [("gone", day(d), "message", "in") for d in range(0, 60, 2)]
>>> f = pl.DataFrame(rows, schema=["person_id", "time", "kind", "direction"], orient="row")
>>> r = backtest(f, cutoffs=[day(100)], horizons=(30,))
>>> r.table.filter(pl.col("model") == "score").select("n", "positives", "auc").row(0)
(2, 1, 1.0)
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from tiekeeper.asof import AsOf, end_of_day, resolve_as_of
from tiekeeper.errors import ParameterError
from tiekeeper.schema import polars_schema
from tiekeeper.scoring._frames import export_frames, prepare_interactions, to_us
from tiekeeper.scoring.decay import DAY_US
from tiekeeper.scoring.features import person_features
from tiekeeper.scoring.params import ScoringParams
from tiekeeper.scoring.pitches import pitch_evidence
from tiekeeper.scoring.strength import check_params
from tiekeeper.validate.metrics import auc_by, precision_at_k

if TYPE_CHECKING:
    from tiekeeper.io import Export

__all__ = ["MODELS", "BacktestResult", "backtest"]

#: The ranked models, the proposed score first.
MODELS: tuple[str, ...] = (
    "score",
    "score_no_cadence",
    "recency",
    "frequency",
    "window90",
    "random",
)
Label = Literal["any", "outgoing", "one_to_one"]
_LABELS = ("any", "outgoing", "one_to_one")
_KS = (5, 10, 20)


@dataclass(frozen=True)
class BacktestResult:
    """The outcome of :func:`backtest`.

    :func:`backtest` builds it; the fields below are also its attributes.

    Parameters
    ----------
    table : polars.DataFrame
        One row per cutoff, horizon and model (the ``backtest`` schema).
    summary : polars.DataFrame
        Means over cutoffs per horizon and model, with ``cutoffs`` counted.
    params : ScoringParams
        The parameters of the ``score`` model.
    label : str
        The label variant.

    Examples
    --------
    >>> import datetime as dt
    >>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
    >>> rows = [(p, day(d), "message", "out") for p in "ab" for d in range(0, 90, 3)]
    >>> f = pl.DataFrame(rows, schema=["person_id", "time", "kind", "direction"], orient="row")
    >>> result = backtest(f, cutoffs=[day(40)], horizons=(30,))
    >>> result.label, sorted(set(result.table["model"])) == sorted(MODELS)
    ('any', True)
    """

    table: pl.DataFrame
    summary: pl.DataFrame
    params: ScoringParams
    label: str

    def acceptance(self, tolerance: float = 0.01) -> pl.DataFrame:
        """Per horizon: the score's mean AUC against the better of recency and frequency.

        ``ok`` is true when the score is at most ``tolerance`` below that baseline.

        Parameters
        ----------
        tolerance : float
            How far (in AUC) the score may fall below the baseline and pass.

        Returns
        -------
        polars.DataFrame
            One row per horizon: ``score``, ``best_baseline`` and which
            ``baseline`` it is, ``margin`` (score minus baseline) and ``ok``.

        Examples
        --------
        >>> import datetime as dt
        >>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
        >>> rows = [(p, day(d), "message", "out") for p in "ab" for d in range(0, 90, 3)]
        >>> f = pl.DataFrame(rows, schema=["person_id", "time", "kind", "direction"], orient="row")
        >>> backtest(f, cutoffs=[day(40)], horizons=(30,)).acceptance().columns
        ['horizon', 'score', 'best_baseline', 'baseline', 'margin', 'ok']
        """
        s = self.summary
        wide = s.pivot(on="model", index="horizon", values="auc")
        base = pl.max_horizontal("recency", "frequency")
        return wide.select(
            "horizon",
            pl.col("score"),
            best_baseline=base,
            baseline=pl.when(pl.col("recency") >= pl.col("frequency"))
            .then(pl.lit("recency"))
            .otherwise(pl.lit("frequency")),
            margin=pl.col("score") - base,
            ok=pl.col("score") >= base - tolerance,
        ).sort("horizon")


def backtest(
    data: Export | pl.DataFrame,
    *,
    cutoffs: Iterable[AsOf] | None = None,
    horizons: Sequence[int] = (30, 90, 180),
    params: ScoringParams | None = None,
    label: Label = "any",
    egos: Iterable[str] | None = None,
    seed: int = 0,
    max_cutoffs: int = 12,
    cold_pitches: bool = True,
) -> BacktestResult:
    """Time-split backtest of the score against recency, frequency and other baselines.

    Parameters
    ----------
    data : Export or polars.DataFrame
        An export, or an interactions-like frame (``person_id``, ``time``,
        ``kind``, ``direction``, …). A frame with an ``ego`` column is
        multi-ego: every ego is scored separately and ego-AUC is reported.
    cutoffs : iterable of date, aware datetime or str, optional
        The cutoffs T (a date means its end in UTC). By default the end of a
        day every 90 days (an eighth of the span, at least 7 days, for data
        under two years), starting after a year of messages (or a quarter of
        the span if shorter); the latest ``max_cutoffs`` are kept.
    horizons : sequence of int
        H in days. A (cutoff, horizon) pair is used only when T + H is within
        the data, so horizons are capped by the span.
    params : ScoringParams, optional
        Parameters of the ``score`` model.
    label : {'any', 'outgoing', 'one_to_one'}
        What counts as contact in (T, T + H]: any message, a message the owner
        (ego) sent, or a message in a 1:1 conversation.
    egos : iterable of str, optional
        Restrict multi-ego data to these egos.
    seed : int
        Seed of the random baseline.
    max_cutoffs : int
        Keep at most this many automatic cutoffs (the latest).
    cold_pitches : bool
        Give cold pitches (found from an export's messages) a score of 0, as
        :func:`tiekeeper.score` does. ``False`` is the ablation without it.

    Returns
    -------
    BacktestResult
        The AUC and precision of each model at each cutoff and horizon
        (``table``), their means (``summary``) and ``acceptance()``.

    Raises
    ------
    ParameterError
        For bad horizons or labels, or naive datetimes. Data without messages
        (a Connections-only export) is no error: there is nothing to predict,
        and the result's tables are empty.

    Examples
    --------
    >>> import tiekeeper as tk
    >>> result = backtest(tk.load_export())  # the bundled sample
    >>> result.acceptance().select("horizon", "baseline", "ok").rows()
    [(30, 'recency', True), (90, 'recency', True), (180, 'recency', True)]
    """
    p = check_params(params)
    if label not in _LABELS:
        raise ParameterError(f"label={label!r}; expected one of {list(_LABELS)}")
    hs = _horizons(horizons)
    ev, connected, pitchers = _events(data, cold_pitches)
    by = ["ego", "person_id"] if "ego" in ev.columns else ["person_id"]
    if egos is not None:
        if "ego" not in ev.columns:
            raise ParameterError("egos= needs multi-ego data: a frame with an 'ego' column")
        ev = ev.filter(pl.col("ego").is_in([str(e) for e in egos]))
    msgs = ev.filter(pl.col("kind") == "message").with_columns(_t=pl.col("time").dt.epoch("us"))
    if msgs.height == 0:  # nothing to predict: an empty result, which notebooks show as such
        table = _table([])
        return BacktestResult(table=table, summary=_summary(table), params=p, label=label)
    first, last = int(msgs["_t"].min()), int(msgs["_t"].max())  # type: ignore[arg-type]
    cuts = _cutoffs(cutoffs, first, last, min(hs), max_cutoffs)
    rows: list[dict[str, Any]] = []
    for i, cut in enumerate(cuts):
        usable = [h for h in hs if cut + h * DAY_US <= last]
        if not usable:
            continue
        cands = _candidates(ev, msgs, cut, p, by, connected, seed + i, pitchers)
        if cands.height == 0:
            continue
        for h in usable:
            labelled = _label(cands, msgs, cut, h, by, label)
            rows += _metrics(labelled, cut, h, label, by)
    table = _table(rows)
    return BacktestResult(table=table, summary=_summary(table), params=p, label=label)


def _horizons(horizons: Sequence[int]) -> list[int]:
    hs = list(horizons)
    if not hs or any(isinstance(h, bool) or not isinstance(h, int) or h < 1 for h in hs):
        raise ParameterError(
            f"horizons={horizons!r}; expected whole numbers of days >= 1, e.g. (30, 90, 180)"
        )
    return sorted(set(hs))


def _events(
    data: Any, cold_pitches: bool = True
) -> tuple[pl.DataFrame, pl.DataFrame | None, pl.DataFrame | None]:
    """Interactions, connection dates (leakage guard) and people with pitch evidence."""
    if isinstance(data, pl.DataFrame):
        return prepare_interactions(data, name="data"), None, None
    fr = export_frames(data)
    connected = None
    if "connected_on" in fr.people.columns:
        connected = fr.people.select("person_id", "connected_on").filter(
            pl.col("connected_on").is_not_null()
        )
    pitchers = None
    if cold_pitches and fr.messages is not None and fr.interactions.height:
        writers = fr.interactions.filter(
            (pl.col("kind") == "message") & (pl.col("direction") == "in")
        )["person_id"].unique()
        last = int(fr.interactions["time"].dt.epoch("us").max())  # type: ignore[arg-type]
        pitchers = pitch_evidence(fr.messages, None, writers.to_list(), last)
    return fr.interactions, connected, pitchers


def _cutoffs(
    cutoffs: Iterable[AsOf] | None, first: int, last: int, min_h: int, max_cutoffs: int
) -> list[int]:
    if cutoffs is not None:
        return sorted({to_us(resolve_as_of(c, name="cutoffs")) for c in cutoffs})
    span = (last - first) / DAY_US
    step = 90 if span >= 730 else max(7, round(span / 8))
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    start_day = (epoch + dt.timedelta(microseconds=first + min(365.0, span / 4) * DAY_US)).date()
    out = []
    t = to_us(end_of_day(start_day))
    while t + min_h * DAY_US <= last:
        out.append(t)
        t += step * DAY_US
    return out[-max_cutoffs:]


def _candidates(
    ev: pl.DataFrame,
    msgs: pl.DataFrame,
    cut: int,
    p: ScoringParams,
    by: list[str],
    connected: pl.DataFrame | None,
    seed: int,
    pitchers: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Features at T for people with a message up to T, plus the baselines."""
    feats = person_features(
        ev.filter(pl.col("kind") != "contact_log"),
        as_of_us=cut,
        params=p,
        by=by,
        pitchers=pitchers,
    )
    past = msgs.filter(pl.col("_t") <= cut)
    window = cut - 90 * DAY_US
    counts = past.group_by(by).agg(
        frequency=pl.len().cast(pl.Float64),
        window90=(pl.col("_t") > window).sum().cast(pl.Float64),
        _last=pl.col("_t").max(),
    )
    cands = feats.join(counts, on=by, how="inner")
    if connected is not None:
        # leakage guard: Connections is export-time, so drop people connected after T
        day = (dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=cut)).date()
        late = connected.filter(pl.col("connected_on") > day).select("person_id")
        cands = cands.join(late, on="person_id", how="anti")
    cands = cands.sort(by)
    rng = random.Random(seed)
    return cands.select(
        *by,
        score=pl.col("S_star"),
        score_no_cadence=pl.col("S_blend"),
        recency=-(pl.lit(cut) - pl.col("_last")).cast(pl.Float64) / DAY_US,
        frequency=pl.col("frequency"),
        window90=pl.col("window90"),
        random=pl.Series([rng.random() for _ in range(cands.height)], dtype=pl.Float64),
    )


def _label(
    cands: pl.DataFrame, msgs: pl.DataFrame, cut: int, h: int, by: list[str], label: str
) -> pl.DataFrame:
    future = msgs.filter((pl.col("_t") > cut) & (pl.col("_t") <= cut + h * DAY_US))
    if label == "outgoing":
        future = future.filter(pl.col("direction") == "out")
    elif label == "one_to_one":
        future = future.filter(pl.col("participants") == 1)
    hit = future.select(by).unique().with_columns(y=pl.lit(True))
    return cands.join(hit, on=by, how="left").with_columns(pl.col("y").fill_null(False))


def _metrics(f: pl.DataFrame, cut: int, h: int, label: str, by: list[str]) -> list[dict[str, Any]]:
    egos = by[:-1] or None
    when = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=cut)
    rows = []
    for model in MODELS:
        pooled = auc_by(f, model, "y")
        ego_auc = None
        if egos:
            per = auc_by(f, model, "y", by=egos).filter(
                (pl.col("n") >= 5) & pl.col("auc").is_not_null()
            )
            ego_auc = per["auc"].mean() if per.height else None
        row: dict[str, Any] = {
            "cutoff": when,
            "horizon": h,
            "label": label,
            "model": model,
            "n": int(pooled["n"][0]),
            "positives": int(pooled["positives"][0]),
            "auc": pooled["auc"][0],
            "ego_auc": ego_auc,
        }
        for k in _KS:
            row[f"p_at_{k}"] = precision_at_k(f, model, "y", k, by=egos)
        rows.append(row)
    return rows


def _table(rows: list[dict[str, Any]]) -> pl.DataFrame:
    schema = polars_schema("backtest")
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame(rows, schema=schema)


def _summary(table: pl.DataFrame) -> pl.DataFrame:
    metrics = ["n", "positives", "auc", "ego_auc", "p_at_5", "p_at_10", "p_at_20"]
    order = {m: i for i, m in enumerate(MODELS)}
    return (
        table.group_by("horizon", "model")
        .agg(
            pl.len().cast(pl.Int64).alias("cutoffs"),
            *[pl.col(m).cast(pl.Float64).mean() for m in metrics],
        )
        .with_columns(_o=pl.col("model").replace_strict(order, return_dtype=pl.Int64))
        .sort("horizon", "_o")
        .drop("_o")
    )
