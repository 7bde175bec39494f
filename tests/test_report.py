"""Tests of the report stages on hand-built inputs: summary, rendering, safety, redaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import Any

import plotly.graph_objects as go
import polars as pl
import pytest
from plotly.offline import get_plotlyjs
from test_report_fixtures import HOSTILE, inputs, parse, people_frame

from tiekeeper import plots
from tiekeeper.errors import ParameterError
from tiekeeper.report import Report
from tiekeeper.report.inputs import ReportInputs, history_people, redact_inputs
from tiekeeper.report.redact import Redactor
from tiekeeper.report.render import json_for_script, render_html
from tiekeeper.report.summarize import summarize


def figures_for(inp: ReportInputs) -> dict[str, go.Figure]:
    """The report's figures without the network module (drawn by its own tests)."""
    return {
        "timeline": plots.timeline(inp.interactions, as_of=inp.as_of),
        "distribution": plots.strength_distribution(inp.scores),
        "cadence": plots.cadence_scatter(inp.scores, params=inp.params),
        "history": plots.strength_history_figure(inp.history, events=inp.interactions),
        "career": plots.career_timeline(inp.career, as_of=inp.as_of),
        "network": go.Figure(
            go.Scatter(
                x=[0, 1],
                y=[0, 1],
                text=[inp.graph.nodes[n]["name"] for n in list(inp.graph.nodes)[:2]],
            )
        ),
    }


def page(inp: ReportInputs) -> str:
    return render_html(summarize(inp), figures_for(inp))


def plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


# ------------------------------------------------------------------ summarize
def test_summary_is_plain_data_with_every_section() -> None:
    s = summarize(inputs())
    assert plain(s)
    assert list(s) == [
        "meta",
        "missing",
        "counts",
        "statuses",
        "changes",
        "suggestions",
        "owed",
        "give_space",
        "fading",
        "cadence",
        "network",
        "career",
        "communities",
        "bridges",
        "companies",
        "how",
    ]
    assert s["meta"]["owner"] == "Olive Owner"
    assert s["meta"]["as_of"] == "14 Mar 2025"
    # wrote to: p1, p2, p3, p6; wrote to you: p1, p3, p4 (as in the interactions)
    assert [(c["label"], c["value"]) for c in s["counts"]] == [
        ("Connections", "6"),
        ("People in your export", "6"),
        ("People you wrote to", "4"),
        ("People who wrote to you", "3"),
        ("Messages counted (both ways)", "7"),
        ("Replies you owe", "1"),
    ]
    assert s["changes"] is None  # one export: no "what changed" section
    assert not any(s["missing"].values())


def test_summary_plan_sections() -> None:
    s = summarize(inputs())
    assert [p["name"] for p in s["suggestions"]] == ["Ada Example", "Bob Sample", "Erin Quill"]
    ada = s["suggestions"][0]
    assert ada["kind_label"] == "Reconnect"
    assert ada["strength"] == "41"
    assert ada["last_contact"] == "14 Nov 2024"  # 120 days before 14 Mar 2025
    assert ada["opener"] == "Hi Ada, it's been far too long!"
    assert ada["reasons"][1] == "Ada Example wrote you a recommendation in 2021."
    assert [p["name"] for p in s["owed"]] == ["Dan Demo"]
    assert [p["name"] for p in s["give_space"]] == ["Femi Okoro"]


def test_summary_fading_table_order_and_sort_keys() -> None:
    fading = summarize(inputs())["fading"]
    # statuses fading/lapsed/cooling/dormant only, by priority 0.8 > 0.6 > 0.3 > 0.2
    assert [r["name"] for r in fading["rows"]] == [
        "Ada Example",
        "Bob Sample",
        "Dan Demo",
        "Femi Okoro",
    ]
    assert fading["total"] == fading["shown"] == 4
    assert fading["messaged"] == 5  # everyone but Erin (never interacted)
    ada = fading["rows"][0]
    assert ada["cadence"] == "every ~20 days"  # as the reason says it
    assert ada["cadence_sort"] == "20"
    assert ada["since"] == "120 days ago"  # the reason's "it's been 120 days"
    # 1 − 41/61 from the shown strength and peak, whatever drop_from_peak says (0.5)
    assert ada["drop"] == "−33%"
    assert ada["last_contact_sort"] == "2024-11-14T23:59:59"


