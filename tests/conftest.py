"""Shared test helpers: a small valid content folder that each test can break in one place."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

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


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `policypress` command as a user would, in `cwd`."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "policypress", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )
