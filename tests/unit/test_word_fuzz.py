"""A fuzz test of the Word reader over mutated real .docx parts, like the loader's property test.

Each example takes a real Word file (the council's code as Word lays it out, with list
numbering, fields, links and tables) and damages one part: bytes flipped, an element dropped or
repeated, or an attribute set to a hostile value (thousands of digits, a negative or huge
number, nothing, a control character). `import` must then answer with a report or one clear
error (PolicyPressError), never another exception, and within a time bound.
"""

from __future__ import annotations

import signal
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from policypress.errors import PolicyPressError
from policypress.importer.mapper import map_document
from policypress.importer.run import run_import
from policypress.importer.word import read_docx
from tests.wordfiles import W, add_abstract_numbering, council_code, numbered

W_NS = W.split('"')[1]  # the namespace of w: elements
SECONDS = 20  # an example that takes longer has hung: the reader's work is bounded
HOSTILE = [
    "9" * 5000,
    "2147483647",
    "-2147483648",
    "-1",
    "0",
    "",
    "x" * 10_000,
    "%0Abcc%3A",
    "\u202e\u200b",
    "1e308",
    "NaN",
    "../../etc/passwd",
]
SETTINGS = {
    "deadline": None,
    "database": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


def _source() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        path = council_code(Path(tmp) / "code.docx")
        from docx import Document as open_docx
        from docx.oxml import parse_xml

        docx = open_docx(str(path))
        num = add_abstract_numbering(
            docx, [("upperRoman", "%1.", 1), ("lowerLetter", "%2)", 3)], num_id=80
        )
        numbered(docx.add_paragraph("A numbered part"), num, 0)
        numbered(docx.add_paragraph("A lettered point"), num, 1)
        field = docx.add_paragraph("See page ")
        field._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
        field._p.append(parse_xml(f"<w:r {W}><w:instrText>PAGEREF x</w:instrText></w:r>"))
        field._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
        field._p.append(parse_xml(f"<w:r {W}><w:t>4</w:t></w:r>"))
        field._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
        docx.save(str(path))
        with zipfile.ZipFile(path) as zf:
            return {info.filename: zf.read(info) for info in zf.infolist()}


PARTS = _source()
XML_PARTS = sorted(n for n in PARTS if n.endswith((".xml", ".rels")))
# the parts the reader interprets most, chosen more often than the rest
FUZZED = [*["word/document.xml", "word/numbering.xml", "word/styles.xml"] * 4, *XML_PARTS]


@st.composite
def mutated(draw) -> dict[str, bytes]:
    parts = dict(PARTS)
    name = draw(st.sampled_from(FUZZED))
    data = parts[name]
    how = draw(st.sampled_from(["attribute", "attribute", "drop", "repeat", "flip", "cut"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    elif how == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    else:
        root = etree.fromstring(data)
        elements = [e for e in root.iter() if how != "attribute" or e.attrib] or [root]
        element = elements[draw(st.integers(0, len(elements) - 1))]
        parent = element.getparent()
        if how == "drop" and parent is not None:
            parent.remove(element)
        elif how == "repeat" and parent is not None:
            for _ in range(draw(st.integers(1, 3))):
                element.addnext(etree.fromstring(etree.tostring(element)))
        elif how == "attribute":
            names = list(element.attrib) or [f"{{{W_NS}}}val"]
            key = draw(st.sampled_from(names))
            value = draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)))
            element.set(key, "".join(c for c in value if _xml_char(c)))
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts[name] = data
    return parts


def _xml_char(char: str) -> bool:
    """Whether XML 1.0 can hold `char` at all (the file must still parse as XML to test more
    than the parser)."""
    code = ord(char)
    return char in "\t\n\r" or 0x20 <= code < 0xD800 or 0xE000 <= code < 0xFFFE or code > 0xFFFF


def _write(parts: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


@contextmanager
def _bounded(seconds: int):
    def hung(signum, frame):
        raise TimeoutError(f"reading the file took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=120, **SETTINGS)
@given(mutated())
def test_the_word_reader_reports_or_refuses_a_damaged_file_never_crashes(parts):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(parts, Path(tmp) / "damaged.docx")
        with _bounded(SECONDS):
            try:
                read = read_docx(path)
            except PolicyPressError as exc:
                assert str(exc).startswith(f"{path}: ")
                return
            map_document(read, {})
        assert all(s.where and s.reason for s in read.skipped)


@pytest.mark.slow
@settings(max_examples=12, **SETTINGS)
@given(mutated())
def test_import_of_a_damaged_file_ends_in_a_report_or_one_error(parts):
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(parts, Path(tmp) / "damaged.docx")
        content = Path(tmp) / "content"
        content.mkdir()
        with _bounded(SECONDS * 3):
            try:
                lines, code = run_import(path, "damaged", content, dry_run=True)
            except PolicyPressError:
                return
        assert code in (0, 1) and lines[-1] == "Nothing was written (--dry-run)."
