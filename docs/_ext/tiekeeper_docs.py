"""The parts of the documentation generated from the code at build time.

* The API reference: one page per module in :data:`MODULES`, listing exactly the
  names of that module's ``__all__`` (``tiekeeper`` itself first). Adding a module
  here, or a name to an ``__all__``, is all it takes to document it.
* ``.. tiekeeper-schemas::``: a table per frame of :data:`tiekeeper.schema.SCHEMAS`.
* The notebooks, copied from ``notebooks/`` so that myst-nb executes and renders them.

A public object listed by several documented modules is described once, under its
canonical name (:func:`canonical_names`): on the ``tiekeeper`` page if ``tiekeeper``
re-exports it, else on the page of the module that defines it. Every other page lists
it under its own dotted name too (``tiekeeper.io.load_export``), as an alias entry that
links there, so both names resolve; a short name in an annotation (``Export``) resolves
to the canonical one, never to an alias.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import re
import shutil
import typing
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

#: The documented modules, besides ``tiekeeper`` itself: the public API is
#: ``tiekeeper.__all__`` plus the ``__all__`` of each of these.
MODULES: list[str] = [
    "io",
    "scoring",
    "graph",
    "plots",
    "report",
    "validate",
    "state",
    "schema",
    "errors",
    "datasets",
    "output",
    "companies",
    "notebooks",
    "history",
    "database",
    "archive",
]

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
API_DIR = DOCS / "api"
NOTEBOOKS_DIR = DOCS / "notebooks"
#: numpydoc checks that existing docstrings do not pass yet: ``name CODE ...`` per line.
#: Anything not listed here fails the build; fix a docstring, then delete its entry.
DEBT_FILE = DOCS / "numpydoc_debt.txt"


def public_names() -> dict[str, list[str]]:
    """Every documented module (dotted) and the names of its ``__all__``."""
    out: dict[str, list[str]] = {}
    for name in ["tiekeeper", *(f"tiekeeper.{m}" for m in MODULES)]:
        module = importlib.import_module(name)
        out[name] = list(module.__all__)
    return out


def _kind(obj: Any) -> str:
    if inspect.ismodule(obj):
        return "module"
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if typing.get_origin(obj) is not None:  # a type alias such as Literal[...]: data
        return "data"
    if callable(obj) and not isinstance(obj, type):
        return "function"
    return "data"


def _write(path: Path, text: str) -> None:
    """Write only a changed file, so that Sphinx rebuilds only what changed."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _title(text: str, char: str = "=") -> list[str]:
    return [text, char * len(text), ""]


def _same_object_key(module: str, name: str) -> tuple[str, int] | None:
    """The key under which two public names are the same object (None: a module)."""
    obj = getattr(importlib.import_module(module), name)
    # the name is part of the key: two constants equal by chance (small ints are
    # shared) are not one public object
    return None if inspect.ismodule(obj) else (name, id(obj))


@cache
def canonical_names() -> dict[str, str]:
    """Every public dotted name listed by several documented modules -> the one described.

    ``tiekeeper.<name>`` if ``tiekeeper`` re-exports the object; else the name in the
    documented module that defines it (the longest documented prefix of its
    ``__module__``); else the first documented module listing it. Names listed once map
    to themselves and are left out.
    """
    groups: dict[tuple[str, int], list[str]] = {}
    for module, names in public_names().items():
        for name in names:
            key = _same_object_key(module, name)
            if key is not None:
                groups.setdefault(key, []).append(f"{module}.{name}")
    out: dict[str, str] = {}
    for (name, _), dotted in groups.items():
        if len(dotted) < 2:
            continue
        obj = getattr(importlib.import_module(dotted[0].rsplit(".", 1)[0]), name)
        home = getattr(obj, "__module__", None) or ""
        modules = [d.rsplit(".", 1)[0] for d in dotted]
        defining = [m for m in modules if home == m or home.startswith(f"{m}.")]
        if "tiekeeper" in modules:
            canonical = f"tiekeeper.{name}"
        elif defining:
            canonical = f"{max(defining, key=len)}.{name}"
        else:
            canonical = dotted[0]
        out.update({d: canonical for d in dotted if d != canonical})
    return out


