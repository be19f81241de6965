"""How a document numbers its parts, and the numbers a reader sees.

`numbering:` in document.yaml is a preset (`decimal`: 1.0, 1.1; `lettered`: A, A1) or a mapping
of styles per level. The loader asks a `Counter` for each numbered part in reading order, so the
model is complete when it is made and renderers never count. Letters run on past Z as AA, AB, …
(like spreadsheet columns): a number is never repeated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from policypress.errors import Location, Problem
from policypress.load.yamlfile import YamlFile
from policypress.model import Document, NumberingName, Point

SECTION_STYLES = ("1.0", "1", "1.", "A")
CLAUSE_STYLES = ("1.1", "1.1.", "A1", "A.1")
ITEM_STYLES = tuple(form.format(c) for c in "1aAiI" for form in ("{})", "({})", "{}."))
APPENDIX_STYLES = ("Appendix A", "Appendix 1")
DEFAULT_ITEMS = ("1)", "a)", "i.")
CLAUSES_FOR = {"1.0": "1.1", "1": "1.1", "1.": "1.1.", "A": "A1"}


def letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA, 28 -> AB, 702 -> ZZ, 703 -> AAA."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def counter_text(n: int, kind: str) -> str:
    """`n` written as the counter `kind` of a style: 1, a, A, i or I."""
    if kind == "a":
        return letters(n).lower()
    if kind == "A":
        return letters(n)
    if kind == "i":
        return roman(n).lower()
    if kind == "I":
        return roman(n)
    return str(n)


def _kind(style: str) -> str:
    return next(c for c in style if c in "1aAiI")


def item_marker(style: str, n: int) -> str:
    """The marker printed before the `n`th numbered item in `style`: ("a)", 2) -> "b)"."""
    kind = _kind(style)
    return style.replace(kind, counter_text(n, kind), 1)


def item_bare(style: str, n: int) -> str:
    """The item's number without punctuation, as references write it: ("(ii)", 2) -> "ii"."""
    return counter_text(n, _kind(style))


class Counter:
    """Hands out the numbers of the parts under one numbered heading (or at the top level of a
    document), in reading order. `next()` returns (number as shown, bare number for children)."""

    def __init__(self, make: Callable[[int], tuple[str, str]], first: int = 1):
        self.make = make
        self.n = first - 1

    def next(self, start: int | None = None) -> tuple[str, str]:
        self.n = start if start is not None else self.n + 1
        return self.make(self.n)


@dataclass(frozen=True)
class Scheme:
    """The numbering styles of one document."""

    sections: str = "1.0"
    clauses: str = "1.1"
    items: tuple[str, ...] = DEFAULT_ITEMS
    appendices: str = "Appendix A"
    start: int = 1
    name: NumberingName = "decimal"

    @property
    def lettered(self) -> bool:
        return self.sections == "A"

    def top(self) -> Counter:
        def make(n: int) -> tuple[str, str]:
            bare = letters(n) if self.lettered else str(n)
            shown = {"1.0": f"{bare}.0", "1": bare, "1.": f"{bare}.", "A": bare}[self.sections]
            return shown, bare

        return Counter(make, self.start)

    def appendix(self) -> Counter:
        def make(n: int) -> tuple[str, str]:
            bare = str(n) if self.appendices == "Appendix 1" else letters(n)
            return f"Appendix {bare}", bare

        return Counter(make)

    def children(self, bare: str, depth: int, appendix: bool) -> Counter:
        """The counter for clauses and subsections under a heading numbered `bare`, `depth`
        levels down (1: under a top-level section)."""
        sep = "" if self.clauses == "A1" and depth == 1 and not appendix else "."
        trail = "." if self.clauses == "1.1." else ""

        def make(n: int) -> tuple[str, str]:
            own = f"{bare}{sep}{n}"
            return own + trail, own

        return Counter(make)


def item_style(items: tuple[str, ...], level: int) -> str:
    """The style of numbered items `level` deep (1 = the first list); deeper lists keep the last."""
    return items[min(level, len(items)) - 1]


def _raw(file: YamlFile, container: Any, key: Any) -> str | None:
    """A style as typed: `1.` or `1.0` unquoted is read by YAML as a number, so it is taken
    from the file's text."""
    value = container[key]
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    where = (
        file.where(container, index=key) if isinstance(key, int) else file.where(container, key=key)
    )
    if 0 < where.line <= len(file.lines):
        match = re.match(r"[^\s,\]\}#]+", file.lines[where.line - 1][where.column - 1 :])
        if match:
            return match.group(0).strip("'\"")
    return str(value)


