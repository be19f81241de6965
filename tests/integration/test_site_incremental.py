"""An incremental build of the site equals a clean build of the same source, byte for byte:
after an edit (only the changed pages are rendered, and unchanged page files keep their times),
an added page, a removed document and a menu change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from policypress.build import build
from tests.conftest import DOCUMENT, SECTION, write_content
from tests.sites import assert_same_as_clean, two_policies


def _times(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    return two_policies(tmp_path, monkeypatch)


def test_incremental_builds_equal_clean_builds(project: Path):
    root, out = project, project / "build"
    first = build(root / "content", out)
    assert first.pages_rendered > 10
    before = _times(out / "site-src" / "docs")
    page = out / "site" / "other" / "index.html"
    page_time = page.stat().st_mtime_ns

    # an edit: the edited document's pages (and the home page's last change) alone
    write_content(root, {"example/sections/one.yaml": SECTION.replace("honest.", "kind.")})
    edited = build(root / "content", out)
    assert 0 < edited.pages_rendered < first.pages_rendered / 2
    after = _times(out / "site-src" / "docs")
    kept = [name for name in before if name.startswith("other/") and before[name] == after[name]]
    assert "other/index.md" in kept and "other/history.md" in kept  # not rewritten
    assert page.stat().st_mtime_ns == page_time  # not rendered again
    assert "Staff must be kind." in (out / "site" / "example" / "index.html").read_text("utf-8")
    assert_same_as_clean(root, "edit")

    # an added page: a third document
    write_content(
        root,
        {
            "third/document.yaml": DOCUMENT.replace("Example policy", "Third policy"),
            "third/sections/one.yaml": SECTION,
        },
    )
    build(root / "content", out)
    assert (out / "site" / "third" / "index.html").is_file()
    assert_same_as_clean(root, "added")

    # a removed document
    shutil.rmtree(root / "content" / "other")
    build(root / "content", out)
    assert not (out / "site" / "other").exists()
    assert not (out / "site-src" / "docs" / "other").exists()
    assert_same_as_clean(root, "removed")

    # a menu change: a document's new title
    document = root / "content" / "third" / "document.yaml"
    document.write_text(
        document.read_text("utf-8").replace("Third policy", "Renamed policy"), "utf-8"
    )
    build(root / "content", out)
    assert "Renamed policy" in (out / "site" / "example" / "index.html").read_text("utf-8")
    assert_same_as_clean(root, "menu")

    # and an edit again after those: incremental once more, still the same
    write_content(root, {"example/sections/one.yaml": SECTION.replace("honest.", "fair.")})
    again = build(root / "content", out)
    assert 0 < again.pages_rendered < first.pages_rendered / 2
    assert_same_as_clean(root, "edit-again")


def test_a_changed_page_is_rendered_even_when_its_time_says_otherwise(project: Path):
    """On a file system that keeps times coarsely, a page written just after the last build can
    look no newer than its HTML: the engine is told which files changed, and makes them again."""
    from policypress.site import engine
    from policypress.site.project import layout

    root, out = project, project / "build"
    build(root / "content", out)
    source, site = out / "site-src", out / "site"
    page = source / "docs" / "other" / "index.md"
    page.write_text(
        page.read_text("utf-8").replace("Staff must be honest.", "Staff must be upright."), "utf-8"
    )
    html = site / "other" / "index.html"
    older = html.stat().st_mtime_ns - 10**9
    os.utime(page, ns=(older, older))
    files = {
        p.relative_to(source).as_posix(): p.read_bytes() for p in source.rglob("*") if p.is_file()
    }
    built = engine.run(
        source, site, layout(dict(sorted(files.items()))), out / ".cache", None, {"other/index.md"}
    )
    assert not built.whole and built.rendered == 1
    assert "Staff must be upright." in html.read_text("utf-8")
