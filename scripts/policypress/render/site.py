"""The tenant-facing website: a MkDocs plugin that hands the site plan to MkDocs.

The pages themselves are decided and written by the pipeline (policypress.siteplan): this
plugin only sets the menu, adds the plan's pages and files, and gives each page its language,
<title> and canonical address. `policypress build` hands it the plan it has made; plain
`mkdocs build` and `mkdocs serve` make the plan through the same pipeline
(pipeline.plan_for_mkdocs), so `mkdocs.yml` stays standard and the site engine replaceable.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import escape
from mkdocs.commands.build import build
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from policypress import pipeline
from policypress.errors import RenderError
from policypress.render import site_config, site_serve
from policypress.render.site_config import config_file, serve  # noqa: F401  (imported from here)
from policypress.siteplan import NavItem, SitePlan


class PolicyPressConfig(Config):
    content = config_options.Type(str, default="content")
    drafts = config_options.Type(bool, default=True)  # show drafts ahead of the version in force
    # Set by the built-in configuration (no mkdocs.yml): name the site after the documents.
    site_name_from_documents = config_options.Type(bool, default=False)


def _nav(items: tuple[NavItem, ...]) -> list:
    # MkDocs and Material write menu titles into pages as they are (as HTML): a document's title
    # (from the content) is escaped; the pages' titles are the plan's own words, kept as they are.
    return [
        {item.title: item.uri} if item.uri else {str(escape(item.title)): _nav(item.children)}
        for item in items
    ]


class PolicyPressPlugin(BasePlugin[PolicyPressConfig]):
    given: SitePlan | None = None  # the plan policypress build has made, set by build_site
    templates: Path | None = None  # where compiled templates are kept, set by build_site
    session: site_serve.Session | None = None  # kept between the rebuilds of a serve
    active: site_serve.Session | None = None  # the session, when this build is one of its rebuilds
    fresh = True  # whether this build starts afresh (always, but in a serve session)

    def on_config(self, config):
        content = Path(self.config.content)
        if not content.is_absolute():
            content = Path(config.config_file_path).parent / content
        self.content = content
        self.active = self.session if self.given is None else None
        if self.given is not None:
            self.plan = self.given
        elif self.session is not None:  # serve: the same pipeline, reusing what did not change
            self.plan = self.session.plan(content, self.config.drafts)
            self.templates = self.session.folder / "templates"
            self.fresh = self.session.start(self.plan, config)
        else:  # plain mkdocs build: the same pipeline, run here
            self.plan = pipeline.plan_for_mkdocs(content, self.config.drafts)
            self.templates = pipeline.scratch() / "templates"
        site_config.layer_theme(config)
        if self.config.site_name_from_documents:
            config.site_name = str(escape(self.plan.site_name))
        config.nav = _nav(self.plan.nav)
        if self.plan.many:
            # Many documents: fold each into a collapsed menu entry; with navigation.prune
            # only the open one is written into each page, so a page's size does not grow with
            # the library.
            features = config.theme.get("features", [])
            config.theme["features"] = [f for f in features if f != "navigation.sections"]
        self.pages = {page.uri: page for page in self.plan.pages}
        return config

    def on_pre_build(self, config) -> None:
        if self.active is not None and self.fresh:
            site_serve.empty(config.site_dir)  # a dirty build does not empty it itself

    def on_files(self, files: Files, config) -> Files:
        site_config.add_default_pages(files, config)
        session = self.active
        for page in self.plan.pages:
            if page.replaceable and files.get_file_from_path(page.uri) is not None:
                continue  # the council's own page (such as its accessibility statement) wins
            files.append(
                session.file(config, page.uri, page.text, page)
                if session
                else File.generated(config, page.uri, content=page.text)
            )
        for uri, data in self.plan.files.items():
            files.append(
                session.file(config, uri, data)
                if session
                else File.generated(config, uri, content=data)
            )
        return files

    def on_env(self, env, config, files):
        """Keep the theme's templates compiled between builds, in build/.cache/templates (Jinja's
        own bytecode cache, keyed by each template's source, so a changed theme is recompiled):
        compiling them is about a third of a small site's build."""
        if self.templates is not None:
            try:
                self.templates.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.templates))
            except OSError:
                pass  # no cache: slower, same pages
        return env

    def on_page_context(self, context, page, config, nav):
        """Archived versions, the proposal and comparisons point search engines at the document's
        current address (their own addresses stay in the sitemap, so they can be cited)."""
        planned = self.pages.get(page.file.src_uri)
        if planned and planned.title:  # "What's changing – Code of Conduct…", read by main.html
            page.meta["pp_title"] = planned.title
        if planned and planned.canonical and config.site_url:
            page.canonical_url = config.site_url.rstrip("/") + f"/{planned.canonical}/"
        return context

    def on_post_page(self, output: str, page, config) -> str:
        """Give each page its document's language (en-GB by default), not the theme's 'en'."""
        planned = self.pages.get(page.file.src_uri)
        language = planned.language if planned else "en-GB"
        return re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', output, count=1)

    def on_post_template(self, output: str, template_name: str, config) -> str:
        """Theme pages such as 404.html take the language of the first document."""
        return re.sub(r'<html lang="[^"]*"', f'<html lang="{self.plan.language}"', output, count=1)

    def on_startup(self, command, dirty):
        """Also marks the plugin as kept between the rebuilds of `mkdocs serve`."""
        if command == "serve":
            self.session = site_serve.Session(pipeline.scratch())

    def on_post_build(self, config) -> None:
        if self.active is not None:
            self.active.after_build()  # the changed PDF and Word files, after the pages

    def on_serve(self, server, config, builder):
        server.watch(str(self.content))
        if self.session is not None:
            server.watch(str(self.session.settled))
        return server

    def on_shutdown(self) -> None:
        if self.session is not None:
            self.session.worker.shutdown(cancel_futures=True)
        self.session = self.active = None


@dataclass
class SiteResult:
    left_out: list[str]  # documents not on the site (never approved, drafts not published)
    pages_rendered: int


def build_site(
    site_dir: Path, plan: SitePlan, site_url: str = "", templates: Path | None = None
) -> SiteResult:
    """Build the site of `plan` into `site_dir` with mkdocs.yml in the working folder (or,
    without one, the built-in configuration), keeping compiled templates in `templates`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep Material's end-of-life notice out

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        # mkdocs resolves a relative site_dir against the config file's folder: pass it absolute.
        extra = {"site_url": site_url.rstrip("/") + "/"} if site_url else {}
        config = site_config.load(config_file(), site_dir=str(site_dir.resolve()), **extra)
        plugin = config.plugins["policypress"]
        assert isinstance(plugin, PolicyPressPlugin)
        plugin.given, plugin.templates = plan, templates
        try:
            build(config)
        finally:  # MkDocs keeps the plugin for later builds in this process: forget this plan
            plugin.given = None
        return SiteResult(list(plan.left_out), len(plan.pages))
    except MkDocsException as exc:
        raise RenderError(f"mkdocs could not build the site: {exc}") from exc
