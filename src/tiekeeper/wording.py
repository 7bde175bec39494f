"""The grammar of the sentences tiekeeper writes: counts, names, companies and full stops.

Reasons, openers, plan notes and the career view are filled templates. Four
things go wrong in filled templates, and each has one rule here, used
everywhere a sentence is made:

* **counts**: "1 days", "~1 conversations". :func:`counted` (and the polars
  :func:`counted_expr`) agree the noun with the number *as shown*, so a
  cadence of 0.8 days shown as "1" reads "~1 day";
* **names**: "Hi Dr.,", "Hi A.,", "Hi Associate,". :func:`first_name` skips
  honorifics, professional titles and initials (:data:`HONORIFICS`,
  :data:`NAME_TITLES`) and falls back to the full name;
* **companies**: "working on at Self-employed". :func:`company_name` gives
  None for a blank or placeholder company
  (:func:`tiekeeper.companies.is_placeholder`), so the template that needs it
  is not used;
* **full stops**: "Acme Ltd..". :func:`end_sentence` (and
  :func:`end_sentence_expr`) drop the template's full stop after a name that
  already ends a sentence (``.``, ``!`` or ``?``); an ellipsis is left alone.

Examples
--------
>>> counted(1, "conversation"), counted(0, "conversation"), counted("~1", "day")
('1 conversation', '0 conversations', '~1 day')
>>> first_name("Dr. A. Ada Lovelace"), first_name("Associate Prof. Bo Li"), first_name(None)
('Ada', 'Bo', 'there')
>>> end_sentence("You endorsed Acme Ltd..")
'You endorsed Acme Ltd.'
"""

from __future__ import annotations

import math
import re

import polars as pl

from tiekeeper.companies import is_placeholder

__all__ = [
    "HONORIFICS",
    "NAME_TITLES",
    "company_name",
    "counted",
    "counted_expr",
    "end_sentence",
    "end_sentence_expr",
    "first_name",
    "share_kept",
]

#: Forms of address written before a name (case-folded, without the full stop).
#: "Hi Mr," greets nobody: they are skipped when picking the first name.
HONORIFICS: frozenset[str] = frozenset(
    """mr mrs ms miss mx sir dame lord lady madam madame mme mlle herr frau sr sra srta
    don doña dona sig sig.ra dott dott.ssa shri sri shree smt kumari km haji hajji alhaji
    hon""".split()
)
#: Academic, professional, military and religious titles people put before their
#: name on LinkedIn ("Dr.", "Eng.", "CA", "Associate Professor"). Skipped like
#: honorifics: a title is not what you call someone in a first line.
NAME_TITLES: frozenset[str] = frozenset(
    """dr dra drs doctor prof professor associate assistant adjunct eng engr er ing ir arch
    arq adv advocate lic mag mgr dipl ca cs cpa cfa cma acca mba phd md capt captain col
    gen maj lt sgt cdr rev fr pastor rabbi imam sheikh shaikh judge justice""".split()
)
# what may stand before the number itself: "~1 day", "−1 day"
_PREFIX = r"^[^\d]+"
_INITIAL = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?|[^\W\d_]")
_LETTER = re.compile(r"[^\W\d_]")
_EDGE = ".,;:()[]{}\"'“”‘’"
# a name's own closing mark followed by the template's full stop, not inside an ellipsis
_DOUBLE_STOP = r"([^.][.!?])\.(\s|$)"


