"""A way to respond, always (issue 23, item 1): the shipped content/site.yaml holds the contact
details as placeholders. `check` warns on each one's line and says what to write; `check
--strict`, `approve` and `publish` refuse until they are real; `build` still passes and its pages
leave the placeholders out; once they are filled in, the accessibility statement's "report a
problem" and "ask for another format" use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DOCUMENT, REPO, Git, run_cli, write_content
from tests.integration.test_consultation_loop import SITE, article, assert_contact_links, section

SHIPPED = (REPO / "content" / "site.yaml").read_text("utf-8")
ENV = {"SOURCE_DATE_EPOCH": "1795000000"}
LINES = {  # the line of each placeholder in the shipped file, and what the warning calls it
    "team": "the name of the team that answers tenants",
    "email": "the email address tenants write to",
    "phone": "the phone number tenants call",
    "phone-hours": "the time the phone is answered",
    "address": "the postal address tenants write to",
}


def _line(key: str) -> int:
    return next(n for n, line in enumerate(SHIPPED.splitlines(), 1) if line.startswith(f"  {key}:"))


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    write_content(tmp_path, {"site.yaml": SHIPPED})
    git = Git(tmp_path)
    git.commit("First draft", "The first draft")
    git.consult("2026-02-20")  # so that only the placeholders stop the approval
    return tmp_path


def test_check_warns_on_each_placeholders_line_and_says_what_to_write(shipped: Path):
    checked = run_cli("check", cwd=shipped, env=ENV)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for key, what in LINES.items():
        column = len(f"  {key}: ") + 1
        assert (
            f"content/site.yaml:{_line(key)}:{column}: warning: {what} is still a placeholder, "
            "so tenants cannot use it (write it in place of the words in square brackets; until "
            "then the pages leave it out, and 'check --strict', 'approve' and 'publish' refuse)"
        ) in checked.stdout
    strict = run_cli("check", "--strict", cwd=shipped, env=ENV)
    assert strict.returncode == 1
    assert f"content/site.yaml:{_line('email')}:10: error: the email address" in strict.stdout


def test_build_passes_but_publish_and_approve_refuse(shipped: Path, tmp_path: Path):
    built = run_cli("build", "--only", "site", cwd=shipped, env=ENV)
    assert built.returncode == 0, built.stdout + built.stderr
    for page in (shipped / "build" / "site").rglob("*.html"):
        assert "[insert" not in page.read_text("utf-8"), page
    published = run_cli("publish", "--to", str(tmp_path / "public"), cwd=shipped, env=ENV)
    assert published.returncode == 1
    assert "content/site.yaml:13:10: error: the email address tenants write to" in (
        published.stdout + published.stderr
    )
    assert not (tmp_path / "public").exists()
    approved = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=shipped, env=ENV
    )
    assert approved.returncode == 1
    assert "the email address tenants write to is still a placeholder" in (
        approved.stdout + approved.stderr
    )
    assert not Git(shipped)("tag").strip()


def test_once_filled_in_publish_works_and_the_statement_gives_the_way_to_respond(tmp_path: Path):
    write_content(tmp_path, {"site.yaml": SITE})
    Git(tmp_path).commit("First draft", "The first draft")
    published = run_cli("publish", "--to", str(tmp_path / "public"), cwd=tmp_path, env=ENV)
    assert published.returncode == 0, published.stdout + published.stderr
    statement = article(tmp_path / "public", "accessibility")
    for heading in ("contact", "reporting"):
        assert_contact_links(section(statement, heading))


def test_a_documents_own_placeholder_is_left_out_and_warned_about(tmp_path: Path):
    document = DOCUMENT + 'contact:\n  email: "[insert our email address]"\n'
    write_content(tmp_path, {"site.yaml": SITE, "example/document.yaml": document})
    checked = run_cli("check", cwd=tmp_path, env=ENV)
    assert (
        "content/example/document.yaml:13:10: warning: the email address tenants write to is "
        "still a placeholder"
    ) in checked.stdout
    built = run_cli("build", "--only", "site", cwd=tmp_path, env=ENV)
    assert built.returncode == 0, built.stderr
    download = (tmp_path / "build" / "site" / "example" / "download" / "index.html").read_text()
    assert "[insert" not in download and "mailto:housing.policy@example.gov.uk" in download
