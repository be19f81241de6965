"""Each change described once, in plain English, for every output that shows it (the site's
"What's changing" and compare pages, the cabinet paper, changes.md/.csv, the redline's cover).

A description leads with what the policy owner wrote in the `Change-summary:` of the commits
that made the change; without one, it is a sentence made from the change itself: "3.1, point 12
("Declare any gifts…"): wording changed". Reasons read as sentences. Nothing here shows a
reader a git ref, an id or a fingerprint: those stay in the JSON, for tools.

Pure: reads a `changes.Change` (by its fields, so this module imports nothing from changes).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from policypress.cover import about_cover, cover
from policypress.reasons import kind_of
from policypress.wording import RAW, SYMBOLS, UNITS, words

NOUNS = {
    "section": "section",
    "clause": "clause",
    "point": "point",
    "group": "audience heading",
    "text": "text",
    "standards": "links to standards",
    "metadata": "detail",
}

# the classification rules' reasons (see wording.py), as the start of a plain sentence
OPENINGS = (
    ("obligation weakened", "The duty is weaker"),
    ("obligation strengthened", "The duty is stronger"),
    ("obligation changed", "The duty changes"),
    ("obligation word added", "A word that sets a duty is added"),
    ("obligation word removed", "A word that sets a duty is removed"),
    ("negation added", "A word such as “not” is added, which can reverse the meaning"),
    ("negation removed", "A word such as “not” is removed, which can reverse the meaning"),
    ("negation changed", "A word such as “not” changes, which can reverse the meaning"),
    (
        "number, amount, date or time period changed",
        "A number, amount, date or time period changes",
    ),
    ("condition added", "A condition is added"),
    ("condition removed", "A condition is removed"),
    ("condition changed", "A condition changes"),
    ("how often changed", "How often something must happen changes"),
    ("standard changed", "The standard expected changes"),
    ("what people are entitled to changed", "What people are entitled to changes"),
    ("who it applies to changed", "Who it applies to changes"),
    ("who these provisions apply to changed", "Who these provisions apply to changes"),
    ("named role, body, standard or law changed", "A named role, body, standard or law changes"),
    ("words added", "Words are added"),
    ("words removed", "Words are removed"),
    ("wording changed", "The wording changes"),
    ("spelling or grammar corrected", "Spelling or grammar is corrected"),
    ("plain-English wording", "Plainer words with the same meaning"),
    ("preposition corrected", "A small word such as “for” or “to” is corrected"),
    ("grammar corrected", "Grammar is corrected"),
    ("repeated word removed", "A word typed twice is removed"),
    ("repeated word added", "A word is repeated"),
    ("recorded as editorial by", "Recorded as editorial by"),
)
WHOLE = {
    "article added or removed": "A word such as “a” or “the” is added or removed.",
    "capitalisation only": "Only capital letters change.",
    "spacing only": "Only spacing changes.",
    "hyphenation only": "Only hyphens change.",
    "punctuation or capitalisation only": "Only punctuation or capital letters change.",
    "spelling variant (British and American) or punctuation only": "Only a spelling (British or "
    "American) or punctuation changes.",
    "wording tidied": "The wording is tidied; the meaning does not change.",
    "the standards this section links to changed": "The standards this section links to change.",
}
_ARROW = re.compile(r"'(.+?)' → '(.+?)'(?=$|;|,\s)")
_QUOTED = re.compile(r"(?<![\w’'])'(.+?)'(?=$|;|,\s|\s(?:added|removed)\b)")


def _quotes(text: str) -> str:
    text = _ARROW.sub(lambda m: f"“{m[1]}” becomes “{m[2]}”", text)
    return _QUOTED.sub(lambda m: f"“{m[1]}”", text)


def sentence(reason: str) -> str:
    """One classification reason as a sentence: "obligation weakened: 'must' → 'should'" reads
    "The duty is weaker: “must” becomes “should”."."""
    reason = reason.strip()
    if reason in WHOLE:
        return WHOLE[reason]
    for start, opening in OPENINGS:
        if reason.startswith(start):
            rest = _quotes(reason[len(start) :])
            if start in ("words added", "words removed"):  # not "Words are added: “x” added"
                rest = re.sub(rf"” {start.split()[1]}(?=$|;|,)", "”", rest)
            reason = opening + rest
            break
    else:
        added = re.fullmatch(r"(.+) (added|removed)", reason)
        if added and added[1] in {
            *NOUNS.values(),
            "item in a list of duties",
            "document detail",
            "standards link",
        }:
            reason = f"This {added[1]} is {'new' if added[2] == 'added' else 'removed'}"
        else:
            reason = _quotes(reason)
            reason = reason.replace(
                ": it may now apply differently", ", so it may now apply differently"
            )
    reason = reason[:1].upper() + reason[1:]
    return reason if reason.endswith((".", "?", "!")) else reason + "."


def _bare(text: str | None, change) -> str:
    """A document detail's value as part of a sentence: without its closing full stop (so that
    "(was 50%)" can follow it) and, for who it applies to, starting in lower case ("staff
    working within…")."""
    text = (text or "").strip()
    text = text[:-1] if text.endswith(".") and not text.endswith("..") else text
    if change.id == "meta:applies-to" and text[:1].isupper() and text[1:2].islower():
        text = text[:1].lower() + text[1:]
    return text


def _reason(change, reason: str) -> str:
    """One reason as a sentence; a document detail's bare "who it applies to changed" says what
    it now is: "Who it applies to: staff who spend 40% or more … (was 50%)."."""
    label = where(change)
    if (
        change.part == "metadata"
        and change.kind == "modified"
        and reason.lower() == f"{label.lower()} changed"
    ):
        return f"{label}: {generated(change)}".rstrip(".") + "."
    return sentence(reason)


# What a change means for the people the document covers, by the kind of reason that found it
# (reasons.KINDS): who is affected and what they must now do, not the change again, which
# "What changes" already says.
IMPACTS = {
    "duty": "What staff have to do changes: read the new wording.",
    "negation": "The meaning may be reversed: read the new wording carefully.",
    "number": "A figure, limit or deadline is different: anyone this covers must now work to the "
    "new one.",
    "time": "When something must happen changes: anyone this covers must now work to the new "
    "timing.",
    "how-often": "Something must now happen more or less often than before.",
    "condition": "When the duty applies changes: check whether it now applies to you.",
    "scope": "What this covers changes: check whether it now applies to you.",
    "standard": "The standard staff must meet changes.",
    "entitlement": "What people can expect to receive changes.",
    "who": "It changes who this applies to, or who must act: check whether it now applies to you.",
    "who-decides": "A different person or body now decides.",
    "named": "Who is responsible, or the rule referred to, changes: contact the one now named.",
    "punctuation": "The punctuation changes the meaning: read the new wording.",
    "moved": "It now sits under a different heading, so it may apply to different people or "
    "situations.",
}
# the same, by how a reason starts, where its kind says less than its words
OPENING_IMPACTS = (
    ("obligation weakened", "Staff are given more choice: this is no longer a firm duty."),
    ("obligation strengthened", "Staff now have to do this: it becomes a firm duty."),
    (
        "who it applies to changed",
        "It changes who must follow this document: check whether it now applies to you.",
    ),
    (
        "who these provisions apply to changed",
        "It changes who these duties apply to: check whether they now apply to you.",
    ),
    (
        "the standards this section links to changed",
        "The professional standards these duties are linked to change.",
    ),
    ("how often it is reviewed changed", "The document is reviewed on a different timetable."),
    ("who approves it changed", "A different body now approves this document."),
)
ADDED = "This is new: it applies once the change is approved."
REMOVED = "This no longer applies once the change is approved."
WORDING = "What it asks of staff may change: read the new wording."
SAME = "Nobody needs to do anything differently."


def _impact(change, reason: str) -> str:
    """What one reason means for readers; a decision recorded by the policy owner is kept as
    written."""
    low = reason.lower()
    if low.startswith("recorded as editorial by"):
        return sentence(reason)
    if change.significance != "significant":
        return SAME
    if change.kind in ("added", "removed"):
        return ADDED if change.kind == "added" else REMOVED
    if change.id == "meta:applies-to" or (
        kind_of(reason) == "number" and about_cover(change.before)
    ):
        return cover(change.before, change.after)
    found = next((impact for start, impact in OPENING_IMPACTS if low.startswith(start)), "")
    return found or IMPACTS.get(kind_of(reason), WORDING)


def why(change) -> str:
    """Why a change matters to the people the document covers: who is affected and what they
    must now do, in sentences, once each (for a change made in several places, theirs too)."""
    parts = change.parts or (change,)
    found = [_impact(p, r) for p in parts for r in (p.reasons or ("",))]
    if change.significance == "significant":  # a significant part says more than "the same"
        found = [f for f in found if f != SAME] or found
    return " ".join(dict.fromkeys(found))


def reasons(change) -> str:
    """The rules that found the change, as sentences (for tools and the consultation officer):
    "A number, amount, date or time period changes: “50%” becomes “40%”."."""
    parts = change.parts or (change,)
    return " ".join(dict.fromkeys(_reason(p, r) for p in parts for r in p.reasons))


def weight(change) -> str:
    """Significant or editorial, in words."""
    return "Significant" if change.significance == "significant" else "Editorial"


def _listed(labels: list[str]) -> str:
    """ "Who it applies to and clause 2.1": labels after the first start in lower case when they
    are words ("Clause", "The heading of"), as mid-sentence."""
    labels = list(dict.fromkeys(labels))
    labels = labels[:1] + [
        lab[:1].lower() + lab[1:] if lab.startswith(("Clause ", "The ")) else lab
        for lab in labels[1:]
    ]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def wordings(change) -> list[tuple[str, Any]]:
    """(label, part) for each place a change was made: one ("", change) for a change in one
    place; for one decision made in several places, each with its own label."""
    return [(where(p), p) for p in change.parts] if change.parts else [("", change)]


def where(change) -> str:
    """The label a reader can cite and find: "3.1, point 12", "Clause 2.4", "B3", "Who it applies
    to". A clause numbered with figures alone is called a clause ("2.4" could be a section); one
    numbered under a lettered heading is cited by its number, as the document prints it ("B3"),
    whatever the document calls its clauses (provisions, paragraphs). One decision made in
    several places lists them: "Who it applies to and clause 2.1"."""
    if change.parts:
        return _listed([where(p) for p in change.parts])
    label = change.where or change.number or change.label
    if change.part == "clause" and label == change.number and label[:1].isdigit():
        label = f"Clause {label}"
    elif change.part == "section" and label == change.number:
        label = f"The heading of {label}"
    return label[:1].upper() + label[1:]


def place(change) -> str:
    """Where, with the title of the heading it sits under: "3.1, point 12 (3.1 Staff members)"."""
    if change.parts:
        return _listed([place(p) for p in change.parts])
    label = where(change)
    heading = change.heading
    if not heading or heading == label or change.part == "section":
        return label
    number = heading.split(" ", 1)[0]
    title = heading.split(" ", 1)[1] if " " in heading and number[:1].isdigit() else heading
    return f"{label}, under “{title}”" if title not in label else label


def snippet(text: str | None, limit: int = 8) -> str:
    """The first `limit` words of a text, to recognise it by."""
    parts = (text or "").split()
    return " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")


