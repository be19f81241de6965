"""Approving what is really there: a policy owner accepts a warning on one part, with a reason, and
the commands that judge one document judge that document only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}  # 19 November 2026
TYPO = SECTION.replace(
    "Staff must be honest.", "Staff must be honest with customers, customers and staff."
)
ACCEPT = """\
# Warnings we keep, with our reasons.
- part: first
  warning: repeated-word
  reason: The approved original repeats the word; we keep it as approved.
  by: Head of Housing
"""
# A second document with a placeholder left in: it must not stop anything about 'example'.
OTHER = {
    "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
    "other/sections/one.yaml": SECTION.replace(
        "Staff must be honest.", "Staff must tell <insert roles / group>."
    ),
}


def _write(root: Path, files: dict) -> None:
    """write_content, keeping the example's text with its repeated word unless replaced."""
    write_content(root, {"example/sections/one.yaml": TYPO, **files})


def _problems(root: Path, *extra: str) -> tuple[int, list[dict]]:
    result = run_cli("check", "--format", "json", *extra, cwd=root, env=TODAY)
    return result.returncode, json.loads(result.stdout)


@pytest.fixture
def repo(tmp_path: Path) -> Git:
    write_content(tmp_path, {"example/sections/one.yaml": TYPO, **OTHER})
    git = Git(tmp_path)
    git.commit("Encode the policies as approved", "First draft.", date="2026-01-05T10:00:00+00:00")
    git.consult(date="2026-02-01", doc="example")
    git.consult(date="2026-02-01", doc="other")
    return git


def test_an_accepted_warning_no_longer_fails_strict_but_is_still_listed(repo: Git):
    code, problems = _problems(repo.root, "--strict")
    assert code == 1
    assert [p["code"] for p in problems if p["file"].startswith("content/example/")] == [
        "doubled-word"
    ]

    shutil.rmtree(repo.root / "content" / "other")
    _write(repo.root, {"example/decisions.yaml": ACCEPT})
    code, problems = _problems(repo.root, "--strict")
    assert code == 0, problems
    accepted = [p for p in problems if p["code"] == "doubled-word"]
    assert len(accepted) == 1
    assert accepted[0]["severity"] == "accepted"
    assert accepted[0]["hint"] == (
        "accepted by Head of Housing: The approved original repeats the "
        "word; we keep it as approved."
    )
    text = run_cli("check", "--strict", cwd=repo.root, env=TODAY)
    assert text.returncode == 0
    line = next(x for x in text.stdout.splitlines() if "customers, customers" in x)
    assert line.startswith("content/example/sections/one.yaml:")
    assert ": accepted: the word 'customers' is repeated" in line
    assert text.stdout.strip().endswith("0 error(s), 0 warning(s), 1 accepted warning(s)")

    built = run_cli("build", "--strict", "--only", "docx", "--out", "out", cwd=repo.root, env=TODAY)
    assert built.returncode == 0, built.stderr
    assert "1 accepted warning(s): run 'policypress check' to list them" in built.stdout


def test_approve_history_and_diff_judge_their_own_document_only(repo: Git):
    _write(repo.root, {"example/decisions.yaml": ACCEPT})
    repo.commit(
        "Accept the repeated word",
        "Kept the original's repeated word.",
        date="2026-02-10T10:00:00+00:00",
    )
    # the other document still has its placeholder: check --strict fails for it ...
    code, problems = _problems(repo.root, "--strict")
    assert code == 1 and {p["file"] for p in problems if p["severity"] == "error"} == {
        "content/other/sections/one.yaml"
    }
    # ... but 'example' can be approved, and its history and changes shown
    approved = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=repo.root, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr
    assert "Recorded the approval of example version 1.0" in approved.stdout
    # an error in the other document does not stop history or diff of this one
    _write(repo.root, {"other/sections/one.yaml": "id: one\ntitle: [broken\n"})
    repo.commit("Start rewording the other policy", date="2026-03-02T10:00:00+00:00")
    history = run_cli("history", "example", "--format", "json", cwd=repo.root, env=TODAY)
    assert history.returncode == 0, history.stderr
    assert json.loads(history.stdout)["version"] == "1.0"
    diff = run_cli("diff", "example", "--format", "json", cwd=repo.root, env=TODAY)
    assert diff.returncode == 0, diff.stderr
    # and refusing the other document names it, in every line that is not a problem's
    refused = run_cli(
        "approve", "other", "--by", "Cabinet", "--date", "2026-03-01", cwd=repo.root, env=TODAY
    )
    assert refused.returncode == 1
    assert "content/other/sections/one.yaml:3:1: error: YAML syntax error" in refused.stderr
    assert (
        "other cannot be approved until 'policypress check --strict' passes for it"
        in refused.stderr
    )
    assert refused.stderr.strip().endswith(
        "no approval of other was recorded (fix them and run again)"
    )
    assert "content/example" not in refused.stderr


