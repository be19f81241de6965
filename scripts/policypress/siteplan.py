"""The site plan: every page and file of the website, as a plain value.

`compose` decides what the site shows of each document (the version in force, the proposal,
every approved version, comparisons, downloads) from the checked content, the approved versions
and the bytes of the downloads, and writes each page's Markdown or HTML. The plan knows nothing
of MkDocs: site/project.py writes it as a plain MkDocs project, so the site engine can change.

Addresses (with directory URLs): /<doc>/ is the version in force (or the draft before any
approval), /<doc>/draft/ the proposal, /<doc>/vX.Y/ every approved version, /<doc>/compare/
the comparisons; see render/site_versions.

Files: /<doc>/<doc>.pdf and .docx are the version in force, the same bytes as its
/<doc>/vX.Y/<doc>-vX.Y.pdf; a proposal's are /<doc>/draft/<doc>-proposed-2.0.pdf; a document
never approved has only /<doc>/<doc>-proposed-1.0.pdf: no file name that is not the approved
text fails to say so (see `download_name`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import resources

from policypress import i18n
from policypress.cache import Cache
from policypress.checking import Checked
from policypress.model import Library
from policypress.render import common, site_pages, site_translated
from policypress.render.site_versions import Edition, edition
from policypress.settings import DEFAULT_SITE_NAME
from policypress.sitepages import (
    Page,
    Shown,
    cached_pages,
    download_name,
    page_of,
    pages_key,
    proposal_label,
    settings_of,
    site_files,
)
from policypress.versions import Archive

__all__ = ["NavItem", "Page", "SitePlan", "compose", "download_name", "proposal_label", "site_name"]

ASSETS = ("versions.js",)  # in policypress/templates/site/assets/, written to the site's assets/
OPEN_MENU_UP_TO = 12  # documents whose pages are all listed in the menu on every page


@dataclass(frozen=True)
class NavItem:
    title: str  # plain text
    uri: str = ""  # a page's source path, or "" for a section
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class SitePlan:
    nav: tuple[NavItem, ...]
    pages: tuple[Page, ...]
    files: dict[str, bytes]  # uri -> bytes: downloads and assets
    site_name: str  # plain text: the organisation's, else DEFAULT_SITE_NAME
    language: str  # of pages that are no document's (404.html): the first document's
    many: bool  # more documents than OPEN_MENU_UP_TO: each is folded in the menu
    left_out: tuple[str, ...] = ()  # documents not on the site (never approved, drafts not shown)


def _consulting(shown: list[Shown]) -> dict:
    """Document id -> its open consultation, for documents whose working text is shown: the
    home page starts with them."""
    return {
        item.document.id: item.report.open_consultation
        for item in shown
        if item.draft and item.report and item.report.open_consultation
    }


def _shown(checked: Checked, archive: Archive, drafts: bool) -> tuple[list[Shown], list[str]]:
    shown, left_out = [], []
    for document in checked.result.library.documents:
        report = checked.reports.get(document.id)
        versions = archive.of(document.id)
        current = versions[-1] if versions else None
        draft = (current is None or bool(report and report.changes)) and drafts
        if current is None and not draft:
            left_out.append(document.id)  # never approved, and drafts are not published
            continue
        proposal = draft and current is not None
        editions = [edition(v, document.meta.language) for v in versions]
        if proposal:
            label = proposal_label(checked.vcs[document.id], document.meta.language)
            number = checked.vcs[document.id].proposed
            # its comparisons are at compare/v1.1-to-proposed-2.0/: the address says what it holds
            editions.append(
                Edition(
                    f"proposed-{number}" if number else "proposed",
                    label[:1].lower() + label[1:],
                    document,
                    "draft/",
                )
            )
        shown.append(
            Shown(
                document,
                checked.vcs[document.id],
                report,
                versions,
                current,
                draft,
                proposal,
                editions,
            )
        )
    return shown, left_out


def _nav(shown: list[Shown]) -> tuple[NavItem, ...]:
    nav = [NavItem("Home", "index.md")]
    for item in shown:
        d = item.document.id
        _ = i18n.translator(item.document.meta.language)  # a document's pages, in its language
        pages = [NavItem(_("The document"), f"{d}/index.md")]
        if item.proposal:
            pages.append(NavItem(_("The proposed version"), f"{d}/draft/index.md"))
        pages += [
            NavItem(_("What's changing"), f"{d}/changes.md"),
            NavItem(_("Version history"), f"{d}/history.md"),
        ]
        if len(item.editions) > 1:
            pages.append(NavItem(_("Compare versions"), f"{d}/compare/index.md"))
        pages.append(NavItem(_("Download"), f"{d}/download.md"))
        nav.append(NavItem(item.document.meta.title, children=tuple(pages)))
    nav += [
        NavItem("Standards and principles", "standards.md"),
        NavItem("Accessibility", "accessibility.md"),
    ]
    return tuple(nav)


def _home_pages(home: str, translated: site_translated.TranslatedPage | None) -> list[Page]:
    """The home page, and its `translated` twin when there is one, linked both ways."""
    if translated is None:
        return [Page("index.md", home, "en-GB", "")]
    folder = translated.alternates[1][1]  # "cy/"
    code = folder.strip("/")
    switch = (folder, code, site_translated.LANGUAGE_NAMES.get(code, code))
    english = Page("index.md", home, "en-GB", "", alternates=translated.alternates, switch=switch)
    return [english, page_of(translated)]


def _accessibility_pages(
    library: Library, translated_home: site_translated.TranslatedPage | None
) -> list[Page]:
    """The accessibility statement, and its twin in the language of the translated home page
    when there is one, linked both ways. A council's own statement replaces the English one."""
    statement = site_pages.accessibility_page(library)
    if translated_home is None:
        return [Page("accessibility.md", statement, "en-GB", "", replaceable=True)]
    twin = site_translated.accessibility_page(library, translated_home)
    code = twin.alternates[1][1].split("/")[0]
    switch = (twin.alternates[1][1], code, site_translated.LANGUAGE_NAMES.get(code, code))
    english = Page(
        "accessibility.md",
        statement,
        "en-GB",
        "",
        replaceable=True,
        alternates=twin.alternates,
        switch=switch,
    )
    return [english, page_of(twin)]


