"""`policypress import`: read a Word or Markdown file, map it to the source format, write it into
a temporary folder, load it with policypress's own loader, check that every text arrived and
that every number the file showed is the number the build will show, then (unless --dry-run)
move it into content/DOC-ID/. Prints a report of everything read, written, skipped and lost."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from policypress import fonts
from policypress.errors import PolicyPressError, UsageError, display_path
from policypress.importer.blocks import Read, Skipped
from policypress.importer.mapper import Mapped, map_document
from policypress.importer.markdown import read_markdown
from policypress.importer.meta import iso_date, placeholder, review_period
from policypress.importer.word import read_docx
from policypress.importer.writer import HISTORY_FILE, write
from policypress.load.loader import load_library
from policypress.model import Document, Point
from policypress.settings import RESERVED_IDS
from policypress.validate import validate

DOC_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED = (
    "title",
    "organisation",
    "document-type",
    "policy-owner",
    "approving-body",
    "review-period",
    "applies-to",
    "summary",
)


def _frameworks(content: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each framework in `standards.yaml` by key: its title and its standards' names. A file
    that cannot be read gives none: `check` reports it."""
    path = content / "standards.yaml"
    if not path.is_file():
        return {}
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):  # reported by `check`; import just ignores it
        return {}
    out = {}
    for key, value in (data or {}).items() if isinstance(data, dict) else []:
        if isinstance(value, dict):
            names = tuple(
                s.get("name", "") for s in value.get("standards") or [] if isinstance(s, dict)
            )
            out[str(key)] = (str(value.get("title", "")), names)
    return out


def _finish_meta(mapped: Mapped) -> tuple[dict, list[str]]:
    """document.yaml's details in order, the history file's data, and what needs filling in."""
    meta, versions = mapped.meta, mapped.versions
    approved_on = iso_date(versions.get("approval-date", ""))
    review_on = iso_date(versions.get("scheduled-review", ""))
    if versions.get("policy-owner") and not placeholder(versions["policy-owner"]):
        meta.setdefault("policy-owner", versions["policy-owner"])
    if versions.get("approved-by") and not placeholder(versions["approved-by"]):
        meta.setdefault("approving-body", versions["approved-by"])
    meta.setdefault("review-period", review_period(approved_on, review_on) or "TBC")
    meta.setdefault("status", "approved" if approved_on else "draft")
    todo = [key for key in REQUIRED if not meta.get(key)]
    ordered = {key: meta.get(key) or "TBC" for key in ("title", "organisation", "document-type")}
    ordered["status"] = meta["status"] if meta["status"] in ("draft", "approved") else "draft"
    ordered["language"] = meta.get("language", "en-GB")
    for key in REQUIRED[3:]:
        ordered[key] = meta.get(key) or "TBC"
    ordered["numbering"] = meta.get("numbering") or "decimal"
    mapped.meta = ordered
    history: dict = {}
    if approved_on:
        in_force = {
            "version": (versions.get("version") or meta.get("version") or "1.0").removeprefix("v"),
            "approval-date": approved_on,
        }
        if versions.get("approved-by"):
            in_force["approved-by"] = versions["approved-by"]
        if review_on:
            in_force["scheduled-review"] = review_on
        history["in-force"] = in_force
    if mapped.rows:
        history["rows"] = sorted(mapped.rows, key=lambda r: r["date"], reverse=True)
    return history, todo


def _shown(document: Document) -> dict[str, tuple[str, str]]:
    """Each part's label and first text as the build shows them, by id."""
    shown: dict[str, tuple[str, str]] = {}
    n = document.numbers

    def points(items: tuple[Point, ...]) -> None:
        for point in items:
            shown[point.id] = (point.number, point.text.plain(n))
            points(point.points)

    for section in document.all_sections():
        shown[section.id] = (section.number, section.title)
        points(section.points)
        for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
            shown[clause.id] = (clause.number, clause.text.plain(n) if clause.text else "")
            points(clause.points)
    return shown


