"""What a revised Word file says about its own changes: each tracked insertion and deletion
(who made it and when) and each comment, with the part it sits in.

The parts are found by policypress's bookmarks (one per part, named from its id); in a Word
file policypress did not write, the paragraph's first words say where instead.
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from policypress.importer.blocks import excerpt

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRACKED = {
    f"{W}ins": "insertion",
    f"{W}del": "deletion",
    f"{W}moveTo": "insertion",
    f"{W}moveFrom": "deletion",
}


@dataclass(frozen=True)
class Note:
    kind: str  # "insertion", "deletion" or "comment"
    author: str
    date: str  # as readers write it: "5 December 2026"; "" when Word gave none
    text: str
    part: str  # the id of the part it sits in, "" when not known
    paragraph: str  # the paragraph's first words, quoted


def day(value: str) -> str:
    try:
        when = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return ""
    return f"{when.day} {when:%B %Y}"


def _xml(package: zipfile.ZipFile, name: str):
    try:
        data = package.read(name)
    except KeyError:
        return None
    # the importer has read this file already; entities are never expanded, nothing is fetched
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def _text(element) -> str:
    return "".join(
        " " if t.tag == f"{W}tab" else t.text or ""
        for t in element.iter()
        if t.tag in (f"{W}t", f"{W}delText", f"{W}tab")
    )


def notes(path: Path, bookmarks: dict[str, str]) -> list[Note]:
    """Every tracked change and comment in the body of `path`, in reading order. `bookmarks`:
    bookmark name -> part id."""
    with zipfile.ZipFile(path) as package:
        document = _xml(package, "word/document.xml")
        comments = _xml(package, "word/comments.xml")
    said = {}
    if comments is not None:
        for comment in comments.iter(f"{W}comment"):
            said[comment.get(f"{W}id")] = comment
    out: list[Note] = []
    body = document.find(f"{W}body") if document is not None else None
    if body is None:
        return out
    part, seen = "", set()
    for paragraph in body.iter(f"{W}p"):
        shown = excerpt(_text(paragraph))
        for element in paragraph.iter():
            if element.tag == f"{W}bookmarkStart" and element.get(f"{W}name") in bookmarks:
                part = bookmarks[element.get(f"{W}name")]
            elif element.tag in TRACKED and element.find(f"{W}r") is not None:
                out.append(
                    Note(
                        TRACKED[element.tag],
                        element.get(f"{W}author") or "someone not named",
                        day(element.get(f"{W}date") or ""),
                        _text(element),
                        part,
                        shown,
                    )
                )
            elif element.tag in (f"{W}commentRangeStart", f"{W}commentReference"):
                number = element.get(f"{W}id")
                if number in said and number not in seen:
                    seen.add(number)
                    comment = said[number]
                    out.append(
                        Note(
                            "comment",
                            comment.get(f"{W}author") or "someone not named",
                            day(comment.get(f"{W}date") or ""),
                            " ".join(_text(p) for p in comment.iter(f"{W}p")).strip(),
                            part,
                            shown,
                        )
                    )
    return out
