"""The pipeline, in order: load -> validate -> renderers -> build/.

Outputs are written into a temporary folder beside `build/` and swapped in only when every
renderer has finished, so a failed build leaves the previous `build/` as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policypress.errors import ContentError, PolicyPressError, Problem
from policypress.load.loader import LoadResult, load_library
from policypress import history
from policypress.model import Document, Library, VersionControl
from policypress.validate import validate

# A renderer writes one output kind for one document into the document's output folder.
Renderer = Callable[..., list[Path]]  # (document, library, vc, folder, report) -> files


def renderers() -> dict[str, Renderer]:
    """The output kinds, in the order they are built. Imported lazily: each pulls in its tools."""
    from policypress.render import changes_log, docx, pdf

    return {"docx": docx.render, "pdf": pdf.render, "changes": changes_log.render}


@dataclass
class Checked:
    result: LoadResult
    problems: list[Problem]
    history: history.History
    reports: dict = field(default_factory=dict)  # doc id -> consultation.Report

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check(content: Path, root: Path | None = None, allow_shallow: bool = True) -> Checked:
    """Load and validate everything under `content`, and read its history; every problem,
    sorted by place. A shallow clone is a warning here unless `allow_shallow` is False."""
    if not content.is_dir():
        raise PolicyPressError(
            f"the content folder '{content}' does not exist "
            "(run policypress from the repository's top folder, or pass --content DIR)")
    result = load_library(content, root)
    problems = result.problems + (validate(result) if result.library.documents else [])
    found = history.read_history(content, allow_shallow)
    problems += history.problems(found, result.library.documents, result.library.root)
    reports = {}
    if not any(p.severity == "error" for p in problems):
        from policypress.consultation import Versions, for_document

        versions = Versions(content) if found.available else None
        for document in result.library.documents:
            reports[document.id] = for_document(document, found, versions)
            problems += reports[document.id].problems
    problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column, p.code))
    return Checked(result, problems, found, reports)


def build(content: Path, out: Path, only: set[str] | None = None, strict: bool = False,
          allow_shallow: bool = False, redline: bool = False) -> list[Path]:
    """Build every output for every document into `out`, atomically. Returns the files written."""
    checked = check(content, allow_shallow=allow_shallow)
    failing = checked.problems if strict else checked.errors
    if any(p.severity == "error" for p in checked.problems) or (strict and failing):
        raise ContentError(failing)
    library = checked.result.library
    chosen = {k: v for k, v in renderers().items() if only is None or k in only}
    if redline:
        from policypress.render.docx import render_redline

        chosen["redline"] = render_redline
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent)).resolve()
    staging.chmod(0o755)  # mkdtemp makes it private; build/ is published
    written: list[Path] = []
    try:
        if only is not None and out.is_dir():  # keep the outputs this build does not remake
            shutil.copytree(out, staging, dirs_exist_ok=True, symlinks=True)
        for document in library.documents:
            folder = staging / document.id
            folder.mkdir(parents=True, exist_ok=True)
            vc = history.version_control(document, checked.history)
            report = checked.reports.get(document.id)
            for render in chosen.values():
                written += render(document, library, vc, folder, report)
        if only is None or "site" in only:
            from policypress.render.site import build_site

            build_site(content, staging / "site", staging)
            written += [p for p in (staging / "site").rglob("*.html")]
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out / p.relative_to(staging) for p in written]


def _swap(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with renames only, keeping the old tree until the new one is in."""
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)
