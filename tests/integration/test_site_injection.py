"""Hostile content never becomes live HTML on the site.

The same repository is built twice: once with a hostile string in every text field that reaches
the site (titles, standards, audiences, change summaries, approvals, consultations, associated
policies), once with plain words there. Every page of both is parsed: the hostile site must have
exactly the elements and attributes of the plain one, and show the hostile string as text.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policypress.errors import RenderError
from policypress.model import Span
from policypress.render.site_html import heading, spans
from tests.conftest import IDENTITY, SECTION, Git, run_cli, write_content

# Ends with Markdown's attribute-list syntax, which applies to a heading only at its end.
HOSTILE = (
    "<img src=x onerror=alert(1)> \"><svg onload=alert(2)> ' onmouseover='alert(3)' "
    "</title><script>alert(4)</script> [x](javascript:alert(5)) *y* &amp; | \\ "
    "{: onclick=alert(6)}"
)
PLAIN = "plain words"
ENV = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}


def q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def hostile_repository(root: Path, x: str) -> Git:
    """A document approved once (by a hostile approver), changed twice since (with hostile change
    summaries), with an open consultation and `x` in every plain-text field of the content."""
    standards = f"""\
cih:
  title: {q("CIH " + x)}
  standards:
    - name: {q("Integrity " + x)}
      description: {q("Be honest " + x)}
    - name: Ethical
      description: Be fair.
"""
    document = f"""\
title: {q("Policy " + x)}
organisation: {q("Council " + x)}
document-type: Policy
status: draft
policy-owner: {q("Owner " + x)}
approving-body: {q("Cabinet " + x)}
review-period: 3 years
applies-to: {q("Staff " + x)}
summary: {q("Summary " + x)}
sections:
  - sections/one.yaml
  - sections/related.yaml
associated-policies:
  - title: {q("Related " + x)}
    url: {q("https://example.org/" + x)}
  - title: {q("Other " + x)}
"""
    section = f"""\
id: one
title: {q("Section " + x)}
standards:
  cih: [{q("Integrity " + x)}, Ethical]
clauses:
  - id: first
    text: Staff must be honest.
groups:
  - id: staff
    audience: {q("Audience " + x)}
    clauses:
      - id: second
        text: See [[first]] for more.
"""
    related = f"id: related\ntitle: {q('Associated ' + x)}\nkind: associated-policies\n"
    write_content(
        root,
        {
            "standards.yaml": standards,
            "example/document.yaml": document,
            "example/sections/one.yaml": section,
            "example/sections/related.yaml": related,
        },
    )
    git = Git(root)
    git.commit("Add the policy", "First " + x)
    git(
        "tag",
        "-a",
        "example/v1.0",
        "-m",
        f"Approval of example version 1.0\n\nApproved-by: Board {x}\nApproval-date: 2026-01-10\n",
    )
    (root / "content/example/sections/one.yaml").write_text(
        section.replace("be honest", "be fair"), "utf-8"
    )
    head = git.commit("Ask staff to be fair", "Second " + x, date="2026-02-01T10:00:00+00:00")
    record = root / "content/example/consultations/2026-02-20-panel.yaml"
    record.parent.mkdir()
    record.write_text(
        f"title: {q('Consultation ' + x)}\nopened: 2026-02-20\nconsulted: [{q('Panel ' + x)}]\n"
        f"method: {q('Meeting ' + x)}\nhow-to-respond: {q('Respond ' + x)}\ncovers: {head}\n",
        "utf-8",
    )
    git.commit("Open a consultation", "Third " + x, date="2026-02-20T10:00:00+00:00")
    return git


class Page(HTMLParser):
    """Every start tag with its attributes, the script bodies and the text of a page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def shape(self) -> list[tuple[str, tuple[str, ...]]]:
        """The elements and their attribute names, which content must never change."""
        return [(tag, tuple(sorted(attrs))) for tag, attrs in self.tags]


