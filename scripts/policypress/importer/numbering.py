"""Word list numbering: what number Word shows before a paragraph, worked out by counting.

A numbered paragraph names a numbering instance (`w:num`, through `w:numPr` on the paragraph or
on its style) and a level. The instance points at an abstract numbering (`w:abstractNum`) whose
levels give the format (decimal, lowerLetter, lowerRoman, bullet, ...), the pattern (`%1.%2`)
and the start value; the instance may override the start (`w:lvlOverride/w:startOverride`) or a
whole level. numId 0 switches numbering off. Counters belong to the abstract numbering (Word
continues a list across instances of the same abstract numbering) unless the instance overrides
a start, and a level resets the levels below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn

from policypress.load.numbering import roman


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"  # numFmt
    text: str = "%1."  # lvlText
    start: int = 1


def _val(element, tag: str, default: str = "") -> str:
    found = element.find(qn(tag)) if element is not None else None
    return found.get(qn("w:val"), default) if found is not None else default


# Word lets a list start anywhere from 0 to 32767 ("Set Numbering Value"); a level is 0 to 8.
MAX_START = 32767


def _ilvl(element) -> int:
    """A level number (0 to 8); anything else is read as the first level."""
    ilvl = element.get(qn("w:ilvl"), "0") or "0"
    return int(ilvl) if re.fullmatch(r"[0-8]", ilvl) else 0


def _start(text: str, problems: list[str]) -> int | None:
    """A start value Word could have written, or None (noted in `problems`)."""
    if re.fullmatch(r"[0-9]{1,5}", text) and int(text) <= MAX_START:
        return int(text)
    shown = text if len(text) <= 12 else f"{text[:10]}… ({len(text):,} characters)"
    problem = (
        f"a list that starts at {shown}, which Word does not allow (0 to {MAX_START:,}); "
        "it is numbered from 1 here (set its numbering value in Word and save the file again)"
    )
    if problem not in problems:
        problems.append(problem)
    return None


def _levels(element, problems: list[str]) -> dict[int, Level]:
    levels = {}
    for lvl in element.findall(qn("w:lvl")):
        start = _start(_val(lvl, "w:start", "1"), problems)
        levels[_ilvl(lvl)] = Level(
            _val(lvl, "w:numFmt", "decimal"),
            _val(lvl, "w:lvlText", ""),
            1 if start is None else start,
        )
    return levels


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """The numbering part of a Word file, and the counters while reading it in order."""

    def __init__(self, part_element=None):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.problems: list[str] = []  # what could not be read as Word would, for the report
        if part_element is None:
            return
        for abstract in part_element.findall(qn("w:abstractNum")):
            self.abstract[abstract.get(qn("w:abstractNumId"))] = _levels(abstract, self.problems)
        for num in part_element.findall(qn("w:num")):
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start and (value := _start(start, self.problems)) is not None:
                    starts[_ilvl(override)] = value
                overrides.update(_levels(override, self.problems))
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId"), overrides, starts)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        if num_id not in self.nums:
            return None
        abstract_id, overrides, _ = self.nums[num_id]
        return (
            overrides.get(ilvl)
            or self.abstract.get(abstract_id, {}).get(ilvl)
            or (Level() if abstract_id in self.abstract else None)
        )

    def next(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Count one paragraph at `ilvl` of instance `num_id`: ("bullet"|"ordered", the number "
        "shown)."""
        level = self.level(num_id, ilvl)
        if level is None or num_id == "0":
            return "", ""
        abstract_id, overrides, starts = self.nums[num_id]
        key = f"num{num_id}" if starts or overrides else f"abstract{abstract_id}"
        counters = self.counters.setdefault(key, {})
        if ilvl not in counters:
            counters[ilvl] = starts.get(ilvl, level.start) - 1
        counters[ilvl] += 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return "bullet", ""
        shown = level.text
        for n in range(9, 0, -1):
            if f"%{n}" in shown:
                lvl = self.level(num_id, n - 1) or Level()
                value = counters.get(n - 1)
                if value is None:
                    value = starts.get(n - 1, lvl.start)
                shown = shown.replace(f"%{n}", format_number(value, lvl.fmt))
        return "ordered", shown.strip()
