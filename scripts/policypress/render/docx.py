"""The approval DOCX for cabinet, written with python-docx on the Word template `docx/reference.docx`
(the package's, or the council's in `themes/`: see policypress.themes).

Numbers are written as text from the model (Word's own list numbering is used only for bullets),
so nothing is numbered twice. What python-docx cannot do (fields, bookmarks, hyperlinks, tracked
changes, repeating header rows) is written as OOXML here, in small helpers.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from docx import Document as open_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from policypress import themes
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

THEME = "docx/reference.docx"  # looked up with themes.find on each render


class _Writer:
    def __init__(self, document: Document, library: Library, vc: VersionControl,
                 report=None, redline: bool = False):
        self.document = document
        self.library = library
        self.vc = vc
        self.report = report
        self.redline = redline and report is not None
        self.changed = {c.id: c for c in report.changes} if report is not None else {}
        self.docx = open_docx(str(themes.find(THEME)))
        self.body_ids = 0
        self.revision_ids = 0
        latest = next((r for r in vc.rows if r.author != "—"), None)
        self.author = latest.author if latest else document.meta.policy_owner
        self.date = latest.date if latest else vc.edition_date
        self._styles: dict = {}
        self._defaults: dict = {}

    def para(self, style: str, text: str = "") -> DocxParagraph:
        """A new paragraph in the style called `style`. The style's id is looked up once:
        python-docx searches every style (twice) on each assignment, which was most of the
        time of a long document."""
        if style not in self._styles:
            styles = self.docx.styles
            found = styles[style]
            if found.type not in self._defaults:  # finding the default reads every style
                self._defaults[found.type] = styles.default(found.type)
            self._styles[style] = None if found == self._defaults[found.type] else found.style_id
        paragraph = self.docx.add_paragraph()
        if self._styles[style]:  # a new paragraph has no properties yet: add them first
            properties, name = OxmlElement("w:pPr"), OxmlElement("w:pStyle")
            name.set(qn("w:val"), self._styles[style])
            properties.append(name)
            paragraph._p.insert(0, properties)
        if text:
            self.run(paragraph, text)
        return paragraph

    # -- inline ------------------------------------------------------------------------------
    def spans(self, paragraph: DocxParagraph, spans: tuple[Span, ...], bold: bool = False,
              italic: bool = False, into=None) -> None:
        for span in spans:
            if span.kind == "text":
                self.run(paragraph, span.text, bold, italic, into)
            elif span.kind == "em":
                self.spans(paragraph, span.children, bold, True, into)
            elif span.kind == "strong":
                self.spans(paragraph, span.children, True, italic, into)
            elif span.kind == "code":
                self.run(paragraph, span.text, bold, italic, into, font="Consolas")
            elif span.kind == "break":
                self.run(paragraph, "\n", bold, italic, into)
            elif span.kind == "link":
                link = self.hyperlink(paragraph, url=span.target)
                self.spans(paragraph, span.children, bold, italic, into=link)
            elif span.kind == "ref":
                link = self.hyperlink(paragraph, anchor=_bookmark(span.target))
                number = self.document.numbers.get(span.target, span.target)
                self.run(paragraph, number, bold, italic, into=link)

    def run(self, paragraph: DocxParagraph, text: str, bold: bool = False, italic: bool = False,
            into=None, font: str | None = None) -> None:
        run = paragraph.add_run(text) if "\n" in text or "\r" in text else _plain_run(paragraph, text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if font:
            run.font.name = font
        if into is not None:  # move the run inside a <w:hyperlink>
            rpr = run._r.get_or_add_rPr()
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), "Hyperlink")
            rpr.insert(0, style)
            into.append(run._r)

    def hyperlink(self, paragraph: DocxParagraph, url: str = "", anchor: str = ""):
        link = OxmlElement("w:hyperlink")
        if url:
            link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
        else:
            link.set(qn("w:anchor"), anchor)
        paragraph._p.append(link)
        return link

    def bookmark(self, paragraph: DocxParagraph, item_id: str, name: str = "") -> None:
        self.body_ids += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.body_ids))
        start.set(qn("w:name"), name or _bookmark(item_id))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.body_ids))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    # -- blocks ------------------------------------------------------------------------------
    def cover(self) -> None:
        meta = self.document.meta
        d = self.docx
        self.para("Cover Organisation", meta.organisation)
        self.para("Title", meta.title)
        self.para("Subtitle", meta.document_type)
        if self.redline:
            self.para("Cover Status", "Tracked changes")
            what = self.tracked_what()
            self.para("Notice", f"{what[0].upper()}{what[1:]}, as Word tracked changes.")
        if common.is_draft(self.document, self.vc):
            self.para("Cover Status", "DRAFT")
            d.add_paragraph(f"This is a draft for approval by {meta.approving_body}. "
                            "It is not yet in force.", style="Notice")
        for label, value in (("Version", self.vc.version), ("Status", common.status_label(self.document, self.vc)),
                             ("Date", common.long_date(self.vc.edition_date)),
                             ("Policy owner", meta.policy_owner)):
            paragraph = self.para("Cover Detail")
            self.run(paragraph, f"{label}: ", bold=True)
            self.run(paragraph, value)
        if self.vc.notice:
            self.para("Notice", self.vc.notice)
        d.add_page_break()
        self.para("Contents Heading", "Contents")
        self.contents()
        d.add_page_break()
        self.changes_summary()

    def tracked_what(self) -> str:
        """What a redline shows, in words: "the proposed text with every change since version
        1.0 marked" (the approval's label without its git tag, which no reader needs)."""
        label = self.report.from_label.split(" (")[0]
        if label.startswith("nothing"):
            return "the proposed text, all of it new, marked as added"
        return f"the proposed text with every change since {label} marked"

    def changes_summary(self) -> None:
        """For cabinet: what changed since the last approved version, and the consultation."""
        report = self.report
        if report is None:
            return
        from policypress.render.changes_log import KIND, header_lines

        d = self.docx
        self.para("Contents Heading", "Changes since the last approved version")
        for line in header_lines(report):
            d.add_paragraph(line)
        if report.covering:
            c = report.covering
            self.para("Lead-in", "Consultation summary").runs[0].bold = True
            for label, value in (("Consultation", c.title), ("Dates", f"{c.opened} to {c.closed}"),
                                 ("Who was consulted", ", ".join(c.consulted)), ("How", c.method),
                                 ("Responses", "" if c.responses is None else str(c.responses)),
                                 ("What people said", c.summary), ("Our response", c.response)):
                if value:
                    paragraph = d.add_paragraph()
                    self.run(paragraph, f"{label}: ", bold=True)
                    self.run(paragraph, value)
        if not self.vc.approval_date:
            d.add_paragraph("This is the first version put forward for approval: all of its text is new.")
        elif report.changes:
            self.table(["Where", "Change", "Why"],
                       [(c.number or c.label, f"{KIND[c.kind]} ({c.significance})", "; ".join(c.reasons))
                        for c in report.changes], widths=(2.5, 3.5, 10.0))
        d.add_page_break()

    def contents(self) -> None:
        """A TOC field holding, as its result, one entry per heading the PDF's contents (its
        outline) has, in the same order, each a link to its heading. The field is not marked
        for updating, so Word opens the file without asking; "Update Field" adds page numbers."""
        entries = list(self.headings())
        levels = max(level for level, _, _ in entries)
        for index, (level, text, anchor) in enumerate(entries):
            paragraph = self.para(f"toc {min(level, 3)}")
            if index == 0:
                _field_start(paragraph, f'TOC \\o "1-{levels}" \\h \\z \\u')
            self.run(paragraph, text, into=self.hyperlink(paragraph, anchor=anchor))
        paragraph = self.para("Normal")  # part of the field's result: gone once Word updates it
        self.run(paragraph, PAGE_NUMBERS, italic=True)
        paragraph._p.append(_fld_char("end"))

    def headings(self):
        """(level, text, bookmark) of every heading, in reading order, as section() writes them."""
        def walk(section: Section):
            yield section.level, section.heading, _bookmark(section.id)
            for group in section.groups:
                yield section.level + 1, group.audience, _bookmark(group.id)
            if section.kind == "version-control":
                yield 2, CONTROLS, CONTROLS_BOOKMARK
            for sub in section.sections:
                yield from walk(sub)

        for section in self.document.sections + self.document.appendices:
            yield from walk(section)

    def header_footer(self) -> None:
        meta = self.document.meta
        section = self.docx.sections[0]
        header = section.header.paragraphs[0]
        tracked = " · tracked changes" if self.redline else ""
        header.text = f"{meta.title}{tracked} · {common.running_status(self.document, self.vc)}"
        header.runs[0].font.size = Pt(9)
        footer = section.footer.paragraphs[0]
        footer.add_run("Page ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")
        for run in footer.runs:
            run.font.size = Pt(9)

    def section(self, section: Section) -> None:
        heading = self.para(f"Heading {min(section.level, 6)}", section.heading)
        self.bookmark(heading, section.id)
        for lead, title, names in common.standards_lines(section, self.library):
            paragraph = self.para("Standards")
            self.run(paragraph, f"{lead} ", italic=True)
            url = next((f.url for f in self.library.frameworks if f.title == title), "")
            if url:
                self.run(paragraph, title, italic=True, into=self.hyperlink(paragraph, url=url))
            else:
                self.run(paragraph, title, italic=True)
            self.run(paragraph, f": {names}", italic=True)
        if section.principle:
            paragraph = self.para("Lead-in")
            self.run(paragraph, "Main principle: ", bold=True)
            if not self.tracked_change(paragraph, f"{section.id}:principle"):
                self.blocks(section.principle, first=paragraph)
        self.blocks(section.intro)
        if section.lead_in:
            self.text(self.para("Lead-in"), f"{section.id}:lead-in", section.lead_in)
        self.points(section.points)
        self.blocks(section.closing)
        for clause in section.clauses:
            self.clause(clause)
        for group in section.groups:
            heading = self.para(f"Heading {min(section.level + 1, 6)}", group.audience)
            self.bookmark(heading, group.id)
            for clause in group.clauses:
                self.clause(clause)
        if section.kind == "version-control":
            self.version_control()
        elif section.kind == "associated-policies":
            for policy in self.document.associated_policies:
                paragraph = self.para("List Bullet")
                if policy.url:
                    self.run(paragraph, policy.title, into=self.hyperlink(paragraph, url=policy.url))
                else:
                    self.run(paragraph, policy.title)
        self.removed(section.id)
        for sub in section.sections:
            self.section(sub)

    def text(self, paragraph: DocxParagraph, item_id: str, text) -> None:
        """Write an item's text; in a redline, as tracked changes against the approved text."""
        if not self.tracked_change(paragraph, item_id):
            self.spans(paragraph, text.spans)

    def tracked_change(self, paragraph: DocxParagraph, item_id: str) -> bool:
        """In a redline, write the whole of an added or changed item's text as tracked changes
        into `paragraph` and say so; otherwise write nothing."""
        change = self.changed.get(item_id) if self.redline else None
        if change is None or change.kind not in ("added", "modified"):
            return False
        if change.kind == "added":
            self.track(paragraph, change.after or "", "ins")
            return True
        from policypress.changes import words

        for run in words(change.before or "", change.after or ""):
            if run["op"] == "equal":
                self.run(paragraph, run["text"])
            else:
                self.track(paragraph, run["text"], "ins" if run["op"] == "insert" else "del")
        return True

    def blocks(self, blocks: tuple[Block, ...], indent: float = 0.0, depth: int = 0,
               quote: bool = False, first: DocxParagraph | None = None) -> None:
        """Paragraphs, lists and quotations in source order. Bullets are Word lists; the numbers
        of numbered lists are written as text, from the number the source starts at. `indent`
        (cm) sets everything in under a clause's number; `first` is a paragraph already begun
        (such as "Main principle: ") that the first paragraph continues."""
        for block in blocks:
            if isinstance(block, Paragraph):
                if first is not None:
                    paragraph = first
                else:
                    paragraph = self.para("Quote" if quote else CONTINUE[min(depth, 3) - 1] if depth else "Normal")
                    _indent(paragraph, indent, depth)
                self.spans(paragraph, block.text.spans)
            elif isinstance(block, Quote):
                self.blocks(block.blocks, indent, depth, quote=True)
            else:
                level = min(depth, len(BULLETS) - 1)
                for index, item in enumerate(block.items):
                    paragraph = self.para((NUMBERS if block.ordered else BULLETS)[level])
                    _indent(paragraph, indent, depth + 1, hanging=True)
                    if block.ordered:
                        self.run(paragraph, f"{block.number(index)}\t")
                    self.spans(paragraph, item.text.spans)
                    self.blocks(item.blocks, indent, depth + 1, quote)
            first = None

    def track(self, paragraph: DocxParagraph, text: str, kind: str) -> None:
        self.revision_ids += 1
        tracked(paragraph, text, kind, self.author, self.date, self.revision_ids)

    def removed(self, parent_id: str) -> None:
        """In a redline, the items that were under `parent_id` and are gone, as deletions."""
        if not self.redline:
            return
        for change in self.report.changes:
            if change.kind == "removed" and change.parent == parent_id and change.before:
                paragraph = self.para("List Bullet" if change.label.startswith("an item") else "Clause")
                if not change.label.startswith("an item"):
                    self.run(paragraph, f"{change.number}\t")
                self.track(paragraph, change.before, "del")

    def clause(self, clause: Clause) -> None:
        paragraph = self.para("Clause")
        self.run(paragraph, f"{clause.number}\t")
        tracked = self.tracked_change(paragraph, clause.id)
        if clause.text and not tracked:
            self.spans(paragraph, clause.text.spans)
        self.bookmark(paragraph, clause.id)
        if not tracked:
            self.blocks(clause.more, indent=CLAUSE_INDENT)
        self.points(clause.points)
        self.blocks(clause.closing, indent=CLAUSE_INDENT)
        self.removed(clause.id)

    def points(self, points: tuple[Point, ...], depth: int = 1, inside: int = 0) -> None:
        """Bullets, and numbered items (`inside`: how many numbered lists hold this one)."""
        for point in points:
            if point.number:
                paragraph = self.para("Clause Item")
                if inside:  # a list inside a numbered item: indented one step per level
                    _hang(paragraph, 2.25 + 0.9 * inside, 0.9)
                self.run(paragraph, f"{point.number}\t")
            else:
                paragraph = self.para("List Bullet" if depth == 1 else "List Bullet 2")
            self.text(paragraph, point.id, point.text)
            self.bookmark(paragraph, point.id)
            self.points(point.points, depth + 1, inside + (1 if point.number else 0))

    def version_control(self) -> None:
        if self.vc.notice:
            self.para("Notice", self.vc.notice)
        self.table(["Item", "Details"], common.version_fields(self.document, self.vc), widths=(4.5, 11.5))
        self.bookmark(self.para("Heading 2", CONTROLS), "", CONTROLS_BOOKMARK)
        rows = [(date, summary, who) for date, _, summary, who in common.control_rows(self.vc)]
        self.table(["Date", "Summary of change", "Author and approver"],
                   rows or [("", "No changes recorded yet.", "")], widths=(3.2, 7.8, 5.0))

    def table(self, header: list[str], rows: list[tuple[str, ...]], widths: tuple[float, ...]) -> None:
        from docx.shared import Cm

        table = self.docx.add_table(rows=1, cols=len(header))
        table.style = self.docx.styles["Table Grid"]
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = ""
            self.run(cell.paragraphs[0], text, bold=True)
        _repeat_header(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values):
                cell.text = text
        table.autofit = False
        for column, width in zip(table.columns, widths):  # the grid, which LibreOffice reads
            column.width = Cm(width)
        for row in table.rows:  # and each cell, which Word reads
            for cell, width in zip(row.cells, widths):
                cell.width = Cm(width)
        self.docx.add_paragraph()

    def write(self) -> bytes:
        self.cover()
        self.header_footer()
        for section in self.document.sections:
            self.section(section)
        for appendix in self.document.appendices:
            self.section(appendix)
        self.properties()
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return _reproducible_zip(buffer.getvalue(), self.vc.edition_date)

    def properties(self) -> None:
        meta = self.document.meta
        props = self.docx.core_properties
        props.title = f"{meta.title} – tracked changes: {self.tracked_what()}" if self.redline else meta.title
        props.subject = meta.summary
        props.author = meta.policy_owner
        props.last_modified_by = meta.policy_owner
        props.category = meta.document_type
        props.keywords = f"{meta.organisation}; {meta.document_type}"
        props.language = meta.language
        props.comments = f"Version {self.vc.version}, {common.status_label(self.document, self.vc)}"
        when = datetime.datetime.combine(datetime.date.fromisoformat(self.vc.edition_date), datetime.time())
        props.created = props.modified = when
        props.last_printed = when
        props.revision = 1
        for lang in self.docx.styles.element.iter(qn("w:lang")):
            lang.set(qn("w:val"), meta.language)


CONTROLS = "Document controls sheet"
PAGE_NUMBERS = "To add page numbers in Word, right-click this list and choose Update Field."
CONTROLS_BOOKMARK = "document_controls"  # not "c_…", the prefix of the items' bookmarks
BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")  # Word lists: the bullets are Word's
NUMBERS = ("List", "List 2", "List 3")  # hanging indents for numbers written as text
CONTINUE = ("List Continue", "List Continue 2", "List Continue 3")  # later paragraphs of an item
CLAUSE_INDENT = 1.25  # cm: where a clause's text starts, after its number (the "Clause" style)
STEP = 0.63  # cm: how far each level of a list is set in


def _indent(paragraph: DocxParagraph, indent: float, depth: int, hanging: bool = False) -> None:
    """Under a clause, set a paragraph in by hand: the list styles' own indents are for text
    that starts at the margin."""
    if not indent:
        return
    from docx.shared import Cm

    paragraph.paragraph_format.left_indent = Cm(indent + STEP * depth)
    paragraph.paragraph_format.first_line_indent = Cm(-STEP if hanging else 0)


def _plain_run(paragraph: DocxParagraph, text: str) -> DocxRun:
    """`paragraph.add_run(text)` for text without line breaks, written as the same XML (text,
    then <w:tab/> for each tab). python-docx looks at every character to find tabs and breaks,
    which was a third of the time of a long document."""
    r = OxmlElement("w:r")
    for n, piece in enumerate(text.split("\t")):
        if n:
            r.append(OxmlElement("w:tab"))
        if piece:
            t = OxmlElement("w:t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(qn("xml:space"), "preserve")
            r.append(t)
    paragraph._p.append(r)
    return DocxRun(r, paragraph)


def _hang(paragraph: DocxParagraph, left_cm: float, hanging_cm: float) -> None:
    """Indent a numbered item: its text at `left_cm`, its number hanging `hanging_cm` before it."""
    from docx.shared import Cm

    paragraph.paragraph_format.left_indent = Cm(left_cm)
    paragraph.paragraph_format.first_line_indent = Cm(-hanging_cm)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(left_cm))


