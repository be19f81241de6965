"""The `git log` walk is kept in the build cache (history/walked.py): read again only when what
it finds could differ (a new commit, a rewritten branch, a new .mailmap), never for an edit not
yet committed, and what is read from the cache is what a new walk finds."""

from __future__ import annotations

import threading
from pathlib import Path

from policypress import checking
from policypress.cache import Cache
from policypress.history import read
from tests.conftest import IDENTITY, SECTION, Git, write_content


def test_the_walk_is_kept_and_made_again_when_the_history_changes(tmp_path: Path, monkeypatch):
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "council"
    content = write_content(root)
    git = Git(root)
    git.commit("Add the example policy", "First draft.")
    store = Cache(tmp_path / "cache")
    walks: list[str] = []
    real = read._walk

    def counting(repo, prefix, ignored, history):
        walks.append(prefix)
        real(repo, prefix, ignored, history)

    monkeypatch.setattr(read, "_walk", counting)

    first = read.read_history(content, cache=store)
    again = read.read_history(content, cache=store)
    assert len(walks) == 1
    assert (again.changes, again.parents, again.events) == (
        first.changes,
        first.parents,
        first.events,
    )

    # an edit not yet committed: the same walk; git status sees the edit
    write_content(root, {"example/sections/one.yaml": SECTION.replace("honest.", "kind.")})
    edited = read.read_history(content, cache=store)
    assert len(walks) == 1 and edited.dirty == {"example"}

    # a commit: walked again, and the new commit is there
    git.commit("Ask staff to be kind", "Staff are asked to be kind.")
    committed = read.read_history(content, cache=store)
    assert len(walks) == 2
    assert [c.summary for c in committed.changes["example"]] == [
        "Staff are asked to be kind.",
        "First draft.",
    ]
    assert committed.changes == read.read_history(content).changes  # as a walk with no cache
    assert len(walks) == 3

    # a .mailmap names the author otherwise: walked again
    (root / ".mailmap").write_text("Jo Bloggs <sian@example.org>\n", "utf-8")
    mapped = read.read_history(content, cache=store)
    assert len(walks) == 4
    assert {c.author for c in mapped.changes["example"]} == {"Jo Bloggs"}

    # the branch rewritten to an older commit: walked again, the later commit gone
    git("reset", "-q", "--hard", "HEAD~1")
    rewound = read.read_history(content, cache=store)
    assert len(walks) == 5
    assert [c.summary for c in rewound.changes["example"]] == ["First draft."]


def test_git_is_read_while_the_yaml_loads_and_finds_the_same(tmp_path: Path, monkeypatch):
    """check() starts reading the history (git's processes) before it loads the documents, so
    git runs on another CPU meanwhile; the history it then uses is the one read alone."""
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    content = write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First draft.")
    git(
        "tag",
        "-a",
        "example/v1.0",
        "-m",
        "Approval of example version 1.0\n\nApproved-by: Cabinet\nApproval-date: 2026-01-15\n",
    )
    (content / "example" / "sections" / "one.yaml").write_text(SECTION.replace("honest", "fair"))
    alone = read.read_history(content)

    started = threading.Event()
    real_read, real_load = read.read_history, checking.load_library

    def reading(*args, **kwargs):
        started.set()
        return real_read(*args, **kwargs)

    waited: list[bool] = []

    def loading(*args, **kwargs):
        waited.append(started.wait(timeout=5))  # the history is being read already
        return real_load(*args, **kwargs)

    monkeypatch.setattr(read, "read_history", reading)
    monkeypatch.setattr(checking, "load_library", loading)
    found = checking.check(content, tmp_path).history
    assert waited and all(waited)
    assert (found.changes, found.parents, found.events, found.dirty, found.approvals) == (
        alone.changes,
        alone.parents,
        alone.events,
        alone.dirty,
        alone.approvals,
    )
    assert found.dirty == {"example"} and found.approvals


def test_without_git_the_history_is_unavailable_and_says_why(tmp_path: Path, monkeypatch):
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    content = write_content(tmp_path)
    Git(tmp_path).commit("Add the example policy", "First draft.")
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # git cannot be found
    found = read.read_history(content)
    assert not found.available
    assert found.notice == "History unavailable: git is not installed on this machine."
