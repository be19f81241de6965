"""How a document numbers its parts, and the numbers a reader sees.

`numbering:` in document.yaml is a preset (`decimal`: 1.0, 1.1; `lettered`: A, A1) or a mapping
of patterns per level: each the label of the first part as printed, with 1, A, a, I or i where
the number goes ("A.", "A1.", "(a)", "Article 1", "SECTION 1"), like Word's level text. The
loader asks a `Counter` for each numbered part in reading order, so the model is complete when
it is made and renderers never count. Letters run on past Z as AA, AB, … (like spreadsheet
columns): a number is never repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policypress.errors import Location, Problem
from policypress.model import Document, NumberingName, Point

# The item forms the importer knows; the default items; the clauses that go with a section preset.
ITEM_STYLES = tuple(form.format(c) for c in "1aAiI" for form in ("{})", "({})", "{}."))
DEFAULT_ITEMS = ("1)", "a)", "i.")
CLAUSES_FOR = {"1.0": "1.1", "1": "1.1", "1.": "1.1.", "A": "A1"}
KINDS = "1aAiI"  # where a pattern's number goes: 1, a, A, i or I (like Word's number formats)
LONGEST = 40  # characters in one pattern


def counters(style: str) -> list[int]:
    """Where the numbers go in a pattern, like Word's level text: each 1, a, A, i or I standing
    on its own. A letter inside a word is text ("Article 1", "SECTION 1"); so is a 1 inside a
    longer number. "A1." has two: the heading's number, then the clause's own."""
    found = []
    for at, char in enumerate(style):
        if char not in KINDS:
            continue
        near = style[max(at - 1, 0) : at] + style[at + 1 : at + 2]
        if char == "1" and any(c.isdigit() for c in near):
            continue
        if char != "1" and any(c.isalpha() for c in near):
            continue
        found.append(at)
    return found


@dataclass(frozen=True)
class Pattern:
    """A numbering pattern cut at its numbers: `text[0]`, number, `text[1]`, (number, `text[2]`).
    `kinds` is the form of each number: 1, a, A, i or I."""

    kinds: tuple[str, ...]
    text: tuple[str, ...]

    @classmethod
    def of(cls, style: str) -> Pattern:
        at = counters(style)
        edges = [-1, *at, len(style)]
        text = tuple(style[edges[n] + 1 : edges[n + 1]] for n in range(len(edges) - 1))
        return cls(tuple(style[a] for a in at), text)

    def show(self, *numbers: str) -> str:
        """The pattern with `numbers` (already written in their forms) put in."""
        out = self.text[0]
        for number, after in zip(numbers, self.text[1:], strict=True):
            out += number + after
        return out


def pattern_problem(style: str, numbers: int, what: str) -> str:
    """What is wrong with `style` as the pattern of `what` (holding 1 number, or 1 or 2 when
    `numbers` is 2), or "" when it is right."""
    found = len(counters(style))
    if len(style) > LONGEST or any(not c.isprintable() for c in style):
        return f"'{style[:LONGEST]}' is not a pattern of {what}: keep it to one short line"
    if found == 0:
        return f"'{style}' has no place for the number of {what}"
    if found > numbers:
        return f"'{style}' has {found} places for a number, but {what} show at most {numbers}"
    return ""


def letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA, 28 -> AB, 702 -> ZZ, 703 -> AAA."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def roman(n: int) -> str:
    """`n` in Roman numerals ("" for 0 or less); past 3999, one M for each thousand."""
    if n <= 0:
        return ""
    out, n = "M" * (n // 1000), n % 1000  # at once: a huge n must not loop for each thousand
    for value, numeral in (
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


def item_marker(style: str, n: int) -> str:
    """The marker printed before the `n`th numbered item in `style`: ("a)", 2) -> "b)"."""
    pattern = Pattern.of(style)
    return pattern.show(counter_text(n, pattern.kinds[0])) if pattern.kinds else style


def item_bare(style: str, n: int) -> str:
    """The item's number without punctuation, as references write it: ("(ii)", 2) -> "ii"."""
    kinds = Pattern.of(style).kinds
    return counter_text(n, kinds[0] if kinds else "1")


