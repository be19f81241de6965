"""Run MkDocs on the generated project, whole or incrementally, and make whole what an
incremental build cannot get right by itself.

When the project's layout (its configuration and menu, its theme, the set of its files) is the
one the site was last built from, MkDocs's own dirty build (`build(config, dirty=True)`, as
`mkdocs build --dirty`) renders only the pages whose source is newer than their HTML. Every page
depends only on its own source and the layout, so that is the site a whole build makes, except
the search index, which holds only the rendered pages: policypress keeps each page's entries
from build to build (`search.json` in the cache folder) and writes the whole index again, as
Material writes it. The sitemap is made from every page by MkDocs at each build.

Nothing here adds to the project: what this module gives MkDocs at run time (the pages' order,
which pages were rendered, compiled templates kept in the cache) changes no byte of the site.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, cast

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.theme import Theme

from policypress import templatecache
from policypress.errors import RenderError

SEARCH = "search.json"  # in the cache folder: each page's search entries and the layout
INDEX = Path("search") / "search_index.json"


@dataclass(frozen=True)
class Built:
    whole: bool  # a whole build (else only the changed pages)
    rendered: int  # pages MkDocs rendered


class _Watch(BasePlugin):
    """Given to MkDocs at run time, never in the project: notes the pages' order and which were
    rendered, and keeps the theme's compiled templates between builds."""

    def __init__(self, templates: Path | None, changed: set[str]):
        super().__init__()
        self.templates = templates
        self.changed = changed
        self.order: list[str] = []
        self.rendered: set[str] = set()

    def on_files(self, files, config):
        # a page's address as its search entries give it: the home page's is "", not "./"
        self.order = [file.url.removeprefix("./") for file in files.documentation_pages()]
        for file in files:
            # A changed file's output is removed, so a dirty build makes it again even where
            # the file system keeps times too coarsely to tell it is newer.
            if file.src_uri in self.changed:
                Path(file.abs_dest_path).unlink(missing_ok=True)
        return files

    @event_priority(100)  # first: before the theme's search plugin makes its environment
    def on_config(self, config):
        # Every environment of the theme keeps what it compiles, also those made before on_env
        # (Material's search plugin makes one on each build, to read its words).
        config.theme.__class__ = _KeptTheme
        cast(_KeptTheme, config.theme).templates = self.templates
        return config

    def on_page_context(self, context, page, config, nav):
        self.rendered.add(page.url.removeprefix("./"))
        return context


class _KeptTheme(Theme):
    """MkDocs's theme as the project names it, whose Jinja environments keep what they compile:
    compiling the theme is about a third of a small site's build. The shared cache outlives
    build/ (templatecache); outside a virtual environment, `templates` in the build's cache."""

    templates: Path | None = None

    def get_env(self):
        env = super().get_env()
        env.loader = _ThemeFiles(self.dirs)
        env.bytecode_cache = templatecache.shared()
        if env.bytecode_cache is None and self.templates is not None:
            env.bytecode_cache = templatecache.Compiled(self.templates)
        return env


class _ThemeFiles(jinja2.FileSystemLoader):
    """The theme's templates, as MkDocs loads them. Its list leaves out every file in a hidden
    folder or hidden itself, such as Material's 14,000 icons (.icons/): MkDocs lists a theme's
    files only to copy its static ones (Files.add_files_from_theme), and leaves those out."""

    def list_templates(self) -> list[str]:
        found = set()
        for top in self.searchpath:
            for folder, folders, names in os.walk(top, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                for name in names:
                    if not name.startswith("."):
                        path = os.path.relpath(os.path.join(folder, name), top)
                        found.add(path.replace(os.sep, "/"))
        return sorted(found)


def _stamp(layout: str) -> str:
    """The layout, and the versions of the engine (a new MkDocs or theme renders every page)."""
    return "|".join([layout, metadata.version("mkdocs"), metadata.version("mkdocs-material")])


def _read_state(cache: Path) -> dict[str, Any]:
    try:
        state = json.loads((cache / SEARCH).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def load(project: Path, site: Path, **options: Any) -> MkDocsConfig:
    """MkDocs's configuration of the generated project, building into `site`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep Material's end-of-life notice out
    try:
        return load_config(str(project / "mkdocs.yml"), site_dir=str(site.resolve()), **options)
    except MkDocsException as exc:
        raise RenderError(f"mkdocs could not read the site's settings: {exc}") from exc


def _by_page(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#")[0], []).append(entry)
    return pages


def _whole_index(site: Path, watch: _Watch, kept: dict[str, Any]) -> dict[str, Any]:
    """Write the search index of every page after a dirty build: the rendered pages' entries
    from this build, the others' kept from the last one. Returns each page's entries."""
    path = site / INDEX
    index = json.loads(path.read_text("utf-8"))
    fresh = _by_page(index["docs"])
    pages = {
        url: fresh.get(url, []) if url in watch.rendered else kept.get(url, [])
        for url in watch.order
    }
    index["docs"] = [entry for url in watch.order for entry in pages[url]]
    # as Material's search plugin writes it (generate_search_index)
    path.write_bytes(json.dumps(index, separators=(",", ":"), default=str).encode("utf-8"))
    return pages


def run(
    project: Path,
    site: Path,
    layout: str,
    cache: Path,
    serve_url: str | None = None,
    changed: set[str] | None = None,
) -> Built:
    """Build `project` into `site`: only the changed pages when the layout is the one `site`
    was built from (as `cache` remembers it), else the whole site. `changed`: the files of
    docs/ written since the last build (by their path there)."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    state = _read_state(cache)
    stamp = _stamp(layout)
    pages = state.get("pages") if isinstance(state.get("pages"), dict) else None
    dirty = state.get("stamp") == stamp and pages is not None and (site / INDEX).is_file()
    watch = _Watch(cache / "templates", changed or set())
    config = load(project, site)
    config.plugins["policypress-watch"] = watch
    (cache / SEARCH).unlink(missing_ok=True)  # a build that fails leaves a whole one next
    try:
        build(config, serve_url=serve_url, dirty=dirty)
    except MkDocsException as exc:
        raise RenderError(f"mkdocs could not build the site: {exc}") from exc
    if not (site / INDEX).is_file():  # no search (turned off in mkdocs.yml): nothing to keep
        return Built(True, len(watch.rendered))
    if dirty and pages is not None:
        kept = _whole_index(site, watch, pages)
    else:
        kept = _by_page(json.loads((site / INDEX).read_text("utf-8"))["docs"])
    cache.mkdir(parents=True, exist_ok=True)
    (cache / SEARCH).write_text(json.dumps({"stamp": stamp, "pages": kept}), "utf-8")
    return Built(not dirty, len(watch.rendered))
