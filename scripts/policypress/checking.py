"""Checking: load and validate the content, read its history, and judge each document's changes.

The first stage of the pipeline (load -> model -> history, changes, consultation); it knows
nothing of the outputs made from what it returns.
"""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path

from policypress import history
from policypress.cache import Cache, Digests, entry_key, file_hash
from policypress.consultation import Report, Versions, for_document
from policypress.errors import Location, PolicyPressError, Problem
from policypress.load.loader import LoadResult, doc_id_for, load_library
from policypress.model import Document, VersionControl
from policypress.settings import RESERVED_IDS
from policypress.staleness import git_state
from policypress.validate import validate

VALIDATED = "problems.pickle"  # a document's problems, in its cache entry
REPORT = "report.pickle"  # a document's change report (without the document), in its entry
TABLE = "table.pickle"  # a document's version-control table, in its entry


@dataclass
class Checked:
    result: LoadResult
    problems: list[Problem]
    history: history.History
    reports: dict[str, Report] = field(default_factory=dict)  # doc id -> its change report
    versions: Versions | None = None  # documents at git revisions, each read once
    vcs: dict[str, VersionControl] = field(default_factory=dict)  # doc id -> its version control
    digest: Digests = field(default_factory=Digests, repr=False)  # each value hashed once
    keys: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)  # made once each

    def inputs_key(self, document: Document) -> str:
        """What every output of `document`'s working text is made from: its model, its
        version-control table, its change report's decisions and the standards."""
        key = ("inputs", document.id)
        if key in self.keys:
            return self.keys[key]
        report = self.reports.get(document.id)
        changes = (
            (
                report.changes,
                report.consultation_required,
                report.covering,
                report.open_consultation,
            )
            if report
            else None
        )
        parts = (document, self.vcs[document.id], changes, self.result.library.frameworks)
        self.keys[key] = entry_key("inputs", *(self.digest(part) for part in parts))
        return self.keys[key]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def accepted(self) -> list[Problem]:
        """Warnings a policy owner accepted in decisions.yaml: listed, never failing."""
        return [p for p in self.problems if p.severity == "accepted"]

    def concerning(self, doc_id: str) -> list[Problem]:
        """The problems that judge one document: its own files', and shared files' (such as
        standards.yaml), but not another document's."""
        return concerning(self.problems, self.result.library.root, doc_id)


def concerning(problems: list[Problem], root: str, doc_id: str) -> list[Problem]:
    """`problems` less those in another document's folder under the content folder `root`."""
    return [
        p
        for p in problems
        if (owner := _owner(p.location.file, root)) == "" or doc_id_for(Path(owner).name) == doc_id
    ]


def failing(problems: list[Problem], strict: bool, refuse: tuple[str, ...] = ()) -> list[Problem]:
    """The problems that stop a command: errors, and with `strict` warnings too, called errors
    (accepted warnings never count). Warnings whose code is in `refuse` stop it even without
    `strict` (publish refuses contact details that are still placeholders)."""
    return [
        p if p.severity == "error" else replace(p, severity="error")
        for p in problems
        if p.severity == "error" or p.severity == "warning" and (strict or p.code in refuse)
    ]


def _owner(file: str, root: str) -> str:
    """The document folder a problem's file belongs to ("" for shared files and the root)."""
    if not file.startswith(root.rstrip("/") + "/"):
        return ""
    rest = file[len(root.rstrip("/")) + 1 :]
    if "/" in rest:
        return f"{root.rstrip('/')}/{rest.split('/')[0]}"
    return file if Path(file).is_dir() else ""


def check(
    content: Path,
    root: Path | None = None,
    allow_shallow: bool = True,
    cache: Cache | None = None,
    exact_warnings: bool = True,
) -> Checked:
    """Load and validate everything under `content`, and read its history; every problem,
    sorted by place. A shallow clone is a warning here unless `allow_shallow` is False.
    `cache` is the build cache, holding the models of documents that loaded cleanly before
    (see load_library). Without `exact_warnings` (the preview, which shows no warnings) a warning
    in a cached document keeps the line of its clause, not of the very words, and the document
    stays cached."""
    if not content.is_dir():
        raise PolicyPressError(
            f"the content folder '{content}' does not exist "
            "(run policypress from the repository's top folder, or pass --content DIR)"
        )
    reading = history.read_soon(content, allow_shallow, cache)  # git runs while the YAML loads
    digest = Digests()
    result = load_library(content, root, cache)
    problems = result.problems + _validated(result, cache, digest)
    unread = {p.location.file for p in problems if exact_warnings or p.severity == "error"} - set(
        result.files
    )
    if cache and result.cached and unread:
        # a problem in a document taken from the cache: read its files to give the exact line
        # (only that document's: the others stay cached)
        owners = {_owner(file, result.library.root) for file in unread}
        if "" in owners:
            result = load_library(content, root)
        else:
            result = load_library(content, root, cache, frozenset(Path(o).name for o in owners))
        problems = result.problems + _validated(result, cache, digest)
    problems += unusable_ids(result.library.documents)
    found = reading()
    history.adopt_in_force(found, result.library.documents)
    state = _history_state(content, found) if cache is not None else ""
    # Each document's version-control table, made once here and passed along to every output.
    vcs = {d.id: _table(d, found, cache, digest, state) for d in result.library.documents}
    problems += history.problems(found, result.library.documents, result.library.root, vcs)
    reports: dict[str, Report] = {}
    versions = None
    blocked = {
        _owner(p.location.file, result.library.root) for p in problems if p.severity == "error"
    }
    if "" not in blocked:  # a document with errors of its own does not stop the others' reports
        versions = Versions(content) if found.available else None
        for document in result.library.documents:
            if document.folder in blocked:
                continue
            reports[document.id] = _report(document, found, versions, cache, digest, state)
            problems += reports[document.id].problems
            vcs[document.id] = history.with_significance(
                vcs[document.id], bool(reports[document.id].significant)
            )
    problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column, p.code))
    return Checked(result, problems, found, reports, versions, vcs, digest)


