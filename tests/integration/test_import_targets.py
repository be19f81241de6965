"""Where `import` may write: never through a symbolic link, never to an id the website keeps for
itself; each refusal is one line, exit 2, before the Word file is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_cli, write_content
from tests.wordfiles import council_code

RESERVED = "ids not to use: accessibility, assets, search, site, site-src, standards"


def _import(tmp_path: Path, doc_id: str, *extra: str):
    source = council_code(tmp_path / "code.docx")
    return run_cli(
        "import", str(source), "--id", doc_id, "--content", "content", *extra, cwd=tmp_path
    )


@pytest.mark.parametrize("force", [(), ("--force",)], ids=["plain", "force"])
def test_import_never_replaces_a_symbolic_link(tmp_path: Path, force):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", "utf-8")
    (tmp_path / "content").mkdir()
    os.symlink(elsewhere, tmp_path / "content" / "code")
    done = _import(tmp_path, "code", *force)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "policypress: usage error: content/code is a symbolic link; import never replaces a "
        "link, even with --force (remove the link, or choose another --id)\n"
    )
    assert (elsewhere / "keep.txt").read_text("utf-8") == "mine"


def test_a_dangling_link_is_refused_like_any_link(tmp_path: Path):
    (tmp_path / "content").mkdir()
    os.symlink("nowhere", tmp_path / "content" / "code")
    done = _import(tmp_path, "code")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "content/code is a symbolic link; import never replaces a link" in done.stderr


def test_an_id_the_website_keeps_is_refused_before_the_file_is_read(tmp_path: Path):
    (tmp_path / "not-word.docx").write_bytes(b"not a Word file")
    done = run_cli("import", "not-word.docx", "--id", "site", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "policypress: usage error: 'site' is kept for a folder of the website's own, so it "
        f"cannot be a document id ({RESERVED}); choose another --id, such as site-policy\n"
    )


def test_check_refuses_a_document_folder_named_for_the_sites_own_pages(tmp_path: Path):
    content = write_content(tmp_path)
    (content / "example").rename(content / "assets")
    done = run_cli("check", cwd=tmp_path)
    assert done.returncode == 1
    assert (
        "content/assets: error: the id 'assets' is kept for a folder of the website's own "
        f"({RESERVED}) (rename the folder, e.g. assets-policy)"
    ) in done.stdout


def test_check_refuses_a_document_folder_named_for_the_sites_project(tmp_path: Path):
    """build/site-src/ holds the site's MkDocs project: no document's folder may take its name."""
    content = write_content(tmp_path)
    (content / "example").rename(content / "site-src")
    done = run_cli("check", cwd=tmp_path)
    assert done.returncode == 1
    assert "content/site-src: error: the id 'site-src' is kept for a folder" in done.stdout
