"""One part of an imported file -> one section of the source format, with what is inside it.

Inside a part: headings with a number are numbered subsections; headings without one are
`unnumbered: true` subsections ("Main principle", "Provisions", topic headings), or audience
groups when they name people ("Board members") and hold only clauses (their clauses number on
either way); paragraphs with a clause number ("1.1", "A1") are clauses, and the list items
after a clause its bullets and numbered items, in the forms the file shows ("1.", "a)", "i.");
a paragraph set in under a clause, or a quotation, is more of its text; a paragraph after its
items is its `closing`. Text before the first clause is the part's prose: paragraphs,
quotations and lists as Markdown, or a lead-in with bullets (and a closing after them), or
numbered paragraphs in other forms (as an appendix quoting an Act has). What the source format
cannot hold is reported with its place, never dropped.
"""

from __future__ import annotations

import re

from policypress.importer.blocks import Block
from policypress.importer.forms import MARKDOWN_FORMS, Forms, prose

CLAUSE = re.compile(r"^(?:(?:[A-Z]{1,2}|[IVXLC]{1,5})\.?\d+(?:\.\d+)*|\d+(?:\.\d+)+)\.?$")
STANDARDS = re.compile(r"^Links to (?:the )?(.+?):\s*(.+)$")
AUDIENCE = re.compile(
    r"(?i)\b(members?|staff|employees?|customers?|tenants?|residents?|officers?|"
    r"councillors?|managers?|contractors?|volunteers?|everyone|board|applicants?|"
    r"leaseholders?|trustees?|directors?|colleagues|people|agents?)$"
)


def is_clause(b: Block) -> bool:
    return (
        b.kind == "para"
        and bool(b.number)
        and bool(CLAUSE.match(b.number))
        and (not b.list_kind or b.list_kind == "ordered")
    )


def _prose_item(b: Block) -> tuple[str, str, int, str]:
    return ("quote" if b.quote else "para", b.text, 0, "")


