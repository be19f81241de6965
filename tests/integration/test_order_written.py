"""A section's clauses, audience groups and subsections are numbered and shown in the order its
file writes them: a topic heading written before the audience groups comes first in every
output, and the provisions number on in that order (A8 is never printed as A10)."""

from __future__ import annotations

import re

from docx import Document as open_docx
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams

from policypress.load.loader import load_library
from tests.conftest import DOCUMENT, run_cli, write_content

PRINCIPLE = """\
id: general
title: General responsibilities
sections:
  - id: conflicts
    title: Conflicts of interest
    unnumbered: true
    clauses:
      - id: declare
        text: You must declare any conflict of interest.
groups:
  - id: board
    audience: Board members
    clauses:
      - id: board-prepare
        text: Board members prepare for meetings.
  - id: staff
    audience: Staff members
    clauses:
      - id: staff-tell
        text: Staff members tell their manager.
"""

SHOWN = [
    "Conflicts of interest",
    "A1. You must declare any conflict of interest.",
    "Board members",
    "A2. Board members prepare for meetings.",
    "Staff members",
    "A3. Staff members tell their manager.",
]


def _in_order(text: str, lines: list[str]) -> None:
    at = 0
    for line in lines:
        found = text.find(line, at)
        assert found >= 0, f"{line!r} is missing or out of order"
        at = found + len(line)


def test_a_subsection_written_before_the_groups_comes_first_everywhere(tmp_path):
    document = DOCUMENT.replace(
        "summary: An example.\n", 'summary: An example.\nnumbering:\n  sections: "A."\n'
    )
    content = write_content(
        tmp_path,
        {"example/document.yaml": document, "example/sections/one.yaml": PRINCIPLE},
    )
    model = load_library(content, tmp_path).library.documents[0]
    section = model.sections[0]
    assert section.order == ("sections", "groups", "clauses")
    assert [model.numbers[i] for i in ("declare", "board-prepare", "staff-tell")] == [
        "A1.",
        "A2.",
        "A3.",
    ]
    built = run_cli(
        "build",
        "--out",
        "build",
        "--only",
        "docx,pdf,site",
        cwd=tmp_path,
        env={"SOURCE_DATE_EPOCH": "1795000000"},
    )
    assert built.returncode == 0, built.stdout + built.stderr
    docx = "\n".join(
        " ".join(p.text.replace("\t", " ").split())
        for p in open_docx(str(tmp_path / "build/example/example.docx")).paragraphs
    )
    _in_order(docx, SHOWN)
    pdf = extract_text(
        str(tmp_path / "build/example/example.pdf"), laparams=LAParams(boxes_flow=None)
    )
    _in_order(" ".join(pdf.replace("\u00ad", "").split()), SHOWN)
    page = (tmp_path / "build/site/example/index.html").read_text("utf-8")
    words = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    _in_order(words, [" ".join(line.split()) for line in SHOWN])
