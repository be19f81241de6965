"""Read `content/<doc-id>/history-before-git.yaml`: the version in force when a document was
brought into git and the rows of its old document controls sheet (usually written by
`policypress import`). The schema checks each value where it is; what the schema cannot say
(rows out of date order, a row dated after the version in force that claims to be older) is
reported here, with the line."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from policypress.errors import Problem
from policypress.gitparse import real_date
from policypress.load.yamlfile import YamlFile
from policypress.model import BeforeGit, InForce, Revision

HISTORY_FILE = "history-before-git.yaml"
SCHEMA = "history-before-git.schema.json"


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value: Any) -> str:
    """A real YYYY-MM-DD date, or "" (the schema has said what is wrong with anything else)."""
    return _s(value) if real_date(_s(value)) else ""


def read_before_git(folder: Path, read) -> tuple[BeforeGit | None, list[Problem]]:
    """The history from before git of the document in `folder`, or None when it has none.
    `read(path, schema)` is the loader's reader (it reports syntax and schema problems)."""
    path = folder / HISTORY_FILE
    if not path.is_file():
        return None, []
    file: YamlFile | None = read(path, SCHEMA)
    if file is None:
        return None, []
    data = file.data
    problems: list[Problem] = []
    in_force = _in_force(file, data.get("in-force"), problems)
    rows = _rows(file, data.get("rows") if isinstance(data.get("rows"), list) else [], problems)
    return BeforeGit(in_force, rows, file.where(data)), problems


def _in_force(file: YamlFile, record, problems: list[Problem]) -> InForce | None:
    """The version in force, when its version and approval date can be read and the date is
    not in the future (that is added to `problems`)."""
    in_force = None
    if (
        isinstance(record, dict)
        and re.fullmatch(r"[0-9]+\.[0-9]+", _s(record.get("version")))
        and (approved := real_date(_s(record.get("approval-date"))))
    ):
        in_force = InForce(
            _s(record.get("version")),
            approved,
            _s(record.get("approved-by")),
            real_date(_s(record.get("scheduled-review"))),
            _s(record.get("minute")),
        )
    if in_force is not None and in_force.approval_date > (now := datetime.date.today()):
        # the clock, not SOURCE_DATE_EPOCH, as for an approval tag (history/read.py)
        problems.append(
            Problem(
                file.where(record, key="approval-date"),
                "error",
                "history-future",
                f"the version in force is dated {in_force.approval_date.isoformat()}, later than "
                f"today ({now.isoformat()}): an approval cannot be in the future",
                "write the date it was approved, from the minutes of the meeting",
            )
        )
        in_force = None
    return in_force


def _rows(file: YamlFile, items: list, problems: list[Problem]) -> tuple[Revision, ...]:
    """The dated rows, newest first; a row out of order is added to `problems`."""
    rows = []
    previous = ""
    for index, row in enumerate(items):
        if not isinstance(row, dict) or not _date(row.get("date")):
            continue
        date = _date(row.get("date"))
        if previous and date > previous:
            problems.append(
                Problem(
                    file.where(items, index=index),
                    "error",
                    "history-order",
                    f"the row dated {date} comes after the row dated {previous}, but rows are "
                    "newest first",
                    "put the rows in order, the newest at the top, as the document controls "
                    "sheet was",
                )
            )
        previous = date
        rows.append(
            Revision(
                date,
                _s(row.get("version")),
                _s(row.get("summary")),
                _s(row.get("author")),
                _s(row.get("approver")),
            )
        )
    return tuple(rows)