def _bookmark(item_id: str) -> str:
    """Word bookmark names allow letters, digits and underscores, up to 40 characters. A longer
    name keeps its start and ends in a hash of the whole id, so two long ids that begin alike
    still get bookmarks of their own (Word would send both cross-references to one clause)."""
    name = "c_" + item_id.replace("-", "_")
    if len(name) <= 40:
        return name
    import hashlib

    return f"{name[:29]}_{hashlib.sha256(item_id.encode()).hexdigest()[:10]}"


def _fld_char(kind: str):
    run = OxmlElement("w:r")
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run.append(element)
    return run


def _field_start(paragraph: DocxParagraph, instruction: str) -> None:
    """Open a Word field: what follows, up to its 'end', is the result shown until Word updates it."""
    paragraph._p.append(_fld_char("begin"))
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run.append(text)
    paragraph._p.append(run)
    paragraph._p.append(_fld_char("separate"))


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    """A one-paragraph Word field (PAGE, NUMPAGES) showing `placeholder` until Word updates it."""
    _field_start(paragraph, instruction)
    paragraph.add_run(placeholder)
    paragraph._p.append(_fld_char("end"))


def _repeat_header(row) -> None:
    """Mark a table row as a header that repeats on every page (and is read as headers)."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def tracked(paragraph: DocxParagraph, text: str, kind: str, author: str, date: str, change_id: int) -> None:
    """Append `text` to `paragraph` as a tracked insertion (`ins`) or deletion (`del`)."""
    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(change_id))
    wrapper.set(qn("w:author"), author)
    wrapper.set(qn("w:date"), f"{date}T00:00:00Z")
    run = OxmlElement("w:r")
    element = OxmlElement("w:delText" if kind == "del" else "w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    wrapper.append(run)
    paragraph._p.append(wrapper)


def _reproducible_zip(data: bytes, iso_date: str) -> bytes:
    """Rewrite the package with fixed entry times, so the same input gives the same bytes."""
    day = datetime.date.fromisoformat(iso_date)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def render(document: Document, library: Library, vc: VersionControl,
           report=None) -> dict[str, bytes]:
    """`<doc-id>.docx`: file name -> bytes."""
    return {f"{document.id}.docx": _Writer(document, library, vc, report).write()}


def render_redline(document: Document, library: Library, vc: VersionControl,
                   report=None) -> dict[str, bytes]:
    """`<doc-id>-redline.docx`: the proposed text with every change as Word tracked changes."""
    if report is None:
        return {}
    return {f"{document.id}-redline.docx": _Writer(document, library, vc, report, redline=True).write()}
