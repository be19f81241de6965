"""Numbering: every style a real policy uses, unnumbered headings, letters past Z, start values.

Each test loads a real content folder (written by `write_content`) and reads the numbers from the
model, as every output does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policypress.load.loader import load_library
from policypress.load.numbering import letters
from tests.conftest import DOCUMENT, run_cli, write_content


def _document(
    numbering: str = "", sections: list[str] | None = None, appendices: list[str] | None = None
) -> str:
    text = DOCUMENT.replace("sections:\n  - sections/one.yaml\n", "")
    if numbering:
        text += numbering.rstrip("\n") + "\n"
    text += "sections:\n" + "".join(f"  - sections/{s}.yaml\n" for s in sections or ["one"])
    if appendices:
        text += "appendices:\n" + "".join(f"  - sections/{s}.yaml\n" for s in appendices)
    return text


NESTED = """\
id: one
title: First
clauses:
  - id: c1
    text: A clause.
    numbered:
      - id: i1
        text: An item.
        numbered:
          - id: i1a
            text: A sub-item.
            numbered:
              - id: i1a1
                text: A sub-sub-item.
              - id: i1a2
                text: Another, see [[i1a1]].
      - id: i2
        text: A second item.
sections:
  - id: sub
    title: A subsection
    clauses:
      - id: c2
        text: A clause of the subsection.
