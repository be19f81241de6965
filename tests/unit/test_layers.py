"""The package's import direction, as docs/architecture.md draws it: every module is placed in the
flow, and each imports only from its own place or the places above it (imports inside functions
count too)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "scripts" / "policypress"
NOT_PLACED = {"__main__"}  # `python -m policypress`: only calls cli


def _flow() -> dict[str, tuple[int, int]]:
    """Each name in the architecture page's flow with its place: (line, step after an arrow)."""
    page = (REPO / "docs" / "architecture.md").read_text("utf-8")
    block = page.split("Inside the package, one flow", 1)[1].split("```text\n", 1)[1]
    block = block.split("```", 1)[0]
    places: dict[str, tuple[int, int]] = {}
    row, names_continue = -1, False
    for line in block.splitlines():
        if line.startswith(" ") and not names_continue:
            continue  # a description carried on
        if not line.startswith(" "):
            row += 1
        names = re.split(r" {2,}", line.strip(), maxsplit=1)[0]
        names_continue = names.endswith(",")
        for step, group in enumerate(names.split("->")):
            for name in group.split(","):
                if name.strip():
                    word = name.split()[0] if name.strip() != "word lists" else "wordlists"
                    places[word.strip().rstrip("/")] = (row, step)
    return places


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "policypress":
                out |= {a.name for a in node.names if a.name in modules}
            elif node.module.startswith("policypress."):
                out.add(node.module.removeprefix("policypress."))
        elif isinstance(node, ast.Import):
            out |= {
                a.name.removeprefix("policypress.")
                for a in node.names
                if a.name.startswith("policypress.")
            }
    return out


def _place(module: str, places: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    """A module's place: its own, or its folder's."""
    return places.get(module) or places.get(module.split(".")[0])


def test_every_module_is_placed_and_imports_only_from_above_or_beside_it():
    places = _flow()
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module(p) for p in files}
    unplaced, upward = [], []
    for path in files:
        module = _module(path)
        if not module or module in NOT_PLACED:
            continue
        here = _place(module, places)
        if here is None:
            unplaced.append(module)
            continue
        for imported in _imports(path, modules):
            if imported.split(".")[0] == module.split(".")[0]:
                continue  # inside one folder
            there = _place(imported, places)
            if there is not None and there > here:
                upward.append(f"{module} imports {imported}, which is placed below it")
    assert not unplaced, f"not placed in docs/architecture.md's flow: {unplaced}"
    assert not upward, "\n".join(upward)
