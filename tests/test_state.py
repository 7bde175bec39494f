"""The user's state file: round trips, found next to the export, resolved, and clear errors."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiekeeper import state as S
from tiekeeper.errors import StateFileError
from tiekeeper.keys import person_id_from_name, person_id_from_slug

D = dt.date


def people() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person_id": ["p-ada", "p-bob", "p-bob2", "p-cy", "p-di"],
            "name": ["Ada Example", "Bob Sample", "Bob Sample", "Cy Test", "Di Demo"],
            "profile_url": [
                "https://www.linkedin.com/in/ada-example",
                None,
                None,
                "https://www.linkedin.com/in/jürgen-cy",
                None,
            ],
            "aliases": [["Ada E."], [], [], [], ["Diana Demo"]],
            "company": ["Acme", None, "Globex", "Initech Inc.", "INITECH"],
        }
    )


def test_writers_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    assert S.snooze(path, "Ada Example", until=D(2024, 7, 1)) == path
    S.snooze(path, "Ada Example", until=D(2024, 8, 1))  # replaces, never duplicates
    S.set_cadence(path, "Cy Test", 30)
    S.set_cadence(path, "Cy Test", 21.5)
    S.ignore(path, "Di Demo")
    S.ignore(path, "di demo")  # already there, any case
    S.ignore(path, "https://www.linkedin.com/in/someone")
    S.ignore_company(path, "Initech")
    S.mark_contacted(path, "Bob Sample", on=D(2024, 6, 1), note='lunch, "great"\nfollow up')
    S.mark_contacted(path, "Bob Sample", on=D(2024, 5, 1))
    text = path.read_text(encoding="utf-8")
    assert text.count("Ada Example") == 1 and text.count("Cy Test") == 1
    data = tomllib.loads(text)
    assert data["snooze"] == {"Ada Example": D(2024, 8, 1)}
    assert data["ignore"]["people"] == ["Di Demo", "https://www.linkedin.com/in/someone"]

    s = S.load_state(path)
    assert s.path == path
    assert s.snoozes == {"Ada Example": D(2024, 8, 1)}
    assert s.cadences == {"Cy Test": 21.5}
    assert s.ignore_companies == ("Initech",)
    assert [(e.person, e.on, e.note) for e in s.contacts] == [
        ("Bob Sample", D(2024, 6, 1), 'lunch, "great"\nfollow up'),
        ("Bob Sample", D(2024, 5, 1), None),
    ]
    # before resolving, names match the person_id a name-keyed person would have
    bob = person_id_from_name("Bob Sample")
    assert s.contacted(bob) == [D(2024, 5, 1), D(2024, 6, 1)]
    assert s.snoozed_until(person_id_from_name("Ada Example")) == D(2024, 8, 1)
    assert s.ignored(person_id_from_slug("someone"))
    assert s.target_cadence(person_id_from_name("Cy Test")) == 21.5
    assert s.target_cadence(bob) is None and s.snoozed_until(bob) is None


def test_user_comments_and_layout_survive_edits(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    path.write_text(
        "# my own notes\n[snooze]\n'Ada Example' = 2024-01-01  # after her move\n\n"
        '[cadence]\n# monthly with Cy\n"Cy Test" = 30\n',
        encoding="utf-8",
    )
    S.snooze(path, "Ada Example", until=D(2024, 9, 1))
    S.snooze(path, "Bob Sample", until=D(2024, 9, 2))
    S.set_cadence(path, "Di Demo", 90)
    assert path.read_text(encoding="utf-8") == (
        "# my own notes\n[snooze]\n"
        '"Ada Example" = 2024-09-01  # after her move\n'
        '"Bob Sample" = 2024-09-02\n\n'
        '[cadence]\n# monthly with Cy\n"Cy Test" = 30\n"Di Demo" = 90\n'
    )


def test_record_plan_keeps_recent_suggestions(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    asof = dt.datetime(2024, 6, 30, 23, 59, tzinfo=dt.UTC)
    plan = SimpleNamespace(
        as_of=asof,
        suggestions=pl.DataFrame({"person_id": ["0123456789abcdef"], "name": ["Ada Example"]}),
    )
    for week in range(S.SUGGESTED_KEEP + 2):
        S.record_plan(path, plan, on=D(2024, 1, 1) + dt.timedelta(weeks=week))
    S.record_plan(path, plan)  # defaults to the plan's as_of date
    s = S.load_state(path)
    got = s.suggested_on("0123456789abcdef")
    assert len(got) == S.SUGGESTED_KEEP and got[-1] == D(2024, 6, 30)
    assert "# Ada Example" in path.read_text(encoding="utf-8")


def test_found_next_to_a_zip_or_inside_or_next_to_a_folder(tmp_path: Path) -> None:
    zipped = tmp_path / "Basic_LinkedInDataExport.zip"
    zipped.write_bytes(b"PK")
    folder = tmp_path / "export"
    folder.mkdir()
    assert S.find_state_file(zipped) is None
    assert S.load_state(zipped).is_empty
    # the default location is next to the export, never inside it
    assert S.default_state_path(zipped) == tmp_path / "tiekeeper.toml"
    assert S.default_state_path(folder) == tmp_path / "tiekeeper.toml"
    S.ignore(zipped, "Ada Example")  # an export path means "the state file next to it"
    assert S.find_state_file(zipped) == tmp_path / "tiekeeper.toml"
    assert S.find_state_file(folder) == tmp_path / "tiekeeper.toml"
    assert S.load_state(SimpleNamespace(source=str(zipped))).ignore_people == ("Ada Example",)
    inside = folder / "tiekeeper.toml"
    inside.write_text('[ignore]\npeople = ["Bob"]\n', encoding="utf-8")
    assert S.find_state_file(folder) == inside  # inside wins for a folder
    assert S.load_state(folder).ignore_people == ("Bob",)
    assert S.load_state(None).is_empty


def test_resolve_by_name_alias_url_id_and_company() -> None:
    s = S.State(
        ignore_people=("https://linkedin.com/in/J%C3%BCrgen-Cy/",),
        ignore_companies=("Initech",),
        snoozes={"Ada E.": D(2024, 9, 1), "Bob Sample": D(2024, 9, 2)},
        cadences={"p-di": 45.0, "Nobody Here": 10.0},
        contacts=(S.LogEntry("ada example", D(2024, 6, 1)),),
    )
    r = s.resolve(people())
    assert r.snoozed_until("p-ada") == D(2024, 9, 1)  # by alias
    assert r.contacted("p-ada") == [D(2024, 6, 1)]  # by name, any case
    assert r.ignored("p-cy")  # by URL in another shape, and by company
    assert r.ignored("p-di")  # "INITECH" is Initech
    assert not r.ignored("p-ada")
    assert r.target_cadence("p-di") == 45.0  # by person_id
    # a shared name applies to both people, and says so
    assert r.snoozed_until("p-bob") == r.snoozed_until("p-bob2") == D(2024, 9, 2)
    assert any("'Bob Sample' matches 2 people" in n for n in r.notes)
    assert any("'Nobody Here' matches nobody" in n for n in r.notes)
    assert r.resolve(people()).notes == r.notes  # resolving twice is harmless


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("[snooze]\nAda = 2024-13-01\n", r"not valid TOML.*line 2"),
        ('[snoze]\n"Ada" = 2024-01-01\n', r"line 1, \[snoze\]: expected one of .*'snooze'"),
        ('[snooze]\n"Ada" = "next week"\n', r"line 2, \[snooze\] 'Ada': expected a date.*YYYY"),
        ('[cadence]\n"Ada" = 30\n"Bob" = -5\n', r"line 3, \[cadence\] 'Bob': expected a positive"),
        ('[cadence]\n"Ada" = true\n', r"\[cadence\] 'Ada': expected a positive number"),
        ('[ignore]\npeople = "Ada"\n', r"line 2, \[ignore\] 'people': expected a list of str"),
        ('[ignore]\nfolks = ["Ada"]\n', r"\[ignore\] 'folks': expected 'people' or 'companies'"),
        ("snooze = 3\n", r"\[snooze\]: expected a table"),
        (
            '[[contacted]]\nperson = "A"\ndate = 2024-01-01\n\n[[contacted]]\nperson = "B"\n',
            r"line 5, \[contacted\] 'entry 2': expected date = YYYY-MM-DD, found None",
        ),
        (
            '[[contacted]]\nperson = "A"\ndate = 2024-01-01\nwhen = 1\n',
            r"\[contacted\] 'entry 1': expected only person, date and note, found \['when'\]",
        ),
        ('[suggested]\n"0123456789abcdef" = ["x"]\n', r"\[suggested\] '0123456789abcdef'"),
    ],
)
def test_malformed_files_name_file_line_key_and_fix(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "tiekeeper.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StateFileError, match=match) as info:
        S.load_state(path)
    assert str(path) in str(info.value)
    # the writers refuse to touch a malformed file
    with pytest.raises(StateFileError):
        S.mark_contacted(path, "Ada", on=D(2024, 1, 1))
    assert path.read_text(encoding="utf-8") == text


def test_writer_never_breaks_a_file_it_cannot_edit(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    original = 'snooze = { "Ada" = 2024-01-01 }\n'
    path.write_text(original, encoding="utf-8")
    assert S.load_state(path).snoozes == {"Ada": D(2024, 1, 1)}
    with pytest.raises(StateFileError, match=r"could not update .*edit the file by hand"):
        S.snooze(path, "Bob", until=D(2024, 2, 1))
    assert path.read_text(encoding="utf-8") == original


def test_bad_writer_arguments(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    with pytest.raises(StateFileError, match="days=0"):
        S.set_cadence(path, "Ada", 0)
    with pytest.raises(StateFileError, match="until='soon'"):
        S.snooze(path, "Ada", until="soon")  # type: ignore[arg-type]
    with pytest.raises(StateFileError, match="person=' '"):
        S.ignore(path, " ")
    with pytest.raises(StateFileError, match="company='N/A'"):
        S.ignore_company(path, "N/A")
    with pytest.raises(StateFileError, match=r"does not exist.*state=None"):
        S.load_state(tmp_path / "missing.toml")
    with pytest.raises(StateFileError, match=r"state.txt: expected a state file ending in \.toml"):
        S.mark_contacted(tmp_path / "state.txt", "Ada", on=D(2024, 1, 1))
    assert not path.exists()


texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=25).filter(
    lambda t: t.strip() != ""
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(person=texts, note=st.one_of(st.none(), st.text(max_size=40)), day=st.dates())
def test_any_text_round_trips(tmp_path: Path, person: str, note: str | None, day: D) -> None:
    path = tmp_path / "tiekeeper.toml"
    path.unlink(missing_ok=True)
    S.mark_contacted(path, person, on=day, note=note)
    S.snooze(path, person, until=day)
    S.snooze(path, person, until=day + dt.timedelta(days=1) if day < D.max else day)
    S.ignore(path, person)
    s = S.load_state(path)
    assert [(e.person, e.on, e.note) for e in s.contacts] == [(person.strip(), day, note)]
    assert list(s.snoozes) == [person.strip()]
    assert s.ignore_people == (person.strip(),)


def test_windows_line_endings_are_edited_in_place(tmp_path: Path) -> None:
    path = tmp_path / "tiekeeper.toml"
    path.write_bytes(b'[snooze]\r\n"Ada" = 2024-01-01\r\n\r\n[cadence]\r\nBob = 7\r\n')
    S.snooze(path, "Ada", until=D(2024, 5, 1))
    S.set_cadence(path, "Bob", 14)
    s = S.load_state(path)
    assert s.snoozes == {"Ada": D(2024, 5, 1)} and s.cadences == {"Bob": 14.0}
    assert path.read_text(encoding="utf-8").count("Ada") == 1


@settings(max_examples=40, deadline=None)
@given(names=st.lists(texts, min_size=1, max_size=4, unique_by=str.strip))
def test_record_plan_comments_never_break_the_file(names: list[str]) -> None:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "tiekeeper.toml"
    ids = [f"{i:016x}" for i in range(len(names))]
    plan = SimpleNamespace(
        as_of=dt.datetime(2024, 6, 30, tzinfo=dt.UTC),
        suggestions=pl.DataFrame({"person_id": ids, "name": names}),
    )
    S.record_plan(path, plan)
    S.record_plan(path, plan, on=D(2024, 7, 7))
    s = S.load_state(path)
    assert all(s.suggested_on(i) == [D(2024, 6, 30), D(2024, 7, 7)] for i in ids)
