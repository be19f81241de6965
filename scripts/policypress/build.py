"""The pipeline, in order: load -> validate -> renderers -> build/.

Outputs are written into a temporary folder beside `build/` and swapped in only when every
renderer has finished, so a failed build leaves the previous `build/` as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policypress.errors import ContentError, PolicyPressError, Problem
from policypress.load.loader import LoadResult, load_library
from policypress import history
from policypress.validate import validate

# A renderer writes one output kind for one document into the document's output folder.
Renderer = Callable[..., list[Path]]  # (document, library, vc, folder, report) -> files


def renderers() -> dict[str, Renderer]:
    """The output kinds, in the order they are built. Imported lazily: each pulls in its tools."""
    from policypress.render import changes_log, docx, pdf

    return {"docx": docx.render, "pdf": pdf.render, "changes": changes_log.render}


@dataclass
class Checked:
    result: LoadResult
    problems: list[Problem]
    history: history.History
    reports: dict = field(default_factory=dict)  # doc id -> consultation.Report
    versions: object = None  # consultation.Versions: documents at git revisions, each read once

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check(content: Path, root: Path | None = None, allow_shallow: bool = True,
          cache: Path | None = None) -> Checked:
    """Load and validate everything under `content`, and read its history; every problem,
    sorted by place. A shallow clone is a warning here unless `allow_shallow` is False.
    `cache` is a folder of models of documents that loaded cleanly before (see load_library)."""
    if not content.is_dir():
        raise PolicyPressError(
            f"the content folder '{content}' does not exist "
            "(run policypress from the repository's top folder, or pass --content DIR)")
    result = load_library(content, root, cache)
    problems = result.problems + (validate(result) if result.library.documents else [])
    if cache and result.cached and any(p.location.file not in result.files for p in problems):
        # a problem in a document taken from the cache: read its files to give the exact line
        result = load_library(content, root)
        problems = result.problems + (validate(result) if result.library.documents else [])
    found = history.read_history(content, allow_shallow)
    history.adopt_in_force(found, result.library.documents)
    problems += history.problems(found, result.library.documents, result.library.root)
    reports, versions = {}, None
    if not any(p.severity == "error" for p in problems):
        from policypress.consultation import Versions, for_document

        versions = Versions(content) if found.available else None
        for document in result.library.documents:
            reports[document.id] = for_document(document, found, versions)
            problems += reports[document.id].problems
    problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column, p.code))
    return Checked(result, problems, found, reports, versions)


@dataclass
class BuildResult:
    documents: int
    written: list[Path]  # every file of this build's outputs, made or taken from the cache
    reused: int  # outputs taken from the cache
    up_to_date: bool = False
    site: str = ""  # "built", "reused" or ""
    made: int = 0  # outputs rendered by this build
    archived_built: int = 0  # approved versions built from their tags
    archived_reused: int = 0  # approved versions taken from the cache
    left_out: list[str] = field(default_factory=list)  # documents not on the site (drafts not published)
    pages_rendered: int = 0  # site pages rendered by this build
    pages_reused: int = 0  # site pages taken from the page cache


Progress = Callable[[str, int, int], None]  # (stage, done, total)
PARALLEL_FROM = 8  # fewer renders than this are quicker in one process than in a pool


def _render_task(task: tuple) -> tuple[str, str, list[tuple[str, bytes]]]:
    """Run one renderer in a worker process; return the files' names and bytes."""
    kind, document, library, vc, report = task
    import tempfile

    render = renderers().get(kind)
    if render is None:
        from policypress.render.docx import render_redline as render
    with tempfile.TemporaryDirectory() as tmp:
        paths = render(document, library, vc, Path(tmp), report)
        return document.id, kind, [(p.name, p.read_bytes()) for p in paths]


