"""Every page and file a Welsh reader needs, in Welsh (issue 25, item 4): each approved version
and the proposal have a Welsh page at /cy/, linked both ways, with their own Welsh PDF and Word
files; every Welsh PDF is tagged and keeps every Welsh clause; no Welsh page leads to an English
page without saying so. Real git repositories in tmp_path: the bilingual fixture, approved, then
an English edit with its Welsh brought up to date."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from policypress.load.loader import load_library
from tests.conftest import Git, run_cli
from tests.integration.test_conservation import assert_conserved, docx_words, pdf_words, site_words
from tests.integration.test_welsh import (
    DOC,
    FIXTURE,
    TODAY,
    _approve,
    _consult,
    _edit,
    _problems,
)
from tests.pdftags import assert_pdf_ua, tagged_texts

ALTERNATES = r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">'


def _bring_welsh_up_to_date(git: Git, old: str, new: str) -> None:
    """Set the Welsh of clause 2.1 to `new` (from `old`) with the fingerprint `check` gives."""
    hint = [p for p in _problems(git) if p["code"] == "translation-stale"][0]["hint"]
    welsh = git.root / DOC / "cy/sections/visits.yaml"
    text = welsh.read_text(encoding="utf-8").replace(old, new)
    lines = text.split("\n")
    lines[5] = "    translates: " + re.findall(r"'translates: ([a-z]{10})'", hint)[0]
    welsh.write_text("\n".join(lines), encoding="utf-8")
    git.commit("Bring the Welsh up to date", "The Welsh says three working days.")


def approved_then_edited(root: Path) -> None:
    """Version 1.0 approved in both languages, then proposed version 2.0, built into `root`."""
    shutil.copytree(FIXTURE, root / "content")
    git = Git(root)
    git.commit("Add the code of practice for home visits", "First draft, in English and Welsh.")
    _consult(git, welsh=True)
    assert _approve(git).returncode == 0
    _edit(root / DOC / "sections/visits.yaml", "two working days", "three working days")
    git.commit("Give tenants more notice", "Staff agree a visit three working days ahead.")
    _bring_welsh_up_to_date(git, "ddau ddiwrnod", "dri diwrnod")
    built = run_cli("build", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("welsh-versions")
    approved_then_edited(root)
    return root


def _read(path: Path) -> str:
    return html.unescape(path.read_text("utf-8"))


def test_each_approved_version_has_a_welsh_page_linked_both_ways(site: Path):
    pages = site / "build" / "site"
    english = _read(pages / "home-visits/v1.0/index.html")
    welsh = _read(pages / "cy/home-visits/v1.0/index.html")
    assert '<html lang="cy-GB"' in welsh
    for page, up in ((english, "../../"), (welsh, "../../../")):
        assert re.findall(ALTERNATES, page) == [
            ("en-GB", f"{up}home-visits/v1.0/"),
            ("cy-GB", f"{up}cy/home-visits/v1.0/"),
        ]
    assert '<a href="../../cy/home-visits/v1.0/" hreflang="cy" lang="cy">Cymraeg</a>' in english
    assert '<a href="../../../home-visits/v1.0/" hreflang="en" lang="en">English</a>' in welsh
    assert "Cod Ymarfer ar gyfer Ymweliadau Cartref, fersiwn 1.0</h1>" in welsh
    assert "Dyma fersiwn 1.0, a gymeradwywyd gan y Cabinet ar 3 Mawrth 2026." in welsh
    history = _read(pages / "cy/home-visits/history/index.html")
    assert "Cymeradwywyd gan y Cabinet ar 3 Mawrth 2026" in history and "gan Cabinet" not in history
    # the text as it was approved: two working days, in Welsh
    assert "o leiaf ddau ddiwrnod gwaith" in welsh and "dri diwrnod" not in welsh
    assert re.search(
        r'<a href="home-visits-v1\.0\.cy\.pdf">Lawrlwytho fersiwn 1\.0 fel PDF \(PDF, \d+ KB\)</a>',
        welsh,
    )
    assert '<a href="home-visits-v1.0.cy.docx">' in welsh


def test_the_proposal_has_a_welsh_page_with_its_welsh_files(site: Path):
    pages = site / "build" / "site"
    english = _read(pages / "home-visits/draft/index.html")
    welsh = _read(pages / "cy/home-visits/draft/index.html")
    assert '<html lang="cy-GB"' in welsh
    assert re.findall(ALTERNATES, welsh) == [
        ("en-GB", "../../../home-visits/draft/"),
        ("cy-GB", "../../../cy/home-visits/draft/"),
    ]
    assert '<a href="../../cy/home-visits/draft/" hreflang="cy" lang="cy">Cymraeg</a>' in english
    assert '<a href="../../../home-visits/draft/" hreflang="en" lang="en">English</a>' in welsh
    assert "Arfaethedig: Cod Ymarfer ar gyfer Ymweliadau Cartref</h1>" in welsh
    assert "Cynigir y testun hwn yn lle fersiwn 1.0" in welsh and "dri diwrnod" in welsh
    assert '<a href="home-visits-proposed-2.0.cy.pdf">' in welsh
    # the Welsh page of the version in force leads to the Welsh proposal
    in_force = _read(pages / "cy/home-visits/index.html")
    assert '<a href="draft/">darllenwch y fersiwn arfaethedig</a>' in in_force
    history = _read(pages / "cy/home-visits/history/index.html")
    assert '<a href="../draft/">Fersiwn arfaethedig 2.0</a>' in history
    assert '<a href="../v1.0/">Fersiwn 1.0</a>' in history


def test_the_comparisons_have_welsh_pages_with_the_welsh_beside_the_english(site: Path):
    pages = site / "build" / "site"
    for page in ("compare/", "compare/v1.0-to-proposed-2.0/"):
        english = _read(pages / "home-visits" / page / "index.html")
        welsh = _read(pages / "cy/home-visits" / page / "index.html")
        up = "../" * (page.count("/") + 2)
        assert '<html lang="cy-GB"' in welsh
        assert re.findall(ALTERNATES, welsh) == [
            ("en-GB", f"{up}home-visits/{page}"),
            ("cy-GB", f"{up}cy/home-visits/{page}"),
        ]
        assert f'<a href="{up[3:]}cy/home-visits/{page}" hreflang="cy" lang="cy">' in english
        assert f'<a href="{up}home-visits/{page}" hreflang="en" lang="en">English</a>' in welsh
    index = _read(pages / "cy/home-visits/compare/index.html")
    assert (
        '<a href="v1.0-to-proposed-2.0/">Cymharu fersiwn 1.0 â fersiwn arfaethedig 2.0</a>' in index
    )
    pair = _read(pages / "cy/home-visits/compare/v1.0-to-proposed-2.0/index.html")
    assert "Newidiadau o fersiwn 1.0 i fersiwn arfaethedig 2.0: Cod Ymarfer" in pair
    assert '<a href="../../v1.0/">fersiwn 1.0</a>' in pair  # the Welsh pages of each
    assert '<a href="../../draft/">fersiwn arfaethedig 2.0</a>' in pair
    # the change is the English one, tagged as English; the Welsh is beside it, marked
    assert '<span lang="en-GB">Staff agree a visit three working days ahead.</span>' in pair
    beside = re.search(r'<p class="pp-marked pp-beside" lang="cy-GB">(.*?)</p>', pair)
    assert beside and "<del>" in beside.group(1) and "<ins>" in beside.group(1)
    assert "ddau" in beside.group(1) and "dri" in beside.group(1)
    version = _read(pages / "cy/home-visits/v1.0/index.html")
    assert '<a href="../compare/">Cymharu fersiynau</a>' in version
    in_force = _read(pages / "cy/home-visits/index.html")  # as the English page links to it
    assert '<a href="compare/">Cymharu fersiynau</a>' in in_force


def test_the_welsh_download_page_offers_the_welsh_files_of_every_version(site: Path):
    pages = site / "build" / "site"
    welsh = _read(pages / "cy/home-visits/download/index.html")
    for href in (
        "../home-visits.cy.pdf",
        "../home-visits.cy.docx",
        "../draft/home-visits-proposed-2.0.cy.pdf",
        "../draft/home-visits-proposed-2.0.cy.docx",
    ):
        assert f'<a href="{href}" download>' in welsh, href
        assert (pages / "cy/home-visits/download" / href).resolve().is_file(), href
    assert "Lawrlwytho fersiwn 1.0 (mewn grym ers 3 Mawrth 2026) fel PDF" in welsh
    stable = pages / "cy/home-visits/home-visits.cy.pdf"
    assert (
        stable.read_bytes() == (pages / "cy/home-visits/v1.0/home-visits-v1.0.cy.pdf").read_bytes()
    )
    assert "yn Saesneg yn unig" not in welsh  # every version has its Welsh files


def _pdf_ua(path: Path, language: str) -> None:
    """The PDF/UA tags the English PDF has (tests/integration/test_docx_pdf.py), in `language`,
    and no English interface word in what a screen reader reads."""
    assert_pdf_ua(path, language)
    read = "\n".join(text for _, text in tagged_texts(path))
    assert "Cynnwys" in read and "Taflen rheoli'r ddogfen" in read, path.name
    english = r"\b(Contents|Version|Status|Date|Policy owner|DRAFT|Minute|Changes|approved)\b"
    assert re.findall(english, read) == [], path.name


def _welsh_word(path: Path) -> None:
    """A Welsh Word file: tagged cy-GB wherever a language is set, its own words in Welsh."""
    word = open_docx(path)
    assert word.core_properties.language == "cy-GB", path.name
    tags = {lang.get(qn("w:val")) for lang in word.styles.element.iter(qn("w:lang"))}
    assert tags == {"cy-GB"}, path.name
    texts = [p.text for p in word.paragraphs]
    texts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    for section in word.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    text = "\n".join(texts)
    for welsh in ("Cynnwys", "Taflen rheoli'r ddogfen", "Tudalen", "Dyddiad cymeradwyo"):
        assert welsh in text, (path.name, welsh)
    english = r"\b(Contents|Version|Status|Date|Policy owner|DRAFT|Minute|Page|approved)\b"
    assert re.findall(english, text) == [], path.name


def test_every_welsh_file_is_tagged_cy_and_keeps_every_welsh_clause(site: Path):
    pages = site / "build" / "site"
    approved = load_library(FIXTURE, FIXTURE.parent).library.documents[0]
    working = load_library(site / "content", site).library.documents[0]
    assert approved.translation is not None and working.translation is not None
    texts = {  # each Welsh file, and the Welsh text it holds
        "cy/home-visits/v1.0/home-visits-v1.0.cy": approved.translation.document,
        "cy/home-visits/home-visits.cy": approved.translation.document,
        "cy/home-visits/draft/home-visits-proposed-2.0.cy": working.translation.document,
    }
    pdfs = sorted(str(p.relative_to(pages)) for p in pages.glob("cy/**/*.pdf"))
    assert pdfs == sorted(f"{name}.pdf" for name in texts)
    for name, text in texts.items():
        _pdf_ua(pages / f"{name}.pdf", "cy-GB")
        _welsh_word(pages / f"{name}.docx")
        assert_conserved(
            text,
            {
                f"{name}.pdf": pdf_words(pages / f"{name}.pdf"),
                f"{name}.docx": docx_words(pages / f"{name}.docx"),
            },
        )
    for name in list(texts)[:2]:  # the approved version's Welsh files say it is approved
        read = "\n".join(text for _, text in tagged_texts(pages / f"{name}.pdf"))
        assert "Wedi'i chymeradwyo" in read and "DRAFFT" not in read, name
        assert "Drafft" not in read and "heb ei chymeradwyo" not in read, name
        word = "\n".join(p.text for p in open_docx(pages / f"{name}.docx").paragraphs)
        assert "DRAFFT" not in word and "Drafft" not in word, name
    assert_conserved(
        approved.translation.document,
        {"v1.0": site_words(pages / "cy/home-visits/v1.0/index.html")},
    )
    assert_conserved(
        working.translation.document,
        {"draft": site_words(pages / "cy/home-visits/draft/index.html")},
    )


def _links(page: Path) -> list[tuple[str, str, str]]:
    """(href, the whole <a> tag, its text) of every link in the page's main content."""
    text = page.read_text("utf-8")
    main = text[text.index("<article") : text.index("</article>")]
    return re.findall(r'(<a [^>]*href="([^"#]*)[^"]*"[^>]*>)(.*?)</a>', main, re.S)


