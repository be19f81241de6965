"""`policypress serve`'s rebuild after a save: only the saved document is made again, the page
shows the new text at once, and once its PDF and Word files are made in the background the site
is the one `policypress build` makes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build

from policypress import pipeline
from policypress.render import site_config
from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content

URL = "http://127.0.0.1:8000/"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def two_documents(tmp_path: Path, monkeypatch) -> Path:
    write_content(tmp_path, {"other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
                             "other/sections/one.yaml": SECTION})
    Git(tmp_path).commit("Add two policies", "First drafts.")
    monkeypatch.chdir(tmp_path)
    for name, value in {**IDENTITY, "SOURCE_DATE_EPOCH": "1795000000", "NO_MKDOCS_2_WARNING": "1"}.items():
        monkeypatch.setenv(name, value)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    return tmp_path


def test_a_save_remakes_only_the_saved_document(two_documents: Path, monkeypatch):
    root = two_documents
    made: list[tuple[str, str]] = []
    every = pipeline.renderers()

    def counting(kind):
        def render(document, *args):
            made.append((document.id, kind))
            return every[kind](document, *args)
        return render

    monkeypatch.setattr(pipeline, "renderers", lambda: {k: counting(k) for k in every})
    (root / "scratch").mkdir()
    monkeypatch.setattr(pipeline, "scratch", lambda: root / "scratch")  # this test's cache alone
    site = root / "served"

    def rebuild():  # as the serve loop does: the configuration read again, a dirty build
        config = site_config.load(site_config.config_file(), site_dir=str(site))
        config.site_url = URL
        build(config, serve_url=URL, dirty=True)
        return config

    config = site_config.load(site_config.config_file(), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    plugin = config.plugins["policypress"]
    try:
        rebuild()
        assert sorted(made) == [("example", "docx"), ("example", "pdf"), ("other", "docx"), ("other", "pdf")]
        other_page = (site / "other" / "index.html").stat().st_mtime_ns
        made.clear()

        saved = root / "content" / "example" / "sections" / "one.yaml"
        saved.write_text(SECTION.replace("honest.", "honest and kind."), "utf-8")
        rebuild()
        assert "honest and kind." in (site / "example" / "index.html").read_text("utf-8")
        plugin.session.worker.submit(lambda: None).result()  # the background renders are done
        assert sorted(made) == [("example", "docx"), ("example", "pdf")]  # nothing of "other"
        assert (site / "other" / "index.html").stat().st_mtime_ns == other_page  # not rendered again
        assert (plugin.session.settled / "ready").is_file()  # asks for the settling rebuild
        rebuild()
    finally:
        config.plugins.on_shutdown()

    assert sorted(made) == [("example", "docx"), ("example", "pdf")]  # the settling rebuild renders nothing
    built = run_cli("build", "--out", "build", "--site-url", URL, cwd=root)
    assert built.returncode == 0, built.stderr
    served, fresh = _files(site), _files(root / "build" / "site")
    assert sorted(served) == sorted(fresh)
    # the search index is the one trade (see render/site_serve.py): Material's search merges a
    # dirty build's entries into the previous index by the first changed page only
    differ = [name for name in served if served[name] != fresh[name] and name != "search/search_index.json"]
    assert differ == []
    assert served["example/example.docx"] == fresh["example/example.docx"]
