"""The build cache: a no-op rebuild does nothing, and no stale output survives a change to any input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from policypress import cache, themes
from policypress.build import build
from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content


WITH_TABLE = {  # a version-control section, so history shows in the outputs
    "example/document.yaml": DOCUMENT + "  - sections/vc.yaml\n",
    "example/sections/vc.yaml": "id: version-control\ntitle: Version control\nkind: version-control\n"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Git:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    write_content(tmp_path, WITH_TABLE)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First draft.")
    return git


def test_each_input_kind_changes_the_output(repo: Git, monkeypatch, tmp_path: Path):
    monkeypatch.chdir(repo.root)  # where the council's themes/ is looked for
    content, out = repo.root / "content", repo.root / "build"
    first = build(content, out)
    assert (first.reused, first.site) == (0, "built")
    again = build(content, out)
    assert again.up_to_date and again.written == []
    docx, pdf_file = out / "example" / "example.docx", out / "example" / "example.pdf"
    before = {"docx": digest(docx), "pdf": digest(pdf_file)}

    # source
    write_content(repo.root, {**WITH_TABLE, "example/sections/one.yaml": SECTION.replace("honest.", "honest and kind.")})
    result = build(content, out)
    assert not result.up_to_date and result.site == "built"
    assert digest(pdf_file) != before["pdf"] and digest(docx) != before["docx"]
    before = {"docx": digest(docx), "pdf": digest(pdf_file)}

    # history: the same text, committed, gives a new row in the version-control table
    repo.commit("Ask staff to be kind", "Staff are asked to be kind.")
    build(content, out)
    assert digest(docx) != before["docx"]
    before = {"docx": digest(docx), "pdf": digest(pdf_file)}

    # template: the council's own PDF template (themes/pdf/policy.typ in the folder policypress
    # runs in) remakes the PDF, and only what uses it
    template = repo.root / "themes" / "pdf" / "policy.typ"
    template.parent.mkdir(parents=True)
    default = (themes.DEFAULTS / "pdf" / "policy.typ").read_text("utf-8")
    template.write_text(default.replace('rgb("#004b87")', 'rgb("#003366")'), "utf-8")
    result = build(content, out)
    assert digest(pdf_file) != before["pdf"] and digest(docx) == before["docx"]
    assert result.reused == 2  # the DOCX and the change log came from the cache

    # tool versions: a new python-docx or typst remakes the DOCX and PDF; only the change log,
    # which uses neither, is reused
    monkeypatch.setattr(cache, "_tool", lambda name: "99.0")
    assert build(content, out).reused == 1


def test_the_fast_check_sees_every_change(repo: Git):
    env = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}
    assert run_cli("build", cwd=repo.root, env=env).returncode == 0
    assert "is up to date" in run_cli("build", cwd=repo.root, env=env).stdout
    write_content(repo.root, {"example/sections/one.yaml": SECTION.replace("honest.", "fair.")})
    assert "is up to date" not in run_cli("build", cwd=repo.root, env=env).stdout
    repo.consult()
    assert "is up to date" not in run_cli("build", cwd=repo.root, env=env).stdout
    repo("tag", "-a", "example/v1.0", "-m", "Approved-by: Cabinet\nApproval-date: 2026-03-01\n")
    assert "is up to date" not in run_cli("build", cwd=repo.root, env=env).stdout
    assert "is up to date" not in run_cli("build", cwd=repo.root, env={**env, "SOURCE_DATE_EPOCH": "1800000000"}).stdout
    assert "is up to date" in run_cli("build", cwd=repo.root, env={**env, "SOURCE_DATE_EPOCH": "1800000000"}).stdout


def test_progress_lines_and_quiet(repo: Git):
    env = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}
    result = run_cli("build", cwd=repo.root, env=env)
    assert "documents: 3/3" in result.stderr and "site: 1/1" in result.stderr  # plain lines, not a tty
    assert result.stdout.startswith("built 1 document(s) into build/: 3 output(s) made, 0 reused")
    write_content(repo.root, {"example/sections/one.yaml": SECTION.replace("honest.", "open.")})
    quiet = run_cli("build", "--quiet", cwd=repo.root, env=env)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_cached_models_are_reused_and_never_hide_a_problem(repo: Git, monkeypatch):
    """Unchanged documents are read from build/.cache/models; a document that breaks is read
    from its files again, so the error still names the exact line."""
    from policypress.build import check

    monkeypatch.chdir(repo.root)  # as policypress runs: file names are relative to here
    content, out = repo.root / "content", repo.root / "build"
    models = out / ".cache" / "models"
    second = {"other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
              "other/sections/one.yaml": SECTION}
    write_content(repo.root, second)
    build(content, out)
    assert len(list(models.glob("*.pickle"))) == 2
    assert check(content, repo.root, cache=models).result.cached == 2

    write_content(repo.root, {"other/sections/one.yaml": SECTION.replace("[[first]]", "[[missing]]")})
    checked = check(content, repo.root, cache=models)
    error = next(p for p in checked.errors if "missing" in p.message)
    assert (error.location.file, error.location.line) == ("content/other/sections/one.yaml", 10)

    # an edit is seen (the key is the files' bytes), and a damaged entry is only a cache miss
    write_content(repo.root, {"other/sections/one.yaml": SECTION.replace("honest.", "open.")})
    for entry in models.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    checked = check(content, repo.root, cache=models)
    assert not checked.errors and checked.result.cached == 0
    other = checked.result.library.document("other")
    assert "open." in other.sections[0].clauses[0].text.source
    build(content, out)
    assert len(list(models.glob("*.pickle"))) == 2  # stale entries are pruned


def test_a_process_pool_gives_the_same_outputs(repo: Git):
    """Eight or more renders go to worker processes; the files are the same as made in one."""
    content = repo.root / "content"
    for n in range(3):
        write_content(repo.root, {f"doc{n}/document.yaml": DOCUMENT, f"doc{n}/sections/one.yaml": SECTION})
    serial = build(content, repo.root / "serial", only={"docx", "pdf", "changes"}, jobs=1)
    pooled = build(content, repo.root / "pooled", only={"docx", "pdf", "changes"}, jobs=2)
    assert len(serial.written) == len(pooled.written) == 4 * 5
    for path in serial.written:
        twin = repo.root / "pooled" / path.relative_to(repo.root / "serial")
        assert digest(path) == digest(twin), path.name


def test_a_site_rebuilt_after_an_edit_is_what_a_full_build_makes(repo: Git):
    """After an edit to one of two documents, the site built with the cache of the first build
    is byte for byte what a build without any cache makes."""
    content, out = repo.root / "content", repo.root / "build"
    write_content(repo.root, {"other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
                              "other/sections/one.yaml": SECTION})
    first = build(content, out)
    assert first.pages_rendered >= 10
    write_content(repo.root, {"other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
                              "other/sections/one.yaml": SECTION.replace("honest.", "open.")})
    again = build(content, out)
    assert again.reused == 3 and again.made == 3  # the example document's outputs, the other's
    assert "open." in (out / "site" / "other" / "index.html").read_text("utf-8")

    build(content, repo.root / "full")  # no cache
    ours = {p.relative_to(out / "site"): p.read_bytes() for p in (out / "site").rglob("*") if p.is_file()}
    theirs = {p.relative_to(repo.root / "full" / "site"): p.read_bytes()
              for p in (repo.root / "full" / "site").rglob("*") if p.is_file()}
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
