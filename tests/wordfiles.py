"""Word files written with python-docx the way Word writes them: list numbering in the numbering
part, a table of contents in a content control, fields, hyperlinks, version tables."""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

W = nsdecls("w")


def add_abstract_numbering(
    docx,
    levels: list[tuple[str, str, int]],
    num_id: int,
    start_override: dict[int, int] | None = None,
) -> int:
    """Add a w:abstractNum with `levels` [(numFmt, lvlText, start)] and a w:num pointing at it."""
    numbering = docx.part.numbering_part.element
    abstract_id = 100 + num_id
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstractNum elements come before num elements
    else:
        numbering.append(abstract)
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for lvl, value in (start_override or {}).items()
    )
    numbering.append(
        parse_xml(
            f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>"
        )
    )
    return num_id


def numbered(paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def hyperlink(paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def contents_control(docx, entries: list[str]) -> None:
    """A table of contents as Word inserts it: a content control from the Table of Contents
    gallery holding a TOC field whose result is one 'toc 1' paragraph per entry."""
    paragraphs = []
    for index, entry in enumerate(entries):
        begin = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
            ' TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar '
            'w:fldCharType="separate"/></w:r>'
            if index == 0
            else ""
        )
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(entries) - 1 else ""
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{begin}'
            f'<w:r><w:t xml:space="preserve">{entry}</w:t></w:r><w:r><w:tab/></w:r>'
            f"<w:r><w:t>{index + 2}</w:t></w:r>{end}</w:p>"
        )
    sdt = parse_xml(
        f'<w:sdt {W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        f"<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
        f'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Contents</w:t></w:r></w:p>'
        f"{''.join(paragraphs)}</w:sdtContent></w:sdt>"
    )
    docx.element.body.insert(len(docx.element.body) - 1, sdt)  # before the final sectPr


def table(docx, rows: list[list[str]]):
    result = docx.add_table(rows=0, cols=len(rows[0]))
    for values in rows:
        cells = result.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    return result


def council_code(path: Path) -> Path:
    """The council's Code of Conduct laid out as its own Word file is: typed "1.0"/"1.1" numbers,
    bullets from the List Bullet style's numbering, the contents in a content control, the version
    table and a document controls sheet with two rows."""
    docx = new_docx()
    docx.add_paragraph("Code of Conduct for Housing Staff", style="Title")
    docx.add_paragraph("DRAFT")
    contents_control(
        docx, ["1.0 Introduction", "2.0 The Code", "2.1 Act with integrity", "3.0 Version control"]
    )
    docx.add_paragraph("")
    docx.add_heading("1.0 Introduction", level=1)
    p = docx.add_paragraph("1.1 The Code sets out the ")
    p.add_run("principles").bold = True
    p.add_run(" expected of ")
    p.add_run("all").italic = True
    p.add_run(" housing staff. It follows the ")
    hyperlink(p, "CIH Code of Conduct", "https://www.cih.org/code")
    p.add_run(".")
    docx.add_paragraph(
        "1.2 Staff will contribute to a professional, accountable and respectful service."
    )
    docx.add_paragraph("")
    docx.add_heading("2.0 The Code", level=1)
    docx.add_heading("2.1 Act with integrity", level=2)
    docx.add_paragraph("Staff must:")
    docx.add_paragraph("Maintain honest and lawful business activity.", style="List Bullet")
    docx.add_paragraph("Safeguard confidential information.", style="List Bullet")
    docx.add_paragraph("Report any breaches of the code.", style="List Bullet")
    docx.add_heading("2.2 Maintain professional competence", level=2)
    docx.add_paragraph("Staff must:")
    docx.add_paragraph("Seek guidance and share expertise.", style="List Bullet")
    docx.add_heading("3.0 Version control", level=1)
    table(
        docx,
        [
            ["Approval date", "1 May 2023"],
            ["Approved by", "Cabinet"],
            ["Policy owner", "Housing Services"],
            ["Scheduled review", "1 May 2026"],
        ],
    )
    docx.add_paragraph("Document controls sheet")
    table(
        docx,
        [
            ["Date", "Summary of change", "Author and approver"],
            ["01/05/2023", "Approved by Cabinet.", "Author: Jo Bloggs Approver(s): Cabinet"],
            ["14 March 2023", "First draft for consultation.", "Author: Jo Bloggs Approver(s):"],
            ["", "", "Author: Approver(s):"],
        ],
    )
    docx.save(str(path))
    return path


