"""changes() between two exports, and load_history, on hand-edited copies of the sample."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

import tiekeeper
from tiekeeper.history import OwnerMismatchError, changes, load_history

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _copy(tmp: Path, name: str) -> Path:
    out = tmp / name
    shutil.copytree(tiekeeper.sample_path(), out)
    return out


def _edit_connections(folder: Path, edit: Callable[[list[list[str]]], list[list[str]]]) -> None:
    path = folder / "Connections.csv"
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition(HEADER + "\n")
    rows = list(csv.reader(io.StringIO(body)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(edit(rows))
    path.write_text(head + HEADER + "\n" + out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[tiekeeper.Export, tiekeeper.Export]:
    tmp = tmp_path_factory.mktemp("history")
    old = _copy(tmp, "Basic_LinkedInDataExport_03-14-2024")
    new = _copy(tmp, "Basic_LinkedInDataExport_03-14-2025")
    assert HEADER in (old / "Connections.csv").read_text(encoding="utf-8")

    def later(rs: list[list[str]]) -> list[list[str]]:
        out = []
        for i, f in enumerate(rs):
            f = list(f)
            if i == 0:  # a move, with a new title
                f[4], f[5] = "Globex Corporation", "Head of Data"
            elif i == 1:  # a new title, same company respelled
                f[4], f[5] = f[4].upper() + " Inc.", "Principal " + f[5]
            elif i == 2:  # to a placeholder: no move
                f[4] = "Self-employed"
            elif i == 3:  # a new profile URL
                f[2] = f[2] + "-new"
            elif i == 4:  # a new family name, same URL
                f[1] = "Newname"
            elif i == 5:  # removed
                continue
            out.append(f)
        zed = ["Zed", "Added", "https://www.linkedin.com/in/zed-added", "", "Initech", "Engineer"]
        return [*out, [*zed, "01 Mar 2025"]]

    _edit_connections(new, later)
    return tiekeeper.load_export(old), tiekeeper.load_export(new)


def test_each_kind_once(pair: tuple[tiekeeper.Export, tiekeeper.Export]) -> None:
    old, new = pair
    c = changes(old, new)
    assert c.schema == tiekeeper.schema.polars_schema("changes")
    kinds = c["kind"].value_counts().sort("kind")
    assert dict(kinds.iter_rows()) == {
        "company_changed": 1,
        "connection_added": 1,
        "connection_removed": 1,
        "name_changed": 1,
        "title_changed": 1,
        "url_changed": 1,
    }
    move = c.filter(pl.col("kind") == "company_changed").row(0, named=True)
    assert move["after"] == "Globex Corporation · Head of Data"
    assert str(move["seen_after"]) == "2024-03-14" and str(move["seen_before"]) == "2025-03-14"
    # a respelled company and a move to "Self-employed" are no moves
    assert "Self-employed" not in " ".join(c["after"].drop_nulls())
    # the order of the arguments does not matter
    assert changes(new, old).equals(c)


def test_a_renamed_or_re_urled_person_is_never_removed_and_added(
    pair: tuple[tiekeeper.Export, tiekeeper.Export],
) -> None:
    c = changes(*pair)
    renamed = set(c.filter(pl.col("kind").is_in(["name_changed", "url_changed"]))["name"])
    removed_or_added = set(
        c.filter(pl.col("kind").is_in(["connection_added", "connection_removed"]))["name"]
    )
    assert not renamed & removed_or_added


def test_history_orders_snapshots_and_compares_each_pair(
    pair: tuple[tiekeeper.Export, tiekeeper.Export],
) -> None:
    old, new = pair
    h = load_history([new.source, old.source])
    assert [str(d) for d in h.export_dates] == ["2024-03-14", "2025-03-14"]
    assert h.latest.export_date == new.export_date
    assert changes(h).equals(changes(old, new))


def test_a_partial_snapshot_compares_only_what_it_has(
    pair: tuple[tiekeeper.Export, tiekeeper.Export], tmp_path: Path
) -> None:
    old, _ = pair
    basic = tmp_path / "Basic_LinkedInDataExport_03-14-2026"
    basic.mkdir()
    shutil.copy(Path(old.source) / "messages.csv", basic / "messages.csv")
    c = changes(old, tiekeeper.load_export(basic))
    # without Connections in the later export nobody was added or removed
    assert c.filter(pl.col("kind").str.starts_with("connection_")).height == 0


def test_exports_of_two_people_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "Profile.csv").write_text(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        "Someone,Else,,,,,,,,,,,\n",
        encoding="utf-8",
    )
    (other / "Invitations.csv").write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Someone Else,Ada Example,"1/1/25, 10:00 AM",,OUTGOING,'
        "https://www.linkedin.com/in/someone-else,https://www.linkedin.com/in/ada-example\n",
        encoding="utf-8",
    )
    with pytest.raises(OwnerMismatchError, match="Someone Else"):
        load_history([tiekeeper.sample_path(), other])


def test_a_move_between_exports_is_news_for_the_plan(
    pair: tuple[tiekeeper.Export, tiekeeper.Export],
) -> None:
    old, new = pair
    h = load_history([old.source, new.source])
    plan = tiekeeper.reach_out(h, k=300)
    listed = pl.concat([plan.suggestions, plan.owed_replies])
    ben = listed.filter(pl.col("name") == "Ben Heronmere")
    assert ben.height == 1, "a recent mover is a reason to get in touch now"
    row = ben.row(0, named=True)
    # the move raised his need: he ranks higher than in the latest export alone
    alone = tiekeeper.reach_out(new, k=300).suggestions["name"].to_list()
    ranked = plan.suggestions["name"].to_list()
    assert "Ben Heronmere" not in alone or ranked.index("Ben Heronmere") < alone.index(
        "Ben Heronmere"
    )
    assert row["reasons"][0] == (
        "Moved from Corvane Analytics to Globex Corporation between your exports of "
        "14 Mar 2024 and 14 Mar 2025."
    )
    assert "Globex Corporation" in row["opener"] and "ongrat" in row["opener"]
    # nobody else is congratulated: one export alone dates no move
    others = listed.filter(pl.col("name") != "Ben Heronmere")
    assert not others["opener"].str.contains("ongrat").any()


def test_a_move_seen_across_a_wide_gap_is_old_news(
    pair: tuple[tiekeeper.Export, tiekeeper.Export],
) -> None:
    old, new = pair
    h = load_history([old.source, new.source])
    tight = tiekeeper.ScoringParams(move_max_span_days=100)
    plan = tiekeeper.reach_out(h, k=300, params=tight)
    listed = pl.concat([plan.suggestions, plan.owed_replies, plan.give_space])
    ben = listed.filter(pl.col("name") == "Ben Heronmere")
    if ben.height:  # listed for other reasons: the move is named as old news, no congratulation
        row = ben.row(0, named=True)
        assert row["reasons"][0].endswith("That is old news by now.")
        assert "ongrat" not in (row["opener"] or "")


@pytest.mark.parametrize("seed", [0, 1])
def test_the_merge_keeps_every_message_once_across_eras(tmp_path: Path, seed: int) -> None:
    """A 2018-era Messages.csv (Pacific minutes, names only) and a current messages.csv
    of the same history: every distinct message once."""
    import datetime as dt

    from tiekeeper.datasets import make_sample_export

    date = dt.date(2025, 3, 14)
    kw = {"seed": seed, "n_connections": 80, "n_messages": 800, "export_date": date}
    old = make_sample_export(
        tmp_path / "a-2018" / "Basic_LinkedInDataExport_03-14-2025", layout="2018", **kw
    )
    new = make_sample_export(tmp_path / "b-2025" / "Basic_LinkedInDataExport_03-14-2025", **kw)
    h = load_history([old, new])
    assert len(h.snapshots) == 2
    merged = h.merged
    latest = h.latest
    # the current file holds every message the 2018 file does (plus drafts, system rows, spam)
    assert merged.messages.height == latest.messages.height
    # nothing lost: an older snapshot alone keeps a message the newer one lacks
    assert merged.messages["snapshot"].null_count() == 0


def test_a_conversation_only_an_older_export_has_is_kept(tmp_path: Path) -> None:
    old = _copy(tmp_path, "Basic_LinkedInDataExport_03-14-2024")
    new = _copy(tmp_path, "Basic_LinkedInDataExport_03-14-2025")
    full = tiekeeper.load_export(old)
    gone = full.messages["conversation_id"].drop_nulls().unique().sort()[0]
    text = (new / "messages.csv").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith(gone + ",")]
    (new / "messages.csv").write_text("".join(kept), encoding="utf-8")
    later = tiekeeper.load_export(new)
    lost = full.messages.height - later.messages.height
    assert lost > 0
    merged = load_history([old, new]).merged
    assert merged.messages.height == full.messages.height
    only_old = merged.messages.filter(pl.col("conversation_id") == gone)
    assert only_old.height == lost and (only_old["snapshot"].cast(str) == "2024-03-14").all()
    # and every event of it still counts as contact
    assert merged.interactions.height >= later.interactions.height


def test_every_public_function_takes_a_history(
    pair: tuple[tiekeeper.Export, tiekeeper.Export],
) -> None:
    old, new = pair
    h = load_history([old.source, new.source])
    s = tiekeeper.score(h)
    # the merged record: the removed connection is still someone you know
    assert "Chiara Yarrcroft" in set(s["name"]) and "Zed Added" in set(s["name"])
    assert tiekeeper.career(h).height == tiekeeper.career(new).height
    assert tiekeeper.build_graph(h, scores=s).number_of_nodes() > 1
    assert tiekeeper.who_at(h, "Globex").height == 1
    assert tiekeeper.Report(h).export is h.merged


def test_the_changes_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tiekeeper.cli import cli
    from tiekeeper.datasets import sample_history_path

    snaps = sorted(str(p) for p in sample_history_path().iterdir() if p.is_dir())
    out = tmp_path / "changes.csv"
    result = CliRunner().invoke(cli, ["changes", *snaps[::-1], "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = pl.read_csv(out)
    assert rows.columns == list(tiekeeper.schema.polars_schema("changes"))
    assert set(rows["kind"]) >= {"company_changed", "connection_added", "connection_removed"}
    table = CliRunner().invoke(cli, ["changes", *snaps[:2]])
    assert table.exit_code == 0 and "moved" in table.output
    redacted = CliRunner().invoke(cli, ["changes", *snaps, "--format", "csv", "--redact"])
    assert redacted.exit_code == 0
    names = set(rows["name"].drop_nulls()) - {None}
    assert not any(n in redacted.output for n in names if n)
    # one export is compared with the archive (issue 15); an empty archive says what to do
    alone = CliRunner().invoke(cli, ["changes", snaps[0]])
    assert alone.exit_code == 1 and "archive add" in alone.output
    assert "tiekeeper changes OLD.zip NEW.zip" in alone.output


def test_the_state_file_resolves_an_older_url_to_its_person(
    pair: tuple[tiekeeper.Export, tiekeeper.Export], tmp_path: Path
) -> None:
    from tiekeeper import state as S

    old, new = pair
    h = load_history([old.source, new.source])
    moved = changes(h).filter(pl.col("kind") == "url_changed").row(0, named=True)
    path = tmp_path / "tiekeeper.toml"
    S.ignore(path, moved["before"])  # the URL the person had in the older export
    s = tiekeeper.score(h, state=path)
    assert s.filter(pl.col("person_id") == moved["person_id"])["actionability"].item() == 0.0


@pytest.mark.parametrize("layout", ["2025", "2021", "2018"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_changes_recover_every_change_of_a_generated_history(
    tmp_path: Path, seed: int, layout: str
) -> None:
    """Precision and recall 1.0 against the generator's truth, in every layout."""
    from tiekeeper.datasets import make_sample_history

    paths = make_sample_history(
        tmp_path / "h", seed=seed, n_connections=120, n_messages=1200, layout=layout
    )
    truth = pl.read_csv(tmp_path / "h" / "history_truth.csv", try_parse_dates=True)
    got = changes(load_history(paths))
    cols = ["person_id", "name", "kind", "before", "after", "seen_after", "seen_before"]
    want = sorted(truth.select(cols).cast(dict.fromkeys(cols, pl.String)).rows(), key=str)
    have = sorted(got.select(cols).cast(dict.fromkeys(cols, pl.String)).rows(), key=str)
    assert have == want
    # respellings and placeholders are never moves; nobody renamed is removed and added
    moves = got.filter(pl.col("kind") == "company_changed")
    assert not moves["after"].str.contains("Self-employed|Stealth").any()
    # (within one pair of exports: someone added in one window may be renamed in the next)
    window = ["person_id", "seen_after"]
    renamed = got.filter(pl.col("kind").is_in(["name_changed", "url_changed"])).select(window)
    churn = got.filter(pl.col("kind").str.starts_with("connection_")).select(window)
    assert renamed.join(churn, on=window).height == 0


