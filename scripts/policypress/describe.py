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

from policypress.i18n import N_, translator
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
    ("obligation weakened", N_("The duty is weaker")),
    ("obligation strengthened", N_("The duty is stronger")),
    ("obligation changed", N_("The duty changes")),
    ("obligation word added", N_("A word that sets a duty is added")),
    ("obligation word removed", N_("A word that sets a duty is removed")),
    ("negation added", N_("A word such as “not” is added, which can reverse the meaning")),
    ("negation removed", N_("A word such as “not” is removed, which can reverse the meaning")),
    ("negation changed", N_("A word such as “not” changes, which can reverse the meaning")),
    (
        "number, amount, date or time period changed",
        N_("A number, amount, date or time period changes"),
    ),
    ("condition added", N_("A condition is added")),
    ("condition removed", N_("A condition is removed")),
    ("condition changed", N_("A condition changes")),
    ("how often changed", N_("How often something must happen changes")),
    ("standard changed", N_("The standard expected changes")),
    ("what people are entitled to changed", N_("What people are entitled to changes")),
    ("who it applies to changed", N_("Who it applies to changes")),
    ("who these provisions apply to changed", N_("Who these provisions apply to changes")),
    (
        "named role, body, standard or law changed",
        N_("A named role, body, standard or law changes"),
    ),
    ("words added", N_("Words are added")),
    ("words removed", N_("Words are removed")),
    ("wording changed", N_("The wording changes")),
    ("spelling or grammar corrected", N_("Spelling or grammar is corrected")),
    ("plain-English wording", N_("Plainer words with the same meaning")),
    ("preposition corrected", N_("A small word such as “for” or “to” is corrected")),
    ("grammar corrected", N_("Grammar is corrected")),
    ("repeated word removed", N_("A word typed twice is removed")),
    ("repeated word added", N_("A word is repeated")),
    ("recorded as editorial by", N_("Recorded as editorial by")),
)
WHOLE = {
    "article added or removed": N_("A word such as “a” or “the” is added or removed."),
    "capitalisation only": N_("Only capital letters change."),
    "spacing only": N_("Only spacing changes."),
    "hyphenation only": N_("Only hyphens change."),
    "punctuation or capitalisation only": N_("Only punctuation or capital letters change."),
    "spelling variant (British and American) or punctuation only": N_(
        "Only a spelling (British or American) or punctuation changes."
    ),
    "wording tidied": N_("The wording is tidied; the meaning does not change."),
    "the standards this section links to changed": N_(
        "The standards this section links to change."
    ),
}
# "a new clause", "clause removed": whole phrases, as a noun's gender changes the Welsh
NEW = {
    "section": N_("a new section"),
    "clause": N_("a new clause"),
    "point": N_("a new point"),
    "group": N_("a new audience heading"),
    "text": N_("a new text"),
    "standards": N_("a new links to standards"),
    "metadata": N_("a new detail"),
}
GONE = {
    "section": N_("section removed"),
    "clause": N_("clause removed"),
    "point": N_("point removed"),
    "group": N_("audience heading removed"),
    "text": N_("text removed"),
    "standards": N_("links to standards removed"),
    "metadata": N_("detail removed"),
}
PART = (N_("a new part"), N_("part removed"))  # a part of no known kind
_ARROW = re.compile(r"'(.+?)' → '(.+?)'(?=$|;|,\s)")
_QUOTED = re.compile(r"(?<![\w’'])'(.+?)'(?=$|;|,\s|\s(?:added|removed)\b)")


def _becomes(old: str, new: str, language: str = "en") -> str:
    """ "“50%” becomes “40%”", in the reader's language."""
    _ = translator(language)
    return _("“%(old)s” becomes “%(new)s”") % {"old": old, "new": new}


def _quotes(text: str, language: str = "en") -> str:
    text = _ARROW.sub(lambda m: _becomes(m[1], m[2], language), text)
    return _QUOTED.sub(lambda m: f"“{m[1]}”", text)


def sentence(reason: str, language: str = "en") -> str:
    """One classification reason as a sentence: "obligation weakened: 'must' → 'should'" reads
    "The duty is weaker: “must” becomes “should”."."""
    _ = translator(language)
    reason = reason.strip()
    if reason in WHOLE:
        return _(WHOLE[reason])
    for start, opening in OPENINGS:
        if reason.startswith(start):
            rest = _quotes(reason[len(start) :], language)
            if start in ("words added", "words removed"):  # not "Words are added: “x” added"
                rest = re.sub(rf"” {start.split()[1]}(?=$|;|,)", "”", rest)
            reason = _(opening) + rest
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


def reasons(change) -> str:
    """The rules that found the change, as sentences (for tools and the consultation officer):
    "A number, amount, date or time period changes: “50%” becomes “40%”."."""
    parts = change.parts or (change,)
    return " ".join(dict.fromkeys(_reason(p, r) for p in parts for r in p.reasons))


def weight(change, language: str = "en") -> str:
    """Significant or editorial, in words."""
    _ = translator(language)
    return _("Significant") if change.significance == "significant" else _("Editorial")


