"""How a Word file's headings show its structure: the label a heading is numbered with ("1.0",
"A.", "SECTION 2", "Appendix B"), the numbering styles the labels follow, labels typed with a
word, and short bold lines that act as headings. mapper.py maps the parts under them."""

from __future__ import annotations

import re

from policypress.importer.blocks import Block
from policypress.importer.forms import label_pattern, label_value
from policypress.importer.parts import is_clause
from policypress.load.numbering import Pattern, default_clauses

HEADING_ONLY = re.compile(r"^(?:[A-Z]|\d+)$")
APPENDIX = re.compile(r"(?i)^appendix\s+([A-Z]{1,2}|\d{1,3})\b\s*[.:–—-]?\s*(.*)$")


def label_number(number: str, kind: str = "") -> int:
    """The counter of a part's number: "3.0" -> 3, "C." -> 3, "SECTION 2" -> 2; "Part IV" -> 4
    when the parts are numbered in roman numerals (`kind` I or i)."""
    return label_value(number, roman=kind in ("I", "i"))


def section_style(numbers: list[str], clauses: list[str]) -> str:
    """The section pattern of the first heading's label ("A.", "SECTION 1", "1.0")."""
    roman = any(re.search(r"\b(?:II|ii)\b", n) for n in numbers)
    typed = [n for n in numbers if not HEADING_ONLY.match(n)]
    if not typed and clauses and re.match(r"[A-Z]", clauses[0]):
        return "A"
    found = label_pattern((typed or numbers or ["1.0"])[0], roman=roman)
    return found[0] if found else "1.0"


def clause_style(number: str, sections: str) -> str:
    """The clause pattern of the first clause's label under sections numbered `sections`."""
    kinds = Pattern.of(sections).kinds
    found = label_pattern(number, parent=kinds[0] if kinds else "1")
    return found[0] if found else default_clauses(sections)


WORDED = re.compile(r"^([A-Za-z]{2,12} (?:\d{1,3}|[IVXLC]{1,6}|[A-Z]))([.:]?)\s+(\S.*)$")


def worded_labels(heads: list[Block]) -> None:
    """Labels typed with a word, such as "SECTION 1 Purpose" or "Article 2 Scope": split off
    when at least two headings start with the same word and a number that counts up."""
    matched = [
        (h, m)
        for h in heads
        if not h.number and not APPENDIX.match(h.plain) and (m := WORDED.match(h.plain))
    ]
    if len(matched) < 2 or len({m.group(1).split()[0] for _, m in matched}) != 1:
        return
    roman = any(re.search(r" (?:II|IV|VI)$", m.group(1)) for _, m in matched)
    values = []
    for _, match in matched:
        found = label_pattern(match.group(1), roman=roman)
        values.append(found[1] if found else 0)
    if 0 in values or values != sorted(set(values)):
        return
    for head, match in matched:
        label = match.group(1) + match.group(2)
        head.number, head.typed, head.plain = label, True, match.group(3)
        if head.text.startswith(label):
            head.text = head.text[len(label) :].lstrip()


def bold_headings(blocks: list[Block], top: int) -> None:
    """A short bold line that heads provisions ("Staff members" before "G4 …") is a heading one
    level below the heading it sits under, as the reader sees it."""
    level = top
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            level = block.level
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            block.kind == "para"
            and block.all_bold
            and not block.list_kind
            and not block.number
            and len(block.plain.split()) <= 12
            and not block.plain.rstrip().endswith((":", ".", ";"))
            and after is not None
            and is_clause(after)
        ):
            block.kind, block.level = "heading", level + 1
