"""Redaction of the CLI's frames and graphs, for output that will be shared.

Every person name becomes a pseudonym such as ``Person 017``; the numbering is
a fresh random permutation on every run (salted with :mod:`secrets`), so a
pseudonym can never be turned back into a name by hashing. The owner becomes
``You``. Person ids become ``p017``; profile URLs, e-mail addresses and message
text are dropped; companies and titles stay. Names inside free text (reasons,
openers) are replaced too: the full names and aliases of every known person,
then any remaining first or last name of a known person as ``[name]``.

Examples
--------
>>> import polars as pl
>>> people = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lovelace", "Bob Stone"],
...     "first_name": ["Ada", "Bob"], "last_name": ["Lovelace", "Stone"], "aliases": [[], []]})
>>> r = Redactor(people, owner_names=["Olive Owner"], seed=1)
>>> df = pl.DataFrame({"person_id": ["a"], "name": ["Ada Lovelace"],
...     "profile_url": ["https://www.linkedin.com/in/ada"],
...     "reasons": [["Ada Lovelace endorsed Olive Owner", "Hi Ada, ask Bob"]]})
>>> out = r.frame(df)
>>> out.columns
['person_id', 'name', 'reasons']
>>> out["name"][0] == r.pseudonym("a") and out["name"][0].startswith("Person ")
True
>>> out["reasons"][0][0] == f"{r.pseudonym('a')} endorsed You"
True
>>> out["reasons"][0][1] == f"Hi {r.pseudonym('a')}, ask [name]"
True
"""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["DROP_COLUMNS", "NAME_COLUMNS", "Redactor"]

#: Columns holding a person's name: replaced by the row's pseudonym.
NAME_COLUMNS: frozenset[str] = frozenset(
    {"name", "full_name", "from_name", "to_name", "sender_name", "owner"}
)
#: Columns removed entirely: URLs, e-mail addresses, message text.
DROP_COLUMNS: frozenset[str] = frozenset(
    {
        "profile_url",
        "email",
        "emails",
        "first_name",
        "last_name",
        "aliases",
        "sender_url",
        "recipient_urls",
        "recipient_names",
        "inviter_url",
        "invitee_url",
        "content",
        "text",
        "message",
        "subject",
        "conversation_title",
        "raw",
    }
)
_ID_COLUMNS = frozenset({"person_id", "sender_id"})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|linkedin\.com/in/\S+", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_MIN_TOKEN = 2
_MAX_WORDS = 6


def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(name))


