"""`policypress diff` prints the comparison `check` has made already, rather than comparing the
versions a second time; --from/--to still compare the versions they name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import IDENTITY, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}


@pytest.fixture
def approved_then_changed(tmp_path: Path) -> Git:
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First draft.")
    git.consult(date="2026-02-01")
    done = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert done.returncode == 0, done.stderr
    write_content(
        tmp_path,
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "Staff should be honest and fair."
            )
        },
    )
    git.commit(
        "Soften the first duty", "Softened the first duty.", date="2026-04-01T10:00:00+00:00"
    )
    return git


def _diff(monkeypatch, capsys, *args: str) -> tuple[dict, int]:
    """Run `policypress diff example --format json` in this process; its JSON and the number of
    comparisons it made."""
    from policypress import changes, cli, consultation

    calls = []
    real = changes.compare

    def counting(old, new):
        calls.append((old, new))
        return real(old, new)

    monkeypatch.setattr(consultation, "compare", counting)
    capsys.readouterr()
    assert cli.main(["diff", "example", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out), len(calls)


def test_diff_prints_what_check_compared(approved_then_changed: Git, monkeypatch, capsys):
    from policypress import changes, consultation
    from policypress.build import check

    monkeypatch.chdir(approved_then_changed.root)
    for key, value in TODAY.items():
        monkeypatch.setenv(key, value)
    calls = []
    real = changes.compare
    monkeypatch.setattr(consultation, "compare", lambda old, new: calls.append(1) or real(old, new))
    check(Path("content"))
    by_check = len(calls)
    assert by_check >= 1

    shown, by_diff = _diff(monkeypatch, capsys)
    assert by_diff == by_check  # check's comparisons only: none made again for the printout
    assert [c["id"] for c in shown["changes"]] == ["first"]
    assert shown["from"] == "version 1.0 (example/v1.0)"
    assert shown["to"] == "the working copy"

    named, by_named = _diff(monkeypatch, capsys, "--from", "example/v1.0")
    assert by_named > by_check  # a version named on the command line is compared anew

    # the same changes; only check's report also carries the policy owners' Change-summary lines
    def plain(found):
        return [{k: v for k, v in c.items() if k not in ("summary", "description")} for c in found]

    assert plain(named["changes"]) == plain(shown["changes"])
    assert named["consultation_required"] == shown["consultation_required"]
