"""Which part of the YAML each part of the Word file is.

A Word file policypress wrote carries each part's id in a bookmark, so those parts match for
certain. Any other part is matched by its text, and by its number when the file shows one:
the same words and number are certain; a close match is taken but listed for the owner to
confirm. A part that matches nothing is new and gets an id as `add-ids` would make it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from policypress import ids

KINDS = {
    "sections": "section",
    "groups": "group",
    "clauses": "clause",
    "bullets": "point",
    "numbered": "point",
}
LISTS = tuple(KINDS)
CLOSE = 0.6  # how alike two texts must be (0 to 1) to be taken as the same part


@dataclass(frozen=True)
class Known:
    """A part of the YAML, as matching needs it."""

    id: str
    kind: str
    text: str
    number: str


@dataclass(frozen=True)
class Guess:
    """A match that is not certain: the owner should confirm it."""

    id: str  # the part of the YAML it was taken as
    number: str  # the number the Word file shows for it ("" for none)
    text: str
    score: float


def plain(markdown: str) -> str:
    """Inline Markdown as the reader sees it: links and emphasis marks left out."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"(?<!\\)[*_`]", "", text).replace("\\", "")


def words(text: str) -> list[str]:
    return ids.words_of(text)


def _text(node: dict) -> str:
    for key in ("title", "audience", "text", "lead-in"):
        if isinstance(node.get(key), str) and node[key].strip():
            return node[key]
    return ""


def walk(nodes: list[dict], kind: str = "section"):
    """(node, kind) for every part, in reading order."""
    for node in nodes:
        yield node, kind
        for key in LISTS:
            yield from walk(node.get(key) or [], KINDS[key])


def _alike(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, words(a), words(b), autojunk=False)
    if matcher.real_quick_ratio() < CLOSE / 2 or matcher.quick_ratio() < CLOSE / 2:
        return 0.0  # too unlike to be taken even with the same number: skip the slow ratio
    return matcher.ratio()


def match(
    top: list[dict],
    known: dict[str, Known],
    bookmarked: dict[str, str],
    numbers: dict[str, str],
) -> tuple[list[dict], list[Guess], dict[str, str]]:
    """The Word file's parts (`top`) with the ids of the YAML parts they are, the matches to
    confirm, and each part's id in the Word file -> its id now. `bookmarked`: the part of the
    YAML each part of the Word file names in its bookmark; `numbers`: the number the file
    shows for each of its parts."""
    parts = list(walk(top))
    chosen: dict[int, str] = {}
    taken: set[str] = set()
    for node, kind in parts:
        own = bookmarked.get(node["id"], "")
        if own in known and known[own].kind == kind and own not in taken:
            chosen[id(node)] = own
            taken.add(own)
    guesses: list[Guess] = []
    free = [(n, k) for n, k in parts if id(n) not in chosen]
    pairs = []
    for node, kind in free:
        text = _text(node)
        shown = numbers.get(node["id"], "").strip().rstrip(".")
        for other in known.values():
            if other.kind != kind or other.id in taken:
                continue
            same_number = bool(shown) and shown == other.number.strip().rstrip(".")
            score = _alike(text, other.text) if text or other.text else 0.0
            exact = bool(words(text)) and words(text) == words(other.text)
            if exact or score >= CLOSE or (same_number and score >= CLOSE / 2):
                rank = (exact, score + (0.2 if same_number else 0.0))
                certain = exact and (same_number or not shown)
                pairs.append((rank, score, certain, node, other, shown))
    pairs.sort(key=lambda p: p[0], reverse=True)
    for _, score, certain, node, other, shown in pairs:
        if id(node) in chosen or other.id in taken:
            continue
        chosen[id(node)] = other.id
        taken.add(other.id)
        if not certain:
            guesses.append(Guess(other.id, shown, plain(_text(node)), round(score, 2)))
    used = set(known) | taken
    for node, _ in parts:
        if id(node) not in chosen:
            fresh = ids.unique(node["id"], used)
            used.add(fresh)
            chosen[id(node)] = fresh
    renamed = {node["id"]: chosen[id(node)] for node, _ in parts}
    return [_renamed(node, chosen) for node in top], guesses, renamed


def _renamed(node: dict, chosen: dict[int, str]) -> dict:
    out: dict = {}
    for key, value in node.items():
        if key == "id":
            out[key] = chosen[id(node)]
        elif key in LISTS and isinstance(value, list):
            out[key] = [_renamed(child, chosen) for child in value]
        else:
            out[key] = value
    return out
