"""The website's HTML, read as files: pages, anchors, links, downloads, no third-party requests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from policypress.build import build
from tests.conftest import FROZEN, REPO

SECOND = REPO / "tests" / "fixtures" / "second-document" / "board-code"


def site_with_two_documents(root: Path) -> Path:
    """The default content plus the lettered example document, built into root/build."""
    shutil.copytree(FROZEN, root / "content")
    shutil.copytree(SECOND, root / "content" / "board-code")
    build(root / "content", root / "build")
    return root / "build" / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return site_with_two_documents(tmp_path_factory.mktemp("site"))


def read(site: Path, page: str) -> str:
    return (
        (site / page / "index.html").read_text("utf-8")
        if page
        else (site / "index.html").read_text("utf-8")
    )


def test_home_lists_every_document_with_status_and_version(site: Path):
    home = read(site, "")
    assert '<a href="code-of-conduct/">Code of Conduct for Housing Staff</a>' in home
    assert (
        '<a href="board-code/">Code of Conduct for Board Members and Involved Customers</a>' in home
    )
    row = re.search(
        r'Code of Conduct for Housing Staff</a></th><td role="cell" data-label="Status">([\w '
        r"]+)</td>"
        r'<td role="cell" data-label="Version">([\w. ]+)</td>',
        home,
    )
    assert row and row.groups() == ("Not yet approved", "Proposed version 1.0")
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<', home)
    assert "Code of Conduct for Board Members and Involved Customers" in " ".join(nav)


def test_document_page_headings_anchors_and_links(site: Path):
    page = read(site, "code-of-conduct")
    headings = re.findall(r"<h([1-6]) id=\"([^\"]+)\">([^<]+)", page)
    assert [(int(level), anchor) for level, anchor, _ in headings] == [
        (1, "code-of-conduct-for-housing-staff"),
        (2, "introduction"),
        (2, "implementation"),
        (2, "the-code"),
        (3, "integrity"),
        (3, "competence"),
        (3, "accountable"),
        (2, "version-control"),
    ]
    assert page.count("<h1") == 1
    assert (
        '<div class="pp-clause" id="amendments"><a class="pp-number" href="#amendments" '
        'aria-label="Clause 2.4: link to this clause">2.4</a>'
    ) in page
    assert (
        '<li id="report-breaches">Report any breaches of the code to the Council and the CIH.'
        in page
    )
    # One link to copy per clause (its number); points keep their ids but have no link of their own.
    assert "pp-anchor" not in page and ">link</a>" not in page
    assert not re.search(r'<a [^>]*aria-label="Link to this point', page)
    assert (
        'Links to the <a href="../standards/#cih">CIH professional standards</a>: '
        '<a href="../standards/#cih-integrity">Integrity</a>, '
        '<a href="../standards/#cih-inclusive">Inclusive</a> and '
        '<a href="../standards/#cih-ethical">Ethical</a>'
    ) in page
    assert "The &lt;insert roles / group&gt; will be responsible" in page
    board = read(site, "board-code")
    assert '<a href="#declare-interests">A1</a>' in board  # a cross-reference as a link
    assert '<html lang="en-GB"' in page


def test_page_titles_name_the_page_and_the_document(site: Path):
    def title(page: str) -> str:
        return re.search(r"<title>([^<]*)</title>", read(site, page)).group(1)

    doc = "Code of Conduct for Housing Staff"
    assert title("code-of-conduct") == f"{doc} - Housing policies"
    assert title("code-of-conduct/changes") == f"What's changing \u2013 {doc} - Housing policies"
    assert title("code-of-conduct/history") == f"Version history \u2013 {doc} - Housing policies"
    assert title("code-of-conduct/download") == f"Download \u2013 {doc} - Housing policies"
    board = "Code of Conduct for Board Members and Involved Customers"
    assert title("board-code/history") == f"Version history \u2013 {board} - Housing policies"
    assert title("standards") == "Standards and principles - Housing policies"


def test_downloads_name_format_and_size(site: Path):
    page = read(site, "code-of-conduct/download")
    # Never approved: only the draft, named as what it is; nothing at /<doc>/ claims to be in force.
    assert not (site / "code-of-conduct" / "code-of-conduct.pdf").exists()
    assert not (site / "code-of-conduct" / "code-of-conduct.docx").exists()
    pdf_size = (site / "code-of-conduct" / "code-of-conduct-proposed-1.0.pdf").stat().st_size
    docx_size = (site / "code-of-conduct" / "code-of-conduct-proposed-1.0.docx").stat().st_size
    assert (
        f'<a href="../code-of-conduct-proposed-1.0.pdf" download>Download proposed version 1.0 '
        f"(not yet approved) as a PDF, for reading and printing (PDF, {pdf_size / 1024:.0f} KB)</a>"
    ) in page
    assert (
        f"Download proposed version 1.0 (not yet approved) as a Word document "
        f"(Word, {docx_size / 1024:.0f} KB)"
    ) in page
    assert "Version in force" not in page and "in force since" not in page


def test_history_changes_and_standards_pages(site: Path):
    history = read(site, "code-of-conduct/history")
    assert "<caption>Version control</caption>" in history and "Not yet approved" in history
    changes = read(site, "code-of-conduct/changes")
    assert "This document has not been approved yet, so all of it is proposed." in changes
    standards = read(site, "standards")
    assert '<dt id="cih-integrity">Integrity</dt>' in standards
    assert (
        '<dt id="nolan-selflessness">Selflessness</dt>' in standards
    )  # the board code links to it
    assert "<dd>In brief: Be honest, open and trustworthy" in standards
    assert "The descriptions are our own short summaries, not the official wording" in standards
    # The staff code links to no principle of public life: a sentence says so, not a table of "No".
    assert (
        "<p>This document is not yet linked to the seven principles of public life.</p>"
        in standards
    )
    assert "Code of Conduct for Housing Staff: seven principles of public life" not in standards
    assert (
        "Code of Conduct for Board Members and Involved Customers: seven principles of public life"
        in standards
    )
    assert (
        "No section of this document links to Advocate, Inclusive, Knowledgeable, Leadership or "
        "Skilled in the CIH professional standards."
    ) in standards
    matrix = re.search(
        r"<caption>Code of Conduct for Housing Staff: CIH professional "
        r"standards</caption>(.*?)</table>",
        standards,
        re.S,
    ).group(1)
    matrix = re.sub(
        r"<(t[rdh])\b[^>]*>", r"<\1>", matrix
    )  # the roles and labels are tested in a browser
    assert (
        "<tr><th>3.1 Act with integrity and respect</th><td>No</td><td>Yes</td>"
        "<td>Yes</td><td>Yes</td><td>No</td><td>No</td><td>No</td></tr>"
    ) in matrix


def test_no_third_party_requests_and_a_print_stylesheet(site: Path):
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//', text)
        assert external == [], page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    css = (site / "assets" / "policypress.css").read_text("utf-8")
    assert "@media print" in css and 'content: " (" attr(href) ")"' in css
    assert (site / "search" / "search_index.json").is_file()


def test_text_is_escaped_on_the_site(tmp_path: Path):
    from tests.conftest import SECTION, write_content

    content = write_content(
        tmp_path,
        {
            "example/sections/one.yaml": SECTION.replace(
                "Staff must be honest.", '"<img src=x> & *em* # [x]"'
            )
        },
    )
    build(content, tmp_path / "build", only={"site"})
    page = (tmp_path / "build" / "site" / "example" / "index.html").read_text("utf-8")
    assert "&lt;img src=x&gt; &amp; <em>em</em> # [x]" in page
    assert "<img src=x>" not in page


def test_serve_rebuilds_when_content_changes(tmp_path: Path):
    """`policypress serve` in a copy of the repository: edit a clause, see the page change."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    shutil.copytree(FROZEN, tmp_path / "content")
    shutil.copytree(REPO / "themes", tmp_path / "themes")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "policypress", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )

    def page() -> str:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/code-of-conduct/", timeout=5
            ) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if text in page():
                return True
            time.sleep(0.5)
        return False

    try:
        assert wait_for("a best practice example"), "the preview did not start"
        clause = tmp_path / "content" / "code-of-conduct" / "sections" / "introduction.yaml"
        clause.write_text(
            clause.read_text("utf-8").replace("a best practice", "an excellent practice"), "utf-8"
        )
        assert wait_for("an excellent practice example"), (
            "the preview did not rebuild after the edit"
        )
    finally:
        server.terminate()
        server.communicate(timeout=10)  # waits, and closes its stderr pipe
