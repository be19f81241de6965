"""Every approved version of every document, built once from its approval tag and then reused.

An approved version is the content at its tag `<doc-id>/vX.Y`, with the version-control table as
it stood at that approval. Its model, DOCX and PDF are kept in `build/.cache/archive/<key>/`,
where the key is a hash of the tag, its commit, the history up to it and the code, templates
and tools that make it: a new commit after the tag changes none of these, so a rebuild reuses
every archived version; a new approval only adds one.
"""

from __future__ import annotations

import dataclasses
import pickle
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from policypress import history
from policypress.history import Approval, History
from policypress.model import Document, Library, VersionControl

ARCHIVE = "archive"


@dataclass(frozen=True)
class Archived:
    """One approved version of one document."""

    approval: Approval
    document: Document
    library: Library  # as it was at the tag (its standards)
    vc: VersionControl
    downloads: dict[str, Path]  # file name -> the file in the cache
    replaced_by: Approval | None = None

    @property
    def slug(self) -> str:
        return f"v{self.approval.version}"


@dataclass
class Archive:
    versions: dict[str, list[Archived]] = field(default_factory=dict)  # doc id -> oldest first
    built: int = 0
    reused: int = 0
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
    changes = [c for c in found.changes.get(doc_id, [])
               if found.led_to.get(f"{doc_id}:{c.sha}") in included]
    return History(True, notice=found.notice, changes={doc_id: changes}, approvals={doc_id: upto},
                   led_to=found.led_to)


def version_control_at(document: Document, found: History, approval: Approval) -> VersionControl:
    """The version-control table of an approved version, dated by its approval, never overdue
    (whether a review is due is a question for the current version)."""
    vc = history.version_control(document, history_at(found, document.id, approval))
    return dataclasses.replace(vc, edition_date=approval.date, review_overdue=False)


def _key(doc_id: str, found: History, approval: Approval) -> str:
    from policypress.cache import output_key

    at = history_at(found, doc_id, approval)  # the code, templates and tools are in output_key
    return output_key("archive", output_key("docx"), output_key("pdf"), approval, at.approvals,
                      at.changes, found.notice)


def archive_keys(documents: tuple[Document, ...], found: History) -> list[str]:
    """The cache keys of every approved version, from history alone (nothing is loaded)."""
    if not found.available:
        return []
    return [_key(d.id, found, a) for d in documents for a in found.approvals.get(d.id, [])]


def build_archive(content: Path, documents: tuple[Document, ...], found: History,
                  cache: Path | None, progress=None, versions=None) -> Archive:
    """Every approved version of `documents`, from the cache where it is there, else built from
    its tag (one `git archive` per tag, read once) and stored. Without a cache (plain mkdocs
    serve) the versions are built into a temporary folder that lives as long as the process.
    `versions` (consultation.Versions) reuses the tags `check` has read already."""
    progress = progress or (lambda stage, done, total: None)
    archive = Archive()
    if not found.available:
        return archive
    if cache:
        folder = cache / ARCHIVE
    else:
        import atexit

        folder = Path(tempfile.mkdtemp(prefix="policypress-archive-"))
        atexit.register(shutil.rmtree, folder, True)
    folder.mkdir(parents=True, exist_ok=True)
    todo = [(d, a) for d in documents for a in found.approvals.get(d.id, [])]
    for done, (document, approval) in enumerate(todo, start=1):
        key = _key(document.id, found, approval)
        archive.keys.append(key)
        entry = folder / key
        loaded = _load(entry)
        if loaded is None:
            if versions is None:
                from policypress.consultation import Versions

                versions = Versions(content)
            loaded = _make(entry, document.id, found, approval, versions)
            archive.built += 1
        else:
            archive.reused += 1
        if loaded is not None:
            archive.versions.setdefault(document.id, []).append(loaded)
        progress("archived versions", done, len(todo))
    for items in archive.versions.values():
        for n, item in enumerate(items[:-1]):
            items[n] = dataclasses.replace(item, replaced_by=items[n + 1].approval)
    if cache:
        for old in folder.iterdir():
            if old.name not in archive.keys:
                shutil.rmtree(old, ignore_errors=True)
    return archive


def _load(entry: Path) -> Archived | None:
    try:
        approval, document, library, vc, names = pickle.loads((entry / "model.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    downloads = {name: entry / name for name in names}
    if not all(path.is_file() for path in downloads.values()):
        return None
    return Archived(approval, document, library, vc, downloads)


def _make(entry: Path, doc_id: str, found: History, approval: Approval, versions) -> Archived | None:
    """Load the document at its tag and write its DOCX and PDF into the cache entry."""
    from policypress.render import docx, pdf

    library = versions.library_at(approval.commit)  # the commit its tag was read on
    document = library.document(doc_id) if library else None
    if document is None:
        return None  # the tag is on a commit without this document: nothing to show
    # The tag is the record of approval, whatever the status line in the source said then.
    document = dataclasses.replace(document, meta=dataclasses.replace(document.meta, status="approved"))
    vc = version_control_at(document, found, approval)
    tmp = entry.with_name(f".{entry.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    names = []
    for render in (pdf.render, docx.render):
        for path in render(document, library, vc, tmp):
            target = path.with_name(f"{doc_id}-v{approval.version}{path.suffix}")
            path.rename(target)
            names.append(target.name)
    library = dataclasses.replace(library, documents=(document,))  # keep what the pages use
    (tmp / "model.pickle").write_bytes(
        pickle.dumps((approval, document, library, vc, names), protocol=pickle.HIGHEST_PROTOCOL))
    shutil.rmtree(entry, ignore_errors=True)
    tmp.rename(entry)
    return Archived(approval, document, library, vc, {name: entry / name for name in names})


def pair_slug(old: str, new: str) -> str:
    return f"{old}-to-{new}"


