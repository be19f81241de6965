"""A document's translation: its text in a second language, kept beside the original.

The translation lives in a folder named by the language's first letters (`cy/` for cy-GB) inside
the document's folder. `cy/document.yaml` holds the document's details in Welsh; each section
file of the original has a file of the same name there (`cy/sections/introduction.yaml`), with
the same ids. Each translated part records, in `translates:`, the fingerprint of the original
text it was written from, so `check` can say which translations are out of date
(`policypress.translations`).

The translated document takes its structure and numbers from the original: each part's text is
taken from the part with the same id in the translation. A part not yet translated keeps the
original's text, and `check` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from policypress.errors import Problem
from policypress.load.yamlfile import YamlFile
from policypress.model import (
    DETAILS,
    Clause,
    Document,
    Group,
    Metadata,
    Point,
    Section,
    TranslatedPart,
    Translation,
    language_folder,
)

PART_LISTS = ("bullets", "numbered", "clauses", "groups", "sections")  # keys holding parts


Read = Callable[[Path, str], YamlFile | None]
ReadSection = Callable[[YamlFile, bool], Section]


@dataclass
class Reading:
    """What reading a translation found: its sections' parts by id, and its problems."""

    parts: list[TranslatedPart] = field(default_factory=list)
    index: dict[str, Section | Clause | Group | Point] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)


def read_translation(
    original: Document,
    language: str,
    folder: Path,
    shown: str,
    files: list[tuple[str, bool]],
    read: Read,
    read_section: ReadSection,
) -> tuple[Translation, list[Problem]]:
    """The translation of `original` into `language`, from `folder` (shown to the user as
    `shown`). `files` are the original's section files, as named in its document.yaml, each
    with whether it is an appendix."""
    found = Reading()
    details_path = folder / "document.yaml"
    meta = replace(original.meta, language=language)
    details = read(details_path, "translation.schema.json") if details_path.is_file() else None
    if details is not None:
        data = details.data
        meta = _details(meta, data)
        translates = data.get("translates")
        found.parts.append(
            TranslatedPart(
                DETAILS, translates if isinstance(translates, str) else "", details.where(data)
            )
        )
    for relative, appendix in files:
        path = folder / relative
        file = read(path, "section.schema.json") if path.is_file() else None
        if file is None:
            found.missing_files.append(relative)
            continue
        _collect(file, file.data, found)
        _index(read_section(file, appendix), found.index)
    document = replace(
        original,
        meta=meta,
        sections=tuple(_section(s, found.index) for s in original.sections),
        appendices=tuple(_section(s, found.index) for s in original.appendices),
        translation=None,
    )
    document.numbers.update(original.numbers)
    translation = Translation(
        language, shown, document, tuple(found.parts), tuple(found.missing_files)
    )
    return translation, found.problems


def _details(meta: Metadata, data: dict) -> Metadata:
    """The document's details, in the translation's words where it gives them."""

    def given(key: str, original: str) -> str:
        value = data.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else original

    return replace(
        meta,
        title=given("title", meta.title),
        organisation=given("organisation", meta.organisation),
        document_type=given("document-type", meta.document_type),
        policy_owner=given("policy-owner", meta.policy_owner),
        approving_body=given("approving-body", meta.approving_body),
        review_period=given("review-period", meta.review_period),
        applies_to=given("applies-to", meta.applies_to),
        summary=given("summary", meta.summary),
    )


def _collect(file: YamlFile, node: Any, found: Reading) -> None:
    """Every part of a translated section file with its `translates:`, refusing an id given twice
    (the second would be lost)."""
    if not isinstance(node, dict):
        return
    part_id = node.get("id")
    if isinstance(part_id, str):
        where = file.where(node, key="id")
        if any(p.id == part_id for p in found.parts):
            found.problems.append(
                Problem(
                    where,
                    "error",
                    "duplicate-id",
                    f"the id '{part_id}' is used twice in the translation",
                    "give each part the id of the part it translates, once",
                )
            )
        translates = node.get("translates")
        found.parts.append(
            TranslatedPart(part_id, translates if isinstance(translates, str) else "", where)
        )
    for key in PART_LISTS:
        items = node.get(key)
        if isinstance(items, list):
            for item in items:
                _collect(file, item, found)


def _index(section: Section, index: dict[str, Section | Clause | Group | Point]) -> None:
    index.setdefault(section.id, section)
    for point in _points(section.points):
        index.setdefault(point.id, point)
    for group in section.groups:
        index.setdefault(group.id, group)
    for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
        index.setdefault(clause.id, clause)
        for point in _points(clause.points):
            index.setdefault(point.id, point)
    for sub in section.sections:
        _index(sub, index)


def _points(points: tuple[Point, ...]) -> Iterator[Point]:
    for point in points:
        yield point
        yield from _points(point.points)


def _section(section: Section, index: dict) -> Section:
    """`section` with the translated text of every part found in `index`."""
    own = index.get(section.id)
    if isinstance(own, Section):
        section = replace(
            section,
            title=own.title or section.title,
            principle=own.principle or section.principle,
            intro=own.intro or section.intro,
            lead_in=own.lead_in or section.lead_in,
            closing=own.closing or section.closing,
        )
    return replace(
        section,
        points=_merge_points(section.points, index),
        clauses=tuple(_clause(c, index) for c in section.clauses),
        groups=tuple(_group(g, index) for g in section.groups),
        sections=tuple(_section(s, index) for s in section.sections),
    )


def _group(group: Group, index: dict) -> Group:
    own = index.get(group.id)
    audience = own.audience if isinstance(own, Group) and own.audience else group.audience
    return replace(
        group, audience=audience, clauses=tuple(_clause(c, index) for c in group.clauses)
    )


def _clause(clause: Clause, index: dict) -> Clause:
    own = index.get(clause.id)
    if isinstance(own, Clause):
        clause = replace(
            clause,
            text=own.text or clause.text,
            more=own.more or clause.more,
            closing=own.closing or clause.closing,
        )
    return replace(clause, points=_merge_points(clause.points, index))


def _merge_points(points: tuple[Point, ...], index: dict) -> tuple[Point, ...]:
    out = []
    for point in points:
        own = index.get(point.id)
        text = own.text if isinstance(own, Point) and own.text.source else point.text
        out.append(replace(point, text=text, points=_merge_points(point.points, index)))
    return tuple(out)


def no_translation_here(file: YamlFile, data: dict) -> list[Problem]:
    """`translates:` in an original's file would be ignored: say so rather than drop it."""
    problems = []
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        if "translates" in node:
            problems.append(
                Problem(
                    file.key_where(node, "translates"),
                    "error",
                    "not-a-translation",
                    "'translates' belongs in a translation's files, but this is the original",
                    "remove it here; put the translated text in the translation's folder (see "
                    "docs/welsh.md)",
                )
            )
        for key in PART_LISTS:
            if isinstance(node.get(key), list):
                stack.extend(node[key])
    return problems


def unknown_language(file: YamlFile, data: dict) -> list[Problem]:
    """A translation into the original's own language could never be told apart from it."""
    language = data.get("language") or "en-GB"
    other = data.get("translation")
    if not isinstance(other, str) or language_folder(other) != language_folder(language):
        return []
    return [
        Problem(
            file.where(data, key="translation"),
            "error",
            "same-language",
            f"the translation's language '{other}' is the document's own language '{language}'",
            "write the other language, such as cy-GB for a document in English",
        )
    ]
