"""The site's generated project is engine-neutral: Zensical, Material's successor, builds
`build/site-src/` as it is, and every policy page is there with its text, language and title."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DOCUMENT, IDENTITY, REPO, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}


def _zensical() -> None:
    try:
        import zensical  # noqa: F401
    except ImportError as exc:  # pragma: no cover - the dev group installs it
        pytest.skip(f"Zensical cannot be imported here ({exc}): run scripts/setup")


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_zensical_builds_every_policy_page(tmp_path: Path):
    _zensical()
    write_content(
        tmp_path,
        {
            "other/document.yaml": DOCUMENT.replace("Example policy", "Other & policy"),
            "other/sections/one.yaml": SECTION.replace("honest.", "kind to tenants."),
        },
    )
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "themes", tmp_path / "themes")
    Git(tmp_path).commit("Add two policies", "First drafts.")
    built = run_cli("build", "--out", "build", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stderr

    project = tmp_path / "copy"
    shutil.copytree(tmp_path / "build" / "site-src", project)
    env = {**os.environ, **TODAY, "PYTHONWARNINGS": "ignore"}
    run = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    site = project / "site"

    pages = sorted((project / "docs").rglob("*.md"))
    assert len(pages) >= 10
    for source in pages:
        uri = source.relative_to(project / "docs").as_posix()
        folder = uri.removesuffix(".md").removesuffix("index").rstrip("/")
        target = site / folder / "index.html" if folder else site / "index.html"
        assert target.is_file(), f"Zensical left out {uri}"
        page = target.read_text("utf-8")
        heading = re.search(r"^# (.+?)(?: \{#[^}]*\})?$", source.read_text("utf-8"), re.M)
        assert heading, uri
        title = re.sub(r"\\(.)", r"\1", heading.group(1))  # Markdown escapes undone
        assert html.unescape(title) in _text(page), uri
        assert '<html lang="en-GB"' in page, uri
    example = (site / "example" / "index.html").read_text("utf-8")
    assert "Staff must be honest." in _text(example)
    other = (site / "other" / "index.html").read_text("utf-8")
    assert "Staff must be kind to tenants." in _text(other)
    history = (site / "other" / "history" / "index.html").read_text("utf-8")
    assert "<title>Version history \u2013 Other &amp; policy - " in history
    for download in ("example/example-proposed-1.0.pdf", "other/other-proposed-1.0.docx"):
        assert (site / download).is_file(), download
