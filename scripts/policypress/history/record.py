"""The approval record: the version-control table every output shows, built from what git
says (history.read) and the history from before git."""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
from collections.abc import Iterable

from policypress.errors import Location, Problem
from policypress.history.found import Approval, Commit, History, today
from policypress.history.read import BEFORE_GIT, UNCOMMITTED
from policypress.history.tags import link_approvals
from policypress.model import Document, InForce, Revision, VersionControl, VersionRow


def _add_period(day: datetime.date, period: str) -> datetime.date | None:
    match = re.match(r"^(\d+) (year|years|month|months)$", period.strip())
    if not match:
        return None
    months = int(match[1]) * (12 if match[2].startswith("year") else 1)
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    return None


def adopt_in_force(history: History, documents: Iterable[Document]) -> None:
    """A document brought in with `policypress import` names, in history-before-git.yaml, the
    version that was approved and in force before git. The commit that added that file (the
    import) holds that version's text, so it counts as that version's approval: the outputs show
    it, `diff` and the consultation check compare later amendments with it, and `approve`
    numbers on from it. A tag that records the same version takes its place."""
    if not history.available:
        return
    adopted = False
    for document in documents:
        in_force = document.before_git.in_force if document.before_git else None
        sha = history.imports.get(document.id)
        if in_force is None or sha is None or not re.fullmatch(r"[0-9]+\.[0-9]+", in_force.version):
            continue
        approvals = history.approvals.setdefault(document.id, [])
        if any(a.version == in_force.version for a in approvals):
            continue
        major, minor = (int(n) for n in in_force.version.split("."))
        approvals.append(
            Approval(
                sha[:12],
                document.id,
                major,
                minor,
                sha,
                in_force.approved_by or document.meta.approving_body,
                in_force.approval_date.isoformat(),
                in_force.minute,
                imported=True,
            )
        )
        approvals.sort(key=lambda a: (a.major, a.minor))
        adopted = True
    if adopted:
        history.led_to.clear()
        link_approvals(history)


def version_control(document: Document, history: History | None = None) -> VersionControl:
    """The table every output shows, from the same function: git's rows, newest first, then the
    rows from before git (history-before-git.yaml), and the approval record built from them.
    The version pending changes would become is known once they are judged: see
    `with_significance`."""
    history = history or History(False, "")
    meta = document.meta
    before = document.before_git
    in_force = before.in_force if before else None
    approvals = history.approvals.get(document.id, [])
    latest = approvals[-1] if approvals else None
    changes = [
        c
        for c in history.changes.get(document.id, [])
        if f"{document.id}:{c.sha}" not in history.events
    ]
    rows = _rows(document, history, changes, approvals)
    minute = ""
    if latest:
        version, approved_on, approved_by, minute = (
            latest.version,
            latest.date,
            latest.approved_by,
            latest.minute,
        )
    elif in_force:  # not committed yet, or no git: the record still says what is in force
        version, approved_on = in_force.version, in_force.approval_date.isoformat()
        approved_by, minute = in_force.approved_by or meta.approving_body, in_force.minute
    else:
        version, approved_on, approved_by = "Draft", "", meta.approving_body
    review_date = (
        _add_period(datetime.date.fromisoformat(approved_on), meta.review_period)
        if approved_on
        else None
    )
    if in_force and in_force.scheduled_review and version == in_force.version:
        review_date = in_force.scheduled_review
    # Dated by SOURCE_DATE_EPOCH when set; else by the last change, so rebuilds are identical.
    if os.environ.get("SOURCE_DATE_EPOCH") or document.id in history.dirty or not changes:
        edition = today()
    else:
        edition = datetime.date.fromisoformat(changes[0].date)
    # never approved: whatever it holds, it would be version 1.0
    proposed = "1.0" if version == "Draft" else ""
    return VersionControl(
        version=version,
        approval_date=approved_on,
        approved_by=approved_by,
        policy_owner=meta.policy_owner,
        scheduled_review=review_date.isoformat() if review_date else "",
        review_overdue=bool(review_date and review_date < today()),
        rows=tuple(rows),
        edition_date=edition.isoformat(),
        notice=history.notice,
        record=approval_record(rows, approvals, in_force),
        minute=minute,
        proposed=proposed,
    )


def _rows(
    document: Document, history: History, changes: list[Commit], approvals: list[Approval]
) -> list[Revision]:
    """The table's rows, newest first: uncommitted edits, each commit that changed the text
    (with the version it led to and who approved that), then the rows from before git."""
    by_version = {a.version: a for a in approvals}
    rows: list[Revision] = []
    if document.id in history.dirty:
        rows.append(Revision(today().isoformat(), "Draft", UNCOMMITTED, "—", ""))
    for change in changes:
        version = history.led_to.get(f"{document.id}:{change.sha}", "")
        approval = by_version.get(version)
        rows.append(
            Revision(
                change.date,
                version or "Draft",
                change.summary,
                change.author,
                approval.approved_by if approval else "",
            )
        )
    if document.before_git:
        rows += document.before_git.rows
    return rows