def _module_page(module: str, names: list[str]) -> str:
    mod = importlib.import_module(module)
    lines = [*_title(f"``{module}``"), f".. automodule:: {module}", "   :no-members:", ""]
    if not names:
        lines += ["This module defines no public names of its own.", ""]
    for name in names:
        obj = getattr(mod, name)
        kind = _kind(obj)
        if kind == "module":
            # documented on its own page (MODULES); the built-site test checks it is
            lines += [f"* :py:mod:`{obj.__name__}`", ""]
            continue
        canonical = canonical_names().get(f"{module}.{name}")
        if canonical is not None:
            lines += [
                f".. tiekeeper-alias:: {module}.{name}",
                f"   :kind: {kind}",
                f"   :target: {canonical}",
                "",
            ]
            continue
        directive = {
            "class": "autoclass",
            "exception": "autoexception",
            "function": "autofunction",
            "data": "autodata",
        }[kind]
        lines.append(f".. {directive}:: {module}.{name}")
        if kind in {"class", "exception"}:
            lines += ["   :members:", "   :show-inheritance:"]
        if kind == "data":
            lines.append("   :no-value:")
        lines.append("")
    return "\n".join(lines)


def write_api_pages(app: Sphinx) -> None:
    """Generate ``api/*.rst`` from :func:`public_names`."""
    names = public_names()
    index = [
        *_title("API reference"),
        "The public API is ``tiekeeper``'s ``__all__`` and the ``__all__`` of each module",
        "below; nothing else is promised to stay. Every result is a polars DataFrame",
        "(``.to_pandas()`` converts it).",
        "",
        ".. toctree::",
        "   :maxdepth: 1",
        "",
    ]
    wanted = set()
    for module, module_names in names.items():
        page = module
        wanted.add(f"{page}.rst")
        _write(API_DIR / f"{page}.rst", _module_page(module, module_names))
        index.append(f"   {page}")
    wanted.add("index.rst")
    _write(API_DIR / "index.rst", "\n".join(index) + "\n")
    for stale in API_DIR.glob("*.rst"):
        if stale.name not in wanted:
            stale.unlink()


def copy_notebooks(app: Sphinx) -> None:
    """Copy ``notebooks/*.ipynb`` (committed without outputs) next to the docs."""
    wanted = set()
    for source in sorted((ROOT / "notebooks").glob("*.ipynb")):
        wanted.add(source.name)
        target = NOTEBOOKS_DIR / source.name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            NOTEBOOKS_DIR.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    for stale in NOTEBOOKS_DIR.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    toc = [
        *_title("Notebooks"),
        "Each notebook answers one question about your network. They run here on the",
        "bundled, fictional sample export; in Jupyter, replace ``EXPORT = None`` in the",
        "first cell with the path to your own zip (``tiekeeper notebooks DIR`` copies them).",
        "",
        ".. toctree::",
        "   :maxdepth: 1",
        "",
        *(f"   {Path(n).stem}" for n in sorted(wanted)),
    ]
    _write(NOTEBOOKS_DIR / "index.rst", "\n".join(toc) + "\n")


def _registered_by_autodoc(fullname: str, target: str) -> bool:
    """Whether autodoc already notes ``fullname`` as the alias of ``target``.

    A class documented under another name than where it is defined gets its defining
    name (``tiekeeper.report.Report``) noted as an alias by autodoc (``:canonical:``),
    linking straight to the description; noting it again would be a duplicate.
    """
    module, name = target.rsplit(".", 1)
    obj = getattr(importlib.import_module(module), name)
    return inspect.isclass(obj) and f"{obj.__module__}.{obj.__qualname__}" == fullname


class AliasDirective(SphinxDirective):
    """A public name that is documented under another name: listed, indexed, linked."""

    required_arguments = 1
    option_spec = {  # noqa: RUF012 - docutils' own convention
        "kind": directives.unchanged_required,
        "target": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        fullname = self.arguments[0]
        kind = self.options["kind"]
        target = self.options["target"]
        node_id = f"alias-{fullname}"
        role = {"function": "func", "class": "class", "exception": "exc", "data": "data"}[kind]
        if not _registered_by_autodoc(fullname, target):
            domain = self.env.get_domain("py")
            # aliased: in the inventory and linkable by its full name, but a short name
            # (``Export`` in an annotation) that matches it and the canonical description
            # resolves to the canonical one rather than being ambiguous
            domain.note_object(  # type: ignore[attr-defined]
                fullname, kind, node_id, aliased=True, location=self.get_location()
            )
        para = StringList(
            [f"``{fullname}``: the same {kind} as :py:{role}:`{target}`, documented there."],
            source="tiekeeper-alias",
        )
        container = nodes.container(ids=[node_id], classes=["tiekeeper-alias"])
        self.state.nested_parse(para, self.content_offset, container)
        return [container]


def _table(header: list[str], rows: list[list[nodes.Node]], widths: list[int]) -> nodes.table:
    """A docutils table (built as nodes: the page may be Markdown or reST)."""
    table = nodes.table(classes=["tiekeeper-schema"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=w) for w in widths]
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=h)) for h in header))
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *(nodes.entry("", nodes.paragraph("", "", c)) for c in cells))
    group += [head, body]
    return table


