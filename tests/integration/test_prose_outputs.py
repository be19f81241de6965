"""Prose in every output: paragraphs, nested lists with their start numbers, quotations and
closing text, in source order, as the DOCX, the tagged PDF and the site show them."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pikepdf
import pytest
from docx import Document as open_docx
from pdfminer.high_level import extract_text

from policypress.build import build
from policypress.changes import compare
from policypress.load.loader import load_library
from tests.conftest import write_content

SECTION = """\
id: one
title: Our vision
principle: >-
  We act honestly in everything
  we do.

  We say so plainly.
intro: |
  Our vision statement:

  > Everyone has a safe and affordable home.

  3. Third item, which holds:
     1. a nested item, which holds:
        - a bullet at level three.
  4. Fourth item.
lead-in: "Staff must:"
bullets:
  - id: kind
    text: be kind.
closing: If you are unsure, ask your manager.
clauses:
  - id: first
    text: |
      The first paragraph of the clause.

      Its second paragraph.
    numbered:
      - id: declare
        text: declare their interests.
    closing: A declaration is kept for six years.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("prose")
    content = write_content(root, {"example/sections/one.yaml": SECTION})
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1795000000"
    try:
        build(content, root / "build")
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return root / "build"


def test_docx_keeps_paragraphs_lists_quotation_and_closing_in_order(built: Path):
    docx = open_docx(built / "example" / "example.docx")
    body = [(p.style.name, p.text) for p in docx.paragraphs]
    start = body.index(("Heading 1", "1.0 Our vision"))
    assert body[start + 1 : start + 16] == [
        ("Lead-in", "Main principle: We act honestly in everything we do."),
        ("Normal", "We say so plainly."),
        ("Normal", "Our vision statement:"),
        ("Quote", "Everyone has a safe and affordable home."),
        ("List", "3.\tThird item, which holds:"),
        ("List 2", "1.\ta nested item, which holds:"),
        ("List Bullet 3", "a bullet at level three."),
        ("List", "4.\tFourth item."),
        ("Lead-in", "Staff must:"),
        ("List Bullet", "be kind."),
        ("Normal", "If you are unsure, ask your manager."),
        ("Clause", "1.1\tThe first paragraph of the clause."),
        ("Normal", "Its second paragraph."),
        ("Clause Item", "1)\tdeclare their interests."),
        ("Normal", "A declaration is kept for six years."),
    ]
    assert docx.styles["Quote"].paragraph_format.left_indent is not None  # set in from the text


def _tags(pdf: pikepdf.Pdf) -> list[str]:
    out: list[str] = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                out.append(str(node.S))
            kids = node.get("/K")
            for kid in (
                kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
            ):
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def test_pdf_tags_the_quotation_and_numbers_lists_from_their_start(built: Path):
    path = built / "example" / "example.pdf"
    text = re.sub(r"\s+", " ", extract_text(path))
    order = [
        "Main principle: We act honestly in everything we do.",
        "We say so plainly.",
        "Our vision statement:",
        "Everyone has a safe and affordable home.",
        "3. Third item, which holds:",
        "1. a nested item, which holds:",
        "a bullet at level three.",
        "4. Fourth item.",
        "Staff must:",
        "be kind.",
        "If you are unsure, ask your manager.",
        "The first paragraph of the clause.",
        "Its second paragraph.",
        "1) declare their interests.",
        "A declaration is kept for six years.",
    ]
    positions = [text.find(piece) for piece in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    with pikepdf.open(path) as pdf:
        tags = _tags(pdf)
    assert tags.count("/BlockQuote") == 1
    assert tags.count("/L") >= 4  # the three nested prose lists and the numbered items


def test_site_shows_blockquote_nested_lists_with_start_and_closing(built: Path):
    page = (built / "site" / "example" / "index.html").read_text("utf-8")
    assert "<blockquote><p>Everyone has a safe and affordable home.</p></blockquote>" in page
    assert (
        '<ol start="3"><li>Third item, which holds:<ol><li>a nested item, which holds:<ul>'
        "<li>a bullet at level three.</li></ul></li></ol></li><li>Fourth item.</li></ol>"
    ) in page
    assert (
        "<p><strong>Main principle:</strong> We act honestly in everything we do.</p>"
        "<p>We say so plainly.</p>"
    ) in page
    bullets, closing = (
        page.index('<li id="kind">be kind.'),
        page.index("If you are unsure, ask your manager."),
    )
    assert bullets < closing < page.index('id="first"')
    assert (
        "<p>The first paragraph of the clause.</p><p>Its second paragraph.</p>"
        '<ol class="pp-numbered"><li id="declare">'
    ) in page
    assert page.index('id="declare"') < page.index("<p>A declaration is kept for six years.</p>")


def test_changes_keep_paragraph_breaks_and_list_lines(tmp_path: Path):
    old = load_library(
        write_content(tmp_path / "old", {"example/sections/one.yaml": SECTION}), tmp_path
    ).library.documents[0]
    changed = SECTION.replace("We say so plainly.", "We say so clearly.").replace(
        "  4. Fourth item.", "  4. Fourth item.\n  5. Fifth item."
    )
    new = load_library(
        write_content(tmp_path / "new", {"example/sections/one.yaml": changed}), tmp_path
    ).library.documents[0]
    changes = {c.id: c for c in compare(old, new)}
    assert (
        changes["one:principle"].before
        == "We act honestly in everything we do.\n\nWe say so plainly."
    )
    assert (
        changes["one:principle"].after
        == "We act honestly in everything we do.\n\nWe say so clearly."
    )
    intro = changes["one:intro"].after
    assert intro.endswith(
        "3. Third item, which holds:\n   1. a nested item, which holds:\n"
        "      - a bullet at level three.\n4. Fourth item.\n5. Fifth item."
    )
    assert "\n\n> Everyone has a safe and affordable home.\n\n" in intro


def test_marked_changes_keep_paragraph_breaks_on_the_page():
    from policypress.render.changes_log import marked_html

    marked = marked_html("We act.\n\nWe say so plainly.", "We act.\n\nWe say so clearly.")
    assert marked.startswith("We act.<br><br>We say so ")
    assert '<del><span class="pp-sr">removed: </span>plainly</del>' in marked
