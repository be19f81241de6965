"""Import as a round trip over generated documents: for a document the model can hold, numbered
in any of the label patterns a real policy prints ("A.", "SECTION 1", "Part I", "(a)"), the DOCX
policypress makes imports back to the same document, every label and text included."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from policypress.build import build
from policypress.importer.run import run_import
from policypress.load.loader import load_library
from policypress.model import Clause, Document, Point, blocks_plain
from tests.conftest import STANDARDS

WORDS = ["tenants", "staff", "repairs", "homes", "notice", "rent", "safety", "records", "visits"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=8).map(
    lambda words: " ".join(words).capitalize() + "."
)
TITLE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(
    lambda words: " ".join(words).capitalize()
)
CLAUSE = st.tuples(SENTENCE, st.lists(SENTENCE, max_size=2))  # text, numbered items
SECTION = st.tuples(
    TITLE,
    st.lists(CLAUSE, min_size=1, max_size=3),
    st.lists(CLAUSE, max_size=2),  # the clauses under a "Staff members" heading
)
NUMBERING = st.tuples(
    st.sampled_from(["1.0", "1.", "A", "A.", "SECTION 1", "Article 1", "Part I"]),
    st.sampled_from([["1)", "a)", "i."], ["(a)", "(i)"], ["1.", "a)", "i."]]),
    st.sampled_from(["Appendix 1", "Appendix A"]),
)
APPENDIX = st.tuples(TITLE, st.lists(SENTENCE, min_size=1, max_size=3))

DOC = """\
title: Generated policy
organisation: Example Council
document-type: Policy
status: draft
policy-owner: Housing Services
approving-body: Cabinet
review-period: 3 years
applies-to: All housing staff.
summary: A generated policy.
"""


def _clauses(lines: list[str], items, prefix: str, indent: str) -> None:
    for c, (text, numbered) in enumerate(items, start=1):
        lines += [f"{indent}- id: {prefix}-{c}", f"{indent}  text: {text}"]
        if numbered:
            lines.append(f"{indent}  numbered:")
            for n, item in enumerate(numbered, start=1):
                lines += [f"{indent}    - id: {prefix}-{c}-{n}", f"{indent}      text: {item}"]


def _write(content: Path, numbering, sections, appendix) -> None:
    folder = content / "generated"
    (folder / "sections").mkdir(parents=True)
    (content / "standards.yaml").write_text(STANDARDS, encoding="utf-8")
    pattern, items, appendices = numbering
    listing = []
    for s, (title, clauses, staff) in enumerate(sections, start=1):
        lines = [f"id: part-{s}", f"title: {title}", "clauses:"]
        _clauses(lines, clauses, f"c{s}", "  ")
        if staff:
            lines += [
                "groups:",
                f"  - id: staff-{s}",
                "    audience: Staff members",
                "    clauses:",
            ]
            _clauses(lines, staff, f"g{s}", "      ")
        (folder / "sections" / f"part-{s}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
        listing.append(f"  - sections/part-{s}.yaml")
    extra = ""
    if appendix:
        title, paragraphs = appendix
        lines = ["id: annex", f"title: {title}", "numbered:"]
        for n, text in enumerate(paragraphs, start=1):
            lines += [f"  - id: annex-{n}", f"    text: {text}"]
        (folder / "sections" / "annex.yaml").write_text("\n".join(lines) + "\n", "utf-8")
        extra = "appendices:\n  - sections/annex.yaml\n"
    scheme = (
        f'numbering:\n  sections: "{pattern}"\n  items: {items}\n  appendices: "{appendices}"\n'
    )
    (folder / "document.yaml").write_text(
        DOC + scheme + "sections:\n" + "\n".join(listing) + "\n" + extra, encoding="utf-8"
    )


def _lines(points: tuple[Point, ...], indent: str = "") -> list[str]:
    """Numbered items and bullets as a reader sees them: "1. Text", nested ones set in."""
    out = []
    for point in points:
        out.append(f"{indent}{point.number or '-'} {point.text.plain()}")
        out += _lines(point.points, indent + "  ")
    return out


def _prose(blocks) -> list[str]:
    """Prose as a reader sees it, lists numbered ("1. Text") as in the Markdown of the text."""
    return [line.strip() for line in blocks_plain(blocks).split("\n") if line.strip()]


def _clause_shape(clauses: tuple[Clause, ...]) -> tuple:
    return tuple((c.number, c.text.plain() if c.text else "", _lines(c.points)) for c in clauses)


def _shape(document: Document) -> tuple:
    """Every heading, label and text a reader sees, in order: numbered paragraphs under a
    heading read the same whether they are the section's items or a numbered list in its text."""
    return tuple(
        (
            s.heading,
            _prose(s.intro) + _lines(s.points) + _prose(s.closing),
            _clause_shape(s.clauses),
            tuple((g.audience, _clause_shape(g.clauses)) for g in s.groups),
        )
        for s in document.all_sections()
    )


@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # each example builds a Word file
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    NUMBERING,
    st.lists(SECTION, min_size=2, max_size=3, unique_by=lambda s: s[0]),
    st.none() | APPENDIX,
)
def test_the_docx_of_any_document_imports_back_to_the_same_document(numbering, sections, appendix):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root / "content", numbering, sections, appendix)
        original = load_library(root / "content", root).library.document("generated")
        assert original is not None
        os.environ["SOURCE_DATE_EPOCH"] = "1795000000"
        try:
            build(root / "content", root / "build", only={"docx"})
        finally:
            os.environ.pop("SOURCE_DATE_EPOCH")
        (root / "again").mkdir()
        (root / "again" / "standards.yaml").write_text(STANDARDS, encoding="utf-8")
        lines, code = run_import(
            root / "build" / "generated" / "generated.docx", "generated", root / "again"
        )
        report = "\n".join(lines)
        assert code == 0, report
        imported = load_library(root / "again", root).library.document("generated")
        assert imported is not None, report
        assert _shape(imported) == _shape(original), report
