"""Find the one person a user means: by name, alias, profile URL or ``person_id``.

The state file may name people loosely (a shared name applies to everyone
with it); a command that *writes* about one person must be sure whom it
means. :func:`find_person` picks exactly one person of the export or raises
an error that lists the close matches, and says what to write in the state
file so that the entry reads back to that same person.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import polars as pl

from tiekeeper.errors import ParameterError
from tiekeeper.keys import fold_accents, map_unique, normalize_profile_url
from tiekeeper.state._model import default_ids, looks_like_url, loose_key, people_base

__all__ = ["PersonMatch", "find_person"]

#: At most this many close matches are listed in an error.
MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class PersonMatch:
    """The person :func:`find_person` found, and how to name them in the state file.

    The fields below are also its attributes.

    Parameters
    ----------
    person_id : str
        From the export's ``people`` frame.
    name, profile_url, company : str or None
        From the export's ``people`` frame.
    ref : str
        What to write in the state file: the profile URL if one was given,
        else the display name when it belongs to this person alone, else the
        profile URL, else the ``person_id``.

    Examples
    --------
    >>> people = pl.DataFrame({"person_id": ["p1"], "name": ["Ada Example"],
    ...                        "profile_url": [None]})
    >>> match = find_person(people, "ada example")
    >>> match.person_id, match.ref
    ('p1', 'Ada Example')
    """

    person_id: str
    name: str | None
    profile_url: str | None
    company: str | None
    ref: str

    @property
    def label(self) -> str:
        """The name for messages: the display name, else the reference.

        Examples
        --------
        >>> PersonMatch("p1", "Ada Example", None, None, "Ada Example").label
        'Ada Example'
        >>> PersonMatch("p2", None, None, None, "p2").label
        'p2'
        """
        return self.name or self.ref


def _describe(row: dict[str, object]) -> str:
    at = f" at {row['company']}" if row.get("company") else ""
    key = row.get("profile_url") or f"person_id {row['person_id']}"
    return f"{row['name'] or '(no name)'}{at} ({key})"


def _quoted(names: list[str]) -> str:
    q = [repr(n) for n in names]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " or " + q[-1]


def find_person(people: pl.DataFrame, query: str, *, what: str = "person") -> PersonMatch:
    """The single person of ``people`` that ``query`` names.

    Parameters
    ----------
    people : polars.DataFrame
        The export's ``people`` frame (or a ``score`` frame): ``person_id``,
        ``name`` and ``profile_url``; ``aliases`` and ``company`` when present.
    query : str
        A ``person_id``, a profile URL (any form LinkedIn writes) or a display
        name or alias, compared without regard to case and spacing. A name
        that matches nobody as written is compared without accents too, so
        "Cas Celikdale" finds "Cas Çelikdale" (an exact spelling wins:
        "Jose" finds "Jose" when both "Jose" and "José" exist).
    what : str
        How to name the argument in an error (``"PERSON"`` on the command line).

    Returns
    -------
    PersonMatch
        The one person matched, with the reference to write in the state file.

    Raises
    ------
    ParameterError
        When nobody matches (listing up to five close names) or several
        people do (listing each with their company and URL or ``person_id``).

    Examples
    --------
    >>> people = pl.DataFrame({
    ...     "person_id": ["p1", "p2", "p3"], "name": ["Ada Example", "Bo Sample", "Bo Sample"],
    ...     "profile_url": [None, "https://www.linkedin.com/in/bo-s", None],
    ... })
    >>> find_person(people, "ada  example").ref
    'Ada Example'
    >>> find_person(people, "linkedin.com/in/Bo-S/").person_id
    'p2'
    >>> find_person(people, "p3").ref  # the name is shared: the id is what picks p3
    'p3'
    >>> find_person(people, "ÅDA EXÂMPLE").name
    'Ada Example'
    >>> find_person(people, "Ada Exampel")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tiekeeper.errors.ParameterError: person 'Ada Exampel' matches nobody ...'Ada Example'?...
    """
    if not isinstance(query, str) or not query.strip():
        raise ParameterError(
            f"{what}={query!r}: expected a name, a profile URL or a person_id, e.g. 'Ada Example'"
        )
    q = query.strip()
    base = people_base(people)
    names = _names(base)
    by_id = base.filter(pl.col("person_id") == q)
    url = normalize_profile_url(q) if looks_like_url(q) else None
    if by_id.height:
        found = by_id
    elif url is not None:
        found = base.filter(pl.col("profile_url") == url)
        if not found.height:
            found = base.filter(pl.col("person_id").is_in(list(default_ids(q))))
    else:
        key = loose_key(pl.Series([q], dtype=pl.String))[0]
        found = base.filter(
            pl.col("person_id").is_in(names.filter(pl.col("k") == key)["person_id"].implode())
        )
        if found.height == 0:  # "Cas Celikdale" for "Cas Çelikdale"
            folded = names.filter(pl.col("f") == fold_accents(key))["person_id"]
            found = base.filter(pl.col("person_id").is_in(folded.implode()))
    if found.height == 0:
        raise ParameterError(_nobody(q, what, names))
    if found.height > 1:
        rows = found.sort("person_id").head(MAX_SUGGESTIONS).to_dicts()
        more = f" and {found.height - len(rows)} more" if found.height > len(rows) else ""
        raise ParameterError(
            f"{what} {q!r} matches {found.height} people: "
            f"{'; '.join(_describe(r) for r in rows)}{more}; "
            "pass the profile URL or the person_id of the one you mean"
        )
    row = found.row(0, named=True)
    return PersonMatch(
        person_id=row["person_id"],
        name=row["name"],
        profile_url=row["profile_url"],
        company=row["company"],
        ref=_ref(row, url, names),
    )


def _names(base: pl.DataFrame) -> pl.DataFrame:
    """Every name and alias: ``person_id``, ``n`` (as written), ``k`` (loose), ``f`` (folded).

    Examples
    --------
    >>> base = pl.DataFrame({"person_id": ["p1"], "name": ["Zoë  Ödin"], "aliases": [["Z. O."]]})
    >>> _names(base).rows()
    [('p1', 'Zoë  Ödin', 'zoë ödin', 'zoe odin'), ('p1', 'Z. O.', 'z. o.', 'z. o.')]
    """
    names = (
        base.select("person_id", n=pl.concat_list("name", "aliases"))
        .explode("n")
        .drop_nulls("n")
        .with_columns(k=loose_key(pl.col("n")))
    )
    return names.with_columns(f=map_unique(names["k"], fold_accents))


def _ref(row: dict[str, object], url: str | None, names: pl.DataFrame) -> str:
    """The reference to write: it must read back to this person alone."""
    if url is not None and row["profile_url"] == url:
        return url
    name = row["name"]
    if isinstance(name, str) and name.strip():
        key = loose_key(pl.Series([name], dtype=pl.String))[0]
        if names.filter(pl.col("k") == key)["person_id"].n_unique() == 1:
            return name.strip()
    return str(row["profile_url"] or row["person_id"])


def _nobody(q: str, what: str, names: pl.DataFrame) -> str:
    """The error for a name that matches nobody, with up to five close names.

    Close means, in this order: similar spelling (difflib), containing the
    query, or sharing a word of two letters or more with it ("Ada E." offers
    "Ada Example"). Accents are ignored: "Cas Celikdal" offers "Cas Çelikdale".
    """
    key = fold_accents(loose_key(pl.Series([q], dtype=pl.String))[0] or "")
    keyed = names.unique("f", keep="first", maintain_order=True).sort("f")
    spelled = difflib.get_close_matches(key, keyed["f"].to_list(), n=MAX_SUGGESTIONS)
    words: list[str] = re.findall(r"\w{2,}", key)
    found = keyed.with_columns(
        spelled=pl.col("f").is_in(spelled),
        inside=pl.col("f").str.contains(key, literal=True) if key else pl.lit(False),
        shared=pl.col("f").str.extract_all(r"\w{2,}").list.set_intersection(words).list.len() > 0,
    ).filter(pl.col("spelled") | pl.col("inside") | pl.col("shared"))
    display = dict(zip(found["f"].to_list(), found["n"].to_list(), strict=True))
    ranked = [
        *(display[k] for k in spelled),
        *found.filter(pl.col("inside"))["n"],
        *found.filter(pl.col("shared"))["n"],
    ]
    close = list(dict.fromkeys(ranked))[:MAX_SUGGESTIONS]
    todo = "a full name, a profile URL or a person_id"
    if not close:
        return f"{what} {q!r} matches nobody in the export; check the spelling, or pass {todo}"
    return f"{what} {q!r} matches nobody in the export; did you mean {_quoted(close)}? Pass {todo}"
