"""The version-control table, read from git history. The only package that runs git.

Git is read in a fixed number of processes whatever the history's length: one `git log` walk
(with a format string and the files each commit touched, renames detected), one
`git for-each-ref` for the approval tags and one `git status` for uncommitted edits. Commits are
assigned to documents by the folders they touched, following renamed folders.

Approvals are annotated tags `<doc-id>/v<major>.<minor>` whose message holds the approval:

    Approval of code-of-conduct version 1.0

    Approved-by: Cabinet
    Approval-date: 2026-12-01
    Minute: Cabinet, 1 Dec 2026, item 7
"""

from policypress.history.found import Approval, Commit, History, HistoryError, today
from policypress.history.read import (
    BEFORE_GIT,
    IGNORE_REVS,
    SHALLOW_HELP,
    UNCOMMITTED,
    read_history,
    read_soon,
)
from policypress.history.record import (
    adopt_in_force,
    early_approval,
    next_version,
    problems,
    version_control,
    with_significance,
)
from policypress.history.repo import (
    NotACommit,
    content_at,
    content_of_commit,
    record_approval,
    resolve_commit,
)
from policypress.history.tags import TAG

__all__ = [
    "BEFORE_GIT",
    "IGNORE_REVS",
    "SHALLOW_HELP",
    "TAG",
    "UNCOMMITTED",
    "Approval",
    "Commit",
    "History",
    "HistoryError",
    "NotACommit",
    "adopt_in_force",
    "content_at",
    "content_of_commit",
    "early_approval",
    "next_version",
    "problems",
    "read_history",
    "read_soon",
    "record_approval",
    "resolve_commit",
    "today",
    "version_control",
    "with_significance",
]
