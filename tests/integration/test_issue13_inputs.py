"""The inputs of issue 13 that the source format already accepted, and that built wrong without a
word: paragraphs merged, a principle's paragraphs joined, a nested list's outer items dropped, a
list starting at 3 printed from 1, a 27th section lettered "A" again, and `approve` refused because
of another document. Each is written here exactly as a policy owner wrote it then, built with the
real CLI, and read back from the DOCX, the tagged PDF and the site page."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from docx import Document as open_docx

from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content
from tests.pdftags import tagged_texts

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}

ONE = """\
id: one
title: First section
principle: >-
  We act honestly in everything we do.

  We say so plainly.
intro: >-
  The first paragraph
  of the introduction.

  Its second paragraph.
clauses:
  - id: first
    text: Staff must be honest.
"""
TWO = """\
id: two
title: Second section
intro: |
  The Act says:

  3. A body must publish:
     1. its policy, which covers:
        - who it applies to;
        - how to complain.
     2. how it will review the policy.
  4. The body must consult tenants.

  Staff must:

  - be kind;
  - be fair.

  If you are unsure, ask your manager.
clauses:
  - id: second
    text: Staff must be fair.
"""
# Every paragraph and list item, in order, as (kind, text): "p" a paragraph, "li" a list item
# (with the number it shows, if numbered).
EXPECTED = [
    ("p", "Main principle: We act honestly in everything we do."),
    ("p", "We say so plainly."),
    ("p", "The first paragraph of the introduction."),
    ("p", "Its second paragraph."),
    ("p", "The Act says:"),
    ("li", "3. A body must publish:"),
    ("li", "1. its policy, which covers:"),
    ("li", "who it applies to;"),
    ("li", "how to complain."),
    ("li", "2. how it will review the policy."),
    ("li", "4. The body must consult tenants."),
    ("p", "Staff must:"),
    ("li", "be kind;"),
    ("li", "be fair."),
    ("p", "If you are unsure, ask your manager."),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("issue13")
    write_content(
        root,
        {
            "example/sections/one.yaml": ONE,
            "example/sections/two.yaml": TWO,
            "example/document.yaml": DOCUMENT.replace(
                "  - sections/one.yaml\n", "  - sections/one.yaml\n  - sections/two.yaml\n"
            ),
        },
    )
    result = run_cli("build", "--out", "out", cwd=root, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "out"


def _between(items: list[tuple[str, str]], first: str, last: str) -> list[tuple[str, str]]:
    texts = [text for _, text in items]
    return items[texts.index(first) : texts.index(last) + 1]


def test_docx_keeps_every_paragraph_and_list_item(built: Path):
    paragraphs = [p for p in open_docx(built / "example" / "example.docx").paragraphs]
    items = [
        ("li" if p.style.name.startswith("List") else "p", p.text.replace("\t", " "))
        for p in paragraphs
        if not p.style.name.startswith(("Heading", "toc", "Clause"))
    ]
    assert _between(items, EXPECTED[0][1], EXPECTED[-1][1]) == EXPECTED


def test_pdf_keeps_every_paragraph_and_list_item(built: Path):
    items: list[tuple[str, str]] = []
    label = ""
    for tag, text in tagged_texts(built / "example" / "example.pdf"):
        if (
            tag == "Lbl"
        ):  # a list item is tagged LI: its label (Lbl), its body (LBody), its own list
            label = "" if text == "•" else text
        elif tag == "LBody":
            items.append(("li", f"{label} {text}".strip()))
        # a P that is not an LBody's own, nor a clause ("1.1Staff must ...")
        elif (
            tag == "P"
            and items[-1:] != [("li", f"{label} {text}".strip())]
            and not re.match(r"\d+\.\d+", text)
        ):
            items.append(("p", text))
    start = [text for _, text in items].index(EXPECTED[0][1])
    assert items[start : start + len(EXPECTED)] == EXPECTED


def test_site_keeps_every_paragraph_list_item_and_start_number(built: Path):
    page = (built / "site" / "example" / "index.html").read_text("utf-8")
    body = re.sub(r">\s+<", "><", page[page.index("<article") : page.index("</article>")])
    assert (
        "<p><strong>Main principle:</strong> We act honestly in everything we do.</p><p>We say so "
        "plainly.</p>" in body
    )
    assert "<p>The first paragraph of the introduction.</p><p>Its second paragraph.</p>" in body
    assert (
        '<ol start="3"><li>A body must publish:<ol><li>its policy, which covers:<ul>'
        "<li>who it applies to;</li><li>how to complain.</li></ul></li>"
        "<li>how it will review the policy.</li></ol></li><li>The body must consult "
        "tenants.</li></ol>"
        "<p>Staff must:</p><ul><li>be kind;</li><li>be fair.</li></ul>"
        "<p>If you are unsure, ask your manager.</p>"
    ) in body


def test_a_27th_lettered_section_is_aa_in_every_output(tmp_path: Path):
    sections = {
        f"example/sections/s{n}.yaml": f"id: s{n}\ntitle: Part {n}\nclauses:\n"
        f"  - id: c{n}\n    text: Rule number {n}.\n"
        for n in range(1, 28)
    }
    document = (
        DOCUMENT.replace(
            "  - sections/one.yaml\n", "".join(f"  - sections/s{n}.yaml\n" for n in range(1, 28))
        )
        + "numbering: lettered\n"
    )
    write_content(
        tmp_path, {"example/document.yaml": document, "example/sections/one.yaml": None, **sections}
    )
    result = run_cli("build", "--out", "out", cwd=tmp_path, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    docx = open_docx(out / "example" / "example.docx")
    headings = [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]
    assert headings[25:27] == ["Z Part 26", "AA Part 27"]
    assert "AA1\tRule number 27." in [p.text for p in docx.paragraphs]
    with pikepdf.open(out / "example" / "example.pdf") as pdf, pdf.open_outline() as outline:
        marks = [str(item.title) for item in outline.root]
    assert marks[25:27] == ["Z Part 26", "AA Part 27"]
    page = (out / "site" / "example" / "index.html").read_text("utf-8")
    assert re.search(r'<h2 id="s27">\s*AA Part 27', page) and ">AA1<" in page
    assert not re.search(r'<h2 id="s27">\s*A Part 27', page)


def test_approve_is_not_stopped_by_another_document(tmp_path: Path):
    write_content(
        tmp_path,
        {
            "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
            "other/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "Staff must tell <insert roles / group>."
            ),
        },
    )
    git = Git(tmp_path)
    git.commit("Add the policies", "First draft.", date="2026-01-05T10:00:00+00:00")
    git.consult(date="2026-02-01", doc="example")
    approved = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert approved.returncode == 0, approved.stdout + approved.stderr
    refused = run_cli(
        "approve", "other", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert refused.returncode == 1 and "content/other/sections/one.yaml" in refused.stderr
