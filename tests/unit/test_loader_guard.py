"""Hostile and damaged files end in one located line each: no hang, no traceback, no crash later."""

from __future__ import annotations

import datetime
import os
import re
import signal
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from policypress import fonts
from policypress.build import build, check
from policypress.errors import Location
from policypress.load.markdown import _danger
from policypress.validate import placeholders
from tests.conftest import DOCUMENT, SECTION, run_cli, write_content

SEC = "content/example/sections/one.yaml"
DOC = "content/example/document.yaml"
CONSULTED = "content/example/consultations/2026-01-01-panel.yaml"
CONSULTATION = (
    "title: Tenant panel\nopened: {opened}\nconsulted: [Tenant panel]\n"
    "method: A meeting\ncovers: abcd1234\n"
)
BOMB = "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9 if p else ['lol'] * 9)}]\n"
    for p, c in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


@contextmanager
def time_limit(seconds: int):
    """Fail (instead of hanging the suite) if the block takes longer than `seconds`."""

    def expired(*_):
        raise AssertionError(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _errors(tmp_path: Path, files: dict, seconds: int = 20) -> list[tuple[str, int, int, str, str]]:
    content = write_content(tmp_path, files)
    with time_limit(seconds):
        checked = check(content, tmp_path)
    return [
        (p.location.file, p.location.line, p.location.column, p.message, p.hint)
        for p in checked.errors
    ]


def _clause(text: str) -> dict:
    return {"example/sections/one.yaml": SECTION.replace("Staff must be honest.", text)}


# (id, files, file, line, column, message) -- each error asserted word for word, at its place.
CASES = [
    (
        "alias-bomb",
        {"example/sections/one.yaml": BOMB},
        SEC,
        1,
        4,
        "the YAML anchor '&a' is not allowed in policy files",
    ),
    (
        "alias",
        {
            "example/sections/one.yaml": SECTION.replace(
                "text: Staff must be honest.", "text: &t Staff must be honest."
            ).replace("text: >-\n      See [[first]] for more.", "text: *t")
        },
        SEC,
        7,
        11,
        "the YAML anchor '&t' is not allowed in policy files",
    ),
    (
        "yaml-tag",
        _clause("!!binary aGVsbG8="),
        SEC,
        7,
        11,
        "the YAML tag 'tag:yaml.org,2002:binary' is not allowed in policy files",
    ),
    (
        "deep-nesting",
        {
            "example/sections/one.yaml": "id: one\ntitle: x\nclauses: "
            + "[" * 10_000
            + "]" * 10_000
            + "\n"
        },
        SEC,
        3,
        59,
        "the lists and keys here are nested more than 50 levels deep",
    ),
    (
        "deep-block-nesting",
        {
            "example/sections/one.yaml": "id: one\ntitle: x\nclauses:\n"
            + "".join("  " * i + "-\n" for i in range(60))
        },
        SEC,
        53,
        99,
        "the lists and keys here are nested more than 50 levels deep",
    ),
    (
        "impossible-quoted-date",
        {"example/consultations/2026-02-30.yaml": CONSULTATION.format(opened='"2026-02-30"')},
        "content/example/consultations/2026-02-30.yaml",
        2,
        9,
        "'opened' is '2026-02-30', which is not a real date",
    ),
    (
        "impossible-plain-date",
        {"example/consultations/2026-13-45.yaml": CONSULTATION.format(opened="2026-13-45")},
        "content/example/consultations/2026-13-45.yaml",
        2,
        9,
        "'opened' is '2026-13-45', which is not a real date",
    ),
    (
        "vertical-tab",
        _clause("Staff must\x0b be honest."),
        SEC,
        7,
        21,
        "invisible character U+000B (a line break pasted from Word) at column 21",
    ),
    (
        "nul",
        _clause("Staff must be honest.\x00"),
        SEC,
        7,
        32,
        "invisible character U+0000 (a null character) at column 32",
    ),
    (
        "c1-control",
        {"example/document.yaml": DOCUMENT.replace("An example.", "An\x85 example.")},
        DOC,
        9,
        12,
        "invisible character U+0085 (a next-line character) at column 12",
    ),
    (
        "non-character",
        {"example/document.yaml": DOCUMENT.replace("Example policy", "Example\uffff")},
        DOC,
        1,
        15,
        "invisible character U+FFFF (a non-character) at column 15",
    ),
    (
        "line-separator",
        _clause("Staff must\u2028 be honest."),
        SEC,
        7,
        21,
        "invisible character U+2028 (a line separator, often pasted from Word or a web page) at "
        "column 21",
    ),
    (
        "paragraph-separator",
        _clause("Staff must be honest.\u2029"),
        SEC,
        7,
        32,
        "invisible character U+2029 (a paragraph separator, often pasted from Word or a web "
        "page) at column 32",
    ),
    (
        "escaped-line-separator",
        _clause('"Staff must\\u2028 be honest."'),
        SEC,
        7,
        11,
        "invisible character U+2028 (a line separator, often pasted from Word or a web page) in "
        "the text, written as an escape code starting with a backslash",
    ),
    (
        "escaped-control",
        _clause('"Staff must\\v be honest."'),
        SEC,
        7,
        11,
        "invisible character U+000B (a line break pasted from Word) in the text, written as "
        "an escape code starting with a backslash",
    ),
    (
        "escaped-surrogate",
        _clause('"Staff \\ud83d must be honest."'),
        SEC,
        7,
        11,
        "invisible character U+D83D (a lone surrogate: half of an emoji or symbol) in the text, "
        "written as an escape code starting with a backslash",
    ),
    (
        "escaped-control-in-key",
        {
            "example/sections/one.yaml": SECTION.replace(
                "title: First section", '"ti\\x07tle": First section'
            )
        },
        SEC,
        2,
        1,
        "invisible character U+0007 (an end-of-cell mark pasted from a Word table) in the text, "
        "written as an escape code starting with a backslash",
    ),
    (
        "duplicate-key",
        {
            "example/sections/one.yaml": SECTION.replace(
                "title: First section", "title: First section\ntitle: Again"
            )
        },
        SEC,
        3,
        1,
        "the key 'title' appears twice in the same place",
    ),
    (
        "blank-title",
        {"example/document.yaml": DOCUMENT.replace("title: Example policy", 'title: "   "')},
        DOC,
        1,
        8,
        "'title' is empty",
    ),
    (
        "blank-section-title",
        {"example/sections/one.yaml": SECTION.replace("title: First section", "title: '\u00a0 '")},
        SEC,
        2,
        8,
        "'title' is empty",
    ),
    (
        "zero-width-title",
        {
            "example/document.yaml": DOCUMENT.replace(
                "title: Example policy", "title: \u200b\u200c\u200d\u2060\ufeff"
            )
        },
        DOC,
        1,
        8,
        "'title' is empty",
    ),
    (
        "zero-width-method",
        {
            "example/consultations/2026-01-01-panel.yaml": CONSULTATION.format(
                opened="2026-01-01"
            ).replace("A meeting", '" \u200b "')
        },
        CONSULTED,
        4,
        9,
        "'method' is empty",
    ),
    (
        "closed-before-opened",
        {
            "example/consultations/2026-01-01-panel.yaml": CONSULTATION.format(opened="2026-02-01")
            + "closed: 2026-01-01\n"
        },
        CONSULTED,
        6,
        9,
        "'closed' (2026-01-01) is before 'opened' (2026-02-01)",
    ),
    (
        "file-too-large",
        _clause("Staff must be honest. " * 70_000),
        SEC,
        1,
        1,
        "the file is 1.5 MB, and policypress reads files of up to 1 MB",
    ),
    (
        "text-too-long",
        _clause("Staff must be honest. " * 5_000),
        SEC,
        7,
        11,
        "this text is 109,999 characters long, and one value may have up to 100,000",
    ),
]


@pytest.mark.parametrize(
    "files, file, line, column, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_file_is_one_located_error(tmp_path: Path, files, file, line, column, message):
    errors = _errors(tmp_path, files)
    assert [(f, li, co, m) for f, li, co, m, _ in errors] == [(file, line, column, message)], errors
    assert errors[0][4], "every error says how to fix it"


def test_an_invisible_character_is_named_with_its_fix(tmp_path: Path):
    errors = _errors(tmp_path, _clause("Staff must be\x0b honest."))
    assert [e[4] for e in errors] == [
        "delete the invisible character at column 24, then retype the space or line break if one "
        "was meant"
    ]


def test_many_invisible_characters_are_listed_briefly(tmp_path: Path):
    errors = _errors(tmp_path, _clause("Staff\x0b" * 25))
    assert len(errors) == 11
    assert (
        "content/example/sections/one.yaml",
        1,
        1,
        "15 more invisible characters are in the file",
    ) in [e[:4] for e in errors]


def test_plain_dates_stay_text(tmp_path: Path):
    """`organisation: 2026-13-45` was read by YAML as a timestamp and crashed; now it is text."""
    content = write_content(
        tmp_path,
        {
            "example/document.yaml": DOCUMENT.replace(
                "organisation: Example Council", "organisation: 2026-13-45"
            ),
            "example/consultations/2026-02-20.yaml": CONSULTATION.format(opened="2026-02-20"),
        },
    )
    checked = check(content, tmp_path)
    assert not checked.errors, checked.errors
    document = checked.result.library.documents[0]
    assert document.meta.organisation == "2026-13-45"
    assert document.consultations[0].opened == datetime.date(2026, 2, 20)


@pytest.mark.parametrize("closed", ["2026-02-01", "2026-02-02", '"2026-02-31"', "2026-1-1"])
def test_closed_on_or_after_opened_or_misshapen_gets_no_order_error(tmp_path: Path, closed: str):
    """Only two real dates in the wrong order are out of order; a wrong date has its own message."""
    errors = _errors(
        tmp_path,
        {
            "example/consultations/x.yaml": CONSULTATION.format(opened="2026-02-01")
            + f"closed: {closed}\n"
        },
    )
    assert not [e for e in errors if "before" in e[3]], errors


def test_a_date_in_the_wrong_form_gets_one_message(tmp_path: Path):
    errors = _errors(
        tmp_path, {"example/consultations/x.yaml": CONSULTATION.format(opened="2026-2-3")}
    )
    assert [e[3] for e in errors] == ["'opened' is '2026-2-3', which is not in the expected form"]


# -- files that are not files ----------------------------------------------------------------


def test_a_folder_named_like_a_consultation(tmp_path: Path):
    content = write_content(tmp_path)
    (content / "example" / "consultations" / "2026-01-01-panel.yaml").mkdir(parents=True)
    errors = _errors(tmp_path, {})
    assert [e[:4] for e in errors] == [
        (
            "content/example/consultations/2026-01-01-panel.yaml",
            1,
            1,
            "this is a folder, and policypress only reads ordinary files",
        )
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_does_not_hang(tmp_path: Path):
    content = write_content(tmp_path)
    (content / "example" / "consultations").mkdir()
    os.mkfifo(content / "example" / "consultations" / "2026-01-01-panel.yaml")
    errors = _errors(tmp_path, {}, seconds=10)
    assert [e[:4] for e in errors] == [
        (
            "content/example/consultations/2026-01-01-panel.yaml",
            1,
            1,
            "this is a named pipe or a device, and policypress only reads ordinary files",
        )
    ]


def test_a_standards_file_that_is_a_folder_is_named_as_one(tmp_path: Path):
    """It was reported as a document folder with no document.yaml."""
    files = {
        "standards.yaml": None,
        "example/sections/one.yaml": SECTION.replace("standards:\n  cih: [Integrity]\n", ""),
    }
    content = write_content(tmp_path, files)
    (content / "standards.yaml").mkdir()
    (content / "standards.yaml" / "notes.txt").write_text("x")
    errors = _errors(tmp_path, files)
    assert [e[:4] for e in errors] == [
        ("content/standards.yaml", 1, 1, "content/standards.yaml is a folder, not a file")
    ], errors
    assert "standards.yaml" in errors[0][4]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_standards_file_that_is_a_named_pipe_is_refused(tmp_path: Path):
    content = write_content(tmp_path, {"standards.yaml": None})
    os.mkfifo(content / "standards.yaml")
    errors = _errors(tmp_path, {"standards.yaml": None}, seconds=10)
    assert (
        "content/standards.yaml",
        1,
        1,
        "this is a named pipe or a device, and policypress only reads ordinary files",
    ) in [e[:4] for e in errors], errors


@pytest.mark.parametrize(
    "name",
    [
        "example/consultations/2026-01-01-panel.yaml",
        "example/document.yaml",
        "standards.yaml",
        "example/decisions.yaml",
    ],
)
def test_a_symlink_from_outside_content_is_refused(tmp_path: Path, name: str):
    content = write_content(tmp_path)
    outside = tmp_path / "outside.yaml"
    outside.write_text(
        (content / "example" / "document.yaml").read_text("utf-8")
        if "document" in name
        else CONSULTATION.format(opened="2026-01-01"),
        encoding="utf-8",
    )
    link = content / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    errors = _errors(tmp_path, {})
    assert (
        f"content/{name}",
        1,
        1,
        f"'content/{name}' leads outside the content folder through a symbolic link",
    ) in [e[:4] for e in errors], errors


def test_a_symlink_inside_content_is_still_read(tmp_path: Path):
    content = write_content(
        tmp_path, {"shared/panel.yaml": CONSULTATION.format(opened="2026-01-01")}
    )
    (content / "example" / "consultations").mkdir()
    (content / "example" / "consultations" / "2026-01-01-panel.yaml").symlink_to(
        content / "shared" / "panel.yaml"
    )
    checked = check(content, tmp_path)
    document = checked.result.library.document("example")
    assert [c.title for c in document.consultations] == ["Tenant panel"]


# -- the real command ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "files",
    [
        {"example/sections/one.yaml": BOMB},
        {
            "example/sections/one.yaml": "id: one\ntitle: x\nclauses: "
            + "[" * 10_000
            + "]" * 10_000
            + "\n"
        },
        _clause("Staff must\x0b be honest."),
    ],
    ids=["alias-bomb", "deep-nesting", "vertical-tab"],
)
def test_the_command_prints_one_line_and_no_traceback(tmp_path: Path, files):
    write_content(tmp_path, files)
    started = time.monotonic()
    result = run_cli("check", cwd=tmp_path)
    assert time.monotonic() - started < 60
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and re.match(
        r"content/example/sections/one\.yaml:\d+:\d+: error: .+ \(.+\)$", errors[0]
    ), result.stdout


# -- DOCX bookmarks --------------------------------------------------------------------------

LONG_A = "report-breaches-of-the-code-to-manager-a"  # 40 characters; the same first 38
LONG_B = "report-breaches-of-the-code-to-manager-b"


def test_long_ids_that_begin_alike_get_their_own_docx_bookmarks(tmp_path: Path):
    section = (
        SECTION.replace("id: first", f"id: {LONG_A}")
        .replace("id: second", f"id: {LONG_B}")
        .replace("See [[first]] for more.", f"See [[{LONG_A}]] and [[{LONG_B}]].")
        + f"  - id: third\n    text: Also [[{LONG_B}]], then [[{LONG_A}]].\n"
    )
    content = write_content(tmp_path, {"example/sections/one.yaml": section})
    build(content, tmp_path / "build", only={"docx"})
    with zipfile.ZipFile(tmp_path / "build" / "example" / "example.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.DOTALL)

    def text(xml: str) -> str:
        return "".join(
            re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml.replace("<w:tab/>", "<w:t>\t</w:t>"))
        )

    numbered_at: dict[str, str] = {}  # bookmark name -> the number its paragraph starts with
    for paragraph in paragraphs:
        for name in re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', paragraph):
            assert name not in numbered_at, f"bookmark {name} is used twice"
            assert len(name) <= 40
            numbered_at[name] = text(paragraph).split()[0]
    links = []
    for paragraph in paragraphs:
        for anchor, body in re.findall(
            r'<w:hyperlink w:anchor="([^"]+)"[^>]*>(.*?)</w:hyperlink>', paragraph, re.DOTALL
        ):
            links.append((text(body).split()[0], numbered_at.get(anchor)))
    refs = [link for link in links if link[0] in ("1.1", "1.2")]
    assert sorted(refs) == [("1.1", "1.1"), ("1.1", "1.1"), ("1.2", "1.2"), ("1.2", "1.2")], links
    assert all(shown == target for shown, target in links), links  # the contents' links too


# -- characters the PDF cannot show ------------------------------------------------------------


@pytest.mark.skipif(not fonts.font_dirs(), reason="the PDF's fonts are not installed here")
def test_a_character_the_pdf_cannot_show_is_refused_at_its_place(tmp_path: Path):
    """Typst refuses to put a character without a glyph in a tagged PDF: `build` failed with
    typst's message and no file; now `check` names the character, its line and its column."""
    errors = _errors(tmp_path, _clause("Staff must be 中 honest."))
    assert [e[:4] for e in errors] == [
        (
            SEC,
            7,
            25,
            "the PDF's font has no letter for '中' "
            "(U+4E2D, cjk unified ideograph-4e2d) at column 25",
        )
    ]


@pytest.mark.skipif(not fonts.font_dirs(), reason="the PDF's fonts are not installed here")
def test_text_that_is_not_printed_may_use_any_character(tmp_path: Path):
    errors = _errors(
        tmp_path,
        {
            "example/consultations/2026-01-01-panel.yaml": CONSULTATION.format(opened="2026-01-01")
            + "summary: 中文 ۀ\n"
        },
    )
    assert errors == []


def test_a_standards_key_must_have_the_id_form(tmp_path: Path):
    """A framework's key lands in HTML attributes and ids on the site: only the id form is
    allowed."""
    standards = (
        "cih:\n  title: CIH\n  standards:\n    - name: Integrity\n      description: Be honest.\n"
        '"x onmouseover=alert(1)":\n  title: X\n  standards:\n    - name: Y\n      description: '
        "Z.\n"
    )
    errors = _errors(tmp_path, {"standards.yaml": standards})
    assert [e[:4] for e in errors] == [
        (
            "content/standards.yaml",
            6,
            1,
            "the name 'x onmouseover=alert(1)' is not in the expected form",
        )
    ]


@pytest.mark.parametrize(
    "text",
    ["<" * 90_000, "<insert" * 14_000, "[insert" * 14_000, "<a " * 30_000],
    ids=["angle-brackets", "insert-placeholders", "bracket-placeholders", "open-tags"],
)
def test_text_that_defeats_a_search_is_still_checked_at_once(text: str):
    """The HTML-attribute and placeholder searches went back over the whole text for every '<' or
    '[' (seconds to minutes for 90,000 characters); they now stop at the next bracket."""
    started = time.monotonic()
    assert _danger(text, lambda needle: Location("x", 1, 1)) == []
    assert list(placeholders(text)) == []
    assert time.monotonic() - started < 1


# -- short and blank values --------------------------------------------------------------------


@pytest.mark.parametrize("covers", ['"-p"', "v1", "a"])
def test_a_short_covers_value_is_not_called_empty(tmp_path: Path, covers: str):
    """`covers: "-p"` or a tag "v1" was reported as "'covers' is empty"; the revision check (which
    needs git) is the one that says whether it names a commit."""
    record = CONSULTATION.format(opened="2026-01-01").replace(
        "covers: abcd1234", f"covers: {covers}"
    )
    assert _errors(tmp_path, {"example/consultations/2026-01-01-panel.yaml": record}) == []


@pytest.mark.parametrize("covers", ['""', '"  "'])
def test_an_empty_covers_value_is_called_empty(tmp_path: Path, covers: str):
    record = CONSULTATION.format(opened="2026-01-01").replace(
        "covers: abcd1234", f"covers: {covers}"
    )
    errors = _errors(tmp_path, {"example/consultations/2026-01-01-panel.yaml": record})
    assert [e[:4] for e in errors] == [(CONSULTED, 5, 9, "'covers' is empty")]


def test_text_too_short_for_its_schema_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A minLength above 1 that is not met is "too short", never "empty", unless the text is
    blank."""
    from policypress.load import schema
    from policypress.load.yamlfile import read_yaml

    strict = schema._Validator(
        {"type": "object", "properties": {"code": {"type": "string", "minLength": 4}}},
        format_checker=None,
    )
    monkeypatch.setattr(schema, "validator", lambda name: strict)
    for text, message in [
        ("ab", "'code' is too short: it has 2 characters, and needs at least 4"),
        ("'  '", "'code' is empty"),
    ]:
        path = tmp_path / f"{len(text)}.yaml"
        path.write_text(f"code: {text}\n", encoding="utf-8")
        found = schema.schema_problems(read_yaml(path, path.name)[0], "x")
        assert [p.message for p in found] == [message]
