"""Message text: HTML entities unescaped and tags stripped, vectorised.

``CONTENT`` is plain text or an HTML fragment (``<p>``, ``<br>``, entities
such as ``&nbsp;`` and ``&rsquo;``), in every era (reference §4.2). Only the
rows that hold ``<`` or ``&`` are touched. Tags become a space; entities are
collected from those rows, decoded once each with :func:`html.unescape`, and
replaced with one Aho-Corasick pass, so there is no per-row Python.

Examples
--------
>>> import polars as pl
>>> s = pl.Series(["<p>Hi&nbsp;Ada,</p><p>let&rsquo;s talk &lt;soon&gt;</p>", "plain"])
>>> html_to_text(s).to_list()
['Hi\\xa0Ada, let’s talk <soon>', 'plain']
>>> word_counts(pl.Series(["Hi\\xa0Ada,  let’s talk", "", None])).to_list()
[4, 0, 0]
"""

from __future__ import annotations

import html

import polars as pl

__all__ = ["html_to_text", "word_counts"]

#: The white space of ``\\s`` outside ASCII (Unicode White_Space).
_USPACE = "[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"


def html_to_text(content: pl.Series) -> pl.Series:
    """Unescape entities and strip tags of the HTML rows of a content column."""
    has = (
        content.str.contains("<", literal=True) | content.str.contains("&", literal=True)
    ).fill_null(False)
    if not has.any():
        return content.alias("text")
    idx = has.arg_true()
    sub = content.gather(idx).str.replace_all(r"<[^>]*>", " ")
    tokens = sub.str.extract_all(_ENTITY).explode().drop_nulls().unique().to_list()
    if tokens:
        tokens.sort(key=len, reverse=True)
        sub = sub.str.replace_many(tokens, [html.unescape(t) for t in tokens], leftmost=True)
    sub = sub.str.replace_all(r"[ \t]{2,}", " ").str.strip_chars(" ")
    return content.clone().scatter(idx, sub).alias("text")


def word_counts(text: pl.Series) -> pl.Series:
    """Number of white-space separated words (0 for empty or null).

    Most messages separate words by single plain spaces; for those the count
    is the number of spaces plus one, minus a leading or trailing space,
    which is far cheaper than a regex match per word. Rows holding a run of
    spaces, an ASCII control space (tab, newline …) or, among the non-ASCII
    rows only, a Unicode space count ``\\S+`` matches exactly. Each of the
    three tests is a single cheap scan (a literal, a one-byte class, a
    length comparison), where one regex for all of them scans at a quarter
    of the speed.
    """
    spaces = text.str.count_matches(" ").cast(pl.Int64)  # (regex " " beats literal here)
    edges = text.str.starts_with(" ").cast(pl.Int64) + text.str.ends_with(" ").cast(pl.Int64)
    empty = text.str.len_bytes().fill_null(0) == 0
    words = pl.select(
        pl.when(empty).then(pl.lit(0, pl.Int64)).otherwise(spaces + 1 - edges)
    ).to_series()
    hard = (text.str.contains("  ", literal=True) | text.str.contains(r"[\t-\r]")).fill_null(False)
    wide = (text.str.len_chars() != text.str.len_bytes()).fill_null(False).arg_true()
    if len(wide):
        hard = hard.scatter(wide, hard.gather(wide) | text.gather(wide).str.contains(_USPACE))
    idx = hard.arg_true()
    if len(idx):
        words = words.scatter(idx, text.gather(idx).str.count_matches(r"\S+").cast(pl.Int64))
    return words.fill_null(0).alias("words")
