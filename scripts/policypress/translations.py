"""Which parts of a document's translation are missing or out of date.

Each translated part records, in `translates:`, the fingerprint of the original text it was
written from: a short hash of the part's own words, with runs of spaces and line breaks counted
as one space (so re-wrapping the original's lines changes nothing). When the original's words
change, its fingerprint changes, and the translated part is stale until someone brings it up to
date and copies the new fingerprint. A change to the translation alone never makes it stale.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policypress.errors import Location, Problem
from policypress.model import (
    DETAILS,
    Block,
    Clause,
    Document,
    Point,
    Section,
    Text,
    Translation,
    block_texts,
)

FINGERPRINT = re.compile(r"[a-z]{10}")
LANGUAGES = {"cy": "Welsh", "en": "English"}  # the languages policypress names in its messages


def language_name(tag: str) -> str:
    """ "Welsh" for "cy-GB"; the tag itself for a language policypress does not name."""
    return LANGUAGES.get(tag.split("-")[0].lower(), tag)


@dataclass(frozen=True)
class Original:
    """A part of the original as a translation sees it: its words' fingerprint, where it is,
    how a message names it, and the section file it is in."""

    id: str
    fingerprint: str
    location: Location
    name: str
    texts: tuple[Text, ...]  # its own text fields, to tell which the translation left out


# Letters only, so YAML always reads a fingerprint as text (never as a number such as 1234e5),
# and none that are easily mistaken for another (i, l, o).
LETTERS = "abcdefghjkmnpqrstuvwxyz"


def fingerprint(words: list[str]) -> str:
    """The fingerprint of a part's own words: ten letters."""
    joined = "\n".join(" ".join(w.split()) for w in words)
    digest = int.from_bytes(hashlib.sha256(joined.encode("utf-8")).digest()[:8], "big")
    out = []
    for _ in range(10):
        digest, index = divmod(digest, len(LETTERS))
        out.append(LETTERS[index])
    return "".join(out)


def _sources(texts: tuple[Text, ...]) -> list[str]:
    return [t.source for t in texts]


def _blocks(*blocks: tuple[Block, ...]) -> tuple[Text, ...]:
    return tuple(t for b in blocks for t in block_texts(b))


def originals(document: Document) -> Iterator[Original]:
    """Every part of `document` that a translation must translate, in reading order."""
    meta = document.meta
    details = [
        meta.title,
        meta.organisation,
        meta.document_type,
        meta.policy_owner,
        meta.approving_body,
        meta.review_period,
        meta.applies_to,
        meta.summary,
    ]
    where = Location(f"{document.folder}/document.yaml", 1)
    yield Original(DETAILS, fingerprint(details), where, "the document's details", ())
    for section in document.all_sections():
        yield _section(section)
        for group in section.groups:
            name = f"the heading '{group.audience}'"
            yield Original(group.id, fingerprint([group.audience]), group.location, name, ())
        for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
            yield _clause(clause)
            yield from _points(clause.points, f"clause {clause.number}" if clause.number else "")
        yield from _points(section.points, section.heading)


def _section(section: Section) -> Original:
    texts = (
        _blocks(section.principle, section.intro)
        + ((section.lead_in,) if section.lead_in else ())
        + _blocks(section.closing)
    )
    name = f"section {section.heading}" if section.number else f"the heading '{section.title}'"
    return Original(
        section.id,
        fingerprint([section.title, *_sources(texts)]),
        section.location,
        name,
        texts,
    )


def _clause(clause: Clause) -> Original:
    texts = ((clause.text,) if clause.text else ()) + _blocks(clause.more, clause.closing)
    name = f"clause {clause.number} ({clause.id})" if clause.number else f"the clause '{clause.id}'"
    return Original(clause.id, fingerprint(_sources(texts)), clause.location, name, texts)


def _points(points: tuple[Point, ...], owner: str) -> Iterator[Original]:
    for index, point in enumerate(points, start=1):
        name = f"{owner}, point {point.number or index}"
        yield Original(
            point.id, fingerprint([point.text.source]), point.location, f"{name} ({point.id})", ()
        )
        yield from _points(point.points, name)


def problems(document: Document) -> list[Problem]:
    """Every part of `document`'s translation that is missing, out of date, or translates
    nothing; none for a document in one language."""
    translation = document.translation
    if translation is None:
        return []
    language = language_name(translation.language)
    source = language_name(document.meta.language)
    given = {p.id: p for p in translation.parts}
    found: list[Problem] = []
    missing_files = {f"{document.folder}/{name}" for name in translation.files}
    for name in sorted(missing_files):
        found.append(
            Problem(
                Location(name),
                "warning",
                "translation-missing",
                f"this section has no {language} text yet",
                f"copy it to {translation.folder}/{name.removeprefix(document.folder + '/')}, "
                f"translate each part, and run check again for each part's fingerprint",
            )
        )
    wanted = list(originals(document))
    translated = {o.id: o for o in originals(translation.document)}
    for original in wanted:
        part = given.get(original.id)
        if part is None:
            if original.location.file not in missing_files:
                found.append(_missing(original, translation, language))
            continue
        found += _stale(original, part.translates, part.location, language, source)
        found += _left_out(
            original,
            translated.get(original.id),
            translation.folder,
            part.location,
            language,
            source,
        )
    known = {o.id for o in wanted}
    for part in translation.parts:
        if part.id not in known:
            found.append(
                Problem(
                    part.location,
                    "warning",
                    "translation-unknown-part",
                    f"no part of the {source} has the id '{part.id}', so this {language} text "
                    "is not shown",
                    "give it the id of the part it translates, or delete it if that part was "
                    "removed",
                )
            )
    return found


def _missing(original: Original, translation: Translation, language: str) -> Problem:
    if original.id == DETAILS:
        where = f"{translation.folder}/document.yaml"
        fix = f"write them in {where}, with 'translates: {original.fingerprint}'"
    else:
        file = Path(original.location.file).name
        fix = (
            f"add a part with 'id: {original.id}' and its {language} text to the same file under "
            f"{translation.folder}/ ({file}), with 'translates: {original.fingerprint}'"
        )
    return Problem(
        original.location,
        "warning",
        "translation-missing",
        f"{original.name} {'have' if original.id == DETAILS else 'has'} no {language} text yet",
        fix,
    )


def _stale(
    original: Original, translates: str, where: Location, language: str, source: str
) -> list[Problem]:
    if translates == original.fingerprint or translates and not FINGERPRINT.fullmatch(translates):
        return []  # a value that is no fingerprint is refused by the schema, with its line
    if not translates:
        what = f"the {language} of {original.name} does not say which {source} it translates"
        fix = f"check it against the {source} at {original.location}, then add"
    else:
        what = (
            f"the {language} of {original.name} is out of date: the {source} changed after it "
            "was translated"
        )
        fix = f"bring it up to date with the {source} at {original.location}, then set"
    return [
        Problem(
            where,
            "warning",
            "translation-stale",
            what,
            f"{fix} 'translates: {original.fingerprint}'",
        )
    ]


def _left_out(
    original: Original,
    translated: Original | None,
    folder: str,
    where: Location,
    language: str,
    source: str,
) -> list[Problem]:
    """A text of the original that its translated part does not give: it would be shown in the
    original's language."""
    texts = translated.texts if translated else ()
    if all(t.location.file.startswith(folder + "/") for t in texts if t.source):
        return []
    return [
        Problem(
            where,
            "warning",
            "translation-incomplete",
            f"the {language} of {original.name} leaves out some of its text",
            f"translate every paragraph, list and closing text of the {source} into {language}",
        )
    ]