def site_name(documents) -> str:
    """ "<organisation> policies" when every document names the same organisation, else
    "Policies"."""
    organisations = {common.named(d.meta.organisation) for d in documents}
    if len(organisations) == 1 and (name := organisations.pop()):
        return f"{name} policies"
    return DEFAULT_SITE_NAME


def _shared_pages(library: Library, tables: list, proposals: dict, consulting: dict) -> list[Page]:
    """The pages made from every document on the site (`tables`: each one's text and version
    control): the home page, the standards, the accessibility statement, and their twins."""
    on_site: Library = dataclasses.replace(library, documents=tuple(doc for doc, _ in tables))
    home = site_pages.home_page(on_site, tables, proposals, consulting)
    standards = site_pages.standards_page(on_site)
    welsh_home = site_translated.home_page(on_site, tables, proposals, consulting)
    pages = _home_pages(home, welsh_home)
    pages.append(Page("standards.md", standards, "en-GB", ""))
    return pages + _accessibility_pages(library, welsh_home)


def compose(
    checked: Checked,
    archive: Archive,
    downloads: dict[str, dict[str, bytes]],
    drafts: bool = True,
    translated: dict[str, dict[str, bytes]] | None = None,
    cache: Cache | None = None,
) -> SitePlan:
    """The site of `checked`'s documents. `archive` holds the approved versions with their
    downloads; `downloads` the working text's PDF and Word files (doc id -> name -> bytes);
    `translated` the working text's translation's files (its Welsh PDF), likewise."""
    translated = translated or {}
    library = checked.result.library
    shown, left_out = _shown(checked, archive, drafts)
    pages: list[Page] = []
    files: dict[str, bytes] = {}
    tables = []
    # doc id -> (its proposal's label, its open consultation or None): for the home page
    proposals: dict = {}

    settings = checked.digest(settings_of(library))
    for item in shown:
        d = item.document.id
        made = site_files(item, downloads.get(d, {}))
        translation = translated.get(d, {}) if item.draft else {}  # a first draft or proposal
        key = pages_key(item, made, translation, settings, checked.digest) if cache else ""
        own, extra = cached_pages(item, library, made, translation, key, cache)
        pages += own
        files.update(made.files)
        files.update(extra)
        files.update(made.versions)
        current = item.current
        tables.append((current.document, current.vc) if current else (item.document, item.vc))
        if current is not None and item.proposal:
            proposals[d] = (
                proposal_label(item.vc),
                item.report.open_consultation if item.report else None,
                item.vc,  # the proposal's own version control: its last change
            )
    pages += _shared_pages(library, tables, proposals, _consulting(shown))
    for name in ASSETS:  # scripts the pages load, kept in the package
        files[f"assets/{name}"] = (
            resources.files("policypress")
            .joinpath("templates", "site", "assets", name)
            .read_bytes()
        )
    first = library.documents[0].meta.language if library.documents else "en-GB"
    return SitePlan(
        _nav(shown),
        tuple(pages),
        files,
        site_name(library.documents),
        first,
        len(shown) > OPEN_MENU_UP_TO,
        tuple(left_out),
    )
