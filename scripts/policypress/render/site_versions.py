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

from policypress.model import Document
from policypress.render import common
from policypress.render.site_pages import change_list, e, md_escape, sizes, table
from policypress.versions import Archived, pair_slug


@dataclass(frozen=True)
class Edition:
    """Something a reader can open and compare: an approved version or the proposal."""

    slug: str  # "v1.0" or "draft"
    label: str  # "version 1.0" or "the proposal"
    document: Document
    href: str  # from the document's folder, e.g. "v1.0/" or "draft/"


def approved_line(item: Archived) -> str:
    a = item.approval
    return (f"version {e(a.version)}, approved by {e(a.approved_by)} on "
            f"{e(common.long_date(a.date))}")


def version_banner(item: Archived) -> str:
    """The banner of /<doc>/vX.Y/: which version this is and whether it is still in force."""
    text = f"This is {approved_line(item)}."
    if item.replaced_by is None:
        return f"<strong>{text}</strong> It is the current version."
    later = item.replaced_by
    return (f"<strong>{text}</strong> It was replaced on {e(common.long_date(later.date))} by "
            f"version {e(later.version)} — <a href=\"../\">read the current version</a>.")


def current_banner(item: Archived, proposal: bool) -> str:
    text = f"<strong>Version {e(item.approval.version)}</strong>, approved by " \
           f"{e(item.approval.approved_by)} on {e(common.long_date(item.approval.date))}. " \
           "This is the version in force."
    if proposal:
        text += (' Changes to it are proposed: <a href="draft/">read the proposed version</a> '
                 'and <a href="changes/">see what is changing</a>.')
    return text


def proposal_banner(current: Archived, approving_body: str) -> str:
    return (f"<strong>Proposal.</strong> This text is proposed to replace version "
            f"{e(current.approval.version)} and is not in force until {e(approving_body)} "
            'approves it. <a href="../changes/">See what is changing</a> or '
            '<a href="../">read the version in force</a>.')


def version_links(item: Archived, compare: bool) -> list[tuple[str, str]]:
    links = [(name, f"Download version {item.approval.version} as "
              f"{'a PDF' if name.endswith('.pdf') else 'a Word document'} "
              f"({'PDF' if name.endswith('.pdf') else 'Word'}, {sizes(path.stat().st_size)})")
             for name, path in sorted(item.downloads.items(), key=lambda kv: kv[0].endswith(".docx"))]
    links.append(("../history/", "Version history"))
    if compare:
        links.append(("../compare/", "Compare versions"))
    return links


def versions_section(items: list[Archived], proposal: bool) -> str:
    """For the version history page: every version, when it was in force, and a link to it."""
    rows = []
    for item in reversed(items):
        a = item.approval
        until = ("In force now" if item.replaced_by is None
                 else f"Replaced on {common.long_date(item.replaced_by.date)}")
        rows.append([f'<a href="../{e(item.slug)}/">Version {e(a.version)}</a>', e(a.approved_by),
                     e(common.long_date(a.date)), e(until)])
    if proposal:
        rows.insert(0, ['<a href="../draft/">Proposed version</a>', "Not yet approved", "", "Proposal"])
    if not rows:
        return ""
    return ("## Every version {#versions}\n\n<p>Each approved version stays here at its own address, "
            "so you can read and quote the version that applied on any date.</p>\n\n"
            + table("Every version", ["Version", "Approved by", "Approved on", "In force"], rows,
                    escape=False))


def pairs(editions: list[Edition]) -> list[tuple[Edition, Edition]]:
    """The comparisons to build: every pair while there are few versions, else consecutive ones."""
    if len(editions) <= 8:
        return [(a, b) for i, a in enumerate(editions) for b in editions[i + 1:]]
    return list(zip(editions, editions[1:]))


def compare_index(document: Document, editions: list[Edition]) -> str:
    items = "".join(
        f'<li><a href="{pair_slug(a.slug, b.slug)}/">Compare {e(a.label)} with {e(b.label)}</a></li>'
        for a, b in pairs(editions))
    return (f"# Compare versions: {md_escape(document.meta.title)}\n\n"
            "<p>Choose two versions to see what changed between them, clause by clause. Words "
            "that were added are underlined; words that were removed are crossed out.</p>\n\n"
            + (picker(editions) if len(pairs(editions)) > len(editions) - 1 else "")
            + f'<ul class="pp-compare">{items}</ul>\n')


