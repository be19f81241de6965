"""`policypress serve`'s rebuild after a save: only the saved document is made again, the page
shows the new text at once, and once its PDF and Word files are made in the background the site
is the one `policypress build` makes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from policypress import pipeline
from policypress.site.serve import Session
from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content

URL = "http://127.0.0.1:8000/"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def two_documents(tmp_path: Path, monkeypatch) -> Path:
    write_content(
        tmp_path,
        {
            "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
            "other/sections/one.yaml": SECTION,
        },
    )
    Git(tmp_path).commit("Add two policies", "First drafts.")
    monkeypatch.chdir(tmp_path)
    for name, value in {
        **IDENTITY,
        "SOURCE_DATE_EPOCH": "1795000000",
        "NO_MKDOCS_2_WARNING": "1",
    }.items():
        monkeypatch.setenv(name, value)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    return tmp_path


def _serve_and_save(root: Path) -> dict:
    """A serve session's first build, a save, its rebuild, the settling rebuild (as the serve
    loop runs them)."""
    os.chdir(root)
    made: list[tuple[str, str]] = []
    every = pipeline.renderers()

    def counting(kind):
        def render(document, *args):
            made.append((document.id, kind))
            return every[kind](document, *args)

        return render

    pipeline.renderers = lambda: {k: counting(k) for k in every}  # type: ignore[assignment]
    session = Session(root / "scratch")
    site = session.site
    found: dict = {"site": site}
    content = root / "content"
    session.rebuild(content, URL)
    found["first"] = sorted(made)
    other_page = (site / "other" / "index.html").stat().st_mtime_ns
    made.clear()
    saved = root / "content" / "example" / "sections" / "one.yaml"
    saved.write_text(SECTION.replace("honest.", "honest and kind."), "utf-8")
    session.rebuild(content, URL)
    found["page"] = (site / "example" / "index.html").read_text("utf-8")
    session.worker.submit(lambda: None).result()  # the background renders are done
    found["save"] = sorted(made)
    found["other untouched"] = (site / "other" / "index.html").stat().st_mtime_ns == other_page
    found["asks to settle"] = (session.settled / "ready").is_file()
    session.rebuild(content, URL)
    found["settled"] = sorted(made)
    session.close()
    return found


def test_a_save_remakes_only_the_saved_document(two_documents: Path):
    root = two_documents
    original = pipeline.renderers
    try:
        found = _serve_and_save(root)
    finally:
        pipeline.renderers = original  # type: ignore[assignment]
    assert found["first"] == [
        ("example", "docx"),
        ("example", "pdf"),
        ("other", "docx"),
        ("other", "pdf"),
    ]
    assert "honest and kind." in found["page"]  # shown by the rebuild after the save
    assert found["save"] == [("example", "docx"), ("example", "pdf")]  # nothing of "other"
    assert found["other untouched"]  # its page not rendered again
    assert found["asks to settle"]  # the new PDF and Word files ask for one more rebuild
    assert found["settled"] == found["save"]  # which renders nothing
    site = found["site"]
    built = run_cli("build", "--out", "build", "--site-url", URL, cwd=root)
    assert built.returncode == 0, built.stderr
    served, fresh = _files(site), _files(root / "build" / "site")
    assert sorted(served) == sorted(fresh)
    # the search index too: policypress makes it whole after a dirty build
    assert [name for name in served if served[name] != fresh[name]] == []
    words = [name for name in served if name.startswith("example/") and name.endswith(".docx")]
    assert words and all(served[name] == fresh[name] for name in words)  # the settled Word file
