"""The front of the cabinet paper: the cover, the contents list, the running header and footer,
and the "Summary of changes" a member reads before the text: where each change is, the current
and proposed wording (the changed words marked), why it matters, whether it is significant, and
the consultation that covered it.

Each function takes the `docx._Writer` writing the file (`w`) and uses its helpers; this module
imports nothing from `docx.py`, so there is no import circle.
"""

from __future__ import annotations

import re

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from policypress import describe, i18n, impacts
from policypress.i18n import N_
from policypress.model import Section
from policypress.render import common
from policypress.render.changes_beside import named as language_named
from policypress.render.changes_beside import state as beside_state
from policypress.render.changes_log import (
    consultation_cell,
    first_version,
    header_lines,
    since,
)
from policypress.render.docx_xml import (
    CONTROLS_BOOKMARK,
    bookmark,
    controls,
    field,
    field_start,
    fld_char,
    outline,
    page_numbers,
    repeat_header,
    update_fields_on_open,
)

SUMMARY = N_("Summary of changes")
COLUMNS = (
    N_("Where"),
    N_("What changes"),
    N_("Current wording"),
    N_("Proposed wording"),
    N_("Why it matters"),
    N_("Significant or editorial"),
    N_("Consultation"),
)
# cm: 24.7 cm, the text width of a landscape A4 page (the table's pages turn, so seven columns
# fit). Each header's longest word fits its column in 9 pt bold Arial with Word's cell margins
# ("Consultation" needs 2.35 cm), and each wording column is wide enough for a long word
# ("Implementation,", "supplementary"), so Word (and LibreOffice, with its wider stand-in for Arial)
# breaks no word across lines.
WIDTHS = (3.2, 3.5, 4.9, 4.9, 3.1, 2.4, 2.702)
KEY = N_(
    "In “Proposed wording”, new words are in bold and underlined, and words taken out are "
    "struck through."
)


def cover(w) -> None:
    meta = w.document.meta
    d = w.docx
    if common.named(meta.organisation):  # never "TBC" on the cover
        w.para("Cover Organisation", meta.organisation)
    w.para("Title", meta.title)
    if common.named(meta.document_type):
        w.para("Subtitle", meta.document_type)
    if w.redline:
        _ = i18n.translator(meta.language)
        w.para("Cover Status", _("Tracked changes"))
        what = tracked_what(w)
        what = f"{what[0].upper()}{what[1:]}"
        w.para("Notice", _("%(what)s, as Word tracked changes.") % {"what": what})
    if common.is_draft(w.document, w.vc):
        w.para("Cover Status", common.cover_status(w.document, w.vc))
        w.para("Notice").add_run(common.draft_notice(w.document, w.vc))
    for label, value in common.cover_fields(w.document, w.vc):
        paragraph = w.para("Cover Detail")
        w.run(paragraph, f"{label}: ", bold=True)
        w.run(paragraph, value)
    if w.vc.notice:
        w.para("Notice", w.vc.notice)
    d.add_page_break()
    outline(w.para("Contents Heading", i18n.translator(w.document.meta.language)("Contents")))
    contents(w)
    if has_table(w):
        turn(d, landscape=True)
    else:
        d.add_page_break()
    changes_summary(w)


def asked(document, vc) -> str:
    """What the approving body is asked to do, first in the paper: "Cabinet is asked to approve
    proposed version 2.0 of the Code of Conduct for Housing Staff."."""
    language = document.meta.language
    _ = i18n.translator(language)
    what = common.short_version(vc, language)
    said = {"what": what[:1].lower() + what[1:], "title": document.meta.title}
    body = common.named(document.meta.approving_body)
    if not body:
        return _("You are asked to approve %(what)s of the %(title)s.") % said
    return _("%(body)s is asked to approve %(what)s of the %(title)s.") % {**said, "body": body}


def tracked_what(w) -> str:
    """What a redline shows, in words: "the proposed text with every change since version 1.0
    marked"."""
    _ = i18n.translator(w.document.meta.language)
    if first_version(w.report):
        return _("the proposed text, all of it new, marked as added")
    version = {"since": since(w.report).split(",")[0]}
    return _("the proposed text with every change since %(since)s marked") % version


def _when(opened, closed, dates: dict[str, str], _) -> tuple[str, str]:
    """The consultation summary's dates: "Date: 20 October 2026" for a single day's meeting,
    never "20 October 2026 to 20 October 2026"."""
    if closed and closed == opened:
        return _("Date"), dates["closed"]
    if closed:
        return _("Dates"), _("%(opened)s to %(closed)s") % dates
    return _("Dates"), _("From %(opened)s (still open)") % dates