def swap(
    before: str | None, after: str | None, limit: int = 8, one_side: bool = False
) -> tuple[str, str] | None:
    """The one run of words that changed, as ("50%", "40%") with its unit kept, when only one
    short run changed; else None. With `one_side`, also words only added ("", "and fair") or
    only taken out."""
    runs = words(before or "", after or "")
    changed = [i for i, r in enumerate(runs) if r["op"] != "equal"]
    if not changed or changed[-1] - changed[0] > 1:
        return None
    old = "".join(runs[i]["text"] for i in changed if runs[i]["op"] == "delete").strip()
    new = "".join(runs[i]["text"] for i in changed if runs[i]["op"] == "insert").strip()
    if (
        (not old or not new)
        and not (one_side and (old or new))
        or max(len(old.split()), len(new.split())) > limit
    ):
        return None
    following = runs[changed[-1] + 1]["text"] if changed[-1] + 1 < len(runs) else ""
    unit = RAW.findall(following)[:1]
    if (
        unit
        and (unit[0] in SYMBOLS or unit[0].lower() in UNITS)
        and old[-1:].isdigit()
        and new[-1:].isdigit()
    ):
        old, new = old + unit[0], new + unit[0]
    return old, new


_WORDS = re.compile(r"\s+|\S+")


def _alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def runs(before: str | None, after: str | None) -> list[dict[str, str]]:
    """The changed words marked, for display (see wording.words). When only punctuation
    changed ("decision making" -> "decision-making"), the whole words are marked, so a screen
    reader says "removed: decision making, added: decision-making", not "added: -"."""
    found = words(before or "", after or "")
    if all(_alnum(r["text"]) for r in found if r["op"] != "equal"):
        return found
    a, b = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    out: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        pieces = [("equal", a[i1:i2])] if tag == "equal" else [("delete", a[i1:i2])]
        pieces += [("insert", b[j1:j2])] if tag != "equal" else []
        for op, texts in pieces:
            if not texts:
                continue
            if out and out[-1]["op"] == op:
                out[-1]["text"] += "".join(texts)
            else:
                out.append({"op": op, "text": "".join(texts)})
    return out


