"""Neutral blocks -> the source format: document details, one section per top-level part.

Top-level parts start at the highest heading level in the file (or a paragraph typed "1.0");
parts numbered "Appendix 1" or "Appendix A", or titled "Appendix ...", become appendices. A part
without a number (and without numbered clauses in it) is `unnumbered: true` and uses no number
up, so lettered principles after unnumbered opening parts keep their letters. The numbering
styles the file shows (sections "1.0", "1", "1." or "A"; clauses "1.1", "1.1.", "A1" or "A.1";
items per level such as "1." / "a)" / "i."; appendices; the first number) are written into
`numbering:` so that the build shows the same numbers; what is inside each part is mapped by
parts.py. What the source format cannot hold is reported, never dropped in silence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from policypress.importer import meta as meta_mod
from policypress.importer.blocks import Block, Read, Skipped
from policypress.importer.forms import document_items, fits
from policypress.importer.headings import (
    APPENDIX,
    HEADING_ONLY,
    bold_headings,
    clause_style,
    label_number,
    section_style,
    worded_labels,
)
from policypress.importer.ids import Ids
from policypress.importer.order import ordered
from policypress.importer.parts import STANDARDS, Part, is_clause
from policypress.importer.segments import REF_CLOSE, REF_MID, REF_OPEN
from policypress.load.numbering import DEFAULT_ITEMS, Pattern, counter_text, default_clauses

HISTORY_TITLE = re.compile(
    r"(?i)version control|document control|document history|version history|"
    r"revision history|change history"
)


@dataclass
class Mapped:
    meta: dict = field(default_factory=dict)
    sections: list[dict] = field(default_factory=list)
    appendices: list[dict] = field(default_factory=list)
    policies: list[dict] = field(default_factory=list)
    versions: dict = field(default_factory=dict)  # the version table
    rows: list[dict] = field(default_factory=list)  # the document controls sheet
    expected: list[tuple[str, str, str, Block]] = field(
        default_factory=list
    )  # (kind, id, number, block)
    written: list[Block] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    bookmarks: dict[str, str] = field(default_factory=dict)  # Word bookmark -> id
    differences: list[tuple[Block, str]] = field(default_factory=list)  # shown otherwise, and why


class _Mapper:
    def __init__(self, read: Read, frameworks: dict[str, tuple[str, tuple[str, ...]]]):
        self.read = read
        self.frameworks = frameworks  # key -> (title, names)
        self.ids = Ids()
        self.m = Mapped(skipped=list(read.skipped))
        self.top = 1
        self.in_appendix = False
        self.refnums: dict[str, str] = {}  # id -> the number a reference to it shows
        self.contexts: list[
            tuple[dict, tuple[str, ...]]
        ] = []  # (clause or section, item forms by level)
        self.written, self.counts, self.bookmarks = self.m.written, self.m.counts, self.m.bookmarks
        self.expected = self.m.expected

    def lost(self, block: Block, why: str) -> None:
        self.m.skipped.append(Skipped(block.where, block.quoted(), why, lost=True))

    def note(self, block: Block, why: str) -> None:
        self.m.skipped.append(Skipped(block.where, block.quoted(), why))

    def expect(self, kind: str, item_id: str, number: str, block: Block, ref: str = "") -> None:
        self.m.expected.append((kind, item_id, number, block))
        self.refnums.setdefault(item_id, ref or number)
        for name in block.bookmarks:
            self.m.bookmarks.setdefault(name, item_id)

    def text(self, block: Block) -> str:
        self.m.written.append(block)
        return block.text

    # -- the whole document ------------------------------------------------------------------
    def body_blocks(self) -> list[Block]:
        """The blocks without the history table, with parts typed as "1.0 Introduction" made
        headings, a lone title heading made the title, and `self.top` set to the parts' level."""
        blocks = []
        for block in self.read.blocks:
            if block.kind == "table" and self.history_table(block):
                continue
            if block.kind == "para" and block.typed and re.fullmatch(r"\d+\.0\.?", block.number):
                block.kind, block.level = "heading", -1  # a part typed as "1.0 Introduction"
            if block.kind == "heading" and block.style.lower() in (
                "contents heading",
                "toc heading",
            ):
                block.kind, block.level = "para", 0  # the cover's contents or summary of changes
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
        bold_headings(blocks, self.top)
        return blocks

    def run(self) -> Mapped:
        body, spans = self.parts()
        clauses = [b.number for b in body if is_clause(b)]
        style = section_style(
            [h.number for h, _ in spans if h.number and not self.appendix(h)], clauses
        )
        pattern = Pattern.of(style)
        scheme: dict = {"sections": style}
        if clauses and clause_style(clauses[0], style) != default_clauses(style):
            scheme["clauses"] = clause_style(clauses[0], style)
        position = appendices = built = 0  # built: the last appendix number the build gives
        for head, span in spans:
            if self.appendix(head):
                appendices += 1
                number = head.number or self.appendix(head)
                if appendices == 1 and re.search(r"\d$", number):
                    scheme["appendices"] = "Appendix 1"
                self.in_appendix = True
                node = self.appendix_part(head, span, number, built + 1)
                built = built if node.get("unnumbered") else max(label_number(number), built + 1)
                self.m.appendices.append(node)
                continue
            self.in_appendix = False
            expected = position + 1
            shown = pattern.show(counter_text(expected, pattern.kinds[0]))
            if (
                head.number
                and HEADING_ONLY.match(head.number)
                and head.number not in (shown, shown.rstrip(".0"))
            ):
                head.text, head.plain = f"{head.number} {head.text}", f"{head.number} {head.plain}"
                head.number, head.typed = "", False
            numbered = bool(head.number) or any(is_clause(b) for b in span)
            start = None
            if head.number and label_number(head.number, pattern.kinds[0]) > expected:
                start = label_number(head.number, pattern.kinds[0])
                if position == 0:
                    scheme["start"] = start
                    start = None
                position = label_number(head.number, pattern.kinds[0])
            elif numbered:
                position = expected
            node = self.part(
                head, span, head.number or (shown if numbered else ""), unnumbered=not numbered
            )
            if start:
                node = {
                    **{k: node[k] for k in ("id", "title") if k in node},
                    "start": start,
                    **node,
                }
            self.m.sections.append(node)
        self.finish_items(scheme)
        self.account(body)
        self.m.meta["numbering"] = self.scheme_value(scheme)
        self.resolve_refs()
        self.m.sections = [ordered(s) for s in self.m.sections]
        self.m.appendices = [ordered(s) for s in self.m.appendices]
        return self.m

    def parts(self) -> tuple[list[Block], list[tuple[Block, list[Block]]]]:
        """The body after the front matter (read into the details), and each top-level part:
        its heading and the blocks up to the next."""
        blocks = self.body_blocks()
        first = next((i for i, b in enumerate(blocks) if b.kind == "heading"), len(blocks))
        meta_mod.front_matter(blocks[:first], self.read.properties, self.m.meta, self.m.skipped)
        body = blocks[first:]
        heads = [i for i, b in enumerate(body) if b.kind == "heading" and b.level <= self.top]
        if body and (not heads or heads[0] > 0):
            # a foreword or purpose under a smaller heading before the first part: a part too
            body[0].level = self.top
            heads.insert(0, 0)
        worded_labels([body[h] for h in heads])
        spans = [
            (body[h], body[h + 1 : heads[n + 1] if n + 1 < len(heads) else len(body)])
            for n, h in enumerate(heads)
        ]
        return body, spans

    def account(self, body: list[Block]) -> None:
        """Nothing is dropped in silence: a block of the body neither written nor reported is
        reported as lost."""
        written = {id(b) for b in self.m.written}
        reported = {s.where for s in self.m.skipped}
        for block in body:
            if id(block) not in written and block.where not in reported:
                self.lost(block, "read, but the importer found no place for it in the document")

    def appendix_part(self, head: Block, span: list[Block], number: str, expected: int) -> dict:
        """An appendix. Its label is shown once: cut from its text when typed there too, and
        when nothing else is left, the title is a short bold line or heading just below it, or
        else the label itself on an unnumbered appendix (the appendices after it keep their
        numbers by `start:`)."""
        label = number if number.startswith("Appendix") else f"Appendix {number}"
        found = APPENDIX.match(head.plain)
        if found and not head.number:
            head.plain = found.group(2)
        elif found and not head.typed and found.group(1) == self.appendix(head):
            head.plain = found.group(2)
            self.note(head, f"{label} typed again after Word's own number: shown once")
        head.number = label
        if not head.plain.strip():
            below = span[0] if span else None
            if (
                below is not None
                and (below.kind == "heading" or (below.all_bold and not below.list_kind))
                and len(below.plain.split()) <= 12
            ):
                head.plain, span = below.plain, span[1:]
                self.note(below, f"the title of {label}, shown after its label")
            elif not any(is_clause(b) for b in span):
                head.plain, head.number = label, ""
                return self.part(head, span, "", unnumbered=True)
            else:
                head.plain = label
                self.m.differences.append(
                    (head, f"the build will show {label} {label}: give the appendix a title")
                )
        node = self.part(head, span, label)
        value = label_number(label)
        if value > expected:
            node = {**{k: node[k] for k in ("id", "title") if k in node}, "start": value, **node}
        return node

    def appendix(self, head: Block) -> str:
        """The appendix's number ("1", "A"), or "" when the part is not an appendix."""
        if head.number.startswith("Appendix"):
            return head.number.removeprefix("Appendix").strip()
        match = APPENDIX.match(head.plain)
        return match.group(1) if match else ""

    def scheme_value(self, scheme: dict):
        """`numbering:` for document.yaml: a preset when one fits, else the styles that differ."""
        out = {k: v for k, v in scheme.items() if (k, v) not in (("sections", "1.0"),)}
        if not out:
            return "decimal"
        if out == {"sections": "A"}:
            return "lettered"
        return {
            k: scheme[k]
            for k in ("sections", "clauses", "items", "appendices", "start")
            if k in scheme
        }

    def finish_items(self, scheme: dict) -> None:
        """Item styles: the document's from the forms most lists show; `items:` on a clause or
        section whose own lists show other forms."""
        contexts = [(node, forms) for node, forms in self.contexts if forms]
        items = document_items([forms for _, forms in contexts])
        if items != DEFAULT_ITEMS:
            scheme["items"] = list(items)
        for node, forms in contexts:
            if not fits(forms, items):
                node["items"] = list(forms)

    # -- one top-level part --------------------------------------------------------------------
    def part(self, head: Block, body: list[Block], shown: str, unnumbered: bool = False) -> dict:
        title = head.plain
        content = [
            b
            for b in body
            if not re.fullmatch(r"(?i)document controls?( sheet)?|version control", b.plain.strip())
        ]
        flags = {"unnumbered": True} if unnumbered else {}
        if HISTORY_TITLE.search(title) and not any(b.kind != "table" for b in content):
            node: dict[str, Any] = {
                "id": self.ids.for_block(head, "version-control"),
                "title": title,
                **flags,
                "kind": "version-control",
            }
            self.expect("section", node["id"], head.number, head, shown or title)
            self.m.written.append(head)
            for b in body:
                if b.kind != "table":
                    self.note(b, "a heading of the version control section (policypress writes it)")
                elif not any(s.where == b.where for s in self.m.skipped):
                    self.note(b, "a table of the version control section (policypress writes it)")
            return node
        lead = 0
        while (
            lead < len(body)
            and body[lead].kind == "para"
            and not body[lead].list_kind
            and not body[lead].number
        ):
            lead += 1
        listed = body[lead:]
        if (
            re.search(r"(?i)associated polic|related polic", title)
            and listed
            and all(b.list_kind == "bullet" and b.list_level == 0 for b in listed)
        ):
            node = {
                "id": self.ids.for_block(head, "associated-policies"),
                "title": title,
                **flags,
                "kind": "associated-policies",
            }
            if lead:
                node["intro"] = "\n\n".join(self.text(b) for b in body[:lead]) + "\n"
            self.expect("section", node["id"], head.number, head, shown or title)
            self.m.written.append(head)
            for b in listed:
                link = re.fullmatch(r"\[(.+)\]\(<?(\S+?)>?\)", b.text)
                policy = {"title": b.plain}
                if link and re.match(r"(https?://|mailto:)", link.group(2)):
                    policy["url"] = link.group(2)
                self.m.policies.append(policy)
                self.m.written.append(b)
            return node
        return Part(self, head, body, 1, unnumbered, shown).run()

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
            self.note(
                block,
                f"the document controls sheet: {len(rows)} row(s) kept as history from before git",
            )
            return True
        return False

    # -- one top-level part --------------------------------------------------------------------
    def standards(self, node: dict, b: Block) -> bool:
        match = STANDARDS.match(b.plain)
        if match is None:
            return False
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

    def resolve_refs(self) -> None:
        """Word links to a bookmark become [[id]] when they show the target's number."""
        numbers = self.refnums

        def fix(text: str) -> str:
            def one(match: re.Match) -> str:
                target = self.m.bookmarks.get(match.group(1))
                shown = match.group(2)
                if target and numbers.get(target) and shown.strip() == numbers[target]:
                    return f"[[{target}]]"
                return shown

            return re.sub(
                f"{REF_OPEN}([^{REF_MID}]*){REF_MID}([^{REF_CLOSE}]*){REF_CLOSE}", one, text
            )

        def walk(value):
            if isinstance(value, dict):
                return {k: walk(v) for k, v in value.items()}
            if isinstance(value, list):
                return [walk(v) for v in value]
            return fix(value) if isinstance(value, str) else value

        self.m.sections = walk(self.m.sections)
        self.m.appendices = walk(self.m.appendices)


def map_document(
    read: Read, frameworks: dict[str, tuple[str, tuple[str, ...]]] | None = None
) -> Mapped:
    return _Mapper(read, frameworks or {}).run()
