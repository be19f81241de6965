"""amend's edits to a section file, made as text: what changes is written, the rest is kept."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from policypress.amend.merge import Merge, SourceFile
from policypress.amend.yamltext import apply, compose, format_scalar, same_markdown

SOURCE = """\
# A comment at the top stays.
id: one
title: First
clauses:
  - id: a
    text: Alpha.  # a comment after a text stays
    bullets: [{id: p1, text: One.}, {id: p2, text: Two.}]

  # a comment between parts stays
  - id: b
    text: >-
      Beta, folded
      over two lines.
    bullets: []
"""


def _targets(top: dict) -> dict[str, dict]:
    out = {}

    def walk(node: dict) -> None:
        out[node["id"]] = node
        for key in ("clauses", "bullets"):
            for child in node.get(key) or []:
                walk(child)

    walk(top)
    return out


def _amended(target: dict) -> tuple[str, Merge]:
    file = SourceFile(Path("one.yaml"), "one.yaml", SOURCE, compose(SOURCE))
    merge = Merge([file], _targets(target))
    return apply(SOURCE, merge.edits(merge.parts["one"])), merge


def test_lists_on_one_line_or_empty_are_written_again_as_blocks():
    text, merge = _amended(
        {
            "id": "one",
            "title": "First",
            "clauses": [
                {"id": "a", "text": "Alpha.", "bullets": [{"id": "p2", "text": "Two."}]},
                {
                    "id": "b",
                    "text": "Beta, folded over two lines.",
                    "bullets": [{"id": "p1", "text": "One."}],
                },
            ],
        }
    )
    data = YAML(typ="safe").load(text)
    assert data["clauses"][0]["bullets"] == [{"id": "p2", "text": "Two."}]
    assert data["clauses"][1]["bullets"] == [{"id": "p1", "text": "One."}]
    assert [(c.kind, c.id) for c in merge.changes] == [("moved", "p1")]
    for kept in (
        "# A comment at the top stays.",
        "# a comment after a text stays",
        "  # a comment between parts stays",
        "      Beta, folded\n      over two lines.",
    ):
        assert kept in text


def test_a_text_added_or_taken_away_is_its_own_line():
    text, merge = _amended(
        {
            "id": "one",
            "title": "First",
            "lead-in": "Staff must:",
            "clauses": [
                {
                    "id": "a",
                    "bullets": [{"id": "p1", "text": "One."}, {"id": "p2", "text": "Two."}],
                },
                {"id": "b", "text": "Beta, folded over two lines."},
            ],
        }
    )
    data = YAML(typ="safe").load(text)
    assert data["lead-in"] == "Staff must:"
    assert "text" not in data["clauses"][0]
    assert text.startswith("# A comment at the top stays.\nid: one\ntitle: First\nlead-in: ")
    assert sorted((c.id, c.what) for c in merge.changes) == [("a", "text"), ("one", "lead-in")]


def test_nothing_changed_is_no_edit_at_all():
    text, merge = _amended(
        {
            "id": "one",
            "title": "First",
            "clauses": [
                {
                    "id": "a",
                    "text": "Alpha.",
                    "bullets": [{"id": "p1", "text": "One."}, {"id": "p2", "text": "Two."}],
                },
                {"id": "b", "text": "Beta, folded over two lines.", "bullets": []},
            ],
        }
    )
    assert text == SOURCE
    assert merge.changes == []


PROSE = """\
intro: |
  The first paragraph, wrapped by hand
  over two lines.

  > A quotation, also
  > over two lines.

  The last paragraph.
"""


def _prose(new: str) -> str:
    node = compose(PROSE)
    value = node.value[0][1]
    return "intro: " + format_scalar(new, value, PROSE) + "\n"


def test_a_paragraph_of_prose_changed_in_word_changes_only_its_own_lines():
    new = (
        "The first paragraph, wrapped by hand over two lines.\n\n"
        "> A quotation, also over two lines.\n\n"
        "The last paragraph, now with more words in it than fit on one line of this file, so "
        "it is wrapped as the others are.\n"
    )
    written = _prose(new)
    assert written.startswith(PROSE[: PROSE.index("  The last paragraph.")])
    assert written.endswith(
        "  The last paragraph, now with more words in it than fit on one line of this\n"
        "  file, so it is wrapped as the others are.\n"
    )


def test_wrapping_never_starts_a_line_that_markdown_would_read_as_a_list():
    new = (
        "The first paragraph, wrapped by hand over two lines.\n\nCosts are "
        + "x " * 34
        + ("- 40 per cent at most.\n\n> A quotation, also over two lines.\n\nThe last paragraph.\n")
    )
    written = _prose(new)
    assert same_markdown(YAML(typ="safe").load(written)["intro"]) == same_markdown(new)
    assert "\n  - 40" not in written  # the paragraph is left on one line instead
    lines = [line for line in written.split("\n") if "Costs are" in line]
    assert lines == ["  " + new.split("\n\n")[1]]