def changes_summary(w) -> None:
    """For cabinet: what is proposed, change by change, and the consultation that covered it.
    A first version says so instead of listing every part as new."""
    report = w.report
    if report is None:
        return
    d = w.docx
    language = w.document.meta.language
    _ = i18n.translator(language)
    outline(w.para("Contents Heading", _(SUMMARY)))
    if common.is_draft(w.document, w.vc):
        w.run(d.add_paragraph(), asked(w.document, w.vc), bold=True)
    for line in header_lines(report):
        d.add_paragraph(line)
    if report.covering:
        c = report.covering
        w.para("Lead-in", _("Consultation summary")).runs[0].bold = True
        dates = {"opened": common.long_date(c.opened, language)}
        dates["closed"] = common.long_date(c.closed, language)
        for label, value in (
            (_("Consultation"), c.title),
            _when(c.opened, c.closed, dates, _),
            (_("Who was consulted"), ", ".join(c.consulted)),
            (_("How"), c.method),
            # what the Welsh Language Standards ask the council to seek views on
            (_("Views sought on the Welsh language"), c.welsh_language),
            (_("Responses"), "" if c.responses is None else str(c.responses)),
            (_("What people said"), c.summary),
            (_("Our response"), c.response),
        ):
            if value:
                paragraph = d.add_paragraph()
                w.run(paragraph, f"{label}: ", bold=True)
                w.run(paragraph, value)
    if has_table(w):
        d.add_paragraph(_(KEY))
        _table(w, report)
        turn(d, landscape=False)
    else:
        d.add_page_break()


def has_table(w) -> bool:
    """Whether the Summary of changes lists the changes in a table (not for a first version)."""
    return w.report is not None and not first_version(w.report) and bool(w.report.changes)


def turn(d, landscape: bool) -> None:
    """A new page in a new section, turned to landscape (for the Summary of changes' seven
    columns) or back to portrait. The new section keeps the running header and footer."""
    section = d.add_section(WD_SECTION.NEW_PAGE)
    if (section.orientation == WD_ORIENT.LANDSCAPE) != landscape:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = section.page_height, section.page_width


def _table(w, report) -> None:
    language = w.document.meta.language
    _ = i18n.translator(language)
    table = w.docx.add_table(rows=1, cols=len(COLUMNS))
    table._tbl.tblStyle_val = w.style_id("Table Grid")  # as `table.style =` sets it
    for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = ""
        _small(cell.paragraphs[0].add_run(_(text))).bold = True
    repeat_header(table.rows[0])
    for change in report.changes:
        cells = table.add_row().cells
        for index, (label, part) in enumerate(describe.wordings(change, language)):
            _where(cells[0], index, label or describe.where(part, language), part.heading)
            _part(cells[2], cells[3], index, label, part, language)
        _small(cells[1].paragraphs[0].add_run(describe.what(change, language)))
        _small(cells[4].paragraphs[0].add_run(impacts.why(change, language)))
        _small(cells[5].paragraphs[0].add_run(describe.weight(change, language)))
        _small(cells[6].paragraphs[0].add_run(consultation_cell(report, change)))
        _beside_row(table, report, change)
    table.autofit = False
    # the grid, which LibreOffice reads
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = Cm(width)
    for row in table.rows:  # and each cell, which Word reads (a merged cell: its columns')
        merged: dict = {}
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            merged.setdefault(cell._tc, [cell, 0.0])[1] += width
        for cell, width in merged.values():
            cell.width = Cm(width)
    w.docx.add_paragraph()


def _beside_row(table, report, change) -> None:
    """For a document in two languages, a row under the change with its translation: whether it
    keeps up, and its current and proposed wording, tagged with its language so that Word's
    proofing and screen readers switch to it."""
    places = [(label, report.beside.get(p.id), p) for label, p in describe.wordings(change)]
    places = [place for place in places if place[1] is not None]
    if not places:
        return
    for cell in table.rows[-1].cells:  # the change's own row stays on the page of its translation
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    row = table.add_row()
    cells = row.cells
    whole = OxmlElement("w:cantSplit")  # the row is read whole, never split by a page
    row._tr.get_or_add_trPr().append(whole)
    language = report.document.meta.language  # the paper's
    named = language_named(places[0][1].language, language)
    _small(cells[0].paragraphs[0].add_run(named)).bold = True
    # where, so that the row still says which change it is when a page comes between them
    _small(cells[0].add_paragraph().add_run(describe.where(change, language)))
    for index, (label, side, part) in enumerate(places):
        for cell in cells[1:4]:
            if label:
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                _small(paragraph.add_run(f"{label}:")).bold = True
                cell.add_paragraph()
            elif index:
                cell.add_paragraph()
        _small(
            cells[1].paragraphs[-1].add_run(beside_state(side, part, report.document.meta.language))
        )
        written = [len(list(cell._tc.iter(qn("w:r")))) for cell in cells[2:4]]
        _text(cells[2], side.before, "")
        if side.state != "missing":
            _marked(cells[3], side.before, side.after)
        for cell, before, text in zip(cells[2:4], written, (side.before, side.after), strict=True):
            for run in list(cell._tc.iter(qn("w:r")))[before:] if text is not None else []:
                tag_language(run, side.language)  # not "(taken out)", which is in the paper's
    cells[4].merge(cells[6])


