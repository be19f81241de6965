"""The default content is the council's draft, verbatim: every sentence of the original is there.

The live content/ is the policy owners' to edit and approve, so only its first commit (history
that never changes) and "it passes check" are tested on it; the draft's exact text is tested on
the frozen copy in tests/fixtures/code-of-conduct."""

from __future__ import annotations

import re
import shutil

import pytest

from policypress.build import check
from tests.conftest import FROZEN, REPO, Git

ORIGINAL = REPO / "tests" / "fixtures" / "code-of-conduct-original.txt"


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """The frozen draft in a repository of its own: approvals of the live content in this
    repository (tags are named by document id) must not change what it is checked against."""
    root = tmp_path_factory.mktemp("frozen")
    shutil.copytree(FROZEN, root / "content")
    Git(root).commit("The draft as encoded", "First draft of the code.")
    return check(root / "content", root)


@pytest.fixture(scope="module")
def live():
    return check(REPO / "content", REPO)


def _body_lines() -> list[str]:
    """The original's wording: clause, bullet, heading and lead-in lines, minus what we generate
    (the contents page, the standards link lines and the version-control table)."""
    text = ORIGINAL.read_text("utf-8")
    body = text.split("1.0 Introduction\n\n", 1)[1].split("4.0 Version control", 1)[0]
    lines = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("Links to"):
            continue
        line = re.sub(r"^- (\d\.\d )?", "", line)  # bullets and clause numbers
        line = re.sub(r"^\d\.\d ", "", line)  # section headings
        lines.append(line)
    return lines


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.:])\s+", line) if s]


def _model_text(document) -> str:
    return "\n".join(
        [t.plain() for _, t in document.texts()] + [s.title for s in document.all_sections()]
    )


def test_the_first_encoded_version_holds_every_sentence_of_the_original(live, tmp_path):
    """The first commit of the code is the original verbatim, typos and placeholders included."""
    from policypress import history
    from policypress.load.loader import load_library

    if not live.history.available or live.history.shallow:
        pytest.skip("needs the repository's whole history")
    first = live.history.changes["code-of-conduct"][-1]  # oldest commit to the document
    old_content = history.content_at(REPO / "content", first.sha, tmp_path)
    document = load_library(old_content, tmp_path).library.document("code-of-conduct")
    joined = _model_text(document)
    missing = [s for line in _body_lines() for s in _sentences(line) if s not in joined]
    assert _body_lines(), "the original's body was not found"
    assert missing == []


def test_today_the_code_differs_from_the_original_only_editorially(checked):
    """Later commits may fix typos; anything more would need consultation, not a quiet edit."""
    from policypress.changes import classify_text

    document = checked.result.library.document("code-of-conduct")
    current = [t.plain() for _, t in document.texts()] + [s.title for s in document.all_sections()]
    joined = "\n".join(current)
    for line in _body_lines():
        if line in joined:
            continue
        closest = max(current, key=lambda text: len(set(text.split()) & set(line.split())))
        assert classify_text(line, closest)[0] == "editorial", (line, closest)


def test_numbering_matches_the_original(checked):
    document = checked.result.library.document("code-of-conduct")
    numbers = [(s.number, s.title) for s in document.all_sections()]
    assert numbers == [
        ("1.0", "Introduction"),
        ("2.0", "Implementation, monitoring and review"),
        ("3.0", "The Code"),
        ("3.1", "Act with integrity and respect"),
        ("3.2", "Maintain professional competence"),
        ("3.3", "Be respectful and accountable"),
        ("4.0", "Version control"),
    ]
    clauses = [c.number for s in document.all_sections() for c in s.clauses]
    assert clauses == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4"]


def test_metadata_and_standards_links(checked):
    document = checked.result.library.document("code-of-conduct")
    assert document.meta.policy_owner == "Housing Services Property Assets (Housing)"
    assert document.meta.approving_body == "Cabinet"
    assert document.meta.status == "draft"
    assert document.meta.language == "en-GB"
    links = {
        s.number: [x.name for x in s.standards] for s in document.all_sections() if s.standards
    }
    assert links == {
        "3.1": ["Integrity", "Inclusive", "Ethical"],
        "3.2": ["Knowledgeable", "Skilled"],
        "3.3": ["Advocate", "Leadership"],
    }


def test_the_draft_is_clean_apart_from_its_placeholders(checked):
    assert checked.errors == []
    found = [(p.code, p.location.file, p.location.line) for p in checked.warnings]
    assert ("placeholder", "content/code-of-conduct/sections/implementation.yaml", 22) in found
    assert {code for code, _, _ in found} == {"placeholder", "consultation-required"}


def test_the_live_content_passes_check(live):
    """Whatever the policy owners have done to content/ (filled in, approved), it has no errors."""
    assert live.errors == [], [str(p) for p in live.errors]
