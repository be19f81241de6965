"""The translation's side of each change: for a document in two languages, the Welsh text of
each changed part as it was and as it is, shown beside the English change in the cabinet paper,
the change log and the Welsh "What's changing" page.

Changes are judged on the original only (changes.py). This module never makes a change of its
own: it only looks up, for each change of the original, the same part in the translation, and
says whether that part is up to date with the original now (translations.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from policypress.comparable import items
from policypress.model import DETAILS, Document
from policypress.translations import originals

State = Literal["current", "stale", "missing"]


@dataclass(frozen=True)
class Beside:
    """One changed part in the translation: its text in the last approved version and now (None
    where it had or has no translated text), and whether it is up to date with the original now:
    "current", "stale" (the original changed after it was translated) or "missing"."""

    language: str  # "cy-GB"
    before: str | None
    after: str | None
    state: State


def part_of(key: str) -> str:
    """The translated part that holds a compared piece: "meta:title" is the document's details,
    "visits:intro" its section, "on-arrival:closing" its clause."""
    return DETAILS if key.startswith("meta:") else key.split(":")[0]


def sides(document: Document, old: Document | None, changes: list) -> dict[str, Beside]:
    """Each change's translated side, by the change's id (a change made in several places: each
    place's own); empty for a document in one language."""
    translation = document.translation
    if translation is None:
        return {}
    then = old.translation if old is not None else None
    now_items = items(translation.document)
    then_items = items(then.document) if then is not None else {}
    english = items(document)
    given_now = {p.id: p.translates for p in translation.parts}
    given_then = {p.id for p in then.parts} if then is not None else set()
    fresh = {o.id: o.fingerprint for o in originals(document)}
    out: dict[str, Beside] = {}
    for change in (p for c in changes for p in (c.parts or (c,))):
        if change.id.endswith(":standards"):
            continue  # the standards a section links to are named, not translated
        part = part_of(change.id)
        after = _text(now_items, change.id) if part in given_now else None
        if after is not None and ":" in change.id and english.get(change.id):
            # a section's or clause's running text the translation left out shows the original's
            after = None if after == english[change.id].display else after
        before = _text(then_items, change.id) if part in given_then else None
        if change.after is None:
            state: State = "current"  # taken out: nothing left to translate
        elif after is None:
            state = "missing"
        elif given_now[part] != fresh.get(part):
            state = "stale"
        else:
            state = "current"
        out[change.id] = Beside(translation.language, before, after, state)
    return out


def _text(found: dict, key: str) -> str | None:
    item = found.get(key)
    return item.display if item is not None and item.text else None
