"""Redaction for sharing: pseudonyms for people, and nothing that identifies them.

A :class:`Redactor` is built once per report from the export's ``people``
frame and the owner's names. It gives every person a pseudonym such as
``Person 017``: the numbers are a random permutation drawn for *this* report
(salted with :mod:`secrets`, or a seeded RNG in tests), never a hash of the
name, so a pseudonym cannot be turned back into a name. The owner becomes
``You``. Person ids become ``p017``. Profile URLs, e-mail addresses and
message text are dropped; companies stay.

Names inside free text (reasons, openers, titles) are found word by word: a
run of words that belong to known names is replaced by the pseudonym of the
row's own person when it names them, by the pseudonym of the one person whose
full name it is, or by ``[name]``. Words longer than three letters match
whatever their case; shorter ones (``Al``, ``Do``, ``van``) only in the
spelling the export uses, so ordinary words survive. E-mail addresses become
``[e-mail]`` and URLs ``[link]``.

The report applies the redactor in one place, :func:`tiekeeper.report.inputs.redact_inputs`,
to every frame and to the graph *before* anything is summarised or drawn, so
tables, hover text, reasons, openers and figure JSON all see pseudonyms only.

Examples
--------
>>> import polars as pl
>>> people = pl.DataFrame({
...     "person_id": ["a", "b"], "name": ["Ada Lovelace", "Bob Stone"],
...     "first_name": ["Ada", "Bob"], "last_name": ["Lovelace", "Stone"], "aliases": [[], []],
... })
>>> r = Redactor(people, owner_names=["Olive Owner"], seed=1)
>>> r.pseudonym("a") == r.pseudonym("a") != r.pseudonym("b")
True
>>> r.text("Hi Ada, Bob Stone says hello to Olive Owner: bob@example.com", "a") == (
...     f"Hi {r.pseudonym('a')}, {r.pseudonym('b')} says hello to You: [e-mail]")
True
>>> frame = pl.DataFrame({"person_id": ["b"], "name": ["Bob Stone"],
...                       "profile_url": ["https://www.linkedin.com/in/bob"]})
>>> r.frame(frame).columns
['person_id', 'name']
"""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from tiekeeper.report._redact_columns import redact_graph, redact_list_texts, redact_texts
from tiekeeper.report._redact_rules import (
    DROP_COLUMNS,
    ID_COLUMNS,
    NAME_COLUMNS,
    OWNER_ID,
    SAFE_COLUMNS,
    drop_fields,
    has_text,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["DROP_COLUMNS", "ID_COLUMNS", "NAME_COLUMNS", "OWNER_ID", "SAFE_COLUMNS", "Redactor"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\blinkedin\.com/\S+", re.IGNORECASE)
_WORD = re.compile(r"\w+")
#: What may stand between two words of one name: a space, hyphen, apostrophe or full
#: stop, or a lone letter between spaces (an initial or particle: "John F. Kennedy",
#: "Chloé Ó Briain"), which is replaced with the name.
_JOINER = re.compile(r"[\s\-'’.]{1,2}|\s+\w[.’']?\s+")
_SHORT = 3


class Redactor:
    """Pseudonyms for the people of one export, random per instance.

    Parameters
    ----------
    people : polars.DataFrame
        The export's ``people`` frame (``person_id``, ``name``, and, when
        present, ``first_name``, ``last_name`` and ``aliases``).
    owner_names : iterable of str
        The owner's names; they become ``You``.
    seed : int, optional
        Fixes the permutation, for reproducible tests. By default the
        permutation comes from a fresh secret salt, so two reports of the same
        export use different pseudonyms.

    Examples
    --------
    >>> people = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lovelace", "Bo Sample"]})
    >>> r = Redactor(people, owner_names=["Emil Owner"], seed=0)
    >>> r.text("Emil Owner met Bo Sample; write to bo@example.com")
    'You met Person 002; write to [e-mail]'
    >>> r.pseudo_id("a"), r.pseudonym("a")
    ('p001', 'Person 001')
    """

    def __init__(
        self, people: pl.DataFrame, *, owner_names: Iterable[str] = (), seed: int | None = None
    ) -> None:
        rng = random.Random(secrets.randbits(128) if seed is None else seed)
        ids = sorted({p for p in people["person_id"].to_list() if p is not None})
        numbers = list(range(1, len(ids) + 1))
        rng.shuffle(numbers)
        self._width = max(3, len(str(len(ids))))
        self._code: dict[str, str] = {
            pid: f"{n:0{self._width}d}" for pid, n in zip(ids, numbers, strict=True)
        }
        self._next = len(ids)
        self._full: dict[str, str] = {}  # case-folded full name -> person_id
        self._tokens: dict[str, set[str]] = {}  # case-folded word -> person_ids
        self._spellings: dict[str, set[str]] = {}  # case-folded short word -> spellings
        self._own: dict[str, set[str]] = {}  # person_id -> case-folded words of their names
        for row in people.iter_rows(named=True):
            pid = row.get("person_id")
            if pid is None:
                continue
            names = [row.get("name"), row.get("first_name"), row.get("last_name")]
            names += list(row.get("aliases") or [])
            first, last = row.get("first_name"), row.get("last_name")
            if first and last:
                names.append(f"{first} {last}")
            # LinkedIn's accounts and organisations (people.kind) are no one's name: their
            # words ("Premium", "from") must not be replaced in everyone's text
            person = row.get("kind") in (None, "person")
            for name in dict.fromkeys(names):  # each spelling once (adding is idempotent)
                self._add_name(name, pid, words=person)
        self._owner_full: set[str] = set()
        for name in owner_names:
            if name:
                self._owner_full.add(" ".join(_WORD.findall(name.casefold())))
                self._add_name(name, OWNER_ID)
        self._cache: dict[tuple[str, str | None], str] = {}

    @classmethod
    def from_export(cls, export: Any, *, seed: int | None = None) -> Redactor:
        """Build the redactor of an :class:`~tiekeeper.io.Export` (its people and owner).

        Parameters
        ----------
        export : Export
            Its ``people`` get pseudonyms; its owner's names become ``You``.
        seed : int, optional
            Fixes the pseudonyms (see :class:`Redactor`).

        Returns
        -------
        Redactor
            A redactor that knows every person of the export.

        Examples
        --------
        >>> import tiekeeper
        >>> r = Redactor.from_export(tiekeeper.load_export(), seed=0)
        >>> r.text("Emil Alderfeather"), len(r.mapping())
        ('You', 320)
        """
        owner = getattr(export, "owner", None)
        names = tuple(getattr(owner, "names", ()) or ())
        return cls(export.people, owner_names=names, seed=seed)

    def _add_name(self, name: str | None, pid: str, *, words: bool = True) -> None:
        """Register ``name`` (whole) and, with ``words``, each capitalised word of it.

        A lower-case word beside capitalised ones ("from", "de", "van") is never a
        name on its own: replacing it everywhere would garble sentences and company
        names. A name written all in lower case keeps every word.
        """
        if not name:
            return
        found = _WORD.findall(name)
        folded = [w.casefold() for w in found]
        if len(found) > 1:
            self._full.setdefault(" ".join(folded), pid)
        own = self._own.setdefault(pid, set())
        capitalised = any(w != w.lower() for w in found)
        for word, key in zip(found, folded, strict=True):
            particle = capitalised and word == word.lower()
            if not words or particle or len(word) < 2 or word.isdigit():
                continue
            self._tokens.setdefault(key, set()).add(pid)
            own.add(key)
            if len(word) <= _SHORT:
                self._spellings.setdefault(key, set()).add(word)

    # ------------------------------------------------------------ pseudonyms
    def _number(self, person_id: str) -> str:
        code = self._code.get(person_id)
        if code is None:
            self._next += 1
            code = self._code[person_id] = f"{self._next:0{self._width}d}"
        return code

    def pseudonym(self, person_id: str | None) -> str | None:
        """The display pseudonym of ``person_id`` (``Person 017``; ``You`` for the owner).

        Parameters
        ----------
        person_id : str or None
            A ``person_id`` of the export; an unknown one gets the next free
            number.

        Returns
        -------
        str or None
            The pseudonym, the same for every call; None for None.

        Examples
        --------
        >>> people = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lovelace", "Bo Sample"]})
        >>> r = Redactor(people, owner_names=["Emil Owner"], seed=0)
        >>> r.pseudonym("b"), r.pseudonym("owner"), r.pseudonym(None)
        ('Person 002', 'You', None)
        """
        if person_id is None:
            return None
        if person_id == OWNER_ID:
            return "You"
        return f"Person {self._number(person_id)}"

    def pseudo_id(self, person_id: str | None) -> str | None:
        """The replacement id of ``person_id`` (``p017``; the owner stays ``owner``).

        Parameters
        ----------
        person_id : str or None
            A ``person_id`` of the export.

        Returns
        -------
        str or None
            The id matching :meth:`pseudonym`'s number; None for None.

        Examples
        --------
        >>> people = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lovelace", "Bo Sample"]})
        >>> r = Redactor(people, owner_names=["Emil Owner"], seed=0)
        >>> r.pseudo_id("b"), r.pseudo_id("owner")
        ('p002', 'owner')
        """
        if person_id is None:
            return None
        if person_id == OWNER_ID:
            return OWNER_ID
        return f"p{self._number(person_id)}"

    # ------------------------------------------------------------------ text
    def _is_name_word(self, word: str) -> bool:
        key = word.casefold()
        if key not in self._tokens:
            return False
        return len(word) > _SHORT or word in self._spellings.get(key, ())

    def _replacement(self, words: list[str], person_id: str | None) -> str:
        keys = [w.casefold() for w in words]
        joined = " ".join(keys)
        if joined in self._owner_full:
            return "You"
        if person_id is not None and any(k in self._own.get(person_id, ()) for k in keys):
            return self.pseudonym(person_id) or "[name]"
        if all(OWNER_ID in self._tokens[k] for k in keys):
            return "You"
        if joined in self._full:
            return self.pseudonym(self._full[joined]) or "[name]"
        common = set.intersection(*(self._tokens[k] for k in keys))
        if len(common) == 1 and len(keys) > 1:
            return self.pseudonym(next(iter(common))) or "[name]"
        return "[name]"

    def text(self, value: str | None, person_id: str | None = None) -> str | None:
        """Free text with names, e-mail addresses and URLs replaced.

        Parameters
        ----------
        value : str or None
            Any text: a reason, a message, an opener.
        person_id : str, optional
            The person the text is about (a reason, an opener): a first name
            alone then becomes their pseudonym rather than ``[name]``.

        Returns
        -------
        str or None
            The text with full names as pseudonyms (the owner's as ``You``),
            other name words as ``[name]``, e-mail addresses as ``[e-mail]``
            and links as ``[link]``; None for None.

        Examples
        --------
        >>> people = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lovelace", "Bo Sample"]})
        >>> r = Redactor(people, owner_names=["Emil Owner"], seed=0)
        >>> r.text("Ada said hi"), r.text("Ada said hi", "a")
        ('[name] said hi', 'Person 001 said hi')
        >>> r.text("See https://www.linkedin.com/in/ada")
        'See [link]'
        """
        if value is None:
            return None
        key = (value, person_id)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out = _EMAIL.sub("[e-mail]", value) if "@" in value else value
        low = out.lower()
        if "://" in low or "www." in low or "linkedin.com" in low:
            out = _URL.sub("[link]", out)
        matches = [m for m in _WORD.finditer(out) if self._is_name_word(m.group(0))]
        if not matches:
            return self._remember(key, out)
        pieces: list[str] = []
        pos = 0
        run: list[re.Match[str]] = []

        def flush() -> None:
            nonlocal pos
            if run:
                pieces.append(out[pos : run[0].start()])
                pieces.append(self._replacement([m.group(0) for m in run], person_id))
                pos = run[-1].end()
                run.clear()

        for m in matches:
            if run and not _JOINER.fullmatch(out[run[-1].end() : m.start()]):
                flush()
            run.append(m)
        flush()
        pieces.append(out[pos:])
        return self._remember(key, "".join(pieces))

    def _remember(self, key: tuple[str, str | None], result: str) -> str:
        if len(self._cache) < 200_000:
            self._cache[key] = result
        return result

    # ---------------------------------------------------------------- values
    def value(self, key: str, value: Any, person_id: str | None = None) -> Any:
        """Redact one plain value found under column or field ``key``.

        Strings, lists and dicts (struct values) are handled recursively; a
        dict's own ``person_id`` gives the context of its fields.

        Parameters
        ----------
        key : str
            The column or field name: id columns take :meth:`pseudo_id`, name
            columns :meth:`pseudonym`, safe columns are kept, other text goes
            through :meth:`text`.
        value : object
            A cell: text, a number, a list or a dict.
        person_id : str, optional
            The person of the row, the context for names.

        Returns
        -------
        object
            The redacted value, of the same shape (a dict loses the fields in
            :data:`DROP_COLUMNS`).

        Examples
        --------
        >>> people = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lovelace", "Bo Sample"]})
        >>> r = Redactor(people, owner_names=["Emil Owner"], seed=0)
        >>> r.value("person_id", "a"), r.value("name", "Ada Lovelace", "a")
        ('p001', 'Person 001')
        >>> r.value("colleagues", [{"person_id": "b", "name": "Bo Sample", "email": "b@x.org"}])
        [{'person_id': 'p002', 'name': 'Person 002'}]
        """
        if value is None or key in SAFE_COLUMNS:
            return value
        if isinstance(value, str):
            if key in ID_COLUMNS:
                return self.pseudo_id(value)
            if key in NAME_COLUMNS and person_id is not None:
                return self.pseudonym(person_id)
            return self.text(value, person_id)
        if isinstance(value, list):
            return [self.value(key, v, person_id) for v in value]
        if isinstance(value, dict):
            inner = value.get("person_id", person_id)
            return {k: self.value(k, v, inner) for k, v in value.items() if k not in DROP_COLUMNS}
        return value

    def frame(self, df: pl.DataFrame) -> pl.DataFrame:
        """A redacted copy of ``df`` with the same columns minus :data:`DROP_COLUMNS`.

        Id columns take the pseudo id and name columns the row's pseudonym
        (both vectorised over unique values); every other text column (lists
        and structs included) goes through :meth:`text` with the row's person
        as context. :data:`SAFE_COLUMNS`, numbers, dates and booleans are
        unchanged.

        Parameters
        ----------
        df : polars.DataFrame
            Any frame of the export or of a result (``person_id`` gives each row
            its context when present).

        Returns
        -------
        polars.DataFrame
            A new frame, row for row with ``df``.

        Examples
        --------
        >>> people = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lovelace", "Bo Sample"]})
        >>> r = Redactor(people, owner_names=["Emil Owner"], seed=0)
        >>> df = pl.DataFrame({"person_id": ["a"], "name": ["Ada Lovelace"],
        ...                    "profile_url": ["https://www.linkedin.com/in/ada"],
        ...                    "reasons": ["Ada owes you a reply."], "strength": [57.0]})
        >>> r.frame(df).rows()
        [('p001', 'Person 001', 'Person 001 owes you a reply.', 57.0)]
        """
        kept = df.drop([c for c in df.columns if c in DROP_COLUMNS])
        has_pid = "person_id" in kept.columns
        pids = kept["person_id"].cast(pl.String) if has_pid else None
        new_cols = []
        for name, dtype in kept.schema.items():
            col = kept[name]
            if name in SAFE_COLUMNS or not has_text(dtype):
                new_cols.append(col)
            elif name in ID_COLUMNS and dtype == pl.String:
                new_cols.append(self._map_unique(col, self.pseudo_id))
            elif name in NAME_COLUMNS and dtype == pl.String and pids is not None:
                names = self._map_unique(pids, self.pseudonym).alias(name)
                # rows with no person id: sweep their text instead
                missing = pids.is_null()
                if missing.any():
                    names = names.scatter(missing.arg_true(), self.texts(col.filter(missing)))
                new_cols.append(names)
            elif name not in ID_COLUMNS and name not in NAME_COLUMNS and dtype == pl.String:
                new_cols.append(self.texts(col, pids))
            elif (
                name not in ID_COLUMNS
                and name not in NAME_COLUMNS
                and isinstance(dtype, pl.List)
                and dtype.inner == pl.String
            ):
                new_cols.append(redact_list_texts(self, col, pids))
            else:
                context = pids.to_list() if pids is not None else [None] * col.len()
                out = [self.value(name, v, p) for v, p in zip(col.to_list(), context, strict=True)]
                new_cols.append(pl.Series(name, out, dtype=drop_fields(dtype)))
        return pl.DataFrame(new_cols, height=kept.height) if new_cols else kept

    def needs_redaction(self, value: str) -> bool:
        """Whether :meth:`text` could change ``value`` (a name word, e-mail or URL in it).

        Parameters
        ----------
        value : str
            Any text.

        Returns
        -------
        bool
            False only when :meth:`text` would return ``value`` unchanged.

        Examples
        --------
        >>> r = Redactor(pl.DataFrame({"person_id": ["a"], "name": ["Ada Lovelace"]}), seed=0)
        >>> r.needs_redaction("Lunch with LOVELACE"), r.needs_redaction("Lunch with ada")
        (True, False)
        """
        if "@" in value:
            return True
        low = value.lower()
        if "://" in low or "www." in low or "linkedin.com" in low:
            return True
        return any(self._is_name_word(w) for w in _WORD.findall(value))

    def texts(self, values: pl.Series, person_ids: pl.Series | None = None) -> pl.Series:
        """:meth:`text` over a text column, with each row's person as context.

        Vectorised: each *unique* text is checked once for names, e-mail
        addresses and URLs; only texts that have some are redacted, once per
        unique (text, person) pair, and joined back. The result equals
        ``[self.text(v, p) for v, p in zip(values, person_ids)]``.

        Parameters
        ----------
        values : polars.Series
            A text column.
        person_ids : polars.Series, optional
            Each row's ``person_id`` (the context for names), row for row with
            ``values``.

        Returns
        -------
        polars.Series
            The redacted texts, row for row; nulls stay null.

        Examples
        --------
        >>> people = pl.DataFrame({"person_id": ["a"], "name": ["Ada Lovelace"]})
        >>> r = Redactor(people, seed=0)
        >>> texts = pl.Series(["Met Ada Lovelace", "Acme", None])
        >>> r.texts(texts, pl.Series([None, "a", "a"])).to_list()
        ['Met Person 001', 'Acme', None]
        """
        return redact_texts(self, values, person_ids)

    def _map_unique(self, col: pl.Series, fn: Any) -> pl.Series:
        uniq = [v for v in col.unique().to_list() if v is not None]
        mapping = {v: fn(v) for v in uniq}
        return col.replace_strict(mapping, default=None, return_dtype=pl.String)

    def graph(self, graph: nx.Graph) -> nx.Graph:
        """A redacted copy of a tiekeeper graph: nodes relabelled, attributes cleaned.

        Attributes are redacted column by column (:meth:`texts` over each text
        attribute, with the node's person as context); the copy keeps the
        order of nodes, edges and attributes, like ``nx.relabel_nodes``.

        Parameters
        ----------
        graph : networkx.Graph
            A graph from :func:`tiekeeper.build_graph` (nodes are ``person_id``
            values and ``owner``).

        Returns
        -------
        networkx.Graph
            A new graph of the same class, nodes relabelled by :meth:`pseudo_id`,
            attributes in :data:`DROP_COLUMNS` dropped and text redacted.

        Examples
        --------
        >>> import networkx as nx
        >>> people = pl.DataFrame({"person_id": ["a"], "name": ["Ada Lovelace"]})
        >>> r = Redactor(people, seed=0)
        >>> G = nx.Graph([("a", "owner", {"employer": "Lovelace Ltd"})])
        >>> G.nodes["a"].update(name="Ada Lovelace", email="ada@example.com", strength=3.0)
        >>> H = r.graph(G)
        >>> dict(H.nodes["p001"]), H.edges["p001", "owner"]["employer"]
        ({'name': 'Person 001', 'strength': 3.0}, '[name] Ltd')
        """
        return redact_graph(self, graph)

    def mapping(self) -> Mapping[str, str]:
        """Map every ``person_id`` seen so far to its pseudonym (keep it private).

        Returns
        -------
        Mapping of str to str
            ``person_id`` to ``Person NNN``, for the people of the export and any
            id met since.

        Examples
        --------
        >>> people = pl.DataFrame({"person_id": ["a", "b"], "name": ["Ada Lovelace", "Bo Sample"]})
        >>> r = Redactor(people, owner_names=["Emil Owner"], seed=0)
        >>> dict(r.mapping())
        {'a': 'Person 001', 'b': 'Person 002'}
        """
        return {pid: f"Person {code}" for pid, code in self._code.items()}
