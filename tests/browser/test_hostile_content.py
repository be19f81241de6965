"""Hostile content in a real browser: no page of the site runs a script that content wrote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_accessibility import _serve, browser, pages  # noqa: F401 (a fixture)
from tests.conftest import run_cli
from tests.integration.test_site_injection import ENV, HOSTILE, hostile_repository

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("hostile-browser")
    hostile_repository(root, HOSTILE)
    result = run_cli("build", cwd=root, env=ENV)
    assert result.returncode == 0, result.stderr
    yield from _serve(root / "build" / "site")


def test_no_page_opens_a_dialog(hostile_site, browser):  # noqa: F811
    root, base = hostile_site
    dialogs: list[str] = []
    page = browser.new_page()
    page.on(
        "dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss())
    )
    listed = pages(root)
    assert len(listed) >= 12
    for path in listed:
        page.goto(base + path.lstrip("/"), wait_until="load")
        page.hover("h1")  # where a hostile onmouseover would be
        page.wait_for_timeout(50)
    page.close()
    assert dialogs == []