class SchemasDirective(SphinxDirective):
    """One section per frame of ``tiekeeper.schema.SCHEMAS``: column, dtype, meaning."""

    def run(self) -> list[nodes.Node]:
        from tiekeeper.schema import SCHEMAS

        out: list[nodes.Node] = []
        for frame, columns in SCHEMAS.items():
            label = f"schema-{frame}"  # :ref:`schema-<frame>` links to the frame's table
            section = nodes.section(ids=[label], names=[label])
            section += nodes.title("", "", nodes.literal(frame, frame))
            rows: list[list[nodes.Node]] = [
                [
                    nodes.literal(column, column),
                    nodes.literal(str(spec.dtype), str(spec.dtype)),
                    nodes.Text(spec.doc),
                ]
                for column, spec in columns.items()
            ]
            section += _table(["column", "dtype", "meaning"], rows, [20, 25, 55])
            self.state.document.note_explicit_target(section, section)
            out.append(section)
        return out


# --- numpydoc validation, with the list of known gaps -------------------------


@cache
def _debt() -> dict[str, frozenset[str]]:
    debt: dict[str, frozenset[str]] = {}
    for line in DEBT_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, *codes = line.split()
            debt[name] = frozenset(codes)
    return debt


_current: dict[str, str] = {"name": "", "what": ""}
#: name -> the checks its docstring fails, for every docstring validated in this build
_failing: dict[str, set[str]] = {}
#: Set this environment variable (and build with -E) to rewrite numpydoc_debt.txt
#: from what fails now, e.g. after fixing docstrings.
WRITE_DEBT = "TIEKEEPER_DOCS_WRITE_DEBT"
#: The checks conf.py leaves out (numpydoc_validation_checks = {"all", *these}).
IGNORED_CHECKS = frozenset({"ES01", "SA01"})


