"""`policypress import`: Word and Markdown files in, the source format out, checked by
policypress's own loader, with a report that names everything it could not bring in."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx import Document as open_docx
from ruamel.yaml import YAML

from policypress.build import build
from policypress.load.loader import load_library
from policypress.model import Paragraph, Quote, Span
from tests.conftest import REPO, run_cli
from tests.wordfiles import add_abstract_numbering, council_code, hyperlink, numbered, table

SECOND = REPO / "tests" / "fixtures" / "second-document"
NHF = REPO / "tests" / "fixtures" / "nhf-model"
EPOCH = {"SOURCE_DATE_EPOCH": "1795000000"}


def _import(tmp_path: Path, source: Path, doc_id: str, *extra: str):
    return run_cli(
        "import", str(source), "--id", doc_id, "--content", "content", *extra, cwd=tmp_path
    )


def _docx_text(path: Path) -> str:
    docx = open_docx(str(path))
    texts = [p.text for p in docx.paragraphs]
    texts += [c.text for t in docx.tables for r in t.rows for c in r.cells]
    return "\n".join(" ".join(t.replace("\t", " ").split()) for t in texts)


def test_the_councils_word_file_imports_checks_and_builds_with_the_same_numbers(tmp_path):
    source = council_code(tmp_path / "Code of Conduct.docx")
    shutil.copytree(
        REPO / "content", tmp_path / "content", ignore=shutil.ignore_patterns("code-of-conduct")
    )
    done = _import(tmp_path, source, "housing-code")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "paragraphs 3–7: the table of contents" in done.stdout
    assert (
        "Numbers: every number shown in the file is the number the build will show." in done.stdout
    )
    folder = tmp_path / "content" / "housing-code"
    yaml = YAML(typ="safe")
    meta = yaml.load((folder / "document.yaml").read_text())
    assert (meta["title"], meta["policy-owner"], meta["approving-body"], meta["review-period"]) == (
        "Code of Conduct for Housing Staff",
        "Housing Services",
        "Cabinet",
        "3 years",
    )
    history = yaml.load((folder / "history-before-git.yaml").read_text())
    assert history["in-force"] == {
        "version": "1.0",
        "approval-date": "2023-05-01",
        "approved-by": "Cabinet",
        "scheduled-review": "2026-05-01",
    }
    assert [(r["date"], r["summary"], r["author"], r.get("approver")) for r in history["rows"]] == [
        ("2023-05-01", "Approved by Cabinet.", "Jo Bloggs", "Cabinet"),
        ("2023-03-14", "First draft for consultation.", "Jo Bloggs", None),
    ]
    intro = (folder / "sections" / "introduction.yaml").read_text()
    assert (
        "**principles**" in intro
        and "*all*" in intro
        and "[CIH Code of Conduct](https://www.cih.org/code)" in intro
    )
    assert (
        (folder / "sections" / "introduction.yaml")
        .read_text()
        .startswith(
            "# yaml-language-server: "
            "$schema=../../../scripts/policypress/schemas/section.schema.json"
        )
    )

    checked = run_cli("check", "--content", "content", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    built = run_cli(
        "build",
        "--content",
        "content",
        "--out",
        "build",
        "--only",
        "docx,pdf",
        cwd=tmp_path,
        env=EPOCH,
    )
    assert built.returncode == 0, built.stderr
    out = _docx_text(tmp_path / "build" / "housing-code" / "housing-code.docx")
    original = open_docx(str(source))
    for paragraph in original.paragraphs:  # every line of the Word text, with its number
        line = " ".join(paragraph.text.split())
        if line and line not in ("DRAFT", "Document controls sheet"):
            assert line in out, line
    assert "1.1 The Code sets out the principles" in out and "2.1 Act with integrity" in out
    from pdfminer.high_level import extract_text

    pdf = " ".join(
        extract_text(str(tmp_path / "build" / "housing-code" / "housing-code.pdf")).split()
    )
    assert "1.2 Staff will contribute to a professional" in pdf.replace("\u00ad", "")


def _nhf_file(path: Path) -> Path:
    """A lettered code: a multi-level list 1. / a) / i. from an abstract numbering, a quote."""
    docx = new_docx()
    docx.add_paragraph("Board code", style="Title")
    docx.add_heading("A Conduct", level=1)
    docx.add_paragraph("Our vision is a home for everyone.", style="Quote")
    docx.add_paragraph("A1 Board members must:")
    num = add_abstract_numbering(
        docx,
        [("decimal", "%1.", 1), ("lowerLetter", "%2)", 1), ("lowerRoman", "%3.", 1)],
        num_id=70,
    )
    for text, level in (
        ("declare interests;", 0),
        ("in companies;", 1),
        ("held by family;", 2),
        ("in charities;", 1),
        ("keep papers safe.", 0),
    ):
        numbered(docx.add_paragraph(text), num, level)
    p = docx.add_paragraph("A2 Read the ")
    hyperlink(p, "probity policy", "https://example.org/probity")
    p.add_run(".")
    docx.save(str(path))
    return path


def test_a_multilevel_list_imports_with_its_own_item_styles_and_the_quote_as_a_quotation(tmp_path):
    source = _nhf_file(tmp_path / "board.docx")
    done = _import(tmp_path, source, "board")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "Numbers: every number shown in the file is the number the build will show." in done.stdout
    )
    meta = YAML(typ="safe").load((tmp_path / "content/board/document.yaml").read_text())
    assert meta["numbering"] == {"sections": "A", "items": ["1.", "a)", "i."]}
    section = YAML(typ="safe").load((tmp_path / "content/board/sections/conduct.yaml").read_text())
    clause = section["clauses"][0]
    assert [p["text"] for p in clause["numbered"]] == ["declare interests;", "keep papers safe."]
    assert clause["numbered"][0]["numbered"][1]["text"] == "in charities;"
    assert clause["numbered"][0]["numbered"][0]["numbered"][0]["text"] == "held by family;"
    assert section["intro"].strip() == "> Our vision is a home for everyone."
    assert "[probity policy](https://example.org/probity)" in section["clauses"][1]["text"]
    assert run_cli("check", "--content", "content", cwd=tmp_path).returncode == 0
    built = run_cli(
        "build", "--content", "content", "--out", "build", "--only", "docx", cwd=tmp_path, env=EPOCH
    )
    assert built.returncode == 0, built.stderr
    text = _docx_text(tmp_path / "build/board/board.docx")
    for line in (
        "A1 Board members must:",
        "1. declare interests;",
        "a) in companies;",
        "i. held by family;",
        "b) in charities;",
        "2. keep papers safe.",
    ):
        assert line in text, line


def test_what_the_format_cannot_hold_is_named_not_dropped(tmp_path):
    docx = new_docx()
    docx.add_heading("1.0 Scope", level=1)
    docx.add_paragraph("1.1 This policy covers every tenancy.")
    docx.add_paragraph("Signed: ……………………")
    table(docx, [["Rent band", "Amount"], ["A", "£90"]])
    docx.save(str(tmp_path / "odd.docx"))
    done = _import(tmp_path, tmp_path / "odd.docx", "odd")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Not imported (this text would be lost):" in done.stdout
    assert (
        "paragraph 3 (“Signed: ……………………”): an unnumbered paragraph after clause 1.1, not set in "
        "under it"
    ) in done.stdout
    assert "table 1 (“Rent band Amount”): a table; the source format has no tables" in done.stdout
    assert "2 part(s) of the file were not imported" in done.stdout


def test_existing_folders_are_kept_unless_forced_and_a_dry_run_writes_nothing(tmp_path):
    source = council_code(tmp_path / "code.docx")
    dry = _import(tmp_path, source, "code", "--dry-run")
    assert dry.returncode == 0 and "Nothing was written (--dry-run)." in dry.stdout
    assert not (tmp_path / "content").exists()
    assert _import(tmp_path, source, "code").returncode == 0
    marker = tmp_path / "content/code/sections/introduction.yaml"
    marker.write_text("changed by hand")
    again = _import(tmp_path, source, "code")
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr.strip().count("\n") == 0 and "--force" in again.stderr
    assert marker.read_text() == "changed by hand"
    assert _import(tmp_path, source, "code", "--force").returncode == 0
    assert marker.read_text() != "changed by hand"
    bad = _import(tmp_path, source, "Bad Id")
    assert bad.returncode == 2 and "cannot be a document id" in bad.stderr


def _spans(spans: tuple[Span, ...], numbers: dict[str, str]) -> tuple:
    return tuple(
        (
            s.kind,
            s.text if s.kind != "ref" else numbers.get(s.target),
            s.target if s.kind == "link" else "",
            _spans(s.children, numbers),
        )
        for s in spans
    )


def _shape(document) -> tuple:
    """Everything a reader sees of a document, ids aside: structure, numbers, texts, links,
    emphasis, lists (with their start numbers), quotations and closing text."""
    n = document.numbers

    def text(t):
        return _spans(t.spans, n) if t else None

    def blocks(items):
        return tuple(
            ("p", text(b.text))
            if isinstance(b, Paragraph)
            else ("quote", blocks(b.blocks))
            if isinstance(b, Quote)
            else (
                "list",
                b.ordered,
                b.start,
                b.delimiter,
                tuple((text(i.text), blocks(i.blocks)) for i in b.items),
            )
            for b in items
        )

    def points(items):
        return tuple((p.number, text(p.text), points(p.points)) for p in items)

    def clauses(items):
        return tuple(
            (c.number, text(c.text), blocks(c.more), points(c.points), blocks(c.closing))
            for c in items
        )

    def section(s):
        return (
            s.number,
            s.title,
            s.level,
            s.kind,
            s.standards,
            blocks(s.principle),
            blocks(s.intro),
            text(s.lead_in),
            points(s.points),
            blocks(s.closing),
            clauses(s.clauses),
            tuple((g.audience, clauses(g.clauses)) for g in s.groups),
            tuple(section(x) for x in s.sections),
            s.appendix,
        )

    m = document.meta
    return (
        (
            m.title,
            m.organisation,
            m.document_type,
            m.policy_owner,
            m.approving_body,
            m.numbering,
            m.summary,
            m.language,
        ),
        tuple(section(s) for s in document.sections),
        tuple(section(s) for s in document.appendices),
        document.associated_policies,
    )


@pytest.mark.parametrize(
    "fixture, doc_id",
    [(SECOND, "board-code"), (REPO / "content", "code-of-conduct"), (NHF, "nhf-code")],
)
def test_round_trip_build_the_docx_import_it_and_get_the_same_document(tmp_path, fixture, doc_id):
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH["SOURCE_DATE_EPOCH"]
    try:
        build(fixture, tmp_path / "build", only={"docx"})
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH")
    (tmp_path / "content").mkdir()
    shutil.copy2(fixture / "standards.yaml", tmp_path / "content" / "standards.yaml")
    done = _import(tmp_path, tmp_path / "build" / doc_id / f"{doc_id}.docx", doc_id)
    assert "Not imported" not in done.stdout, done.stdout
    original = load_library(fixture, REPO).library.document(doc_id)
    imported = load_library(tmp_path / "content", tmp_path).library.document(doc_id)
    assert _shape(imported) == _shape(original)


def test_markdown_files_import_too(tmp_path):
    source = tmp_path / "tenancy.md"
    source.write_text(
        "# Tenancy policy\n\n## 1.0 Introduction\n\n1.1 We manage **tenancies** fairly.\n\n"
        "1.2 Staff must:\n\n- be fair;\n- be *quick*.\n\n## 2.0 Appeals\n\n"
        "2.1 See [our site](https://example.org).\n",
        encoding="utf-8",
    )
    done = _import(tmp_path, source, "tenancy")
    assert done.returncode == 0, done.stdout
    document = load_library(tmp_path / "content", tmp_path).library.document("tenancy")
    assert document.meta.title == "Tenancy policy"
    assert [(c.number, c.text.plain()) for s in document.sections for c in s.clauses] == [
        ("1.1", "We manage tenancies fairly."),
        ("1.2", "Staff must:"),
        ("2.1", "See our site."),
    ]
    assert [p.text.plain() for p in document.sections[0].clauses[1].points] == [
        "be fair;",
        "be quick.",
    ]


def test_the_default_document_laid_out_as_the_councils_word_file_imports_as_todays_content(
    tmp_path,
):
    """Done when: a Word file of the default document as the council lays it out (typed "1.0" and
    "1.1", bullets from Word numbering, the contents in a content control, the version table)
    comes back as today's content, numbers and all."""
    from tests.wordfiles import contents_control

    original = load_library(REPO / "content", REPO).library.document("code-of-conduct")
    docx = new_docx()
    docx.add_paragraph(original.meta.title, style="Title")
    docx.add_paragraph("DRAFT")
    contents_control(docx, [f"{s.number} {s.title}" for s in original.all_sections()])
    for section in original.all_sections():
        docx.add_heading(f"{section.number} {section.title}", level=section.level)
        if section.standards:
            names = [x.name for x in section.standards]
            docx.add_paragraph(
                "Links to the CIH professional standards: "
                + ", ".join(names[:-1])
                + f" and {names[-1]}"
            )
        if section.lead_in:
            docx.add_paragraph(section.lead_in.plain())
        for point in section.points:
            docx.add_paragraph(point.text.plain(), style="List Bullet")
        for clause in section.clauses:
            docx.add_paragraph(f"{clause.number} {clause.text.plain()}")
        if section.kind == "version-control":
            table(
                docx,
                [
                    ["Approval date", "TBC"],
                    ["Approved by", "Cabinet"],
                    ["Policy owner", original.meta.policy_owner],
                    ["Scheduled review", "TBC"],
                ],
            )
            docx.add_paragraph("Document controls sheet")
            table(
                docx,
                [
                    ["Date", "Summary of change", "Author and approver"],
                    ["", "", "Author: Approver(s):"],
                ],
            )
    docx.save(str(tmp_path / "code.docx"))
    (tmp_path / "content").mkdir()
    shutil.copy2(REPO / "content" / "standards.yaml", tmp_path / "content" / "standards.yaml")
    done = _import(tmp_path, tmp_path / "code.docx", "code-of-conduct")
    assert done.returncode == 0, done.stdout
    imported = load_library(tmp_path / "content", tmp_path).library.document("code-of-conduct")
    assert _shape(imported)[1:] == _shape(original)[1:]
    assert (
        imported.meta.title,
        imported.meta.policy_owner,
        imported.meta.approving_body,
        imported.meta.status,
    ) == (original.meta.title, original.meta.policy_owner, "Cabinet", "draft")
    assert not (
        tmp_path / "content/code-of-conduct/history-before-git.yaml"
    ).exists()  # nothing approved yet


