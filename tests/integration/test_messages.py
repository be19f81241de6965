"""Messages that tell the truth: what the build says about warnings, what --strict calls them, how
the change log names changes, and what is said about decisions, moves and consultation records."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import IDENTITY, REPO, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}  # 19 November 2026
PLACEHOLDER = SECTION.replace("Staff must be honest.", "Staff must tell <insert roles / group>.")


def test_build_says_how_many_warnings_and_how_to_list_them(tmp_path: Path):
    write_content(tmp_path, {"example/sections/one.yaml": PLACEHOLDER})
    checked = run_cli("check", "--format", "json", cwd=tmp_path, env=TODAY)
    warnings = [p for p in json.loads(checked.stdout) if p["severity"] == "warning"]
    assert len(warnings) >= 2  # the placeholder, and no history outside git
    built = run_cli("build", "--only", "docx", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stderr
    assert f"{len(warnings)} warning(s): run 'policypress check' to list them" in built.stdout
    # a whole build, then a build with nothing changed, still says so
    assert run_cli("build", cwd=tmp_path, env=TODAY).returncode == 0
    again = run_cli("build", cwd=tmp_path, env=TODAY)
    assert "is up to date" in again.stdout
    assert f"{len(warnings)} warning(s): run 'policypress check' to list them" in again.stdout


def test_build_strict_calls_the_problems_that_stop_it_errors(tmp_path: Path):
    write_content(tmp_path, {"example/sections/one.yaml": PLACEHOLDER})
    strict = run_cli("build", "--strict", cwd=tmp_path, env=TODAY)
    assert strict.returncode == 1
    lines = strict.stderr.strip().splitlines()
    assert any(
        re.search(r"one\.yaml:7:\d+: error: placeholder '<insert roles / group>'", line)
        for line in lines
    )
    assert not any(": warning: " in line for line in lines)
    errors = len(lines) - 1
    assert (
        lines[-1]
        == f"policypress: {errors} error(s) in the content; nothing was built (fix them and run "
        "again)"
    )
    # the same problems, called the same, as check --strict
    check = run_cli("check", "--strict", cwd=tmp_path, env=TODAY)
    assert check.stdout.splitlines()[:-1] == lines[:-1]


def test_diff_markdown_names_each_change_as_readers_cite_it_and_json_keeps_the_id(tmp_path: Path):
    old = write_content(tmp_path / "old")
    new = write_content(
        tmp_path / "new",
        {"example/sections/one.yaml": SECTION.replace("honest.", "honest and fair.")},
    )
    result = run_cli(
        "diff", "example", "--from-path", str(old), "--to-path", str(new), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "## 1. Clause 1.1\n\n- What changes: “and fair” added." in result.stdout
    assert "`first`" not in result.stdout
    data = run_cli(
        "diff",
        "example",
        "--from-path",
        str(old),
        "--to-path",
        str(new),
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert '"id": "first"' in data.stdout


SUBSECTIONS = """\
id: one
title: Who the code covers
sections:
  - id: staff
    title: Staff members
    clauses:
      - id: gifts
        text: Staff must refuse gifts.
      - id: records
        text: Staff must keep records.
  - id: involved
    title: Involved customers
    clauses:
      - id: meetings
        text: Involved customers must declare interests at meetings.
"""


def test_a_move_names_both_places_by_number_and_title(tmp_path: Path):
    old = write_content(tmp_path / "old", {"example/sections/one.yaml": SUBSECTIONS})
    moved = SUBSECTIONS.replace(
        """      - id: gifts
        text: Staff must refuse gifts.
""",
        "",
    ).replace(
        """    clauses:
      - id: meetings""",
        """    clauses:
      - id: gifts
        text: Staff must refuse gifts.
      - id: meetings""",
    )
    new = write_content(tmp_path / "new", {"example/sections/one.yaml": moved})
    result = run_cli(
        "diff",
        "example",
        "--from-path",
        str(old),
        "--to-path",
        str(new),
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    change = next(c for c in json.loads(result.stdout)["changes"] if c["id"] == "gifts")
    assert change["kind"] == "moved"
    assert change["reasons"] == [
        ("moved from 1.1 Staff members to 1.2 Involved customers: it may now apply differently")
    ]


def test_a_decision_on_an_id_that_does_not_exist_says_so(tmp_path: Path):
    write_content(
        tmp_path,
        {
            "example/decisions.yaml": """\
- clause: frist
  fingerprint: 3f9a1c0b2d4e
  decision: editorial
  reason: A typo.
  by: Head of Housing Services
"""
        },
    )
    result = run_cli("check", cwd=tmp_path, env=TODAY)
    line = next(x for x in result.stdout.splitlines() if "decisions.yaml" in x)
    assert line.startswith(
        "content/example/decisions.yaml:1:3: warning: the part 'frist' does not exist in example"
    )
    assert "did you mean 'first'?" in line and "check the id" in line
    assert "no longer applies" not in line


def test_the_manual_quotes_covers_and_an_all_digit_revision_works(tmp_path: Path):
    readme = (REPO / "docs" / "changes-and-consultation.md").read_text("utf-8")
    assert re.search(r'^covers: "[0-9a-f]+"', readme, re.MULTILINE)
    assert not re.search(r"^covers: [0-9a-f]", readme, re.MULTILINE)

    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First draft.")
    git("tag", "1234567")  # a revision YAML would read as a number
    record = (
        "title: Tenant panel\nopened: 2026-02-01\nclosed: 2026-02-20\nconsulted: [Tenant panel]\n"
        "method: A meeting\ncovers: {}\n"
    )
    write_content(
        tmp_path, {"example/consultations/2026-02-01-panel.yaml": record.format("1234567")}
    )
    bare = run_cli("check", cwd=tmp_path, env=TODAY)
    assert bare.returncode == 1
    assert (
        "content/example/consultations/2026-02-01-panel.yaml:6:9: error: 'covers' should be text, "
        "but it is the number 1234567 (put it in quotes, so that it is read as text: "
        'covers: "1234567")'
    ) in bare.stdout
    write_content(
        tmp_path, {"example/consultations/2026-02-01-panel.yaml": record.format('"1234567"')}
    )
    git.commit("Record the consultation", date="2026-02-21T10:00:00+00:00")
    quoted = run_cli("diff", "example", "--format", "json", cwd=tmp_path, env=TODAY)
    assert quoted.returncode == 0, quoted.stderr
    report = json.loads(quoted.stdout)
    assert report["consultation_required"] is False
    assert report["consultation"]["covers"] == "1234567"
