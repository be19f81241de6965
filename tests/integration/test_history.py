"""The version-control table from real git repositories built in the test's own folder."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from pdfminer.high_level import extract_text

from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}  # 19 November 2026


def _history(repo: Path, *extra: str) -> dict:
    result = run_cli("history", "example", "--format", "json", *extra, cwd=repo, env=TODAY)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def repo(tmp_path: Path) -> Git:
    """A repository with two commits to the example document."""
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit(
        "Add the example policy", "First draft of the policy.", date="2026-01-05T10:00:00+00:00"
    )
    write_content(
        tmp_path, {"example/sections/one.yaml": SECTION.replace("honest.", "honest and fair.")}
    )
    git.commit(
        "Say staff must be fair",
        date="2026-02-10T09:30:00+00:00",
        who=("Ana Núñez", "ana@example.org"),
    )
    return git


def test_rows_come_from_one_walk_newest_first(repo: Git):
    table = _history(repo.root)
    assert [(r["date"], r["summary"], r["author"], r["version"]) for r in table["rows"]] == [
        ("2026-02-10", "Say staff must be fair", "Ana Núñez", "Draft"),
        ("2026-01-05", "First draft of the policy.", "Siân Öztürk", "Draft"),
    ]
    assert table["approval_date"] is None and table["version"] == "Draft"
    markdown = run_cli("history", "example", cwd=repo.root, env=TODAY).stdout
    assert "| Status | Not yet approved |" in markdown
    csv = run_cli("history", "example", "--format", "csv", cwd=repo.root, env=TODAY).stdout
    assert csv.splitlines()[0] == "version,approved_on,approved_by,minute,changes"


def test_approval_is_a_tag_and_versions_the_rows_it_covers(repo: Git):
    refused = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=repo.root, env=TODAY
    )
    assert refused.returncode == 1
    assert "no closed tenant consultation covers" in refused.stderr
    repo.consult()
    result = run_cli(
        "approve",
        "example",
        "--by",
        "Cabinet",
        "--date",
        "2026-03-01",
        "--minute",
        "Cabinet, 1 Mar 2026, item 7",
        cwd=repo.root,
        env=TODAY,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Recorded the approval of example version 1.0 by Cabinet on 1 March 2026 as tag "
        "example/v1.0. Share it with: git push origin example/v1.0"
    )
    message = repo("tag", "-l", "--format=%(contents)", "example/v1.0")
    assert (
        "Approved-by: Cabinet\nApproval-date: 2026-03-01\nMinute: Cabinet, 1 Mar 2026, item 7"
        in message
    )
    write_content(
        repo.root, {"example/sections/one.yaml": SECTION.replace("honest.", "honest and fiar.")}
    )
    repo.commit("Fix a typo", "Corrected the spelling of 'fair'.", date="2026-04-02T12:00:00+00:00")
    table = _history(repo.root)
    assert [
        (r["version"], r["approver"]) for r in table["rows"]
    ] == [  # not the consultation's record
        ("Draft", ""),
        ("1.0", "Cabinet"),
        ("1.0", "Cabinet"),
    ]
    assert (table["version"], table["approval_date"], table["approved_by"]) == (
        "1.0",
        "2026-03-01",
        "Cabinet",
    )
    assert table["scheduled_review"] == "2029-03-01"  # 3 years after approval
    assert table["review_overdue"] is False
    second = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-05-01", cwd=repo.root, env=TODAY
    )
    assert second.returncode == 0, second.stderr
    assert "version 1.1" in second.stdout  # editorial changes only: a minor version


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            ["--date", "2027-01-01"],
            1,
            "policypress: error: the approval date 2027-01-01 is in the future: "
            "record an approval on or after the day it was made",
        ),
        (
            ["--date", "1/3/2026"],
            2,
            "policypress: usage error: --date '1/3/2026' is not a date: write it "
            "as YYYY-MM-DD, e.g. 2026-12-01",
        ),
    ],
    ids=["future-date", "not-a-date"],
)
def test_approve_refuses_bad_dates(repo: Git, args, code, message):
    result = run_cli("approve", "example", "--by", "Cabinet", *args, cwd=repo.root, env=TODAY)
    assert (result.returncode, result.stderr.strip()) == (code, message)


def test_approve_refuses_uncommitted_changes_failing_checks_and_repeats(repo: Git):
    write_content(repo.root, {"example/sections/one.yaml": SECTION.replace("honest.", "open.")})
    dirty = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=repo.root, env=TODAY
    )
    assert dirty.returncode == 1
    assert dirty.stderr.strip() == (
        "policypress: error: content/example/ has uncommitted changes: "
        "commit them (with a Change-summary: line) so the approval covers "
        "exactly that text"
    )
    write_content(
        repo.root, {"example/sections/one.yaml": SECTION.replace("honest.", "<insert duty>.")}
    )
    repo.commit("Leave a placeholder")
    failing = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=repo.root, env=TODAY
    )
    assert failing.returncode == 1
    assert (
        "content/example: error: example cannot be approved until 'policypress check --strict' "
        "passes for it" in failing.stderr
    )
    assert failing.stderr.strip().endswith(
        "no approval of example was recorded (fix them and run again)"
    )
    write_content(repo.root, {"example/sections/one.yaml": SECTION})
    repo.commit("Fill in the placeholder")
    repo.consult()
    assert (
        run_cli(
            "approve",
            "example",
            "--by",
            "Cabinet",
            "--date",
            "2026-03-01",
            cwd=repo.root,
            env=TODAY,
        ).returncode
        == 0
    )
    again = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-02", cwd=repo.root, env=TODAY
    )
    assert again.returncode == 1
    assert "already approved: tag example/v1.0 covers every change" in again.stderr
    assert "Traceback" not in again.stderr


def test_ignored_revisions_mailmap_and_uncommitted_edits(repo: Git):
    reflowed = SECTION.replace("honest.", "honest and fair.").replace("clauses:", "\nclauses:")
    write_content(repo.root, {"example/sections/one.yaml": reflowed})
    reformat = repo.commit("Reflow the lines", date="2026-02-11T09:00:00+00:00")
    (repo.root / "content" / ".policypress-ignore-revs").write_text(
        f"# reformatting\n{reformat[:12]}\n"
    )
    (repo.root / ".mailmap").write_text(
        "Ana Núñez-García <ana@example.org> Ana Núñez <ana@example.org>\n"
    )
    write_content(repo.root, {"example/sections/one.yaml": SECTION.replace("honest.", "brave.")})
    rows = _history(repo.root)["rows"]
    assert [r["summary"] for r in rows] == [
        "Draft — uncommitted changes",
        "Say staff must be fair",
        "First draft of the policy.",
    ]
    assert rows[1]["author"] == "Ana Núñez-García"


def test_detached_head_merges_and_a_renamed_document(repo: Git):
    repo("checkout", "-q", "-b", "feature")
    write_content(
        repo.root, {"example/sections/one.yaml": SECTION.replace("honest.", "honest and open.")}
    )
    repo.commit("Add openness", date="2026-02-12T09:00:00+00:00")
    repo("checkout", "-q", "main")
    repo(
        "merge",
        "-q",
        "--no-ff",
        "feature",
        "-m",
        "Merge the openness change",
        date="2026-02-13T09:00:00+00:00",
    )
    repo("mv", "content/example", "content/renamed")
    repo.commit("Rename the folder", date="2026-02-14T09:00:00+00:00")
    repo("checkout", "-q", "--detach", "HEAD")
    result = run_cli("history", "renamed", "--format", "json", cwd=repo.root, env=TODAY)
    assert result.returncode == 0, result.stderr
    summaries = [r["summary"] for r in json.loads(result.stdout)["rows"]]
    assert summaries == [
        "Rename the folder",
        "Add openness",
        "Say staff must be fair",
        "First draft of the policy.",
    ]


def test_a_document_with_no_commits_yet(repo: Git):
    write_content(
        repo.root, {"second/document.yaml": DOCUMENT, "second/sections/one.yaml": SECTION}
    )
    result = run_cli("history", "second", "--format", "json", cwd=repo.root, env=TODAY)
    table = json.loads(result.stdout)
    assert [r["summary"] for r in table["rows"]] == ["Draft — uncommitted changes"]
    assert table["approval_date"] is None


def test_a_malformed_approval_tag_is_named(repo: Git):
    repo("tag", "-a", "example/v1.0", "-m", "Approved at some point")
    result = run_cli("build", cwd=repo.root, env=TODAY)
    assert result.returncode == 1
    assert (
        "tag example/v1.0: error: the approval tag 'example/v1.0' has no Approved-By or "
        "Approval-Date line in its message"
    ) in result.stderr


def test_shallow_clone_stops_the_build_unless_allowed(repo: Git, tmp_path: Path):
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    stopped = run_cli("build", cwd=clone, env=TODAY)
    assert stopped.returncode == 1
    assert "shallow clone" in stopped.stderr and "git fetch --unshallow" in stopped.stderr
    assert "fetch-depth: 0" in stopped.stderr
    allowed = run_cli("build", "--allow-shallow", cwd=clone, env=TODAY)
    assert allowed.returncode == 0, allowed.stderr
    docx = open_docx(clone / "build" / "example" / "example.docx")
    assert any("may be incomplete" in p.text for p in docx.paragraphs)


def test_not_a_repository_builds_with_a_notice_and_strict_fails(tmp_path: Path):
    write_content(tmp_path)
    assert run_cli("build", cwd=tmp_path, env=TODAY).returncode == 0
    docx = open_docx(tmp_path / "build" / "example" / "example.docx")
    assert any(p.text.startswith("History unavailable") for p in docx.paragraphs)
    assert run_cli("check", "--strict", cwd=tmp_path, env=TODAY).returncode == 1


def test_overdue_review_and_the_same_table_in_every_output(repo: Git):
    write_content(
        repo.root,
        {
            "example/document.yaml": DOCUMENT + "  - sections/vc.yaml\n",
            "example/sections/vc.yaml": "id: version-control\ntitle: Version control\nkind: "
            "version-control\n",
        },
    )
    repo.commit("Add the version-control section", date="2026-02-10T09:40:00+00:00")
    repo.consult(date="2022-05-01")
    assert (
        run_cli(
            "approve",
            "example",
            "--by",
            "Cabinet",
            "--date",
            "2022-06-01",
            cwd=repo.root,
            env=TODAY,
        ).returncode
        == 0
    )
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert (
        "content/example/document.yaml: warning: the scheduled review of 'Example policy' was "
        "due on 2025-06-01"
    ) in check.stdout
    assert run_cli("build", cwd=repo.root, env=TODAY).returncode == 0
    docx = open_docx(repo.root / "build" / "example" / "example.docx")
    fields = {r.cells[0].text: r.cells[1].text for r in docx.tables[0].rows[1:]}
    assert fields["Approval date"] == "1 June 2022"
    assert fields["Scheduled review"] == "1 June 2025 (overdue)"
    rows = [[c.text for c in r.cells] for r in docx.tables[1].rows[1:]]
    assert rows == [
        [
            "1.0",
            "1 June 2022",
            "Cabinet",
            "",
            "\n".join(
                [
                    "10 February 2026: Add the version-control section (Siân Öztürk)",
                    "10 February 2026: Say staff must be fair (Ana Núñez)",
                    "5 January 2026: First draft of the policy. (Siân Öztürk)",
                ]
            ),
        ]
    ]
    pdf = " ".join(extract_text(repo.root / "build" / "example" / "example.pdf").split())
    assert "1 June 2025 (overdue)" in pdf
    assert "10 February 2026: Say staff must be fair (Ana Núñez)" in pdf
