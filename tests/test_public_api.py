"""The public API as type checkers and readers see it: literal ``__all__`` lists.

mypy and pyright read ``__all__`` without running the module: a computed one
(``sorted([...])``, ``+=``) makes ``tiekeeper.load_export`` "not explicitly
exported" under ``mypy --strict``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import tiekeeper

SRC = Path(tiekeeper.__file__).resolve().parent
MODULES = sorted(p for p in SRC.rglob("*.py") if p.name != "__main__.py")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _all_nodes(tree: ast.Module) -> list[ast.stmt]:
    """Every module-level statement that binds or changes ``__all__``."""
    found: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                found.append(node)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Attribute) and ast.unparse(func.value) == "__all__":
                found.append(node)
    return found


def literal_all(path: Path) -> list[str]:
    """The names of the module's ``__all__``, which must be one literal list of strings."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = _all_nodes(tree)
    assert len(nodes) == 1, f"{path}: __all__ must be bound once, found {len(nodes)} statements"
    (node,) = nodes
    value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
    assert isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(value, ast.List), (
        f"{path}:{node.lineno}: __all__ must be a literal list, found {ast.unparse(node)[:60]!r}"
    )
    names = []
    for elt in value.elts:
        assert isinstance(elt, ast.Constant) and isinstance(elt.value, str), (
            f"{path}:{node.lineno}: __all__ holds {ast.unparse(elt)!r}, not a string literal"
        )
        names.append(elt.value)
    return names


def test_literal_all_rejects_what_a_type_checker_cannot_read(tmp_path: Path) -> None:
    cases = {
        "computed": '__all__ = sorted(["b", "a"])\n',
        "augmented": '__all__ = ["a"]\n__all__ += ["b"]\n',
        "extended": '__all__ = ["a"]\n__all__.extend(["b"])\n',
        "a name inside": 'X = "a"\n__all__ = [X]\n',
        "missing": "x = 1\n",
    }
    for label, text in cases.items():
        path = tmp_path / f"{label.replace(' ', '_')}.py"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(AssertionError):
            literal_all(path)
    ok = tmp_path / "ok.py"
    ok.write_text('__all__: list[str] = ["b", "a"]\n', encoding="utf-8")
    assert literal_all(ok) == ["b", "a"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_every_module_has_a_literal_all_of_names_it_defines(path: Path) -> None:
    names = literal_all(path)
    assert len(names) == len(set(names)), f"{path}: __all__ repeats a name"
    module = importlib.import_module(_module_name(path))
    if module is tiekeeper:  # lazy: checked against _LAZY below
        return
    missing = [n for n in names if not hasattr(module, n)]
    assert not missing, f"{module.__name__}.__all__ names what it does not define: {missing}"


def test_the_top_level_all_is_the_lazy_names_and_the_submodules() -> None:
    expected = {*tiekeeper._LAZY, *tiekeeper._SUBMODULES, "__version__"}
    assert set(tiekeeper.__all__) == expected
    assert tiekeeper.__all__ == sorted(tiekeeper.__all__)
    assert literal_all(SRC / "__init__.py") == tiekeeper.__all__


def test_every_top_level_name_resolves_to_its_module() -> None:
    for name, module in tiekeeper._LAZY.items():
        assert getattr(tiekeeper, name) is getattr(importlib.import_module(module), name)
    for name in tiekeeper._SUBMODULES:
        assert getattr(tiekeeper, name) is importlib.import_module(f"tiekeeper.{name}")


def test_type_checkers_see_every_top_level_name() -> None:
    # the names are lazy at run time; the `if TYPE_CHECKING:` imports are what mypy reads
    tree = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
    (block,) = [
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    ]
    imported = {
        alias.asname or alias.name
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == set(tiekeeper.__all__) - {"__version__"}
