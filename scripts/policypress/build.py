"""`policypress build`: one straight line of named stages, and the one writer of `build/`.

    options -> plan (staleness.py: up to date? what stands?) -> check (checking.py)
    -> render (pipeline.py) -> write into a staging folder -> the site (site/make.py)
    -> swap it in for build/

Outputs are written into a temporary folder beside `build/` and swapped in only when every
renderer has finished, so a failed build leaves the previous `build/` as it was.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from policypress import outputs, pipeline, staleness
from policypress.cache import Cache, site_key
from policypress.checking import Checked, check, failing
from policypress.errors import ContentError
from policypress.load.site import PLACEHOLDER_CODE
from policypress.outputs import swap
from policypress.pipeline import Progress, Task
from policypress.site.settings import settings_file
from policypress.site.worker import Worker
from policypress.siteplan import SitePlan
from policypress.staleness import SITE_FOLDERS, Options, Plan, Quick
from policypress.versions import Archive, archive_keys

__all__ = ["BuildResult", "Options", "build", "check", "run"]  # `check` for the tests


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
    left_out: list[str] = field(
        default_factory=list
    )  # documents not on the site (drafts not published)
    pages_rendered: int = 0  # site pages rendered by this build
    pages_reused: int = 0  # site pages taken from the page cache
    warnings: int = 0  # warnings 'policypress check' lists (accepted ones not counted)
    accepted: int = 0  # warnings a policy owner accepted in decisions.yaml


@dataclass(frozen=True)
class Work:
    """Everything the write stage needs, decided before it starts."""

    options: Options
    checked: Checked
    tasks: list[Task]  # the working text's outputs, each with its cache key
    plan: Plan
    archived: int  # approved versions
    models: frozenset[str]  # the cache entries `check` used (the documents' models)

    @property
    def counts(self) -> dict[str, int]:
        return self.plan.manifest["problems"]


@dataclass
class Site:
    """What the site stage did."""

    state: str = ""  # "built", "reused" or "" (not asked for)
    archive: Archive | None = None
    left_out: list[str] = field(default_factory=list)
    pages: int = 0
    rendered: int = 0  # approved versions' files rendered for it


def build(
    content: Path,
    out: Path,
    only: set[str] | None = None,
    strict: bool = False,
    allow_shallow: bool = False,
    redline: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
    drafts: bool = True,
    site_url: str = "",
    publishing: bool = False,
) -> BuildResult:
    """Build every output for every document into `out`, atomically, reusing cached outputs."""
    chosen = frozenset(only) if only is not None else None
    options = Options(
        content, out, chosen, strict, allow_shallow, redline, drafts, site_url, jobs, publishing
    )
    return run(options, progress)


def run(
    options: Options,
    progress: Progress | None = None,
    quick: Quick | None = None,
    worker: Worker | None = None,
) -> BuildResult:
    """The build as one line: plan, check, plan again, render and write, swap. `quick` is the
    plan made before checking, when the caller has made it already; `worker`, MkDocs started
    in a process of its own (site/worker.py), else MkDocs runs in this one. The worker is
    stopped before this returns."""
    try:
        return _run(options, progress, quick, worker)
    finally:
        if worker is not None:
            worker.close()


def _run(
    options: Options, progress: Progress | None, quick: Quick | None, worker: Worker | None
) -> BuildResult:
    progress = progress or (lambda stage, done, total: None)
    outputs.guard(options.out, options.content, "--out")
    quick = quick or staleness.before_checking(options)
    if quick.up_to_date:
        return unchanged(quick.last, options)
    made = outputs.missing(options.out)
    store = _claim(options.out) if options.content.is_dir() else None
    try:
        checked = _check(options, store)
    except BaseException:
        outputs.unclaim(options.out, made)  # a refused build into a new folder: nothing left
        raise
    work = _plan(options, checked, quick, store)
    if work.plan.up_to_date:
        _remember(work)
        return unchanged(staleness.Last(work.plan.manifest), options)
    try:
        return _make(work, progress, worker)
    except OSError as exc:
        problem = outputs.fault(exc, options.out)
        if problem is None:
            raise
        raise problem from exc


def unchanged(last: staleness.Last, options: Options) -> BuildResult:
    """The result of a build that found everything as the last one made it."""
    counts, made = last.counts, last.get("outputs")
    return BuildResult(
        last.number("documents"),
        [],
        len(made) if isinstance(made, dict) else 0,
        up_to_date=True,
        site="reused" if options.want_site else "",
        archived_reused=last.number("archived"),
        warnings=counts.get("warnings", 0),
        accepted=counts.get("accepted", 0),
    )


def _claim(out: Path) -> Cache:
    """Only now, in a build/ that is ours, is its cache read or written."""
    try:
        outputs.claim(out)
        return Cache(out / ".cache")
    except OSError as exc:
        raise outputs.fault(exc, out) or exc from exc


def _check(options: Options, store: Cache | None) -> Checked:
    """Load and check everything; errors (and with --strict, warnings) stop the build. A build
    prints warnings only as a count, so a cached document with a warning stays cached."""
    checked = check(
        options.content,
        allow_shallow=options.allow_shallow,
        cache=store,
        exact_warnings=options.strict,
    )
    # publishing refuses what tenants cannot use: contact details that are still placeholders
    refuse = (PLACEHOLDER_CODE,) if options.publishing else ()
    stopping = failing(checked.problems, options.strict, refuse)
    if stopping:
        raise ContentError(stopping)
    return checked


def _plan(options: Options, checked: Checked, quick: Quick, store: Cache | None) -> Work:
    """Every output's key and the site's key, and what of the last build stands."""
    only = options.only
    kinds = [k for k in pipeline.KINDS if only is None or k in only]
    tasks = pipeline.tasks(checked, kinds + (["redline"] if options.redline else []))
    archived = archive_keys(checked.result.library.documents, checked.history)
    site = ""
    if options.want_site:
        downloads = [t.key for t in pipeline.tasks(checked, pipeline.DOWNLOADS)]
        chosen = [f"drafts={options.drafts}", f"url={options.site_url}"]
        site = site_key(sorted(downloads) + archived + chosen, settings_file())
    keys = {f"{t.document.id}/{t.kind}": t.key for t in tasks}
    plan = staleness.after_checking(quick, options, keys, site)
    plan.manifest.update(
        problems={"warnings": len(checked.warnings), "accepted": len(checked.accepted)},
        documents=len(checked.result.library.documents),
        archived=len(archived),
    )
    models = frozenset(store.used) if store else frozenset()
    return Work(options, checked, tasks, plan, len(archived), models)


def _remember(work: Work) -> None:
    """Same outputs: remember these inputs and the problem counts for the next quick check."""
    last, manifest = work.plan.last.manifest, work.plan.manifest
    if all(last.get(k) == v for k, v in manifest.items()):
        return
    try:
        Cache(work.options.out / ".cache").write_manifest({**last, **manifest})
    except OSError:
        pass  # the next build only checks again


def _make(work: Work, progress: Progress, worker: Worker | None) -> BuildResult:
    """Render and write into a staging folder beside build/, then swap it in; on any failure,
    put back what was moved and leave build/ as it was."""
    out = work.options.out
    outputs.clean_stale(out)
    staging = outputs.staging(out)
    moved: list[tuple[Path, Path]] = []  # (from, to) renames to undo if the build fails
    try:
        cache = _take_cache(out, staging, moved, work.models)
        _keep_the_rest(work, staging)
        made, rendered = pipeline.render(work.tasks, cache, work.options.jobs, progress)
        written = _write(work, made, staging)
        site = _site(work, cache, made, staging, moved, progress, worker)
        written += list((staging / "site").rglob("*.html")) if site.state == "built" else []
        _finish(work, cache, staging, site)
        swap(staging, out)
    except BaseException:
        for source, target in reversed(moved):
            if target.exists() and not source.exists():
                os.replace(target, source)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    reused = work.archived if work.options.want_site else 0
    return BuildResult(
        len(work.checked.result.library.documents),
        [out / p.relative_to(staging) for p in written],
        len(work.tasks) - rendered,
        site=site.state,
        made=rendered + site.rendered,
        archived_built=site.archive.built if site.archive else 0,
        archived_reused=site.archive.reused if site.archive else reused,
        left_out=site.left_out,
        pages_rendered=site.pages,
        warnings=work.counts["warnings"],
        accepted=work.counts["accepted"],
    )


def _take_cache(
    out: Path, staging: Path, moved: list[tuple[Path, Path]], models: frozenset[str]
) -> Cache:
    """The cache moves into the staging folder with the build (and back if it fails)."""
    if (out / ".cache").is_dir():
        os.replace(out / ".cache", staging / ".cache")
        moved.append((out / ".cache", staging / ".cache"))
    cache = Cache(staging / ".cache")
    cache.used |= models
    return cache


def _keep_the_rest(work: Work, staging: Path) -> None:
    """A build of some output kinds (--only) keeps the outputs it does not make."""
    out = work.options.out
    if work.options.only is None or not out.is_dir():
        return
    for item in out.iterdir():
        if item.name in (".cache", outputs.STAGING, outputs.BUILD_MARKER):
            continue
        if item.name in SITE_FOLDERS and work.options.want_site:
            continue
        if item.is_dir():
            shutil.copytree(item, staging / item.name, symlinks=True)
        else:
            shutil.copy2(item, staging / item.name)


def _write(work: Work, made: dict[str, dict[str, bytes]], staging: Path) -> list[Path]:
    """The one place outputs are written: each document's files into its folder."""
    written: list[Path] = []
    for task in work.tasks:
        folder = staging / task.document.id
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in made[task.key].items():
            (folder / name).write_bytes(data)
            written.append(folder / name)
    return written


