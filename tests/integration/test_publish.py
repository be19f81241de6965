"""The versioned site and `policypress publish`: a repository with three approved versions and a
draft, published into a folder whose pages load, link to each other and keep every version."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from ruamel.yaml import YAML

from tests.conftest import DOCUMENT, IDENTITY, REPO, SECTION, Git, run_cli, write_content

URL = "https://example.org/policies/"
ENV = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}


def approve(git: Git, version: str, date: str) -> None:
    git(
        "tag",
        "-a",
        f"example/v{version}",
        "-m",
        f"Approval of example version {version}\n\nApproved-by: Cabinet\nApproval-date: {date}\n",
    )


def repository_with_three_versions_and_a_draft(root: Path) -> Git:
    """v1.0 (honest), v1.1 (a typo fixed), v2.0 (a new duty), then a draft (a deadline)."""
    write_content(root)
    git = Git(root)
    git.commit("Add the example policy", "First draft.", date="2026-01-05T10:00:00+00:00")
    approve(git, "1.0", "2026-01-10")
    write_content(root, {"example/sections/one.yaml": SECTION.replace("be honest.", "be honest .")})
    git.commit(
        "Fix the spacing in clause 1.1", "Spacing corrected.", date="2026-02-01T10:00:00+00:00"
    )
    approve(git, "1.1", "2026-02-10")
    write_content(
        root,
        {
            "example/sections/one.yaml": SECTION.replace(
                "be honest.", "be honest and must declare any gift."
            )
        },
    )
    git.commit(
        "Ask staff to declare gifts", "Staff must declare gifts.", date="2026-03-01T10:00:00+00:00"
    )
    git.consult("2026-03-20")
    approve(git, "2.0", "2026-04-01")
    write_content(
        root,
        {
            "example/sections/one.yaml": SECTION.replace(
                "be honest.", "be honest and must declare any gift within 28 days."
            )
        },
    )
    git.commit(
        "Set a deadline for declaring gifts",
        "Gifts to be declared within 28 days.",
        date="2026-05-01T10:00:00+00:00",
    )
    return git


def publish(root: Path, target: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("publish", "--to", str(target), "--site-url", URL, *extra, cwd=root, env=ENV)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Git, Path, str]:
    root = tmp_path_factory.mktemp("publish")
    git = repository_with_three_versions_and_a_draft(root)
    result = publish(root, root / "public", "--drafts")
    assert result.returncode == 0, result.stderr
    return git, root / "public", result.stdout


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def main_text(html: str) -> str:
    """The page's main content as plain text (menu and search left out)."""
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split(
        "</article>", 1
    )[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
    return re.sub(r" ([.,;:])", r"\1", text)


def test_every_approved_version_has_its_address_banner_and_downloads(published):
    _, site, _ = published
    for version in ("1.0", "1.1", "2.0"):
        folder = site / "example" / f"v{version}"
        assert (folder / f"example-v{version}.pdf").read_bytes().startswith(b"%PDF")
        assert (folder / f"example-v{version}.docx").read_bytes().startswith(b"PK")
    old = main_text(page(site, "example/v1.0"))
    assert (
        "This is version 1.0, approved by Cabinet on 10 January 2026. It was replaced on "
        "10 February 2026 by version 1.1 — read the current version."
    ) in old
    assert "Staff must be honest." in old and "declare" not in old  # the text as it was then
    assert "It is the current version." in main_text(page(site, "example/v2.0"))
    assert "must declare any gift." in main_text(page(site, "example/v2.0"))


def test_the_document_address_shows_the_version_in_force_and_the_draft_is_a_proposal(published):
    _, site, _ = published
    current = main_text(page(site, "example"))
    assert (
        "Version 2.0, approved by Cabinet on 1 April 2026. This is the version in force." in current
    )
    assert "must declare any gift." in current and "28 days" not in current
    proposal = main_text(page(site, "example/draft"))
    assert "Proposal. This text is proposed to replace version 2.0 and is not in force" in proposal
    assert "within 28 days" in proposal
    changing = main_text(page(site, "example/changes"))
    assert "proposed to version 2.0" in changing and "28 days" in changing


def test_compare_pages_mark_the_changed_words(published):
    _, site, _ = published
    index = page(site, "example/compare")
    for pair in ("v1.0-to-v1.1", "v1.1-to-v2.0", "v1.0-to-v2.0", "v2.0-to-proposed-3.0"):
        assert f'href="{pair}/"' in index
    pair = page(site, "example/compare/v1.1-to-v2.0")
    assert "<ins>" in pair and "declare" in pair and "Important change" in pair
    assert 'id="first"' in page(site, "example/v1.0") and 'id="first"' in page(site, "example")


def test_canonical_links_and_sitemap(published):
    _, site, _ = published
    canonical = '<link rel="canonical" href="https://example.org/policies/example/">'
    for path in ("example", "example/v1.0", "example/draft", "example/compare/v1.0-to-v1.1"):
        assert canonical in page(site, path), path
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    for path in ("example/", "example/v1.0/", "example/v1.1/", "example/v2.0/", "example/draft/"):
        assert f"<loc>{URL}{path}</loc>" in sitemap


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_page_loads_and_every_link_inside_the_site_resolves(published):
    _, site, _ = published
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 19  # 4 site pages, 9 of the document, 6 comparisons
    broken = []
    for html in pages:
        parser = _Links()
        parser.feed(html.read_text("utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")):
                continue
            if parts.path.startswith("/"):  # from the host's root: the 404 page's addresses
                assert parts.path.startswith(urlsplit(URL).path), link
                target = (site / unquote(parts.path[len(urlsplit(URL).path) :])).resolve()
            else:
                target = (html.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html.relative_to(site)} -> {link}")
    assert broken == []


def test_publish_without_drafts_leaves_the_draft_out(published, tmp_path: Path):
    git, _, _ = published
    write_content(
        git.root,
        {
            "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
            "other/sections/one.yaml": SECTION,
        },
    )  # never approved
    try:
        result = publish(git.root, tmp_path / "public")
    finally:  # leave the repository as the other tests expect it
        shutil.rmtree(git.root / "content" / "other")
        git("checkout", "--", "content")
    assert result.returncode == 0, result.stderr
    assert "not published (drafts): other" in result.stdout
    site = tmp_path / "public"
    assert not (site / "other").exists()
    assert "Other policy" not in page(site, "") and "Other policy" not in page(site, "standards")
    assert not (site / "example" / "draft").exists()
    assert "28 days" not in "".join(p.read_text("utf-8") for p in site.rglob("*.html"))
    assert "No changes to this document are proposed" in page(site, "example/changes")


def test_a_rebuild_after_a_new_commit_reuses_every_approved_version(published, tmp_path: Path):
    git, _, first = published
    assert "approved versions: 3 built, 0 reused" in first
    write_content(
        git.root,
        {
            "example/sections/one.yaml": SECTION.replace(
                "be honest.", "be honest and must declare any gift within 14 days."
            )
        },
    )
    git.commit(
        "Shorten the deadline for gifts",
        "Gifts to be declared within 14 days.",
        date="2026-05-02T10:00:00+00:00",
    )
    result = publish(git.root, tmp_path / "again", "--drafts")
    assert result.returncode == 0, result.stderr
    assert "approved versions: 0 built, 3 reused" in result.stdout
    assert "14 days" in page(tmp_path / "again", "example/draft")
    approve(git, "2.1", "2026-06-01")
    result = publish(git.root, tmp_path / "again", "--drafts")
    assert "approved versions: 1 built, 3 reused" in result.stdout
    assert "It was replaced on 1 June 2026 by version 2.1" in main_text(
        page(tmp_path / "again", "example/v2.0")
    )


def test_publish_refuses_to_replace_a_folder_it_did_not_make(published, tmp_path: Path):
    git, _, _ = published
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    result = publish(git.root, tmp_path / "mine")
    assert result.returncode == 2 and "is not a site policypress published" in result.stderr
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


# -- the CI examples ------------------------------------------------------------------------


def test_the_ci_workflows_parse_and_run_commands_that_exist():
    yaml = YAML(typ="safe")
    github = yaml.load((REPO / ".github" / "workflows" / "publish.yml").read_text("utf-8"))
    gitlab = yaml.load((REPO / ".gitlab-ci.yml").read_text("utf-8"))
    steps = [s for job in github["jobs"].values() for s in job.get("steps", [])]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in steps)
    assert "pages" in gitlab and gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert gitlab["variables"]["GIT_DEPTH"] == 0
    scripts = [s["run"] for s in steps if "run" in s]
    scripts += [
        line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])
    ]
    commands = {
        line.split()[0] for script in scripts for line in script.splitlines() if line.strip()
    }
    readme = (REPO / "README.md").read_text("utf-8")
    for script in ("scripts/build", "scripts/test"):
        assert any(script in s for s in scripts) and script in readme
    for command in commands:
        if command.startswith("scripts/") or command.startswith(".venv/"):
            assert (REPO / command).exists(), command
    used = {m for s in scripts for m in re.findall(r"policypress (\w+)", s)}
    assert {"check", "publish"} <= used
    helps = subprocess.run(
        [sys.executable, "-m", "policypress", "--help"], capture_output=True, text=True
    ).stdout
    for command in used:
        assert command in helps, command