class Redactor:
    """Pseudonyms for the people of one export, random per instance.

    Text is matched word by word against dictionaries of names (never one
    huge regular expression), so redacting stays linear in the text length
    however many people the export holds.

    Parameters
    ----------
    people : polars.DataFrame
        The export's ``people`` frame (``person_id``, ``name``, optionally
        ``first_name``, ``last_name``, ``aliases``).
    owner_names : iterable of str
        The owner's names; they become ``You``.
    seed : int, optional
        Fixes the permutation (tests only); default a fresh secret salt.
    """

    def __init__(
        self,
        people: pl.DataFrame,
        *,
        owner_names: Iterable[str] = (),
        seed: int | None = None,
    ) -> None:
        rng = random.Random(secrets.randbits(64) if seed is None else seed)
        keyed = people.filter(pl.col("person_id").is_not_null()).unique("person_id", keep="first")
        ids = keyed["person_id"].to_list()
        numbers = list(range(1, len(ids) + 1))
        rng.shuffle(numbers)
        self._width = max(3, len(str(len(ids))))
        self._number = {pid: self._fmt(n) for pid, n in zip(ids, numbers, strict=True)}
        self._extra = len(ids)
        # full names (2+ words) -> person_id; lone name words -> the person_ids using them
        self._full: dict[tuple[str, ...], str] = {}
        self._tokens: dict[str, set[str]] = {}
        columns = [c for c in ("name", "first_name", "last_name", "aliases") if c in keyed.columns]
        for row in keyed.select("person_id", *columns).iter_rows(named=True):
            pid = row["person_id"]
            names = [row.get("name"), *(row.get("aliases") or [])]
            names += [row.get("first_name"), row.get("last_name")]
            for name in filter(None, names):
                words = _words(name)
                if len(words) > 1:
                    self._full.setdefault(words[:_MAX_WORDS], pid)
                for w in words:
                    if len(w) >= _MIN_TOKEN:
                        self._tokens.setdefault(w, set()).add(pid)
        self._owner_full = {_words(o) for o in owner_names if o and _words(o)}
        self._owner_tokens = {w for o in self._owner_full for w in o if len(w) >= _MIN_TOKEN}
        self._owner_text = {o.strip() for o in owner_names if o}

    def _fmt(self, n: int) -> str:
        return f"{n:0{self._width}d}"

    def pseudonym(self, person_id: str | None) -> str | None:
        """The display pseudonym of ``person_id`` (``Person 017``)."""
        if person_id is None:
            return None
        if person_id == "owner":
            return "You"
        return f"Person {self._code(person_id)}"

    def pseudo_id(self, person_id: str | None) -> str | None:
        """The replacement id of ``person_id`` (``p017``)."""
        if person_id is None:
            return None
        if person_id == "owner":
            return "owner"
        return f"p{self._code(person_id)}"

    def _code(self, person_id: str) -> str:
        if person_id not in self._number:
            self._extra += 1
            self._number[person_id] = self._fmt(self._extra)
        return self._number[person_id]

    def text(self, value: str | None, person_id: str | None = None) -> str | None:
        """Free text with names, e-mail addresses and URLs replaced.

        Full names become the person's pseudonym (the owner's become
        ``You``). A lone first or last name becomes the pseudonym of the
        row's own person (``person_id``) when it is theirs, else ``[name]``.
        """
        if value is None:
            return None
        text = _URL.sub("[link]", _EMAIL.sub("[e-mail]", value))
        words = list(_WORD.finditer(text))
        pieces: list[str] = []
        pos = 0
        i = 0
        while i < len(words):
            span, replacement = self._match(text, words, i, person_id)
            if replacement is None:
                i += 1
                continue
            pieces.append(text[pos : words[i].start()])
            pieces.append(replacement)
            pos = words[i + span - 1].end()
            i += span
        pieces.append(text[pos:])
        return "".join(pieces)

    def _match(
        self, text: str, words: list[re.Match[str]], i: int, person_id: str | None
    ) -> tuple[int, str | None]:
        longest = min(_MAX_WORDS, len(words) - i)
        for n in range(longest, 1, -1):
            gaps_ok = all(
                text[words[j].end() : words[j + 1].start()].isspace() for j in range(i, i + n - 1)
            )
            if not gaps_ok:
                continue
            key = tuple(w.group(0) for w in words[i : i + n])
            if key in self._owner_full:
                return n, "You"
            if key in self._full:
                return n, self.pseudonym(self._full[key])
        word = words[i].group(0)
        if word in self._owner_tokens and word not in self._tokens:
            return 1, "You"
        owners = self._tokens.get(word)
        if owners is None:
            return 1, "[name]" if word in self._owner_tokens else None
        if person_id is not None and person_id in owners:
            return 1, self.pseudonym(person_id)
        return 1, "[name]"

    def frame(self, df: pl.DataFrame) -> pl.DataFrame:
        """A redacted copy of ``df``.

        Name columns take the row's pseudonym (from ``person_id``), id
        columns their pseudo id, URL/e-mail/message columns are dropped, and
        every other text (including lists of text and lists of structs with
        ``name``/``person_id`` fields) goes through :meth:`text`.
        """
        has_id = "person_id" in df.columns
        rows = df.drop([c for c in df.columns if c in DROP_COLUMNS]).to_dicts()
        out = [self._row(row, row.get("person_id") if has_id else None) for row in rows]
        schema = {c: t for c, t in df.schema.items() if c not in DROP_COLUMNS}
        return (
            pl.DataFrame(out, schema=schema, orient="row") if out else pl.DataFrame(schema=schema)
        )

    def _row(self, row: dict[str, Any], person_id: str | None) -> dict[str, Any]:
        new: dict[str, Any] = {}
        for key, value in row.items():
            new[key] = self._value(key, value, person_id)
        return new

    def _value(self, key: str, value: Any, person_id: str | None) -> Any:
        if value is None:
            return None
        if key in _ID_COLUMNS and isinstance(value, str):
            return self.pseudo_id(value)
        if key in NAME_COLUMNS and isinstance(value, str):
            if value.strip() in self._owner_text:
                return "You"
            return self.pseudonym(person_id) if person_id is not None else self.text(value)
        if isinstance(value, str):
            return self.text(value, person_id)
        if isinstance(value, list):
            return [self._value(key, v, person_id) for v in value]
        if isinstance(value, dict):
            inner = value.get("person_id", person_id)
            return {
                k: v if k in DROP_COLUMNS else self._value(k, v, inner)
                for k, v in value.items()
                if k not in DROP_COLUMNS
            }
        return value

    def graph(self, graph: nx.Graph) -> nx.Graph:
        """A redacted copy of a tiekeeper graph: nodes relabelled, attributes cleaned.

        Node ids (person ids) become pseudo ids, the owner node stays
        ``owner``; node and edge attributes are cleaned like frame columns.
        """
        import networkx as nx

        original = {self.pseudo_id(str(n)): str(n) for n in graph.nodes}
        out = nx.relabel_nodes(graph, {n: self.pseudo_id(str(n)) for n in graph.nodes}, copy=True)
        for node, data in out.nodes(data=True):
            pid = original[node]
            cleaned = self._value("__node__", {**data, "person_id": pid}, pid)
            if "name" in data:
                cleaned["name"] = self.pseudonym(pid)
            if "person_id" not in data:
                cleaned.pop("person_id", None)
            data.clear()
            data.update(cleaned)
        for _u, _v, data in out.edges(data=True):
            cleaned = self._value("__edge__", dict(data), None)
            data.clear()
            data.update(cleaned)
        return out
