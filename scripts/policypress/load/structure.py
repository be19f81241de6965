"""A document's structure read from its section files: sections, subsections, groups, clauses and
points, each numbered in the order written (`load/numbering.py` says how). `loader.py` reads
the document around it."""

from __future__ import annotations

from typing import Any

from policypress.errors import Problem
from policypress.load import numbering
from policypress.load.reader import FileReader
from policypress.load.scheme import item_styles
from policypress.load.values import dicts, string
from policypress.load.yamlfile import YamlFile
from policypress.model import (
    CHILDREN,
    Clause,
    Framework,
    Group,
    Paragraph,
    Point,
    Section,
    SectionKind,
    Text,
)


def children_order(node: dict[str, Any]) -> tuple[str, ...]:
    """The order a section's clauses, groups and subsections are written in (each kind kept
    together); kinds it does not hold follow in the usual order."""
    written = [k for k in node if k in CHILDREN and node[k]]
    if written == [k for k in CHILDREN if k in written]:
        return CHILDREN  # the usual order
    return tuple(written + [k for k in CHILDREN if k not in written])


SECTION_KINDS: dict[str, SectionKind] = {
    "version-control": "version-control",
    "associated-policies": "associated-policies",
}


class StructureReader(FileReader):
    """A document's structure: its sections, subsections, groups, clauses and points, each
    numbered as it is read."""

    def points(
        self, file: YamlFile, node: dict[str, Any], items: tuple[str, ...], level: int = 1
    ) -> tuple[Point, ...]:
        """Bullets, then numbered sub-items in the style of their `level` (1 = the first list)."""
        points: list[Point] = []
        for key, numbered in (("bullets", False), ("numbered", True)):
            for index, (_, item) in enumerate(dicts(node.get(key)), start=1):
                text = self.text(
                    file,
                    item,
                    "text",
                    "a bullet's text" if key == "bullets" else "a numbered item's text",
                )
                if text is None:
                    continue
                style = numbering.item_style(items, level) if numbered else ""
                points.append(
                    Point(
                        string(item.get("id")),
                        numbering.item_marker(style, index) if numbered else "",
                        text,
                        self.points(file, item, items, level + 1 if numbered else level),
                        file.where(item, key="id") if "id" in item else file.where(item),
                        style,
                        index if numbered else 0,
                    )
                )
        return tuple(points)

    def own_items(
        self, file: YamlFile, node: dict[str, Any], items: tuple[str, ...]
    ) -> tuple[str, ...]:
        own, problems = item_styles(file, node)
        self.problems += problems
        return own or items

    def clause(
        self,
        file: YamlFile,
        node: dict[str, Any],
        counter: numbering.Counter | None,
        items: tuple[str, ...],
        heading: str,
    ) -> Clause:
        where = file.where(node, key="id") if "id" in node else file.where(node)
        number = counter.next()[0] if counter else ""
        if counter is None:
            self.problems.append(
                Problem(
                    where,
                    "error",
                    "no-number",
                    f"clause '{string(node.get('id'))}' is under the unnumbered heading "
                    f"'{heading}', so it "
                    "has no number to follow",
                    "write it as a paragraph of 'intro' instead, or remove 'unnumbered: true' "
                    f"from '{heading}'",
                )
            )
        blocks = self.prose(file, node, "text")
        text: Text | None = None
        if isinstance(node.get("text"), str):
            text = (
                blocks[0].text
                if blocks and isinstance(blocks[0], Paragraph)
                else Text("", (), file.where(node, key="text"))
            )
        more = blocks[1:] if blocks and isinstance(blocks[0], Paragraph) else blocks
        return Clause(
            string(node.get("id")),
            number,
            text,
            self.points(file, node, self.own_items(file, node, items)),
            where,
            more=more,
            closing=self.prose(file, node, "closing"),
        )

    def group(
        self,
        file: YamlFile,
        group: dict[str, Any],
        counter: numbering.Counter | None,
        items: tuple[str, ...],
        blame: str,
    ) -> Group:
        """An audience or topic heading and the clauses under it, numbered on."""
        return Group(
            string(group.get("id")),
            string(group.get("audience")),
            tuple(
                self.clause(file, c, counter, items, blame) for _, c in dicts(group.get("clauses"))
            ),
            file.where(group, key="id") if "id" in group else file.where(group),
        )

    def section(
        self,
        file: YamlFile,
        node: dict[str, Any],
        level: int,
        own: numbering.Counter | None,
        inherited: numbering.Counter | None,
        frameworks: dict[str, Framework],
        appendix: bool = False,
        items: tuple[str, ...] = numbering.DEFAULT_ITEMS,
        outer: str = "",
    ) -> Section:
        """A section (level 1) or subsection. `own` gives its number; an unnumbered heading takes
        none and its parts number on from `inherited`, the counter of the heading around it."""
        where = file.where(node, key="id") if "id" in node else file.where(node)
        title = string(node.get("title")).strip()
        number, counter = self.section_number(file, node, level, own, inherited, appendix, outer)
        items = self.own_items(file, node, items)
        blame = title if node.get("unnumbered") is True else outer  # why there is no counter
        order = children_order(node)
        built = self.children(file, node, order, counter, frameworks, appendix, items, blame, level)
        clauses, groups, subsections = built["clauses"], built["groups"], built["sections"]
        return Section(
            id=string(node.get("id")),
            number=number,
            title=title,
            level=level,
            kind=SECTION_KINDS.get(string(node.get("kind")), "text"),
            standards=self.standard_links(file, node, frameworks),
            principle=self.prose(file, node, "principle"),
            intro=self.prose(file, node, "intro"),
            lead_in=self.text(file, node, "lead-in", "a lead-in"),
            points=self.points(file, node, items),
            closing=self.prose(file, node, "closing"),
            clauses=clauses,
            groups=groups,
            sections=subsections,
            order=order,
            appendix=appendix,
            location=where,
        )

    def section_number(
        self,
        file: YamlFile,
        node: dict[str, Any],
        level: int,
        own: numbering.Counter | None,
        inherited: numbering.Counter | None,
        appendix: bool,
        outer: str,
    ) -> tuple[str, numbering.Counter | None]:
        """A section's number, and the counter its parts number from: an unnumbered heading
        has none and passes on `inherited`; under an unnumbered heading there is none to follow."""
        where = file.where(node, key="id") if "id" in node else file.where(node)
        title = string(node.get("title")).strip()
        start = node.get("start") if type(node.get("start")) is int else None
        if node.get("unnumbered") is True:
            number, counter = "", inherited
            if start is not None:
                self.problems.append(
                    Problem(
                        file.where(node, key="start"),
                        "error",
                        "no-number",
                        f"'{title}' is unnumbered, so 'start' has no number to set",
                        "remove 'start', or remove 'unnumbered: true'",
                    )
                )
        elif own is None:
            number, counter = "", None
            self.problems.append(
                Problem(
                    where,
                    "error",
                    "no-number",
                    f"'{title}' is under the unnumbered heading '{outer}', so it has no number "
                    "to follow",
                    f"add 'unnumbered: true' to '{title}' too, or remove it from '{outer}'",
                )
            )
        else:
            number, bare = own.next(start)
            counter = self.scheme.children(bare, level, appendix)
        return number, counter

    def children(
        self,
        file: YamlFile,
        node: dict[str, Any],
        order: tuple[str, ...],
        counter: numbering.Counter | None,
        frameworks: dict[str, Framework],
        appendix: bool,
        items: tuple[str, ...],
        blame: str,
        level: int,
    ) -> dict[str, tuple]:
        """A section's clauses, groups and subsections, by kind."""
        built: dict[str, tuple] = {}
        for key in order:  # numbered in the order written, as every output shows them
            if key == "clauses":
                built[key] = tuple(
                    self.clause(file, c, counter, items, blame)
                    for _, c in dicts(node.get("clauses"))
                )
            elif key == "groups":
                built[key] = tuple(
                    self.group(file, group, counter, items, blame)
                    for _, group in dicts(node.get("groups"))
                )
            else:
                built[key] = tuple(
                    self.section(
                        file, sub, level + 1, counter, counter, frameworks, appendix, items, blame
                    )
                    for _, sub in dicts(node.get("sections"))
                )
        return built
