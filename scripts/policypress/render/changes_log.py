"""The diff summary for the consultation log: Markdown, CSV, JSON and HTML, from one Report."""

from __future__ import annotations

import html
import json
from pathlib import Path, PurePosixPath

from policypress import describe
from policypress.consultation import Report
from policypress.model import Document, Library, VersionControl
from policypress.render import changes_beside
from policypress.render.common import long_date, short_version
from policypress.render.spreadsheet import csv_text

KIND = {
    "added": "Added",
    "removed": "Removed",
    "modified": "Changed",
    "moved": "Moved",
    "renumbered": "Renumbered",
}


def first_version(report: Report) -> bool:
    """True when nothing was approved before: every part is new, so no list of changes is useful."""
    return not report.since


def consultation_line(report: Report) -> str:
    """Whether tenants were, or must be, consulted, in one sentence."""
    if report.consultation_required and report.open_consultation:
        return (
            f"Tenants are being consulted on these changes: {being_consulted(report)}. "
            "They can be approved after the consultation closes."
        )
    if report.consultation_required:
        return (
            "Tenant consultation is needed before approval: no closed consultation covers "
            "the significant changes."
        )
    if report.covering:
        return f"Tenants were consulted: {covered_by(report)}."
    if report.significant:
        return "Tenant consultation is not needed."
    return "Tenant consultation is not needed: every change is editorial."


def being_consulted(report: Report) -> str:
    """The open consultation in words: "Tenant survey, from 1 October 2026 to 15 December 2026"."""
    c = report.open_consultation
    if c is None:
        return ""
    if c.closed:
        return f"{c.title}, from {long_date(c.opened)} to {long_date(c.closed)}"
    return f"{c.title}, from {long_date(c.opened)}, with no closing date yet"


def covered_by(report: Report) -> str:
    """The consultation that covered the changes: its title, dates and responses, in words."""
    c = report.covering
    if c is None:
        return ""
    dates = (
        f"{long_date(c.opened)} to {long_date(c.closed)}"
        if c.opened != c.closed
        else long_date(c.closed)
    )
    responses = (
        "" if c.responses is None else f", {c.responses} response{'' if c.responses == 1 else 's'}"
    )
    return f"{c.title} ({dates}{responses})"


def header_lines(report: Report) -> list[str]:
    """What was compared and what it found, in plain sentences (no git tags, no "working copy")."""
    if first_version(report):
        return ["This is the first version put forward for approval.", consultation_line(report)]
    n, significant = len(report.changes), len(report.significant)
    if not n:  # a change to the translation alone is still said
        return [f"There are no changes to {report.since}.", *_translated_line(report)]
    count = (
        f"There is 1 change: it is {'significant' if significant else 'editorial'}."
        if n == 1
        else f"There are {n} changes: {significant} significant and {n - significant} editorial."
    )
    lines = [f"Changes proposed to {report.since}.", count, consultation_line(report)]
    return lines + _translated_line(report)


def _translated_line(report: Report) -> list[str]:
    """Where the translation was brought up to date, in one sentence; none when it was not."""
    if not report.translated:
        return []
    places = ", ".join(report.translated[:-1])
    places = f"{places} and {report.translated[-1]}" if places else report.translated[0]
    return [f"The {report.translation} text was brought up to date in {places}."]


def _md(text: str) -> str:
    """Text safe in Markdown and still readable pasted as it is: only the characters that
    would start bold, code or HTML are escaped."""
    return "".join("\\" + ch if ch in "\\*`<" else ch for ch in text)


def _quoted_md(label: str, text: str | None) -> list[str]:
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    return (
        [f"{label}:", ""]
        + [line for p in paragraphs for line in (f"> {_md(' '.join(p.split()))}", ">")][:-1]
        + [""]
    )


def as_markdown(report: Report) -> str:
    d = report.document
    out = (
        [f"# Changes to {_md(d.meta.title)}", ""]
        + [_md(line) for line in header_lines(report)]
        + [""]
    )
    if report.covering:
        c = report.covering
        out += [
            "## Consultation",
            "",
            f"- Title: {_md(c.title)}",
            (
                f"- Dates: {long_date(c.opened)} to {long_date(c.closed)}"
                if c.closed
                else f"- Opened: {long_date(c.opened)} (still open)"
            ),
            f"- Who was consulted: {_md(', '.join(c.consulted))}",
            f"- How: {_md(c.method)}",
        ]
        if c.responses is not None:
            out.append(f"- Responses: {c.responses}")
        if c.summary:
            out.append(f"- What people said: {_md(c.summary)}")
        if c.response:
            out.append(f"- Our response: {_md(c.response)}")
        out.append("")
    if first_version(report):
        return "\n".join(out).rstrip() + "\n"
    for index, change in enumerate(report.changes, start=1):
        out += [
            f"## {index}. {_md(describe.named(change))}",
            "",
            f"- What changes: {_md(describe.what(change))}",
            f"- Why it matters: {_md(change.why)}",
            f"- {describe.weight(change)} change"
            + (
                " (tenants are consulted)"
                if change.significance == "significant"
                else " (the meaning stays the same)"
            ),
            "",
        ]
        for label, part in describe.wordings(change):
            out += _md_wording(label, part)
            out += _md_beside(report, part)
    return "\n".join(out).rstrip() + "\n"


