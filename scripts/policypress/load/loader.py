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

from policypress.cache import Cache
from policypress.errors import Location, Problem
from policypress.load import numbering
from policypress.load.links import document_folders, stray_links
from policypress.load.modelcache import cached_model, model_key, store_model
from policypress.load.reader import METADATA_FILE, STANDARDS_FILE
from policypress.load.scheme import read_scheme
from policypress.load.site import SITE_FILE, contact, placeholders, read_site
from policypress.load.structure import StructureReader
from policypress.load.translation import (
    no_translation_here,
    read_translation,
    unknown_language,
)
from policypress.load.values import dicts, listed, string
from policypress.load.yamlfile import YamlFile
from policypress.model import (
    AssociatedPolicy,
    Document,
    Framework,
    Library,
    Metadata,
    NumberingName,
    Section,
    language_folder,
)


@dataclass
class LoadResult:
    library: Library
    problems: list[Problem]
    files: dict[str, YamlFile] = field(default_factory=dict)
    cached: int = 0  # documents taken from the model cache (their files are not in `files`)
    keys: dict[str, str] = field(default_factory=dict)  # document folder -> its model's cache key


@cache
def doc_id_for(folder_name: str) -> str:
    """The id (and URL and output folder name) of the document kept in `folder_name`."""
    return re.sub(r"[^a-z0-9]+", "-", folder_name.lower()).strip("-")


class _Loader(StructureReader):
    """A document: its details, its structure (structure.py) and its translation."""

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
        self.scheme, problems = read_scheme(file)
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
    keys: dict[str, str] = {}
    folders, problems = document_folders(content, loader.name)
    loader.problems += problems
    for folder in (f for f in folders if f.name not in (STANDARDS_FILE, SITE_FILE)):
        loader.problems += stray_links(folder, loader.name)
        # the model's key, with or without a cache: the same document has the same digest
        key = model_key(folder, loader.name(folder), (frameworks, site.contact))
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
        keys[document.folder] = key
    library = Library(loader.name(content), tuple(documents), frameworks, site)
    return LoadResult(library, loader.problems, loader.files, cached, keys)


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
