"""Each document's change report and version-control table are kept in the build cache
(checking._report, checking._table): made again when the document, the repository (a commit,
an approval tag), an uncommitted edit or the day changes, and what is read from the cache is
what a check with no cache finds."""

from __future__ import annotations

from pathlib import Path

from policypress import checking
from policypress.cache import Cache
from tests.conftest import IDENTITY, SECTION, Git, write_content

APPROVAL = "Approval of example version 1.0\n\nApproved-by: Cabinet\nApproval-date: 2026-01-06\n"


def _fields(report) -> tuple:
    return (report.changes, report.since, report.open_consultation, report.problems)


def test_reports_are_kept_and_made_again_when_what_they_read_changes(tmp_path: Path, monkeypatch):
    for key, value in {**IDENTITY, "SOURCE_DATE_EPOCH": "1795000000"}.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "council"
    content = write_content(root)
    git = Git(root)
    git.commit("Add the example policy", "First draft.")
    store = Cache(tmp_path / "cache")
    made: list[str] = []
    real = checking.for_document

    def counting(document, found, versions):
        made.append(document.id)
        return real(document, found, versions)

    monkeypatch.setattr(checking, "for_document", counting)

    def check():
        return checking.check(content, root, cache=store).reports["example"]

    def fresh():
        return checking.check(content, root).reports["example"]

    first = check()
    assert _fields(check()) == _fields(first) and len(made) == 1
    assert check().document.meta.title == "Example policy"

    # approved: the next report compares with version 1.0
    git("tag", "-a", "example/v1.0", "-m", APPROVAL)
    approved = check()
    assert len(made) == 2 and approved.since.startswith("version 1.0, approved by Cabinet")
    # the version-control table, kept the same way, is the one a check with no cache makes
    kept = checking.check(content, root, cache=store).vcs
    assert kept == checking.check(content, root).vcs and kept["example"].rows

    # an edit not yet committed: a new report, with the change in it
    write_content(root, {"example/sections/one.yaml": SECTION.replace("honest.", "kind.")})
    edited = check()
    assert len(made) == 4 and edited.changes and _fields(edited) == _fields(fresh())
    made.clear()

    # another day: made again
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795100000")
    check()
    assert made == ["example"]


def test_kept_problems_are_those_a_check_with_no_cache_finds(tmp_path: Path, monkeypatch):
    """A document's problems are kept under its model's key with the line of the very words,
    so a build that takes the document from the cache reports it as a fresh check does."""
    for key, value in {**IDENTITY, "SOURCE_DATE_EPOCH": "1795000000"}.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "council"
    content = write_content(
        root, {"example/sections/one.yaml": SECTION.replace("honest.", "honest [TBC].")}
    )
    Git(root).commit("Add the example policy", "First draft.")
    monkeypatch.chdir(root)
    store = Cache(tmp_path / "cache")
    fresh = checking.check(content, root).problems
    assert any(p.code == "placeholder" for p in fresh)
    first = checking.check(content, root, cache=store, exact_warnings=False)
    again = checking.check(content, root, cache=store, exact_warnings=False)
    assert first.result.cached == 0 and again.result.cached == 1  # its model from the cache
    assert again.problems == first.problems == fresh
