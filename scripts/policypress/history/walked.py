"""The `git log` walk of read.py, kept in the build cache under the commit it starts from.

A walk of 10,000 commits takes longer than the rest of checking one edited document. What it
finds (each commit's parents, the commits that changed each document, the imports, the record-only
commits) is fixed by the commit it starts from (HEAD), the content folder's place in the
repository, the commits to ignore, the `.mailmap` that names the authors, and git's settings. The
key holds all of these, read now, so a new commit, a rewritten branch or an edited `.mailmap`
walks again; an edit not yet committed does not (git status reads it, in read.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policypress.cache import Cache, entry_key, file_hash

WALK = "walk.pickle"  # the one file of the walk's cache entry
FIELDS = ("parents", "changes", "imports", "events")  # what the walk finds, on History


def _key(repo: Any, prefix: str, ignored: list[str]) -> str:
    """Everything the walk's result depends on, besides policypress's code (in every key)."""
    top = Path(repo.working_tree_dir or ".")
    common = Path(repo.common_dir)
    settings = [
        file_hash(path)
        for path in (
            top / ".mailmap",
            common / "shallow",
            common / "config",
            Path.home() / ".gitconfig",
            Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "git" / "config",
        )
    ]
    git_env = sorted((k, v) for k, v in os.environ.items() if k.startswith("GIT_"))
    return entry_key("history", repo.head, prefix, ignored, settings, git_env)


def walk_once(
    repo: Any,
    prefix: str,
    ignored: list[str],
    history: Any,
    cache: Cache | None,
    walk: Callable[[Any, str, list[str], Any], None],
) -> None:
    """Fill `history`'s parents, changes, imports and events as `walk` does, from `cache` when
    the same walk was made before."""
    key = _key(repo, prefix, ignored) if cache is not None else ""
    found = cache.get_object(key, WALK, tuple) if cache is not None else None
    if found is not None and len(found) == len(FIELDS):
        for name, value in zip(FIELDS, found, strict=True):
            setattr(history, name, value)
        return
    walk(repo, prefix, ignored, history)
    if cache is not None:
        cache.put_object(key, WALK, tuple(getattr(history, name) for name in FIELDS))
