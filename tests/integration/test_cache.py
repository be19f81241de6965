"""The build cache: a no-op rebuild does nothing, and no stale output survives a change to
any input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from policypress import cache, themes
from policypress.build import build
from tests.conftest import DOCUMENT, IDENTITY, SECTION, Git, run_cli, write_content

WITH_TABLE = {  # a version-control section, so history shows in the outputs
    "example/document.yaml": DOCUMENT + "  - sections/vc.yaml\n",
    "example/sections/vc.yaml": "id: version-control\ntitle: Version control\nkind: "
    "version-control\n",
}


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
    write_content(
        repo.root,
        {**WITH_TABLE, "example/sections/one.yaml": SECTION.replace("honest.", "honest and kind.")},
    )
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
    monkeypatch.setattr(cache, "tool", lambda name: "99.0")
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
    assert (
        "is up to date"
        not in run_cli(
            "build", cwd=repo.root, env={**env, "SOURCE_DATE_EPOCH": "1800000000"}
        ).stdout
    )
    assert (
        "is up to date"
        in run_cli("build", cwd=repo.root, env={**env, "SOURCE_DATE_EPOCH": "1800000000"}).stdout
    )


def test_progress_lines_and_quiet(repo: Git):
    env = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY}
    result = run_cli("build", cwd=repo.root, env=env)
    assert (
        "documents: 3/3" in result.stderr and "site: 1/1" in result.stderr
    )  # plain lines, not a tty
    assert result.stdout.startswith("built 1 document(s) into build/: 3 output(s) made, 0 reused")
    write_content(repo.root, {"example/sections/one.yaml": SECTION.replace("honest.", "open.")})
    quiet = run_cli("build", "--quiet", cwd=repo.root, env=env)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_cached_models_are_reused_and_never_hide_a_problem(repo: Git, monkeypatch):
    """Unchanged documents are read from their models in the build cache; a document that
    breaks is read from its files again, so the error still names the exact line."""
    from policypress.build import check

    monkeypatch.chdir(repo.root)  # as policypress runs: file names are relative to here
    content, out = repo.root / "content", repo.root / "build"
    store = out / ".cache"
    second = {
        "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
        "other/sections/one.yaml": SECTION,
    }
    write_content(repo.root, second)
    build(content, out)
    assert len(list(store.glob("*/document.pickle"))) == 2
    assert check(content, repo.root, cache=cache.Cache(store)).result.cached == 2

    write_content(
        repo.root, {"other/sections/one.yaml": SECTION.replace("[[first]]", "[[missing]]")}
    )
    checked = check(content, repo.root, cache=cache.Cache(store))
    error = next(p for p in checked.errors if "missing" in p.message)
    assert (error.location.file, error.location.line) == ("content/other/sections/one.yaml", 10)

    # an edit is seen (the key is the files' bytes), and a damaged entry is only a cache miss
    write_content(repo.root, {"other/sections/one.yaml": SECTION.replace("honest.", "open.")})
    for entry in store.glob("*/document.pickle"):
        entry.write_bytes(b"not a pickle")
    checked = check(content, repo.root, cache=cache.Cache(store))
    assert not checked.errors and checked.result.cached == 0
    other = checked.result.library.document("other")
    assert "open." in other.sections[0].clauses[0].text.source
    build(content, out)
    assert len(list(store.glob("*/document.pickle"))) == 2  # stale entries are pruned


def _entries(store: Path) -> dict[str, set[str]]:
    """The build cache's entries by what they hold: kind -> entry names."""
    kinds = {
        "document.pickle": "model",
        "model.pickle": "approved version",
        "example.docx": "docx",
        "example.pdf": "pdf",
        "changes.md": "changes",
    }
    found: dict[str, set[str]] = {}
    for entry in store.iterdir():
        if entry.is_dir() and entry.name != "templates":
            for name in (p.name for p in entry.iterdir()):
                found.setdefault(kinds.get(name, name), set()).add(entry.name)
    return found


def _approve(repo: Git) -> None:
    repo.consult()
    repo("tag", "-a", "example/v1.0", "-m", "Approved-by: Cabinet\nApproval-date: 2026-03-01\n")


def test_one_cache_folder_holds_every_kind_of_entry(repo: Git, monkeypatch):
    """Models, outputs and approved versions are entries of the one cache, keyed alike: no
    folder of their own."""
    monkeypatch.chdir(repo.root)
    _approve(repo)
    content, out = repo.root / "content", repo.root / "build"
    build(content, out)
    store = out / ".cache"
    tops = {p.name for p in store.iterdir()}
    assert "models" not in tops
    # besides the entries: the manifest, and what the site engine keeps (compiled templates, each
    # page's search entries)
    assert tops - {"manifest.json", "templates", "search.json"} == {
        p.name
        for p in store.iterdir()
        if p.is_dir() and len(p.name) == 32 and p.name != "templates"
    }
    found = _entries(store)
    assert len(found["model"]) == 1 and len(found["approved version"]) == 1
    assert {"docx", "pdf", "changes"} <= found.keys()
    again = build(content, out)
    assert again.up_to_date


