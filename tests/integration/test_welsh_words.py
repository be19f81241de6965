"""No English interface word in any Welsh output (issue 25): each Welsh page's main content, the
Welsh PDF and Word files, and a Welsh document's change log, cabinet paper and compare pages.

Two checks. No sentence of the catalogue (three words or more of a message id with its own
Welsh) appears in a Welsh output. And every block a Welsh page marks as English holds only the
content's own words (the English text, the policy owner's change summaries): never an
interface sentence left in English and hidden behind `lang="en-GB"`. Built from the bilingual
fixture in a real git repository, with an approved version, a change and an open consultation.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from babel.messages.pofile import read_po
from docx import Document as open_docx
from pdfminer.high_level import extract_text

from tests.conftest import REPO, Git, run_cli

FIXTURE = REPO / "tests" / "fixtures" / "bilingual"
CATALOGUE = REPO / "scripts" / "policypress" / "locale" / "cy" / "LC_MESSAGES" / "policypress.po"
TODAY = {"SOURCE_DATE_EPOCH": "1795000000"}  # 19 November 2026
DOC = "content/home-visits"
COMMITS = {  # the subjects and Change-summary lines: content, in the language they were written
    "first": ("Add the code of practice for home visits", "First draft, in English and Welsh."),
    "notice": ("Give tenants more notice", "Staff agree a visit three working days ahead."),
    "welsh": ("Bring the Welsh up to date", "The Welsh says three working days."),
}
SURVEY = (
    "title: Tenant survey on home visits\nopened: {opened}\nclosed: {closed}\n"
    "consulted: [All tenants]\nmethod: An online and paper survey\nresponses: 9\n"
    'covers: "{head}"\nwelsh-language: >-\n  We asked whether the changes affect tenants\' '
    "chances to use Welsh.\n"
)


def _sentences() -> list[str]:
    """Each run of three words or more, between placeholders and tags, of every message id whose
    Welsh differs: the English of policypress's own sentences."""
    with open(CATALOGUE, "rb") as file:
        catalogue = read_po(file, locale="cy")
    found = set()
    for message in catalogue:
        if not message.id or not message.string or message.string == message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        for piece in re.split(r"%\([a-z_]+\)s|<[^>]+>|[“”]", english):
            piece = piece.strip(" .,:;()—–·")
            if len(piece.split()) >= 3 and piece not in str(message.string):
                found.add(piece)
    return sorted(found)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _content_words(root: Path) -> set[str]:
    """Every word of the content a Welsh page may show as written: the documents' files (in
    both languages, as they are and as the fixture first had them), the consultation records
    and the commit messages."""
    files = [*(root / "content").rglob("*.yaml"), *FIXTURE.rglob("*.yaml")]
    text = " ".join(p.read_text("utf-8") for p in files)
    text += " ".join(" ".join(pair) for pair in COMMITS.values())
    return _words(text)


def _commit(git: Git, which: str, date: str) -> str:
    return git.commit(*COMMITS[which], date=date)


def _consult(git: Git, opened: str, closed: str) -> None:
    head = git("rev-parse", "HEAD").strip()
    record = git.root / DOC / "consultations" / f"{opened}-tenant-survey.yaml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(SURVEY.format(opened=opened, closed=closed, head=head), encoding="utf-8")
    git.commit("Record the tenant survey", date=f"{opened}T12:00:00+00:00")


def _changed(git: Git, welsh: str, old: str, new: str) -> None:
    """Approve version 1.0, then change clause 2.1 (and its Welsh, brought up to date)."""
    _consult(git, "2026-02-20", "2026-02-20")
    approved = run_cli(
        "approve", "home-visits", "--by", "Cabinet", "--date", "2026-03-03", cwd=git.root, env=TODAY
    )
    assert approved.returncode == 0, approved.stdout + approved.stderr
    english = git.root / DOC / "sections/visits.yaml"
    english.write_text(english.read_text("utf-8").replace(old, new), encoding="utf-8")
    _commit(git, "notice", "2026-06-01T10:00:00+00:00")
    if welsh:
        path = git.root / DOC / "cy/sections/visits.yaml"
        check = run_cli("check", "--format", "json", cwd=git.root, env=TODAY).stdout
        fingerprint = re.findall(r"'translates: ([a-z]{10})'", check)[0]
        lines = path.read_text("utf-8").replace("ddau ddiwrnod", "dri diwrnod").split("\n")
        lines[5] = f"    translates: {fingerprint}"
        path.write_text("\n".join(lines), encoding="utf-8")
        _commit(git, "welsh", "2026-06-02T10:00:00+00:00")
    _consult(git, "2026-11-01", "2026-12-15")
    built = run_cli("build", cwd=git.root, env=TODAY)
    assert built.returncode == 0, built.stdout + built.stderr


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Path:
    """The bilingual fixture, approved, then changed in both languages, while consulting."""
    root = tmp_path_factory.mktemp("bilingual")
    shutil.copytree(FIXTURE, root / "content")
    git = Git(root)
    _commit(git, "first", "2026-01-05T10:00:00+00:00")
    _changed(git, "cy", "two working days", "three working days")
    return root


