"""No import circle inside the package, within a folder too (test_layers.py holds the imports
between folders to the flow; this holds every module's, those inside functions included)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "scripts" / "policypress"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST, modules: set[str]) -> set[str]:
    """The package's modules `tree` imports: `from policypress.history import read` is the
    module history.read; `from policypress.history import History` is the package history."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = node.module.removeprefix("policypress").lstrip(".")
            if node.module != "policypress" and not node.module.startswith("policypress."):
                continue
            for alias in node.names:
                inner = f"{base}.{alias.name}" if base else alias.name
                out.add(inner if inner in modules else base)
        elif isinstance(node, ast.Import):
            out |= {
                a.name.removeprefix("policypress.")
                for a in node.names
                if a.name.startswith("policypress.")
            }
    return out & modules - {""}


def _circles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another round a circle (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(imports.get(module, ())):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == module:
                    break
            if len(group) > 1 or module in imports.get(module, ()):
                found.append(sorted(group))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_round_a_circle():
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module(p) for p in files}
    imports = {_module(p): _imports(ast.parse(p.read_text("utf-8")), modules) for p in files}
    assert _circles(imports) == []


def test_a_circle_is_found_however_long():
    modules = {"a", "b", "c", "d"}
    source = "from policypress import b\ndef f():\n    from policypress.c import x\n"
    assert _imports(ast.parse(source), modules) == {"b", "c"}
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []
