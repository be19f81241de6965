"""Each document's site pages are kept in the build cache under a key of what they are made from
(sitepages.py): after an edit, only that document's pages are composed again, and whatever else a
page is made from (here the standards, whose titles every document's page shows) still reaches
every page. Either way the site equals a clean build's, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from policypress import sitepages
from policypress.build import build
from tests.conftest import SECTION, STANDARDS, write_content
from tests.sites import OTHER, assert_same_as_clean, two_policies


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    return two_policies(tmp_path, monkeypatch)


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


def test_an_edit_composes_only_the_edited_documents_pages(project: Path, composed: list[str]):
    out = project / "build"
    build(project / "content", out)
    assert sorted(composed) == ["example", "other"]
    composed.clear()
    write_content(project, {"example/sections/one.yaml": SECTION.replace("honest.", "kind.")})
    build(project / "content", out)
    assert composed == ["example"]  # the other document's pages came from the cache
    assert "Staff must be kind." in (out / "site" / "example" / "index.html").read_text("utf-8")
    assert_same_as_clean(project, "edit")


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
    assert_same_as_clean(project, "standards")
