"""Wording shared by every output, so the DOCX, the PDF and the site say the same things."""

from __future__ import annotations

import dataclasses
import datetime
import re

from policypress import i18n
from policypress.model import Document, Library, Section, VersionControl
from policypress.readability import placeholders

TEAM_WORDS = (
    "team",
    "teams",
    "service",
    "services",
    "unit",
    "department",
    "office",
    "board",
    "committee",
    "panel",
    "directorate",
    "division",
    "section",
)


def the_team(name: str) -> str:
    """A team's name as a sentence needs it: "contact the Governance Team", "the Housing
    Services"; a name already with "the", or a person's or a body's own name, as it is."""
    name = name.strip()
    last = name.split()[-1].lower().strip(".,") if name.split() else ""
    if not name or name.lower().startswith("the ") or last not in TEAM_WORDS:
        return name
    return f"the {name}"


def long_date(when: datetime.date | str | None, language: str = "en") -> str:
    """2026-12-01 (a date, or ISO text) -> '1 December 2026' (the form GOV.UK and councils use),
    '1 Rhagfyr 2026' in Welsh; "" for no date."""
    if not when:
        return ""
    day = datetime.date.fromisoformat(when) if isinstance(when, str) else when
    return i18n.long_date(day, language)


def join_names(names: list[str], language: str = "en") -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    _ = i18n.translator(language)
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def standards_lines(
    section: Section, library: Library, language: str = "en"
) -> list[tuple[str, str, str]]:
    """(lead, framework title, names) for each framework a section links to:
    ('Links to the', 'CIH professional standards', 'Integrity, Inclusive and Ethical')."""
    frameworks = {f.key: f for f in library.frameworks}
    _ = i18n.translator(language)
    lines = []
    for key in dict.fromkeys(link.framework for link in section.standards):
        names = [link.name for link in section.standards if link.framework == key]
        lines.append((_("Links to the"), frameworks[key].title, join_names(names, language)))
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
    _ = i18n.translator(document.meta.language)
    if is_proposal(vc) or vc.version == "Draft":
        return _("Not yet approved")
    return _("Draft") if is_draft(document, vc) else _("Approved")


def short_version(vc: VersionControl, language: str = "en") -> str:
    """'Proposed version 2.0', 'Proposed changes to version 1.0' or 'Version 1.0'."""
    _ = i18n.translator(language)
    if vc.version == "Draft":
        if vc.proposed:
            return _("Proposed version %(version)s") % {"version": vc.proposed}
        return _("Proposed first version")
    if is_proposal(vc):
        if vc.proposed:
            return _("Proposed version %(version)s") % {"version": vc.proposed}
        return _("Proposed changes to version %(version)s") % {"version": vc.version}
    return _("Version %(version)s") % {"version": vc.version}


def version_label(vc: VersionControl, language: str = "en") -> str:
    """Which version this is, in full: 'Proposed version 2.0 — changes to version 1.0 (in force
    since 3 March 2026)', 'Proposed version 1.0 — the first version', or '1.0'."""
    _ = i18n.translator(language)
    if vc.version == "Draft":
        if not vc.proposed:
            return short_version(vc, language)
        return _("%(version)s — the first version") % {"version": short_version(vc, language)}
    if not is_proposal(vc):
        return vc.version
    since = (
        " " + _("(in force since %(date)s)") % {"date": long_date(vc.approval_date, language)}
        if vc.approval_date
        else ""
    )
    values = {"proposed": vc.proposed, "version": vc.version}
    if vc.proposed:
        return _("Proposed version %(proposed)s — changes to version %(version)s") % values + since
    return _("Proposed changes to version %(version)s") % values + since


