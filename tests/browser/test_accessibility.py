"""The built site in a real browser: axe-core on every page at two widths, keyboard, reflow.

Runs Debian's chromium through Playwright (scripts/test installs it). Screenshots of the home
page and a document page at both widths are written to screenshots/ to be looked at.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import REPO
from tests.integration.test_site import site_with_two_documents

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")  # found on PATH, as scripts/setup installs it
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"wide": (1280, 900), "phone": (320, 640)}
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
SCREENSHOTS = REPO / "screenshots"  # not in build/: build replaces only what it made


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(root: Path) -> Iterator[tuple[Path, str]]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=root)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()  # its listening socket too: no ResourceWarning


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    yield from _serve(site_with_two_documents(tmp_path_factory.mktemp("browser")))


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """`policypress publish --drafts` of a repository with three approved versions and a draft."""
    from tests.integration.test_publish import publish, repository_with_three_versions_and_a_draft

    root = tmp_path_factory.mktemp("published")
    repository_with_three_versions_and_a_draft(root)
    result = publish(root, root / "public", "--drafts")
    assert result.returncode == 0, result.stderr
    # Served at the path of its --site-url (/policies/), as a static host would: the 404 page
    # uses addresses from the site's root.
    (root / "www").mkdir()
    (root / "www" / "policies").symlink_to(root / "public")
    for _, base in _serve(root / "www"):
        yield root / "public", base + "policies/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is missing: run scripts/test, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def pages(root: Path) -> list[str]:
    def path(page: Path) -> str:
        folder = page.relative_to(root).parent.as_posix()
        if page.name != "index.html":
            return page.relative_to(root).as_posix()
        return "/" if folder == "." else folder + "/"

    return sorted(path(p) for p in root.rglob("*.html"))


def open_page(browser: Browser, url: str, width: str) -> Page:
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h})
    page.goto(url, wait_until="load")
    return page


def axe_violations(browser: Browser, root: Path, base: str) -> list[str]:
    found = []
    for width in WIDTHS:
        for path in pages(root):
            page = open_page(browser, base + path.lstrip("/"), width)
            page.evaluate(AXE)
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
            )
            for violation in result["violations"]:
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(
                    f"{width} {path}: {violation['id']} ({violation['help']}) at {targets}"
                )
            page.close()
    return found


def test_every_page_has_no_axe_violations_at_both_widths(site, browser):
    root, base = site
    assert len(pages(root)) >= 12
    assert axe_violations(browser, root, base) == []


def test_every_published_page_with_all_versions_passes_axe(published, browser):
    """The versioned site: each approved version, the proposal, comparisons, downloads."""
    root, base = published
    listed = pages(root)
    assert {"example/v1.0/", "example/draft/", "example/compare/v1.1-to-v2.0/"} <= set(listed)
    assert axe_violations(browser, root, base) == []
    page = open_page(browser, base + "example/v1.0/", "phone")
    page.screenshot(path=str(SCREENSHOTS / "archived-version-phone.png"), full_page=True)
    page.close()
    page = open_page(browser, base + "example/compare/v1.1-to-v2.0/", "wide")
    page.screenshot(path=str(SCREENSHOTS / "compare-wide.png"), full_page=True)
    page.close()


def test_first_tab_reaches_the_skip_link_and_focus_is_visible(site, browser):
    _, base = site
    page = open_page(browser, base + "code-of-conduct/", "wide")
    page.keyboard.press("Tab")
    first = page.evaluate("""() => [document.activeElement.classList.contains('md-skip'),
                                     document.activeElement.textContent.trim()]""")
    assert first == [True, "Skip to content"]
    for _ in range(25):
        style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; }""")
        assert style[1] != "none" and style[2] != "0px", style
        page.keyboard.press("Tab")
    page.close()