def tag_language(run, tag: str) -> None:
    """Tag a run (a w:r element) with its language: w:lang, the last of its properties that
    python-docx writes here, so it stays in the schema's order."""
    properties = run.get_or_add_rPr()
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), tag)


def _where(cell, index: int, label: str, heading: str) -> None:
    """A place, in bold, and the heading it sits under."""
    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
    _small(paragraph.add_run(label)).bold = True
    if heading and heading != label:
        _small(cell.add_paragraph().add_run(heading))


def _part(current, proposed, index: int, label: str, change, language: str = "en") -> None:
    """One place's current and proposed wording (after its label, when a change has several)."""
    _ = i18n.translator(language)
    for cell in (current, proposed):
        if label:
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            _small(paragraph.add_run(f"{label}:")).bold = True
            cell.add_paragraph()
    _text(current, change.before, _("(new)"))
    if change.kind in ("renumbered", "moved"):
        _text(proposed, change.after, _("(removed)"))
    else:
        _marked(proposed, change.before, change.after)


def _small(run):
    run.font.size = Pt(9)
    return run


def _text(cell, text: str | None, empty: str) -> None:
    """A wording, one paragraph of the cell per paragraph of the text."""
    paragraphs = [p for p in (text or "").split("\n\n") if p.strip()] or [empty]
    first = cell.paragraphs[-1]
    for index, paragraph in enumerate(paragraphs):
        target = first if index == 0 else cell.add_paragraph()
        _small(target.add_run(" ".join(paragraph.split())))


def _marked(cell, before: str | None, after: str | None) -> None:
    """The proposed wording with the changed words marked: added words bold and underlined,
    words taken out struck through (so the marks survive printing in black and white)."""
    if after is None:
        _small(cell.paragraphs[-1].add_run("(taken out)")).italic = True
        return
    paragraph = cell.paragraphs[-1]
    for run in describe.runs(before, after):
        pieces = run["text"].split("\n\n")
        for index, piece in enumerate(pieces):
            if index:
                paragraph = cell.add_paragraph()
            piece = piece.replace("\n", " ")
            if not piece:
                continue
            text = _small(paragraph.add_run(piece))
            if run["op"] == "insert":
                text.bold = text.underline = True
            elif run["op"] == "delete":
                text.font.strike = True


def contents(w) -> None:
    """A TOC field holding, as its result, one entry per heading the PDF's contents (its
    outline) has, in the same order, each a link to its heading. The file asks Word to update
    its fields on opening (one question), which adds the page numbers."""
    entries = list(headings(w))
    levels = max(level for level, _, _ in entries)
    for index, (level, text, anchor) in enumerate(entries):
        paragraph = w.para(f"toc {min(level, 3)}")
        if index == 0:
            # \o: the Heading styles only, not the outline levels of "Contents" and "Summary
            # of changes" (\u would list them), so the field matches the PDF's outline
            field_start(paragraph, f'TOC \\o "1-{levels}" \\h \\z')
        w.run(paragraph, text, into=w.hyperlink(paragraph, anchor=anchor))
    paragraph = w.para("Normal")  # part of the field's result: gone once Word updates it
    w.run(paragraph, page_numbers(w.document.meta.language), italic=True)
    update_fields_on_open(w.docx.settings.element)
    paragraph._p.append(fld_char("end"))


def headings(w):
    """(level, text, bookmark) of every heading, in reading order, as _Writer.section writes
    them."""

    def walk(section: Section):
        yield section.level, section.heading, bookmark(section.id)
        for group in section.groups:
            yield section.level + 1, group.audience, bookmark(group.id)
        if section.kind == "version-control":
            yield 2, controls(w.document.meta.language), CONTROLS_BOOKMARK
        for sub in section.sections:
            yield from walk(sub)

    for section in w.document.sections + w.document.appendices:
        yield from walk(section)


def header_footer(w) -> None:
    meta = w.document.meta
    section = w.docx.sections[0]
    header: DocxParagraph = section.header.paragraphs[0]
    tracked = " · tracked changes" if w.redline else ""
    header.text = f"{meta.title}{tracked} · {common.running_status(w.document, w.vc)}"
    header.runs[0].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    _ = i18n.translator(meta.language)
    before, between, after = re.split(r"%\((?:number|total)\)s", _("Page %(number)s of %(total)s"))
    footer.add_run(before)
    field(footer, "PAGE", "1")
    footer.add_run(between)
    field(footer, "NUMPAGES", "1")
    if after:
        footer.add_run(after)
    for run in footer.runs:
        run.font.size = Pt(9)