def test_removing_the_repeated_word_is_editorial_and_the_acceptance_then_says_it_is_unused(
    repo: Git,
):
    _write(repo.root, {"example/decisions.yaml": ACCEPT})
    repo.commit("Accept the repeated word", date="2026-02-10T10:00:00+00:00")
    assert (
        run_cli(
            "approve",
            "example",
            "--by",
            "Cabinet",
            "--date",
            "2026-03-01",
            cwd=repo.root,
            env=TODAY,
        ).returncode
        == 0
    )
    _write(
        repo.root, {"example/sections/one.yaml": TYPO.replace("customers, customers", "customers")}
    )
    repo.commit("Remove the repeated word", date="2026-04-01T10:00:00+00:00")
    diff = json.loads(
        run_cli("diff", "example", "--format", "json", cwd=repo.root, env=TODAY).stdout
    )
    change = next(c for c in diff["changes"] if c["id"] == "first")
    assert (change["kind"], change["significance"]) == ("modified", "editorial")
    assert change["reasons"] == ["repeated word removed: 'customers'"]
    assert diff["consultation_required"] is False

    code, problems = _problems(repo.root, "--strict")
    unused = [p for p in problems if p["file"] == "content/example/decisions.yaml"]
    assert [(p["line"], p["code"], p["severity"]) for p in unused] == [
        (2, "accepted-unused", "error")
    ]
    assert "'first' in example no longer matches any warning" in unused[0]["message"]
    assert code == 1


def test_an_acceptance_naming_no_part_says_so(tmp_path: Path):
    write_content(
        tmp_path,
        {
            "example/sections/one.yaml": TYPO,
            "example/decisions.yaml": ACCEPT.replace("part: first", "part: frist"),
        },
    )
    _, problems = _problems(tmp_path)
    found = [p for p in problems if p["file"] == "content/example/decisions.yaml"]
    assert len(found) == 1 and found[0]["code"] == "unknown-part"
    assert found[0]["message"].startswith("the part 'frist' does not exist in example")
    assert found[0]["hint"].startswith("did you mean 'first'?")
    # the warning it meant to accept is still a warning
    assert any(p["code"] == "doubled-word" and p["severity"] == "warning" for p in problems)


def test_a_wrong_acceptance_is_a_located_error(tmp_path: Path):
    write_content(
        tmp_path,
        {
            "example/decisions.yaml": "- part: first\n  warning: consultation-required\n"
            "  reason: We do not want to.\n  by: Someone\n"
        },
    )
    result = run_cli("check", cwd=tmp_path, env=TODAY)
    assert result.returncode == 1
    assert (
        "content/example/decisions.yaml:2:12: error: 'warning' is 'consultation-required', which "
        "is not one of: doubled-word, repeated-word, placeholder, empty-section, empty-clause"
        in result.stdout
    )


@pytest.mark.parametrize(
    "before, after, significance",
    [
        (
            "We serve our customers, customers and staff.",
            "We serve our customers and staff.",
            "editorial",
        ),
        ("Tell the the tenant.", "Tell the tenant.", "editorial"),
        (
            "We serve our customers and staff.",
            "We serve our customers, customers and staff.",
            "editorial",
        ),
        # a repeat that carries meaning, or is not a repeat, stays significant
        ("You must not not smoke.", "You must not smoke.", "significant"),
        ("Reply within 5 5 days.", "Reply within 5 days.", "significant"),
        (
            "We help customers. Customers can complain.",
            "We help customers can complain.",
            "significant",
        ),
        (
            "We serve our customers, customers and staff.",
            "We serve our tenants and staff.",
            "significant",
        ),
    ],
)
def test_a_repeated_word_removed_or_added_is_editorial(before: str, after: str, significance: str):
    from policypress.changes import classify_text

    assert classify_text(before, after)[0] == significance
