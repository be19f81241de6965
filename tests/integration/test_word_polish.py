"""Word polish (issue 15, item 9): the cabinet DOCX as a cabinet member opens it in Word."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import FROZEN
from tests.integration.test_docx_pdf import _build

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("word")
    shutil.copytree(FROZEN, root / "content")
    return _build(root / "content", root / "build")


def _part(path: Path, name: str):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def test_headings_and_defaults_use_the_reference_documents_named_font(built):
    styles = _part(built / "code-of-conduct" / "code-of-conduct.docx", "word/styles.xml")
    checked = []
    for style in styles.iter(f"{{{W}}}style"):
        name = style.find(f"{{{W}}}name").get(f"{{{W}}}val")
        if name.lower().startswith(("heading", "title")):
            checked.append((name, style.find(f".//{{{W}}}rFonts")))
    checked.append(("docDefaults", styles.find(f"{{{W}}}docDefaults//{{{W}}}rFonts")))
    assert len(checked) > 4
    for name, fonts in checked:
        assert fonts is not None, f"{name} names no font"
        theme = [a for a in THEME_ATTRIBUTES if fonts.get(f"{{{W}}}{a}") is not None]
        assert not theme, f"{name}: {theme} would override the named font"
        assert fonts.get(f"{{{W}}}ascii") == fonts.get(f"{{{W}}}hAnsi") == "Arial", name


def _contents(docx: Path) -> tuple[list[str], str]:
    """The entries of the TOC field's result (its cached text), and the field's instruction."""
    body = _part(docx, "word/document.xml").find(f"{{{W}}}body")
    entries, instruction, inside = [], "", False
    for paragraph in body.iter(f"{{{W}}}p"):
        kinds = [c.get(f"{{{W}}}fldCharType") for c in paragraph.iter(f"{{{W}}}fldChar")]
        text = "".join(paragraph.itertext(f"{{{W}}}instrText"))
        if "begin" in kinds and " TOC " in text:
            inside, instruction = True, text
        if inside:
            style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
            if style is not None and style.get(f"{{{W}}}val").lower().startswith("toc"):
                entries.append("".join(paragraph.itertext(f"{{{W}}}t")))
            if "end" in kinds:
                break
    return entries, instruction


def _outline(pdf_path: Path) -> list[str]:
    import pikepdf

    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        titles: list[str] = []
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack.extend(reversed(item.children))
    return titles


def test_contents_holds_every_pdf_outline_entry_and_gets_page_numbers_on_opening(built):
    """Word asks once, on opening, to update the fields: the contents then has page numbers
    (issue 23: a member should not have to find "Update Field")."""
    docx = built / "code-of-conduct" / "code-of-conduct.docx"
    settings = _part(docx, "word/settings.xml")
    update = settings.find(f"{{{W}}}updateFields")
    assert update is not None and update.get(f"{{{W}}}val") == "true"
    # in the order the schema sets, before the compatibility settings
    names = [etree.QName(child).localname for child in settings]
    assert names.index("updateFields") < names.index("compat")
    entries, instruction = _contents(docx)
    assert instruction.strip().startswith("TOC ") and "\\u" not in instruction
    outline = _outline(built / "code-of-conduct" / "code-of-conduct.pdf")
    assert "Document controls sheet" in outline
    assert entries == outline


def test_contents_and_summary_of_changes_are_in_the_navigation_pane(amended):
    """Both headings have an outline level, so Word's Navigation pane and a screen reader's list
    of headings show them; the TOC field (Heading styles only) does not list them."""
    from docx import Document as open_docx

    for name in ("example.docx", "example-redline.docx"):
        paper = open_docx(str(amended / "build" / "example" / name))
        levels = {}
        for paragraph in paper.paragraphs:
            mark = paragraph._p.find(f"{{{W}}}pPr/{{{W}}}outlineLvl")
            style_level = paragraph.style.element.find(f"{{{W}}}pPr/{{{W}}}outlineLvl")
            level = mark if mark is not None else style_level
            if level is not None or paragraph.style.name.startswith("Heading"):
                levels[paragraph.text] = (
                    int(level.get(f"{{{W}}}val")) if level is not None else paragraph.style.name
                )
        assert levels["Contents"] == 0 and levels["Summary of changes"] == 0, name
        entries, _ = _contents(amended / "build" / "example" / name)
        assert "Contents" not in entries and "Summary of changes" not in entries


def test_every_contents_entry_links_to_a_bookmark_on_its_heading_the_controls_sheet_too(built):
    document = _part(built / "code-of-conduct" / "code-of-conduct.docx", "word/document.xml")
    headings = {}
    for paragraph in document.iter(f"{{{W}}}p"):
        style = paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        if style is not None and style.get(f"{{{W}}}val").startswith("Heading"):
            for mark in paragraph.iter(f"{{{W}}}bookmarkStart"):
                headings[mark.get(f"{{{W}}}name")] = "".join(paragraph.itertext(f"{{{W}}}t"))
    links = [
        (link.get(f"{{{W}}}anchor"), "".join(link.itertext(f"{{{W}}}t")))
        for link in document.iter(f"{{{W}}}hyperlink")
        if link.getparent().find(f"{{{W}}}pPr/{{{W}}}pStyle") is not None
        and link.getparent().find(f"{{{W}}}pPr/{{{W}}}pStyle").get(f"{{{W}}}val").startswith("toc")
    ]
    assert len(links) == len(_outline(built / "code-of-conduct" / "code-of-conduct.pdf"))
    assert all(headings.get(anchor) == text for anchor, text in links), [
        (a, t, headings.get(a)) for a, t in links if headings.get(a) != t
    ]


def test_contents_of_a_document_with_groups_and_an_appendix_match_its_pdf(tmp_path_factory):
    from tests.integration.test_docx_pdf import SECOND

    # a copy outside this repository: the checkout's own approval tags are not this document's
    root = tmp_path_factory.mktemp("second")
    shutil.copytree(SECOND, root / "content")
    folder = _build(root / "content", root / "build") / "board-code"
    entries, _ = _contents(folder / "board-code.docx")
    assert entries == _outline(folder / "board-code.pdf")


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    """A repository with approved versions 1.0, 1.1 and 2.0 and a proposed change since 2.0,
    built with --redline."""
    from tests.conftest import run_cli
    from tests.integration.test_publish import ENV, repository_with_three_versions_and_a_draft

    root = tmp_path_factory.mktemp("amended")
    repository_with_three_versions_and_a_draft(root)
    result = run_cli("build", "--redline", cwd=root, env=ENV)
    assert result.returncode == 0, result.stderr
    return root


def test_the_redline_says_on_its_cover_and_in_its_title_that_it_shows_tracked_changes(amended):
    from docx import Document as open_docx

    redline = open_docx(amended / "build" / "example" / "example-redline.docx")
    cover = [p.text for p in redline.paragraphs[:10]]
    assert "Tracked changes" in cover
    assert (
        "The proposed text with every change since version 2.0 marked, as Word tracked changes."
        in cover
    )
    assert redline.core_properties.title == (
        "Example policy – tracked changes: the proposed text with every change since version 2.0 "
        "marked"
    )
    assert "tracked changes" in redline.sections[0].header.paragraphs[0].text
    assert not any("/v2.0" in text for text in cover)  # no git tag for a reader
    plain = open_docx(amended / "build" / "example" / "example.docx")
    assert plain.core_properties.title == "Example policy – proposed version 3.0 (not yet approved)"
    assert not any("Tracked changes" in p.text for p in plain.paragraphs[:10])


def test_the_summary_of_changes_is_on_landscape_pages_and_the_text_turns_back(amended):
    """Seven columns do not fit a portrait page without breaking words ("Impleme-ntation"): the
    Summary of changes is a landscape section; the text after it is portrait again, and every
    section keeps the running header and footer."""
    from docx import Document as open_docx
    from docx.enum.section import WD_ORIENT

    for name in ("example.docx", "example-redline.docx"):
        paper = open_docx(str(amended / "build" / "example" / name))
        orientations = [section.orientation for section in paper.sections]
        assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT], name
        landscape = paper.sections[1]
        assert landscape.page_width > landscape.page_height
        assert all(section.header.is_linked_to_previous for section in paper.sections[1:])
        ends = 0  # section ends passed, in reading order
        for child in paper.element.body.iterchildren():
            if child.tag == f"{{{W}}}tbl" and "".join(child.itertext()).startswith("Where"):
                break
            ends += child.find(f"{{{W}}}pPr/{{{W}}}sectPr") is not None
        assert ends == 1, name  # the table is in the second, landscape, section
        text_width = landscape.page_width - landscape.left_margin - landscape.right_margin
        table = next(t for t in paper.tables if t.rows[0].cells[0].text == "Where")
        widths = sum(cell.width for cell in table.rows[1].cells)
        assert abs(widths - text_width) < 360 * 20, name  # 2 mm: the table fills the page


def test_publish_keeps_the_redline_a_build_made(amended, tmp_path: Path):
    from tests.conftest import run_cli
    from tests.integration.test_publish import ENV

    redline = amended / "build" / "example" / "example-redline.docx"
    assert redline.is_file()
    before = redline.read_bytes()
    result = run_cli("publish", "--to", str(tmp_path / "public"), cwd=amended, env=ENV)
    assert result.returncode == 0, result.stderr
    assert redline.is_file() and redline.read_bytes() == before
    assert (tmp_path / "public" / "index.html").is_file()
    plain = run_cli("build", cwd=amended, env=ENV)  # a build without --redline still leaves it out
    assert plain.returncode == 0, plain.stderr
    assert not redline.exists()
