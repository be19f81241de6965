"""`policypress amend DOC-ID FILE`: write a revised Word file's changes into a document's YAML.

The Word file is read and mapped by the importer, as `policypress import` reads it (the
cover, contents, summary of changes and version-control tables are recognised there and left
out). Its parts are matched to the document's (match.py), the differences are written into the
section files in place (merge.py), and the result is read again before anything is written.
Nothing is committed: the report suggests a commit message.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode

from policypress import comparable
from policypress.amend import match as matching
from policypress.amend.merge import Change, Merge, SourceFile
from policypress.amend.wordnotes import Note, notes
from policypress.amend.yamltext import apply, compose
from policypress.checking import concerning
from policypress.errors import ContentError, PolicyPressError, UsageError, display_path
from policypress.importer.blocks import Block, Read, Skipped, excerpt
from policypress.importer.mapper import Mapped, map_document
from policypress.importer.word import read_docx
from policypress.load.loader import doc_id_for, load_library
from policypress.model import Document, Point
from policypress.render.docx_xml import bookmark


@dataclass
class Amended:
    changes: list[Change]
    guesses: list[matching.Guess]
    notes: list[Note]
    not_amended: list[str]
    labels: dict[str, str]  # id -> how a reader finds it: "3.1, point 12"
    files: dict[Path, bytes] = field(default_factory=dict)  # new bytes of each changed file
    front: int = 0  # paragraphs and tables of the cover, contents and summary left out
    left_out: list[str] = field(default_factory=list)  # what the importer left out, and why
    renumbered: list[str] = field(default_factory=list)  # numbers the Word file shows otherwise


def _folder(content: Path, doc_id: str) -> Path:
    if not content.is_dir():
        raise PolicyPressError(
            f"the content folder '{content}' does not exist "
            "(run policypress from the repository's top folder, or pass --content DIR)"
        )
    folders = sorted(p for p in content.iterdir() if p.is_dir() and (p / "document.yaml").is_file())
    for folder in folders:
        if doc_id_for(folder.name) == doc_id:
            return folder
    known = ", ".join(doc_id_for(p.name) for p in folders) or "none"
    raise PolicyPressError(
        f"there is no document '{doc_id}' under the content folder (documents: {known})"
    )


def _source(path: Path) -> SourceFile:
    name = display_path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        root = compose(text)
    except (UnicodeDecodeError, YAMLError) as exc:
        raise PolicyPressError(
            f"{name}: cannot be read ({exc.__class__.__name__}); run 'policypress check' "
            "and fix it first"
        ) from None
    if not isinstance(root, MappingNode):
        raise PolicyPressError(f"{name}: is not a section file; run 'policypress check'")
    return SourceFile(path, name, text, root, raw.startswith(b"\xef\xbb\xbf"), crlf)


def _section_files(root: Path, document) -> list[Path]:
    """The document's section and appendix files, in order, as the loader read them (each
    top-level part is named by its file, relative to `root`): document.yaml is read once."""
    out: list[Path] = []
    for section in document.sections + document.appendices:
        path = (root / section.location.file).resolve()
        if path not in out:
            out.append(path)
    return out


def _known(document) -> tuple[dict[str, matching.Known], dict[str, str]]:
    items = comparable.items(document)
    known: dict[str, matching.Known] = {}
    labels: dict[str, str] = {}
    for item in items.values():
        if item.kind not in ("section", "clause", "point", "group"):
            continue
        number = document.numbers.get(item.id, item.number)
        known[item.id] = matching.Known(item.id, item.kind, item.text, number)
        labels[item.id] = item.where or item.number or item.text[:40]
    for section in document.all_sections():
        if section.id in known:
            known[section.id] = matching.Known(section.id, "section", section.title, section.number)
            labels[section.id] = (f"{section.number} {section.title}").strip()
    return known, labels


def _document(content: Path, doc_id: str, path: Path):
    """The document `doc_id`, its folder and the library's frameworks (key: title and names), once
    the file and the content can be read."""
    if path.suffix.lower() != ".docx":
        raise UsageError(
            f"'{path.name}' is not a Word .docx file (save it from Word as a .docx document)"
        )
    if not path.is_file():
        raise UsageError(f"the file '{path}' does not exist")
    folder = _folder(content, doc_id)
    loaded = load_library(content, content.parent)
    document = loaded.library.document(doc_id)
    # another document's errors do not stop it; its own and shared files' do
    problems = concerning(loaded.problems, loaded.library.root, doc_id)
    errors = [p for p in problems if p.severity == "error"]
    if document is None or errors:
        raise ContentError(errors)
    frameworks = {f.key: (f.title, f.names()) for f in loaded.library.frameworks}
    return folder, document, frameworks


def _bookmarked(read: Read, mapped: Mapped, marks: dict[str, str]) -> dict[str, str]:
    """The part of the YAML that each of the Word file's parts names in its bookmark (a long
    id's bookmark ends in a hash, so each is looked up, not read back)."""
    out = {marks[b]: marks[b] for block in read.blocks for b in block.bookmarks if b in marks}
    for _, item_id, _, block in mapped.expected:
        for name in block.bookmarks:
            if name in marks:
                out[item_id] = marks[name]
    return out


