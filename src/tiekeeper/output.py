"""Writers for the CLI's tables (a terminal table, CSV, JSON, Parquet, Excel) and graphs.

The CLI prints every frame through :func:`emit`. Five formats exist:

``table``
    a rich table for people to read: lists are joined, times shortened to the
    day, floats rounded, and control characters removed so that a hostile name
    cannot move the cursor or recolour the terminal.
``csv``
    for spreadsheets. Text cells starting with ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return are prefixed with ``'`` so that a spreadsheet never
    runs them as a formula (CSV injection). Numeric columns are never touched:
    a negative number stays a number. Lists become ``"; "``-joined text.
``json``
    an array of records, nested lists and structs kept as they are.
``parquet``
    the frame itself, typed and nested, for polars, pandas or DuckDB; only
    to a file.
``xlsx``
    an Excel workbook (:func:`write_excel`, from :mod:`tiekeeper.excel`):
    lists joined, real dates, text neutralised as in CSV; only to a file.

:func:`graph_json_text` writes a network as node-link JSON, and :func:`write_sqlite`
(from :mod:`tiekeeper.database`) a whole export as one SQLite file.

Examples
--------
>>> import polars as pl
>>> df = pl.DataFrame({"name": ["=HYPERLINK(1)", "Ada"], "delta": [-1.5, 2.0]})
>>> print(to_csv_text(df), end="")
name,delta
'=HYPERLINK(1),-1.5
Ada,2.0
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

import polars as pl

from tiekeeper.database import write_sqlite
from tiekeeper.errors import ParameterError
from tiekeeper.excel import write_excel

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console
    from rich.table import Table

__all__ = [
    "CSV_TRIGGERS",
    "FORMATS",
    "Format",
    "emit",
    "flatten",
    "graph_json_text",
    "neutralize_cell",
    "neutralize_csv",
    "render_table",
    "table_console",
    "to_csv_text",
    "to_json_text",
    "write_excel",
    "write_sqlite",
]

#: The output formats of :func:`emit`.
Format = Literal["table", "csv", "json", "parquet", "xlsx"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "parquet", "xlsx")
_BINARY = {"parquet": "out.parquet", "xlsx": "out.xlsx"}

#: First characters that make a spreadsheet read a cell as a formula.
CSV_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_TRIGGER_RE = "^[=+\\-@\\t\\r]"
# C0/C1 control characters except tab and newline, plus the escape character.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JOIN = "; "


def neutralize_cell(value: str | None) -> str | None:
    """Make one text cell safe to open in a spreadsheet.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading apostrophe, which spreadsheets show as text.

    Parameters
    ----------
    value : str or None
        One text cell.

    Returns
    -------
    str or None
        The cell, with an apostrophe in front if it could run as a formula;
        ``None`` stays ``None``.

    Examples
    --------
    >>> neutralize_cell("=1+1")
    "'=1+1"
    >>> neutralize_cell("Ada Example")
    'Ada Example'
    >>> neutralize_cell(None) is None
    True
    """
    if value is not None and value.startswith(CSV_TRIGGERS):
        return "'" + value
    return value


def _flatten_list(col: pl.Expr, inner: object) -> pl.Expr:
    if isinstance(inner, pl.Struct):
        fields = [f.name for f in inner.fields]
        if "name" in fields:
            return col.list.eval(pl.element().struct.field("name").cast(pl.String)).list.join(_JOIN)
        return col.list.eval(pl.element().struct.json_encode()).list.join(_JOIN)
    if isinstance(inner, pl.List | pl.Array):
        return col.list.eval(pl.element().cast(pl.List(pl.String)).list.join(", ")).list.join(_JOIN)
    text = col.list.eval(pl.element().cast(pl.String))
    # a list of sentences ("reasons") reads best joined by spaces
    sentences = text.list.eval(pl.element().str.contains(r"[.!?]$")).list.all()
    return (
        pl.when(sentences & (text.list.len() > 0))
        .then(text.list.join(" "))
        .otherwise(text.list.join(_JOIN))
    )


def flatten(df: pl.DataFrame) -> pl.DataFrame:
    """Turn nested columns into text, so the frame fits a flat CSV row.

    Lists become ``"; "``-joined text (lists of sentences, such as reasons,
    are joined by a space); a list of structs with a ``name`` field becomes
    the joined names; other structs become JSON text. NaN becomes null.
    Other columns are unchanged.

    Parameters
    ----------
    df : polars.DataFrame
        Any frame, nested columns or not.

    Returns
    -------
    polars.DataFrame
        A new frame with the same columns in the same order, none of them
        nested.

    Examples
    --------
    >>> import polars as pl
    >>> flatten(pl.DataFrame({"skills": [["SQL", "R"]]}))["skills"].to_list()
    ['SQL; R']
    >>> flatten(pl.DataFrame({"reasons": [["Gap 3×.", "Strength 20."]]}))["reasons"].to_list()
    ['Gap 3×. Strength 20.']
    >>> flatten(pl.DataFrame({"people": [[{"name": "Ada", "n": 1}]]}))["people"].to_list()
    ['Ada']
    """
    exprs: list[pl.Expr] = []
    for name, dtype in df.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.List):
            exprs.append(_flatten_list(col, dtype.inner).alias(name))
        elif isinstance(dtype, pl.Array):
            exprs.append(col.arr.to_list().list.eval(pl.element().cast(pl.String)).list.join(_JOIN))
        elif isinstance(dtype, pl.Struct):
            exprs.append(col.struct.json_encode().alias(name))
        elif dtype.is_float():
            exprs.append(col.fill_nan(None))
        else:
            exprs.append(col)
    return df.select(exprs)


def neutralize_csv(df: pl.DataFrame) -> pl.DataFrame:
    """Flatten ``df`` and neutralise every text cell against CSV injection.

    Only text columns change (``String``, and ``Categorical`` or ``Enum``,
    which become ``String``); numbers, dates and booleans are left alone, so
    ``-3.5`` in a float column stays a number.

    Parameters
    ----------
    df : polars.DataFrame
        Any frame, nested columns or not.

    Returns
    -------
    polars.DataFrame
        The flattened frame (:func:`flatten`), its text cells neutralised
        (:func:`neutralize_cell`).

    Examples
    --------
    >>> import polars as pl
    >>> out = neutralize_csv(pl.DataFrame({"t": ["-2", "@x", "ok"], "n": [-2, 0, 1]}))
    >>> out.rows()
    [("'-2", -2), ("'@x", 0), ('ok', 1)]
    >>> neutralize_csv(pl.DataFrame({"c": ["=1+1"]}, schema={"c": pl.Categorical})).rows()
    [("'=1+1",)]
    """
    flat = flatten(df)
    flat = flat.with_columns(
        pl.col(name).cast(pl.String)
        for name, dtype in flat.schema.items()
        if isinstance(dtype, pl.Categorical | pl.Enum)
    )
    return flat.with_columns(
        pl.when(pl.col(name).str.contains(_TRIGGER_RE))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in flat.schema.items()
        if dtype == pl.String
    )


def to_csv_text(df: pl.DataFrame) -> str:
    """The CSV text of ``df``: flattened, neutralised, times as ISO 8601.

    Parameters
    ----------
    df : polars.DataFrame
        Any frame; nested columns are flattened (:func:`neutralize_csv`).

    Returns
    -------
    str
        A header line, then one line per row, each ending with a newline.

    Examples
    --------
    >>> import polars as pl
    >>> print(to_csv_text(pl.DataFrame({"who": ["+44 20"], "n": [-1]})), end="")
    who,n
    '+44 20,-1
    """
    buf = io.StringIO()
    neutralize_csv(df).write_csv(buf, datetime_format="%Y-%m-%dT%H:%M:%S%:z")
    return buf.getvalue()


def to_json_text(df: pl.DataFrame) -> str:
    """The JSON text of ``df``: an array of records, nested values kept.

    Parameters
    ----------
    df : polars.DataFrame
        Any frame; lists and structs stay nested, NaN becomes null.

    Returns
    -------
    str
        One JSON array of objects (one per row), then a newline.

    Examples
    --------
    >>> import polars as pl
    >>> to_json_text(pl.DataFrame({"name": ["Ada"], "reasons": [["x"]]}))
    '[{"name":"Ada","reasons":["x"]}]\\n'
    """
    floats = [n for n, d in df.schema.items() if d.is_float()]
    clean = df.with_columns(pl.col(floats).fill_nan(None)) if floats else df
    return clean.write_json() + "\n"


def _json_value(value: object) -> object:
    """``value`` as plain JSON: dates as ISO text, NaN as null, sets as sorted lists."""
    import datetime as dt
    import math

    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return [_json_value(v) for v in sorted(value, key=str)]
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, str | int | bool):
        return value
    item = getattr(value, "item", None)  # a numpy scalar
    return _json_value(item()) if callable(item) else str(value)


def graph_json_text(graph: object) -> str:
    """A networkx graph as node-link JSON: ``{"graph", "nodes", "edges", ...}``.

    Attributes keep their JSON types (lists stay lists); dates become ISO
    text and NaN becomes null. Read it back with
    ``networkx.node_link_graph(data, edges="edges")``.

    Parameters
    ----------
    graph : networkx.Graph
        Any networkx graph, such as :func:`tiekeeper.build_graph` returns.

    Returns
    -------
    str
        The node-link JSON document, then a newline.

    Examples
    --------
    >>> import json, networkx as nx
    >>> G = nx.Graph([("a", "b")])
    >>> G.nodes["a"].update(reasons=["colleague"], strength=float("nan"))
    >>> data = json.loads(graph_json_text(G))
    >>> data["nodes"][0], data["edges"]
    ({'reasons': ['colleague'], 'strength': None, 'id': 'a'}, [{'source': 'a', 'target': 'b'}])
    """
    import json

    import networkx as nx

    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(_json_value(data), ensure_ascii=False, allow_nan=False) + "\n"


def _cell_text(value: object, digits: int) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return "" if value != value else f"{value:.{digits}f}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, list):
        return "\n".join(_cell_text(v, digits) for v in value)
    if isinstance(value, dict):
        return str(value.get("name", value))
    return _CONTROL.sub("", str(value))


def render_table(
    df: pl.DataFrame,
    *,
    title: str | None = None,
    digits: Mapping[str, int] | None = None,
    caption: str | None = None,
    wide: Sequence[str] = (),
) -> Table:
    """Build a rich table of ``df`` for a terminal.

    Cells are plain text (never rich markup), lists are one item per line,
    datetimes show their day, floats are rounded to ``digits[column]``
    decimals (default 1), booleans read "yes"/"no" and control characters are
    removed.

    Parameters
    ----------
    df : polars.DataFrame
        The frame to show, one table row per row.
    title : str, optional
        Shown above the table.
    digits : mapping of str to int, optional
        Decimals per float column (by column name); 1 for the others.
    caption : str, optional
        Shown below the table.
    wide : sequence of str
        Columns that share the width left over (long text such as reasons);
        the others keep their natural width where they can.

    Returns
    -------
    rich.table.Table
        One column per column of ``df``, numbers right-aligned; print it with a
        rich console.

    Examples
    --------
    >>> import polars as pl
    >>> table = render_table(pl.DataFrame({"name": ["[b]Ada\\x1b[2J"], "strength": [57.26]}))
    >>> [c.header for c in table.columns], table.row_count
    (['name', 'strength'], 1)
    """
    from rich.table import Table
    from rich.text import Text

    digits = dict(digits or {})
    rows = [
        [_cell_text(v, digits.get(c, 1)) for c, v in zip(df.columns, row, strict=True)]
        for row in df.iter_rows()
    ]
    multiline = any("\n" in cell for row in rows for cell in row)
    table = Table(
        title=title,
        caption=caption,
        show_lines=multiline,
        header_style="bold",
        title_justify="left",
        caption_justify="left",
        expand=bool(wide),
    )
    for name, dtype in df.schema.items():
        numeric = dtype.is_numeric()
        table.add_column(
            name,
            justify="right" if numeric else "left",
            overflow="fold",
            no_wrap=numeric,
            ratio=1 if name in wide else None,
            min_width=16 if name in wide else None,
            max_width=32 if wide and name not in wide and not numeric else None,
        )
    for cells in rows:
        table.add_row(*(Text(cell) for cell in cells))
    return table


def _check_target(output: Path) -> None:
    if output.is_dir():
        raise ParameterError(
            f"-o {output}: this is a folder; expected a file path such as {output / 'out.csv'}"
        )


def _open_target(output: Path) -> IO[str]:
    _check_target(output)
    return output.open("w", encoding="utf-8", newline="")


@contextmanager
def table_console(output: Path | None = None) -> Iterator[Console]:
    """A rich console for tables: standard output, or the file ``output``.

    A file gets plain text (no colours) 160 columns wide, and is overwritten.

    Parameters
    ----------
    output : Path, optional
        The file to write (overwritten, closed on leaving the ``with`` block);
        None for standard output.

    Yields
    ------
    rich.console.Console
        The console to print tables to.

    Raises
    ------
    ParameterError
        When ``output`` is a folder.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import polars as pl
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "table.txt"
    ...     with table_console(path) as console:
    ...         console.print(render_table(pl.DataFrame({"name": ["Ada"]})))
    ...     "Ada" in path.read_text(encoding="utf-8")
    True
    """
    from rich.console import Console

    if output is None:
        yield Console(soft_wrap=False)
        return
    with _open_target(output) as fh:
        yield Console(file=fh, width=160, color_system=None)


def emit(
    df: pl.DataFrame,
    fmt: str = "table",
    *,
    output: Path | None = None,
    title: str | None = None,
    caption: str | None = None,
    digits: Mapping[str, int] | None = None,
    console: Console | None = None,
    wide: Sequence[str] = (),
) -> None:
    """Write ``df`` as a table, CSV or JSON, to the console or to ``output``.

    Parameters
    ----------
    df : polars.DataFrame
        The frame to write.
    fmt : {"table", "csv", "json", "parquet", "xlsx"}
        The format (:data:`FORMATS`).
    output : Path, optional
        A file to write instead of standard output (overwritten); required
        for ``parquet`` and ``xlsx``.
    title, caption : str, optional
        Shown above and below a ``table``; ignored for CSV and JSON.
    digits : mapping, optional
        Decimals per float column in a ``table``.
    console : rich.console.Console, optional
        Where a ``table`` goes when ``output`` is None (default: stdout).
    wide : sequence of str
        Long-text columns of a ``table`` that take the remaining width.

    Raises
    ------
    ParameterError
        For an unknown ``fmt``, an ``output`` that is a folder, or ``parquet``
        or ``xlsx`` without ``output``.
    MissingDependencyError
        For ``xlsx`` without xlsxwriter (the ``excel`` extra).

    Examples
    --------
    >>> import polars as pl
    >>> emit(pl.DataFrame({"name": ["@Ada"]}), "csv")
    name
    '@Ada
    """
    if fmt not in FORMATS:
        raise ParameterError(f"format={fmt!r} is not supported; expected one of {list(FORMATS)}")
    if fmt in _BINARY:
        if output is None:
            name = _BINARY[fmt]
            raise ParameterError(
                f"format={fmt!r} writes a binary file, never the terminal; "
                f"pass output=Path({name!r}) (on the command line: -o {name})"
            )
        _check_target(output)
        if fmt == "xlsx":
            write_excel(df, output)
        else:
            df.write_parquet(output)
        return
    if fmt == "table":
        table = render_table(df, title=title, caption=caption, digits=digits, wide=wide)
        if console is not None and output is None:
            console.print(table)
            return
        with table_console(output) as target:
            target.print(table)
        return
    text = to_csv_text(df) if fmt == "csv" else to_json_text(df)
    if output is None:
        import click

        click.echo(text, nl=False)
    else:
        with _open_target(output) as fh:
            fh.write(text)
