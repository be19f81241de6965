"""The tagged PDF (PDF/UA-1): the model as JSON, laid out by the Typst template `pdf/policy.typ`
(the package's, or the council's in `themes/`: see policypress.themes), compiled with the typst
Python package.

Text is handed to Typst as data, never as markup, so nothing in a clause can change the layout
or run code. Fonts are chosen explicitly (Debian's DejaVu Sans, else Typst's embedded fonts) and
system fonts are ignored, so the same input gives the same bytes on every machine.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re

import typst

from policypress import i18n, themes
from policypress.errors import RenderError
from policypress.fonts import font_dirs
from policypress.model import (
    CHILDREN,
    Block,
    Clause,
    Document,
    Library,
    Paragraph,
    Point,
    Quote,
    Section,
    Span,
    Text,
    VersionControl,
)
from policypress.render import common, record

TEMPLATE = "pdf/policy.typ"  # looked up with themes.find on each render


def _spans(spans: tuple[Span, ...], numbers: dict[str, str]) -> list[dict]:
    out = []
    for span in spans:
        item: dict = {"k": span.kind, "t": span.text}
        if span.kind == "ref":
            item["t"] = numbers.get(span.target, span.target)
        if span.children:
            item["c"] = _spans(span.children, numbers)
        if span.kind == "link":
            item["u"] = span.target
        out.append(item)
    return out


def _text(text: Text | None, numbers: dict[str, str]) -> list[dict] | None:
    return None if text is None else _spans(text.spans, numbers)


def _points(points: tuple[Point, ...], numbers: dict[str, str]) -> list[dict]:
    """Bullets have n = 0; numbered items their position n and their label m as printed
    ("a)", "[ii]"), so the PDF shows the label the model made, whatever its pattern."""
    return [
        {
            "n": p.ordinal,
            "text": _text(p.text, numbers),
            "points": _points(p.points, numbers),
            **({"m": p.number} if p.ordinal else {}),
        }
        for p in points
    ]


def _blocks(blocks: tuple[Block, ...], numbers: dict[str, str]) -> list[dict]:
    """Paragraphs (`p`), lists (`list`, numbered from `start`) and quotations (`quote`)."""
    out: list[dict] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append({"kind": "p", "text": _text(block.text, numbers)})
        elif isinstance(block, Quote):
            out.append({"kind": "quote", "blocks": _blocks(block.blocks, numbers)})
        else:
            out.append(
                {
                    "kind": "list",
                    "ordered": block.ordered,
                    "start": block.start,
                    "numbering": "1" + block.delimiter,
                    "items": [
                        {"text": _text(i.text, numbers), "blocks": _blocks(i.blocks, numbers)}
                        for i in block.items
                    ],
                }
            )
    return out


def _section(section: Section, document: Document, library: Library) -> dict:
    n = document.numbers
    urls = {f.title: f.url for f in library.frameworks}

    def clause(c: Clause) -> dict:
        return {
            "number": c.number,
            "text": _text(c.text, n) or [],
            "points": _points(c.points, n),
            "more": _blocks(c.more, n),
            "closing": _blocks(c.closing, n),
        }

    return {
        "number": section.number,
        "title": section.title,
        "level": section.level,
        "kind": section.kind,
        "standards": [
            {"lead": lead, "title": title, "url": urls.get(title, ""), "names": names}
            for lead, title, names in common.standards_lines(
                section, library, document.meta.language
            )
        ],
        "principle": _blocks(section.principle, n),
        "intro": _blocks(section.intro, n),
        "lead_in": _text(section.lead_in, n),
        "points": _points(section.points, n),
        "closing": _blocks(section.closing, n),
        "clauses": [clause(c) for c in section.clauses],
        "groups": [
            {"audience": g.audience, "clauses": [clause(c) for c in g.clauses]}
            for g in section.groups
        ],
        "sections": [_section(s, document, library) for s in section.sections],
        **({"order": list(section.order)} if section.order != CHILDREN else {}),
    }


def template_words(language: str) -> dict[str, str]:
    """The words the Typst template writes itself, in the document's language."""
    _ = i18n.translator(language)
    return {
        "contents": _("Contents"),
        "controls": _("Document controls sheet"),
        "principle": _("Main principle:"),
        "page": re.split(r"%\((?:number|total)\)s", _("Page %(number)s of %(total)s")),
    }


def _change(line: str) -> str | dict:
    """A change in the version-control table: its text, or, when its summary is in another
    language than the file, its parts, for the template to tag the summary with its language."""
    if not isinstance(line, record.TaggedLine):
        return line
    language, _, region = line.language.partition("-")
    return {
        "before": line.before,
        "summary": line.summary,
        "after": line.after,
        "lang": language.lower(),
        "region": region.upper() or None,
    }


def typst_data(document: Document, library: Library, vc: VersionControl) -> dict:
    """Everything the template shows, as plain data (also the golden file the tests compare)."""
    meta = document.meta
    draft = common.is_draft(document, vc)
    language, _, region = meta.language.partition("-")
    day = datetime.date.fromisoformat(vc.edition_date)
    return {
        "title": meta.title,
        # a detail still "TBC" leaves its line of the cover empty
        "organisation": common.named(meta.organisation),
        "document_type": common.named(meta.document_type),
        "owner": common.named(meta.policy_owner),
        "keywords": [k for k in (meta.organisation, meta.document_type) if common.named(k)],
        "lang": language.lower(),
        "region": region.upper() or None,
        "date": [day.year, day.month, day.day],
        "version": vc.version,
        "draft": draft,
        "running_status": common.running_status(document, vc),
        "draft_notice": common.draft_notice(document, vc),
        "cover_status": common.cover_status(document, vc) if draft else "",
        "file_title": common.title_with_version(document, vc),
        "cover": [list(f) for f in common.cover_fields(document, vc)],
        "vc": {
            "notice": vc.notice,
            "fields": [list(f) for f in common.version_fields(document, vc)],
            "header": list(record.record_header(meta.language)),
            "rows": [
                [*row[:4], [_change(line) for line in row[4]]]
                for row in record.record_rows(
                    vc, meta.language, record.tagged_lines(vc, meta.language)
                )
                or [record.no_record(meta.language)]
            ],
        },
        "policies": [{"title": p.title, "url": p.url} for p in document.associated_policies],
        "words": template_words(meta.language),
        "sections": [
            _section(s, document, library) for s in document.sections + document.appendices
        ],
    }


def compile_pdf(data: dict, iso_date: str) -> bytes:
    day = datetime.date.fromisoformat(iso_date)
    template = themes.find(TEMPLATE)
    try:
        return typst.compile(
            str(template),
            root=str(template.parent),
            sys_inputs={"data": json.dumps(data, ensure_ascii=False, sort_keys=True)},
            pdf_standards=["ua-1"],
            timestamp=calendar.timegm(day.timetuple()),
            font_paths=[str(p) for p in font_dirs()],
            ignore_system_fonts=True,
        )
    except typst.TypstError as exc:
        raise RenderError(f"typst could not make the PDF: {exc}") from exc


def render(
    document: Document, library: Library, vc: VersionControl, report=None
) -> dict[str, bytes]:
    """`<doc-id>.pdf`: file name -> bytes."""
    return {f"{document.id}.pdf": compile_pdf(typst_data(document, library, vc), vc.edition_date)}
