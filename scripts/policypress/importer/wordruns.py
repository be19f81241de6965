"""A Word paragraph's runs read as segments: (text, bold, italic, link), with the link
("url", URL) or ("anchor", name) or None. Hyperlinks, fields (their result kept, their
instructions and a table of contents field's result left out), content controls, equations and
tracked changes are followed here; what a run holds is read by wordinline.piece. word.py reads
the paragraphs around them."""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from policypress.importer import segments as text_runs
from policypress.importer.wordinline import MC, M, math_text, piece, run_shape
from policypress.importer.wordstyles import Styles, flag


class RunReader:
    """The runs of the paragraph being read, with the state that lasts across them: the
    document's styles and links, the open fields, the text boxes met."""

    styles: Styles
    rels: dict[str, Any]
    fields: list[dict]  # open complex fields: {"instr": ..., "result": bool}
    unended: set  # the `begin` marks of fields that never end
    toc_open: bool  # inside a table of contents field's result
    boxes: list  # paragraphs of text boxes in the paragraph being read

    def inline(self, p, style_id=None):
        """(segments, plain text, problems) of a paragraph: segments are
        (text, bold, italic, link) with link ("url", URL) or ("anchor", name) or None."""
        segments: list[tuple[str, bool, bool, tuple | None]] = []
        problems: list[tuple[str, str]] = []
        self._inline(p, segments, problems, None)
        return segments, text_runs.plain(segments), problems

    def _inline(self, element, segments, problems, link) -> None:
        for child in element:
            tag = child.tag
            if tag == qn("w:r"):
                self._run(child, segments, problems, link)
            elif tag == qn("w:hyperlink"):
                rid, anchor = child.get(qn("r:id")), child.get(qn("w:anchor"))
                target = None
                if rid and rid in self.rels and self.rels[rid].is_external:
                    target = ("url", self.rels[rid].target_ref)
                elif anchor:
                    target = ("anchor", anchor)
                self._inline(child, segments, problems, target or link)
            elif tag == qn("w:fldSimple"):
                if re.match(r"\s*TOC\b", child.get(qn("w:instr"), "")):
                    continue
                self._inline(child, segments, problems, link)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._inline(content, segments, problems, link)
            elif tag in (
                qn("w:ins"),
                qn("w:smartTag"),
                qn("w:customXml"),
                qn("w:moveTo"),
                qn("w:dir"),  # right-to-left or left-to-right text: the words are in order
                qn("w:bdo"),
            ):
                self._inline(child, segments, problems, link)
            elif tag in (f"{M}oMath", f"{M}oMathPara"):
                segments.append((math_text(child), False, False, link))
            elif tag == f"{MC}AlternateContent":
                segments += piece(
                    child, "", (False, False, link), ("", False), problems, self.boxes
                )
            elif tag in (qn("w:del"), qn("w:moveFrom")):
                problems.append(
                    (
                        "skipped",
                        (
                            "tracked deletions are left out (accept or reject the "
                            "tracked changes in Word first if that is not what you want)"
                        ),
                    )
                )

    def _field_char(self, kind: str | None) -> None:
        """Follow a field's begin, separate and end marks, noting when a table of contents
        field's result (the contents list Word made) starts and ends."""
        if kind == "begin":
            self.fields.append({"instr": "", "result": False})
        elif kind == "separate" and self.fields:
            self.fields[-1]["result"] = True
            if re.match(r"\s*TOC\b", self.fields[-1]["instr"]):
                self.toc_open = True
        elif kind == "end" and self.fields:
            field = self.fields.pop()
            if re.match(r"\s*TOC\b", field["instr"]):
                self.toc_open = False

    def _emphasis(self, rpr) -> tuple[bool, bool]:
        """(bold, italic) of a run: its own settings, else its character style's."""
        rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
        rstyle_id = rstyle.get(qn("w:val")) if rstyle is not None else None
        bold = flag(rpr, "w:b")
        italic = flag(rpr, "w:i")
        if bold is None:
            bold = bool(self.styles.first(rstyle_id, "bold")) if rstyle_id else False
        if italic is None:
            italic = bool(self.styles.first(rstyle_id, "italic")) if rstyle_id else False
        return bold, italic

    def _run(self, r, segments, problems, link) -> None:
        rpr = r.find(qn("w:rPr"))
        bold, italic = self._emphasis(rpr)
        shape = run_shape(rpr)
        for child in r:
            tag = child.tag
            if tag == qn("w:fldChar"):
                if child in self.unended:
                    problems.append(("skipped", _UNENDED))
                else:
                    self._field_char(child.get(qn("w:fldCharType")))
                continue
            if tag == qn("w:instrText"):
                if self.fields:
                    self.fields[-1]["instr"] += child.text or ""
                continue
            if any(not f["result"] for f in self.fields):
                continue  # inside a field's instructions
            self._content(child, segments, problems, (bold, italic, link), shape)

    def _content(self, child, segments, problems, look, shape) -> None:
        """One piece of a run (see wordinline.piece); a text box's paragraphs wait in
        `self.boxes` to be read after this paragraph."""
        text = _text(child, problems) if child.tag == qn("w:t") else ""
        segments += piece(child, text, look, shape, problems, self.boxes)


_UNENDED = (
    "a field (such as a page number or a cross-reference) whose end Word never marked; "
    "the text after it is read as ordinary text: check it against the file"
)


def unended_fields(body) -> set:
    """The `begin` marks of fields that never end. Word closes every field; a file that does
    not would otherwise hide all the text after the mark as the field's instructions."""
    open_marks: list = []
    for mark in body.iter(qn("w:fldChar")):
        kind = mark.get(qn("w:fldCharType"))
        if kind == "begin":
            open_marks.append(mark)
        elif kind == "end" and open_marks:
            open_marks.pop()
    return set(open_marks)


def _text(t, problems) -> str:
    """A `w:t`'s text. Word never writes an XML entity reference (`&name;` declared in the
    file itself); one is named as not imported, and the text after it is kept."""
    text = t.text or ""
    for inner in t:
        if inner.tag is etree.Entity:
            problems.append(
                (
                    "lost",
                    f"an XML reference, {inner.text}, that Word never writes: its text is not "
                    "imported (type the words in Word and save the file again)",
                )
            )
        text += inner.tail or ""
    return text