@pytest.fixture(scope="module")
def welsh_only(tmp_path_factory) -> Path:
    """The fixture's Welsh text as a document in Welsh only, approved, then changed."""
    root = tmp_path_factory.mktemp("welsh-only")
    shutil.copytree(FIXTURE, root / "content")
    folder = root / DOC
    for section in ("introduction", "visits", "version-control"):
        text = (folder / "cy/sections" / f"{section}.yaml").read_text("utf-8")
        text = re.sub(r"\n *translates: [a-z]+", "", text)
        (folder / "sections" / f"{section}.yaml").write_text(text, encoding="utf-8")
    shutil.rmtree(folder / "cy")
    meta = (folder / "document.yaml").read_text("utf-8")
    meta = meta.replace("language: en-GB\ntranslation: cy-GB\n", "language: cy-GB\n")
    (folder / "document.yaml").write_text(meta, encoding="utf-8")
    git = Git(root)
    _commit(git, "first", "2026-01-05T10:00:00+00:00")
    _changed(git, "", "ddau ddiwrnod", "dri diwrnod")
    return root


def _main(page: Path) -> tuple[str, list[str]]:
    """A page's main content as text, without its blocks marked English, and those blocks'
    texts (each without the words a screen reader hears in the page's language)."""
    tree = lxml.html.fromstring(page.read_bytes())
    (article,) = tree.xpath("//article")
    english = []
    for block in article.xpath(".//*[starts-with(@lang, 'en')]"):
        for spoken in block.xpath(".//*[contains(@class, 'pp-sr')]"):
            spoken.drop_tree()
        english.append(" ".join(block.itertext()))
        block.drop_tree()
    return " ".join(article.text_content().split()), english


def _docx_text(path: Path) -> str:
    word = open_docx(path)
    texts = [p.text for p in word.paragraphs]
    texts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    for section in word.sections:
        texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return " ".join(" ".join(texts).split())


def _english_in(text: str) -> list[str]:
    return [sentence for sentence in _sentences() if sentence in text]


def _check_pages(root: Path, pages: list[Path]) -> dict[str, list[str]]:
    """For each Welsh page: the catalogue's English sentences it shows, and the words in its
    English blocks that are not the content's."""
    content = _content_words(root)
    found = {}
    for page in pages:
        text, english = _main(page)
        foreign = sorted(_words(" ".join(english)) - content)
        if _english_in(text) or foreign:
            found[page.relative_to(root / "build/site").as_posix()] = _english_in(text) + foreign
    return found


def test_the_check_knows_policypress_english_when_it_sees_it():
    sentences = _sentences()
    assert "Words that were added are underlined; words that were removed are crossed out" in (
        sentences
    )
    assert "What it asks of staff may change: read the new wording" in sentences
    assert "Clause" not in sentences  # too short to tell from content


def test_no_welsh_page_of_a_bilingual_document_shows_an_english_interface_word(bilingual: Path):
    pages = sorted((bilingual / "build/site/cy").rglob("index.html"))
    names = {p.parent.relative_to(bilingual / "build/site").as_posix() for p in pages}
    assert {"cy/home-visits", "cy/home-visits/changes", "cy/home-visits/history"} <= names
    assert _check_pages(bilingual, pages) == {}
    # the change's own words are kept, tagged as English, beside Welsh that says where it is
    changes = (bilingual / "build/site/cy/home-visits/changes/index.html").read_text("utf-8")
    assert '<strong>Cymal 2.1: <span lang="en-GB">Staff agree a visit three' in changes
    # and the English page is as it was: English words, no Welsh
    english = (bilingual / "build/site/home-visits/changes/index.html").read_text("utf-8")
    assert "<strong>Clause 2.1: Staff agree a visit three working days ahead.</strong>" in english
    assert "A figure, limit or deadline is different" in english


def test_the_welsh_pdf_and_word_files_have_no_english_interface_word(bilingual: Path):
    folder = bilingual / "build" / "home-visits"
    word, pdf = folder / "home-visits.cy.docx", folder / "home-visits.cy.pdf"
    content = _content_words(bilingual)
    for text in (_docx_text(word), " ".join(extract_text(pdf).split())):
        assert "Cynnwys" in text
        assert _english_in(text) == []
        # no word of policypress's English but the content's, "a" (Welsh for "and") and Word
        english = (_words(text) & _words(" ".join(_sentences()))) - content
        assert english <= {"a", "word"}, sorted(english)


def test_a_welsh_document_has_its_change_log_paper_and_pages_in_welsh(welsh_only: Path):
    folder = welsh_only / "build" / "home-visits"
    log = (folder / "changes.md").read_text("utf-8")
    assert "Pam mae'n bwysig:" in log and "## 1. Cymal 2.1" in log
    paper = _docx_text(folder / "home-visits.docx")
    assert "Crynodeb o'r newidiadau" in paper and "Cymal 2.1" in paper
    shown = run_cli("diff", "home-visits", "--format", "html", cwd=welsh_only, env=TODAY)
    assert shown.returncode == 0, shown.stderr
    for name, text in (
        ("diff --format html", " ".join(lxml.html.fromstring(shown.stdout).itertext())),
        ("changes.md", log),
        ("changes.csv", (folder / "changes.csv").read_text("utf-8")),
        ("home-visits.docx", paper),
        ("home-visits.pdf", " ".join(extract_text(folder / "home-visits.pdf").split())),
    ):
        assert _english_in(text) == [], name
    # every page of the document: its text, the proposal, version 1.0, history, download,
    # what's changing and the compare pages
    pages = sorted((welsh_only / "build" / "site" / "home-visits").rglob("index.html"))
    assert len(pages) == 8
    assert _check_pages(welsh_only, pages) == {}
    # the menu names the document's pages in Welsh too; the site's own pages stay English
    navs = lxml.html.fromstring(pages[0].read_bytes()).xpath("//nav")
    menu = " ".join(" ".join(nav.text_content().split()) for nav in navs)
    assert "Y fersiwn arfaethedig" in menu and "Hanes y fersiynau" in menu
    assert "The proposed version" not in menu and "Accessibility" in menu
