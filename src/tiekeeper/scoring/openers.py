"""Short openers for the weekly plan, written in the user's own voice from templates.

No language model is involved and nothing is sent anywhere: each suggestion
gets one of a few hand-written templates for its *kind* (reply, reconnect,
congratulate, offer_help, coffee, explore), filled with the numbers and names
the score already has. The choice is deterministic given the person, the kind
and ``seed``, and within one plan the same wording is not reused while another
template of that kind is still unused. Openers are plain text; the HTML report
escapes them.

The advice behind them: name a long gap honestly and move on to something
current; congratulate on a new role only when the move is known and dated;
offer help; suggest a coffee to a former colleague; and answer what you owe
before anything else.

Openers never invent facts:

* a congratulation needs a *dated* move (``new_company``, from
  ``reach_out(moves=...)``); without one the kind is never chosen and its
  templates cannot be filled;
* a former colleague whose company now differs from the one you shared has
  moved at some unknown time: the opener may say "I see you're at X now"
  (``now_at``), never "congratulations on the move";
* an apology for the wait ("sorry for the slow reply") is for a message at
  least ``late_reply_days`` old (:func:`reply_kind`); a fresher one is simply
  thanked for;
* names and companies go through :mod:`tiekeeper.wording`: no "Hi Dr.,", no
  placeholder company ("Self-employed", "Stealth Startup") as a workplace, no
  "Ltd..".

Examples
--------
>>> import datetime as dt
>>> as_of = dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
>>> ctx = opener_context(name="Ada Example", company="Fabrikam", as_of=as_of,
...                      last_contact=dt.datetime(2022, 3, 1, tzinfo=dt.timezone.utc))
>>> ctx["first"], ctx["last_when"], ctx["gap"]
('Ada', '2022', 'more than two years')
>>> text, _ = write_opener("reconnect", ctx, key="p1", seed=0)
>>> "Ada" in text
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from collections.abc import Iterable, Mapping

from tiekeeper.companies import normalize_company
from tiekeeper.errors import ParameterError
from tiekeeper.wording import company_name, end_sentence, first_name

__all__ = [
    "KINDS",
    "TEMPLATES",
    "describe_gap",
    "opener_context",
    "reply_kind",
    "write_opener",
]

#: Every kind of suggestion, in the order a plan shows them.
KINDS: tuple[str, ...] = ("reply", "reconnect", "congratulate", "offer_help", "coffee", "explore")

#: The templates of each kind, plus ``reply_late``: the replies that apologise
#: for the wait (see :func:`reply_kind`). Fields: {first}, {company},
#: {former_company}, {now_at} (a former colleague's company when it differs
#: from the shared one), {new_company} (a dated move), {last_when} ("2022",
#: "March", "November 2023"), {gap} ("more than a year"), {owed_on} ("3
#: March") and {connected} (the year you connected). A template is used only
#: when all its fields are known; the last of each kind needs only {first},
#: except ``congratulate``, which always needs the move.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "reply": (
        "Hi {first}, thanks for your message on {owed_on}!",
        "{first}, good to hear from you, and thanks for your note from {owed_on}.",
        "Hi {first}, thanks for getting in touch on {owed_on}.",
        "Hi {first}, thanks for your message!",
    ),
    "reply_late": (
        "Hi {first}, sorry for the slow reply to your message from {owed_on}, "
        "and thank you for reaching out.",
        "{first}, I'm only now getting to your note from {owed_on}; apologies for the wait.",
        "Hi {first}, thanks for your message on {owed_on}, and sorry it sat unanswered so long.",
        "Hi {first}, sorry I never got back to you, and thanks for your last message.",
    ),
    "reconnect": (
        "Hi {first}, I noticed we haven't spoken since {last_when}, which is far longer than "
        "I'd like. What are you working on at {company} these days?",
        "{first}, it's been {gap} since we last talked, which is on me. How is life at {company}?",
        "Hi {first}, our last conversation was back in {last_when}, so I'm overdue a hello. "
        "How have things been?",
        "Hi {first}, I was thinking of you and realised it's been {gap}. "
        "I'd love to hear what you're up to now.",
        "Hi {first}, it's been far too long since we last talked, and that's on me. "
        "How have you been?",
    ),
    "congratulate": (
        "Hi {first}, congratulations on the move to {new_company}! We haven't caught up since "
        "our {former_company} days; how are you finding it?",
        "{first}, I just saw you've joined {new_company}; congratulations! How is it going?",
        "Hi {first}, congratulations on joining {new_company}! What does your work look like "
        "there?",
        "Hi {first}, congratulations on the new role at {new_company}! How is it going so far?",
    ),
    "offer_help": (
        "{first}, I've been meaning to check in. If there's anything at {company} I could help "
        "with, an intro or a second pair of eyes, I'd be glad to.",
        "Hi {first}, hope all is well at {company}. Let me know if there's something I can help "
        "with these days.",
        "Hi {first}, how are things going? If an introduction or a quick sounding board would "
        "be useful, just say.",
        "Hi {first}, it's been a little while. Is there anything you're working on where I "
        "could lend a hand?",
    ),
    "coffee": (
        "Hi {first}, I miss our {former_company} chats. Fancy a coffee (or a video call) "
        "sometime in the next few weeks?",
        "{first}, it's been too long since we worked together at {former_company}. "
        "Would you be up for a coffee soon?",
        "Hi {first}, I was remembering our time at {former_company}; shall we catch up over "
        "coffee one of these weeks?",
        "Hi {first}, would you be up for a coffee catch-up in the next few weeks?",
        "Hi {first}, I see you're at {now_at} now; how is it going? I'd love to catch up over "
        "coffee, it's been a while since {former_company}.",
        "{first}, I see you're at {now_at} now; how is it going? Fancy a coffee (or a call) "
        "one of these weeks?",
    ),
    "explore": (
        "Hi {first}, we've been connected since {connected} but never really talked. "
        "I'd love to hear what you're working on at {company}.",
        "Hi {first}, I realised we've never properly spoken since connecting. "
        "What keeps you busy at {company} these days?",
        "{first}, I'm curious about your work at {company}. Would you be open to a short "
        "call sometime?",
        "Hi {first}, we're connected but have never really talked, and I'd be glad to change "
        "that. What are you working on?",
    ),
}

_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def describe_gap(days: float) -> str:
    """A plain, honest phrase for a gap of ``days`` days.

    Examples
    --------
    >>> [describe_gap(d) for d in (20, 70, 200)]
    ['a few weeks', 'a couple of months', 'several months']
    >>> [describe_gap(d) for d in (400, 600, 1200)]
    ['about a year', 'more than a year', 'more than three years']
    """
    if days < 45:
        return "a few weeks"
    if days < 120:
        return "a couple of months"
    if days < 300:
        return "several months"
    if days < 450:
        return "about a year"
    years = int(days // 365.25)
    if years < 2:
        return "more than a year"
    return f"more than {_NUMBERS[years] if years < len(_NUMBERS) else years} years"


def reply_kind(owed_since: dt.datetime | None, as_of: dt.datetime, late_after_days: float) -> str:
    """``reply_late`` (apologise for the wait) for a message this old, else ``reply``.

    ``late_after_days`` is :attr:`~tiekeeper.scoring.params.ScoringParams.late_reply_days`.

    Examples
    --------
    >>> as_of = dt.datetime(2024, 5, 10, tzinfo=dt.timezone.utc)
    >>> [reply_kind(as_of - dt.timedelta(days=d), as_of, 7) for d in (2, 7, 30)]
    ['reply', 'reply_late', 'reply_late']
    """
    if owed_since is None:
        return "reply_late"  # an owed reply of unknown age: the apology is the safe side
    waited = (as_of - owed_since).total_seconds() / 86400
    return "reply_late" if waited >= late_after_days else "reply"


def _day(when: dt.date, as_of: dt.date) -> str:
    return f"{when.day} {when:%B}" + ("" if when.year == as_of.year else f" {when.year}")


def opener_context(
    *,
    name: str | None,
    as_of: dt.datetime,
    company: str | None = None,
    former_company: str | None = None,
    last_contact: dt.datetime | None = None,
    owed_since: dt.datetime | None = None,
    connected_on: dt.date | None = None,
    new_company: str | None = None,
) -> dict[str, str | None]:
    """The template fields for one person; unknown fields are None.

    ``first`` is :func:`tiekeeper.wording.first_name`; companies go through
    :func:`tiekeeper.wording.company_name`, so a placeholder ("Self-employed")
    is unknown. ``former_company`` is the employer shared with the owner (a
    former colleague's); when ``company`` differs from it, ``now_at`` is
    ``company``. ``new_company`` is the company of a *dated* move; only then
    can a congratulation be written.

    Examples
    --------
    >>> as_of = dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)
    >>> c = opener_context(name="Dr. Bo Li", as_of=as_of, company="Self-employed",
    ...                    owed_since=dt.datetime(2024, 4, 3, tzinfo=dt.timezone.utc))
    >>> c["first"], c["owed_on"], c["company"]
    ('Bo', '3 April', None)
    >>> c = opener_context(name="Cy", as_of=as_of, company="Fabrikam", former_company="Contoso")
    >>> c["now_at"], c["new_company"]
    ('Fabrikam', None)
    """
    today = as_of.date()
    last_when = gap = None
    if last_contact is not None:
        days = (as_of - last_contact).total_seconds() / 86400
        gap = describe_gap(days)
        d = last_contact.date()
        if days >= 365:
            last_when = str(d.year)
        else:
            last_when = f"{d:%B}" + ("" if d.year == today.year else f" {d.year}")
    now, shared = company_name(company), company_name(former_company)
    moved = now and shared and normalize_company(now) != normalize_company(shared)
    return {
        "first": first_name(name),
        "company": now,
        "former_company": shared,
        "now_at": now if moved else None,
        "new_company": company_name(new_company),
        "last_when": last_when,
        "gap": gap,
        "owed_on": _day(owed_since.date(), today) if owed_since is not None else None,
        "connected": str(connected_on.year) if connected_on is not None else None,
    }


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def _rank(seed: int, key: str, kind: str, n: int) -> list[int]:
    def h(i: int) -> bytes:
        return hashlib.blake2b(f"{seed}\x1f{key}\x1f{kind}\x1f{i}".encode(), digest_size=8).digest()

    return sorted(range(n), key=h)


def write_opener(
    kind: str,
    context: Mapping[str, str | None],
    *,
    key: str = "",
    seed: int = 0,
    avoid: Iterable[int] = (),
) -> tuple[str, int]:
    """Fill one template of ``kind``; return the text and the template's index.

    The templates whose fields are all known are tried in an order fixed by
    ``seed`` and ``key`` (the person_id), those that use more of the known
    facts first (so a plain first-name template is a fallback); the first
    whose index is not in ``avoid`` wins. If every usable template is in
    ``avoid``, the first is reused. The text ends with one full stop
    (:func:`tiekeeper.wording.end_sentence`).

    Raises
    ------
    ParameterError
        For an unknown ``kind``, or a ``congratulate`` without ``new_company``
        (a congratulation needs a dated move).

    Examples
    --------
    >>> ctx = {"first": "Ada", "company": None, "former_company": "Contoso"}
    >>> write_opener("coffee", ctx, key="p1", avoid=[0, 1, 2])
    ('Hi Ada, would you be up for a coffee catch-up in the next few weeks?', 3)
    """
    if kind not in TEMPLATES:
        raise ParameterError(
            f"kind={kind!r} is not an opener kind; expected one of {sorted(TEMPLATES)}"
        )
    templates = TEMPLATES[kind]
    known = {k for k, v in context.items() if v}
    ranked = [i for i in _rank(seed, key, kind, len(templates)) if _fields(templates[i]) <= known]
    if not ranked:
        raise ParameterError(
            f"no {kind!r} opener fits: its templates need {sorted(_fields(templates[-1]) - known)}"
            " (a congratulation needs a dated move: pass new_company)"
        )
    # the templates that use more of the known facts come first; plain ones are a fallback
    usable = sorted(ranked, key=lambda i: -len(_fields(templates[i])))
    skip = set(avoid)
    choice = next((i for i in usable if i not in skip), usable[0])
    text = templates[choice].format_map({k: v or "" for k, v in context.items()})
    return end_sentence(text), choice
