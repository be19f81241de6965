"""Where the site puts each PDF and Word file, and what its labels say (issue 15, item 3).

/<doc>/<doc>.pdf and .docx are the version in force: the approved text, the same bytes as the
files of its /<doc>/vX.Y/ page. A proposal's files live under /<doc>/draft/ and say "proposed" in
their names. The download page links to files that exist and names each one's version.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from posixpath import normpath

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pdfminer.high_level import extract_text

from policypress.model import Revision, VersionControl
from policypress.siteplan import download_name
from tests.conftest import SECTION, Git, run_cli, write_content

TODAY = {"SOURCE_DATE_EPOCH": "1795000000"}  # 19 November 2026
BRAVE = "Staff should be honest and brave at all times."


def _repository(root: Path) -> Git:
    """Version 1.0 approved on 3 March 2026, then a significant change with a Change-summary."""
    write_content(root)
    git = Git(root)
    git.commit(
        "Add the example policy", "First draft of the policy.", date="2026-01-05T10:00:00+00:00"
    )
    git.consult(date="2026-01-20")
    approved = run_cli(
        "approve",
        "example",
        "--by",
        "Cabinet",
        "--date",
        "2026-03-03",
        "--minute",
        "Cabinet, 3 Mar 2026, item 9",
        cwd=root,
        env=TODAY,
    )
    assert approved.returncode == 0, approved.stderr
    write_content(
        root, {"example/sections/one.yaml": SECTION.replace("Staff must be honest.", BRAVE)}
    )
    git.commit(
        "Soften the duty",
        "Staff should now be brave as well as honest.",
        date="2026-04-10T12:00:00+00:00",
    )
    return git


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("files")
    _repository(root)
    built = run_cli("build", cwd=root, env=TODAY)
    assert built.returncode == 0, built.stderr
    return root / "build" / "site"


def _text(path: Path) -> str:
    return " ".join(extract_text(str(path)).split())


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_the_files_at_the_documents_address_are_the_version_in_force(site: Path):
    for kind in ("pdf", "docx"):
        in_force = site / "example" / f"example.{kind}"
        assert (
            in_force.read_bytes()
            == (site / "example" / "v1.0" / f"example-v1.0.{kind}").read_bytes()
        )
    text = _text(site / "example" / "example.pdf")
    assert "Staff must be honest." in text
    assert "brave" not in text  # the proposed change is not in the version in force
    assert "Proposed version" not in text and "not yet approved" not in text.lower()


def test_the_proposals_files_live_under_its_address_and_say_proposed(site: Path):
    proposal = site / "example" / "draft"
    assert sorted(p.name for p in proposal.glob("*.*") if p.suffix in (".pdf", ".docx")) == [
        "example-proposed-2.0.docx",
        "example-proposed-2.0.pdf",
    ]
    text = _text(proposal / "example-proposed-2.0.pdf")
    assert BRAVE in text
    assert (
        "Proposed version 2.0" in text
        and "changes to version 1.0 (in force since 3 March 2026)" in text
    )
    # No other file on the site holds the proposal's text.
    for path in site.rglob("*.pdf"):
        if path.parent != proposal:
            assert "brave" not in _text(path), path


def test_every_download_link_resolves_and_names_its_version(site: Path):
    page = _page(site, "example/download")
    links = re.findall(r'<a href="([^"]+\.(?:pdf|docx))" download>([^<]+)</a>', page)
    assert len(links) == 4
    for href, _ in links:
        target = site / normpath(f"example/download/{href}")
        assert target.is_file(), href
    sizes = {
        href: (site / normpath(f"example/download/{href}")).stat().st_size / 1024
        for href, _ in links
    }
    assert links == [
        (
            "../example.pdf",
            "Download version 1.0 (in force since 3 March 2026) as a PDF, for reading "
            f"and printing (PDF, {sizes['../example.pdf']:.0f} KB)",
        ),
        (
            "../example.docx",
            "Download version 1.0 (in force since 3 March 2026) as a Word document "
            f"(Word, {sizes['../example.docx']:.0f} KB)",
        ),
        (
            "../draft/example-proposed-2.0.pdf",
            "Download proposed version 2.0 (not yet approved) as a PDF, for reading and "
            f"printing (PDF, {sizes['../draft/example-proposed-2.0.pdf']:.0f} KB)",
        ),
        (
            "../draft/example-proposed-2.0.docx",
            "Download proposed version 2.0 (not yet approved) as a "
            f"Word document (Word, {sizes['../draft/example-proposed-2.0.docx']:.0f} KB)",
        ),
    ]
    assert '<h2 id="proposal">Proposed version 2.0</h2>' in page


def test_every_version_table_and_comparisons_show_the_proposed_number(site: Path):
    history = _page(site, "example/history")
    table = history.split("<caption>Versions, newest first</caption>", 1)[1].split("</table>", 1)[0]
    assert re.search(r'<a href="\.\./draft/">Proposed version 2\.0</a></th>', table)
    compare = _page(site, "example/compare")
    assert (
        '<a href="v1.0-to-proposed-2.0/">Compare version 1.0 with proposed version 2.0</a>'
        in compare
    )
    assert "Changes from version 1.0 to proposed version 2.0" in _page(
        site, "example/compare/v1.0-to-proposed-2.0"
    )


def test_without_drafts_the_version_in_force_is_still_at_the_documents_address(tmp_path: Path):
    _repository(tmp_path)
    built = run_cli("build", "--no-drafts", cwd=tmp_path, env=TODAY)
    assert built.returncode == 0, built.stderr
    site = tmp_path / "build" / "site" / "example"
    assert (site / "example.pdf").read_bytes() == (site / "v1.0" / "example-v1.0.pdf").read_bytes()
    assert not (site / "draft").exists()
    assert "proposed" not in " ".join(p.name for p in site.rglob("*.*"))


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example document, loaded as the pipeline loads it."""
    from policypress.load.loader import load_library

    return load_library(write_content(tmp_path_factory.mktemp("example"))).library.documents[0]


