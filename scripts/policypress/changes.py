"""Compare two versions of a document part by part and classify every change, with reasons.

`compare(old, new)` is pure: it reads two `Document`s (old may be None: everything is new) and
returns `Change`s. How a change of wording is judged editorial or significant is in `wording`;
how a change is described to readers is in `describe`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from policypress import describe
from policypress.model import Clause, Document, Point, Section, blocks_plain
from policypress.wording import _quote, _tokens, classify_text, words

__all__ = ["Change", "Item", "classify_text", "compare", "items", "words"]

FIELDS = {
    "review-period": "How often it is reviewed",
    "applies-to": "Who it applies to",
    "approving-body": "Who approves it",
    "title": "Title",
    "summary": "Summary",
    "policy-owner": "Policy owner",
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
    out: dict[str, Item] = {}
    numbers = document.numbers  # what a [[ref]] shows; `text` keeps the ids (Change.fingerprint)
    out.update(_meta_items(document))

    def add_points(
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
        "Appendix 1 paragraph 1(a)")."""
        for index, point in enumerate(points, start=1):
            own = number
            if point.ordinal:
                ref = document.numbers.get(point.id, number)
                own = f"{context} paragraph {ref}" if context else ref
                citable = own
            elif ", point " in cite:
                citable = f"{cite}, sub-point {index}"
            else:
                citable = f"{cite}, point {index}" if cite else f"point {index}"
            out[point.id] = Item(
                point.id,
                "point",
                own,
                point.text.plain(),
                parent,
                f"an item in the list under {where}",
                partial(point.text.plain, numbers),
                citable,
                heading,
            )
            add_points(point.points, point.id, own, own or where, heading, citable, context)

    def add_section(section: Section, parent: str, around: str) -> None:
        # an unnumbered heading is named by its title and the numbered heading around it
        name = section.number or f"'{section.title}'" + (f" in {around}" if around else "")
        cite = section.number or section.title
        heading = " ".join(part for part in (section.number, section.title) if part)
        standards = "; ".join(f"{link.framework}:{link.name}" for link in section.standards)
        out[section.id] = Item(
            section.id,
            "section",
            section.number,
            section.title,
            parent,
            f"the heading of {section.number}" if section.number else f"the heading {name}",
            where=cite,
            heading=heading,
        )
        if standards:
            out[f"{section.id}:standards"] = Item(
                f"{section.id}:standards",
                "standards",
                section.number,
                standards,
                section.id,
                f"the standards {name} links to",
                where=cite,
                heading=heading,
            )
        out.update(_section_texts(section, name, cite, heading, numbers))
        fresh = section.appendix or not section.number  # its numbered items start afresh
        add_points(
            section.points,
            section.id,
            section.number,
            name,
            heading,
            cite,
            (section.number or around) if fresh else "",
        )
        for group in section.groups:
            out[group.id] = Item(
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
            parent_id = next((g.id for g in section.groups if clause in g.clauses), section.id)
            out[clause.id] = Item(
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
            add_points(
                clause.points, clause.id, clause.number, clause.number, heading, clause.number
            )
            if clause.closing:
                out[f"{clause.id}:closing"] = Item(
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
        for sub in section.sections:
            add_section(sub, section.id, section.number or around)

    for section in document.sections + document.appendices:
        add_section(section, "", "")
    return out


@dataclass(frozen=True)
class Change:
    """One change between two versions, as the JSON contract describes it."""

    id: str
    number: str
    kind: str  # added, removed, modified, moved, renumbered
    significance: str  # significant, editorial
    reasons: tuple[str, ...]
    before: str | None
    after: str | None
    label: str = ""
    decision: str = ""  # the reason a policy owner recorded for overriding, if one applies
    parent: str = ""  # the id of the section or clause it sits under (for removals, where it was)
    # `before` and `after` as written in the source, [[refs]] as ids (None: as shown). The
    # fingerprint is taken over these, so a decision stays valid when a referenced part is
    # renumbered: the reference means the same part, whatever number it now shows.
    source: tuple[str | None, str | None] | None = None
    where: str = ""  # a label a reader can cite: "3.1, point 12" (see Item.where)
    heading: str = ""  # the number and title of the heading it sits under
    part: str = ""  # what kind of part changed: clause, point, section, text, metadata, ...
    summary: str = (
        ""  # what the policy owner wrote in the Change-summary of the commits that made it
    )

    @property
    def description(self) -> str:
        """The one plain-English description of this change that every output shows."""
        return describe.description(self)

    @property
    def why(self) -> str:
        """Why it matters, in sentences."""
        return describe.why(self)

    @property
    def fingerprint(self) -> str:
        before, after = self.source if self.source is not None else (self.before, self.after)
        data = f"{self.id}\x00{before or ''}\x00{after or ''}".encode()
        return hashlib.sha256(data).hexdigest()[:12]

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "number": self.number,
            "kind": self.kind,
            "significance": self.significance,
            "reasons": list(self.reasons),
            "before": self.before,
            "after": self.after,
            "words": words(self.before or "", self.after or ""),
            "fingerprint": self.fingerprint,
            "decision": self.decision or None,
            "where": self.where,
            "heading": self.heading,
            "summary": self.summary or None,
            "description": self.description,
            "why": self.why,
        }


_NOUNS = {
    "section": "section",
    "clause": "clause",
    "point": "item in a list of duties",
    "group": "audience heading",
    "text": "text",
    "standards": "standards link",
    "metadata": "document detail",
}


def _place(parent: Item | None) -> str:
    """Where an item sits, as a reader finds it: "3.1 Staff members", "clause 2.4"."""
    if parent is None:
        return "the top level"
    if parent.kind in ("section", "group"):
        return " ".join(part for part in (parent.number, parent.text) if part)
    return f"{parent.label}" if parent.label else parent.id


_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def _shown_reasons(
    reasons: list[str], before: Item, after: Item, old: dict[str, str], new: dict[str, str]
) -> list[str]:
    """`reasons` with each [[ref]] they quote shown as its number, as the texts are shown (the
    new number if the new text refers to it, else the old one).

    The wording rules read the source, where a reference is its id, so a reason can quote
    'openness' where readers see 'B'. An id's words are replaced only when they never appear in
    the texts as shown: then every place they came from is a reference, not prose."""
    if before.shown is None and after.shown is None:
        return reasons
    shown = ""
    in_after = set(_ID.findall(after.text))
    for ref in dict.fromkeys(_ID.findall(before.text + " " + after.text)):
        number = new.get(ref) if ref in in_after else old.get(ref)
        ref_words = ref.replace("-", " ")  # how a reason quotes an id's words
        if not number or not any(ref_words in reason for reason in reasons):
            continue
        shown = shown or f" {_quote(_tokens(before.display + ' ' + after.display))} "
        if f" {ref_words} " in shown:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(ref_words)}(?!\w)")
        reasons = [pattern.sub(_always(number), reason) for reason in reasons]
    return reasons


def _always(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for re.sub that puts in `text` as it is (no backslash escapes)."""
    return lambda _: text


def _at(item: Item) -> dict[str, str]:
    return {"where": item.where, "heading": item.heading, "part": item.kind}


def compare(old: Document | None, new: Document) -> list[Change]:
    """Every change from `old` to `new`, in the new document's reading order, removals last."""
    before, after = items(old), items(new)
    changes: list[Change] = []
    for key, item in after.items():
        previous = before.get(key)
        if previous is None:
            if item.kind == "metadata" and old is None:
                continue
            changes.append(
                Change(
                    key,
                    item.number,
                    "added",
                    "significant",
                    (f"{_NOUNS[item.kind]} added",),
                    None,
                    item.display,
                    item.label,
                    source=(None, item.text),
                    **_at(item),
                )
            )
            continue
        if previous.text != item.text:
            if item.kind == "metadata" and key.split(":")[1] in {
                "review-period",
                "applies-to",
                "approving-body",
            }:
                significance, reasons = "significant", [f"{item.where.lower()} changed"]
            elif item.kind == "standards":
                significance, reasons = (
                    "significant",
                    ["the standards this section links to changed"],
                )
            elif item.kind == "group":
                significance, reasons = (
                    "significant",
                    [f"who these provisions apply to changed: '{previous.text}' → '{item.text}'"],
                )
            else:
                significance, reasons = classify_text(previous.text, item.text)
                reasons = _shown_reasons(
                    reasons, previous, item, old.numbers if old else {}, new.numbers
                )
            changes.append(
                Change(
                    key,
                    item.number,
                    "modified",
                    significance,
                    tuple(reasons),
                    previous.display,
                    item.display,
                    item.label,
                    source=(previous.text, item.text),
                    **_at(item),
                )
            )
        elif previous.parent != item.parent:
            changes.append(
                Change(
                    key,
                    item.number,
                    "moved",
                    "significant",
                    (
                        f"moved from {_place(before.get(previous.parent))} to "
                        f"{_place(after.get(item.parent))}: it may now apply differently",
                    ),
                    previous.display,
                    item.display,
                    item.label,
                    source=(previous.text, item.text),
                    **_at(item),
                )
            )
        elif previous.number != item.number and item.kind in ("section", "clause"):
            how = (
                f"renumbered from {previous.number} to {item.number}"
                if previous.number and item.number
                else f"now numbered {item.number}"
                if item.number
                else f"no longer numbered (it was {previous.number})"
            )
            changes.append(
                Change(
                    key,
                    item.number,
                    "renumbered",
                    "editorial",
                    (f"{how} because other items were added, removed or moved",),
                    previous.display,
                    item.display,
                    item.label,
                    source=(previous.text, item.text),
                    **_at(item),
                )
            )
    for key, item in before.items():
        if key not in after:
            changes.append(
                Change(
                    key,
                    item.number,
                    "removed",
                    "significant",
                    (f"{_NOUNS[item.kind]} removed",),
                    item.display,
                    None,
                    item.label,
                    parent=item.parent,
                    source=(item.text, None),
                    **_at(item),
                )
            )
    return changes
