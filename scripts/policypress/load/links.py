"""Symbolic links in content/ that lead nowhere or go round in a loop.

A link to itself (`loop -> loop`), a link that leads nowhere, or a folder linked back to the
content folder (`content/loop -> .`) is never followed: each is named with a warning and
skipped, so no later step (the build cache reads every file of a document) meets it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from policypress.errors import Location, Problem

_FIX = "remove the link, or replace it with the file or folder itself"


def resolved(path: Path) -> Path | None:
    """`path` with every symbolic link followed, or None when the links go round in a loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop, later OSError
        return None


def _broken(path: Path, name: Callable[[Path], str]) -> Problem | None:
    """A warning for the link `path` when following it goes nowhere or round in a loop."""
    real, here = resolved(path), resolved(path.parent)
    if real is None:
        what = "leads back to itself in a loop"
    elif not os.path.exists(path):
        what = "leads to nothing"
    elif path.is_dir() and here is not None and (real == here or real in here.parents):
        what = "leads back to a folder it is in, a loop"
    else:
        return None
    shown = f"{name(path.parent)}/{path.name}"  # the link's own name: it cannot be resolved
    return Problem(
        Location(shown),
        "warning",
        "broken-link",
        f"a symbolic link that {what}; policypress does not follow it",
        _FIX,
    )


def document_folders(
    content: Path, name: Callable[[Path], str]
) -> tuple[list[Path], list[Problem]]:
    """The folders in `content` that may each hold a document, and a warning for each symbolic
    link in `content` that is broken or loops."""
    folders, problems = [], []
    for path in sorted(content.iterdir()):
        if path.name.startswith("."):
            continue
        problem = _broken(path, name) if path.is_symlink() else None
        if problem is not None:
            problems.append(problem)
        elif path.is_dir():
            folders.append(path)
    return folders, problems


def stray_links(folder: Path, name: Callable[[Path], str]) -> list[Problem]:
    """A warning for each symbolic link under a document's `folder` that is broken or loops
    (links that are listed in document.yaml are also errors where they are listed)."""
    problems = []
    for top, dirs, names in os.walk(folder):  # links to folders are not followed
        for entry in sorted([*dirs, *names]):
            path = Path(top, entry)
            if path.is_symlink() and (problem := _broken(path, name)) is not None:
                problems.append(problem)
    return problems