def build_site(root: Path, x: str) -> dict[str, Page]:
    hostile_repository(root, x)
    result = run_cli("build", "--site-url", "https://example.org/policies/", cwd=root, env=ENV)
    assert result.returncode == 0, result.stderr
    site = root / "build" / "site"
    return {
        p.relative_to(site).as_posix(): Page(p.read_text("utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[dict[str, Page], dict[str, Page]]:
    return (
        build_site(tmp_path_factory.mktemp("hostile"), HOSTILE),
        build_site(tmp_path_factory.mktemp("plain"), PLAIN),
    )


def test_no_element_or_attribute_comes_from_content(sites):
    hostile, plain = sites
    assert set(hostile) == set(plain) and len(hostile) >= 12
    for name, page in hostile.items():
        handlers = [(tag, a) for tag, attrs in page.tags for a in attrs if a.startswith("on")]
        assert handlers == [], f"{name}: event handlers {handlers}"
        images = [attrs.get("src") for tag, attrs in page.tags if tag == "img"]
        assert all(src and src.endswith("assets/logo.svg") for src in images), (
            f"{name}: images {images}"
        )
        links = [
            v for _, attrs in page.tags for k, v in attrs.items() if k in ("href", "src") and v
        ]
        assert not [v for v in links if v.strip().lower().startswith("javascript:")], name
        assert page.shape() == plain[name].shape(), f"{name}: content changed the page's elements"
        assert page.scripts == plain[name].scripts, f"{name}: content changed the page's scripts"


def test_hostile_text_is_shown_as_text(sites):
    hostile, _ = sites
    home = "".join(hostile["index.html"].text)
    assert f"Policy {HOSTILE}" in home  # the menu and the list of documents
    text = " ".join("".join(hostile["example/index.html"].text).split())
    for shown in (
        f"Policy {HOSTILE}",
        f"1.0 Section {HOSTILE}",
        f"Audience {HOSTILE}",
        f"CIH {HOSTILE}",
        f"Related {HOSTILE}",
        f"Board {HOSTILE}",
        f"Summary {HOSTILE}",
    ):
        assert " ".join(shown.split()) in text, shown
    changes = "".join(hostile["example/changes/index.html"].text)
    assert f"Consultation {HOSTILE}" in changes and f"Respond {HOSTILE}" in changes
    history = "".join(hostile["example/history/index.html"].text)
    assert f"Second {HOSTILE}" in history
    standards = "".join(hostile["standards/index.html"].text)
    assert f"Be honest {HOSTILE}" in standards
    title = hostile["example/v1.0/index.html"]
    assert any(tag == "title" for tag, _ in title.tags)
    # no mkdocs.yml in that folder: the built-in configuration names the site after the organisation
    assert f"Version 1.0 \u2013 Policy {HOSTILE} - Council {HOSTILE} policies" in "".join(
        title.text
    )


def test_a_framework_key_that_is_not_an_id_is_refused_where_it_is_written(tmp_path: Path):
    standards = (
        "cih:\n  title: CIH\n  standards:\n    - name: Integrity\n      description: Be honest.\n"
        '"x\\" onmouseover=\\"alert(1)":\n  title: X\n  standards:\n    - name: A\n      '
        "description: B\n"
    )
    write_content(tmp_path, {"standards.yaml": standards})
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "onmouseover" in line)
    assert line.startswith(
        "content/standards.yaml:6:1: error: the name 'x\" onmouseover=\"alert(1)' is not in"
    )
    assert "lower-case letters, digits and hyphens" in line
    assert run_cli("build", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize("command", ["build", "publish"])
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        'https://example.org/"><script>alert(1)</script>',
        "https://exa mple.org/",
        "https://example.org/\x07",
        "example.org",
        "https:///policies/",
        "ftp://example.org/",
    ],
)
def test_site_url_must_be_a_plain_web_address(tmp_path: Path, command: str, url: str):
    write_content(tmp_path, {"example/sections/one.yaml": SECTION})
    extra = ["--to", str(tmp_path / "public")] if command == "publish" else []
    result = run_cli(command, *extra, "--site-url", url, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert (
        "--site-url" in result.stderr
        and "such as https://example.github.io/policies/" in result.stderr
    )
    assert not (tmp_path / "build").exists() and not (tmp_path / "public").exists()


# -- the two places markup is made outside a template ------------------------------------------

MD = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"])


class _Text(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.data: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.data.append(data)


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)


@given(TEXT)
def test_a_heading_shows_its_text_exactly_and_nothing_else(text: str):
    """Any title, escaped by the heading filter, is one h2 with our id and the title as its text.
    (A blank title never gets here: check refuses it, and the filter raises.)"""
    if not text.split():
        with pytest.raises(RenderError):
            heading(text)
        return
    MD.reset()
    parsed = _Text(MD.convert(f"## {heading(text)} {{#sec}}\n"))
    assert parsed.tags == [("h2", [("id", "sec")])]
    assert "".join(parsed.data) == " ".join(text.split())


@given(TEXT, TEXT)
def test_spans_escape_every_piece_of_text(text: str, target: str):
    items = (
        Span("text", text),
        Span("em", children=(Span("text", text),)),
        Span("ref", target=target),
        Span("link", target="https://example.org/" + target, children=(Span("code", text),)),
    )
    parsed = _Text(str(spans(items, {})))
    assert [tag for tag, _ in parsed.tags] == ["em", "a", "a", "code"]
    assert "".join(parsed.data) == text + text + target + text
    assert [dict(attrs)["href"] for tag, attrs in parsed.tags if tag == "a"] == [
        "#" + target,
        "https://example.org/" + target,
    ]
    assert not re.search(r"<(?!/?(em|a|code)\b)", str(spans(items, {})))
