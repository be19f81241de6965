"""Every comparable piece of a document (its details, headings, clauses, items in lists and
running text), each by a stable key and named as readers cite it: what `changes.compare` lines
up between two versions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from policypress.i18n import N_
from policypress.model import Clause, Document, Point, Section, blocks_plain

FIELDS = {
    "review-period": N_("How often it is reviewed"),
    "applies-to": N_("Who it applies to"),
    "approving-body": N_("Who approves it"),
    "title": N_("Title"),
    "summary": N_("Summary"),
    "policy-owner": N_("Policy owner"),
}  # the document's details, named as readers know them

TEXTS = {
    "principle": "main principle",
    "intro": "introduction",
    "lead-in": "words before the list",
    "closing": "words after the list",
}  # a section's texts, named as readers see them


@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # section, clause, point, group, text, metadata
    number: str
    text: str
    parent: str
    label: str  # how a reader names it: "clause 2.4", "a duty under 3.1", "section 3.1's title"
    # makes `text` as readers see it, [[refs]] as numbers (None: as `text`); called only for the
    # items that changed, so that comparing long documents stays fast
    shown: Callable[[], str] | None = field(default=None, compare=False, repr=False)
    where: str = ""  # a label a reader can cite and find: "3.1, point 12", "2.4", "Appendix 1"
    heading: str = ""  # the number and title of the heading it sits under: "3.1 Staff members"

    @property
    def display(self) -> str:
        return self.text if self.shown is None else self.shown()


def _clause_text(clause: Clause, numbers: dict[str, str] | None = None) -> str:
    return "\n\n".join(
        filter(
            None,
            (clause.text.plain(numbers) if clause.text else "", blocks_plain(clause.more, numbers)),
        )
    )


def _meta_items(document: Document) -> dict[str, Item]:
    """The document's details (title, owner and so on), one item each."""
    meta = document.meta
    out: dict[str, Item] = {}
    for key, value in (
        ("review-period", meta.review_period),
        ("applies-to", meta.applies_to),
        ("approving-body", meta.approving_body),
        ("title", meta.title),
        ("summary", meta.summary),
        ("policy-owner", meta.policy_owner),
    ):
        out[f"meta:{key}"] = Item(
            f"meta:{key}",
            "metadata",
            "",
            value,
            "",
            f"the document's {key.replace('-', ' ')}",
            where=FIELDS[key],
        )
    return out


def _section_texts(
    section: Section, name: str, cite: str, heading: str, numbers: dict[str, str]
) -> dict[str, Item]:
    """A section's running text: its main principle, introduction, lead-in and the text after
    its bullets, one item each where there is any."""
    out: dict[str, Item] = {}
    for key, value, shown, label in (
        (
            "principle",
            blocks_plain(section.principle),
            partial(blocks_plain, section.principle, numbers),
            "the main principle of",
        ),
        (
            "intro",
            blocks_plain(section.intro),
            partial(blocks_plain, section.intro, numbers),
            "the introduction to",
        ),
        (
            "lead-in",
            section.lead_in.plain() if section.lead_in else "",
            partial(section.lead_in.plain, numbers) if section.lead_in else None,
            "the lead-in of",
        ),
        (
            "closing",
            blocks_plain(section.closing),
            partial(blocks_plain, section.closing, numbers),
            "the text after the bullets of",
        ),
    ):
        if value:
            out[f"{section.id}:{key}"] = Item(
                f"{section.id}:{key}",
                "text",
                section.number,
                value,
                section.id,
                f"{label} {name}",
                shown,
                f"{cite}, {TEXTS[key]}",
                heading,
            )
    return out


def items(document: Document | None) -> dict[str, Item]:
    """Every comparable piece of a document, by a stable key."""
    if document is None:
        return {}
    found = _Items(document)
    found.out.update(_meta_items(document))
    for section in document.sections + document.appendices:
        found.section(section, "", "")
    return found.out


