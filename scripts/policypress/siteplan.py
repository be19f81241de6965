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
import re
from dataclasses import dataclass
from importlib import resources

from policypress.changes import compare as diff
from policypress.checking import Checked
from policypress.consultation import Report
from policypress.model import Document, Library, VersionControl
from policypress.render import common, site_pages, site_translated
from policypress.render import site_versions as sv
from policypress.render.site_versions import Edition
from policypress.settings import DEFAULT_SITE_NAME
from policypress.versions import Archive, Archived

ASSETS = ("versions.js",)  # in policypress/templates/site/assets/, written to the site's assets/
OPEN_MENU_UP_TO = 12  # documents whose pages are all listed in the menu on every page


@dataclass(frozen=True)
class Page:
    uri: str  # the source path, e.g. "code-of-conduct/changes.md"
    text: str  # Markdown with HTML blocks
    language: str  # the document's language, e.g. "en-GB"
    title: str  # the <title>: the page, then the document
    canonical: str = ""  # the document whose current address search engines are pointed at
    replaceable: bool = False  # a page of the same name in docs_dir or the council's themes wins
    # the same page in other languages, and in its own: (language, the page's folder address,
    # from the site's root, such as "cy/code-of-conduct/"), for hreflang links
    alternates: tuple[tuple[str, str], ...] = ()
    # a page in another language than the menu's: the site's name in its language, and no menu
    site_name: str = ""
    # a link to the document in another language, at the top of the page: (its folder address
    # from the site's root, the language's code, its name in that language), or ()
    switch: tuple[str, ...] = ()


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


@dataclass
class _Shown:
    """What the site shows of one document."""

    document: Document
    vc: VersionControl
    report: Report | None
    versions: list[Archived]  # oldest first
    current: Archived | None  # the version in force
    draft: bool  # the working text is shown (as the proposal, or as the draft before approval)
    proposal: bool  # the shown draft is ahead of an approved version
    editions: list[Edition]  # what can be compared


def _consulting(shown: list[_Shown]) -> dict:
    """Document id -> its open consultation, for documents whose working text is shown: the
    home page starts with them."""
    return {
        item.document.id: item.report.open_consultation
        for item in shown
        if item.draft and item.report and item.report.open_consultation
    }


def proposal_label(vc: VersionControl) -> str:
    """'Proposed version 2.0' (or 'Proposed changes to version 1.0' when the number is not
    known)."""
    label = common.short_version(vc)
    return label if label.startswith("Proposed") else "Proposed version"


def download_name(document: Document, vc: VersionControl, name: str, proposal: bool = False) -> str:
    """The site's name for a file of the working text: `<doc>.pdf` only when the working text is
    the approved text; else (and always for a `proposal`) `<doc>-proposed-2.0.pdf`, the version
    it would become, or `<doc>-draft.pdf` when that is not known. The name says what the file
    is, wherever it is saved."""
    if not proposal and not common.is_draft(document, vc):
        return name
    suffix = name[name.rfind(".") :] if "." in name else ""
    number = re.sub(r"[^0-9A-Za-z.]+", "-", vc.proposed).strip("-.")
    return f"{document.id}-proposed-{number}{suffix}" if number else f"{document.id}-draft{suffix}"


