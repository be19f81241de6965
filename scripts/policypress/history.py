"""The version-control table, read from git history. The only module that imports git.

Until the history reader lands, the table is filled from the document's metadata.
"""

from __future__ import annotations

import datetime
import os

from policypress.model import Document, VersionControl


def today() -> datetime.date:
    """The build's 'today': SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def version_control(document: Document) -> VersionControl:
    return VersionControl(
        version="Draft", approval_date="", approved_by=document.meta.approving_body,
        policy_owner=document.meta.policy_owner, scheduled_review="", review_overdue=False,
        rows=(), edition_date=today().isoformat())