def test_summary_companies_merge_spellings() -> None:
    companies = summarize(inputs())["companies"]
    rows = {r["company"]: r for r in companies["rows"]}
    # "Acme Inc." and "ACME" are one company (normalize_company); Ada (41) is its strongest tie
    acme = next(r for name, r in rows.items() if name in {"Acme Inc.", "ACME"})
    assert (acme["n"], acme["former"], acme["strongest"], acme["strongest_strength"]) == (
        2,
        2,
        "Ada Example",
        "41",
    )
    assert companies["total"] == 3  # Acme, Northwind Analytics, Contoso (Erin has none)
    assert companies["rows"][0]["company"] == "Northwind Analytics"  # 2 people, strongest 77


def test_summary_career_communities_bridges() -> None:
    s = summarize(inputs())
    lead, analyst = s["career"]
    assert lead["current"] and lead["period"] == "Jul 2020 – now"
    assert analyst["period"] == "Jan 2016 – Jun 2020"
    assert analyst["change"] == "6% of the contact kept"  # 0.2 / 3.5 = 5.7 %
    assert analyst["colleagues"][0] == {"name": "Ada Example", "during": 12, "after": 1}
    # singleton circles are counted, not listed
    assert [c["label"] for c in s["communities"]["rows"]] == [
        "Former colleagues at Acme Inc.",
        "Mostly at Northwind Analytics",
    ]
    assert s["communities"]["alone"] == 2
    # only people with betweenness > 0 who link two or more circles, ranked
    assert [b["name"] for b in s["bridges"]] == ["Carol Test"]
    carol = s["bridges"][0]
    assert carol["circle"] == "Mostly at Northwind Analytics"
    assert (carol["rank"], carol["circles"], carol["links"]) == (1, 2, "2 circles")
    assert carol["betweenness"] == "0.25"  # the raw value, shown on hover


def test_isolated_people_are_counted_by_company() -> None:
    inp = inputs()
    graph = inp.graph.copy()
    for i, company in enumerate(["Initech", "Initech", "INITECH Inc.", "Hooli", None]):
        graph.add_node(
            f"lone{i}",
            kind="person",
            name=f"Lone {i}",
            company=company,
            status="never interacted",
            strength=0.5,
        )
        graph.add_edge("owner", f"lone{i}", kind="owner", weight=0.005)
    s = summarize(dataclasses.replace(inp, graph=graph))
    lone = s["network"]["isolated"]
    assert lone["total"] == 6  # Erin (p5, never messaged, no company) and the five
    assert lone["rows"] == [{"company": "Initech", "n": 3}]  # one company, however spelt
    assert (lone["companies"], lone["one_each"], lone["no_company"]) == (2, 1, 2)
    html = render_html(s, figures_for(inp))
    assert 'id="isolated-count"' in html and "<strong>6</strong> of the 11 people" in html
    assert "no two at the same one" not in html


def test_bridges_linking_one_circle_are_left_out() -> None:
    inp = inputs()
    graph = inp.graph.copy()
    graph.remove_edge("p3", "p1")  # Carol now knows only people of her own circle
    assert summarize(dataclasses.replace(inp, graph=graph))["bridges"] == []


def test_history_people_prefers_slipping_strong_ties() -> None:
    # p1 fading (peak 61) and p2 lapsed (peak 32) first, then p4 cooling
    assert history_people(inputs().scores, 3) == ["p1", "p2", "p4"]