def _differences(document: Document, mapped: Mapped) -> list[str]:
    """Each numbered paragraph whose label or words the build shows otherwise than the file."""
    shown = _shown(document)
    out = []
    for kind, item_id, number, block in mapped.expected:
        if item_id not in shown:
            continue
        label, text = shown[item_id]
        words = " ".join(block.plain.split())
        if block.lead.lower().startswith("main principle"):
            words = words[len(block.lead) :].strip()
        if label != number.strip():
            was = f"shows {number}" if number else "shows no number"
            out.append(
                f"  {block.where} ({block.quoted()}): the file {was}, the build will show "
                f"{label or 'no number'}"
            )
        elif kind != "section" and text and " ".join(text.split()) != words:
            out.append(
                f"  {block.where} ({block.quoted()}): the build will show other words: "
                f"“{_short(text)}”"
            )
    return out


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _unshowable(mapped: Mapped) -> list[str]:
    """A line for each paragraph written with characters the PDF's fonts cannot show."""
    out = []
    for block in mapped.written:
        chars = fonts.unshowable(block.number + " " + block.plain)
        if chars:
            more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
            out.append(f"  {block.where} ({block.quoted()}): {' '.join(chars[:5])}{more}")
    return out


def _haystack(document: Document) -> str:
    parts = [document.meta.title]
    for section in document.all_sections():
        parts.append(section.title)
        parts += [g.audience for g in section.groups]
    parts += [text.plain(document.numbers) for _, text in document.texts()]
    parts += [p.title for p in document.associated_policies]
    return "\n".join(" ".join(p.split()) for p in parts)


def _target(source: Path, doc_id: str, content: Path, force: bool, dry_run: bool) -> Path:
    """The folder the import will write, once the id, the source and the folder allow it."""
    if not DOC_ID.match(doc_id):
        raise UsageError(
            f"'{doc_id}' cannot be a document id (use lower-case letters, digits and "
            "hyphens, such as 'code-of-conduct')"
        )
    if doc_id in RESERVED_IDS:
        raise UsageError(
            f"'{doc_id}' is kept for a folder of the website's own, so it cannot be a "
            f"document id (ids not to use: {', '.join(RESERVED_IDS)}); choose another --id, "
            f"such as {doc_id}-policy"
        )
    if not source.is_file():
        raise UsageError(f"the file '{source}' does not exist")
    target = content / doc_id
    shown = f"{display_path(content)}/{doc_id}"  # not resolved: it may be a link that loops
    if target.is_symlink():
        raise UsageError(
            f"{shown} is a symbolic link; import never replaces a link, even with --force "
            "(remove the link, or choose another --id)"
        )
    if target.exists() and not target.is_dir():
        raise UsageError(f"{shown} is a file, not a folder (move it away, or choose another --id)")
    if target.exists() and not force and not dry_run:
        raise UsageError(
            f"{display_path(target)} exists already (pass --force to replace it, "
            "or choose another --id)"
        )
    return target


def _read(source: Path) -> Read:
    suffix = source.suffix.lower()
    if suffix == ".docx":
        return read_docx(source)
    if suffix in (".md", ".markdown"):
        return read_markdown(source)
    raise UsageError(
        f"'{source.name}' is not a .docx or .md file (save it from Word as a .docx document)"
    )


def run_import(
    source: Path, doc_id: str, content: Path, force: bool = False, dry_run: bool = False
) -> tuple[list[str], int]:
    target = _target(source, doc_id, content, force, dry_run)
    read = _read(source)
    mapped = map_document(read, _frameworks(content))
    history, todo = _finish_meta(mapped)
    if not mapped.sections:
        raise PolicyPressError(
            f"{source.name}: no headings or numbered parts were found, so there is "
            "nothing to make sections from (give each part a Heading 1 style)"
        )
    with tempfile.TemporaryDirectory(prefix="policypress-import-") as tmp:
        staged_content = Path(tmp) / "content"
        staged = staged_content / doc_id
        staged_content.mkdir()
        if (content / "standards.yaml").is_file():
            shutil.copy2(content / "standards.yaml", staged_content / "standards.yaml")
        files = write(mapped, staged, source.name, history)
        lines, code = _check(
            read, mapped, staged_content, doc_id, todo, display_path(target), history
        )
        lines.insert(
            1,
            f"{'Would write' if dry_run else 'Wrote'} {display_path(target)}/: "
            + ", ".join(files)
            + ".",
        )
        if not dry_run:
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(staged, target)
        else:
            lines.append("Nothing was written (--dry-run).")
    return lines, code


