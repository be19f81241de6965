"""Checks that need the whole document model: ids, cross-references and the wording itself.

`validate(result)` returns problems; it never raises. Errors stop a build; warnings (placeholders,
doubled words, empty clauses) are for the policy owner to fix before approval, and
`policypress check --strict` turns them into errors. Readability advice (long sentences, words
with a plainer alternative) has its own severity, `advice`: it is listed, but --strict does not
count it, since a faithful copy of an approved text may keep its wording until it is next revised.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from policypress import translations
from policypress.errors import Location, Problem
from policypress.load.loader import LoadResult
from policypress.load.yamlfile import YamlFile
from policypress.model import Clause, Document, Point, Text
from policypress.plainwords import NOT_ADVISED, forms

# Drafters' placeholders: "<insert roles / group>", "[insert date]", "TBC", "[TBC]", "XX", "???".
# The short ones only count in capitals, so ordinary words are never flagged. No bracket inside
# a placeholder: that keeps the search linear on text such as "<insert<insert<insert...".
PLACEHOLDER = re.compile(
    r"(?i:<\s*insert[^<>]*>|\[\s*insert[^\[\]]*\])|\[?\b(?:TBC|TBA|TBD)\b\]?|\bXX+\b|\?\?\?"
)
DOUBLED = re.compile(r"\b(\w+)\b([\s,;:]+)\b(\1)\b", re.IGNORECASE)


def placeholders(text: str) -> Iterator[str]:
    for match in PLACEHOLDER.finditer(text):
        yield match.group(0)


def doubled_words(text: str) -> Iterator[str]:
    for match in DOUBLED.finditer(text):
        if match.group(1).isdigit():
            continue
        yield match.group(0)


LONGEST_SENTENCE = 25  # words: GOV.UK advises 25 at most
WORD = re.compile(r"\w+(?:['’.,]\w+)*")  # "3.1", "1,000" and "tenant's" are one word each
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9])")


def _hard_words() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Every hard form of the curated list by its first word: (its words, plain alternatives),
    longest first."""
    index: dict[str, list] = {}
    for hard, _, written, _ in forms():
        if " ".join(hard) not in NOT_ADVISED and (hard, written) not in index.get(hard[0], []):
            index.setdefault(hard[0], []).append((hard, written))
    return index


HARD_WORDS = _hard_words()
TOKEN = re.compile(r"\w+(?:['’-]\w+)*")  # "self-assess" is one word, never "assess"


def long_sentences(text: str) -> Iterator[tuple[str, int]]:
    """Each sentence of more than 25 words, with its number of words. A list item without a
    full stop counts as one sentence."""
    for sentence in SENTENCE_END.split(text):
        count = len(WORD.findall(sentence))
        if count > LONGEST_SENTENCE:
            yield sentence.strip(), count


def hard_words(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each word or phrase from the curated list, as written, with its plain alternatives."""
    tokens = list(TOKEN.finditer(text))
    lower = [t.group(0).lower() for t in tokens]
    i = 0
    while i < len(tokens):
        for words, alternatives in HARD_WORDS.get(lower[i], ()):
            if tuple(lower[i : i + len(words)]) == words:
                found = " ".join(text[tokens[i].start() : tokens[i + len(words) - 1].end()].split())
                yield found, alternatives
                i += len(words) - 1
                break
        i += 1


def _start(text: Text, sentence: str, locate) -> Location:
    """Where a sentence starts in its file: found by its first three words as written, or fewer
    when a line break falls between them; the start of the text when not found."""
    words = list(WORD.finditer(sentence))
    for n in (3, 2, 1):
        if len(words) >= n:
            where = locate(text, sentence[: words[n - 1].end()])
            if where != text.location:
                return where
    return text.location


def _readability(owner: str, text: Text, locate) -> Iterator[tuple[str, Problem]]:
    plain = text.plain()
    for sentence, count in long_sentences(plain):
        yield (
            owner,
            Problem(
                _start(text, sentence, locate),
                "advice",
                "hard-to-read",
                f"this sentence has {count} words, which is hard to read: "
                f"'{' '.join(sentence.split()[:8])} …'",
                f"keep sentences to {LONGEST_SENTENCE} words or fewer: split it, or make a list",
            ),
        )
    seen: set[str] = set()
    for found, alternatives in hard_words(plain):
        if found.lower() in seen:
            continue
        seen.add(found.lower())
        capital = found[0].isupper()
        instead = " or ".join(f"'{a[0].upper() + a[1:] if capital else a}'" for a in alternatives)
        yield (
            owner,
            Problem(
                locate(text, found),
                "advice",
                "hard-to-read",
                f"'{found}' is hard to read: write {instead}",
                "it means the same in plain English, and the change is editorial",
            ),
        )


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
        warnings += _readability(owner, text, locate)
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
