"""The site's source is a plain MkDocs project: `mkdocs build -f build/site-src/mkdocs.yml`, with
no policypress plugin, makes the site `policypress build` makes, byte for byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import IDENTITY, REPO, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}  # 19 November 2026


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _approved_then_changed(root: Path) -> Git:
    """Version 1.0 approved, then a change committed."""
    write_content(root)
    git = Git(root)
    git.commit(
        "Add the example policy", "First draft of the policy.", date="2026-01-05T10:00:00+00:00"
    )
    git.consult()
    approved = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=root, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr
    write_content(
        root, {"example/sections/one.yaml": SECTION.replace("honest.", "honest and open.")}
    )
    git.commit(
        "Say staff must be open", "Staff must also be open.", date="2026-04-02T12:00:00+00:00"
    )
    return git


def test_plain_mkdocs_build_of_the_project_makes_the_same_site(tmp_path: Path):
    """A document approved as version 1.0 and changed since: its approved version, the proposal
    and their comparison are on both sites, and every file under site/ is the same."""
    _approved_then_changed(tmp_path)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "themes", tmp_path / "themes")

    url = "https://example.org/policies/"
    built = run_cli("build", "--out", "build", "--site-url", url, cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stderr
    project = tmp_path / "build" / "site-src"
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert "policypress" not in config.split("plugins:")[1].split("\n\n")[0]  # no plugin of ours
    env = {**os.environ, **TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
        + ["-d", str(tmp_path / "plain")],
        cwd=tmp_path / "build",  # from another folder: the project's paths are its own
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert plain.returncode == 0, plain.stderr

    ours, theirs = _files(tmp_path / "build" / "site"), _files(tmp_path / "plain")
    for page in (
        "example/v1.0/index.html",
        "example/v1.0/example-v1.0.pdf",
        "example/v1.0/example-v1.0.docx",
        "example/draft/index.html",
        "example/compare/v1.0-to-proposed-2.0/index.html",
        "example/example.pdf",
        "sitemap.xml",
        "search/search_index.json",
    ):
        assert page in ours, page
    assert "honest and open." in ours["example/draft/index.html"].decode("utf-8")
    assert "honest and open." not in ours["example/index.html"].decode(
        "utf-8"
    )  # the version in force
    # what the plugin used to set, now from front matter and the theme's overrides
    old = ours["example/v1.0/index.html"].decode("utf-8")
    assert '<html lang="en-GB"' in old
    assert f'<link rel="canonical" href="{url}example/">' in old
    assert "<title>Version 1.0 \u2013 Example policy - " in old
    assert '<html lang="en-GB"' in ours["404.html"].decode("utf-8")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_approved_versions_outlive_builds_without_the_site(tmp_path: Path, monkeypatch):
    """A build of the Word files alone keeps the approved version (its model, PDF and Word
    files) in the cache: the next full build makes only the edited working text's outputs."""
    from policypress.build import build

    _approved_then_changed(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY["SOURCE_DATE_EPOCH"])
    monkeypatch.chdir(tmp_path)
    content, out = tmp_path / "content", tmp_path / "build"
    first = build(content, out)
    assert (first.archived_built, first.archived_reused) == (1, 0)
    write_content(
        tmp_path, {"example/sections/one.yaml": SECTION.replace("honest.", "honest and kind.")}
    )
    assert build(content, out, only={"docx"}).made == 1
    again = build(content, out)
    assert (again.archived_built, again.archived_reused) == (0, 1)
    assert again.made == 2  # the edited text's PDF and change log; nothing of version 1.0
    assert (out / "site" / "example" / "v1.0" / "example-v1.0.pdf").is_file()
