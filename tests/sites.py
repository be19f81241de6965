"""A council repository of two policies, and the check that a site built into it step by step
equals a clean build: shared by the incremental-site and page-cache tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policypress.build import build
from tests.conftest import DOCUMENT, IDENTITY, REPO, SECTION, Git, write_content

OTHER = {
    "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
    "other/sections/one.yaml": SECTION,
}


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path inside it, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def two_policies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A committed repository with the example policy and another, the repository's site
    settings and themes, as the working folder, with a fixed identity and date."""
    root = tmp_path / "council"
    root.mkdir()
    write_content(root, OTHER)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "themes", root / "themes")
    Git(root).commit("Add two policies", "First drafts.")
    monkeypatch.chdir(root)
    for name, value in {**IDENTITY, "SOURCE_DATE_EPOCH": "1795000000"}.items():
        monkeypatch.setenv(name, value)
    return root


def assert_same_as_clean(root: Path, step: str) -> None:
    """The site and its project in build/ are those a build into an empty folder makes."""
    clean = root.parent / f"clean-{step}"
    build(root / "content", clean)
    for folder in ("site", "site-src"):
        ours, fresh = files_in(root / "build" / folder), files_in(clean / folder)
        assert sorted(ours) == sorted(fresh), (step, folder)
        assert [name for name in ours if ours[name] != fresh[name]] == [], (step, folder)
