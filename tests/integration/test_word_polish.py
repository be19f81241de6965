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
