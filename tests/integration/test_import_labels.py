"""Importing Word policies whose labels are not the presets': every label comes out of every
output character for character as the Word file prints it ("A.", "A1.", "SECTION 1")."""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx import Document as open_docx
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from ruamel.yaml import YAML

from policypress.load.loader import load_library
from tests.conftest import run_cli
from tests.wordcorpus import nhf_dotted, word_numbered_sections

EPOCH = {"SOURCE_DATE_EPOCH": "1795000000"}


def _import(tmp_path: Path, source: Path, doc_id: str):
    return run_cli("import", str(source), "--id", doc_id, "--content", "content", cwd=tmp_path)


def _docx_lines(path: Path) -> list[str]:
    return [" ".join(p.text.replace("\t", " ").split()) for p in open_docx(str(path)).paragraphs]


def _pdf_text(path: Path) -> str:
    text = extract_text(str(path), laparams=LAParams(boxes_flow=None))
    return " ".join(text.replace("\u00ad", "").split())


def _build(tmp_path: Path, only: str = "docx,pdf"):
    built = run_cli(
        "build", "--content", "content", "--out", "build", "--only", only, cwd=tmp_path, env=EPOCH
    )
    assert built.returncode == 0, built.stdout + built.stderr


def test_an_nhf_code_typed_a_dot_and_a1_dot_imports_checks_and_prints_every_label(tmp_path):
    source, lines = nhf_dotted(tmp_path / "Governance code.docx")
    done = _import(tmp_path, source, "governance")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Not imported" not in done.stdout
    assert "every number shown in the file is the number the build will show" in done.stdout
    meta = YAML(typ="safe").load((tmp_path / "content/governance/document.yaml").read_text())
    assert meta["numbering"]["sections"] == "A."  # "A1." goes with it: no need to say so
    check = run_cli("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    document = load_library(tmp_path / "content", tmp_path).library.document("governance")
    assert [s.heading for s in document.sections][1:] == [
        "A. General responsibilities",
        "B. Openness",
    ]
    general = document.sections[1]
    assert [
        c.number for c in general.clauses + tuple(c for g in general.groups for c in g.clauses)
    ] == [
        "A1.",
        "A2.",
        "A3.",
        "A4.",
        "A5.",
    ]
    openness = document.sections[2]
    assert [c.number for c in document.sections[2].clauses] == ["B1."]
    assert [(g.audience, [c.number for c in g.clauses]) for g in openness.groups] == [
        ("Staff members", ["B2."])
    ]
    assert [(s.title, [c.number for c in s.clauses]) for s in openness.sections] == [
        ("Gifts and hospitality", ["B3."]),
        ("Non-executive directors, trustees and involved customers", ["B4."]),
    ]
    _build(tmp_path, "docx,pdf,site")
    docx = _docx_lines(tmp_path / "build/governance/governance.docx")
    pdf = _pdf_text(tmp_path / "build/governance/governance.pdf")
    page = (tmp_path / "build/site/governance/index.html").read_text("utf-8")
    site = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    at = {"docx": 0, "pdf": 0, "site": 0}
    for line in lines:  # every line, label and all, in the order the Word file shows them
        for name, text in (("docx", "\n".join(docx)), ("pdf", pdf), ("site", site)):
            found = text.find(line, at[name])
            assert found >= 0, f"{name}: {line!r} missing or out of order"
            at[name] = found + len(line)
    assert not any(line.startswith("A ") or line.startswith("A1 ") for line in docx)


def test_sections_word_numbers_as_section_1_keep_their_words(tmp_path):
    source, lines = word_numbered_sections(tmp_path / "Lettings.docx")
    done = _import(tmp_path, source, "lettings")
    assert done.returncode == 0, done.stdout + done.stderr
    meta = YAML(typ="safe").load((tmp_path / "content/lettings/document.yaml").read_text())
    assert meta["numbering"] == {"sections": "SECTION 1"}
    _build(tmp_path, "docx")
    docx = _docx_lines(tmp_path / "build/lettings/lettings.docx")
    for line in lines:
        assert line in docx, line


def test_the_tbc_an_import_leaves_is_a_warning_and_strict_refuses(tmp_path):
    """`organisation` and `document-type` are not in a Word file: import writes TBC, and check
    warns about them as about any placeholder."""
    source, _ = word_numbered_sections(tmp_path / "Lettings.docx")
    assert _import(tmp_path, source, "lettings").returncode == 0
    meta = YAML(typ="safe").load((tmp_path / "content/lettings/document.yaml").read_text())
    assert (meta["organisation"], meta["document-type"]) == ("TBC", "TBC")
    check = run_cli("check", "--content", "content", cwd=tmp_path)
    out = check.stdout + check.stderr
    for key in ("organisation", "document-type"):
        assert f"warning: '{key}' is still a placeholder ('TBC')" in out, out
    strict = run_cli("check", "--strict", "--content", "content", cwd=tmp_path)
    assert strict.returncode == 1


def test_an_appendix_label_is_shown_once_whatever_the_heading_holds(tmp_path):
    from tests.wordcorpus import appendix_headings

    source = appendix_headings(tmp_path / "Appendices.docx")
    done = _import(tmp_path, source, "appendices")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Appendix 3 typed again after Word's own number: shown once" in done.stdout
    document = load_library(tmp_path / "content", tmp_path).library.document("appendices")
    assert [s.heading for s in document.appendices] == [
        "Appendix 1 Connected persons",
        "Appendix 2",
        "Appendix 3 Gifts",
        "Appendix 4 Appendix 4 forms",  # as Word shows it: the title starts with the same words
    ]
    assert run_cli("check", "--content", "content", cwd=tmp_path).returncode == 0


def test_characters_the_pdf_cannot_show_are_reported_by_paragraph(tmp_path):
    from docx import Document as new_docx

    docx = new_docx()
    docx.add_heading("1.0 Introduction", 1)
    docx.add_paragraph("1.1 本方針は職員の行動を定める。")
    docx.add_paragraph("1.2 Plain words here.")
    docx.save(str(tmp_path / "cjk.docx"))
    done = _import(tmp_path, tmp_path / "cjk.docx", "cjk")
    assert done.returncode == 1
    assert "please report this" not in done.stdout
    assert "is not in the loaded document" not in done.stdout
    assert "Characters the PDF cannot show" in done.stdout
    shown = "paragraph 2 (“1.1 本方針は職員の行動を定める。”): 本 方 針 は 職 and 9 more"
    assert shown in done.stdout
    assert done.stdout.count("no letter for") == 0  # one line for the paragraph, not 14


def test_an_appendix_with_clauses_and_no_title_is_a_difference_and_exit_1(tmp_path):
    from docx import Document as new_docx

    docx = new_docx()
    docx.add_heading("1.0 Introduction", 1)
    docx.add_paragraph("1.1 Words.")
    docx.add_heading("Appendix A", 1)
    docx.add_paragraph("A.1 A clause of the appendix.")
    docx.save(str(tmp_path / "app.docx"))
    done = _import(tmp_path, tmp_path / "app.docx", "app")
    assert done.returncode == 1, done.stdout
    assert (
        "paragraph 3 (“Appendix A”): the build will show Appendix A Appendix A: give the "
        "appendix a title"
    ) in done.stdout


def test_headings_typed_with_a_word_and_a_number_keep_their_label(tmp_path):
    """ "Part I Purpose", "Part II Scope": the label is split off, roman numerals and all."""
    from docx import Document as new_docx

    docx = new_docx()
    for label, title in (("Part I", "Purpose"), ("Part II", "Scope"), ("Part III", "Rules")):
        docx.add_heading(f"{label} {title}", 1)
        docx.add_paragraph(f"Words of the {title.lower()}.")
    docx.save(str(tmp_path / "parts.docx"))
    done = _import(tmp_path, tmp_path / "parts.docx", "parts")
    assert done.returncode == 0, done.stdout
    document = load_library(tmp_path / "content", tmp_path).library.document("parts")
    assert [s.heading for s in document.sections] == [
        "Part I Purpose",
        "Part II Scope",
        "Part III Rules",
    ]
    assert [s.number for s in document.sections] == ["Part I", "Part II", "Part III"]


def test_diff_and_the_change_log_cite_the_labels_as_printed(tmp_path):
    """After import, a reworded provision is cited "A3." under "A. General responsibilities" in
    `diff` and in changes.csv, as the Word file prints them."""
    from tests.conftest import Git

    git = Git(tmp_path)
    source, _ = nhf_dotted(tmp_path / "Governance code.docx")
    assert _import(tmp_path, source, "governance").returncode == 0
    source.unlink()
    git.commit("Import the governance code", "Imported from the Word version.")
    section = tmp_path / "content/governance/sections/general-responsibilities.yaml"
    section.write_text(
        section.read_text().replace("meetings and take part in them.", "every meeting.")
    )
    git.commit("Board members prepare for every meeting", "Prepare for every meeting.")
    shown = run_cli("diff", "governance", "--from", "HEAD~1", cwd=tmp_path)
    assert shown.returncode in (0, 1), shown.stderr
    assert "## 1. A3.\n" in shown.stdout, shown.stdout
    table = run_cli("diff", "governance", "--from", "HEAD~1", "--format", "csv", cwd=tmp_path)
    assert ",A3.,A. General responsibilities," in table.stdout, table.stdout