def _site(
    work: Work,
    cache: Cache,
    made: dict[str, dict[str, bytes]],
    staging: Path,
    moved: list[tuple[Path, Path]],
    progress: Progress,
    worker: Worker | None,
) -> Site:
    """The site: the last build's moves over, kept as it is when the plan says it stands,
    else made again from the site plan."""
    options = work.options
    if not options.want_site:
        return Site()
    if work.plan.reuse_site:
        for name in SITE_FOLDERS:  # the last build's site, kept as it is: moved over
            if (options.out / name).is_dir():
                os.replace(options.out / name, staging / name)
                moved.append((options.out / name, staging / name))
        return Site("reused")
    _copy_last_site(work, staging)
    plan, archive, rendered = pipeline.site_plan(
        options.content, work.checked, cache, options.drafts, options.jobs, progress, made
    )
    progress("site", 0, 1)
    left_out, pages = _make_site(plan, staging, options.site_url, worker)
    progress("site", 1, 1)
    return Site("built", archive, left_out, pages, rendered)


def _copy_last_site(work: Work, staging: Path) -> None:
    """The last build's site, copied (not moved) for the engine to build on in place, so a
    build that fails leaves build/ as it was. A file that is not as the last build left it
    (deleted, emptied in place) is left out of the copy, so the engine makes it again."""
    out = work.options.out
    for name in SITE_FOLDERS:
        if (out / name).is_dir() and not (out / name).is_symlink():
            # the project's files may be linked, as the site stage replaces a changed file
            # rather than writing into it; MkDocs writes into the site's files, so those are copied
            linked = _link_or_copy if name == "site-src" else shutil.copy2
            shutil.copytree(out / name, staging / name, symlinks=True, copy_function=linked)
    for name in work.plan.last.damaged(out, SITE_FOLDERS):
        if (staging / name).is_dir() and not (staging / name).is_symlink():
            shutil.rmtree(staging / name)
        else:
            (staging / name).unlink(missing_ok=True)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def _make_site(
    plan: SitePlan, staging: Path, site_url: str, worker: Worker | None
) -> tuple[list[str], int]:
    """The one call into the site's engine: the MkDocs project of `plan` into staging/site-src,
    the site into staging/site (only the changed pages when nothing else changed). Returns the
    documents left out of the site and how many pages were rendered."""
    # imported only to build the site: MkDocs takes longer to import than the rest of a build
    from policypress.site.make import make_site

    built = make_site(
        plan, staging / "site-src", staging / "site", staging / ".cache", site_url, worker=worker
    )
    return built.left_out, built.pages_rendered


def _finish(work: Work, cache: Cache, staging: Path, site: Site) -> None:
    """Prune the cache to what this build used and write its manifest."""
    manifest = work.plan.manifest
    if site.state != "built":  # keep what the site was made from for its next rebuild
        kept = work.plan.last.get("kept")
        cache.used |= set(kept if isinstance(kept, list) else [])
    manifest["kept"] = sorted(cache.used)
    cache.prune()  # every kind: models, outputs, approved versions
    manifest["files"] = _files(staging)
    cache.write_manifest(manifest)


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
