"""The site's pages of one document, made again only when what they are made from changed.

A document's pages (its text, the proposal, What's changing, Version history, Download, each
approved version, the comparisons, and their twins in the translation's language) are made from
that document alone: its model, its version-control table, its change report, its approved
versions, the sizes of its files, the standards and the site's settings, and today's date. They
are kept in the build cache under a key of exactly those (`pages_key`), so an edit to one
document among many composes only that document's pages again. What is made from every document
(the menu, the home page, the standards page) is not kept: siteplan.py makes it on every build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from policypress import i18n
from policypress.cache import Cache, entry_key
from policypress.changes import compare as diff
from policypress.consultation import Report
from policypress.history import today
from policypress.model import Document, Library, VersionControl, language_folder
from policypress.render import common, site_pages, site_translated
from policypress.render import site_translated_versions as stv
from policypress.render import site_versions as sv
from policypress.render.site_versions import Edition
from policypress.versions import Archived

PAGES = "pages.pickle"  # the file of a document's pages in its cache entry


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


@dataclass
class Shown:
    """What the site shows of one document."""

    document: Document
    vc: VersionControl
    report: Report | None
    versions: list[Archived]  # oldest first
    current: Archived | None  # the version in force
    draft: bool  # the working text is shown (as the proposal, or as the draft before approval)
    proposal: bool  # the shown draft is ahead of an approved version
    editions: list[Edition]  # what can be compared


@dataclass(frozen=True)
class Files:
    """The files the site offers of one document, and the sizes its pages show."""

    files: dict[str, bytes]  # site path -> bytes: the working text's, the version in force's
    versions: dict[str, bytes]  # site path -> bytes: each approved version's
    sizes: dict[str, int]  # the working text's files, by the name the site gives them
    in_force: dict[str, int]  # the version in force's files at the document's stable address


def proposal_label(vc: VersionControl, language: str = "en") -> str:
    """'Proposed version 2.0' (or 'Proposed changes to version 1.0' when the number is not
    known), in `language`."""
    if common.short_version(vc).startswith("Proposed"):
        return common.short_version(vc, language)
    return i18n.translator(language)("Proposed version")


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


def site_files(item: Shown, downloads: dict[str, bytes]) -> Files:
    """`item`'s files on the site from `downloads` (its working text's PDF and Word files): the
    proposal's under its address, a first draft's at the document's, each named as what it is;
    /<doc>/<doc>.pdf is only ever the version in force; each approved version's in its folder."""
    d = item.document.id
    working = {
        download_name(item.document, item.vc, name, item.proposal): data
        for name, data in (downloads if item.draft else {}).items()
    }
    folder = f"{d}/draft/" if item.proposal else f"{d}/"
    files = {folder + name: data for name, data in working.items()}
    in_force: dict[str, int] = {}
    if item.current is not None:  # the stable address of the version in force: its own bytes
        for name, data in item.current.downloads.items():
            stable = f"{d}{name[name.rfind('.') :]}"
            files[f"{d}/{stable}"] = data
            in_force[stable] = len(data)
    versions = {
        f"{d}/{version.slug}/{name}": data
        for version in item.versions
        for name, data in version.downloads.items()
    }
    return Files(files, versions, {n: len(b) for n, b in working.items()}, in_force)


def settings_of(library: Library) -> Library:
    """What a document's pages read of `library`: everything but the other documents."""
    return dataclasses.replace(library, documents=())


def pages_key(
    item: Shown,
    files: Files,
    translated: dict[str, bytes],
    settings: str,
    digest: Callable[[object], str],
) -> str:
    """The cache key of `item`'s pages: everything they are made from. `settings` is the digest
    of the library's settings (`settings_of`); `digest` hashes an object once per build."""
    # the report's digest is its cache key, when the check kept it (see checking._report)
    own = None if item.report is None else digest(item.report)
    versions = [
        (
            v.approval,
            v.replaced_by,
            digest(v.document),
            digest(v.vc),
            digest(settings_of(v.library)),
            sorted((name, len(data)) for name, data in v.downloads.items()),
            sorted((name, len(data)) for name, data in v.translated.items()),
        )
        for v in item.versions
    ]
    return entry_key(
        "site-pages",
        digest(item.document),
        digest(item.vc),
        own,
        item.draft,
        item.proposal,
        files.sizes,
        files.in_force,
        versions,
        sorted((name, hashlib.sha256(data).hexdigest()) for name, data in translated.items()),
        settings,
        today().isoformat(),
    )