class _Items:
    """The comparable pieces of one document, gathered into `out` in reading order."""

    def __init__(self, document: Document):
        self.document = document
        self.numbers = document.numbers  # what a [[ref]] shows; `text` keeps the ids
        self.out: dict[str, Item] = {}

    def points(
        self,
        points: tuple[Point, ...],
        parent: str,
        number: str,
        where: str,
        heading: str,
        cite: str,
        context: str = "",
    ) -> None:
        """`number`: what bullets show (their clause's or section's); `where`: how a label names
        the place; `cite`: how a reader finds the list ("3.1", "3.1, point 2"); `context`: the
        heading numbered items sit in when their own numbers start afresh (an appendix:
        "Appendix 1, paragraph 1(a)", as the document cites it)."""
        for index, point in enumerate(points, start=1):
            own = number
            if point.ordinal:
                ref = self.document.numbers.get(point.id, number)
                own = f"{context}, paragraph {ref}" if context else ref
                citable = own
            elif ", point " in cite:
                citable = f"{cite}, sub-point {index}"
            else:
                citable = f"{cite}, point {index}" if cite else f"point {index}"
            self.out[point.id] = Item(
                point.id,
                "point",
                own,
                point.text.plain(),
                parent,
                f"an item in the list under {where}",
                partial(point.text.plain, self.numbers),
                citable,
                heading,
            )
            self.points(point.points, point.id, own, own or where, heading, citable, context)

    def section(self, section: Section, parent: str, around: str, outer: str = "") -> None:
        # an unnumbered heading is named by its title and the numbered heading around it
        name = section.number or f"'{section.title}'" + (f" in {around}" if around else "")
        cite = section.number or section.title
        # what sits under an unnumbered heading ("Provisions") is found by the numbered heading
        # around it ("B Openness and accountability"), as readers cite it (B3)
        heading = " ".join(part for part in (section.number, section.title) if part)
        heading = heading if section.number or not outer else outer
        self.heading(section, parent, name, cite, heading)
        self.out.update(_section_texts(section, name, cite, heading, self.numbers))
        fresh = section.appendix or not section.number  # its numbered items start afresh
        self.points(
            section.points,
            section.id,
            section.number,
            name,
            heading,
            cite,
            (section.number or around) if fresh else "",
        )
        for group in section.groups:
            self.out[group.id] = Item(
                group.id,
                "group",
                section.number,
                group.audience,
                section.id,
                f"the audience heading in {name}",
                where=cite,
                heading=heading,
            )
        for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
            self.clause(clause, section, heading)
        for sub in section.sections:
            self.section(
                sub, section.id, section.number or around, heading if section.number else outer
            )

    def heading(self, section: Section, parent: str, name: str, cite: str, heading: str) -> None:
        """A section's heading, and the standards it links to."""
        self.out[section.id] = Item(
            section.id,
            "section",
            section.number,
            section.title,
            parent,
            f"the heading of {section.number}" if section.number else f"the heading {name}",
            where=cite,
            heading=heading,
        )
        standards = "; ".join(f"{link.framework}:{link.name}" for link in section.standards)
        if standards:
            self.out[f"{section.id}:standards"] = Item(
                f"{section.id}:standards",
                "standards",
                section.number,
                standards,
                section.id,
                f"the standards {name} links to",
                where=cite,
                heading=heading,
            )

    def clause(self, clause: Clause, section: Section, heading: str) -> None:
        """A clause, its items and the text after them."""
        numbers = self.numbers
        parent_id = next((g.id for g in section.groups if clause in g.clauses), section.id)
        self.out[clause.id] = Item(
            clause.id,
            "clause",
            clause.number,
            _clause_text(clause),
            parent_id,
            f"clause {clause.number}",
            partial(_clause_text, clause, numbers),
            clause.number,
            heading,
        )
        self.points(clause.points, clause.id, clause.number, clause.number, heading, clause.number)
        if clause.closing:
            self.out[f"{clause.id}:closing"] = Item(
                f"{clause.id}:closing",
                "text",
                clause.number,
                blocks_plain(clause.closing),
                clause.id,
                f"the text after the items of clause {clause.number}",
                partial(blocks_plain, clause.closing, numbers),
                f"{clause.number}, {TEXTS['closing']}",
                heading,
            )
