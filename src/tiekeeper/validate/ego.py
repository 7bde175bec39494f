"""The ego backtest: does ``strength`` rank each person's next contacts first?

A public message log (sender, recipient, time) has no owner, so every busy
person in it becomes the owner of a LinkedIn export of their own:

1. **Egos**: the ``egos`` people with the most distinct contacts (at least
   ``min_contacts``); ties go to the smaller id (numeric ids compare as numbers).
2. **Cut**: each ego's cutoff T is ``first + cutoff_share · (last − first)``
   over the ego's own events.
3. **Export**: the ego's events up to T are written as a LinkedIn-format
   export (``Profile.csv``, ``Connections.csv``, ``messages.csv``): one 1:1
   conversation per contact, every contact a connection since the day of
   their first message, and every message a different text, so that the
   identity signals (:mod:`tiekeeper.io.kinds`) class every contact a person.
4. **Score**: :func:`tiekeeper.score` on the loaded export at ``as_of=T``
   with no state file.
5. **Rank and label**: the candidates are the contacts seen up to T; the
   label is whether they are in contact (either direction) in (T, T + H].

Models: ``strength`` (the score's ranked strength S*, of which the 0–100
``strength`` is a monotone transform that rounds off at the top), ``recency``
(minus the time since the last contact) and ``frequency`` (the number of
events up to T), plus any ``variants`` (other :class:`ScoringParams`). Per
horizon and model the result is the mean AUC over the egos whose labels hold
both classes, with a percentile bootstrap interval over egos (seeded).

Examples
--------
>>> import datetime as dt
>>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
>>> rows = [("me", f"s{i}", day(d)) for i in range(3) for d in range(0, 300, 10)]
>>> rows += [("me", f"g{i}", day(d)) for i in range(3) for d in range(0, 100, 10)]
>>> ev = pl.DataFrame(rows, schema=["sender", "recipient", "time"], orient="row")
>>> r = ego_backtest(ev, egos=1, min_contacts=5, horizons=(30,))
>>> r.summary.select("model", "auc").rows()   # steady ties go on, the others stopped
[('strength', 1.0), ('recency', 1.0), ('frequency', 1.0)]
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.scoring.decay import DAY_US
from tiekeeper.scoring.params import ScoringParams, check_params
from tiekeeper.validate.metrics import auc_by

if TYPE_CHECKING:
    from tiekeeper.history import History
    from tiekeeper.io import Export

__all__ = [
    "BASELINES",
    "EgoBacktest",
    "EgoCase",
    "ego_backtest",
    "ego_cases",
    "ego_export_files",
    "owner_events",
    "pick_egos",
]

#: The baselines every ego backtest reports next to ``strength``.
BASELINES: tuple[str, ...] = ("recency", "frequency")
_URL = "https://www.linkedin.com/in/tk-ego-"
_FIRST = (
    "Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun",
    "Kai", "Lea", "Milo", "Nia", "Otto", "Pia", "Quin", "Rosa", "Sami", "Tess",
)  # fmt: skip
_SYL = ("ka", "ro", "mi", "ten", "sa", "lu", "vor", "ne", "di", "bel")
_TOPICS = (
    "the draft you shared",
    "our call on Tuesday",
    "the meetup next month",
    "your new project",
    "the reading list",
    "that conference talk",
    "the hiring plan",
    "your question about the data",
    "the workshop slides",
    "lunch sometime soon",
    "the article you sent",
    "our earlier thread",
)
_OPENERS = ("Hi", "Hey", "Hello", "Thanks", "Good to hear from you", "Quick note")


@dataclass(frozen=True)
class EgoCase:
    """One ego, cut at T: the loaded export, the candidates and their baselines.

    :func:`ego_cases` builds them; the fields below are also its attributes.

    Parameters
    ----------
    ego : str
        The ego's id in the event list.
    cutoff : datetime.datetime
        T (aware UTC).
    export : tiekeeper.Export
        The ego's export up to T, loaded with ``as_of=T``.
    candidates : polars.DataFrame
        ``contact``, ``person_id``, ``recency`` (minus days since the last
        event), ``frequency`` (events up to T) and ``next_days`` (days from T
        to the next event, null if none).

    Examples
    --------
    >>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
    >>> ev = pl.DataFrame([("a", f"c{i}", day(i)) for i in range(10)],
    ...                   schema=["sender", "recipient", "time"], orient="row")
    >>> case = ego_cases(ev, egos=["a"])[0]
    >>> case.ego, case.candidates.columns
    ('a', ['contact', 'person_id', 'recency', 'frequency', 'next_days'])
    """

    ego: str
    cutoff: dt.datetime
    export: Export
    candidates: pl.DataFrame


@dataclass(frozen=True)
class EgoBacktest:
    """The outcome of :func:`ego_backtest`.

    :func:`ego_backtest` builds it; the fields below are also its attributes.

    Parameters
    ----------
    summary : polars.DataFrame
        Per horizon and model: ``horizon``, ``model``, ``auc`` (mean over
        egos), ``ci_low`` and ``ci_high`` (the bootstrap interval of that
        mean), ``egos`` (egos with both classes).
    per_ego : polars.DataFrame
        ``ego``, ``horizon``, ``model``, ``n``, ``positives`` and ``auc``.
    egos : tuple of str
        The egos picked, busiest first.
    params : ScoringParams
        The parameters of ``strength``.

    Examples
    --------
    >>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
    >>> rows = [("a", f"c{c}", day(d)) for c in range(6) for d in range(c, 100 - 50 * (c > 2), 7)]
    >>> ev = pl.DataFrame(rows, schema=["sender", "recipient", "time"], orient="row")
    >>> result = ego_backtest(ev, egos=["a"], horizons=(30,), bootstrap=20)
    >>> result.egos, result.summary["model"].to_list()
    (('a',), ['strength', 'recency', 'frequency'])
    """

    summary: pl.DataFrame
    per_ego: pl.DataFrame
    egos: tuple[str, ...]
    params: ScoringParams

    def margins(self, model: str = "strength") -> pl.DataFrame:
        """Per horizon: ``model``'s mean AUC minus the better of recency and frequency.

        Parameters
        ----------
        model : str
            A model in ``summary``: ``"strength"`` or a variant's name.

        Returns
        -------
        polars.DataFrame
            One row per horizon: ``model``'s AUC (in a column named for it),
            ``best_baseline``, which ``baseline`` that is, and ``margin``.
            Empty (with these columns) when no ego could be scored.

        Examples
        --------
        >>> r = EgoBacktest(pl.DataFrame({"horizon": [30] * 3,
        ...     "model": ["strength", "recency", "frequency"], "auc": [0.8, 0.75, 0.78]}),
        ...     pl.DataFrame(), (), ScoringParams())
        >>> r.margins().rows()
        [(30, 0.8, 0.78, 'frequency', 0.02)]
        """
        if self.summary.height == 0:  # no ego could be scored (e.g. no messages at all)
            return pl.DataFrame(
                schema={
                    "horizon": pl.Int64,
                    model: pl.Float64,
                    "best_baseline": pl.Float64,
                    "baseline": pl.String,
                    "margin": pl.Float64,
                }
            )
        wide = self.summary.pivot(on="model", index="horizon", values="auc")
        best = pl.max_horizontal(*BASELINES)
        return wide.select(
            "horizon",
            pl.col(model).alias(model),
            best_baseline=best,
            baseline=pl.when(pl.col("recency") >= pl.col("frequency"))
            .then(pl.lit("recency"))
            .otherwise(pl.lit("frequency")),
            margin=(pl.col(model) - best).round(6),
        ).sort("horizon")


def pick_egos(
    events: pl.DataFrame, egos: int, min_contacts: int = 25, *, sender: str = "sender",
    recipient: str = "recipient",
) -> list[str]:  # fmt: skip
    """The ``egos`` people with the most distinct contacts, at least ``min_contacts``.

    Ties go to the smaller id: numeric ids compare as numbers, others as text.

    Examples
    --------
    >>> ev = pl.DataFrame({"sender": ["a", "a", "b", "c"], "recipient": ["b", "c", "c", "a"]})
    >>> pick_egos(ev, 2, min_contacts=2)
    ['a', 'b']
    """
    pairs = _pairs(events, sender, recipient)
    counts = pairs.unique().group_by("ego").agg(n=pl.len()).filter(pl.col("n") >= min_contacts)
    numeric = counts["ego"].str.contains(r"^\d+$").all()
    order = pl.col("ego").cast(pl.Int64) if numeric else pl.col("ego")
    ranked = counts.with_columns(_o=order).sort(["n", "_o"], descending=[True, False])
    return ranked["ego"].head(egos).to_list()


def _pairs(events: pl.DataFrame, sender: str, recipient: str) -> pl.DataFrame:
    s, r = pl.col(sender).cast(pl.String), pl.col(recipient).cast(pl.String)
    base = events.filter(s != r)
    return pl.concat([base.select(ego=s, contact=r), base.select(ego=r, contact=s)], how="vertical")


def owner_events(export: Export | History, owner: str = "owner") -> pl.DataFrame:
    """The owner's messages as an event list, to run :func:`ego_backtest` on your own export.

    Every message interaction becomes one event between ``owner`` and the
    person (sent: owner → person; received: person → owner). Group messages
    count once per person, like the export's interactions.

    Parameters
    ----------
    export : Export or History
        From :func:`tiekeeper.load_export` (a History: its merged record).
    owner : str
        The id that stands for you in the events.

    Returns
    -------
    polars.DataFrame
        ``sender``, ``recipient`` and ``time`` (aware UTC), one row per message
        interaction.

    Examples
    --------
    >>> import tiekeeper
    >>> ev = owner_events(tiekeeper.load_export())
    >>> ev.columns, ev.filter(pl.col("sender") == "owner").height > 0
    (['sender', 'recipient', 'time'], True)
    """
    from tiekeeper.scoring._frames import export_frames

    msgs = export_frames(export).interactions.filter(pl.col("kind") == "message")
    out = pl.col("direction") == "out"
    me, other = pl.lit(owner), pl.col("person_id")
    return msgs.select(
        sender=pl.when(out).then(me).otherwise(other),
        recipient=pl.when(out).then(other).otherwise(me),
        time="time",
    )


def _check_events(events: Any, sender: str, recipient: str, time: str) -> pl.DataFrame:
    if not isinstance(events, pl.DataFrame):
        raise ParameterError(
            f"events must be a polars DataFrame with columns {sender!r}, {recipient!r} and "
            f"{time!r}; got {type(events).__name__}"
        )
    missing = [c for c in (sender, recipient, time) if c not in events.columns]
    if missing:
        raise ParameterError(
            f"events lacks column(s) {missing}; found {events.columns}. Pass sender=, "
            "recipient= and time= naming them"
        )
    dtype = events.schema[time]
    if not isinstance(dtype, pl.Datetime) or dtype.time_zone is None:
        raise ParameterError(
            f"events.{time} must be a timezone-aware datetime; found {dtype}. "
            "Use .dt.replace_time_zone('UTC') if the times are UTC"
        )
    return events.select(
        sender=pl.col(sender).cast(pl.String),
        recipient=pl.col(recipient).cast(pl.String),
        time=pl.col(time).dt.convert_time_zone("UTC").dt.cast_time_unit("us"),
    ).filter(pl.col("sender") != pl.col("recipient"))


def _name(key: str) -> tuple[str, str]:
    """A made-up person name for an id: a first name and a syllable surname."""
    h = sum((i + 1) * ord(ch) for i, ch in enumerate(key))
    first = _FIRST[h % len(_FIRST)]
    digits = [ord(ch) for ch in key] or [0]
    last = "".join(_SYL[d % len(_SYL)] for d in digits[:4]) + _SYL[(h // 7) % len(_SYL)]
    return first, last.capitalize()


def ego_export_files(ego: str, past: pl.DataFrame, cutoff: dt.datetime) -> dict[str, bytes]:
    """The LinkedIn-format files of one ego's events up to the cutoff.

    Parameters
    ----------
    ego : str
    past : polars.DataFrame
        ``sender``, ``recipient``, ``time`` (aware UTC): the ego's events up to T.
    cutoff : datetime.datetime
        T; it dates the export.

    Returns
    -------
    dict of str to bytes
        ``Profile.csv``, ``Connections.csv`` (one row per contact, connected
        on the day of the first event) and ``messages.csv`` (one 1:1
        conversation per contact, every text different).

    Examples
    --------
    >>> t = dt.datetime(2024, 1, 2, 9, 30, tzinfo=dt.UTC)
    >>> past = pl.DataFrame({"sender": ["1", "2"], "recipient": ["2", "1"], "time": [t, t]})
    >>> files = ego_export_files("1", past, t)
    >>> sorted(files)
    ['Connections.csv', 'Profile.csv', 'messages.csv']
    >>> files["messages.csv"].decode().splitlines()[1].split(",")[2:4]
    ['Jun Belne', 'https://www.linkedin.com/in/tk-ego-1']
    """
    from tiekeeper.datasets._format import (
        CONNECTIONS_PREAMBLE,
        HEADERS,
        fmt_f4,
        fmt_f8,
        render_lines,
    )

    ids = pl.concat([past["sender"], past["recipient"], pl.Series([ego])]).unique().sort()
    names = pl.DataFrame(
        {"id": ids, "_n": [" ".join(_name(k)) for k in ids.to_list()]}
    ).with_columns(url=pl.lit(_URL) + pl.col("id"))
    first, last = _name(ego)
    profile = HEADERS["Profile.csv"] + "\n" + f"{first},{last}" + "," * 11 + "\n"
    rows = (
        past.with_row_index("_i")
        .with_columns(
            contact=pl.when(pl.col("sender") == ego)
            .then(pl.col("recipient"))
            .otherwise(pl.col("sender")),
        )
        .join(names.rename({"id": "sender", "_n": "from", "url": "from_url"}), on="sender")
        .join(names.rename({"id": "recipient", "_n": "to", "url": "to_url"}), on="recipient")
        .sort("_i")
    )
    opener = pl.lit(list(_OPENERS)).list.get(pl.col("_i") % len(_OPENERS))
    topic = pl.lit(list(_TOPICS)).list.get((pl.col("_i") * 7) % len(_TOPICS))
    text = pl.format("{} {}, about {}: note {} from me.", opener, pl.col("to"), topic, "_i")
    msgs = rows.select(
        cid=pl.format("2-tk-{}", "contact"),
        title=pl.lit(""),
        frm=pl.col("from"),
        frm_url=pl.col("from_url"),
        to=pl.col("to"),
        to_url=pl.col("to_url"),
        date=fmt_f4(pl.col("time").dt.epoch("s")),
        subject=pl.lit(""),
        content=text,
        folder=pl.lit("INBOX"),
        draft=pl.lit("No"),
    )
    first_day = rows.group_by("contact").agg(day=pl.col("time").min().dt.date()).sort("contact")
    conn = (
        first_day.join(names.rename({"id": "contact"}), on="contact")
        .sort("contact")
        .select(
            first=pl.col("_n").str.split(" ").list.first(),
            last=pl.col("_n").str.split(" ").list.last(),
            url="url",
            email=pl.lit(""),
            company=pl.lit(""),
            position=pl.lit(""),
            day=pl.col("day").map_elements(fmt_f8, return_dtype=pl.String),
        )
    )

    def table(name: str, body: pl.DataFrame, pre: str = "") -> bytes:
        lines = render_lines(body.select(pl.all().cast(pl.String)))
        return (pre + HEADERS[name] + "\n" + "".join(f"{x}\n" for x in lines)).encode()

    return {
        "Profile.csv": profile.encode(),
        "Connections.csv": table("Connections.csv", conn, CONNECTIONS_PREAMBLE),
        "messages.csv": table("messages.csv", msgs),
    }


def ego_cases(
    events: pl.DataFrame,
    *,
    egos: int | Sequence[str] = 15,
    cutoff_share: float = 0.6,
    min_contacts: int = 25,
    sender: str = "sender",
    recipient: str = "recipient",
    time: str = "time",
    workdir: str | Path | None = None,
) -> list[EgoCase]:
    """Write, cut and load each ego's export (steps 1–3 of :func:`ego_backtest`).

    ``egos`` is a count (the busiest) or an explicit list of ids. The exports
    are written under ``workdir`` (default: a temporary folder, removed
    before returning; the loaded exports keep everything they need).

    Parameters
    ----------
    events : polars.DataFrame
        One row per message: ``sender``, ``recipient`` and an aware ``time``.
    egos : int or sequence of str
        How many egos (the busiest, 15) or which.
    cutoff_share : float
        T at this share of each ego's own span (0.6).
    min_contacts : int
        With a count of ``egos``: an ego needs this many distinct contacts (25).
    sender, recipient, time : str
        Column names.
    workdir : str or Path, optional
        Where to write the exports (kept); default a temporary folder.

    Returns
    -------
    list of EgoCase
        One per ego that has events, in the order chosen.

    Raises
    ------
    ParameterError
        For bad columns or ``cutoff_share``, or when no ego qualifies.

    Examples
    --------
    >>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
    >>> ev = pl.DataFrame([("a", f"c{i}", day(i)) for i in range(10)],
    ...                   schema=["sender", "recipient", "time"], orient="row")
    >>> case = ego_cases(ev, egos=["a"])[0]
    >>> case.cutoff.date(), case.candidates.height, case.export.people.height
    (datetime.date(2024, 1, 6), 6, 6)
    """
    if not 0.0 < float(cutoff_share) < 1.0:
        raise ParameterError(
            f"cutoff_share={cutoff_share!r}; expected a number between 0 and 1, e.g. 0.6"
        )
    ev = _check_events(events, sender, recipient, time)
    chosen = pick_egos(ev, egos, min_contacts) if isinstance(egos, int) else [str(e) for e in egos]
    if isinstance(egos, int) and egos < 1:
        raise ParameterError(f"egos={egos!r}; expected a positive count or a list of ids")
    if not chosen:
        raise ParameterError(
            f"no person in events has {min_contacts} or more distinct contacts; pass a "
            "smaller min_contacts= or a list of egos="
        )
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="tk-ego-") as tmp:
            return _cases(ev, chosen, cutoff_share, Path(tmp))
    return _cases(ev, chosen, cutoff_share, Path(workdir))


def _cases(ev: pl.DataFrame, chosen: list[str], share: float, root: Path) -> list[EgoCase]:
    from tiekeeper.io import load_export

    out: list[EgoCase] = []
    for ego in chosen:
        mine = ev.filter((pl.col("sender") == ego) | (pl.col("recipient") == ego)).sort(
            "time", maintain_order=True
        )
        if mine.height == 0:  # nothing to cut or predict (a Connections-only export)
            continue
        t = mine["time"].dt.epoch("us")
        lo, hi = int(t.min()), int(t.max())  # type: ignore[arg-type]
        cut_us = lo + int(share * (hi - lo))
        cutoff = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=cut_us)
        mine = mine.with_columns(
            _t=t,
            contact=pl.when(pl.col("sender") == ego)
            .then(pl.col("recipient"))
            .otherwise(pl.col("sender")),
        )
        past = mine.filter(pl.col("_t") <= cut_us)
        folder = root / f"ego-{len(out):03d}" / f"Basic_LinkedInDataExport_{cutoff:%m-%d-%Y}"
        folder.mkdir(parents=True)
        for name, data in ego_export_files(ego, past.drop("_t", "contact"), cutoff).items():
            (folder / name).write_bytes(data)
        first, last = _name(ego)
        export = load_export(folder, as_of=cutoff, owner=f"{first} {last}")
        _ = export.people, export.interactions  # build now: the folder goes away
        cands = past.group_by("contact").agg(
            recency=-(pl.lit(cut_us) - pl.col("_t").max()).cast(pl.Float64) / DAY_US,
            frequency=pl.len().cast(pl.Float64),
        )
        nxt = (
            mine.filter(pl.col("_t") > cut_us)
            .group_by("contact")
            .agg(next_days=(pl.col("_t").min() - cut_us).cast(pl.Float64) / DAY_US)
        )
        ids = export.people.select(
            "person_id", contact=pl.col("profile_url").str.extract(r"tk-ego-([^/?#]+)", 1)
        )
        cands = (
            cands.join(ids, on="contact", how="left")
            .join(nxt, on="contact", how="left")
            .sort("contact")
            .select("contact", "person_id", "recency", "frequency", "next_days")
        )
        out.append(EgoCase(ego, cutoff, export, cands))
    return out


def ego_backtest(
    events: pl.DataFrame,
    *,
    egos: int | Sequence[str] = 15,
    cutoff_share: float = 0.6,
    horizons: Sequence[int] = (30, 60),
    params: ScoringParams | None = None,
    variants: Mapping[str, ScoringParams] | None = None,
    min_contacts: int = 25,
    bootstrap: int = 1000,
    seed: int = 0,
    sender: str = "sender",
    recipient: str = "recipient",
    time: str = "time",
    cases: Sequence[EgoCase] | None = None,
) -> EgoBacktest:
    """Ego backtest of ``strength`` against recency and frequency (see the module doc).

    Parameters
    ----------
    events : polars.DataFrame
        One row per message: ``sender``, ``recipient`` and an aware ``time``.
    egos : int or sequence of str
        How many egos (the busiest, 15) or which.
    cutoff_share : float
        T at this share of each ego's own span (0.6).
    horizons : sequence of int
        H in days (30, 60): a contact is positive when in contact in (T, T + H].
    params : ScoringParams, optional
        Parameters of ``strength`` (default: the defaults).
    variants : mapping of str to ScoringParams, optional
        More models, scored like ``strength`` with other parameters.
    min_contacts : int
        An ego needs this many distinct contacts over the whole log (25).
    bootstrap : int
        Bootstrap resamples of the egos (1000).
    seed : int
        Seed of the bootstrap.
    sender, recipient, time : str
        Column names.
    cases : sequence of EgoCase, optional
        Reuse exports built by :func:`ego_cases` (``events`` is then unused
        except for the checks), e.g. to compare many parameter sets.

    Returns
    -------
    EgoBacktest
        The mean AUC per horizon and model with its bootstrap interval, the
        AUC per ego, the egos and the parameters.

    Raises
    ------
    ParameterError
        For bad columns, horizons or shares, or when no ego qualifies.

    Examples
    --------
    Three contacts keep writing after the cut-off, three stop well before it:

    >>> day = lambda d: dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=d)
    >>> rows = [("a", f"c{c}", day(d)) for c in range(6) for d in range(c, 100 - 50 * (c > 2), 7)]
    >>> ev = pl.DataFrame(rows, schema=["sender", "recipient", "time"], orient="row")
    >>> result = ego_backtest(ev, egos=["a"], horizons=(30,), bootstrap=20)
    >>> result.margins().rows()
    [(30, 1.0, 1.0, 'recency', 0.0)]
    """
    from tiekeeper.scoring.strength import score
    from tiekeeper.state import State

    p = check_params(params)
    hs = sorted({int(h) for h in horizons})
    if not hs or any(isinstance(h, bool) or h < 1 for h in horizons):
        raise ParameterError(f"horizons={horizons!r}; expected whole days >= 1, e.g. (30, 60)")
    if cases is None:
        cases = ego_cases(
            events, egos=egos, cutoff_share=cutoff_share, min_contacts=min_contacts,
            sender=sender, recipient=recipient, time=time,
        )  # fmt: skip
    models = {"strength": p, **dict(variants or {})}
    frames = []
    for case in cases:
        f = case.candidates
        for name, mp in models.items():
            s = score(case.export, as_of=case.cutoff, params=mp, state=State())
            col = s.select("person_id", pl.col("strength_adjusted").alias(name))
            f = f.join(col, on="person_id", how="left")
        frames.append(f.with_columns(ego=pl.lit(case.ego)))
    names = [*models, *BASELINES]
    rows = []
    for h in hs:
        for f in frames:
            lab = f.with_columns(y=(pl.col("next_days") <= h).fill_null(False))
            for m in names:
                r = auc_by(lab.with_columns(pl.col(m).fill_null(0.0)), m, "y")
                rows.append({"ego": f["ego"][0], "horizon": h, "model": m, **r.row(0, named=True)})
    per_ego = pl.DataFrame(
        rows,
        schema={"ego": pl.String, "horizon": pl.Int64, "model": pl.String, "n": pl.Int64,
                "positives": pl.Int64, "auc": pl.Float64},
    )  # fmt: skip
    summary = _summary(per_ego, names, bootstrap, seed)
    return EgoBacktest(summary, per_ego, tuple(c.ego for c in cases), p)


def _summary(per_ego: pl.DataFrame, names: list[str], reps: int, seed: int) -> pl.DataFrame:
    """Mean AUC over egos with both classes and a paired percentile bootstrap."""
    rows = []
    for (h,), g in per_ego.filter(pl.col("auc").is_not_null()).group_by(
        "horizon", maintain_order=True
    ):
        egos = g["ego"].unique(maintain_order=True).to_list()
        rng = random.Random(seed)
        draws = [[rng.randrange(len(egos)) for _ in egos] for _ in range(reps)]
        for m in names:
            vals = dict(g.filter(pl.col("model") == m).select("ego", "auc").iter_rows())
            xs = [vals[e] for e in egos]
            means = sorted(sum(xs[i] for i in d) / len(d) for d in draws)
            lo = means[int(0.025 * (reps - 1))] if means else None
            hi = means[round(0.975 * (reps - 1))] if means else None
            rows.append((h, m, sum(xs) / len(xs), lo, hi, len(xs)))
    schema = {"horizon": pl.Int64, "model": pl.String, "auc": pl.Float64,
              "ci_low": pl.Float64, "ci_high": pl.Float64, "egos": pl.Int64}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")
