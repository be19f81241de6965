"""A document as it was at a git revision, and what each commit since the last approval did to
each part (the `Change-summary:` lines the change log and the cabinet paper show)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from policypress import history
from policypress.changes import compare
from policypress.errors import PolicyPressError
from policypress.load.loader import load_library
from policypress.model import Document


class Versions:
    """Documents as they were at git revisions, each revision read once."""

    def __init__(self, content: Path):
        self.content = content
        self._cache: dict[str, object] = {}
        self._commits: dict[str, str | history.NotACommit] = {}

    def commit(self, revision: str) -> str:
        """The full hash `revision` names; raises history.NotACommit for anything else."""
        if revision not in self._commits:
            try:
                self._commits[revision] = history.resolve_commit(self.content, revision)
            except history.NotACommit as exc:
                self._commits[revision] = exc
        found = self._commits[revision]
        if isinstance(found, history.NotACommit):
            raise found
        return found

    def library_at(self, revision: str):
        """The library at `revision`, a commit or tag, resolved to its commit before git reads
        it; raises history.NotACommit when it names none."""
        commit = self.commit(revision)
        if commit not in self._cache:
            # the files are read into the model at once: their folder is removed straight away
            with tempfile.TemporaryDirectory(prefix="policypress-") as name:
                folder = Path(name)
                path = history.content_of_commit(self.content, commit, folder, revision)
                self._cache[commit] = load_library(path, folder).library if path.is_dir() else None
        return self._cache[commit]

    def document_at(self, revision: str, doc_id: str) -> Document | None:
        library = self.library_at(revision)
        return library.document(doc_id) if library else None


SUMMARY_COMMITS = 20  # the most commits read to find which change each Change-summary describes


def part_history(
    document: Document, found: history.History, versions: Versions
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, str]]]:
    """What the commits since the last approval did to each part: part id -> the
    `Change-summary:` lines of the commits that changed it, oldest first; and part id -> the
    author and date of the newest commit that changed it. Each commit's own change is found by
    comparing the document at the commit with its first parent; only the newest
    SUMMARY_COMMITS commits are read, so a long unapproved history stays quick."""
    commits = [
        c
        for c in found.changes.get(document.id, [])
        if f"{document.id}:{c.sha}" not in found.led_to
    ][:SUMMARY_COMMITS]
    out: dict[str, list[str]] = {}
    made: dict[str, tuple[str, str]] = {}
    for commit in reversed(commits):
        parents = found.parents.get(commit.sha, [])
        try:
            before = versions.document_at(parents[0], document.id) if parents else None
            after = versions.document_at(commit.sha, document.id)
        except PolicyPressError:  # a commit whose content cannot be read: its summary is left out
            continue
        if after is None:
            continue
        for change in compare(before, after):
            made[change.id] = (commit.author, commit.date)
            if commit.trailer:
                out.setdefault(change.id, []).append(commit.trailer)
    return {key: tuple(dict.fromkeys(lines)) for key, lines in out.items()}, made
