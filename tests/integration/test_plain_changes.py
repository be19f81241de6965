"""Plain-English rewordings of the approved Code, through git and the CLI: same-meaning swaps,
a preposition fix and a grammar fix need no consultation; the same swap made together with a
weaker duty does."""

from __future__ import annotations

import json
import shutil

from tests.conftest import FROZEN, IDENTITY, Git, run_cli

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}
DOC = "code-of-conduct"
CODE = "sections/the-code.yaml"
PLAIN = [  # (id, old words, new words, the reason to expect)
    (
        "own-mistakes",
        "striving to rectify them.",
        "striving to put them right.",
        "plain-English wording: 'rectify' → 'put right'",
    ),
    (
        "uphold-reputation",
        "in accordance with the Code",
        "in line with the Code",
        "plain-English wording: 'in accordance with' → 'in line with'",
    ),
    (
        "services-in-line",
        "Ensure that all services",
        "Make sure that all services",
        "plain-English wording: 'Ensure' → 'Make sure'",
    ),
    (
        "cultural-sensitivity",
        "sensitivity for the customs",
        "sensitivity to the customs",
        "preposition corrected: 'sensitivity for' → 'sensitivity to'",
    ),
    (
        "impartial-judgement",
        "in each difficult but",
        "in difficult but",
        "grammar corrected: 'each' removed before the plural 'decisions'",
    ),
]


def _edit(git: Git, name: str, old: str, new: str) -> None:
    path = git.root / "content" / DOC / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def _approved(tmp_path) -> Git:
    shutil.copytree(FROZEN, tmp_path / "content")
    git = Git(tmp_path)
    _edit(git, "document.yaml", "review-period: TBC", "review-period: 3 years")
    _edit(git, "sections/implementation.yaml", "<insert roles / group>", "Housing Management Team")
    git.commit("Add the code", "First version.", date="2026-01-05T10:00:00+00:00")
    git.consult(date="2026-02-01", doc=DOC)
    approved = run_cli(
        "approve", DOC, "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr
    return git


def _diff(git: Git) -> dict:
    result = run_cli("diff", DOC, "--format", "json", cwd=git.root, env=TODAY)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_plain_english_rewording_needs_no_consultation(tmp_path):
    git = _approved(tmp_path)
    for _, old, new, _ in PLAIN:
        _edit(git, CODE, old, new)
    git.commit(
        "Plain English in 3.1 and 3.3",
        "Same meaning, plainer words.",
        date="2026-04-01T10:00:00+00:00",
    )
    report = _diff(git)
    changes = {c["id"]: c for c in report["changes"]}
    assert set(changes) == {p[0] for p in PLAIN}
    for part, _, _, reason in PLAIN:
        assert changes[part]["significance"] == "editorial", changes[part]["reasons"]
        assert changes[part]["reasons"] == [reason]
    assert report["consultation_required"] is False
    approved = run_cli(
        "approve", DOC, "--by", "Head of Housing", "--date", "2026-04-02", cwd=tmp_path, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr
    assert "version 1.1" in approved.stdout  # a minor version: editorial changes only


def test_a_swap_with_a_weaker_duty_still_needs_consultation(tmp_path):
    git = _approved(tmp_path)
    _edit(
        git,
        CODE,
        "Always conduct themselves in accordance with",
        "Usually conduct themselves in line with",
    )
    git.commit("Plainer 3.1", "Plainer words.", date="2026-04-01T10:00:00+00:00")
    report = _diff(git)
    [change] = report["changes"]
    assert change["significance"] == "significant"
    assert "how often changed: 'Always' → 'Usually'" in change["reasons"]
    assert report["consultation_required"] is True
    refused = run_cli(
        "approve", DOC, "--by", "Head of Housing", "--date", "2026-04-02", cwd=tmp_path, env=TODAY
    )
    assert refused.returncode == 1
