"""The approval DOCX for cabinet, written with python-docx on the Word template
`docx/reference.docx` (the package's, or the council's in `themes/`: see policypress.themes).

Numbers are written as text from the model (Word's own list numbering is used only for bullets),
so nothing is numbered twice. What python-docx cannot do (fields, bookmarks, hyperlinks, tracked
changes, repeating header rows) is written as OOXML here, in small helpers.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph

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
    VersionControl,
)
from policypress.render import common, docx_summary, record
from policypress.render.docx_text import TextWriter
from policypress.render.docx_xml import (
    CONTROLS_BOOKMARK,
    controls,
    core_properties,
    package,
    tracked,
)
from policypress.render.docx_xml import hang as _hang
from policypress.render.docx_xml import indent as _indent
from policypress.render.docx_xml import repeat_header as _repeat_header
from policypress.worddiff import words

THEME = "docx/reference.docx"  # looked up with themes.find on each render


class _Writer(TextWriter):
    def __init__(
        self,
        document: Document,
        library: Library,
        vc: VersionControl,
        report=None,
        redline: bool = False,
    ):
        self.document = document
        self.library = library
        self.vc = vc
        self.report = report
        self.redline = redline and report is not None
        self.changed = {c.id: c for c in report.parts} if report is not None else {}
        self.docx = open_docx(str(themes.find(THEME)))
        self.body_ids = 0
        self.revision_ids = 0
        latest = next((r for r in vc.rows if r.author != "—"), None)
        self.author = latest.author if latest else document.meta.policy_owner
        self.date = latest.date if latest else vc.edition_date
        self._styles: dict[str, str | None] = {}

    # -- the front matter (docx_summary) -----------------------------------------------------
    def cover(self) -> None:
        docx_summary.cover(self)

    def tracked_what(self) -> str:
        return docx_summary.tracked_what(self)

    def header_footer(self) -> None:
        docx_summary.header_footer(self)

    # -- the text ----------------------------------------------------------------------------
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
        subsections_last = section.order[-1] == "sections"
        self.children(section, subsections_last)
        if section.kind == "version-control":
            self.version_control()
        elif section.kind == "associated-policies":
            for policy in self.document.associated_policies:
                paragraph = self.para("List Bullet")
                if policy.url:
                    self.run(
                        paragraph, policy.title, into=self.hyperlink(paragraph, url=policy.url)
                    )
                else:
                    self.run(paragraph, policy.title)
        self.removed(section.id)
        for sub in section.sections if subsections_last else ():
            self.section(sub)

    def children(self, section: Section, subsections_last: bool) -> None:
        """Clauses, groups and (unless they come last) subsections, in the order the section's
        file writes them."""
        for key in section.order:
            if key == "clauses":
                for clause in section.clauses:
                    self.clause(clause)
            elif key == "groups":
                for group in section.groups:
                    heading = self.para(f"Heading {min(section.level + 1, 6)}", group.audience)
                    self.bookmark(heading, group.id)
                    for clause in group.clauses:
                        self.clause(clause)
            elif not subsections_last:
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
            self.track(paragraph, change.after or "", "ins", change)
            return True
        for run in words(change.before or "", change.after or ""):
            if run["op"] == "equal":
                self.run(paragraph, run["text"])
            else:
                kind = "ins" if run["op"] == "insert" else "del"
                self.track(paragraph, run["text"], kind, change)
        return True

    def blocks(
        self,
        blocks: tuple[Block, ...],
        indent: float = 0.0,
        depth: int = 0,
        quote: bool = False,
        first: DocxParagraph | None = None,
    ) -> None:
        """Paragraphs, lists and quotations in source order. Bullets are Word lists; the numbers
        of numbered lists are written as text, from the number the source starts at. `indent`
        (cm) sets everything in under a clause's number; `first` is a paragraph already begun
        (such as "Main principle: ") that the first paragraph continues."""
        for block in blocks:
            if isinstance(block, Paragraph):
                if first is not None:
                    paragraph = first
                else:
                    paragraph = self.para(
                        "Quote" if quote else CONTINUE[min(depth, 3) - 1] if depth else "Normal"
                    )
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

    def track(self, paragraph: DocxParagraph, text: str, kind: str, change=None) -> None:
        """A tracked insertion or deletion, credited to whoever made `change` and when (from
        history); else to the latest commit's author and date."""
        self.revision_ids += 1
        author = getattr(change, "author", "") or self.author
        date = getattr(change, "date", "") or self.date
        tracked(paragraph, text, kind, author, date, self.revision_ids)

    def removed(self, parent_id: str) -> None:
        """In a redline, the items that were under `parent_id` and are gone, as deletions."""
        if not self.redline:
            return
        for change in self.report.parts:
            if change.kind == "removed" and change.parent == parent_id and change.before:
                paragraph = self.para(
                    "List Bullet" if change.label.startswith("an item") else "Clause"
                )
                if not change.label.startswith("an item"):
                    self.run(paragraph, f"{change.number}\t")
                self.track(paragraph, change.before, "del", change)

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
        self.table(None, common.version_fields(self.document, self.vc), widths=(4.5, 11.5))
        language = self.document.meta.language
        self.bookmark(self.para("Heading 2", controls(language)), "", CONTROLS_BOOKMARK)
        self.table(
            list(record.record_header(language)),
            record.record_rows(self.vc, language, record.tagged_lines(self.vc, language))
            or [record.no_record(language)],
            # the Welsh words for an approval ("cymeradwyo") are longer than the English ones
            widths=(2.8, 3.1, 3.1, 2.2, 4.8) if language[:2] == "cy" else (2.4, 2.4, 2.3, 2.9, 6.0),
        )

    def table(
        self,
        header: list[str] | None,
        rows: Sequence[Sequence[str | list[str]]],
        widths: tuple[float, ...],
    ) -> None:
        """A table with a header row, or (`header` None) a key/value table: no header row, the
        first column, which names each row, in bold."""
        table = self.docx.add_table(rows=1 if header else 0, cols=len(widths))
        table._tbl.tblStyle_val = self.style_id("Table Grid")  # as `table.style =` sets it
        if header:
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = ""
                self.run(cell.paragraphs[0], text, bold=True)
            _repeat_header(table.rows[0])
        else:  # tell Word the first column, not the first row, holds the headers
            look = table._tbl.tblPr.find(qn("w:tblLook"))
            if look is not None:
                look.set(qn("w:firstRow"), "0")
                look.set(qn("w:val"), "0480")
        for values in rows:
            cells = table.add_row().cells
            for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                if isinstance(value, list):  # one paragraph each: the changes a version approved
                    cell.text = value[0] if value else ""
                    for line in value[1:]:
                        cell.add_paragraph(line)
                    for paragraph, line in zip(cell.paragraphs, value, strict=False):
                        if isinstance(line, record.TaggedLine):
                            _tagged(paragraph, line)
                elif header is None and column == 0:  # a new cell holds one empty paragraph
                    self.run(cell.paragraphs[0], value, bold=True)
                else:
                    cell.text = value
        table.autofit = False
        # the grid, which LibreOffice reads
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        for row in table.rows:  # and each cell, which Word reads
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
        self.docx.add_paragraph()

    def write(self) -> bytes:
        self.cover()
        self.header_footer()
        for section in self.document.sections:
            self.section(section)
        for appendix in self.document.appendices:
            self.section(appendix)
        title = (
            f"{self.document.meta.title} – tracked changes: {self.tracked_what()}"
            if self.redline
            else common.title_with_version(self.document, self.vc)
        )
        core_properties(self.docx, self.document, self.vc, title)
        return package(self.docx, self.vc.edition_date)


BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")  # Word lists: the bullets are Word's
NUMBERS = ("List", "List 2", "List 3")  # hanging indents for numbers written as text
CONTINUE = ("List Continue", "List Continue 2", "List Continue 3")  # later paragraphs of an item
CLAUSE_INDENT = 1.25  # cm: where a clause's text starts, after its number (the "Clause" style)


def render(
    document: Document, library: Library, vc: VersionControl, report=None
) -> dict[str, bytes]:
    """`<doc-id>.docx`: file name -> bytes."""
    return {f"{document.id}.docx": _Writer(document, library, vc, report).write()}


def render_redline(
    document: Document, library: Library, vc: VersionControl, report=None
) -> dict[str, bytes]:
    """`<doc-id>-redline.docx`: the proposed text with every change as Word tracked changes."""
    if report is None:
        return {}
    return {
        f"{document.id}-redline.docx": _Writer(document, library, vc, report, redline=True).write()
    }


def _tagged(paragraph: DocxParagraph, line: record.TaggedLine) -> None:
    """A change whose summary is in another language than the file: its date, then the summary
    tagged w:lang with its language (Word and screen readers read it so), then its author."""
    paragraph.clear()
    for text, tag in ((line.before, ""), (line.summary, line.language), (line.after, "")):
        if text:
            run = paragraph.add_run(text)
            if tag:
                docx_summary.tag_language(run._r, tag)
