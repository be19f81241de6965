"""Wording shared by every output, so the DOCX, the PDF and the site say the same things."""

from __future__ import annotations

import datetime

from policypress.model import Document, Library, Revision, Section, VersionControl

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
    return (
        document.meta.status != "approved"
        or vc.version == "Draft"
        or any(row.version == "Draft" for row in vc.rows)
    )


def is_proposal(vc: VersionControl) -> bool:
    """Whether this text is a proposal to change an approved version (which stays in force)."""
    return vc.version != "Draft" and any(row.version == "Draft" for row in vc.rows)


def status_label(document: Document, vc: VersionControl) -> str:
    if is_proposal(vc) or vc.version == "Draft":
        return NOT_YET_APPROVED
    return "Draft" if is_draft(document, vc) else "Approved"


def short_version(vc: VersionControl) -> str:
    """'Proposed version 2.0', 'Proposed changes to version 1.0' or 'Version 1.0'."""
    if vc.version == "Draft":
        return f"Proposed version {vc.proposed}" if vc.proposed else "Proposed first version"
    if is_proposal(vc):
        return (
            f"Proposed version {vc.proposed}"
            if vc.proposed
            else f"Proposed changes to version {vc.version}"
        )
    return f"Version {vc.version}"


def version_label(vc: VersionControl) -> str:
    """Which version this is, in full: 'Proposed version 2.0 — changes to version 1.0 (in force
    since 3 March 2026)', 'Proposed version 1.0 — the first version', or '1.0'."""
    if vc.version == "Draft":
        return short_version(vc) + (" — the first version" if vc.proposed else "")
    if not is_proposal(vc):
        return vc.version
    since = f" (in force since {long_date(vc.approval_date)})" if vc.approval_date else ""
    if vc.proposed:
        return f"Proposed version {vc.proposed} — changes to version {vc.version}{since}"
    return f"Proposed changes to version {vc.version}{since}"


def title_with_version(document: Document, vc: VersionControl) -> str:
    """The title a PDF or Word file's properties give: it says which version the file holds."""
    if vc.version == "Draft" or is_proposal(vc):
        return f"{document.meta.title} – {short_version(vc).lower()} (not yet approved)"
    return f"{document.meta.title} – version {vc.version}"


def running_status(document: Document, vc: VersionControl) -> str:
    """What the running header says: 'Version 1.0', 'Proposed version 2.0 · not yet approved',
    or 'DRAFT · not yet approved'."""
    if not is_draft(document, vc):
        return f"Version {vc.version}"
    if is_proposal(vc):
        return f"{short_version(vc)} · not yet approved"
    if vc.version == "Draft":
        return "DRAFT · not yet approved"
    return f"DRAFT · version {vc.version}"


def cover_status(document: Document, vc: VersionControl) -> str:
    """The large words on a PDF or Word cover of unapproved text: "Proposed version 2.0" for a
    proposal to change an approved version, "DRAFT" otherwise."""
    return short_version(vc) if is_proposal(vc) else "DRAFT"


def draft_notice(document: Document, vc: VersionControl) -> str:
    """The sentence under "DRAFT" on a PDF or Word cover. A proposal says which version stays in
    force: "This is proposed version 2.0, for approval by Cabinet. Version 1.1 stays in force until
    then." """
    body = document.meta.approving_body
    if is_proposal(vc):
        return (
            f"This is {short_version(vc)[0].lower()}{short_version(vc)[1:]}, for approval by "
            f"{body}. "
            f"Version {vc.version} stays in force until then."
        )
    return f"This is a draft for approval by {body}. It is not yet in force."


def cover_fields(document: Document, vc: VersionControl) -> list[tuple[str, str]]:
    """The details on a PDF or Word cover: version, status, date, policy owner."""
    return [
        ("Version", version_label(vc)),
        ("Status", status_label(document, vc)),
        ("Date", long_date(vc.edition_date)),
        ("Policy owner", document.meta.policy_owner),
    ]


def version_fields(document: Document, vc: VersionControl) -> list[tuple[str, str]]:
    """The version-control table. For approved text: version, approval date, approved by,
    minute, policy owner, scheduled review. For a proposal: which version it would be, that it
    is not yet approved, who will approve it, and the version in force."""
    meta = document.meta
    if vc.version == "Draft" or is_proposal(vc):
        fields = [
            ("Version", version_label(vc)),
            ("Status", NOT_YET_APPROVED),
            ("To be approved by", meta.approving_body),
        ]
        if vc.version != "Draft":
            approved = f"Version {vc.version}, approved by {vc.approved_by}"
            approved += f" on {long_date(vc.approval_date)}" if vc.approval_date else ""
            fields.append(("Version in force", approved + (f" ({vc.minute})" if vc.minute else "")))
        return fields + [
            ("Policy owner", vc.policy_owner),
            ("Scheduled review", "To be set at approval"),
        ]
    review = long_date(vc.scheduled_review) or "To be set at approval"
    if vc.review_overdue:
        review += " (overdue)"
    return [
        ("Version", vc.version),
        ("Approval date", long_date(vc.approval_date) or NOT_YET_APPROVED),
        ("Approved by", vc.approved_by),
        *([("Minute", vc.minute)] if vc.minute else []),
        ("Policy owner", vc.policy_owner),
        ("Scheduled review", review),
    ]


RECORD_HEADER = ("Version", "Approved on", "Approved by", "Minute", "Changes")
NO_RECORD = ("", "", "", "", ["No changes recorded yet."])


def change_line(row: Revision) -> str:
    """One change in the record: '10 February 2026: Say staff must be fair (Ana Núñez)'."""
    who = f" ({row.author})" if row.author and row.author != "—" else ""
    return f"{long_date(row.date)}: {row.summary}{who}" if row.date else f"{row.summary}{who}"


def record_rows(vc: VersionControl) -> list[tuple[str, str, str, str, list[str]]]:
    """The approval record, one row per version, newest first: (version, approved on, approved
    by, minute, the changes it approved). The changes not yet approved come first, as the
    proposed version, "Not yet approved"; while they wait, the approved version is "in force"."""
    out = []
    waiting = any(v.kind == "pending" for v in vc.record)
    for n, v in enumerate(vc.record):
        changes = [change_line(r) for r in v.changes] or ["No changes to the text."]
        if v.kind == "pending":
            out.append((short_version(vc), NOT_YET_APPROVED, "", "", changes))
        elif v.kind == "approval":
            label = f"{v.version} (in force)" if waiting and n == 1 else v.version
            out.append((label, long_date(v.date), v.approved_by, v.minute, changes))
        else:  # a row of the document controls sheet from before git
            out.append(
                (
                    v.version or "Earlier record",
                    long_date(v.date) if v.approved_by else "",
                    v.approved_by,
                    "",
                    changes,
                )
            )
    return out
