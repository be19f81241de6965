"""The pages tenants use to respond, with contact details and consultations, in a real browser:
axe-core clean at both widths, nothing scrolls sideways at 320 px, the links can be tapped."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_accessibility import SCREENSHOTS, _serve, axe_violations, browser, open_page  # noqa: F401
from tests.integration.test_consultation_loop import TODAY, repository

pytestmark = pytest.mark.browser
PAGES = ("example/changes/", "example/download/", "accessibility/")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(TODAY.timestamp()))
    try:
        built = repository(tmp_path_factory.mktemp("consultation"))
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    yield from _serve(built)


def test_contact_pages_pass_axe_and_fit_a_phone(site, browser):  # noqa: F811
    root, base = site
    assert axe_violations(browser, root, base) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path in PAGES:
        page = open_page(browser, base + path, "phone")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
        for link in ("a[href^='mailto:']", "a[href^='tel:']"):  # big enough to tap (WCAG 2.5.8)
            box = page.locator(f"main {link}").first.bounding_box()
            assert box is not None and box["width"] >= 24 and box["height"] >= 24, (path, link, box)
        page.screenshot(
            path=str(SCREENSHOTS / f"{path.strip('/').replace('/', '-')}-phone.png"), full_page=True
        )
        page.close()


# Each card of a table at 320 px as a reader sees it: for each visible cell, the label the
# stylesheet writes before it (if any) and its text; and the cells showing a label over nothing.
CARDS = """() => [...document.querySelectorAll('main .pp-table tbody tr')].map(r => {
  const cells = [...r.cells].filter(c => c.offsetHeight > 0).map(c => {
    const before = getComputedStyle(c, '::before').content;
    const label = before && before !== 'none' && before !== 'normal' ? c.dataset.label || '' : '';
    return {label, text: c.innerText.trim()};
  });
  return {lines: cells.flatMap(c => [c.label, c.text]).filter(Boolean),
          bare: cells.filter(c => c.label && !c.text).map(c => c.label)};
})"""


def test_version_tables_on_a_phone_read_as_label_then_value(site, browser):  # noqa: F811
    """At 320 px the version-control table is one card per fact ("Status" / "Not yet approved"),
    not "Item / Status / Details / Not yet approved" in every card; and no card shows a label
    with nothing under it (the proposal has no approval date, body or minute yet)."""
    _, base = site
    page = open_page(browser, base + "example/history/", "phone")
    cards = page.evaluate(CARDS)
    page.close()
    assert ["Status", "Not yet approved"] in [c["lines"] for c in cards]
    assert not [c for c in cards if "Item" in c["lines"] or "Details" in c["lines"]]
    assert [c["bare"] for c in cards if c["bare"]] == []


@pytest.mark.parametrize("path", ["example/changes/", ""], ids=["whats-changing", "home"])
def test_on_a_phone_the_closing_date_and_the_way_to_respond_come_first(site, browser, path):  # noqa: F811
    """While a consultation is open, a tenant on a phone sees when it closes and a link to email
    the council on the first screen, without scrolling (issue 23, item 3)."""
    _, base = site
    page = open_page(browser, base + path, "phone")
    try:
        height = page.viewport_size["height"]
        closing = page.locator("main .pp-respond p").first
        assert "Tell us what you think" in closing.inner_text()
        assert "by 31 October 2026." in closing.inner_text()
        email = page.locator("main .pp-respond a[href^='mailto:']").first
        for element in (closing, email):
            box = element.bounding_box()
            assert box is not None and box["y"] + box["height"] <= height, (path, box)
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(SCREENSHOTS / f"respond-first-{name}.png"))
    finally:
        page.close()
