"""The tenant-facing website: a MkDocs plugin that reads `content/` and generates every page.

A plugin (rather than Markdown written into a docs folder) keeps `mkdocs build` and
`mkdocs serve` working on their own, with live reload when content changes, and leaves
`mkdocs.yml` standard so a move to Zensical stays cheap. `policypress build` runs the same
plugin, handing it the DOCX and PDF it has just built so they are not made twice.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from policypress.errors import ContentError, RenderError

REPO = Path(__file__).resolve().parents[3]
CONFIG = REPO / "mkdocs.yml"
OPEN_MENU_UP_TO = 12  # documents whose pages are all listed in the menu on every page


class PolicyPressConfig(Config):
    content = config_options.Type(str, default="content")
    outputs = config_options.Type(str, default="")  # where prebuilt DOCX/PDF are; "" = build them


class PolicyPressPlugin(BasePlugin[PolicyPressConfig]):
    checked = None  # set by policypress build, which has checked the content already

    def on_config(self, config):
        from policypress.build import check

        content = Path(self.config.content)
        if not content.is_absolute():
            content = Path(config.config_file_path).parent / content
        self.content = content
        if self.checked is None or getattr(self, "_serving", False):
            self.checked = check(content)
        if self.checked.errors:
            raise ContentError(self.checked.errors)
        self.library = self.checked.result.library
        nav: list = [{"Home": "index.md"}]
        for document in self.library.documents:
            nav.append({document.meta.title: [
                {"The document": f"{document.id}/index.md"},
                {"What's changing": f"{document.id}/changes.md"},
                {"Version history": f"{document.id}/history.md"},
                {"Download": f"{document.id}/download.md"},
            ]})
        nav += [{"Standards and principles": "standards.md"}, {"Accessibility": "accessibility.md"}]
        config.nav = nav
        if len(self.library.documents) > OPEN_MENU_UP_TO:
            # Many documents: fold each into a collapsed menu entry; with navigation.prune only
            # the open one is written into each page, so a page's size does not grow with the library.
            features = config.theme.get("features", [])
            config.theme["features"] = [f for f in features if f != "navigation.sections"]
        return config

    def on_files(self, files: Files, config) -> Files:
        from policypress import history
        from policypress.build import renderers
        from policypress.render import site_pages

        tables = []
        self.languages: dict[str, str] = {}
        for document in self.library.documents:
            vc = history.version_control(document, self.checked.history)
            tables.append((document, vc))
            downloads: dict[str, bytes] = {}
            prebuilt = Path(self.config.outputs) / document.id if self.config.outputs else None
            for kind in ("pdf", "docx"):
                name = f"{document.id}.{kind}"
                if prebuilt and (prebuilt / name).is_file():
                    downloads[name] = (prebuilt / name).read_bytes()
                elif not prebuilt:
                    import tempfile

                    with tempfile.TemporaryDirectory() as tmp:
                        for path in renderers()[kind](document, self.library, vc, Path(tmp),
                                                      self.checked.reports.get(document.id)):
                            downloads[path.name] = path.read_bytes()
            for name, data in downloads.items():
                files.append(File.generated(config, f"{document.id}/{name}", content=data))
            pages = site_pages.DocumentPages(document, self.library, vc,
                                             {n: len(b) for n, b in downloads.items()},
                                             self.checked.reports.get(document.id))
            for page, text in (("index", pages.text_page()), ("changes", pages.changes_page()),
                               ("history", pages.history_page()), ("download", pages.download_page())):
                files.append(File.generated(config, f"{document.id}/{page}.md", content=text))
                self.languages[f"{document.id}/{page}.md"] = document.meta.language
        files.append(File.generated(config, "index.md", content=site_pages.home_page(self.library, tables)))
        files.append(File.generated(config, "standards.md", content=site_pages.standards_page(self.library)))
        return files

    def on_post_page(self, output: str, page, config) -> str:
        """Give each page its document's language (en-GB by default), not the theme's 'en'."""
        language = self.languages.get(page.file.src_uri, "en-GB")
        return re.sub(r'<html lang="[^"]*"', f'<html lang="{language}"', output, count=1)

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


def config_file() -> Path:
    return Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else CONFIG


def serve(dev_addr: str) -> None:
    """`mkdocs serve` on our configuration, also watching content/ (see on_serve) and themes/."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    config_path = config_file()
    try:
        mkdocs_serve(str(config_path), livereload=True, dev_addr=dev_addr,
                     watch=[str(config_path.parent / "themes")])
    except MkDocsException as exc:
        raise RenderError(f"mkdocs could not serve the site: {exc}") from exc


def build_site(content: Path, site_dir: Path, outputs: Path | None, checked=None) -> None:
    """Build the site into `site_dir` with the repository's mkdocs.yml (or the one in the
    working folder), reading `content` and the prebuilt DOCX and PDF in `outputs`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep Material's end-of-life notice out
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_path = config_file()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        # mkdocs resolves a relative site_dir against the config file's folder: pass it absolute.
        config = load_config(str(config_path), site_dir=str(site_dir.resolve()))
        plugin = config.plugins["policypress"]
        plugin.config.content = str(content.resolve())
        plugin.config.outputs = str(outputs.resolve()) if outputs else ""
        plugin.checked = checked
        build(config)
    except MkDocsException as exc:
        raise RenderError(f"mkdocs could not build the site: {exc}") from exc
