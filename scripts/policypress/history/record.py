"""The approval record: the version-control table every output shows, built from what git
says (history.read) and the history from before git."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable

from policypress.errors import Location, Problem
from policypress.history.read import BEFORE_GIT, UNCOMMITTED, Approval, History, _versions, today
from policypress.model import Document, Revision, VersionControl


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
        approvals.append(Approval(sha[:12], document.id, major, minor, sha,
                                  in_force.approved_by or document.meta.approving_body,
                                  in_force.approval_date, in_force.minute, imported=True))
        approvals.sort(key=lambda a: (a.major, a.minor))
        adopted = True
    if adopted:
        history.led_to.clear()
        _versions(history)


def version_control(document: Document, history: History | None = None) -> VersionControl:
    """The table every output shows, from the same function: git's rows, newest first, then the
    rows from before git (history-before-git.yaml)."""
    history = history or History(False, "")
    meta = document.meta
    before = document.before_git
    in_force = before.in_force if before else None
    approvals = history.approvals.get(document.id, [])
    latest = approvals[-1] if approvals else None
    by_version = {a.version: a for a in approvals}
    rows: list[Revision] = []
    if document.id in history.dirty:
        rows.append(Revision(today().isoformat(), "Draft", UNCOMMITTED, "—", ""))
    changes = history.changes.get(document.id, [])
    for change in changes:
        version = history.led_to.get(f"{document.id}:{change.sha}", "")
        approval = by_version.get(version)
        rows.append(Revision(change.date, version or "Draft", change.summary, change.author,
                             approval.approved_by if approval else ""))
    if before:
        rows += before.rows
    if latest:
        version, approved_on, approved_by = latest.version, latest.date, latest.approved_by
    elif in_force:  # not committed yet, or no git: the record still says what is in force
        version, approved_on = in_force.version, in_force.approval_date
        approved_by = in_force.approved_by or meta.approving_body
    else:
        version, approved_on, approved_by = "Draft", "", meta.approving_body
    review_date = _add_period(datetime.date.fromisoformat(approved_on), meta.review_period) if approved_on else None
    if in_force and in_force.scheduled_review and version == in_force.version:
        review_date = datetime.date.fromisoformat(in_force.scheduled_review)
    # Dated by SOURCE_DATE_EPOCH when set; else by the last change, so rebuilds are identical.
    if os.environ.get("SOURCE_DATE_EPOCH") or document.id in history.dirty or not changes:
        edition = today()
    else:
        edition = datetime.date.fromisoformat(changes[0].date)
    return VersionControl(
        version=version, approval_date=approved_on, approved_by=approved_by,
        policy_owner=meta.policy_owner,
        scheduled_review=review_date.isoformat() if review_date else "",
        review_overdue=bool(review_date and review_date < today()),
        rows=tuple(rows), edition_date=edition.isoformat(), notice=history.notice)


def problems(history: History, documents: Iterable[Document], content: str) -> list[Problem]:
    """What `policypress check` reports about history: bad tags, overdue reviews, no history."""
    found = list(history.problems)
    if not history.available:
        found.append(Problem(Location(content), "warning", "no-history", history.notice,
                             "build from a git clone of the repository to show the version history"))
    if history.shallow:
        found.append(Problem(Location(content), "warning", "shallow-clone", history.notice,
                             "run 'git fetch --unshallow' for the whole history"))
    for document in documents:
        in_force = document.before_git.in_force if document.before_git else None
        if in_force and history.available and document.id not in history.imports:
            found.append(Problem(
                Location(f"{document.folder}/{BEFORE_GIT}"), "warning", "in-force-not-committed",
                f"version {in_force.version} of '{document.meta.title}' is recorded as in force, but "
                f"{BEFORE_GIT} is not committed yet, so there is no text of it to compare changes with",
                "commit the imported folder as one commit; that commit then stands for version "
                f"{in_force.version}"))
        vc = version_control(document, history)
        if vc.review_overdue:
            found.append(Problem(
                Location(f"{document.folder}/document.yaml"), "warning", "review-overdue",
                f"the scheduled review of '{document.meta.title}' was due on {vc.scheduled_review}",
                "review the document and record the new approval with policypress approve"))
    return found


# -- recording an approval -------------------------------------------------------------------

def next_version(history: History, doc_id: str, major_change: bool = False) -> tuple[int, int]:
    approvals = history.approvals.get(doc_id, [])
    if not approvals:
        return 1, 0
    latest = approvals[-1]
    return (latest.major + 1, 0) if major_change else (latest.major, latest.minor + 1)