# --------------------------------------------------------------------- render
def test_page_is_self_contained() -> None:
    html = page(inputs())
    assert html.count(get_plotlyjs()) == 1
    doc = parse(html)
    for tag, attrs in doc.tags:
        for attr in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(attr)
            if value is not None:
                assert value.startswith(("#", "data:")), (tag, attr, value)
    assert ("link", {"rel": "icon", "href": "data:,"}) in doc.tags
    outside = html.replace(get_plotlyjs(), "")
    assert not re.search(r"https?://", outside)
    assert "@import" not in outside and "url(" not in outside
    csp = next(
        a["content"] for t, a in doc.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp and "connect-src 'none'" in csp


def test_page_has_every_section_and_figure() -> None:
    doc = parse(page(inputs()))
    ids = {a.get("id") for _, a in doc.tags}
    for section in (
        "overview",
        "reach-out",
        "owed",
        "fading",
        "career",
        "network",
        "companies",
        "how-to-read",
    ):
        assert section in ids
    for key in ("timeline", "distribution", "cadence", "history", "career", "network"):
        assert f"fig-{key}" in ids
    data = {a.get("data-figure"): body for a, body in doc.scripts if a.get("data-figure")}
    assert set(data) == {f"fig-{k}" for k in figures_for(inputs())}
    spec = json.loads(data["fig-timeline"])
    assert spec["layout"]["title"]["text"] == "Your LinkedIn interactions per month"
    text = " ".join(doc.text)
    assert "Ada Example" in text and "Hi Ada, it's been far too long!" in text


def test_render_is_deterministic() -> None:
    assert page(inputs()) == page(inputs())


def test_json_for_script_cannot_close_the_script() -> None:
    raw = json.dumps({"a": "</script><!-- <script> & \u2028"})
    safe = str(json_for_script(raw))
    assert "<" not in safe and ">" not in safe and "&" not in safe
    assert json.loads(safe) == json.loads(raw)


@pytest.mark.parametrize("names", [HOSTILE, tuple(reversed(HOSTILE))])
def test_hostile_strings_stay_text(names: tuple[str, ...]) -> None:
    inp = inputs(names, owner=HOSTILE[0])
    html = page(inp)
    doc = parse(html)
    # no injected elements or handlers: the only tags are the template's own
    assert not [t for t, _ in doc.tags if t in {"img", "svg", "iframe", "object", "embed"}]
    assert not [a for _, attrs in doc.tags for a in attrs if a.startswith("on")]
    scripts = [a for t, a in doc.tags if t == "script"]
    # plotly.js, the app, the config, the fading rows and six figures
    assert len(scripts) == 2 + 1 + 1 + 6
    assert sum(1 for a in scripts if a.get("type") is None) == 2
    # every figure block is still valid JSON holding the hostile names as escaped text
    blobs = [body for a, body in doc.scripts if a.get("data-figure")]
    assert len(blobs) == 6
    for blob in blobs:
        json.loads(blob)
    # so is the fading table's rows block: the names intact inside, no "<" outside strings
    block = next(b for a, b in doc.scripts if a.get("id") == "fading-data")
    assert "<" not in block
    strings = " ".join(json.loads(block)["strings"])
    assert sum(name in strings for name in names) >= 3
    cadence = json.loads(next(b for a, b in doc.scripts if a.get("data-figure") == "fig-cadence"))
    hover = [row[0] for tr in cadence["data"] for row in tr.get("customdata") or []]
    assert any(h.startswith("&lt;") for h in hover) and not any("<" in h for h in hover)
    # the hostile names are visible as text
    text = " ".join(doc.text)
    for name in names:
        assert name in text


# ------------------------------------------------------------------ redaction
def test_redacted_page_has_no_names_urls_or_emails() -> None:
    raw = inputs()
    redactor = Redactor(people_frame(), owner_names=["Olive Owner"], seed=7)
    html = page(redact_inputs(raw, redactor))
    outside = html.replace(get_plotlyjs(), "")
    for p in people_frame().iter_rows(named=True):
        for name in (p["name"], p["first_name"], p["last_name"]):
            flags = re.IGNORECASE if len(name) > 3 else 0
            assert not re.search(rf"\b{re.escape(name)}\b", outside, flags), name
    for owner in ("Olive", "Owner"):
        assert not re.search(rf"\b{owner}\b", outside, re.IGNORECASE)
    assert "linkedin.com/in" not in outside
    assert "Basic_LinkedInDataExport" not in outside
    assert 'id="redacted-banner"' in outside
    s = summarize(redact_inputs(raw, redactor))
    assert s["meta"]["owner"] == "You"
    ada = s["suggestions"][0]
    assert ada["name"] == redactor.pseudonym("p1")
    assert ada["opener"] == f"Hi {redactor.pseudonym('p1')}, it's been far too long!"
    assert ada["reasons"][1] == f"{redactor.pseudonym('p1')} wrote you a recommendation in 2021."
    assert s["communities"]["rows"][0]["members"] == (
        f"{redactor.pseudonym('p1')}, {redactor.pseudonym('p2')}"
    )


def test_redacted_graph_and_frames_use_pseudo_ids() -> None:
    redactor = Redactor(people_frame(), owner_names=["Olive Owner"], seed=3)
    red = redact_inputs(inputs(), redactor)
    assert "p1" not in red.graph.nodes and "owner" in red.graph.nodes
    assert red.graph.nodes["owner"]["name"] == "You"
    assert red.graph.nodes[redactor.pseudo_id("p1")]["name"] == redactor.pseudonym("p1")
    assert set(red.scores["person_id"]) == {redactor.pseudo_id(f"p{i}") for i in range(1, 7)}
    assert "profile_url" not in red.scores.columns and "profile_url" not in red.suggestions.columns
    assert red.career["colleagues"][0][0]["name"] == redactor.pseudonym("p1")
    assert red.history["name"].unique().sort().to_list() == sorted(
        [redactor.pseudonym("p1"), redactor.pseudonym("p2")]
    )


def test_pseudonyms_are_random_per_report() -> None:
    a, b = Redactor(people_frame()), Redactor(people_frame())
    ids = [f"p{i}" for i in range(1, 7)]
    assert sorted(a.pseudonym(i) for i in ids) == sorted(b.pseudonym(i) for i in ids)
    # six people: the chance two fresh salts give the same permutation is 1/720; try a few
    orders = {tuple(Redactor(people_frame()).pseudonym(i) for i in ids) for _ in range(6)}
    assert len(orders) > 1
    seeded = Redactor(people_frame(), seed=1), Redactor(people_frame(), seed=1)
    assert [seeded[0].pseudonym(i) for i in ids] == [seeded[1].pseudonym(i) for i in ids]


def test_redactor_text_rules() -> None:
    r = Redactor(people_frame(), owner_names=["Olive Owner"], seed=0)
    ada, bob = r.pseudonym("p1"), r.pseudonym("p2")
    assert r.text("Ask Bob Sample about Ada") == f"Ask {bob} about [name]"
    assert r.text("Ask Bob Sample about Ada", "p1") == f"Ask {bob} about {ada}"
    assert r.text("olive owner wrote: ada@example.org, https://x.example/ada") == (
        "You wrote: [e-mail], [link]"
    )
    # a short name part only matches its exact spelling; longer ones any case
    assert r.text("dan DEMO") == "dan [name]"
    assert r.text("Dan Demo") == r.pseudonym("p4")
    assert r.text("an example sentence") == "an [name] sentence"


# ------------------------------------------------------------------- Report
def test_report_checks_its_arguments(tmp_path: Any) -> None:
    with pytest.raises(ParameterError, match=r"k=0 must be a whole number from 1 to 100"):
        Report(None, k=0)
    with pytest.raises(ParameterError, match=r"seed='1' must be an int"):
        Report(None, seed="1")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match=r"redact must be True, False or"):
        Report(None, redact="yes")  # type: ignore[arg-type]
    report = Report(None)
    with pytest.raises(ParameterError, match=r"is a folder; give a file name"):
        report.write_html(tmp_path)
    with pytest.raises(ParameterError, match=r"the folder .* does not exist; create it first"):
        report.write_html(tmp_path / "missing" / "report.html")


