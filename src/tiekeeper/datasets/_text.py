"""Message text: word counts with a heavy tail and content cut from a sentence pool.

Word counts are log-normal with a median of 24 words (σ = 0.95, capped at
400), so most messages are a sentence or two and a few are long. The text of a
message is a run of about ``n`` words cut from a long seeded stream of
everyday sentences (templates with varied slots, plus hand-written lines with
commas, quotes, ampersands and emoji), extended to the end of its last
sentence when that adds at most ``SNAP`` words. Cutting is a string slice, so
a million messages take well under a second, and the varied stream
compresses like real text rather than like a few repeated lines.
:func:`to_html` turns a share of messages into the HTML fragments LinkedIn
writes (``<p>``, ``<br>``, entities).

Examples
--------
>>> import numpy as np
>>> pool = TextPool(np.random.default_rng(1), n_words=2_000)
>>> texts = pool.take(np.random.default_rng(2), np.array([1, 5, 30]))
>>> [0 <= len(t.split(" ")) - n <= SNAP for t, n in zip(texts, [1, 5, 30])]
[True, True, True]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import polars as pl

from tiekeeper.datasets._phrases import SENTENCES, SLOTS, TEMPLATES
from tiekeeper.datasets._vocab import FIRST_NAMES

__all__ = ["MAX_WORDS", "MEDIAN_WORDS", "SNAP", "TextPool", "sentences", "to_html", "word_counts"]

MEDIAN_WORDS = 24
#: A text is extended to the end of its last sentence if that adds at most this many words.
SNAP = 6
MAX_WORDS = 400


def word_counts(rng: np.random.Generator, n: int) -> np.ndarray:
    """Heavy-tailed word counts (log-normal, median 24, at least 1, at most 400)."""
    raw = rng.lognormal(np.log(MEDIAN_WORDS), 0.95, n)
    return np.clip(np.rint(raw), 1, MAX_WORDS).astype(np.int64)


_SLOT = re.compile(r"\{(\w+)\}")
_HANDWRITTEN_SHARE = 0.2


def sentences(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` everyday sentences: 20 % hand-written, the rest filled-in templates.

    Examples
    --------
    >>> len(sentences(np.random.default_rng(0), 5))
    5
    """
    slots = {**SLOTS, "noun2": SLOTS["noun"], "name": FIRST_NAMES}
    draws = rng.integers(0, 2**31, (n, 8)).tolist()
    hand = (rng.random(n) < _HANDWRITTEN_SHARE).tolist()
    out = []
    for d, h in zip(draws, hand, strict=True):
        if h:
            out.append(SENTENCES[d[0] % len(SENTENCES)])
            continue
        template = TEMPLATES[d[0] % len(TEMPLATES)]
        k = iter(d[1:])

        def fill(m: re.Match[str], k: Iterator[int] = k) -> str:
            slot = m.group(1)
            if slot == "num":
                return str(2 + next(k) % 97)
            values = slots[slot]
            return values[next(k) % len(values)]

        out.append(_SLOT.sub(fill, template))
    return out


class TextPool:
    """A seeded stream of sentences that message texts are sliced from."""

    def __init__(self, rng: np.random.Generator, *, n_words: int = 200_000) -> None:
        tokens: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        while len(tokens) < n_words + 2 * MAX_WORDS:
            for sentence in sentences(rng, 1024):
                words = sentence.split(" ")
                starts.append(len(tokens))
                tokens.extend(words)
                ends.extend([len(tokens) - 1] * len(words))
        self.text = " ".join(tokens)
        lengths = np.array([len(t) for t in tokens], dtype=np.int64)
        self._char = np.cumsum(lengths + 1) - lengths - 1
        self._len = lengths
        n_tok = len(tokens)
        s = np.array(starts, dtype=np.int64)
        self._starts = s[s <= n_tok - 2 * MAX_WORDS]
        self._sentence_end = np.array(ends, dtype=np.int64)

    def take(self, rng: np.random.Generator, n_words: np.ndarray) -> list[str]:
        """About ``n_words[i]`` words for each ``i``: whole sentences where the last one
        ends within ``SNAP`` words, else cut mid-sentence."""
        n_words = np.clip(np.asarray(n_words, dtype=np.int64), 1, MAX_WORDS)
        first = self._starts[rng.integers(0, len(self._starts), len(n_words))]
        last = first + n_words - 1
        snapped = self._sentence_end[last]
        last = np.where(snapped - last <= SNAP, snapped, last)
        a = self._char[first].tolist()
        b = (self._char[last] + self._len[last]).tolist()
        text = self.text
        return [text[i:j] for i, j in zip(a, b, strict=True)]


def to_html(text: pl.Expr) -> pl.Expr:
    """Wrap plain text as LinkedIn's HTML: escape ``& < >``, curly quotes as entities,
    a ``&nbsp;`` after the first word, and a ``<br>`` after the first sentence.

    Examples
    --------
    >>> pl.select(to_html(pl.lit("Hi Ada, the R&D team’s demo. Thanks"))).item()
    '<p>Hi&nbsp;Ada, the R&amp;D team&rsquo;s demo.<br>Thanks</p>'
    """
    escaped = (
        text.str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
        .str.replace_all("’", "&rsquo;", literal=True)
        .str.replace(" ", "&nbsp;", literal=True)
        .str.replace(". ", ".<br>", literal=True)
    )
    return pl.lit("<p>") + escaped + pl.lit("</p>")