def cached_pages(
    item: Shown,
    library: Library,
    files: Files,
    translated: dict[str, bytes],
    key: str,
    cache: Cache | None,
) -> tuple[list[Page], dict[str, bytes]]:
    """`item`'s pages and the files its translation's page adds, from `cache` under `key` when
    they are there, else made and stored."""
    found = cache.get_object(key, PAGES, tuple) if cache is not None else None
    if found is not None and len(found) == 2:
        return list(found[0]), dict(found[1])
    made = document_pages(item, library, files, translated)
    if cache is not None:
        cache.put_object(key, PAGES, made)
    return made


class _Pages:
    """The pages of one document, in the order the site lists them."""

    def __init__(self, document: Document):
        self.document = document
        self.pages: list[Page] = []

    def has_twin(self, uri: str) -> bool:
        """Whether the translation's pages made so far include the twin of page `uri`."""
        translation = self.document.translation
        twin = f"{language_folder(translation.language)}/{uri}" if translation else None
        return any(page.uri == twin for page in self.pages)

    def add(
        self, uri: str, text: str, canonical: bool = False, page: str = "", twinned: bool = False
    ) -> None:
        document = self.document
        title = document.meta.title
        # the pages with a twin in the other language: the text, those in TWINS, and `twinned`
        twin = uri.removeprefix(f"{document.id}/").removesuffix("index.md").replace(".md", "/")
        twinned = twinned or twin in ("", *site_translated.TWINS)
        self.pages.append(
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


def document_pages(
    item: Shown, library: Library, files: Files, translated: dict[str, bytes]
) -> tuple[list[Page], dict[str, bytes]]:
    """Every page of `item`, in the order the site lists them, and the files its translation's
    page adds (`translated`: the translation's files, for a document never approved)."""
    document, d, current = item.document, item.document.id, item.current
    out = _Pages(document)
    extra: dict[str, bytes] = {}
    text = site_pages.DocumentPages(document, library, item.vc, files.sizes, item.report)
    compare = len(item.editions) > 1
    if current is not None:  # the document's address shows the version in force
        _in_force_pages(item, current, library, files, out, compare)
    else:
        out.add(f"{d}/index.md", text.text_page())
    language = document.meta.language
    _ = i18n.translator(language)  # the words of a document's own pages: in its language
    rows = sv.versions_rows(
        item.versions,
        proposal_label(item.vc, language) if item.proposal else "",
        document.meta.approving_body,
        language,
    )
    out.add(f"{d}/changes.md", text.changes_page(shown=item.draft), page=_("What's changing"))
    out.pages += _translated(item, library, translated, extra)
    if item.draft:
        out.add(f"{d}/history.md", text.history_page(rows), page=_("Version history"))
    else:  # no draft shown: nothing of it appears, not even its history rows
        assert current is not None
        in_force = site_pages.DocumentPages(current.document, current.library, current.vc, {})
        out.add(f"{d}/history.md", in_force.history_page(rows), page=_("Version history"))
    draft_files = _draft_files(item, files)
    download = sv.download_page(
        document, current, files.in_force, draft_files, item.versions, language
    )
    out.add(f"{d}/download.md", download, page=_("Download"))
    _version_pages(item, out, compare)
    if compare:
        _compare_pages(item, out)
    return out.pages, extra


def _in_force_pages(
    item: Shown, current: Archived, library: Library, files: Files, out: _Pages, compare: bool
) -> None:
    """The document's address, showing the version in force, its translation's twin, and the
    proposal's page when there is one."""
    d, proposal, document = item.document.id, item.proposal, item.document
    language = document.meta.language
    _ = i18n.translator(language)
    in_force = site_pages.DocumentPages(
        current.document,
        current.library,
        current.vc,
        {},
        banner=sv.current_banner(current, proposal, language),
    )
    proposed = [("draft/", _("Read the proposed version")), ("changes/", _("What's changing"))]
    links = (proposed if proposal else []) + [("history/", _("Version history"))]
    links += [("compare/", _("Compare versions"))] if compare else []
    links.append(("download/", _("Download this document as PDF or Word")))
    out.add(f"{d}/index.md", in_force.text_page(links))
    if proposal:
        banner = sv.proposal_banner(current, document.meta.approving_body, language)
        draft = site_pages.DocumentPages(
            document, library, item.vc, files.sizes, item.report, depth=1, banner=banner
        )
        out.add(
            f"{d}/draft/index.md",
            draft.text_page(title=_("Proposed: %(title)s") % {"title": document.meta.title}),
            canonical=True,
            page=_("Proposed version"),
            twinned=True,  # its translation's proposal, when it has one
        )


def _draft_files(item: Shown, files: Files) -> sv.Downloads | None:
    """What the Download page says of the working text's files, when it is shown."""
    if not item.draft:
        return None
    document, proposal, language = item.document, item.proposal, item.document.meta.language
    unapproved = proposal or common.is_draft(document, item.vc)
    label = proposal_label if unapproved else common.short_version
    return sv.Downloads(
        label(item.vc, language),
        unapproved,
        common.unapproved_files(document.meta.approving_body, language) if unapproved else "",
        "draft/" if proposal else "",
        files.sizes,
    )


def _version_pages(item: Shown, out: _Pages, compare: bool) -> None:
    """The page of each approved version."""
    language = item.document.meta.language
    _ = i18n.translator(language)
    for version in item.versions:
        text_then = site_pages.DocumentPages(
            version.document,
            version.library,
            version.vc,
            {},
            depth=1,
            banner=sv.version_banner(version, language),
        )
        said = {"title": version.document.meta.title, "version": version.approval.version}
        out.add(
            f"{item.document.id}/{version.slug}/index.md",
            text_then.text_page(
                sv.version_links(version, compare, language),
                _("%(title)s, version %(version)s") % said,
            ),
            canonical=True,
            page=_("Version %(version)s") % said,
            twinned=version.document.translation is not None,  # its translation's page
        )


def _compare_pages(item: Shown, out: _Pages) -> None:
    """Compare versions, and a page for each pair of editions."""
    d, document = item.document.id, item.document
    out.add(
        f"{d}/compare/index.md",
        sv.compare_index(document, item.editions),
        canonical=True,
        page=sv.compare_name(document),
        twinned=out.has_twin(f"{d}/compare/index.md"),
    )
    for old, new in sv.pairs(item.editions):
        # the proposal against the version in force: the changes What's changing shows,
        # with the policy owner's words (one decision, one description)
        proposed = item.proposal and item.report and item.editions[-2:] == [old, new]
        uri = f"{d}/compare/{sv.pair_slug(old.slug, new.slug)}.md"
        out.add(
            uri,
            sv.compare_page(
                document,
                old,
                new,
                item.report.changes
                if proposed and item.report
                else diff(old.document, new.document),
            ),
            canonical=True,
            page=sv.compare_name(document, old, new),
            twinned=out.has_twin(uri),
        )


def _translated(
    item: Shown, library: Library, translated: dict[str, bytes], files: dict[str, bytes]
) -> list[Page]:
    """Every page of the translation of `item`'s document (render/site_translated_versions.py),
    their files added to `files`; `translated`: the translation's files of the working text."""
    document, vc = item.document, item.vc
    made = stv.document_pages(
        stv.Shown(document, library, vc, item.report, item.draft, item.current, item.versions),
        translated,
        lambda name: download_name(document, vc, name, item.proposal),
    )
    for page in made:
        files.update(page.files)
    return [page_of(page) for page in made]


def page_of(made: site_translated.TranslatedPage) -> Page:
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
