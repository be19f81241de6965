"""Word constructs real files hold, each imported faithfully or named in the report: a small
Word file per construct (python-docx, raw OOXML where it has no API), imported as a user would."""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx

from policypress.load.loader import load_library
from policypress.model import Document
from tests.conftest import run_cli
from tests.wordfiles import add_abstract_numbering, numbered


def _import(tmp_path: Path, docx, doc_id: str = "policy") -> tuple[int, str, Document | None]:
    """Save `docx`, import it, and load what was written (None when nothing loads)."""
    source = tmp_path / f"{doc_id}.docx"
    docx.save(str(source))
    done = run_cli(
        "import", str(source), "--id", doc_id, "--content", "content", "--force", cwd=tmp_path
    )
    assert "Traceback" not in done.stderr, done.stderr
    library = load_library(tmp_path / "content", tmp_path).library
    return done.returncode, done.stdout + done.stderr, library.document(doc_id)


def _words(document: Document) -> str:
    """Every heading and text of the document as plain words, in reading order."""
    parts = []
    for section in document.all_sections():
        parts.append(section.heading)
        parts += [
            text.plain(document.numbers) for sid, text in document.texts() if sid == section.id
        ]
    parts += [text.plain(document.numbers) for _, text in document.texts()]
    return " ".join(" ".join(parts).split())


def test_a_foreword_under_a_smaller_heading_before_the_first_part_is_kept(tmp_path):
    docx = new_docx()
    docx.add_heading("Foreword", 2)
    docx.add_paragraph("A word from the chief executive.")
    docx.add_heading("1.0 Introduction", 1)
    docx.add_paragraph("1.1 Some text.")
    code, out, document = _import(tmp_path, docx)
    assert code == 0, out
    assert document is not None
    assert [(s.number, s.title) for s in document.sections] == [
        ("", "Foreword"),
        ("1.0", "Introduction"),
    ]
    assert "A word from the chief executive." in _words(document)


def test_headings_whatever_level_comes_first(tmp_path):
    docx = new_docx()
    docx.add_heading("Purpose", 2)
    docx.add_paragraph("Why we have this policy.")
    docx.add_heading("Scope", 1)
    docx.add_paragraph("Who it covers.")
    docx.add_heading("Rules", 1)
    docx.add_paragraph("What you must do.")
    code, out, document = _import(tmp_path, docx)
    assert code == 0, out
    assert document is not None
    assert [s.title for s in document.sections] == ["Purpose", "Scope", "Rules"]
    words = _words(document)
    for line in ("Why we have this policy.", "Who it covers.", "What you must do."):
        assert line in words


def test_a_list_four_levels_deep_numbered_at_the_deepest_imports(tmp_path):
    docx = new_docx()
    docx.add_heading("1.0 Rules", 1)
    docx.add_paragraph("You must:")
    levels = [("bullet", "o", 1)] * 3 + [("decimal", "%4.", 1)]
    num = add_abstract_numbering(docx, levels, num_id=77)
    for level, text in [(0, "one"), (1, "two"), (2, "three"), (3, "four"), (3, "five"), (0, "six")]:
        numbered(docx.add_paragraph(text), num, level)
    code, out, document = _import(tmp_path, docx)
    assert code == 0, out
    assert document is not None
    one = document.sections[0].points[0]
    four = one.points[0].points[0].points
    assert [(p.number, p.text.plain()) for p in four] == [("1.", "four"), ("2.", "five")]
    assert document.sections[0].points[1].text.plain() == "six"


def test_items_numbered_in_any_form_word_allows_keep_it(tmp_path):
    """A Word list whose level text is "[%1]": the items print "[a]", "[b]" after import."""
    docx = new_docx()
    docx.add_heading("1.0 Rules", 1)
    docx.add_paragraph("1.1 You must:")
    num = add_abstract_numbering(docx, [("lowerLetter", "[%1]", 1), ("lowerRoman", "%2)", 1)], 78)
    for level, text in [(0, "keep records;"), (1, "of visits;"), (1, "of calls;"), (0, "tell us.")]:
        numbered(docx.add_paragraph(text), num, level)
    code, out, document = _import(tmp_path, docx)
    assert code == 0, out
    assert document is not None
    points = document.sections[0].clauses[0].points
    assert [p.number for p in points] == ["[a]", "[b]"]
    assert [p.number for p in points[0].points] == ["i)", "ii)"]
    assert document.numbers[points[0].points[1].id] == "1.1(a)(ii)"