def _pdf_text(path: Path) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    text = extract_text(str(path), laparams=LAParams(boxes_flow=None))  # in reading order
    return " ".join(text.replace("\u00ad", "").split())


def test_a_word_file_in_the_nhf_layout_imports_checks_and_builds_with_the_same_numbers(tmp_path):
    """Unnumbered opening parts, lettered principles with "Main principle" and "Provisions" and
    audience headings, Appendix 1 with 1. / a) / i. from Word numbering, a quotation, a list
    followed by a paragraph: each is mapped onto the source format, nothing is lost, and every
    line of the Word text is in the PDF and the DOCX with the number Word showed."""
    from tests.wordfiles import nhf_layout

    source, lines = nhf_layout(tmp_path / "Trust code.docx")
    done = _import(tmp_path, source, "trust-code")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Not imported" not in done.stdout
    assert (
        "Numbers: every number shown in the file is the number the build will show." in done.stdout
    )
    folder = tmp_path / "content" / "trust-code"
    yaml = YAML(typ="safe")
    meta = yaml.load((folder / "document.yaml").read_text())
    assert meta["numbering"] == {
        "sections": "A",
        "items": ["1.", "a)", "i."],
        "appendices": "Appendix 1",
    }
    intro = yaml.load((folder / "sections/introduction.yaml").read_text())
    assert intro["unnumbered"] is True
    assert intro["sections"][0]["unnumbered"] is True
    assert intro["sections"][0]["intro"].startswith("> Everyone has a safe, warm")
    breach = yaml.load((folder / "sections/breach-code.yaml").read_text())
    assert (
        breach["lead-in"] == "If someone breaks this code we may:" and len(breach["bullets"]) == 2
    )
    assert breach["closing"].strip() == "We tell the person in writing what we decided and why."
    integrity = yaml.load((folder / "sections/integrity.yaml").read_text())
    assert [(s["title"], s.get("unnumbered")) for s in integrity["sections"]] == [
        ("Main principle", True),
        ("Provisions", True),
    ]
    groups = integrity["sections"][1]["groups"]
    assert [g["audience"] for g in groups] == ["Board members", "Staff members"]
    assert groups[0]["clauses"][1]["items"] == ["a)"]
    assert groups[1]["clauses"][0]["text"].endswith(
        "\n\nThis applies to lettings and transfers too."
    )

    document = load_library(tmp_path / "content", tmp_path).library.document("trust-code")
    assert [s.heading for s in document.all_sections()][:6] == [
        "Introduction",
        "Our vision",
        "Breach of the code",
        "A Integrity",
        "Main principle",
        "Provisions",
    ]
    assert run_cli("check", "--content", "content", cwd=tmp_path).returncode == 0
    built = run_cli(
        "build",
        "--content",
        "content",
        "--out",
        "build",
        "--only",
        "docx,pdf",
        cwd=tmp_path,
        env=EPOCH,
    )
    assert built.returncode == 0, built.stderr
    docx = _docx_text(tmp_path / "build/trust-code/trust-code.docx")
    pdf = _pdf_text(tmp_path / "build/trust-code/trust-code.pdf")
    for line in lines:
        assert line in docx, line
        assert line in pdf, line
    assert (
        docx.index("A3 Staff members do not arrange")
        < docx.index("This applies to lettings")
        < docx.rindex("B Openness")
    )
    assert docx.index("remove them from the board") < docx.index("We tell the person in writing")