def build(content: Path, out: Path, only: set[str] | None = None, strict: bool = False,
          allow_shallow: bool = False, redline: bool = False,
          progress: Progress | None = None, jobs: int | None = None,
          fingerprint: str = "", drafts: bool = True, site_url: str = "") -> BuildResult:
    """Build every output for every document into `out`, atomically, reusing cached outputs."""
    from policypress.cache import Cache, output_key, site_key

    progress = progress or (lambda stage, done, total: None)
    checked = check(content, allow_shallow=allow_shallow, cache=out / ".cache" / "models")
    failing = checked.problems if strict else checked.errors
    if any(p.severity == "error" for p in checked.problems) or (strict and failing):
        raise ContentError(failing)
    library = checked.result.library
    kinds = [k for k in renderers() if only is None or k in only] + (["redline"] if redline else [])
    want_site = only is None or "site" in only

    tasks, keys = [], {}
    for document in library.documents:
        vc = history.version_control(document, checked.history)
        report = checked.reports.get(document.id)
        changes = (report.changes, report.consultation_required, report.covering,
                   report.open_consultation) if report else None
        inputs = output_key("inputs", document, vc, changes, library.frameworks)  # once per document
        for kind in kinds:
            keys[(document.id, kind)] = output_key(kind, inputs)
            tasks.append((kind, document, library, vc, report))
    from policypress.render.site import config_file

    from policypress.versions import archive_keys

    archived = archive_keys(library.documents, checked.history)
    site = site_key(sorted(keys.values()) + archived + [f"drafts={drafts}", f"url={site_url}"],
                    config_file()) if want_site else ""
    manifest = {"outputs": {f"{d}/{k}": v for (d, k), v in sorted(keys.items())}, "site": site}
    old_cache = out / ".cache"
    previous = Cache(old_cache).read_manifest() if (old_cache / "manifest.json").is_file() else {}
    if fingerprint:
        manifest["inputs"] = fingerprint
    if {k: v for k, v in previous.items() if k != "inputs"} == {k: v for k, v in manifest.items() if k != "inputs"} \
            and (not want_site or (out / "site" / "index.html").is_file()):
        if fingerprint and previous.get("inputs") != fingerprint:
            Cache(old_cache).write_manifest(manifest)  # same outputs; remember these inputs
        return BuildResult(len(library.documents), [], len(keys), up_to_date=True,
                           site="reused" if want_site else "", archived_reused=len(archived))

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent)).resolve()
    staging.chmod(0o755)  # mkdtemp makes it private; build/ is published
    moved: list[tuple[Path, Path]] = []  # (from, to) renames to undo if the build fails

    def take(source: Path, target: Path) -> None:
        os.replace(source, target)
        moved.append((source, target))

    try:
        if old_cache.is_dir():
            take(old_cache, staging / ".cache")
        cache = Cache(staging / ".cache")
        if only is not None and out.is_dir():  # keep the outputs this build does not remake
            for item in out.iterdir():
                if item.name != ".cache" and (item.name != "site" or not want_site):
                    shutil.copytree(item, staging / item.name, symlinks=True) if item.is_dir() \
                        else shutil.copy2(item, staging / item.name)
        written: list[Path] = []
        reused = 0
        todo = []
        for task in tasks:
            kind, document = task[0], task[1]
            folder = staging / document.id
            folder.mkdir(parents=True, exist_ok=True)
            hit = cache.fetch(keys[(document.id, kind)], folder)
            if hit is None:
                todo.append(task)
            else:
                written += hit
                reused += 1
        progress("documents", 0, len(todo))
        for done, (doc_id, kind, files) in enumerate(_run(todo, jobs), start=1):
            paths = []
            for name, data in files:
                path = staging / doc_id / name
                path.write_bytes(data)
                paths.append(path)
            cache.store(keys[(doc_id, kind)], paths)
            written += paths
            progress("documents", done, len(todo))
        site_state, archive, left_out, pages = "", None, [], (0, 0)
        if want_site:
            old_site = out / "site"
            if previous.get("site") == site and old_site.is_dir():
                take(old_site, staging / "site")
                site_state = "reused"
            else:
                from policypress.render.site import build_site
                from policypress.versions import build_archive

                archive = build_archive(content, library.documents, checked.history,
                                        staging / ".cache", progress, checked.versions)
                progress("site", 0, 1)
                site_result = build_site(content, staging / "site", staging, checked, archive,
                                         drafts=drafts, site_url=site_url)
                left_out, pages = site_result.left_out, (site_result.pages_rendered, site_result.pages_reused)
                progress("site", 1, 1)
                site_state = "built"
            written += list((staging / "site").rglob("*.html")) if site_state == "built" else []
        cache.prune(models=checked.result.model_keys)
        cache.write_manifest(manifest)
        swap(staging, out)
    except BaseException:
        for source, target in reversed(moved):
            if target.exists() and not source.exists():
                os.replace(target, source)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(len(library.documents), [out / p.relative_to(staging) for p in written],
                       reused, site=site_state, made=len(todo),
                       archived_built=archive.built if archive else 0,
                       archived_reused=archive.reused if archive else len(archived) if want_site else 0,
                       left_out=left_out, pages_rendered=pages[0], pages_reused=pages[1])


def _run(tasks: list[tuple], jobs: int | None):
    """Render tasks, in worker processes when there are enough of them to be worth it.

    Workers come from a fork server (a clean process that preloads the renderers), never from
    forking this process, which may be running threads (mkdocs serve, a test runner)."""
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1 or len(tasks) < PARALLEL_FROM:
        yield from map(_render_task, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["policypress.render.docx", "policypress.render.pdf"])
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(_render_task, tasks, chunksize=max(1, len(tasks) // (workers * 4)))


def swap(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with renames only, keeping the old tree until the new one is in."""
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)
