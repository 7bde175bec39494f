"""Numbers in the report agree with each other (issue 13, item 4).

- "People you wrote to" counts only people the owner wrote to; inbound is apart;
- the fading table's strength, drop and days are the reasons' numbers;
- a job bar's colour matches its "N colleagues" label;
- the strength histogram stays readable when most people sit at 0;
- the companies table leaves out placeholders; each company has one spelling;
- the fading table offers every row, inside the size budget.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

import polars as pl
import pytest
from plotly.offline import get_plotlyjs
from test_report_fixtures import inputs

import tiekeeper
from tiekeeper import plots
from tiekeeper.companies import normalize_company_series
from tiekeeper.report import Report
from tiekeeper.report.fading import FADING_PAGE, fading_json
from tiekeeper.report.inputs import collect_inputs
from tiekeeper.report.render import render_html
from tiekeeper.report.summarize import summarize


@pytest.fixture(scope="module")
def sample() -> Any:
    return tiekeeper.load_export()


@pytest.fixture(scope="module")
def report(sample: Any) -> Report:
    return Report(sample)


def counts(summary: dict[str, Any]) -> dict[str, str]:
    return {c["label"]: c["value"] for c in summary["counts"]}


# ------------------------------------------------------------- who you wrote to
def test_people_you_wrote_to_counts_only_outbound(sample: Any, report: Report) -> None:
    scores = tiekeeper.score(sample)
    wrote = scores.filter(pl.col("messages_sent") > 0).height
    heard = scores.filter(pl.col("messages_received") > 0).height
    either = scores.filter(pl.col("sessions") > 0).height
    assert wrote < either  # the old figure ("messaged": any session) was larger
    shown = counts(report.summary)
    assert shown["People you wrote to"] == f"{wrote:,}"
    assert shown["People who wrote to you"] == f"{heard:,}"
    assert "People you have messaged" not in shown


def test_inbound_only_people_are_not_people_you_wrote_to() -> None:
    inp = inputs()
    scores = inp.scores.with_columns(messages_sent=pl.lit(0), messages_received=pl.lit(4))
    shown = counts(summarize(dataclasses.replace(inp, scores=scores)))
    assert shown["People you wrote to"] == "0"
    assert shown["People who wrote to you"] == "6"


# ------------------------------------------------------- table agrees with reasons
STRENGTH = re.compile(r"^Strength (\d+)/100, down from (\d+)/100")
DAYS = re.compile(r"it's been (\d+) days?")


def test_fading_strength_and_drop_are_the_reasons_numbers(report: Report) -> None:
    rows = report.summary["fading"]["rows"]
    checked = 0
    for row in rows:
        for reason in row["reasons"]:
            m = STRENGTH.match(reason)
            if m:
                now, peak = int(m.group(1)), int(m.group(2))
                assert row["strength"] == str(now), (row["name"], reason)
                assert row["drop"] == f"−{round((1 - now / peak) * 100)}%", (row["name"], reason)
                checked += 1
    assert checked >= 20


def test_fading_days_are_the_reasons_days(report: Report) -> None:
    checked = 0
    for row in report.summary["fading"]["rows"]:
        for reason in row["reasons"]:
            m = DAYS.search(reason)
            if m:
                assert row["since"] == f"{m.group(1)} days ago", (row["name"], reason)
                checked += 1
    assert checked >= 50


def test_days_round_down_like_the_reasons() -> None:
    # 361.6 days: the reason says "it's been 361 days"; rounding to nearest said 362
    inp = inputs()
    scores = inp.scores.with_columns(
        days_since=pl.when(pl.col("person_id") == "p1").then(361.6).otherwise(pl.col("days_since"))
    )
    ada = summarize(dataclasses.replace(inp, scores=scores))["fading"]["rows"][0]
    assert ada["since"] == "361 days ago"


def test_drop_comes_from_the_shown_strength_and_peak() -> None:
    # shown 12/100 down from 45/100: the drop is 1 − 12/45 = 73 %, not 1 − 12.4/44.6 = 72 %
    inp = inputs()
    scores = inp.scores.with_columns(
        strength=pl.when(pl.col("person_id") == "p1").then(12.4).otherwise(pl.col("strength")),
        peak_strength=pl.when(pl.col("person_id") == "p1")
        .then(44.6)
        .otherwise(pl.col("peak_strength")),
    )
    rows = summarize(dataclasses.replace(inp, scores=scores))["fading"]["rows"]
    ada = next(r for r in rows if r["name"] == "Ada Example")
    assert (ada["strength"], ada["drop"]) == ("12", "−73%")


# -------------------------------------------------------------------- job bars
def test_a_job_with_colleagues_is_never_coloured_no_colleagues_found() -> None:
    jobs = pl.DataFrame(
        {
            "company": ["Northwind", "Fabrikam"],
            "title": ["Analyst", "Lead"],
            "started_on": [dt.date(2015, 1, 1), dt.date(2019, 1, 1)],
            "finished_on": [dt.date(2018, 12, 31), dt.date(2022, 12, 31)],
            "is_current": [False, False],
            "n_colleagues": [2, 3],
            "rate_during": [0.0, 0.0],  # colleagues by endorsement, never a conversation
            "rate_after": [0.0, 1.5],
        }
    )
    fig = plots.career_timeline(jobs, as_of=dt.date(2025, 3, 14))
    for trace in fig.data:
        for text in trace.text:
            if text != "0 colleagues":
                assert trace.name != "no colleagues found", (text, trace.name)
    names = {t.name for t in fig.data}
    assert names == {
        "colleagues found, no conversations with them",
        "kept in touch (half or more of the contact)",
    }


# ------------------------------------------------------------------- histogram
def test_strength_histogram_is_readable_when_most_people_sit_at_zero() -> None:
    strengths = [0.1] * 2000 + [float(s) for s in range(5, 100, 3)] * 3
    scores = pl.DataFrame({"strength": strengths, "tier": ["latent"] * len(strengths)})
    fig = plots.strength_distribution(scores)
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.yaxis.range[0] < 0  # a bar of one person still shows
    spread = pl.DataFrame({"strength": [float(s) for s in range(100)], "tier": ["latent"] * 100})
    assert plots.strength_distribution(spread).layout.yaxis.type != "log"


# ------------------------------------------------------------------- companies
def test_companies_table_leaves_out_placeholders() -> None:
    inp = inputs()
    placeholders = ["Self-employed", "Stealth Startup", "Freelance", "Confidential"]
    scores = inp.scores.with_columns(
        company=pl.Series([*placeholders, "Acme Inc.", "Acme Inc."]),
    )
    rows = summarize(dataclasses.replace(inp, scores=scores))["companies"]["rows"]
    assert [r["company"] for r in rows] == ["Acme Inc."]


def test_each_company_has_one_spelling_the_most_common(sample: Any, report: Report) -> None:
    raw = collect_inputs(sample).scores.filter(pl.col("company").is_not_null())
    variants = (
        raw.with_columns(key=normalize_company_series(raw["company"]))
        .group_by("key", "company")
        .agg(pl.len().alias("n"))
        .sort(["key", "n", "company"], descending=[False, True, False])
    )
    page = report.html().replace(get_plotlyjs(), "")
    several = variants.group_by("key").agg(pl.col("company"), pl.len().alias("spellings"))
    several = several.filter(pl.col("spellings") > 1)
    assert several.height >= 3  # "NIMBLEFORD ANALYTICS", "Nimbleford Analytics, Inc." …
    for key, spellings in several.select("key", "company").iter_rows():
        shown, others = spellings[0], spellings[1:]
        assert shown in page, key
        for other in others:
            found = re.search(rf"(?<!\w){re.escape(other)}(?!\w)", page)
            assert found is None, (key, other)


def test_companies_table_merges_shouted_and_legal_spellings() -> None:
    inp = inputs()
    scores = inp.scores.with_columns(
        company=pl.Series(
            [
                "NIMBLEFORD ANALYTICS",
                "Nimbleford Analytics, Inc.",
                "NIMBLEFORD ANALYTICS",
                "Contoso",
                None,
                "Contoso",
            ]
        )
    )
    rows = summarize(dataclasses.replace(inp, scores=scores))["companies"]["rows"]
    assert [(r["company"], r["n"]) for r in rows] == [
        ("NIMBLEFORD ANALYTICS", 3),
        ("Contoso", 2),
    ]


# ---------------------------------------------------------- every fading row
def many_fading(n: int) -> Any:
    inp = inputs()
    base = inp.scores.filter(pl.col("person_id") == "p1")
    rows = pl.concat([base] * n).with_columns(
        person_id=pl.Series([f"x{i}" for i in range(n)]),
        name=pl.Series([f"Person {i:05d}" for i in range(n)]),
        priority=pl.Series([1.0 - i / n for i in range(n)]),
    )
    return dataclasses.replace(inp, scores=rows)


def test_fading_table_offers_every_row() -> None:
    inp = many_fading(400)
    s = summarize(inp)
    assert s["fading"]["total"] == len(s["fading"]["rows"]) == 400
    html = render_html(s, {})
    block = re.search(r'<script type="application/json" id="fading-data">(.*?)</script>', html)
    assert block is not None
    packed = json.loads(block.group(1))
    assert len(packed["rows"]) == 400
    names = {packed["strings"][r[0]] for r in packed["rows"]}
    assert "Person 00399" in names
    # the first page is in the HTML itself
    table = html.split('id="fading-table"', 1)[1]
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert body.count("<tr>") == FADING_PAGE
    assert 'id="fading-search"' in html and 'id="fading-next"' in html


def test_fading_rows_pack_small() -> None:
    # 20,000 rows with three distinct reasons each stay near 200 bytes a row
    inp = many_fading(20_000)
    scores = inp.scores.with_columns(
        reasons=pl.Series(
            [
                [
                    f"You usually talk every ~{i % 90 + 10} days; it's been {i % 700} days.",
                    f"Strength {i % 40}/100, down from {i % 40 + 20}/100 at its peak in May 2022.",
                    "Connected since 2021; long-standing relationships are easier to revive.",
                ]
                for i in range(20_000)
            ]
        )
    )
    rows = summarize(dataclasses.replace(inp, scores=scores))["fading"]["rows"]
    size = len(fading_json(rows).encode("utf-8"))
    assert size / len(rows) < 260
