"""Derived frames built on first access: Export.people / .interactions, and Deferred itself."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.io import load_export
from tiekeeper.io.deferred import Deferred, resolve
from tiekeeper.io.interactions import build_interactions
from tiekeeper.io.parsers._common import flag_unique


def test_people_and_interactions_are_built_on_first_access_only_once(mini_zip: Path) -> None:
    export = load_export(mini_zip)
    assert isinstance(export._people, Deferred) and not export._people.ready
    assert isinstance(export._interactions, Deferred) and not export._interactions.ready
    first = export.interactions
    assert export._interactions.ready and not export._people.ready
    assert export.interactions is first  # kept, not rebuilt
    assert export.people is export.people
    assert export._people.ready


def test_deferred_interactions_equal_an_eager_build_from_the_export_frames(
    mini_zip: Path,
) -> None:
    export = load_export(mini_zip)
    owner_ids = sorted(set(export.owner.person_ids))
    eager = build_interactions(
        export.messages,
        export.invitations,
        export.connections,
        export.endorsements_received,
        export.endorsements_given,
        export.recommendations_received,
        export.recommendations_given,
        owner_ids,
    )
    assert eager.height > 0
    assert export.interactions.equals(eager)


def test_with_as_of_shares_the_built_frames(mini_zip: Path) -> None:
    export = load_export(mini_zip)
    later = export.with_as_of("2030-01-01")
    assert later.people is export.people  # built once, through either copy
    assert later.interactions is export.interactions


def test_deferred_builds_once_under_concurrent_access() -> None:
    calls: list[int] = []

    def build() -> pl.DataFrame:
        calls.append(1)
        time.sleep(0.05)  # both threads arrive while the first build runs
        return pl.DataFrame({"x": [len(calls)]})

    d = Deferred(build)
    got: list[pl.DataFrame] = []
    threads = [threading.Thread(target=lambda: got.append(d.get())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1]
    assert len(got) == 4 and all(g is got[0] for g in got)


def test_deferred_does_not_cache_a_failed_build() -> None:
    attempts: list[int] = []

    def build() -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("transient")
        return 42

    d = Deferred(build)
    with pytest.raises(OSError, match="transient"):
        d.get()
    assert not d.ready
    assert d.get() == 42 and resolve(d) == 42 and attempts == [1, 1]


_VALUES = st.sampled_from(["Yes", " yes ", "No", "TRUE", "spam", "SPAM ", "", "Sponsored", "x"])


@given(st.lists(st.one_of(st.none(), _VALUES), max_size=40))
def test_flag_unique_equals_the_per_row_test(values: list[str | None]) -> None:
    s = pl.Series(values, dtype=pl.String)

    def test(u: pl.Series) -> pl.Series:
        return u.str.strip_chars().str.to_lowercase().is_in(["yes", "true"])

    want = [v is not None and v.strip().lower() in ("yes", "true") for v in values]
    assert flag_unique(s, test).to_list() == want
    assert flag_unique(s, test).dtype == pl.Boolean


def _parsed_messages(mini_files: dict[str, bytes]) -> pl.DataFrame:
    from tiekeeper.io.csvfile import read_table
    from tiekeeper.io.parsers.messages import REQUIRED, parse_messages

    table = read_table(mini_files["messages.csv"], "messages.csv", required=REQUIRED)
    return parse_messages(table).frame


def test_identity_combos_give_the_same_owner_and_observations(
    mini_files: dict[str, bytes],
) -> None:
    from tiekeeper.io.combos import identity_combos
    from tiekeeper.io.owner import infer_owner
    from tiekeeper.io.people import collect_observations
    from tiekeeper.schema import empty_frame

    msgs = _parsed_messages(mini_files)
    found = identity_combos(msgs)
    combos = found.frame
    assert 0 < combos.height < msgs.height  # the mini export repeats some combinations
    assert combos["n"].sum() == msgs.height  # every row is counted once
    # each row points at a combination with its own sender and recipients
    assert found.row_combo is not None
    back = combos.gather(found.row_combo)
    for col in ("sender_name", "sender_url", "_urls_key", "_names_key", "recipient_urls"):
        assert back[col].equals(msgs[col], check_names=False, null_equal=True)
    none = empty_frame("messages")
    for inv in (empty_frame("invitations"),):  # messages alone must find the owner
        by_rows = infer_owner(inv, msgs, none, empty_frame("profile"))
        by_combos = infer_owner(inv, combos, none, empty_frame("profile"))
        assert by_rows.names and by_rows == by_combos
    frames = {n: empty_frame(n) for n in _OBS_FRAMES}
    frames["messages"] = msgs
    order = ["source", "url", "name", "time"]
    want = collect_observations(frames).sort(order, nulls_last=True)
    got = collect_observations(frames, combos).sort(order, nulls_last=True)
    assert want.height > 0 and got.equals(want)


_OBS_FRAMES = (
    "connections",
    "messages",
    "invitations",
    "endorsements_received",
    "endorsements_given",
    "recommendations_received",
    "recommendations_given",
)


def test_identity_combos_without_parser_keys_weigh_each_row_once() -> None:
    from tiekeeper.io.combos import identity_combos
    from tiekeeper.schema import empty_frame

    m = empty_frame("messages")
    out = identity_combos(m)
    assert out.row_combo is None
    assert out.frame.height == 0 and out.frame["n"].dtype == pl.UInt32


def test_finish_messages_with_shared_combos_equals_finding_them_itself(
    mini_files: dict[str, bytes],
) -> None:
    from tiekeeper.io.combos import identity_combos
    from tiekeeper.io.owner import infer_owner
    from tiekeeper.io.people import Resolver, collect_observations
    from tiekeeper.io.threads import finish_messages
    from tiekeeper.schema import empty_frame

    msgs = _parsed_messages(mini_files)
    none = empty_frame("messages")
    owner = infer_owner(empty_frame("invitations"), msgs, none, empty_frame("profile"))
    frames = {n: empty_frame(n) for n in _OBS_FRAMES}
    frames["messages"] = msgs
    obs = collect_observations(frames)
    resolver = Resolver.from_observations(obs["url"], obs["name"])
    alone = finish_messages(msgs, owner, resolver)
    shared = finish_messages(msgs, owner, resolver, identity_combos(msgs))
    assert alone.equals(shared)
    # the mini export holds a group thread (two or more people besides the owner)
    assert int(alone.select(pl.col("participants").max()).item()) >= 2
    assert alone["sender_id"].null_count() < alone.height


def test_a_loaded_export_pickles_with_its_derived_frames(mini_zip: Path) -> None:
    import copy
    import pickle

    export = load_export(mini_zip)
    back = pickle.loads(pickle.dumps(export))
    assert back.interactions.equals(export.interactions) and back.interactions.height > 0
    assert back.people.equals(export.people)
    assert copy.deepcopy(export).people.equals(export.people)


def test_the_largest_file_and_the_small_ones_are_read_side_by_side(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    from exportkit import write_zip

    from tiekeeper.errors import ExportFileError

    files = {k: v for k, v in mini_files.items() if k != "LearningCoachMessages.csv"}
    # every file is in the report, in file order, whichever thread read it
    e = load_export(write_zip(tmp_path / "a.zip", files))
    assert e.parse_report["file"].to_list() == sorted(files)
    assert e.messages.height > 0 and e.connections.height == 5
    # strict: an error in the largest file (read on the calling thread) is raised ...
    big = max(files, key=lambda k: len(files[k]))
    bad_big = {**files, big: b"this is a sentence, not a table\n"}  # two "columns"
    with pytest.raises(ExportFileError, match=rf"{big}: header lacks the required column"):
        load_export(write_zip(tmp_path / "b.zip", bad_big), strict=True)
    # ... and so is an error in a small file (read by the worker thread)
    bad_small = {**files, "Skills.csv": b"Name;Level\nPython;5\n"}
    with pytest.raises(ExportFileError, match=r"Skills\.csv: is semicolon-delimited"):
        load_export(write_zip(tmp_path / "c.zip", bad_small), strict=True)


def test_text_and_words_computed_in_the_worker_line_up_with_split_files_and_rejects(
    tmp_path: Path,
) -> None:
    # messages_1/messages_2 are one logical file; each has rows the parser rejects
    # (bad dates), so the worker's columns must be masked per file, then joined.
    from exportkit import MESSAGES_HEADER, csv_bytes, write_folder

    from tiekeeper.io.csvfile import read_table
    from tiekeeper.io.parsers.messages import REQUIRED, parse_messages

    def rows(tag: str, bad: set[int]) -> list[list[str]]:
        out = []
        for i in range(12):
            date = "not a date" if i in bad else f"2024-0{1 + i % 9}-1{i % 9} 10:00:00 UTC"
            body = f"<p>{tag} {i}&nbsp;says &amp; " + "hi " * i + "</p>"
            out.append(
                [
                    "2-A",
                    "",
                    "Bob Sample",
                    "https://www.linkedin.com/in/bob",
                    "Ada Example",
                    "https://www.linkedin.com/in/ada",
                    date,
                    "",
                    body,
                    "INBOX",
                    "No",
                    "No",
                ]
            )
        return out

    files = {
        "messages_1.csv": csv_bytes(MESSAGES_HEADER, rows("one", {0, 5})),
        "messages_2.csv": csv_bytes(MESSAGES_HEADER, rows("two", {11})),
        "Profile.csv": b"First Name,Last Name\nAda,Example\n",
    }
    export = load_export(write_folder(tmp_path / "export", files), as_of="2025-01-01")
    direct = [
        parse_messages(read_table(files[f], f, required=REQUIRED)).frame
        for f in ("messages_1.csv", "messages_2.csv")
    ]
    want = pl.concat(direct).select("text", "words")
    assert export.messages.height == 12 + 12 - 3
    assert export.messages.select("text", "words").equals(want)
    assert export.messages["text"].str.contains("&", literal=True).sum() == 21  # "&amp;" → "&"
    assert export.messages["words"].to_list()[:3] == [5, 6, 7]  # "one 1 says & hi" …


def test_split_message_files_resolve_like_one_file(
    tmp_path: Path, mini_files: dict[str, bytes]
) -> None:
    # The parser codes sender/recipient combinations per file; the codes of
    # messages_1 and messages_2 overlap (both start at 0) and must never be taken
    # for the same combination once the files are joined.
    import csv
    import io

    from exportkit import csv_bytes, write_folder

    header, *rows = list(csv.reader(io.StringIO(mini_files["messages.csv"].decode())))
    half = len(rows) // 2
    split = {k: v for k, v in mini_files.items() if k != "messages.csv"}
    split["messages_1.csv"] = csv_bytes(header, rows[:half])
    split["messages_2.csv"] = csv_bytes(header, rows[half:])
    one = load_export(write_folder(tmp_path / "one", mini_files), as_of="2025-01-15")
    two = load_export(write_folder(tmp_path / "two", split), as_of="2025-01-15")
    cols = ["sender_name", "sender_id", "recipient_ids", "participants", "from_owner", "text"]
    assert one.messages.height == two.messages.height > half > 0
    assert two.messages.select(cols).equals(one.messages.select(cols))
    assert two.people.sort("person_id").equals(one.people.sort("person_id"))
    assert two.owner == one.owner


def test_identity_combos_from_a_per_code_table_equal_those_from_the_rows(
    mini_files: dict[str, bytes],
) -> None:
    """A snapshot's combination table stands in for gathering from every row, exactly."""
    from tiekeeper.archive.frames import join_combos, split_combos
    from tiekeeper.io.combos import combination_code, identity_combos

    msgs = _parsed_messages(mini_files)
    code = combination_code(msgs)
    assert code is not None
    coded = msgs.drop("_combo_raw", "_combo_file").with_columns(code)
    rest, once, where = split_combos(coded)
    assert once is not None and once.height < coded.height
    rows = join_combos(rest, once, where)
    want = identity_combos(rows)
    got = identity_combos(rows, once)
    assert got.frame.equals(want.frame)
    assert got.row_combo is not None and want.row_combo is not None
    assert got.row_combo.equals(want.row_combo)
    # codes that are not dense and in order of first appearance: the table is not used
    shuffled = rows.with_columns((once.height - 1 - pl.col("_combo")).alias("_combo"))
    reversed_once = once.reverse()
    assert identity_combos(shuffled, reversed_once).frame.equals(identity_combos(shuffled).frame)
    too_short = once.head(once.height - 1)
    assert identity_combos(rows, too_short).frame.equals(want.frame)
