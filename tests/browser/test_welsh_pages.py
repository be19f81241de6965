"""The bilingual fixture's website in a real browser (issue 25): axe-core on its English and
Welsh pages at both widths, and no English interface word on a Welsh page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, sync_playwright

from tests.browser.test_accessibility import (
    ARGS,
    AXE,
    CHROMIUM,
    TAGS,
    _serve,
    axe_violations,
    open_page,
)
from tests.conftest import REPO, Git, run_cli
from tests.integration.test_welsh_versions import (
    approved_in_english_then_translated,
    approved_then_edited,
)

pytestmark = pytest.mark.browser

LOCALE = REPO / "scripts" / "policypress" / "locale"
MATERIAL = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
WELSH_PAGE = "cy/home-visits/"
WELSH_CHANGES = "cy/home-visits/changes/"
# An open consultation, so that Have your say shows its Welsh words; its record, like the
# Change-summary lines, is content in one language: Welsh here, so the check can see the rest.
SURVEY = (
    "title: Arolwg tenantiaid am ymweliadau cartref\nopened: 2026-11-01\nclosed: 2026-12-15\n"
    "consulted: [Pob tenant]\nmethod: Arolwg ar-lein ac ar bapur\n"
    "welsh-language: Gofynnwyd sut y gallai'r newidiadau effeithio ar y Gymraeg.\n"
)
# Every visible text of a page, and the words people hear or see in its attributes, leaving out
# what is marked as English on purpose (the link to the English page) and the changes in the
# document controls sheet: the policy owner's own Change-summary lines, content in one language.
VISIBLE = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('[lang^="en"], script, style, [hidden], td:last-child li')
    .forEach(e => e.remove());
  document.body.appendChild(body);
  const shown = body.innerText;
  body.remove();
  const said = [...document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')]
    .filter(e => !e.closest('[lang^="en"]'))
    .map(e => ['aria-label', 'placeholder', 'title', 'alt'].map(a => e.getAttribute(a) || '')
    .join(' '));
  return shown + ' ' + said.join(' ') + ' ' + document.title;
}"""


def _words(text: str) -> set[str]:
    text = re.sub(r"<[^>]+>|%\([a-z]+\)s", " ", text)
    return {w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)}


def _english_only() -> set[str]:
    """The words of policypress's and Material's English interface that are not also Welsh."""
    with open(LOCALE / "cy" / "LC_MESSAGES" / "policypress.po", "rb") as file:
        catalogue = read_po(file)
    english, welsh = set(), set()
    for message in catalogue:
        if message.id:
            english |= _words(message.id)
            welsh |= _words(message.string)
    for name, into in (("en.html", english), ("cy.html", welsh)):
        into |= _words(" ".join(re.findall(r'": "([^"]*)"', (MATERIAL / name).read_text("utf-8"))))
    return english - welsh - {"tenant"}  # Welsh too: "gyda'r tenant" (one tenant)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("bilingual")
    shutil.copytree(REPO / "tests" / "fixtures" / "bilingual", root / "content")
    git = Git(root)
    head = git.commit("Ychwanegu'r cod ymarfer ar gyfer ymweliadau cartref", "Drafft cyntaf.")
    survey = root / "content/home-visits/consultations/2026-11-01-arolwg.yaml"
    survey.parent.mkdir()
    survey.write_text(SURVEY + f'covers: "{head}"\n', encoding="utf-8")
    git.commit("Agor yr arolwg", "Agor arolwg o'r tenantiaid.", date="2026-11-01T12:00:00+00:00")
    built = run_cli("build", cwd=root, env={"SOURCE_DATE_EPOCH": "1795000000"})
    assert built.returncode == 0, built.stdout + built.stderr
    yield from _serve(root / "build" / "site")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is missing: run scripts/test, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def test_the_english_and_welsh_pages_have_no_axe_violations_at_both_widths(site, browser):
    root, base = site
    assert (root / WELSH_PAGE / "index.html").is_file()
    assert (root / WELSH_CHANGES / "index.html").is_file()
    assert axe_violations(browser, root, base) == []


def test_a_welsh_page_shows_no_english_interface_word(site, browser):
    _, base = site
    english = _english_only()
    assert {"version", "approved", "search", "changing", "contents"} <= english
    for width in ("wide", "phone"):
        page = open_page(browser, base + WELSH_PAGE, width)
        assert page.get_attribute("html", "lang") == "cy-GB"
        seen = _words(page.evaluate(VISIBLE))
        page.close()
        assert "english" not in seen  # the switch to English is marked lang="en"
        assert {"fersiwn", "chwilio", "drafft"} <= seen
        assert sorted(seen & english) == [], width
        page = open_page(browser, base + WELSH_CHANGES, width)
        assert page.get_attribute("html", "lang") == "cy-GB"
        seen = _words(page.evaluate(VISIBLE))
        page.close()
        assert {"dweud", "eich", "gymraeg", "rhagfyr"} <= seen  # Have your say, in Welsh
        assert sorted(seen & english) == [], width
        page = open_page(browser, base + "cy/", width)  # the Welsh home page
        assert page.get_attribute("html", "lang") == "cy-GB"
        seen = _words(page.evaluate(VISIBLE))
        page.close()
        assert {"polisïau", "dogfennau", "saesneg"} <= seen
        assert sorted(seen & english) == [], width
        page = open_page(browser, base + "cy/home-visits/download/", width)
        assert page.get_attribute("html", "lang") == "cy-GB"
        seen = _words(page.evaluate(VISIBLE))
        page.close()
        assert {"lawrlwytho", "fformat"} <= seen
        assert sorted(seen & english) == [], width
        page = open_page(browser, base + "cy/accessibility/", width)
        assert page.get_attribute("html", "lang") == "cy-GB"
        seen = _words(page.evaluate(VISIBLE))
        page.close()
        assert {"hygyrchedd", "bysellfwrdd"} <= seen
        assert sorted(seen & english) == [], width
        page = open_page(browser, base + "cy/home-visits/history/", width)
        assert page.get_attribute("html", "lang") == "cy-GB"
        seen = _words(page.evaluate(VISIBLE))
        page.close()
        assert {"hanes", "fersiynau"} <= seen
        assert sorted(seen & english) == [], width
    english_page = open_page(browser, base + "home-visits/", "wide")
    assert sorted(_words(english_page.evaluate(VISIBLE)) & english)  # the check sees English
    english_page.close()


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """Version 1.0 approved in both languages, then proposed version 2.0."""
    root = tmp_path_factory.mktemp("welsh-versions")
    approved_then_edited(root)
    yield from _serve(root / "build" / "site")


