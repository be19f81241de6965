"""The translation's pages about versions, beside the original's (render/site_versions.py):

    /cy/<doc>/vX.Y/    each approved version whose Welsh text was in git when it was approved,
                       with its own Welsh PDF and Word files (`<doc>-vX.Y.cy.pdf`)
    /cy/<doc>/draft/   the proposal, with the Welsh files of the working text
    /cy/<doc>/download/ every Welsh file, and a plain sentence for each version approved in
                       English only

siteplan.py puts what this makes into the site plan, as it does for render/site_translated.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from policypress import i18n
from policypress.model import Document, Library, VersionControl, language_folder
from policypress.render import common, site_pages, site_translated, site_versions
from policypress.render.site_html import render, size
from policypress.render.site_translated import Shown, TranslatedPage, alternates, back
from policypress.render.site_translated_compare import compare_pages
from policypress.versions import Archived


def document_pages(
    shown: Shown, translated: dict[str, bytes], site_file: Callable[[str], str]
) -> list[TranslatedPage]:
    """Every page of the translation of `shown`'s document, each with its files: its text (the
    version in force, or the draft before any approval), What's changing, Version history, the
    proposal, each approved version and Download. `translated`: the translation's files of the
    working text, named on the site by `site_file` as the original's are."""
    if shown.document.translation is None:
        return []
    shown = _in_translation(shown)
    document, library, vc, current = shown.document, shown.library, shown.vc, shown.current
    made: list[TranslatedPage | None] = []
    first_draft: dict[str, bytes] = {}
    compared = compare_pages(shown)
    if current is None:
        text = site_translated.translated_page(document, library, vc, translated, site_file)
        first_draft = text.files if text else {}
        made.append(text)
    elif current.document.translation is None:  # approved before its translation was written
        made.append(english_only_page(document, current, shown.proposal))
    else:
        made.append(
            site_translated.translated_page(
                current.document,
                current.library,
                current.vc,
                current.translated,
                lambda name: name,  # the version in force: the original's file names
                current,
                shown.proposal,
                bool(compared),
            )
        )
    made.append(site_translated.changes_page(document, library, vc, shown.report, shown.draft))
    made.append(_history(shown))
    proposed = None
    if shown.proposal and current is not None:
        proposed = proposal_page(document, library, vc, current, translated, site_file)
        made.append(proposed)
    made += [version_page(document, item, bool(compared)) for item in shown.versions]
    made += compared
    working = proposed.files if proposed is not None else first_draft
    made.append(download_page(document, vc, working, current, shown.versions, shown.proposal))
    return [page for page in made if page is not None]


def _in_translation(shown: Shown) -> Shown:
    """`shown` with each approval's body as the translation names it: "Y Cabinet", not the
    "Cabinet" the approval recorded (render/common.body_in_translation)."""

    def archived(item: Archived) -> Archived:
        by = common.body_in_translation(item.approval.approved_by, item.document)
        approval = dataclasses.replace(item.approval, approved_by=by)
        vc = common.in_translation(item.vc, item.document)
        return dataclasses.replace(item, approval=approval, vc=vc)

    return shown._replace(
        vc=common.in_translation(shown.vc, shown.document),
        current=archived(shown.current) if shown.current else None,
        versions=[archived(item) for item in shown.versions],
    )


def _history(shown: Shown) -> TranslatedPage | None:
    """Version history in the translation's language: of the working text when it is shown,
    else of the version in force, as the original's page."""
    document, library, vc, current = shown.document, shown.library, shown.vc, shown.current
    if not shown.draft and current is not None:
        library, vc = current.library, current.vc
        if current.document.translation is not None:
            document = current.document
    return site_translated.history_page(document, library, vc, shown.versions, shown.proposal)


def english_only_page(document: Document, current: Archived, proposal: bool) -> TranslatedPage:
    """`/cy/<doc>/` when the version in force was approved before its translation was written:
    it says so, links to it in the original's language, and to the proposal's translation."""
    translation = document.translation
    assert translation is not None
    text = translation.document
    language = text.meta.language
    code = language_folder(translation.language)
    _ = i18n.translator(language)
    page = render(
        "in_original.html",
        language,
        title=text.meta.title,
        version=current.approval.version,
        english=f"../../{document.id}/",
        proposal=proposal,
    )
    return TranslatedPage(
        f"{code}/{document.id}/index.md",
        page,
        language,
        text.meta.title,
        alternates(document),
        _("%(organisation)s policies") % {"organisation": text.meta.organisation},
        back(document, ""),
        {},
    )


def _file_links(files: dict[str, bytes], version: str, language: str) -> list[tuple[str, str]]:
    """(name, link text) for a version's files, the PDF first."""
    _ = i18n.translator(language)
    links = []
    for name, data in sorted(files.items(), key=lambda kv: kv[0].endswith(".docx")):
        text = (
            _("Download version %(version)s as a PDF (PDF, %(size)s)")
            if name.endswith(".pdf")
            else _("Download version %(version)s as a Word document (Word, %(size)s)")
        )
        links.append((name, text % {"version": version, "size": size(len(data))}))
    return links


