"""The diff summary for the consultation log: Markdown, CSV, JSON and HTML, from one Report."""

from __future__ import annotations

import html
import json
from pathlib import Path, PurePosixPath

from policypress import describe, i18n, impacts
from policypress.consultation import Report
from policypress.model import Document, Library, VersionControl
from policypress.render import changes_beside
from policypress.render.common import in_sentence, long_date, short_version
from policypress.render.spreadsheet import csv_text

KIND = {
    "added": "Added",
    "removed": "Removed",
    "modified": "Changed",
    "moved": "Moved",
    "renumbered": "Renumbered",
}


def _in(report: Report) -> str:
    """The language the change log of `report` is written in: its document's."""
    return report.document.meta.language


def since(report: Report) -> str:
    """The version compared with, in words: "version 1.0, approved by Cabinet on 3 March 2026"."""
    language = _in(report)
    _ = i18n.translator(language)
    if not report.approval or not i18n.translates(language):  # as consultation.py wrote it
        return report.since
    version, by, day = report.approval
    said = {"version": version, "by": in_sentence(by, language), "date": long_date(day, language)}
    return _("version %(version)s, approved by %(by)s on %(date)s") % said


def first_version(report: Report) -> bool:
    """True when nothing was approved before: every part is new, so no list of changes is useful."""
    return not report.since


def consultation_line(report: Report) -> str:
    """Whether tenants were, or must be, consulted, in one sentence."""
    _ = i18n.translator(_in(report))
    if report.consultation_required and report.open_consultation:
        return (
            _("Tenants are being consulted on these changes: %(consultation)s.")
            % {"consultation": being_consulted(report)}
            + " "
            + _("They can be approved after the consultation closes.")
        )
    if report.consultation_required:
        return _(
            "Tenant consultation is needed before approval: no closed consultation covers "
            "the significant changes."
        )
    if report.covering:
        return _("Tenants were consulted: %(consultation)s.") % {"consultation": covered_by(report)}
    if report.significant:
        return _("Tenant consultation is not needed.")
    return _("Tenant consultation is not needed: every change is editorial.")


def being_consulted(report: Report) -> str:
    """The open consultation in words: "Tenant survey, from 1 October 2026 to 15 December 2026"."""
    language = _in(report)
    _ = i18n.translator(language)
    c = report.open_consultation
    if c is None:
        return ""
    said = {"title": c.title, "opened": long_date(c.opened, language)}
    if c.closed:
        said["closed"] = long_date(c.closed, language)
        return _("%(title)s, from %(opened)s to %(closed)s") % said
    return _("%(title)s, from %(opened)s, with no closing date yet") % said


def covered_by(report: Report) -> str:
    """The consultation that covered the changes: its title, dates and responses, in words."""
    language = _in(report)
    _ = i18n.translator(language)
    c = report.covering
    if c is None:
        return ""
    opened, closed = long_date(c.opened, language), long_date(c.closed, language)
    dates = (
        _("%(opened)s to %(closed)s") % {"opened": opened, "closed": closed}
        if c.opened != c.closed
        else closed
    )
    if c.responses is not None:
        many = _("%(n)s response") if c.responses == 1 else _("%(n)s responses")
        dates += ", " + many % {"n": c.responses}
    return f"{c.title} ({dates})"


def header_lines(report: Report) -> list[str]:
    """What was compared and what it found, in plain sentences (no git tags, no "working copy")."""
    _ = i18n.translator(_in(report))
    if first_version(report):
        return [_("This is the first version put forward for approval."), consultation_line(report)]
    n, significant = len(report.changes), len(report.significant)
    if not n:  # a change to the translation alone is still said
        return [
            _("There are no changes to %(since)s.") % {"since": since(report)}
        ] + _translated_line(report)
    count = {"n": n, "significant": significant, "editorial": n - significant}
    if n == 1:
        said = (
            _("There is 1 change: it is significant.")
            if significant
            else _("There is 1 change: it is editorial.")
        )
    else:
        said = (
            _("There are %(n)s changes: %(significant)s significant and %(editorial)s editorial.")
            % count
        )
    lines = [
        _("Changes proposed to %(since)s.") % {"since": since(report)},
        said,
        consultation_line(report),
    ]
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


def _md_consultation(report: Report) -> list[str]:
    """The consultation that covered the changes, one fact a line."""
    language = _in(report)
    _ = i18n.translator(language)
    c = report.covering
    if c is None:
        return []
    opened, closed = long_date(c.opened, language), long_date(c.closed, language)
    out = [
        "## " + _("Consultation"),
        "",
        "- " + _("Title: %(title)s") % {"title": _md(c.title)},
        "- "
        + (
            _("Date") + ": " + closed  # one day's meeting: never "20 April 2026 to 20 April 2026"
            if c.closed and c.closed == c.opened
            else _("Dates: %(opened)s to %(closed)s") % {"opened": opened, "closed": closed}
            if c.closed
            else _("Opened: %(opened)s (still open)") % {"opened": opened}
        ),
        "- " + _("Who was consulted: %(who)s") % {"who": _md(", ".join(c.consulted))},
        "- " + _("How: %(how)s") % {"how": _md(c.method)},
    ]
    if c.responses is not None:
        out.append("- " + _("Responses: %(n)s") % {"n": c.responses})
    if c.summary:
        out.append("- " + _("What people said: %(said)s") % {"said": _md(c.summary)})
    if c.response:
        out.append("- " + _("Our response: %(response)s") % {"response": _md(c.response)})
    return [*out, ""]