def nhf_layout(path: Path) -> tuple[Path, list[str]]:
    """A code laid out as the National Housing Federation model is in Word: unnumbered opening
    parts, a vision statement in the Quote style, a list followed by a paragraph, lettered
    principles typed "A" and "B" with "Main principle" and "Provisions" headings, audience
    headings whose provisions number on, typed a) items, a paragraph set in under a clause, the
    version table and controls sheet under "Document history", and "Appendix 1" whose 1. / a) /
    i. paragraphs come from a Word multi-level list. Returns the file and each line as Word
    shows it (Word's list numbers included), in order."""
    docx = new_docx()
    lines: list[str] = []

    def para(text: str, style: str | None = None):
        lines.append(text)
        return docx.add_paragraph(text, style=style)

    def heading(text: str, level: int):
        lines.append(text)
        return docx.add_heading(text, level=level)

    docx.add_paragraph("Code of Conduct for Board Members and Staff", style="Title")
    heading("Introduction", 1)
    para("This code sets out how our board members and staff behave when they act for the Trust.")
    heading("Our vision", 2)
    para(
        "Everyone has a safe, warm and affordable home in a community they are proud of.",
        style="Quote",
    )
    heading("Breach of the code", 1)
    para("If someone breaks this code we may:")
    para("ask them to explain what happened;", style="List Bullet")
    para("remove them from the board or committee.", style="List Bullet")
    para("We tell the person in writing what we decided and why.")
    heading("A Integrity", 1)
    heading("Main principle", 2)
    para("Everyone covered by this code acts honestly.")
    heading("Provisions", 2)
    heading("Board members", 3)
    para("A1 Board members do not use what they learn on the board for private gain.")
    para("A2 Board members declare:")
    para("a) their paid work;")
    para("b) the interests of any connected person (see Appendix 1).")
    heading("Staff members", 3)
    para("A3 Staff members do not arrange repairs for friends or family.")
    more = para("This applies to lettings and transfers too.")
    more.paragraph_format.left_indent = 457200  # set in under the clause, as Word does it
    heading("B Openness", 1)
    heading("Main principle", 2)
    para("We are open about our decisions.")
    heading("Provisions", 2)
    heading("Board members", 3)
    para("B1 Board members make sure the reasons for decisions are minuted.")
    heading("Staff members", 3)
    para("B2 Staff members explain decisions in plain words.")
    heading("Document history", 1)
    table(
        docx,
        [
            ["Approval date", "1 May 2023"],
            ["Approved by", "Board"],
            ["Policy owner", "Company Secretary"],
            ["Scheduled review", "1 May 2026"],
            ["Version", "2.1"],
        ],
    )
    table(
        docx,
        [
            ["Date", "Summary of change", "Author and approver"],
            ["01/05/2023", "Approved by the Board.", "Author: Jo Bloggs Approver(s): Board"],
            ["14 March 2023", "First draft for consultation.", "Author: Jo Bloggs Approver(s):"],
        ],
    )
    heading("Appendix 1 Connected persons", 1)
    connected_persons(docx, lines, 80, "under paragraph 1 after a year.")
    docx.save(str(path))
    return path, lines


def connected_persons(docx, lines: list[str], num_id: int, ends: str) -> None:
    """An appendix's items numbered 1. / a) / i. by Word, as NHF-model codes print them; each
    printed line (label and words) is added to `lines`. `ends` finishes the last item."""
    num = add_abstract_numbering(
        docx,
        [("decimal", "%1.", 1), ("lowerLetter", "%2)", 1), ("lowerRoman", "%3.", 1)],
        num_id=num_id,
    )
    for number, text, level in (
        ("1.", "A person is connected to you if they are:", 0),
        ("a)", "a member of your family, which means:", 1),
        ("i.", "your partner; or", 2),
        ("ii.", "your child;", 2),
        ("b)", "your business partner.", 1),
        ("2.", f"A person stops being connected {ends}", 0),
    ):
        numbered(docx.add_paragraph(text), num, level)
        lines.append(f"{number} {text}")
