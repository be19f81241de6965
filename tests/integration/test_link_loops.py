"""Symbolic links that go round in a loop, in content/ or a document's folder: a located warning
(or an error where document.yaml lists one), never a traceback or a hang, and `build` works."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import DOCUMENT, run_cli, write_content

SKIPPED = "a symbolic link that {what}; policypress does not follow it (remove the link, or "
SKIPPED += "replace it with the file or folder itself)"


@pytest.mark.parametrize(
    ("link", "target", "what"),
    [
        ("example/loop", "loop", "leads back to itself in a loop"),
        ("loop", ".", "leads back to a folder it is in, a loop"),
        ("example/sections/up", "..", "leads back to a folder it is in, a loop"),
        ("example/gone.yaml", "nothing-here.yaml", "leads to nothing"),
    ],
    ids=["self-loop-in-a-document", "content-loop", "folder-loop", "dangling"],
)
def test_an_unlisted_looping_link_is_a_warning_and_build_works(tmp_path: Path, link, target, what):
    content = write_content(tmp_path)
    os.symlink(target, content / link)
    checked = run_cli("check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert f"content/{link}: warning: {SKIPPED.format(what=what)}" in checked.stdout
    built = run_cli("build", cwd=tmp_path)
    assert built.returncode == 0 and "Traceback" not in built.stderr, built.stderr
    assert (tmp_path / "build" / "example" / "example.pdf").is_file()


def test_a_looping_section_file_listed_in_document_yaml_is_an_error_on_its_line(tmp_path: Path):
    content = write_content(
        tmp_path, {"example/document.yaml": DOCUMENT + "  - sections/two.yaml\n"}
    )
    os.symlink("two.yaml", content / "example" / "sections" / "two.yaml")
    for command in ("check", "build"):
        done = run_cli(command, cwd=tmp_path)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert (
            "content/example/document.yaml:12:5: error: 'sections/two.yaml' is a symbolic link "
            "that leads back to itself in a loop (replace the link with the file itself, or list "
            "the file it should lead to)"
        ) in done.stdout + done.stderr
