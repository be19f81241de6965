"""The approval record (issue 15, items 3 and 4): one row per version with its approval and minute,
the changes it approved beneath it, consultation records left out, and a proposal labelled as the
version it would become, in the PDF, the Word file, the site and `history`."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pikepdf
import pytest
from docx import Document as open_docx

from tests.conftest import DOCUMENT, SECTION, Git, run_cli, write_content
from tests.pdftags import tagged_texts

TODAY = {"SOURCE_DATE_EPOCH": "1795000000"}  # 19 November 2026
VC = {
    "example/document.yaml": DOCUMENT + "  - sections/vc.yaml\n",
    "example/sections/vc.yaml": "id: version-control\ntitle: Version control\nkind: "
    "version-control\n",
}
HEADER = ["Version", "Approved on", "Approved by", "Minute", "Changes"]
PROPOSAL = "Proposed version 3.0 — changes to version 2.0 (in force since 3 March 2026)"
# The record every output must show, newest first: (version, approved on, by, minute, changes).
RECORD = [
    [
        "Proposed version 3.0",
        "Not yet approved",
        "",
        "",
        ["10 April 2026: Staff should now be brave as well as honest and fair. (Siân Öztürk)"],
    ],
    [
        "2.0 (in force)",
        "3 March 2026",
        "Cabinet",
        "Cabinet, 3 Mar 2026, item 9",
        ["2 March 2026: Staff must be fair as well as honest. (Siân Öztürk)"],
    ],
    [
        "1.0",
        "1 February 2026",
        "Cabinet",
        "Cabinet, 1 Feb 2026, item 4",
        ["5 January 2026: First draft of the policy. (Siân Öztürk)"],
    ],
]


def _approve(git: Git, date: str, minute: str) -> None:
    result = run_cli(
        "approve",
        "example",
        "--by",
        "Cabinet",
        "--date",
        date,
        "--minute",
        minute,
        cwd=git.root,
        env=TODAY,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no warning: each approval is dated after what it approves


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Git:
    """Two approvals with minutes, each after a tenant consultation (its own commit), then a
    proposed significant change with a Change-summary, also consulted on, and a build."""
    root = tmp_path_factory.mktemp("record")
    write_content(root, VC)
    git = Git(root)
    git.commit(
        "Add the example policy", "First draft of the policy.", date="2026-01-05T10:00:00+00:00"
    )
    git.consult(date="2026-01-20")
    _approve(git, "2026-02-01", "Cabinet, 1 Feb 2026, item 4")
    write_content(
        root, {**VC, "example/sections/one.yaml": SECTION.replace("honest.", "honest and fair.")}
    )
    git.commit(
        "Add fairness", "Staff must be fair as well as honest.", date="2026-03-02T12:00:00+00:00"
    )
    git.consult(date="2026-03-02")
    _approve(git, "2026-03-03", "Cabinet, 3 Mar 2026, item 9")
    write_content(
        root,
        {
            **VC,
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "Staff should be honest, fair and brave at all times."
            ),
        },
    )
    git.commit(
        "Soften the duty",
        "Staff should now be brave as well as honest and fair.",
        date="2026-04-10T12:00:00+00:00",
    )
    git.consult(date="2026-04-20")
    built = run_cli("build", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stderr
    return git


def _pdf_record(path: Path) -> list[list]:
    """The rows of the PDF's document controls sheet, read from its tags: each row's cells, the
    last one the texts of its list items."""
    tags = tagged_texts(path)
    start = next(n for n, (tag, text) in enumerate(tags) if tag == "TH" and text == "Minute")
    rows: list[list] = []
    for tag, text in tags[start:]:
        if tag in ("H1", "H2", "H3", "Table"):
            break
        if tag == "TR":
            rows.append([])
        elif tag == "TD" and rows:
            rows[-1].append(text)
        elif tag == "LBody" and rows:
            if not isinstance(rows[-1][-1], list):
                rows[-1][-1] = []
            rows[-1][-1].append(text)
    return rows


def test_the_pdf_shows_each_approval_with_its_minute_and_leaves_the_consultations_out(repo: Git):
    pdf = repo.root / "build/example/example.pdf"
    assert _pdf_record(pdf) == RECORD
    texts = [text for _, text in tagged_texts(pdf)]
    assert not any("tenant panel consultation" in text for text in texts)
    assert ["Version", PROPOSAL] in [texts[n : n + 2] for n in range(len(texts) - 1)]  # the cover
    with pikepdf.open(pdf) as opened:
        assert (
            opened.open_metadata().get("dc:title")
            == "Example policy – proposed version 3.0 (not yet approved)"
        )


def test_the_word_file_has_a_version_column_and_the_minutes(repo: Git):
    docx = open_docx(repo.root / "build/example/example.docx")
    table = next(t for t in docx.tables if [c.text for c in t.rows[0].cells] == HEADER)
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows == [[*row[:4], "\n".join(row[4])] for row in RECORD]
    cover = [p.text for p in docx.paragraphs if p.style.name == "Cover Detail"]
    assert cover[:2] == [f"Version: {PROPOSAL}", "Status: Not yet approved"]
    fields = next(t for t in docx.tables if "Version in force" in [r.cells[0].text for r in t.rows])
    details = {r.cells[0].text: r.cells[1].text for r in fields.rows}
    assert details["Version in force"] == (
        "Version 2.0, approved by Cabinet on 3 March 2026 (Cabinet, 3 Mar 2026, item 9)"
    )
    assert (
        "Approval date" not in details
    )  # this text is not approved: no approval date of 2.0 for it
    assert docx.core_properties.title == "Example policy – proposed version 3.0 (not yet approved)"


def test_the_site_shows_the_same_record(repo: Git):
    page = (repo.root / "build/site/example/history/index.html").read_text("utf-8")
    table = page[page.index("<caption>Document controls sheet</caption>") :]
    table = table[: table.index("</table>")]
    rows = []
    for row in re.findall(r'<tr role="row">(.*?)</tr>', table)[1:]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        rows.append([*cells[:4], re.findall(r"<li>(.*?)</li>", cells[4])])
    assert rows == [[*row[:4], [line.replace("'", "&#39;") for line in row[4]]] for row in RECORD]


def test_history_gives_the_same_rows_as_json_csv_and_markdown(repo: Git):
    shown = {
        f: run_cli("history", "example", "--format", f, cwd=repo.root, env=TODAY)
        for f in ("json", "csv", "md")
    }
    assert all(r.returncode == 0 for r in shown.values()), [r.stderr for r in shown.values()]
    table = json.loads(shown["json"].stdout)
    assert [
        [v["label"], v["date"], v["approved_by"], v["minute"], [c["summary"] for c in v["changes"]]]
        for v in table["versions"]
    ] == [
        [
            "Proposed version 3.0",
            None,
            "",
            "",
            ["Staff should now be brave as well as honest and fair."],
        ],
        [
            "2.0 (in force)",
            "2026-03-03",
            "Cabinet",
            "Cabinet, 3 Mar 2026, item 9",
            ["Staff must be fair as well as honest."],
        ],
        [
            "1.0",
            "2026-02-01",
            "Cabinet",
            "Cabinet, 1 Feb 2026, item 4",
            ["First draft of the policy."],
        ],
    ]
    assert (table["version"], table["minute"], table["proposed_version"]) == (
        "2.0",
        "Cabinet, 3 Mar 2026, item 9",
        "3.0",
    )
    assert not any("consultation" in r["summary"] for r in table["rows"])
    lines = list(csv.reader(io.StringIO(shown["csv"].stdout)))
    assert lines == [[h.lower().replace(" ", "_") for h in HEADER]] + [
        [*r[:4], "\n".join(r[4])] for r in RECORD
    ]
    markdown = shown["md"].stdout
    assert f"| Version | {PROPOSAL} |" in markdown and "| Status | Not yet approved |" in markdown
    for row in RECORD:
        assert "| " + " | ".join(row[:4]) + " | " + "<br>".join(row[4]) + " |" in markdown


def test_approve_warns_when_the_approval_is_dated_before_the_change_it_approves(tmp_path: Path):
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit(
        "Add the example policy", "First draft of the policy.", date="2026-03-05T10:00:00+00:00"
    )
    git.consult(date="2026-03-06")
    result = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (
        "policypress: warning: the approval date, 1 March 2026, is earlier than the latest "
        "change it approves, made on 5 March 2026. If the date is wrong, remove the approval "
        "with 'git tag -d example/v1.0' and record it again with the right --date."
    )


def test_key_value_tables_name_each_row_in_their_first_column_with_no_header_row(repo: Git):
    docx = open_docx(repo.root / "build/example/example.docx")
    fields = next(t for t in docx.tables if "Version in force" in [r.cells[0].text for r in t.rows])
    assert fields.rows[0].cells[0].text == "Version"  # a row of the table, not "Item | Details"
    assert all(run.bold for row in fields.rows for run in row.cells[0].paragraphs[0].runs)
    assert not any(run.bold for row in fields.rows for run in row.cells[1].paragraphs[0].runs)
    look = fields._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLook"
    )
    assert look.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}firstRow") == "0"
    tags = tagged_texts(repo.root / "build/example/example.pdf")
    headers = [text for tag, text in tags if tag == "TH"]
    assert not {"Item", "Details", "Detail", "Value"} & set(headers), headers
    assert "Minute" in headers  # the controls sheet keeps its header row


def test_a_proposals_cover_says_proposed_version_not_draft(repo: Git):
    docx = open_docx(repo.root / "build/example/example.docx")
    status = [p.text for p in docx.paragraphs if p.style.name == "Cover Status"]
    assert status == ["Proposed version 3.0"]
    texts = [text for _, text in tagged_texts(repo.root / "build/example/example.pdf")]
    assert "Proposed version 3.0" in texts and "DRAFT" not in texts
