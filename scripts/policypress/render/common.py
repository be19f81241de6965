"""Wording shared by every output, so the DOCX, the PDF and the site say the same things."""

from __future__ import annotations

import datetime

from policypress.model import Document, Library, Section, VersionControl

NOT_YET_APPROVED = "Not yet approved"


def long_date(when: datetime.date | str | None) -> str:
    """2026-12-01 (a date, or ISO text) -> '1 December 2026' (the form GOV.UK and councils use);
    "" for no date."""
    if not when:
        return ""
    day = datetime.date.fromisoformat(when) if isinstance(when, str) else when
    return f"{day.day} {day:%B %Y}"


def join_names(names: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def standards_lines(section: Section, library: Library) -> list[tuple[str, str, str]]:
    """(lead, framework title, names) for each framework a section links to:
    ('Links to the', 'CIH professional standards', 'Integrity, Inclusive and Ethical')."""
    frameworks = {f.key: f for f in library.frameworks}
    lines = []
    for key in dict.fromkeys(link.framework for link in section.standards):
        names = [link.name for link in section.standards if link.framework == key]
        lines.append(("Links to the", frameworks[key].title, join_names(names)))
    return lines


def is_draft(document: Document, vc: VersionControl) -> bool:
    """Shown as a draft when the source says so, or when anything changed since the last
    approval: a reader must never take unapproved text for approved text."""
    return document.meta.status != "approved" or vc.version == "Draft" or any(
        row.version == "Draft" for row in vc.rows)


def status_label(document: Document, vc: VersionControl) -> str:
    return "Draft" if is_draft(document, vc) else "Approved"


def running_status(document: Document, vc: VersionControl) -> str:
    """What the running header says: 'Version 1.0', or 'DRAFT · not yet approved'."""
    if not is_draft(document, vc):
        return f"Version {vc.version}"
    if vc.version == "Draft":
        return "DRAFT · not yet approved"
    return f"DRAFT · changes to version {vc.version}"


def version_fields(document: Document, vc: VersionControl) -> list[tuple[str, str]]:
    """The version-control table: approval date, approved by, policy owner, scheduled review."""
    review = long_date(vc.scheduled_review) or "To be set at approval"
    if vc.review_overdue:
        review += " (overdue)"
    return [
        ("Approval date", long_date(vc.approval_date) or NOT_YET_APPROVED),
        ("Approved by", vc.approved_by),
        ("Policy owner", vc.policy_owner),
        ("Scheduled review", review),
    ]


def control_rows(vc: VersionControl) -> list[tuple[str, str, str, str]]:
    """Document-controls rows: (date, version, summary of change, author and approver)."""
    return [
        (long_date(r.date), r.version, r.summary,
         f"Author: {r.author}" + (f"; approver: {r.approver}" if r.approver else ""))
        for r in vc.rows
    ]