def title_with_version(document: Document, vc: VersionControl) -> str:
    """The title a PDF or Word file's properties give: it says which version the file holds."""
    language = document.meta.language
    _ = i18n.translator(language)
    if vc.version == "Draft" or is_proposal(vc):
        short = short_version(vc, language).lower()
        return f"{document.meta.title} – {short} " + _("(not yet approved)")
    return _("%(title)s – version %(version)s") % {
        "title": document.meta.title,
        "version": vc.version,
    }


def running_status(document: Document, vc: VersionControl) -> str:
    """What the running header says: 'Version 1.0', 'Proposed version 2.0 · not yet approved',
    or 'DRAFT · not yet approved'."""
    language = document.meta.language
    _ = i18n.translator(language)
    if not is_draft(document, vc):
        return _("Version %(version)s") % {"version": vc.version}
    if is_proposal(vc):
        return _("%(version)s · not yet approved") % {"version": short_version(vc, language)}
    if vc.version == "Draft":
        return _("DRAFT · not yet approved")
    return _("DRAFT · version %(version)s") % {"version": vc.version}


def cover_status(document: Document, vc: VersionControl) -> str:
    """The large words on a PDF or Word cover of unapproved text: "Proposed version 2.0" for a
    proposal to change an approved version, "DRAFT" otherwise."""
    _ = i18n.translator(document.meta.language)
    return short_version(vc, document.meta.language) if is_proposal(vc) else _("DRAFT")


def draft_notice(document: Document, vc: VersionControl) -> str:
    """The sentence under "DRAFT" on a PDF or Word cover. A proposal says which version stays in
    force: "This is proposed version 2.0, for approval by Cabinet. Version 1.1 stays in force until
    then." """
    body = in_sentence(named(document.meta.approving_body), document.meta.language)
    _ = i18n.translator(document.meta.language)
    if is_proposal(vc):
        short = short_version(vc, document.meta.language)
        values = {"proposal": short[0].lower() + short[1:], "body": body, "version": vc.version}
        if body:
            text = _(
                "This is %(proposal)s, for approval by %(body)s. Version %(version)s stays in "
                "force until then."
            )
        else:  # never "for approval by TBC"
            text = _(
                "This is %(proposal)s, not yet approved. Version %(version)s stays in force until "
                "it is."
            )
        return text % values
    if not body:
        return _("This is a draft. It is not yet approved or in force.")
    return _("This is a draft for approval by %(body)s. It is not yet in force.") % {"body": body}


def cover_fields(document: Document, vc: VersionControl) -> list[tuple[str, str]]:
    """The details on a PDF or Word cover: version, status, date, policy owner."""
    language = document.meta.language
    _ = i18n.translator(language)
    return [
        (_("Version"), version_label(vc, language)),
        (_("Status"), status_label(document, vc)),
        (_("Date"), long_date(vc.edition_date, language)),
        *([(_("Policy owner"), owner)] if (owner := named(document.meta.policy_owner)) else []),
    ]


def _proposed_review(vc: VersionControl, language: str) -> str:
    """The scheduled review shown for unapproved text: the version in force's date, if there is
    one, with a note that approval sets it again ("1 December 2029, for version 1.0. It is set
    again when this proposal is approved."); a first draft's is set at approval."""
    _ = i18n.translator(language)
    if vc.version == "Draft" or not vc.scheduled_review:
        return _("To be set at approval")
    values = {"date": long_date(vc.scheduled_review, language), "version": vc.version}
    if vc.review_overdue:
        values["date"] += " " + _("(overdue)")
    return (
        _("%(date)s, for version %(version)s. It is set again when this proposal is approved.")
        % values
    )


