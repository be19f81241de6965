"""The look of every output: the defaults shipped in this folder, and the council's overrides.

The defaults live inside the package (`docx/reference.docx`, `pdf/policy.typ`, and under `site/`
the theme overrides and the pages and assets the site adds), so an installed wheel works without
a checkout. A council changes the look in its own project folder, the folder policypress runs
in (the one holding `content/`): a file under its `themes/` with the same relative path as a
default here, such as `themes/pdf/policy.typ`, is used instead of that default. Files are
found with `Path(__file__)`, which points into the installed package as well as a checkout.
"""

from __future__ import annotations

from pathlib import Path

DEFAULTS = Path(__file__).resolve().parent
OVERRIDES = "themes"  # the council's folder, in the project folder


def overrides(project: Path | None = None) -> Path:
    """The council's themes folder (it may not exist): `themes/` in `project`, by default the
    working folder."""
    return (project if project is not None else Path.cwd()) / OVERRIDES


def find(relative: str, project: Path | None = None) -> Path:
    """The file at `relative` (such as "pdf/policy.typ"): the council's, if it has one, else
    the package's default."""
    own = overrides(project) / relative
    return own if own.is_file() else DEFAULTS / relative


def layers(relative: str, project: Path | None = None) -> list[Path]:
    """The folders at `relative` (such as "site/pages") that exist, the council's first: a file
    in an earlier folder replaces the file with the same relative path in a later one."""
    return [
        folder for folder in (overrides(project) / relative, DEFAULTS / relative) if folder.is_dir()
    ]
