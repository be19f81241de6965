"""The version-control table as text for `policypress history`: Markdown, JSON or CSV. Markdown
and CSV show the approval record as the PDF, the Word file and the site do (one row per version,
the changes it approved beneath it); JSON gives the same record with ISO dates, and `rows`, the
commits one by one, for tools."""

from __future__ import annotations

import json

from policypress.model import Document, VersionControl
from policypress.render import common, record
from policypress.render.spreadsheet import csv_text


def as_json(document: Document, vc: VersionControl) -> str:
    labels = record.record_rows(vc)
    return json.dumps(
        {
            "document": document.id,
            "title": document.meta.title,
            "version": vc.version,
            "approval_date": vc.approval_date or None,
            "approved_by": vc.approved_by,
            "minute": vc.minute,
            "proposed_version": vc.proposed or None,
            "policy_owner": vc.policy_owner,
            "scheduled_review": vc.scheduled_review or None,
            "review_overdue": vc.review_overdue,
            "notice": vc.notice,
            "versions": [
                {
                    "label": label[0],
                    "kind": v.kind,
                    "version": v.version or None,
                    "date": v.date or None,
                    "approved_by": v.approved_by,
                    "minute": v.minute,
                    "changes": [
                        {"date": r.date, "summary": r.summary, "author": r.author}
                        for r in v.changes
                    ],
                }
                for v, label in zip(vc.record, labels, strict=True)
            ],
            "rows": [
                {
                    "date": r.date,
                    "version": r.version,
                    "summary": r.summary,
                    "author": r.author,
                    "approver": r.approver,
                }
                for r in vc.rows
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def as_csv(vc: VersionControl) -> str:
    """One line per version, its changes one per line inside the last cell (Excel shows them so)."""
    header = [h.lower().replace(" ", "_") for h in record.RECORD_HEADER]
    rows = [
        [version, approved_on, approved_by, minute, "\n".join(changes)]
        for version, approved_on, approved_by, minute, changes in record.record_rows(vc)
    ]
    return csv_text([header, *rows])


def _cell(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def as_markdown(document: Document, vc: VersionControl) -> str:
    lines = [f"# {document.meta.title}: version control", ""]
    if vc.notice:
        lines += [f"> {vc.notice}", ""]
    lines += ["| | |", "| --- | --- |"]
    lines += [
        f"| {label} | {_cell(value)} |" for label, value in common.version_fields(document, vc)
    ]
    lines += [
        "",
        "| " + " | ".join(record.RECORD_HEADER) + " |",
        "| --- " * len(record.RECORD_HEADER) + "|",
    ]
    for *cells, changes in record.record_rows(vc) or [record.NO_RECORD]:
        lines.append(
            "| "
            + " | ".join(_cell(c) for c in cells)
            + " | "
            + "<br>".join(_cell(c) for c in changes)
            + " |"
        )
    return "\n".join(lines) + "\n"
