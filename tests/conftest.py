"""Shared test helpers: a small valid content folder that each test can break in one place."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# A frozen copy of the council's draft: tests that need its exact text use this, never the live
# content/, which policy owners edit and approve.
FROZEN = REPO / "tests" / "fixtures" / "code-of-conduct"

STANDARDS = """\
cih:
  title: CIH professional standards
  standards:
    - name: Integrity
      description: Be honest.
    - name: Ethical
      description: Be fair.
"""

DOCUMENT = """\
title: Example policy
organisation: Example Council
document-type: Policy
status: draft
policy-owner: Housing Services
approving-body: Cabinet
review-period: 3 years
applies-to: All housing staff.
summary: An example.
sections:
  - sections/one.yaml
"""

SECTION = """\
id: one
title: First section
standards:
  cih: [Integrity]
clauses:
  - id: first
    text: Staff must be honest.
  - id: second
    text: >-
      See [[first]] for more.
"""


def write_content(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write a valid content folder under `root`, with `files` added, replaced or (None) removed."""
    content = root / "content"
    base: dict[str, str | bytes | None] = {
        "standards.yaml": STANDARDS,
        "example/document.yaml": DOCUMENT,
        "example/sections/one.yaml": SECTION,
    }
    base.update(files or {})
    for name, text in base.items():
        if text is None:
            continue
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path)


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `policypress` command as a user would, in `cwd`."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "policypress", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


IDENTITY = {
    "GIT_AUTHOR_NAME": "Siân Öztürk",
    "GIT_AUTHOR_EMAIL": "sian@example.org",
    "GIT_COMMITTER_NAME": "Siân Öztürk",
    "GIT_COMMITTER_EMAIL": "sian@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


class Git:
    """A real git repository in a test folder, committing with a fixed identity and dates."""

    def __init__(self, root: Path):
        self.root = root
        self("init", "-q", "-b", "main")

    def __call__(
        self,
        *args: str,
        date: str = "2026-01-05T10:00:00+00:00",
        who: tuple[str, str] | None = None,
    ) -> str:
        env = {**os.environ, **IDENTITY, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        if who:
            env["GIT_AUTHOR_NAME"], env["GIT_AUTHOR_EMAIL"] = who
        return subprocess.run(
            ["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True
        ).stdout

    def commit(
        self,
        subject: str,
        summary: str = "",
        date: str = "2026-01-05T10:00:00+00:00",
        who: tuple[str, str] | None = None,
    ) -> str:
        self("add", "-A")
        message = subject + (f"\n\nChange-summary: {summary}" if summary else "")
        self("commit", "-q", "-m", message, date=date, who=who)
        return self("rev-parse", "HEAD").strip()

    def consult(self, date: str = "2026-02-20", doc: str = "example") -> str:
        """Record a closed tenant consultation on the text at HEAD, and commit it."""
        head = self("rev-parse", "HEAD").strip()
        record = self.root / "content" / doc / "consultations" / f"{date}-tenant-panel.yaml"
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(
            f"title: Tenant panel on the example policy\nopened: {date}\nclosed: {date}\n"
            "consulted: [Tenant panel]\nmethod: A meeting of the tenant panel\nresponses: 12\n"
            "summary: Tenants supported the changes.\nresponse: No changes were needed.\ncovers: "
            f'"{head}"\n',
            encoding="utf-8",
        )
        return self.commit("Record the tenant panel consultation", date=f"{date}T12:00:00+00:00")
