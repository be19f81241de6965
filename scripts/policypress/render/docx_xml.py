"""Small OOXML helpers for the Word files: what python-docx cannot write itself (fields,
bookmark names, repeating header rows, tracked changes), the paragraph indents the lists need,
and the package: its properties, and the zip, written once with fixed times."""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import CT_Types, serialize_part_xml
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.part import Part
from docx.opc.spec import default_content_types
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from policypress import i18n
from policypress.model import Document, VersionControl
from policypress.render import common


def controls(language: str = "en") -> str:
    _ = i18n.translator(language)
    return _("Document controls sheet")


def page_numbers(language: str = "en") -> str:
    """What the contents say until Word has added the page numbers."""
    _ = i18n.translator(language)
    return _(
        "Word adds the page numbers when it asks to update this document: choose Yes. Or "
        "right-click this list and choose Update Field."
    )


# the settings that may follow w:updateFields in settings.xml (ECMA-376 CT_Settings order)
AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema "
    "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
    "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
    "doNotEmbedSmartTags decimalSymbol listSeparator"
).split()
CONTROLS_BOOKMARK = "document_controls"  # not "c_…", the prefix of the items' bookmarks
STEP = 0.63  # cm: how far each level of a list is set in


def indent(paragraph: DocxParagraph, indent: float, depth: int, hanging: bool = False) -> None:
    """Under a clause, set a paragraph in by hand: the list styles' own indents are for text
    that starts at the margin."""
    if not indent:
        return
    paragraph.paragraph_format.left_indent = Cm(indent + STEP * depth)
    paragraph.paragraph_format.first_line_indent = Cm(-STEP if hanging else 0)


def plain_run(paragraph: DocxParagraph, text: str) -> DocxRun:
    """`paragraph.add_run(text)` for text without line breaks, written as the same XML (text,
    then <w:tab/> for each tab). python-docx looks at every character to find tabs and breaks,
    which was a third of the time of a long document."""
    r = OxmlElement("w:r")
    for n, piece in enumerate(text.split("\t")):
        if n:
            r.append(OxmlElement("w:tab"))
        if piece:
            t = OxmlElement("w:t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(qn("xml:space"), "preserve")
            r.append(t)
    paragraph._p.append(r)
    return DocxRun(r, paragraph)


def hang(paragraph: DocxParagraph, left_cm: float, hanging_cm: float) -> None:
    """Indent a numbered item: its text at `left_cm`, its number hanging `hanging_cm` before it."""
    paragraph.paragraph_format.left_indent = Cm(left_cm)
    paragraph.paragraph_format.first_line_indent = Cm(-hanging_cm)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(left_cm))


def bookmark(item_id: str) -> str:
    """Word bookmark names allow letters, digits and underscores, up to 40 characters. A longer
    name keeps its start and ends in a hash of the whole id, so two long ids that begin alike
    still get bookmarks of their own (Word would send both cross-references to one clause)."""
    name = "c_" + item_id.replace("-", "_")
    if len(name) <= 40:
        return name
    return f"{name[:29]}_{hashlib.sha256(item_id.encode()).hexdigest()[:10]}"


def fld_char(kind: str):
    run = OxmlElement("w:r")
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run.append(element)
    return run


def field_start(paragraph: DocxParagraph, instruction: str) -> None:
    """Open a Word field: what follows, up to its 'end', is the result shown until Word updates
    it."""
    paragraph._p.append(fld_char("begin"))
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run.append(text)
    paragraph._p.append(run)
    paragraph._p.append(fld_char("separate"))


def update_fields_on_open(settings) -> None:
    """Ask Word to update the fields when it opens the file (`settings`: python-docx's
    settings element), so the contents gets its page numbers after one question."""
    mark = OxmlElement("w:updateFields")
    mark.set(qn("w:val"), "true")
    later = {qn(f"w:{name}") for name in AFTER_UPDATE_FIELDS} | {
        "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"
    }
    following = next((child for child in settings if child.tag in later), None)
    if following is None:
        settings.append(mark)
    else:
        following.addprevious(mark)


def outline(paragraph: DocxParagraph, level: int = 0) -> DocxParagraph:
    """Give a heading that is not one of the document's parts ("Contents", "Summary of changes")
    an outline level (0: the top), so Word's Navigation pane and a screen reader's list of
    headings show it, whatever template the council uses."""
    properties = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:outlineLvl")
    mark.set(qn("w:val"), str(level))
    properties.append(mark)
    return paragraph


def field(paragraph: DocxParagraph, instruction: str, placeholder: str) -> None:
    """A one-paragraph Word field (PAGE, NUMPAGES) showing `placeholder` until Word updates it."""
    field_start(paragraph, instruction)
    paragraph.add_run(placeholder)
    paragraph._p.append(fld_char("end"))


def repeat_header(row) -> None:
    """Mark a table row as a header that repeats on every page (and is read as headers)."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def tracked(
    paragraph: DocxParagraph, text: str, kind: str, author: str, date: str, change_id: int
) -> None:
    """Append `text` to `paragraph` as a tracked insertion (`ins`) or deletion (`del`)."""
    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(change_id))
    wrapper.set(qn("w:author"), author)
    wrapper.set(qn("w:date"), f"{date}T00:00:00Z")
    run = OxmlElement("w:r")
    element = OxmlElement("w:delText" if kind == "del" else "w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    wrapper.append(run)
    paragraph._p.append(wrapper)


def core_properties(docx, document: Document, vc: VersionControl, title: str) -> None:
    """The file's properties (title, subject, author and so on) and its language, dated by the
    edition so the same input gives the same bytes."""
    meta = document.meta
    props = docx.core_properties
    props.title = title
    props.subject = meta.summary
    props.author = props.last_modified_by = common.named(meta.policy_owner)
    props.category = common.named(meta.document_type)
    props.keywords = "; ".join(
        filter(None, map(common.named, (meta.organisation, meta.document_type)))
    )
    props.language = meta.language
    props.comments = f"{common.short_version(vc)}: {common.status_label(document, vc).lower()}"
    when = datetime.datetime.combine(datetime.date.fromisoformat(vc.edition_date), datetime.time())
    props.created = props.modified = when
    props.last_printed = when
    props.revision = 1
    for lang in docx.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), meta.language)


def package(document: DocxDocument, iso_date: str) -> bytes:
    """The Word file, written once: python-docx's parts and their relationships, as its own
    `save` writes them (docx.opc.pkgwriter), into a zip whose entries all have the edition's
    date, so the same input gives the same bytes. Saving, then re-zipping to fix the dates,
    compressed every part twice."""
    day = datetime.date.fromisoformat(iso_date)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    opc = document.part.package
    parts = list(opc.iter_parts())
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:

        def put(name: str, blob: bytes) -> None:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, blob)

        put(CONTENT_TYPES_URI.membername, _content_types(parts))
        put(PACKAGE_URI.rels_uri.membername, opc.rels.xml)
        for part in parts:
            put(part.partname.membername, part.blob)
            if len(part.rels):
                put(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()


def _content_types(parts: list[Part]) -> bytes:
    """`[Content_Types].xml` for `parts`, as python-docx writes it: a default per extension
    where the extension says the type, else an override per part, each sorted."""
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides: dict[str, str] = {}
    for part in parts:
        ext = part.partname.ext.lower()
        if (ext, part.content_type) in default_content_types:
            defaults[ext] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    types = CT_Types.new()
    for ext in sorted(defaults):
        types.add_default(ext, defaults[ext])
    for name in sorted(overrides):
        types.add_override(name, overrides[name])
    return serialize_part_xml(types)
