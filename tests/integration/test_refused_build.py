"""A build that content errors refuse makes nothing: into a new --out folder, it leaves no
folder, no cache and no marker behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SECTION, run_cli, write_content


@pytest.mark.parametrize("out", ["new", "new/deeper/still"])
def test_a_refused_build_into_a_new_folder_leaves_nothing(tmp_path: Path, out):
    broken = SECTION.replace("title: First section", "titel: First section")
    write_content(tmp_path, {"example/sections/one.yaml": broken})
    done = run_cli("build", "--out", out, cwd=tmp_path)
    assert done.returncode == 1 and "nothing was built" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_a_refused_build_keeps_a_folder_that_was_there(tmp_path: Path):
    broken = SECTION.replace("title: First section", "titel: First section")
    write_content(tmp_path, {"example/sections/one.yaml": broken})
    (tmp_path / "out").mkdir()
    done = run_cli("build", "--out", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert (tmp_path / "out").is_dir()