def counted(n: float | str, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun agreeing with it: singular only when the number shown is 1.

    ``n`` is shown as given: pass the rounded text ("~1", "1.5") when the
    sentence shows a rounded number; a sign or "~" before it does not count.
    Floats print without a trailing ``.0``.

    Examples
    --------
    >>> counted(2, "day"), counted(1.0, "year"), counted(2.5, "year")
    ('2 days', '1 year', '2.5 years')
    >>> counted(3, "reply", "replies")
    '3 replies'
    """
    text = n if isinstance(n, str) else f"{n:g}"
    one = re.sub(_PREFIX, "", text) == "1"
    return f"{text} {singular if one else (plural or singular + 's')}"


def counted_expr(number: pl.Expr, singular: str, plural: str | None = None) -> pl.Expr:
    """Vectorised :func:`counted`: ``number`` is the *string* expression shown.

    Examples
    --------
    >>> df = pl.DataFrame({"n": ["1", "4", "~1", None]})
    >>> df.select(counted_expr(pl.col("n"), "conversation"))["n"].to_list()
    ['1 conversation', '4 conversations', '~1 conversation', None]
    """
    noun = (
        pl.when(number.str.replace(_PREFIX, "") == "1")
        .then(pl.lit(singular))
        .otherwise(pl.lit(plural or singular + "s"))
    )
    return pl.concat_str(number, pl.lit(" "), noun)


def first_name(name: str | None) -> str:
    """What to call someone in a first line: their first word that is a name.

    Honorifics (:data:`HONORIFICS`), titles (:data:`NAME_TITLES`), initials
    ("A.", "J.R.") and words without a letter (emoji, "|") are skipped. When
    nothing is left, a name of several words is used in full ("Dr. A."); a
    single skipped word ("Dr.", "A.", "Associate") or no name at all gives
    "there" ("Hi there,"), never "Hi Dr.,".

    Examples
    --------
    >>> [first_name(n) for n in ("Ada Lovelace", "Mr. Bo Li", "A. Cy Doe", "CA Ravi Kumar")]
    ['Ada', 'Bo', 'Cy', 'Ravi']
    >>> [first_name(n) for n in ("Dr. A.", "Associate", "A.", "  ")]
    ['Dr. A.', 'there', 'there', 'there']
    """
    words = (name or "").split()
    for word in words:
        bare = word.strip(_EDGE)
        if not _LETTER.search(bare) or _INITIAL.fullmatch(bare):
            continue
        if bare.casefold() in HONORIFICS or bare.casefold() in NAME_TITLES:
            continue
        return bare
    return " ".join(words) if len(words) > 1 else "there"


def company_name(name: str | None) -> str | None:
    """A company as a sentence may name it: trimmed, or None if blank or a placeholder.

    Examples
    --------
    >>> company_name("  Acme Ltd. "), company_name("Self-employed"), company_name("")
    ('Acme Ltd.', None, None)
    """
    if name is None or is_placeholder(name):
        return None
    return name.strip()


def end_sentence(text: str) -> str:
    """Drop a template's full stop that follows a name's own ("Ltd..", "Yahoo!.").

    Examples
    --------
    >>> end_sentence("Your only connection at Acme Ltd.. Say hi.")
    'Your only connection at Acme Ltd. Say hi.'
    >>> end_sentence("Wait for it...")
    'Wait for it...'
    """
    return re.sub(_DOUBLE_STOP, r"\1\2", text)


def end_sentence_expr(expr: pl.Expr) -> pl.Expr:
    """Vectorised :func:`end_sentence` over a string expression.

    Examples
    --------
    >>> pl.select(end_sentence_expr(pl.lit("You endorsed Jo Doe Jr.."))).item()
    'You endorsed Jo Doe Jr.'
    """
    return expr.str.replace_all(_DOUBLE_STOP, "${1}${2}")


def share_kept(ratio: float) -> str:
    """Contact since leaving as a share of contact before, never above 100%.

    More contact after than before is said as such, not as "250% kept";
    ``math.inf`` (contact after none before) too.

    Examples
    --------
    >>> share_kept(0.057), share_kept(1.0), share_kept(2.5)
    ('6% of the contact kept', '100% of the contact kept', 'more contact since you left')
    """
    if math.isinf(ratio) or round(ratio * 100) > 100:
        return "more contact since you left"
    return f"{round(ratio * 100)}% of the contact kept"