def _md_beside(report: Report, change) -> list[str]:
    """The translation's wording of one changed place, as it was and as it is, under the
    original's; nothing for a document in one language."""
    found = changes_beside.wordings(report, change)
    if found is None:
        return []
    state, quoted = found
    return [_md(state), ""] + [line for label, text in quoted for line in _quoted_md(label, text)]


def _md_wording(label: str, change) -> list[str]:
    """The wording of one place: the changed words, then the wording in full. A short change
    (a word or a number) gives only the proposed wording after it, so that a long paragraph is
    not repeated for one word."""
    out = [f"### {_md(label)}", ""] if label else []
    pair = describe.swap(change.before, change.after) if change.kind == "modified" else None
    if pair:
        out += [f"Changed words: was “{_md(pair[0])}”, now “{_md(pair[1])}”.", ""]
    if change.before is not None and change.kind != "renumbered" and not pair:
        out += _quoted_md(
            "Current wording" if change.after is not None else "Wording removed", change.before
        )
    if change.after is not None and change.kind != "renumbered":
        out += _quoted_md(
            "Proposed wording" if change.before is not None else "New wording", change.after
        )
    return out


def consultation_cell(report: Report, change) -> str:
    """Whether tenants were consulted on one change, in words (the cabinet paper's and the
    consultation log's "Consultation" column)."""
    if change.significance != "significant":
        return "Not needed: the meaning stays the same"
    if report.covering:
        return covered_by(report)
    if report.consultation_required and report.open_consultation:
        return f"Being consulted on: {being_consulted(report)}"
    return "Not yet consulted" if report.consultation_required else consultation_line(report)


def _wording(change, side: str) -> str:
    """One side of a change's wording for a spreadsheet cell; for a change made in several
    places, each place's, after its label."""
    texts = [(label, getattr(part, side) or "") for label, part in describe.wordings(change)]
    return "\n\n".join(f"{label}: {text}" if label else text for label, text in texts)


BOM = "\ufeff"  # so that Excel reads the file as UTF-8 ("Council’s", not "Councilâ€™s")


def as_csv(report: Report, proposed: str = "") -> str:
    """One row per change for the consultation log, with a byte-order mark for Excel: which
    document and version it changes, and whether tenants were consulted, on every row, so a
    row pasted into the consultation log keeps them. `proposed`: the version the changes would
    make, such as "Proposed version 2.0" ("" when not known, as for two folders compared)."""
    header = [
        "Document",
        "Changes to",
        "Proposed version",
        "Where",
        "Heading",
        "What changes",
        "Why it matters",
        "Significant or editorial",
        "Consultation",
        "Current wording",
        "Proposed wording",
    ]
    since = report.since or "First version"
    beside = report.document.translation is not None and not first_version(report)
    header += changes_beside.header(report) if beside else []
    rows = [
        [
            report.document.meta.title,
            since,
            proposed,
            describe.where(c),
            "; ".join(dict.fromkeys(p.heading for p in c.parts or (c,) if p.heading)),
            describe.what(c),
            c.why,
            describe.weight(c),
            consultation_cell(report, c),
            _wording(c, "before"),
            _wording(c, "after"),
            *(changes_beside.cells(report, c) if beside else []),
        ]
        for c in ([] if first_version(report) else report.changes)
    ]
    return BOM + csv_text([header, *rows])


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
    for run in describe.runs(before, after):
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
        f"<li><p><strong>{html.escape(c.description)}</strong></p>"
        f"<p>{describe.weight(c)}: {html.escape(c.why)}</p>"
        + "".join(
            f"<p>{html.escape(label + ': ') if label else ''}{marked_html(p.before, p.after)}</p>"
            for label, p in describe.wordings(c)
        )
        + "</li>"
        for c in ([] if first_version(report) else report.changes)
    )
    head = "".join(f"<p>{html.escape(line)}</p>" for line in header_lines(report))
    title = html.escape(f"Changes to {report.document.meta.title}")
    return (
        f'<!DOCTYPE html><html lang="{html.escape(report.document.meta.language)}"><head>'
        f'<meta charset="utf-8"><title>{title}</title></head><body><main><h1>{title}</h1>'
        f"{head}<ol>{items}</ol></main></body></html>\n"
    )


def render(
    document: Document, library: Library, vc: VersionControl, report: Report | None = None
) -> dict[str, bytes]:
    """`changes.md`, `changes.csv` and `changes.json` (file name -> bytes), when there is a
    report."""
    if report is None:
        return {}
    return {
        f"changes.{suffix}": text.encode("utf-8")
        for suffix, text in (
            ("md", as_markdown(report)),
            ("csv", as_csv(report, short_version(vc))),
            ("json", as_json(report)),
        )
    }
