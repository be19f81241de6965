"""Tenants can respond: contact details as links a phone can tap, the closing date while a
consultation is open, "You said, we did" once it has closed, and an accessibility statement with
the content the 2018 accessibility regulations require. Built from a real git repository."""

from __future__ import annotations

import datetime
import os
import re
from html import unescape
from pathlib import Path

import pytest

from policypress.build import build
from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content

TODAY = datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)  # the build's "today"
SITE = """\
contact:
  team: Housing Policy Team
  email: housing.policy@example.gov.uk
  phone: +44 (0)1234 567890
  phone-hours: Monday to Friday, 9am to 5pm
  address: |
    Town Hall
    High Street
    Example EX1 1AA
accessibility:
  compliance: partially
  known-issues:
    - Some maps in older documents have no text description. We will add one by March 2027.
  prepared: 2026-05-01
  reviewed: "2026-08-14"
"""


def repository(root: Path, site: str | None = SITE, document: str = DOCUMENT) -> Path:
    """A draft with a closed tenant consultation (12 responses) and an open one closing on
    31 October 2026, built with 1 September 2026 as today; returns the site folder."""
    content = write_content(root, {"site.yaml": site, "example/document.yaml": document})
    git = Git(root)
    git.commit("First draft", "The first draft")
    git.consult("2026-02-20")
    survey = content / "example" / "consultations" / "2026-09-01-survey.yaml"
    survey.write_text(
        "title: Survey of all tenants\nopened: 2026-08-20\nclosed: 2026-10-31\n"
        "consulted: [All tenants]\nmethod: A survey on paper and online\n"
        f'covers: "{git("rev-parse", "HEAD").strip()}"\n',
        encoding="utf-8",
    )
    git.commit("Record the survey", date="2026-08-20T10:00:00+00:00")
    build(content, root / "build")
    return root / "build" / "site"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY.timestamp())))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return repository(tmp_path)


def article(site: Path, page: str) -> str:
    """The page's main text, as HTML."""
    html = (site / page / "index.html").read_text("utf-8")
    return re.search(r"<article.*?</article>", html, re.DOTALL).group(0)


