"""Compiled templates outlive `build/`: a cold build after deleting it compiles no template again,
and the shared cache never gives a template's code for another source or other settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import jinja2
import pytest

from policypress import templatecache
from policypress.build import build
from tests.conftest import IDENTITY, REPO, Git, write_content


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Git:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    write_content(tmp_path)
    git = Git(tmp_path)
    git.commit("Add the example policy", "First draft.")
    return git


def _compiles(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from now on."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(str(name))
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_cold_build_after_deleting_build_compiles_no_template(repo: Git, monkeypatch, tmp_path):
    assert templatecache.shared() is not None, "the tests run in the virtual environment"
    monkeypatch.chdir(repo.root)
    content = repo.root / "content"
    build(content, tmp_path / "first")
    first = (tmp_path / "first" / "site" / "example" / "index.html").read_bytes()
    compiled = _compiles(monkeypatch)
    build(content, tmp_path / "second")  # a new build/: nothing of the first one's cache
    # nothing: not the theme's templates, not the site's own, not those Material's search
    # plugin reads its words from (in an environment of its own, made on each build)
    assert compiled == []
    assert (tmp_path / "second" / "site" / "example" / "index.html").read_bytes() == first


def _render(cache: templatecache.Compiled, source: str, **filters) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), bytecode_cache=cache)
    env.filters.update(filters)
    return env.get_template("page.html").render(name="x")


def test_an_entry_serves_only_its_own_source_and_settings(tmp_path: Path):
    cache = templatecache.Compiled(tmp_path / "jinja")
    assert _render(cache, "one {{ name }}") == "one x"
    assert _render(cache, "two {{ name }}") == "two x"  # the same name, another source
    assert _render(cache, "one {{ name }}") == "one x"
    assert len(list((tmp_path / "jinja").iterdir())) == 2

    # A filter that takes the context compiles to other code than one that does not.
    plain = _render(cache, "{{ name | show }}", show=lambda value: f"<{value}>")
    with_context = _render(
        cache, "{{ name | show }}", show=jinja2.pass_context(lambda ctx, value: f"[{value}]")
    )
    assert (plain, with_context) == ("<x>", "[x]")
    assert len(list((tmp_path / "jinja").iterdir())) == 4


def test_the_cache_is_trimmed_to_what_this_process_used(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(templatecache, "LIMIT", 3)
    folder = tmp_path / "jinja"
    old = templatecache.Compiled(folder)
    for n in range(3):
        _render(old, f"old {n}")
    cache = templatecache.Compiled(folder)
    _render(cache, "new")
    assert len(list(folder.iterdir())) == 1
    assert _render(cache, "new") == "new"


def test_setup_compiles_the_templates_so_that_no_build_does(repo: Git, tmp_path: Path):
    cache = templatecache.shared()
    assert cache is not None, "the tests run in the virtual environment"
    # This checkout's site settings and theme, as setup builds with them: the templates a site
    # uses depend on them (another theme override may include another of Material's partials).
    shutil.copy(REPO / "mkdocs.yml", repo.root / "mkdocs.yml")
    shutil.copytree(REPO / "themes", repo.root / "themes")
    shutil.rmtree(cache.folder)  # a fresh machine: nothing compiled yet
    subprocess.run([REPO / "scripts" / "setup"], check=True, capture_output=True, timeout=600)
    after_setup = sorted(path.name for path in cache.folder.iterdir())
    assert after_setup, "setup compiled the templates"

    # The first build after setup, in a process of its own, compiles no template: it would
    # have written each one it compiled into the cache.
    subprocess.run(
        [sys.executable, "-m", "policypress", "build", "--quiet", "--out", tmp_path / "out"],
        cwd=repo.root,
        check=True,
        timeout=300,
    )
    assert (tmp_path / "out" / "site" / "example" / "index.html").is_file()
    assert sorted(path.name for path in cache.folder.iterdir()) == after_setup


def _translated(cache: templatecache.Compiled, newstyle: bool, policies: dict) -> str:
    source = "{% trans who=name %}Hello\n  {{ who }}{% endtrans %}"
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"page.html": source}),
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=cache,
    )
    env.policies.update(policies)
    cast(Any, env).install_null_translations(newstyle=newstyle)
    return env.get_template("page.html").render(name="x")


def test_an_entry_serves_only_the_gettext_style_and_policies_it_was_compiled_with(
    tmp_path: Path,
):
    # `{% trans %}` compiles to other code under newstyle gettext, and under the policy that
    # trims its whitespace: an entry compiled under one must never serve the other.
    cache = templatecache.Compiled(tmp_path / "jinja")
    assert _translated(cache, newstyle=False, policies={}) == "Hello\n  x"
    assert _translated(cache, newstyle=True, policies={}) == "Hello\n  x"
    assert _translated(cache, newstyle=True, policies={"ext.i18n.trimmed": True}) == "Hello x"
    assert len(list((tmp_path / "jinja").iterdir())) == 3


def test_no_shared_cache_in_a_folder_others_may_write_to(tmp_path: Path, monkeypatch):
    # Compiled templates are code that runs: a folder another user could write to is not used
    # (the build keeps its own cache in build/ instead).
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    folder = tmp_path / "venv" / "var" / "cache" / "policypress" / "jinja"
    templatecache.shared.cache_clear()
    umask = os.umask(0o002)  # a common umask: the folder is still made for this user alone
    try:
        assert templatecache.shared() is not None
        assert templatecache.shared().folder == folder
        for mode in (0o775, 0o757):
            folder.chmod(mode)
            templatecache.shared.cache_clear()
            assert templatecache.shared() is None, oct(mode)
    finally:
        os.umask(umask)
        templatecache.shared.cache_clear()
