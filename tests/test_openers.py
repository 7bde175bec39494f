"""Openers: templates per kind, deterministic by seed, honest about gaps, varied in a plan."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.errors import ParameterError
from tiekeeper.scoring.openers import (
    KINDS,
    TEMPLATES,
    describe_gap,
    opener_context,
    reply_kind,
    write_opener,
)
from tiekeeper.wording import end_sentence

AS_OF = dt.datetime(2024, 6, 30, 23, 59, tzinfo=dt.UTC)
FIELDS = {"first", "company", "former_company", "now_at", "new_company", "last_when", "gap",
          "owed_on", "connected"}  # fmt: skip


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def picks(kind: str, ctx: dict[str, str | None], n: int) -> list[str]:
    """The first n openers a plan would write for people with the same facts."""
    used: set[int] = set()
    out = []
    for i in range(n):
        text, idx = write_opener(kind, ctx, key=f"p{i}", avoid=used)
        used.add(idx)
        out.append(text)
    return out


def test_every_kind_has_several_templates_and_a_fallback() -> None:
    assert set(TEMPLATES) == {*KINDS, "reply_late"}
    for kind, templates in TEMPLATES.items():
        assert len(templates) >= 3, kind
        assert all(fields(t) <= FIELDS for t in templates), kind
        assert len(set(templates)) == len(templates)
        if kind == "congratulate":  # never without a dated move
            assert all("new_company" in fields(t) for t in templates)
        else:
            assert any(fields(t) == {"first"} for t in templates), kind
    # only a late reply apologises; only a congratulation congratulates
    for kind, templates in TEMPLATES.items():
        for t in templates:
            assert ("sorry" in t.lower() or "apolog" in t.lower()) == (kind == "reply_late"), t
            assert ("congratulat" in t.lower()) == (kind == "congratulate"), t


def test_gap_is_named_honestly() -> None:
    ctx = opener_context(
        name="Ada Example",
        company="Fabrikam",
        as_of=AS_OF,
        last_contact=dt.datetime(2022, 3, 14, tzinfo=dt.UTC),
    )
    # 2022-03-14 -> 2024-06-30 is 839 days: more than two years, last talked in 2022
    assert (ctx["gap"], ctx["last_when"]) == ("more than two years", "2022")
    recent = opener_context(
        name="Bo", as_of=AS_OF, last_contact=dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
    )
    assert (recent["gap"], recent["last_when"]) == ("several months", "February")
    late_last_year = opener_context(
        name="Bo", as_of=AS_OF, last_contact=dt.datetime(2023, 11, 5, tzinfo=dt.UTC)
    )
    assert late_last_year["last_when"] == "November 2023"  # 238 days: under a year
    texts = picks("reconnect", ctx, 4)
    assert len(set(texts)) == 4
    for text in texts:
        assert text.startswith(("Hi Ada,", "Ada,"))
        assert "since 2022" in text or "back in 2022" in text or "more than two years" in text


@pytest.mark.parametrize(
    ("days", "phrase"),
    [(0, "a few weeks"), (44, "a few weeks"), (45, "a couple of months"),
     (119, "a couple of months"), (120, "several months"), (449, "about a year"),
     (450, "more than a year"), (731, "more than two years"), (3653, "more than 10 years")],
)  # fmt: skip
def test_describe_gap_boundaries(days: float, phrase: str) -> None:
    assert describe_gap(days) == phrase


def test_congratulate_needs_a_dated_move() -> None:
    ctx = opener_context(
        name="Cy", company="Fabrikam", former_company="Contoso", new_company="Fabrikam", as_of=AS_OF
    )
    texts = picks("congratulate", ctx, 4)
    assert len(set(texts)) == 4
    assert all("Fabrikam" in t for t in texts)
    assert "Contoso" in texts[0]  # the template that says the most comes first
    # a company that differs from the shared one is no dated move: no congratulation at all
    moved = opener_context(name="Cy", company="Fabrikam", former_company="Contoso", as_of=AS_OF)
    with pytest.raises(ParameterError, match="dated move"):
        write_opener("congratulate", moved, key="cy")


def test_a_former_colleague_elsewhere_is_asked_how_it_goes() -> None:
    moved = opener_context(name="Cy", company="Fabrikam", former_company="Contoso", as_of=AS_OF)
    assert moved["now_at"] == "Fabrikam"
    text, _ = write_opener("coffee", moved, key="cy")
    assert "I see you're at Fabrikam now; how is it going?" in text
    assert "congratulat" not in text.lower() and "the move" not in text
    # the same company spelled differently is no move, and a placeholder is no company
    for company in ("CONTOSO Ltd", "Self-employed", None):
        same = opener_context(name="Cy", company=company, former_company="Contoso", as_of=AS_OF)
        assert same["now_at"] is None
        for i in range(6):
            assert "now;" not in write_opener("coffee", same, key=f"p{i}")[0]


def test_placeholder_companies_never_appear() -> None:
    for company in ("Self-employed", "Confidential", "Stealth Startup", "Open to work", "-"):
        ctx = opener_context(name="Di", company=company, former_company=company, as_of=AS_OF,
                             connected_on=dt.date(2020, 1, 1),
                             last_contact=AS_OF - dt.timedelta(days=500))  # fmt: skip
        assert ctx["company"] is None and ctx["former_company"] is None
        for kind in ("reconnect", "offer_help", "coffee", "explore"):
            for text in picks(kind, ctx, 4):
                assert company == "-" or company not in text, (kind, text)


def test_titles_and_initials_are_no_first_names() -> None:
    for name, first in (("Associate Prof. Jane Doe", "Jane"), ("A. Ravi Kumar", "Ravi"),
                        ("Dr. Ada Lovelace", "Ada"), ("Dr.", "there"), ("A.", "there"),
                        ("Associate", "there")):  # fmt: skip
        ctx = opener_context(name=name, as_of=AS_OF)
        assert ctx["first"] == first
        for kind in ("reconnect", "offer_help", "coffee", "explore", "reply"):
            text = write_opener(kind, ctx, key=name)[0]
            assert not text.startswith(("Hi Associate,", "Hi A.,", "Hi Dr.,", "Hi Prof.,"))


def test_a_company_ending_in_a_full_stop_gets_no_second_one() -> None:
    ctx = opener_context(name="Eve", company="Acme Ltd.", as_of=AS_OF)
    texts = picks("explore", ctx, 4) + picks("offer_help", ctx, 4)
    assert any("Acme Ltd." in t for t in texts)
    assert not any(".." in t for t in texts)


def test_reply_cites_the_date_of_their_message() -> None:
    ctx = opener_context(
        name="Di", as_of=AS_OF, owed_since=dt.datetime(2024, 6, 3, 8, tzinfo=dt.UTC)
    )
    assert ctx["owed_on"] == "3 June"
    assert all("3 June" in t for t in picks("reply", ctx, 3))
    assert all("3 June" in t for t in picks("reply_late", ctx, 3))
    old = opener_context(
        name="Di", as_of=AS_OF, owed_since=dt.datetime(2023, 12, 24, tzinfo=dt.UTC)
    )
    assert old["owed_on"] == "24 December 2023"


def test_apologise_for_the_wait_only_when_it_was_long() -> None:
    two_days = AS_OF - dt.timedelta(days=2)
    assert reply_kind(two_days, AS_OF, 7.0) == "reply"
    assert reply_kind(AS_OF - dt.timedelta(days=7), AS_OF, 7.0) == "reply_late"
    assert reply_kind(two_days, AS_OF, 1.0) == "reply_late"  # the threshold is the parameter
    ctx = opener_context(name="Di", as_of=AS_OF, owed_since=two_days)
    for text in picks("reply", ctx, 4):
        assert "sorry" not in text.lower() and "apolog" not in text.lower() and "wait" not in text


def test_choice_is_deterministic_and_depends_on_seed_and_person() -> None:
    ctx = opener_context(name="Eve", former_company="Initech", as_of=AS_OF)
    picks = {write_opener("coffee", ctx, key=f"p{i}", seed=0)[1] for i in range(40)}
    assert len(picks) > 1  # different people get different wordings
    assert write_opener("coffee", ctx, key="p1", seed=5) == write_opener(
        "coffee", ctx, key="p1", seed=5
    )
    by_seed = {write_opener("coffee", ctx, key="p1", seed=s)[1] for s in range(40)}
    assert len(by_seed) > 1


def test_names_and_unknown_kind() -> None:
    assert opener_context(name="Prof. Ana Lima", as_of=AS_OF)["first"] == "Ana"
    assert opener_context(name=None, as_of=AS_OF)["first"] == "there"
    with pytest.raises(ParameterError, match="kind='hello'"):
        write_opener("hello", {"first": "A"})


@given(
    kind=st.sampled_from(sorted(TEMPLATES)),
    name=st.one_of(st.none(), st.text(max_size=30)),
    company=st.one_of(st.none(), st.text(max_size=20)),
    former=st.one_of(st.none(), st.text(max_size=20)),
    new=st.one_of(st.none(), st.text(max_size=20)),
    days=st.one_of(st.none(), st.integers(0, 5000)),
    avoid=st.sets(st.integers(0, 5)),
    seed=st.integers(0, 1000),
)
def test_any_input_gives_a_filled_opener(
    kind: str,
    name: str | None,
    company: str | None,
    former: str | None,
    new: str | None,
    days: int | None,
    avoid: set[int],
    seed: int,
) -> None:
    last = AS_OF - dt.timedelta(days=days) if days is not None else None
    ctx = opener_context(
        name=name,
        company=company,
        former_company=former,
        new_company=new,
        last_contact=last,
        as_of=AS_OF,
    )
    if kind == "congratulate" and not ctx["new_company"]:
        with pytest.raises(ParameterError):
            write_opener(kind, ctx, key=name or "", seed=seed, avoid=avoid)
        return
    text, idx = write_opener(kind, ctx, key=name or "", seed=seed, avoid=avoid)
    first = ctx["first"]
    assert first and first in text
    filled = TEMPLATES[kind][idx].format_map({k: v or "" for k, v in ctx.items()})
    assert end_sentence(filled) == text
    usable = [i for i, t in enumerate(TEMPLATES[kind]) if all(ctx[f] for f in fields(t))]
    if set(usable) - avoid:
        assert idx not in avoid