def _history_state(content: Path, found: history.History) -> str:
    """Everything a change report reads besides its document and policypress's code: the
    repository as git reports it (every ref, HEAD, the shallow list, .mailmap: one `git
    rev-parse`), the commits to ignore, and today's date (consultations open and close)."""
    ignore = content / history.IGNORE_REVS
    return entry_key(
        "history state",
        str(content.resolve()),
        git_state(content),
        file_hash(ignore),
        history.today().isoformat(),
        found.available,
    )


def _table(
    document: Document, found: history.History, cache: Cache | None, digest: Digests, state: str
) -> VersionControl:
    """`document`'s version-control table, from `cache` when neither the document, the
    repository, an uncommitted edit of it nor the day changed since it was made."""
    if cache is None or not state:
        return history.version_control(document, found)
    key = entry_key("version control", digest(document), state, document.id in found.dirty)
    kept = cache.get_object(key, TABLE, VersionControl)
    if kept is None:
        kept = history.version_control(document, found)
        cache.put_object(key, TABLE, kept)
    return kept


def _report(
    document: Document,
    found: history.History,
    versions: Versions | None,
    cache: Cache | None,
    digest: Digests,
    state: str,
) -> Report:
    """`document`'s change report (consultation.for_document), from `cache` when neither the
    document, the repository, an uncommitted edit of it nor the day changed since it was made.
    It is kept without its document, which is put back."""
    if cache is None or not state:
        return for_document(document, found, versions)
    key = entry_key("report", digest(document), state, document.id in found.dirty)
    kept = cache.get_object(key, REPORT, dict)
    if kept is not None:
        try:
            made = Report(document=document, **kept)
        except TypeError:  # not a report's fields: made again
            pass
        else:
            digest.known(made, key)  # the report is what its key is made from makes
            return made
    made = for_document(document, found, versions)
    digest.known(made, key)
    fields = {f.name: getattr(made, f.name) for f in dataclasses.fields(made)}
    try:
        cache.put_object(key, REPORT, {k: v for k, v in fields.items() if k != "document"})
    except (pickle.PicklingError, TypeError, AttributeError):
        pass  # a report that cannot be kept is made again next time
    return made


def _validated(result: LoadResult, cache: Cache | None, digest: Digests) -> list[Problem]:
    """Every document's problems (validate.py), in the documents' order, kept in the cache under
    the key of the document's model (its files, the standards, the code), so an unchanged
    document is not checked again. Problems found with the files read give the very words'
    line, and are kept so; a document taken from the model cache before they were kept has
    its problems at the line of their clause."""
    read = {_owner(file, result.library.root) for file in result.files}
    problems: list[Problem] = []
    for document in result.library.documents:
        alone = replace(result, library=replace(result.library, documents=(document,)))
        model = result.keys.get(document.folder)
        if model:  # the model is what the files under this key make: its digest is the key
            digest.known(document, model)
        if cache is None or not model:
            problems += validate(alone)
            continue
        exact = entry_key("validated", model, "lines of the words")
        found = cache.get_object(exact, VALIDATED, list)
        if found is None:
            key = exact if document.folder in read else entry_key("validated", model)
            found = cache.get_object(key, VALIDATED, list)
            if found is None:
                found = validate(alone)
                cache.put_object(key, VALIDATED, found)
        problems += found
    return problems


def unusable_ids(documents) -> list[Problem]:
    """A document's id names its folder in build/ and on the site: it must not be empty (a
    folder name with no letters a-z or digits) nor a name build/ uses for itself."""
    problems = []
    for document in documents:
        if not document.id:
            problems.append(
                Problem(
                    Location(document.folder),
                    "error",
                    "unusable-id",
                    f"the folder name '{Path(document.folder).name}' gives no usable id: a "
                    "document's id is made from the letters a-z and digits of its folder's name",
                    "rename the folder using letters a-z, digits and hyphens, e.g. code-of-conduct",
                )
            )
        elif document.id in RESERVED_IDS:
            problems.append(
                Problem(
                    Location(document.folder),
                    "error",
                    "unusable-id",
                    f"the id '{document.id}' is kept for a folder of the website's own (ids "
                    f"not to use: {', '.join(RESERVED_IDS)})",
                    f"rename the folder, e.g. {document.id}-policy",
                )
            )
    return problems
