"""The tenant-facing website: a MkDocs plugin that reads `content/` and generates every page.

A plugin (rather than Markdown written into a docs folder) keeps `mkdocs build` and
`mkdocs serve` working on their own, with live reload when content changes, and leaves
`mkdocs.yml` standard so a move to Zensical stays cheap. `policypress build` runs the same
plugin, handing it the DOCX and PDF it has just built so they are not made twice.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from policypress.errors import ContentError, RenderError
from policypress.model import Document, VersionControl
from policypress.render import site_config
from policypress.render.site_config import config_file, serve  # noqa: F401  (imported from here)

ASSETS = ("versions.js",)  # in policypress/templates/site/assets/, written to the site's assets/
OPEN_MENU_UP_TO = 12  # documents whose pages are all listed in the menu on every page


class PolicyPressConfig(Config):
    content = config_options.Type(str, default="content")
    outputs = config_options.Type(str, default="")  # where prebuilt DOCX/PDF are; "" = build them
    drafts = config_options.Type(bool, default=True)  # show drafts ahead of the version in force
    # Set by the built-in configuration (no mkdocs.yml): name the site after the documents.
    site_name_from_documents = config_options.Type(bool, default=False)


@dataclass
class _Plan:
    """What the site shows of one document."""

    document: Document
    vc: VersionControl
    report: object
    versions: list  # Archived, oldest first
    current: object  # the Archived version in force, or None
    draft: bool  # the working text is shown (as the proposal, or as the draft before approval)
    proposal: bool = False  # the shown draft is ahead of an approved version
    editions: list = field(default_factory=list)  # what can be compared


class PolicyPressPlugin(BasePlugin[PolicyPressConfig]):
    checked = None  # set by policypress build, which has checked the content already
    archive = None  # set by policypress build: every approved version (policypress.versions)
    page_cache = None  # set by policypress build: a folder of pages rendered by earlier builds

    def on_config(self, config):
        from policypress import history
        from policypress.build import check
        from policypress.render.site_versions import Edition

        content = Path(self.config.content)
        if not content.is_absolute():
            content = Path(config.config_file_path).parent / content
        self.content = content
        if self.checked is None or getattr(self, "_serving", False):
            self.checked = check(content)
        if self.checked.errors:
            raise ContentError(self.checked.errors)
        self.library = self.checked.result.library
        found = self.checked.history
        site_config.layer_theme(config)
        if self.config.site_name_from_documents:
            config.site_name = site_config.site_name(self.library.documents)
        if self.archive is None or getattr(self, "_serving", False):
            self.archive = _archive_for(content, self.library.documents, found, self.archive,
                                        self.checked.versions)
        self.plans: list[_Plan] = []
        self.left_out: list[str] = []
        for document in self.library.documents:
            report = self.checked.reports.get(document.id)
            versions = self.archive.of(document.id)
            current = versions[-1] if versions else None
            ahead = current is None or bool(report and report.changes)
            draft = ahead and self.config.drafts
            vc = history.version_control(document, found, bool(report.significant) if report else None)
            plan = _Plan(document, vc, report, versions,
                         current, draft, proposal=draft and current is not None)
            if current is None and not plan.draft:
                self.left_out.append(document.id)  # never approved, and drafts are not published
                continue
            plan.editions = [Edition(v.slug, f"version {v.approval.version}", v.document, f"{v.slug}/")
                             for v in versions]
            if plan.proposal:
                plan.editions.append(Edition("draft", "the proposed version", document, "draft/"))
            self.plans.append(plan)
        nav: list = [{"Home": "index.md"}]
        for plan in self.plans:
            d = plan.document.id
            pages = [{"The document": f"{d}/index.md"}]
            if plan.proposal:
                pages.append({"The proposed version": f"{d}/draft/index.md"})
            pages += [{"What's changing": f"{d}/changes.md"}, {"Version history": f"{d}/history.md"}]
            if len(plan.editions) > 1:
                pages.append({"Compare versions": f"{d}/compare/index.md"})
            pages.append({"Download": f"{d}/download.md"})
            # MkDocs and Material write menu titles into pages as they are (as HTML): escape it.
            nav.append({str(escape(plan.document.meta.title)): pages})
        nav += [{"Standards and principles": "standards.md"}, {"Accessibility": "accessibility.md"}]
        config.nav = nav
        if len(self.plans) > OPEN_MENU_UP_TO:
            # Many documents: fold each into a collapsed menu entry; with navigation.prune only
            # the open one is written into each page, so a page's size does not grow with the library.
            features = config.theme.get("features", [])
            config.theme["features"] = [f for f in features if f != "navigation.sections"]
        return config

    def on_files(self, files: Files, config) -> Files:
        from policypress.render import site_pages
        from policypress.render import site_versions as sv

        self.languages: dict[str, str] = {}
        self.canonical: dict[str, str] = {}  # page -> the document whose current page is canonical
        self.titles: dict[str, str] = {}  # page -> its <title>: the page, then the document
        tables = []
        site_config.add_default_pages(files, config)

        def add(uri: str, text: str, document: Document, canonical: bool = False, page: str = "") -> None:
            files.append(File.generated(config, uri, content=text))
            self.languages[uri] = document.meta.language
            title = document.meta.title
            self.titles[uri] = f"{page} \u2013 {title}" if page else title
            if canonical:
                self.canonical[uri] = document.id

        for plan in self.plans:
            document, d, current = plan.document, plan.document.id, plan.current
            proposal, working_shown = plan.proposal, plan.draft
            downloads = self._downloads(plan) if working_shown else {}
            for name, data in downloads.items():
                files.append(File.generated(config, f"{d}/{name}", content=data))
            sizes = {n: len(b) for n, b in downloads.items()}
            working = site_pages.DocumentPages(document, self.library, plan.vc, sizes, plan.report)
            compare = len(plan.editions) > 1
            if current is not None:  # the document's address shows the version in force
                pages = site_pages.DocumentPages(current.document, current.library, current.vc, {},
                                                 banner=sv.current_banner(current, proposal))
                links = [("draft/", "Read the proposed version"), ("changes/", "What's changing")] if proposal else []
                links += [("history/", "Version history")] + ([("compare/", "Compare versions")] if compare else [])
                links.append(("download/", "Download this document as PDF or Word"))
                add(f"{d}/index.md", pages.text_page(links), document)
                tables.append((current.document, current.vc))
                if proposal:
                    banner = sv.proposal_banner(current, document.meta.approving_body)
                    draft = site_pages.DocumentPages(document, self.library, plan.vc, sizes,
                                                     plan.report, depth=1, banner=banner)
                    add(f"{d}/draft/index.md", draft.text_page(title=f"Proposed: {document.meta.title}"),
                        document, canonical=True, page="Proposed version")
            else:
                add(f"{d}/index.md", working.text_page(), document)
                tables.append((document, plan.vc))
            versions_list = sv.versions_rows(plan.versions, proposal)
            add(f"{d}/changes.md", working.changes_page(shown=working_shown), document, page="What's changing")
            if working_shown:
                add(f"{d}/history.md", working.history_page(versions_list), document, page="Version history")
            else:  # no draft shown: nothing of it appears, not even its history rows
                in_force = site_pages.DocumentPages(current.document, current.library,
                                                    current.vc, {})
                add(f"{d}/history.md", in_force.history_page(versions_list), document, page="Version history")
            draft_label = (f"Not yet approved by {document.meta.approving_body}; made from the text "
                           "as it stands today.")
            add(f"{d}/download.md", sv.download_page(document, current, sizes if working_shown else None,
                                                     plan.versions, draft_label), document, page="Download")
            for item in plan.versions:
                for name, path in item.downloads.items():
                    files.append(File.generated(config, f"{d}/{item.slug}/{name}", abs_src_path=str(path)))
                pages = site_pages.DocumentPages(item.document, item.library, item.vc, {}, depth=1,
                                                 banner=sv.version_banner(item))
                title = f"{item.document.meta.title}, version {item.approval.version}"
                add(f"{d}/{item.slug}/index.md", pages.text_page(sv.version_links(item, compare), title),
                    document, canonical=True, page=f"Version {item.approval.version}")
            if compare:
                from policypress.changes import compare as diff

                add(f"{d}/compare/index.md", sv.compare_index(document, plan.editions), document,
                    canonical=True, page="Compare versions")
                for old, new in sv.pairs(plan.editions):
                    add(f"{d}/compare/{sv.pair_slug(old.slug, new.slug)}.md",
                        sv.compare_page(document, old, new, diff(old.document, new.document)),
                        document, canonical=True, page=f"Changes from {old.label} to {new.label}")
        import dataclasses

        shown = dataclasses.replace(self.library, documents=tuple(doc for doc, _ in tables))
        files.append(File.generated(config, "index.md", content=site_pages.home_page(shown, tables)))
        files.append(File.generated(config, "standards.md", content=site_pages.standards_page(shown)))
        if files.get_file_from_path("accessibility.md") is None:  # a council's own page wins
            files.append(File.generated(config, "accessibility.md", content=site_pages.accessibility_page(self.library)))
        for name in ASSETS:  # scripts the pages load, kept in the package
            files.append(File.generated(config, f"assets/{name}", content=_asset(name)))
        self._cached_pages(files, config)
        return files

    # -- the page cache ----------------------------------------------------------------------
    # MkDocs renders every page on every build. A page's HTML depends on its Markdown, the menu
    # (every title and address), the theme, mkdocs.yml and the code: when none of these changed
    # since a build that rendered it, the page is taken from build/.cache/pages instead, with its
    # search-index entries, and MkDocs is told (through its "dirty" build) to leave it alone.

    def _cached_pages(self, files: Files, config) -> None:
        import hashlib
        import json

        self.page_keys: dict[str, str] = {}  # src_uri -> key, for every generated page
        self.skipped: set[str] = set()
        self._files = files
        if self.page_cache is None:
            return
        from policypress.cache import site_key
        from policypress.load.loader import code_hash

        menu = json.dumps(config.nav, sort_keys=True, default=str)
        common = site_key([code_hash(), menu, str(config.site_url), repr(config.theme.get("features"))],
                          Path(config.config_file_path))  # + the theme, mkdocs.yml, tool versions
        for file in files.documentation_pages():
            key = hashlib.sha256(f"{common}\0{file.src_uri}\0{self.languages.get(file.src_uri, '')}\0"
                                 .encode() + file.content_bytes).hexdigest()[:32]
            self.page_keys[file.src_uri] = key
            if (self.page_cache / f"{key}.html").is_file() and (self.page_cache / f"{key}.json").is_file():
                file.is_modified = lambda: False  # read by MkDocs's dirty build: skip this page
                self.skipped.add(file.src_uri)

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config) -> None:
        import json

        if self.page_cache is None:
            return
        search = next((p for p in config.plugins.values() if hasattr(p, "search_index")), None)
        built: dict[str, list] = {}
        if search is not None:
            for entry in search.search_index.entries:
                built.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        entries = []
        self.page_cache.mkdir(parents=True, exist_ok=True)
        for file in self._files.documentation_pages():
            key = self.page_keys.get(file.src_uri)
            if key is None:
                continue
            html, index = self.page_cache / f"{key}.html", self.page_cache / f"{key}.json"
            if file.src_uri in self.skipped:
                Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(html, file.abs_dest_path)  # a copy: build/ edits leave the cache whole
                entries += json.loads(index.read_text("utf-8"))
            else:
                mine = built.get(file.url, [])
                index.write_text(json.dumps(mine, ensure_ascii=False), "utf-8")
                entries += mine
        if search is not None:
            search.search_index.entries = entries  # in page order, as a full build makes it
        used = {f"{key}{suffix}" for key in self.page_keys.values() for suffix in (".html", ".json")}
        for old in self.page_cache.iterdir():
            if old.name not in used:
                old.unlink(missing_ok=True)

    def _downloads(self, plan: _Plan) -> dict[str, bytes]:
        """The working text's PDF and DOCX: prebuilt by policypress build, or made here."""
        from policypress.build import renderers

        document = plan.document
        downloads: dict[str, bytes] = {}
        prebuilt = Path(self.config.outputs) / document.id if self.config.outputs else None
        for kind in ("pdf", "docx"):
            name = f"{document.id}.{kind}"
            if prebuilt and (prebuilt / name).is_file():
                downloads[name] = (prebuilt / name).read_bytes()
            elif not prebuilt:
                import tempfile

                with tempfile.TemporaryDirectory() as tmp:
                    for path in renderers()[kind](document, self.library, plan.vc, Path(tmp), plan.report):
                        downloads[path.name] = path.read_bytes()
        return downloads

    def on_env(self, env, config, files):
        """Keep the theme's templates compiled between builds, in the user's cache folder (Jinja's
        own bytecode cache, keyed by each template's source, so a changed theme is recompiled):
        compiling them was a third of a small site's build."""
        import jinja2

        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policypress" / "templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env  # no cache: slower, same pages
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    def on_page_context(self, context, page, config, nav):
        """Archived versions, the proposal and comparisons point search engines at the document's
        current address (their own addresses stay in the sitemap, so they can be cited)."""
        title = self.titles.get(page.file.src_uri)
        if title:  # "What's changing – Code of Conduct for Housing Staff", read by main.html
            page.meta["pp_title"] = title
        doc_id = self.canonical.get(page.file.src_uri)
        if doc_id and config.site_url:
            page.canonical_url = config.site_url.rstrip("/") + f"/{doc_id}/"
        return context

    def on_post_page(self, output: str, page, config) -> str:
        """Give each page its document's language (en-GB by default), not the theme's 'en'."""
        language = self.languages.get(page.file.src_uri, "en-GB")
        output = re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', output, count=1)
        key = self.page_keys.get(page.file.src_uri) if self.page_cache is not None else None
        if key:
            self.page_cache.mkdir(parents=True, exist_ok=True)
            tmp = self.page_cache / f".{key}.tmp"
            tmp.write_bytes(output.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs writes it
            os.replace(tmp, self.page_cache / f"{key}.html")
        return output

    def on_post_template(self, output: str, template_name: str, config) -> str:
        """Theme pages such as 404.html take the language of the first document."""
        documents = self.library.documents
        language = documents[0].meta.language if documents else "en-GB"
        return re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', output, count=1)

    def on_startup(self, command, dirty):
        self._serving = command == "serve"  # re-check the content on every rebuild

    def on_serve(self, server, config, builder):
        server.watch(str(self.content))
        return server


@dataclass
class SiteResult:
    left_out: list[str]  # documents not on the site (never approved, drafts not published)
    pages_rendered: int
    pages_reused: int  # taken from the page cache


def _archive_for(content: Path, documents, found, previous, versions):
    """Every approved version, for a site built by plain `mkdocs build` or `serve` (policypress
    build hands its own over): kept for the life of the process, rebuilt when approvals change."""
    from policypress.versions import build_archive

    approvals = repr(sorted(found.approvals.items()))
    if previous is not None and getattr(previous, "approvals", None) == approvals:
        return previous
    archive = build_archive(content, documents, found, None, versions=versions)
    archive.approvals = approvals
    return archive


def _asset(name: str) -> bytes:
    from importlib import resources

    return resources.files("policypress").joinpath("templates", "site", "assets", name).read_bytes()


def build_site(content: Path, site_dir: Path, outputs: Path | None, checked=None, archive=None,
               drafts: bool = True, site_url: str = "") -> SiteResult:
    """Build the site into `site_dir` with mkdocs.yml in the working folder (or, without one,
    the built-in configuration), reading `content` and the prebuilt DOCX and PDF in `outputs`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep Material's end-of-life notice out
    import logging

    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    config_path = config_file()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        # mkdocs resolves a relative site_dir against the config file's folder: pass it absolute.
        extra = {"site_url": site_url.rstrip("/") + "/"} if site_url else {}
        config = site_config.load(config_path, site_dir=str(site_dir.resolve()), **extra)
        plugin = config.plugins["policypress"]
        plugin.config.content = str(content.resolve())
        plugin.config.outputs = str(outputs.resolve()) if outputs else ""
        plugin.checked = checked
        plugin.archive = archive
        plugin.config.drafts = drafts
        plugin.page_cache = outputs / ".cache" / "pages" if outputs else None
        # A "dirty" build skips the pages the plugin marked as unchanged (see _cached_pages);
        # site_dir is a new, empty folder, so nothing stale can be left in it.
        build(config, dirty=plugin.page_cache is not None)
        return SiteResult(plugin.left_out, len(plugin.page_keys) - len(plugin.skipped), len(plugin.skipped))
    except MkDocsException as exc:
        raise RenderError(f"mkdocs could not build the site: {exc}") from exc