class Part:
    """Maps the blocks under one heading; `m` is the document's mapper (ids, report, numbers)."""

    def __init__(
        self,
        m,
        head: Block,
        body: list[Block],
        depth: int,
        unnumbered: bool,
        shown: str,
        scope: str = "",
    ):
        self.m, self.head, self.body, self.depth = m, head, body, depth
        self.node: dict = {"id": m.ids.for_block(head, "section", scope), "title": head.plain}
        self.root = scope or head.plain  # the top-level part's title
        if unnumbered:
            self.node["unnumbered"] = True
        self.shown = shown  # the number references show: "A", "2.1", "" when unnumbered
        m.written.append(head)
        m.expect("section", self.node["id"], head.number, head, head.number or head.plain)
        m.counts["section(s)"] += 1

    # -- reading -------------------------------------------------------------------------------
    def run(self) -> dict:
        node, body = self.node, self.body
        region: list[tuple[Block, str, int, str]] = []  # the prose before the first clause
        region_forms = Forms()
        clause: dict | None = None
        group: dict | None = None
        index = 0
        while index < len(body):
            b = body[index]
            index += 1
            if b.kind == "table":
                self.m.lost(
                    b,
                    "a table; the source format has no tables (write its content as clauses or "
                    "a list)",
                )
            elif b.kind == "heading":
                clause = None
                group, index = self.heading(b, index)
            elif (
                b.kind == "para"
                and not b.list_kind
                and STANDARDS.match(b.plain)
                and self.m.standards(node, b)
            ):
                continue
            elif self.is_principle(b, clause is None and not region):
                self.m.written.append(b)
                node["principle"] = re.sub(r"^\*\*[^*]*\*\*\s*", "", b.text, count=1)
            elif is_clause(b):
                clause = self.clause(b, group)
            elif clause is not None:
                self.in_clause(clause, b)
            elif not self.stray(b, group):
                region.append(self.region_item(b, region_forms))
        self.finish_region(region, region_forms)
        for item in node.get("clauses", []) + [
            c for g in node.get("groups", []) for c in g["clauses"]
        ]:
            self.finish_clause(item)
        if "principle" in node and not node.get("principle"):
            del node["principle"]
        return node

    def heading(self, b: Block, index: int) -> tuple[dict | None, int]:
        """A heading inside the part: one that names people starts an audience group (returned,
        with `index`); any other starts a subsection, read to its end (the index after it)."""
        body = self.body
        end = next(
            (
                j
                for j in range(index, len(body))
                if body[j].kind == "heading" and body[j].level <= b.level
            ),
            len(body),
        )
        span = body[index:end]
        if not b.number and self.audience(b, span):
            group = {
                "id": self.m.ids.for_block(b, "group", self.scope()),
                "audience": b.plain,
                "clauses": [],
            }
            self.m.written.append(b)
            self.m.refnums[group["id"]] = b.plain
            self.m.bookmarks.update({name: group["id"] for name in b.bookmarks})
            self.node.setdefault("groups", []).append(group)
            return group, index
        shown = b.number or self.shown
        sub = Part(
            self.m,
            b,
            span,
            self.depth + 1,
            not b.number,
            shown if b.number else "",
            self.scope(),
        ).run()
        self.node.setdefault("sections", []).append(sub)
        return None, end

    def is_principle(self, b: Block, first: bool) -> bool:
        """A "Main principle" lead-in before anything else of the part (`first`)."""
        node = self.node
        return (
            b.lead.lower().startswith("main principle")
            and "principle" not in node
            and first
            and "clauses" not in node
            and "groups" not in node
        )

    def clause(self, b: Block, group: dict | None) -> dict:
        """A numbered clause, in its audience group or else in the part."""
        clause = {
            "id": self.m.ids.for_block(b, "clause"),
            "text": self.m.text(b),
            "_forms": Forms(),
            "_more": [],
            "_closing": [],
            "_number": b.number.rstrip("."),
        }
        self.m.expect("clause", clause["id"], b.number, b, b.number.rstrip("."))
        self.m.counts["clause(s)"] += 1
        (group["clauses"] if group is not None else self.node.setdefault("clauses", [])).append(
            clause
        )
        return clause

    def stray(self, b: Block, group: dict | None) -> bool:
        """Text outside a clause where the source format cannot hold it: said, not dropped."""
        if group is not None:
            self.m.lost(
                b,
                "text under an audience heading but outside a clause; the source format "
                "cannot hold it there (number it as a clause, or give it its own heading)",
            )
            return True
        if "sections" in self.node or "clauses" in self.node:
            last = next((n for _, _, n, _ in reversed(self.m.expected) if n), "")
            self.m.lost(
                b,
                "an unnumbered paragraph after numbered clauses or subsections, not set in "
                "under a clause; the source format cannot hold it here"
                + (f" (it follows {last})" if last else ""),
            )
            return True
        return False

    def scope(self) -> str:
        """The words that make ids inside this part distinct: the top-level part's title."""
        return self.root

    def audience(self, b: Block, span: list[Block]) -> bool:
        """An unnumbered heading is an audience group when it names people and holds only clauses
        (before any subsection, as every output shows groups first)."""
        return (
            bool(AUDIENCE.search(b.plain.strip().rstrip(":")))
            and "sections" not in self.node
            and bool(span)
            and is_clause(span[0])
            and not any(x.kind in ("heading", "table") for x in span)
        )

    def region_item(self, b: Block, forms: Forms) -> tuple[Block, str, int, str]:
        """(block, kind, level, form) for text before the first clause."""
        if b.list_kind == "bullet":
            return b, "bullet", max(b.list_level, 0), ""
        read = forms.read(b.number) if b.number else None
        if read:
            form, value = read
            level = forms.place(form, value) if b.list_kind != "ordered" else max(b.list_level, 0)
            if b.list_kind == "ordered":
                forms.place(form, value)
            return b, "numbered", level, form
        return b, "quote" if b.quote else "para", 0, ""

    def in_clause(self, clause: dict, b: Block) -> None:
        forms: Forms = clause["_forms"]
        read = forms.read(b.number) if b.number and b.list_kind != "bullet" else None
        if b.list_kind or read:
            if clause["_closing"]:
                self.m.lost(
                    b,
                    "a list after the closing text of a clause; the source format cannot hold it "
                    "there (make it part of the clause's items)",
                )
                return
            if read:
                level = forms.place(*read)
                if b.list_kind == "ordered":
                    level = max(b.list_level, 0)
                self.point(clause, b, "numbered", level, read[0], clause["_number"])
            elif b.list_kind == "ordered":
                self.m.lost(
                    b, f"a list item numbered {b.number}, which the source format cannot number"
                )
            else:
                self.point(clause, b, "bullets", max(b.list_level, 0), "", clause["_number"])
        elif clause.get("bullets") or clause.get("numbered") or clause["_closing"]:
            clause["_closing"].append(_prose_item(b))
            self.m.text(b)
        elif b.indent or b.quote:
            clause["_more"].append(_prose_item(b))
            self.m.text(b)
        else:
            self.m.lost(
                b,
                f"an unnumbered paragraph after clause {clause['_number']}, not set in under it; "
                "the source format cannot hold it here (set it in under the clause in Word, or "
                "number it)",
            )

    def point(self, parent: dict, b: Block, kind: str, level: int, form: str, prefix: str) -> None:
        """Add a bullet or numbered item at `level` under `parent` (a clause or this section)."""
        stack: list = parent.setdefault("_stack", [])
        while stack and stack[-1][0] >= level:
            stack.pop()
        owner = stack[-1][1] if stack else parent
        point = {"id": self.m.ids.for_block(b, "item"), "text": self.m.text(b)}
        other = "numbered" if kind == "bullets" else "bullets"
        if owner.get(other) and kind == "bullets":
            self.m.note(
                b,
                "this bullet follows numbered items under the same clause; the build shows "
                "bullets before numbered items",
            )
        owner.setdefault(kind, []).append(point)
        stack.append((level, point, owner.get("_ref", prefix)))
        self.m.counts["bullet(s)" if kind == "bullets" else "numbered item(s)"] += 1
        if kind == "numbered":
            bare = b.number.strip().strip("().")
            base = owner.get("_ref", prefix)
            point["_ref"] = f"{base}({bare})" if base else bare
            self.m.refnums[point["id"]] = point["_ref"]
            self.m.expect("point", point["id"], b.number, b, point["_ref"])
            parent.setdefault("_levels", {}).setdefault(level, form)
        else:
            point["_ref"] = owner.get("_ref", prefix)
            self.m.refnums[point["id"]] = point["_ref"] or self.shown

    # -- finishing -----------------------------------------------------------------------------
    def finish_clause(self, clause: dict) -> None:
        clause.pop("_forms")
        more = clause.pop("_more")
        if more:
            clause["text"] = prose([("para", clause["text"], 0, "")] + more).rstrip("\n")
        closing = clause.pop("_closing")
        if closing:
            clause["closing"] = prose(closing)
        self.m.contexts.append(
            (clause, tuple(f for _, f in sorted(clause.pop("_levels", {}).items())))
        )
        _strip(clause)

    def finish_region(self, region: list[tuple[Block, str, int, str]], forms: Forms) -> None:
        """The prose before the first clause: Markdown, or a lead-in and bullets, or numbered
        paragraphs in forms Markdown cannot number (then prose before them is `intro`, after them
        `closing`)."""
        node = self.node
        if not region:
            return
        listed = [i for i, (_, kind, _, _) in enumerate(region) if kind in ("bullet", "numbered")]
        markdown = all(
            form in MARKDOWN_FORMS for _, kind, _, form in region if kind == "numbered"
        ) and all(level < 3 for _, kind, level, _ in region if kind in ("bullet", "numbered"))
        first, last = (listed[0], listed[-1]) if listed else (len(region), len(region) - 1)
        run = region[first : last + 1]
        one_run = all(kind in ("bullet", "numbered") for _, kind, _, _ in run)
        lead = first - 1
        if (
            listed
            and one_run
            and lead >= 0
            and region[lead][1] == "para"
            and region[lead][0].plain.rstrip().endswith(":")
            and "principle" not in node
            and "clauses" not in node
            and "groups" not in node
            and all(kind == "bullet" for _, kind, _, _ in run)
        ):
            self.set_prose("intro", region[:lead])
            node["lead-in"] = self.m.text(region[lead][0])
            self.points(run)
            self.set_prose("closing", region[last + 1 :])
        elif markdown or not listed:
            self.set_prose("intro", region)
        else:
            start = next(  # a list Markdown cannot number, or one deeper than it nests
                (
                    i
                    for i in listed
                    if region[i][1] == "numbered" and region[i][3] not in MARKDOWN_FORMS
                ),
                listed[0],
            )
            begin = start
            while begin > 0 and region[begin - 1][1] in ("bullet", "numbered"):
                begin -= 1
            end = start
            while end + 1 < len(region) and region[end + 1][1] in ("bullet", "numbered"):
                end += 1
            self.set_prose("intro", region[:begin])
            self.points(region[begin : end + 1])
            self.set_prose("closing", region[end + 1 :])
        _strip(node)

    def points(self, run: list[tuple[Block, str, int, str]]) -> None:
        prefix = "" if self.node.get("unnumbered") or self.m.in_appendix else self.shown.rstrip(".")
        for b, kind, level, form in run:
            self.point(
                self.node, b, "bullets" if kind == "bullet" else "numbered", level, form, prefix
            )
        levels = self.node.pop("_levels", {})
        self.m.contexts.append((self.node, tuple(f for _, f in sorted(levels.items()))))

    def set_prose(self, key: str, items: list[tuple[Block, str, int, str]]) -> None:
        if not items:
            return
        out = []
        for b, kind, level, form in items:
            if kind == "numbered" and form not in MARKDOWN_FORMS:
                self.m.lost(
                    b,
                    f"an item numbered {b.number} in unnumbered text after another list; the "
                    "source format cannot number it so here",
                )
                continue
            if kind == "numbered" or kind == "bullet":
                self.m.counts[f"{key} list item(s)"] += 1
            else:
                self.m.counts[f"{key} paragraph(s)"] += 1
            number = b.number.strip() if kind == "numbered" else ""
            if kind == "numbered" and not re.fullmatch(r"\d{1,9}[.)]", number):
                number = "1."  # a Markdown list is numbered "1." or "1)", as the file showed
            out.append(("ordered" if kind == "numbered" else kind, self.m.text(b), level, number))
        if out:
            self.node[key] = prose(out)


def _strip(node: dict) -> None:
    """Remove the working keys (and those of the items inside)."""
    for key in [k for k in node if k.startswith("_")]:
        del node[key]
    for key in ("bullets", "numbered"):
        for point in node.get(key, []):
            _strip(point)
