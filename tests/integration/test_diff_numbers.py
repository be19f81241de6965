"""`diff` shows a [[ref]] as the number readers see (or the title of an unnumbered part), in
every format, while a change's fingerprint is taken over the source (refs as ids): renumbering
the part a reference points at does not make a recorded decision stale."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import run_cli, write_content

OLD = """\
id: one
title: First section
standards:
  cih: [Integrity]
clauses:
  - id: be-honest
    text: Staff must be honest.
  - id: second
    text: >-
      See [[be-honest]] and [[about]] for more.
sections:
  - id: about
    title: About this policy
    unnumbered: true
    intro: It applies to everyone.
"""
# `second` changes its wording and `be-honest` moves from 1.1 to 1.2 (a clause is put before it)
NEW = OLD.replace(
    "clauses:\n", "clauses:\n  - id: be-kind\n    text: Staff must be kind.\n"
).replace("for more.", "for more about honesty.")
RENUMBERED_ONLY = OLD.replace(
    "clauses:\n", "clauses:\n  - id: be-kind\n    text: Staff must be kind.\n"
)


def diff(tmp_path: Path, old: str, new: str, fmt: str, decisions: str | None = None) -> str:
    write_content(tmp_path / "old", {"example/sections/one.yaml": old})
    write_content(
        tmp_path / "new", {"example/sections/one.yaml": new, "example/decisions.yaml": decisions}
    )
    result = run_cli(
        "diff",
        "example",
        "--from-path",
        str(tmp_path / "old" / "content"),
        "--to-path",
        str(tmp_path / "new" / "content"),
        "--format",
        fmt,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_every_format_shows_references_as_numbers_and_titles(tmp_path: Path):
    before = "See 1.1 and About this policy for more."
    after = "See 1.2 and About this policy for more about honesty."
    report = json.loads(diff(tmp_path, OLD, NEW, "json"))
    second = next(c for c in report["changes"] if c["id"] == "second")
    assert (second["before"], second["after"]) == (before, after)
    assert "".join(r["text"] for r in second["words"] if r["op"] != "insert") == before
    markdown = diff(tmp_path, OLD, NEW, "md")
    assert (
        f"Current wording:\n\n> {before}" in markdown
        and f"Proposed wording:\n\n> {after}" in markdown
    )
    rows = list(csv.DictReader(io.StringIO(diff(tmp_path, OLD, NEW, "csv").removeprefix("\ufeff"))))
    assert (before, after) in {(row["Current wording"], row["Proposed wording"]) for row in rows}
    page = diff(tmp_path, OLD, NEW, "html")
    assert "See 1.<del>" in page or "See <del>" in page
    for text in (markdown, page, json.dumps([c["before"] for c in report["changes"]])):
        assert "See be-honest" not in text and "and about for" not in text


def test_a_decision_stays_valid_when_a_referenced_part_is_renumbered(tmp_path: Path):
    fingerprint = next(
        c["fingerprint"]
        for c in json.loads(diff(tmp_path / "a", OLD, NEW, "json"))["changes"]
        if c["id"] == "second"
    )
    # the same wording change, compared against a version in which `be-honest` was not yet moved:
    # the numbers shown differ (1.1 -> 1.2 against 1.1 -> 1.1), the fingerprint does not
    decision = (
        f"- clause: second\n  fingerprint: {fingerprint}\n  decision: editorial\n"
        "  reason: It only explains the clause.\n  by: Policy owner\n"
    )
    moved_first = json.loads(diff(tmp_path / "b", RENUMBERED_ONLY, NEW, "json", decision))[
        "changes"
    ]
    second = next(c for c in moved_first if c["id"] == "second")
    assert second["before"] == "See 1.2 and About this policy for more."
    assert second["fingerprint"] == fingerprint
    assert (second["significance"], second["decision"]) == (
        "editorial",
        "It only explains the clause. (Policy owner)",
    )


def test_reasons_quote_references_as_numbers_but_leave_prose_alone(tmp_path: Path):
    # `second` now refers to the unnumbered part instead of clause 1.1 (be-honest)
    changed = OLD.replace("See [[be-honest]] and [[about]] for more.", "See [[about]] for more.")
    old = OLD.replace("See [[be-honest]] and [[about]] for more.", "See [[be-honest]] for more.")
    second = next(
        c
        for c in json.loads(diff(tmp_path / "a", old, changed, "json"))["changes"]
        if c["id"] == "second"
    )
    assert second["reasons"] == ["wording changed: '1.1' → 'About this policy'"]
    # "about" is also a word of the new text, so the reason quotes it as typed
    second = next(
        c
        for c in json.loads(diff(tmp_path / "b", OLD, NEW, "json"))["changes"]
        if c["id"] == "second"
    )
    assert second["reasons"] == ["words added: 'about honesty' added"]
