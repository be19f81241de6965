"""Real-world-shaped Word policies, written with python-docx (and raw OOXML where python-docx has
no API) the way Word writes them. Each returns the file and every line as Word shows it, its
list numbers included, in order, so a test can look for each line in every output."""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx

from tests.wordfiles import add_abstract_numbering, connected_persons, numbered


def nhf_dotted(path: Path) -> tuple[Path, list[str]]:
    """A code on the National Housing Federation model as many associations type it: principles
    "A. General responsibilities", provisions "A1. You must …", audience headings between the
    provisions of one principle (as headings, and as bold lines with a topic heading among them),
    and "Appendix 1" whose items are 1. / a) / i. from Word's multi-level list."""
    docx = new_docx()
    lines: list[str] = []

    def para(text: str, style: str | None = None):
        lines.append(text)
        return docx.add_paragraph(text, style=style)

    def heading(text: str, level: int):
        lines.append(text)
        return docx.add_heading(text, level=level)

    def bold(text: str) -> None:
        lines.append(text)
        docx.add_paragraph().add_run(text).bold = True

    docx.add_paragraph("Code of Governance and Conduct", style="Title")
    heading("Introduction", 1)
    para("This code says how our board, staff and involved customers behave.")
    heading("A. General responsibilities", 1)
    para("A1. You must act in the interests of the association.")
    para("A2. You must follow this code and our policies.")
    heading("Non-executive directors, trustees and involved customers", 2)
    para("A3. You must prepare for meetings and take part in them.")
    para("A4. You must not use your position for private gain.")
    heading("Staff members", 2)
    para("A5. You must tell your manager about any conflict of interest.")
    heading("B. Openness", 1)
    para("B1. You must give reasons for your decisions (see Appendix 1).")
    bold("Staff members")  # audience and topic headings typed as bold lines, as many codes do
    para("B2. You must explain decisions in plain words.")
    bold("Gifts and hospitality")
    para("B3. You must record every gift in the register.")
    bold("Non-executive directors, trustees and involved customers")
    para("B4. You must not accept a gift from a contractor.")
    heading("Appendix 1 Connected persons", 1)
    connected_persons(docx, lines, 90, "a year after the link ends.")
    docx.save(str(path))
    return path, lines


def word_numbered_sections(path: Path) -> tuple[Path, list[str]]:
    """Headings numbered by Word itself as "SECTION 1", "SECTION 2" (a level text with words
    around the number), each with clauses typed "1.1"."""
    docx = new_docx()
    lines: list[str] = []
    num = add_abstract_numbering(docx, [("decimal", "SECTION %1", 1)], num_id=91)
    for n, (title, clauses) in enumerate(
        (
            ("Purpose", ["This policy says how we let homes."]),
            ("Scope", ["It covers every home we own.", "It does not cover garages."]),
        ),
        start=1,
    ):
        numbered(docx.add_heading(title, level=1), num)
        lines.append(f"SECTION {n} {title}")
        for c, text in enumerate(clauses, start=1):
            docx.add_paragraph(f"{n}.{c} {text}")
            lines.append(f"{n}.{c} {text}")
    docx.save(str(path))
    return path, lines


def appendix_headings(path: Path) -> Path:
    """Four ways appendix headings are written: the label alone with the title on a bold line
    below; the label alone above plain text; Word numbering "Appendix %1" with the label typed
    again; and a label typed before a title that starts with the same words."""
    docx = new_docx()
    docx.add_heading("1.0 Introduction", 1)
    docx.add_paragraph("1.1 This policy has four appendices.")
    docx.add_heading("Appendix 1", 1)
    docx.add_paragraph().add_run("Connected persons").bold = True
    docx.add_paragraph("Who counts as connected to you.")
    docx.add_heading("Appendix 2", 1)
    docx.add_paragraph("A form to declare an interest.")
    num = add_abstract_numbering(docx, [("decimal", "Appendix %1", 3)], num_id=92)
    numbered(docx.add_heading("Appendix 3 Gifts", 1), num)
    docx.add_paragraph("What gifts you may keep.")
    docx.add_heading("Appendix 4: Appendix 4 forms", 1)
    docx.add_paragraph("The forms the earlier appendices name.")
    docx.save(str(path))
    return path


def tenancy_policy(path: Path) -> tuple[Path, list[str]]:
    """A tenancy policy as a housing association's Word file often is: a foreword under a Heading 2
    before the first part, a page header and footer, a contact box (a text box), a room size
    with a superscript, a symbol from Insert Symbol, and an equation."""
    from docx.oxml import parse_xml

    from tests.wordfiles import W

    docx = new_docx()
    docx.sections[0].header.paragraphs[0].text = "OFFICIAL"
    docx.sections[0].footer.paragraphs[0].text = "Tenancy policy"
    lines = ["Foreword", "We want every tenancy to last."]
    docx.add_heading("Foreword", 2)
    docx.add_paragraph("We want every tenancy to last.")
    docx.add_heading("1.0 Our homes", 1)
    p = docx.add_paragraph("1.1 A bedroom has at least 6.5m")
    p.add_run("2").font.superscript = True
    p.add_run(" of floor space.")
    lines.append("1.1 A bedroom has at least 6.5m² of floor space.")
    p = docx.add_paragraph("1.2 Rent rises by CPI + 1% ")
    p._p.append(parse_xml(f'<w:r {W}><w:sym w:font="Symbol" w:char="F0A3"/></w:r>'))
    p.add_run(" 7.7%.")
    lines.append("1.2 Rent rises by CPI + 1% ≤ 7.7%.")
    box = (
        f'<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r>'
        "<w:t>Call us on 0800 123 456.</w:t></w:r></w:p></w:txbxContent></w:drawing>"
        "</mc:Choice></mc:AlternateContent></w:r>"
    )
    p = docx.add_paragraph("1.3 Tell us about any repair.")
    p._p.append(parse_xml(box))
    lines += ["1.3 Tell us about any repair.", "Call us on 0800 123 456."]
    docx.add_heading("2.0 Rent", 1)
    p = docx.add_paragraph("2.1 The weekly rent is ")
    p._p.append(
        parse_xml(
            '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
            "<m:f><m:num><m:r><m:t>R</m:t></m:r></m:num><m:den><m:r><m:t>52</m:t></m:r>"
            "</m:den></m:f></m:oMath>"
        )
    )
    p.add_run(".")
    lines.append("2.1 The weekly rent is R/52.")
    docx.save(str(path))
    return path, lines
