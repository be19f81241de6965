"""The Welsh change shown beside the English one (issue 25, item 3): the cabinet paper's summary
of changes, the change log (Markdown and CSV) and the Welsh "What's changing" page show each
changed part's Welsh text as it was and as it is, and say when it is out of date or missing.
Changes are still judged on the English alone. Real git repositories in tmp_path, built from the
bilingual fixture."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from tests.conftest import REPO, Git, run_cli

FIXTURE = REPO / "tests" / "fixtures" / "bilingual"
TODAY = {"SOURCE_DATE_EPOCH": "1795000000"}  # 19 November 2026
DOC = "content/home-visits"
WELSH = "cy/sections/visits.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _fingerprints(git: Git) -> dict[str, str]:
    """The fingerprint `check` gives for each stale Welsh part, by its line in the Welsh file."""
    result = run_cli("check", "--format", "json", cwd=git.root, env=TODAY)
    found = {}
    for p in json.loads(result.stdout):
        if p["code"] == "translation-stale":
            found[p["line"]] = re.findall(r"'translates: ([a-z]{10})'", p["hint"])[0]
    return found


def _set_translates(git: Git, line: int, value: str) -> None:
    path = git.root / DOC / WELSH
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[line].strip().startswith("translates: "), lines[line]
    lines[line] = lines[line].split("translates:")[0] + f"translates: {value}"
    path.write_text("\n".join(lines), encoding="utf-8")


def _approved(root: Path, welsh_first: bool = False) -> Git:
    """The fixture, consulted on (with the views on the Welsh language) and approved as 1.0;
    `welsh_first`: as a document written in Welsh, its translation in English (under en/)."""
    shutil.copytree(FIXTURE, root / "content")
    if welsh_first:
        (root / DOC / "cy").rename(root / DOC / "en")
        _edit(root / DOC / "document.yaml", "translation: cy-GB", "translation: en-GB")
        _edit(root / DOC / "document.yaml", "language: en-GB", "language: cy-GB")
    git = Git(root)
    git.commit("Add the code of practice for home visits", "First draft, in English and Welsh.")
    head = git("rev-parse", "HEAD").strip()
    record = root / DOC / "consultations" / "2026-02-20-tenant-panel.yaml"
    record.parent.mkdir(parents=True)
    record.write_text(
        "title: Tenant panel on home visits\nopened: 2026-02-20\nclosed: 2026-02-20\n"
        "consulted: [Tenant panel]\nmethod: A meeting of the tenant panel\nresponses: 9\n"
        f'covers: "{head}"\nwelsh-language: We asked about the effects on the Welsh language.\n',
        encoding="utf-8",
    )
    git.commit("Record the tenant panel consultation", date="2026-02-20T12:00:00+00:00")
    approved = run_cli(
        "approve",
        "home-visits",
        *("--by", "Cabinet", "--date", "2026-03-03", "--minute", "Cabinet, 3 Mar 2026, item 9"),
        cwd=root,
        env=TODAY,
    )
    assert approved.returncode == 0, approved.stdout + approved.stderr
    return git


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two English changes proposed to version 1.0: clause 2.1's Welsh brought up to date with
    it, the first point of 2.2's Welsh not yet; then everything built."""
    git = _approved(tmp_path_factory.mktemp("beside"))
    _edit(git.root / DOC / "sections/visits.yaml", "two working days", "three working days")
    _edit(git.root / DOC / "sections/visits.yaml", "their identity card", "their photo card")
    git.commit("Give tenants more notice", "Staff agree a visit three working days ahead.")
    _edit(git.root / DOC / WELSH, "ddau ddiwrnod", "dri diwrnod")
    _set_translates(git, 5, _fingerprints(git)[5])
    git.commit("Bring the Welsh of clause 2.1 up to date", "The Welsh says three working days.")
    result = run_cli("build", cwd=git.root, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    return git.root / "build"


def _welsh_runs(paragraph) -> list[str]:
    return [
        r.text
        for r in paragraph.runs
        if r._r.rPr is not None
        and any(lang.get(qn("w:val")) == "cy-GB" for lang in r._r.rPr.iter(qn("w:lang")))
    ]


def test_the_cabinet_paper_shows_the_welsh_change_tagged_cy_under_the_english(built: Path):
    paper = open_docx(built / "home-visits" / "home-visits.docx")
    table = paper.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    english = next(i for i, r in enumerate(rows) if r[0].startswith("Clause 2.1"))
    welsh = table.rows[english + 1]
    assert [p.text for p in welsh.cells[0].paragraphs] == ["Welsh", "Clause 2.1"]
    assert welsh.cells[1].text == "The Welsh text was brought up to date with this change."
    # the current and proposed Welsh, every word tagged cy-GB, the changed words marked
    current, proposed = welsh.cells[2].paragraphs, welsh.cells[3].paragraphs
    assert "".join(t for p in current for t in _welsh_runs(p)) == "".join(p.text for p in current)
    assert "o leiaf ddau ddiwrnod gwaith ymlaen llaw." in "".join(p.text for p in current)
    assert "".join(t for p in proposed for t in _welsh_runs(p)) == "".join(p.text for p in proposed)
    runs = [r for p in proposed for r in p.runs]
    assert [r.text for r in runs if r.bold and r.underline] == ["dri", "diwrnod"]
    assert [r.text for r in runs if r.font.strike] == ["ddau", "ddiwrnod"]
    # the English rows keep the document's language
    assert not _welsh_runs(table.rows[english].cells[3].paragraphs[0])
    # the English row is kept on the page of its Welsh row (Word's "keep with next")
    kept = [
        p.paragraph_format.keep_with_next for c in table.rows[english].cells for p in c.paragraphs
    ]
    assert kept and all(kept)


def test_the_cabinet_paper_says_when_the_welsh_is_out_of_date(built: Path):
    paper = open_docx(built / "home-visits" / "home-visits.docx")
    rows = [[cell.text for cell in row.cells] for row in paper.tables[0].rows]
    english = next(i for i, r in enumerate(rows) if "2.2, point 1" in r[0])
    assert rows[english + 1][0] == "Welsh\n2.2, point 1"
    assert rows[english + 1][1] == (
        "The Welsh text is out of date: it does not yet follow this change."
    )
    assert rows[english + 1][3] == "ddangos eu cerdyn adnabod;"


def test_the_change_log_csv_has_the_welsh_before_and_after_beside_each_change(built: Path):
    text = (built / "home-visits" / "changes.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_place = {r["Where"]: r for r in rows}
    assert set(by_place) == {"Clause 2.1", "2.2, point 1"}  # the Welsh edit is no change of its own
    clause = by_place["Clause 2.1"]
    assert "ddau ddiwrnod" in clause["Current Welsh wording"]
    assert "dri diwrnod" in clause["Proposed Welsh wording"]
    assert clause["Welsh text"] == "The Welsh text was brought up to date with this change."
    point = by_place["2.2, point 1"]
    assert point["Welsh text"].startswith("The Welsh text is out of date")
    assert point["Proposed wording"] == "show their photo card;"


def test_changes_json_gives_each_change_its_welsh_for_tools(built: Path):
    report = json.loads((built / "home-visits" / "changes.json").read_text("utf-8"))
    welsh = {c["id"]: c["translation"] for c in report["changes"]}
    assert welsh["show-card"] == {
        "language": "cy-GB",
        "before": "ddangos eu cerdyn adnabod;",
        "after": "ddangos eu cerdyn adnabod;",
        "state": "stale",
    }
    assert welsh["before-visit"]["state"] == "current"
    assert "dri diwrnod" in welsh["before-visit"]["after"]


def test_the_change_log_markdown_quotes_the_welsh_under_the_english(built: Path):
    text = (built / "home-visits" / "changes.md").read_text("utf-8")
    clause = text.split("## 1. ", 1)[1].split("## 2. ", 1)[0]
    assert "The Welsh text was brought up to date with this change." in clause
    assert "Current Welsh wording:\n\n> Rhaid i staff" in clause
    assert "Proposed Welsh wording:\n\n> Rhaid i staff" in clause and "dri diwrnod" in clause
    assert "The Welsh text was brought up to date in clause 2.1." in text


def test_the_welsh_whats_changing_page_shows_the_welsh_change(built: Path):
    site = built / "site"
    welsh = html.unescape((site / "cy/home-visits/changes/index.html").read_text("utf-8"))
    english = html.unescape((site / "home-visits/changes/index.html").read_text("utf-8"))
    found = re.search(r'<p class="pp-marked pp-beside" lang="cy-GB">(.*?)</p>', welsh)
    assert found, welsh
    assert "<ins>" in found.group(1) and "dri" in found.group(1) and "ddau" in found.group(1)
    assert "Nid yw'r testun Cymraeg yn gyfredol" in welsh  # point 1 of 2.2, out of date
    assert "dri diwrnod" not in english and "pp-beside" not in english


def test_a_welsh_only_edit_is_no_change_of_its_own_but_is_said(tmp_path: Path):
    git = _approved(tmp_path)
    _edit(git.root / DOC / WELSH, "Wrth gyrraedd", "Ar ôl cyrraedd")
    git.commit("Reword the Welsh of clause 2.2", "The Welsh of clause 2.2 reads more naturally.")
    result = run_cli("build", "--only", "changes,docx", cwd=git.root, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = git.root / "build" / "home-visits"
    rows = list(csv.reader(io.StringIO((folder / "changes.csv").read_text("utf-8-sig"))))
    assert rows[0][-3:] == ["Current Welsh wording", "Proposed Welsh wording", "Welsh text"]
    assert rows[1:] == []
    said = ["There are no changes to version 1.0, approved by Cabinet on 3 March 2026."]
    said.append("The Welsh text was brought up to date in clause 2.2.")
    assert (folder / "changes.md").read_text("utf-8").split("\n")[2:4] == said
    paper = [p.text for p in open_docx(folder / "home-visits.docx").paragraphs]
    assert said[1] in paper


def test_a_new_english_part_with_no_welsh_yet_says_so(tmp_path: Path):
    git = _approved(tmp_path)
    visits = git.root / DOC / "sections/visits.yaml"
    visits.write_text(
        visits.read_text(encoding="utf-8")
        + "  - id: after-visit\n    text: Staff write a note of the visit on the same day.\n",
        encoding="utf-8",
    )
    git.commit("Ask for a note of each visit", "Staff write a note of each visit.")
    result = run_cli("build", "--only", "changes,docx", cwd=git.root, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = git.root / "build" / "home-visits"
    rows = list(csv.DictReader(io.StringIO((folder / "changes.csv").read_text("utf-8-sig"))))
    assert [(r["Where"], r["Welsh text"], r["Proposed Welsh wording"]) for r in rows] == [
        ("Clause 2.3", "There is no Welsh text for this part yet.", "")
    ]
    table = open_docx(folder / "home-visits.docx").tables[0]
    welsh = [cell.text for cell in table.rows[2].cells]
    assert welsh[:4] == ["Welsh\nClause 2.3", "There is no Welsh text for this part yet.", "", ""]
    # nor is the Welsh said to have been brought up to date there (it shows the English)
    assert "Welsh text was brought up to date" not in (folder / "changes.md").read_text("utf-8")


def test_a_change_in_two_places_and_a_part_taken_out(tmp_path: Path):
    git = _approved(tmp_path)
    english, welsh = git.root / DOC / "sections/visits.yaml", git.root / DOC / WELSH
    _edit(english, "with the tenant at", "with the resident at")
    _edit(english, "If the tenant is", "If the resident is")
    _edit(welsh, "gyda'r tenant", "gyda'r preswylydd")
    _edit(welsh, "yw'r tenant", "yw'r preswylydd")
    for path in (english, welsh):  # point 2 of 2.2 taken out, in both
        text = path.read_text(encoding="utf-8")
        start, end = text.index("      - id: give-name"), text.index("    closing:")
        path.write_text(text[:start] + text[end:], encoding="utf-8")
    for line, value in _fingerprints(git).items():
        _set_translates(git, line, value)
    git.commit("Say resident, not tenant", "We call the people we visit residents.")
    result = run_cli("build", "--only", "changes,docx", cwd=git.root, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = git.root / "build" / "home-visits"
    rows = list(csv.DictReader(io.StringIO((folder / "changes.csv").read_text("utf-8-sig"))))
    both, removed = rows
    assert both["Where"] == "Clause 2.1 and 2.2, words after the list"
    assert both["Proposed Welsh wording"].split("\n\n") == [
        "Clause 2.1: Rhaid i staff gytuno ar amser ar gyfer yr ymweliad gyda'r preswylydd o leiaf "
        "ddau ddiwrnod gwaith ymlaen llaw.",
        "2.2, words after the list: Os nad yw'r preswylydd yn siŵr, bydd staff yn aros y tu allan "
        "tra bod y tenant yn ffonio'r cyngor i wirio.",
    ]
    assert both["Welsh text"].count("brought up to date with this change") == 2
    assert (removed["Where"], removed["Welsh text"]) == (
        "2.2, point 2",
        "The Welsh text is taken out too.",
    )
    assert removed["Current Welsh wording"] == "roi eu henw a'r rheswm dros yr ymweliad."
    assert removed["Proposed Welsh wording"] == ""
    table = open_docx(folder / "home-visits.docx").tables[0]
    welsh = table.rows[2].cells
    assert [p.text for p in welsh[1].paragraphs] == [
        "Clause 2.1:",
        "The Welsh text was brought up to date with this change.",
        "2.2, words after the list:",
        "The Welsh text was brought up to date with this change.",
    ]
    proposed = welsh[3].paragraphs
    assert [p.text for p in proposed if not _welsh_runs(p)] == [
        "Clause 2.1:",
        "2.2, words after the list:",
    ]
    assert [
        r.text for p in proposed for r in p.runs if r.bold and r.underline and _welsh_runs(p)
    ] == [
        "preswylydd",
        "preswylydd",
    ]
    gone = table.rows[4].cells
    assert gone[1].text == "The Welsh text is taken out too."
    assert _welsh_runs(gone[2].paragraphs[0]) == ["roi eu henw a'r rheswm dros yr ymweliad."]
    assert gone[3].text == "(taken out)" and not _welsh_runs(gone[3].paragraphs[0])


def test_a_standard_linked_has_no_welsh_to_show_and_is_not_called_missing(tmp_path: Path):
    git = _approved(tmp_path)
    _edit(
        git.root / DOC / "sections/visits.yaml",
        "title: During a visit\n",
        "title: During a visit\nstandards:\n  cih: [Integrity]\n",
    )
    git.commit("Link the visits section to the CIH standard on integrity", "Visits follow CIH.")
    result = run_cli("build", "--only", "changes", cwd=git.root, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = git.root / "build" / "home-visits"
    rows = list(csv.DictReader(io.StringIO((folder / "changes.csv").read_text("utf-8-sig"))))
    assert [r["Where"] for r in rows] == ["2.0"]
    welsh = ("Current Welsh wording", "Proposed Welsh wording", "Welsh text")
    assert [rows[0][column] for column in welsh] == ["", "", ""]
    assert "Welsh text" not in (folder / "changes.md").read_text("utf-8").split("## 1.")[1]


def test_a_welsh_documents_english_translation_is_named_in_welsh(tmp_path: Path):
    # A document written in Welsh, its translation in English: its paper and change log are in
    # Welsh, so they name the translation "Saesneg", not "English".
    git = _approved(tmp_path, welsh_first=True)
    folder = tmp_path / DOC
    visits = folder / "sections/visits.yaml"
    visits.write_text(
        visits.read_text(encoding="utf-8")
        + "  - id: after-visit\n    text: Staff write a note of the visit on the same day.\n",
        encoding="utf-8",
    )
    git.commit("Ask for a note of each visit", "Staff write a note of each visit.")
    result = run_cli("build", "--only", "changes,docx", cwd=tmp_path, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "build" / "home-visits"
    log = (out / "changes.md").read_text(encoding="utf-8")
    assert "Nid oes testun Saesneg ar gyfer y rhan hon eto." in log
    table = open_docx(out / "home-visits.docx").tables[0]
    said = [cell.text for row in table.rows for cell in row.cells]
    # the Welsh paper's row of the translation: its language and its place, in Welsh
    assert "Saesneg\nCymal 2.3" in said, said
    assert [line for text in said for line in text.splitlines() if "English" in line] == []


def test_the_welsh_page_marks_the_english_consultation_record_as_english(built: Path):
    # The records are written in English: on the Welsh page, each of their words is marked
    # lang="en-GB", so a screen reader reads it in English (WCAG 3.1.2, language of parts).
    page = html.unescape((built / "site/cy/home-visits/changes/index.html").read_text("utf-8"))
    assert '<h3 id="tenant-panel-on-home-visits" lang="en-GB">Tenant panel on home visits</h3>' in (
        page
    )
    assert '<li>Pwy a holwyd: <span lang="en-GB">Tenant panel</span></li>' in page
    assert '<li>Sut: <span lang="en-GB">A meeting of the tenant panel</span></li>' in page
    english = (built / "site/home-visits/changes/index.html").read_text("utf-8")
    assert "<li>How: A meeting of the tenant panel</li>" in english


def test_the_welsh_words_that_announce_a_marked_english_change_are_marked_welsh(built: Path):
    # Inside the English words of a change, "tynnwyd:" and "ychwanegwyd:" (read out only) are
    # Welsh, the page's language: they carry lang, or a screen reader reads them as English.
    for page in ("changes", "compare/v1.0-to-proposed-2.0"):
        text = (built / "site/cy/home-visits" / page / "index.html").read_text("utf-8")
        english = re.search(r'<p class="pp-marked">.*?<span lang="en-GB">(.*?)</span></p>', text)
        assert english, page
        assert '<del><span class="pp-sr" lang="cy">tynnwyd: </span>two</del>' in english.group(1)
        assert '<ins><span class="pp-sr" lang="cy">ychwanegwyd: </span>three</ins>' in (
            english.group(1)
        )
    english_page = (built / "site/home-visits/changes/index.html").read_text("utf-8")
    assert '<span class="pp-sr">removed: </span>' in english_page
