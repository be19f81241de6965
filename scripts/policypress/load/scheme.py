"""`numbering:` in document.yaml read into a `Scheme` (numbering.py): a preset, or a pattern
for each level, every pattern checked and any problem named on its line; and a section's or
clause's own `items:` styles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from policypress.errors import Problem
from policypress.load.numbering import (
    DEFAULT_ITEMS,
    Pattern,
    Scheme,
    default_clauses,
    pattern_problem,
)
from policypress.load.yamlfile import YamlFile


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

    def style(self, container: Any, key: Any, numbers: int, what: str, example: str) -> str | None:
        """The pattern at `container[key]`, or None (with a problem) when it cannot be one."""
        text = _raw(self.file, container, key)
        if text is None:
            return None  # not text or a number: the schema reports it
        wrong = pattern_problem(text, numbers, what)
        if wrong:
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
                    wrong,
                    "write the first label as the document prints it, in quotes, with 1, A, a, I "
                    f"or i where the number goes: such as {example}",
                )
            )
            return None
        return text

    def items(self, node: Any, key: str = "items") -> tuple[str, ...] | None:
        value = node.get(key) if isinstance(node, dict) else None
        if not isinstance(value, list) or not value:
            return None
        styles = [
            self.style(value, i, 1, "numbered items", '"a)", "(i)" or "[1]"')
            for i in range(len(value))
        ]
        return tuple(s for s in styles if s) or None


def _clauses(reader: _Reader, value: dict, sections: str) -> str:
    """The clause pattern, checked against the sections': letters after a heading's number
    need a lettered heading."""
    clauses = (
        reader.style(value, "clauses", 2, "clauses", '"1.1", "A1." or "Clause 1.1"')
        if "clauses" in value
        else None
    ) or default_clauses(sections)
    own = Pattern.of(clauses).kinds
    if len(own) == 2 and own[0] in "aA" and Pattern.of(sections).kinds[0] not in "aA":
        reader.problems.append(
            Problem(
                reader.file.where(value, key="clauses"),
                "error",
                "numbering-style",
                f"clauses numbered like '{clauses}' need lettered sections, but sections are "
                f"numbered like '{sections}'",
                'write sections: "A" (or "A."), or clauses: "1.1"',
            )
        )
        return default_clauses(sections)
    return clauses


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
        reader.style(value, "sections", 1, "sections", '"1.0", "A." or "SECTION 1"')
        if "sections" in value
        else None
    ) or "1.0"
    clauses = _clauses(reader, value, sections)
    appendices = (
        reader.style(value, "appendices", 1, "appendices", '"Appendix 1" or "Schedule A"')
        if "appendices" in value
        else None
    ) or "Appendix A"
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
