"""What a Word paragraph holds besides plain runs, read as Word shows it: text boxes, equations,
symbols, right-to-left text, superscript and subscript, emphasis that nests, headers, footers and
comments, and Strict Open XML. Each file is written the way Word writes it (raw OOXML where
python-docx has no API)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document as new_docx
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from policypress.errors import Location
from policypress.importer.segments import markdown
from policypress.importer.word import read_docx
from policypress.load.markdown import parse_blocks
from policypress.model import Paragraph, Span
from tests.wordfiles import W

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'
M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def _read(tmp_path: Path, docx):
    path = tmp_path / "file.docx"
    docx.save(str(path))
    return read_docx(path)


def _text_box(words: str, fallback_words: str) -> str:
    """A run holding a text box as Word 2010 and later write it: a drawing with the box for new
    readers, and a VML shape with the same box for old ones."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{words}</w:t></w:r></w:p></w:txbxContent>"
    old = f"<w:txbxContent><w:p><w:r><w:t>{fallback_words}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f"<w:r {W} {MC} {WPS} {WP} {A} {V}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{old}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_text_box_is_read_as_a_paragraph_after_the_one_holding_it(tmp_path):
    docx = new_docx()
    p = docx.add_paragraph("Before the box.")
    p._p.append(parse_xml(_text_box("Call us on 0800 123 456.", "Call us on 0800 123 456.")))
    docx.add_paragraph("After the box.")
    read = _read(tmp_path, docx)
    assert [b.plain for b in read.blocks] == [
        "Before the box.",
        "Call us on 0800 123 456.",
        "After the box.",
    ]
    assert not any(s.lost for s in read.skipped)


