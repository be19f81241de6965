"""`check`, `history` and `diff` import only what they use, and leave no temporary folder behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IDENTITY, SECTION, Git, run_cli, write_content

# What only a build needs: the pipeline, the site plan, the renderers of files and of the site,
# and the libraries behind them.
BUILD_ONLY = (
    "policypress.build",
    "policypress.pipeline",
    "policypress.siteplan",
    "policypress.versions",
    "policypress.render.docx",
    "policypress.render.pdf",
    "policypress.site.make",
    "policypress.site.engine",
    "policypress.render.site_pages",
    "policypress.render.site_versions",
    "policypress.render.site_html",
    "typst",
    "docx",
    "mkdocs",
    "material",
    "jinja2",
)

RUN_AND_LIST = """
import json, sys
from policypress.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


@pytest.fixture
def repo(tmp_path: Path) -> Git:
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First draft.")
    git("tag", "-a", "example/v1.0", "-m", "Approved-by: Cabinet\nApproval-date: 2026-03-01\n")
    write_content(tmp_path, {"example/sections/one.yaml": SECTION.replace("honest.", "fair.")})
    return git


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["history", "example"],
        ["diff", "example"],
        ["diff", "example", "--format", "json"],
    ],
)
def test_reading_commands_import_no_part_of_the_build(repo: Git, command: list[str]):
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, *command],
        cwd=repo.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    loaded = {name for name in report["modules"] if name.split(".")[0] != "tests"}
    heavy = sorted(
        name
        for name in loaded
        if any(name == part or name.startswith(part + ".") for part in BUILD_ONLY)
    )
    assert heavy == [], f"{' '.join(command)} imported {heavy}"
    assert "policypress.checking" in loaded  # it did its work


@pytest.mark.parametrize("command", [["check"], ["diff", "example"], ["history", "example"]])
def test_reading_commands_leave_no_temporary_folder(repo: Git, tmp_path: Path, command: list[str]):
    """The approved version is read from git into a temporary folder: it is removed as soon as
    it has been read, not left for the interpreter to clean up at exit (a ResourceWarning)."""
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**IDENTITY, "PYTHONWARNINGS": "error::ResourceWarning", "TMPDIR": str(temp)}
    done = run_cli(*command, cwd=repo.root, env=env)
    assert done.returncode == 0, done.stderr
    assert "ResourceWarning" not in done.stderr and "Implicitly cleaning up" not in done.stderr
    assert list(temp.iterdir()) == []


@pytest.mark.parametrize("command", [["build"], ["check"], ["history", "example"]])
def test_reading_the_history_imports_no_gitpython(repo: Git, command: list[str]):
    """The history is read with git itself (one `git rev-parse` finds the repository), so no
    build or reading command pays for importing GitPython; the history is still read."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, *command],
        cwd=repo.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    assert [name for name in report["modules"] if name.split(".")[0] in ("git", "gitdb")] == []
    assert "policypress.history.read" in report["modules"]
    if command[0] == "history":
        assert "Add the example policy" in done.stdout or "First draft." in done.stdout