def version_fields(document: Document, vc: VersionControl) -> list[tuple[str, str]]:
    """The version-control table. For approved text: version, approval date, approved by,
    minute, policy owner, scheduled review. For a proposal: which version it would be, that it
    is not yet approved, who will approve it, and the version in force."""
    meta = document.meta
    language = meta.language
    _ = i18n.translator(language)
    if vc.version == "Draft" or is_proposal(vc):
        fields = [
            (_("Version"), version_label(vc, language)),
            (_("Status"), _("Not yet approved")),
        ]
        if named(meta.approving_body):
            fields.append((_("To be approved by"), meta.approving_body))
        if vc.version != "Draft":
            values = {"version": vc.version, "by": approver(vc.approved_by, language)}
            if vc.approval_date:
                values["date"] = long_date(vc.approval_date, language)
                approved = _("Version %(version)s, approved by %(by)s on %(date)s") % values
            else:
                approved = _("Version %(version)s, approved by %(by)s") % values
            fields.append(
                (_("Version in force"), approved + (f" ({vc.minute})" if vc.minute else ""))
            )
        return fields + [
            (_("Policy owner"), named(vc.policy_owner) or _("Not yet named")),
            (_("Scheduled review"), _proposed_review(vc, language)),
        ]
    review = long_date(vc.scheduled_review, language) or _("To be set at approval")
    if vc.review_overdue:
        review += " " + _("(overdue)")
    return [
        (_("Version"), vc.version),
        (_("Approval date"), long_date(vc.approval_date, language) or _("Not yet approved")),
        (_("Approved by"), vc.approved_by),
        *([(_("Minute"), vc.minute)] if vc.minute else []),
        (_("Policy owner"), vc.policy_owner),
        (_("Scheduled review"), review),
    ]


def named(value: str) -> str:
    """`value`, or "" while it is still a placeholder such as "TBC" ('check' warns about it), so
    that no page calls the site "TBC policies" or says it is run by "TBC"."""
    return "" if any(placeholders(value)) else value.strip()


def unapproved_files(body: str, language: str = "en") -> str:
    """What the download page says of files made from unapproved text: "Not yet approved by
    Cabinet; made from the text as it stands today.", without a body still called "TBC". The body
    is named mid-sentence: "Heb ei chymeradwyo gan y Cabinet eto", not "gan Y Cabinet"."""
    _ = i18n.translator(language)
    if named(body):
        return _("Not yet approved by %(body)s; made from the text as it stands today.") % {
            "body": in_sentence(body, language)
        }
    return _("Not yet approved; made from the text as it stands today.")


def in_sentence(name: str, language: str = "en") -> str:
    """A body's name inside a sentence. The article takes a capital only at the start: "The
    Council" or "Y Cabinet" in a table, "run by the Council" or "gan y Cabinet" in a sentence.
    Other languages keep it as written."""
    if language[:2] == "cy":
        return re.sub(r"^Y(r?) ", r"y\1 ", name.strip())
    if language[:2] == "en":
        return re.sub(r"^The ", "the ", name.strip())
    return name


def approver(name: str, language: str) -> str:
    """An approval's body inside a sentence: English as recorded ("approved by Cabinet"), other
    languages with the article in lower case ("gan y Cabinet"), as the site's banners write it."""
    return name if language[:2] == "en" else in_sentence(name, language)


def body_in_translation(name: str, document: Document) -> str:
    """The approving body `name` as `document`'s translation writes it. An approval records the
    original's name ("Cabinet"); the Welsh pages and files say "Y Cabinet", from the
    translation's details. Any other name stays as recorded."""
    text = document.translation.document if document.translation else None
    if text is None or name.strip() != document.meta.approving_body.strip():
        return name
    return named(text.meta.approving_body) or name


def in_translation(vc: VersionControl, document: Document) -> VersionControl:
    """`vc` as `document`'s translation shows it: its own policy owner and approving body."""
    if document.translation is None:
        return vc
    own = document.translation.document.meta
    record = tuple(
        dataclasses.replace(row, approved_by=body_in_translation(row.approved_by, document))
        for row in vc.record
    )
    return dataclasses.replace(
        vc,
        policy_owner=own.policy_owner,
        approved_by=body_in_translation(vc.approved_by, document),
        record=record,
        summaries_language=document.meta.language,
    )
