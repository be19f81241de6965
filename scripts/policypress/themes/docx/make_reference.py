"""Regenerate reference.docx next to this file, the default Word template the cabinet DOCX is
built on.

The template may also be edited in Word directly: policypress only relies on the style names
below existing. A council that wants its own template puts it at themes/docx/reference.docx in
its project folder instead of changing this one (see themes/README.md).
Run: .venv/bin/python scripts/policypress/themes/docx/make_reference.py
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import cast

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

HERE = Path(__file__).resolve().parent
INK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x00, 0x4B, 0x87)  # dark blue: 8.6:1 on white
LINK = RGBColor(0x00, 0x4B, 0x87)


def main() -> None:
    doc = Document()
    styles = doc.styles
    _word_styles(styles)
    _policy_styles(styles)
    _page(doc)
    _named_fonts_only(doc)

    props = doc.core_properties
    props.author = props.last_modified_by = "policypress"
    props.title = "policypress reference"
    props.created = props.modified = datetime.datetime(2026, 1, 1)
    props.revision = 1
    for paragraph in list(doc.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    doc.save(str(HERE / "reference.docx"))


def _word_styles(styles) -> None:
    """Word's own styles as policypress uses them: the text, headings, title and subtitle."""
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True

    for level, size in ((1, 16), (2, 13), (3, 12)):
        style = styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True

    title = styles["Title"]
    title.font.name = "Arial"
    title.font.size = Pt(30)
    title.font.color.rgb = ACCENT
    title.paragraph_format.space_after = Pt(12)
    subtitle = styles["Subtitle"]
    subtitle.font.name = "Arial"
    subtitle.font.size = Pt(16)
    subtitle.font.italic = False
    subtitle.font.color.rgb = INK


def _paragraph_style(styles, name: str, base: str = "Normal") -> ParagraphStyle:
    style = cast(ParagraphStyle, styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = styles[base]
    return style


def _policy_styles(styles) -> None:
    """The styles the cabinet DOCX names (clauses, items, the cover, contents, links), then
    Word's list and quotation styles as it uses them."""
    clause = _paragraph_style(styles, "Clause")
    clause.paragraph_format.left_indent = Cm(1.25)
    clause.paragraph_format.first_line_indent = Cm(-1.25)
    clause.paragraph_format.tab_stops.add_tab_stop(Cm(1.25))
    item = _paragraph_style(styles, "Clause Item")
    item.paragraph_format.left_indent = Cm(2.25)
    item.paragraph_format.first_line_indent = Cm(-0.75)
    item.paragraph_format.tab_stops.add_tab_stop(Cm(2.25))
    item.paragraph_format.space_after = Pt(3)
    lead = _paragraph_style(styles, "Lead-in")
    lead.paragraph_format.keep_with_next = True
    standards = _paragraph_style(styles, "Standards")
    standards.font.italic = True
    organisation = _paragraph_style(styles, "Cover Organisation")
    organisation.font.size = Pt(14)
    organisation.font.bold = True
    organisation.paragraph_format.space_after = Pt(48)
    status = _paragraph_style(styles, "Cover Status")
    status.font.size = Pt(28)
    status.font.bold = True
    status.paragraph_format.space_before = Pt(24)
    status.paragraph_format.space_after = Pt(24)
    detail = _paragraph_style(styles, "Cover Detail")
    detail.font.size = Pt(12)
    detail.paragraph_format.space_after = Pt(4)
    notice = _paragraph_style(styles, "Notice")
    notice.font.bold = True
    toc_heading = _paragraph_style(styles, "Contents Heading")
    toc_heading.font.size = Pt(16)
    toc_heading.font.bold = True
    toc_heading.font.color.rgb = ACCENT

    for level in (1, 2):  # Word's built-in names, so Word's own TOC uses them too
        toc = _paragraph_style(styles, f"toc {level}")
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(3)

    hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.color.rgb = LINK
    hyperlink.font.underline = True  # links are underlined, never shown by colour alone

    for bullet in ("List Bullet", "List Bullet 2", "List Bullet 3", "List", "List 2", "List 3"):
        styles[bullet].font.name = "Arial"  # "List" styles: numbered prose, numbers typed as text
        styles[bullet].paragraph_format.space_after = Pt(3)
    quote = styles["Quote"]  # displayed quotations in prose (Markdown "> ")
    quote.font.name = "Arial"
    quote.font.italic = True
    quote.font.color.rgb = INK
    quote.paragraph_format.left_indent = Cm(1.0)
    quote.paragraph_format.right_indent = Cm(1.0)
    quote.paragraph_format.space_before = Pt(6)
    quote.paragraph_format.space_after = Pt(6)


def _page(doc) -> None:
    """A4 with 2.5 cm margins; the contents' third level."""
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin = section.bottom_margin = Cm(2.5)

    for toc_level in (3,):  # deeper entries of the contents (the PDF's outline has every level)
        toc = _paragraph_style(doc.styles, f"toc {toc_level}")
        toc.paragraph_format.left_indent = Cm(1.2)
        toc.paragraph_format.space_after = Pt(3)


THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _named_fonts_only(doc) -> None:
    """Word prefers a theme font (Calibri, Calibri Light) to a named one when a style's rFonts
    has both, so the headings came out in Calibri: drop the theme attributes everywhere (every
    style and the document defaults) and name Arial where no font was named."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attribute in THEME_FONTS:
            fonts.attrib.pop(qn(attribute), None)
        if fonts.get(qn("w:ascii")) is None:
            for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attribute), "Arial")
        elif fonts.get(qn("w:cs")) is None:
            fonts.set(qn("w:cs"), fonts.get(qn("w:ascii")))


if __name__ == "__main__":
    main()
