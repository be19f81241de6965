"""The approval tags: each `<doc-id>/vX.Y` tag read from git's list as an approval, checked
(annotated, on a commit of this branch, its fields whole, its date not ahead), one kept for each
version, and every commit linked to the first approval that contains it."""

from __future__ import annotations

import datetime
import re

from policypress import gitparse
from policypress.errors import Location, Problem
from policypress.history.found import Approval, History, HistoryError

TAG = re.compile(r"^(?P<doc>[a-z0-9-]+)/v(?P<major>[0-9]+)\.(?P<minor>[0-9]+)$")


def _problem(history: History, name: str, message: str, fix: str) -> None:
    history.problems.append(
        Problem(
            Location(f"tag {name}"),
            "error",
            "bad-approval-tag",
            f"the approval tag '{name}' {message}",
            fix,
        )
    )


def add_approvals(out: bytes, history: History) -> None:
    """The approvals the tags record (`out`: git for-each-ref's list), each tag that is not a
    sound approval named as a problem, and each commit linked to the approval it led to."""
    try:
        records = gitparse.parse_tags(out)
    except gitparse.GitOutputError as exc:
        raise HistoryError(
            f"git's list of tags could not be read ({exc}); please report this"
        ) from None
    for record in records:
        match = TAG.match(record.name)
        if not match:
            continue
        fields = gitparse.approval_fields(record.message)
        fault = _fault(record, fields, history)
        if fault is not None:
            _problem(history, record.name, *fault)
            continue
        approval = Approval(
            record.name,
            match["doc"],
            int(match["major"]),
            int(match["minor"]),
            record.target,
            fields.approved_by,
            fields.date,
            fields.minute,
        )
        history.approvals.setdefault(approval.doc_id, []).append(approval)
    for doc_id, approvals in history.approvals.items():
        _one_for_each_version(doc_id, approvals, history)
    link_approvals(history)


def _fault(
    record: gitparse.TagRecord, fields: gitparse.ApprovalFields, history: History
) -> tuple[str, str] | None:
    """What is wrong with an approval tag, and the fix; None for a sound one."""
    name = record.name
    remake = f"delete it (git tag -d {name}) and record the approval again with policypress approve"
    if record.kind != "tag":
        return "is a lightweight tag, so it records no approval", remake
    if record.target_kind != "commit":
        return f"points to a {record.target_kind or 'missing object'}, not a commit", remake
    if fields.problems:
        return (
            "; ".join(fields.problems),
            f"re-create it: git tag -d {name}, then policypress approve with --by and --date",
        )
    # the clock, not SOURCE_DATE_EPOCH: CI often sets that to the last commit's time, and an
    # approval is usually given days after the last change
    now = datetime.date.today()
    if (day := gitparse.real_date(fields.date)) is not None and day > now:
        return (
            f"has an Approval-date ({day.isoformat()}) later than today ({now.isoformat()})",
            f"delete it (git tag -d {name}), then record the "
            "approval with policypress approve and the real date (--date YYYY-MM-DD)",
        )
    if not history.shallow and record.target not in history.parents:
        return (
            f"is on commit {record.target[:12]}, which is not in the history "
            "of the checked-out branch",
            f"if it was made by mistake, delete it (git tag -d "
            f"{name}); else build from the branch that holds that commit",
        )
    return None


def _one_for_each_version(doc_id: str, approvals: list[Approval], history: History) -> None:
    """A document's approvals in version order, one for each version: two tags that record
    the same version are a problem, and the first (its own name first) is kept."""
    approvals.sort(key=lambda a: (a.major, a.minor, a.tag != f"{doc_id}/v{a.version}", a.tag))
    for same in gitparse.same_version([(a.tag, a.version) for a in approvals]):
        history.problems.append(
            Problem(
                Location(f"tag {same[0]}"),
                "error",
                "duplicate-approval-tag",
                f"the approval tags {' and '.join(repr(n) for n in same)} record the same "
                "version "
                f"of {doc_id}",
                "keep the right one and delete the rest: "
                + ", ".join(f"git tag -d {n}" for n in same[1:]),
            )
        )
    approvals[:] = [
        a for n, a in enumerate(approvals) if not n or approvals[n - 1].version != a.version
    ]


def link_approvals(history: History) -> None:
    """For each commit, the first approval whose tagged commit contains it (walking parents)."""
    parents = history.parents
    all_approvals = sorted(
        (a for items in history.approvals.values() for a in items),
        key=lambda a: (a.date, a.major, a.minor),
        reverse=True,
    )
    for approval in all_approvals:  # later approvals first, so earlier ones overwrite
        stack, seen = [approval.commit], set()
        while stack:
            sha = stack.pop()
            if sha in seen:
                continue
            seen.add(sha)
            history.led_to[f"{approval.doc_id}:{sha}"] = approval.version
            stack.extend(parents.get(sha, []))