def text(html: str) -> str:
    """What a reader sees: inline tags (links, bold) dropped, others as spaces, entities read."""
    inline = re.sub(r"</?(?:a|strong|em)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def section(html: str, heading_id: str) -> str:
    """From the heading with `heading_id` to the next heading of the same level or higher."""
    start = re.search(rf'<h(\d) id="{heading_id}"', html)
    level = int(start.group(1))
    end = re.compile(rf"<h[1-{level}][ >]").search(html, start.end())
    return html[start.start() : end.start() if end else len(html)]


def assert_contact_links(html: str) -> None:
    assert (
        '<a href="mailto:housing.policy@example.gov.uk">housing.policy@example.gov.uk</a>' in html
    )
    assert '<a href="tel:+441234567890">+44 (0)1234 567890</a>' in html
    assert "Town Hall<br>High Street<br>Example EX1 1AA" in html


def assert_nothing_missing(html: str) -> None:
    assert "None" not in text(html)
    assert not re.search(r'href="(mailto:|tel:)?"', html)


def test_have_your_say_gives_the_closing_date_and_links_a_phone_can_tap(site: Path):
    changes = article(site, "example/changes")
    say = section(changes, "have-your-say")
    assert "Tell us what you think by 31 October 2026." in text(say)
    assert (
        "We are consulting tenants on these changes: Survey of all tenants, from 20 August 2026 to "
        "31 October 2026." in text(say)
    )
    assert "To tell us what you think, contact the Housing Policy Team:" in text(say)
    assert_contact_links(say)
    assert "Monday to Friday, 9am to 5pm" in text(say)
    assert "Tenant panel" not in say  # the closed consultation is not the one to respond to
    assert_nothing_missing(changes)


def test_a_closed_consultation_is_published_as_you_said_we_did(site: Path):
    said = section(article(site, "example/changes"), "you-said-we-did")
    words = text(said)
    assert "Tenant panel on the example policy" in words
    assert "When: 20 February 2026" in words
    assert "Who we asked: Tenant panel" in words
    assert "How: A meeting of the tenant panel" in words
    assert "How many responded: 12" in words
    assert "You said Tenants supported the changes." in words
    assert "We did No changes were needed." in words
    assert "Survey of all tenants" not in words  # still open: nothing to report yet


def test_the_download_page_says_how_to_ask_for_another_format(site: Path):
    download = article(site, "example/download")
    formats = section(download, "other-formats")
    assert (
        "Ask for this document in another format, such as large print, easy read or another "
        "language:" in text(formats)
    )
    assert_contact_links(formats)
    assert_nothing_missing(download)


def test_the_accessibility_statement_has_the_content_the_regulations_require(site: Path):
    statement = article(site, "accessibility")
    words = text(statement)
    assert (
        "This website is partially compliant with the Web Content Accessibility Guidelines "
        "version 2.2 AA standard, because of the problems listed below." in words
    )
    assert (
        "Some maps in older documents have no text description. We will add one by March 2027."
        in text(section(statement, "non-accessible"))
    )
    assert (
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public "
        "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 "
        "(the 'accessibility regulations'). If you're not happy with how we respond to your "
        "complaint, contact the Equality Advisory and Support Service (EASS)." in words
    )
    for heading in ("contact", "reporting"):
        assert_contact_links(section(statement, heading))
    assert (
        "This statement was prepared on 1 May 2026. It was last reviewed on 14 August 2026."
        in words
    )
    assert "This website is run by Example Council." in words
    # it says what is tested and what is not: the build itself runs no accessibility check
    assert "using sample documents" in text(section(statement, "testing"))
    assert "have not been tested by an accessibility auditor" in text(section(statement, "testing"))
    assert "each time the website is built" not in words
    assert_nothing_missing(statement)


def test_without_settings_every_page_still_says_something_true(tmp_path: Path):
    site = repository(tmp_path, site=None)
    statement = article(site, "accessibility")
    words = text(statement)
    assert "This website is partially compliant" in words  # "fully" only when the council says so
    assert "We are still finding out which content is not accessible." in words
    assert "Contact the team named as the policy owner on the document's page." in words
    assert (  # a whole sentence, not "If you need …." before the contact
        "You can ask for a document in a different format, such as large print, easy read, audio "
        "recording or another language. Contact the team named" in words
    )
    assert "If you need" not in words
    assert (
        "This statement was prepared on 1 September 2026, when this website was last built."
        in words
    )
    assert "equalityadvisoryservice.com" in statement
    download = article(site, "example/download")
    assert (
        "To ask for this document in another format, such as large print, easy read or another "
        "language, contact the Housing Services." in text(download)
    )
    say = section(article(site, "example/changes"), "have-your-say")
    assert "Tell us what you think by 31 October 2026." in text(say)
    assert "To tell us what you think, contact the Housing Services." in text(say)
    for page in (statement, download, say):
        assert "mailto:" not in page and "tel:" not in page
        assert_nothing_missing(page)


def test_a_documents_own_contact_replaces_the_sites_on_its_pages(tmp_path: Path):
    own = DOCUMENT + "contact:\n  email: tenancy@example.gov.uk\n  phone: 0300 123 4567\n"
    site = repository(tmp_path, document=own)
    for page in ("example/changes", "example/download"):
        html = article(site, page)
        assert '<a href="mailto:tenancy@example.gov.uk">' in html
        assert '<a href="tel:03001234567">0300 123 4567</a>' in html
        assert "housing.policy@example.gov.uk" not in html
        assert "To tell us" not in html or "contact the Housing Services:" in text(html)
    assert_contact_links(article(site, "accessibility"))  # the site's contact


EMAIL_HINT = (
    "write one email address, like housing.policy@example.gov.uk, using letters, digits and . _ "
    "+ ' - only before the @ (a % or ? in a mailto: link can add hidden recipients)"
)


@pytest.mark.parametrize(
    ("file", "typed", "line", "message", "fix"),
    [
        (
            "site.yaml",
            SITE.replace("@example.gov.uk", "@example"),
            3,
            "'email' is 'housing.policy@example', which is not in the expected form",
            EMAIL_HINT,
        ),
        (
            "site.yaml",
            SITE.replace("+44 (0)1234 567890", "01234 5678 ext 2"),
            4,
            "'phone' is '01234 5678 ext 2', which is not in the expected form",
            (
                "write one phone number using digits, spaces and brackets only, like 01234 "
                "567890 or +44 1234 567890"
            ),
        ),
        (
            "site.yaml",
            SITE.replace("2026-05-01", "2026-05-32"),
            14,
            "'prepared' is '2026-05-32', which is not a real date",
            "check the day and the month, and write the date as YYYY-MM-DD",
        ),
        (
            "example/document.yaml",
            DOCUMENT + "contact:\n  email: tenancy at example.gov.uk\n",
            13,
            "'email' is 'tenancy at example.gov.uk', which is not in the expected form",
            EMAIL_HINT,
        ),
    ],
    ids=["site-email", "site-phone", "site-date", "document-email"],
)
def test_a_bad_contact_detail_is_an_error_on_its_line(
    tmp_path: Path, file, typed, line, message, fix
):
    write_content(tmp_path, {file: typed})
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    column = typed.splitlines()[line - 1].index(":") + 3
    assert (
        f"content/{file}:{line}:{column}: error: {message} ({fix})" in result.stderr + result.stdout
    )
    assert "Traceback" not in result.stderr


def test_full_compliance_is_said_only_when_the_council_says_it(tmp_path: Path):
    site = repository(
        tmp_path, site="accessibility:\n  compliance: fully\n  prepared: 2026-07-01\n"
    )
    words = text(article(site, "accessibility"))
    assert (
        "This website is fully compliant with the Web Content Accessibility Guidelines version "
        "2.2 AA standard." in words
    )
    assert "Non-accessible content" not in words
    assert "We do not know of any part of this website that is not accessible." in words
    assert "This statement was prepared on 1 July 2026." in words and "reviewed" not in words


def _epoch(day: datetime.date) -> str:
    return str(
        int(datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC).timestamp())
    )