def debt_report(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite the debt file (on request), or name the entries that now pass."""
    if exception is not None or not _failing:
        return
    if os.environ.get(WRITE_DEBT):
        header = [ln for ln in DEBT_FILE.read_text(encoding="utf-8").splitlines() if ln[:1] == "#"]
        body = [f"{n} {' '.join(sorted(c))}" for n, c in sorted(_failing.items()) if c]
        DEBT_FILE.write_text("\n".join([*header, *body]) + "\n", encoding="utf-8")
        logger.info("numpydoc_debt.txt rewritten: %d docstrings with gaps", len(body))
        return
    passing = [
        f"{n} {code}"
        for n, codes in _debt().items()
        if n in _failing
        for code in sorted(codes - _failing[n])
    ]
    if passing:
        logger.info("numpydoc_debt.txt lists checks that now pass: %s", ", ".join(passing))


def _note_object(app: Sphinx, what: str, name: str, *args: Any) -> None:
    """Record the object numpydoc is about to validate (runs just before numpydoc)."""
    _current.update(name=name, what=what)


def _install_validation_filter() -> None:
    """Let numpydoc's validation skip data and the listed gaps, and nothing else.

    numpydoc validates each docstring in its ``autodoc-process-docstring`` handler
    and warns for every selected check that fails. Data (constants, ``__version__``)
    have no docstring of their own to validate (numpydoc would read ``str``'s); the
    gaps listed in ``numpydoc_debt.txt`` are the only other failures let through.
    """
    import numpydoc.numpydoc as npd

    original = npd.validate
    if getattr(original, "_tiekeeper", False):
        return

    def validate(doc: Any) -> dict[str, Any]:
        report = original(doc)
        if _current["what"] in {"data", "attribute"}:
            report["errors"] = []
            return report
        name = _current["name"]
        _failing[name] = {e[0] for e in report["errors"] if e[0] not in IGNORED_CHECKS}
        known = _debt().get(name, frozenset())
        if os.environ.get(WRITE_DEBT):
            known = frozenset(_failing[name])
        report["errors"] = [e for e in report["errors"] if e[0] not in known]
        return report

    validate._tiekeeper = True  # type: ignore[attr-defined]
    npd.validate = validate


# --- references to tiekeeper's own internals -----------------------------------


@cache
def _all_modules() -> tuple[str, ...]:
    import tiekeeper

    names = ["tiekeeper"]
    for info in pkgutil.walk_packages(tiekeeper.__path__, "tiekeeper."):
        importlib.import_module(info.name)
        names.append(info.name)
    return tuple(names)


def _resolves(dotted: str) -> bool:
    """Whether ``dotted`` names an object: a module, then attributes."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        try:
            for attr in parts[i:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return False
        return True
    return False


def internal_reference(app: Sphinx, env: Any, node: Any, contnode: nodes.Node) -> Any:
    """Accept a reference to an undocumented part of tiekeeper that exists.

    Docstrings may name internals (``:mod:`tiekeeper.report.summarize```,
    ``:data:`MAX_NODES```): these render as code without a link. A name that
    resolves nowhere in tiekeeper stays a broken reference (an error with ``-W``).
    """
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    module = node.get("py:module") or ""
    cls = node.get("py:class") or ""
    candidates = [target, f"tiekeeper.{target}"]
    if module:
        candidates += [f"{module}.{cls}.{target}" if cls else "", f"{module}.{target}"]
        # a docstring may name its own module's neighbours: any module under the
        # documented module's package
        package = module if module == "tiekeeper" else ".".join(module.split(".")[:2])
        candidates += [f"{m}.{target}" for m in _all_modules() if m.startswith(package)]
    for candidate in candidates:
        if candidate.startswith("tiekeeper") and _resolves(candidate):
            return contnode
    return None


#: Module aliases of tiekeeper's annotations (``import datetime as dt``) -> the module.
#: autodoc shows an annotation it cannot evaluate (a name imported only for type
#: checking) as written, so ``dt.date`` would reach the page, and the reference
#: resolver, as a name that exists nowhere. pl, pd, np, nx and go are the libraries'
#: own conventions, known to readers and to ``nitpick_ignore_regex``: they stay.
IMPORT_ALIASES: dict[str, str] = {"dt": "datetime"}
_ALIASED = re.compile(rf"(?<![\w.])({'|'.join(map(re.escape, IMPORT_ALIASES))})\.")


def _unalias(text: str) -> str:
    return _ALIASED.sub(lambda m: f"{IMPORT_ALIASES[m.group(1)]}.", text)


def readable_signature(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, signature: str | None, ret: str
) -> tuple[str | None, str] | None:
    """Make a signature readable: module aliases spelled out, no ``<factory>``.

    ``dt.datetime`` becomes ``datetime.datetime`` (:data:`IMPORT_ALIASES`). ``inspect``
    renders a dataclass field's ``default_factory`` as ``<factory>``, which is not
    Python: Sphinx then gives up parsing the signature and prints it as plain text, so
    it is shown as ``...``.
    """
    new_signature = _unalias(signature.replace("<factory>", "...")) if signature else signature
    new_ret = _unalias(ret) if ret else ret
    if (new_signature, new_ret) != (signature, ret):
        return new_signature, new_ret
    return None


def unaliased_reference(app: Sphinx, env: Any, node: Any, contnode: nodes.Node) -> Any:
    """Resolve ``dt.date`` outside signatures (a ``:type:``, a docstring) as ``datetime.date``.

    The name renders spelled out, as code without a link (no intersphinx), if it exists;
    otherwise the reference stays broken (an error with ``-W``).
    """
    target = node.get("reftarget", "").lstrip("~.")
    if node.get("refdomain") != "py" or not _ALIASED.match(target):
        return None
    if not _resolves(_unalias(target)):
        return None
    if isinstance(contnode, nodes.Text):
        return nodes.Text(_unalias(str(contnode)))
    new = contnode.deepcopy()
    for text in list(new.findall(nodes.Text)):
        text.parent.replace(text, nodes.Text(_unalias(str(text))))
    return new


def setup(app: Sphinx) -> dict[str, Any]:
    _install_validation_filter()
    app.connect("autodoc-process-signature", readable_signature)
    app.connect("autodoc-process-docstring", _note_object, priority=400)
    app.connect("missing-reference", internal_reference)
    app.connect("missing-reference", unaliased_reference)
    app.connect("build-finished", debt_report)
    app.connect("builder-inited", write_api_pages)
    app.connect("builder-inited", copy_notebooks)
    app.add_directive("tiekeeper-alias", AliasDirective)
    app.add_directive("tiekeeper-schemas", SchemasDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
