"""The website's pages, as Markdown with HTML blocks, generated from the model.

Every piece of source text goes through `html.escape` (in `spans`) or `md_escape` (in headings)
where it lands, so nothing typed in content becomes markup. Headings are Markdown so that MkDocs
builds the table of contents and search index from them; clause bodies are HTML blocks.
"""

from __future__ import annotations

import html
import re

from policypress.model import (
    Block,
    Clause,
    Document,
    Library,
    Paragraph,
    Point,
    Quote,
    Section,
    Span,
    VersionControl,
)
from policypress.render import common

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|&])")


def md_escape(text: str) -> str:
    return MD_SPECIAL.sub(r"\\\1", text)


def e(text: str) -> str:
    return html.escape(text, quote=True)


def spans(items: tuple[Span, ...], numbers: dict[str, str]) -> str:
    out = []
    for span in items:
        if span.kind == "text":
            out.append(e(span.text))
        elif span.kind == "em":
            out.append(f"<em>{spans(span.children, numbers)}</em>")
        elif span.kind == "strong":
            out.append(f"<strong>{spans(span.children, numbers)}</strong>")
        elif span.kind == "code":
            out.append(f"<code>{e(span.text)}</code>")
        elif span.kind == "break":
            out.append("<br>")
        elif span.kind == "link":
            out.append(f'<a href="{e(span.target)}">{spans(span.children, numbers)}</a>')
        elif span.kind == "ref":
            number = numbers.get(span.target, span.target)
            out.append(f'<a href="#{e(span.target)}">{e(number)}</a>')
    return "".join(out)


def blocks(items: tuple[Block, ...], numbers: dict[str, str]) -> str:
    """Prose as HTML: paragraphs, nested lists (numbered from the number typed first) and
    quotations, in source order."""
    out = []
    for block in items:
        if isinstance(block, Paragraph):
            out.append(f"<p>{spans(block.text.spans, numbers)}</p>")
        elif isinstance(block, Quote):
            out.append(f"<blockquote>{blocks(block.blocks, numbers)}</blockquote>")
        else:
            tag = "ol" if block.ordered else "ul"
            start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
            lis = "".join(f"<li>{spans(i.text.spans, numbers)}{blocks(i.blocks, numbers)}</li>"
                          for i in block.items)
            out.append(f"<{tag}{start}>{lis}</{tag}>")
    return "".join(out)


