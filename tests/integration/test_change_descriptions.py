"""Each change is described once, in plain English, in every output (issue 15, items 1 and 2): the
policy owner's Change-summary leads; numbers keep their units; no git refs, "working copy" or
fingerprints reach a reader; the CSV opens in Excel; the cabinet paper has a Summary of changes
table with the current and proposed wording; a first version says so instead of listing parts."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from hypothesis import given
from hypothesis import strategies as st

from policypress import describe, impacts
from policypress.changes import Change, classify_text
from tests.conftest import FROZEN, Git, run_cli
from tests.integration.test_changes import DOC, TODAY, edit

SUMMARY = "The code now covers staff who spend 40% of their hours on housing work."
HEX = re.compile(r"\b[0-9a-f]{7,40}\b")
MACHINE = ("working copy", "nothing (no approved", "Fingerprint", "~~", "→", "code-of-conduct/v1.0")


def _draft(root: Path) -> Git:
    shutil.copytree(FROZEN, root / "content")
    git = Git(root)
    git.commit("Add the draft code", "First draft.", date="2026-01-05T10:00:00+00:00")
    edit(root, "document.yaml", "review-period: TBC", "review-period: 3 years")
    edit(root, "sections/implementation.yaml", "<insert roles / group>", "Housing Management Team")
    git.commit(
        "Fill in the placeholders", "Named the monitoring team.", date="2026-01-20T10:00:00+00:00"
    )
    return git


@pytest.fixture(scope="module")
def proposed(tmp_path_factory) -> Git:
    """Version 1.0 approved (with a minute), then an editorial fix without a Change-summary and a
    significant change whose commit has one."""
    root = tmp_path_factory.mktemp("described")
    git = _draft(root)
    git.consult(date="2026-02-01", doc=DOC)
    approved = run_cli(
        "approve",
        DOC,
        "--by",
        "Cabinet",
        "--date",
        "2026-03-03",
        "--minute",
        "Cabinet, 3 March 2026, item 7",
        cwd=root,
        env=TODAY,
    )
    assert approved.returncode == 0, approved.stdout + approved.stderr
    edit(root, "sections/the-code.yaml", "responsible decisions.", "responsible decision.")
    git.commit(
        "Fix the grammar of a duty in 3.1",
        date="2026-04-01T10:00:00+00:00",
        who=("Priya Shah", "priya@example.org"),
    )
    edit(root, "sections/implementation.yaml", "(50% or more of their", "(40% or more of their")
    git.commit("Lower the threshold", SUMMARY, date="2026-04-10T10:00:00+00:00")
    built = run_cli("build", "--redline", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stderr
    return git


def test_changes_md_leads_with_the_summary_and_shows_no_internal_codes(proposed: Git):
    text = (proposed.root / "build" / DOC / "changes.md").read_text("utf-8")
    assert "Changes proposed to version 1.0, approved by Cabinet on 3 March 2026." in text
    assert f"## 1. Clause 2.1\n\n- What changes: {SUMMARY}" in text
    assert "Changed words: was “50%”, now “40%”." in text
    # the editorial fix has no Change-summary: its description is made from the change
    assert "## 2. 3.1, point 4 (“Apply informed," in text
    assert "- What changes: “decisions” becomes “decision”" in text
    assert not HEX.findall(text), HEX.findall(text)
    for machine in MACHINE:
        assert machine not in text


def test_changes_csv_opens_in_excel_and_names_places_as_readers_do(proposed: Git):
    data = (proposed.root / "build" / DOC / "changes.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfDocument,")  # Excel needs the byte-order mark for UTF-8
    text = data.decode("utf-8-sig")
    assert "Council’s" in text and SUMMARY in text
    # each row says which document, which version it changes and the consultation, for the log
    assert (
        'Code of Conduct for Housing Staff,"version 1.0, approved by Cabinet on 3 March 2026",'
        'Proposed version 2.0,"3.1, point 4",3.1 Act with integrity and respect,'
    ) in text
    assert ",Significant,Not yet consulted," in text
    assert not HEX.findall(text)


def test_json_keeps_what_tools_need_beside_the_description(proposed: Git):

    report = json.loads((proposed.root / "build" / DOC / "changes.json").read_text("utf-8"))
    scope = next(c for c in report["changes"] if c["id"] == "scope")
    assert scope["summary"] == SUMMARY and len(scope["fingerprint"]) == 12
    assert scope["description"] == f"Clause 2.1: {SUMMARY}"
    assert scope["where"] == "2.1"


def test_the_site_and_the_check_read_plainly(proposed: Git):
    page = (proposed.root / "build" / "site" / DOC / "changes" / "index.html").read_text("utf-8")
    assert f"Clause 2.1: {SUMMARY}" in page
    assert (
        "Important change: Staff at 40% to under 50% of their standard working hours are now "
        "covered too."
    ) in page
    # the site's plainer words, tied once to the words of the paper, the CSV and changes.md
    key = (
        "In the papers for approval and the change log, an important change is called "
        "“significant” and a small wording change “editorial”."
    )
    assert html.unescape(page).count(key) == 1
    assert html.unescape(page).index(key) < page.index('class="pp-changes"')
    checked = run_cli("check", cwd=proposed.root, env=TODAY)
    assert (
        "no closed tenant consultation covers the significant changes since version 1.0, approved "
        "by Cabinet on 3 March 2026 (clause 2.1)"
    ) in checked.stdout


def test_the_cabinet_paper_opens_with_a_summary_of_changes_table(proposed: Git):
    paper = open_docx(proposed.root / "build" / DOC / f"{DOC}.docx")
    texts = [p.text for p in paper.paragraphs]
    start = texts.index("Summary of changes")
    # what cabinet is asked to do comes first, in bold
    assert texts[start + 1] == (
        "Cabinet is asked to approve proposed version 2.0 of the Code of Conduct for Housing Staff."
    )
    asked = next(p for p in paper.paragraphs if p.text.startswith("Cabinet is asked"))
    assert all(run.bold for run in asked.runs)
    assert (
        texts[start + 2] == "Changes proposed to version 1.0, approved by Cabinet on 3 March 2026."
    )
    assert not any("Compared:" in t or "working copy" in t for t in texts)
    table = next(t for t in paper.tables if t.rows[0].cells[0].text == "Where")
    assert [c.text for c in table.rows[0].cells] == [
        "Where",
        "What changes",
        "Current wording",
        "Proposed wording",
        "Why it matters",
        "Significant or editorial",
        "Consultation",
    ]
    row = next(r for r in table.rows[1:] if r.cells[0].paragraphs[0].text == "Clause 2.1")
    what, current, proposed_cell, why, weight, consulted = (c for c in row.cells[1:])
    assert "(50% or more of their standard working hours)" in current.text
    runs = [run for p in proposed_cell.paragraphs for run in p.runs]
    # added and taken-out words, each number marked with its unit
    assert any(run.text == "40%" and run.bold and run.underline for run in runs)
    assert any(run.text == "50%" and run.font.strike for run in runs)
    assert what.text == SUMMARY and SUMMARY not in why.text
    # who gains cover, in one sentence with no colon (not "a figure is different")
    assert (
        why.text == "Staff at 40% to under 50% of their standard working hours are now covered too."
    )
    assert weight.text == "Significant" and consulted.text == "Not yet consulted"
    assert "2.0 Implementation, monitoring and review" in row.cells[0].text


def test_a_consultation_that_covers_the_changes_is_named_with_dates_and_responses(tmp_path: Path):
    root = tmp_path / "repo"
    git = _draft(root)
    git.consult(date="2026-02-01", doc=DOC)
    assert (
        run_cli(
            "approve", DOC, "--by", "Cabinet", "--date", "2026-03-03", cwd=root, env=TODAY
        ).returncode
        == 0
    )
    edit(root, "sections/implementation.yaml", "(50% or more of their", "(40% or more of their")
    git.commit("Lower the threshold", SUMMARY, date="2026-04-10T10:00:00+00:00")
    git.consult(date="2026-04-20", doc=DOC)
    assert run_cli("build", "--only", "docx,changes", cwd=root, env=TODAY).returncode == 0
    paper = open_docx(root / "build" / DOC / f"{DOC}.docx")
    table = next(t for t in paper.tables if t.rows[0].cells[0].text == "Where")
    row = next(r for r in table.rows[1:] if r.cells[0].paragraphs[0].text == "Clause 2.1")
    assert row.cells[6].text == "Tenant panel on the example policy (20 April 2026, 12 responses)"
    # a single day's meeting has one date, not "20 April 2026 to 20 April 2026"
    texts = [p.text for p in paper.paragraphs]
    assert "Date: 20 April 2026" in texts
    assert not any("20 April 2026 to" in text for text in texts)
    markdown = (root / "build" / DOC / "changes.md").read_text("utf-8")
    assert "- Date: 20 April 2026\n" in markdown and "20 April 2026 to" not in markdown


def test_a_first_version_says_so_instead_of_listing_every_part(tmp_path: Path):
    root = tmp_path / "repo"
    _draft(root)
    assert run_cli("build", cwd=root, env=TODAY).returncode == 0
    paper = open_docx(root / "build" / DOC / f"{DOC}.docx")
    texts = [p.text for p in paper.paragraphs]
    assert texts[texts.index("Summary of changes") + 1].startswith("Cabinet is asked to approve ")
    assert (
        texts[texts.index("Summary of changes") + 2]
        == "This is the first version put forward for approval."
    )
    assert not any(t.rows[0].cells[0].text == "Where" for t in paper.tables)
    markdown = (root / "build" / DOC / "changes.md").read_text("utf-8")
    assert (
        "This is the first version put forward for approval." in markdown
        and "## 1." not in markdown
    )
    checked = run_cli("check", cwd=root, env=TODAY)
    assert (
        "no closed tenant consultation covers this first version of Code of Conduct for Housing "
        "Staff" in checked.stdout
    )
    assert "nothing (no approved version yet)" not in checked.stdout


@given(st.integers(1, 99), st.integers(1, 99), st.sampled_from(["%", " days", " hours"]))
def test_a_changed_number_keeps_its_unit(old: int, new: int, unit: str):
    if old == new:
        return
    _, reasons = classify_text(
        f"Staff who spend {old}{unit} on housing work.",
        f"Staff who spend {new}{unit} on housing work.",
    )
    assert f"'{old}{unit}' → '{new}{unit}'" in reasons[0]
    assert describe.sentence(reasons[0]).endswith(f"“{old}{unit}” becomes “{new}{unit}”.")


@pytest.mark.parametrize(
    "reason, sentence",
    [
        ("obligation weakened: 'must' → 'should'", "The duty is weaker: “must” becomes “should”."),
        ("clause added", "This clause is new."),
        (
            "plain-English wording: 'rectify' → 'put right'",
            "Plainer words with the same meaning: “rectify” becomes “put right”.",
        ),
        (
            "moved from 3.1 Staff to 3.2 Managers: it may now apply differently",
            "Moved from 3.1 Staff to 3.2 Managers, so it may now apply differently.",
        ),
    ],
    ids=["weaker", "added", "plain-swap", "moved"],
)
def test_reasons_read_as_sentences(reason: str, sentence: str):
    assert describe.sentence(reason) == sentence


ONE_COMMIT = (
    "The code now covers staff who spend 40% of their hours on housing work, and its "
    "duties become advice."
)


@pytest.fixture(scope="module")
def two_parts(tmp_path_factory) -> Git:
    """Version 1.0 approved, then one commit, with one Change-summary, that lowers the threshold in
    who the code applies to and weakens "must" to "should" in 3.1."""
    root = tmp_path_factory.mktemp("two-parts")
    git = _draft(root)
    git.consult(date="2026-02-01", doc=DOC)
    assert (
        run_cli(
            "approve", DOC, "--by", "Cabinet", "--date", "2026-03-03", cwd=root, env=TODAY
        ).returncode
        == 0
    )
    edit(root, "document.yaml", "(50% or more of their", "(40% or more of their")
    text = (root / "content" / DOC / "sections" / "the-code.yaml").read_text("utf-8")
    (root / "content" / DOC / "sections" / "the-code.yaml").write_text(
        text.replace('lead-in: "Staff must:"', 'lead-in: "Staff should:"', 1), "utf-8"
    )
    git.commit("Cover more staff", ONE_COMMIT, date="2026-04-10T10:00:00+00:00")
    built = run_cli("build", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stderr
    return git


def test_one_summary_for_two_different_changes_is_shown_once_and_each_says_what_changed(
    two_parts: Git,
):
    """Two different changes (a threshold, a duty) under one Change-summary stay two changes:
    the summary is shown once, with the first; the other says what changed in it."""
    out = two_parts.root / "build" / DOC
    markdown = (out / "changes.md").read_text("utf-8")
    assert markdown.count(ONE_COMMIT) == 1
    assert f"## 1. Who it applies to\n\n- What changes: {ONE_COMMIT}" in markdown
    assert "- What changes: “must” becomes “should”.\n" in markdown
    assert (out / "changes.csv").read_text("utf-8-sig").count(ONE_COMMIT) == 1
    page = (two_parts.root / "build" / "site" / DOC / "changes" / "index.html").read_text("utf-8")
    assert page.count(ONE_COMMIT) == 1
    assert "3.1, words before the list (“Staff should:”): “must” becomes “should”." in page
    paper = open_docx(out / f"{DOC}.docx")
    table = next(t for t in paper.tables if t.rows[0].cells[0].text == "Where")
    assert sum(ONE_COMMIT in cell.text for row in table.rows for cell in row.cells) == 1
    report = json.loads((out / "changes.json").read_text("utf-8"))
    assert [c["summary"] for c in report["changes"]] == [ONE_COMMIT, None]


def test_why_it_matters_says_what_it_means_not_the_change_again(two_parts: Git):
    markdown = (two_parts.root / "build" / DOC / "changes.md").read_text("utf-8")
    assert (
        "- Why it matters: Staff at 40% to under 50% of their standard working hours are now "
        "covered too.\n"
    ) in markdown
    assert (
        "- Why it matters: Staff are given more choice: this is no longer a firm duty.\n"
    ) in markdown
    assert "(was 50%)" not in markdown


def test_the_compare_page_describes_the_proposal_as_whats_changing_does(two_parts: Git):
    compare = next(
        (two_parts.root / "build" / "site" / DOC / "compare").glob("v1.0-to-*/index.html")
    )
    page = compare.read_text("utf-8")
    assert f"Who it applies to: {ONE_COMMIT}" in page
    assert "Important change: Staff at 40% to under 50% of their standard" in page
    assert "3.1, words before the list (“Staff should:”): “must” becomes “should”." in page
    assert re.search(r"<del>(<span[^>]*>[^<]*</span>)?50%</del>", page) and re.search(
        r"<ins>(<span[^>]*>[^<]*</span>)?40%</ins>", page
    )


@pytest.mark.parametrize(
    "before, after, old, new",
    [
        ("(50% or more)", "(40% or more)", "50%", "40%"),
        ("a fee of £50 a year", "a fee of £40 a year", "£50", "£40"),
        ("within 5 days of", "within 10 days of", "5 days", "10 days"),
    ],
    ids=["percent", "pounds", "days"],
)
def test_a_changed_number_is_marked_with_its_unit(before: str, after: str, old: str, new: str):
    from policypress.wording import words

    runs = words(before, after)
    assert {"op": "delete", "text": old} in runs and {"op": "insert", "text": new} in runs
    assert "".join(r["text"] for r in runs if r["op"] != "insert") == before
    assert "".join(r["text"] for r in runs if r["op"] != "delete") == after


def test_the_summary_tables_headers_fit_their_columns_and_the_columns_the_page(proposed: Git):
    from pdfminer.fontmetrics import FONT_METRICS

    paper = open_docx(proposed.root / "build" / DOC / f"{DOC}.docx")
    table = next(t for t in paper.tables if t.rows[0].cells[0].text == "Where")
    section = paper.sections[1]  # the Summary of changes' landscape pages
    widths = [cell.width for cell in table.rows[0].cells]
    assert (
        abs(sum(widths) - (section.page_width - section.left_margin - section.right_margin)) < 360
    )  # EMU
    # Arial has Helvetica's widths, and the PDF standard's metrics for Helvetica Bold ship with
    # pdfminer, so no font file is needed; 9 pt bold, as the header is set; Word's cell margins
    # are 0.19 cm each side
    bold = FONT_METRICS["Helvetica-Bold"][1]  # a character's width in 1/1000 of the size
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        longest = max(sum(bold[c] for c in word) for word in cell.text.split()) * 9 / 1000  # pt
        assert longest / 72 * 2.54 + 0.38 <= width / 360000, cell.text
    # and no word of a change breaks across lines ("Impleme-ntation"), even set in bold
    for row in table.rows[1:]:
        for cell, width in zip(row.cells, widths, strict=True):
            for word in cell.text.split():
                longest = sum(bold.get(c, 556) for c in word) * 9 / 1000
                assert longest / 72 * 2.54 + 0.38 <= width / 360000, word


DECISION = "The code now covers staff who spend 40% of their hours on housing work."


@pytest.fixture(scope="module")
def one_decision(tmp_path_factory) -> Git:
    """The 50% -> 40% decision as a policy owner makes it: one commit, with one Change-summary,
    changes who the code applies to (document.yaml) and clause 2.1 alike."""
    root = tmp_path_factory.mktemp("one-decision")
    git = _draft(root)
    git.consult(date="2026-02-01", doc=DOC)
    approved = run_cli(
        "approve", DOC, "--by", "Cabinet", "--date", "2026-03-03", cwd=root, env=TODAY
    )
    assert approved.returncode == 0, approved.stdout + approved.stderr
    edit(root, "document.yaml", "(50% or more of their", "(40% or more of their")
    edit(root, "sections/implementation.yaml", "(50% or more of their", "(40% or more of their")
    git.commit("Lower the threshold to 40%", DECISION, date="2026-04-10T10:00:00+00:00")
    built = run_cli("build", "--redline", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stderr
    return git


def test_one_decision_is_one_significant_change_in_the_owners_words_everywhere(one_decision: Git):
    out = one_decision.root / "build" / DOC
    where = "Who it applies to and clause 2.1"
    markdown = (out / "changes.md").read_text("utf-8")
    assert "There is 1 change: it is significant." in markdown
    assert f"## 1. {where}\n\n- What changes: {DECISION}\n" in markdown
    assert "A number, amount" not in markdown and "(was 50%)" not in markdown
    rows = (out / "changes.csv").read_text("utf-8-sig").splitlines()
    assert sum(DECISION in row for row in rows) == 1
    assert f",{where},2.0 Implementation, monitoring and review,{DECISION}," in rows[1].replace(
        '"', ""
    )
    for page in (
        one_decision.root / "build" / "site" / DOC / "changes" / "index.html",
        next((one_decision.root / "build" / "site" / DOC / "compare").glob("v1.0-to-*/index.html")),
    ):
        html_text = page.read_text("utf-8")
        assert html_text.count('pp-change"') == 1, page
        assert f"{where}: {DECISION}" in html_text, page
        assert "A number, amount" not in html_text and "Clause 1.2" not in html_text
    for name in (f"{DOC}.docx", f"{DOC}-redline.docx"):
        paper = open_docx(out / name)
        table = next(t for t in paper.tables if t.rows[0].cells[0].text == "Where")
        assert len(table.rows) == 2, name
        cells = table.rows[1].cells
        assert cells[1].text == DECISION
        assert cells[0].paragraphs[0].text == "Who it applies to"
        assert "Clause 2.1" in [p.text for p in cells[0].paragraphs]
        assert cells[4].text == (
            "Staff at 40% to under 50% of their standard working hours are now covered too."
        )
        assert cells[5].text == "Significant"
    report = json.loads((out / "changes.json").read_text("utf-8"))
    assert [c["where"] for c in report["changes"]] == ["Who it applies to", "2.1"]


def test_a_hyphen_is_described_by_the_words_it_joins():
    from policypress.changes import Change

    before = "Apply ethical decision making principles in each difficult decision."
    after = "Apply ethical decision-making principles in each difficult decision."
    change = Change("x", "3.1", "modified", "editorial", (), before, after, part="point")
    assert describe.generated(change) == "“decision making” becomes “decision-making”"
    marked = [r for r in describe.runs(before, after) if r["op"] != "equal"]
    assert marked == [
        {"op": "delete", "text": "decision making"},
        {"op": "insert", "text": "decision-making"},
    ]


def test_each_tracked_change_carries_its_own_author_and_date(proposed: Git):
    """The redline credits each change to the commit that made it, not to the latest one."""
    from docx.oxml.ns import qn

    redline = open_docx(proposed.root / "build" / DOC / f"{DOC}-redline.docx")
    marks = {
        (
            mark.tag.split("}")[1],
            "".join(t.text or "" for t in mark.iter(qn("w:t"), qn("w:delText"))),
        ): (mark.get(qn("w:author")), mark.get(qn("w:date")))
        for mark in redline.element.body.iter(qn("w:ins"), qn("w:del"))
    }
    assert marks[("del", "decisions")] == ("Priya Shah", "2026-04-01T00:00:00Z")
    assert marks[("ins", "decision")] == ("Priya Shah", "2026-04-01T00:00:00Z")
    assert marks[("del", "50%")] == ("Siân Öztürk", "2026-04-10T00:00:00Z")
    assert marks[("ins", "40%")] == ("Siân Öztürk", "2026-04-10T00:00:00Z")


def test_home_and_you_said_speak_of_the_proposal(one_decision: Git):
    """The home page's last change is the proposal's; "You said, we did" says that a
    consultation held before version 1.0 was approved is not about the changes proposed now."""
    site = one_decision.root / "build" / "site"
    home = (site / "index.html").read_text("utf-8")
    assert f"<td>10 April 2026: {DECISION}</td>" in home or f"10 April 2026: {DECISION}" in home
    changes = (site / DOC / "changes" / "index.html").read_text("utf-8")
    assert (
        "This consultation was held before version 1.0 was approved on 3 March 2026. It was not "
        "about the changes proposed now."
    ) in changes


def test_the_proposals_page_marks_the_clauses_and_items_it_changes(proposed: Git):
    site = proposed.root / "build" / "site" / DOC
    draft = (site / "draft" / "index.html").read_text("utf-8")
    marked = re.findall(
        r'id="([\w-]+)">(?:<a class="pp-number"[^>]*>[^<]*</a><div class="pp-body">|'
        r'(?:<span class="pp-marker">[^<]*</span> )?)<(?:p|strong) class="pp-changed">',
        draft,
    )
    assert marked == ["scope", "impartial-judgement"], marked  # clause 2.1 and 3.1, point 4
    assert "Changed by this proposal" not in (site / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        (
            "50",
            "60",
            "Staff at 50% to under 60% of their standard working hours are no longer covered.",
        ),
        (
            "50",
            "40",
            "Staff at 40% to under 50% of their standard working hours are now covered too.",
        ),
    ],
)
def test_a_changed_threshold_of_who_is_covered_says_who_gains_or_loses_cover(
    old: str, new: str, why: str
):
    clause = "applies to staff in housing (50% or more of their standard working hours)."
    before, after = clause.replace("50%", f"{old}%"), clause.replace("50%", f"{new}%")
    significance, reasons = classify_text(before, after)
    change = Change("2.1", "2.1", "modified", significance, tuple(reasons), before, after)
    assert impacts.why(change) == why


def test_a_proposal_shows_the_review_date_of_the_version_in_force(proposed: Git):
    """Not "To be set at approval" while version 1.0 has a real date (3 years from 3 March
    2026), but that date, with a note that approval sets it again."""
    review = "3 March 2029, for version 1.0. It is set again when this proposal is approved."
    paper = open_docx(proposed.root / "build" / DOC / f"{DOC}.docx")
    table = next(t for t in paper.tables if t.rows[0].cells[0].text == "Version")
    fields = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert fields["Scheduled review"] == review
    site = proposed.root / "build" / "site" / DOC
    pages = [p for p in site.rglob("*.html") if review in p.read_text("utf-8")]
    assert pages and not any("To be set at approval" in p.read_text("utf-8") for p in pages)
