"""`policypress serve`: the preview, rebuilt after each save through the one pipeline.

A save should show on the page at once, so a serve session keeps, between its rebuilds:
- a build cache (pipeline.scratch()): the model of every document that did not change, the PDF
  and Word files keyed by their inputs, the approved versions; a save re-loads one document;
- the pages as files in a folder of their own, rewritten only when their text (or title,
  language, canonical address) changed: MkDocs's own dirty build (`build(dirty=True)`, as
  `mkdocs serve --dirty`) then renders only pages newer than their HTML. Whenever the menu, the
  set of pages, mkdocs.yml or the theme change, the site folder is emptied and every page is
  rewritten, so the menu on every page stays right;
- a changed document's PDF and Word files are made after its pages: the pages are built first
  with the previous files (and their sizes), then the new files are rendered in the background
  and a rebuild is started, which puts them (and their sizes) in. Once settled the served site
  is the site `policypress build` makes.

The trade: in the preview, the site search (Material's, which merges the index itself in a dirty
build) may list a section of a changed page twice until the server is restarted.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory

from policypress import pipeline, themes
from policypress.cache import Cache
from policypress.checking import check
from policypress.errors import ContentError
from policypress.siteplan import SitePlan

POLL = 0.1  # seconds between two looks at the watched files (MkDocs's own serve: 0.5)
log = logging.getLogger("mkdocs.plugins.policypress")


class Session:
    """What one `serve` keeps between its rebuilds, in the build cache folder `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        own = Path(tempfile.mkdtemp(prefix="serve-", dir=folder))  # this session's alone
        self.pages = own / "pages"  # the plan's pages and files, as MkDocs's sources
        self.settled = own / "settled"  # watched: written when deferred downloads are ready
        self.settled.mkdir(parents=True, exist_ok=True)
        self.cache = Cache(
            folder
        )  # models, outputs and approved versions, keyed as build keys them
        self.written: dict[str, object] = {}  # uri -> what was last written there
        self.layout: object = None
        self.latest: dict[tuple[str, str], dict[str, bytes]] = {}  # (doc id, kind) -> last files
        self.deferred: list[pipeline.Task] = []
        self.pending: set[str] = set()
        self.lock = threading.Lock()
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="policypress-downloads")
        self.renders = 0  # PDF and Word files rendered by this session (for tests)

    def plan(self, content: Path, drafts: bool) -> SitePlan:
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

    def start(self, plan: SitePlan, config) -> bool:
        """Whether this rebuild must start afresh (the first, or the menu, the pages, the
        configuration or the theme changed): then every page is rewritten."""
        layout = (
            plan.nav,
            plan.site_name,
            plan.language,
            plan.many,
            tuple((p.uri, p.replaceable) for p in plan.pages),
            tuple(sorted(plan.files)),
            _stamp(Path(config.config_file_path or ".")),
            _theme_stamp(),
        )
        fresh = layout != self.layout
        if fresh:
            self.layout = layout
            self.written.clear()
        return fresh

    def file(self, config, uri: str, data: str | bytes, extra: object = None) -> File:
        """A page or file of the plan as a real source file, rewritten only when it changed, so
        that a dirty build passes over what did not."""
        state = (data, extra)
        if self.written.get(uri) != state:
            path = self.pages / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
            self.written[uri] = state
        return File(uri, str(self.pages), config.site_dir, config.use_directory_urls)


def _stamp(path: Path) -> tuple:
    try:
        info = path.stat()
    except OSError:
        return ()
    return (str(path), info.st_mtime_ns, info.st_size)


def _theme_stamp() -> tuple:
    """The site theme's files (the council's and the package's), by name, time and size."""
    return tuple(
        _stamp(p)
        for folder in themes.layers("site")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    )


def empty(folder: str) -> None:
    """Empty the site folder for a fresh rebuild (MkDocs's dirty build does not)."""
    clean_directory(folder)


class _Quiet(logging.Filter):
    """MkDocs warns at each dirty build that the menu may be wrong: the plugin keeps it right."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def serve(config_path: Path, dev_addr: str, watch: list[str]) -> None:
    """MkDocs's development server on `config_path`, as `mkdocs serve --dirty` runs it, with a
    shorter wait between two looks at the watched files."""
    logging.getLogger("mkdocs.commands.build").addFilter(_Quiet())
    site_dir = tempfile.mkdtemp(prefix="policypress-serve-site-")

    def get_config():
        config = load_config(str(config_path), site_dir=site_dir, dev_addr=dev_addr)
        config.watch.extend(watch)
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}{mount_path}"
    config.site_url = url

    def builder(config=None):
        if config is None:
            config = get_config()
            config.site_url = url
        build(config, serve_url=url, dirty=True)

    server = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=POLL,
    )

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