def test_career_contact_is_a_rate_only_over_a_long_window() -> None:
    base = inputs()
    left = base.as_of.date() - dt.timedelta(days=16)
    # the analyst job ended 16 days ago: career() gives no rate after; the report shows counts
    career = base.career.with_columns(
        finished_on=pl.when(pl.col("is_current")).then(None).otherwise(pl.lit(left)),
        rate_after=pl.lit(None, dtype=pl.Float64),
        ratio=pl.lit(None, dtype=pl.Float64),
    )
    lead, analyst = summarize(dataclasses.replace(base, career=career))["career"]
    assert analyst["contact"] == (
        "Conversations with them: 3.5 a year while you worked together, "
        "1 conversation in the 16 days since you left."
    )
    assert analyst["change"] == "—" and "%" not in analyst["contact"]
    assert lead["contact"].endswith("(current job).")
    # more contact after than before is never "over 100% kept"
    more = base.career.with_columns(rate_after=pl.lit(26.9), ratio=pl.lit(26.9 / 3.5))
    _, analyst = summarize(dataclasses.replace(base, career=more))["career"]
    assert analyst["change"] == "more contact since you left"
    assert analyst["contact"].endswith("26.9 a year since you left (more contact since you left).")
    html = render_html(summarize(dataclasses.replace(base, career=more)), figures_for(base))
    assert "more contact since you left" in html and "768%" not in html


