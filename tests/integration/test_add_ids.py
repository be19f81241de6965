"""`policypress add-ids`: a policy owner writes the text first, and the ids are filled in, in place,
without touching anything else in the files."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policypress.ids import add_ids, slug
from policypress.load.loader import load_library
from policypress.validate import validate
from tests.conftest import run_cli, write_content

# A section written without a single id, in every style the README teaches (and a few it does not).
NO_IDS = """\
# yaml-language-server: $schema=../../../scripts/policypress/schemas/section.schema.json
#
# Written text first: no ids yet.

title: "Act with integrity and respect"   # the heading
standards:
  cih: [Integrity]
intro: |
  Staff keep to this code.

  - at work
  - outside work
lead-in: 'Staff must:'
bullets:
  # the first duty
  - text: >-
      Maintain honest, transparent, fair and lawful business activity with employees,
      employers, organisations, clients, tenants and the public.
  - text: Uphold an exemplary attitude.
  - {text: Uphold an exemplary attitude.}
clauses:
  - text: >-
      Staff must report breaches to [[housing-management]] at once.

      A second paragraph of the same clause.
    numbered:
      - text: "Write it down: what, when, who."
      - text: Tell a manager.
  -
    # a clause with no text yet, only an id to come
    text: ""
groups:
  - audience: Staff members
    clauses:
      - text: |
          Keep records.
sections:
  - title: Housing management
    clauses:
      - text: Managers must check the records every month.
