"""MkDocs in a worker process (site/worker.py): the same site, byte for byte, as MkDocs in the
build's own process; the same plain error; no process left behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policypress.build import build
from policypress.errors import RenderError
from policypress.site import engine
from policypress.site.worker import FEW, Worker, wanted
from tests.conftest import IDENTITY, REPO, Git, write_content


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """The site's project as a build wrote it (`build/site-src`), the repository's settings in."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "repo"
    write_content(root)
    Git(root).commit("Add the example policy", "First draft.")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "themes", root / "themes")
    monkeypatch.chdir(root)
    build(root / "content", root / "build")
    return root / "build" / "site-src"


def test_the_worker_builds_the_same_site_as_this_process(project: Path, tmp_path: Path):
    worker = Worker()
    done = worker.run(project, tmp_path / "w-site", "layout", tmp_path / "w-cache", None, set())
    here = engine.run(project, tmp_path / "h-site", "layout", tmp_path / "h-cache")
    assert done == (here.whole, here.rendered) == (True, here.rendered)
    assert here.rendered > 5
    theirs, ours = _files(tmp_path / "w-site"), _files(tmp_path / "h-site")
    assert "example/index.html" in ours and "search/search_index.json" in ours
    assert theirs == ours
    assert _files(project.parent / "site") == ours  # and as the build made it
    assert worker.process is None  # done: stopped


def test_an_engine_error_in_the_worker_is_the_same_plain_error(project: Path, tmp_path: Path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("name: material", "name: nothing"))
    with pytest.raises(RenderError) as here:
        engine.run(project, tmp_path / "h-site", "layout", tmp_path / "h-cache")
    with pytest.raises(RenderError) as there:
        Worker().run(project, tmp_path / "w-site", "layout", tmp_path / "w-cache", None, set())
    assert str(there.value) == str(here.value)
    assert "mkdocs could not read the site's settings" in str(there.value)


def test_a_worker_not_needed_is_stopped():
    worker = Worker()
    process = worker.process
    assert process is not None
    worker.close()
    assert process.returncode is not None and worker.process is None


def test_only_a_build_of_a_few_documents_starts_a_worker(tmp_path: Path):
    content = tmp_path / "content"
    for n in range(FEW):
        (content / f"doc-{n}").mkdir(parents=True)
        (content / f"doc-{n}" / "document.yaml").write_text("title: A policy\n")
    (content / "notes").mkdir()  # not a document
    assert wanted(content)
    (content / "one-more").mkdir()
    (content / "one-more" / "document.yaml").write_text("title: A policy\n")
    assert not wanted(content)
    assert wanted(tmp_path / "nothing")  # no content: the build says so, with or without one


def test_what_mkdocs_prints_does_not_spoil_the_answer(project: Path, tmp_path: Path):
    """A hook (or a plugin) that prints: its words go to the build's messages, not the answer."""
    (project / "noisy.py").write_text('def on_config(config):\n    print("{not json")\n')
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "hooks:\n  - noisy.py\n")
    done = Worker().run(project, tmp_path / "w-site", "layout", tmp_path / "w-cache", None, set())
    here = engine.run(project, tmp_path / "h-site", "layout", tmp_path / "h-cache")
    assert done == (True, here.rendered)
    assert _files(tmp_path / "w-site") == _files(tmp_path / "h-site")


def test_no_file_in_the_working_folder_is_imported_by_the_worker(project: Path, tmp_path: Path):
    """The build runs in the user's repository: a `pygments.py` there (which the worker imports
    by name) is never run in place of the real module."""
    marker = tmp_path / "ran"
    (Path.cwd() / "pygments.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    done = Worker().run(project, tmp_path / "w-site", "layout", tmp_path / "w-cache", None, set())
    assert done[0] is True
    assert not marker.exists()
