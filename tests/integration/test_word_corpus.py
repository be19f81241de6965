"""The Word policies in tests/fixtures/word, imported as their owners would: each imports with
exit 0, passes `check`, and the Word paper the build makes prints every line of the original,
label and all, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx

from tests.conftest import REPO, run_cli
from tests.wordcorpus import nhf_dotted, tenancy_policy, word_numbered_sections

CORPUS = REPO / "tests" / "fixtures" / "word"
LINES = {  # the file and the function that wrote it (which also returns its lines)
    "governance-code": nhf_dotted,
    "lettings-policy": word_numbered_sections,
    "tenancy-policy": tenancy_policy,
}


@pytest.mark.parametrize("name", sorted(LINES))
def test_each_policy_imports_checks_and_prints_every_line_as_the_file_does(tmp_path, name):
    source = tmp_path / f"{name}.docx"
    shutil.copy2(CORPUS / source.name, source)
    _, lines = LINES[name](tmp_path / "again.docx")
    done = run_cli("import", str(source), "--id", name, "--content", "content", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Not imported" not in done.stdout
    check = run_cli("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    built = run_cli(
        "build",
        "--content",
        "content",
        "--out",
        "build",
        "--only",
        "docx",
        cwd=tmp_path,
        env={"SOURCE_DATE_EPOCH": "1795000000"},
    )
    assert built.returncode == 0, built.stderr
    paper = "\n".join(
        " ".join(p.text.replace("\t", " ").split())
        for p in open_docx(str(tmp_path / "build" / name / f"{name}.docx")).paragraphs
    )
    at = 0
    for line in lines:
        found = paper.find(line, at)
        assert found >= 0, f"{line!r} is missing or out of order"
        at = found + len(line)


def test_the_appendices_file_shows_each_label_once(tmp_path):
    done = run_cli(
        "import",
        str(CORPUS / "appendices.docx"),
        "--id",
        "appendices",
        "--content",
        "content",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout
    check = run_cli("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert not any(
        Path(p).read_text().count("Appendix 2") > 1
        for p in (tmp_path / "content" / "appendices" / "sections").glob("*.yaml")
    )
