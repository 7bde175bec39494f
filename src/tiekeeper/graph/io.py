"""``write_graph``: the network as GraphML or GEXF, for Gephi and Cytoscape.

Neither format can hold None or list values, so attributes are mapped:

* text (``str``), ``int``, ``float`` and ``bool`` are written unchanged;
* a list or tuple becomes its items as text joined with ``"; "``;
* a date or datetime becomes ISO text;
* ``None`` becomes ``""`` (empty text) where the attribute holds text;
* ``None`` is left out where the attribute holds numbers or booleans
  (``strength`` of the owner node, say): that is both formats' own "no value",
  and networkx reads such an attribute back as absent. A number column cannot
  hold ``""``: GEXF readers refuse it and GraphML would split the attribute in two.

An attribute whose values are all None is written as empty text. The graph
passed in is not modified.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> G = nx.Graph([("a", "b")])
>>> G.nodes["a"].update(name="Ada", reasons=["met at a conference", "colleague"])
>>> path = pathlib.Path(tempfile.mkdtemp()) / "net.graphml"
>>> _ = write_graph(G, path)
>>> nx.read_graphml(path).nodes["a"]["reasons"]
'met at a conference; colleague'
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiekeeper.errors import ParameterError
from tiekeeper.graph._engine import check_graph

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = ["GRAPH_FORMATS", "LIST_SEPARATOR", "to_file_graph", "write_graph"]

#: The formats ``write_graph`` writes, by file suffix.
GRAPH_FORMATS: dict[str, str] = {".graphml": "graphml", ".gexf": "gexf"}
#: Lists become text joined with this.
LIST_SEPARATOR = "; "


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in items)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return str(value)


def _is_text(values: Iterable[Any]) -> bool:
    """Text unless some value is a number or a boolean (and none is text)."""
    kinds = {type(v) for v in values if v is not None}
    return not kinds or bool(kinds - {bool, int, float})


def _convert(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    plain = [{k: _plain(v) for k, v in d.items()} for d in items]
    keys = {k for d in plain for k in d}
    out: list[dict[str, Any]] = [{} for _ in plain]
    for key in sorted(keys):
        values = [d.get(key) for d in plain]
        if _is_text(values):
            for o, d, v in zip(out, plain, values, strict=True):
                if key in d:  # a missing attribute stays missing
                    o[key] = "" if v is None else str(v)
            continue
        floaty = any(isinstance(v, float) for v in values)
        for o, d, v in zip(out, plain, values, strict=True):
            if v is None or key not in d:
                continue
            o[key] = float(v) if floaty and not isinstance(v, bool) else v
    return out


def to_file_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` with every attribute mapped as the module docstring says.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(1, 2)])
    >>> G.nodes[1]["strength"] = 3.5
    >>> G.nodes[2]["strength"] = None
    >>> H = to_file_graph(G)
    >>> H.nodes[1], H.nodes[2]
    ({'strength': 3.5}, {})
    """
    import networkx as nx

    H = nx.Graph()
    H.graph.update(_convert([dict(G.graph)])[0])
    nodes = list(G.nodes(data=True))
    H.add_nodes_from(
        (n, d) for (n, _), d in zip(nodes, _convert([d for _, d in nodes]), strict=True)
    )
    edges = list(G.edges(data=True))
    H.add_edges_from(
        (u, v, d) for (u, v, _), d in zip(edges, _convert([d for _, _, d in edges]), strict=True)
    )
    return H


def write_graph(G: nx.Graph, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Write ``G`` as GraphML or GEXF.

    Parameters
    ----------
    G : networkx.Graph
        From :func:`tiekeeper.build_graph` (any undirected networkx graph works).
    path : str or path-like
        Target file; its parent directory must exist.
    format : {'graphml', 'gexf'}, optional
        Default: from the suffix of ``path`` (``.graphml`` or ``.gexf``).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ParameterError
        For an unknown format or suffix, or a missing parent directory.

    Examples
    --------
    >>> import tempfile
    >>> import tiekeeper as tk
    >>> G = tk.build_graph(tk.load_export())
    >>> path = tk.write_graph(G, Path(tempfile.mkdtemp()) / "network.graphml")
    >>> path.suffix, path.stat().st_size > 0
    ('.graphml', True)
    """
    import networkx as nx

    check_graph(G)
    target = Path(path).expanduser()
    if format is None:
        fmt = GRAPH_FORMATS.get(target.suffix.lower())
        if fmt is None:
            raise ParameterError(
                f"path={str(path)!r} has suffix {target.suffix!r}; expected one of "
                f"{sorted(GRAPH_FORMATS)}, or pass format='graphml' or format='gexf'"
            )
    else:
        fmt = format.lower() if isinstance(format, str) else ""
        if fmt not in GRAPH_FORMATS.values():
            raise ParameterError(
                f"format={format!r} is not supported; valid choices are "
                f"{sorted(GRAPH_FORMATS.values())}"
            )
    if not target.parent.is_dir():
        raise ParameterError(
            f"path={str(path)!r}: the folder {str(target.parent)!r} does not exist; create it first"
        )
    H = to_file_graph(G)
    if fmt == "graphml":
        nx.write_graphml(H, target)
    else:
        # networkx stamps GEXF files with today's date; use the graph's as_of instead (or
        # nothing), so the same export and as_of always give the same bytes.
        day = str(G.graph.get("as_of") or "")[:10]
        stamp = f' lastmodifieddate="{day}"' if day else ""
        text = "\n".join(nx.generate_gexf(H))
        text = re.sub(r' lastmodifieddate="[^"]*"', stamp, text, count=1)
        header = "<?xml version='1.0' encoding='utf-8'?>\n"
        target.write_text(header + text + "\n", encoding="utf-8")
    return target
