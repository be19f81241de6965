"""The page of a document's translation on the site: `/cy/<doc-id>/` for Welsh, with the
links between the two languages that every page of the document carries (`alternates` for
hreflang, `switch` for the link at the top of each page).

siteplan.py puts what this makes into the site plan; the words come from the translation's
catalogue (i18n.py), and the text is the translated document (load/translation.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import NamedTuple

from policypress import i18n
from policypress.model import Document, Library, VersionControl, language_folder
from policypress.render import common, site_pages, site_versions
from policypress.render.site_html import Link, size
from policypress.versions import Archived

LANGUAGE_NAMES = {"cy": "Cymraeg", "en": "English"}  # each language's name in that language


class TranslatedPage(NamedTuple):
    uri: str  # "cy/<doc-id>/index.md"
    text: str
    language: str
    title: str
    alternates: tuple[tuple[str, str], ...]
    site_name: str  # the site's name in the page's language
    switch: tuple[str, ...]  # the link back to the original's page
    files: dict[str, bytes]  # the translation's files the page offers, by their site address


# the pages of a document with a twin in its translation's language
TWINS = ("changes/", "download/", "history/")


class Shown(NamedTuple):
    """What the site shows of one document (siteplan decides)."""

    document: Document  # the working text
    library: Library
    vc: VersionControl
    report: object  # its changes and consultation, or None
    draft: bool  # the working text is shown (as the proposal, or before any approval)
    current: Archived | None  # the version in force
    versions: list[Archived]  # every approved version, oldest first

    @property
    def proposal(self) -> bool:
        return self.draft and self.current is not None


def back(document: Document, page: str) -> tuple[str, ...]:
    """The switch from a translation's page to the original's `page`."""
    original = language_folder(document.meta.language)
    return (f"{document.id}/{page}", original, LANGUAGE_NAMES.get(original, original))


def alternates(document: Document, page: str = "") -> tuple[tuple[str, str], ...]:
    """A document's page (`page`: "" for its text, or one of TWINS) in its own language and in
    its translation's, by folder address."""
    if document.translation is None:
        return ()
    code = language_folder(document.translation.language)
    return (
        (document.meta.language, f"{document.id}/{page}"),
        (document.translation.language, f"{code}/{document.id}/{page}"),
    )


def switch(document: Document, page: str = "") -> tuple[str, ...]:
    """The link from each page of a document to its translation: to the same page (`page`, one
    of TWINS) where it has one, else to the translation's text."""
    if document.translation is None:
        return ()
    code = language_folder(document.translation.language)
    return (f"{code}/{document.id}/{page}", code, LANGUAGE_NAMES.get(code, code))


def changes_page(
    document: Document, library: Library, vc: VersionControl, report, shown: bool
) -> TranslatedPage | None:
    """What's changing in the translation's language (`cy/<doc-id>/changes.md`): its own words
    from the catalogue, the changes in the original's words (marked with its language), and Have
    your say with the question about the Welsh language while a consultation is open."""
    if document.translation is None:
        return None
    text = document.translation.document
    code = language_folder(document.translation.language)
    own = dataclasses.replace(vc, policy_owner=text.meta.policy_owner)
    _ = i18n.translator(text.meta.language)
    page = site_pages.DocumentPages(text, library, own, {}, report)
    original = language_folder(document.meta.language)
    return TranslatedPage(
        f"{code}/{document.id}/changes.md",
        page.changes_page(shown, original=document),
        text.meta.language,
        _("What's changing") + f" \u2013 {text.meta.title}",
        alternates(document, "changes/"),
        _("%(organisation)s policies") % {"organisation": text.meta.organisation},
        (f"{document.id}/changes/", original, LANGUAGE_NAMES.get(original, original)),
        {},
    )


def file_links(
    document: Document, translated: dict[str, bytes], site_file: Callable[[str], str], folder: str
) -> tuple[list[tuple[str, str]], dict[str, bytes]]:
    """The links to the translation's files (`translated`, PDF first) on a page in `folder`, in
    the translation's language, and those files by their site path: each named by `site_file` as
    the original's is, with the language's code added (`<doc>.cy.pdf`)."""
    assert document.translation is not None
    code = language_folder(document.translation.language)
    _ = i18n.translator(document.translation.document.meta.language)
    words = {
        ".pdf": _("Download this document as a PDF (%(size)s)"),
        ".docx": _("Download this document as a Word document (%(size)s)"),
    }
    links, files = [], {}
    for name, data in sorted(translated.items(), key=lambda kv: kv[0].endswith(".docx")):
        ext = name[name.rfind(".") :]
        shown = site_file(f"{document.id}{ext}").removesuffix(ext) + f".{code}{ext}"
        files[folder + shown] = data
        links.append((shown, words.get(ext, "%(size)s") % {"size": size(len(data))}))
    return links, files


