"""`policypress serve`'s rebuild after a save: only the saved document is made again, the page
shows the new text at once, and once its PDF and Word files are made in the background the site
is the one `policypress build` makes."""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from mkdocs.commands.build import build

from policypress import pipeline
from policypress.render import site_config
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
    """In a process of its own (MkDocs keeps plugins, their serve state included, for the rest of
    the process): a serve session's first build, a save, its rebuild, the settling rebuild."""
    os.chdir(root)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    made: list[tuple[str, str]] = []
    every = pipeline.renderers()

    def counting(kind):
        def render(document, *args):
            made.append((document.id, kind))
            return every[kind](document, *args)

        return render

    pipeline.renderers = lambda: {k: counting(k) for k in every}  # type: ignore[assignment]
    (root / "scratch").mkdir()
    pipeline.scratch = lambda: root / "scratch"  # type: ignore[assignment]
    site = root / "served"
    found: dict = {}

    def rebuild():  # as the serve loop does: the configuration read again, a dirty build
        config = site_config.load(site_config.config_file(), site_dir=str(site))
        config.site_url = URL
        build(config, serve_url=URL, dirty=True)

    config = site_config.load(site_config.config_file(), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    session = config.plugins["policypress"].session
    rebuild()
    found["first"] = sorted(made)
    other_page = (site / "other" / "index.html").stat().st_mtime_ns
    made.clear()
    saved = root / "content" / "example" / "sections" / "one.yaml"
    saved.write_text(SECTION.replace("honest.", "honest and kind."), "utf-8")
    rebuild()
    found["page"] = (site / "example" / "index.html").read_text("utf-8")
    session.worker.submit(lambda: None).result()  # the background renders are done
    found["save"] = sorted(made)
    found["other untouched"] = (site / "other" / "index.html").stat().st_mtime_ns == other_page
    found["asks to settle"] = (session.settled / "ready").is_file()
    rebuild()
    found["settled"] = sorted(made)
    config.plugins.on_shutdown()
    return found


def test_a_save_remakes_only_the_saved_document(two_documents: Path):
    root = two_documents
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        found = child.submit(_serve_and_save, root).result(timeout=600)
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
    site = root / "served"
    built = run_cli("build", "--out", "build", "--site-url", URL, cwd=root)
    assert built.returncode == 0, built.stderr
    served, fresh = _files(site), _files(root / "build" / "site")
    assert sorted(served) == sorted(fresh)
    # the search index is the one trade (see render/site_serve.py): Material's search merges a
    # dirty build's entries into the previous index by the first changed page only
    differ = [
        name
        for name in served
        if served[name] != fresh[name] and name != "search/search_index.json"
    ]
    assert differ == []
    words = [name for name in served if name.startswith("example/") and name.endswith(".docx")]
    assert words and all(served[name] == fresh[name] for name in words)  # the settled Word file