def _shown(checked: Checked, archive: Archive, drafts: bool) -> tuple[list[_Shown], list[str]]:
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
        editions = [
            Edition(v.slug, f"version {v.approval.version}", v.document, f"{v.slug}/")
            for v in versions
        ]
        if proposal:
            label = proposal_label(checked.vcs[document.id])
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
            _Shown(
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


def _nav(shown: list[_Shown]) -> tuple[NavItem, ...]:
    nav = [NavItem("Home", "index.md")]
    for item in shown:
        d = item.document.id
        pages = [NavItem("The document", f"{d}/index.md")]
        if item.proposal:
            pages.append(NavItem("The proposed version", f"{d}/draft/index.md"))
        pages += [
            NavItem("What's changing", f"{d}/changes.md"),
            NavItem("Version history", f"{d}/history.md"),
        ]
        if len(item.editions) > 1:
            pages.append(NavItem("Compare versions", f"{d}/compare/index.md"))
        pages.append(NavItem("Download", f"{d}/download.md"))
        nav.append(NavItem(item.document.meta.title, children=tuple(pages)))
    nav += [
        NavItem("Standards and principles", "standards.md"),
        NavItem("Accessibility", "accessibility.md"),
    ]
    return tuple(nav)


def _translated_pages(
    document: Document,
    library: Library,
    vc: VersionControl,
    translated: dict[str, bytes],
    files: dict[str, bytes] | None = None,
    current: Archived | None = None,
) -> list[Page]:
    """The page of `document`'s translation (render/site_translated.py), its files added to
    `files` when given."""
    made = site_translated.translated_page(
        document, library, vc, translated, lambda name: download_name(document, vc, name), current
    )
    if made is None:
        return []
    if files is not None:
        files.update(made.files)
    download = site_translated.download_page(document, vc, made.files, current is not None)
    return [_page(made)] + ([_page(download)] if download is not None else [])


def _translated_changes(item: _Shown, library: Library) -> list[Page]:
    """What's changing in the translation's language, for a document that has one."""
    made = site_translated.changes_page(
        item.document, library, item.vc, item.report, shown=item.draft
    )
    return [_page(made)] if made is not None else []


def _home_pages(home: str, translated: site_translated.TranslatedPage | None) -> list[Page]:
    """The home page, and its `translated` twin when there is one, linked both ways."""
    if translated is None:
        return [Page("index.md", home, "en-GB", "")]
    folder = translated.alternates[1][1]  # "cy/"
    code = folder.strip("/")
    switch = (folder, code, site_translated.LANGUAGE_NAMES.get(code, code))
    english = Page("index.md", home, "en-GB", "", alternates=translated.alternates, switch=switch)
    return [english, _page(translated)]


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
    return [english, _page(twin)]


def _translated_history(item: _Shown, library: Library) -> list[Page]:
    """Version history in the translation's language: of the working text when it is shown,
    else of the version in force, as the original's page."""
    document, vc = item.document, item.vc
    if not item.draft and item.current is not None:
        document, library, vc = item.current.document, item.current.library, item.current.vc
    made = site_translated.history_page(document, library, vc, item.versions, item.proposal)
    return [_page(made)] if made is not None else []


def _page(made: site_translated.TranslatedPage) -> Page:
    """A page of a translation, in its language, with no menu."""
    return Page(
        made.uri,
        made.text,
        made.language,
        made.title,
        alternates=made.alternates,
        site_name=made.site_name,
        switch=made.switch,
    )


def site_name(documents) -> str:
    """ "<organisation> policies" when every document names the same organisation, else
    "Policies"."""
    organisations = {common.named(d.meta.organisation) for d in documents}
    if len(organisations) == 1 and (name := organisations.pop()):
        return f"{name} policies"
    return DEFAULT_SITE_NAME


def compose(
    checked: Checked,
    archive: Archive,
    downloads: dict[str, dict[str, bytes]],
    drafts: bool = True,
    translated: dict[str, dict[str, bytes]] | None = None,
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

    def add(
        uri: str, text: str, document: Document, canonical: bool = False, page: str = ""
    ) -> None:
        title = document.meta.title
        # the pages with a twin in the other language: the text, and those in TWINS
        twin = uri.removeprefix(f"{document.id}/").removesuffix("index.md").replace(".md", "/")
        twinned = twin in ("", *site_translated.TWINS)
        pages.append(
            Page(
                uri,
                text,
                document.meta.language,
                f"{page} \u2013 {title}" if page else title,
                document.id if canonical else "",
                alternates=site_translated.alternates(document, twin) if twinned else (),
                switch=site_translated.switch(document, twin if twinned else ""),
            )
        )

    for item in shown:
        document, d, current, proposal = (
            item.document,
            item.document.id,
            item.current,
            item.proposal,
        )
        # The working text's files: the proposal's under its address, a first draft's at the
        # document's, each named as what it is; /<doc>/<doc>.pdf is only ever the version in force.
        working = {
            download_name(document, item.vc, name, proposal): data
            for name, data in (downloads.get(d, {}) if item.draft else {}).items()
        }
        draft_folder = f"{d}/draft/" if proposal else f"{d}/"
        for name, data in working.items():
            files[draft_folder + name] = data
        sizes = {n: len(b) for n, b in working.items()}
        in_force_files: dict[str, int] = {}
        if current is not None:  # the stable address of the version in force: its own bytes
            for name, data in current.downloads.items():
                stable = f"{d}{name[name.rfind('.') :]}"
                files[f"{d}/{stable}"] = data
                in_force_files[stable] = len(data)
        text = site_pages.DocumentPages(document, library, item.vc, sizes, item.report)
        compare = len(item.editions) > 1
        if current is not None:  # the document's address shows the version in force
            in_force = site_pages.DocumentPages(
                current.document,
                current.library,
                current.vc,
                {},
                banner=sv.current_banner(current, proposal),
            )
            links = (
                [("draft/", "Read the proposed version"), ("changes/", "What's changing")]
                if proposal
                else []
            )
            links += [("history/", "Version history")] + (
                [("compare/", "Compare versions")] if compare else []
            )
            links.append(("download/", "Download this document as PDF or Word"))
            add(f"{d}/index.md", in_force.text_page(links), document)
            pages += _translated_pages(
                current.document, current.library, current.vc, {}, current=current
            )
            tables.append((current.document, current.vc))
            if proposal:
                proposals[d] = (
                    proposal_label(item.vc),
                    item.report.open_consultation if item.report else None,
                    item.vc,  # the proposal's own version control: its last change
                )
                banner = sv.proposal_banner(current, document.meta.approving_body)
                draft = site_pages.DocumentPages(
                    document, library, item.vc, sizes, item.report, depth=1, banner=banner
                )
                add(
                    f"{d}/draft/index.md",
                    draft.text_page(title=f"Proposed: {document.meta.title}"),
                    document,
                    canonical=True,
                    page="Proposed version",
                )
        else:
            add(f"{d}/index.md", text.text_page(), document)
            tables.append((document, item.vc))
            pages += _translated_pages(document, library, item.vc, translated.get(d, {}), files)
        rows = sv.versions_rows(
            item.versions,
            proposal_label(item.vc) if proposal else "",
            document.meta.approving_body,
            document.meta.language,
        )
        add(
            f"{d}/changes.md", text.changes_page(shown=item.draft), document, page="What's changing"
        )
        pages += _translated_changes(item, library)
        pages += _translated_history(item, library)
        if item.draft:
            add(f"{d}/history.md", text.history_page(rows), document, page="Version history")
        else:  # no draft shown: nothing of it appears, not even its history rows
            assert current is not None
            in_force = site_pages.DocumentPages(current.document, current.library, current.vc, {})
            add(f"{d}/history.md", in_force.history_page(rows), document, page="Version history")
        unapproved = proposal or common.is_draft(document, item.vc)
        draft_files = (
            sv.Downloads(
                proposal_label(item.vc) if unapproved else common.short_version(item.vc),
                unapproved,
                common.unapproved_files(document.meta.approving_body) if unapproved else "",
                "draft/" if proposal else "",
                sizes,
            )
            if item.draft
            else None
        )
        add(
            f"{d}/download.md",
            sv.download_page(document, current, in_force_files, draft_files, item.versions),
            document,
            page="Download",
        )
        for version in item.versions:
            for name, data in version.downloads.items():
                files[f"{d}/{version.slug}/{name}"] = data
            text_then = site_pages.DocumentPages(
                version.document,
                version.library,
                version.vc,
                {},
                depth=1,
                banner=sv.version_banner(version),
            )
            title = f"{version.document.meta.title}, version {version.approval.version}"
            add(
                f"{d}/{version.slug}/index.md",
                text_then.text_page(sv.version_links(version, compare), title),
                document,
                canonical=True,
                page=f"Version {version.approval.version}",
            )
        if compare:
            add(
                f"{d}/compare/index.md",
                sv.compare_index(document, item.editions),
                document,
                canonical=True,
                page="Compare versions",
            )
            for old, new in sv.pairs(item.editions):
                # the proposal against the version in force: the changes What's changing shows,
                # with the policy owner's words (one decision, one description)
                proposed = item.proposal and item.report and item.editions[-2:] == [old, new]
                add(
                    f"{d}/compare/{sv.pair_slug(old.slug, new.slug)}.md",
                    sv.compare_page(
                        document,
                        old,
                        new,
                        item.report.changes
                        if proposed and item.report
                        else diff(old.document, new.document),
                    ),
                    document,
                    canonical=True,
                    page=f"Changes from {old.label} to {new.label}",
                )
    on_site: Library = dataclasses.replace(library, documents=tuple(doc for doc, _ in tables))
    consulting = _consulting(shown)
    home = site_pages.home_page(on_site, tables, proposals, consulting)
    standards = site_pages.standards_page(on_site)
    first = library.documents[0].meta.language if library.documents else "en-GB"
    welsh_home = site_translated.home_page(on_site, tables, proposals, consulting)
    pages += _home_pages(home, welsh_home)
    pages.append(Page("standards.md", standards, "en-GB", ""))
    pages += _accessibility_pages(library, welsh_home)
    for name in ASSETS:  # scripts the pages load, kept in the package
        files[f"assets/{name}"] = (
            resources.files("policypress")
            .joinpath("templates", "site", "assets", name)
            .read_bytes()
        )
    return SitePlan(
        _nav(shown),
        tuple(pages),
        files,
        site_name(library.documents),
        first,
        len(shown) > OPEN_MENU_UP_TO,
        tuple(left_out),
    )
