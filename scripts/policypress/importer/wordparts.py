"""The parts of a Word file outside its body: page headers and footers, and comments. None of
them is policy text (every output makes its own headers and footers), but each one that holds
words is named in the import report, so the owner knows what was left behind."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from policypress.importer.blocks import Skipped, excerpt


def _words(element) -> str:
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p"))]
    return " ".join(" ".join(paragraphs).split())


def outside_body(part) -> list[Skipped]:
    """A line for each page header, footer and comment with words in it."""
    out: list[Skipped] = []
    seen: set[str] = set()
    for rel in part.rels.values():
        if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER, RT.COMMENTS):
            continue
        target = rel.target_part
        name = str(target.partname)
        if name in seen:
            continue
        seen.add(name)
        element = getattr(target, "element", None)
        if element is None:
            continue
        if rel.reltype == RT.COMMENTS:
            for comment in element.iter(qn("w:comment")):
                words = _words(comment)
                if words:
                    author = comment.get(qn("w:author"), "")
                    out.append(
                        Skipped(
                            f"a comment{' by ' + author if author else ''}",
                            excerpt(words),
                            "comments are not imported (answer them in Word, or put their point "
                            "into the text)",
                        )
                    )
            continue
        words = _words(element)
        if words:
            where = "the page header" if rel.reltype == RT.HEADER else "the page footer"
            out.append(Skipped(where, excerpt(words), "not imported: every output makes its own"))
    return out
