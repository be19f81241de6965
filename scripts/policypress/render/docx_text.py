"""The cabinet DOCX's paragraphs and runs: a paragraph in a named style, inline text with its
emphasis, links and cross-references, and bookmarks. docx.py writes the document with them."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles import BabelFish
from docx.text.paragraph import Paragraph as DocxParagraph

from policypress.model import Document, Span
from policypress.render.docx_xml import bookmark as _bookmark
from policypress.render.docx_xml import plain_run as _plain_run


class TextWriter:
    """Paragraphs and runs in the Word file being written (`docx`, for `document`)."""

    docx: DocxDocument
    document: Document
    body_ids: int  # the last bookmark's id
    _styles: dict[str, str | None]  # a style's name -> its id, None for its type's default

    def style_id(self, style: str) -> str | None:
        """The id of the style called `style`, None for its type's default, as python-docx
        finds it when a style is given by name. python-docx searches every style (twice) on
        each assignment, which was most of the time of a long document; the template's
        styles are read here once, in one pass (style_ids)."""
        if not self._styles:
            self._styles = style_ids(self.docx)
        return self._styles[BabelFish.ui2internal(style)]

    def para(self, style: str, text: str = "") -> DocxParagraph:
        """A new paragraph in the style called `style` (see style_id)."""
        style_id = self.style_id(style)
        paragraph = self.docx.add_paragraph()
        if style_id:  # a new paragraph has no properties yet: add them first
            properties, name = OxmlElement("w:pPr"), OxmlElement("w:pStyle")
            name.set(qn("w:val"), style_id)
            properties.append(name)
            paragraph._p.insert(0, properties)
        if text:
            self.run(paragraph, text)
        return paragraph

    def spans(
        self,
        paragraph: DocxParagraph,
        spans: tuple[Span, ...],
        bold: bool = False,
        italic: bool = False,
        into=None,
    ) -> None:
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

    def run(
        self,
        paragraph: DocxParagraph,
        text: str,
        bold: bool = False,
        italic: bool = False,
        into=None,
        font: str | None = None,
    ) -> None:
        run = (
            paragraph.add_run(text) if "\n" in text or "\r" in text else _plain_run(paragraph, text)
        )
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


def style_ids(docx: DocxDocument) -> dict[str, str | None]:
    """Each style's (internal) name -> its id, or None when it is its type's default: what
    python-docx's `styles[name]` and `styles.default(type)` give (the first style of a name,
    the last default of a type), read in one pass over the styles."""
    first: dict[str, tuple[str | None, str | None, object]] = {}  # name -> id, type, element
    defaults: dict[str | None, object] = {}  # type -> its last default style
    for element in docx.styles.element.iterchildren(qn("w:style")):
        kind = element.get(qn("w:type"))
        if element.get(qn("w:default")) in ("1", "true", "on"):
            defaults[kind] = element
        name = element.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) is not None:
            first.setdefault(name.get(qn("w:val")), (element.get(qn("w:styleId")), kind, element))
    return {
        name: None if defaults.get(kind) is element else style_id
        for name, (style_id, kind, element) in first.items()
    }
