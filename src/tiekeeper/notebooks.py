"""The numbered notebooks that ship with tiekeeper, and copying them to a folder.

The notebooks live in the repository's ``notebooks/`` folder and, in an
installed wheel, in ``tiekeeper/_data/notebooks``. Each starts with one
parameter cell::

    EXPORT = None   # the bundled, fictional sample; or the path to your zip
    AS_OF = None

:func:`write_notebooks` copies them to a folder of your choice (``tiekeeper
notebooks DIR`` on the command line). By default the parameter cell keeps
``EXPORT = None``, which means the bundled sample; pass ``export=`` to point
every notebook at your own export instead. Only ``.ipynb`` files are copied;
their JSON is rewritten with the standard library, so this works without
Jupyter installed.

Examples
--------
>>> import json, tempfile
>>> from pathlib import Path
>>> src = Path(tempfile.mkdtemp())
>>> cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
...         "source": ["EXPORT = None  # your zip\\n", "AS_OF = None\\n"]}
>>> nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
>>> _ = (src / "01_demo.ipynb").write_text(json.dumps(nb))
>>> export = src / "my export.zip"
>>> _ = export.write_bytes(b"")
>>> out = write_notebooks(src / "copy", export=export, sources=[src / "01_demo.ipynb"])
>>> [p.name for p in out]
['01_demo.ipynb']
>>> line = json.loads(out[0].read_text())["cells"][0]["source"][0]
>>> line.startswith("EXPORT = ") and line.rstrip().endswith("# your zip")
True
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from tiekeeper.errors import ExportNotFoundError, ParameterError, TiekeeperError

__all__ = ["PARAMETER_NAME", "notebook_sources", "point_parameter_cell", "write_notebooks"]

#: The parameter every notebook reads its export from.
PARAMETER_NAME = "EXPORT"

# `EXPORT = <None or a string literal>` with an optional trailing comment.
_PARAM_LINE = re.compile(
    r"""^(?P<lhs>EXPORT\s*(?::\s*[^=]+)?=\s*)"""
    r"""(?P<value>None|[rRuU]?(?P<q>["']).*?(?P=q)|\S+)"""
    r"""(?P<rest>\s*(?:\#.*)?)$""",
    re.DOTALL,
)


def _packaged_dir() -> Path | None:
    try:
        base = resources.files("tiekeeper").joinpath("_data", "notebooks")
    except (ModuleNotFoundError, OSError):  # pragma: no cover - defensive
        return None
    path = Path(str(base))
    return path if path.is_dir() else None


def _checkout_dir() -> Path | None:
    root = Path(__file__).resolve().parents[2]
    path = root / "notebooks"
    return path if (root / "pyproject.toml").is_file() and path.is_dir() else None


def notebook_sources() -> list[Path]:
    """The shipped notebooks, sorted by name (so by number).

    Looks in the installed package (``tiekeeper/_data/notebooks``), then in
    the ``notebooks/`` folder of a source checkout.

    Returns
    -------
    list of Path
        The numbered ``.ipynb`` files of the first place that holds any.

    Raises
    ------
    TiekeeperError
        If neither place holds any ``.ipynb`` file (a broken installation).

    Examples
    --------
    >>> names = [p.name for p in notebook_sources()]
    >>> names[0], names == sorted(names)
    ('01_load_your_export.ipynb', True)
    """
    for folder in (_packaged_dir(), _checkout_dir()):
        if folder is not None:
            found = sorted(folder.glob("[0-9]*.ipynb"))
            if found:
                return found
    raise TiekeeperError(
        "no notebooks found: expected .ipynb files in tiekeeper/_data/notebooks (installed) "
        "or notebooks/ (source checkout); reinstall tiekeeper"
    )


def _literal(export: str | os.PathLike[str] | None) -> str:
    if export is None:
        return "None"
    return repr(str(Path(export).expanduser().resolve()))


def point_parameter_cell(
    notebook: dict[str, Any], export: str | os.PathLike[str] | None, *, name: str = "notebook"
) -> dict[str, Any]:
    """Set ``EXPORT`` in the notebook's parameter cell; return the notebook.

    The parameter cell is the first code cell with a line ``EXPORT = ...``.
    Only that value changes: a trailing comment and every other line are
    kept. ``export=None`` writes ``EXPORT = None`` (the bundled sample); a
    path is written as an absolute path, so the copy works from any folder.

    Parameters
    ----------
    notebook : dict
        The notebook JSON (nbformat 4), changed in place.
    export : str, os.PathLike or None
        The export to load; None for the bundled sample.
    name : str
        The notebook's file name, for error messages.

    Returns
    -------
    dict
        ``notebook`` itself.

    Raises
    ------
    ParameterError
        If the notebook has no ``EXPORT = ...`` line in a code cell.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "source": "EXPORT = 'old.zip'\\nAS_OF = None"}]}
    >>> point_parameter_cell(nb, None)["cells"][0]["source"]
    'EXPORT = None\\nAS_OF = None'
    """
    literal = _literal(export)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        lines = source.splitlines(keepends=True) if isinstance(source, str) else list(source)
        for i, line in enumerate(lines):
            body = line.rstrip("\r\n")
            match = _PARAM_LINE.match(body)
            if match is None:
                continue
            lines[i] = match["lhs"] + literal + match["rest"] + line[len(body) :]
            cell["source"] = "".join(lines) if isinstance(source, str) else lines
            return notebook
    raise ParameterError(
        f"{name}: no parameter cell found; expected a code cell with a line "
        f"'{PARAMETER_NAME} = None'. Add it as the notebook's first code cell"
    )


def write_notebooks(
    dir: str | os.PathLike[str],
    *,
    export: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
    sources: Sequence[str | os.PathLike[str]] | None = None,
) -> list[Path]:
    """Write the shipped notebooks to ``dir``, pointed at an export.

    Parameters
    ----------
    dir : str or path
        The folder to write to; created (with its parents) if missing.
    export : str or path, optional
        The export every notebook should load. ``None`` keeps
        ``EXPORT = None``: the bundled, fictional sample.
    overwrite : bool
        Replace notebooks that already exist in ``dir``. Off by default, so a
        second run never destroys your edits.
    sources : sequence of paths, optional
        The notebooks to copy; default :func:`notebook_sources`.

    Returns
    -------
    list of Path
        The written notebooks, in order.

    Raises
    ------
    ExportNotFoundError
        If ``export`` does not exist.
    ParameterError
        If ``dir`` is a file, a notebook already exists there (without
        ``overwrite``), or a notebook has no parameter cell.
    TiekeeperError
        If no notebooks are shipped (a broken installation).
    OSError
        If ``dir`` cannot be created or written.

    Examples
    --------
    >>> import json, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = write_notebooks(tmp)
    ...     first = json.loads(written[0].read_text(encoding="utf-8"))
    >>> [p.name for p in written] == [p.name for p in notebook_sources()]
    True
    >>> any("EXPORT = None" in "".join(c["source"]) for c in first["cells"])
    True
    """
    target = Path(dir).expanduser()
    if export is not None and not Path(export).expanduser().exists():
        raise ExportNotFoundError(
            f"export={str(export)!r}: no such file or folder; pass the path of your LinkedIn "
            "export (the .zip you downloaded, or its unzipped folder)"
        )
    if target.exists() and not target.is_dir():
        raise ParameterError(f"dir={str(target)!r} is a file; expected a folder to write into")
    paths = [Path(s) for s in sources] if sources is not None else notebook_sources()
    prepared: list[tuple[Path, str]] = []
    for src in paths:
        try:
            notebook = json.loads(src.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise TiekeeperError(
                f"{src}: not a valid notebook ({err}); reinstall tiekeeper"
            ) from err
        point_parameter_cell(notebook, export, name=src.name)
        dest = target / src.name
        if dest.exists() and not overwrite:
            raise ParameterError(
                f"{dest} already exists; pass overwrite=True (--force on the command line) "
                "to replace it, or choose another folder"
            )
        prepared.append((dest, json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"))
    target.mkdir(parents=True, exist_ok=True)
    for dest, text in prepared:
        dest.write_text(text, encoding="utf-8")
    return [dest for dest, _ in prepared]