def _changed_on_the_way(document: Document, mapped: Mapped) -> list[Skipped]:
    """Each text written whose words the build would not show: they changed on the way in."""
    haystack = _haystack(document)
    out = []
    for block in mapped.written:
        plain = " ".join(block.plain.split())
        if block.lead.lower().startswith("main principle"):
            plain = plain[len(block.lead) :].strip()
        if plain and plain not in haystack:
            out.append(
                Skipped(
                    block.where,
                    block.quoted(),
                    "was written, but the build would not show it: the words changed on the way in",
                    lost=True,
                )
            )
    return out


def _history_line(history: dict) -> str:
    """What the import took from the document controls sheet, in one line."""
    in_force = history.get("in-force")
    return (
        f"History from before git ({HISTORY_FILE}): "
        + (
            f"version {in_force['version']} approved on {in_force['approval-date']}"
            + (f" by {in_force['approved-by']}" if in_force.get("approved-by") else "")
            + "; "
            if in_force
            else "no approval recorded; "
        )
        + f"{len(history.get('rows', []))} row(s) of the document controls sheet."
    )


def _counted(read: Read, mapped: Mapped) -> list[str]:
    """What was read and what it was mapped into, counted."""
    counts = ", ".join(f"{n} {what}" for what, n in mapped.counts.items() if n)
    return [
        (
            f"Read {read.paragraphs} paragraph(s) and {read.tables} table(s); "
            f"{read.empty} empty paragraph(s) skipped."
        ),
        f"Mapped {len(mapped.sections)} part(s) and {len(mapped.appendices)} appendix(es) into "
        f"{counts or 'no clauses'}; {len(mapped.written)} text(s) written.",
    ]


def _check(
    read: Read,
    mapped: Mapped,
    staged_content: Path,
    doc_id: str,
    todo: list[str],
    shown: str,
    history: dict,
) -> tuple[list[str], int]:
    result = load_library(staged_content, staged_content.parent)
    document = result.library.document(doc_id)
    errors = [p for p in result.problems + validate(result) if p.severity == "error"]  # as check
    lines = _counted(read, mapped)
    skipped = [s for s in mapped.skipped if not s.lost]
    lost: list[Skipped] = [s for s in mapped.skipped if s.lost]
    unshowable = _unshowable(mapped)
    mismatches: list[str] = [f"  {b.where} ({b.quoted()}): {why}" for b, why in mapped.differences]
    if document is not None and not errors:
        mismatches += _differences(document, mapped)
        lost += _changed_on_the_way(document, mapped)
    errors = [p for p in errors if p.code != "no-glyph" or not unshowable]
    if skipped:
        lines.append("Skipped (not part of the policy's text):")
        lines += [f"  {s.said()}" for s in skipped]
    if mismatches:
        lines.append("Paragraphs the build will show differently from the file:")
        lines += mismatches
    elif document is not None and not errors and not unshowable:
        lines.append("Numbers: every number shown in the file is the number the build will show.")
    else:
        lines.append(
            "The labels and words were not compared with the file: fix what is listed here, "
            "then import again."
        )
    if unshowable:
        lines.append(
            "Characters the PDF cannot show (check refuses them: change them, or write them in "
            "words):"
        )
        lines += unshowable
    for problem in errors:
        lines.append(f"  {problem.format().replace(str(staged_content), 'content')}")
    if history:
        lines.append(_history_line(history))
    if todo:
        lines.append(
            "Fill in by hand (not in the file): "
            + ", ".join(todo)
            + f" in {shown}/document.yaml (written as TBC)."
        )
    lines += _lost(lost)
    lines.append(
        f"Next: run 'policypress check', read {shown}/ against the original, then commit it."
    )
    failed = lost or mismatches or errors or unshowable or document is None
    return lines, 1 if failed else 0


def _lost(lost: list[Skipped]) -> list[str]:
    """The report's lines on the text that would be lost, if any."""
    if not lost:
        return []
    return [
        "Not imported (this text would be lost):",
        *(f"  {s.said()}" for s in lost),
        f"{len(lost)} part(s) of the file were not imported: add them by hand, or change "
        "the file and import again with --force.",
    ]


__all__ = ["HISTORY_FILE", "run_import"]
