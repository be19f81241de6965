"""Git history that misleads: a shallow clone that lacks a consultation's commit, a local
`git replace` of an approved commit, a version in force dated in the future, and rows from before
git out of date order."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import IDENTITY, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}  # 19 November 2026


def test_a_shallow_clone_says_it_lacks_a_consultations_commit_and_how_to_fetch_it(
    tmp_path: Path,
):
    source = tmp_path / "source"
    source.mkdir()
    write_content(source)
    git = Git(source)
    first = git.commit("Add the example policy", "First version.")
    git.consult()
    write_content(
        source, {"example/sections/one.yaml": SECTION.replace("honest.", "honest and fair.")}
    )
    git.commit("Say staff must be fair", "Staff must be fair.", date="2026-03-01T10:00:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True
    )
    shallow = (
        f"'{first}' cannot be found in this clone, which is shallow: it holds only the latest "
        "commits (fetch the whole history with 'git fetch --unshallow' (in GitHub Actions: "
        "actions/checkout with 'fetch-depth: 0'))"
    )
    checked = run_cli("check", cwd=clone, env=TODAY)
    assert checked.returncode == 0, checked.stderr
    assert (
        f"content/example/consultations/2026-02-20-tenant-panel.yaml:9:9: warning: {shallow}"
    ) in checked.stdout
    assert "is not a commit or tag" not in checked.stdout + checked.stderr
    compared = run_cli("diff", "example", "--from", first, cwd=clone, env=TODAY)
    assert (compared.returncode, compared.stderr) == (1, f"policypress: error: {shallow}\n")


def test_a_local_git_replace_does_not_change_the_approved_text(tmp_path: Path):
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First version.")
    git.consult()
    done = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=TODAY
    )
    assert done.returncode == 0, done.stderr
    approved = git("rev-parse", "example/v1.0^{commit}").strip()
    # a commit like the approved one, whose text says the opposite, put in its place locally
    git("checkout", "-q", "-b", "forged", approved)
    write_content(tmp_path, {"example/sections/one.yaml": SECTION.replace("honest.", "dishonest.")})
    forged = git.commit("Add the example policy", "First version.")
    git("checkout", "-q", "main")
    git("replace", approved, forged)
    assert "dishonest" in git("show", f"{approved}:content/example/sections/one.yaml")
    shown = run_cli("diff", "example", "--format", "json", cwd=tmp_path, env=TODAY)
    assert shown.returncode == 0, shown.stderr
    changes = json.loads(shown.stdout)["changes"]
    assert [c for c in changes if "honest" in json.dumps(c)] == []
    built = run_cli("build", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stderr
    pages = "".join(
        p.read_text("utf-8") for p in (tmp_path / "build" / "site" / "example").rglob("*.html")
    )
    assert "dishonest" not in pages and "Staff must be honest." in pages


def test_a_version_in_force_dated_in_the_future_is_refused_on_its_line(tmp_path: Path):
    history = (
        "in-force:\n  version: '2.1'\n  approval-date: '2999-01-01'\n  approved-by: Cabinet\n"
        "rows:\n  - date: '2023-05-01'\n    summary: Approved.\n    author: Jo Bloggs\n"
    )
    write_content(tmp_path, {"example/history-before-git.yaml": history})
    checked = run_cli("check", cwd=tmp_path)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert (
        "content/example/history-before-git.yaml:3:18: error: the version in force is dated "
        "2999-01-01, later than today ("
    ) in checked.stdout
    assert (
        "): an approval cannot be in the future (write the date it was approved, from the "
        "minutes of the meeting)"
    ) in checked.stdout


def test_rows_out_of_date_order_are_refused_on_the_row_that_is_out_of_place(tmp_path: Path):
    history = (
        "rows:\n  - date: '2022-01-01'\n    summary: Reviewed.\n    author: Jo Bloggs\n"
        "  - date: '2023-05-01'\n    summary: Approved.\n    author: Jo Bloggs\n"
    )
    write_content(tmp_path, {"example/history-before-git.yaml": history})
    checked = run_cli("check", cwd=tmp_path)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert (
        "content/example/history-before-git.yaml:5:5: error: the row dated 2023-05-01 comes "
        "after the row dated 2022-01-01, but rows are newest first (put the rows in order, the "
        "newest at the top, as the document controls sheet was)"
    ) in checked.stdout
