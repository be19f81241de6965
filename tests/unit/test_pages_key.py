"""The key a document's site pages are kept under (sitepages.pages_key) changes with each thing
those pages are made from, so a kept page is never stale: the document, its version control,
its change report, whether its draft is shown, its files' sizes, its translation's files (by
their bytes, not their size), the standards and site settings, and today's date."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from policypress.checking import check
from policypress.sitepages import Files, Shown, pages_key, settings_of
from policypress.siteplan import _shown
from policypress.versions import Archive
from tests.conftest import SECTION, write_content


def _item(root: Path) -> tuple[Shown, str, object]:
    checked = check(root / "content", root)
    shown, _ = _shown(checked, Archive(), True)
    return shown[0], checked.digest(settings_of(checked.result.library)), checked.digest


@pytest.fixture
def base(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    write_content(tmp_path)
    item, settings, digest = _item(tmp_path)
    files = Files({}, {}, {"example-draft.pdf": 100}, {})
    return tmp_path, item, files, settings, digest


def test_the_key_is_the_same_for_the_same_inputs(base):
    root, item, files, settings, digest = base
    again, settings_again, digest_again = _item(root)
    assert pages_key(item, files, {"a.pdf": b"x"}, settings, digest) == pages_key(
        again, files, {"a.pdf": b"x"}, settings_again, digest_again
    )


def test_the_key_changes_with_each_input(base, tmp_path: Path, monkeypatch):
    root, item, files, settings, digest = base
    key = pages_key(item, files, {"a.pdf": b"x"}, settings, digest)
    write_content(root, {"example/sections/one.yaml": SECTION.replace("honest.", "kind.")})
    edited, _, digest_edited = _item(root)
    changed = {
        "document": pages_key(edited, files, {"a.pdf": b"x"}, settings, digest_edited),
        "draft shown": pages_key(
            dataclasses.replace(item, draft=False), files, {"a.pdf": b"x"}, settings, digest
        ),
        "sizes": pages_key(
            item,
            dataclasses.replace(files, sizes={"example-draft.pdf": 101}),
            {"a.pdf": b"x"},
            settings,
            digest,
        ),
        "translation's bytes": pages_key(item, files, {"a.pdf": b"y"}, settings, digest),
        "settings": pages_key(item, files, {"a.pdf": b"x"}, settings + "0", digest),
    }
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795100000")  # a day later
    changed["today"] = pages_key(item, files, {"a.pdf": b"x"}, settings, digest)
    assert [name for name, other in changed.items() if other == key] == []


def test_output_keys_are_the_same_with_or_without_a_cache(tmp_path: Path):
    """A document is hashed by the key of the files it was loaded from, whether or not a cache
    is used: a check with no cache (the bench's site, a re-read for exact lines) finds the
    outputs a build kept."""
    from policypress import pipeline
    from policypress.cache import Cache

    write_content(tmp_path)
    store = Cache(tmp_path / "cache")
    check(tmp_path / "content", tmp_path, cache=store)
    cached = check(tmp_path / "content", tmp_path, cache=store)
    assert cached.result.cached == 1
    plain = check(tmp_path / "content", tmp_path)

    def keys(checked) -> list[str]:
        return [task.key for task in pipeline.tasks(checked, pipeline.KINDS)]

    assert keys(cached) == keys(plain)
