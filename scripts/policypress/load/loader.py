"""Read `content/` into a `Library`: every file parsed, schema-checked and turned into the model.

Loading never stops at the first problem: a file that cannot be read is reported and skipped, and
parts of a file with the wrong shape are left out of the model, so `policypress check` can list
everything a policy owner needs to fix in one go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from policypress.cache import Cache
from policypress.errors import Location, Problem
from policypress.load import numbering
from policypress.load.links import document_folders, stray_links
from policypress.load.modelcache import cached_model, model_key, store_model
from policypress.load.reader import METADATA_FILE, STANDARDS_FILE, FileReader
from policypress.load.site import SITE_FILE, contact, placeholders, read_site
from policypress.load.translation import (
    no_translation_here,
    read_translation,
    unknown_language,
)
from policypress.load.values import dicts, listed, string
from policypress.load.yamlfile import YamlFile
from policypress.model import (
    CHILDREN,
    AssociatedPolicy,
    Clause,
    Document,
    Framework,
    Group,
    Library,
    Metadata,
    NumberingName,
    Paragraph,
    Point,
    Section,
    SectionKind,
    Text,
    language_folder,
)


@dataclass
class LoadResult:
    library: Library
    problems: list[Problem]
    files: dict[str, YamlFile] = field(default_factory=dict)
    cached: int = 0  # documents taken from the model cache (their files are not in `files`)


def children_order(node: dict[str, Any]) -> tuple[str, ...]:
    """The order a section's clauses, groups and subsections are written in (each kind kept
    together); kinds it does not hold follow in the usual order."""
    written = [k for k in node if k in CHILDREN and node[k]]
    if written == [k for k in CHILDREN if k in written]:
        return CHILDREN  # the usual order
    return tuple(written + [k for k in CHILDREN if k not in written])


@cache
def doc_id_for(folder_name: str) -> str:
    """The id (and URL and output folder name) of the document kept in `folder_name`."""
    return re.sub(r"[^a-z0-9]+", "-", folder_name.lower()).strip("-")


SECTION_KINDS: dict[str, SectionKind] = {
    "version-control": "version-control",
    "associated-policies": "associated-policies",
}


class _Loader(FileReader):
    """A document's structure (sections, clauses, points) and the document itself."""

    def points(
        self, file: YamlFile, node: dict[str, Any], items: tuple[str, ...], level: int = 1
    ) -> tuple[Point, ...]:
        """Bullets, then numbered sub-items in the style of their `level` (1 = the first list)."""
        points: list[Point] = []
        for key, numbered in (("bullets", False), ("numbered", True)):
            for index, (_, item) in enumerate(dicts(node.get(key)), start=1):
                text = self.text(
                    file,
                    item,
                    "text",
                    "a bullet's text" if key == "bullets" else "a numbered item's text",
                )
                if text is None:
                    continue
                style = numbering.item_style(items, level) if numbered else ""
                points.append(
                    Point(
                        string(item.get("id")),
                        numbering.item_marker(style, index) if numbered else "",
                        text,
                        self.points(file, item, items, level + 1 if numbered else level),
                        file.where(item, key="id") if "id" in item else file.where(item),
                        style,
                        index if numbered else 0,
                    )
                )
        return tuple(points)

    def own_items(
        self, file: YamlFile, node: dict[str, Any], items: tuple[str, ...]
    ) -> tuple[str, ...]:
        own, problems = numbering.item_styles(file, node)
        self.problems += problems
        return own or items

    def clause(
        self,
        file: YamlFile,
        node: dict[str, Any],
        counter: numbering.Counter | None,
        items: tuple[str, ...],
        heading: str,
    ) -> Clause:
        where = file.where(node, key="id") if "id" in node else file.where(node)
        number = counter.next()[0] if counter else ""
        if counter is None:
            self.problems.append(
                Problem(
                    where,
                    "error",
                    "no-number",
                    f"clause '{string(node.get('id'))}' is under the unnumbered heading "
                    f"'{heading}', so it "
                    "has no number to follow",
                    "write it as a paragraph of 'intro' instead, or remove 'unnumbered: true' "
                    f"from '{heading}'",
                )
            )
        blocks = self.prose(file, node, "text")
        text: Text | None = None
        if isinstance(node.get("text"), str):
            text = (
                blocks[0].text
                if blocks and isinstance(blocks[0], Paragraph)
                else Text("", (), file.where(node, key="text"))
            )
        more = blocks[1:] if blocks and isinstance(blocks[0], Paragraph) else blocks
        return Clause(
            string(node.get("id")),
            number,
            text,
            self.points(file, node, self.own_items(file, node, items)),
            where,
            more=more,
            closing=self.prose(file, node, "closing"),
        )

    def group(
        self,
        file: YamlFile,
        group: dict[str, Any],
        counter: numbering.Counter | None,
        items: tuple[str, ...],
        blame: str,
    ) -> Group:
        """An audience or topic heading and the clauses under it, numbered on."""
        return Group(
            string(group.get("id")),
            string(group.get("audience")),
            tuple(
                self.clause(file, c, counter, items, blame) for _, c in dicts(group.get("clauses"))
            ),
            file.where(group, key="id") if "id" in group else file.where(group),
        )

    def section(
        self,
        file: YamlFile,
        node: dict[str, Any],
        level: int,
        own: numbering.Counter | None,
        inherited: numbering.Counter | None,
        frameworks: dict[str, Framework],
        appendix: bool = False,
        items: tuple[str, ...] = numbering.DEFAULT_ITEMS,
        outer: str = "",
    ) -> Section:
        """A section (level 1) or subsection. `own` gives its number; an unnumbered heading takes
        none and its parts number on from `inherited`, the counter of the heading around it."""
        where = file.where(node, key="id") if "id" in node else file.where(node)
        title = string(node.get("title")).strip()
        start = node.get("start") if type(node.get("start")) is int else None
        if node.get("unnumbered") is True:
            number, counter = "", inherited
            if start is not None:
                self.problems.append(
                    Problem(
                        file.where(node, key="start"),
                        "error",
                        "no-number",
                        f"'{title}' is unnumbered, so 'start' has no number to set",
                        "remove 'start', or remove 'unnumbered: true'",
                    )
                )
        elif own is None:
            number, counter = "", None
            self.problems.append(
                Problem(
                    where,
                    "error",
                    "no-number",
                    f"'{title}' is under the unnumbered heading '{outer}', so it has no number "
                    "to follow",
                    f"add 'unnumbered: true' to '{title}' too, or remove it from '{outer}'",
                )
            )
        else:
            number, bare = own.next(start)
            counter = self.scheme.children(bare, level, appendix)
        items = self.own_items(file, node, items)
        blame = title if node.get("unnumbered") is True else outer  # why there is no counter
        order = children_order(node)
        built: dict[str, tuple] = {}
        for key in order:  # numbered in the order written, as every output shows them
            if key == "clauses":
                built[key] = tuple(
                    self.clause(file, c, counter, items, blame)
                    for _, c in dicts(node.get("clauses"))
                )
            elif key == "groups":
                built[key] = tuple(
                    self.group(file, group, counter, items, blame)
                    for _, group in dicts(node.get("groups"))
                )
            else:
                built[key] = tuple(
                    self.section(
                        file, sub, level + 1, counter, counter, frameworks, appendix, items, blame
                    )
                    for _, sub in dicts(node.get("sections"))
                )
        clauses, groups, subsections = built["clauses"], built["groups"], built["sections"]
        return Section(
            id=string(node.get("id")),
            number=number,
            title=title,
            level=level,
            kind=SECTION_KINDS.get(string(node.get("kind")), "text"),
            standards=self.standard_links(file, node, frameworks),
            principle=self.prose(file, node, "principle"),
            intro=self.prose(file, node, "intro"),
            lead_in=self.text(file, node, "lead-in", "a lead-in"),
            points=self.points(file, node, items),
            closing=self.prose(file, node, "closing"),
            clauses=clauses,
            groups=groups,
            sections=subsections,
            order=order,
            appendix=appendix,
            location=where,
        )

    # -- documents ---------------------------------------------------------------------------
    def document(self, folder: Path, frameworks: dict[str, Framework]) -> Document | None:
        meta_path = folder / METADATA_FILE
        if not meta_path.is_file():
            self.problems.append(
                Problem(
                    Location(self.name(folder)),
                    "error",
                    "no-metadata",
                    f"the document folder has no {METADATA_FILE}",
                    f"add {METADATA_FILE} with the document's title, owner and sections "
                    "(copy one from another document), or move the folder out of content/",
                )
            )
            return None
        file = self.read(meta_path, "document.schema.json")
        if file is None:
            return None
        data = file.data
        self.scheme, problems = numbering.read_scheme(file)
        self.problems += problems
        self.problems += unknown_language(file, data)
        sections, files = self.sections_listed(folder, file, frameworks)
        meta = _metadata(data, self.scheme.name)
        decisions, accepted = self.decisions(folder)
        policies = tuple(
            AssociatedPolicy(string(p.get("title")).strip(), string(p.get("url")))
            for _, p in dicts(data.get("associated-policies"))
        )
        self.problems += placeholders(file, data.get("contact"))
        document = Document(
            id=doc_id_for(folder.name),
            folder=self.name(folder),
            meta=meta,
            sections=tuple(s for s in sections if not s.appendix),
            appendices=tuple(s for s in sections if s.appendix),
            associated_policies=policies,
            decisions=decisions,
            accepted=accepted,
            consultations=self.consultations(folder),
            before_git=self.before_git(folder),
            contact=contact(data.get("contact")) or self.contact,
        )
        document.numbers.update(numbering.numbers_of(document))
        self.problems += numbering.repeated_numbers(document, self.scheme)
        language = data.get("translation")
        if isinstance(language, str) and not unknown_language(file, data):
            return self.translated(document, language, folder, files, frameworks)
        return document

    def sections_listed(
        self, folder: Path, file: YamlFile, frameworks: dict[str, Framework]
    ) -> tuple[list[Section], list[tuple[str, bool]]]:
        """The sections and appendices document.yaml lists, and each one's file with whether it
        is an appendix."""
        data = file.data
        sections: list[Section] = []
        files: list[tuple[str, bool]] = []
        for key, appendix in (("sections", False), ("appendices", True)):
            counter = self.scheme.appendix() if appendix else self.scheme.top()
            for index, relative in enumerate(listed(data.get(key))):
                if not isinstance(relative, str) or not relative.endswith(".yaml"):
                    continue
                path = self.inside(folder, relative, file, data[key], index)
                section_file = self.read(path, "section.schema.json") if path else None
                if section_file is None:
                    continue
                files.append((relative, appendix))
                self.problems += no_translation_here(section_file, section_file.data)
                sections.append(
                    self.section(
                        section_file,
                        section_file.data,
                        1,
                        counter,
                        None,
                        frameworks,
                        appendix,
                        self.scheme.items,
                    )
                )
        return sections, files

    def translated(
        self,
        document: Document,
        language: str,
        folder: Path,
        files: list[tuple[str, bool]],
        frameworks: dict[str, Framework],
    ) -> Document:
        """`document` with its translation into `language` (see load/translation.py)."""
        counters = {False: self.scheme.top(), True: self.scheme.appendix()}
        where = folder / language_folder(language)

        def read_section(file: YamlFile, appendix: bool) -> Section:
            return self.section(
                file,
                file.data,
                1,
                counters[appendix],
                None,
                frameworks,
                appendix,
                self.scheme.items,
            )

        translation, problems = read_translation(
            document, language, where, self.name(where), files, self.read, read_section
        )
        self.problems += problems
        return replace(document, translation=translation)