def _no_english_page_unsaid(pages: Path) -> None:
    """Every link on every Welsh page leads somewhere; one to an English page says so."""
    welsh = sorted(pages.glob("cy/**/index.html"))
    for page in welsh:
        where = str(page.relative_to(pages))
        for tag, href, text in _links(page):
            if not href or href.startswith(("mailto:", "tel:", "http")):
                continue
            target = (page.parent / href).resolve()
            assert target.exists(), f"{where}: {href} leads nowhere"
            inside = urljoin(where, href)
            if target.is_dir() and not inside.startswith("cy/"):  # an English page
                said = 'lang="en"' in tag or "Saesneg" in text  # English, or says so in Welsh
                assert 'hreflang="en"' in tag and said, f"{where}: {tag}{text} is English, unsaid"


def test_no_welsh_page_leads_to_an_english_page_without_saying_so(site: Path):
    pages = site / "build" / "site"
    assert len(list(pages.glob("cy/**/index.html"))) >= 8
    _no_english_page_unsaid(pages)


def approved_in_english_then_translated(tmp_path: Path) -> None:
    """Version 1.0 approved in English only, then proposed version 2.0 with its Welsh, built."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    folder = tmp_path / DOC
    shutil.move(folder / "cy", tmp_path / "welsh")
    _edit(folder / "document.yaml", "translation: cy-GB\n", "")
    git = Git(tmp_path)
    git.commit("Add the code of practice for home visits", "First draft, in English.")
    _consult(git, welsh=False)
    assert _approve(git).returncode == 0  # version 1.0, in English only
    shutil.move(tmp_path / "welsh", folder / "cy")
    _edit(folder / "document.yaml", "language: en-GB\n", "language: en-GB\ntranslation: cy-GB\n")
    _edit(folder / "sections/visits.yaml", "two working days", "three working days")
    git.commit("Give tenants more notice, in Welsh too", "Staff agree a visit three days ahead.")
    _bring_welsh_up_to_date(git, "ddau ddiwrnod", "dri diwrnod")
    built = run_cli("build", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr


def test_a_version_approved_in_english_only_says_so_in_welsh(tmp_path: Path):
    approved_in_english_then_translated(tmp_path)
    pages = tmp_path / "build" / "site"
    assert not (pages / "cy/home-visits/v1.0").exists()
    english = (pages / "home-visits/v1.0/index.html").read_text("utf-8")
    assert re.findall(ALTERNATES, english) == []  # no Welsh twin: its switch leads to the text
    assert '<a href="../../cy/home-visits/" hreflang="cy" lang="cy">Cymraeg</a>' in english
    text = _read(pages / "cy/home-visits/index.html")
    assert '<html lang="cy-GB"' in text
    assert "Cymeradwywyd fersiwn 1.0, y fersiwn sydd mewn grym, yn Saesneg yn unig" in text
    assert '<a href="../../home-visits/" hreflang="en">Darllen fersiwn 1.0 yn Saesneg</a>' in text
    assert '<a href="draft/">Darllen y fersiwn arfaethedig</a>' in text
    history = _read(pages / "cy/home-visits/history/index.html")
    assert (
        '<a href="../../../home-visits/v1.0/" hreflang="en">Fersiwn 1.0 (yn Saesneg yn unig)</a>'
        in history
    )
    download = _read(pages / "cy/home-visits/download/index.html")
    assert "Cymeradwywyd y fersiwn hon yn Saesneg yn unig" in download
    assert (
        '<a href="../../../home-visits/v1.0/" hreflang="en">Ei darllen a lawrlwytho ei ffeiliau yn '
        "Saesneg</a>" in download
    )
    assert '<a href="../draft/home-visits-proposed-2.0.cy.pdf" download>' in download
    assert sorted(p.name for p in pages.glob("cy/**/*.pdf")) == ["home-visits-proposed-2.0.cy.pdf"]
    _pdf_ua(pages / "cy/home-visits/draft/home-visits-proposed-2.0.cy.pdf", "cy-GB")
    _no_english_page_unsaid(pages)


def test_an_earlier_version_approved_in_english_only_says_so_in_welsh(tmp_path: Path):
    approved_in_english_then_translated(tmp_path)
    git = Git(tmp_path)
    _consult(git, welsh=True, date="2026-02-25")
    approved = run_cli(
        "approve", "home-visits", "--by", "Cabinet", "--date", "2026-04-07", cwd=tmp_path, env=TODAY
    )
    assert approved.returncode == 0, approved.stdout + approved.stderr
    built = run_cli("build", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr
    pages = tmp_path / "build" / "site"
    download = _read(pages / "cy/home-visits/download/index.html")
    assert (
        '<a href="../../../home-visits/v1.0/" hreflang="en">Fersiwn 1.0 (yn Saesneg yn unig)</a>'
        in download
    )
    assert "Cymeradwywyd y fersiwn hon yn Saesneg yn unig" in download
    assert '<a href="../home-visits.cy.pdf" download>' in download  # version 2.0, in force
    assert (pages / "cy/home-visits/v2.0/home-visits-v2.0.cy.pdf").is_file()
    assert not (pages / "cy/home-visits/v1.0").exists()
    _no_english_page_unsaid(pages)


def test_a_consultation_before_the_version_in_force_is_not_said_to_await_a_decision(site: Path):
    """The panel met before version 1.0 was approved, and recorded no response: "We did" is left
    out, never "We will show it to Cabinet before they decide on the changes"."""
    pages = site / "build" / "site"
    for page, held, waiting in (
        ("home-visits/changes/index.html", "This consultation was held", "before they decide"),
        ("cy/home-visits/changes/index.html", "Cynhaliwyd yr ymgynghoriad hwn", "cyn penderfynu"),
    ):
        text = _read(pages / page)
        assert held in text, page
        assert waiting not in text[text.index(held) :], page


def test_the_english_change_summaries_on_welsh_pages_are_tagged_english(site: Path):
    """Commit messages are in English only: on a Welsh page a screen reader must read them as
    English, so each summary is tagged; its date stays Welsh. English pages have no tags."""
    pages = site / "build" / "site"
    tagged = (
        '5 Ionawr 2026: <span lang="en-GB">Staff agree a visit three working days ahead.</span>'
    )
    history = (pages / "cy/home-visits/history/index.html").read_text("utf-8")
    assert tagged + " (Siân Öztürk)" in history
    first = '<span lang="en-GB">First draft, in English and Welsh.</span>'
    assert first in (pages / "cy/home-visits/v1.0/index.html").read_text("utf-8")
    home = (pages / "cy/index.html").read_text("utf-8")
    assert re.search(r'Newid diwethaf">[^<]*<span lang="en-GB">', home)
    for page in ("index.html", "home-visits/history/index.html"):
        assert '<span lang="en-GB">' not in (pages / page).read_text("utf-8"), page
