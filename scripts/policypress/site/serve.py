"""`policypress serve`: the preview, rebuilt after each save through the one pipeline and the
same site stage as `policypress build` (site/make.py), into a folder of its own.

A save should show on the page at once, so a serve session keeps, between its rebuilds:
- a build cache: the model of every document that did not change, the PDF and Word files keyed
  by their inputs, the approved versions; a save re-loads one document;
- the site's project and the site itself: the project rewrites only the pages whose text
  changed, and MkDocs renders only those (site/engine.py), the search index made whole;
- a changed document's PDF and Word files are made after its pages: the pages are built first
  with the previous files (and their sizes), then the new files are rendered in the background
  and a rebuild is started, which puts them (and their sizes) in. Once settled the served site
  is the site `policypress build --site-url <the preview's address>` makes.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer

from policypress import pipeline, themes
from policypress.cache import Cache
from policypress.checking import check
from policypress.errors import ContentError, PolicyPressError, RenderError
from policypress.site.make import make_site
from policypress.site.settings import read_settings, settings_file
from policypress.siteplan import SitePlan

POLL = 0.1  # seconds between two looks at the watched files (MkDocs's own serve: 0.5)
log = logging.getLogger("mkdocs.policypress")


class Session:
    """What one `serve` keeps between its rebuilds, in the folder `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.project = folder / "site-src"
        self.site = folder / "site"
        self.settled = folder / "settled"  # watched: written when deferred downloads are ready
        self.settled.mkdir(parents=True, exist_ok=True)
        self.cache = Cache(folder / "cache")  # models, outputs, approved versions
        self.latest: dict[tuple[str, str], dict[str, bytes]] = {}  # (doc id, kind) -> last files
        self.deferred: list[pipeline.Task] = []
        self.pending: set[str] = set()
        self.lock = threading.Lock()
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="policypress-downloads")
        self.renders = 0  # PDF and Word files rendered by this session (for tests)

    def plan(self, content: Path, drafts: bool = True) -> SitePlan:
        """The site plan, as pipeline.site_plan makes it, from the cache where it can: a
        changed document's new PDF and Word files are left to `after_build`, the previous ones
        standing in for them meanwhile."""
        checked = check(content, cache=self.cache, exact_warnings=False)
        if checked.errors:
            raise ContentError(checked.errors)
        made: dict[str, dict[str, bytes]] = {}
        self.deferred = []
        working = pipeline.tasks(checked, pipeline.DOWNLOADS)
        for task in working:
            slot = (task.document.id, task.kind)
            hit = self.cache.get(task.key)
            if hit is not None:
                made[task.key] = self.latest[slot] = hit
            elif slot in self.latest:  # the previous file, until the new one is made
                made[task.key] = self.latest[slot]
                self.deferred.append(task)
        plan, _, count = pipeline.site_plan(content, checked, self.cache, drafts, made=made)
        self.renders += count
        for task in working:
            if task.key not in made:  # rendered just now (a new document): remember it
                self.latest[(task.document.id, task.kind)] = self.cache.get(task.key) or {}
        return plan

    def rebuild(self, content: Path, url: str, drafts: bool = True) -> None:
        """One rebuild: the plan, the project, the site (only what changed)."""
        plan = self.plan(content, drafts)
        make_site(plan, self.project, self.site, self.folder / "engine", url, serve_url=url)
        self.after_build()

    def after_build(self) -> None:
        """Render the deferred PDF and Word files in the background, then ask for a rebuild."""
        with self.lock:
            todo = [t for t in self.deferred if t.key not in self.pending]
            self.pending |= {t.key for t in todo}
        if todo:
            self.worker.submit(self._render, todo)

    def _render(self, todo: list[pipeline.Task]) -> None:
        try:
            _, count = pipeline.render(todo, self.cache, jobs=1)
            self.renders += count
        except Exception as exc:  # shown in the serve log; the next save tries again
            log.error(f"policypress could not make the PDF or Word file: {exc}")
            return
        finally:
            with self.lock:
                self.pending -= {t.key for t in todo}
        (self.settled / "ready").write_text(str(time.time_ns()), "utf-8")

    def close(self) -> None:
        self.worker.shutdown(cancel_futures=True)


def _address(dev_addr: str) -> tuple[str, int]:
    host, _, port = dev_addr.rpartition(":")
    try:
        return host.strip("[]") or "127.0.0.1", int(port)
    except ValueError as exc:
        raise RenderError(
            f"'{dev_addr}' is not an address to serve on: give it as host:port, such as "
            "127.0.0.1:8000"
        ) from exc


def _report(exc: PolicyPressError) -> None:
    """A rebuild's error in the serve log, in plain words: the preview waits for the next save."""
    if isinstance(exc, ContentError):
        for problem in exc.problems:
            log.error(problem.format())
    log.error(f"{exc} (the preview shows the last good build until the next save)")


def serve(dev_addr: str, drafts: bool = True) -> None:
    """Build the site into a folder of its own and serve it with live reload, rebuilding after
    each save under content/, themes/ or mkdocs.yml."""
    host, port = _address(dev_addr)
    mount_path = urlsplit(str(read_settings().data.get("site_url") or "/")).path or "/"
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}{mount_path}"
    content = Path.cwd() / "content"
    folder = Path(tempfile.mkdtemp(prefix="policypress-serve-"))
    session = Session(folder)

    def builder() -> None:
        try:
            session.rebuild(content, url, drafts)
        except PolicyPressError as exc:
            _report(exc)

    try:
        session.rebuild(content, url, drafts)  # the first build's errors stop the command
        print(f"Serving the preview on {url} (press Ctrl+C to stop)", file=sys.stderr)
        server = LiveReloadServer(
            builder=builder,
            host=host,
            port=port,
            root=str(session.site),
            mount_path=mount_path,
            polling_interval=POLL,
        )
        server.error_handler = lambda code: _error_page(session.site, code)
        for watched in (content, themes.overrides(), settings_file(), session.settled):
            if watched.exists():
                server.watch(str(watched))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        session.close()
        shutil.rmtree(folder, ignore_errors=True)


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