def picker(editions: list[Edition]) -> str:
    """Two lists to pick any two versions, for browsers running scripts (the links below it
    do the same without). Shown only when a page exists for every pair."""
    options = "".join(f'<option value="{n}">{e(ed.label[0].upper() + ed.label[1:])}</option>'
                      for n, ed in enumerate(editions))
    slugs = ",".join(ed.slug for ed in editions)
    return (f'<form class="pp-picker" data-slugs="{e(slugs)}" hidden markdown="0">'
            f'<p><label for="pp-from">From</label> <select id="pp-from">{options}</select></p>'
            f'<p><label for="pp-to">To</label> <select id="pp-to">{options}</select></p>'
            '<p><button type="submit" class="md-button">Compare these versions</button></p>'
            '<p class="pp-picker-status" role="status"></p></form>\n\n'
            "<script>(() => {\n"
            "  const form = document.querySelector('.pp-picker');\n"
            "  if (!form) return;\n"
            "  const slugs = form.dataset.slugs.split(',');\n"
            "  const from = form.querySelector('#pp-from'), to = form.querySelector('#pp-to');\n"
            "  to.value = String(slugs.length - 1);\n"
            "  form.hidden = false;\n"
            "  form.addEventListener('submit', (event) => {\n"
            "    event.preventDefault();\n"
            "    const a = Number(from.value), b = Number(to.value);\n"
            "    if (a === b) {\n"
            "      form.querySelector('.pp-picker-status').textContent = 'Choose two different versions.';\n"
            "      return;\n"
            "    }\n"
            "    const [older, newer] = a < b ? [a, b] : [b, a];\n"
            "    window.location.href = slugs[older] + '-to-' + slugs[newer] + '/';\n"
            "  });\n"
            "})();</script>\n\n")


def compare_page(document: Document, old: Edition, new: Edition, changes) -> str:
    intro = (f'<p>From <a href="../../{e(old.href)}">{e(old.label)}</a> to '
             f'<a href="../../{e(new.href)}">{e(new.label)}</a>. Words that were added are '
             "underlined; words that were removed are crossed out.</p>")
    body = change_list(changes) if changes else "<p>The text did not change between these versions.</p>"
    return (f"# Changes from {md_escape(old.label)} to {md_escape(new.label)}: "
            f"{md_escape(document.meta.title)}\n\n{intro}\n\n{body}\n\n"
            '<p><a href="../">Compare other versions</a></p>\n')


def download_page(document: Document, current: Archived | None, draft: dict[str, int] | None,
                  items: list[Archived], draft_label: str) -> str:
    """Downloads: the version in force, the proposal (if shown), and every earlier version."""

    def links(files: list[tuple[str, int]], who: str, prefix: str) -> str:
        out = []
        for name, size in sorted(files, key=lambda kv: kv[0].endswith(".docx")):
            pdf = name.endswith(".pdf")
            what = "a PDF, for reading and printing" if pdf else "a Word document"
            out.append(f'<li><a href="{e(prefix + name)}" download>Download {who} as {what} '
                       f"({'PDF' if pdf else 'Word'}, {sizes(size)})</a></li>")
        return "<ul>" + "".join(out) + "</ul>"

    parts = [f"# Download: {md_escape(document.meta.title)}\n\n"]
    if current is not None:
        files = [(n, p.stat().st_size) for n, p in current.downloads.items()]
        parts.append(f"## Version in force {{#current}}\n\n<p>Version {e(current.approval.version)}, "
                     f"approved on {e(common.long_date(current.approval.date))}.</p>"
                     + links(files, f"version {current.approval.version}", f"../{current.slug}/") + "\n\n")
    if draft is not None:
        heading = "Proposed version" if current is not None else "This draft"
        parts.append(f"## {heading} {{#proposal}}\n\n<p>{e(draft_label)}</p>"
                     + links(list(draft.items()), "the proposed version" if current else "the draft", "../")
                     + "\n\n")
    earlier = [item for item in reversed(items) if item is not current]
    if earlier:
        lis = "".join(f'<li><a href="../{e(i.slug)}/">Version {e(i.approval.version)}, approved on '
                      f"{e(common.long_date(i.approval.date))}</a></li>" for i in earlier)
        parts.append("## Earlier versions {#earlier}\n\n<p>Each earlier version has its own PDF "
                     f"and Word files on its page.</p><ul>{lis}</ul>\n")
    if len(parts) == 1:
        parts.append("<p>No downloads were built for this document.</p>\n")
    return "".join(parts)
