"""The pipeline, in order: load -> validate -> renderers -> build/.

Outputs are written into a temporary folder beside `build/` and swapped in only when every
renderer has finished, so a failed build leaves the previous `build/` as it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from policypress.errors import ContentError, Location, PolicyPressError, Problem
from policypress.load.loader import LoadResult, load_library
from policypress import history, outputs
from policypress.outputs import swap  # noqa: F401  (publish swaps its folder the same way)
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
    from policypress.load.loader import doc_id_for

    return [p for p in problems if (owner := _owner(p.location.file, root)) == ""
            or doc_id_for(Path(owner).name) == doc_id]


def failing(problems: list[Problem], strict: bool) -> list[Problem]:
    """The problems that stop a command: errors, and with `strict` warnings too, called errors
    (accepted warnings never count)."""
    return [p if p.severity == "error" else replace(p, severity="error") for p in problems
            if p.severity == "error" or strict and p.severity == "warning"]


def _owner(file: str, root: str) -> str:
    """The document folder a problem's file belongs to ("" for shared files and the root)."""
    if not file.startswith(root.rstrip("/") + "/"):
        return ""
    rest = file[len(root.rstrip("/")) + 1:]
    if "/" in rest:
        return f"{root.rstrip('/')}/{rest.split('/')[0]}"
    return file if Path(file).is_dir() else ""


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
    problems += unusable_ids(result.library.documents)
    found = history.read_history(content, allow_shallow)
    history.adopt_in_force(found, result.library.documents)
    problems += history.problems(found, result.library.documents, result.library.root)
    reports, versions = {}, None
    root = result.library.root
    blocked = {_owner(p.location.file, root) for p in problems if p.severity == "error"}
    if "" not in blocked:  # a document with errors of its own does not stop the others' reports
        from policypress.consultation import Versions, for_document

        versions = Versions(content) if found.available else None
        for document in result.library.documents:
            if document.folder in blocked:
                continue
            reports[document.id] = for_document(document, found, versions)
            problems += reports[document.id].problems
    problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column, p.code))
    return Checked(result, problems, found, reports, versions)


RESERVED_IDS = {"site"}  # build/site/ is the website


def unusable_ids(documents) -> list[Problem]:
    """A document's id names its folder in build/ and on the site: it must not be empty (a
    folder name with no letters a-z or digits) nor a name build/ uses for itself."""
    problems = []
    for document in documents:
        if not document.id:
            problems.append(Problem(
                Location(document.folder), "error", "unusable-id",
                f"the folder name '{Path(document.folder).name}' gives no usable id: a document's "
                "id is made from the letters a-z and digits of its folder's name",
                "rename the folder using letters a-z, digits and hyphens, e.g. code-of-conduct"))
        elif document.id in RESERVED_IDS:
            problems.append(Problem(
                Location(document.folder), "error", "unusable-id",
                f"the id '{document.id}' is kept for the website's own folder in build/",
                f"rename the folder, e.g. {document.id}-policy"))
    return problems


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
    warnings: int = 0  # warnings 'policypress check' lists (accepted ones not counted)
    accepted: int = 0  # warnings a policy owner accepted in decisions.yaml


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
    from policypress.cache import Cache, intact, output_key, site_key

    progress = progress or (lambda stage, done, total: None)
    outputs.guard(out, content, "--out")
    if content.is_dir():
        try:
            outputs.claim(out)  # the model cache below is written into it
        except OSError as exc:
            raise outputs.fault(exc, out) or exc from exc
    checked = check(content, allow_shallow=allow_shallow, cache=out / ".cache" / "models")
    stopping = failing(checked.problems, strict)
    if stopping:
        raise ContentError(stopping)
    library = checked.result.library
    kinds = [k for k in renderers() if only is None or k in only] + (["redline"] if redline else [])
    want_site = only is None or "site" in only

    tasks, keys = [], {}
    for document in library.documents:
        report = checked.reports.get(document.id)
        vc = history.version_control(document, checked.history, bool(report.significant) if report else None)
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
    counts = {"warnings": len(checked.warnings), "accepted": len(checked.accepted)}
    manifest = {"outputs": {f"{d}/{k}": v for (d, k), v in sorted(keys.items())}, "site": site,
                "problems": counts}  # for the summary of a later no-op build
    old_cache = out / ".cache"
    previous = Cache(old_cache).read_manifest() if (old_cache / "manifest.json").is_file() else {}
    same = ("inputs", "problems", "files")
    unchanged = ({k: v for k, v in previous.items() if k not in same}
                 == {k: v for k, v in manifest.items() if k not in same})
    if unchanged and intact(out, previous.get("files")) and (not want_site or (out / "site" / "index.html").is_file()):
        if (fingerprint and previous.get("inputs") != fingerprint) or previous.get("problems") != counts:
            try:  # same outputs: remember these inputs and the problem counts
                Cache(old_cache).write_manifest({**previous, **manifest, **({"inputs": fingerprint} if fingerprint else {})})
            except OSError:
                pass  # the next build only checks again
        return BuildResult(len(library.documents), [], len(keys), up_to_date=True,
                           site="reused" if want_site else "", archived_reused=len(archived), **counts)
    if fingerprint:
        manifest["inputs"] = fingerprint
    try:
        result = _write(content, out, only, checked, tasks, keys, manifest, previous, archived,
                        want_site, progress, jobs, drafts, site_url)
    except OSError as exc:
        problem = outputs.fault(exc, out)
        if problem is None:
            raise
        raise problem from exc
    return replace(result, **counts)


def _files(folder: Path) -> dict[str, int]:
    """Every output file under `folder` (the cache and the staging note aside), with its size."""
    found = {}
    for top in folder.iterdir():
        if top.name in (".cache", outputs.STAGING):
            continue
        for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(folder).as_posix()] = path.stat().st_size
    return dict(sorted(found.items()))


def _write(content, out, only, checked, tasks, keys, manifest, previous, archived, want_site,
           progress, jobs, drafts, site_url) -> BuildResult:
    """Write the outputs into a staging folder beside `out` and swap it in."""
    from policypress.cache import Cache, intact

    library = checked.result.library
    old_cache = out / ".cache"
    outputs.clean_stale(out)
    staging = outputs.staging(out)
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
                if item.name not in (".cache", outputs.STAGING, outputs.BUILD_MARKER) \
                        and (item.name != "site" or not want_site):
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
            site_files = {k: v for k, v in (previous.get("files") or {}).items() if k.startswith("site/")}
            if previous.get("site") == manifest["site"] and old_site.is_dir() and intact(out, site_files):
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
        manifest["files"] = _files(staging)
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
