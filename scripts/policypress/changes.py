"""Compare two versions of a document part by part and classify every change, with reasons.

`compare(old, new)` is pure: it reads two `Document`s (old may be None: everything is new) and
returns `Change`s. How a change of wording is judged editorial or significant is in `wording`;
how a change is described to readers is in `describe`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from policypress import describe, impacts
from policypress.comparable import Item, items
from policypress.model import Document
from policypress.normalise import defined_abbreviations, joined
from policypress.positions import ORDERED, out_of_order, position_of
from policypress.reasons import Reason, kind_of
from policypress.wording import classify_text, normalised, quoted, words

__all__ = ["Change", "Item", "abbreviations", "classify_text", "compare", "items", "merge", "words"]


def abbreviations(*documents: Document | None) -> dict[str, str]:
    """The abbreviations the documents define ("Chartered Institute of Housing (CIH)")."""
    return defined_abbreviations(
        item.text for document in documents for item in items(document).values()
    )


@dataclass(frozen=True)
class Change:
    """One change between two versions, as the JSON contract describes it."""

    id: str
    number: str
    kind: str  # added, removed, modified, moved, renumbered
    significance: str  # significant, editorial
    reasons: tuple[str, ...]
    before: str | None
    after: str | None
    label: str = ""
    decision: str = ""  # the reason a policy owner recorded for overriding, if one applies
    parent: str = ""  # the id of the section or clause it sits under (for removals, where it was)
    # `before` and `after` as written in the source, [[refs]] as ids (None: as shown). The
    # fingerprint is taken over these, so a decision stays valid when a referenced part is
    # renumbered: the reference means the same part, whatever number it now shows.
    source: tuple[str | None, str | None] | None = None
    where: str = ""  # a label a reader can cite: "3.1, point 12" (see Item.where)
    heading: str = ""  # the number and title of the heading it sits under
    part: str = ""  # what kind of part changed: clause, point, section, text, metadata, ...
    summary: str = (
        ""  # what the policy owner wrote in the Change-summary of the commits that made it
    )
    # One decision made in several places (one commit, one Change-summary): the change in each
    # place, in reading order; this change is then the first of them, standing for them all,
    # and significant if any of them is. Empty for a change in one place.
    parts: tuple[Change, ...] = ()
    # who made it and when (the newest commit since the last approval that changed this part),
    # for the redline's tracked changes; "" when not known (an edit not yet committed)
    author: str = ""
    date: str = ""  # ISO date

    @property
    def description(self) -> str:
        """The one plain-English description of this change that every output shows."""
        return describe.description(self)

    @property
    def why(self) -> str:
        """Why it matters, in sentences."""
        return impacts.why(self)

    @property
    def fingerprint(self) -> str:
        before, after = self.source if self.source is not None else (self.before, self.after)
        data = f"{self.id}\x00{before or ''}\x00{after or ''}".encode()
        return hashlib.sha256(data).hexdigest()[:12]

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "number": self.number,
            "kind": self.kind,
            "significance": self.significance,
            "reasons": list(self.reasons),
            "reason_kinds": [kind_of(reason) or "decision" for reason in self.reasons],
            "before": self.before,
            "after": self.after,
            "words": words(self.before or "", self.after or ""),
            "fingerprint": self.fingerprint,
            "decision": self.decision or None,
            "where": self.where,
            "heading": self.heading,
            "summary": self.summary or None,
            "description": self.description,
            "why": self.why,
        }


def _meaning(change: Change) -> tuple[str, str] | None:
    """The words a change of wording swaps ("50%", "40%"), as a mark of what it means: the
    same swap in several places is one decision. None for anything else."""
    if change.kind != "modified":
        return None
    pair = describe.swap(change.before, change.after, one_side=True)
    return (pair[0].lower(), pair[1].lower()) if pair else None


def merge(changes: list[Change], summaries: dict[str, tuple[str, ...]]) -> list[Change]:
    """One change per decision: the changes whose commits wrote the same `Change-summary:`
    lines (`summaries`: part id -> lines) and that mean the same (the same words swapped, such
    as "50%" for "40%") become one, in the place of the first, with each place in `parts`. A
    summary is shown once: the other changes its commits made keep only the lines no earlier
    change showed (without any, they are described by what changed)."""
    out: list[Change] = []
    first: dict[tuple[tuple[str, ...], tuple[str, str]], int] = {}
    shown: set[str] = set()
    for change in changes:
        lines = summaries.get(change.id, ())
        meaning = _meaning(change)
        if lines and meaning and (lines, meaning) in first:
            lead = out[first[lines, meaning]]
            out[first[lines, meaning]] = replace(
                lead,
                parts=(*(lead.parts or (lead,)), replace(change, summary=lead.summary)),
                significance="significant"
                if "significant" in (lead.significance, change.significance)
                else "editorial",
            )
            continue
        new = [line for line in lines if line not in shown]
        shown.update(lines)
        if lines and meaning:
            first[lines, meaning] = len(out)
        out.append(replace(change, summary=" ".join(new)) if new else change)
    return out


_NOUNS = {
    "section": "section",
    "clause": "clause",
    "point": "item in a list of duties",
    "group": "audience heading",
    "text": "text",
    "standards": "standards link",
    "metadata": "document detail",
}


_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def _shown_reasons(
    reasons: list[str], before: Item, after: Item, old: dict[str, str], new: dict[str, str]
) -> list[str]:
    """`reasons` with each [[ref]] they quote shown as its number, as the texts are shown (the
    new number if the new text refers to it, else the old one).

    The wording rules read the source, where a reference is its id, so a reason can quote
    'openness' where readers see 'B'. An id's words are replaced only when they never appear in
    the texts as shown: then every place they came from is a reference, not prose."""
    if before.shown is None and after.shown is None:
        return reasons
    shown = ""
    in_after = set(_ID.findall(after.text))
    for ref in dict.fromkeys(_ID.findall(before.text + " " + after.text)):
        number = new.get(ref) if ref in in_after else old.get(ref)
        ref_words = ref.replace("-", " ")  # how a reason quotes an id's words
        if not number or not any(ref_words in reason for reason in reasons):
            continue
        shown = shown or f" {quoted(before.display + ' ' + after.display)} "
        if f" {ref_words} " in shown:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(ref_words)}(?!\w)")
        reasons = [_same_kind(reason, pattern.sub(_always(number), reason)) for reason in reasons]
    return reasons


def _same_kind(reason: str, text: str) -> str:
    """`text` as a reason of the same kind as `reason` (a plain string stays plain)."""
    kind = kind_of(reason)
    return Reason(kind, text) if kind else text


def _always(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for re.sub that puts in `text` as it is (no backslash escapes)."""
    return lambda _: text


