"""Problems found in content, and the errors policypress raises.

A `Problem` is something wrong (or worth a look) at a place in a source file. The loader and the
validator collect every problem rather than stopping at the first, so a policy owner can fix a file
in one pass. Only `cli.py` turns them into output and exit codes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


# "error" stops a build; "warning" is shown and may be accepted in decisions.yaml ("accepted");
# "advice" is a plain-English suggestion.
Severity = Literal["error", "warning", "advice", "accepted"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, with where it is and how to fix it."""

    location: Location
    severity: Severity
    code: str  # short stable identifier, e.g. "unknown-key"
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class PolicyPressError(Exception):
    """An error we expect and can explain: printed as one line, exit code 1."""


class ContentError(PolicyPressError):
    """The content has errors; `problems` holds every one found. The command line names the
    `command` that stopped and the `document` it was run on, for the closing message."""

    command: str = ""
    document: str | None = None

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the content")


class UsageError(PolicyPressError):
    """The command was called wrongly: exit code 2."""


# SOURCE_DATE_EPOCH: whole seconds since 1970, up to 2**32 - 1 (7 February 2106), the last time
# the gzip header of sitemap.xml.gz can carry.
LAST_EPOCH = 2**32 - 1


def check_environment() -> None:
    """Refuse a SOURCE_DATE_EPOCH the build cannot use, before anything reads it."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value == "":  # set but empty means unset here; MkDocs would fail on it (int(''))
        del os.environ["SOURCE_DATE_EPOCH"]
    if not value:
        return
    number = value.strip()
    if not (number.isascii() and number.isdigit()) or int(number) > LAST_EPOCH:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise UsageError(
            f"the environment variable SOURCE_DATE_EPOCH is {shown!r}, which is not a "
            "time policypress can use (set it to a whole number of seconds since "
            f"1 January 1970, from 0 to {LAST_EPOCH}, e.g. the time of the last "
            "commit: git log -1 --format=%ct; or unset it to use today's date)"
        )


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a policy owner would type it: relative to the working folder when possible."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class RenderError(PolicyPressError):
    """A tool behind a renderer (typst, pandoc, mkdocs) failed; its own message is kept."""
