"""Read `content/` into a `Library`: every file parsed, schema-checked and turned into the model.

Loading never stops at the first problem: a file that cannot be read is reported and skipped, and
parts of a file with the wrong shape are left out of the model, so `policypress check` can list
everything a policy owner needs to fix in one go.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from policypress.errors import Location, Problem, display_path
from policypress.load import numbering
from policypress.load.earlier import read_before_git
from policypress.load.markdown import parse_blocks
from policypress.load.prose import folded_lists, paragraphs
from policypress.load.schema import schema_problems
from policypress.load.site import SITE_FILE, contact, read_site
from policypress.load.yamlfile import YamlFile, read_yaml
from policypress.model import (
    AssociatedPolicy, BeforeGit, Block, Clause, Consultation, Decision, Document, Framework, Group, Library,
    Metadata, Paragraph, Point, Section, Standard, StandardLink, Text, block_texts,
)
from policypress.model import Accepted
from policypress.settings import Contact

METADATA_FILE = "document.yaml"
STANDARDS_FILE = "standards.yaml"
ACCEPTED_ALIASES = {"repeated-word": "doubled-word"}  # what people call it -> the warning's code


@dataclass
class LoadResult:
    library: Library
    problems: list[Problem]
    files: dict[str, YamlFile] = field(default_factory=dict)
    cached: int = 0  # documents taken from the model cache (their files are not in `files`)
    model_keys: set[str] = field(default_factory=set)  # the cache entries of these documents

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@cache
def doc_id_for(folder_name: str) -> str:
    """The id (and URL and output folder name) of the document kept in `folder_name`."""
    return re.sub(r"[^a-z0-9]+", "-", folder_name.lower()).strip("-")


def _s(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, v) for i, v in enumerate(_list(value)) if isinstance(v, dict)]


class _Loader:
    def __init__(self, content: Path, root: Path):
        self.content = content
        self.root = root
        self.problems: list[Problem] = []
        self.files: dict[str, YamlFile] = {}
        self.scheme = numbering.Scheme()  # the numbering of the document being loaded
        self.contact = Contact()  # the site's, for documents without their own

    # -- files -------------------------------------------------------------------------------
    def name(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(self, path: Path, schema: str, mapping: bool = True) -> YamlFile | None:
        file, problems = read_yaml(path, f"{self.name(path.parent)}/{path.name}", self.content,
                                   printed=schema not in ("consultation.schema.json", "decisions.schema.json"))
        self.problems += problems
        if file is None:
            return None
        self.files[file.name] = file
        if mapping and not isinstance(file.data, dict):
            self.problems.append(Problem(
                Location(file.name, 1, 1), "error", "wrong-type",
                f"the file should hold keys such as 'title: ...', but it holds {type(file.data).__name__}",
                "compare it with another file of the same kind"))
            return None
        self.problems += schema_problems(file, schema)
        return file

    def inside(self, base: Path, relative: str, file: YamlFile, node: Any, index: int) -> Path | None:
        """Resolve a file named in YAML, refusing anything that leads outside `content/`."""
        where = file.where(node, index=index)
        candidate = base / relative
        real = candidate.resolve()
        if Path(relative).is_absolute() or not real.is_relative_to(self.content.resolve()):
            link = " through a symbolic link" if candidate.is_symlink() or any(
                p.is_symlink() for p in candidate.parents if p.is_relative_to(base)) else ""
            self.problems.append(Problem(
                where, "error", "path-outside",
                f"'{relative}' leads outside the content folder{link}",
                "keep every file of a document inside its own folder under content/"))
            return None
        if not real.is_file():
            here = sorted(p.relative_to(base).as_posix() for p in base.rglob("*.yaml")
                          if p.name != METADATA_FILE)
            close = difflib.get_close_matches(relative, here, n=1, cutoff=0.6)
            self.problems.append(Problem(
                where, "error", "file-not-found", f"the file '{relative}' does not exist",
                f"did you mean '{close[0]}'?" if close else
                "check the spelling; the file's path is relative to the document's folder"))
            return None
        return real

    # -- text --------------------------------------------------------------------------------
    def prose(self, file: YamlFile, node: dict[str, Any], key: str) -> tuple[Block, ...]:
        """A text field as paragraphs, lists and quotations, whatever YAML style it is written in."""
        value = node.get(key)
        if not isinstance(value, str):
            return ()
        where = file.where(node, key=key)
        self.problems += folded_lists(file, node, key)
        blocks, problems = parse_blocks(paragraphs(value).strip(), where,
                                        lambda needle: file.find(needle, where))
        self.problems += problems
        return blocks

    def text(self, file: YamlFile, node: dict[str, Any], key: str, what: str) -> Text | None:
        """A text field that holds one paragraph (a bullet, a lead-in): anything more is an error,
        never joined on silently."""
        if not isinstance(node.get(key), str):
            return None
        where = file.where(node, key=key)
        blocks = self.prose(file, node, key)
        if not blocks:
            return Text("", (), where)
        if len(blocks) > 1 or not isinstance(blocks[0], Paragraph):
            extra = next((t.source for t in block_texts(blocks[1:] if isinstance(blocks[0], Paragraph)
                                                       else blocks) if t.source), "")
            self.problems.append(Problem(
                file.find(extra.splitlines()[0], where) if extra else where, "error", "one-paragraph-only",
                f"{what} can hold one paragraph only, but this one holds more (a blank line, a list "
                "or a quotation)",
                "join it into one paragraph, or put the text that follows the list under 'closing:' "
                "of the section or clause"))
        return blocks[0].text if isinstance(blocks[0], Paragraph) else None

    # -- standards ---------------------------------------------------------------------------
    def frameworks(self) -> tuple[Framework, ...]:
        path = self.content / STANDARDS_FILE
        if path.is_dir():
            shown = f"{self.name(self.content)}/{STANDARDS_FILE}"
            self.problems.append(Problem(
                Location(shown, 1, 1), "error", "not-a-file", f"{shown} is a folder, not a file",
                f"move what is in the folder away, delete the folder, and write the sets of "
                f"standards in a file named {STANDARDS_FILE}"))
            return ()
        if not (path.exists() or path.is_symlink()):
            return ()  # none; a pipe or device is refused by read()
        file = self.read(path, "standards.schema.json")
        if file is None:
            return ()
        frameworks = []
        for key, value in file.data.items():
            if not isinstance(value, dict):
                continue
            standards = tuple(Standard(_s(s.get("name")), _s(s.get("description")).strip())
                              for _, s in _dicts(value.get("standards")))
            frameworks.append(Framework(str(key), _s(value.get("title")), standards, _s(value.get("url"))))
        return tuple(frameworks)

    def standard_links(self, file: YamlFile, node: dict[str, Any],
                       frameworks: dict[str, Framework]) -> tuple[StandardLink, ...]:
        value = node.get("standards")
        if not isinstance(value, dict):
            return ()
        links = []
        for key, names in value.items():
            framework = frameworks.get(str(key))
            if framework is None:
                known = ", ".join(frameworks) or "none yet"
                self.problems.append(Problem(
                    file.key_where(value, key), "error", "unknown-standard",
                    f"unknown set of standards '{key}'",
                    f"use one defined in content/{STANDARDS_FILE} ({known})"))
                continue
            for index, name in enumerate(_list(names)):
                if not isinstance(name, str):
                    continue
                if name not in framework.names():
                    close = difflib.get_close_matches(name, framework.names(), n=1, cutoff=0.5)
                    self.problems.append(Problem(
                        file.where(names, index=index), "error", "unknown-standard",
                        f"'{name}' is not one of the {framework.title}",
                        (f"did you mean '{close[0]}'? " if close else "")
                        + "the allowed names are: " + ", ".join(framework.names())))
                    continue
                links.append(StandardLink(framework.key, name))
        return tuple(links)

    # -- structure ---------------------------------------------------------------------------
    def points(self, file: YamlFile, node: dict[str, Any], items: tuple[str, ...],
               level: int = 1) -> tuple[Point, ...]:
        """Bullets, then numbered sub-items in the style of their `level` (1 = the first list)."""
        points: list[Point] = []
        for key, numbered in (("bullets", False), ("numbered", True)):
            for index, (_, item) in enumerate(_dicts(node.get(key)), start=1):
                text = self.text(file, item, "text", "a bullet's text" if key == "bullets" else
                                 "a numbered item's text")
                if text is None:
                    continue
                style = numbering.item_style(items, level) if numbered else ""
                points.append(Point(
                    _s(item.get("id")), numbering.item_marker(style, index) if numbered else "", text,
                    self.points(file, item, items, level + 1 if numbered else level),
                    file.where(item, key="id") if "id" in item else file.where(item),
                    style, index if numbered else 0))
        return tuple(points)

    def own_items(self, file: YamlFile, node: dict[str, Any], items: tuple[str, ...]) -> tuple[str, ...]:
        own, problems = numbering.item_styles(file, node)
        self.problems += problems
        return own or items

    def clause(self, file: YamlFile, node: dict[str, Any], counter: numbering.Counter | None,
               items: tuple[str, ...], heading: str) -> Clause:
        where = file.where(node, key="id") if "id" in node else file.where(node)
        number = counter.next()[0] if counter else ""
        if counter is None:
            self.problems.append(Problem(
                where, "error", "no-number",
                f"clause '{_s(node.get('id'))}' is under the unnumbered heading '{heading}', so it "
                "has no number to follow",
                f"write it as a paragraph of 'intro' instead, or remove 'unnumbered: true' from '{heading}'"))
        blocks = self.prose(file, node, "text")
        text: Text | None = None
        if isinstance(node.get("text"), str):
            text = blocks[0].text if blocks and isinstance(blocks[0], Paragraph) else \
                Text("", (), file.where(node, key="text"))
        more = blocks[1:] if blocks and isinstance(blocks[0], Paragraph) else blocks
        return Clause(_s(node.get("id")), number, text,
                      self.points(file, node, self.own_items(file, node, items)), where,
                      more=more, closing=self.prose(file, node, "closing"))

    def section(self, file: YamlFile, node: dict[str, Any], level: int, own: numbering.Counter | None,
                inherited: numbering.Counter | None, frameworks: dict[str, Framework],
                appendix: bool = False, items: tuple[str, ...] = numbering.DEFAULT_ITEMS,
                outer: str = "") -> Section:
        """A section (level 1) or subsection. `own` gives its number; an unnumbered heading takes
        none and its parts number on from `inherited`, the counter of the heading around it."""
        where = file.where(node, key="id") if "id" in node else file.where(node)
        title = _s(node.get("title")).strip()
        start = node.get("start") if type(node.get("start")) is int else None
        if node.get("unnumbered") is True:
            number, counter = "", inherited
            if start is not None:
                self.problems.append(Problem(
                    file.where(node, key="start"), "error", "no-number",
                    f"'{title}' is unnumbered, so 'start' has no number to set",
                    "remove 'start', or remove 'unnumbered: true'"))
        elif own is None:
            number, counter = "", None
            self.problems.append(Problem(
                where, "error", "no-number",
                f"'{title}' is under the unnumbered heading '{outer}', so it has no number to follow",
                f"add 'unnumbered: true' to '{title}' too, or remove it from '{outer}'"))
        else:
            number, bare = own.next(start)
            counter = self.scheme.children(bare, level, appendix)
        items = self.own_items(file, node, items)
        blame = title if node.get("unnumbered") is True else outer  # why there is no counter
        clauses = tuple(self.clause(file, c, counter, items, blame)
                        for _, c in _dicts(node.get("clauses")))
        groups = []
        for _, group in _dicts(node.get("groups")):
            groups.append(Group(
                _s(group.get("id")), _s(group.get("audience")),
                tuple(self.clause(file, c, counter, items, blame)
                      for _, c in _dicts(group.get("clauses"))),
                file.where(group, key="id") if "id" in group else file.where(group)))
        subsections = tuple(self.section(file, sub, level + 1, counter, counter, frameworks, appendix,
                                         items, blame)
                            for _, sub in _dicts(node.get("sections")))
        return Section(
            id=_s(node.get("id")), number=number, title=title, level=level,
            kind=node.get("kind") if node.get("kind") in ("version-control", "associated-policies") else "text",
            standards=self.standard_links(file, node, frameworks),
            principle=self.prose(file, node, "principle"), intro=self.prose(file, node, "intro"),
            lead_in=self.text(file, node, "lead-in", "a lead-in"), points=self.points(file, node, items),
            closing=self.prose(file, node, "closing"),
            clauses=clauses, groups=tuple(groups), sections=subsections, appendix=appendix,
            location=where)

    # -- documents ---------------------------------------------------------------------------
    def document(self, folder: Path, frameworks: dict[str, Framework]) -> Document | None:
        meta_path = folder / METADATA_FILE
        if not meta_path.is_file():
            self.problems.append(Problem(
                Location(self.name(folder)), "error", "no-metadata",
                f"the document folder has no {METADATA_FILE}",
                f"add {METADATA_FILE} with the document's title, owner and sections "
                "(copy one from another document), or move the folder out of content/"))
            return None
        file = self.read(meta_path, "document.schema.json")
        if file is None:
            return None
        data = file.data
        self.scheme, problems = numbering.read_scheme(file)
        self.problems += problems
        sections: list[Section] = []
        for key, appendix in (("sections", False), ("appendices", True)):
            counter = self.scheme.appendix() if appendix else self.scheme.top()
            for index, relative in enumerate(_list(data.get(key))):
                if not isinstance(relative, str) or not relative.endswith(".yaml"):
                    continue
                path = self.inside(folder, relative, file, data[key], index)
                section_file = self.read(path, "section.schema.json") if path else None
                if section_file is None:
                    continue
                sections.append(self.section(section_file, section_file.data, 1, counter, None,
                                             frameworks, appendix, self.scheme.items))
        meta = Metadata(
            title=_s(data.get("title")).strip(), organisation=_s(data.get("organisation")).strip(),
            document_type=_s(data.get("document-type")).strip(),
            status="approved" if data.get("status") == "approved" else "draft",
            language=_s(data.get("language")) or "en-GB",
            policy_owner=_s(data.get("policy-owner")).strip(),
            approving_body=_s(data.get("approving-body")).strip(),
            review_period=_s(data.get("review-period")).strip(),
            applies_to=_s(data.get("applies-to")).strip(), summary=_s(data.get("summary")).strip(),
            numbering=self.scheme.name)
        decisions, accepted = self.decisions(folder)
        policies = tuple(AssociatedPolicy(_s(p.get("title")).strip(), _s(p.get("url")))
                         for _, p in _dicts(data.get("associated-policies")))
        document = Document(
            id=doc_id_for(folder.name), folder=self.name(folder), meta=meta,
            sections=tuple(s for s in sections if not s.appendix),
            appendices=tuple(s for s in sections if s.appendix), associated_policies=policies,
            decisions=decisions, accepted=accepted, consultations=self.consultations(folder),
            before_git=self.before_git(folder), contact=contact(data.get("contact")) or self.contact)
        document.numbers.update(numbering.numbers_of(document))
        self.problems += numbering.repeated_numbers(document)
        return document


    def before_git(self, folder: Path) -> BeforeGit | None:
        found, problems = read_before_git(folder, self.read)
        self.problems += problems
        return found

    def decisions(self, folder: Path) -> tuple[tuple[Decision, ...], tuple[Accepted, ...]]:
        """decisions.yaml: changes recorded as editorial, and warnings accepted on parts."""
        path = folder / "decisions.yaml"
        file = self.read(path, "decisions.schema.json", mapping=False) if path.is_file() else None
        if file is None or not isinstance(file.data, list):
            return (), ()
        records = _dicts(file.data)
        return (tuple(Decision(_s(d.get("clause")), _s(d.get("fingerprint")), _s(d.get("decision")),
                               _s(d.get("reason")).strip(), _s(d.get("by")).strip(), file.where(d))
                      for _, d in records if "warning" not in d),
                tuple(Accepted(_s(d.get("part")).strip(), ACCEPTED_ALIASES.get(_s(d.get("warning")), _s(d.get("warning"))),
                               _s(d.get("reason")).strip(), _s(d.get("by")).strip(), file.where(d))
                      for _, d in records if "warning" in d))

    def consultations(self, folder: Path) -> tuple[Consultation, ...]:
        records = []
        for path in sorted((folder / "consultations").glob("*.yaml")):
            file = self.read(path, "consultation.schema.json")
            if file is None:
                continue
            d = file.data
            self.problems += _dates_in_order(file, d)
            responses = d.get("responses")
            records.append(Consultation(
                _s(d.get("title")).strip(), _s(d.get("opened")), _s(d.get("closed")),
                tuple(_s(c) for c in _list(d.get("consulted"))), _s(d.get("method")).strip(),
                responses if isinstance(responses, int) else None, _s(d.get("summary")).strip(),
                _s(d.get("response")).strip(), _s(d.get("how-to-respond")).strip(),
                _s(d.get("covers")).strip(), file.where(d), file.where(d, "covers")))
        return tuple(records)


def _dates_in_order(file: YamlFile, record: dict) -> list[Problem]:
    """A consultation cannot close before it opens (each date alone is checked by the schema)."""
    dates = [_s(record.get(key)) for key in ("opened", "closed")]
    if not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) for date in dates):
        return []
    try:
        opened, closed = (datetime.date.fromisoformat(date) for date in dates)
    except ValueError:
        return []
    if closed >= opened:
        return []
    return [Problem(file.where(record, "closed"), "error", "dates-out-of-order",
                    f"'closed' ({closed.isoformat()}) is before 'opened' ({opened.isoformat()})",
                    "check the dates: a consultation closes on or after the day it opens")]


def load_library(content: Path, root: Path | None = None, cache: Path | None = None) -> LoadResult:
    """Load every document under `content` (a folder laid out like `content/`).

    With `cache` (a folder), a document whose files, standards and loader are unchanged since
    it last loaded without a problem is read from there instead of being parsed again."""
    root = root or Path.cwd()
    loader = _Loader(content, root)
    frameworks = loader.frameworks()
    site = read_site(content, loader.read)
    loader.contact = site.contact
    by_key = {f.key: f for f in frameworks}
    documents: list[Document] = []
    seen: dict[str, str] = {}
    cached, model_keys = 0, set()
    for folder in sorted(p for p in content.iterdir()
                         if p.is_dir() and not p.name.startswith(".") and p.name not in (STANDARDS_FILE, SITE_FILE)):
        key = _model_key(folder, loader.name(folder), (frameworks, site.contact)) if cache else ""
        document = _cached_model(cache, key) if cache else None
        if key:
            model_keys.add(key)
        if document is not None:
            cached += 1
        else:
            before = len(loader.problems)
            document = loader.document(folder, by_key)
            if cache and document is not None and len(loader.problems) == before:
                _store_model(cache, key, document)
        if document is None:
            continue
        if document.id in seen:
            loader.problems.append(Problem(
                Location(document.folder), "error", "duplicate-document",
                f"two documents have the id '{document.id}': {seen[document.id]} and {document.folder}",
                "rename one of the folders; a document's id comes from its folder's name"))
            continue
        seen[document.id] = document.folder
        documents.append(document)
    library = Library(loader.name(content), tuple(documents), frameworks, site)
    return LoadResult(library, loader.problems, loader.files, cached, model_keys)


# -- the model cache ---------------------------------------------------------------------------
# Parsing YAML with line marks is the slow part of loading (ruamel's round-trip parser is pure
# Python). The cache is local build state under build/.cache/models, never published or committed.

@cache
def code_hash() -> str:
    """policypress's own code, schemas and page templates: a change to any makes every cached
    model and output stale (so a cache never outlives the code that made it, even between
    releases)."""
    import hashlib

    from policypress import __version__

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*package.rglob("*.py"), *package.joinpath("schemas").glob("*.json"),
                        *(p for p in package.joinpath("templates").rglob("*") if p.is_file())]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _model_key(folder: Path, name: str, frameworks: tuple) -> str:
    import hashlib

    digest = hashlib.sha256(f"{code_hash()}\0{name}\0{frameworks!r}\0".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _cached_model(cache: Path, key: str) -> Document | None:
    import pickle

    try:
        return pickle.loads((cache / f"{key}.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def _store_model(cache: Path, key: str, document: Document) -> None:
    import os
    import pickle

    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, cache / f"{key}.pickle")
    except OSError:
        pass  # a cache that cannot be written only costs time
