"""What the site says about a proposal while tenants are being consulted on it (issue 15): the
home page says changes are proposed, with the closing date and a link; "What's changing" says
once that tenants are consulted; the version history reads plainly; comparison addresses name
the proposed version."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000"}  # 19 November 2026


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Version 1.0 approved, then a significant change, with a tenant survey open until
    15 December 2026."""
    root = tmp_path_factory.mktemp("proposal")
    content = write_content(root)
    git = Git(root)
    git.commit(
        "Add the example policy", "First draft of the policy.", date="2026-01-05T10:00:00+00:00"
    )
    git.consult(date="2026-01-20")
    approved = run_cli(
        "approve", "example", "--by", "Cabinet", "--date", "2026-02-01", cwd=root, env=TODAY
    )
    assert approved.returncode == 0, approved.stderr
    write_content(
        root,
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", "Staff should be honest."
            )
        },
    )
    head = git.commit(
        "Soften the duty", "Staff should be honest.", date="2026-11-01T10:00:00+00:00"
    )
    (content / "example" / "consultations" / "2026-11-02-survey.yaml").write_text(
        "title: Survey of all tenants\nopened: 2026-11-02\nclosed: 2026-12-15\n"
        f'consulted: [All tenants]\nmethod: A survey\ncovers: "{head}"\n',
        encoding="utf-8",
    )
    git.commit("Open the survey", date="2026-11-02T10:00:00+00:00")
    built = run_cli("build", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stderr
    return root / "build" / "site"


def _text(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text("utf-8")
    html = re.search(r"<article.*?</article>", html, re.DOTALL).group(0)
    return " ".join(
        unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</?(a|strong|em)\b[^>]*>", "", html))).split()
    )


def test_the_home_page_says_changes_are_proposed_and_by_when_to_have_a_say(site: Path):
    html = (site / "index.html").read_text("utf-8")
    assert '<a href="example/changes/">What\'s changing in the Example policy</a>' in html
    text = _text(site, "")
    assert "Approved; changes proposed" in text
    assert "Proposed version 2.0 is not yet approved. Have your say by 15 December 2026." in text


def test_whats_changing_says_once_that_tenants_are_consulted(site: Path):
    text = _text(site, "example/changes")
    assert "We are consulting tenants on these changes: Survey of all tenants" in text
    assert "we will consult tenants" not in text


def test_the_version_history_reads_plainly(site: Path):
    html = (site / "example" / "history" / "index.html").read_text("utf-8")
    table = html.split('<h2 id="versions">', 1)[1].split("</table>", 1)[0]
    assert "<caption>Every version</caption>" not in table  # not the heading again
    rows = [
        [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r'<tr role="row">(.*?)</tr>', table)
    ]
    assert rows == [
        ["Version", "Approval", "Status"],
        ["Proposed version 2.0", "Not yet approved; Cabinet will decide", "Not yet in force"],
        ["Version 1.0", "Approved by Cabinet on 1 February 2026", "In force now"],
    ]


def test_a_comparison_with_the_proposal_is_named_by_its_number(site: Path):
    index = (site / "example" / "compare" / "index.html").read_text("utf-8")
    assert (
        '<a href="v1.0-to-proposed-2.0/">Compare version 1.0 with proposed version 2.0</a>' in index
    )
    assert (site / "example" / "compare" / "v1.0-to-proposed-2.0" / "index.html").exists()
    assert not (site / "example" / "compare" / "v1.0-to-draft").exists()
