"""The typed document model: what the loader produces and every renderer reads.

Everything here is frozen and complete when created: numbers are assigned by the loader from the
order of the source, so renderers never compute numbering and never read YAML. No I/O here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from policypress import richtext
from policypress.errors import Location
from policypress.settings import Contact, SiteSettings

# the text model (richtext.py), named here too, beside the rest of the model
Block = richtext.Block
BulletList = richtext.BulletList
ListItem = richtext.ListItem
Paragraph = richtext.Paragraph
Quote = richtext.Quote
Span = richtext.Span
SpanKind = richtext.SpanKind
Text = richtext.Text
block_texts = richtext.block_texts
blocks_plain = richtext.blocks_plain


@dataclass(frozen=True)
class Point:
    """A bullet in an obligation list, or a numbered sub-item `1)`, `a)`, `(ii)`; may hold
    further points."""

    id: str
    number: str  # the marker as printed: "" for bullets, "1)", "a)", "i." for numbered sub-items
    text: Text
    points: tuple[Point, ...] = ()
    location: Location = Location("")
    style: str = ""  # the numbering style of its level ("a)"), "" for bullets
    ordinal: int = 0  # its position among the numbered items of its list (1, 2, ...), 0 for bullets


@dataclass(frozen=True)
class Clause:
    """A numbered provision (1.1, A1). Its text may be a lead-in to bullets or numbered items."""

    id: str
    number: str
    text: Text | None  # its first paragraph
    points: tuple[Point, ...] = ()
    location: Location = Location("")
    more: tuple[Block, ...] = ()  # the paragraphs, lists and quotations after its first paragraph
    closing: tuple[Block, ...] = ()  # text after its bullets or numbered items


@dataclass(frozen=True)
class Group:
    """Provisions under an audience heading ("Staff members") inside a section; unnumbered."""

    id: str
    audience: str
    clauses: tuple[Clause, ...]
    location: Location = Location("")


@dataclass(frozen=True)
class StandardLink:
    framework: str  # key in content/standards.yaml, e.g. "cih"
    name: str  # e.g. "Integrity"


# A preset ("decimal": 1.0 and 1.1, "lettered": A and A1), or "custom" (styles set per level in
# document.yaml).
NumberingName = Literal["decimal", "lettered", "custom"]

SectionKind = Literal["text", "version-control", "associated-policies"]

# What a section holds below its own text, in the usual order. A section shows them in the order
# its file writes them (`Section.order`), so a subsection may come before an audience group.
CHILDREN = ("clauses", "groups", "sections")


@dataclass(frozen=True)
class Section:
    """A heading (1.0, 3.1, A, or unnumbered) with what it holds, in rendering order."""

    id: str
    number: str  # "" for an unnumbered heading ("Main principle", "Introduction")
    title: str
    level: int  # 1 for a top-level section, 2 for a subsection, ...
    kind: SectionKind = "text"
    standards: tuple[StandardLink, ...] = ()
    principle: tuple[Block, ...] = ()  # the "main principle" statement of a lettered section
    intro: tuple[Block, ...] = ()  # unnumbered prose
    lead_in: Text | None = None  # "Staff must:" before `points`
    points: tuple[Point, ...] = ()
    closing: tuple[Block, ...] = ()  # text after `points` (the bullets)
    clauses: tuple[Clause, ...] = ()
    groups: tuple[Group, ...] = ()
    sections: tuple[Section, ...] = ()
    appendix: bool = False
    location: Location = Location("")
    order: tuple[str, ...] = CHILDREN  # clauses, groups and subsections in the order written

    @property
    def heading(self) -> str:
        """The heading as every output shows it: "3.1 Act with integrity", or just the title."""
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Standard:
    name: str
    description: str


@dataclass(frozen=True)
class Framework:
    """A controlled vocabulary of standards, e.g. the CIH professional standards."""

    key: str
    title: str
    standards: tuple[Standard, ...]
    url: str = ""

    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.standards)


@dataclass(frozen=True)
class AssociatedPolicy:
    title: str
    url: str = ""


@dataclass(frozen=True)
class Metadata:
    title: str
    organisation: str
    document_type: str
    status: Literal["draft", "approved"]
    language: str
    policy_owner: str
    approving_body: str
    review_period: str  # "3 years", "18 months", or a placeholder such as "TBC"
    applies_to: str
    summary: str
    numbering: NumberingName


@dataclass(frozen=True)
class Decision:
    """A policy owner's decision on a flagged change (decisions.yaml)."""

    clause: str
    fingerprint: str
    decision: str
    reason: str
    by: str
    location: Location = Location("")


@dataclass(frozen=True)
class Accepted:
    """A warning a policy owner accepted on one part, with the reason (decisions.yaml)."""

    part: str  # the part's id, or "meta:<key>" for a detail in document.yaml
    warning: str  # the warning's code, e.g. "doubled-word"
    reason: str
    by: str
    location: Location = Location("")


@dataclass(frozen=True)
class Consultation:
    """A tenant consultation record (consultations/*.yaml)."""

    title: str
    opened: datetime.date | None  # None only when the file's date is wrong (reported by check)
    closed: datetime.date | None  # None while open
    consulted: tuple[str, ...]
    method: str
    responses: int | None
    summary: str
    response: str
    how_to_respond: str
    covers: str  # the git revision of the version consulted on
    location: Location = Location("")
    covers_at: Location = Location("")  # where the `covers:` value is
    welsh_language: str = ""  # the views sought on the effects on the Welsh language