def sizes(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def table(caption: str, header: list[str], rows: list[list[str]], escape: bool = True) -> str:
    """A table in a keyboard-focusable scroll region, so it reflows on narrow screens."""
    cell = e if escape else (lambda text: text)
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in header)
    body = "".join(
        "<tr>" + f'<th scope="row">{cell(row[0])}</th>' + "".join(f"<td>{cell(c)}</td>" for c in row[1:]) + "</tr>"
        for row in rows)
    return (f'<div class="pp-table" role="region" aria-label="{e(caption)}" tabindex="0">'
            f'<table class="pp-grid"><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>\n\n")


class DocumentPages:
    """The pages of one document: the text, what's changing, version history, downloads."""

    def __init__(self, document: Document, library: Library, vc: VersionControl,
                 downloads: dict[str, int], report=None, depth: int = 0, banner: str = ""):
        self.report = report
        self.d = document
        self.library = library
        self.vc = vc
        self.downloads = downloads  # file name -> size in bytes
        self.up = "../" * depth  # from this page's folder to the document's, e.g. from v1.0/
        self.banner = banner  # replaces the status banner (archived versions, the proposal)

    # -- the document ------------------------------------------------------------------------
    def status_banner(self) -> str:
        if self.banner:
            return f'<div class="pp-banner" markdown="0"><p>{self.banner}</p></div>\n\n'
        if common.is_draft(self.d, self.vc):
            approved = (f" The version in force is {e(self.vc.version)}, approved on "
                        f"{e(common.long_date(self.vc.approval_date))}." if self.vc.approval_date else "")
            text = (f"<strong>Draft.</strong> This text is a proposal and is not yet approved by "
                    f"{e(self.d.meta.approving_body)}.{approved} "
                    '<a href="changes/">See what is changing</a>.')
        else:
            text = (f"<strong>Version {e(self.vc.version)}</strong>, approved by "
                    f"{e(self.vc.approved_by)} on {e(common.long_date(self.vc.approval_date))}.")
        return f'<div class="pp-banner" markdown="0"><p>{text}</p></div>\n\n'

    def text_page(self, links: list[tuple[str, str]] | None = None, title: str = "") -> str:
        """The document's text. `links` (href, text) replace the usual links under the summary."""
        meta = self.d.meta
        links = links or [(f"{self.up}changes/", "What's changing"),
                          (f"{self.up}history/", "Version history"),
                          (f"{self.up}download/", "Download this document as PDF or Word")]
        items = "".join(f'<li><a href="{e(href)}">{e(text)}</a></li>' for href, text in links)
        parts = [f"# {md_escape(title or meta.title)}\n\n", self.status_banner(),
                 f'<p class="pp-summary">{e(meta.summary)}</p>\n\n',
                 f'<nav class="pp-doc-links" aria-label="About this document"><ul>{items}</ul></nav>\n\n']
        for section in self.d.sections + self.d.appendices:
            parts.append(self.section(section))
        return "".join(parts)

    def section(self, section: Section) -> str:
        n = self.d.numbers
        level = "#" * min(section.level + 1, 6)
        out = [f"{level} {md_escape(section.heading)} {{#{section.id}}}\n\n"]
        for lead, title, names in common.standards_lines(section, self.library):
            key = next(f.key for f in self.library.frameworks if f.title == title)
            links = [f'<a href="{self.up}../standards/#{e(key)}-{e(_slug(name))}">{e(name)}</a>'
                     for name in (link.name for link in section.standards if link.framework == key)]
            out.append(f'<p class="pp-standards">{e(lead)} <a href="{self.up}../standards/#{e(key)}">'
                       f"{e(title)}</a>: {common.join_names(links)}</p>\n\n")
        if section.principle:
            first, rest = section.principle[0], section.principle[1:]
            text = spans(first.text.spans, n) if isinstance(first, Paragraph) else ""
            if not isinstance(first, Paragraph):
                rest = section.principle
            out.append(f'<div class="pp-principle"><p><strong>Main principle:</strong> {text}</p>'
                       f"{blocks(rest, n)}</div>\n\n")
        if section.intro:
            out.append(blocks(section.intro, n) + "\n\n")
        if section.lead_in:
            out.append(f'<p class="pp-lead-in">{spans(section.lead_in.spans, n)}</p>\n\n')
        if section.points:
            out.append(self.points(section.points, section.number) + "\n\n")
        if section.closing:
            out.append(blocks(section.closing, n) + "\n\n")
        for clause in section.clauses:
            out.append(self.clause(clause))
        for group in section.groups:
            out.append(f"{'#' * min(section.level + 2, 6)} {md_escape(group.audience)} {{#{group.id}}}\n\n")
            for clause in group.clauses:
                out.append(self.clause(clause))
        if section.kind == "version-control":
            out.append(self.version_tables())
        elif section.kind == "associated-policies":
            items = "".join(
                f'<li><a href="{e(p.url)}">{e(p.title)}</a></li>' if p.url else f"<li>{e(p.title)}</li>"
                for p in self.d.associated_policies)
            out.append(f"<ul>{items}</ul>\n\n")
        for sub in section.sections:
            out.append(self.section(sub))
        return "".join(out)

    def clause(self, clause: Clause) -> str:
        text = spans(clause.text.spans, self.d.numbers) if clause.text else ""
        link = (f'<a class="pp-number" href="#{e(clause.id)}" '
                f'aria-label="Clause {e(clause.number)}: link to this clause">{e(clause.number)}</a>')
        points = self.points(clause.points, clause.number) if clause.points else ""
        body = blocks(clause.more, self.d.numbers) + points + blocks(clause.closing, self.d.numbers)
        return f'<div class="pp-clause" id="{e(clause.id)}">{link}<div class="pp-body"><p>{text}</p>{body}</div></div>\n\n'

    def points(self, points: tuple[Point, ...], parent: str) -> str:
        bullets = [p for p in points if not p.number]
        numbered = [p for p in points if p.number]
        out = ""
        for items, tag in ((bullets, "ul"), (numbered, "ol")):
            if not items:
                continue
            lis = []
            for p in items:
                where = self.d.numbers.get(p.id, parent)
                anchor = (f' <a class="pp-anchor" href="#{e(p.id)}" '
                          f'aria-label="Link to this point in {e(where)}">link</a>')
                inner = self.points(p.points, where) if p.points else ""
                marker = f'<span class="pp-marker">{e(p.number)}</span> ' if p.number else ""
                lis.append(f'<li id="{e(p.id)}">{marker}{spans(p.text.spans, self.d.numbers)}{anchor}{inner}</li>')
            css = ' class="pp-numbered"' if tag == "ol" else ""
            out += f"<{tag}{css}>{''.join(lis)}</{tag}>"
        return out

    # -- version history, changes, downloads -------------------------------------------------
    def version_tables(self) -> str:
        notice = f'<p class="pp-notice"><strong>{e(self.vc.notice)}</strong></p>\n\n' if self.vc.notice else ""
        fields = [list(f) for f in common.version_fields(self.d, self.vc)]
        rows = [[d, v, s, w] for d, v, s, w in common.control_rows(self.vc)] or [["", "", "No changes recorded yet.", ""]]
        return (notice + table("Version control", ["Item", "Details"], fields)
                + table("Document controls sheet", ["Date", "Version", "Summary of change", "Author and approver"], rows))

    def history_page(self) -> str:
        return (f"# Version history: {md_escape(self.d.meta.title)}\n\n"
                "Every change to this document, newest first, taken from its records.\n\n"
                + self.version_tables())

    def changes_page(self) -> str:
        title = f"# What's changing: {md_escape(self.d.meta.title)}\n\n"
        report = self.report
        if not self.vc.approval_date:
            pending = [r for r in self.vc.rows if r.version == "Draft"]
            items = "".join(f"<li>{e(common.long_date(r.date) or 'Not yet saved')}: {e(r.summary)}</li>"
                            for r in pending) or "<li>No changes recorded yet.</li>"
            body = ("<p>This document has not been approved yet, so all of it is proposed. "
                    f"These are the changes made to the draft so far:</p><ul>{items}</ul>")
        elif report is None or not report.changes:
            return title + (f"<p>There are no changes since version {e(self.vc.version)} was "
                            f"approved on {e(common.long_date(self.vc.approval_date))}.</p>\n")
        else:
            body = (f"<p>These changes are proposed to version {e(self.vc.version)}, approved on "
                    f"{e(common.long_date(self.vc.approval_date))}. They are not in force until "
                    f"{e(self.d.meta.approving_body)} approves them. Words that would be added are "
                    "underlined; words that would be removed are crossed out.</p>")
            body += change_list(report.changes)
            if report.consultation_required:
                body += ("<p>Because some of these changes are important, we will consult tenants "
                         "before they are approved.</p>")
        say = f"<p>If you would like to comment on these changes, please contact {e(self.d.meta.policy_owner)}.</p>"
        if report is not None and report.open_consultation:
            c = report.open_consultation
            say = (f"<p>We are consulting tenants on these changes: {e(c.title)}, from "
                   f"{e(common.long_date(c.opened))}"
                   + (f" to {e(common.long_date(c.closed))}" if c.closed else "") + ".</p>"
                   + (f"<p>{e(c.how_to_respond)}</p>" if c.how_to_respond else say))
        return title + body + f'<h2 id="have-your-say">Have your say</h2>{say}\n'

    def download_page(self) -> str:
        labels = {".pdf": ("PDF", "the PDF, for reading and printing"),
                  ".docx": ("Word", "the Word document")}
        items = []
        for name, size in sorted(self.downloads.items(), key=lambda kv: kv[0].endswith(".docx")):
            suffix = name[name.rfind("."):]
            kind, what = labels.get(suffix, (suffix.upper(), "the file"))
            items.append(f'<li><a href="../{e(name)}" download>Download {what} '
                         f"({kind}, {sizes(size)})</a></li>")
        body = "".join(items) or "<li>No downloads were built for this version.</li>"
        return (f"# Download: {md_escape(self.d.meta.title)}\n\n"
                f"<p>Version {e(self.vc.version)}, {e(common.status_label(self.d, self.vc).lower())}.</p>"
                f"<ul>{body}</ul>\n")


def change_list(changes) -> str:
    """The changes, clause by clause, each with its weight, reasons and the changed words marked."""
    from policypress.render.changes_log import KIND, marked_html

    items = []
    for change in changes:
        weight = "Important change" if change.significance == "significant" else "Small wording change"
        why = "; ".join(change.reasons)
        items.append(
            f'<li class="pp-change"><p><strong>{e(change.number or change.label)}</strong>: '
            f"{e(KIND[change.kind].lower())}. {weight}: {e(why)}.</p>"
            f'<p class="pp-marked">{marked_html(change.before, change.after)}</p></li>')
    return f'<ul class="pp-changes">{"".join(items)}</ul>'


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def home_page(library: Library, tables: list[tuple[Document, VersionControl]]) -> str:
    rows = []
    for document, vc in tables:
        last = vc.rows[0] if vc.rows else None
        change = f"{common.long_date(last.date)}: {last.summary}" if last else "No changes recorded yet."
        rows.append([f'<a href="{e(document.id)}/">{e(document.meta.title)}</a>',
                     e(common.status_label(document, vc)), e(vc.version), e(change)])
    listing = (table("Our documents", ["Document", "Status", "Version", "Last change"], rows, escape=False)
               if rows else "<p>No documents are published yet.</p>\n\n")
    return ("# Housing policies\n\n"
            "<p>These are our housing policies and codes. Each one shows whether it is approved or "
            "still a draft, and what is changing.</p>\n\n"
            + listing
            + '<p><a href="standards/">How our documents link to professional standards and the '
              "principles of public life</a></p>\n")


def standards_page(library: Library) -> str:
    out = ["# Standards and principles\n\n",
           "<p>Our documents link their sections to the Chartered Institute of Housing (CIH) "
           "professional standards and to the seven principles of public life. This page lists "
           "them and shows which sections link to each one.</p>\n\n"]
    for framework in library.frameworks:
        out.append(f"## {md_escape(framework.title[0].upper() + framework.title[1:])} {{#{framework.key}}}\n\n")
        items = "".join(f'<dt id="{e(framework.key)}-{e(_slug(s.name))}">{e(s.name)}</dt><dd>{e(s.description)}</dd>'
                        for s in framework.standards)
        out.append(f"<dl>{items}</dl>\n\n")
    out.append("## Which sections link to which standards {#matrix}\n\n")
    for document in library.documents:
        sections = [s for s in document.all_sections() if s.kind == "text"]
        for framework in library.frameworks:
            header = ["Section"] + list(framework.names())
            rows = [[s.heading] + ["Yes" if any(l.framework == framework.key and l.name == name
                                                            for l in s.standards) else "No"
                                               for name in framework.names()] for s in sections]
            out.append(table(f"{document.meta.title}: {framework.title}", header, rows))
    return "".join(out)