def test_a_change_to_the_code_makes_every_entry_stale_and_prune_removes_them(
    repo: Git, monkeypatch
):
    """Every key holds the code hash: new code remakes every kind of entry (models, outputs,
    approved versions, the site) and the build's one prune deletes all the old ones."""
    monkeypatch.chdir(repo.root)
    _approve(repo)
    content, out = repo.root / "content", repo.root / "build"
    build(content, out)
    before = _entries(out / ".cache")
    assert {"model", "approved version", "docx", "pdf", "changes"} <= before.keys()

    monkeypatch.setattr(cache, "code_hash", lambda: "a patched copy of policypress")
    result = build(content, out)
    assert not result.up_to_date and result.site == "built" and result.reused == 0
    assert result.archived_built == 1
    after = _entries(out / ".cache")
    assert after.keys() == before.keys()
    for kind, names in after.items():
        assert len(names) == len(before[kind]) and not names & before[kind], kind


def test_the_fast_check_sees_a_change_to_the_code(repo: Git, tmp_path: Path):
    """An edited page template in policypress's own package (a patched copy with the same
    version number) is a change: the quick check does not call the build up to date."""
    import shutil

    package = tmp_path / "patched" / "policypress"
    shutil.copytree(
        Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    env = {"SOURCE_DATE_EPOCH": "1795000000", **IDENTITY, "PYTHONPATH": str(package.parent)}
    first = run_cli("build", cwd=repo.root, env=env)
    assert first.returncode == 0, first.stderr
    assert "is up to date" in run_cli("build", cwd=repo.root, env=env).stdout
    template = package / "templates" / "site" / "home.html"
    template.write_text(template.read_text("utf-8") + "\n{# patched #}\n", "utf-8")
    again = run_cli("build", cwd=repo.root, env=env)
    assert again.returncode == 0, again.stderr
    assert "is up to date" not in again.stdout and again.stdout.startswith("built 1 document(s)")
    assert "is up to date" in run_cli("build", cwd=repo.root, env=env).stdout


def test_a_process_pool_gives_the_same_outputs(repo: Git):
    """Eight or more renders go to worker processes; the files are the same as made in one."""
    content = repo.root / "content"
    for n in range(3):
        write_content(
            repo.root, {f"doc{n}/document.yaml": DOCUMENT, f"doc{n}/sections/one.yaml": SECTION}
        )
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
    write_content(
        repo.root,
        {
            "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
            "other/sections/one.yaml": SECTION,
        },
    )
    first = build(content, out)
    assert first.pages_rendered >= 10
    write_content(
        repo.root,
        {
            "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
            "other/sections/one.yaml": SECTION.replace("honest.", "open."),
        },
    )
    again = build(content, out)
    assert again.reused == 3 and again.made == 3  # the example document's outputs, the other's
    assert "open." in (out / "site" / "other" / "index.html").read_text("utf-8")

    build(content, repo.root / "full")  # no cache
    ours = {
        p.relative_to(out / "site"): p.read_bytes()
        for p in (out / "site").rglob("*")
        if p.is_file()
    }
    theirs = {
        p.relative_to(repo.root / "full" / "site"): p.read_bytes()
        for p in (repo.root / "full" / "site").rglob("*")
        if p.is_file()
    }
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_a_build_keeps_documents_with_only_warnings_or_advice_cached(repo: Git, monkeypatch):
    """`build` shows warnings as a count: a cached document with a warning or readability advice
    is not read from its files again (check, which prints their lines, still reads them)."""
    from policypress import checking
    from policypress.load import loader

    monkeypatch.chdir(repo.root)
    long = "Staff must " + " ".join(["act with care"] * 12) + " at all times."  # > 25 words
    second = {
        "other/document.yaml": DOCUMENT.replace("Example policy", "Other policy"),
        "other/sections/one.yaml": SECTION.replace("Staff must be honest.", long),
    }
    write_content(repo.root, second)
    content, out = repo.root / "content", repo.root / "build"
    build(content, out)
    parsed: list[int] = []
    real = loader.load_library

    def counting(*args, **kwargs):
        result = real(*args, **kwargs)
        parsed.append(len(result.library.documents) - result.cached)
        return result

    monkeypatch.setattr(checking, "load_library", counting)
    write_content(repo.root, {"example/sections/one.yaml": SECTION.replace("honest", "open")})
    result = build(content, out)
    assert result.made == 3  # the edited document's outputs only
    assert parsed == [1], parsed  # only the edited document was parsed; "other" stayed cached
    checked = checking.check(content, repo.root, cache=cache.Cache(out / ".cache"))
    advice = [p for p in checked.problems if p.severity == "advice"]
    assert advice and all(p.location.line for p in advice)  # check still gives exact lines
