"""`amend` as a round trip, over generated documents: the DOCX policypress makes, amended with
unchanged, changes nothing; with one clause reworded, changes exactly that clause, same id."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from docx import Document as open_docx
from docx.oxml.ns import qn
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from policypress.amend.run import amend, write
from policypress.build import build
from policypress.render.docx_xml import bookmark
from tests.conftest import STANDARDS

WORDS = ["tenants", "staff", "repairs", "homes", "notice", "rent", "safety", "records", "visits"]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(
    lambda words: " ".join(words).capitalize() + "."
)
CLAUSE = st.tuples(SENTENCE, st.lists(SENTENCE, max_size=3))
SECTION = st.tuples(SENTENCE, st.lists(CLAUSE, min_size=1, max_size=3))
DOCUMENT = st.lists(SECTION, min_size=1, max_size=3)

DOC = """\
title: Generated policy
organisation: Example Council
document-type: Policy
status: draft
policy-owner: Housing Services
approving-body: Cabinet
review-period: 3 years
applies-to: All housing staff.
summary: A generated policy.
sections:
"""


def _write(content: Path, sections) -> list[str]:
    """The content folder for `sections`; the ids of its clauses."""
    folder = content / "generated"
    (folder / "sections").mkdir(parents=True)
    (content / "standards.yaml").write_text(STANDARDS, encoding="utf-8")
    listing, clauses = [], []
    for s, (title, items) in enumerate(sections, start=1):
        lines = [f"id: part-{s}", f"title: {title.rstrip('.')}", "", "clauses:"]
        for c, (text, bullets) in enumerate(items, start=1):
            # the first clause's id is as long as an id may be: its bookmark ends in a hash
            name = f"clause-{s}-{c}" + (
                "-duties-of-every-member-of-housing-staff" if c == 1 else ""
            )
            name = name[:40].rstrip("-")
            clauses.append(name)
            lines += [f"  - id: {name}", "    text: >-", f"      {text}"]
            if bullets:
                lines.append("    bullets:")
                for b, bullet in enumerate(bullets, start=1):
                    lines += [f"      - id: point-{s}-{c}-{b}", f"        text: {bullet}"]
            lines.append("")
        (folder / "sections" / f"part-{s}.yaml").write_text("\n".join(lines), encoding="utf-8")
        listing.append(f"  - sections/part-{s}.yaml")
    (folder / "document.yaml").write_text(DOC + "\n".join(listing) + "\n", encoding="utf-8")
    return clauses


def _files(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*.yaml"))}


@settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # each example builds a Word file
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(DOCUMENT, st.data())
def test_amend_with_the_docx_unchanged_changes_nothing_and_one_edit_changes_one_clause(
    sections, data
):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content = root / "content"
        clauses = _write(content, sections)
        os.environ["SOURCE_DATE_EPOCH"] = "1795000000"
        try:
            build(content, root / "build", only={"docx"})
        finally:
            os.environ.pop("SOURCE_DATE_EPOCH")
        paper = root / "build" / "generated" / "generated.docx"
        before = _files(content)

        unchanged = amend(content, "generated", paper)
        assert unchanged.changes == [] and unchanged.files == {}
        assert unchanged.not_amended == [] and unchanged.guesses == []

        chosen = data.draw(st.sampled_from(clauses))
        new_text = data.draw(SENTENCE) + " Reviewed yearly."
        docx = open_docx(str(paper))
        name = bookmark(chosen)
        paragraph = next(
            p
            for p in docx.paragraphs
            if any(b.get(qn("w:name")) == name for b in p._p.iter(qn("w:bookmarkStart")))
        )
        texts = list(paragraph._p.iter(qn("w:t")))
        texts[-1].text = new_text  # the clause's text; its number is the first run
        for extra in texts[1:-1]:
            extra.text = ""
        edited = root / "edited.docx"
        docx.save(str(edited))

        amended = amend(content, "generated", edited)
        assert [(c.kind, c.id, c.what) for c in amended.changes] == [("changed", chosen, "text")]
        assert amended.guesses == []  # every part matched by its bookmark
        write(amended)
        after = _files(content)
        changed = [name for name in after if after[name] != before[name]]
        assert len(changed) == 1
        old_lines = before[changed[0]].decode().split("\n")
        new_lines = after[changed[0]].decode().split("\n")
        # only the lines of the clause's text differ: the lines before it and after it are kept
        start = old_lines.index(f"  - id: {chosen}") + 2
        assert new_lines[:start] == old_lines[:start]
        assert old_lines[start + 1 :] == new_lines[len(new_lines) - len(old_lines) + start + 1 :]
        text = new_lines[start : len(new_lines) - len(old_lines) + start + 1]
        assert all(line.startswith("      ") for line in text)
        assert " ".join(line.strip() for line in text) == new_text
        shutil.rmtree(root / "build")
