"""Read a Word file (.docx) into neutral blocks, as Word shows it.

Headings come from the paragraph's outline level or its style (`Heading N`, also through
`basedOn`); list numbers are counted as Word counts them (see numbering.py); numbers typed into
the text are split off (blocks.typed_number); runs keep bold, italic and hyperlinks as Markdown;
fields keep their result and drop their instructions; a table of contents (a content control
from the "Table of Contents" gallery, a TOC field, or `toc N` paragraphs) is skipped and said
so; other content controls are read through.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from policypress.errors import PolicyPressError
from policypress.importer import segments as text_runs
from policypress.importer.blocks import Block, Read, Skipped, excerpt, typed_number
from policypress.importer.numbering import Numbering
from policypress.importer.package import check_package
from policypress.importer.wordinline import transitional
from policypress.importer.wordparts import outside_body
from policypress.importer.wordruns import RunReader, unended_fields
from policypress.importer.wordstyles import Styles, heading_level
from policypress.importer.wordstyles import indent as indent_of


class _Reader(RunReader):
    def __init__(self, path: Path):
        check_package(path)
        strict = transitional(path)
        try:
            self.docx = open_docx(strict or str(path))
        except (
            PackageNotFoundError,
            zipfile.BadZipFile,
            zlib.error,
            KeyError,
            ValueError,
            OSError,
            etree.XMLSyntaxError,
            AttributeError,  # a package part whose root element is not the one it must be
        ) as exc:  # what python-docx raises for a file that is not a .docx
            if strict:
                raise PolicyPressError(
                    f"{path}: this file is saved as Strict Open XML, and policypress could not "
                    "read it; in Word, choose Save As and the type 'Word Document (*.docx)', "
                    "then import that"
                ) from None
            raise PolicyPressError(
                f"{path}: cannot be read as a Word file ({exc.__class__.__name__}); "
                "save it from Word as a .docx document and try again"
            ) from None
        part = self.docx.part
        self.read = Read([], [])
        self.styles = Styles(self._part(lambda: part.styles.element, "styles"))
        self.numbering = Numbering(self._part(lambda: part.numbering_part.element, "numbering"))
        self.rels = {rid: rel for rid, rel in part.rels.items()}
        self.read.skipped += [
            Skipped("list numbering", "", problem, lost=True) for problem in self.numbering.problems
        ]
        self.fields: list[dict] = []  # open complex fields: {"instr": ..., "result": bool}
        self.unended = unended_fields(self.docx.element.body)
        self.toc_open = False
        self.toc_start = ""
        self.boxes: list = []  # paragraphs of text boxes in the paragraph being read
        self.in_box = 0  # how many text boxes deep the paragraph being read is

    def _part(self, element, what: str):
        """The XML of the styles or numbering part, None when the file has none; a part of the
        wrong type (which Word never writes) is reported and read as none."""
        try:
            return element()
        except (KeyError, NotImplementedError):
            return None
        except AttributeError:  # python-docx gave a generic part: its content type is wrong
            self.read.skipped.append(
                Skipped(
                    what,
                    "",
                    f"the file's {what} part is not marked as {what}, so it is not read "
                    "(numbers, headings and lists may be missing: save the file again from Word)",
                    lost=True,
                )
            )
            return None

    # -- the body --------------------------------------------------------------------------
    def run(self) -> Read:
        self.body(self.docx.element.body)
        self.read.skipped += outside_body(self.docx.part)
        props = self.docx.core_properties
        self.read.properties = {
            k: v
            for k, v in (
                ("title", props.title),
                ("subject", props.subject),
                ("category", props.category),
                ("keywords", props.keywords),
                ("author", props.author),
                ("language", props.language),
            )
            if v
        }
        return self.read

    def body(self, element) -> None:
        for child in element:
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                self.table(child)
            elif child.tag == qn("w:sdt"):
                self.content_control(child)
            elif child.tag in (qn("w:customXml"), qn("w:ins")):
                self.body(child)

    def content_control(self, sdt) -> None:
        props = sdt.find(qn("w:sdtPr"))
        gallery = (
            props.find(f"{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
            if props is not None
            else None
        )
        content = sdt.find(qn("w:sdtContent"))
        if content is None:
            return
        instr = " ".join(t.text or "" for t in content.iter(qn("w:instrText")))
        simple = " ".join(f.get(qn("w:instr"), "") for f in content.iter(qn("w:fldSimple")))
        is_toc = (
            (gallery is not None and "table of contents" in gallery.get(qn("w:val"), "").lower())
            or re.match(r"\s*TOC\b", instr)
            or re.match(r"\s*TOC\b", simple)
        )
        if not is_toc:
            self.body(content)
            return
        first = self.read.paragraphs + 1
        count = len(content.findall(f".//{qn('w:p')}"))
        self.read.paragraphs += count
        self.read.skipped.append(
            Skipped(
                _span(first, self.read.paragraphs),
                "",
                "the table of contents (Word makes it again; every output has its own)",
            )
        )

    def table(self, tbl) -> None:
        self.read.tables += 1
        rows = []
        for tr in tbl.iter(qn("w:tr")):
            cells = []
            for tc in tr.findall(qn("w:tc")):
                texts = [self.inline(p)[1] for p in tc.iter(qn("w:p"))]
                cells.append(" ".join(" ".join(t.split()) for t in texts if t.strip()))
            rows.append(cells)
        block = Block("table", f"table {self.read.tables}", rows=rows)
        self.read.blocks.append(block)

    def _in_contents(self, where: str, names, in_toc_before: bool) -> bool:
        """Whether this paragraph belongs to the table of contents; the whole contents list is
        reported once, as skipped, at its last paragraph."""
        if not (
            in_toc_before
            or self.toc_open
            or any(n.startswith("toc ") for n in names)
            or "toc heading" in names
        ):
            return False
        if not self.toc_start:
            self.toc_start = where
        if not self.toc_open:
            self.read.skipped.append(
                Skipped(
                    _span(int(self.toc_start.split()[1]), self.read.paragraphs),
                    "",
                    "the table of contents (Word makes it again; every output has its own)",
                )
            )
            self.toc_start = ""
        return True

    def paragraph(self, p) -> None:
        """A paragraph, then the paragraphs of any text boxes it holds, in reading order."""
        outer, self.boxes = self.boxes, []
        self._paragraph(p)
        boxes, self.boxes = self.boxes, outer
        self.in_box += 1  # a box's text belongs with the paragraph holding it, as if set in
        for box in boxes:
            self.paragraph(box)
        self.in_box -= 1

    def _paragraph(self, p) -> None:
        self.read.paragraphs += 1
        where = f"paragraph {self.read.paragraphs}"
        ppr = p.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style_el.get(qn("w:val")) if style_el is not None else None
        style = self.styles.name(style_id)
        names = self.styles.names(style_id)
        in_toc_before = self.toc_open
        segments, plain, problems = self.inline(p, style_id)
        if self._in_contents(where, names, in_toc_before):
            return
        for kind, what in problems:
            self.read.skipped.append(Skipped(where, excerpt(plain), what, lost=kind == "lost"))
        list_kind, number, list_level = self.list_number(ppr, style_id, names)
        heading = heading_level(ppr, style_id, self.styles)
        if not plain.strip():
            # (an empty numbered paragraph still moved Word's counter above: nothing to keep)
            self.read.empty += 1
            return
        typed = False
        if not number and not list_kind:
            kind, typed_no, cut = typed_number(plain, heading=bool(heading))
            if kind == "bullet":
                list_kind, list_level = "bullet", 0
                segments = text_runs.cut(segments, cut)
            elif kind:
                number, typed = typed_no, True
                segments = text_runs.cut(segments, cut)
        unmarked: list[str] = []
        text, plain = text_runs.markdown(segments, unmarked), text_runs.plain(segments)
        for line in unmarked:
            self.read.skipped.append(Skipped(where, excerpt(line), text_runs.UNMARKED, lost=True))
        lead = _bold_lead(segments, plain)
        bookmarks = tuple(b.get(qn("w:name"), "") for b in p.iter(qn("w:bookmarkStart")))
        indent = indent_of(ppr.find(qn("w:ind")) if ppr is not None else None)
        if indent is None:
            indent = self.styles.first(style_id, "indent")
        self.read.blocks.append(
            Block(
                "heading" if heading else "para",
                where,
                text.strip(),
                plain.strip(),
                level=heading,
                list_level=list_level if list_kind else -1,
                list_kind=list_kind,
                number=number,
                typed=typed,
                style=style,
                quote=any("quote" in n for n in names),
                all_bold=text_runs.all_bold(segments),
                bookmarks=bookmarks,
                lead=lead,
                indent=bool(indent and indent > 0) or self.in_box > 0,
            )
        )

    def list_number(self, ppr, style_id, names) -> tuple[str, str, int]:
        num = ppr.find(qn("w:numPr")) if ppr is not None else None
        style_num = self.styles.first(style_id, "num")
        num_id = _val(num, "w:numId") or _val(style_num, "w:numId")
        ilvl = _val(num, "w:ilvl") or _val(style_num, "w:ilvl") or "0"
        level = shown_level = int(ilvl) if ilvl.isdigit() else 0
        named = next((n for n in names if re.fullmatch(r"list (bullet|number)( [2-9])?", n)), "")
        if named and not _val(num, "w:ilvl") and named[-1].isdigit():
            shown_level = int(named[-1]) - 1  # "List Bullet 2" is the second level of the list
        if num_id == "0":
            return "", "", -1
        if num_id:
            kind, shown = self.numbering.next(num_id, level)
            level = shown_level
            if kind:
                return kind, shown, level
        if named.startswith("list bullet"):
            return "bullet", "", shown_level
        return "", "", -1


def _bold_lead(segments: list, plain: str) -> str:
    """The bold words a paragraph starts with, when they end in a colon and more follows them
    ("Gifts:" in "Gifts: staff must not accept…"); else ""."""
    if not segments or not segments[0][1]:
        return ""
    bold = ""
    for seg in segments:
        if not seg[1]:
            break
        bold += seg[0]
    if bold.strip().endswith(":") and len(bold.strip()) < len(plain.strip()):
        return bold.strip()
    return ""


def _val(element, tag: str) -> str:
    found = element.find(qn(tag)) if element is not None else None
    return found.get(qn("w:val"), "") if found is not None else ""


def _span(first: int, last: int) -> str:
    return f"paragraph {first}" if first >= last else f"paragraphs {first}–{last}"


def read_docx(path: Path) -> Read:
    return _Reader(path).run()