def _two_exports(tmp: Path, older: list[list[str]], newer: list[list[str]]) -> list[Path]:
    head = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
            "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]  # fmt: skip
    out = []
    for name, rows in (("Basic_LinkedInDataExport_01-10-2025", older),
                       ("Basic_LinkedInDataExport_03-10-2025", newer)):  # fmt: skip
        folder = tmp / name
        folder.mkdir()
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([head, *rows])
        (folder / "messages.csv").write_text(buf.getvalue(), encoding="utf-8")
        out.append(folder)
    return out


_O = ("Olive Owner", "https://www.linkedin.com/in/olive-owner")
_B = ("Bob Sample", "https://www.linkedin.com/in/bob-sample")
_C = ("Carol Test", "https://www.linkedin.com/in/carol-test")


def _m(conv: str, frm: tuple[str, str], to: tuple[str, str], when: str, text: str) -> list[str]:
    return [conv, "", *frm, *to, f"2025-01-05 {when} UTC", "", text, "INBOX"]


def test_the_merge_keeps_a_deleted_conversations_copy_and_repeats(tmp_path: Path) -> None:
    base = [_m("2-b", _B, _O, "08:00:00", "Hi Olive"), _m("2-c", _C, _O, "08:00:00", "Hi")]
    older = [
        *base,
        _m("2-b", _O, _B, "09:00:10", "Happy new year!"),
        _m("2-c", _O, _C, "09:00:20", "Happy new year!"),  # its thread is gone later
        _m("2-b", _B, _O, "10:00:10", "ok"),
        _m("2-b", _B, _O, "10:00:40", "ok"),  # the same "ok" twice in a minute
    ]
    newer = [*base, _m("2-b", _O, _B, "09:00:10", "Happy new year!"), older[4]]
    merged = load_history(_two_exports(tmp_path, older, newer)).merged.messages
    assert merged.height == len(older)
    greetings = merged.filter(pl.col("text") == "Happy new year!")
    assert sorted(greetings["conversation_id"]) == ["2-b", "2-c"]
    assert merged.filter(pl.col("text") == "ok").height == 2