def _committed_import(tmp_path: Path):
    """A repository whose content/ holds the NHF-layout code, imported and committed as one
    commit."""
    from tests.conftest import Git
    from tests.wordfiles import nhf_layout

    git = Git(tmp_path)
    (tmp_path / "content").mkdir()
    shutil.copy2(REPO / "content" / "standards.yaml", tmp_path / "content" / "standards.yaml")
    git.commit("Add the standards", date="2025-12-01T10:00:00+00:00")
    source, _ = nhf_layout(tmp_path / "code.docx")
    assert _import(tmp_path, source, "trust-code").returncode == 0
    (tmp_path / "code.docx").unlink()
    meta = tmp_path / "content/trust-code/document.yaml"
    meta.write_text(meta.read_text().replace("TBC", "Board members and staff"))
    git.commit("Import the Trust code", "Imported from the Word version 2.1 approved by the Board.")
    return git


def test_the_history_from_before_git_is_shown_after_gits_rows_in_every_output(tmp_path):
    _committed_import(tmp_path)
    shown = run_cli(
        "history", "trust-code", "--content", "content", "--format", "json", cwd=tmp_path, env=EPOCH
    )
    assert shown.returncode == 0, shown.stderr
    import json

    table = json.loads(shown.stdout)
    assert (
        table["version"],
        table["approval_date"],
        table["approved_by"],
        table["scheduled_review"],
    ) == ("2.1", "2023-05-01", "Board", "2026-05-01")
    assert [(r["date"], r["version"], r["summary"]) for r in table["rows"]] == [
        ("2026-01-05", "2.1", "Imported from the Word version 2.1 approved by the Board."),
        ("2023-05-01", "", "Approved by the Board."),
        ("2023-03-14", "", "First draft for consultation."),
    ]
    markdown = run_cli(
        "history", "trust-code", "--content", "content", cwd=tmp_path, env=EPOCH
    ).stdout
    csv = run_cli(
        "history", "trust-code", "--content", "content", "--format", "csv", cwd=tmp_path, env=EPOCH
    ).stdout
    built = run_cli(
        "build",
        "--content",
        "content",
        "--out",
        "build",
        "--only",
        "docx,pdf,site",
        cwd=tmp_path,
        env=EPOCH,
    )
    assert built.returncode == 0, built.stderr
    docx = open_docx(str(tmp_path / "build/trust-code/trust-code.docx"))
    controls = [[c.text for c in row.cells] for row in docx.tables[-1].rows]
    assert [row[:3] for row in controls] == [
        ["Version", "Approved on", "Approved by"],
        ["2.1", "1 May 2023", "Board"],
        ["Earlier record", "1 May 2023", "Board"],
        ["Earlier record", "", ""],
    ]
    assert [row[4].split(": ", 1)[1] for row in controls[1:]] == [
        "Imported from the Word version 2.1 approved by the Board. (Siân Öztürk)",
        "Approved by the Board. (Jo Bloggs)",
        "First draft for consultation. (Jo Bloggs)",
    ]
    assert (
        dict((c.text for c in row.cells) for row in docx.tables[-2].rows[1:])["Approval date"]
        == "1 May 2023"
    )
    pdf = _pdf_text(tmp_path / "build/trust-code/trust-code.pdf")
    site = (tmp_path / "build/site/trust-code/history/index.html").read_text()
    for output in (
        markdown,
        csv,
        _docx_text(tmp_path / "build/trust-code/trust-code.docx"),
        pdf,
        site,
    ):
        places = [
            output.rfind(text)
            for text in (
                "Imported from the Word version 2.1",
                "1 May 2023: Approved by the",
                "14 March 2023: First draft for",
            )
        ]
        assert -1 not in places and places == sorted(places), output


