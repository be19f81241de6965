"""Git metadata and approvals as untrusted input, on real repositories in the test's folder:
revisions from content never reach git as options, hostile commit and tag messages neither crash
nor inject, approval tags are checked, and `approve` cannot write a forged record."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from pdfminer.high_level import extract_text

from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}  # 19 November 2026
APPROVAL = "Approval of example version 1.0\n\nApproved-by: Cabinet\nApproval-date: 2026-03-01\n"


@pytest.fixture
def repo(tmp_path: Path) -> Git:
    root = tmp_path / "repo"
    write_content(root)
    git = Git(root)
    git.commit("Add the example policy", "First draft of the policy.")
    return git


def _tag(repo: Git, name: str, message: str, target: str = "HEAD") -> None:
    subprocess.run(
        ["git", "tag", "-a", "--cleanup=verbatim", "-F", "-", name, target],
        cwd=repo.root,
        input=message,
        text=True,
        check=True,
        capture_output=True,
        env={**os.environ, **IDENTITY},
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# -- revisions from content and options never become git options ------------------------------


def test_a_covers_value_that_looks_like_an_option_reaches_no_git_command(repo: Git, tmp_path: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    diff = run_cli("diff", "example", f"--from=--output={victim}", cwd=repo.root, env=TODAY)
    assert victim.read_text() == "precious\n"
    assert diff.returncode == 1 and "Traceback" not in diff.stderr
    assert _lines(diff.stderr) == [
        (
            f"policypress: error: '--output={victim}' is not a commit or tag of "
            "this repository (give a commit hash or tag, e.g. code-of-conduct/v1.0)"
        )
    ]
    record = repo.root / "content/example/consultations/2026-02-20-panel.yaml"
    record.parent.mkdir()
    record.write_text(
        "title: Tenant panel\nopened: 2026-02-20\nclosed: 2026-02-20\nconsulted: [Tenant panel]\n"
        "method: A meeting\nresponses: 3\nsummary: Fine.\nresponse: None needed.\n"
        f'covers: "--output={victim}"\n',
        "utf-8",
    )
    repo.commit("Record the consultation")
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert victim.read_text() == "precious\n"
    assert check.returncode == 1
    assert (
        f"content/example/consultations/2026-02-20-panel.yaml:9:9: error: '--output={victim}' is "
        "not a commit or tag of this repository (write the commit hash or tag of the text you "
        "consulted on, in quotes)"
    ) in check.stdout


def test_a_covers_value_that_names_no_commit_is_a_located_error(repo: Git):
    repo.consult()
    record = next((repo.root / "content/example/consultations").glob("*.yaml"))
    record.write_text(record.read_text().replace("covers: ", "covers: 'main~5' # was: "), "utf-8")
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert check.returncode == 1
    assert (
        f"content/example/consultations/{record.name}:9:9: error: 'main~5' is not a commit or tag "
        "of this repository"
    ) in check.stdout


@pytest.mark.parametrize("covers", ['"-p"', "v1"])
def test_a_short_covers_value_is_checked_as_a_revision(repo: Git, covers: str):
    """A short `covers:` was called "empty" by the schema; the revision check names it instead."""
    repo.consult()
    record = next((repo.root / "content/example/consultations").glob("*.yaml"))
    record.write_text(record.read_text().replace("covers: ", f"covers: {covers} # was: "), "utf-8")
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert check.returncode == 1
    assert "is empty" not in check.stdout
    assert (
        f"content/example/consultations/{record.name}:9:9: error: '{covers.strip(chr(34))}' is "
        "not a commit or tag of this repository"
    ) in check.stdout


# -- hostile commit and tag messages -----------------------------------------------------------


def test_separators_and_control_characters_in_commits_and_tags(repo: Git):
    write_content(
        repo.root,
        {
            "example/document.yaml": DOCUMENT + "  - sections/vc.yaml\n",
            "example/sections/vc.yaml": "id: version-control\ntitle: Version control\nkind: "
            "version-control\n",
            "example/sections/one.yaml": SECTION.replace("honest.", "honest and fair."),
        },
    )
    repo.commit(
        "Say\x1e staff\x1f must\x01 be fair\x1b[31m",
        date="2026-02-10T09:30:00+00:00",
        who=("Eve\x1eMallory", "eve@example.org"),
    )
    _tag(repo, "notes", "A note\x1e with\x1f separators\n\x1e\n")
    history = run_cli("history", "example", "--format", "json", cwd=repo.root, env=TODAY)
    assert history.returncode == 0, history.stderr
    rows = json.loads(history.stdout)["rows"]
    assert [(r["summary"], r["author"]) for r in rows] == [
        ("Say staff must be fair [31m", "Eve Mallory"),
        ("First draft of the policy.", "Siân Öztürk"),
    ]
    build = run_cli("build", "--only", "docx,pdf", cwd=repo.root, env=TODAY)
    assert build.returncode == 0, build.stderr
    docx = open_docx(repo.root / "build/example/example.docx")
    changes = docx.tables[1].rows[1].cells[4].text.split("\n")
    assert changes[0] == "10 February 2026: Say staff must be fair [31m (Eve Mallory)"


MARKUP = "<script>alert(1)</script> #set page(width: 1cm) {{ 7*7 }} {% if x %} *x* $y$ \x07"
SHOWN = "<script>alert(1)</script> #set page(width: 1cm) {{ 7*7 }} {% if x %} *x* $y$"


def test_markup_in_history_stays_text_in_docx_pdf_and_site(repo: Git):
    write_content(
        repo.root,
        {
            "example/document.yaml": DOCUMENT + "  - sections/vc.yaml\n",
            "example/sections/vc.yaml": "id: version-control\ntitle: Version control\nkind: "
            "version-control\n",
        },
    )
    repo.commit(
        "Add the table",
        MARKUP,
        date="2026-02-10T09:30:00+00:00",
        who=("Eve & {{ x }} #strong[y] $z$ *w*", "eve@example.org"),
    )
    build = run_cli("build", cwd=repo.root, env=TODAY)
    assert build.returncode == 0, build.stderr
    docx = open_docx(repo.root / "build/example/example.docx")
    changes = docx.tables[1].rows[1].cells[4].text.split("\n")
    assert changes[0] == f"10 February 2026: {SHOWN} (Eve & {{{{ x }}}} #strong[y] $z$ *w*)"
    pdf = " ".join(extract_text(repo.root / "build/example/example.pdf").split())
    assert "<script>alert(1)</script> #set page(width: 1cm) {{ 7*7 }}" in pdf
    assert "Eve & {{ x }} #strong[y] $z$ *w*" in pdf
    page = (repo.root / "build/site/example/history/index.html").read_text("utf-8")
    assert "<script>alert(1)" not in page and "Eve &amp; {{ x }} #strong[y] $z$ *w*" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; #set page(width: 1cm) {{ 7*7 }}" in page


# -- approval tags -----------------------------------------------------------------------------


def test_two_tags_for_one_version_are_named_with_a_fix(repo: Git):
    _tag(repo, "example/v1.0", APPROVAL)
    _tag(repo, "example/v01.0", APPROVAL)
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert check.returncode == 1
    assert (
        "tag example/v1.0: error: the approval tags 'example/v1.0' and 'example/v01.0' record "
        "the same version of example (keep the right one and delete the rest: git tag -d "
        "example/v01.0)"
    ) in check.stdout


def test_an_approval_tag_on_an_unrelated_commit(repo: Git):
    repo("checkout", "-q", "--orphan", "elsewhere")
    repo("rm", "-rq", "--cached", ".")
    (repo.root / "other.txt").write_text("unrelated\n")
    repo("add", "other.txt")
    repo("commit", "-qm", "Unrelated work")
    stray = repo("rev-parse", "HEAD").strip()
    _tag(repo, "example/v1.0", APPROVAL)
    repo("checkout", "-qf", "main")
    build = run_cli("build", cwd=repo.root, env=TODAY)
    assert build.returncode == 1
    assert (
        f"tag example/v1.0: error: the approval tag 'example/v1.0' is on commit {stray[:12]}, "
        "which is not in the history of the checked-out branch (if it was made by mistake, "
        "delete it (git tag -d example/v1.0); else build from the branch that holds that commit)"
    ) in build.stderr
    assert "fatal:" not in build.stderr and "Traceback" not in build.stderr


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda repo: _tag(repo, "example/v1.0", "Tree\n", "HEAD^{tree}"),
            "points to a tree, not a commit",
        ),
        (
            lambda repo: _tag(
                repo,
                "example/v1.0",
                APPROVAL + "Minute: x\nApproved-by: Mayor\nApproval-date: 2020-01-01\n",
            ),
            "has 2 Approved-by lines, so it could record more than one approval; has 2 "
            "Approval-date lines",
        ),
        (
            lambda repo: _tag(repo, "example/v1.0", APPROVAL.replace("2026-03-01", "2026-02-30")),
            "has an Approval-date that is not a real date written YYYY-MM-DD ('2026-02-30')",
        ),
    ],
    ids=["tree", "forged-lines", "impossible-date"],
)
def test_malformed_approval_tags_are_named(repo: Git, make, message):
    make(repo)
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert f"tag example/v1.0: error: the approval tag 'example/v1.0' {message}" in check.stdout


@pytest.mark.parametrize("date", ["2099-01-01"])
def test_an_approval_tag_dated_after_today_is_named_with_a_fix(repo: Git, date: str):
    """A hand-made tag can skip approve's future-date check; history refuses it ("today" is the
    clock's, not SOURCE_DATE_EPOCH's: see the next test)."""
    import datetime

    _tag(repo, "example/v1.0", APPROVAL.replace("2026-03-01", date))
    now = datetime.date.today().isoformat()
    expected = (
        f"tag example/v1.0: error: the approval tag 'example/v1.0' has an Approval-date ({date}) "
        f"later than today ({now}) (delete it (git tag -d example/v1.0), then record the "
        "approval with policypress approve and the real date (--date YYYY-MM-DD))"
    )
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert expected in check.stdout
    build = run_cli("build", "--only", "docx", cwd=repo.root, env=TODAY)
    assert build.returncode == 1 and expected in build.stderr
    assert not (repo.root / "build/example/example.docx").exists()


def test_an_approval_given_after_the_last_commit_builds_under_source_date_epoch(repo: Git):
    """CI often sets SOURCE_DATE_EPOCH to the last commit's time (here 18 November 2026), and
    cabinet approves days later (20 November): that approval is not "in the future"."""
    _tag(repo, "example/v1.0", APPROVAL.replace("2026-03-01", "2026-11-20"))
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert "later than today" not in check.stdout + check.stderr
    build = run_cli("build", "--only", "docx", cwd=repo.root, env=TODAY)
    assert build.returncode == 0, build.stderr


def test_an_approval_tag_dated_today_is_accepted(repo: Git):
    _tag(repo, "example/v1.0", APPROVAL.replace("2026-03-01", "2026-11-18"))
    history = run_cli("history", "example", "--format", "json", cwd=repo.root, env=TODAY)
    assert history.returncode == 0, history.stderr
    assert "2026-11-18" in history.stdout


# -- approve -----------------------------------------------------------------------------------


@pytest.fixture
def ready(repo: Git) -> Git:
    repo.consult()
    return repo


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--by", "Cabinet", "--minute", "x\nApproved-by: Mayor\nApproval-date: 2020-01-01"],
            (
                "--minute has a line break at character 2: write it on one line of plain text, "
                'e.g. "Cabinet, 1 Dec 2026, item 7"'
            ),
        ),
        (["--by", ""], '--by is empty: say who approved it, e.g. --by "Cabinet"'),
        (["--by", "   "], '--by is empty: say who approved it, e.g. --by "Cabinet"'),
        (["--by", "Cab\x1binet"], "--by has the invisible character U+001B at character 4"),
        (["--by", "Cabinet", "--date", "20260301"], "--date '20260301' is not a date"),
        (["--by", "Cabinet", "--date", "2026-W09-7"], "--date '2026-W09-7' is not a date"),
    ],
    ids=["minute-injection", "empty-by", "blank-by", "escape-in-by", "compact-date", "week-date"],
)
def test_approve_refuses_bad_fields_and_writes_nothing(ready: Git, args, message):
    if "--date" not in args:
        args = [*args, "--date", "2026-03-01"]
    result = run_cli("approve", "example", *args, cwd=ready.root, env=TODAY)
    assert result.returncode == 2
    assert len(_lines(result.stderr)) == 1 and message in result.stderr
    assert ready("tag", "-l") == ""


def test_approve_writes_a_tag_every_command_reads_back(ready: Git):
    result = run_cli(
        "approve",
        "example",
        "--by",
        "  Cabinet: housing  ",
        "--date",
        "2026-03-01",
        "--minute",
        "Item 7: Approved-by: nobody",
        cwd=ready.root,
        env=TODAY,
    )
    assert result.returncode == 0, result.stderr
    message = ready("cat-file", "tag", "example/v1.0")
    assert message.endswith(
        "Approval of example version 1.0\n\nApproved-by: Cabinet: housing\n"
        "Approval-date: 2026-03-01\nMinute: Item 7: Approved-by: nobody\n"
    )
    assert message.startswith("object " + ready("rev-parse", "HEAD"))
    table = json.loads(
        run_cli("history", "example", "--format", "json", cwd=ready.root, env=TODAY).stdout
    )
    assert (table["version"], table["approved_by"], table["approval_date"]) == (
        "1.0",
        "Cabinet: housing",
        "2026-03-01",
    )


def test_a_lost_approve_race_is_one_line(ready: Git, monkeypatch, capsys):
    from policypress import cli, history

    original = history.next_version

    def rival_first(*args, **kwargs):  # another approval lands between the check and the tag
        version = original(*args, **kwargs)
        _tag(ready, f"example/v{version[0]}.{version[1]}", APPROVAL)
        return version

    monkeypatch.chdir(ready.root)
    for key, value in TODAY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(history, "next_version", rival_first)
    code = cli.main(["approve", "example", "--by", "Cabinet", "--date", "2026-03-02"])
    err = capsys.readouterr().err
    assert code == 1
    assert _lines(err) == [
        (
            "policypress: error: version 1.0 of example was recorded by another "
            "approval just now; run `policypress history example` to see it"
        )
    ]
    assert "Approval-date: 2026-03-01" in ready("tag", "-l", "--format=%(contents)", "example/v1.0")


# -- .policypress-ignore-revs ------------------------------------------------------------------


def test_an_ignore_revs_file_that_is_not_utf8_is_a_located_error(repo: Git):
    (repo.root / "content/.policypress-ignore-revs").write_bytes(b"# reformatting\nab\xe9cd12\n")
    check = run_cli("check", cwd=repo.root, env=TODAY)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert (
        "content/.policypress-ignore-revs:2:3: error: the line is not UTF-8 text (byte 0xe9 cannot "
        "be read) (save the file as UTF-8, or delete the line and type it again)"
    ) in check.stdout
