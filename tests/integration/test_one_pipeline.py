"""Plain `mkdocs build` and `policypress build` run the same pipeline: the same site, byte for byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import IDENTITY, REPO, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}  # 19 November 2026


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_plain_mkdocs_build_and_policypress_build_make_the_same_site(tmp_path: Path):
    """A document approved as version 1.0 and changed since: its approved version, the proposal
    and their comparison are on both sites, and every file under site/ is the same."""
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First draft of the policy.", date="2026-01-05T10:00:00+00:00")
    git.consult()
    approved = run_cli("approve", "example", "--by", "Cabinet", "--date", "2026-03-01",
                       cwd=tmp_path, env=TODAY)
    assert approved.returncode == 0, approved.stderr
    write_content(tmp_path, {"example/sections/one.yaml": SECTION.replace("honest.", "honest and open.")})
    git.commit("Say staff must be open", "Staff must also be open.", date="2026-04-02T12:00:00+00:00")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "themes", tmp_path / "themes")

    built = run_cli("build", "--out", "build", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stderr
    env = {**os.environ, **TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "plain")],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr

    ours, theirs = _files(tmp_path / "build" / "site"), _files(tmp_path / "plain")
    for page in ("example/v1.0/index.html", "example/v1.0/example-v1.0.pdf", "example/v1.0/example-v1.0.docx",
                 "example/draft/index.html", "example/compare/v1.0-to-draft/index.html",
                 "example/example.pdf", "sitemap.xml", "search/search_index.json"):
        assert page in ours, page
    assert "honest and open." in ours["example/draft/index.html"].decode("utf-8")
    assert "honest and open." not in ours["example/index.html"].decode("utf-8")  # the version in force
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