def load_library(
    content: Path,
    root: Path | None = None,
    cache: Cache | None = None,
    parse: frozenset[str] = frozenset(),
) -> LoadResult:
    """Load every document under `content` (a folder laid out like `content/`).

    With `cache` (the build cache), a document whose files, standards and loader are unchanged
    since it last loaded without a problem is read from there instead of being parsed again,
    unless its folder's name is in `parse`."""
    root = root or Path.cwd()
    loader = _Loader(content, root)
    frameworks = loader.frameworks()
    site, unfilled = read_site(content, loader.read)
    loader.problems += unfilled
    loader.contact = site.contact
    by_key = {f.key: f for f in frameworks}
    documents: list[Document] = []
    seen: dict[str, str] = {}
    cached = 0
    folders, problems = document_folders(content, loader.name)
    loader.problems += problems
    for folder in (f for f in folders if f.name not in (STANDARDS_FILE, SITE_FILE)):
        loader.problems += stray_links(folder, loader.name)
        key = model_key(folder, loader.name(folder), (frameworks, site.contact)) if cache else ""
        document = cached_model(cache, key) if cache and folder.name not in parse else None
        if document is not None:
            cached += 1
        else:
            before = len(loader.problems)
            document = loader.document(folder, by_key)
            if cache and document is not None and len(loader.problems) == before:
                store_model(cache, key, document)
        if document is None:
            continue
        if document.id in seen:
            loader.problems.append(
                Problem(
                    Location(document.folder),
                    "error",
                    "duplicate-document",
                    f"two documents have the id '{document.id}': {seen[document.id]} and "
                    f"{document.folder}",
                    "rename one of the folders; a document's id comes from its folder's name",
                )
            )
            continue
        seen[document.id] = document.folder
        documents.append(document)
    library = Library(loader.name(content), tuple(documents), frameworks, site)
    return LoadResult(library, loader.problems, loader.files, cached)


def _metadata(data: dict, numbering_name: NumberingName) -> Metadata:
    """The fields of document.yaml that describe the document, tidied."""
    return Metadata(
        title=string(data.get("title")).strip(),
        organisation=string(data.get("organisation")).strip(),
        document_type=string(data.get("document-type")).strip(),
        status="approved" if data.get("status") == "approved" else "draft",
        language=string(data.get("language")) or "en-GB",
        policy_owner=string(data.get("policy-owner")).strip(),
        approving_body=string(data.get("approving-body")).strip(),
        review_period=string(data.get("review-period")).strip(),
        applies_to=string(data.get("applies-to")).strip(),
        summary=string(data.get("summary")).strip(),
        numbering=numbering_name,
    )