def with_significance(vc: VersionControl, significant: bool) -> VersionControl:
    """`vc` once the consultation check has said whether the changes not yet approved hold a
    significant one: that decides the version they would become (2.0 rather than 1.1)."""
    if vc.version == "Draft" or not any(r.version == "Draft" for r in vc.rows):
        return vc
    return dataclasses.replace(vc, proposed=bump(vc.version, significant))


def approval_record(
    rows: list[Revision], approvals: list[Approval], in_force: InForce | None
) -> tuple[VersionRow, ...]:
    """One row per version, newest first: the changes not yet approved (if any), then each
    approval with the changes it approved beneath it, then the versions of the controls sheet
    from before git, grouped by the version each of its rows gave."""
    record: list[VersionRow] = []
    pending = tuple(r for r in rows if r.version == "Draft")
    if pending:
        record.append(VersionRow("pending", "", "", "", "", pending))
    known = {a.version for a in approvals}
    for approval in reversed(approvals):
        approved = tuple(r for r in rows if r.version == approval.version)
        record.append(
            VersionRow(
                "approval",
                approval.version,
                approval.date,
                approval.approved_by,
                approval.minute,
                approved,
            )
        )
    if in_force and in_force.version not in known:  # in force, but its import is not committed
        record.append(
            VersionRow(
                "approval",
                in_force.version,
                in_force.approval_date.isoformat(),
                in_force.approved_by,
                in_force.minute,
                tuple(r for r in rows if r.version == in_force.version),
            )
        )
        known.add(in_force.version)
    for row in rows:  # the rows from before git that no approval above holds
        if row.version == "Draft" or row.version in known:
            continue
        last = record[-1] if record else None
        if last and last.kind == "earlier" and row.version and last.version == row.version:
            record[-1] = VersionRow(
                "earlier",
                last.version,
                last.date,
                last.approved_by or row.approver,
                "",
                last.changes + (row,),
            )
        else:
            record.append(VersionRow("earlier", row.version, row.date, row.approver, "", (row,)))
    return tuple(record)


def problems(
    history: History,
    documents: Iterable[Document],
    content: str,
    vcs: dict[str, VersionControl] | None = None,
) -> list[Problem]:
    """What `policypress check` reports about history: bad tags, overdue reviews, no history.
    `vcs` are the documents' version-control tables, when the caller has made them already."""
    found = list(history.problems)
    if not history.available:
        found.append(
            Problem(
                Location(content),
                "warning",
                "no-history",
                history.notice,
                "build from a git clone of the repository to show the version history",
            )
        )
    if history.shallow:
        found.append(
            Problem(
                Location(content),
                "warning",
                "shallow-clone",
                history.notice,
                "run 'git fetch --unshallow' for the whole history",
            )
        )
    for document in documents:
        in_force = document.before_git.in_force if document.before_git else None
        if in_force and history.available and document.id not in history.imports:
            found.append(
                Problem(
                    Location(f"{document.folder}/{BEFORE_GIT}"),
                    "warning",
                    "in-force-not-committed",
                    f"version {in_force.version} of '{document.meta.title}' is recorded as in "
                    "force, but "
                    f"{BEFORE_GIT} is not committed yet, so there is no text of it to compare "
                    "changes with",
                    "commit the imported folder as one commit; that commit then stands for version "
                    f"{in_force.version}",
                )
            )
        vc = (vcs or {}).get(document.id) or version_control(document, history)
        if vc.review_overdue:
            found.append(
                Problem(
                    Location(f"{document.folder}/document.yaml"),
                    "warning",
                    "review-overdue",
                    f"the scheduled review of '{document.meta.title}' was due on "
                    f"{vc.scheduled_review}",
                    "review the document and record the new approval with policypress approve",
                )
            )
    return found


# -- recording an approval -------------------------------------------------------------------


def next_version(history: History, doc_id: str, major_change: bool = False) -> tuple[int, int]:
    approvals = history.approvals.get(doc_id, [])
    if not approvals:
        return 1, 0
    latest = approvals[-1]
    return (latest.major + 1, 0) if major_change else (latest.major, latest.minor + 1)


def early_approval(vc: VersionControl, date: str, tag: str) -> str:
    """The warning `approve` gives when the approval date is earlier than the latest change it
    approves (a mistyped date, or the wrong commit), else ""."""

    def long_date(iso: str) -> str:  # as render.common writes dates: "1 March 2026"
        day = datetime.date.fromisoformat(iso)
        return f"{day.day} {day:%B %Y}"

    latest = max((r.date for r in vc.rows if r.version == "Draft" and r.date), default="")
    if not latest or latest <= date:
        return ""
    return (
        f"policypress: warning: the approval date, {long_date(date)}, is earlier than the latest "
        f"change it approves, made on {long_date(latest)}. If the date is wrong, remove the "
        "approval "
        f"with 'git tag -d {tag}' and record it again with the right --date."
    )


def bump(version: str, major_change: bool) -> str:
    """The version after `version` ("1.0"; "" for none yet), as next_version numbers it."""
    if not re.fullmatch(r"[0-9]+\.[0-9]+", version):
        return "1.0"
    major, minor = (int(n) for n in version.split("."))
    return f"{major + 1}.0" if major_change else f"{major}.{minor + 1}"
