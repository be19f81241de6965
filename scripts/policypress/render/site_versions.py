"""The website's pages about versions: each approved version, the proposal, comparisons, downloads.

URLs (with MkDocs directory URLs):
    /<doc>/            the version in force (or the draft, before any approval)
    /<doc>/draft/      the proposal, when a draft is ahead of the version in force
    /<doc>/vX.Y/       every approved version, for ever, with its own PDF and Word files
    /<doc>/compare/    links to every comparison; /<doc>/compare/vA-to-vB/ one comparison
Clause anchors are the clause ids, so /<doc>/v1.0/#gifts and /<doc>/#gifts are the same clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

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


def version_banner(item: Archived) -> Markup:
    """The banner of /<doc>/vX.Y/: which version this is and whether it is still in force."""
    return macro("banners.html", "version")(item)


def current_banner(item: Archived, proposal: bool) -> Markup:
    return macro("banners.html", "current")(item, proposal)


def proposal_banner(current: Archived, approving_body: str) -> Markup:
    return macro("banners.html", "proposal")(current, approving_body)


def version_links(item: Archived, compare: bool) -> list[tuple[str, str]]:
    links = []
    for name, data in sorted(item.downloads.items(), key=lambda kv: kv[0].endswith(".docx")):
        what, kind = ("a PDF", "PDF") if name.endswith(".pdf") else ("a Word document", "Word")
        text = f"Download version {item.approval.version} as {what} ({kind}, {size(len(data))})"
        links.append((name, text))
    links.append(("../history/", "Version history"))
    if compare:
        links.append(("../compare/", "Compare versions"))
    return links


def versions_rows(items: list[Archived], proposal: bool) -> list[list]:
    """For the version history page: every version, when it was in force, and a link to it."""
    rows: list[list] = []
    if proposal:
        rows.append([Link("../draft/", "Proposed version"), "Not yet approved", "", "Proposal"])
    for item in reversed(items):
        a = item.approval
        until = (
            "In force now"
            if item.replaced_by is None
            else f"Replaced on {common.long_date(item.replaced_by.date)}"
        )
        rows.append(
            [
                Link(f"../{item.slug}/", f"Version {a.version}"),
                a.approved_by,
                common.long_date(a.date),
                until,
            ]
        )
    return rows


def pairs(editions: list[Edition]) -> list[tuple[Edition, Edition]]:
    """The comparisons to build: every pair while there are few versions, else consecutive ones."""
    if len(editions) <= 8:
        return [(a, b) for i, a in enumerate(editions) for b in editions[i + 1 :]]
    return list(pairwise(editions))


def compare_index(document: Document, editions: list[Edition]) -> str:
    """Links to every comparison; with a page for every pair, also two lists to pick any two
    (for browsers running scripts: assets/versions.js)."""
    chosen = pairs(editions)
    return render(
        "compare_index.html",
        document=document,
        editions=editions,
        pairs=[(pair_slug(a.slug, b.slug), a, b) for a, b in chosen],
        picker=len(chosen) > len(editions) - 1,
    )


def compare_page(document: Document, old: Edition, new: Edition, changes) -> str:
    return render("compare.html", document=document, old=old, new=new, changes=changes)


def download_page(
    document: Document,
    current: Archived | None,
    draft: dict[str, int] | None,
    items: list[Archived],
    draft_label: str,
) -> str:
    """Downloads: the version in force, the proposal (if shown), and every earlier version."""

    def pdf_first(files) -> list[tuple[str, int]]:
        return sorted(files, key=lambda kv: kv[0].endswith(".docx"))

    current_files = (
        pdf_first((n, len(data)) for n, data in current.downloads.items()) if current else []
    )
    return render(
        "download.html",
        document=document,
        current=current,
        current_files=current_files,
        draft=None if draft is None else pdf_first(draft.items()),
        draft_label=draft_label,
        earlier=[item for item in reversed(items) if item is not current],
    )