def test_how_to_read_says_how_strength_falls_with_silence() -> None:
    """The text under "How to read this" is true of the parameters the report scored with."""
    import tiekeeper
    from tiekeeper.scoring.params import ScoringParams

    export = tiekeeper.load_export()
    scores = tiekeeper.score(export).filter(pl.col("days_since").is_not_null())
    how = summarize(inputs())["how"]["silence"]
    assert "after 2 weeks of silence the count behind the strength is cut to a quarter" in how
    # the sentence's arithmetic is the score's: S* / B at the tie's own silence
    p = ScoringParams()
    expected = (1 + scores["days_since"] / p.recency_days) ** -p.recency_power
    beta, h_ratio = p.capital_blend, p.half_life_days / p.capital_half_life_days
    blend = (1 - beta) * scores["strength_raw"] + beta * scores["capital"] * h_ratio
    person = ~scores["cold_pitch"].fill_null(False) & (blend > 0)
    ratio = (scores["strength_adjusted"] / blend).filter(person)
    assert ((ratio - expected.filter(person)).abs() < 1e-6).all(), "S* is not B·(1 + e/τ)^-α"
    cadence = dataclasses.replace(inputs(), params=ScoringParams(penalty="cadence"))
    assert "past your usual gap" in summarize(cadence)["how"]["silence"]


def test_redaction_leaves_ordinary_words_and_organisations_alone() -> None:
    """A LinkedIn account's words and a lower-case particle are no one's name."""
    people = pl.DataFrame(
        {
            "person_id": ["a", "b", "c"],
            "name": ["Jordan from LinkedIn Premium", "Ana de Souza", "lee park"],
            "kind": ["linkedin", "person", "person"],
        }
    )
    r = Redactor(people, seed=0)
    said = r.text("Down from 81/100 at Ravenmoor Robotics; LinkedIn Premium; de facto")
    assert said == "Down from 81/100 at Ravenmoor Robotics; LinkedIn Premium; de facto"
    assert "Souza" not in r.text("Souza wrote") and "lee" not in r.text("lee wrote")