CLAUSE = N_("Clause %(number)s")
HEADING_OF = N_("The heading of %(number)s")
# a point's label as comparable.py writes it: "3.1, point 2", "3.1, point 2, sub-point 1"
_POINT = re.compile(r"(.+), (sub-point|point) (\d+)")
POINTS = {
    "point": N_("%(cite)s, point %(number)s"),
    "sub-point": N_("%(cite)s, sub-point %(number)s"),
}


def _listed(labels: list[str], language: str = "en") -> str:
    """ "Who it applies to and clause 2.1": labels after the first start in lower case when they
    are words ("Clause", "The heading of"), as mid-sentence."""
    _ = translator(language)
    words = tuple(_(m) % {"number": ""} for m in (CLAUSE, HEADING_OF))
    labels = list(dict.fromkeys(labels))
    labels = labels[:1] + [
        lab[:1].lower() + lab[1:] if lab.startswith(("The ", *words)) else lab for lab in labels[1:]
    ]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def _label(label: str, part: str, language: str) -> str:
    """A label written in English by comparable.py, in the reader's language: a document
    detail's name ("Who it applies to"), or a point's ("3.1, point 2")."""
    _ = translator(language)
    if part == "metadata":
        return _(label)
    point = _POINT.fullmatch(label)
    if point and _(CLAUSE) != CLAUSE:
        cite = _label(point[1], "", language)
        return _(POINTS[point[2]]) % {"cite": cite, "number": point[3]}
    return label


def wordings(change, language: str = "en") -> list[tuple[str, Any]]:
    """(label, part) for each place a change was made: one ("", change) for a change in one
    place; for one decision made in several places, each with its own label."""
    return [(where(p, language), p) for p in change.parts] if change.parts else [("", change)]


def where(change, language: str = "en") -> str:
    """The label a reader can cite and find: "3.1, point 12", "Clause 2.4", "B3", "Who it applies
    to". A clause numbered with figures alone is called a clause ("2.4" could be a section); one
    numbered under a lettered heading is cited by its number, as the document prints it ("B3"),
    whatever the document calls its clauses (provisions, paragraphs). One decision made in
    several places lists them: "Who it applies to and clause 2.1"."""
    _ = translator(language)
    if change.parts:
        return _listed([where(p, language) for p in change.parts], language)
    label = change.where or change.number or change.label
    if change.part == "clause" and label == change.number and label[:1].isdigit():
        label = _(CLAUSE) % {"number": label}
    elif change.part == "section" and label == change.number:
        label = _(HEADING_OF) % {"number": label}
    else:
        label = _label(label, change.part, language)
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


def named(change, language: str = "en") -> str:
    """The change's label, with the first words of its text when the label alone does not say
    what it is: "3.1, point 12 (“Declare any gifts…”)"."""
    label = where(change, language)
    if change.parts or change.part in ("clause", "section", "metadata"):
        return label
    text = change.after if change.after is not None else change.before
    return f"{label} (“{snippet(text)}”)" if text else label


def generated(change, language: str = "en") -> str:
    """What happened, made from the change itself: "“50%” becomes “40%”", "a new clause"."""
    _ = translator(language)
    if change.part == "metadata":
        after, before = _bare(change.after, change), _bare(change.before, change)
        if change.kind == "added":
            return after
        if change.kind == "removed":
            return _("removed (was %(before)s)") % {"before": before}
        pair = swap(change.before, change.after)
        was = pair[0] if pair else before
        return _("%(after)s (was %(before)s)") % {"after": after, "before": was}
    if change.kind == "added":
        return _(NEW.get(change.part, PART[0]))
    if change.kind == "removed":
        return _(GONE.get(change.part, PART[1]))
    if change.kind == "modified":
        pair = swap(change.before, change.after, one_side=True)
        if pair and not _alnum("".join(pair)):  # punctuation: the words it sits in
            changed = [r for r in runs(change.before, change.after) if r["op"] != "equal"]
            old = " ".join(r["text"].strip() for r in changed if r["op"] == "delete")
            new = " ".join(r["text"].strip() for r in changed if r["op"] == "insert")
            pair = (old, new) if old and new and len(changed) == 2 else None
        if pair and pair[0] and pair[1]:
            return _becomes(pair[0], pair[1], language)
        if pair:
            if pair[1]:
                return _("“%(words)s” added") % {"words": pair[1]}
            return _("“%(words)s” taken out") % {"words": pair[0]}
        return _("wording changed")
    if change.reasons:
        first = sentence(change.reasons[0], language)
        return first[:1].lower() + first[1:-1]
    return change.kind


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    ended = text.rstrip("”)’\"'")
    return text if ended.endswith((".", "?", "!", "…")) else text + "."


def what(change, language: str = "en") -> str:
    """What the change does, without where: the policy owner's Change-summary, else generated."""
    return _sentence(change.summary or generated(change, language))


def description(change, language: str = "en") -> str:
    """The one description every output shows: where, then the policy owner's Change-summary
    when the commits that made the change have one, else a generated sentence."""
    said = what(change) if change.summary else generated(change, language)
    return f"{named(change, language)}: {said}".rstrip(".") + "."
