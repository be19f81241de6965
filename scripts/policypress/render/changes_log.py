"""The diff summary for the consultation log: Markdown, CSV, JSON and HTML, from one Report."""

from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path, PurePosixPath

from policypress.changes import words
from policypress.consultation import Report
from policypress.model import Document, Library, VersionControl

KIND = {"added": "Added", "removed": "Removed", "modified": "Changed", "moved": "Moved",
        "renumbered": "Renumbered"}


def _where(change) -> str:
    return change.number or change.label


def _marked_md(before: str | None, after: str | None) -> str:
    out = []
    for run in words(before or "", after or ""):
        text = run["text"].replace("*", "\\*").replace("~", "\\~")
        out.append(text if run["op"] == "equal" else (f"**{text}**" if run["op"] == "insert" else f"~~{text}~~"))
    return "".join(out)


def header_lines(report: Report) -> list[str]:
    lines = [f"Compared: {report.from_label} → {report.to_label}.",
             f"Changes: {len(report.changes)} ({len(report.significant)} significant, "
             f"{len(report.changes) - len(report.significant)} editorial)."]
    if report.consultation_required:
        lines.append("Tenant consultation is needed before approval: the significant changes are "
                     "not covered by a closed consultation.")
    elif report.covering:
        lines.append(f"Consultation: covered by '{report.covering.title}' (closed {report.covering.closed}).")
    elif report.significant:
        lines.append("Consultation: not needed.")
    else:
        lines.append("Consultation: not needed: there are no significant changes.")
    return lines


def as_markdown(report: Report) -> str:
    d = report.document
    out = [f"# Changes to {d.meta.title}", ""] + [f"- {line}" for line in header_lines(report)] + [""]
    if report.covering:
        c = report.covering
        out += ["## Consultation", "", f"- Title: {c.title}", f"- Opened: {c.opened}; closed: {c.closed}",
                f"- Consulted: {', '.join(c.consulted)}", f"- How: {c.method}"]
        if c.responses is not None:
            out.append(f"- Responses: {c.responses}")
        if c.summary:
            out.append(f"- What people said: {c.summary}")
        if c.response:
            out.append(f"- Our response: {c.response}")
        out.append("")
    if not report.changes:
        out.append("There are no changes.")
    for change in report.changes:
        out += [f"## {_where(change)} (id `{change.id}`): {KIND[change.kind].lower()} ({change.significance})", "",
                "Why: " + "; ".join(change.reasons) + ".", ""]
        if change.kind == "modified":
            out += [f"Before: {change.before}", "", f"After: {change.after}", "",
                    f"Marked: {_marked_md(change.before, change.after)}", ""]
        elif change.kind == "added":
            out += [f"New text: {change.after}", ""]
        elif change.kind == "removed":
            out += [f"Removed text: {change.before}", ""]
        out += [f"Fingerprint: `{change.fingerprint}`", ""]
    return "\n".join(out).rstrip() + "\n"


def as_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "number", "kind", "significance", "reasons", "before", "after", "fingerprint"])
    for c in report.changes:
        writer.writerow([c.id, c.number, c.kind, c.significance, "; ".join(c.reasons),
                         c.before or "", c.after or "", c.fingerprint])
    return buffer.getvalue()


def source_path(file: str, document: Document) -> str:
    """A source file's path relative to the content folder (e.g.
    `code-of-conduct/consultations/2026-02-20-panel.yaml`), whichever folder the command ran in."""
    path, folder = PurePosixPath(file), PurePosixPath(document.folder)
    if folder.name:  # both are written from the same place (see errors.display_path)
        try:
            return path.relative_to(folder.parent).as_posix()
        except ValueError:
            pass
    try:  # the document's own folder was the working folder
        folder_path = Path(document.folder).resolve()
        return Path(file).resolve().relative_to(folder_path.parent).as_posix()
    except (OSError, ValueError):
        return path.name


def as_json(report: Report) -> str:
    data = report.as_json()
    if isinstance(data.get("consultation"), dict) and data["consultation"].get("file"):
        data["consultation"]["file"] = source_path(data["consultation"]["file"], report.document)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def marked_html(before: str | None, after: str | None) -> str:
    """The changed words marked; the text's line and paragraph breaks kept as <br>."""
    out = []
    for run in words(before or "", after or ""):
        text = html.escape(run["text"]).replace("\n", "<br>")
        if run["op"] == "equal":
            out.append(text)
        elif run["op"] == "insert":
            out.append(f'<ins><span class="pp-sr">added: </span>{text}</ins>')
        else:
            out.append(f'<del><span class="pp-sr">removed: </span>{text}</del>')
    return "".join(out)


def as_html(report: Report) -> str:
    items = "".join(
        f"<li><p><strong>{html.escape(_where(c))}</strong> — {KIND[c.kind].lower()}, "
        f"{c.significance}: {html.escape('; '.join(c.reasons))}.</p>"
        f"<p>{marked_html(c.before, c.after)}</p></li>" for c in report.changes)
    head = "".join(f"<p>{html.escape(line)}</p>" for line in header_lines(report))
    title = html.escape(f"Changes to {report.document.meta.title}")
    return (f'<!DOCTYPE html><html lang="{html.escape(report.document.meta.language)}"><head>'
            f'<meta charset="utf-8"><title>{title}</title></head><body><main><h1>{title}</h1>'
            f"{head}<ol>{items}</ol></main></body></html>\n")


def render(document: Document, library: Library, vc: VersionControl,
           report: Report | None = None) -> dict[str, bytes]:
    """`changes.md`, `changes.csv` and `changes.json` (file name -> bytes), when there is a report."""
    if report is None:
        return {}
    return {f"changes.{suffix}": text.encode("utf-8")
            for suffix, text in (("md", as_markdown(report)), ("csv", as_csv(report)), ("json", as_json(report)))}
