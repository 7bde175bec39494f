"""Excel workbooks of tiekeeper's tables, for planning outreach in a spreadsheet.

:func:`write_excel` writes one frame as one worksheet through polars' Excel
writer (xlsxwriter, the ``excel`` extra):

- lists (``reasons``, ``aliases``) become text, as in CSV
  (:func:`tiekeeper.output.flatten`);
- dates and times are real Excel dates; times are in UTC, as the frames hold
  them (Excel has no time zones);
- every text cell is neutralised with the CSV writer's triggers
  (:data:`tiekeeper.output.CSV_TRIGGERS`): a cell starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so that
  the cell never becomes a formula, even once the sheet is saved as CSV.
  Text is written as text, never as a formula, number or link.

Examples
--------
>>> import polars as pl, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "people.xlsx"
>>> write_excel(pl.DataFrame({"name": ["=HYPERLINK(1)"], "reasons": [["A.", "B."]]}), path).name
'people.xlsx'
>>> import openpyxl
>>> [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
[['name', 'reasons'], ["'=HYPERLINK(1)", 'A. B.']]
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import warnings
from pathlib import Path

import polars as pl

from tiekeeper._filemode import keep_mode
from tiekeeper.errors import MissingDependencyError, ParameterError, TiekeeperWarning

__all__ = ["MAX_CELL_CHARS", "MAX_ROWS", "excel_ready", "require_excel", "write_excel"]

#: The most characters an Excel cell holds; longer text is cut, with a warning.
MAX_CELL_CHARS = 32_767
#: The most rows an Excel worksheet holds, the header included.
MAX_ROWS = 1_048_576
_CUT = "…"
_DATE_FORMAT = "yyyy-mm-dd"
_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def require_excel(what: str = "Writing .xlsx files") -> None:
    """Raise :class:`~tiekeeper.errors.MissingDependencyError` unless xlsxwriter imports.

    Examples
    --------
    >>> require_excel()  # installed with the [excel] extra
    """
    if importlib.util.find_spec("xlsxwriter") is None:
        raise MissingDependencyError(
            f"{what} needs xlsxwriter, which tiekeeper does not install by default; "
            "install it with: pip install 'tiekeeper[excel]'"
        )


def excel_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` as a worksheet holds it: flat, neutralised, naive UTC times, short cells.

    Aware datetimes become naive UTC (Excel has no time zones); text longer
    than :data:`MAX_CELL_CHARS` is cut with ``…`` and a
    :class:`~tiekeeper.errors.TiekeeperWarning` says how many cells were cut.

    Examples
    --------
    >>> import datetime as dt
    >>> t = dt.datetime(2024, 3, 1, 9, tzinfo=dt.timezone.utc)
    >>> excel_ready(pl.DataFrame({"when": [t], "who": ["+1 555"]})).row(0, named=True)
    {'when': datetime.datetime(2024, 3, 1, 9, 0), 'who': "'+1 555"}
    """
    from tiekeeper.output import neutralize_csv

    flat = neutralize_csv(frame)
    exprs: list[pl.Expr] = []
    for name, dtype in flat.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.Datetime) and dtype.time_zone is not None:
            exprs.append(col.dt.convert_time_zone("UTC").dt.replace_time_zone(None).alias(name))
        elif dtype == pl.String:
            exprs.append(
                pl.when(col.str.len_chars() > MAX_CELL_CHARS)
                .then(col.str.slice(0, MAX_CELL_CHARS - len(_CUT)) + pl.lit(_CUT))
                .otherwise(col)
                .alias(name)
            )
        else:
            exprs.append(col)
    long = sum(
        int(flat[name].str.len_chars().gt(MAX_CELL_CHARS).sum())
        for name, dtype in flat.schema.items()
        if dtype == pl.String
    )
    if long:
        warnings.warn(
            f"{long} text cell(s) hold more than Excel's {MAX_CELL_CHARS} characters; "
            "they were cut (ending in '…'). Write CSV or Parquet to keep them whole.",
            TiekeeperWarning,
            stacklevel=3,
        )
    return flat.select(exprs)


def write_excel(
    frame: pl.DataFrame, path: str | os.PathLike[str], *, sheet: str = "tiekeeper"
) -> Path:
    """Write ``frame`` to an Excel workbook (.xlsx) with one worksheet.

    The file is replaced atomically: a temporary file in the same folder is
    written, then renamed.

    Parameters
    ----------
    frame : polars.DataFrame
        Any tiekeeper frame (``score``, the plan, ``career``, …). Lists become
        text, dates real Excel dates (times in UTC, as tiekeeper's frames hold
        them), text cells are neutralised as in CSV
        (:data:`tiekeeper.output.CSV_TRIGGERS`).
    path : str or path-like
        The file to write (overwritten).
    sheet : str
        The worksheet's name.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    MissingDependencyError
        When xlsxwriter is not installed (``pip install 'tiekeeper[excel]'``).
    ParameterError
        When ``path`` is a folder, or ``frame`` has more rows than a worksheet.

    Examples
    --------
    >>> import polars as pl, tempfile, pathlib, datetime as dt
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "plan.xlsx"
    >>> _ = write_excel(pl.DataFrame({"day": [dt.date(2024, 3, 1)], "n": [-2]}), out)
    >>> import openpyxl
    >>> [c.value for c in list(openpyxl.load_workbook(out).active.iter_rows())[1]]
    [datetime.datetime(2024, 3, 1, 0, 0), -2]
    """
    require_excel()
    from xlsxwriter import Workbook

    target = Path(path).expanduser()
    if target.is_dir():
        raise ParameterError(
            f"{target}: this is a folder; expected a file path such as {target / 'out.xlsx'}"
        )
    if frame.height + 1 > MAX_ROWS:
        raise ParameterError(
            f"{target}: {frame.height} rows do not fit an Excel worksheet "
            f"(at most {MAX_ROWS - 1}); write .csv or .parquet instead, or fewer rows"
        )
    ready = excel_ready(frame)
    # a new name beside the target (same file system for the rename); created by the
    # writer itself, so it gets the usual permissions (umask), as the other writers' files
    tmp = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        options = {
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "remove_timezone": True,
        }
        with Workbook(tmp, options) as workbook:
            ready.write_excel(
                workbook,
                worksheet=sheet,
                dtype_formats={pl.Date: _DATE_FORMAT, pl.Datetime: _TIME_FORMAT},
                autofit=ready.height <= 5_000,
                table_style=None,
                autofilter=True,
                freeze_panes=(1, 0),
                include_header=True,
            )
        keep_mode(tmp, target)  # a private file stays private
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