@dataclass(frozen=True)
class InForce:
    """The version approved and in force when a document was brought into git."""

    version: str  # "2.1"
    approval_date: datetime.date
    approved_by: str = ""
    scheduled_review: datetime.date | None = None  # None: count it from the review period
    minute: str = ""


@dataclass(frozen=True)
class BeforeGit:
    """A document's history from before git (history-before-git.yaml): the version in force
    when it was imported and the rows of its old document controls sheet, newest first."""

    in_force: InForce | None
    rows: tuple[Revision, ...]
    location: Location = Location("")


@dataclass(frozen=True)
class TranslatedPart:
    """A part of a translation: its id (`DETAILS` for the document's details), the fingerprint of
    the original text it translates ("" when not given), and where it is."""

    id: str
    translates: str
    location: Location


DETAILS = ":details"  # the part id of a document's details (title, summary, ...)


def language_folder(language: str) -> str:
    """The folder, and file name part, of a text in `language`: "cy" for "cy-GB"."""
    return language.split("-")[0].lower()


@dataclass(frozen=True)
class Translation:
    """A document's text in its second language, under the same ids and numbers: `document` is
    the whole document in that language (a part not yet translated keeps the original's text)."""

    language: str  # "cy-GB"
    folder: str  # as shown to the user, e.g. "content/code-of-conduct/cy"
    document: Document
    parts: tuple[TranslatedPart, ...]
    files: tuple[str, ...] = ()  # the original's section files that have no translated file


@dataclass(frozen=True)
class Document:
    id: str
    folder: str  # as shown to the user, e.g. "content/code-of-conduct"
    meta: Metadata
    sections: tuple[Section, ...]
    appendices: tuple[Section, ...] = ()
    associated_policies: tuple[AssociatedPolicy, ...] = ()
    decisions: tuple[Decision, ...] = ()
    consultations: tuple[Consultation, ...] = ()
    accepted: tuple[Accepted, ...] = ()
    before_git: BeforeGit | None = None  # history-before-git.yaml, when there is one
    contact: Contact = Contact()  # its own `contact:`, else the site's (may be empty)
    translation: Translation | None = None  # its text in a second language, when it has one
    numbers: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def all_sections(self) -> Iterator[Section]:
        stack = list(reversed(self.sections + self.appendices))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.sections))

    def texts(self) -> Iterator[tuple[str, Text]]:
        """Every piece of source text with the id of the item that owns it, in reading order."""
        for section in self.all_sections():
            for text in block_texts(section.principle + section.intro):
                yield section.id, text
            if section.lead_in:
                yield section.id, section.lead_in
            yield from _point_texts(section.points)
            for text in block_texts(section.closing):
                yield section.id, text
            clauses = section.clauses + tuple(c for g in section.groups for c in g.clauses)
            for clause in clauses:
                if clause.text:
                    yield clause.id, clause.text
                for text in block_texts(clause.more):
                    yield clause.id, text
                yield from _point_texts(clause.points)
                for text in block_texts(clause.closing):
                    yield clause.id, text


def _point_texts(points: tuple[Point, ...]) -> Iterator[tuple[str, Text]]:
    for point in points:
        yield point.id, point.text
        yield from _point_texts(point.points)


@dataclass(frozen=True)
class Library:
    """Everything under `content/`: the documents and the standards they link to."""

    root: str
    documents: tuple[Document, ...]
    frameworks: tuple[Framework, ...]
    site: SiteSettings = SiteSettings()

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)


@dataclass(frozen=True)
class Revision:
    """One row of the document-controls sheet."""

    date: str  # ISO date, e.g. "2026-12-01"
    version: str  # the approval the change led to ("1.0"), or "Draft"
    summary: str
    author: str
    approver: str = ""


@dataclass(frozen=True)
class VersionRow:
    """One row of the approval record: a version's approval and the changes it approved."""

    kind: (
        str  # "approval"; "pending" (the changes not yet approved); "earlier" (an old sheet's row)
    )
    version: str  # "1.0"; "" when not approved or not numbered
    date: str  # ISO date of the approval (of the old row, for "earlier"); "" when not approved
    approved_by: str
    minute: str
    changes: tuple[Revision, ...]  # newest first


@dataclass(frozen=True)
class VersionControl:
    """The version-control table and document-controls rows, as every output shows them."""

    version: str  # "Draft" before the first approval, else the latest approved version
    approval_date: str  # ISO date, or "" when not yet approved
    approved_by: str
    policy_owner: str
    scheduled_review: str  # ISO date, or "" when unknown
    review_overdue: bool
    rows: tuple[Revision, ...]
    edition_date: str  # ISO date the outputs are dated with
    notice: str = ""  # e.g. "History unavailable: ..." shown above the table
    record: tuple[VersionRow, ...] = ()  # the approval record, newest first
    minute: str = ""  # the minute of the latest approval
    proposed: str = ""  # the version the changes not yet approved would become ("2.0"), if known
    # the language the change summaries are written in, when the outputs are in another (the
    # translation's): commit messages are in one language only
    summaries_language: str = ""