def test_an_imported_policy_in_force_needs_no_consultation_and_diff_shows_only_the_amendment(
    tmp_path,
):
    git = _committed_import(tmp_path)
    checked = run_cli("check", "--content", "content", cwd=tmp_path, env=EPOCH)
    assert checked.returncode == 0 and "consultation" not in checked.stdout + checked.stderr, (
        checked.stdout
    )
    diff = run_cli(
        "diff", "trust-code", "--content", "content", "--format", "json", cwd=tmp_path, env=EPOCH
    )
    import json

    unchanged = json.loads(diff.stdout)
    assert unchanged["changes"] == [] and unchanged["consultation_required"] is False
    assert unchanged["from"].startswith("version 2.1 (in force when imported, commit ")
    section = tmp_path / "content/trust-code/sections/openness.yaml"
    section.write_text(
        section.read_text().replace(
            "Staff members explain decisions in plain words.",
            "Staff members may explain decisions in plain words.",
        )
    )
    git.commit(
        "Soften B2", "Staff members may explain decisions.", date="2026-03-01T10:00:00+00:00"
    )
    amended = json.loads(
        run_cli(
            "diff",
            "trust-code",
            "--content",
            "content",
            "--format",
            "json",
            cwd=tmp_path,
            env=EPOCH,
        ).stdout
    )
    assert [(c["number"], c["kind"], c["significance"]) for c in amended["changes"]] == [
        ("B2", "modified", "significant")
    ]
    assert amended["consultation_required"] is True
    strict = run_cli("check", "--strict", "--content", "content", cwd=tmp_path, env=EPOCH)
    assert strict.returncode == 1 and "B2" in strict.stdout + strict.stderr
    table = json.loads(
        run_cli(
            "history",
            "trust-code",
            "--content",
            "content",
            "--format",
            "json",
            cwd=tmp_path,
            env=EPOCH,
        ).stdout
    )
    assert [(r["version"], r["summary"]) for r in table["rows"][:2]] == [
        ("Draft", "Staff members may explain decisions."),
        ("2.1", "Imported from the Word version 2.1 approved by the Board."),
    ]


