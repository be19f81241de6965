"""A detail an import leaves as "TBC" (organisation, document type, policy owner, approving body)
is never printed as if it were a name: not on a page of the site, nor in the PDF or the Word
paper. Each sentence that would name it has its own wording without the name."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from docx import Document as open_docx
from pdfminer.high_level import extract_text

from tests.conftest import REPO, Git, run_cli

WORD = REPO / "tests" / "fixtures" / "word" / "governance-code.docx"
DOC = "governance-code"
PLACEHOLDERS = re.compile(r"\bTBC\b|<insert", re.IGNORECASE)


def _docx_text(path: Path) -> str:
    paper = open_docx(str(path))
    cells = [c.text for t in paper.tables for r in t.rows for c in r.cells]
    props = paper.core_properties
    return "\n".join([p.text for p in paper.paragraphs] + cells + [props.author, props.keywords])


def test_an_imported_draft_never_prints_tbc_as_a_name(tmp_path: Path):
    shutil.copy(WORD, tmp_path / WORD.name)
    done = run_cli("import", WORD.name, "--id", DOC, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    (tmp_path / WORD.name).unlink()
    meta = (tmp_path / "content" / DOC / "document.yaml").read_text("utf-8")
    assert "policy-owner: TBC" in meta and "approving-body: TBC" in meta
    Git(tmp_path).commit("Import the code of governance from Word")
    built = run_cli("build", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1795000000"})
    assert built.returncode == 0, built.stdout + built.stderr
    site = tmp_path / "build" / "site" / DOC
    pages = {p: re.sub(r"<[^>]+>", " ", p.read_text("utf-8")) for p in site.rglob("*.html")}
    assert len(pages) >= 4
    for page, text in pages.items():
        assert not PLACEHOLDERS.search(html.unescape(text)), page
    home = " ".join(pages[site / "index.html"].split())
    assert "This text is a proposal and is not yet approved." in home
    changes = " ".join(pages[site / "changes" / "index.html"].split())
    assert "If you would like to comment on these changes, please contact us." in changes
    download = " ".join(pages[site / "download" / "index.html"].split())
    assert "Not yet approved; made from the text as it stands today." in download
    out = tmp_path / "build" / DOC
    paper = _docx_text(out / f"{DOC}.docx")
    pdf = extract_text(str(out / f"{DOC}.pdf"))
    for text in (paper, pdf):
        assert not PLACEHOLDERS.search(text), text[:2000]
        assert "This is a draft. It is not yet approved or in force." in text
    assert "You are asked to approve proposed version 1.0 of the Code of Governance" in paper
