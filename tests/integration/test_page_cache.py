"""Each document's site pages are kept in the build cache under a key of what they are made from
(sitepages.py): after an edit, only that document's pages are composed again, and whatever else a
page is made from (here the standards, whose titles every document's page shows) still reaches
every page. Either way the site equals a clean build's, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policypress import sitepages
from policypress.build import build
from tests.conftest import DOCUMENT, IDENTITY, REPO, SECTION, STANDARDS, Git, write_content

OTHER = {
    "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
    "other/sections/one.yaml": SECTION,
}


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
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


@pytest.fixture
def composed(monkeypatch) -> list[str]:
    """The ids of the documents whose pages were composed (not taken from the cache)."""
    found: list[str] = []
    real = sitepages.document_pages

    def counting(item, *args):
        found.append(item.document.id)
        return real(item, *args)

    monkeypatch.setattr(sitepages, "document_pages", counting)
    return found


def _same_as_clean(root: Path, step: str) -> None:
    clean = root.parent / f"clean-{step}"
    build(root / "content", clean)
    for folder in ("site", "site-src"):
        ours, fresh = _files(root / "build" / folder), _files(clean / folder)
        assert sorted(ours) == sorted(fresh), (step, folder)
        assert [name for name in ours if ours[name] != fresh[name]] == [], (step, folder)


def test_an_edit_composes_only_the_edited_documents_pages(project: Path, composed: list[str]):
    out = project / "build"
    build(project / "content", out)
    assert sorted(composed) == ["example", "other"]
    composed.clear()
    write_content(project, {"example/sections/one.yaml": SECTION.replace("honest.", "kind.")})
    build(project / "content", out)
    assert composed == ["example"]  # the other document's pages came from the cache
    assert "Staff must be kind." in (out / "site" / "example" / "index.html").read_text("utf-8")
    _same_as_clean(project, "edit")


def test_a_change_to_the_standards_reaches_every_documents_pages(
    project: Path, composed: list[str]
):
    out = project / "build"
    build(project / "content", out)
    composed.clear()
    renamed = STANDARDS.replace("CIH professional standards", "Standards for housing staff")
    write_content(project, {**OTHER, "standards.yaml": renamed})
    build(project / "content", out)
    assert sorted(composed) == ["example", "other"]
    for doc in ("example", "other"):
        page = (out / "site-src" / "docs" / doc / "index.md").read_text("utf-8")
        assert "Standards for housing staff" in page
    _same_as_clean(project, "standards")