@pytest.mark.parametrize(
    ("today", "still_open"),
    [
        (datetime.date(2026, 10, 31), True),  # the closing date: tenants can still respond all day
        (
            datetime.date(2026, 11, 1),
            False,
        ),  # the day after: closed, reported as "You said, we did"
    ],
    ids=["closing-day", "day-after"],
)
def test_a_consultation_is_open_until_the_end_of_its_closing_date(
    tmp_path: Path, monkeypatch, today, still_open
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(today))
    site = repository(tmp_path)
    changes = article(site, "example/changes")
    say, said = text(section(changes, "have-your-say")), text(section(changes, "you-said-we-did"))
    assert ("Tell us what you think by 31 October 2026." in say) is still_open
    assert ("Survey of all tenants" in said) is not still_open


@pytest.mark.parametrize(
    ("today", "covered"),
    [("2026-10-31", False), ("2026-11-01", True)],
    ids=["closing-day", "day-after"],
)
def test_the_consultation_check_counts_a_consultation_only_after_its_closing_date(
    tmp_path: Path, today, covered
):
    """A significant change consulted on until 31 October: on 31 October `check` still asks for a
    closed consultation; from 1 November the consultation covers it."""
    write_content(tmp_path, {"example/document.yaml": DOCUMENT})
    git = Git(tmp_path)
    git.commit("First draft", "The first draft")
    record = tmp_path / "content" / "example" / "consultations" / "2026-10-01-survey.yaml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(
        "title: Survey of all tenants\nopened: 2026-10-01\nclosed: 2026-10-31\n"
        "consulted: [All tenants]\nmethod: A survey\nresponses: 40\n"
        f'covers: "{git("rev-parse", "HEAD").strip()}"\n',
        encoding="utf-8",
    )
    git.commit("Record the survey", date="2026-10-01T10:00:00+00:00")
    result = run_cli(
        "check",
        cwd=tmp_path,
        env={**os.environ, "SOURCE_DATE_EPOCH": _epoch(datetime.date.fromisoformat(today))},
    )
    assert ("no closed tenant consultation covers" in result.stdout + result.stderr) is not covered


