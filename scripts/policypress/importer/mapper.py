"""Neutral blocks -> the source format: document details, one section per top-level part.

Top-level parts start at the highest heading level in the file (or a paragraph typed "1.0");
parts numbered "Appendix A" or titled "Appendix ..." become appendices. Inside a part: headings
with a number are subsections, headings without one are audience groups (their clauses number on);
paragraphs with a clause number ("1.1", "A1") are clauses; list items and typed sub-items ("1)",
"a)", "(i)") are a clause's bullets and numbered items; unnumbered prose before the first clause
is the section's intro (or its lead-in before bullets). What today's format cannot hold is
reported, never dropped in silence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from policypress.importer import meta as meta_mod
from policypress.importer.blocks import Block, Read, Skipped
from policypress.importer.ids import Ids
from policypress.importer.word import REF_CLOSE, REF_MID, REF_OPEN

CLAUSE = re.compile(r"^(?:[A-Z]{1,2}\.?\d+(?:\.\d+)*|\d+(?:\.\d+)+)\.?$")
HEADING_ONLY = re.compile(r"^(?:[A-Z]|\d+)$")
ORDER = ("id", "title", "kind", "standards", "principle", "intro", "lead-in", "bullets", "clauses",
         "groups", "sections")
STANDARDS = re.compile(r"^Links to (?:the )?(.+?):\s*(.+)$")


@dataclass
class Mapped:
    meta: dict = field(default_factory=dict)
    sections: list[dict] = field(default_factory=list)
    appendices: list[dict] = field(default_factory=list)
    policies: list[dict] = field(default_factory=list)
    versions: dict = field(default_factory=dict)  # the version table
    rows: list[dict] = field(default_factory=list)  # the document controls sheet
    expected: list[tuple[str, str, str, Block]] = field(default_factory=list)  # (kind, id, number, block)
    written: list[Block] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    bookmarks: dict[str, str] = field(default_factory=dict)  # Word bookmark -> id


def _rel(block: Block, top: int) -> int:
    return block.level - top + 1


def _sub_style(number: str) -> str:
    core = number.strip("().")
    if re.fullmatch(r"\d+", core):
        return "digit"
    if re.fullmatch(r"[ivxlc]+", core):
        return "roman"
    return "letter"


class _Mapper:
    def __init__(self, read: Read, frameworks: dict[str, tuple[str, tuple[str, ...]]]):
        self.read = read
        self.frameworks = frameworks  # key -> (title, names)
        self.ids = Ids()
        self.m = Mapped(skipped=list(read.skipped))
        self.lettered = False
        self.top = 1

    def lost(self, block: Block, why: str) -> None:
        self.m.skipped.append(Skipped(block.where, block.quoted(), why, lost=True))

    def note(self, block: Block, why: str) -> None:
        self.m.skipped.append(Skipped(block.where, block.quoted(), why))

    def expect(self, kind: str, item_id: str, number: str, block: Block) -> None:
        self.m.expected.append((kind, item_id, number, block))
        for name in block.bookmarks:
            self.m.bookmarks.setdefault(name, item_id)

    def text(self, block: Block) -> str:
        self.m.written.append(block)
        return block.text

    # -- the whole document ------------------------------------------------------------------
    def run(self) -> Mapped:
        blocks = []
        for block in self.read.blocks:
            if block.kind == "table" and self.history_table(block):
                continue
            if block.kind == "para" and block.typed and re.fullmatch(r"\d+\.0", block.number):
                block.kind, block.level = "heading", -1  # a part typed as "1.0 Introduction"
            blocks.append(block)
        levels = [b.level for b in blocks if b.kind == "heading" and b.level > 0]
        self.top = min(levels) if levels else 1
        tops = [b for b in blocks if b.kind == "heading" and b.level == self.top]
        if len(tops) == 1 and not tops[0].number and len(set(levels)) > 1:
            # one unnumbered heading above all the others: the document's title
            tops[0].kind, tops[0].style = "para", "Title"
            self.top = min(level for level in levels if level > self.top)
        for block in blocks:
            if block.level == -1:
                block.level = self.top
        first = next((i for i, b in enumerate(blocks) if b.kind == "heading"), len(blocks))
        meta_mod.front_matter(blocks[:first], self.read.properties, self.m.meta, self.m.skipped)
        body = blocks[first:]
        heads = [i for i, b in enumerate(body) if b.kind == "heading" and b.level <= self.top]
        numbers = [body[i].number for i in heads if body[i].number and not body[i].number.startswith("Appendix")]
        self.lettered = bool(numbers and re.fullmatch(r"[A-Z]{1,2}", numbers[0])) or any(
            re.match(r"^[A-Z]{1,2}\d", b.number) for b in body if b.kind == "para" and b.number)
        if self.lettered:
            self.m.meta["numbering"] = "lettered"
        position = appendix_position = 0
        for n, start in enumerate(heads):
            head, end = body[start], heads[n + 1] if n + 1 < len(heads) else len(body)
            appendix = head.number.startswith("Appendix") or head.plain.lower().startswith("appendix")
            if appendix:
                appendix_position += 1
                expected = f"Appendix {chr(64 + appendix_position)}" if appendix_position <= 26 else ""
            else:
                position += 1
                expected = (chr(64 + position) if position <= 26 else "") if self.lettered else f"{position}.0"
            self.restore_heading_number(head, {expected, expected.removesuffix(".0")})
            node = self.part(head, body[start + 1:end], appendix, expected)
            (self.m.appendices if appendix else self.m.sections).append(node)
        self.resolve_refs()
        return self.m

    def restore_heading_number(self, head: Block, allowed: set[str]) -> None:
        """'A' or '1' read off the front of a heading is a number only where it fits the order."""
        if head.number and HEADING_ONLY.match(head.number) and head.number not in allowed:
            head.text, head.plain = f"{head.number} {head.text}", f"{head.number} {head.plain}"
            head.number, head.typed = "", False

    def history_table(self, block: Block) -> bool:
        table = meta_mod.version_table(block.rows)
        if table is not None:
            self.m.versions.update({k: v for k, v in table.items() if v})
            self.note(block, "the version table, kept as document details and history")
            return True
        sheet = meta_mod.controls_sheet(block.rows)
        if sheet is not None:
            rows, problems = sheet
            self.m.rows += rows
            for problem in problems:
                self.lost(block, problem)
            self.note(block, f"the document controls sheet: {len(rows)} row(s) kept as history from before git")
            return True
        return False

    # -- one top-level part --------------------------------------------------------------------
    def part(self, head: Block, body: list[Block], appendix: bool, expected: str) -> dict:
        title = head.plain
        if appendix and not head.number:
            match = re.match(r"(?i)appendix\s+\S+\s*[.:–—-]?\s*(.*)$", title)
            if match and match.group(1):
                title = match.group(1)
        content = [b for b in body if not re.fullmatch(r"(?i)document controls?( sheet)?|version control",
                                                        b.plain.strip())]
        if re.search(r"(?i)version control|document control", title) and not any(
                b.kind != "table" for b in content):
            node = {"id": self.ids.for_block(head, "version-control"), "title": title, "kind": "version-control"}
            self.expect("section", node["id"], head.number, head)
            self.m.written.append(head)
            for b in body:
                if b.kind != "table":
                    self.note(b, "a heading of the version control section (policypress writes it)")
            return node
        if re.search(r"(?i)associated polic|related polic", title) and body and all(
                b.list_kind == "bullet" and b.list_level == 0 for b in body):
            node = {"id": self.ids.for_block(head, "associated-policies"), "title": title,
                    "kind": "associated-policies"}
            self.expect("section", node["id"], head.number, head)
            self.m.written.append(head)
            for b in body:
                link = re.fullmatch(r"\[(.+)\]\(<?(\S+?)>?\)", b.text)
                policy = {"title": b.plain}
                if link and re.match(r"(https?://|mailto:)", link.group(2)):
                    policy["url"] = link.group(2)
                self.m.policies.append(policy)
                self.m.written.append(b)
            return node
        head.plain = title
        return self.section(head, body, 1)

    def section(self, head: Block, body: list[Block], depth: int) -> dict:
        node: dict = {"id": self.ids.for_block(head, "section"), "title": head.plain}
        self.m.written.append(head)
        self.expect("section", node["id"], head.number, head)
        self.m.counts["section(s)"] += 1
        intro: list[tuple[str, Block, int]] = []
        clause: dict | None = None
        group: dict | None = None
        stack: list[tuple[int, dict]] = []
        styles: list[str] = []
        index = 0
        while index < len(body):
            b = body[index]
            index += 1
            if b.kind == "table":
                self.lost(b, "a table; the source format has no tables (write its content as clauses or a list)")
            elif b.kind == "heading" and _rel(b, self.top) > depth and b.number:
                end = next((j for j in range(index, len(body)) if body[j].kind == "heading"
                            and body[j].level <= b.level), len(body))
                node.setdefault("sections", []).append(self.section(b, body[index:end], depth + 1))
                index, clause, group, stack = end, None, None, []
            elif b.kind == "heading":
                group = {"id": self.ids.for_block(b, "group"), "audience": self.text(b), "clauses": [], "_block": b}
                group["audience"] = b.plain
                node.setdefault("groups", []).append(group)
                self.m.bookmarks.update({name: group["id"] for name in b.bookmarks})
                clause, stack = None, []
            elif b.kind == "para" and not b.list_kind and STANDARDS.match(b.plain) and self.standards(node, b):
                continue
            elif b.lead.lower().startswith("main principle") and "principle" not in node and clause is None:
                self.m.written.append(b)
                node["principle"] = re.sub(r"^\*\*[^*]*\*\*\s*", "", b.text, count=1)
            elif b.number and CLAUSE.match(b.number) and not b.list_kind or (
                    b.list_kind == "ordered" and CLAUSE.match(b.number)):
                clause = {"id": self.ids.for_block(b, "clause"), "text": self.text(b)}
                self.expect("clause", clause["id"], b.number.rstrip("."), b)
                self.m.counts["clause(s)"] += 1
                (group["clauses"] if group is not None else node.setdefault("clauses", [])).append(clause)
                stack, styles = [], []
            elif b.list_kind or b.number:
                level = b.list_level
                if not b.list_kind:  # a typed sub-item: its style gives its level
                    style = _sub_style(b.number)
                    if style == "roman" and "letter" in styles and len(b.number.strip("().")) == 1:
                        style = "letter"
                    if style not in styles:
                        styles.append(style)
                    level = styles.index(style)
                kind = "bullets" if b.list_kind == "bullet" else "numbered"
                if clause is None:
                    if group is not None:
                        self.lost(b, "a list under an audience heading but outside a clause; today's "
                                  "format cannot hold it")
                    else:
                        intro.append((kind, b, level))
                    continue
                while stack and stack[-1][0] >= level:
                    stack.pop()
                parent = stack[-1][1] if stack else clause
                point = {"id": self.ids.for_block(b, "item"), "text": self.text(b)}
                other = "numbered" if kind == "bullets" else "bullets"
                if parent.get(other):
                    self.note(b, f"this item follows {other.replace('bullets', 'bulleted')} items under "
                              "the same clause; the build shows bullets before numbered items")
                parent.setdefault(kind, []).append(point)
                stack.append((level, point))
                self.m.counts["bullet(s)" if kind == "bullets" else "numbered item(s)"] += 1
                if kind == "numbered":
                    self.expect("point", point["id"], b.number, b)
            elif clause is None and group is None and "sections" not in node:
                intro.append(("quote" if b.quote else "para", b, 0))
            else:
                last = next((n for _, _, n, _ in reversed(self.m.expected) if n), "")
                self.lost(b, "an unnumbered paragraph after numbered clauses or subsections; today's "
                          "format cannot hold it here" + (f" (it follows {last})" if last else ""))
        self.finish_intro(node, intro)
        for group in node.get("groups", []):
            b = group.pop("_block")
            if not group["clauses"]:
                self.lost(b, "an unnumbered heading with no numbered clauses under it; today's format "
                          "cannot hold it (it would need an unnumbered heading)")
        if "groups" in node:
            node["groups"] = [g for g in node["groups"] if g["clauses"]]
            if not node["groups"]:
                del node["groups"]
        return {key: node[key] for key in ORDER if key in node}

    def standards(self, node: dict, b: Block) -> bool:
        match = STANDARDS.match(b.plain)
        title, names = match.group(1).strip(), match.group(2).strip().rstrip(".")
        key = next((k for k, (t, _) in self.frameworks.items() if t.lower() == title.lower()), None)
        if key is None:
            return False
        listed = [n.strip() for n in re.split(r",\s*|\s+and\s+", names) if n.strip()]
        if not all(n in self.frameworks[key][1] for n in listed):
            return False
        node.setdefault("standards", {})[key] = listed
        self.note(b, f"the link to the {title}, kept as the section's standards")
        return True

    def finish_intro(self, node: dict, intro: list[tuple[str, Block, int]]) -> None:
        if not intro:
            return
        kinds = [k for k, _, _ in intro]
        first_list = next((i for i, k in enumerate(kinds) if k in ("bullets", "numbered")), len(kinds))
        lead_in = first_list - 1
        if (first_list < len(kinds) and lead_in >= 0 and "clauses" not in node and "groups" not in node
                and all(k == "bullets" for k in kinds[first_list:])
                and intro[lead_in][1].plain.rstrip().endswith(":") and "principle" not in node):
            self.set_intro(node, intro[:lead_in])
            node["lead-in"] = self.text(intro[lead_in][1])
            stack: list[tuple[int, dict]] = []
            for _, b, level in intro[first_list:]:
                while stack and stack[-1][0] >= level:
                    stack.pop()
                point = {"id": self.ids.for_block(b, "item"), "text": self.text(b)}
                (stack[-1][1] if stack else node).setdefault("bullets", []).append(point)
                stack.append((level, point))
                self.m.counts["bullet(s)"] += 1
            return
        self.set_intro(node, intro)

    def set_intro(self, node: dict, intro: list[tuple[str, Block, int]]) -> None:
        lines: list[str] = []
        previous = ""
        for kind, b, level in intro:
            if level > 0:
                self.lost(b, "a list inside a list in unnumbered text; today's format cannot hold it")
                continue
            if kind == "quote":
                self.note(b, "a displayed quotation; today's format has no quotations, so it is a plain paragraph")
            if lines and (kind != previous or kind in ("para", "quote")):
                lines.append("")
            text = self.text(b).replace("\\\n", "\\\n  " if kind != "para" else "\\\n")
            if kind == "bullets":
                lines.append(f"- {text}")
            elif kind == "numbered":
                lines.append(f"{b.number.strip('().') or '1'}. {text}")
            else:
                lines.append(re.sub(r"^(#|[-+>]\s|\d+[.)]\s)", r"\\\1", text))
            previous = kind
            self.m.counts["intro " + ("paragraph(s)" if kind in ("para", "quote") else "list item(s)")] += 1
        if lines:
            node["intro"] = "\n".join(lines) + "\n"

    def resolve_refs(self) -> None:
        """Word links to a bookmark become [[id]] when they show the target's number."""
        numbers = {item_id: number for _, item_id, number, _ in self.m.expected}

        def fix(text: str) -> str:
            def one(match: re.Match) -> str:
                target = self.m.bookmarks.get(match.group(1))
                shown = match.group(2)
                if target and numbers.get(target) and shown.strip() == numbers[target]:
                    return f"[[{target}]]"
                return shown
            return re.sub(f"{REF_OPEN}([^{REF_MID}]*){REF_MID}([^{REF_CLOSE}]*){REF_CLOSE}", one, text)

        def walk(value):
            if isinstance(value, dict):
                return {k: walk(v) for k, v in value.items()}
            if isinstance(value, list):
                return [walk(v) for v in value]
            return fix(value) if isinstance(value, str) else value

        self.m.sections = walk(self.m.sections)
        self.m.appendices = walk(self.m.appendices)


def map_document(read: Read, frameworks: dict[str, tuple[str, tuple[str, ...]]] | None = None) -> Mapped:
    return _Mapper(read, frameworks or {}).run()
