"""Tests for tiekeeper.output: CSV injection, JSON, terminal tables."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from tiekeeper.errors import ParameterError
from tiekeeper.output import (
    CSV_TRIGGERS,
    emit,
    flatten,
    neutralize_cell,
    render_table,
    table_console,
    to_csv_text,
    to_json_text,
)


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ada = Lovelace", "Ada = Lovelace"),  # a trigger inside the text is harmless
        (" =1", " =1"),  # only the first character counts
        ("", ""),
    ],
)
def test_csv_text_cells_are_neutralised(cell: str, expected: str) -> None:
    rows = _read_csv(to_csv_text(pl.DataFrame({"name": [cell]})))
    assert rows[0]["name"] == expected


def test_numbers_are_never_neutralised() -> None:
    df = pl.DataFrame({"delta": [-1.5, 2.0], "n": [-3, 4], "text": ["-1.5", "x"]})
    text = to_csv_text(df)
    rows = _read_csv(text)
    # numeric columns stay numbers, negative ones included; text "-1.5" is text
    assert [r["delta"] for r in rows] == ["-1.5", "2.0"]
    assert [r["n"] for r in rows] == ["-3", "4"]
    assert rows[0]["text"] == "'-1.5"


def test_list_cells_are_joined_then_neutralised() -> None:
    df = pl.DataFrame({"reasons": [["=1+1", "second"], [], ["-One.", "Two!"], ["A.", "b"]]})
    rows = _read_csv(to_csv_text(df))
    assert rows[0]["reasons"] == "'=1+1; second"
    assert rows[1]["reasons"] == ""
    assert rows[2]["reasons"] == "'-One. Two!"  # sentences are joined by a space
    assert rows[3]["reasons"] == "A.; b"  # not all sentences: "; "


@given(st.text(max_size=40))
def test_csv_cells_round_trip_or_gain_one_apostrophe(cell: str) -> None:
    # Property: every text cell reads back as itself, or as "'" + itself exactly
    # when it starts with a trigger; no cell read back starts with a trigger.
    rows = _read_csv(to_csv_text(pl.DataFrame({"c": [cell], "n": [-1]})))
    back = rows[0]["c"]
    # csv normalises a lone "\r" or "\r\n" inside quoted fields only through quoting,
    # which polars applies; so equality is exact.
    if cell.startswith(CSV_TRIGGERS):
        assert back == "'" + cell
    else:
        assert back == cell
    assert not back.startswith(CSV_TRIGGERS)
    assert rows[0]["n"] == "-1"


def test_neutralize_cell_leaves_none_and_safe_text() -> None:
    assert neutralize_cell(None) is None
    assert neutralize_cell("Northwind") == "Northwind"
    assert neutralize_cell("-") == "'-"


def test_flatten_structs_and_nested_lists() -> None:
    df = pl.DataFrame(
        {
            "colleagues": [[{"name": "Ada", "n": 1}, {"name": "Bob", "n": 2}]],
            "pairs": [[{"a": 1}]],
            "point": [{"x": 1, "y": 2}],
            "f": [float("nan")],
        }
    )
    out = flatten(df)
    assert out.row(0) == ("Ada; Bob", '{"a":1}', '{"x":1,"y":2}', None)


def test_csv_datetimes_are_iso_with_offset() -> None:
    when = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    rows = _read_csv(to_csv_text(pl.DataFrame({"t": [when], "d": [dt.date(2024, 3, 1)]})))
    assert rows[0] == {"t": "2024-03-01T09:30:00+00:00", "d": "2024-03-01"}


def test_json_keeps_nesting_and_turns_nan_into_null() -> None:
    df = pl.DataFrame({"name": ["=Ada"], "reasons": [["a", "b"]], "x": [float("nan")]})
    data = json.loads(to_json_text(df))
    # JSON is for programs: no apostrophes added, lists stay lists, NaN is null
    assert data == [{"name": "=Ada", "reasons": ["a", "b"], "x": None}]


def test_table_cells_are_plain_text_without_control_characters() -> None:
    df = pl.DataFrame(
        {
            "name": ["[bold red]Mallory[/]\x1b[2J\x07"],
            "strength": [57.26],
            "ok": [True],
            "when": [dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)],
            "reasons": [["one", "two"]],
        }
    )
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(render_table(df, digits={"strength": 0}))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "[bold red]Mallory[/]" in out  # markup shown literally, not interpreted
    assert "\x1b" not in out and "\x07" not in out
    assert "57" in out and "57.26" not in out
    assert "yes" in out and "2024-03-01" in out and "09:00" not in out
    assert "one" in out and "two" in out


def test_emit_to_files(tmp_path: Path) -> None:
    df = pl.DataFrame({"name": ["+Ada"], "n": [1]})
    emit(df, "csv", output=tmp_path / "a.csv")
    emit(df, "json", output=tmp_path / "a.json")
    emit(df, "table", output=tmp_path / "a.txt", title="People")
    assert (tmp_path / "a.csv").read_text() == "name,n\n'+Ada,1\n"
    assert json.loads((tmp_path / "a.json").read_text()) == [{"name": "+Ada", "n": 1}]
    table = (tmp_path / "a.txt").read_text()
    assert "People" in table and "+Ada" in table and "\x1b" not in table


def test_table_console_writes_several_tables_to_one_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    with table_console(target) as console:
        emit(pl.DataFrame({"a": ["first"]}), "table", console=console)
        emit(pl.DataFrame({"a": ["second"]}), "table", console=console)
    text = target.read_text()
    assert text.index("first") < text.index("second")


def test_emit_refuses_unknown_format_and_folder(tmp_path: Path) -> None:
    df = pl.DataFrame({"a": [1]})
    with pytest.raises(ParameterError, match=r"format='xml' is not supported; expected one of"):
        emit(df, "xml")
    with pytest.raises(ParameterError, match=r"this is a folder; expected a file path"):
        emit(df, "csv", output=tmp_path)


# -------------------------------------------------------- parquet and graph JSON
def test_parquet_keeps_types_and_nesting(tmp_path: Path) -> None:
    df = pl.DataFrame(
        {"name": ["=Ada"], "reasons": [["a.", "b."]], "when": [dt.datetime(2025, 1, 2)]}
    )
    target = tmp_path / "out.parquet"
    emit(df, "parquet", output=target)
    back = pl.read_parquet(target)
    assert back.equals(df)  # nothing neutralised or flattened: parquet is typed data


def test_parquet_needs_a_file(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"format='parquet' writes a binary file"):
        emit(pl.DataFrame({"a": [1]}), "parquet")
    with pytest.raises(ParameterError, match=r"this is a folder"):
        emit(pl.DataFrame({"a": [1]}), "parquet", output=tmp_path)


def test_graph_json_is_plain_json() -> None:
    import networkx as nx

    from tiekeeper.output import graph_json_text

    G = nx.Graph(as_of=dt.datetime(2025, 1, 15, tzinfo=dt.UTC))
    G.add_edge("owner", "p1", weight=2.0, kinds={"group", "colleague"})
    G.nodes["p1"].update(strength=float("nan"), reasons=("x.",), since=dt.date(2020, 1, 1))
    data = json.loads(graph_json_text(G))
    assert data["graph"] == {"as_of": "2025-01-15T00:00:00+00:00"}
    p1 = next(n for n in data["nodes"] if n["id"] == "p1")
    assert p1 == {"id": "p1", "strength": None, "reasons": ["x."], "since": "2020-01-01"}
    assert data["edges"][0]["kinds"] == ["colleague", "group"]
    back = nx.node_link_graph(data, edges="edges")
    assert set(back.edges) == {("owner", "p1")}
