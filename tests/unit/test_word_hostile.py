"""Hostile and damaged Word files: each is refused with a message naming the file and the part,
or read with what could not be read listed as not imported; never a traceback, a hang or
memory past what the file declares."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx

from policypress.errors import PolicyPressError
from policypress.importer import package
from policypress.importer.word import read_docx
from policypress.load.numbering import roman
from tests.conftest import run_cli
from tests.wordfiles import add_abstract_numbering, numbered

DOCUMENT = "word/document.xml"


def _plain_docx(path: Path, *texts: str) -> Path:
    docx = new_docx()
    for text in texts:
        docx.add_paragraph(text)
    docx.save(str(path))
    return path


def _rewrite(path: Path, name: str, change) -> Path:
    """The package at `path` again, with part `name` replaced by change(its bytes)."""
    with zipfile.ZipFile(path) as old:
        parts = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts:
            new.writestr(info.filename, change(data) if info.filename == name else data)
    return path


def test_a_part_bigger_than_policypress_reads_is_refused_before_it_is_inflated(
    tmp_path, monkeypatch
):
    path = _plain_docx(tmp_path / "bomb.docx", "Text")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("word/media/x", "w") as f:
        for _ in range(64):
            f.write(bytes(2**20))  # 64 MB of zeros: 64 KB packed
    monkeypatch.setattr(package, "MAX_UNPACKED", 8 * 2**20)
    tracemalloc.start()
    try:
        with pytest.raises(PolicyPressError) as refused:
            read_docx(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(refused.value).startswith(
        f"{path}: would take more than 8 MB once unpacked (the part word/media/x alone would "
        "take 64 MB), more than policypress reads."
    )
    assert peak < 16 * 2**20


def test_a_corrupt_deflate_stream_names_the_part_and_exits_1(tmp_path):
    path = _plain_docx(tmp_path / "broken.docx", "Text")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(DOCUMENT)
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start] = 0xFF  # a deflate block of type 3, which does not exist
    path.write_bytes(bytes(raw))
    done = run_cli("import", str(path), "--id", "broken", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.strip() == (
        f"policypress: error: {path}: the part word/document.xml of this Word file is damaged, "
        "so it cannot be read; open it in Word, save it again as a .docx document and import that"
    )


def _numbered_docx(path: Path, fmt: str, start: str) -> Path:
    docx = new_docx()
    num = add_abstract_numbering(docx, [(fmt, "%1.", 1)], num_id=70)
    numbered(docx.add_paragraph("First"), num)
    numbered(docx.add_paragraph("Second"), num)
    docx.save(str(path))
    return _rewrite(
        path,
        "word/numbering.xml",
        lambda xml: xml.replace(b'<w:start w:val="1"/>', f'<w:start w:val="{start}"/>'.encode()),
    )


@pytest.mark.parametrize(
    ("fmt", "start", "shown"),
    [
        ("decimal", "9" * 5000, "9999999999… (5,000 characters)"),
        ("upperRoman", "2147483647", "2147483647"),
        ("decimal", "-3", "-3"),
    ],
    ids=["5000-digits", "roman-int32", "negative"],
)
def test_a_list_start_word_does_not_allow_is_numbered_from_1_and_reported(
    tmp_path, fmt, start, shown
):
    path = _numbered_docx(tmp_path / "list.docx", fmt, start)
    began = time.monotonic()
    read = read_docx(path)
    assert time.monotonic() - began < 10
    first = "I." if fmt == "upperRoman" else "1."
    assert [b.number for b in read.blocks][0] == first
    assert [(s.where, s.reason, s.lost) for s in read.skipped] == [
        (
            "list numbering",
            f"a list that starts at {shown}, which Word does not allow (0 to 32,767); it is "
            "numbered from 1 here (set its numbering value in Word and save the file again)",
            True,
        )
    ]


def test_roman_numerals_of_a_huge_number_take_no_time():
    began = time.monotonic()
    assert roman(2_147_483_647) == "M" * 2_147_483 + "DCXLVII"
    assert roman(4) == "IV" and roman(0) == ""
    assert time.monotonic() - began < 1


FIELD_BEGIN = b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText>'


def test_a_field_that_never_ends_hides_no_text_and_is_reported(tmp_path):
    path = _plain_docx(tmp_path / "field.docx", "Before the field", "After one", "After two")
    _rewrite(
        path,
        DOCUMENT,
        lambda xml: xml.replace(b"<w:r><w:t>Before", FIELD_BEGIN + b"</w:r><w:r><w:t>Before", 1),
    )
    read = read_docx(path)
    assert [b.plain for b in read.blocks] == ["Before the field", "After one", "After two"]
    assert [(s.where, s.lost) for s in read.skipped] == [("paragraph 1", False)]
    assert "a field (such as a page number or a cross-reference) whose end Word never marked" in (
        read.skipped[0].reason
    )


def test_an_xml_entity_reference_keeps_the_text_after_it_and_is_reported(tmp_path):
    path = _plain_docx(tmp_path / "entity.docx", "Staff must KEEP records.")

    def declare(xml: bytes) -> bytes:
        xml = xml.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY x "shred">]>', 1)
        return xml.replace(b"KEEP", b"&x;")

    _rewrite(path, DOCUMENT, declare)
    read = read_docx(path)
    assert [b.plain for b in read.blocks] == ["Staff must  records."]
    assert [(s.where, s.lost) for s in read.skipped] == [("paragraph 1", True)]
    assert read.skipped[0].reason.startswith("an XML reference, &x;, that Word never writes")
