"""The Word reader: headings, Word list numbering counted as Word counts it, typed numbers,
formatting, links, fields, line breaks and the table of contents, from files written the way
Word writes them."""

from __future__ import annotations

from docx import Document as new_docx
from docx.oxml import parse_xml
from hypothesis import given
from hypothesis import strategies as st

from policypress.importer.blocks import typed_number
from policypress.importer.word import read_docx
from tests.wordfiles import W, add_abstract_numbering, contents_control, hyperlink, numbered


def _read(tmp_path, docx):
    path = tmp_path / "file.docx"
    docx.save(str(path))
    return read_docx(path)


def test_multilevel_list_numbers_are_counted_from_the_abstract_numbering(tmp_path):
    docx = new_docx()
    num = add_abstract_numbering(
        docx,
        [("decimal", "%1.", 1), ("lowerLetter", "%2)", 1), ("lowerRoman", "%3.", 1)],
        num_id=50,
    )
    for text, level in (
        ("first", 0),
        ("second", 0),
        ("sub a", 1),
        ("sub b", 1),
        ("deep", 2),
        ("deeper", 2),
        ("third", 0),
        ("sub again", 1),
    ):
        numbered(docx.add_paragraph(text), num, level)
    blocks = _read(tmp_path, docx).blocks
    assert [(b.number, b.list_level, b.list_kind) for b in blocks] == [
        ("1.", 0, "ordered"),
        ("2.", 0, "ordered"),
        ("a)", 1, "ordered"),
        ("b)", 1, "ordered"),
        ("i.", 2, "ordered"),
        ("ii.", 2, "ordered"),
        ("3.", 0, "ordered"),
        ("a)", 1, "ordered"),
    ]
    assert not any(b.typed for b in blocks)


def test_start_values_patterns_and_numbering_switched_off(tmp_path):
    docx = new_docx()
    num = add_abstract_numbering(
        docx, [("decimal", "%1.0", 1), ("decimal", "%1.%2", 1)], num_id=60, start_override={0: 3}
    )
    numbered(docx.add_paragraph("Part three"), num, 0)
    numbered(docx.add_paragraph("Clause"), num, 1)
    numbered(docx.add_paragraph("Another"), num, 1)
    off = docx.add_paragraph("Not a bullet", style="List Bullet")  # the style has numbering ...
    numbered(off, 0)  # ... which numId 0 switches off
    upper = add_abstract_numbering(docx, [("upperLetter", "%1", 1)], num_id=61)
    numbered(docx.add_paragraph("Lettered"), upper)
    blocks = _read(tmp_path, docx).blocks
    assert [b.number for b in blocks] == ["3.0", "3.1", "3.2", "", "A"]
    assert blocks[3].list_kind == "" and blocks[3].plain == "Not a bullet"


def test_bullets_from_a_style_and_headings_through_based_on(tmp_path):
    docx = new_docx()
    styles = docx.styles.element
    styles.append(
        parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="PartHeading">'
            '<w:name w:val="Part Heading"/><w:basedOn w:val="Heading2"/></w:style>'
        )
    )
    docx.add_paragraph("Inherited heading", style="Part Heading")
    outline = docx.add_paragraph("Outline level heading")
    outline._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="0"/>'))
    docx.add_paragraph("A bullet", style="List Bullet")
    docx.add_paragraph("A second-level bullet", style="List Bullet 2")
    blocks = _read(tmp_path, docx).blocks
    assert [(b.kind, b.level) for b in blocks[:2]] == [("heading", 2), ("heading", 1)]
    assert [(b.list_kind, b.list_level) for b in blocks[2:]] == [("bullet", 0), ("bullet", 1)]


def test_typed_numbers_are_split_off(tmp_path):
    docx = new_docx()
    for text in (
        "1.1 The first clause.",
        "1.0\tIntroduction",
        "A1. A provision.",
        "1) an item",
        "a) a letter item",
        "(i) a roman item",
        "• a typed bullet",
        "1999 was a year.",
    ):
        docx.add_paragraph(text)
    blocks = _read(tmp_path, docx).blocks
    assert [(b.number, b.text) for b in blocks] == [
        ("1.1", "The first clause."),
        ("1.0", "Introduction"),
        ("A1.", "A provision."),  # the label as printed, full stop and all
        ("1)", "an item"),
        ("a)", "a letter item"),
        ("(i)", "a roman item"),
        ("", "a typed bullet"),
        ("", "1999 was a year."),
    ]
    assert blocks[6].list_kind == "bullet"


def test_formatting_links_fields_and_breaks_become_markdown(tmp_path):
    docx = new_docx()
    p = docx.add_paragraph()
    p.add_run("Main principle:").bold = True
    p.add_run(" act with ")
    p.add_run("care").italic = True
    p.add_run(" and see ")
    hyperlink(p, "our site", "https://example.org/a")
    p.add_run(". Page ")
    p._p.append(
        parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>')
    )
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        "<w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r>",
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        '<w:r><w:t xml:space="preserve"> of 9</w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "<w:r><w:br/><w:t>Next line * here</w:t></w:r>",
    ):
        p._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W}>", 1)))
    block = _read(tmp_path, docx).blocks[0]
    assert block.text == (
        "**Main principle:** act with *care* and see [our site](https://example.org/a)"
        ". Page 7 of 9\\\nNext line \\* here"
    )
    assert "REF" not in block.plain and block.lead == "Main principle:"


def test_contents_in_a_content_control_are_skipped_and_said_so(tmp_path):
    docx = new_docx()
    docx.add_paragraph("Title", style="Title")
    contents_control(docx, ["1.0 Introduction", "2.0 Scope"])
    docx.add_heading("1.0 Introduction", level=1)
    docx.add_paragraph("")
    read = _read(tmp_path, docx)
    assert [b.plain for b in read.blocks] == ["Title", "Introduction"]
    assert read.blocks[1].where == "paragraph 5"  # the contents' three paragraphs are counted
    assert any(
        "table of contents" in s.reason and s.where == "paragraphs 2–4" for s in read.skipped
    )
    assert read.empty == 1


@given(
    st.sampled_from(["1.1", "12.3", "1.0", "A1", "B12", "1)", "a)", "(i)", "(2)", "iv."]),
    st.text(alphabet="abcdefghij ", min_size=1, max_size=20).filter(lambda s: s.strip()),
)
def test_typed_number_property(number, rest):
    rest = "Word " + rest.strip()
    kind, found, cut = typed_number(f"{number} {rest}")
    assert kind and found == number.rstrip(".") or found == number
    assert f"{number} {rest}"[cut:] == rest