def test_a_picture_wrapped_in_alternate_content_is_reported(tmp_path):
    docx = new_docx()
    p = docx.add_paragraph("A chart follows.")
    p._p.append(
        parse_xml(
            f'<w:r {W} {MC} {WP}><mc:AlternateContent><mc:Choice Requires="wp14"><w:drawing>'
            "<wp:inline/></w:drawing></mc:Choice><mc:Fallback><w:drawing><wp:inline/>"
            "</w:drawing></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    read = _read(tmp_path, docx)
    lost = [s for s in read.skipped if s.lost]
    assert len(lost) == 1 and "a picture or drawing" in lost[0].reason
    assert lost[0].where == "paragraph 1"


def test_equations_are_read_as_their_text(tmp_path):
    docx = new_docx()
    p = docx.add_paragraph("The angle is ")
    p._p.append(
        parse_xml(
            f"<m:oMath {M}><m:r><m:t>θ=</m:t></m:r><m:f><m:num><m:r><m:t>π</m:t></m:r></m:num>"
            "<m:den><m:r><m:t>4</m:t></m:r></m:den></m:f></m:oMath>"
        )
    )
    p.add_run(" and the area is ")
    p._p.append(
        parse_xml(
            f"<m:oMath {M}><m:sSup><m:e><m:r><m:t>r</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t>"
            "</m:r></m:sup></m:sSup></m:oMath>"
        )
    )
    p.add_run(".")
    assert _read(tmp_path, docx).blocks[0].plain == "The angle is θ=π/4 and the area is r²."


def test_symbols_and_the_symbol_font_are_the_characters_word_shows(tmp_path):
    docx = new_docx()
    p = docx.add_paragraph("Tick ")
    p._p.append(parse_xml(f'<w:r {W}><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'))
    p.add_run(", then ")
    p._p.append(
        parse_xml(
            f'<w:r {W}><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'
            "<w:t>a</w:t></w:r>"
        )
    )
    p.add_run(" and ")
    p._p.append(parse_xml(f'<w:r {W}><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'))
    p.add_run(" 5.")
    p._p.append(parse_xml(f'<w:r {W}><w:sym w:font="Webdings" w:char="F021"/></w:r>'))
    read = _read(tmp_path, docx)
    assert read.blocks[0].plain == "Tick ✔, then α and ≥ 5.!"
    docx = new_docx()
    docx.add_paragraph("Odd: ")._p.append(
        parse_xml(f'<w:r {W}><w:sym w:font="Wingdings" w:char="F021"/></w:r>')
    )
    lost = [s for s in _read(tmp_path, docx).skipped if s.lost]
    assert len(lost) == 1 and "Wingdings font (code F021)" in lost[0].reason


def test_right_to_left_runs_are_read(tmp_path):
    docx = new_docx()
    p = docx.add_paragraph("Arabic: ")
    p._p.append(parse_xml(f'<w:dir {W} w:val="rtl"><w:r><w:t>مرحبا</w:t></w:r></w:dir>'))
    p.add_run(" and ")
    p._p.append(parse_xml(f'<w:bdo {W} w:val="rtl"><w:r><w:t>שלום</w:t></w:r></w:bdo>'))
    assert _read(tmp_path, docx).blocks[0].plain == "Arabic: مرحبا and שלום"


def test_superscript_and_subscript_keep_their_meaning(tmp_path):
    docx = new_docx()
    p = docx.add_paragraph("A room of 10m")
    p.add_run("2").font.superscript = True
    p.add_run(" on the 1")
    p.add_run("st").font.superscript = True
    p.add_run(" floor, with CO")
    p.add_run("2").font.subscript = True
    p.add_run(" alarms.")
    read = _read(tmp_path, docx)
    assert read.blocks[0].plain == "A room of 10m² on the 1st floor, with CO₂ alarms."
    assert read.skipped == []


def test_headers_footers_and_comments_are_named_in_the_report(tmp_path):
    docx = new_docx()
    docx.add_paragraph("The text.")
    docx.sections[0].header.paragraphs[0].text = "OFFICIAL - SENSITIVE"
    docx.sections[0].footer.paragraphs[0].text = "Housing Services"
    path = tmp_path / "file.docx"
    docx.save(str(path))
    _add_comment(path, "Jo Bloggs", "Is 40% right?")
    read = read_docx(path)
    named = [(s.where, s.quote) for s in read.skipped]
    assert ("the page header", "“OFFICIAL - SENSITIVE”") in named
    assert ("the page footer", "“Housing Services”") in named
    assert ("a comment by Jo Bloggs", "“Is 40% right?”") in named


def _add_comment(path: Path, author: str, words: str) -> None:
    """Add word/comments.xml (python-docx here writes no comments) and its relationship."""
    with zipfile.ZipFile(path) as old:
        parts = {n: old.read(n) for n in old.namelist()}
    parts["word/comments.xml"] = (
        f'<w:comments {W}><w:comment w:id="0" w:author="{author}"><w:p><w:r><w:t>{words}'
        "</w:t></w:r></w:p></w:comment></w:comments>"
    ).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/comments" Target="comments.xml"/></Relationships>',
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.comments+xml"/></Types>',
    ).encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)


def test_a_strict_open_xml_file_is_read(tmp_path):
    docx = new_docx()
    docx.add_heading("Introduction", 1)
    docx.add_paragraph("Strict words.")
    path = tmp_path / "file.docx"
    docx.save(str(path))
    with zipfile.ZipFile(path) as old:
        parts = {n: old.read(n) for n in old.namelist()}
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            for old_name, strict in (
                (
                    b"schemas.openxmlformats.org/wordprocessingml/2006/main",
                    b"purl.oclc.org/ooxml/wordprocessingml/main",
                ),
                (
                    b"schemas.openxmlformats.org/officeDocument/2006/relationships",
                    b"purl.oclc.org/ooxml/officeDocument/relationships",
                ),
                (
                    b"schemas.openxmlformats.org/drawingml/2006/main",
                    b"purl.oclc.org/ooxml/drawingml/main",
                ),
            ):
                data = data.replace(old_name, strict)
            new.writestr(name, data)
    read = read_docx(path)
    assert [(b.kind, b.plain) for b in read.blocks] == [
        ("heading", "Introduction"),
        ("para", "Strict words."),
    ]


# -- emphasis ------------------------------------------------------------------------------------


def _styled(spans: tuple[Span, ...], bold: bool = False, italic: bool = False):
    for span in spans:
        if span.kind == "text":
            for char in span.text:
                yield char, bold, italic
        else:
            yield from _styled(
                span.children, bold or span.kind == "strong", italic or span.kind == "em"
            )


