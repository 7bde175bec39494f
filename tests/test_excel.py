"""Excel output (issue 16): every workbook opens with openpyxl with the frame's rows and columns."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape

import tiekeeper as tk
from tiekeeper.cli import cli
from tiekeeper.errors import MissingDependencyError, ParameterError, TiekeeperWarning
from tiekeeper.excel import MAX_CELL_CHARS, excel_ready
from tiekeeper.output import CSV_TRIGGERS, write_excel
from tiekeeper.scoring.strength import score


def _sheet(path: Path) -> tuple[list[str], list[list[Any]], list[list[str]]]:
    """Header, values and cell data types of the workbook's one worksheet.

    openpyxl leaves the XML escapes of control characters (``_x000D_``) as
    they are; Excel reads them as the characters, and so does this.
    """
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["tiekeeper"]
    rows = list(book.active.iter_rows())
    header = [c.value for c in rows[0]]
    return (
        header,
        [[unescape(c.value) if isinstance(c.value, str) else c.value for c in r] for r in rows[1:]],
        [[c.data_type for c in r] for r in rows[1:]],
    )


def _expected(frame: pl.DataFrame) -> list[list[Any]]:
    """What openpyxl reads back: dates as midnight datetimes, empty text as None."""
    out = []
    for row in excel_ready(frame).iter_rows():
        cells = []
        for value in row:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                value = dt.datetime(value.year, value.month, value.day)
            elif isinstance(value, dt.datetime):
                value = value.replace(microsecond=round(value.microsecond / 1000) * 1000)
            if value == "":
                value = None
            cells.append(value)
        out.append(cells)
    return out


def _same(got: list[list[Any]], want: list[list[Any]]) -> None:
    assert len(got) == len(want)
    for g_row, w_row in zip(got, want, strict=True):
        for g, w in zip(g_row, w_row, strict=True):
            if isinstance(w, float):
                assert g == pytest.approx(w, rel=1e-12), (g_row, w_row)
            elif isinstance(w, dt.datetime):
                assert isinstance(g, dt.datetime) and abs(g - w) < dt.timedelta(milliseconds=1)
            else:
                assert g == w, (g_row, w_row)


@pytest.fixture(scope="module")
def sample() -> tk.Export:
    return tk.load_export()


@pytest.mark.parametrize(
    "name", ["score", "connections", "people", "messages", "interactions", "parse_report"]
)
def test_every_frame_round_trips_through_openpyxl(
    sample: tk.Export, tmp_path: Path, name: str
) -> None:
    frame = score(sample) if name == "score" else getattr(sample, name)
    path = write_excel(frame, tmp_path / f"{name}.xlsx")
    header, values, _ = _sheet(path)
    assert header == frame.columns
    assert len(values) == frame.height > 0
    _same(values, _expected(frame))


def test_dates_are_real_excel_dates_and_lists_are_text(sample: tk.Export, tmp_path: Path) -> None:
    frame = score(sample)
    header, values, types = _sheet(write_excel(frame, tmp_path / "score.xlsx"))
    book = openpyxl.load_workbook(tmp_path / "score.xlsx")
    first = header.index("last_contact")
    connected = header.index("connected_on")
    row = next(i for i, r in enumerate(values) if r[first] is not None and r[connected])
    assert types[row][first] == "d" and types[row][connected] == "d"
    assert book.active.cell(row=row + 2, column=first + 1).number_format == "yyyy-mm-dd hh:mm:ss"
    want = frame.row(row, named=True)["last_contact"].astimezone(dt.UTC).replace(tzinfo=None)
    assert abs(values[row][first] - want) < dt.timedelta(milliseconds=1)
    reasons = header.index("reasons")
    assert all(isinstance(r[reasons], str) for r in values if r[reasons] is not None)
    assert any(r[reasons] for r in values)


def test_cells_are_neutralised_with_the_csv_triggers(tmp_path: Path) -> None:
    hostile = [f'{t}HYPERLINK("http://x")' for t in CSV_TRIGGERS]
    frame = pl.DataFrame(
        {"name": [*hostile, "Ada"], "n": [-1.5] * len(hostile) + [2.0], "tags": [["=1"]] * 7}
    )
    _, values, types = _sheet(write_excel(frame, tmp_path / "x.xlsx"))
    assert [r[0] for r in values] == [*("'" + h for h in hostile), "Ada"]
    assert [r[1] for r in values] == frame["n"].to_list()  # numbers stay numbers
    assert {r[2] for r in values} == {"'=1"}
    assert {t for row in types for t in (row[0], row[2])} == {"s"}  # never a formula


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))),
        min_size=1,
        max_size=5,
    )
)
def test_any_text_comes_back_as_written_text(tmp_path: Path, texts: list[str]) -> None:
    path = write_excel(pl.DataFrame({"t": texts}), tmp_path / "t.xlsx")
    _, values, types = _sheet(path)
    got = [r[0] for r in values]
    want = [("'" + t if t.startswith(CSV_TRIGGERS) else t) or None for t in texts]
    assert got == want
    assert all(t[0] in ("s", "n") for t in types)  # text or an empty cell, never a formula


def test_long_text_is_cut_with_a_warning(tmp_path: Path) -> None:
    frame = pl.DataFrame({"raw": ["x" * (MAX_CELL_CHARS + 10), "short"]})
    with pytest.warns(TiekeeperWarning, match="1 text cell"):
        path = write_excel(frame, tmp_path / "long.xlsx")
    _, values, _ = _sheet(path)
    assert len(values[0][0]) == MAX_CELL_CHARS and values[0][0].endswith("…")
    assert values[1][0] == "short"


def test_a_folder_is_refused_and_a_file_replaced(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="this is a folder"):
        write_excel(pl.DataFrame({"a": [1]}), tmp_path)
    path = tmp_path / "a.xlsx"
    write_excel(pl.DataFrame({"a": [1, 2]}), path)
    write_excel(pl.DataFrame({"a": [3]}), path)
    assert _sheet(path)[1] == [[3]]
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]  # no temporary file left


def test_without_xlsxwriter_the_error_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = importlib.util.find_spec

    def fake(name: str, *args: object, **kwargs: object) -> object:
        return None if name == "xlsxwriter" else real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    with pytest.raises(MissingDependencyError, match=r"pip install 'tiekeeper\[excel\]'"):
        write_excel(pl.DataFrame({"a": [1]}), tmp_path / "a.xlsx")
    target = tmp_path / "fading.xlsx"
    result = CliRunner().invoke(cli, ["fading", "-o", str(target)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: -o {target} needs xlsxwriter, which tiekeeper does not install by default; "
        "install it with: pip install 'tiekeeper[excel]'"
    ]
    assert not target.exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ("fading",),
        ("reach-out", "-k", "3"),
        ("who-at", "thistledown"),
        ("career",),
        ("info",),
        ("info", "--rejected"),
    ],
)
def test_cli_xlsx_equals_the_parquet_frame(tmp_path: Path, args: tuple[str, ...]) -> None:
    for redact in ((), ("--redact",)):
        if redact and args[0] == "info":
            continue
        parquet, xlsx = tmp_path / "out.parquet", tmp_path / "out.xlsx"
        for target in (parquet, xlsx):
            runner = CliRunner()
            result = runner.invoke(cli, [*args, *redact, "-o", str(target)])
            assert result.exit_code == 0, result.output
        frame = pl.read_parquet(parquet)
        header, values, _ = _sheet(xlsx)
        assert header == frame.columns
        if redact:
            # pseudonyms are random per run: compare the numbers, and look for URLs
            keep = [i for i, d in enumerate(frame.dtypes) if d.is_numeric()]
            want = _expected(frame)
            _same([[r[i] for i in keep] for r in values], [[r[i] for i in keep] for r in want])
            assert not any("linkedin.com/in/" in str(v) for r in values for v in r)
        else:
            _same(values, _expected(frame))


def test_changes_writes_xlsx(tmp_path: Path) -> None:
    from tiekeeper.datasets import sample_history_path

    paths = sorted(str(p) for p in Path(sample_history_path()).glob("Basic_*"))
    target = tmp_path / "changes.xlsx"
    result = CliRunner().invoke(cli, ["changes", *paths, "-o", str(target)])
    assert result.exit_code == 0, result.output
    header, values, _ = _sheet(target)
    frame = tk.changes(tk.load_history(paths))
    assert header == frame.columns and len(values) == frame.height > 0
    _same(values, _expected(frame))


def test_parameter_error_without_output() -> None:
    from tiekeeper.output import emit

    with pytest.raises(ParameterError, match=r"-o out\.xlsx"):
        emit(pl.DataFrame({"a": [1]}), "xlsx")


def test_the_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    umask = os.umask(0o022)
    try:
        path = write_excel(pl.DataFrame({"a": [1]}), tmp_path / "a.xlsx")
        plain = tmp_path / "plain.txt"
        plain.write_text("x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode) == 0o644


def test_rewriting_keeps_a_private_file_private(tmp_path: Path) -> None:
    import stat

    path = write_excel(pl.DataFrame({"a": [1]}), tmp_path / "a.xlsx")
    path.chmod(0o600)
    write_excel(pl.DataFrame({"a": [2]}), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
