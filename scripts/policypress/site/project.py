"""The site's source as a plain MkDocs project, `build/site-src/`, from the site plan:

    site-src/mkdocs.yml   the whole configuration, with the menu (site/settings.py)
    site-src/docs/        every page as Markdown (HTML blocks inside), its front matter giving
                          the page's language, <title> and canonical address; the downloads;
                          the council's and the package's pages and assets
    site-src/overrides/   the theme overrides, the council's over the package's

Any engine that reads mkdocs.yml builds it with no policypress plugin. Files are written only
when their bytes change, so unchanged pages keep their times and an engine's incremental build
passes over them; files no longer in the project are removed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from policypress import i18n, themes
from policypress.model import language_folder
from policypress.site.settings import Settings, project_config
from policypress.siteplan import NavItem, Page, SitePlan

CONFIG = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"


@dataclass(frozen=True)
class Project:
    """What was written into the project folder."""

    folder: Path
    layout: str  # changes when the menu, the configuration, the theme or the set of files does
    written: tuple[str, ...]  # files written because their bytes changed, by path in docs/
    pages: int  # the plan's pages in the project


def _quoted(text: str) -> str:
    """A YAML double-quoted string that any YAML reader takes back as `text`: printable ASCII
    as it is, everything else escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def page_source(page: Page, site_url: str) -> bytes:
    """A page as Markdown with front matter: its language, its <title> (read by the theme
    override main.html) and, for archived versions and comparisons, the canonical address."""
    meta = {"language": page.language}
    if page.title:
        meta["page_title"] = page.title
    if page.canonical and site_url:
        meta["canonical"] = f"{site_url.rstrip('/')}/{page.canonical}/"
    front = "".join(f"{key}: {_quoted(value)}\n" for key, value in meta.items())
    if page.alternates:  # the same page in each language, for hreflang links (main.html)
        front += "alternates:\n" + "".join(
            f"  - lang: {_quoted(language)}\n    path: {_quoted(path)}\n"
            for language, path in page.alternates
        )
    if page.switch:  # the link to the document in another language (main.html)
        path, code, name = page.switch
        front += (
            f"switch_path: {_quoted(path)}\nswitch_lang: {_quoted(code)}\n"
            f"switch_name: {_quoted(name)}\n"
        )
    if page.site_name:  # a page in another language than the menu's: no menu (main.html)
        front += f"site_name: {_quoted(str(escape(page.site_name)))}\nhide:\n  - navigation\n"
    return f"---\n{front}---\n\n{page.text}".encode()


def nav(items: tuple[NavItem, ...]) -> list[Any]:
    """The menu for mkdocs.yml. MkDocs and Material write menu titles into pages as they are
    (as HTML): a document's title (from the content) is escaped; the pages' titles are the
    plan's own words, kept as they are."""
    return [
        {item.title: item.uri} if item.uri else {str(escape(item.title)): nav(item.children)}
        for item in items
    ]


def _layered(folders: list[Path]) -> dict[str, Path]:
    """Every file under `folders`, by relative path: the first folder that has a path wins."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" not in path.parts:
                found.setdefault(path.relative_to(folder).as_posix(), path)
    return found


def not_found(plan: SitePlan) -> list[dict[str, str]]:
    """The words of the page for a broken link (404.html), one part for each language of the
    site's home pages, the site's own language first; none for a site in one language, whose
    404 page stays Material's. MkDocs makes one 404 page for the whole site, so a reader who
    followed a broken link under /cy/ reads it in Welsh as well."""
    homes = {
        page.language: page.uri.removesuffix("index.md")
        for page in plan.pages
        if page.uri in ("index.md", f"{language_folder(page.language)}/index.md")
    }
    if len(homes) < 2:
        return []
    first = language_folder(plan.language)
    parts = []
    for language, home in sorted(homes.items(), key=lambda h: language_folder(h[0]) != first):
        _ = i18n.translator(language)
        parts.append(
            {
                "lang": language,
                "heading": _("Page not found"),
                "text": _(
                    "There is no page at this address. The link may be wrong, or the page may "
                    "have moved."
                ),
                "home": _("Go to the home page"),
                "path": home,
            }
        )
    return parts


def project_files(
    plan: SitePlan, settings: Settings, address: str = "", site_url: str = ""
) -> dict[str, bytes]:
    """Every file of the project, by its path in the project folder. `address` is the site's
    (for canonical links); `site_url`, when given, replaces the council's."""
    project = settings.folder
    files: dict[str, bytes] = {}
    for uri, path in _layered(
        [*settings.overrides, *themes.layers("site/overrides", project)]
    ).items():
        files[f"{OVERRIDES}/{uri}"] = path.read_bytes()
    own = _layered([*settings.pages, *themes.layers("site/pages", project)])
    for page in plan.pages:
        if page.replaceable and page.uri in own:
            continue  # the council's own page (such as its accessibility statement) wins
        files[f"{DOCS}/{page.uri}"] = page_source(page, address)
    for uri, data in plan.files.items():
        files[f"{DOCS}/{uri}"] = data
    for uri, path in own.items():
        files.setdefault(f"{DOCS}/{uri}", path.read_bytes())
    files[CONFIG] = project_config(
        settings,
        nav(plan.nav),
        str(escape(plan.site_name)),
        plan.language,
        plan.many,
        site_url,
        not_found(plan),
    )
    return dict(sorted(files.items()))


def layout(files: dict[str, bytes]) -> str:
    """What every page depends on: the configuration (the menu in it), the theme and the set of
    files. Pages alone may change without changing it."""
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(name.encode("utf-8") + b"\0")
        if not name.startswith(f"{DOCS}/"):
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_project(folder: Path, files: dict[str, bytes]) -> Project:
    """Make `folder` hold exactly `files`: write those whose bytes changed, remove the rest."""
    written: list[str] = []
    for name, data in files.items():
        path = folder / name
        if _same(path, data):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(f"{path} is a folder where the site needs a file")
        path.unlink(missing_ok=True)  # replaced, never written into: the build links the
        path.write_bytes(data)  # last build's files here (build._copy_last_site)
        written.append(name.removeprefix(f"{DOCS}/"))
    if folder.is_dir():
        for root, dirs, names in os.walk(folder, topdown=False):
            here = Path(root)
            for name in names:
                if (here / name).relative_to(folder).as_posix() not in files:
                    (here / name).unlink()
            for name in dirs:
                if not any((here / name).iterdir()):
                    (here / name).rmdir()
    pages = sum(1 for n in files if n.startswith(f"{DOCS}/") and n.endswith(".md"))
    return Project(folder, layout(files), tuple(written), pages)
