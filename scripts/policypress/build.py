"""`policypress build`: the pipeline's one writer of `build/`.

    check (checking.py) -> outputs and the site plan (pipeline.py) -> MkDocs (render/site.py)
    -> build/

Outputs are written into a temporary folder beside `build/` and swapped in only when every
renderer has finished, so a failed build leaves the previous `build/` as it was.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from policypress import outputs, pipeline
from policypress.cache import Cache, intact, site_key
from policypress.checking import (  # noqa: F401  (imported from here by the commands and tests)
    RESERVED_IDS,
    Checked,
    check,
    concerning,
    failing,
    unusable_ids,
)
from policypress.errors import ContentError
from policypress.load.site import PLACEHOLDER_CODE
from policypress.outputs import swap  # noqa: F401  (publish swaps its folder the same way)
from policypress.pipeline import Progress, renderers  # noqa: F401
from policypress.versions import archive_keys


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


def build(
    content: Path,
    out: Path,
    only: set[str] | None = None,
    strict: bool = False,
    allow_shallow: bool = False,
    redline: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
    fingerprint: str = "",
    drafts: bool = True,
    site_url: str = "",
    publishing: bool = False,
) -> BuildResult:
    """Build every output for every document into `out`, atomically, reusing cached outputs."""
    progress = progress or (lambda stage, done, total: None)
    outputs.guard(out, content, "--out")
    store = None
    if content.is_dir():
        try:
            outputs.claim(out)  # only now, in a build/ that is ours, is its cache read or written
            store = Cache(out / ".cache")
        except OSError as exc:
            raise outputs.fault(exc, out) or exc from exc
    # build prints warnings only as a count (unless --strict makes them errors): a warning or
    # advice in a cached document needs no exact line, so that document stays cached
    checked = check(content, allow_shallow=allow_shallow, cache=store, exact_warnings=strict)
    # publishing refuses what tenants cannot use: contact details that are still placeholders
    stopping = failing(checked.problems, strict, (PLACEHOLDER_CODE,) if publishing else ())
    if stopping:
        raise ContentError(stopping)
    library = checked.result.library
    kinds = [k for k in pipeline.KINDS if only is None or k in only] + (
        ["redline"] if redline else []
    )
    want_site = only is None or "site" in only
    tasks = pipeline.tasks(checked, kinds)
    keys = {(t.document.id, t.kind): t.key for t in tasks}
    archived = archive_keys(library.documents, checked.history)
    site = ""
    if want_site:
        # imported only to build the site: MkDocs takes longer to import than the rest of a build
        from policypress.render.site import config_file

        downloads = [t.key for t in pipeline.tasks(checked, pipeline.DOWNLOADS)]
        site = site_key(
            sorted(downloads) + archived + [f"drafts={drafts}", f"url={site_url}"], config_file()
        )
    counts = {"warnings": len(checked.warnings), "accepted": len(checked.accepted)}
    manifest = {
        "outputs": {f"{d}/{k}": v for (d, k), v in sorted(keys.items())},
        "site": site,
        "problems": counts,
    }  # for the summary of a later no-op build
    old_cache = out / ".cache"
    previous = Cache(old_cache).read_manifest() if (old_cache / "manifest.json").is_file() else {}
    same = ("inputs", "problems", "files", "kept")
    unchanged = {k: v for k, v in previous.items() if k not in same} == {
        k: v for k, v in manifest.items() if k not in same
    }
    if (
        unchanged
        and intact(out, previous.get("files"))
        and (not want_site or (out / "site" / "index.html").is_file())
    ):
        if (fingerprint and previous.get("inputs") != fingerprint) or previous.get(
            "problems"
        ) != counts:
            try:  # same outputs: remember these inputs and the problem counts
                Cache(old_cache).write_manifest(
                    {**previous, **manifest, **({"inputs": fingerprint} if fingerprint else {})}
                )
            except OSError:
                pass  # the next build only checks again
        return BuildResult(
            len(library.documents),
            [],
            len(keys),
            up_to_date=True,
            site="reused" if want_site else "",
            archived_reused=len(archived),
            warnings=counts["warnings"],
            accepted=counts["accepted"],
        )
    if fingerprint:
        manifest["inputs"] = fingerprint
    try:
        result = _write(
            content,
            out,
            only,
            checked,
            tasks,
            manifest,
            previous,
            len(archived),
            want_site,
            progress,
            jobs,
            drafts,
            site_url,
            store.used if store else set(),
        )
    except OSError as exc:
        problem = outputs.fault(exc, out)
        if problem is None:
            raise
        raise problem from exc
    return replace(result, warnings=counts["warnings"], accepted=counts["accepted"])


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


def _write(
    content,
    out,
    only,
    checked,
    tasks,
    manifest,
    previous,
    archived,
    want_site,
    progress,
    jobs,
    drafts,
    site_url,
    models: set[str],
) -> BuildResult:
    """Write the outputs into a staging folder beside `out` and swap it in. `models` are the
    cache entries `check` used (the documents' models)."""
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
        cache.used |= models
        if only is not None and out.is_dir():  # keep the outputs this build does not remake
            for item in out.iterdir():
                if item.name not in (".cache", outputs.STAGING, outputs.BUILD_MARKER) and (
                    item.name != "site" or not want_site
                ):
                    shutil.copytree(
                        item, staging / item.name, symlinks=True
                    ) if item.is_dir() else shutil.copy2(item, staging / item.name)
        made, rendered = pipeline.render(tasks, cache, jobs, progress)
        reused = len(tasks) - rendered
        written: list[Path] = []
        for task in tasks:  # the one place outputs are written
            folder = staging / task.document.id
            folder.mkdir(parents=True, exist_ok=True)
            for name, data in made[task.key].items():
                (folder / name).write_bytes(data)
                written.append(folder / name)
        site_state, archive, left_out, pages = "", None, [], 0
        if want_site:
            old_site = out / "site"
            site_files = {
                k: v for k, v in (previous.get("files") or {}).items() if k.startswith("site/")
            }
            if (
                previous.get("site") == manifest["site"]
                and old_site.is_dir()
                and intact(out, site_files)
            ):
                take(old_site, staging / "site")
                site_state = "reused"
            else:
                from policypress.render.site import build_site  # MkDocs: see build()

                plan, archive, more = pipeline.site_plan(
                    content, checked, cache, drafts, jobs, progress, made
                )
                rendered += more
                progress("site", 0, 1)
                site_result = build_site(
                    staging / "site", plan, site_url, staging / ".cache" / "templates"
                )
                left_out, pages = site_result.left_out, site_result.pages_rendered
                progress("site", 1, 1)
                site_state = "built"
            written += list((staging / "site").rglob("*.html")) if site_state == "built" else []
        if site_state != "built":  # keep what the site was made from for its next rebuild
            cache.used |= set(previous.get("kept") or [])
        manifest["kept"] = sorted(cache.used)
        cache.prune()  # every kind: models, outputs, approved versions
        manifest["files"] = _files(staging)
        cache.write_manifest(manifest)
        swap(staging, out)
    except BaseException:
        for source, target in reversed(moved):
            if target.exists() and not source.exists():
                os.replace(target, source)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(
        len(checked.result.library.documents),
        [out / p.relative_to(staging) for p in written],
        reused,
        site=site_state,
        made=rendered,
        archived_built=archive.built if archive else 0,
        archived_reused=archive.reused if archive else archived if want_site else 0,
        left_out=left_out,
        pages_rendered=pages,
    )
