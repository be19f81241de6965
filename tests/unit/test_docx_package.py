"""The Word file is written once (render/docx_xml.package): python-docx's parts go straight into
our zip with fixed dates, each compressed once, and the bytes are those python-docx's own save
gives once its dates are fixed."""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx
from docx.shared import Cm

from policypress import themes
from policypress.render import docx_text, docx_xml
from policypress.render.docx import THEME


def _word_file():
    document = open_docx(str(themes.find(THEME)))
    document.add_heading("Code of conduct", 1)
    document.add_paragraph("Staff must be honest.")
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 1).text = "1 March 2026"
    document.sections[0].header.paragraphs[0].text = "Draft"
    document.core_properties.title = "Code of conduct"
    table.columns[0].width = Cm(3)
    return document


def _saved_then_dated(document, stamp) -> bytes:
    """What python-docx's save gives, each entry then given `stamp` (how it was done before)."""
    saved = io.BytesIO()
    document.save(saved)
    source = zipfile.ZipFile(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def test_the_word_file_is_compressed_once_with_python_docx_parts_and_fixed_dates(monkeypatch):
    expected = _saved_then_dated(_word_file(), (2026, 3, 1, 0, 0, 0))

    written: list[str] = []
    writestr = zipfile.ZipFile.writestr

    def counting(self, name, data, *args, **kwargs):
        written.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return writestr(self, name, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", counting)
    made = docx_xml.package(_word_file(), "2026-03-01")
    names = [info.filename for info in zipfile.ZipFile(io.BytesIO(made)).infolist()]
    assert written == names  # each part compressed once, none saved first and re-zipped
    assert made == expected
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(made)).infolist()} == {
        (2026, 3, 1, 0, 0, 0)
    }
    assert open_docx(io.BytesIO(made)).paragraphs[1].text == "Staff must be honest."


def test_each_style_id_read_in_one_pass_is_python_docx_own():
    document = open_docx(str(themes.find(THEME)))
    styles = document.styles
    ids = docx_text.style_ids(document)
    names = [style.element.name_val for style in styles if style.element.name_val]
    assert len(names) > 100 and set(ids) == set(names)
    for style in styles:
        if not style.element.name_val:
            continue
        found = styles[style.name]  # by its name, as a paragraph or table is given one
        own = None if found == styles.default(found.type) else found.style_id
        assert ids[style.element.name_val] == own, style.name
    assert ids["Normal"] is None and ids["Table Grid"] == "TableGrid"
