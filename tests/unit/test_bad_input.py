"""Every kind of bad input gives a clear problem naming the file, the line and a fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policypress.build import check
from tests.conftest import DOCUMENT, SECTION, write_content

SEC = "content/example/sections/one.yaml"
DOC = "content/example/document.yaml"

# (id, files to change, file, line, severity, message) -- the message is asserted word for word.
CASES = [
    (
        "yaml-syntax",
        {"example/sections/one.yaml": "id: one\ntitle: First: section\n"},
        SEC,
        2,
        "error",
        "YAML syntax error: mapping values are not allowed here",
    ),
    (
        "tab-indentation",
        {"example/sections/one.yaml": "id: one\ntitle: x\nclauses:\n\t- id: a\n"},
        SEC,
        4,
        "error",
        "a tab is used for indentation, and YAML only allows spaces",
    ),
    (
        "unknown-key",
        {"example/document.yaml": DOCUMENT.replace("title:", "titel:")},
        DOC,
        1,
        "error",
        "unknown key 'titel'",
    ),
    (
        "missing-field",
        {"example/document.yaml": DOCUMENT.replace("policy-owner: Housing Services\n", "")},
        DOC,
        1,
        "error",
        "missing required field 'policy-owner'",
    ),
    (
        "wrong-type",
        {
            "example/sections/one.yaml": SECTION.replace(
                "text: Staff must be honest.", "text: [Staff, must]"
            )
        },
        SEC,
        7,
        "error",
        "'text' should be text, but it is a list",
    ),
    (
        "duplicate-id",
        {"example/sections/one.yaml": SECTION.replace("id: second", "id: first")},
        SEC,
        8,
        "error",
        "the id 'first' is used twice in this document (first at "
        "content/example/sections/one.yaml:6:9)",
    ),
    (
        "broken-reference",
        {"example/sections/one.yaml": SECTION.replace("[[first]]", "[[frist]]")},
        SEC,
        10,
        "error",
        "the cross-reference [[frist]] points to no clause in this document",
    ),
    (
        "unknown-standard",
        {"example/sections/one.yaml": SECTION.replace("[Integrity]", "[Integrty]")},
        SEC,
        4,
        "error",
        "'Integrty' is not one of the CIH professional standards",
    ),
    (
        "empty-file",
        {"example/sections/one.yaml": "\n# nothing yet\n"},
        SEC,
        1,
        "error",
        "the file is empty",
    ),
    (
        "not-utf8",
        {"example/sections/one.yaml": b"id: one\ntitle: caf\xe9\n"},
        SEC,
        2,
        "error",
        "the file is not UTF-8 text (byte 0xe9 cannot be read)",
    ),
    (
        "path-outside",
        {"example/document.yaml": DOCUMENT.replace("sections/one.yaml", "../../secret.yaml")},
        DOC,
        11,
        "error",
        "'../../secret.yaml' leads outside the content folder",
    ),
    (
        "script-tag",
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "Staff <script>alert(1)</script> must."
            )
        },
        SEC,
        7,
        "error",
        "raw HTML <script> is not allowed in text",
    ),
    (
        "iframe-tag",
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "Staff <iframe src=x></iframe>"
            )
        },
        SEC,
        7,
        "error",
        "raw HTML <iframe> is not allowed in text",
    ),
    (
        "event-attribute",
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", 'Staff <b onclick="x()">must</b>.'
            )
        },
        SEC,
        7,
        "error",
        "the HTML attribute 'onclick=' runs code and is not allowed in text",
    ),
    (
        "javascript-link",
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "Read [this](javascript:alert(1))."
            )
        },
        SEC,
        7,
        "error",
        "a 'javascript:' link runs code and is not allowed",
    ),
    (
        "no-metadata",
        {"example/document.yaml": None},
        "content/example",
        0,
        "error",
        "the document folder has no document.yaml",
    ),
    (
        "duplicate-document",
        {"Example/document.yaml": DOCUMENT, "Example/sections/one.yaml": SECTION},
        "content/example",
        0,
        "error",
        "two documents have the id 'example': content/Example and content/example",
    ),
    (
        "placeholder",
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "The <insert roles / group> must be honest."
            )
        },
        SEC,
        7,
        "warning",
        "placeholder '<insert roles / group>' left in the text",
    ),
    (
        "doubled-word",
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "Staff must help customers, customers first."
            )
        },
        SEC,
        7,
        "warning",
        "the word 'customers' is repeated: 'customers, customers'",
    ),
    (
        "empty-clause",
        {"example/sections/one.yaml": SECTION.replace("    text: Staff must be honest.\n", "")},
        SEC,
        6,
        "warning",
        "clause 1.1 ('first') has no text",
    ),
]


@pytest.mark.parametrize(
    "files, file, line, severity, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input(tmp_path: Path, files, file, line, severity, message):
    content = write_content(tmp_path, files)
    checked = check(content, tmp_path)
    found = [(p.location.file, p.location.line, p.severity, p.message) for p in checked.problems]
    assert (file, line, severity, message) in found, found
    if severity == "error":
        assert checked.errors


def test_every_problem_says_how_to_fix_it(tmp_path: Path):
    for _, files, *_ in CASES:
        case = tmp_path / str(len(list(tmp_path.iterdir())))
        checked = check(write_content(case, files), case)
        assert _content_problems(checked)
        assert all(p.hint for p in checked.problems), [p.format() for p in checked.problems]


def test_unknown_key_suggests_the_right_one(tmp_path: Path):
    content = write_content(
        tmp_path, {"example/document.yaml": DOCUMENT.replace("title:", "titel:")}
    )
    problem = next(p for p in check(content, tmp_path).problems if p.code == "unknown-key")
    assert problem.format() == (
        "content/example/document.yaml:1:1: error: unknown key 'titel' (did you mean 'title'?)"
    )


def test_a_symlink_out_of_content_is_refused(tmp_path: Path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(SECTION, encoding="utf-8")
    content = write_content(
        tmp_path,
        {"example/document.yaml": DOCUMENT.replace("sections/one.yaml", "sections/linked.yaml")},
    )
    os.symlink(outside, content / "example" / "sections" / "linked.yaml")
    messages = [p.format() for p in check(content, tmp_path).errors]
    assert (
        "content/example/document.yaml:11:5: error: 'sections/linked.yaml' leads outside the "
        "content folder through a symbolic link (keep every file of a document inside its own "
        "folder under content/)"
    ) in messages


def _content_problems(checked):
    """Problems with the content itself (these folders are not in git, so history is absent)."""
    return [p for p in checked.problems if p.code not in ("no-history", "consultation-required")]


def test_a_byte_order_mark_is_accepted(tmp_path: Path):
    content = write_content(
        tmp_path, {"example/sections/one.yaml": b"\xef\xbb\xbf" + SECTION.encode("utf-8")}
    )
    checked = check(content, tmp_path)
    assert _content_problems(checked) == []
    assert checked.result.library.documents[0].sections[0].title == "First section"


def test_the_valid_example_has_no_problems(content: Path):
    checked = check(content, content.parent)
    assert _content_problems(checked) == []


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path):
    broken = SECTION.replace("[Integrity]", "[Integrty]").replace("[[first]]", "[[nope]]")
    content = write_content(
        tmp_path,
        {
            "example/sections/one.yaml": broken,
            "example/document.yaml": DOCUMENT.replace("title:", "titel:"),
        },
    )
    codes = sorted(p.code for p in check(content, tmp_path).errors)
    assert codes == ["broken-reference", "missing-field", "unknown-key", "unknown-standard"]
