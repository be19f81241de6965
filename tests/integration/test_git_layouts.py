"""A build sees a new commit however the repository is laid out: a linked worktree, a submodule,
or a git folder named by GIT_DIR and GIT_WORK_TREE. And it reads the council's templates afresh on
every build, however long its process lives."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from policypress import themes
from policypress.build import build
from tests.conftest import IDENTITY, SECTION, Git, run_cli, write_content

ENV = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}
WITH_TABLE = {
    "example/document.yaml": (
        "title: Example policy\norganisation: Example Council\ndocument-type: Policy\n"
        "status: draft\npolicy-owner: Housing Services\napproving-body: Cabinet\n"
        "review-period: 3 years\napplies-to: All housing staff.\nsummary: An example.\n"
        "sections:\n  - sections/one.yaml\n  - sections/vc.yaml\n"
    ),
    "example/sections/vc.yaml": "id: version-control\ntitle: Version control\n"
    "kind: version-control\n",
}
SUMMARY = "Staff are asked to be kind."


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return _At(root, env or {})(*args)


class _At(Git):
    """A Git helper for a folder that already is a repository (or is one through `env`)."""

    def __init__(self, root: Path, env: dict[str, str]):
        self.root, self.env = root, env

    def __call__(self, *args: str, date: str = "2026-01-05T10:00:00+00:00", who=None) -> str:
        env = {**os.environ, **IDENTITY, **self.env}
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        done = subprocess.run(
            ["git", "-c", "protocol.file.allow=always", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout


def cabinet_text(build_dir: Path) -> str:
    """Every paragraph and table cell of the cabinet DOCX."""
    document = docx.Document(str(build_dir / "example" / "example.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def edit_build_commit_build(work: Git, folder: Path, env: dict[str, str]) -> None:
    """Build, edit, build (a draft row for the uncommitted edit), commit, build: the last build
    must see the commit, and the cabinet DOCX must show it in its version history."""
    first = run_cli("build", cwd=folder, env={**ENV, **env})
    assert first.returncode == 0, first.stderr
    kind = SECTION.replace("honest.", "kind.")
    write_content(folder, {**WITH_TABLE, "example/sections/one.yaml": kind})
    edited = run_cli("build", cwd=folder, env={**ENV, **env})
    assert edited.returncode == 0 and "up to date" not in edited.stdout, edited.stderr
    assert SUMMARY not in cabinet_text(folder / "build")
    work.commit("Ask staff to be kind", SUMMARY, date="2026-02-01T10:00:00+00:00")
    committed = run_cli("build", cwd=folder, env={**ENV, **env})
    assert committed.returncode == 0, committed.stderr
    assert "up to date" not in committed.stdout
    assert SUMMARY in cabinet_text(folder / "build")
    again = run_cli("build", cwd=folder, env={**ENV, **env})
    assert "is up to date" in again.stdout  # and nothing more changed since


def main_repository(root: Path) -> Git:
    write_content(root, WITH_TABLE)
    repo = Git(root)
    repo.commit("Add the example policy", "First draft.")
    return repo


def test_a_commit_in_a_linked_worktree_is_seen(tmp_path: Path):
    main_repository(tmp_path / "main")
    git(tmp_path / "main", "worktree", "add", "-q", "-b", "work", str(tmp_path / "work"))
    worktree = tmp_path / "work"
    assert (worktree / ".git").is_file()  # its branch lives in the main repository's refs
    edit_build_commit_build(_At(worktree, {}), worktree, {})


def test_a_commit_in_a_submodule_is_seen(tmp_path: Path):
    main_repository(tmp_path / "policies")
    outer = tmp_path / "council"
    outer.mkdir()
    Git(outer)
    git(outer, "submodule", "add", "-q", str(tmp_path / "policies"), "policies")
    git(outer, "commit", "-q", "-m", "Add the policies")
    inner = outer / "policies"
    assert (inner / ".git").is_file()  # its git folder is under council/.git/modules
    edit_build_commit_build(_At(inner, {}), inner, {})


def test_a_commit_in_a_repository_named_by_git_dir_is_seen(tmp_path: Path):
    work = tmp_path / "work"
    main_repository(work)
    store = tmp_path / "store.git"
    shutil.move(str(work / ".git"), store)
    env = {"GIT_DIR": str(store), "GIT_WORK_TREE": str(work)}
    edit_build_commit_build(_At(work, env), work, env)
    history = run_cli("history", "example", cwd=work, env={**ENV, **env})
    assert history.returncode == 0 and SUMMARY in history.stdout, history.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Git:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)  # where the council's themes/ is looked for
    return main_repository(tmp_path)


def test_an_edited_template_is_read_again_by_the_next_build_in_the_same_process(repo: Git):
    """As under `policypress serve`: one process, several builds. The council's PDF template is
    edited between them (to a text of the same length): the PDF is made again."""
    template = repo.root / "themes" / "pdf" / "policy.typ"
    template.parent.mkdir(parents=True)
    default = (themes.DEFAULTS / "pdf" / "policy.typ").read_text("utf-8")
    assert 'rgb("#004b87")' in default
    template.write_text(default, "utf-8")
    content, out = repo.root / "content", repo.root / "build"
    build(content, out)
    before = (out / "example" / "example.pdf").read_bytes()
    template.write_text(default.replace('rgb("#004b87")', 'rgb("#003366")'), "utf-8")
    result = build(content, out)
    assert not result.up_to_date and result.made >= 1
    assert (out / "example" / "example.pdf").read_bytes() != before


def test_a_worktree_of_a_shallow_clone_is_seen_as_shallow(tmp_path: Path):
    """Git keeps the list of a shallow clone's cut-off commits in the main repository, not in a
    worktree's own folder: the worktree's history is as incomplete as the clone's."""
    main_repository(tmp_path / "main")
    main = _At(tmp_path / "main", {})
    for word in ("kind.", "fair."):  # two more commits: the clone holds the last one only
        changed = SECTION.replace("honest.", word)
        write_content(tmp_path / "main", {**WITH_TABLE, "example/sections/one.yaml": changed})
        main.commit(f"Ask staff to be {word}", SUMMARY)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{tmp_path / 'main'}", str(clone))
    git(clone, "worktree", "add", "-q", "-b", "work", str(tmp_path / "work"))
    stopped = run_cli("build", cwd=tmp_path / "work", env=ENV)
    assert stopped.returncode == 1
    assert "shallow clone" in stopped.stderr and "git fetch --unshallow" in stopped.stderr
