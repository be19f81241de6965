"""The `git log` walk is kept in the build cache (history/walked.py): read again only when what
it finds could differ (a new commit, a rewritten branch, a new .mailmap), never for an edit not
yet committed, and what is read from the cache is what a new walk finds."""

from __future__ import annotations

from pathlib import Path

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
