"""What a Welsh reader of the bilingual fixture's site meets (issue 25): the page for a broken
link in both languages, each part tagged with its language. Real git repositories in tmp_path."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, Git, run_cli

FIXTURE = REPO / "tests" / "fixtures" / "bilingual"
TODAY = {"SOURCE_DATE_EPOCH": "1795000000"}


@pytest.fixture
def git(tmp_path: Path) -> Git:
    shutil.copytree(FIXTURE, tmp_path / "content")
    repo = Git(tmp_path)
    repo.commit("Add the code of practice for home visits", "First draft, in English and Welsh.")
    return repo


def _parts(page: str) -> list[tuple[str, str]]:
    """Each language's part of the page: (its lang, its text without tags)."""
    found = re.findall(r'<div class="pp-not-found" lang="([^"]+)">(.*?)</div>', page, re.S)
    return [
        (lang, html.unescape(" ".join(re.sub(r"<[^>]+>", " ", text).split())))
        for lang, text in found
    ]


def test_the_page_for_a_broken_link_is_in_welsh_and_english(git: Git):
    built = run_cli("build", "--only", "site", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (git.root / "build" / "site" / "404.html").read_text("utf-8")
    assert '<html lang="en-GB"' in page
    assert _parts(page) == [
        (
            "en-GB",
            "Page not found There is no page at this address. The link may be wrong, or the "
            "page may have moved. Go to the home page",
        ),
        (
            "cy-GB",
            "Heb ddod o hyd i'r dudalen Nid oes tudalen yn y cyfeiriad hwn. Efallai fod y "
            "ddolen yn anghywir, neu fod y dudalen wedi symud. Ewch i'r hafan",
        ),
    ]
    assert '<a href="/cy/" hreflang="cy-GB">' in page  # the Welsh part leads to the Welsh home
    assert "404 - Not found" not in page


def test_an_english_only_site_keeps_materials_page_for_a_broken_link(tmp_path: Path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.rmtree(tmp_path / "content/home-visits/cy")
    meta = tmp_path / "content/home-visits/document.yaml"
    meta.write_text(meta.read_text("utf-8").replace("translation: cy-GB\n", ""), "utf-8")
    Git(tmp_path).commit("Add the code of practice for home visits", "First draft.")
    built = run_cli("build", "--only", "site", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (tmp_path / "build" / "site" / "404.html").read_text("utf-8")
    assert "<h1>404 - Not found</h1>" in page and "pp-not-found" not in page