def translated_page(
    document: Document,
    library: Library,
    vc: VersionControl,
    translated: dict[str, bytes],
    site_file: Callable[[str], str],
    current: Archived | None = None,
    proposal: bool = False,
    compare: bool = False,
) -> TranslatedPage | None:
    """The page of `document`'s translation, with its files from `translated` (the working
    text's, named by `site_file` as the original's are, with the language's code added) and a
    link back to the page in the original's language. `current`: the version in force that
    `document` is, when the page shows that, and `proposal` when changes to it are proposed;
    `compare` when the translation has comparison pages.
    None for a document in one language."""
    if document.translation is None:
        return None
    text = document.translation.document
    code = language_folder(document.translation.language)
    own = dataclasses.replace(vc, policy_owner=text.meta.policy_owner)
    folder = f"{code}/{document.id}/"
    _ = i18n.translator(text.meta.language)
    links, files = file_links(document, translated, site_file, folder)
    original = language_folder(document.meta.language)
    back = (f"{document.id}/", original, LANGUAGE_NAMES.get(original, original))
    banner = ""
    if current is not None:  # the version in force, as the original's page says
        banner = site_pages.macro("banners.html", "current", text.meta.language)(current, proposal)
    elif common.is_draft(text, own):  # "see what is changing" leads to its own
        draft = site_pages.macro("banners.html", "draft", text.meta.language)
        banner = draft(text, own, "changes/")  # its own What's changing
    page = site_pages.DocumentPages(text, library, own, {}, depth=1, banner=banner)
    return TranslatedPage(
        folder + "index.md",
        page.text_page(
            links  # then the document's other pages in this language, as the original's page
            + [
                ("changes/", _("What's changing")),
                ("history/", _("Version history")),
                *([("compare/", _("Compare versions"))] if compare else []),
                ("download/", _("Download this document as PDF or Word")),
            ]
        ),
        text.meta.language,
        text.meta.title,
        alternates(document),
        _("%(organisation)s policies") % {"organisation": text.meta.organisation},
        back,
        files,
    )


def home_page(
    library: Library, tables: list[tuple[Document, VersionControl]], proposals: dict, consulting
) -> TranslatedPage | None:
    """The home page in the first translation's language (`cy/index.md`): the documents that
    have that translation, each by its translated title, linked to its translated page. None
    when no document on the site has a translation. The English home page links to it."""
    texts: list[tuple[Document, VersionControl]] = []
    language = ""
    for document, vc in tables:
        translation = document.translation
        if translation is None or translation.language != (language or translation.language):
            continue
        language = translation.language
        text = translation.document
        texts.append((text, common.in_translation(vc, document)))
    if not texts:
        return None
    code = language_folder(language)
    _ = i18n.translator(language)
    organisation = texts[0][0].meta.organisation
    return TranslatedPage(
        f"{code}/index.md",
        site_pages.home_page(library, texts, proposals, consulting, language),
        language,
        _("Housing policies"),
        (("en-GB", ""), (language, f"{code}/")),
        _("%(organisation)s policies") % {"organisation": organisation},
        ("", "en", LANGUAGE_NAMES["en"]),
        {},
    )


def accessibility_page(library: Library, home: TranslatedPage) -> TranslatedPage:
    """The accessibility statement in the language of the translated `home` page
    (`cy/accessibility.md`), linked both ways with the English statement."""
    language = home.language
    code = language_folder(language)
    texts = [d.translation.document for d in library.documents if d.translation is not None]
    names = {t.meta.organisation for t in texts if t.meta.language == language}
    _ = i18n.translator(language)
    return TranslatedPage(
        f"{code}/accessibility.md",
        site_pages.accessibility_page(library, language, names.pop() if len(names) == 1 else ""),
        language,
        _("Accessibility statement"),
        (("en-GB", "accessibility/"), (language, f"{code}/accessibility/")),
        home.site_name,
        ("accessibility/", "en", LANGUAGE_NAMES["en"]),
        {},
    )


def history_page(
    document: Document,
    library: Library,
    vc: VersionControl,
    versions: list[Archived],
    proposal: bool,
) -> TranslatedPage | None:
    """Version history in the translation's language (`cy/<doc-id>/history.md`): the version
    control of `document`'s translation, and every approved version (`versions`), linked to its
    page in the original's language; the proposal first when there is one."""
    if document.translation is None:
        return None
    text = document.translation.document
    language = text.meta.language
    code = language_folder(document.translation.language)
    own = dataclasses.replace(vc, policy_owner=text.meta.policy_owner)
    label = common.short_version(vc, language) if proposal else ""
    rows = site_versions.versions_rows(versions, label, text.meta.approving_body, language)
    _ = i18n.translator(language)
    # a version approved before its translation was written has a page in the original's only
    english_only = {f"../{v.slug}/": v for v in versions if v.document.translation is None}
    up = f"../../../{document.id}/"
    rows = [
        [
            _in_original(c, up, _) if isinstance(c, Link) and c.href in english_only else c
            for c in row
        ]
        for row in rows
    ]
    original = language_folder(document.meta.language)
    return TranslatedPage(
        f"{code}/{document.id}/history.md",
        site_pages.DocumentPages(text, library, own, {}).history_page(rows),
        language,
        _("Version history") + f" \u2013 {text.meta.title}",
        alternates(document, "history/"),
        _("%(organisation)s policies") % {"organisation": text.meta.organisation},
        (f"{document.id}/history/", original, LANGUAGE_NAMES.get(original, original)),
        {},
    )


def _in_original(link: Link, up: str, _) -> Link:
    """A link to a version's page in the original's language, which says so."""
    text = _("%(version)s (in English only)") % {"version": link.text}
    return Link(up + link.href.removeprefix("../"), text, "en")