def _left_out(mapped: Mapped, cover: list[Block]) -> list[str]:
    """What the importer left out on purpose, but for the cover policypress makes, the tracked
    deletions (listed with their authors) and the standards (compared with the YAML's)."""
    front = {block.where for block in cover}
    return [
        s.said()
        for s in mapped.skipped
        if not s.lost
        and "tracked deletions" not in s.reason
        and "standards" not in s.reason
        and s.where not in front
        and not (front and "table of contents" in s.reason)
    ]


def _whole_sections(top: list[dict], roots: dict[str, SourceFile]) -> list[str]:
    """A section added or taken out as a whole: a file of its own, left to the owner."""
    out = [
        f"the part {excerpt(node.get('title', ''))} is new: a whole new section needs its own "
        "file (add it by hand, then run 'policypress add-ids')"
        for node in top
        if node["id"] not in roots
    ]
    targets = {node["id"] for node in top}
    out += [
        f"{file.name}: this section is not in the Word file; remove it from document.yaml by "
        "hand if that is meant"
        for root_id, file in roots.items()
        if root_id not in targets
    ]
    return out


SAME = 0.3  # the least share of a document's parts a Word copy of it must still have


def _same_document(path: Path, doc_id: str, known: dict, targets: dict) -> None:
    """Refuse a Word file that is another document: most of its parts would be "new"."""
    kept = sum(1 for item in known if item in targets)
    if known and kept < SAME * len(known):
        raise PolicyPressError(
            f"{path.name}: only {kept} of the {len(known)} parts of '{doc_id}' are in this Word "
            "file, so it looks like another document; nothing was changed (check the DOC-ID)"
        )


def amend(content: Path, doc_id: str, path: Path) -> Amended:
    """What `path` changes in the document `doc_id`, with the new text of each file."""
    folder, document, frameworks = _document(content, doc_id, path)
    read = read_docx(path)
    files = [_source(p) for p in _section_files(content.parent, document)]
    known, labels = _known(document)
    marks = {bookmark(item): item for item in known}
    cover_blocks, cover = _front_matter(read, {bookmark(_root_id(f)) for f in files}, document)
    mapped = map_document(read, frameworks)
    shown = {item_id: number for _, item_id, number, _ in mapped.expected}
    top, guesses, renamed = matching.match(
        mapped.sections + mapped.appendices, known, _bookmarked(read, mapped, marks), shown
    )
    merge = Merge(files, {n["id"]: n for n, _ in matching.walk(top)})
    _same_document(path, doc_id, known, merge.targets)
    roots = {_root_id(f): f for f in files}
    new_texts: dict[Path, str] = {}
    for node in top:
        if node["id"] in roots:
            file = roots[node["id"]]
            text = apply(file.text, merge.edits(merge.parts[node["id"]]))
            if text != file.text:
                new_texts[file.path] = text
    not_amended = cover + [s.said() for s in mapped.skipped if s.lost]
    not_amended += _whole_sections(top, roots)
    policies = [(p.title, p.url or "") for p in document.associated_policies]
    if any(n.get("kind") == "associated-policies" for n in top) and policies != [
        (p["title"], p.get("url", "")) for p in mapped.policies
    ]:
        not_amended.append(
            "the list of associated policies changed; document.yaml holds it: change "
            "'associated-policies' there by hand"
        )
    not_amended += [
        f"{located.file.name}:{located.line}: {labels.get(located.id, located.id)}: {what} "
        "changed in the Word file; change them in the YAML by hand"
        for located, what in merge.unheld
    ]
    _recheck(files, new_texts, merge.targets)
    written = {f.path: f.written(new_texts[f.path]) for f in files if f.path in new_texts}
    after = _after(content, folder, doc_id, written)
    renumbered = [] if after is None else _typed_numbers(mapped, renamed, shown_numbers(after))
    return Amended(
        merge.changes,
        guesses,
        notes(path, marks),
        not_amended,
        labels,
        written,
        len(cover_blocks),
        _left_out(mapped, cover_blocks),
        renumbered,
    )