class Counter:
    """Hands out the numbers of the parts under one numbered heading (or at the top level of a
    document), in reading order. `next()` returns (number as shown, bare number for children)."""

    def __init__(self, make: Callable[[int], tuple[str, str]], first: int = 1):
        self.make = make
        self.n = first - 1

    def next(self, start: int | None = None) -> tuple[str, str]:
        self.n = start if start is not None else self.n + 1
        return self.make(self.n)


def default_clauses(sections: str) -> str:
    """The clause pattern that goes with a section pattern: "1.1" under "1.0" or "1", "1.1."
    under "1.", "A1" under "A", "A1." under "A."."""
    if sections in CLAUSES_FOR:
        return CLAUSES_FOR[sections]
    kinds = Pattern.of(sections).kinds
    base = "A1" if kinds and kinds[0] in "aA" else "1.1"
    return base + "." if sections.endswith(".") and Pattern.of(sections).text[0] == "" else base


@dataclass(frozen=True)
class Scheme:
    """The numbering patterns of one document (see `counters` for how a pattern is read)."""

    sections: str = "1.0"
    clauses: str = "1.1"
    items: tuple[str, ...] = DEFAULT_ITEMS
    appendices: str = "Appendix A"
    start: int = 1
    name: NumberingName = "decimal"

    def top(self) -> Counter:
        pattern = Pattern.of(self.sections)

        def make(n: int) -> tuple[str, str]:
            bare = counter_text(n, pattern.kinds[0])
            return pattern.show(bare), bare

        return Counter(make, self.start)

    def appendix(self) -> Counter:
        pattern = Pattern.of(self.appendices)

        def make(n: int) -> tuple[str, str]:
            bare = counter_text(n, pattern.kinds[0])
            return pattern.show(bare), bare

        return Counter(make)

    def children(self, bare: str, depth: int, appendix: bool) -> Counter:
        """The counter for clauses and subsections under a heading numbered `bare`, `depth`
        levels down (1: under a top-level section). A pattern with two numbers puts the
        heading's first ("A1." under "A."); below the first level, and in appendices, the two
        are kept apart by a full stop when the pattern has nothing between them."""
        pattern = Pattern.of(self.clauses)
        own_kind = pattern.kinds[-1]
        if len(pattern.kinds) == 1:  # the clause's own number only: "(1)", "Clause 1"
            before, after, mid = pattern.text[0], pattern.text[1], "."
        else:
            before, after = pattern.text[0], pattern.text[2]
            mid = pattern.text[1] or ("." if depth > 1 or appendix else "")

        def make(n: int) -> tuple[str, str]:
            number = counter_text(n, own_kind)
            own = f"{bare}{mid}{number}"
            return before + (own if len(pattern.kinds) > 1 else number) + after, own

        return Counter(make)


def item_style(items: tuple[str, ...], level: int) -> str:
    """The style of numbered items `level` deep (1 = the first list); deeper lists keep the last."""
    return items[min(level, len(items)) - 1]


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


def repeated_numbers(document: Document, scheme: Scheme | None = None) -> list[Problem]:
    """A number given to two parts (only possible through `start:`), as errors. Appendices are
    numbered apart from the body (Appendix 1's clauses are 1.1, 1.2 whatever the body uses).
    Clauses whose pattern shows only their own number ("(1)") start again under each heading,
    as the document prints them, so only headings are compared then."""
    own_only = scheme is not None and len(Pattern.of(scheme.clauses).kinds) == 1
    body: dict[str, Location] = {}
    appendices: dict[str, Location] = {}
    problems = []
    for section in document.all_sections():
        seen = appendices if section.appendix else body
        parts = [(section.number, section.location, section.title)] + [
            (c.number, c.location, c.id)
            for c in section.clauses + tuple(c for g in section.groups for c in g.clauses)
            if not own_only
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
