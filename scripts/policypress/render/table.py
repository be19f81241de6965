"""The version-control table as text for `policypress history`: Markdown, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json

from policypress.model import Document, VersionControl
from policypress.render import common


def as_json(document: Document, vc: VersionControl) -> str:
    return json.dumps({
        "document": document.id,
        "title": document.meta.title,
        "version": vc.version,
        "approval_date": vc.approval_date or None,
        "approved_by": vc.approved_by,
        "policy_owner": vc.policy_owner,
        "scheduled_review": vc.scheduled_review or None,
        "review_overdue": vc.review_overdue,
        "notice": vc.notice,
        "rows": [{"date": r.date, "version": r.version, "summary": r.summary, "author": r.author,
                  "approver": r.approver} for r in vc.rows],
    }, indent=2, ensure_ascii=False)


def as_csv(vc: VersionControl) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "version", "summary", "author", "approver"])
    for r in vc.rows:
        writer.writerow([r.date, r.version, r.summary, r.author, r.approver])
    return out.getvalue()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(document: Document, vc: VersionControl) -> str:
    lines = [f"# {document.meta.title}: version control", ""]
    if vc.notice:
        lines += [f"> {vc.notice}", ""]
    lines += ["| | |", "| --- | --- |"]
    lines += [f"| {label} | {_cell(value)} |" for label, value in common.version_fields(document, vc)]
    lines += ["", "| Date | Version | Summary of change | Author and approver |", "| --- | --- | --- | --- |"]
    lines += [f"| {_cell(d)} | {v} | {_cell(s)} | {_cell(w)} |" for d, v, s, w in common.control_rows(vc)]
    return "\n".join(lines) + "\n"