def _md_change(report: Report, index: int, change) -> list[str]:
    """One change: where, what it does, why it matters and its weight."""
    language = _in(report)
    _ = i18n.translator(language)
    weight = (
        _("Significant change (tenants are consulted)")
        if change.significance == "significant"
        else _("Editorial change (the meaning stays the same)")
    )
    return [
        f"## {index}. {_md(describe.named(change, language))}",
        "",
        "- " + _("What changes: %(what)s") % {"what": _md(describe.what(change, language))},
        "- " + _("Why it matters: %(why)s") % {"why": _md(impacts.why(change, language))},
        f"- {weight}",
        "",
    ]


def as_markdown(report: Report) -> str:
    _ = i18n.translator(_in(report))
    d = report.document
    title = _("Changes to %(title)s") % {"title": _md(d.meta.title)}
    out = [f"# {title}", ""] + [_md(line) for line in header_lines(report)] + [""]
    out += _md_consultation(report)
    if first_version(report):
        return "\n".join(out).rstrip() + "\n"
    for index, change in enumerate(report.changes, start=1):
        out += _md_change(report, index, change)
        for label, part in describe.wordings(change, _in(report)):
            out += _md_wording(label, part, _in(report))
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


def _md_wording(label: str, change, language: str = "en") -> list[str]:
    """The wording of one place: the changed words, then the wording in full. A short change
    (a word or a number) gives only the proposed wording after it, so that a long paragraph is
    not repeated for one word."""
    _ = i18n.translator(language)
    out = [f"### {_md(label)}", ""] if label else []
    pair = describe.swap(change.before, change.after) if change.kind == "modified" else None
    if pair:
        was = {"old": _md(pair[0]), "new": _md(pair[1])}
        out += [_("Changed words: was “%(old)s”, now “%(new)s”.") % was, ""]
    if change.before is not None and change.kind != "renumbered" and not pair:
        out += _quoted_md(
            _("Current wording") if change.after is not None else _("Wording removed"),
            change.before,
        )
    if change.after is not None and change.kind != "renumbered":
        out += _quoted_md(
            _("Proposed wording") if change.before is not None else _("New wording"), change.after
        )
    return out


def consultation_cell(report: Report, change) -> str:
    """Whether tenants were consulted on one change, in words (the cabinet paper's and the
    consultation log's "Consultation" column)."""
    _ = i18n.translator(_in(report))
    if change.significance != "significant":
        return _("Not needed: the meaning stays the same")
    if report.covering:
        return covered_by(report)
    if report.consultation_required and report.open_consultation:
        return _("Being consulted on: %(consultation)s") % {"consultation": being_consulted(report)}
    if report.consultation_required:
        return _("Not yet consulted")
    return consultation_line(report)


def _wording(change, side: str, language: str = "en") -> str:
    """One side of a change's wording for a spreadsheet cell; for a change made in several
    places, each place's, after its label."""
    texts = [
        (label, getattr(part, side) or "") for label, part in describe.wordings(change, language)
    ]
    return "\n\n".join(f"{label}: {text}" if label else text for label, text in texts)


BOM = "\ufeff"  # so that Excel reads the file as UTF-8 ("Council’s", not "Councilâ€™s")


def as_csv(report: Report, proposed: str = "") -> str:
    """One row per change for the consultation log, with a byte-order mark for Excel: which
    document and version it changes, and whether tenants were consulted, on every row, so a
    row pasted into the consultation log keeps them. `proposed`: the version the changes would
    make, such as "Proposed version 2.0" ("" when not known, as for two folders compared)."""
    language = _in(report)
    _ = i18n.translator(language)
    header = [
        _("Document"),
        _("Changes to"),
        _("Proposed version"),
        _("Where"),
        _("Heading"),
        _("What changes"),
        _("Why it matters"),
        _("Significant or editorial"),
        _("Consultation"),
        _("Current wording"),
        _("Proposed wording"),
    ]
    compared = since(report) or _("First version")
    beside = report.document.translation is not None and not first_version(report)
    header += changes_beside.header(report) if beside else []
    rows = [
        [
            report.document.meta.title,
            compared,
            proposed,
            describe.where(c, language),
            "; ".join(dict.fromkeys(p.heading for p in c.parts or (c,) if p.heading)),
            describe.what(c, language),
            impacts.why(c, language),
            describe.weight(c, language),
            consultation_cell(report, c),
            _wording(c, "before", language),
            _wording(c, "after", language),
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


def marked_html(before: str | None, after: str | None, language: str = "en") -> str:
    """The changed words marked; the text's line and paragraph breaks kept as <br>."""
    _, out = i18n.translator(language), []
    for run in describe.runs(before, after):
        text = html.escape(run["text"]).replace("\n", "<br>")
        if run["op"] == "equal":
            out.append(text)
        elif run["op"] == "insert":
            out.append(f'<ins><span class="pp-sr">{_("added: ")}</span>{text}</ins>')
        else:
            out.append(f'<del><span class="pp-sr">{_("removed: ")}</span>{text}</del>')
    return "".join(out)


def as_html(report: Report) -> str:
    language = _in(report)
    _ = i18n.translator(language)
    items = "".join(
        f"<li><p><strong>{html.escape(describe.description(c, language))}</strong></p>"
        f"<p>{describe.weight(c, language)}: {html.escape(impacts.why(c, language))}</p>"
        + "".join(
            f"<p>{html.escape(label + ': ') if label else ''}"
            f"{marked_html(p.before, p.after, language)}</p>"
            for label, p in describe.wordings(c, language)
        )
        + "</li>"
        for c in ([] if first_version(report) else report.changes)
    )
    head = "".join(f"<p>{html.escape(line)}</p>" for line in header_lines(report))
    title = html.escape(_("Changes to %(title)s") % {"title": report.document.meta.title})
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
            ("csv", as_csv(report, short_version(vc, document.meta.language))),
            ("json", as_json(report)),
        )
    }
