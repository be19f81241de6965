"""Prose keeps its shape: paragraphs, nested lists, start numbers, quotations and closing text
load as a policy owner typed them, whatever the YAML style; what cannot be shown is refused
with its file and line, never dropped or joined silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from policypress.build import check
from policypress.model import BulletList, Paragraph, Quote, blocks_plain
from tests.conftest import write_content

SEC = "content/example/sections/one.yaml"


def load(tmp_path: Path, section: str):
    """The first section of a document whose only section file is `section`; and the problems."""
    checked = check(write_content(tmp_path, {"example/sections/one.yaml": section}), tmp_path)
    problems = [
        p for p in checked.problems if p.code not in ("no-history", "consultation-required")
    ]
    document = checked.result.library.document("example")
    return (document.sections[0] if document and document.sections else None), problems


STYLES = {  # the same two paragraphs, in every way YAML can write a text
    "folded-strip": "intro: >-\n  First paragraph\n  still first.\n\n  Second paragraph.\n",
    "folded": "intro: >\n  First paragraph\n  still first.\n\n  Second paragraph.\n",
    "literal": "intro: |\n  First paragraph\n  still first.\n\n  Second paragraph.\n",
    "plain": "intro: First paragraph\n  still first.\n\n  Second paragraph.\n",
    "double-quoted": 'intro: "First paragraph\n  still first.\n\n  Second paragraph."\n',
    "single-quoted": "intro: 'First paragraph\n  still first.\n\n  Second paragraph.'\n",
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_blank_line_starts_a_new_paragraph_in_every_yaml_style(tmp_path: Path, style: str):
    section, problems = load(tmp_path, "id: one\ntitle: One\n" + STYLES[style])
    assert problems == []
    assert [b.text.plain() for b in section.intro] == [
        "First paragraph still first.",
        "Second paragraph.",
    ]


def test_a_principle_and_a_clause_may_hold_several_paragraphs(tmp_path: Path):
    section, problems = load(
        tmp_path,
        """\
        id: one
        title: One
        principle: >-
          We act honestly.

          We say so plainly.
        clauses:
          - id: first
            text: >-
              The first paragraph.

              The second paragraph.
        """,
    )
    assert problems == []
    assert [b.text.plain() for b in section.principle] == ["We act honestly.", "We say so plainly."]
    clause = section.clauses[0]
    assert clause.text.plain() == "The first paragraph."
    assert [b.text.plain() for b in clause.more] == ["The second paragraph."]


def test_a_list_nested_in_an_ordered_item_keeps_every_item_and_its_start_number(tmp_path: Path):
    section, problems = load(
        tmp_path,
        """\
        id: one
        title: One
        intro: |
          3. Third, which holds:
             1. a nested item, which holds:
                - a bullet at the third level;
                - another bullet.
             2. a second nested item.
          4. Fourth.
          5. Fifth.
        """,
    )
    assert problems == []
    [outer] = section.intro
    assert isinstance(outer, BulletList) and outer.ordered and outer.start == 3
    assert [outer.number(i) for i in range(3)] == ["3.", "4.", "5."]
    assert [i.text.plain() for i in outer.items] == ["Third, which holds:", "Fourth.", "Fifth."]
    [middle] = outer.items[0].blocks
    assert [i.text.plain() for i in middle.items] == [
        "a nested item, which holds:",
        "a second nested item.",
    ]
    [inner] = middle.items[0].blocks
    assert not inner.ordered
    assert [i.text.plain() for i in inner.items] == [
        "a bullet at the third level;",
        "another bullet.",
    ]
    assert blocks_plain(section.intro) == (
        "3. Third, which holds:\n   1. a nested item, which holds:\n      - a bullet at the "
        "third level;\n      - another bullet.\n   2. a second nested item.\n4. Fourth.\n5. "
        "Fifth."
    )


def test_a_list_nested_four_levels_deep_is_refused_with_its_line(tmp_path: Path):
    _, problems = load(
        tmp_path,
        """\
        id: one
        title: One
        intro: |
          - one
            - two
              - three
                - four
        """,
    )
    assert [(p.location.file, p.location.line, p.code) for p in problems] == [
        (SEC, 7, "list-too-deep")
    ]


def test_a_displayed_quotation_is_a_quote_between_its_paragraphs(tmp_path: Path):
    section, problems = load(
        tmp_path,
        """\
        id: one
        title: One
        intro: |
          Our vision:

          > Everyone has a safe home
          > they are proud of.

          After the quotation.
        """,
    )
    assert problems == []
    before, quote, after = section.intro
    assert isinstance(quote, Quote)
    assert [b.text.plain() for b in quote.blocks] == ["Everyone has a safe home they are proud of."]
    assert isinstance(before, Paragraph) and isinstance(after, Paragraph)
    assert after.text.plain() == "After the quotation."


def test_closing_text_follows_the_bullets_of_a_section_and_the_items_of_a_clause(tmp_path: Path):
    section, problems = load(
        tmp_path,
        """\
        id: one
        title: One
        lead-in: "Staff must:"
        bullets:
          - id: kind
            text: be kind.
        closing: If you are unsure, ask your manager.
        clauses:
          - id: first
            text: "Board members must:"
            numbered:
              - id: declare
                text: declare their interests.
            closing: >-
              A declaration is kept for six years.
        """,
    )
    assert problems == []
    assert [b.text.plain() for b in section.closing] == ["If you are unsure, ask your manager."]
    assert [b.text.plain() for b in section.clauses[0].closing] == [
        "A declaration is kept for six years."
    ]


def test_a_list_typed_after_folded_text_is_refused_with_the_fix(tmp_path: Path):
    _, problems = load(
        tmp_path,
        """\
        id: one
        title: One
        intro: >-
          Staff must:
          - be kind;
          - be fair.
        """,
    )
    found = [(p.location.line, p.code, p.message, p.hint) for p in problems]
    message = "this line starts a list item, but after '>-' YAML joins it onto the line above"
    hint = (
        "write 'intro: |' and the text on the lines below it, so each list item keeps its own line"
    )
    assert found == [(5, "list-joined", message, hint), (6, "list-joined", message, hint)]


def test_a_list_after_a_blank_line_in_folded_text_is_still_refused_from_its_second_item(
    tmp_path: Path,
):
    _, problems = load(
        tmp_path, "id: one\ntitle: One\nintro: >-\n  Staff must:\n\n  - be kind;\n  - be fair.\n"
    )
    assert [(p.location.line, p.code) for p in problems] == [(7, "list-joined")]


def test_a_bullet_holds_one_paragraph_and_more_is_refused_not_joined(tmp_path: Path):
    _, problems = load(
        tmp_path,
        """\
        id: one
        title: One
        lead-in: "Staff must:"
        bullets:
          - id: kind
            text: >-
              be kind.

              And fair.
        """,
    )
    assert [(p.location.line, p.code) for p in problems] == [(9, "one-paragraph-only")]
    assert "closing:" in problems[0].hint


@pytest.mark.parametrize("markdown, line", [("## A heading", 5), ("```\n  code\n  ```", 5)])
def test_what_prose_cannot_show_is_refused_with_its_line(tmp_path: Path, markdown: str, line: int):
    _, problems = load(tmp_path, f"id: one\ntitle: One\nintro: |\n  Before.\n  {markdown}\n")
    assert [(p.location.file, p.location.line, p.code) for p in problems] == [
        (SEC, line, "unsupported-markdown")
    ]