"""


def _load(tmp_path: Path, files: dict[str, str | None]):
    result = load_library(write_content(tmp_path, files), tmp_path)
    errors = [p.format() for p in result.problems if p.severity == "error"]
    return result, errors


def _numbers(tmp_path: Path, files: dict[str, str | None]) -> dict[str, str]:
    result, errors = _load(tmp_path, files)
    assert errors == []
    return result.library.documents[0].numbers


@pytest.mark.parametrize(
    ("numbering", "expected"),
    [
        ("", ("1.0", "1.1", "1.2", "1.2.1")),
        ("numbering: decimal", ("1.0", "1.1", "1.2", "1.2.1")),
        ("numbering: lettered", ("A", "A1", "A2", "A2.1")),
        ('numbering:\n  sections: "1.0"', ("1.0", "1.1", "1.2", "1.2.1")),
        (
            "numbering:\n  sections: 1.0",
            ("1.0", "1.1", "1.2", "1.2.1"),
        ),  # unquoted: YAML reads a number
        ('numbering:\n  sections: "1"', ("1", "1.1", "1.2", "1.2.1")),
        ("numbering:\n  sections: 1", ("1", "1.1", "1.2", "1.2.1")),
        ('numbering:\n  sections: "1."', ("1.", "1.1.", "1.2.", "1.2.1.")),
        ('numbering:\n  sections: "1"\n  clauses: "1.1."', ("1", "1.1.", "1.2.", "1.2.1.")),
        ('numbering:\n  sections: "1."\n  clauses: 1.1', ("1.", "1.1", "1.2", "1.2.1")),
        ('numbering:\n  sections: "A"', ("A", "A1", "A2", "A2.1")),
        ('numbering:\n  sections: "A"\n  clauses: "A.1"', ("A", "A.1", "A.2", "A.2.1")),
        # patterns: the label as printed, with 1, A, a, I or i where the number goes
        ('numbering:\n  sections: "A."\n  clauses: "A1."', ("A.", "A1.", "A2.", "A2.1.")),
        ('numbering:\n  sections: "A."', ("A.", "A1.", "A2.", "A2.1.")),
        ('numbering:\n  sections: "SECTION 1"', ("SECTION 1", "1.1", "1.2", "1.2.1")),
        (
            'numbering:\n  sections: "Article 1"\n  clauses: "Clause 1.1"',
            ("Article 1", "Clause 1.1", "Clause 1.2", "Clause 1.2.1"),
        ),
        ('numbering:\n  sections: "Part I"\n  clauses: "I.a"', ("Part I", "I.a", "I.b", "I.b.a")),
        (
            'numbering:\n  sections: "(a)"\n  clauses: "(a)(1)"',
            ("(a)", "(a)(1)", "(a)(2)", "(a)(2)(1)"),
        ),
    ],
)
def test_section_and_clause_styles(tmp_path, numbering, expected):
    numbers = _numbers(
        tmp_path,
        {"example/document.yaml": _document(numbering), "example/sections/one.yaml": NESTED},
    )
    assert (numbers["one"], numbers["c1"], numbers["sub"], numbers["c2"]) == expected


@pytest.mark.parametrize(
    ("items", "markers", "ref"),
    [
        ("", ("1)", "a)", "i.", "ii."), "1.1(1)(a)(ii)"),  # the default styles
        ('["1.", "a)", "i."]', ("1.", "a)", "i.", "ii."), "1.1(1)(a)(ii)"),
        ('["(1)", "(a)", "(i)"]', ("(1)", "(a)", "(i)", "(ii)"), "1.1(1)(a)(ii)"),
        (
            "[1., (a), i)]",
            ("1.", "(a)", "i)", "ii)"),
            "1.1(1)(a)(ii)",
        ),  # 1. unquoted is a number to YAML
        ('["a)"]', ("a)", "a)", "a)", "b)"), "1.1(a)(a)(b)"),  # deeper lists keep the last style
        ('["(A)", "(I)", "A."]', ("(A)", "(I)", "A.", "B."), "1.1(A)(I)(B)"),
    ],
)
def test_item_styles_per_level_and_their_references(tmp_path, items, markers, ref):
    numbering = f"numbering:\n  items: {items}" if items else ""
    result, errors = _load(
        tmp_path,
        {"example/document.yaml": _document(numbering), "example/sections/one.yaml": NESTED},
    )
    assert errors == []
    document = result.library.documents[0]
    clause = document.sections[0].clauses[0]
    item = clause.points[0]
    sub = item.points[0]
    assert (item.number, sub.number, sub.points[0].number, sub.points[1].number) == markers
    assert clause.points[1].number == markers[0].replace("1", "2").replace("a", "b").replace(
        "A", "B"
    )
    assert document.numbers["i1a2"] == ref
    assert sub.points[1].text.plain(document.numbers) == f"Another, see {document.numbers['i1a1']}."
    assert document.numbers["i1a1"] != ref


def test_a_section_or_clause_can_use_other_item_styles(tmp_path):
    section = NESTED.replace(
        "  - id: c1\n    text: A clause.\n", '  - id: c1\n    text: A clause.\n    items: ["(i)"]\n'
    )
    section = section.replace("id: one\ntitle: First\n", 'id: one\ntitle: First\nitems: ["a)"]\n')
    section += "    numbered:\n      - id: s1\n        text: A subsection item.\n"
    result, errors = _load(tmp_path, {"example/sections/one.yaml": section})
    assert errors == []
    document = result.library.documents[0]
    assert document.sections[0].clauses[0].points[0].number == "(i)"
    assert (
        document.sections[0].sections[0].points[0].number == "a)"
    )  # the section's, not the default
    assert document.numbers["i1"] == "1.1(i)"


def test_appendices_by_number_or_letter(tmp_path):
    appendix = "id: app\ntitle: Forms\nclauses:\n  - id: form\n    text: A form.\n"
    files = {"example/sections/app.yaml": appendix}
    files["example/document.yaml"] = _document(appendices=["app"])
    assert _numbers(tmp_path / "a", files)["app"] == "Appendix A"
    assert _numbers(tmp_path / "a", files)["form"] == "A.1"
    files["example/document.yaml"] = _document(
        'numbering:\n  appendices: "Appendix 1"', appendices=["app"]
    )
    numbers = _numbers(tmp_path / "b", files)
    assert (numbers["app"], numbers["form"]) == ("Appendix 1", "1.1")
    files["example/document.yaml"] = _document(
        'numbering:\n  appendices: "Schedule 1"', appendices=["app"]
    )
    numbers = _numbers(tmp_path / "c", files)
    assert (numbers["app"], numbers["form"]) == ("Schedule 1", "1.1")


def test_clauses_numbered_on_their_own_start_again_under_each_heading(tmp_path):
    files = {
        "example/document.yaml": _document(
            'numbering:\n  sections: "Article 1"\n  clauses: "(1)"\n  items: ["[a]"]',
            sections=["one", "two"],
        ),
        "example/sections/one.yaml": NESTED,
        "example/sections/two.yaml": (
            "id: two\ntitle: Second\nclauses:\n  - id: d1\n    text: Again.\n"
            "    numbered:\n      - id: d1a\n        text: Item.\n"
        ),
    }
    result, errors = _load(tmp_path, files)
    assert errors == []
    document = result.library.documents[0]
    one, two = document.sections
    assert (one.heading, one.clauses[0].number, two.heading, two.clauses[0].number) == (
        "Article 1 First",
        "(1)",
        "Article 2 Second",
        "(1)",
    )
    assert two.clauses[0].points[0].number == "[a]"


@given(st.integers(min_value=1, max_value=20000))
def test_letters_never_repeat(n):
    """Letters count like spreadsheet columns: reading them back gives the number again."""
    text = letters(n)
    assert text.isalpha() and text.isupper()
    value = 0
    for char in text:
        value = value * 26 + ord(char) - ord("A") + 1
    assert value == n


def test_27_sections_are_lettered_on_past_z(tmp_path):
    files: dict[str, str | None] = {"example/sections/one.yaml": None}
    names = [f"s{i}" for i in range(1, 30)]
    for name in names:
        files[f"example/sections/{name}.yaml"] = (
            f"id: {name}\ntitle: Part {name}\nclauses:\n  - id: {name}-c\n    text: Text.\n"
        )
    files["example/document.yaml"] = _document("numbering: lettered", names)
    numbers = _numbers(tmp_path, files)
    assert [numbers[n] for n in names[24:]] == ["Y", "Z", "AA", "AB", "AC"]
    assert numbers["s27-c"] == "AA1"
    assert len({numbers[n] for n in names}) == len(names)


UNNUMBERED = "id: {id}\ntitle: {title}\nunnumbered: true\nintro: Some words about {title}.\n"
PRINCIPLE = """\
id: {id}
title: Principle {id}
sections:
  - id: {id}-main
    title: Main principle
    unnumbered: true
    intro: The main principle.
  - id: {id}-provisions
    title: Provisions
    unnumbered: true
    groups:
      - id: {id}-board
        audience: Board members
        clauses:
          - id: {id}-1
            text: First.
          - id: {id}-2
            text: Second.
      - id: {id}-staff
        audience: Staff members
        clauses:
          - id: {id}-3
            text: Third, see [[{id}-1]] and [[{id}-provisions]].
    sections:
      - id: {id}-topic
        title: Political campaigning
        unnumbered: true
        clauses:
          - id: {id}-4
            text: Fourth.