def version_page(
    document: Document, item: Archived, compare: bool = False
) -> TranslatedPage | None:
    """`/cy/<doc>/vX.Y/`: approved version `item` of `document` in its translation's language,
    with its own files; None when the version had no translation when it was approved.
    `compare`: the translation has comparison pages to link to."""
    translation = item.document.translation
    if document.translation is None or translation is None:
        return None
    text = translation.document
    language = text.meta.language
    code = language_folder(translation.language)
    folder = f"{code}/{document.id}/{item.slug}/"
    _ = i18n.translator(language)
    version = item.approval.version
    links = _file_links(item.translated, version, language)
    links.append(("../history/", _("Version history")))
    if compare:
        links.append(("../compare/", _("Compare versions")))
    own = dataclasses.replace(item.vc, policy_owner=text.meta.policy_owner)
    banner = site_pages.macro("banners.html", "version", language)(item)
    page = site_pages.DocumentPages(text, item.library, own, {}, depth=1, banner=banner)
    title = _("%(title)s, version %(version)s") % {"title": text.meta.title, "version": version}
    return TranslatedPage(
        folder + "index.md",
        page.text_page(links, title),
        language,
        _("Version %(version)s") % {"version": version} + f" \u2013 {text.meta.title}",
        alternates(document, f"{item.slug}/"),
        _("%(organisation)s policies") % {"organisation": text.meta.organisation},
        back(document, f"{item.slug}/"),
        {folder + name: data for name, data in item.translated.items()},
    )


def proposal_page(
    document: Document,
    library: Library,
    vc: VersionControl,
    current: Archived,
    translated: dict[str, bytes],
    site_file: Callable[[str], str],
) -> TranslatedPage | None:
    """`/cy/<doc>/draft/`: the proposal in its translation's language, with the translation's
    files of the working text (`translated`, named by `site_file` as the original's are, with
    the language's code added)."""
    if document.translation is None:
        return None
    text = document.translation.document
    language = text.meta.language
    code = language_folder(document.translation.language)
    folder = f"{code}/{document.id}/draft/"
    _ = i18n.translator(language)
    links, files = site_translated.file_links(document, translated, site_file, folder)
    links += [
        ("../changes/", _("What's changing")),
        ("../history/", _("Version history")),
        ("../download/", _("Download this document as PDF or Word")),
    ]
    own = dataclasses.replace(vc, policy_owner=text.meta.policy_owner)
    banner = site_pages.macro("banners.html", "proposal", language)(
        current, text.meta.approving_body
    )
    page = site_pages.DocumentPages(text, library, own, {}, depth=1, banner=banner)
    return TranslatedPage(
        folder + "index.md",
        page.text_page(links, _("Proposed: %(title)s") % {"title": text.meta.title}),
        language,
        _("Proposed version") + f" \u2013 {text.meta.title}",
        alternates(document, "draft/"),
        _("%(organisation)s policies") % {"organisation": text.meta.organisation},
        back(document, "draft/"),
        files,
    )


def download_page(
    document: Document,
    vc: VersionControl,
    files: dict[str, bytes],
    current: Archived | None,
    versions: list[Archived],
    proposal: bool,
) -> TranslatedPage | None:
    """Download in the translation's language (`cy/<doc>/download.md`): the translation's files
    of the version in force (at `cy/<doc>/<doc>.cy.pdf`), of the working text (`files`, by site
    address) and of every earlier version; a version approved without a translation says so,
    and links to its files in the original's language."""
    if document.translation is None:
        return None
    text = document.translation.document
    language = text.meta.language
    code = language_folder(document.translation.language)
    folder = f"{code}/{document.id}/"
    _ = i18n.translator(language)
    draft = None
    if files:  # made from the working text, never approved as it stands
        draft = site_versions.Downloads(
            common.short_version(vc, language),
            True,
            common.unapproved_files(text.meta.approving_body, language),
            "draft/" if proposal else "",
            {name.rsplit("/", 1)[-1]: len(data) for name, data in files.items()},
        )
    in_force = {}
    if current is not None:
        in_force = {
            _stable(document, current, name): len(data) for name, data in current.translated.items()
        }
    # each version offers its translation's files in place of the original's
    items = [dataclasses.replace(item, downloads=item.translated) for item in versions]
    shown = items[-1] if current is not None else None
    page = site_versions.download_page(
        text,
        shown,
        in_force,
        draft,
        items,
        language,
        f"../../../{document.id}/",
    )
    return TranslatedPage(
        folder + "download.md",
        page,
        language,
        _("Download") + f" \u2013 {text.meta.title}",
        alternates(document, "download/"),
        _("%(organisation)s policies") % {"organisation": text.meta.organisation},
        back(document, "download/"),
        {},
    )


def _stable(document: Document, item: Archived, name: str) -> str:
    """The stable name of a file of the version in force: `<doc>.cy.pdf` for `<doc>-v1.0.cy.pdf`."""
    return document.id + name.removeprefix(f"{document.id}-{item.slug}")
