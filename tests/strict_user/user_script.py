"""A user's script, annotated as a strict user writes it.

``tests/test_typing.py`` checks it with ``mypy --strict`` against the installed
package: every public call below must type-check without a cast or an ignore.
It also runs (``python tests/strict_user/user_script.py OUT_DIR``) on the bundled sample.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import polars as pl

import tiekeeper as tk
from tiekeeper.errors import TiekeeperError
from tiekeeper.schema import describe


def weekly_review(export_path: Path | None, out: Path) -> list[str]:
    """Score, plan, look around the network and write the report of one export."""
    export: tk.Export = tk.load_export() if export_path is None else tk.load_export(export_path)
    owner: tk.Owner = export.owner
    when: dt.date | None = export.export_date
    params = tk.ScoringParams().replace(k=5)

    scores: pl.DataFrame = tk.score(export, as_of=when, params=params)
    fading = scores.filter(pl.col("status").is_in(["fading", "lapsed"]))
    plan: tk.Plan = tk.reach_out(export, k=5, params=params, scores=scores, as_of=when)
    owed: pl.DataFrame = plan.owed_replies
    jobs: pl.DataFrame = tk.career(export)
    at_company: pl.DataFrame = tk.who_at(export, "nimbleford", scores=scores)
    ids: list[str] = scores["person_id"].head(2).to_list()
    over_time: pl.DataFrame = tk.strength_history(export, ids, freq="1mo")

    graph = tk.build_graph(export, scores=scores)
    circles: pl.DataFrame = tk.communities_summary(graph)
    brokers: pl.DataFrame = tk.bridges(graph, k=3)
    graph_file: Path = tk.write_graph(graph, out / "network.graphml")

    figure = tk.plots.cadence_scatter(scores, params=params)
    figure.write_html(out / "cadence.html", include_plotlyjs=False)
    report: Path = tk.Report(export, redact=True, k=5, params=params).write_html(
        out / "report.html"
    )
    calendar: Path = tk.reminders_ics(plan, out / "reminders.ics", start=dt.date(2025, 3, 17))
    state_file: Path = tk.mark_contacted(out / "tiekeeper.toml", ids[0], on=dt.date(2025, 3, 1))
    state = tk.load_state(state_file)
    again: pl.DataFrame = tk.score(export, state=state)
    gap: str = tk.what_is_missing(export, "career")
    company: str | None = tk.normalize_company("Nimbleford Analytics GmbH")

    history: tk.History = tk.load_history(tk.datasets.sample_history_path())
    latest: tk.Export = history.latest
    moves: pl.DataFrame = tk.changes(history)
    news: tk.Plan = tk.reach_out(history, k=3)
    with_news = tk.Report(history, k=3)
    notebooks: list[Path] = tk.notebooks.write_notebooks(out / "notebooks")

    return [
        f"{owner.name}: {fading.height} fading of {scores.height}, {owed.height} owed",
        f"{jobs.height} positions, {at_company.height} at Nimbleford, {over_time.height} points",
        f"{circles.height} communities, {brokers.height} bridge rows, {graph_file.name}",
        f"{report.name}, {calendar.name}, {again.height} rows with state, gap: {gap!r}",
        f"{company}, {latest.export_date}, {moves.height} changes, {news.suggestions.height}",
        f"{len(with_news.figures())} figures, {len(notebooks)} notebooks, "
        f"{len(describe('score'))} score columns",
    ]


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(tempfile.mkdtemp())
    out.mkdir(parents=True, exist_ok=True)
    try:
        lines = weekly_review(None, out)
    except TiekeeperError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
