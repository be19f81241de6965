"""The second fixture, a code in the National Housing Federation model's structure
(tests/fixtures/nhf-model): built from a real git repository, its numbers and headings are read
back from the PDF, the DOCX, the site, `diff` and `history` and must be exactly those a reader of
the original expects."""

from __future__ import annotations

import json
import re
import shutil

import pikepdf
import pytest
from docx import Document as open_docx
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams

from tests.conftest import IDENTITY, REPO, Git, run_cli
from tests.pdftags import tagged_texts

FIXTURE = REPO / "tests" / "fixtures" / "nhf-model"
DOC = "nhf-code"
TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}

# (level, heading) as in the original: unnumbered opening parts, principles A-D, each with an
# unnumbered "Main principle" and "Provisions" and the audience headings under them.
OUTLINE = [
    (1, "Introduction"),
    (2, "Our values"),
    (3, "Listening first"),
    (3, "Straight talking"),
    (3, "Fair to everyone"),
    (3, "Careful with money"),
    (3, "Always learning"),
    (1, "Code of conduct"),
    (1, "Associated policies and procedures"),
    (1, "Breach of the code"),
    (1, "Equality impact assessment"),
    (1, "The main principles of the code"),
    (1, "A Integrity"),
    (2, "Main principle"),
    (2, "Provisions"),
    (3, "Board members"),
    (3, "Staff members"),
    (3, "Involved customers"),
    (1, "B Openness and accountability"),
    (2, "Main principle"),
    (2, "Provisions"),
    (3, "Board members"),
    (3, "Staff members"),
    (3, "Involved customers"),
    (1, "C Acting in the public interest"),
    (2, "Main principle"),
    (2, "Provisions"),
    (3, "Board members"),
    (3, "Involved customers"),
    (3, "Political activity"),
    (1, "D Conflicts of interest"),
    (2, "Main principle"),
    (2, "Provisions"),
    (3, "Board members"),
    (3, "Staff members"),
    (1, "Document history"),
    (2, "Document controls sheet"),
    (1, "Appendix 1 Connected persons"),
    (1, "Appendix 2 Declaration"),
]
# The PDF and DOCX also head the version table's second part (and list it in their contents);
# the site does not.
SECTIONS = [h for h in OUTLINE if h[1] != "Document controls sheet"]
# Clause and item lines as the original prints them, references resolved.
LINES = [
    "A1 Board members do not use information they learn on the board for private gain.",
    "A4 Staff members report any attempt to influence their decisions improperly, following A2 "
    "where a gift is offered.",
    "A5 Involved customers speak for the tenants they represent",
    "B4 Involved customers report back to the groups they represent after each meeting, keeping "
    "to C2.",
    "C3 Nobody uses the Trust's name",
    "C4 Staff members who stand for election tell their manager first; clause C1 still applies",
    "D1 Board members declare:",
    "a) their paid work and directorships;",
    "b) the interests of any connected person (see Appendix 1, paragraph 1(a));",
    "D2 A board member with an interest declared under D1(b) leaves the meeting",
    "D3 Staff members declare the same interests as board members do under D1.",
    "1. A person is connected to a board member or staff member if they are:",
    "a) a member of their family, which means:",
    "i. a spouse, civil partner or someone they live with as a couple;",
    "iii. the partner of anyone named in paragraph 1(a)(ii);",
    "c) a trustee of a trust",
    "2. A person stops being connected under paragraph 1(a) or 1(b) twelve months after",
    "3. If you are not sure whether paragraph 1 applies",
    "2.1 I have read this code and I will follow it.",
    "(see section B). Concerns about connected persons are handled as set out in Appendix 1.",
    "Principle A is about integrity, principle B about openness and accountability, principle C",
]

# The vision statement, a displayed quotation between two paragraphs of the introduction; and a
# list followed by a closing paragraph, in "Breach of the code". Each output must keep them in
# this order, the quotation marked as one.
BEFORE_QUOTE = "The board agreed our vision in 2025:"
VISION = (
    "A safe, warm and affordable home for everyone who needs one, in a neighbourhood where "
    "people are glad to live."
)
AFTER_QUOTE = (
    "This code sets out how our board members, staff members and involved customers "
    "behave when they act for the Trust. It does not replace the law or anyone's "
    "contract of employment."
)
LEAD_IN = "If you think someone has broken this code, you can:"
BULLETS = [
    "tell your manager or the chair of your group;",
    "write to the Company Secretary; or",
    "raise it under the Whistleblowing Policy if you would rather not be named.",
]
CLOSING = (
    "Whichever way you choose, you will not be treated less favourably for raising a concern "
    "in good faith. We will tell you what we have done about it within 20 working days."
)