def test_a_wrong_history_from_before_git_is_an_error_on_its_line(tmp_path):
    from tests.conftest import write_content

    write_content(
        tmp_path,
        {
            "example/history-before-git.yaml": """\
        in-force:
          version: '2.1'
          approval-date: '2023-02-30'
        rows:
          - date: '2022-01-10'
            summary: First version.
            author: Jo Bloggs
          - date: '2023-05-01'
            summary: Approved.
            author: Jo Bloggs
          - date: '2021-01-01'
            author: Jo Bloggs
        """
        },
    )
    checked = run_cli("check", "--content", "content", cwd=tmp_path)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    out = checked.stdout + checked.stderr
    assert "content/example/history-before-git.yaml:3:18: error:" in out
    assert (
        "content/example/history-before-git.yaml:8:5: error: the row dated 2023-05-01 comes "
        "after the row dated 2022-01-10, but rows are newest first"
    ) in out
    assert "content/example/history-before-git.yaml:11:5: error:" in out and "summary" in out


@pytest.mark.parametrize(
    "heads, clauses, numbering",
    [
        (("3.0", "4.0", "7.0"), ("3.1", "4.1", "7.1"), {"sections": "1.0", "start": 3}),
        (("1.", "2.", "3."), ("1.1.", "2.1.", "3.1."), {"sections": "1."}),
        (("1", "2", "3"), ("1.1", "2.1", "3.1"), {"sections": "1"}),
        (("A", "B", "C"), ("A.1", "B.1", "C.1"), {"sections": "A", "clauses": "A.1"}),
    ],
)
def test_the_numbering_style_and_start_of_the_file_are_kept(tmp_path, heads, clauses, numbering):
    source = tmp_path / "policy.md"
    source.write_text(
        "# Rent policy\n\n## Introduction\n\nWhy we have this policy.\n\n"
        + "".join(
            f"## {head} Part {n}\n\n{clause} Clause {n}.\n\n"
            for n, (head, clause) in enumerate(zip(heads, clauses, strict=True))
        ),
        encoding="utf-8",
    )
    done = _import(tmp_path, source, "rent")
    assert done.returncode == 0, done.stdout
    meta = YAML(typ="safe").load((tmp_path / "content/rent/document.yaml").read_text())
    assert meta["numbering"] == numbering
    document = load_library(tmp_path / "content", tmp_path).library.document("rent")
    assert [s.number for s in document.sections] == ["", *heads]  # the opening part takes no number
    assert [c.number for s in document.sections for c in s.clauses] == list(clauses)


