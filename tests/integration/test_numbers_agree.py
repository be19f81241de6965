"""One number per part, everywhere: for both fixture documents (the council's Code of Conduct and
the National Housing Federation model), after an approval and a change that renumbers, the
headings, clause numbers and item markers read back from the DOCX, the tagged PDF and the site
page, the numbers `diff` gives each change and the versions `history` gives are exactly the
model's."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from docx import Document as open_docx

from policypress.load.loader import load_library
from policypress.model import Document, Point
from tests.conftest import IDENTITY, REPO, Git, run_cli
from tests.pdftags import tagged_texts

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}
# fixture folder, document, edits that let it be approved, and an edit that renumbers
FIXTURES = {
    "code-of-conduct": (
        "code-of-conduct",
        [
            ("document.yaml", "review-period: TBC", "review-period: 3 years"),
            ("sections/implementation.yaml", "<insert roles / group>", "Housing Management Team"),
        ],
        (
            "sections/implementation.yaml",
            "  - id: amendments",
            "  - id: complaints\n    text: Tenants can complain about a breach of this Code.\n\n "
            " - id: amendments",
        ),
    ),
    "nhf-model": (
        "nhf-code",
        [],
        (
            "sections/integrity.yaml",
            "        audience: Staff members\n        clauses:\n",
            (
                "        audience: Staff members\n        clauses:\n          - id: "
                "staff-no-gifts\n            text: Staff members do not accept gifts from "
                "tenants or contractors.\n"
            ),
        ),
    ),
}


def edit(root: Path, doc: str, name: str, old: str, new: str) -> None:
    path = root / "content" / doc / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module", params=sorted(FIXTURES))
def built(request, tmp_path_factory) -> tuple[Path, Document]:
    doc, approvable, renumbering = FIXTURES[request.param]
    root = tmp_path_factory.mktemp(request.param)
    shutil.copytree(REPO / "tests" / "fixtures" / request.param, root / "content")
    git = Git(root)
    for change in approvable:
        edit(root, doc, *change)
    git.commit("Add the policy", "First version.", date="2026-01-05T10:00:00+00:00")
    git.consult(date="2026-02-01", doc=doc)
    approved = run_cli("approve", doc, "--by", "Board", "--date", "2026-03-01", cwd=root, env=TODAY)
    assert approved.returncode == 0, approved.stdout + approved.stderr
    edit(root, doc, *renumbering)
    git.commit(
        "Add a clause",
        "A new clause; those after it move on by one.",
        date="2026-04-01T10:00:00+00:00",
    )
    result = run_cli("build", cwd=root, env=TODAY)
    assert result.returncode == 0, result.stdout + result.stderr
    return root, load_library(root / "content", root).library.document(doc)


def _points(points: tuple[Point, ...]) -> list[str]:
    out = []
    for point in points:
        out += ([point.number] if point.number else []) + _points(point.points)
    return out


def expected(document: Document) -> tuple[list[str], list[str], list[str]]:
    """The headings, clause numbers and item markers in reading order, from the model."""
    headings, clauses, items = [], [], []
    for section in document.all_sections():
        headings += [section.heading] + [group.audience for group in section.groups]
        items += _points(section.points)
        for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
            clauses.append(clause.number)
            items += _points(clause.points)
    return headings, clauses, items


def test_docx_pdf_and_site_show_the_model_s_numbers(built):
    root, document = built
    headings, clauses, items = expected(document)
    assert len(set(clauses)) == len(clauses) and any(c for c in clauses)
    out = root / "build" / document.id

    docx = open_docx(out / f"{document.id}.docx")
    styles = [(p.style.name, p.text) for p in docx.paragraphs]
    # the version table's second part has a heading of its own in the DOCX and the PDF
    assert [
        text
        for style, text in styles
        if style.startswith("Heading") and text != "Document controls sheet"
    ] == headings
    assert [text.split("\t")[0] for style, text in styles if style == "Clause"] == clauses
    assert [text.split("\t")[0] for style, text in styles if style == "Clause Item"] == items

    with pikepdf.open(out / f"{document.id}.pdf") as pdf, pdf.open_outline() as outline:
        marks: list[str] = []

        def walk(entries) -> None:
            for entry in entries:
                marks.append(str(entry.title))
                walk(entry.children)

        walk(outline.root)
    assert [m for m in marks if m != "Document controls sheet"] == headings
    tagged = tagged_texts(out / f"{document.id}.pdf")
    # the list items' labels (the cover's and version control's facts are labelled items too,
    # their labels in bold)
    labels = [
        text
        for n, (tag, text) in enumerate(tagged)
        if tag == "Lbl" and text != "•" and tagged[n + 1][0] != "Strong"
    ]
    assert labels == items
    paragraphs = [text for tag, text in tagged if tag == "P"]
    at = 0
    for number in clauses:  # each clause's paragraph starts with its number, in order
        at = next(
            (
                i
                for i in range(at, len(paragraphs))
                if re.match(rf"{re.escape(number)}(?![\d.(])", paragraphs[i])
            ),
            None,
        )
        assert at is not None, (number, paragraphs)
        at += 1

    # the working copy is the draft ahead of the version in force
    page = (root / "build" / "site" / document.id / "draft" / "index.html").read_text("utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    site_headings = [
        re.sub(r"\s*¶$", "", re.sub(r"<[^>]+>", "", title)).strip()
        for _, title in re.findall(r"<h([2-6])[^>]*>(.*?)</h\1>", article, re.DOTALL)
    ]
    assert site_headings == headings
    assert re.findall(r'class="pp-number"[^>]*>([^<]+)<', article) == clauses
    assert re.findall(r'class="pp-marker"[^>]*>([^<]+)<', article) == items


def test_diff_and_history_give_the_same_numbers(built):
    root, document = built
    numbers = {section.id: section.number for section in document.all_sections()}
    for section in document.all_sections():
        numbers.update(
            {
                c.id: c.number
                for c in section.clauses + tuple(c for g in section.groups for c in g.clauses)
            }
        )
    diff = run_cli("diff", document.id, "--format", "json", cwd=root, env=TODAY)
    assert diff.returncode == 0, diff.stderr
    changes = json.loads(diff.stdout)["changes"]
    assert [c["kind"] for c in changes][:1] == ["added"] and "renumbered" in [
        c["kind"] for c in changes
    ]
    for change in changes:
        if change["id"] in numbers:
            assert change["number"] == numbers[change["id"]], change
    history = json.loads(
        run_cli("history", document.id, "--format", "json", cwd=root, env=TODAY).stdout
    )
    assert history["version"] == "1.0"
    # newest first: the change after the approval, then the approved version's rows
    assert [row["version"] for row in history["rows"]] == ["Draft"] + ["1.0"] * (
        len(history["rows"]) - 1
    )
    out = root / "build" / document.id
    docx = open_docx(out / f"{document.id}.docx")
    cover = [p.text for p in docx.paragraphs if p.style.name == "Cover Detail"]
    assert (
        f"Version: Proposed version {history['proposed_version']} — changes to version "
        f"{history['version']}" in cover[0]
    )
    tables = {
        t.rows[0].cells[0].text: [[c.text for c in r.cells] for r in t.rows[1:]]
        for t in docx.tables
    }
    # the cabinet's summary of changes numbers them as `diff` does; the controls sheet
    # lists history's rows
    # (first line: where, as readers cite it, from the same numbers)
    assert len(tables["Where"]) == len(changes)
    for row, change in zip(tables["Where"], changes, strict=True):
        assert row[0].split("\n")[0].lower().endswith(change["where"].lower()), (row[0], change)
        assert change["number"] in change["where"] or not change["number"], change
    changes = [line.split(": ", 1)[1] for row in tables["Version"] for line in row[4].split("\n")]
    assert changes == [f"{row['summary']} ({row['author']})" for row in history["rows"]]
    # the version facts: a label and its value (Lbl, LBody; or TH, TD where typst can tag a row
    # header)
    cells = [
        text
        for tag, text in tagged_texts(out / f"{document.id}.pdf")
        if tag in ("TD", "TH", "Lbl", "LBody")
    ]
    assert [
        "Version",
        f"Proposed version {history['proposed_version']} — changes to version {history['version']}",
    ] == [cells[cells.index("Version")], cells[cells.index("Version") + 1].split(" (in force")[0]]
    page = re.sub(
        r"<[^>]+>",
        "|",
        (root / "build" / "site" / document.id / "history" / "index.html").read_text("utf-8"),
    )
    for row in history["versions"]:
        assert f"|{row['label']}|" in page
    for row in history["rows"]:
        assert row["summary"] in page