# the Welsh pages of the approved version, the proposal and their downloads, and the words each
# must show
VERSION_PAGES = {
    "cy/home-visits/v1.0/": {"fersiwn", "lawrlwytho", "gymeradwywyd"},
    "cy/home-visits/draft/": {"arfaethedig", "cynnig", "ddogfen"},
    "cy/home-visits/download/": {"lawrlwytho", "arfaethedig", "grym"},
    "cy/home-visits/history/": {"hanes", "fersiwn", "arfaethedig"},
    "cy/home-visits/": {"fersiwn", "arfaethedig"},
    "cy/home-visits/compare/": {"cymharu", "fersiwn", "arfaethedig"},
    "cy/home-visits/compare/v1.0-to-proposed-2.0/": {"newidiadau", "cymal", "cymraeg"},
}


def test_the_welsh_pages_of_versions_have_no_axe_violations_at_both_widths(versions, browser):
    root, base = versions
    for page in VERSION_PAGES:
        assert (root / page / "index.html").is_file(), page
    assert axe_violations(browser, root, base) == []


def test_the_welsh_pages_of_versions_show_no_english_interface_word(versions, browser):
    _, base = versions
    english = _english_only()
    for width in ("wide", "phone"):
        for address, welsh in VERSION_PAGES.items():
            page = open_page(browser, base + address, width)
            assert page.get_attribute("html", "lang") == "cy-GB"
            seen = _words(page.evaluate(VISIBLE))
            page.close()
            assert welsh <= seen, (address, welsh - seen)
            assert sorted(seen & english) == [], (address, width)


def _search(browser: Browser, url: str, words: str) -> list[str]:
    """The addresses the site's search lists for `words`, typed on the page at `url`.

    The words go in at once, then one key up (Material searches on key up), so the search runs
    on them alone: typed key by key it ran on "d" and "dr" too. The list is read once the line
    above it no longer says the search is starting or waiting for words. Neither has an
    ellipsis in Welsh, so the old wait for one let a loaded machine read an empty list."""
    page = open_page(browser, url, "phone")
    meta = ".md-search-result__meta"
    waiting = [
        (page.text_content(meta) or "").strip(),  # "Cychwyn chwilio" until the index loads
        page.evaluate(
            "() => JSON.parse(document.getElementById('__config').textContent)"
            ".translations['search.result.placeholder']"
        ),
    ]
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.insert_text(words)
    page.keyboard.press("End")
    page.wait_for_function(
        "([meta, waiting]) => !waiting.includes(document.querySelector(meta).textContent.trim())",
        arg=[meta, waiting],
        timeout=10_000,
    )
    found = page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.pathname)"
    )
    page.close()
    return found


def test_a_welsh_word_finds_the_welsh_page_of_its_version(versions, browser):
    _, base = versions
    start = base + "cy/home-visits/"
    # "ddau ddiwrnod" is version 1.0's Welsh (in force); "dri diwrnod" the proposal's
    found = _search(browser, start, "ddau")
    assert "/cy/home-visits/v1.0/" in found and "/cy/home-visits/draft/" not in found
    found = _search(browser, start, "dri")
    assert "/cy/home-visits/draft/" in found and "/cy/home-visits/v1.0/" not in found
    found = _search(browser, start, "ymweliad")  # the start of "ymweliadau" finds it too
    assert found and all(place.startswith("/cy/") for place in found)
    # the English words find the English pages, from the Welsh page as from any
    found = _search(browser, start, "arrival")
    assert found and all(not place.startswith("/cy/") for place in found)


def test_the_welsh_pages_of_a_version_approved_in_english_only_pass_axe(tmp_path, browser):
    approved_in_english_then_translated(tmp_path)
    root = tmp_path / "build" / "site"
    welsh = sorted(p.parent for p in root.glob("cy/**/index.html"))
    assert root / "cy/home-visits" in welsh and not (root / "cy/home-visits/v1.0").exists()
    server = _serve(root)
    _, base = next(server)
    found = []
    for width in ("wide", "phone"):
        for folder in welsh:
            address = str(folder.relative_to(root)) + "/"
            page = open_page(browser, base + address, width)
            page.evaluate(AXE)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
            )
            found += [f"{width} {address}: {v['id']}" for v in result["violations"]]
            page.close()
    next(server, None)  # stops the server
    assert found == []
