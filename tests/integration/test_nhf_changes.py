"""Issue #15's change descriptions on the NHF-model fixture (tests/fixtures/nhf-model): lettered
principles whose provisions sit under unnumbered "Provisions" headings, and an appendix with
1. / a) / i. items. Each change must be labelled as the document prints it ("B3", "Appendix 1,
paragraph 1(a)(i)"), under the numbered heading a reader finds it by, never as a "Clause"."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from docx import Document as open_docx

from tests.conftest import IDENTITY, REPO, Git, run_cli

FIXTURE = REPO / "tests" / "fixtures" / "nhf-model"
DOC = "nhf-code"
TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}


def _edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture(scope="module")
def proposed(tmp_path_factory) -> Git:
    """Version 1.0 approved after a consultation; then a change to B3 and to Appendix 1,
    paragraph 1(a)(i), with a Change-summary, built."""
    root = tmp_path_factory.mktemp("nhf-changes")
    shutil.copytree(FIXTURE, root / "content")
    git = Git(root)
    git.commit("Add the code", "First draft of the code.", date="2026-01-05T10:00:00+00:00")
    git.consult(date="2026-02-01", doc=DOC)
    approved = run_cli(
        "approve", DOC, "--by", "Board", "--date", "2026-03-01", "--minute",
        "Board, 1 March 2026, item 4", cwd=root, env=TODAY,
    )  # fmt: skip
    assert approved.returncode == 0, approved.stdout + approved.stderr
    sections = root / "content" / DOC / "sections"
    _edit(
        sections / "openness.yaml",
        "records of the advice they give.",
        "records of the advice they give for at least six years.",
    )
    _edit(
        sections / "connected-persons.yaml",
        "or someone they live with as a couple;",
        "or anyone they live with as a partner;",
    )
    _edit(
        sections / "conflicts.yaml",
        "Staff members declare the same interests",
        "Staff members declare in writing the same interests",
    )
    git.commit("Keep records longer", "Staff keep records of their advice for six years.",
               date="2026-04-01T10:00:00+00:00")  # fmt: skip
    built = run_cli("build", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    return git


def test_changes_are_labelled_as_the_document_prints_them(proposed: Git):
    result = run_cli("diff", DOC, "--format", "json", cwd=proposed.root, env=TODAY)
    assert result.returncode == 0, result.stderr
    found = {c["id"]: (c["where"], c["heading"]) for c in json.loads(result.stdout)["changes"]}
    assert found == {
        # under the principle's heading, not the unnumbered "Provisions" heading it sits in
        "staff-records": ("B3", "B Openness and accountability"),
        "staff-declare": ("D3", "D Conflicts of interest"),
        # as the document cites it: "see Appendix 1, paragraph 1(a)"
        "family-partner": ("Appendix 1, paragraph 1(a)(i)", "Appendix 1 Connected persons"),
    }


def test_no_output_calls_a_provision_a_clause(proposed: Git):
    log = (proposed.root / "build" / DOC / "changes.md").read_text("utf-8")
    assert "## 1. B3\n" in log
    assert "## 3. Appendix 1, paragraph 1(a)(i) (“" in log
    page = (proposed.root / "build" / "site" / DOC / "changes" / "index.html").read_text("utf-8")
    check = run_cli("check", cwd=proposed.root, env=TODAY).stdout
    assert "(B3; D3; Appendix 1, paragraph 1(a)(i))" in check
    for text in (log, page, check):
        assert not re.search(r"\b[Cc]lause\b", text)


def test_cabinet_summary_names_the_principle_under_where(proposed: Git):
    cabinet = open_docx(proposed.root / "build" / DOC / f"{DOC}.docx")
    summary = next(t for t in cabinet.tables if t.rows[0].cells[0].text == "Where")
    where = [[p.text for p in row.cells[0].paragraphs] for row in summary.rows[1:]]
    assert where == [
        ["B3", "B Openness and accountability"],
        ["D3", "D Conflicts of interest"],
        ["Appendix 1, paragraph 1(a)(i)", "Appendix 1 Connected persons"],
    ]


def test_home_page_last_change_is_a_change_to_the_text(proposed: Git):
    # the last change is the proposal's (issue 23), and the commit that only records the
    # consultation is not a change to the text
    home = (proposed.root / "build" / "site" / "index.html").read_text("utf-8")
    assert "1 April 2026: Staff keep records of their advice for six years." in home
    assert "Record the tenant panel consultation" not in home


def test_why_it_matters_says_added_once(proposed: Git):
    log = (proposed.root / "build" / DOC / "changes.md").read_text("utf-8")
    assert "- What changes: “in writing” added.\n" in log
    assert "- Why it matters: What it asks of staff may change: read the new wording.\n" in log
    assert log.count("in writing”") == 1
