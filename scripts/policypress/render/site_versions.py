"""The website's pages about versions: each approved version, the proposal, comparisons, downloads.

URLs (with MkDocs directory URLs):
    /<doc>/            the version in force (or the draft, before any approval)
    /<doc>/draft/      the proposal, when a draft is ahead of the version in force
    /<doc>/vX.Y/       every approved version, for ever, with its own PDF and Word files
    /<doc>/compare/    links to every comparison; /<doc>/compare/vA-to-vB/ one comparison
Files: /<doc>/<doc>.pdf is the version in force, /<doc>/draft/<doc>-proposed-2.0.pdf the proposal
(see siteplan.download_name); the download page names each one's version.
Clause anchors are the clause ids, so /<doc>/v1.0/#gifts and /<doc>/#gifts are the same clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

from policypress import i18n
from policypress.model import Document
from policypress.render import common
from policypress.render.site_html import Link, macro, render, size
from policypress.versions import Archived, pair_slug


@dataclass(frozen=True)
class Edition:
    """Something a reader can open and compare: an approved version or the proposal."""

    slug: str  # "v1.0" or "draft"
    label: str  # "version 1.0" or "the proposal"
    document: Document
    href: str  # from the document's folder, e.g. "v1.0/" or "draft/"


def version_banner(item: Archived, language: str = "en") -> Markup:
    """The banner of /<doc>/vX.Y/: which version this is and whether it is still in force."""
    return macro("banners.html", "version", language)(item)


def current_banner(item: Archived, proposal: bool, language: str = "en") -> Markup:
    return macro("banners.html", "current", language)(item, proposal)


def proposal_banner(current: Archived, approving_body: str, language: str = "en") -> Markup:
    return macro("banners.html", "proposal", language)(current, approving_body)


def version_links(item: Archived, compare: bool, language: str = "en") -> list[tuple[str, str]]:
    _ = i18n.translator(language)
    links = []
    for name, data in sorted(item.downloads.items(), key=lambda kv: kv[0].endswith(".docx")):
        text = (
            _("Download version %(version)s as a PDF (PDF, %(size)s)")
            if name.endswith(".pdf")
            else _("Download version %(version)s as a Word document (Word, %(size)s)")
        )
        links.append((name, text % {"version": item.approval.version, "size": size(len(data))}))
    links.append(("../history/", _("Version history")))
    if compare:
        links.append(("../compare/", _("Compare versions")))
    return links


def versions_rows(
    items: list[Archived], proposal: str = "", approving_body: str = "", language: str = "en"
) -> list[list]:
    """For the version history page (Version, Approval, Status): every version, its approval,
    whether it is in force, and a link to it; first the `proposal` ("Proposed version 2.0"), if
    there is one, to be approved by `approving_body`."""
    _ = i18n.translator(language)
    rows: list[list] = []
    if proposal:
        waiting = (
            _("Not yet approved; %(body)s will decide")
            % {"body": common.in_sentence(approving_body, language)}
            if common.named(approving_body)
            else _("Not yet approved")
        )
        rows.append([Link("../draft/", proposal), waiting, _("Not yet in force")])
    for item in reversed(items):
        a = item.approval
        until = (
            _("In force now")
            if item.replaced_by is None
            else _("Replaced on %(date)s")
            % {"date": common.long_date(item.replaced_by.date, language)}
        )
        approved = _("Approved by %(by)s on %(date)s") % {
            "by": common.approver(a.approved_by, language),
            "date": common.long_date(a.date, language),
        }
        rows.append(
            [
                Link(f"../{item.slug}/", _("Version %(version)s") % {"version": a.version}),
                approved,
                until,
            ]
        )
    return rows


def edition(item: Archived, language: str = "en") -> Edition:
    """An approved version as something to compare, named in `language`: "version 1.0"."""
    _ = i18n.translator(language)
    label = _("version %(version)s") % {"version": item.approval.version}
    return Edition(item.slug, label, item.document, f"{item.slug}/")


def compare_name(document: Document, old: Edition | None = None, new: Edition | None = None) -> str:
    """The name of a compare page, in the document's language: of the index without editions."""
    _ = i18n.translator(document.meta.language)
    if old is None or new is None:
        return _("Compare versions")
    return _("Changes from %(old)s to %(new)s") % {"old": old.label, "new": new.label}


def pairs(editions: list[Edition]) -> list[tuple[Edition, Edition]]:
    """The comparisons to build: every pair while there are few versions, else consecutive ones."""
    if len(editions) <= 8:
        return [(a, b) for i, a in enumerate(editions) for b in editions[i + 1 :]]
    return list(pairwise(editions))


def compare_index(document: Document, editions: list[Edition], chosen: list | None = None) -> str:
    """Links to every comparison; with a page for every pair, also two lists to pick any two
    (for browsers running scripts: assets/versions.js). `chosen`: the pairs to link to, when
    not every pair `pairs` gives (a translation's page: no lists to pick from)."""
    picker = chosen is None
    chosen = pairs(editions) if chosen is None else chosen
    language = document.meta.language
    _ = i18n.translator(language)
    heading = _("Compare versions: %(title)s")
    return render(
        "compare_index.html",
        language,
        heading=heading % {"title": document.meta.title},
        document=document,
        editions=editions,
        pairs=[(pair_slug(a.slug, b.slug), a, b) for a, b in chosen],
        picker=picker and len(chosen) > len(editions) - 1,
    )


def compare_page(
    document: Document,
    old: Edition,
    new: Edition,
    changes,
    original: str = "",
    beside: dict | None = None,
) -> str:
    """The changes from `old` to `new`, in the document's language. On a translation's page,
    the changes are the `original`'s (its language), with the translation's text `beside`."""
    language = document.meta.language
    _ = i18n.translator(language)
    heading = _("Changes from %(old)s to %(new)s: %(title)s") % {
        "old": old.label,
        "new": new.label,
        "title": document.meta.title,
    }
    return render(
        "compare.html",
        language,
        heading=heading,
        document=document,
        old=old,
        new=new,
        changes=changes,
        original=original,
        beside=beside or {},
    )


@dataclass(frozen=True)
class Downloads:
    """The working text's files, as the download page offers them."""

    label: str  # "Proposed version 2.0", or "Version 1.0" for approved text
    unapproved: bool
    sentence: str  # e.g. "Not yet approved by Cabinet; made from the text as it stands today."
    folder: str  # from the document's folder: "draft/" for a proposal, "" for a first draft
    files: dict[str, int]  # file name -> size in bytes


def _file_links(who: str, files, prefix: str, language: str = "en") -> list[tuple[str, str]]:
    """(href, link text) for each file, the PDF first: 'Download version 1.0 (in force since
    3 March 2026) as a PDF, for reading and printing (PDF, 120 KB)'."""
    _ = i18n.translator(language)
    links = []
    for name, length in sorted(files, key=lambda kv: kv[0].endswith(".docx")):
        text = (
            _("Download %(who)s as a PDF, for reading and printing (PDF, %(size)s)")
            if name.endswith(".pdf")
            else _("Download %(who)s as a Word document (Word, %(size)s)")
        )
        links.append((prefix + name, text % {"who": who, "size": size(length)}))
    return links


def download_page(
    document: Document,
    current: Archived | None,
    current_files: dict[str, int],
    draft: Downloads | None,
    items: list[Archived],
    language: str = "en",
    in_english: str = "",
) -> str:
    """Downloads: the version in force (at the document's address), the proposal (at its own)
    or the first draft, and every earlier version; each link says which version it is. In
    another `language` (a translation's page), `in_english` is the folder of the original's
    pages: a version with no files in the translation's language links to its page there."""
    _ = i18n.translator(language)
    in_force = []
    if current is not None:
        since = common.long_date(current.approval.date, language)
        who = _("version %(version)s (in force since %(date)s)") % {
            "version": current.approval.version,
            "date": since,
        }
        in_force = _file_links(who, current_files.items(), "../", language)
    proposed = []
    if draft is not None:
        who = draft.label[:1].lower() + draft.label[1:]
        who += " " + _("(not yet approved)") if draft.unapproved else ""
        proposed = _file_links(who, draft.files.items(), "../" + draft.folder, language)
    earlier = []
    for item in reversed(items):
        if item is current:
            continue
        a = item.approval
        until = common.long_date(item.replaced_by.date, language) if item.replaced_by else ""
        values = {"version": a.version, "date": until}
        who = (
            _("version %(version)s (replaced on %(date)s)") % values
            if until
            else _("version %(version)s") % values
        )
        files = [(n, len(data)) for n, data in item.downloads.items()]
        links = _file_links(who, files, f"../{item.slug}/", language)
        # a version with no files in this language: its page in the original's language
        page = f"{in_english}{item.slug}/" if in_english and not links else f"../{item.slug}/"
        earlier.append((item, until, links, page))
    return render(
        "download.html",
        language,
        heading=_("Download: %(title)s") % {"title": document.meta.title},
        in_english=in_english,
        document=document,
        current=current,
        in_force=in_force,
        draft=draft,
        proposed=proposed,
        earlier=earlier,
    )
