"""Compare two versions of a document clause by clause and classify every change, with reasons.

`compare(old, new)` is pure: it reads two `Document`s (old may be None: everything is new) and
returns `Change`s. The rules are conservative by design: a change is editorial only when every
difference is explained by an editorial rule (case, punctuation, spacing, hyphens, British and
American spelling, articles, a close misspelling, a curated plain-English swap, a preposition or
agreement fix: see `editorial`); anything else is significant and says why.
Missing a significant change means tenants are not consulted, which is far worse than flagging
an editorial one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial

from policypress.editorial import agreement_fix, plain_swaps, preposition_fix
from policypress.model import Clause, Document, Point, Section, blocks_plain

# -- word lists ------------------------------------------------------------------------------
MODALS = {"must": 3, "shall": 3, "will": 3, "always": 3, "never": 3, "required": 3,
          "mandatory": 3, "should": 2, "expected": 2, "ought": 2, "may": 1, "can": 1,
          "might": 1, "could": 1, "optional": 1, "need": 2, "needs": 2, "encouraged": 1}
NEGATIONS = {"not", "no", "never", "none", "nor", "neither", "without", "cannot", "nobody",
             "nothing", "n't", "dont", "don't", "doesn't", "won't", "shouldn't", "mustn't"}
CONDITIONS = {"if", "unless", "where", "when", "whenever", "provided", "except", "only",
              "subject", "until", "before", "after", "otherwise", "whether"}
NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "twenty", "thirty", "fifty", "hundred", "thousand",
                "half", "quarter", "third", "twice", "once", "double", "majority", "all", "every",
                "each", "most", "some", "any", "few", "several", "first", "second", "last"}
PERIODS = {"day", "days", "daily", "week", "weeks", "weekly", "fortnight", "fortnightly",
           "month", "months", "monthly", "quarter", "quarterly", "year", "years", "yearly",
           "annually", "annual", "hour", "hours", "minute", "minutes", "working", "calendar",
           "immediately", "promptly", "within", "least", "more", "less", "than", "up", "over",
           "under", "per", "maximum", "minimum", "biannually"}
ENTITLEMENTS = {"entitled", "entitlement", "right", "rights", "eligible", "eligibility",
                "compensation", "refund", "free", "charge", "charges", "fee", "fees", "appeal",
                "complain", "complaint", "access", "support", "consult", "consultation"}
AUDIENCE = {"staff", "tenant", "tenants", "resident", "residents", "customer", "customers",
            "member", "members", "officer", "officers", "manager", "managers", "director",
            "directors", "board", "cabinet", "committee", "panel", "contractor", "contractors",
            "employee", "employees", "colleague", "colleagues", "councillor", "councillors",
            "everyone", "anyone", "landlord", "public", "team", "group", "leaseholders"}
FREQUENCY = {"always", "never", "usually", "normally", "generally", "often", "sometimes",
             "occasionally", "regularly", "routinely", "rarely", "typically", "frequently",
             "consistently", "continually", "continuously"}
STANDARDS = {"highest", "high", "higher", "best", "good", "excellent", "exemplary", "full", "fully",
             "reasonable", "reasonably", "appropriate", "strict", "strictly", "thorough",
             "thoroughly", "complete", "completely", "adequate", "satisfactory", "acceptable",
             "professional", "possible", "practicable"}
ARTICLES = {"a", "an", "the"}
SYMBOLS = {"%", "£", "$", "€"}

# British spellings: American variants are editorial.
US_UK = {"behavior": "behaviour", "color": "colour", "honor": "honour", "labor": "labour",
         "neighbor": "neighbour", "favor": "favour", "center": "centre", "judgment": "judgement",
         "program": "programme", "defense": "defence", "offense": "offence", "license": "licence",
         "fulfill": "fulfil", "enroll": "enrol", "catalog": "catalogue", "dialog": "dialogue",
         "gray": "grey", "practise": "practice", "modeling": "modelling", "traveling": "travelling",
         "canceled": "cancelled", "labeled": "labelled", "counseling": "counselling"}
_IZE = re.compile(r"^(\w{2,}?)(?:iz|yz)(e|es|ed|ing|ation|ations|er|ers)$")
_OR = re.compile(r"^(behavi|neighb|fav|hon|lab|col|harb|rum|hum|endeav)or(s|ed|ing|al|ally)?$")
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[%£$€]|[^\w\s]")
RAW = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")


def _british(word: str) -> str:
    word = US_UK.get(word, word)
    match = _IZE.match(word)
    if match and word not in {"size", "sizes", "prize", "prizes", "seize", "seized", "citizen"}:
        word = f"{match[1]}is{match[2]}" if "iz" in word else f"{match[1]}ys{match[2]}"
    match = _OR.match(word)
    if match:
        word = f"{match[1]}our{match[2] or ''}"
    return word


@dataclass(frozen=True)
class _Token:
    norm: str
    raw: str
    starts_sentence: bool


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    sentence = True
    for raw in TOKEN.findall(text.replace("’", "'")):
        if raw in ".!?:;":
            sentence = True
            continue
        if not (raw[0].isalnum() or raw[0] == "_" or raw in SYMBOLS):
            continue
        out.append(_Token(_british(raw.lower()), raw, sentence))
        sentence = False
    return out


def words(before: str, after: str) -> list[dict[str, str]]:
    """A word-level diff for display: runs of equal, inserted and deleted text."""
    a, b = RAW.findall(before or ""), RAW.findall(after or "")
    out: list[dict[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1]["op"] == op:
            out[-1]["text"] += text
        else:
            out.append({"op": op, "text": text})

    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return out


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, transpositions."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


NEGATING = ("un", "in", "im", "il", "ir", "dis", "non", "mis")


def _misspelling(a: str, b: str) -> bool:
    """True when one word is plausibly a misspelling of the other (not a negated form)."""
    if a == b:
        return True
    if any(a == p + b or b == p + a for p in NEGATING):
        return False
    shorter = min(len(a), len(b))
    limit = 2 if shorter >= 4 else 1 if shorter >= 3 else 0
    return _distance(a, b) <= limit


def _quote(tokens: list[_Token]) -> str:
    return " ".join(t.raw for t in tokens).replace(" %", "%").replace("£ ", "£")


def _what(gone: list[_Token], new: list[_Token]) -> str:
    if gone and new:
        return f"'{_quote(gone)}' → '{_quote(new)}'"
    return f"'{_quote(new)}' added" if new else f"'{_quote(gone)}' removed"


def _named(tokens: list[_Token]) -> set[str]:
    return {t.raw for t in tokens if (t.raw.isupper() and len(t.raw) > 1)
            or (t.raw[0].isupper() and not t.starts_sentence)}


def _runs(a: list[_Token], b: list[_Token]) -> list[tuple[int, int, int, int]]:
    """The differing runs of words (as index ranges of `a` and `b`), merging runs separated by a
    single unchanged word."""
    matcher = SequenceMatcher(a=[t.norm for t in a], b=[t.norm for t in b], autojunk=False)
    runs: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if runs and i1 - runs[-1][1] <= 1 and j1 - runs[-1][3] <= 1:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    return [(i1, i2, j1, j2) for i1, i2, j1, j2 in runs]


def _doubled(words: list[_Token], start: int, end: int) -> bool:
    """True when words[start:end] only repeat the word just before or after them ("customers,
    customers"), within one sentence: removing or adding such a repeat is a typing slip. Never
    for numbers or negations, where a repeat can carry meaning."""
    run = words[start:end]
    if not run or len({t.norm for t in run}) != 1:
        return False
    word = run[0].norm
    if word in NEGATIONS or word in NUMBER_WORDS or any(c.isdigit() for c in word):
        return False
    before = start > 0 and words[start - 1].norm == word and not run[0].starts_sentence
    after = end < len(words) and words[end].norm == word and not words[end].starts_sentence
    return before or after


def classify_text(before: str, after: str) -> tuple[str, list[str]]:
    """('editorial' or 'significant', reasons) for a change of wording."""
    a, b = _tokens(before), _tokens(after)
    if [t.norm for t in a] == [t.norm for t in b]:
        return "editorial", [_cosmetic(before, after)]
    significant: list[str] = []
    a, b, editorial = plain_swaps(a, b)
    blocked = set(MODALS) | NEGATIONS | NUMBER_WORDS | CONDITIONS | PERIODS
    for i1, i2, j1, j2 in _runs(a, b):
        gone, new = a[i1:i2], b[j1:j2]
        if (not new and _doubled(a, i1, i2)) or (not gone and _doubled(b, j1, j2)):
            editorial.append(f"repeated word {'removed' if gone else 'added'}: '{(gone or new)[0].raw}'")
            continue
        fixed = preposition_fix(a, i1, i2, b, j1, j2) or agreement_fix(a, i1, i2, b, j1, j2, blocked)
        if fixed:
            editorial.append(fixed)
            continue
        reasons = _significant_reasons(gone, new)
        if reasons:
            significant += reasons
            continue
        gone_words = [t for t in gone if t.norm not in ARTICLES]
        new_words = [t for t in new if t.norm not in ARTICLES]
        if len(gone_words) != len(gone) or len(new_words) != len(new):
            editorial.append("article added or removed")
        if not gone_words and not new_words:
            continue
        if len(gone_words) == len(new_words) and all(
                _misspelling(g.norm, n.norm) for g, n in zip(gone_words, new_words)):
            editorial.append(f"spelling or grammar corrected: {_what(gone_words, new_words)}")
            continue
        label = "words added" if not gone else "words removed" if not new else "wording changed"
        significant.append(f"{label}: {_what(gone, new)}")
    if significant:
        return "significant", list(dict.fromkeys(significant))
    return "editorial", list(dict.fromkeys(editorial)) or ["wording tidied"]


def _cosmetic(before: str, after: str) -> str:
    if before.lower() == after.lower():
        return "capitalisation only"
    if re.sub(r"\s+", " ", before) == re.sub(r"\s+", " ", after):
        return "spacing only"
    if before.replace("-", " ") == after.replace("-", " ") or before.replace("-", "") == after.replace("-", ""):
        return "hyphenation only"
    strip = lambda s: re.sub(r"[^\w\s]", "", s.lower())  # noqa: E731
    if strip(before) == strip(after):
        return "punctuation or capitalisation only"
    return "spelling variant (British and American) or punctuation only"


def _significant_reasons(gone: list[_Token], new: list[_Token]) -> list[str]:
    """Every rule a differing run of words trips, as plain-English reasons."""
    g = [t.norm for t in gone]
    n = [t.norm for t in new]
    what = _what(gone, new)
    reasons = []

    def hits(words) -> tuple[list[str], list[str]]:
        return [w for w in g if w in words], [w for w in n if w in words]

    old_m, new_m = hits(MODALS)
    if old_m != new_m:
        if old_m and new_m:
            change = "strengthened" if MODALS[new_m[0]] > MODALS[old_m[0]] else (
                "weakened" if MODALS[new_m[0]] < MODALS[old_m[0]] else "changed")
            reasons.append(f"obligation {change}: '{old_m[0]}' → '{new_m[0]}'")
        elif new_m:
            reasons.append(f"obligation word added: '{new_m[0]}'")
        else:
            reasons.append(f"obligation word removed: '{old_m[0]}'")
    old_n, new_n = hits(NEGATIONS)
    negated = any(y == p + x for p in NEGATING for x in g for y in n)
    unnegated = any(x == p + y for p in NEGATING for x in g for y in n)
    if negated:
        reasons.append(f"negation added: {what}")
    elif unnegated:
        reasons.append(f"negation removed: {what}")
    elif old_n != new_n:
        reasons.append(f"negation added: '{_quote(new)}'" if (new_n and not old_n) else
                       f"negation removed: '{_quote(gone)}'" if (old_n and not new_n) else
                       f"negation changed: {what}")
    is_number = lambda w: any(c.isdigit() for c in w) or w in NUMBER_WORDS or w in PERIODS or w in SYMBOLS  # noqa: E731
    if [w for w in g if is_number(w)] != [w for w in n if is_number(w)]:
        reasons.append(f"number, amount, date or time period changed: {what}")
    old_c, new_c = hits(CONDITIONS)
    if old_c != new_c:
        reasons.append(f"condition added: '{_quote(new)}'" if new_c and not old_c else
                       f"condition removed: '{_quote(gone)}'" if old_c and not new_c else
                       f"condition changed: {what}")
    gone_words = [w for w in g if w not in ARTICLES]
    new_words = [w for w in n if w not in ARTICLES]
    respelled = len(gone_words) == len(new_words) and all(map(_misspelling, gone_words, new_words))
    for words, label in ((FREQUENCY, "how often"), (STANDARDS, "standard")):
        old_w, new_w = hits(words)
        if old_w != new_w and not respelled:
            reasons.append(f"{label} changed: {what}")
    old_e, new_e = hits(ENTITLEMENTS)
    if old_e != new_e:
        reasons.append(f"what people are entitled to changed: {what}")
    old_a, new_a = hits(AUDIENCE)
    if old_a != new_a:
        reasons.append(f"who it applies to changed: {what}")
    old_names, new_names = _named(gone), _named(new)
    if old_names != new_names:
        fixed = len(old_names) == len(new_names) and all(
            any(_misspelling(o.lower(), x.lower()) for x in new_names) for o in old_names)
        if not fixed:
            parts = []
            if new_names - old_names:
                parts.append("added " + ", ".join(f"'{x}'" for x in sorted(new_names - old_names)))
            if old_names - new_names:
                parts.append("removed " + ", ".join(f"'{x}'" for x in sorted(old_names - new_names)))
            reasons.append("named role, body, standard or law changed: " + "; ".join(parts))
    return reasons


# -- items -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # section, clause, point, group, text, metadata
    number: str
    text: str
    parent: str
    label: str  # how a reader names it: "clause 2.4", "a duty under 3.1", "section 3.1's title"
    # makes `text` as readers see it, [[refs]] as numbers (None: as `text`); called only for the
    # items that changed, so that comparing long documents stays fast
    shown: Callable[[], str] | None = field(default=None, compare=False, repr=False)

    @property
    def display(self) -> str:
        return self.text if self.shown is None else self.shown()


def _clause_text(clause: Clause, numbers: dict[str, str] | None = None) -> str:
    return "\n\n".join(filter(None, (clause.text.plain(numbers) if clause.text else "",
                                      blocks_plain(clause.more, numbers))))


def items(document: Document | None) -> dict[str, Item]:
    """Every comparable piece of a document, by a stable key."""
    if document is None:
        return {}
    out: dict[str, Item] = {}
    meta = document.meta
    numbers = document.numbers  # what a [[ref]] shows; `text` keeps the ids (see Change.fingerprint)
    for key, value in (("review-period", meta.review_period), ("applies-to", meta.applies_to),
                       ("approving-body", meta.approving_body), ("title", meta.title),
                       ("summary", meta.summary), ("policy-owner", meta.policy_owner)):
        out[f"meta:{key}"] = Item(f"meta:{key}", "metadata", "", value, "", f"the document's {key.replace('-', ' ')}")

    def add_points(points: tuple[Point, ...], parent: str, number: str, where: str, context: str = "") -> None:
        """`number`: what bullets show (their clause's or section's); `where`: how a label names
        the place; `context`: the heading numbered items sit in when their own numbers start
        afresh (an appendix: "Appendix 1 paragraph 1(a)")."""
        for point in points:
            own = number
            if point.ordinal:
                ref = document.numbers.get(point.id, number)
                own = f"{context} paragraph {ref}" if context else ref
            out[point.id] = Item(point.id, "point", own, point.text.plain(), parent,
                                 f"an item in the list under {where}", partial(point.text.plain, numbers))
            add_points(point.points, point.id, own, own or where, context)

    def add_section(section: Section, parent: str, around: str) -> None:
        # an unnumbered heading is named by its title and the numbered heading around it
        name = section.number or f"'{section.title}'" + (f" in {around}" if around else "")
        standards = "; ".join(f"{l.framework}:{l.name}" for l in section.standards)
        out[section.id] = Item(section.id, "section", section.number, section.title, parent,
                               f"the heading of {section.number}" if section.number else f"the heading {name}")
        if standards:
            out[f"{section.id}:standards"] = Item(f"{section.id}:standards", "standards", section.number,
                                                  standards, section.id, f"the standards {name} links to")
        for key, value, shown, label in (
                ("principle", blocks_plain(section.principle), partial(blocks_plain, section.principle, numbers),
                 "the main principle of"),
                ("intro", blocks_plain(section.intro), partial(blocks_plain, section.intro, numbers),
                 "the introduction to"),
                ("lead-in", section.lead_in.plain() if section.lead_in else "",
                 partial(section.lead_in.plain, numbers) if section.lead_in else None, "the lead-in of"),
                ("closing", blocks_plain(section.closing), partial(blocks_plain, section.closing, numbers),
                 "the text after the bullets of")):
            if value:
                out[f"{section.id}:{key}"] = Item(f"{section.id}:{key}", "text", section.number,
                                                    value, section.id, f"{label} {name}", shown)
        fresh = section.appendix or not section.number  # its numbered items start afresh
        add_points(section.points, section.id, section.number, name,
                   (section.number or around) if fresh else "")
        for group in section.groups:
            out[group.id] = Item(group.id, "group", section.number, group.audience, section.id,
                                 f"the audience heading in {name}")
        for clause in section.clauses + tuple(c for g in section.groups for c in g.clauses):
            parent_id = next((g.id for g in section.groups if clause in g.clauses), section.id)
            out[clause.id] = Item(clause.id, "clause", clause.number, _clause_text(clause), parent_id,
                                  f"clause {clause.number}", partial(_clause_text, clause, numbers))
            add_points(clause.points, clause.id, clause.number, clause.number)
            if clause.closing:
                out[f"{clause.id}:closing"] = Item(
                    f"{clause.id}:closing", "text", clause.number, blocks_plain(clause.closing),
                    clause.id, f"the text after the items of clause {clause.number}",
                    partial(blocks_plain, clause.closing, numbers))
        for sub in section.sections:
            add_section(sub, section.id, section.number or around)

    for section in document.sections + document.appendices:
        add_section(section, "", "")
    return out


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

    @property
    def fingerprint(self) -> str:
        before, after = self.source if self.source is not None else (self.before, self.after)
        data = f"{self.id}\x00{before or ''}\x00{after or ''}".encode("utf-8")
        return hashlib.sha256(data).hexdigest()[:12]

    def as_json(self) -> dict:
        return {"id": self.id, "number": self.number, "kind": self.kind,
                "significance": self.significance, "reasons": list(self.reasons),
                "before": self.before, "after": self.after,
                "words": words(self.before or "", self.after or ""),
                "fingerprint": self.fingerprint, "decision": self.decision or None}


_NOUNS = {"section": "section", "clause": "clause", "point": "item in a list of duties",
          "group": "audience heading", "text": "text", "standards": "standards link",
          "metadata": "document detail"}


def _place(parent: Item | None) -> str:
    """Where an item sits, as a reader finds it: "3.1 Staff members", "clause 2.4"."""
    if parent is None:
        return "the top level"
    if parent.kind in ("section", "group"):
        return " ".join(part for part in (parent.number, parent.text) if part)
    return f"{parent.label}" if parent.label else parent.id


_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def _shown_reasons(reasons: list[str], before: Item, after: Item, old: dict[str, str],
                   new: dict[str, str]) -> list[str]:
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
        shown = shown or f" {_quote(_tokens(before.display + ' ' + after.display))} "
        if f" {ref_words} " in shown:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(ref_words)}(?!\w)")
        reasons = [pattern.sub(lambda _, shown_number=number: shown_number, reason) for reason in reasons]
    return reasons


def compare(old: Document | None, new: Document) -> list[Change]:
    """Every change from `old` to `new`, in the new document's reading order, removals last."""
    before, after = items(old), items(new)
    changes: list[Change] = []
    for key, item in after.items():
        previous = before.get(key)
        if previous is None:
            if item.kind == "metadata" and old is None:
                continue
            changes.append(Change(key, item.number, "added", "significant",
                                  (f"{_NOUNS[item.kind]} added",), None, item.display, item.label,
                                  source=(None, item.text)))
            continue
        if previous.text != item.text:
            if item.kind == "metadata" and key.split(":")[1] in {"review-period", "applies-to", "approving-body"}:
                significance, reasons = "significant", [f"{item.label} changed"]
            elif item.kind == "standards":
                significance, reasons = "significant", ["the standards this section links to changed"]
            elif item.kind == "group":
                significance, reasons = "significant", [
                    f"who these provisions apply to changed: '{previous.text}' → '{item.text}'"]
            else:
                significance, reasons = classify_text(previous.text, item.text)
                reasons = _shown_reasons(reasons, previous, item, old.numbers if old else {}, new.numbers)
            changes.append(Change(key, item.number, "modified", significance, tuple(reasons),
                                  previous.display, item.display, item.label,
                                  source=(previous.text, item.text)))
        elif previous.parent != item.parent:
            changes.append(Change(key, item.number, "moved", "significant", (
                f"moved from {_place(before.get(previous.parent))} to "
                f"{_place(after.get(item.parent))}: it may now apply differently",),
                previous.display, item.display, item.label, source=(previous.text, item.text)))
        elif previous.number != item.number and item.kind in ("section", "clause"):
            how = (f"renumbered from {previous.number} to {item.number}" if previous.number and item.number
                   else f"now numbered {item.number}" if item.number
                   else f"no longer numbered (it was {previous.number})")
            changes.append(Change(key, item.number, "renumbered", "editorial", (
                f"{how} because other items were added, removed or moved",),
                previous.display, item.display, item.label, source=(previous.text, item.text)))
    for key, item in before.items():
        if key not in after:
            changes.append(Change(key, item.number, "removed", "significant",
                                  (f"{_NOUNS[item.kind]} removed",), item.display, None, item.label,
                                  parent=item.parent, source=(item.text, None)))
    return changes
