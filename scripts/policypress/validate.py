"""Checks that need the whole document model: ids, cross-references and the wording itself.

`validate(result)` returns problems; it never raises. Errors stop a build; warnings (placeholders,
doubled words, empty clauses) are for the policy owner to fix before approval, and
`policypress check --strict` turns them into errors. Readability advice (long sentences, words
with a plainer alternative) has its own severity, `advice`: it is listed, but --strict does not
count it, since a faithful copy of an approved text may keep its wording until it is next revised.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import replace

from policypress import translations
from policypress.errors import Location, Problem
from policypress.load.loader import LoadResult
from policypress.load.yamlfile import YamlFile
from policypress.model import Clause, Document, Point, Text
from policypress.readability import doubled_words, placeholders, readability


def _ids(document: Document) -> Iterator[tuple[str, Location]]:
    def points(items: tuple[Point, ...]) -> Iterator[tuple[str, Location]]:
        for point in items:
            yield point.id, point.location
            yield from points(point.points)

    for section in document.all_sections():
        yield section.id, section.location
        yield from points(section.points)
        for group in section.groups:
            yield group.id, group.location
        for clause in _clauses(section):
            yield clause.id, clause.location
            yield from points(clause.points)


def _clauses(section) -> tuple[Clause, ...]:
    return section.clauses + tuple(c for g in section.groups for c in g.clauses)


def validate(result: LoadResult) -> list[Problem]:
    problems: list[Problem] = []
    files = result.files

    def locate(text: Text, needle: str) -> Location:
        file = files.get(text.location.file)
        return file.find(needle, text.location) if file else text.location

    for document in result.library.documents:
        problems += _duplicate_ids(document)
        # (the part it is on, the warning): a policy owner may accept a warning
        reference_problems, warnings = _text_checks(document, locate)
        problems += reference_problems
        warnings += _meta_placeholders(document, files.get(f"{document.folder}/document.yaml"))
        warnings += _empty_parts(document)
        problems += accept(document, warnings)
        problems += translations.problems(document)
        problems += _translated_references(document, locate)
    return problems


def _translated_references(
    document: Document, locate: Callable[[Text, str], Location]
) -> list[Problem]:
    """A cross-reference in a translation's own text must point to a part, as in the
    original's (the original's texts are checked above)."""
    if document.translation is None:
        return []
    folder = document.translation.folder + "/"
    own = [
        t for _, t in document.translation.document.texts() if t.location.file.startswith(folder)
    ]
    return [
        Problem(
            locate(text, f"[[{ref.target}]]"),
            "error",
            "broken-reference",
            f"the cross-reference [[{ref.target}]] points to no clause in this document",
            "use the id of a section or clause in this document",
        )
        for text in own
        for ref in text.refs()
        if ref.target not in document.numbers
    ]


def _duplicate_ids(document: Document) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Location] = {}
    for item_id, where in _ids(document):
        if not item_id:
            continue
        if item_id in seen:
            problems.append(
                Problem(
                    where,
                    "error",
                    "duplicate-id",
                    f"the id '{item_id}' is used twice in this document (first at {seen[item_id]})",
                    "give one of them a new id: ids must be unique within a document",
                )
            )
        else:
            seen[item_id] = where

    return problems


def _text_checks(
    document: Document, locate: Callable[[Text, str], Location]
) -> tuple[list[Problem], list[tuple[str, Problem]]]:
    """(broken cross-references, warnings on the text: readability, placeholders, doubled
    words)."""
    problems: list[Problem] = []
    warnings: list[tuple[str, Problem]] = []
    known = sorted(document.numbers)
    for owner, text in document.texts():
        warnings += readability(owner, text, locate)
        for ref in text.refs():
            if ref.target not in document.numbers:
                close = difflib.get_close_matches(ref.target, known, n=1, cutoff=0.6)
                problems.append(
                    Problem(
                        locate(text, f"[[{ref.target}]]"),
                        "error",
                        "broken-reference",
                        f"the cross-reference [[{ref.target}]] points to no clause in this "
                        "document",
                        f"did you mean [[{close[0]}]]?"
                        if close
                        else "use the id of a section or clause in this document",
                    )
                )
        for found in placeholders(text.source):
            warnings.append(
                (
                    owner,
                    Problem(
                        locate(text, found),
                        "warning",
                        "placeholder",
                        f"placeholder '{found}' left in the text",
                        "replace it with the real wording before approval",
                    ),
                )
            )
        for found in doubled_words(text.source):
            warnings.append(
                (
                    owner,
                    Problem(
                        locate(text, found),
                        "warning",
                        "doubled-word",
                        f"the word '{found.split()[0].strip(',;:')}' is repeated: '{found}'",
                        "delete one of them, or, if the approved original has it, accept "
                        "the warning "
                        f"in {document.folder}/decisions.yaml",
                    ),
                )
            )

    return problems, warnings


def _meta_placeholders(document: Document, file: YamlFile | None) -> list[tuple[str, Problem]]:
    warnings: list[tuple[str, Problem]] = []
    meta_file = f"{document.folder}/document.yaml"
    for key, value in (
        ("review-period", document.meta.review_period),
        ("policy-owner", document.meta.policy_owner),
        ("approving-body", document.meta.approving_body),
        ("title", document.meta.title),
        ("organisation", document.meta.organisation),
        ("document-type", document.meta.document_type),
        ("summary", document.meta.summary),
        ("applies-to", document.meta.applies_to),
    ):
        for found in placeholders(value):
            where = file.where(file.data, key=key) if file else Location(meta_file)
            warnings.append(
                (
                    f"meta:{key}",
                    Problem(
                        where,
                        "warning",
                        "placeholder",
                        f"'{key}' is still a placeholder ('{found}')",
                        "fill it in before approval",
                    ),
                )
            )

    return warnings


def _empty_parts(document: Document) -> list[tuple[str, Problem]]:
    warnings: list[tuple[str, Problem]] = []
    for section in document.all_sections():
        if section.kind == "text" and not (
            section.intro
            or section.principle
            or section.lead_in
            or section.closing
            or section.points
            or _clauses(section)
            or section.sections
        ):
            warnings.append(
                (
                    section.id,
                    Problem(
                        section.location,
                        "warning",
                        "empty-section",
                        f"section {section.number} '{section.title}' has no text"
                        if section.number
                        else f"the heading '{section.title}' has nothing under it",
                        "add its clauses, or remove it from document.yaml",
                    ),
                )
            )
        for clause in _clauses(section):
            if (clause.text is None or not clause.text.source.strip()) and not (
                clause.points or clause.more
            ):
                warnings.append(
                    (
                        clause.id,
                        Problem(
                            clause.location,
                            "warning",
                            "empty-clause",
                            f"clause {clause.number} ('{clause.id}') has no text",
                            "write its wording after 'text: >-', or delete the clause",
                        ),
                    )
                )
    return warnings


META_KEYS = ("review-period", "policy-owner", "approving-body", "title", "summary", "applies-to")


def accept(document: Document, warnings: list[tuple[str, Problem]]) -> list[Problem]:
    """The warnings, with those a policy owner accepted (decisions.yaml) marked 'accepted', plus
    a warning for each acceptance that matches no warning (fixed since, or a wrong id)."""
    by_key = {(a.part, a.warning): a for a in document.accepted}
    used: set[tuple[str, str]] = set()
    out = []
    for part, problem in warnings:
        accepted = by_key.get((part, problem.code))
        if accepted is None:
            out.append(problem)
            continue
        used.add((part, problem.code))
        out.append(
            replace(
                problem, severity="accepted", hint=f"accepted by {accepted.by}: {accepted.reason}"
            )
        )
    parts = set(document.numbers) | {f"meta:{key}" for key in META_KEYS}
    for accepted in document.accepted:
        if (accepted.part, accepted.warning) in used:
            continue
        if accepted.part not in parts:
            close = difflib.get_close_matches(accepted.part, sorted(parts), n=1, cutoff=0.6)
            out.append(
                Problem(
                    accepted.location,
                    "warning",
                    "unknown-part",
                    f"the part '{accepted.part}' does not exist in {document.id}, so its accepted "
                    f"'{accepted.warning}' warning applies to nothing",
                    (f"did you mean '{close[0]}'? " if close else "")
                    + "check the id: it is the 'id' of "
                    "a section, clause, item or group, or meta:<key> for a detail in document.yaml",
                )
            )
        else:
            out.append(
                Problem(
                    accepted.location,
                    "warning",
                    "accepted-unused",
                    f"the accepted '{accepted.warning}' warning on '{accepted.part}' in "
                    f"{document.id} "
                    "no longer matches any warning: the text was changed",
                    "delete this entry from decisions.yaml",
                )
            )
    return out