def _front_matter(read: Read, tops: set[str], document) -> tuple[list[Block], list[str]]:
    """In a Word file policypress made, leave out everything before the bookmark of the first
    section: the cover, the contents and the summary of changes, which policypress makes again
    at each build. Word and LibreOffice keep bookmarks, whatever they do to the styles. A title
    or subtitle changed on the cover is said, not dropped: document.yaml holds those."""
    start = next((n for n, b in enumerate(read.blocks) if tops & set(b.bookmarks)), 0)
    cover, read.blocks = read.blocks[:start], read.blocks[start:]
    meta = document.meta
    held = {"title": (meta.title, "title"), "subtitle": (meta.document_type, "document-type")}
    said = []
    for block in cover:
        value, key = held.get(block.style.lower(), (None, ""))
        if value is not None and " ".join(block.plain.split()) != " ".join(value.split()):
            said.append(
                f"{block.where} ({excerpt(block.plain)}): the cover now says this, but the cover "
                f"is made from document.yaml; change '{key}' there by hand"
            )
    return cover, said


def _root_id(file: SourceFile) -> str:
    for key, value in file.root.value:
        if key.value == "id":
            return str(value.value)
    return ""


def _after(content: Path, folder: Path, doc_id: str, written: dict[Path, bytes]):
    """The document as it will load once amended (None if it will not load: `check` says why)."""
    with tempfile.TemporaryDirectory(prefix="policypress-amend-") as tmp:
        staged = Path(tmp) / "content"
        staged.mkdir()
        for shared in content.iterdir():
            if shared.is_file():
                shutil.copy2(shared, staged / shared.name)
        shutil.copytree(folder, staged / folder.name)
        for path, data in written.items():
            (staged / path.resolve().relative_to(content.resolve())).write_bytes(data)
        return load_library(staged, Path(tmp)).library.document(doc_id)


def shown_numbers(document: Document) -> dict[str, str]:
    """Each part's own number as the build prints it beside the part ("2.1", "a)"), by id."""
    out: dict[str, str] = {}

    def points(items: tuple[Point, ...]) -> None:
        for point in items:
            out[point.id] = point.number
            points(point.points)

    for section in document.all_sections():
        out[section.id] = section.number
        points(section.points)
        for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
            out[clause.id] = clause.number
            points(clause.points)
    return out


def _typed_numbers(mapped: Mapped, renamed: dict[str, str], numbers: dict[str, str]) -> list[str]:
    """The parts whose number will not be the one the Word file shows: policypress numbers
    parts by their order (Word does not number typed numbers again when a part is added)."""
    out = []
    for _, item_id, shown, block in mapped.expected:
        now = numbers.get(renamed.get(item_id, ""), "")
        if shown and now and shown.strip().rstrip(".") != now.strip().rstrip("."):
            out.append(f"{block.where} ({block.quoted()}): {shown} in the Word file, now {now}")
    return out


def _recheck(files: list[SourceFile], new_texts: dict[Path, str], targets: dict) -> None:
    """Read the new files again: amending them once more must change nothing."""
    again = []
    for file in files:
        text = new_texts.get(file.path, file.text)
        try:
            root = compose(text)
        except YAMLError:
            root = None
        if not isinstance(root, MappingNode):
            raise PolicyPressError(
                f"{file.name}: the amended file could not be read back, so nothing was "
                "written (please report this, with the Word file)"
            )
        again.append(SourceFile(file.path, file.name, text, root))
    merge = Merge(again, targets)
    for file in again:
        merge.edits(merge.parts[_root_id(file)])
    if merge.changes:
        first = merge.changes[0]
        raise PolicyPressError(
            f"{first.file}: the amended file does not hold the Word file's text (part "
            f"'{first.id}'), so nothing was written (please report this, with the Word file)"
        )


def write(amended: Amended) -> None:
    for path, data in amended.files.items():
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)


__all__ = ["Amended", "Skipped", "amend", "write"]
