"""The generated mkdocs.yml's menu: whatever the page names, MkDocs reads back the same menu."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from policypress.site.settings import project_config, read_settings

# Page names come from document titles: any text a policy owner can write in YAML.
NAMES = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
PAGES = st.lists(st.dictionaries(NAMES, NAMES, min_size=1, max_size=1), max_size=4)
ENTRY = st.one_of(
    st.dictionaries(NAMES, NAMES, min_size=1, max_size=1),
    st.dictionaries(NAMES, PAGES, min_size=1, max_size=1),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ENTRY, max_size=6))
def test_mkdocs_reads_back_the_menu_it_was_given(nav: list) -> None:
    config = project_config(read_settings(Path(__file__).parent), nav, "Site", "en", False)
    assert yaml_load(config.decode("utf-8"))["nav"] == nav


def test_a_menu_with_line_separators_and_quotes_stays_one_entry_a_line() -> None:
    nav = [{'Cod "A"\u2028# nid sylw: x\x85': [{"Polisi": "a/index.md"}]}, {"Home": "index.md"}]
    config = project_config(read_settings(Path(__file__).parent), nav, "Site", "en", False)
    menu = config.decode("utf-8").split("nav:\n", 1)[1]
    assert len(menu.splitlines()) == 2
    assert yaml_load(config.decode("utf-8"))["nav"] == nav
