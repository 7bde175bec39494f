"""messages.csv in every era, and the coach / AI message files.

============================  ==========================================================
era                           header
============================  ==========================================================
2018 (``Messages.csv``)       ``From,To,Date,Subject,Content,Direction,Folder`` (F1 dates)
early 2020                    ``FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER`` (F15)
2021-05 to 2023-03            ``CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,
                              TO,DATE,SUBJECT,CONTENT,FOLDER`` (9 columns)
2023-04 on                    the 9 + ``RECIPIENT PROFILE URLS`` (10 columns)
2024-12 / 2025-01 / ~2026     the 10 + ``IS MESSAGE DRAFT``, ``IS CONVERSATION DRAFT``,
                              ``ATTACHMENTS`` (each optional)
============================  ==========================================================

Columns are mapped by name; an absent column is empty. Times become UTC.
Recipients are split on ``RECIPIENT PROFILE URLS`` where it exists (URLs
hold no commas); names are split on a ``,`` not followed by a space (names
contain ``, ``). ``recipients_method`` records which applied: ``'urls'``,
``'names'`` or, for the 2018/2020 files whose ``Direction`` says who sent
it, ``'direction'``. Drafts, system rows, sponsored/InMail rows and the SPAM
folder are flagged and never count as interactions. The owner-dependent
columns (``from_owner`` outside 2018/2020, ``sender_id``, ``recipient_ids``,
``participants``) are filled once the owner is known.

The coach and AI files (``coach_messages.csv`` …) share the 10-column
header. They are parsed the same way but never become interactions.

Examples
--------
>>> from tiekeeper.io.csvfile import read_table
>>> raw = (b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,"
...        b"CONTENT,FOLDER\\n"
...        b"2-AA,,Bob Sample,https://www.linkedin.com/in/bob-sample,"
...        b"\\"Ada Example, PhD\\",2022-01-02 10:00:00 UTC,,Hi &amp; bye,INBOX\\n")
>>> p = parse_messages(read_table(raw, "messages.csv", required=REQUIRED))
>>> p.era, p.frame["recipient_names"].to_list(), p.frame["text"].to_list()
('2021-05 to 2023-03 (9 columns)', [['Ada Example, PhD']], ['Hi & bye'])
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import polars as pl

from tiekeeper.credentials import credential_fragments, is_credential_fragment
from tiekeeper.io.combos import distinct_rows
from tiekeeper.io.csvfile import Table
from tiekeeper.io.parsers._common import (
    assemble,
    constant,
    date_column,
    flag_unique,
    rejects,
    spreadsheet_notes,
)
from tiekeeper.io.parsers._html import html_to_text, word_counts
from tiekeeper.io.registry import FileParser, Parsed, register
from tiekeeper.keys import (
    _CANON_URL,
    FastPath,
    canonical_url_fast,
    is_linkedin_member,
    linkedin_member_fast,
    map_unique,
    normalize_name,
    normalize_name_fast,
    normalize_profile_url,
)

__all__ = [
    "REQUIRED",
    "fast_profile_url",
    "message_text",
    "parse_messages",
    "recipient_names_fast",
    "recipient_urls_fast",
    "split_recipient_names",
    "split_recipient_urls",
]

REQUIRED = ("FROM", "TO", "DATE")
_SEP = "\x1f"  # joins list items inside one string while mapping unique values
_LIST = pl.List(pl.String)


def split_recipient_names(to: str) -> list[str]:
    """Split a ``TO`` value on commas not followed by a space (reference §4.2).

    A piece that holds only credentials or initials ("ASM", "MBA", "A.",
    :func:`tiekeeper.credentials.is_credential_fragment`) is never a person:
    it belongs to the name before it, so it is joined back with the bare
    comma it was split on. A list that starts with such a piece keeps it
    as it is (it cannot belong to anything); identity never keys it.

    Examples
    --------
    >>> split_recipient_names("Ada Example, FICS (UK), MSc (SE).,Bob Sample,Carol Test")
    ['Ada Example, FICS (UK), MSc (SE).', 'Bob Sample', 'Carol Test']
    >>> split_recipient_names("Tom Okafor, ACIPM,ASM,Bob Sample")
    ['Tom Okafor, ACIPM,ASM', 'Bob Sample']
    """
    parts = to.replace(", ", _SEP).split(",")
    names: list[str] = []
    for raw in parts:
        name = normalize_name(raw.replace(_SEP, ", "))
        if not name:
            continue
        if names and is_credential_fragment(name):
            names[-1] = f"{names[-1]},{name}"
        else:
            names.append(name)
    return names


_CANON = "https://www.linkedin.com/in/"


def fast_profile_url(url: str) -> str | None:
    """``normalize_profile_url``, with a shortcut for URLs already in canonical form.

    Message files write ``https://www.linkedin.com/in/<slug>`` exactly (reference
    §5.1); such URLs are returned as they are instead of being re-normalised.

    Examples
    --------
    >>> fast_profile_url("https://www.linkedin.com/in/ada")
    'https://www.linkedin.com/in/ada'
    >>> fast_profile_url("linkedin.com/in/Ada/")
    'https://www.linkedin.com/in/ada'
    """
    tail = url[len(_CANON) :] if url.startswith(_CANON) else None
    if (
        tail
        and not any(c in tail for c in "?#%/ \t")
        and tail == tail.casefold()
        and unicodedata.is_normalized("NFC", tail)
    ):
        return url
    return normalize_profile_url(url)


def split_recipient_urls(urls: str) -> list[str]:
    """Split ``RECIPIENT PROFILE URLS`` on commas and normalise each URL.

    Examples
    --------
    >>> split_recipient_urls("https://www.linkedin.com/in/Ada/,https://www.linkedin.com/in/bob")
    ['https://www.linkedin.com/in/ada', 'https://www.linkedin.com/in/bob']
    """
    out = (fast_profile_url(u) for u in urls.split(","))
    return [u for u in out if u]


def recipient_urls_fast(uniq: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Vectorised :func:`split_recipient_urls` (``\\x1f``-joined) for canonical URL lists.

    A comma-separated list of URLs that are each already canonical splits into
    those URLs unchanged; other values are left to the scalar function.

    Examples
    --------
    >>> u = "https://www.linkedin.com/in/ada,https://www.linkedin.com/in/bob"
    >>> done, out = recipient_urls_fast(pl.Series([u, "x"]))
    >>> done.to_list(), out.str.split(_SEP).to_list()
    ([True, False], [['https://www.linkedin.com/in/ada', 'https://www.linkedin.com/in/bob'], None])
    """
    done = uniq.str.contains(f"^{_CANON_URL}(?:,{_CANON_URL})*$").fill_null(False)
    return done, uniq.str.replace_all(",", _SEP, literal=True).set(~done, None)