"""


def _content(tmp_path: Path) -> Path:
    return write_content(tmp_path, {"example/sections/one.yaml": NO_IDS})


def _strip_added(text: str) -> str:
    """The text without the `id:` lines add-ids puts in (each before a part's first key)."""
    text = re.sub(r"(?m)^([ ]*(?:- )*)id: [a-z0-9-]+\n[ ]*", r"\1", text)
    return re.sub(r"\{id: [a-z0-9-]+, ", "{", text)


def test_the_files_keep_every_byte_apart_from_the_new_id_lines(tmp_path: Path):
    content = _content(tmp_path)
    path = content / "example" / "sections" / "one.yaml"
    before = path.read_bytes()
    result = run_cli("add-ids", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = path.read_text("utf-8")
    assert after != before.decode("utf-8")
    assert _strip_added(after).encode("utf-8") == before
    # every part has an id now, as the first key of its mapping, and each printed line is right
    printed = re.findall(r"^(\S+):(\d+): ([a-z0-9-]+)$", result.stdout, re.MULTILINE)
    assert len(printed) == 12, result.stdout
    lines = after.splitlines()
    for name, line, new in printed:
        assert name == "content/example/sections/one.yaml"
        assert re.search(rf"(^|[-{{ ]\s*)id: {new}\b", lines[int(line) - 1]), (line, new)
    assert "added 12 id(s) in 1 file(s)" in result.stdout


def test_ids_are_readable_unique_and_pass_the_check(tmp_path: Path):
    content = _content(tmp_path)
    before = run_cli("check", "--format", "json", cwd=tmp_path)
    missing = [p for p in json.loads(before.stdout) if p["code"] == "missing-field"]
    assert missing and all("policypress add-ids" in p["hint"] for p in missing)

    assert run_cli("add-ids", "example", cwd=tmp_path).returncode == 0
    text = (content / "example" / "sections" / "one.yaml").read_text("utf-8")
    ids = re.findall(r"\bid: ([a-z0-9-]+)", text)
    assert len(ids) == len(set(ids)) == 12
    assert ids[0] == "act-integrity-respect"
    assert "maintain-honest-transparent" in ids
    assert "uphold-exemplary-attitude" in ids and "uphold-exemplary-attitude-2" in ids
    assert "staff-members" in ids and "housing-management" in ids
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", i) and len(i) <= 40 for i in ids)

    checked = run_cli("check", "--format", "json", cwd=tmp_path)
    errors = [p for p in json.loads(checked.stdout) if p["severity"] == "error"]
    assert errors == [], errors


def test_running_twice_changes_nothing_and_dry_run_changes_nothing(tmp_path: Path):
    content = _content(tmp_path)
    path = content / "example" / "sections" / "one.yaml"
    original = path.read_bytes()
    dry = run_cli("add-ids", "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0 and "dry run" in dry.stdout
    assert path.read_bytes() == original
    first = run_cli("add-ids", cwd=tmp_path)
    # the dry run promised exactly what the real run did
    assert first.stdout.splitlines()[:-1] == dry.stdout.splitlines()[:-1]
    once = path.read_bytes()
    second = run_cli("add-ids", cwd=tmp_path)
    assert second.returncode == 0
    assert "nothing to add" in second.stdout
    assert path.read_bytes() == once
    # the same source always gives the same ids
    path.write_bytes(original)
    run_cli("add-ids", cwd=tmp_path)
    assert path.read_bytes() == once


def test_ids_already_used_elsewhere_in_the_document_are_not_reused(tmp_path: Path):
    document = (
        "title: Example\norganisation: X\ndocument-type: Policy\nstatus: draft\n"
        "policy-owner: X\napproving-body: Cabinet\nreview-period: 3 years\napplies-to: All.\n"
        "summary: S.\nsections:\n  - sections/one.yaml\n  - sections/two.yaml\n"
    )
    content = write_content(
        tmp_path,
        {
            "example/document.yaml": document,  # one.yaml (from conftest) already uses 'first'
            "example/sections/two.yaml": "title: First\nclauses:\n  - text: First.\n",
        },
    )
    result = run_cli("add-ids", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.findall(r"id: (\S+)", (content / "example/sections/two.yaml").read_text()) == [
        "first-2",
        "first-3",
    ]


def test_an_unknown_document_is_named(tmp_path: Path):
    write_content(tmp_path)
    result = run_cli("add-ids", "nope", cwd=tmp_path)
    assert result.returncode == 1
    assert "there is no document 'nope'" in result.stderr and "example" in result.stderr
    assert "Traceback" not in result.stderr


# Characters the PDF's font can show: check refuses others (tested in test_loader_guard), and
# this test is about the ids, not the font.
# A text that Markdown reads as a block rather than a paragraph (a quotation, a list, a heading, a
# rule, code, HTML or a link definition) loads as that block, or is refused with its line
# (tests/unit/test_prose.py): this test is about the ids of one-paragraph texts.
BLOCK = re.compile(
    r" {4}| {0,3}(?:#|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|([-*_])(?: *\1){2,} "
    r"*$|```|~~~|<|\[[^\]]*\]:)"
)
TEXT = st.text(
    st.characters(whitelist_categories=("L", "N", "P", "S", "Zs"), max_codepoint=0x24F), max_size=60
).filter(lambda text: not BLOCK.match(text))


@example(["FALSE", "No.", "null", "~", "1999", "", "Yes yes"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=12))
def test_generated_texts_always_get_valid_unique_ids(texts: list[str]):
    """Whatever the words (digits, punctuation, other scripts, repeats, nothing), every part gets
    an id the schema accepts, unique in the document, and the file still loads to the same text."""
    body = "title: Generated\nclauses:\n" + "".join(
        f"  - text: {json.dumps(t, ensure_ascii=False)}\n" for t in texts
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content = write_content(root, {"example/sections/one.yaml": body})
        first = add_ids(content)
        assert len(first) == len(texts) + 1
        loaded = load_library(content, root)
        problems = [
            p
            for p in loaded.problems + validate(loaded)
            if p.severity == "error" and p.code != "broken-reference"
        ]
        assert problems == []
        document = loaded.library.documents[0]
        clauses = document.sections[0].clauses
        assert [c.text.source if c.text else "" for c in clauses] == [t.strip() for t in texts]
        ids = [document.sections[0].id] + [c.id for c in clauses]
        assert len(set(ids)) == len(ids)
        assert add_ids(content) == []


@given(st.text(max_size=200))
def test_a_slug_is_a_valid_id_or_nothing(text: str):
    made = slug(text)
    assert made == "" or (re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", made) and len(made) <= 40)
    assert slug(text) == made
