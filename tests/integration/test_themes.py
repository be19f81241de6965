"""The look: the package's default themes, the council's overrides in themes/, and the built-in
site configuration used when there is no mkdocs.yml."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from pdfminer.high_level import extract_text

from policypress import themes
from policypress.build import build
from tests.conftest import DOCUMENT, write_content


def _project(root: Path, monkeypatch, files: dict[str, str | bytes] | None = None) -> Path:
    """A council's folder holding content/ and the given theme files, as the working folder."""
    write_content(root)
    for name, data in (files or {}).items():
        path = root / "themes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    monkeypatch.chdir(root)
    build(root / "content", root / "build")
    return root / "build"


def _default(relative: str) -> str:
    return (themes.DEFAULTS / relative).read_text("utf-8")


def _replaced(text: str, old: str, new: str) -> str:
    assert old in text, f"the default template no longer holds {old!r}"
    return text.replace(old, new)


def _reference_docx_in(font: str) -> bytes:
    template = docx.Document(str(themes.DEFAULTS / "docx" / "reference.docx"))
    template.styles["Normal"].font.name = font
    data = io.BytesIO()
    template.save(data)
    return data.getvalue()


def test_a_file_in_themes_replaces_the_package_default(tmp_path: Path, monkeypatch):
    out = _project(
        tmp_path,
        monkeypatch,
        {
            "docx/reference.docx": _reference_docx_in("Verdana"),
            # the words come from the catalogue; a council's template may still write its own
            "pdf/policy.typ": _replaced(
                _default("pdf/policy.typ"), "title: data.words.contents", 'title: "What is in it"'
            ),
            "site/pages/accessibility.md": "# Accessibility statement\n\nWritten by the council "
            "itself.\n",
            "site/overrides/main.html": '{% extends "base.html" %}\n'
            "{% block htmltitle %}<title>Council theme</title>{% endblock %}\n",
        },
    )
    styles = (
        zipfile.ZipFile(out / "example" / "example.docx").read("word/styles.xml").decode("utf-8")
    )
    assert 'w:ascii="Verdana"' in styles
    text = extract_text(str(out / "example" / "example.pdf"))
    assert "What is in it" in text and "Contents" not in text
    page = (out / "site" / "accessibility" / "index.html").read_text("utf-8")
    assert "Written by the council itself." in page
    assert "<title>Council theme</title>" in page
    # what the council did not replace still comes from the package
    assert (out / "site" / "assets" / "policypress.css").read_text("utf-8") == _default(
        "site/pages/assets/policypress.css"
    )


def test_without_overrides_the_package_defaults_are_used(tmp_path: Path, monkeypatch):
    out = _project(tmp_path, monkeypatch)
    styles = (
        zipfile.ZipFile(out / "example" / "example.docx").read("word/styles.xml").decode("utf-8")
    )
    assert 'w:ascii="Arial"' in styles and "Verdana" not in styles
    text = extract_text(str(out / "example" / "example.pdf"))
    assert "Contents" in text and "What is in it" not in text
    page = (out / "site" / "accessibility" / "index.html").read_text("utf-8")
    assert "We want as many people as possible to be able to use it" in page
    assert "<title>Accessibility - Example Council policies</title>" in page


def test_the_built_in_configuration_names_the_site_safely_and_uses_the_councils_logo(
    tmp_path: Path, monkeypatch
):
    hostile = DOCUMENT.replace(
        "organisation: Example Council", 'organisation: "<script>alert(1)</script> & Co"'
    )
    write_content(tmp_path, {"example/document.yaml": hostile})
    logo = tmp_path / "themes" / "site" / "pages" / "assets" / "logo.svg"
    logo.parent.mkdir(parents=True)
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "mkdocs.yml").exists()
    build(tmp_path / "content", tmp_path / "build")
    home = (tmp_path / "build" / "site" / "index.html").read_text("utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co policies</title>" in home
    assert "<script>alert" not in home
    assert '<img src="assets/logo.svg" alt="logo">' in home
    assert (tmp_path / "build" / "site" / "assets" / "logo.svg").read_bytes() == logo.read_bytes()