METADATA_KINDS = {
    "review-period": "how-often",
    "applies-to": "who",
    "approving-body": "who-decides",
}


def _at(item: Item) -> dict[str, Any]:
    return {"where": item.where, "heading": item.heading, "part": item.kind}


def compare(old: Document | None, new: Document) -> list[Change]:
    """Every change from `old` to `new`, in the new document's reading order, removals last."""
    before, after = items(old), items(new)
    defined = abbreviations(old, new)
    moved = out_of_order(before, after)
    numbers = (old.numbers if old else {}, new.numbers)
    changes: list[Change] = []
    for key, item in after.items():
        previous = before.get(key)
        if previous is None:
            if item.kind != "metadata" or old is not None:
                changes.append(
                    Change(
                        key,
                        item.number,
                        "added",
                        "significant",
                        (Reason("added", f"{_NOUNS[item.kind]} added"),),
                        None,
                        item.display,
                        item.label,
                        source=(None, item.text),
                        **_at(item),
                    )
                )
        elif previous.text != item.text:
            significance, reasons = _wording(key, previous, item, defined, numbers)
            changes.append(_kept(key, previous, item, "modified", significance, reasons))
        else:
            position = position_of(key, previous, item, moved, before, after)
            if position is not None:
                changes.append(_kept(key, previous, item, *position))
    for key, item in before.items():
        if key not in after:
            changes.append(
                Change(
                    key,
                    item.number,
                    "removed",
                    "significant",
                    (Reason("removed", f"{_NOUNS[item.kind]} removed"),),
                    item.display,
                    None,
                    item.label,
                    parent=item.parent,
                    source=(item.text, None),
                    **_at(item),
                )
            )
    return _merged(changes, before, after)


def _kept(
    key: str, previous: Item, item: Item, kind: str, significance: str, reasons: list[str]
) -> Change:
    """A change to an item both versions have."""
    return Change(
        key,
        item.number,
        kind,
        significance,
        tuple(reasons),
        previous.display,
        item.display,
        item.label,
        source=(previous.text, item.text),
        **_at(item),
    )


def _wording(
    key: str,
    previous: Item,
    item: Item,
    defined: dict[str, str],
    numbers: tuple[dict[str, str], dict[str, str]],
) -> tuple[str, list[str]]:
    """(significance, reasons) for an item whose text changed."""
    field = key.split(":")[1] if item.kind == "metadata" else ""
    if field in METADATA_KINDS:
        return "significant", [Reason(METADATA_KINDS[field], f"{item.where.lower()} changed")]
    if item.kind == "standards":
        return "significant", [Reason("named", "the standards this section links to changed")]
    if item.kind == "group":
        text = f"who these provisions apply to changed: '{previous.text}' → '{item.text}'"
        return "significant", [Reason("who", text)]
    significance, found = classify_text(previous.text, item.text, defined)
    return significance, _shown_reasons(list[str](found), previous, item, *numbers)


def _merged(changes: list[Change], before: dict[str, Item], after: dict[str, Item]) -> list[Change]:
    """Changes with two points (or clauses) joined into one, keeping both whole, made editorial:
    the one taken out says where it went, the one it joined says what joined it."""
    joins: dict[str, Change] = {}
    for gone in (c for c in changes if c.kind == "removed" and c.part in ORDERED):
        for into in (c for c in changes if c.kind == "modified" and c.part in ORDERED):
            if into.id in joins or after[into.id].parent != before[gone.id].parent:
                continue
            words = [
                normalised(text)
                for text in (before[into.id].text, before[gone.id].text, after[into.id].text)
            ]
            if joined(*words):
                joins[into.id] = gone
                joins[gone.id] = into
                break
    out = []
    for change in changes:
        other = joins.get(change.id)
        if other is None:
            out.append(change)
            continue
        text = (
            f"joined into {other.where}, with both duties kept"
            if change.kind == "removed"
            else f"joined with {other.where} (“{_snippet(other.before)}”), with both duties kept"
        )
        out.append(replace(change, significance="editorial", reasons=(Reason("merged", text),)))
    return out


def _snippet(text: str | None, limit: int = 6) -> str:
    parts = (text or "").split()
    return " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")
