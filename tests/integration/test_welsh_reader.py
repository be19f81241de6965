"""What a Welsh reader of the bilingual fixture's site meets (issue 25): the page for a broken
link in both languages, each part tagged with its language; the English wording of a change
labelled in Welsh, and a consultation's English words tagged as English; the English change
summaries in the Welsh PDF and Word files tagged as English. Real git repositories
in tmp_path."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from tests.conftest import REPO, Git, run_cli
from tests.integration.test_welsh_beside import DOC, _approved, _edit
from tests.pdftags import marked_languages

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


OPEN = (
    "title: Tenant survey on home visits\nopened: 2026-11-01\nclosed: 2026-12-15\n"
    "consulted: [All tenants]\nmethod: An online survey\n"
    "how-to-respond: Fill in the survey on our website.\n"
    "welsh-language: We asked about the effects on the Welsh language.\n"
)


@pytest.fixture(scope="module")
def proposed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A change proposed to version 1.0, with a consultation on it still open; built."""
    git = _approved(tmp_path_factory.mktemp("reader"))
    _edit(git.root / DOC / "sections/visits.yaml", "two working days", "three working days")
    head = git.commit("Give tenants more notice", "Staff agree a visit three working days ahead.")
    record = git.root / DOC / "consultations" / "2026-11-01-survey.yaml"
    record.write_text(OPEN + f'covers: "{head}"\n', encoding="utf-8")
    git.commit("Open the tenant survey", date="2026-11-01T12:00:00+00:00")
    built = run_cli("build", "--only", "site", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    return git.root / "build" / "site"


def test_the_english_wording_of_a_change_is_labelled_in_welsh(proposed: Path):
    for page in ("changes", "compare/v1.0-to-proposed-2.0"):
        welsh = (proposed / "cy/home-visits" / page / "index.html").read_text("utf-8")
        wording = re.search(r'<p class="pp-marked">(.*?)<span lang="en-GB">', welsh)
        assert wording, page
        assert '<span class="pp-in-language">Yn Saesneg:</span> ' in wording.group(1), page
        english = (proposed / "home-visits" / page / "index.html").read_text("utf-8")
        assert "pp-in-language" not in english and "In English" not in english, page


def test_have_your_say_tags_the_consultations_english_words_on_the_welsh_page(proposed: Path):
    welsh = html.unescape((proposed / "cy/home-visits/changes/index.html").read_text("utf-8"))
    assert '<span lang="en-GB">Tenant survey on home visits</span>, o 1 Tachwedd 2026' in welsh
    assert '<p lang="en-GB">Fill in the survey on our website.</p>' in welsh
    english = html.unescape((proposed / "home-visits/changes/index.html").read_text("utf-8"))
    assert "these changes: Tenant survey on home visits, from 1 November 2026" in english
    assert "<p>Fill in the survey on our website.</p>" in english


def _runs_by_language(path: Path) -> dict[str, str]:
    """The text of the Word file's table runs, by the language each run is tagged with."""
    found: dict[str, str] = {}
    for table in open_docx(str(path)).tables:
        for run in table._tbl.iter(qn("w:r")):
            lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
            tag = lang.get(qn("w:val")) if lang is not None else ""
            found[tag] = found.get(tag, "") + "".join(t.text or "" for t in run.iter(qn("w:t")))
    return found


def test_the_welsh_files_tag_the_english_change_summaries_as_english(git: Git):
    built = run_cli("build", "--only", "pdf,docx,translations", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    folder = git.root / "build" / "home-visits"
    summary = "First draft, in English and Welsh."
    welsh = marked_languages(folder / "home-visits.cy.pdf")
    assert "".join(text for lang, text in welsh if lang == "en-GB") == summary
    assert {lang for lang, _ in welsh} == {"cy-GB", "en-GB"}
    english = marked_languages(folder / "home-visits.pdf")  # in the file's own language
    assert not [text for _, text in english if "draft" in text]
    runs = _runs_by_language(folder / "home-visits.cy.docx")
    assert runs["en-GB"] == summary
    assert "5 Ionawr 2026: " in runs[""] and summary not in runs[""]  # the date stays Welsh
    assert "en-GB" not in _runs_by_language(folder / "home-visits.docx")


def test_two_consultations_with_one_title_are_told_apart_by_their_dates(tmp_path: Path):
    git = _approved(tmp_path)
    _edit(git.root / DOC / "sections/visits.yaml", "two working days", "three working days")
    head = git.commit("Give tenants more notice", "Staff agree a visit three working days ahead.")
    again = git.root / DOC / "consultations" / "2026-10-01-tenant-panel.yaml"
    again.write_text(
        "title: Tenant panel on home visits\nopened: 2026-10-01\nclosed: 2026-10-01\n"
        "consulted: [Tenant panel]\nmethod: A second meeting\nresponses: 7\n"
        f'covers: "{head}"\nwelsh-language: We asked about the Welsh language again.\n',
        encoding="utf-8",
    )
    git.commit("Record the second tenant panel", date="2026-10-01T12:00:00+00:00")
    built = run_cli("build", "--only", "site", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    site = git.root / "build" / "site"
    english = html.unescape((site / "home-visits/changes/index.html").read_text("utf-8"))
    headings = re.findall(r"<h3 [^>]*>(.*?)<", english)
    assert headings == [
        "Tenant panel on home visits (1 October 2026)",
        "Tenant panel on home visits (20 February 2026)",
    ]
    contents = re.findall(r'<span class="md-ellipsis">\s*(Tenant panel[^<]*?)\s*</span>', english)
    assert len(set(contents)) == 2, contents  # the page's contents tell them apart too
    welsh = html.unescape((site / "cy/home-visits/changes/index.html").read_text("utf-8"))
    headings = re.findall(r"<h3 [^>]*>(.*?)</h3>", welsh)
    assert headings == [
        '<span lang="en-GB">Tenant panel on home visits</span> (1 Hydref 2026)',
        '<span lang="en-GB">Tenant panel on home visits</span> (20 Chwefror 2026)',
    ]
    contents = re.findall(r'<span class="md-ellipsis">\s*(Tenant panel[^<]*?)\s*</span>', welsh)
    assert len(set(contents)) == 2, contents
