"""Welsh beside English, part by part (issue 25): the translation's parts know the English they
translate, `check` names a stale or missing Welsh part with its file and line, `approve` refuses
until it is brought up to date, and a consultation on a bilingual document must record the views
sought on the effects on the Welsh language. Real git repositories in tmp_path."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from pdfminer.high_level import extract_text

from policypress.load.loader import load_library
from policypress.translations import fingerprint
from tests.conftest import REPO, Git, run_cli
from tests.pdftags import assert_pdf_ua, tagged_texts

FIXTURE = REPO / "tests" / "fixtures" / "bilingual"
TODAY = {"SOURCE_DATE_EPOCH": "1795000000"}  # 19 November 2026
DOC = "content/home-visits"
WELSH_VIEWS = (
    "welsh-language: >-\n  We asked whether the changes affect tenants' chances to use Welsh, "
    "and how the code could treat Welsh no less favourably than English.\n"
)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(git: Git) -> list[dict]:
    result = run_cli("check", "--format", "json", cwd=git.root, env=TODAY)
    assert result.returncode == 0, result.stderr
    return [p for p in json.loads(result.stdout) if p["severity"] != "advice"]


def _codes(git: Git) -> list[str]:
    return sorted(p["code"] for p in _problems(git))


def _consult(git: Git, welsh: bool, date: str = "2026-02-20") -> None:
    head = git("rev-parse", "HEAD").strip()
    record = git.root / DOC / "consultations" / f"{date}-tenant-panel.yaml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(
        f"title: Tenant panel on home visits\nopened: {date}\nclosed: {date}\n"
        "consulted: [Tenant panel]\nmethod: A meeting of the tenant panel\nresponses: 9\n"
        f'covers: "{head}"\n' + (WELSH_VIEWS if welsh else ""),
        encoding="utf-8",
    )
    git.commit("Record the tenant panel consultation", date=f"{date}T12:00:00+00:00")


def _approve(git: Git):
    return run_cli(
        "approve",
        "home-visits",
        "--by",
        "Cabinet",
        "--date",
        "2026-03-03",
        "--minute",
        "Cabinet, 3 Mar 2026, item 9",
        cwd=git.root,
        env=TODAY,
    )


@pytest.fixture
def git(tmp_path: Path) -> Git:
    shutil.copytree(FIXTURE, tmp_path / "content")
    repo = Git(tmp_path)
    repo.commit("Add the code of practice for home visits", "First draft, in English and Welsh.")
    return repo


def test_the_welsh_document_has_the_english_parts_numbers_and_the_welsh_words(git: Git):
    library = load_library(git.root / "content", git.root).library
    english = library.documents[0]
    assert english.translation is not None
    welsh = english.translation.document
    assert (welsh.meta.title, welsh.meta.language) == (
        "Cod Ymarfer ar gyfer Ymweliadau Cartref",
        "cy-GB",
    )
    assert [s.heading for s in welsh.sections] == [
        "1.0 Cyflwyniad",
        "2.0 Yn ystod ymweliad",
        "3.0 Rheoli fersiynau",
    ]
    assert welsh.numbers == english.numbers
    arrival = welsh.sections[1].clauses[1]
    assert arrival.text is not None and arrival.text.plain() == "Wrth gyrraedd, rhaid i staff:"
    assert [p.text.plain() for p in arrival.points] == [
        "ddangos eu cerdyn adnabod;",
        "roi eu henw a'r rheswm dros yr ymweliad.",
    ]
    # only a consultation is asked for: every Welsh part is there and up to date
    assert _codes(git) == ["consultation-required"]


def test_editing_an_english_clause_makes_check_name_its_welsh_part_as_stale(git: Git):
    _edit(git.root / DOC / "sections/visits.yaml", "two working days", "three working days")
    git.commit("Give tenants more notice", "Staff agree a visit three working days ahead.")
    stale = [p for p in _problems(git) if p["code"] == "translation-stale"]
    assert [(p["file"], p["line"], p["severity"], p["message"]) for p in stale] == [
        (
            f"{DOC}/cy/sections/visits.yaml",
            5,
            "warning",
            "the Welsh of clause 2.1 (before-visit) is out of date: the English changed after "
            "it was translated",
        )
    ]
    assert stale[0]["hint"].startswith(
        f"bring it up to date with the English at {DOC}/sections/visits.yaml:4:9, then set "
        "'translates: "
    )
    # the fingerprint the hint gives, once the Welsh is brought up to date, clears the warning
    new = re.search(r"'translates: ([a-z]{10})'", stale[0]["hint"])
    assert new
    welsh = git.root / DOC / "cy/sections/visits.yaml"
    text = welsh.read_text(encoding="utf-8").replace("ddau ddiwrnod", "dri diwrnod")
    lines = text.split("\n")
    lines[5] = f"    translates: {new.group(1)}"
    welsh.write_text("\n".join(lines), encoding="utf-8")
    assert _codes(git) == ["consultation-required"]


def test_a_welsh_only_edit_does_not_make_it_stale(git: Git):
    _edit(git.root / DOC / "cy/sections/visits.yaml", "Wrth gyrraedd", "Ar ôl cyrraedd")
    git.commit("Reword the Welsh of clause 2.2", "The Welsh of clause 2.2 reads more naturally.")
    assert _codes(git) == ["consultation-required"]


def test_a_missing_welsh_part_is_named_at_its_english_line(git: Git):
    welsh = git.root / DOC / "cy/sections/visits.yaml"
    text = welsh.read_text(encoding="utf-8")
    start = text.index("      - id: give-name")
    end = text.index("    closing:")
    welsh.write_text(text[:start] + text[end:], encoding="utf-8")
    missing = [p for p in _problems(git) if p["code"] == "translation-missing"]
    assert [(p["file"], p["line"], p["message"]) for p in missing] == [
        (
            f"{DOC}/sections/visits.yaml",
            12,
            "clause 2.2, point 2 (give-name) has no Welsh text yet",
        )
    ]
    assert "'id: give-name'" in missing[0]["hint"] and f"{DOC}/cy/" in missing[0]["hint"]


def test_a_section_with_no_welsh_file_is_named_once(git: Git):
    (git.root / DOC / "cy/sections/introduction.yaml").unlink()
    missing = [p for p in _problems(git) if p["code"] == "translation-missing"]
    assert [(p["file"], p["message"]) for p in missing] == [
        (f"{DOC}/sections/introduction.yaml", "this section has no Welsh text yet")
    ]


def test_welsh_that_leaves_text_out_or_translates_nothing_is_reported(git: Git):
    welsh = git.root / DOC / "cy/sections/visits.yaml"
    text = welsh.read_text(encoding="utf-8")
    welsh.write_text(
        text[: text.index("    closing:")] + "  - id: spare\n    text: Dim.\n", encoding="utf-8"
    )
    found = {p["code"]: p for p in _problems(git)}
    assert found["translation-incomplete"]["message"] == (
        "the Welsh of clause 2.2 (on-arrival) leaves out some of its text"
    )
    assert found["translation-unknown-part"]["message"] == (
        "no part of the English has the id 'spare', so this Welsh text is not shown"
    )


def test_a_broken_cross_reference_in_the_welsh_is_an_error_on_its_line(git: Git):
    _edit(git.root / DOC / "cy/sections/introduction.yaml", "[[before-visit]]", "[[before-vist]]")
    result = run_cli("check", cwd=git.root, env=TODAY)
    assert result.returncode == 1
    assert (
        f"{DOC}/cy/sections/introduction.yaml:16:7: error: the cross-reference [[before-vist]] "
        "points to no clause in this document" in result.stdout
    )


def test_translates_in_the_english_is_refused_not_ignored(git: Git):
    _edit(
        git.root / DOC / "sections/visits.yaml",
        "  - id: before-visit\n",
        "  - id: before-visit\n    translates: abcdefghjk\n",
    )
    result = run_cli("check", cwd=git.root, env=TODAY)
    assert result.returncode == 1
    assert (
        f"{DOC}/sections/visits.yaml:5:5: error: 'translates' belongs in a translation's files, "
        "but this is the original" in result.stdout
    )


def test_approve_refuses_while_a_welsh_part_is_stale_until_it_is_updated(git: Git):
    _edit(git.root / DOC / "sections/visits.yaml", "two working days", "three working days")
    git.commit("Give tenants more notice", "Staff agree a visit three working days ahead.")
    _consult(git, welsh=True)
    refused = _approve(git)
    assert refused.returncode == 1
    assert (
        f"{DOC}/cy/sections/visits.yaml:5:9: error: the Welsh of clause 2.1 (before-visit) is out "
        "of date" in refused.stdout + refused.stderr
    )
    hint = re.search(r"'translates: ([a-z]{10})'", refused.stdout + refused.stderr)
    assert hint
    welsh = git.root / DOC / "cy/sections/visits.yaml"
    text = welsh.read_text(encoding="utf-8").replace("ddau ddiwrnod", "dri diwrnod")
    lines = text.split("\n")
    lines[5] = f"    translates: {hint.group(1)}"
    welsh.write_text("\n".join(lines), encoding="utf-8")
    git.commit("Bring the Welsh of clause 2.1 up to date", "The Welsh says three working days.")
    approved = _approve(git)
    assert approved.returncode == 0, approved.stdout + approved.stderr


def test_the_changes_log_and_cabinet_paper_say_which_welsh_parts_were_updated(git: Git):
    _consult(git, welsh=True)
    assert _approve(git).returncode == 0
    _edit(git.root / DOC / "sections/visits.yaml", "two working days", "three working days")
    git.commit("Give tenants more notice", "Staff agree a visit three working days ahead.")
    hint = [p for p in _problems(git) if p["code"] == "translation-stale"][0]["hint"]
    welsh = git.root / DOC / "cy/sections/visits.yaml"
    text = welsh.read_text(encoding="utf-8").replace("ddau ddiwrnod", "dri diwrnod")
    lines = text.split("\n")
    lines[5] = "    translates: " + re.findall(r"'translates: ([a-z]{10})'", hint)[0]
    welsh.write_text("\n".join(lines), encoding="utf-8")
    git.commit("Bring the Welsh up to date", "The Welsh says three working days.")
    built = run_cli("build", "--only", "changes,docx", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    folder = git.root / "build" / "home-visits"
    line = "The Welsh text was brought up to date in clause 2.1."
    assert line in (folder / "changes.md").read_text("utf-8")
    paper = open_docx(folder / "home-visits.docx")
    assert line in [p.text for p in paper.paragraphs]
    report = json.loads((folder / "changes.json").read_text("utf-8"))
    assert report["translation"] == {"language": "Welsh", "updated": ["clause 2.1"]}


def test_approve_refuses_a_consultation_that_did_not_ask_about_the_welsh_language(git: Git):
    _consult(git, welsh=False)
    views = [p for p in _problems(git) if p["code"] == "welsh-language-views"]
    assert [(p["file"], p["line"]) for p in views] == [
        (f"{DOC}/consultations/2026-02-20-tenant-panel.yaml", 1)
    ]
    assert views[0]["message"] == (
        "this consultation on significant changes to Code of Practice for Home Visits, which is "
        "published in Welsh and English, does not record the views sought on the effects on the "
        "Welsh language"
    )
    refused = _approve(git)
    assert refused.returncode == 1
    assert (
        f"{DOC}/consultations/2026-02-20-tenant-panel.yaml:1:1: error: this consultation on "
        "significant changes" in refused.stdout + refused.stderr
    )
    record = git.root / DOC / "consultations/2026-02-20-tenant-panel.yaml"
    record.write_text(record.read_text(encoding="utf-8") + WELSH_VIEWS, encoding="utf-8")
    git.commit("Record the views sought on the Welsh language", date="2026-02-21T12:00:00+00:00")
    approved = _approve(git)
    assert approved.returncode == 0, approved.stdout + approved.stderr


def test_an_english_only_consultation_needs_no_welsh_views(tmp_path: Path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    folder = tmp_path / "content/home-visits"
    shutil.rmtree(folder / "cy")
    _edit(folder / "document.yaml", "translation: cy-GB\n", "")
    git = Git(tmp_path)
    git.commit("Add the code of practice for home visits", "First draft.")
    _consult(git, welsh=False)
    assert _codes(git) == []


def test_the_welsh_pdf_is_tagged_cy_and_has_welsh_interface_words(git: Git, tmp_path: Path):
    from policypress.checking import check
    from policypress.render import pdf

    checked = check(git.root / "content", git.root)
    english = checked.result.library.documents[0]
    assert english.translation is not None
    welsh = english.translation.document
    vc = replace(checked.vcs[english.id], policy_owner=welsh.meta.policy_owner)
    files = pdf.render(welsh, checked.result.library, vc)
    path = tmp_path / "home-visits.cy.pdf"
    path.write_bytes(files["home-visits.pdf"])
    with pikepdf.open(path) as opened:
        assert str(opened.Root.Lang) == "cy-GB"
        assert str(opened.open_metadata().get("dc:title")) == (
            "Cod Ymarfer ar gyfer Ymweliadau Cartref – fersiwn arfaethedig 1.0 (heb ei "
            "chymeradwyo eto)"
        )
    read = "\n".join(text for _, text in tagged_texts(path))
    for words in (
        "DRAFFT",
        # "Y Cabinet" in the table, "gan y Cabinet" inside a sentence
        "Drafft yw hwn, i'w gymeradwyo gan y Cabinet. Nid yw mewn grym eto.",
        "Perchennog y polisi",
        "Gwasanaethau Tai",
        "Cynnwys",
        "3.0 Rheoli fersiynau",
        "Taflen rheoli'r ddogfen",
        "Wrth gyrraedd, rhaid i staff:",
    ):
        assert words in read, words
    assert "Tudalen 1 o 3" in extract_text(path)  # the footer, an artifact outside the tags
    english = r"\b(Contents|Version|Status|Date|Policy owner|DRAFT|Minute|Changes|approved)\b"
    assert re.findall(english, read) == []


def _welsh_word_file(path: Path) -> None:
    """A Welsh Word file: tagged cy-GB wherever a language is set, in Welsh throughout."""
    word = open_docx(path)
    assert word.core_properties.language == "cy-GB"
    tags = {lang.get(qn("w:val")) for lang in word.styles.element.iter(qn("w:lang"))}
    assert tags == {"cy-GB"}
    texts = [p.text for p in word.paragraphs]
    texts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    for section in word.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    text = "\n".join(texts)
    for welsh in ("Cynnwys", "Taflen rheoli'r ddogfen", "Tudalen", "Dyddiad cymeradwyo", "DRAFFT"):
        assert welsh in text, welsh
    english = (
        r"\b(Contents|Version|Status|Date|Policy owner|DRAFT|Minute|Page|approved|Word adds)\b"
    )
    assert re.findall(english, text) == []


def test_build_writes_the_welsh_pdf_beside_the_english(git: Git):
    built = run_cli("build", "--only", "pdf,translations", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    _welsh_word_file(git.root / "build" / "home-visits" / "home-visits.cy.docx")
    assert built.returncode == 0, built.stdout + built.stderr
    folder = git.root / "build" / "home-visits"
    assert sorted(p.name for p in folder.iterdir()) == [
        "home-visits.cy.docx",
        "home-visits.cy.pdf",
        "home-visits.pdf",
    ]
    languages = {}
    for path in folder.glob("*.pdf"):
        with pikepdf.open(path) as opened:
            languages[path.name] = str(opened.Root.Lang)
    assert languages == {"home-visits.cy.pdf": "cy-GB", "home-visits.pdf": "en-GB"}
    assert_pdf_ua(folder / "home-visits.cy.pdf", "cy-GB")  # tagged as the English one is
    welsh = "\n".join(text for _, text in tagged_texts(folder / "home-visits.cy.pdf"))
    assert "Perchennog y polisi" in welsh and "Gwasanaethau Tai" in welsh
    assert "Housing Services" not in welsh
    english = "\n".join(text for _, text in tagged_texts(folder / "home-visits.pdf"))
    assert "Policy owner" in english and "Wrth gyrraedd" not in english


def test_the_site_has_welsh_pages_linked_both_ways_and_searched_with_the_english(git: Git):
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    site = git.root / "build" / "site"
    english = (site / "home-visits" / "index.html").read_text("utf-8")
    welsh = (site / "cy" / "home-visits" / "index.html").read_text("utf-8")
    assert '<html lang="en-GB"' in english and '<html lang="cy-GB"' in welsh
    alternates = r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">'
    assert re.findall(alternates, english) == [
        ("en-GB", "../home-visits/"),
        ("cy-GB", "../cy/home-visits/"),
    ]
    assert re.findall(alternates, welsh) == [
        ("en-GB", "../../home-visits/"),
        ("cy-GB", "../../cy/home-visits/"),
    ]
    assert '<a href="../cy/home-visits/" hreflang="cy" lang="cy">Cymraeg</a>' in english
    assert '<a href="../../home-visits/" hreflang="en" lang="en">English</a>' in welsh
    for page in ("changes", "history", "download"):  # each page's switch leads to its twin
        text = (site / "home-visits" / page / "index.html").read_text("utf-8")
        twin = f'<a href="../../cy/home-visits/{page}/" hreflang="cy" lang="cy">Cymraeg</a>'
        assert twin in text
    assert "Wrth gyrraedd, rhaid i staff:" in welsh and "Polisïau Cyngor Enghreifftiol" in welsh
    # the body's article is lower case inside the banner's sentence, as it is in Welsh
    assert "nid yw wedi'i gymeradwyo eto gan y Cabinet." in welsh and "Y Cabinet wedi" not in welsh
    assert 'href="changes/">Gweld beth sy\'n newid</a>' in welsh  # the Welsh What's changing
    for twin in ("changes/", "history/", "download/"):  # its other pages, in Welsh
        assert f'<a href="{twin}">' in welsh, twin
    assert '<a href="history/">Hanes y fersiynau</a>' in welsh
    pdf = site / "cy" / "home-visits" / "home-visits-proposed-1.0.cy.pdf"
    with pikepdf.open(pdf) as opened:
        assert str(opened.Root.Lang) == "cy-GB"
    assert f'href="{pdf.name}"' in welsh
    assert "hreflang" not in (site / "standards" / "index.html").read_text("utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    found = {d["location"] for d in index["docs"] if "tenant yn ffonio" in d["text"]}
    assert found and all(place.startswith("cy/home-visits/") for place in found)
    found = {d["location"] for d in index["docs"] if "tenant phones the council" in d["text"]}
    assert found and all(place.startswith("home-visits/") for place in found)


def _open_consultation(git: Git) -> None:
    head = git("rev-parse", "HEAD").strip()
    record = git.root / DOC / "consultations" / "2026-11-01-tenant-survey.yaml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(
        "title: Tenant survey on home visits\nopened: 2026-11-01\nclosed: 2026-12-15\n"
        "consulted: [All tenants]\nmethod: An online and paper survey\n"
        f'covers: "{head}"\n' + WELSH_VIEWS,
        encoding="utf-8",
    )
    git.commit("Open the tenant survey on home visits", date="2026-11-01T12:00:00+00:00")


def test_whats_changing_has_a_welsh_page_linked_both_ways(git: Git):
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    site = git.root / "build" / "site"
    english = (site / "home-visits" / "changes" / "index.html").read_text("utf-8")
    welsh = (site / "cy" / "home-visits" / "changes" / "index.html").read_text("utf-8")
    assert '<html lang="cy-GB"' in welsh
    alternates = r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">'
    for page, up in ((english, "../../"), (welsh, "../../../")):
        assert re.findall(alternates, page) == [
            ("en-GB", f"{up}home-visits/changes/"),
            ("cy-GB", f"{up}cy/home-visits/changes/"),
        ]
    assert '<a href="../../cy/home-visits/changes/" hreflang="cy" lang="cy">Cymraeg</a>' in english
    assert '<a href="../../../home-visits/changes/" hreflang="en" lang="en">English</a>' in welsh
    welsh = html.unescape(welsh)
    assert "<title>Beth sy'n newid \u2013 Cod Ymarfer ar gyfer Ymweliadau Cartref" in welsh
    for words in ("Beth sy'n newid: Cod", "Nid yw'r ddogfen hon wedi'i chymeradwyo eto"):
        assert words in welsh, words
    assert "has not been approved yet" in english and "approved yet" not in welsh


def test_the_home_page_has_a_welsh_twin_listing_the_welsh_texts(git: Git):
    _open_consultation(git)
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    site = git.root / "build" / "site"
    english = (site / "index.html").read_text("utf-8")
    welsh = html.unescape((site / "cy" / "index.html").read_text("utf-8"))
    assert '<html lang="cy-GB"' in welsh
    alternates = r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">'
    assert re.findall(alternates, english) == [("en-GB", "./"), ("cy-GB", "./cy/")]
    assert re.findall(alternates, welsh) == [("en-GB", "../"), ("cy-GB", "../cy/")]
    assert '<a href="./cy/" hreflang="cy" lang="cy">Cymraeg</a>' in english
    assert '<a href="../" hreflang="en" lang="en">English</a>' in welsh
    assert '<a href="home-visits/">Cod Ymarfer ar gyfer Ymweliadau Cartref</a>' in welsh
    assert '<h1 id="polisiau-tai">Polisïau tai</h1>' in welsh
    assert "Heb ei chymeradwyo eto" in welsh and "Ein dogfennau" in welsh
    assert 'href="home-visits/changes/#have-your-say"' in welsh  # the Welsh Have your say
    assert "Dywedwch wrthym beth yw eich barn am y newidiadau erbyn 15 Rhagfyr 2026" in welsh
    assert "Not yet approved" in english and "Not yet approved" not in welsh


def test_download_has_a_welsh_page_with_the_welsh_files(git: Git):
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    site = git.root / "build" / "site"
    english = (site / "home-visits" / "download" / "index.html").read_text("utf-8")
    welsh = html.unescape((site / "cy/home-visits/download/index.html").read_text("utf-8"))
    assert '<html lang="cy-GB"' in welsh
    alternates = r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">'
    assert re.findall(alternates, welsh) == [
        ("en-GB", "../../../home-visits/download/"),
        ("cy-GB", "../../../cy/home-visits/download/"),
    ]
    assert 'href="../../cy/home-visits/download/" hreflang="cy" lang="cy">Cymraeg</a>' in english
    assert 'href="../../../home-visits/download/" hreflang="en" lang="en">English</a>' in welsh
    pdf = site / "cy/home-visits/home-visits-proposed-1.0.cy.pdf"
    assert pdf.is_file() and (site / "cy/home-visits/home-visits-proposed-1.0.cy.docx").is_file()
    assert re.search(
        r'<a href="\.\./home-visits-proposed-1\.0\.cy\.pdf" download>Lawrlwytho fersiwn '
        r"arfaethedig 1\.0 \(heb ei chymeradwyo eto\) fel PDF, i'w darllen a'i hargraffu "
        r"\(PDF, \d+ KB\)</a>",
        welsh,
    )
    assert "Lawrlwytho: Cod Ymarfer ar gyfer Ymweliadau Cartref" in welsh
    assert "Gofyn am fformat arall" in welsh and "Download" not in welsh.split("<article")[1]


def test_the_welsh_download_page_of_an_approved_document_offers_its_welsh_files(git: Git):
    _consult(git, welsh=True)
    assert _approve(git).returncode == 0
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    welsh = html.unescape(
        (git.root / "build/site/cy/home-visits/download/index.html").read_text("utf-8")
    )
    assert re.search(
        r'<a href="\.\./home-visits\.cy\.pdf" download>Lawrlwytho fersiwn 1\.0 \(mewn grym ers 3 '
        r"Mawrth 2026\) fel PDF, i'w darllen a'i hargraffu \(PDF, \d+ KB\)</a>",
        welsh,
    )
    assert "Saesneg" not in welsh.split("<article")[1]


def test_the_accessibility_statement_has_a_welsh_twin(git: Git):
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    site = git.root / "build" / "site"
    english = (site / "accessibility" / "index.html").read_text("utf-8")
    welsh = html.unescape((site / "cy/accessibility/index.html").read_text("utf-8"))
    assert '<html lang="cy-GB"' in welsh
    alternates = r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">'
    assert re.findall(alternates, welsh) == [
        ("en-GB", "../../accessibility/"),
        ("cy-GB", "../../cy/accessibility/"),
    ]
    assert '<a href="../cy/accessibility/" hreflang="cy" lang="cy">Cymraeg</a>' in english
    assert '<a href="../../accessibility/" hreflang="en" lang="en">English</a>' in welsh
    assert "Datganiad hygyrchedd</h1>" in welsh and "chwyddo hyd at 400% heb" in welsh
    assert "Cyngor Enghreifftiol sy'n rhedeg y wefan hon." in welsh
    assert "Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus" in welsh
    assert "Accessibility statement" in english and "Regulations 2018" not in welsh


def test_the_version_history_has_a_welsh_twin_linking_each_version(git: Git):
    _consult(git, welsh=True)
    assert _approve(git).returncode == 0
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    site = git.root / "build" / "site"
    welsh = html.unescape((site / "cy/home-visits/history/index.html").read_text("utf-8"))
    assert '<html lang="cy-GB"' in welsh
    assert "Hanes y fersiynau: Cod Ymarfer ar gyfer Ymweliadau Cartref" in welsh
    assert '<a href="../../../home-visits/history/" hreflang="en" lang="en">English</a>' in welsh
    assert '<a href="../v1.0/">Fersiwn 1.0</a>' in welsh  # the Welsh page of version 1.0
    assert (site / "cy/home-visits/v1.0/index.html").is_file()
    assert "Every change to this document" not in welsh


def test_have_your_say_asks_about_the_welsh_language_in_both_languages(git: Git):
    _open_consultation(git)
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    site = git.root / "build" / "site"
    english = (site / "home-visits" / "changes" / "index.html").read_text("utf-8")
    welsh = html.unescape((site / "cy/home-visits/changes/index.html").read_text("utf-8"))
    assert "How to have your say" in english
    assert "affect people's chances to use Welsh" in html.unescape(english)
    assert "Dweud eich dweud" in welsh
    assert "Dywedwch wrthym beth yw eich barn erbyn 15 Rhagfyr 2026" in welsh
    assert "i ddefnyddio'r Gymraeg" in welsh and "Tell us" not in welsh
    assert "Tenant survey on home visits" in welsh  # the consultation's own words, as written


def test_an_english_only_document_asks_nothing_about_welsh(tmp_path: Path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.rmtree(tmp_path / DOC / "cy")
    _edit(tmp_path / DOC / "document.yaml", "translation: cy-GB\n", "")
    git = Git(tmp_path)
    git.commit("Add the code of practice for home visits", "First draft.")
    _open_consultation(git)
    built = run_cli("build", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    english = (tmp_path / "build/site/home-visits/changes/index.html").read_text("utf-8")
    assert "How to have your say" in english and "use Welsh" not in english
    assert not (tmp_path / "build/site/cy").exists()


def test_zensical_builds_the_welsh_page_as_mkdocs_does(git: Git):
    pytest.importorskip("zensical")
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    project = git.root / "copy"
    shutil.copytree(git.root / "build" / "site-src", project)
    run = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env={**os.environ, **TODAY, "PYTHONWARNINGS": "ignore"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # Zensical writes "/" in attributes as "&#x2f;": the same address once read
    welsh = html.unescape(
        (project / "site" / "cy" / "home-visits" / "index.html").read_text("utf-8")
    )
    assert '<html lang="cy-GB"' in welsh
    assert 'hreflang="en-GB" href="../../home-visits/"' in welsh
    assert '<a href="../../home-visits/" hreflang="en" lang="en">English</a>' in welsh
    assert "Wrth gyrraedd, rhaid i staff:" in welsh and "Neidio i'r cynnwys" in welsh


def test_a_welsh_only_document_has_its_history_page_in_welsh(tmp_path: Path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    folder = tmp_path / "content/home-visits"
    for section in ("introduction", "visits", "version-control"):  # the Welsh is the original
        shutil.copy(folder / "cy/sections" / f"{section}.yaml", folder / "sections")
    shutil.rmtree(folder / "cy")
    _edit(folder / "document.yaml", "language: en-GB\ntranslation: cy-GB\n", "language: cy-GB\n")
    for file in (folder / "sections").glob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r"\n *translates: [a-z]+", "", text), encoding="utf-8")
    git = Git(tmp_path)
    git.commit("Ychwanegu'r cod ymarfer", "Drafft cyntaf.")
    built = run_cli("build", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    page = (tmp_path / "build/site/home-visits/history/index.html").read_text("utf-8")
    assert '<html lang="cy-GB"' in page
    for words in ("Hanes y fersiynau: Code of Practice", "Pob newid i'r ddogfen hon", "Statws"):
        assert words in page, words
    assert "Every change to this document" not in page and "Policy owner" not in page


def test_the_welsh_page_of_an_approved_document_shows_the_version_in_force(git: Git):
    _consult(git, welsh=True)
    assert _approve(git).returncode == 0
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    welsh = (git.root / "build/site/cy/home-visits/index.html").read_text("utf-8")
    # approved by "Cabinet" (the English name): the Welsh names it as cy/document.yaml does
    assert (
        "<strong>Fersiwn 1.0</strong>, wedi'i chymeradwyo gan y Cabinet ar 3 Mawrth 2026." in welsh
    )
    assert ">Y Cabinet</td>" in welsh and "gan Cabinet" not in welsh
    english = (git.root / "build/site/home-visits/index.html").read_text("utf-8")
    assert "Y Cabinet" not in english and "approved by Cabinet on 3 March 2026" in english
    paper = open_docx(git.root / "build/home-visits/home-visits.cy.docx")
    cells = [c.text for t in paper.tables for r in t.rows for c in r.cells]
    assert "Y Cabinet" in cells and not any("gan Cabinet" in c for c in cells)
    assert "Wrth gyrraedd, rhaid i staff:" in welsh and "Drafft." not in welsh


WORDS = st.lists(st.text("abcdefghijklmnopqrstuvwxyzŵŷâ'’", min_size=1), min_size=1, max_size=8)
SPACE = st.sampled_from([" ", "  ", "\n", " \n  "])


@given(WORDS, st.data())
def test_rewrapping_the_english_keeps_its_fingerprint_and_a_new_word_changes_it(words, data):
    spaced = "".join(w + data.draw(SPACE) for w in words).strip()
    assert fingerprint([spaced]) == fingerprint([" ".join(words)])
    assert fingerprint([" ".join([*words, "newydd"])]) != fingerprint([" ".join(words)])
    assert re.fullmatch("[a-z]{10}", fingerprint(words))


def test_the_paper_shows_the_views_sought_on_the_welsh_language(git: Git):
    """Cabinet sees what the consultation asked about the Welsh language, as the Welsh Language
    Standards ask: the record's 'welsh-language:' was required for approval but shown nowhere."""
    _consult(git, welsh=True)
    assert _approve(git).returncode == 0
    _edit(git.root / DOC / "sections/visits.yaml", "two working days", "three working days")
    git.commit("Give tenants more notice", "Staff agree a visit three working days ahead.")
    _consult(git, welsh=True, date="2026-10-20")
    built = run_cli("build", "--only", "docx", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    paper = open_docx(git.root / "build/home-visits/home-visits.docx")
    texts = [p.text for p in paper.paragraphs]
    assert (
        "Views sought on the Welsh language: We asked whether the changes affect tenants' chances "
        "to use Welsh, and how the code could treat Welsh no less favourably than English."
    ) in texts
