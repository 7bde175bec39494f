"""Line-level TOML text helpers: find a table or key, write a value, edit one key in place.

The writers of :mod:`tiekeeper.state` change the user's file as text, so that
their comments and layout survive; these helpers do the text work. Line ends
are TOML's (``\\n``, with ``\\r\\n`` kept as written), never ``str.splitlines``.

Examples
--------
>>> text = '# mine\\n[snooze]\\n"Ada" = 2024-01-01  # moved\\n'
>>> print(set_key(text, "snooze", "Ada", dt.date(2024, 6, 1)), end="")
# mine
[snooze]
Ada = 2024-06-01  # moved
>>> line_of(text, "snooze", "Ada")
3
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable

__all__ = [
    "HEAD",
    "PID",
    "as_date",
    "key_spans",
    "line_of",
    "set_key",
    "split_lines",
    "toml_value",
    "trailing_comment",
]

#: A person_id: 16 lowercase hex digits.
PID = re.compile(r"^[0-9a-f]{16}$")
#: A table header line, ``[name]`` or ``[[name]]``, with an optional comment.
HEAD = re.compile(r"^\s*\[(\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")


def as_date(value: object) -> dt.date | None:
    """A TOML date, an aware datetime's date or an ISO date string; else None.

    Examples
    --------
    >>> as_date("2024-06-01"), as_date(dt.datetime(2024, 6, 1, 9)), as_date(3)
    (datetime.date(2024, 6, 1), None, None)
    """
    if isinstance(value, dt.datetime):
        return value.date() if value.tzinfo is not None else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def split_lines(text: str) -> list[str]:
    """Split on TOML's line ends only (``str.splitlines`` also splits on U+0085 and U+2028).

    Examples
    --------
    >>> split_lines("a = 1\\nb = '\\u2028'\\n")
    ['a = 1', "b = '\\u2028'"]
    """
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def line_of(text: str, table: str, key: str | None) -> int | None:
    """Best-effort 1-based line of ``[table]`` (or ``[[table]]`` entry n, or a key in it)."""
    lines = split_lines(text)
    heads = [(i, m) for i, ln in enumerate(lines) if (m := HEAD.match(ln))]
    mine = [i for i, m in heads if m.group(2).strip("\"'") == table]
    if not mine:
        return None
    if key is not None and key.startswith("entry "):
        n = int(key.split()[1])
        return mine[n - 1] + 1 if n <= len(mine) else mine[0] + 1
    if key is None:
        return mine[0] + 1
    start = mine[0]
    end = next((i for i, _ in heads if i > start), len(lines))
    for i, _, k in key_spans(lines, start + 1, end):
        if k == key:
            return i + 1
    return start + 1


def key_spans(lines: list[str], start: int, end: int) -> Iterable[tuple[int, int, str]]:
    """Yield (first, past-last, key) for each ``key = value`` in ``lines[start:end]``.

    Examples
    --------
    >>> list(key_spans(["a = 1", "# note", "b = [", "  2,", "]"], 0, 5))
    [(0, 1, 'a'), (2, 5, 'b')]
    """
    i = start
    while i < end:
        s = lines[i].strip()
        if not s or s.startswith("#"):
            i += 1
            continue
        for j in range(i + 1, end + 1):
            try:
                parsed = tomllib.loads("\n".join(lines[i:j]) + "\n")
            except tomllib.TOMLDecodeError:
                continue
            if len(parsed) == 1:
                yield i, j, next(iter(parsed))
            i = j
            break
        else:
            i += 1


def toml_value(v: object) -> str:
    """A string, number, boolean, date or list as TOML text.

    Examples
    --------
    >>> toml_value('say "hi"\\n'), toml_value(30), toml_value(dt.date(2024, 6, 1))
    ('"say \\\\"hi\\\\"\\\\n"', '30', '2024-06-01')
    """
    if isinstance(v, str):
        out = v.replace("\\", "\\\\").replace('"', '\\"')
        for raw, esc in (("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
            out = out.replace(raw, esc)
        out = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", out)
        return f'"{out}"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, list):
        if len(v) <= 1 or not all(isinstance(x, str) for x in v):
            return "[" + ", ".join(toml_value(x) for x in v) + "]"
        return "[\n" + "".join(f"    {toml_value(x)},\n" for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def set_key(
    text: str, table: str, key: str, value: object, comment: str | None = None, doc: str = ""
) -> str:
    """Set ``key = value`` in ``[table]``, in place if the key exists, else at its end.

    A one-line key keeps its trailing comment unless ``comment`` replaces it. A
    missing table is appended, preceded by ``doc`` (a comment line or '').
    """
    lines = split_lines(text)
    bare = re.fullmatch(r"[A-Za-z0-9_-]+", key) and not PID.match(key)
    line = f"{key if bare else toml_value(key)} = {toml_value(value)}"
    if comment:
        line += "  # " + " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", comment).split())
    heads = [i for i, ln in enumerate(lines) if HEAD.match(ln)]
    mine = [i for i in heads if (m := HEAD.match(lines[i])) and not m.group(1)
            and m.group(2).strip("\"'") == table]  # fmt: skip
    if not mine:
        body = "\n".join(lines).rstrip("\n")
        return (body + "\n\n" if body else "") + f"{doc}[{table}]\n{line}\n"
    start = mine[0]
    end = next((i for i in heads if i > start), len(lines))
    insert_at = start + 1
    for i, j, k in key_spans(lines, start + 1, end):
        if k == key:
            keep = trailing_comment(lines[i]) if j == i + 1 and not comment else ""
            lines[i:j] = [line + keep]
            return "\n".join(lines) + "\n"
        insert_at = j
    lines.insert(insert_at, line)
    return "\n".join(lines) + "\n"


def trailing_comment(line: str) -> str:
    """The ``  # ...`` ending a one-line ``key = value``, or ''.

    Examples
    --------
    >>> trailing_comment('"a#b" = 1 # why'), trailing_comment("a = 1")
    ('  # why', '')
    """
    for pos in (m.start() for m in re.finditer("#", line)):
        try:
            tomllib.loads(line[:pos])
        except tomllib.TOMLDecodeError:
            continue
        return "  " + line[pos:].strip()
    return ""