def test_search_and_navigation_work_from_the_keyboard(site, browser):
    _, base = site
    page = open_page(browser, base, "wide")
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type("insurance")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/code-of-conduct/**", timeout=10_000)
    assert "/code-of-conduct/" in page.url
    page.goto(base)
    for _ in range(40):  # tab to the navigation's link to the standards page, then follow it
        page.keyboard.press("Tab")
        if (
            page.evaluate("() => document.activeElement.textContent.trim()")
            == "Standards and principles"
        ):
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/standards/", timeout=10_000)
    page.close()


def test_reflow_at_320_pixels_and_text_at_200_percent(site, browser):
    root, base = site
    for path in pages(root):
        page = open_page(browser, base + path.lstrip("/"), "phone")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
        page.close()
    page = open_page(browser, base + "code-of-conduct/", "wide")
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.locator("#amendments").is_visible()
    page.close()


def test_language_and_link_texts(site, browser):
    root, base = site
    vague = {"here", "click here", "read more", "more", "link", "this"}
    for path in pages(root):
        page = open_page(browser, base + path.lstrip("/"), "wide")
        assert page.evaluate("() => document.documentElement.lang") == "en-GB", path
        names = page.evaluate("""() => [...document.querySelectorAll('main a[href]')].map(
            a => (a.getAttribute('aria-label') || a.textContent).trim().toLowerCase())""")
        assert not [n for n in names if n in vague], (path, names)
        page.close()


def test_screenshots_for_people_to_look_at(site, browser):
    _, base = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in (("home", ""), ("document", "code-of-conduct/")):
        for width in WIDTHS:
            page = open_page(browser, base + path, width)
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(target))
            assert target.stat().st_size > 5_000
            page.close()


def test_pick_any_two_versions_to_compare(published, browser):
    """The compare page's two lists lead to the comparison of the versions picked, in order."""
    _, base = published
    page = open_page(browser, base + "example/compare/", "wide")
    assert page.is_visible("#pp-from") and page.is_visible("#pp-to")
    labels = page.eval_on_selector_all(
        "#pp-to option", "options => options.map(o => o.textContent)"
    )
    assert labels == ["Version 1.0", "Version 1.1", "Version 2.0", "Proposed version 3.0"]
    page.select_option("#pp-from", label="Version 2.0")
    page.select_option("#pp-to", label="Version 2.0")
    page.click("text=Compare these versions")
    assert page.text_content(".pp-picker-status") == "Choose two different versions."
    page.select_option(
        "#pp-to", label="Version 1.0"
    )  # newer first: still compared oldest to newest
    page.focus("#pp-to")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/example/compare/v1.0-to-v2.0/")
    assert "Changes from version 1.0 to version 2.0" in page.text_content("h1")
    page.close()


FITS = """() => {
  const width = window.innerWidth, out = [];
  for (const region of document.querySelectorAll('.pp-table')) {
    const box = region.getBoundingClientRect(), name = region.getAttribute('aria-label');
    if (box.right > width + 0.5 || region.scrollWidth > region.clientWidth)
      out.push(`${name}: ${region.scrollWidth}px in ${region.clientWidth}px`);
    for (const cell of region.querySelectorAll('th, td'))
      // a visually hidden header row cannot be clipped
      if (cell.closest('thead') && cell.closest('thead').clientWidth <= 1) continue;
      else if (cell.scrollWidth > cell.clientWidth
               || cell.getBoundingClientRect().right > width + 0.5)
        out.push(`${name}: "${cell.textContent.slice(0, 40)}" is clipped`);
  }
  return out;
}"""


def test_every_table_fits_320_pixels_with_nothing_clipped(site, published, browser):
    """Document controls, version control, home, standards and versions tables: no sideways
    scrolling in the table's region, no cell wider than its box, each cell labelled."""
    checked = 0
    for root, base in (site, published):
        for path in pages(root):
            if 'class="pp-table"' not in (
                root / (path.strip("/") or ".") / "index.html"
                if path.endswith("/")
                else root / path
            ).read_text("utf-8"):
                continue
            page = open_page(browser, base + path.lstrip("/"), "phone")
            assert page.evaluate(FITS) == [], path
            labels = page.evaluate("""() =>
                [...document.querySelectorAll('.pp-table:not(.pp-facts) td')]
                .map(td => getComputedStyle(td, '::before').content)""")
            assert all(label not in ("none", "normal", '""') for label in labels), path
            # a label-and-value table labels each value by its row's header, shown above it
            facts = page.evaluate("""() => [...document.querySelectorAll('.pp-facts tr')].map(
                tr => [tr.querySelector('th') ? tr.querySelector('th').innerText.trim() : '',
                       tr.querySelector('th') && tr.querySelector('td')
                       ? tr.querySelector('th').getBoundingClientRect().bottom
                         <= tr.querySelector('td').getBoundingClientRect().top + 1 : false])""")
            assert all(label and above for label, above in facts), (path, facts)
            assert labels or facts, path
            checked += 1
            page.close()
    assert checked >= 5


def test_clause_numbers_sit_above_the_text_on_a_phone(site, browser):
    _, base = site
    page = open_page(browser, base + "code-of-conduct/", "phone")
    number, body = page.evaluate("""() => { const c = document.getElementById('amendments');
        return [c.querySelector('.pp-number').getBoundingClientRect().toJSON(),
                c.querySelector('.pp-body').getBoundingClientRect().toJSON()]; }""")
    assert number["bottom"] <= body["top"] + 1  # above, not beside
    assert body["width"] > 0.8 * page.evaluate(
        "() => document.querySelector('.md-content').clientWidth"
    )
    page.close()


def test_versions_and_comparisons_are_titled_with_the_document(published, browser):
    root, base = published
    page = open_page(browser, base + "example/v1.0/", "wide")
    title = page.title()
    page.goto(base + "example/compare/v1.1-to-v2.0/")
    compare = page.title()
    page.goto(base + "example/draft/")
    draft = page.title()
    page.close()
    assert title.startswith("Version 1.0 \u2013 ") and " - " in title, title
    assert compare.startswith("Changes from version 1.1 to version 2.0 \u2013 "), compare
    assert draft.startswith("Proposed version \u2013 "), draft
