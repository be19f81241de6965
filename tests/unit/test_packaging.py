"""pyproject.toml declares what the package needs to run, and only that."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "scripts" / "policypress"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement such as "ruamel.yaml>=0.18"."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement)[0]).lower()


def _imports() -> dict[str, set[str]]:
    """Every module outside the standard library that the package imports -> the files."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top not in sys.stdlib_module_names and top != "policypress":
                    found.setdefault(top, set()).add(path.relative_to(PACKAGE).as_posix())
    return found


def test_every_imported_package_is_a_declared_runtime_dependency():
    runtime = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    dev = {_name(r) for r in PYPROJECT["dependency-groups"]["dev"]}
    distributions = metadata.packages_distributions()
    undeclared = {}
    for module, files in _imports().items():
        names = {_name(d) for d in distributions.get(module, [module])}
        if module == "pypandoc":  # pandoc, for the benchmark's PDF floor only
            assert files == {"bench.py"} and names & dev and not names & runtime
        elif not names & runtime:
            undeclared[module] = sorted(files)
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"


def test_python_3_11_as_debian_12_ships_it_is_enough():
    """Debian 12's python3 is 3.11.2, without tarfile's filters: history/repo.py checks by hand."""
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"


def test_the_bench_says_how_to_install_pandoc_when_it_is_missing(monkeypatch):
    from policypress import bench

    monkeypatch.setitem(sys.modules, "pypandoc", None)  # makes `import pypandoc` fail
    with pytest.raises(SystemExit) as stop:
        bench._pypandoc()
    assert "pip install pypandoc-binary" in str(stop.value.code)
    assert "scripts/setup" in str(stop.value.code)