@dataclass
class _Reader:
    file: YamlFile
    problems: list[Problem] = field(default_factory=list)

    def style(self, container: Any, key: Any, allowed: tuple[str, ...], what: str) -> str | None:
        text = _raw(self.file, container, key)
        if text is None:
            return None
        if text not in allowed and not isinstance(container[key], str):  # the schema reports text
            where = (
                self.file.where(container, index=key)
                if isinstance(key, int)
                else self.file.where(container, key=key)
            )
            self.problems.append(
                Problem(
                    where,
                    "error",
                    "numbering-style",
                    f"'{text}' is not a style of {what}",
                    "use one of: " + ", ".join(f'"{a}"' for a in allowed) + " (in quotes)",
                )
            )
        return text if text in allowed else None

    def items(self, node: Any, key: str = "items") -> tuple[str, ...] | None:
        value = node.get(key) if isinstance(node, dict) else None
        if not isinstance(value, list) or not value:
            return None
        styles = [self.style(value, i, ITEM_STYLES, "numbered items") for i in range(len(value))]
        return tuple(s for s in styles if s) or None


def read_scheme(file: YamlFile) -> tuple[Scheme, list[Problem]]:
    """The numbering of the document described by document.yaml in `file`."""
    data = file.data
    value = data.get("numbering")
    if value == "lettered":
        return Scheme(sections="A", clauses="A1", name="lettered"), []
    if not isinstance(value, dict):
        return Scheme(), []  # "decimal", left out, or a wrong value the schema reports
    reader = _Reader(file)
    sections = (
        reader.style(value, "sections", SECTION_STYLES, "sections") if "sections" in value else None
    ) or "1.0"
    clauses = (
        reader.style(value, "clauses", CLAUSE_STYLES, "clauses") if "clauses" in value else None
    ) or CLAUSES_FOR[sections]
    appendices = (
        reader.style(value, "appendices", APPENDIX_STYLES, "appendices")
        if "appendices" in value
        else None
    ) or "Appendix A"
    if clauses in ("A1", "A.1") and sections != "A":
        reader.problems.append(
            Problem(
                file.where(value, key="clauses"),
                "error",
                "numbering-style",
                f"clauses numbered like '{clauses}' need lettered sections, but sections are "
                "numbered "
                f"like '{sections}'",
                'write sections: "A", or clauses: "1.1"',
            )
        )
        clauses = CLAUSES_FOR[sections]
    if clauses in ("1.1", "1.1.") and sections == "A":
        clauses = "A.1"  # A.1, A.2: the same thing said with a digit
    start = value.get("start")
    return Scheme(
        sections,
        clauses,
        reader.items(value) or DEFAULT_ITEMS,
        appendices,
        start if isinstance(start, int) and not isinstance(start, bool) and start > 0 else 1,
        "custom",
    ), reader.problems


def item_styles(file: YamlFile, node: Any) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """A section's or clause's own `items:` styles, if it has them."""
    reader = _Reader(file)
    return reader.items(node), reader.problems


# -- the numbers references show --------------------------------------------------------------


def numbers_of(document: Document) -> dict[str, str]:
    """Each id's number as a reader sees it in a `[[ref]]`: sections and clauses their number
    (an unnumbered heading its title), bullets their clause's or section's number, numbered
    items the clause's number and each level's number in brackets (A1(a)(ii)). Items directly
    under an appendix or an unnumbered heading are numbered on their own (1, 1(a))."""
    numbers: dict[str, str] = {}

    def points(items: tuple[Point, ...], parent: str, prefix: str) -> None:
        for point in items:
            own, inner = parent, prefix
            if point.ordinal:
                bare = item_bare(point.style, point.ordinal)
                own = inner = f"{prefix}({bare})" if prefix else bare
            numbers.setdefault(point.id, own)
            points(point.points, own, inner)

    for section in document.all_sections():
        shown = section.number or section.title
        numbers.setdefault(section.id, shown)
        own_prefix = "" if section.appendix or not section.number else section.number.rstrip(".")
        points(section.points, shown, own_prefix)
        for group in section.groups:
            numbers.setdefault(group.id, group.audience)
        for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
            numbers.setdefault(clause.id, clause.number)
            points(clause.points, clause.number, clause.number.rstrip("."))
    return numbers


def repeated_numbers(document: Document) -> list[Problem]:
    """A number given to two parts (only possible through `start:`), as errors. Appendices are
    numbered apart from the body (Appendix 1's clauses are 1.1, 1.2 whatever the body uses)."""
    body: dict[str, Location] = {}
    appendices: dict[str, Location] = {}
    problems = []
    for section in document.all_sections():
        seen = appendices if section.appendix else body
        parts = [(section.number, section.location, section.title)] + [
            (c.number, c.location, c.id)
            for c in section.clauses + tuple(c for g in section.groups for c in g.clauses)
        ]
        for number, location, name in parts:
            if not number:
                continue
            if number in seen:
                problems.append(
                    Problem(
                        location,
                        "error",
                        "repeated-number",
                        f"'{name}' is numbered {number}, but so is an earlier part (at "
                        f"{seen[number]})",
                        "change or remove the 'start:' that makes the numbers go back",
                    )
                )
            else:
                seen[number] = location
    return problems
