"""The files a snapshot holds: which frames, split how, and in which order.

:func:`stored_frames` turns a :class:`~tiekeeper.io.loader.ParsedExport` into
the Parquet files of a snapshot (:mod:`tiekeeper.archive.frames` splits and
joins them back), calling back as soon as each one is final so that
:func:`tiekeeper.archive.add` can write it while the rest is prepared;
:func:`inferred_owner` is the owner shown by ``archive list``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping

import polars as pl

from tiekeeper.archive.frames import (
    content_diff,
    drop_identity,
    report_frame,
    split_combos,
    split_conversations,
)
from tiekeeper.io.combos import combination_code
from tiekeeper.io.files import Completion
from tiekeeper.io.loader import ParsedExport

__all__ = ["Stored", "inferred_owner", "stored_frames"]


def inferred_owner(parsed: ParsedExport) -> tuple[list[str], list[str]]:
    """The owner as the current code infers it (shown by ``archive list``; rebuilt on load)."""
    from tiekeeper.io.combos import identity_combos
    from tiekeeper.io.owner import infer_owner
    from tiekeeper.schema import empty_frame

    f = parsed.frames
    # Invitations and Profile.csv usually decide, without the messages' combinations
    owner = infer_owner(f["invitations"], empty_frame("messages"), empty_frame("messages"),
                        f["profile"], connections=f["connections"])  # fmt: skip
    if not owner.profile_urls:
        owner = infer_owner(
            f["invitations"],
            identity_combos(f["messages"]).frame,
            empty_frame("messages"),
            f["profile"],
            connections=f["connections"],
        )
    return list(owner.names), list(owner.profile_urls)


@dataclasses.dataclass
class Stored:
    """The files of a snapshot by stem, in the manifest's order, and how they were split."""

    frames: dict[str, pl.DataFrame]
    dropped: dict[str, list[object]]
    content: str
    combos: dict[str, list[object]]
    conversations: dict[str, int]


def stored_frames(
    parsed: ParsedExport,
    completions: Mapping[str, Completion | pl.DataFrame],
    message_text: bool,
    ready: Callable[[str, pl.DataFrame], object] = lambda stem, frame: None,
) -> Stored:
    """The frames to write, by file stem; the identity columns left out; how content is
    kept; the columns stored once per combination (:func:`split_combos`); where the
    conversation ids stored once were (:func:`split_conversations`).

    ``ready(stem, frame)`` is called as soon as each file's frame is final (to start
    writing it): first those that do not wait for a completion (the message text,
    computed in a worker), then those that do.
    """
    parts: dict[str, dict[str, pl.DataFrame]] = {}
    dropped: dict[str, list[object]] = {}
    combos: dict[str, list[object]] = {}
    conversations: dict[str, int] = {}
    content = "none"

    def done_of(name: str) -> pl.DataFrame | None:
        c = completions.get(name)
        return c if c is None or isinstance(c, pl.DataFrame) else c.result()

    def store(group: str, stem: str, frame: pl.DataFrame) -> None:
        parts.setdefault(group, {})[stem] = frame
        ready(stem, frame)

    # the frames that wait for a completion last, so that the others are written meanwhile
    waiting = [n for n in parsed.frames if n in completions]
    for name in [n for n in parsed.frames if n not in completions] + waiting:
        frame, done, whole = parsed.frames[name], None, None
        keep = functools.partial(store, name)
        if message_text:
            frame = _split(frame, name, keep, combos, conversations)
            if name == "messages" and name in completions and "content" in frame.columns:
                # content is stored beside the text (format 3), so that this frame is
                # written while the worker still completes the text
                whole = frame.get_column("content")
                frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("content"))
        else:
            from tiekeeper.archive.textless import TEXT_COLUMNS, textless, textless_invitations

            done = done_of(name)
            if "content" in frame.columns:
                if done is not None and "text" in done.columns:
                    frame, done = textless(frame, done, parsed)
                else:
                    frame = frame.with_columns(
                        pl.lit(None, dtype=pl.String).alias(c)
                        for c in TEXT_COLUMNS
                        if c in frame.columns
                    )
            elif name == "invitations":
                frame = textless_invitations(frame)
            frame = _split(frame, name, keep, combos, conversations)
        kept, gone = drop_identity(frame)
        if gone:
            dropped[f"frame-{name}"] = list(gone)
        keep(f"frame-{name}", kept)
        if message_text:
            done = done_of(name)  # waits for the worker
            if whole is not None and done is not None:
                diff = content_diff(whole, done["text"])
                content = "whole" if diff is None else "diff"
                done = done.with_columns(whole if diff is None else diff)
        if done is not None:
            keep(f"complete-{name}", done)
    # the manifest lists the files in the order of the parsed frames, as it always did
    out = {stem: f for name in parsed.frames for stem, f in sorted(parts[name].items(), key=_rank)}
    rest = functools.partial(store, "")  # the parse report and the files read as they are
    rest("parse_report", report_frame(parsed.report))
    rejected = [r for r in parsed.report.rejected if r.height]
    if rejected:
        found = pl.concat(rejected, how="vertical")
        if not message_text:  # a rejected message row holds its text: keep where, not what
            from tiekeeper.archive.textless import textless_rejected

            found = textless_rejected(found, parsed.report)
        rest("rejected", found)
    for i, frame in enumerate(parsed.other_files.values()):
        rest(f"other-{i}", frame)
    out.update(parts[""])
    return Stored(
        out,
        {k: dropped[k] for k in out if k in dropped},
        content,
        {k: combos[k] for k in out if k in combos},
        {k: conversations[k] for k in out if k in conversations},
    )


def _rank(item: tuple[str, pl.DataFrame]) -> int:
    """The order of a frame's files in the manifest."""
    return ("combos", "conversations", "frame", "complete").index(item[0].partition("-")[0])


def _split(
    frame: pl.DataFrame,
    name: str,
    store: Callable[[str, pl.DataFrame], None],
    combos: dict[str, list[object]],
    conversations: dict[str, int],
) -> pl.DataFrame:
    """One dense combination code, the columns it determines and the conversation ids once."""
    code = combination_code(frame)
    if code is not None:  # one dense code for the parser's two (read back as is)
        frame = frame.drop("_combo_raw", "_combo_file").with_columns(code)
        frame, once, where = split_combos(frame)
        if once is not None:
            store(f"combos-{name}", once)
            combos[f"frame-{name}"] = list(where)
    if name == "messages":  # the ids once, a code per row (finish_messages uses it)
        frame, ids, at = split_conversations(frame)
        if ids is not None:
            store(f"conversations-{name}", ids)
            conversations[f"frame-{name}"] = at
    return frame
