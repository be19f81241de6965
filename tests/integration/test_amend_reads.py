"""`policypress amend` reads a document's document.yaml once: the section files it amends are
the ones the loaded document was read from, not found by reading document.yaml again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policypress.amend.run import amend
from policypress.build import build
from policypress.load import guard
from tests.conftest import FROZEN, Git


def test_amend_reads_document_yaml_once_and_amends_the_files_it_was_loaded_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    build(FROZEN, tmp_path / "out", only={"docx"})  # as test_amend makes its cabinet paper
    content = tmp_path / "content"
    shutil.copytree(FROZEN, content)
    Git(tmp_path).commit("The policy as it stands")
    paper = tmp_path / "out" / "code-of-conduct" / "code-of-conduct.docx"
    reads: list[Path] = []
    read_file = guard.read_file

    def counted(path: Path, *args, **kwargs):
        reads.append(Path(path).resolve())
        return read_file(path, *args, **kwargs)

    monkeypatch.setattr(guard, "read_file", counted)
    amended = amend(content, "code-of-conduct", paper)
    document_yaml = (content / "code-of-conduct" / "document.yaml").resolve()
    assert reads.count(document_yaml) == 1
    sections = sorted((content / "code-of-conduct" / "sections").glob("*.yaml"))
    assert all(reads.count(path.resolve()) == 1 for path in sections)
    assert amended.changes == [] and amended.files == {}