def recipient_names_fast(uniq: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Vectorised :func:`split_recipient_names` (``\\x1f``-joined) for plain ASCII lists.

    Printable ASCII with single spaces, no edge spaces, no ``" ,"``, no ``",,"``
    and no comma at either end splits into names that are already normal. A
    list whose later pieces include a credential or an initial (which belongs
    to the name before it) is left to the scalar function.

    Examples
    --------
    >>> done, out = recipient_names_fast(pl.Series(["Ada Example, MSc,Bob", "Ada,ASM"]))
    >>> done.to_list(), out.str.split(_SEP).to_list()
    ([True, False], [['Ada Example, MSc', 'Bob'], None])
    """
    plain = uniq.str.contains(r"^[!-+\--~][!-~]*(?: [!-~]+)*$") & ~uniq.str.contains_any(
        [" ,", ",,"]
    )
    done = (plain & ~uniq.str.ends_with(",")).fill_null(False)
    split = uniq.str.replace_all(r",([^ ])", _SEP + "$1")
    multi = (done & uniq.str.contains(",[^ ]")).fill_null(False)
    if bool(multi.any()):
        idx = multi.arg_true()
        later = (
            pl.DataFrame({"_i": idx, "_p": split.gather(idx).str.split(_SEP).list.slice(1)})
            .explode("_p")
            .drop_nulls("_p")
        )
        bad = later.filter(credential_fragments(later["_p"]))["_i"].unique()
        if len(bad):
            done = done.scatter(bad, False)
    return done, split.set(~done, None)


def _listify(
    values: pl.Series,
    fn: Callable[[str], list[str]],
    name: str,
    fast: FastPath | None = None,
) -> tuple[pl.Series, pl.Series]:
    """Map a string column to lists through ``fn`` over its unique values only.

    Returns the lists and their ``\\x1f``-joined form (null when empty), which
    later steps group and map on more cheaply than on lists.
    """
    joined = map_unique(values, lambda v: _SEP.join(fn(v)) or None, name=name, fast=fast)
    lists = joined.str.split(_SEP).fill_null(pl.lit([], dtype=_LIST))
    return lists.alias(name), joined


def message_text(content: pl.Series) -> pl.DataFrame:
    """``text`` (HTML unescaped and stripped) and ``words`` of message contents.

    Examples
    --------
    >>> message_text(pl.Series(["<p>Hi&nbsp;there</p>", None])).rows()
    [('Hi\xa0there', 2), (None, 0)]
    """
    text = html_to_text(content)
    return pl.DataFrame([text.alias("text"), word_counts(text).alias("words")])


def _table_text(table: Table) -> pl.DataFrame:
    return message_text(table.get("CONTENT"))


def _yes(values: pl.Series) -> pl.Series:
    return flag_unique(
        values, lambda u: u.str.strip_chars().str.to_lowercase().is_in(["yes", "true"])
    )


def _era(t: Table) -> str:
    if t.column("DIRECTION") is not None and t.column("CONVERSATION ID") is None:
        upper = any(h.isupper() for h in t.header if h.casefold() == "direction")
        return "early 2020 (uppercase, ISO dates)" if upper else "2018 (Direction, F1 dates)"
    base = (
        "2023-04+ (10 columns)"
        if t.column("RECIPIENT PROFILE URLS") is not None
        else "2021-05 to 2023-03 (9 columns)"
    )
    extras = [
        label
        for col, label in (
            ("IS MESSAGE DRAFT", "message-draft"),
            ("IS CONVERSATION DRAFT", "conversation-draft"),
            ("ATTACHMENTS", "attachments"),
        )
        if t.column(col) is not None
    ]
    return f"{base} + {', '.join(extras)}" if extras else base


def _parse(t: Table, source: str) -> Parsed:
    era = _era(t)
    n = t.data.height
    frm_raw = t.get("FROM")
    to_raw = t.get("TO")
    urls_raw = t.get("RECIPIENT PROFILE URLS")
    has_urls_col = t.column("RECIPIENT PROFILE URLS") is not None
    has_dir = t.column("DIRECTION") is not None
    has_conv = t.column("CONVERSATION ID") is not None
    has_sender_url_col = t.column("SENDER PROFILE URL") is not None
    # 2018 and early-2020 files (Direction, no conversation id) write F1 times
    time, bad_time = date_column(
        t, t.get("DATE"), kind="instant", label="DATE", pacific=has_dir and not has_conv
    )
    missing_time = pl.select(
        pl.when(t.get("DATE").is_null()).then(pl.lit("DATE is empty")).otherwise(None)
    ).to_series()
    # Who sent it to whom depends only on the raw sender and recipient fields,
    # which a million rows repeat in a few tens of thousands of combinations:
    # map each combination once, then gather the results to the rows.
    raw = pl.DataFrame([frm_raw, t.get("SENDER PROFILE URL"), to_raw, urls_raw])
    row_combo, first = distinct_rows(raw.select(c for c in raw.columns if raw[c].null_count() < n))
    uniq = raw.gather(first)
    u_sender = map_unique(
        uniq.to_series(0), normalize_name, name="sender_name", fast=normalize_name_fast
    )
    u_url = map_unique(
        uniq.to_series(1), fast_profile_url, name="sender_url", fast=canonical_url_fast
    )
    u_names, u_names_key = _listify(
        uniq.to_series(2), split_recipient_names, "recipient_names", recipient_names_fast
    )
    if has_urls_col:
        u_urls, u_urls_key = _listify(
            uniq.to_series(3), split_recipient_urls, "recipient_urls", recipient_urls_fast
        )
    else:
        u_urls_key = constant(None, uniq.height, pl.String)
        u_urls = u_urls_key.cast(_LIST).fill_null(pl.lit([], dtype=_LIST))
    u_member = constant(False, uniq.height, pl.Boolean)
    no_url = u_url.is_null().arg_true()  # LinkedIn Member never has a URL
    if len(no_url):
        member = map_unique(
            u_sender.gather(no_url),
            lambda s: "1" if is_linkedin_member(s) else None,
            fast=linkedin_member_fast,
        )
        u_member = u_member.scatter(no_url, member.is_not_null())
    u_from_linkedin = u_sender.str.contains(r"(?i)(?: @ LinkedIn| from LinkedIn)").fill_null(False)
    sender, sender_url = u_sender.gather(row_combo), u_url.gather(row_combo)
    names, names_key = u_names.gather(row_combo), u_names_key.gather(row_combo)
    urls, urls_key = u_urls.gather(row_combo), u_urls_key.gather(row_combo)
    is_member = u_member.gather(row_combo)
    conv = t.get("CONVERSATION ID")
    folder = t.get("FOLDER")
    content = t.get("CONTENT")
    title = t.get("CONVERSATION TITLE")
    no_from = sender.is_null()
    no_to = names_key.is_null()
    is_draft = _yes(t.get("IS MESSAGE DRAFT"))
    if has_conv:
        is_draft = is_draft | (conv.is_null() & no_to & folder.is_null() & ~no_from)
    is_system = no_from & no_to
    sponsored = (
        flag_unique(title, lambda u: u.str.contains(r"(?i)sponsored"))
        | content.str.contains_any(["spinmail-quill-editor", "%FIRSTNAME%"]).fill_null(False)
        | u_from_linkedin.gather(row_combo)
    )
    if has_sender_url_col:
        sponsored = sponsored | (sender_url.is_null() & ~no_from & ~is_member & ~is_draft)
    is_spam = flag_unique(folder, lambda u: u.str.strip_chars().str.to_uppercase() == "SPAM")
    interaction = ~(is_draft | is_system | sponsored | is_spam | is_member)
    if source != "messages":
        interaction = constant(False, n, pl.Boolean)
    if has_dir:
        method = constant("direction", n, pl.String)
        from_owner = t.get("DIRECTION").str.strip_chars().str.to_uppercase() == "OUTGOING"
    else:
        method = pl.select(
            pl.when(urls_key.is_not_null()).then(pl.lit("urls")).otherwise(pl.lit("names"))
        ).to_series()
        from_owner = constant(None, n, pl.Boolean)
    frame = assemble(
        "messages",
        t,
        {
            "conversation_id": conv,
            "conversation_title": title,
            "time": time,
            "sender_name": sender,
            "sender_url": sender_url,
            "recipient_names": names,
            "recipient_urls": urls,
            "recipient_ids": None,
            "recipients_method": method,
            "from_owner": from_owner,
            "subject": t.get("SUBJECT"),
            "content": content,
            "folder": folder,
            "is_draft": is_draft,
            "is_system": is_system,
            "is_sponsored": sponsored,
            "is_spam": is_spam,
            "is_interaction": interaction,
            "source": constant(source, n, pl.String),
            "_names_key": names_key,
            "_urls_key": urls_key,
            "_combo_raw": row_combo,
            # the codes above are per file; split files are joined later
            "_combo_file": constant(t.file, n, pl.String).cast(pl.Categorical),
        },
    )
    rej, keep = rejects(t, missing_time, bad_time)
    if keep is not None:
        frame = frame.filter(keep)
    notes = spreadsheet_notes(t, {"DATE": t.get("DATE")}) if n < 200_000 else []
    return Parsed(frame, rej, era, notes)


def parse_messages(table: Table) -> Parsed:
    """Parse ``messages.csv`` (any era) into the ``messages`` schema."""
    return _with_text(_parse(table, "messages"))


def _with_text(parsed: Parsed) -> Parsed:
    parsed.frame = parsed.frame.with_columns(message_text(parsed.frame["content"]))
    return parsed


def _without_text(table: Table) -> Parsed:
    """:func:`parse_messages` with ``text`` and ``words`` left null (see ``complete``)."""
    return _parse(table, "messages")


def _other(source: str) -> Callable[[Table], Parsed]:
    def parse(table: Table) -> Parsed:
        return _with_text(_parse(table, source))

    parse.__doc__ = f"Parse ``{source}.csv`` into the ``messages`` schema (never interactions)."
    return parse


register(
    FileParser("messages", ("messages",), REQUIRED, "messages", _without_text, complete=_table_text)
)
for _name, _keys in (
    ("coach_messages", ("coach messages",)),
    ("learning_coach_messages", ("learning coach messages", "learningcoachmessages")),
    ("learning_role_play_messages", ("learning role play messages",)),
    ("guide_messages", ("guide messages",)),
):
    register(FileParser(_name, _keys, REQUIRED, "messages", _other(_name)))