"""


def test_unnumbered_opening_parts_leave_the_letters_to_the_principles(tmp_path):
    opening = ["introduction", "code", "policies", "breach", "equality", "principles"]
    principles = [f"p{i}" for i in range(1, 14)]
    files: dict[str, str | None] = {"example/sections/one.yaml": None}
    for name in opening:
        files[f"example/sections/{name}.yaml"] = UNNUMBERED.format(id=name, title=name.title())
    for name in principles:
        files[f"example/sections/{name}.yaml"] = PRINCIPLE.format(id=name)
    files["example/document.yaml"] = _document("numbering: lettered", opening + principles)
    result, errors = _load(tmp_path, files)
    assert errors == []
    document = result.library.documents[0]
    numbers = document.numbers
    assert [numbers[p] for p in principles] == list("ABCDEFGHIJKLM")
    assert [s.number for s in document.sections[:6]] == [""] * 6
    assert numbers["introduction"] == "Introduction"  # a reference to it shows its title
    # provisions number on across the audience headings and the topic heading
    assert [numbers[f"p13-{n}"] for n in range(1, 5)] == ["M1", "M2", "M3", "M4"]
    third = next(
        c for s in document.all_sections() for g in s.groups for c in g.clauses if c.id == "p2-3"
    )
    assert third.text.plain(numbers) == "Third, see B1 and Provisions."
    headings = [(s.level, s.heading) for s in document.all_sections()][6:11]
    assert headings == [
        (1, "A Principle p1"),
        (2, "Main principle"),
        (2, "Provisions"),
        (3, "Political campaigning"),
        (1, "B Principle p2"),
    ]


def test_start_values(tmp_path):
    files = {
        "example/sections/two.yaml": "id: two\ntitle: Two\nstart: 7\nclauses:\n  - id: t1\n    "
        "text: T.\n",
        "example/sections/three.yaml": "id: three\ntitle: Three\nclauses:\n  - id: h1\n    text: "
        "H.\n",
    }
    files["example/document.yaml"] = _document("numbering:\n  start: 3", ["one", "two", "three"])
    numbers = _numbers(tmp_path / "a", files)
    assert [numbers[i] for i in ("one", "first", "two", "t1", "three", "h1")] == [
        "3.0",
        "3.1",
        "7.0",
        "7.1",
        "8.0",
        "8.1",
    ]
    files["example/document.yaml"] = _document(
        'numbering:\n  sections: "A"\n  start: 3', ["one", "two", "three"]
    )
    numbers = _numbers(tmp_path / "b", files)
    assert [numbers[i] for i in ("one", "two", "three")] == ["C", "G", "H"]


def test_a_start_that_repeats_a_number_is_an_error(tmp_path):
    files = {"example/sections/two.yaml": "id: two\ntitle: Two\nstart: 1\nintro: Words.\n"}
    files["example/document.yaml"] = _document("", ["one", "two"])
    _, errors = _load(tmp_path, files)
    assert errors == [
        "content/example/sections/two.yaml:1:5: error: 'Two' is numbered 1.0, but so is an "
        "earlier part (at content/example/sections/one.yaml:1:5) (change or remove the "
        "'start:' that makes the numbers go back)"
    ]


def test_clauses_under_an_unnumbered_top_level_part_are_refused_with_their_place(tmp_path):
    section = (
        "id: one\ntitle: Introduction\nunnumbered: true\nclauses:\n  - id: first\n    text: "
        "Words.\n"
    )
    _, errors = _load(tmp_path, {"example/sections/one.yaml": section})
    assert errors == [
        "content/example/sections/one.yaml:5:9: error: clause 'first' is under the unnumbered "
        "heading 'Introduction', so it has no number to follow (write it as a paragraph of "
        "'intro' instead, or remove 'unnumbered: true' from 'Introduction')"
    ]
    check = run_cli("check", cwd=tmp_path)
    assert check.returncode == 1 and "Traceback" not in check.stderr


def test_a_style_that_does_not_exist_is_refused_where_it_is_written(tmp_path):
    _, errors = _load(tmp_path, {"example/document.yaml": _document("numbering:\n  sections: 2.0")})
    assert errors == [
        "content/example/document.yaml:11:13: error: '2.0' has no place for the number of "
        "sections (write the first label as the document prints it, in quotes, with 1, A, a, I "
        'or i where the number goes: such as "1.0", "A." or "SECTION 1")'
    ]
    _, errors = _load(
        tmp_path, {"example/document.yaml": _document('numbering:\n  items: ["Point"]')}
    )
    assert len(errors) == 1 and "'Point'" in errors[0] and "document.yaml:11:" in errors[0]
    _, errors = _load(
        tmp_path, {"example/document.yaml": _document('numbering:\n  clauses: "1.1.1"')}
    )
    assert len(errors) == 1 and "'1.1.1' has 3 places for a number" in errors[0]


def test_a_start_no_document_could_reach_is_refused(tmp_path):
    """A start of 4009042037713 (what "SECTION 1" once became) is an error on its line."""
    _, errors = _load(
        tmp_path, {"example/document.yaml": _document("numbering:\n  start: 4009042037713")}
    )
    assert len(errors) == 1 and "document.yaml:11:" in errors[0], errors
    assert "4009042037713" in errors[0]
