"""A body's or organisation's name inside a sentence: "The Council" heads a table cell, but the
accessibility statement says "This website is run by the Council.", not "by The Council."."""

from __future__ import annotations

import re
from pathlib import Path

from policypress.load.loader import load_library
from policypress.render import site_pages
from policypress.render.common import in_sentence, unapproved_files

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_an_article_takes_a_capital_only_at_the_start():
    assert in_sentence("The Council") == "the Council"
    assert in_sentence("The Council", "en-GB") == "the Council"
    assert in_sentence("Theatre Trust") == "Theatre Trust"
    assert in_sentence("Cabinet") == "Cabinet"
    assert in_sentence("Y Cabinet", "cy") == "y Cabinet"
    assert in_sentence("The Council", "fr") == "The Council"


def test_the_accessibility_statement_names_the_council_inside_its_sentence():
    library = load_library(FIXTURES / "code-of-conduct", FIXTURES.parent.parent).library
    assert library.document("code-of-conduct").meta.organisation == "The Council"
    page = re.sub(r"<[^>]+>", "", site_pages.accessibility_page(library))
    assert "This website is run by the Council." in page
    assert "by The Council" not in page


def test_the_download_page_names_the_body_inside_its_sentence():
    assert unapproved_files("Y Cabinet", "cy-GB").startswith("Heb ei chymeradwyo gan y Cabinet eto")
    assert unapproved_files("The Council").startswith("Not yet approved by the Council;")
    assert unapproved_files("Cabinet").startswith("Not yet approved by Cabinet;")
