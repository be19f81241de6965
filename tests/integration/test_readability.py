"""Readability advice on what tenants read: long sentences and words with a plainer alternative,
with file, line and column; advice that --strict does not count and a policy owner may accept."""

from __future__ import annotations

import json
from pathlib import Path

from policypress.readability import hard_words, long_sentences
from tests.conftest import IDENTITY, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}
LONG = (
    "Staff must record every visit to a tenant's home on the housing system on the same day, "
    "with the reason for the visit, who was there and what was agreed."
)  # 30 words
HARD = SECTION.replace(
    "Staff must be honest.",
    f">-\n      {LONG} We utilise the\n      records in accordance with the law.",
)
CONSULTATION = """\
title: Tenant panel
opened: 2026-02-01
closed: 2026-02-01
consulted: [Tenant panel]
method: A meeting
responses: 3
summary: Tenants said that in order to utilise the records staff should ensure that every visit
  to a tenant's home is recorded on the housing system on the same day as the visit.
response: None needed.
covers: "{head}"
"""


def _check(root: Path, *extra: str):
    return run_cli("check", *extra, cwd=root, env=TODAY)


def test_advice_names_the_place_and_the_plain_word(tmp_path: Path):
    write_content(tmp_path, {"example/sections/one.yaml": HARD})
    result = _check(tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if ": advice: " in line]
    file = "content/example/sections/one.yaml"
    assert lines == [
        (
            f"{file}:8:7: advice: this sentence has 30 words, which is hard to read: 'Staff must "
            "record every visit to a tenant's …' (keep sentences to 25 words or fewer: split it, "
            "or make a list)"
        ),
        (
            f"{file}:8:164: advice: 'utilise' is hard to read: write 'use' (it means the same in "
            "plain English, and the change is editorial)"
        ),
        (
            f"{file}:9:15: advice: 'in accordance with' is hard to read: write 'in line with' (it "
            "means the same in plain English, and the change is editorial)"
        ),
    ]
    text = (tmp_path / file).read_text("utf-8").splitlines()
    assert text[7][6:].startswith("Staff must record") and text[7][163:].startswith("utilise")
    assert result.stdout.splitlines()[-1].endswith("3 piece(s) of readability advice")


def test_strict_does_not_count_advice_and_approve_goes_ahead(tmp_path: Path):
    write_content(tmp_path, {"example/sections/one.yaml": HARD})
    git = Git(tmp_path)
    git.commit("Add the policy", "First version.")
    git.consult(date="2026-02-01", doc="example")
    strict = _check(tmp_path, "--strict", "--format", "json")
    assert strict.returncode == 0, strict.stdout
    problems = json.loads(strict.stdout)
    assert [p["severity"] for p in problems] == ["advice"] * 3
    approved = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr


def test_a_policy_owner_can_accept_the_advice_on_a_part(tmp_path: Path):
    accept = (
        "- part: first\n  warning: hard-to-read\n  reason: The approved wording, kept until "
        "the next review.\n  by: Head of Housing\n"
    )
    write_content(tmp_path, {"example/sections/one.yaml": HARD, "example/decisions.yaml": accept})
    result = _check(tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    problems = [p for p in json.loads(result.stdout) if p["code"] == "hard-to-read"]
    assert [p["severity"] for p in problems] == ["accepted"] * 3
    assert all(
        p["hint"] == "accepted by Head of Housing: The approved wording, kept until the "
        "next review."
        for p in problems
    )
    # once the wording is plain, the acceptance is stale and says so
    plain = SECTION.replace("Staff must be honest.", "Staff must record every visit.")
    write_content(tmp_path, {"example/sections/one.yaml": plain, "example/decisions.yaml": accept})
    problems = json.loads(_check(tmp_path, "--format", "json").stdout)
    assert [
        p["code"]
        for p in problems
        if p["file"].startswith("content/example/") and p["code"] != "consultation-required"
    ] == ["accepted-unused"]


def test_consultation_records_are_not_checked(tmp_path: Path):
    write_content(tmp_path)
    git = Git(tmp_path)
    head = git.commit("Add the policy", "First version.")
    write_content(
        tmp_path, {"example/consultations/2026-02-01-panel.yaml": CONSULTATION.format(head=head)}
    )
    result = _check(tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [p for p in json.loads(result.stdout) if p["severity"] == "advice"] == []


def test_sentences_and_words():
    assert list(long_sentences(LONG)) == [(LONG, 30)]
    assert list(long_sentences("Short one. " * 20)) == []
    # a list item with no full stop is one sentence; a number such as 3.1 does not end one
    item = "record the visit, " * 9
    assert [n for _, n in long_sentences(item)] == [27]
    assert [n for _, n in long_sentences("See 3.1 and 3.2. " + "Then record the visit " * 7)] == [
        28
    ]
    assert [n for _, n in long_sentences("See 3.1 and 3.2 and " + "record the visit " * 7)] == [26]
    assert list(hard_words("Ensured, in\n accordance  with; rectifies. Ensure")) == [
        ("Ensured", ("made sure",)),
        ("in accordance with", ("in line with",)),
        ("rectifies", ("puts right", "corrects")),
        ("Ensure", ("make sure",)),
    ]
    assert list(hard_words("reassure the ensurer; any attempt to purchase")) == []
