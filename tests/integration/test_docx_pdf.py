"""The cabinet DOCX and the tagged PDF, opened and inspected as their readers' tools would."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pdfminer.high_level import extract_text

from policypress.build import build
from policypress.load.loader import load_library
from tests.conftest import FROZEN, REPO, SECTION, write_content
from tests.pdftags import struct_types

EPOCH = "1795000000"  # 19 November 2026
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("POLICYPRESS_UPDATE_GOLDEN") == "1"  # set it to rewrite the golden files


def _build(content: Path, out: Path) -> Path:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        build(content, out)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("default")
    shutil.copytree(FROZEN, root / "content")
    return _build(root / "content", root / "build")


@pytest.fixture(scope="module")
def document():
    return load_library(FROZEN, REPO).library.document("code-of-conduct")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


# -- DOCX ------------------------------------------------------------------------------------


def test_docx_headings_use_word_heading_styles_with_source_numbers(built, document):
    docx = open_docx(built / "code-of-conduct" / "code-of-conduct.docx")
    headings = [
        (p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith("Heading")
    ]
    expected = [(f"Heading {s.level}", f"{s.number} {s.title}") for s in document.all_sections()]
    expected.insert(
        expected.index(("Heading 1", "4.0 Version control")) + 1,
        ("Heading 2", "Document controls sheet"),
    )
    assert headings == expected
    for paragraph in docx.paragraphs:  # one component owns the numbers: no Word numbering on them
        if paragraph.style.name.startswith("Heading") or paragraph.style.name == "Clause":
            assert paragraph._p.pPr is None or paragraph._p.pPr.numPr is None


def test_docx_clauses_and_obligation_lists(built):
    docx = open_docx(built / "code-of-conduct" / "code-of-conduct.docx")
    clauses = [p.text for p in docx.paragraphs if p.style.name == "Clause"]
    assert [c.split("\t")[0] for c in clauses] == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4"]
    bullets = [p.text for p in docx.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 24
    assert bullets[-1].startswith("Enhance reputation, public pride")
    assert docx.styles["List Bullet"].element.pPr.numPr is not None  # a real Word list
    lead_ins = [p.text for p in docx.paragraphs if p.style.name == "Lead-in"]
    assert lead_ins == ["Staff must:"] * 3
    standards = [p.text for p in docx.paragraphs if p.style.name == "Standards"]
    assert (
        standards[0] == "Links to the CIH professional standards: Integrity, Inclusive and Ethical"
    )


def test_docx_cover_header_and_footer_say_draft(built):
    docx = open_docx(built / "code-of-conduct" / "code-of-conduct.docx")
    texts = [p.text for p in docx.paragraphs[:12]]
    assert "DRAFT" in texts and "Code of Conduct for Housing Staff" in texts
    assert "Policy owner: Housing Services Property Assets (Housing)" in texts
    header = docx.sections[0].header.paragraphs[0].text
    assert header == "Code of Conduct for Housing Staff · DRAFT · not yet approved"
    footer = docx.sections[0].footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer


def test_docx_properties_language_and_contents_field(built):
    path = built / "code-of-conduct" / "code-of-conduct.docx"
    docx = open_docx(path)
    props = docx.core_properties
    assert (props.title, props.author, props.language) == (
        "Code of Conduct for Housing Staff – proposed version 1.0 (not yet approved)",
        "Housing Services Property Assets (Housing)",
        "en-GB",
    )
    assert props.subject.startswith("The principles and standards")
    langs = {el.get(qn("w:val")) for el in docx.styles.element.iter(qn("w:lang"))}
    assert langs == {"en-GB"}
    body = docx.element.body.xml
    assert ' TOC \\o "1-' in body and 'w:dirty="true"' not in body
    settings = [child.tag.split("}")[1] for child in docx.settings.element]
    assert "updateFields" in settings  # one question on opening adds the page numbers


def test_docx_tables_repeat_their_header_rows_and_links_are_real(built):
    docx = open_docx(built / "code-of-conduct" / "code-of-conduct.docx")
    assert len(docx.tables) == 2
    # the controls sheet repeats its header row; the key/value table has none (its first column
    # names each row)
    assert docx.tables[1].rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert (
        docx.tables[0].rows[0]._tr.trPr is None
        or docx.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader")) is None
    )
    fields = {row.cells[0].text: row.cells[1].text for row in docx.tables[0].rows}
    assert fields == {
        "Version": "Proposed version 1.0 — the first version",
        "Status": "Not yet approved",
        "To be approved by": "Cabinet",
        "Policy owner": "Housing Services Property Assets (Housing)",
        "Scheduled review": "To be set at approval",
    }
    assert [c.text for c in docx.tables[1].rows[0].cells] == [
        "Version",
        "Approved on",
        "Approved by",
        "Minute",
        "Changes",
    ]
    links = [r for r in docx.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert {r.target_ref for r in links} == {"https://www.cih.org/professional-standards"}


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_is_tagged_pdf_ua(built):
    with pikepdf.open(built / "code-of-conduct" / "code-of-conduct.pdf") as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "en-GB"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        metadata = pdf.open_metadata()
        assert metadata.get("pdfuaid:part") == "1"
        assert (
            metadata.get("dc:title")
            == "Code of Conduct for Housing Staff – proposed version 1.0 (not yet approved)"
        )
        types = struct_types(pdf)
        for tag in ("/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"):
            assert types.get(tag, 0) > 0, (tag, types)


def test_pdf_outline_equals_the_headings(built, document):
    with (
        pikepdf.open(built / "code-of-conduct" / "code-of-conduct.pdf") as pdf,
        pdf.open_outline() as outline,
    ):
        titles: list[str] = []
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack.extend(reversed(item.children))
    expected = [f"{s.number} {s.title}" for s in document.all_sections()] + [
        "Document controls sheet"
    ]
    assert titles == expected


def test_pdf_text_has_every_clause_in_reading_order(built, document):
    text = _normalise(extract_text(built / "code-of-conduct" / "code-of-conduct.pdf"))
    position = 0
    for _, item in document.texts():
        found = text.find(_normalise(item.plain()), position)
        assert found >= 0, item.plain()
        position = found
    assert "Page 3 of 5" in text
    assert "DRAFT · not yet approved" in text


# -- both ------------------------------------------------------------------------------------


def test_same_source_and_epoch_give_identical_bytes(tmp_path: Path, built):
    copy = tmp_path / "content"
    shutil.copytree(FROZEN, copy)
    again = _build(copy, tmp_path / "build")
    for name in ("code-of-conduct.docx", "code-of-conduct.pdf"):
        first = hashlib.sha256((built / "code-of-conduct" / name).read_bytes()).hexdigest()
        second = hashlib.sha256((again / "code-of-conduct" / name).read_bytes()).hexdigest()
        assert first == second, name


TRICKY = "Costs #set page(width: 1cm) $5 *not bold* <b> & ] @ref _x_ \\ end"


def test_source_text_is_escaped_where_it_lands(tmp_path: Path):
    section = SECTION.replace("Staff must be honest.", f'"{TRICKY.replace(chr(92), chr(92) * 2)}"')
    content = write_content(tmp_path, {"example/sections/one.yaml": section})
    out = _build(content, tmp_path / "build")
    pdf_text = _normalise(extract_text(out / "example" / "example.pdf"))
    assert "Costs #set page(width: 1cm) $5 not bold <b> & ] @ref x \\ end" in pdf_text
    docx = open_docx(out / "example" / "example.docx")
    clause = next(p for p in docx.paragraphs if p.text.startswith("1.1"))
    assert clause.text == "1.1\tCosts #set page(width: 1cm) $5 not bold <b> & ] @ref x \\ end"
    assert [r.text for r in clause.runs if r.italic] == ["not bold", "x"]


def test_golden_typst_data_and_document_xml(built, document, monkeypatch):
    import json

    from policypress import history
    from policypress.render.pdf import typst_data

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    copy = built.parent / "content"  # the copy the module built from: outside git
    library = load_library(copy, built.parent).library
    vc = history.version_control(library.documents[0], history.read_history(copy))
    data = (
        json.dumps(
            typst_data(library.documents[0], library, vc),
            indent=1,
            ensure_ascii=False,
            sort_keys=True,
        )
        + "\n"
    )
    with zipfile.ZipFile(built / "code-of-conduct" / "code-of-conduct.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    xml = re.sub(r"><", ">\n<", xml) + "\n"
    for name, actual in (
        ("code-of-conduct.typst.json", data),
        ("code-of-conduct.document.xml", xml),
    ):
        golden = GOLDEN / name
        if UPDATE:
            golden.write_text(actual, encoding="utf-8")
        assert golden.exists(), f"no golden file {name}: run with POLICYPRESS_UPDATE_GOLDEN=1"
        assert actual == golden.read_text("utf-8"), (
            f"{name} changed; if on purpose, rerun with POLICYPRESS_UPDATE_GOLDEN=1"
        )


def test_the_docx_writer_can_emit_tracked_changes(tmp_path: Path):
    from docx import Document as new_docx

    from policypress.render.docx import tracked

    docx = new_docx()
    paragraph = docx.add_paragraph("Staff ")
    tracked(paragraph, "should", "del", "Ana Núñez", "2026-11-01", 1)
    tracked(paragraph, "must", "ins", "Ana Núñez", "2026-11-01", 2)
    docx.save(tmp_path / "redline.docx")
    reopened = open_docx(tmp_path / "redline.docx").paragraphs[0]._p
    deleted = reopened.find(qn("w:del"))
    inserted = reopened.find(qn("w:ins"))
    assert deleted.get(qn("w:author")) == "Ana Núñez"
    assert deleted.find(qn("w:r")).find(qn("w:delText")).text == "should"
    assert inserted.find(qn("w:r")).find(qn("w:t")).text == "must"
    assert inserted.get(qn("w:date")) == "2026-11-01T00:00:00Z"


SECOND = REPO / "tests" / "fixtures" / "second-document"


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> Path:
    return _build(SECOND, tmp_path_factory.mktemp("second") / "build") / "board-code"


def test_lettered_document_with_groups_items_and_appendix_in_docx(second):
    docx = open_docx(second / "board-code.docx")
    headings = [
        (p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[:6] == [
        ("Heading 1", "A Standards of conduct"),
        ("Heading 2", "Non-executive directors"),
        ("Heading 2", "Staff members"),
        ("Heading 2", "Involved customers"),
        ("Heading 1", "B Associated policies"),
        ("Heading 1", "Appendix A Declaration form"),
    ]
    texts = [p.text for p in docx.paragraphs]
    assert "A1\tNon-executive directors must:" in texts
    assert "1)\tdeclare their interests on appointment;" in texts
    assert "A3\tStaff members follow the Probity Policy and clause A1." in texts
    assert (
        "Main principle: Everyone covered by this code acts with honesty and integrity and puts "
        "the interests of residents first." in texts
    )
    bullets = [p.text for p in docx.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [
        "Probity Policy",
        "Complaints Policy",
        "interests in companies that work with us;",
        "family members who are residents.",
    ]
    standards = [p.text for p in docx.paragraphs if p.style.name == "Standards"]
    assert standards == [
        "Links to the CIH professional standards: Integrity and Ethical",
        "Links to the seven principles of public life: Selflessness and Honesty",
    ]


def test_lettered_document_in_pdf(second):
    text = _normalise(extract_text(second / "board-code.pdf"))
    for expected in (
        "A1 Non-executive directors must: 1) declare their interests on appointment;",
        "A3 Staff members follow the Probity Policy and clause A1.",
        "Appendix A Declaration form",
        "A.1 I have read and will follow this code.",
    ):
        assert expected in text
    with pikepdf.open(second / "board-code.pdf") as pdf:
        assert struct_types(pdf).get("/H2", 0) >= 3


def test_the_pdfs_facts_are_labelled_items_and_its_tables_have_headers(built):
    """Issue 23: the cover's and the version control's facts are not tables without headers. The
    typst we can install cannot tag a row header (TH, scope Row: behind a feature the Python
    binding cannot turn on), so they are a list of labelled items (L, LI, Lbl, LBody), which a
    screen reader reads label first; the accessibility statement says so."""
    from tests.pdftags import tagged_texts

    pdf_path = built / "code-of-conduct" / "code-of-conduct.pdf"
    tags = tagged_texts(pdf_path)
    pairs = [  # a label, its bold text, then its value
        (text, tags[n + 2][1])
        for n, (tag, text) in enumerate(tags[:-2])
        if tag == "Lbl" and tags[n + 2][0] == "LBody"
    ]
    labels = [label for label, _ in pairs]
    assert labels.count("Version") == 2, labels  # on the cover and in the version control
    assert "Policy owner" in labels and "Status" in labels
    with pikepdf.open(pdf_path) as pdf:
        tables = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if not isinstance(node, pikepdf.Dictionary):
                continue
            if node.get("/S") == "/Table":
                tables.append(node)
            kids = node.get("/K")
            stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids else [])

        def has_header(node) -> bool:
            if not isinstance(node, pikepdf.Dictionary):
                return False
            kids = node.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []
            return node.get("/S") == "/TH" or any(has_header(k) for k in kids)

        assert tables and all(has_header(t) for t in tables)
