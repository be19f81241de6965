"""What the history holds: the approvals, the commits that touched each document and what
they led to, and the problems met reading them. read.py fills it from git."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from policypress.errors import PolicyPressError, Problem


class HistoryError(PolicyPressError):
    """Git history cannot be read as it must be (shallow clone, malformed approval tag)."""


def today() -> datetime.date:
    """The build's 'today': SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


@dataclass(frozen=True)
class Approval:
    tag: str
    doc_id: str
    major: int
    minor: int
    commit: str
    approved_by: str
    date: str  # ISO
    minute: str = ""
    imported: bool = False  # the version in force when the document was imported (no tag)

    @property
    def version(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def label(self) -> str:
        """How messages name it: "version 1.0 (code/v1.0)"."""
        if self.imported:
            return f"version {self.version} (in force when imported, commit {self.tag})"
        return f"version {self.version} ({self.tag})"


@dataclass(frozen=True)
class Commit:
    """A commit that touched a document's folder."""

    sha: str
    date: str  # ISO date of authorship
    author: str
    summary: str
    trailer: str = (
        ""  # the commit's own Change-summary, "" when it has none (summary is then its subject)
    )


@dataclass
class History:
    """What git says about every document under the content folder."""

    available: bool
    notice: str = ""  # why history is unavailable or may be incomplete
    shallow: bool = False
    changes: dict[str, list[Commit]] = field(default_factory=dict)  # doc id -> newest first
    approvals: dict[str, list[Approval]] = field(default_factory=dict)  # doc id -> oldest first
    # "doc:commit" -> first approval containing it
    led_to: dict[str, str] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)  # commit -> its parents
    dirty: set[str] = field(default_factory=set)  # doc ids with uncommitted edits
    imports: dict[str, str] = field(default_factory=dict)  # doc id -> commit adding history file
    # "doc:commit" that only record a consultation or decision
    events: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