def test_nested_lists_start_numbers_and_quotations_in_unnumbered_text_keep_their_shape(tmp_path):
    source = tmp_path / "act.md"
    source.write_text(
        "# Policy\n\n## Introduction\n\nThe Act says:\n\n3. A body must publish:\n"
        "   1. its policy, which covers:\n      - who it applies to;\n      - how to complain.\n"
        "   2. how it will review it.\n4. The body must consult.\n\nThat is all.\n\n"
        "> Our vision\n> is a home for everyone.\n",
        encoding="utf-8",
    )
    done = _import(tmp_path, source, "act")
    assert done.returncode == 0, done.stdout
    section = load_library(tmp_path / "content", tmp_path).library.document("act").sections[0]
    from policypress.model import BulletList

    first, closing, quote = section.intro[1:]
    assert isinstance(first, BulletList) and first.ordered and first.start == 3
    assert [i.text.plain() for i in first.items] == [
        "A body must publish:",
        "The body must consult.",
    ]
    inner = first.items[0].blocks[0]
    assert (inner.start, [i.text.plain() for i in inner.items]) == (
        1,
        ["its policy, which covers:", "how it will review it."],
    )
    assert [i.text.plain() for i in inner.items[0].blocks[0].items] == [
        "who it applies to;",
        "how to complain.",
    ]
    assert closing.text.plain() == "That is all."
    assert (
        isinstance(quote, Quote)
        and quote.blocks[0].text.plain() == "Our vision is a home for everyone."
    )
