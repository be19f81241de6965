"""The pipeline after checking: each document's outputs, its approved versions, the site plan.

    check (checking.py) -> render the outputs, through the cache (this module)
                        -> approved versions, rendered the same way (versions.py, this module)
                        -> the site plan (siteplan.py) -> the MkDocs project and MkDocs (site/)
                        -> one writer of build/ (build.py)

`policypress build` and `policypress serve` both come here: `site_plan` is the whole of it for a
site alone.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from policypress.cache import Cache, entry_key, made_with
from policypress.checking import Checked
from policypress.model import Document, Library, VersionControl
from policypress.siteplan import SitePlan, compose
from policypress.versions import Archive, Archived, approved

# A renderer makes one output kind of one document:
# (document, library, vc, report) -> name -> bytes.
Renderer = Callable[..., dict[str, bytes]]
# Built by default, in this order; "redline" on request. "translations" are the files of a
# document's translation (its Welsh PDF), for documents that have one.
KINDS = ("docx", "pdf", "changes", "translations")
DOWNLOADS = ("pdf", "docx")  # the kinds the site offers for download
Progress = Callable[[str, int, int], None]  # (stage, done, total)
PARALLEL_FROM = 8  # fewer renders than this are quicker in one process than in a pool


def renderers() -> dict[str, Renderer]:
    """Every output kind's renderer. Imported when first needed, not at start-up: python-docx
    and typst take longer to import than a no-op build takes in all."""
    from policypress.render import changes_log, docx, pdf, translated

    return {
        "docx": docx.render,
        "pdf": pdf.render,
        "changes": changes_log.render,
        "redline": docx.render_redline,
        "translations": translated.render,
    }


@dataclass(frozen=True)
class Task:
    """One output kind of one document (or of one approved version), and its cache key."""

    kind: str
    document: Document
    library: Library
    vc: VersionControl
    report: object
    key: str


def tasks(checked: Checked, kinds: list[str] | tuple[str, ...]) -> list[Task]:
    """The working text's outputs of `kinds` for every document."""
    library = checked.result.library
    found = []
    tools = {kind: made_with(kind) for kind in kinds}  # the templates read once, not per output
    for document in library.documents:
        vc = checked.vcs[document.id]
        report = checked.reports.get(document.id)
        inputs = checked.inputs_key(document)  # made once per document, not once per output
        found += [
            Task(kind, document, library, vc, report, entry_key(kind, inputs, tools=tools[kind]))
            for kind in kinds
            if kind != "translations" or document.translation is not None
        ]
    return found


def _version_task(item: Archived, kind: str) -> Task:
    inputs = entry_key("inputs", item.document, item.vc, None, item.library.frameworks)
    return Task(kind, item.document, item.library, item.vc, None, entry_key(kind, inputs))


def _version_kinds(item: Archived) -> tuple[str, ...]:
    """A version's PDF and Word files, and its translation's when it had one when approved."""
    return DOWNLOADS + (("translations",) if item.document.translation is not None else ())


def version_tasks(archive: Archive) -> list[Task]:
    """The PDF and Word files of every approved version, and its translation's: made as the
    working text's are."""
    return [
        _version_task(item, kind)
        for items in archive.versions.values()
        for item in items
        for kind in _version_kinds(item)
    ]


def _render(task: Task) -> tuple[str, dict[str, bytes]]:
    """Run one renderer (in a worker process, when there are many)."""
    return task.key, renderers()[task.kind](task.document, task.library, task.vc, task.report)


def _run(todo: list[Task], jobs: int | None) -> Iterator[tuple[str, dict[str, bytes]]]:
    """Render tasks, in worker processes when there are enough of them to be worth it.

    Workers come from a fork server (a clean process that preloads the renderers), never from
    forking this process, which may be running threads (mkdocs serve, a test runner)."""
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1 or len(todo) < PARALLEL_FROM:
        yield from map(_render, todo)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["policypress.render.docx", "policypress.render.pdf"])
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(_render, todo, chunksize=max(1, len(todo) // (workers * 4)))


def render(
    todo: list[Task], cache: Cache, jobs: int | None = None, progress: Progress | None = None
) -> tuple[dict[str, dict[str, bytes]], int]:
    """Every task's files (key -> name -> bytes), from the cache where they are there, else
    rendered and stored; and how many were rendered."""
    progress = progress or (lambda stage, done, total: None)
    made: dict[str, dict[str, bytes]] = {}
    missing: dict[str, Task] = {}
    for task in todo:
        if task.key not in made and task.key not in missing:
            hit = cache.get(task.key)
            if hit is None:
                missing[task.key] = task
            else:
                made[task.key] = hit
    progress("documents", 0, len(missing))
    for done, (key, files) in enumerate(_run(list(missing.values()), jobs), start=1):
        cache.put(key, files)
        made[key] = files
        progress("documents", done, len(missing))
    return made, len(missing)


def with_downloads(archive: Archive, made: dict[str, dict[str, bytes]]) -> Archive:
    """`archive` with each approved version's PDF and Word files, named `<doc>-vX.Y.pdf`, and
    its translation's, named `<doc>-vX.Y.cy.pdf` (from `<doc>.cy.pdf`)."""
    versions = {}
    for doc_id, items in archive.versions.items():
        versions[doc_id] = [
            replace(
                item,
                downloads={
                    f"{doc_id}-v{item.approval.version}.{kind}": data
                    for kind in DOWNLOADS
                    for data in made[_version_task(item, kind).key].values()
                },
                translated={
                    name.replace(f"{doc_id}.", f"{doc_id}-v{item.approval.version}.", 1): data
                    for name, data in made[_version_task(item, "translations").key].items()
                }
                if "translations" in _version_kinds(item)
                else {},
            )
            for item in items
        ]
    return replace(archive, versions=versions)


def downloads(checked: Checked, made: dict[str, dict[str, bytes]]) -> dict[str, dict[str, bytes]]:
    """The working text's PDF and Word files of every document: doc id -> name -> bytes."""
    found: dict[str, dict[str, bytes]] = {}
    for task in tasks(checked, DOWNLOADS):
        found.setdefault(task.document.id, {}).update(made[task.key])
    return found


def site_plan(
    content: Path,
    checked: Checked,
    cache: Cache,
    drafts: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
    made: dict[str, dict[str, bytes]] | None = None,
) -> tuple[SitePlan, Archive, int]:
    """The site of `checked`: its approved versions, every PDF and Word file it offers (both
    through `cache`), and its pages. `made` are outputs rendered
    already. Returns the plan, the approved versions, and how many files were rendered."""
    library = checked.result.library
    archive = approved(
        content, library.documents, checked.history, cache, checked.versions, progress
    )
    todo = tasks(checked, DOWNLOADS) + version_tasks(archive)
    made = dict(made or {})
    fresh, count = render([t for t in todo if t.key not in made], cache, jobs, progress)
    made.update(fresh)
    archive = with_downloads(archive, made)
    translated = tasks(checked, ("translations",))
    fresh, more = render([t for t in translated if t.key not in made], cache, jobs, progress)
    made.update(fresh)
    welsh = {t.document.id: made[t.key] for t in translated}
    plan = compose(checked, archive, downloads(checked, made), drafts, welsh, cache)
    return plan, archive, count + more