def test_the_cabinet_paper_and_change_log_name_the_open_consultation(tmp_path: Path, monkeypatch):
    """While tenants are being consulted on a significant change, the Word paper's Summary of
    changes and changes.md say so, with the consultation's title and dates, rather than "Not yet
    consulted" and "no closed consultation covers the significant changes"."""
    import docx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(datetime.date(2026, 10, 15)))
    env = {**os.environ, **IDENTITY}
    content = write_content(tmp_path, {"example/document.yaml": DOCUMENT})
    git = Git(tmp_path)
    git.commit("First draft", "The first draft")
    git.consult("2026-02-20")
    assert (
        run_cli(
            "approve", "example", "--by", "Cabinet", "--date", "2026-03-01", cwd=tmp_path, env=env
        ).returncode
        == 0
    )
    write_content(tmp_path, {"example/sections/one.yaml": SECTION.replace("must", "should")})
    git.commit(
        "Soften the first duty",
        "Staff should be honest, rather than must.",
        date="2026-09-01T10:00:00+00:00",
    )
    survey = content / "example" / "consultations" / "2026-10-01-survey.yaml"
    survey.write_text(
        "title: Survey of all tenants\nopened: 2026-10-01\nclosed: 2026-10-31\n"
        "consulted: [All tenants]\nmethod: A survey\n"
        f'covers: "{git("rev-parse", "HEAD").strip()}"\n',
        encoding="utf-8",
    )
    git.commit("Record the survey", date="2026-10-01T10:00:00+00:00")
    build(content, tmp_path / "build")
    log = (tmp_path / "build" / "example" / "changes.md").read_text("utf-8")
    assert (
        "Tenants are being consulted on these changes: Survey of all tenants, from 1 October 2026 "
        "to 31 October 2026. They can be approved after the consultation closes."
    ) in log
    paper = docx.Document(str(tmp_path / "build" / "example" / "example.docx"))
    consultation = [row.cells[-1].text for row in paper.tables[0].rows[1:]]
    assert consultation == [
        "Being consulted on: Survey of all tenants, from 1 October 2026 to 31 October 2026"
    ]
    # the cover says which version stays in force, not that the whole text is a draft
    cover = [p.text for p in paper.paragraphs[:12]]
    assert (
        "This is proposed version 2.0, for approval by Cabinet. Version 1.0 stays in force until "
        "then." in cover
    )


def test_an_organisation_still_tbc_names_no_site_and_runs_no_website(tmp_path: Path):
    """A document just imported from Word says 'organisation: TBC' until someone fills it in:
    the site is then "Policies", not "TBC policies", and the statement says "We". A summary
    still "TBC" is left out of the document's page."""
    document = DOCUMENT.replace("organisation: Example Council", "organisation: TBC")
    site = repository(tmp_path, document=document.replace("summary: An example.", "summary: TBC"))
    statement = text(article(site, "accessibility"))
    page = article(site, "example")
    assert "pp-summary" not in page and "TBC" not in text(page)  # no summary, rather than "TBC"
    assert "TBC" not in statement
    assert "We are committed to making this website accessible" in statement
    for page in ("index.html", "accessibility/index.html", "example/index.html"):
        html = (site / page).read_text("utf-8")
        assert "TBC policies" not in html, page
    # the name the site gets when no mkdocs.yml names it
    from types import SimpleNamespace

    from policypress.siteplan import site_name

    def document(organisation: str):
        return SimpleNamespace(meta=SimpleNamespace(organisation=organisation))

    assert site_name([document("TBC")]) == "Policies"
    assert site_name([document("[insert the council's name]")]) == "Policies"
    assert site_name([document("Example Council")]) == "Example Council policies"