def named(change) -> str:
    """The change's label, with the first words of its text when the label alone does not say
    what it is: "3.1, point 12 (“Declare any gifts…”)"."""
    label = where(change)
    if change.parts or change.part in ("clause", "section", "metadata"):
        return label
    text = change.after if change.after is not None else change.before
    return f"{label} (“{snippet(text)}”)" if text else label


def generated(change) -> str:
    """What happened, made from the change itself: "“50%” becomes “40%”", "a new clause"."""
    noun = NOUNS.get(change.part, "part")
    if change.part == "metadata":
        after, before = _bare(change.after, change), _bare(change.before, change)
        if change.kind == "added":
            return after
        if change.kind == "removed":
            return f"removed (was {before})"
        pair = swap(change.before, change.after)
        return f"{after} (was {pair[0] if pair else before})"
    if change.kind == "added":
        return f"a new {noun}"
    if change.kind == "removed":
        return f"{noun} removed"
    if change.kind == "modified":
        pair = swap(change.before, change.after, one_side=True)
        if pair and not _alnum("".join(pair)):  # punctuation: the words it sits in
            changed = [r for r in runs(change.before, change.after) if r["op"] != "equal"]
            old = " ".join(r["text"].strip() for r in changed if r["op"] == "delete")
            new = " ".join(r["text"].strip() for r in changed if r["op"] == "insert")
            pair = (old, new) if old and new and len(changed) == 2 else None
        if pair and pair[0] and pair[1]:
            return f"“{pair[0]}” becomes “{pair[1]}”"
        if pair:
            return f"“{pair[1]}” added" if pair[1] else f"“{pair[0]}” taken out"
        return "wording changed"
    if change.reasons:
        first = sentence(change.reasons[0])
        return first[:1].lower() + first[1:-1]
    return change.kind


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    ended = text.rstrip("”)’\"'")
    return text if ended.endswith((".", "?", "!", "…")) else text + "."


def what(change) -> str:
    """What the change does, without where: the policy owner's Change-summary, else generated."""
    return _sentence(change.summary or generated(change))


def description(change) -> str:
    """The one description every output shows: where, then the policy owner's Change-summary
    when the commits that made the change have one, else a generated sentence."""
    return (
        f"{named(change)}: {what(change) if change.summary else generated(change)}".rstrip(".")
        + "."
    )
