"""Which approved versions exist, and each as it stood: the content at its approval tag
`<doc-id>/vX.Y` and the version-control table as it was then.

Loading a document at its tag costs a `git archive`; its model is kept in the build cache
(cache.Cache), under a key that is a hash of the tag, its commit, the history up to it and the
code: a new commit after the tag changes none of these, so a rebuild reuses
every approved version; a new approval only adds one. Their PDF and Word files are made by the
pipeline (policypress.pipeline), like the working version's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from policypress import history
from policypress.cache import Cache, entry_key
from policypress.history import Approval, History
from policypress.model import Document, Library, VersionControl
from policypress.revisions import Versions

MODEL = "model.pickle"  # the one file of an approved version's cache entry


@dataclass(frozen=True)
class Archived:
    """One approved version of one document."""

    approval: Approval
    document: Document
    library: Library  # as it was at the tag (its standards)
    vc: VersionControl
    downloads: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes (PDF, Word)
    # its translation's files, `<doc>-vX.Y.cy.pdf` and `.cy.docx`: none when the version had no
    # translation in git when it was approved
    translated: dict[str, bytes] = field(default_factory=dict)
    replaced_by: Approval | None = None

    @property
    def slug(self) -> str:
        return f"v{self.approval.version}"


@dataclass
class Archive:
    versions: dict[str, list[Archived]] = field(default_factory=dict)  # doc id -> oldest first
    built: int = 0  # loaded from their tags by this build
    reused: int = 0  # taken from the cache
    keys: list[str] = field(default_factory=list)

    def of(self, doc_id: str) -> list[Archived]:
        return self.versions.get(doc_id, [])

    def current(self, doc_id: str) -> Archived | None:
        found = self.of(doc_id)
        return found[-1] if found else None


def history_at(found: History, doc_id: str, approval: Approval) -> History:
    """The history of one document as it stood when `approval` was given: only the approvals up
    to it and the commits it contains, nothing uncommitted."""
    approvals = found.approvals.get(doc_id, [])
    upto = approvals[: approvals.index(approval) + 1]
    included = {a.version for a in upto}
    changes = [
        c
        for c in found.changes.get(doc_id, [])
        if found.led_to.get(f"{doc_id}:{c.sha}") in included
    ]
    return History(
        True,
        notice=found.notice,
        changes={doc_id: changes},
        approvals={doc_id: upto},
        led_to=found.led_to,
        events=found.events,  # commits that only record a consultation are not changes
    )


def version_control_at(document: Document, found: History, approval: Approval) -> VersionControl:
    """The version-control table of an approved version, dated by its approval, never overdue
    (whether a review is due is a question for the current version)."""
    vc = history.version_control(document, history_at(found, document.id, approval))
    return dataclasses.replace(vc, edition_date=approval.date, review_overdue=False)


def _key(doc_id: str, found: History, approval: Approval) -> str:
    at = history_at(found, doc_id, approval)  # the code is in entry_key
    return entry_key("archive", approval, at.approvals, at.changes, found.notice)


def archive_keys(documents: tuple[Document, ...], found: History) -> list[str]:
    """The cache keys of every approved version, from history alone (nothing is loaded)."""
    if not found.available:
        return []
    return [_key(d.id, found, a) for d in documents for a in found.approvals.get(d.id, [])]


def approved(
    content: Path,
    documents: tuple[Document, ...],
    found: History,
    cache: Cache | None,
    versions: Versions | None = None,
    progress=None,
) -> Archive:
    """Every approved version of `documents` (without its downloads), from `cache` where it is
    there, else loaded from its tag (one `git archive` per tag, read once) and stored.
    `versions` reuses the tags `check` has read already."""
    progress = progress or (lambda stage, done, total: None)
    archive = Archive()
    if not found.available:
        return archive
    todo = [(d, a) for d in documents for a in found.approvals.get(d.id, [])]
    for done, (document, approval) in enumerate(todo, start=1):
        key = _key(document.id, found, approval)
        archive.keys.append(key)
        loaded = cache.get_object(key, MODEL, Archived) if cache else None
        if loaded is None:
            versions = versions or Versions(content)
            loaded = _make(document.id, found, approval, versions)
            if loaded is not None and cache:
                cache.put_object(key, MODEL, loaded)
            archive.built += 1
        else:
            archive.reused += 1
        if loaded is not None:
            archive.versions.setdefault(document.id, []).append(loaded)
        progress("archived versions", done, len(todo))
    for items in archive.versions.values():
        for n, item in enumerate(items[:-1]):
            items[n] = dataclasses.replace(item, replaced_by=items[n + 1].approval)
    return archive


def _make(doc_id: str, found: History, approval: Approval, versions: Versions) -> Archived | None:
    """The document as it was at its tag, with its version control as it stood then."""
    library = versions.library_at(approval.commit)  # the commit its tag was read on
    document = library.document(doc_id) if library else None
    if document is None:
        return None  # the tag is on a commit without this document: nothing to show
    # The tag is the record of approval, whatever the status line in the source said then: of
    # its translation too, approved with it.
    document = _approved(document)
    if document.translation is not None:
        translation = document.translation
        document = dataclasses.replace(
            document,
            translation=dataclasses.replace(translation, document=_approved(translation.document)),
        )
    vc = version_control_at(document, found, approval)
    library = dataclasses.replace(library, documents=(document,))  # keep what the pages use
    return Archived(approval, document, library, vc)


def _approved(document: Document) -> Document:
    return dataclasses.replace(document, meta=dataclasses.replace(document.meta, status="approved"))


def pair_slug(old: str, new: str) -> str:
    return f"{old}-to-{new}"