PIECES = st.lists(
    st.tuples(
        st.sampled_from(["data", "protection", " ", ", ", "law.", "(see", "A1", "x"]),
        st.booleans(),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(PIECES)
def test_emphasis_reads_back_as_it_was_written(pieces):
    """Whatever runs of bold and italic Word holds, the Markdown reads back as the same words, no
    stray asterisks (italic next to bold italic made `***a****, b*`). Each letter and digit keeps
    its emphasis, or its line is named in `lost` for the import report: never dropped silently.
    Where emphasis changes only at word edges, it is always kept (`*, ***data***` lost it)."""
    segments = [(text, bold, italic, None) for text, bold, italic in pieces]
    lost: list[str] = []
    source = markdown(segments, lost).strip()
    blocks, problems = parse_blocks(source, Location("x"), lambda _: Location("x"))
    assert problems == []
    expected = [(c, b, i) for text, b, i in pieces for c in text]
    text = " ".join("".join(c for c, _, _ in expected).split())
    if not text:
        return
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    got = list(_styled(blocks[0].text.spans))
    assert "".join(c for c, _, _ in got) == text
    letters = [(c, b, i) for c, b, i in expected if c.isalnum()]
    kept = [(c, b, i) for c, b, i in got if c.isalnum()] == letters
    assert kept or lost == [text]
    if _at_word_edges(pieces):
        assert kept and lost == []


def _at_word_edges(pieces) -> bool:
    """Whether the emphasis never changes between two letters or digits (inside a word, where
    Markdown often cannot mark it: those words are kept, their emphasis reported as lost).
    Only letters and digits are compared: a punctuation mark or space between words takes the
    emphasis of the words around it when its own cannot be marked (`*,* ***data***` cannot be
    read back as written, so the comma becomes bold italic with the word after it)."""
    chars = [(c, b, i) for text, b, i in pieces for c in text]
    return all(
        not (a[0].isalnum() and z[0].isalnum()) or a[1:] == z[1:]
        for a, z in zip(chars, chars[1:], strict=False)
    )


def test_emphasis_next_to_punctuation_keeps_the_words_emphasis():
    """The two lines that lost all their emphasis: the punctuation takes the words' emphasis."""
    for pieces, words in (
        (
            [(", ", False, True), ("data", True, True), (", ", True, False), ("law.", False, True)],
            ", data, law.",
        ),
        (
            [
                (" ", False, False),
                (", ", False, True),
                ("protection", True, True),
                ("(see", True, False),
            ],
            ", protection(see",
        ),
    ):
        lost: list[str] = []
        source = markdown([(*p, None) for p in pieces], lost)
        blocks, _ = parse_blocks(source.strip(), Location("x"), lambda _: Location("x"))
        assert isinstance(blocks[0], Paragraph) and blocks[0].text.plain() == words
        got = [(c, b, i) for c, b, i in _styled(blocks[0].text.spans) if c.isalnum()]
        assert got == [(c, b, i) for t, b, i in pieces for c in t if c.isalnum()]
        assert lost == []


def test_emphasis_that_cannot_be_kept_is_named(tmp_path):
    """Emphasis changing inside a word (bold `x`, italic `protection`, bold italic `A1`) that
    Markdown cannot read back: the words are imported, and the report names the paragraph."""
    docx = new_docx()
    p = docx.add_paragraph()
    for words, bold, italic in (
        ("x", True, False),
        ("protection", False, True),
        ("A1", True, True),
    ):
        run = p.add_run(words)
        run.bold, run.italic = bold, italic
    read = _read(tmp_path, docx)
    assert [b.plain for b in read.blocks] == ["xprotectionA1"]
    lost = [s for s in read.skipped if s.lost]
    assert len(lost) == 1 and lost[0].where == "paragraph 1"
    assert "bold or italic" in lost[0].reason


def test_italic_next_to_bold_italic_nests():
    """The file that made `***data protection****, …*`: bold italic, then italic."""
    segments = [("data protection", True, True, None), (", and more", False, True, None)]
    source = markdown(segments)
    assert source == "***data protection**, and more*"
    blocks, _ = parse_blocks(source, Location("x"), lambda _: Location("x"))
    assert isinstance(blocks[0], Paragraph)
    assert blocks[0].text.plain() == "data protection, and more"
    assert [s.kind for s in blocks[0].text.spans] == ["em"]