def _contains_run(sequence: list, run: list) -> bool:
    """True when `run` appears in `sequence` as consecutive entries."""
    return any(sequence[i : i + len(run)] == run for i in range(len(sequence) - len(run) + 1))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Git:
    root = tmp_path_factory.mktemp("nhf")
    shutil.copytree(FIXTURE, root / "content")
    git = Git(root)
    git.commit("Add the code", "First draft of the code.", date="2026-01-05T10:00:00+00:00")
    built = run_cli("build", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    return git


def test_it_checks_without_errors(repo: Git):
    result = run_cli("check", cwd=repo.root, env=TODAY)
    assert result.returncode == 0, result.stdout
    assert " 0 error(s)" in result.stdout


def test_pdf_numbers_headings_and_bookmarks(repo: Git):
    pdf_path = repo.root / "build" / DOC / f"{DOC}.pdf"
    text = _flat(extract_text(pdf_path, laparams=LAParams(boxes_flow=None)))  # in reading order
    for line in LINES:
        assert line in text
    for wrong in ("G Integrity", "G1", "E Document history", "A Introduction"):
        assert wrong not in text
    with pikepdf.open(pdf_path) as pdf:
        with pdf.open_outline() as outline:
            marks: list[tuple[int, str]] = []

            def walk(items, level=1):
                for item in items:
                    marks.append((level, str(item.title)))
                    walk(item.children, level + 1)

            walk(outline.root)
        assert marks == OUTLINE
        tags: dict[str, list[str]] = {}

        def visit(node):
            if isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    tags.setdefault(str(node.S), []).append("")
                kids = node.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    visit(kid)

        visit(pdf.Root.StructTreeRoot)
    levels = {level for level, _ in OUTLINE}
    assert all(
        len(tags.get(f"/H{n}", [])) >= sum(1 for lv, _ in OUTLINE if lv == n) for n in levels
    )


def test_pdf_tags_the_quotation_and_keeps_the_closing_paragraph_after_its_list(repo: Git):
    tagged = tagged_texts(repo.root / "build" / DOC / f"{DOC}.pdf")
    assert [text for tag, text in tagged if tag == "BlockQuote"] == [VISION]
    blocks = [(tag, text) for tag, text in tagged if tag in ("P", "BlockQuote", "LBody", "H1")]
    # the quotation's own paragraph is tagged inside the BlockQuote, straight after it
    assert _contains_run(
        blocks, [("P", BEFORE_QUOTE), ("BlockQuote", VISION), ("P", VISION), ("P", AFTER_QUOTE)]
    )
    assert _contains_run(
        blocks,
        [("P", LEAD_IN)]
        + [("LBody", b) for b in BULLETS]
        + [("P", CLOSING), ("H1", "Equality impact assessment")],
    )


def test_docx_quote_style_and_closing_paragraph_in_order(repo: Git):
    docx = open_docx(repo.root / "build" / DOC / f"{DOC}.docx")
    paragraphs = [(p.style.name, p.text) for p in docx.paragraphs]
    assert [text for style, text in paragraphs if style == "Quote"] == [VISION]
    assert _contains_run(
        paragraphs, [("Normal", BEFORE_QUOTE), ("Quote", VISION), ("Normal", AFTER_QUOTE)]
    )
    assert _contains_run(
        paragraphs,
        [("Lead-in", LEAD_IN)]
        + [("List Bullet", b) for b in BULLETS]
        + [("Normal", CLOSING), ("Heading 1", "Equality impact assessment")],
    )


def test_site_blockquote_and_closing_paragraph_in_order(repo: Git):
    page = (repo.root / "build" / "site" / DOC / "index.html").read_text("utf-8")
    body = page[page.index("<article") : page.index("</article>")]
    body = re.sub(r"<(\w+)[^>]*>", r"<\1>", re.sub(r">\s+<", "><", body)).replace("&#39;", "'")
    assert body.count("<blockquote>") == 1
    assert (
        f"<p>{BEFORE_QUOTE}</p><blockquote><p>{VISION}</p></blockquote><p>{AFTER_QUOTE}</p>" in body
    )
    bullets = "".join(f"<li>{b}</li>" for b in BULLETS)
    assert (
        f"<p>{LEAD_IN}</p><ul>{bullets}</ul><p>{CLOSING}</p><h2>Equality impact assessment" in body
    )


def test_docx_headings_numbers_and_items(repo: Git):
    docx = open_docx(repo.root / "build" / DOC / f"{DOC}.docx")
    headings = [
        (int(p.style.name.split()[-1]), p.text)
        for p in docx.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert headings == OUTLINE
    contents = [p.text for p in docx.paragraphs if p.style.name in ("toc 1", "toc 2", "toc 3")]
    assert contents == [h for level, h in OUTLINE]  # every entry of the PDF's outline
    text = _flat(" ".join(p.text.replace("\t", " ") for p in docx.paragraphs))
    for line in LINES:
        assert line in text
    items = [p.text.split("\t")[0] for p in docx.paragraphs if p.style.name == "Clause Item"]
    assert items == ["a)", "b)", "c)", "1.", "a)", "i.", "ii.", "iii.", "b)", "c)", "2.", "3."]


def test_site_headings_table_of_contents_and_numbers(repo: Git):
    page = (repo.root / "build" / "site" / DOC / "index.html").read_text("utf-8")
    body = page[page.index("<article") : page.index("</article>")]
    found = [
        (int(level) - 1, re.sub(r"<[^>]+>", "", title).strip())
        for level, title in re.findall(r"<h([2-6])[^>]*>(.*?)</h\1>", body, re.DOTALL)
    ]
    assert [(lv, re.sub(r"\s*¶$", "", t)) for lv, t in found] == SECTIONS
    toc = page[page.index('data-md-component="toc"') :]
    for heading in ("Main principle", "Provisions", "Political activity", "Our values"):
        assert f">{heading}<" in re.sub(r"\s*</span>", "<", re.sub(r"<span[^>]*>\s*", ">", toc))
    text = _flat(re.sub(r"<[^>]+>", " ", body).replace("&#x27;", "'").replace(" link ", " "))
    text = re.sub(r" ([),;.:])", r"\1", re.sub(r"\( ", "(", text))
    for line in (
        "A4 Staff members report any attempt to influence their decisions improperly, "
        "following A2 where a gift is offered.",
        "b) the interests of any connected person (see Appendix 1, paragraph 1(a));",
        "iii. the partner of anyone named in paragraph 1(a)(ii);",
        "2.1 I have read this code and I will follow it.",
    ):
        assert line in text


def test_diff_and_history_use_the_numbers_readers_see(repo: Git):
    root = repo.root
    repo.consult(date="2026-02-01", doc=DOC)
    approved = run_cli("approve", DOC, "--by", "Board", "--date", "2026-03-01", cwd=root, env=TODAY)
    assert approved.returncode == 0, approved.stdout + approved.stderr
    integrity = root / "content" / DOC / "sections" / "integrity.yaml"
    integrity.write_text(
        integrity.read_text("utf-8").replace(
            "        audience: Staff members\n        clauses:\n",
            "        audience: Staff members\n        clauses:\n          - id: staff-no-gifts\n"
            "            text: Staff members do not accept gifts from tenants or contractors.\n",
        ),
        "utf-8",
    )
    appendix = root / "content" / DOC / "sections" / "connected-persons.yaml"
    appendix.write_text(appendix.read_text("utf-8").replace("twelve months", "six months"), "utf-8")
    breach = root / "content" / DOC / "sections" / "breach.yaml"
    breach.write_text(
        breach.read_text("utf-8")
        .replace("by the Chair", "by the Vice-Chair")
        .replace("[[openness]]", "[[integrity]]"),
        "utf-8",
    )
    repo.commit(
        "Propose changes",
        "A new staff provision and a shorter period.",
        date="2026-04-01T10:00:00+00:00",
    )

    result = run_cli("diff", DOC, "--format", "json", cwd=root, env=TODAY)
    assert result.returncode == 0, result.stderr
    changes = {c["id"]: (c["number"], c["kind"]) for c in json.loads(result.stdout)["changes"]}
    assert changes == {
        "breach:intro": ("", "modified"),
        "staff-no-gifts": ("A3", "added"),
        "staff-no-favours": ("A4", "renumbered"),
        "staff-report-pressure": ("A5", "renumbered"),
        "customers-own-view": ("A6", "renumbered"),
        "connected-ends": ("Appendix 1, paragraph 2", "modified"),
    }
    # references show the numbers readers see, each version's own, in the text and the reasons
    breach_change = next(
        c for c in json.loads(result.stdout)["changes"] if c["id"] == "breach:intro"
    )
    assert (
        "Company Secretary (see section B). Concerns about connected persons are handled as set "
        "out in Appendix 1." in breach_change["before"]
    )
    assert "(see section A)" in breach_change["after"] and "openness" not in result.stdout
    assert "wording changed: 'B' → 'A'" in breach_change["reasons"]
    built = run_cli("build", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    cabinet = open_docx(root / "build" / DOC / f"{DOC}.docx")
    summary = next(t for t in cabinet.tables if t.rows[0].cells[0].text == "Where")
    proposed = [cell.text for cell in summary.rows[0].cells].index("Proposed wording")
    marked = {
        row.cells[0].paragraphs[0].text: [
            (run.text, bool(run.font.strike), bool(run.underline))
            for paragraph in row.cells[proposed].paragraphs
            for run in paragraph.runs
        ]
        for row in summary.rows[1:]
    }["Breach of the code, introduction"]
    # the cross-reference's old label struck through, the new one underlined, as readers see them
    assert ("B", True, False) in marked and ("A", False, True) in marked
    assert "openness" not in "".join(text for text, _, _ in marked)
    page = (root / "build" / "site" / DOC / "changes" / "index.html").read_text("utf-8")
    assert "(see section <del>" in page and "openness" not in page
    text = run_cli("diff", DOC, cwd=root, env=TODAY).stdout
    assert "## 1. Breach of the code, introduction (“" in text
    assert "Renumbered from A3 to A4" in text
    assert "Appendix 1, paragraph 2 (“" in text and "`connected-ends`" not in text
    history = run_cli("history", DOC, cwd=root, env=TODAY)
    assert history.returncode == 0, history.stderr
    assert (
        "| Not yet approved |  |  | 1 April 2026: A new staff provision and a shorter period."
        in history.stdout
    )
    assert "| 1.0 (in force) |" in history.stdout