@given(
    proposed=st.text(max_size=12),
    kind=st.sampled_from(["pdf", "docx"]),
    approved=st.booleans(),
    pending=st.booleans(),
    proposal=st.booleans(),
)
def test_a_file_of_unapproved_text_never_has_the_in_force_name(
    example, proposed, kind, approved, pending, proposal
):
    """Whatever number the history gives, a file of text not approved never takes the name of
    the version in force, and its name stays one plain file name."""
    document = dataclasses.replace(
        example, meta=dataclasses.replace(example.meta, status="approved" if approved else "draft")
    )
    rows = (Revision("2026-04-10", "Draft", "A change", "Siân", ""),) if pending else ()
    vc = VersionControl(
        "1.0" if approved else "Draft", "", "", "", "", False, rows, "2026-04-10", proposed=proposed
    )
    name = download_name(document, vc, f"example.{kind}", proposal)
    in_force = approved and not pending and not proposal
    assert (name == f"example.{kind}") == in_force
    assert re.fullmatch(rf"example[-0-9A-Za-z.]*\.{kind}", name), name
    if not in_force:
        assert re.fullmatch(rf"example-(proposed-[0-9A-Za-z][-0-9A-Za-z.]*|draft)\.{kind}", name), (
            name
        )


def test_earlier_versions_files_are_listed_and_resolve(tmp_path: Path):
    """Three approved versions and a proposal: every file on the download page exists, and each
    earlier version's files say when it was replaced."""
    from tests.integration.test_publish import publish, repository_with_three_versions_and_a_draft

    repository_with_three_versions_and_a_draft(tmp_path)
    result = publish(tmp_path, tmp_path / "public", "--drafts")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "public"
    page = _page(site, "example/download")
    links = re.findall(r'<a href="([^"]+\.(?:pdf|docx))" download>([^<]+)</a>', page)
    hrefs = [href for href, _ in links]
    assert hrefs == [
        "../example.pdf", "../example.docx",
        "../draft/example-proposed-3.0.pdf", "../draft/example-proposed-3.0.docx",
        "../v1.1/example-v1.1.pdf", "../v1.1/example-v1.1.docx",
        "../v1.0/example-v1.0.pdf", "../v1.0/example-v1.0.docx",
    ]  # fmt: skip
    for href in hrefs:
        assert (site / normpath(f"example/download/{href}")).is_file(), href
    assert links[4][1].startswith("Download version 1.1 (replaced on 1 April 2026) as a PDF")
    assert (site / "example" / "example.pdf").read_bytes() == (
        site / "example" / "v2.0" / "example-v2.0.pdf"
    ).read_bytes()
