"""The site stage of a build: the site plan -> the MkDocs project in `build/site-src/` -> the
site in `build/site/`. `make_site` is the one function the build calls for the site."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policypress.site.project import project_files, write_project
from policypress.site.settings import read_settings
from policypress.site.worker import Worker
from policypress.siteplan import SitePlan


@dataclass(frozen=True)
class SiteResult:
    left_out: list[str] = field(default_factory=list)  # documents not on the site
    pages_rendered: int = 0  # pages the engine rendered (all of them in a whole build)
    whole: bool = True  # a whole build, else only the changed pages


def make_site(
    plan: SitePlan,
    source: Path,
    site: Path,
    cache: Path,
    site_url: str = "",
    serve_url: str | None = None,
    worker: Worker | None = None,
) -> SiteResult:
    """Write the project of `plan` into `source` (only the files that changed) and build it into
    `site`: only the changed pages when nothing else changed since `site` was built. `cache`
    keeps what the next incremental build needs. The council's settings and themes are read
    from the working folder. `worker`: MkDocs started in a process of its own, else it runs in
    this one."""
    settings = read_settings()
    address = site_url or str(settings.data.get("site_url") or "")
    project = write_project(source, project_files(plan, settings, address, site_url))
    changed = set(project.written)
    done = worker.run(source, site, project.layout, cache, serve_url, changed) if worker else None
    if done is None:
        # imported here: with a worker, this process never imports MkDocs
        from policypress.site import engine

        built = engine.run(source, site, project.layout, cache, serve_url, changed)
        done = built.whole, built.rendered
    return SiteResult(list(plan.left_out), done[1], done[0])
