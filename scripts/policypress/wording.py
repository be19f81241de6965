"""Comparing two wordings: a word-level diff for display, and the rules that call a change of
wording editorial or significant, with reasons.

The rules are conservative by design: a change is editorial only when every difference is
explained by an editorial rule (case, punctuation, spacing, hyphens, British and American
spelling, articles, a close misspelling, a curated plain-English swap, a preposition or agreement
fix: see `editorial`); anything else is significant and says why. Missing a significant change
means tenants are not consulted, which is far worse than flagging an editorial one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from policypress.editorial import agreement_fix, plain_swaps, preposition_fix
from policypress.wordlists import (  # the word lists, importable from here too
    ARTICLES,
    AUDIENCE,
    CONDITIONS,
    ENTITLEMENTS,
    FREQUENCY,
    MODALS,
    NEGATIONS,
    NUMBER_WORDS,
    PERIODS,
    STANDARDS,
    SYMBOLS,
    US_UK,
)

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
    return _units_marked(out)


_UNIT_AFTER = re.compile(
    r"%|\s(?:per cent|percent|pence|pounds|days?|weeks?|months?|years?|hours?|minutes?)\b"
)


def _units_marked(runs: list[dict[str, str]]) -> list[dict[str, str]]:
    """A changed number marked with its unit: "50" → "40" before an unchanged "%" becomes
    "50%" → "40%" (and "£50" → "£40", "5 days" → "10 days"), so a reader sees what changed."""
    for n in range(len(runs) - 1):
        old, new = runs[n], runs[n + 1]
        if (old["op"], new["op"]) != ("delete", "insert"):
            continue
        if (
            old["text"][-1:].isdigit()
            and new["text"][-1:].isdigit()
            and n + 2 < len(runs)
            and runs[n + 2]["op"] == "equal"
        ):
            unit = _UNIT_AFTER.match(runs[n + 2]["text"])
            if unit:
                old["text"] += unit[0]
                new["text"] += unit[0]
                runs[n + 2]["text"] = runs[n + 2]["text"][unit.end() :]
        if (
            old["text"][:1].isdigit()
            and new["text"][:1].isdigit()
            and n > 0
            and runs[n - 1]["op"] == "equal"
            and runs[n - 1]["text"][-1:] in SYMBOLS - {"%"}
        ):
            sign = runs[n - 1]["text"][-1]
            old["text"], new["text"] = sign + old["text"], sign + new["text"]
            runs[n - 1]["text"] = runs[n - 1]["text"][:-1]
    return [run for run in runs if run["text"]]


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
    return {
        t.raw
        for t in tokens
        if (t.raw.isupper() and len(t.raw) > 1) or (t.raw[0].isupper() and not t.starts_sentence)
    }


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
        shown = (_widened(a, i1, i2), _widened(b, j1, j2))
        if (not new and _doubled(a, i1, i2)) or (not gone and _doubled(b, j1, j2)):
            editorial.append(
                f"repeated word {'removed' if gone else 'added'}: '{(gone or new)[0].raw}'"
            )
            continue
        fixed = preposition_fix(a, i1, i2, b, j1, j2) or agreement_fix(
            a, i1, i2, b, j1, j2, blocked
        )
        if fixed:
            editorial.append(fixed)
            continue
        reasons = _significant_reasons(gone, new, *shown)
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
            _misspelling(g.norm, n.norm) for g, n in zip(gone_words, new_words, strict=True)
        ):
            editorial.append(f"spelling or grammar corrected: {_what(gone_words, new_words)}")
            continue
        label = "words added" if not gone else "words removed" if not new else "wording changed"
        significant.append(f"{label}: {_what(*shown)}")
    if significant:
        return "significant", list(dict.fromkeys(significant))
    return "editorial", list(dict.fromkeys(editorial)) or ["wording tidied"]


def _cosmetic(before: str, after: str) -> str:
    if before.lower() == after.lower():
        return "capitalisation only"
    if re.sub(r"\s+", " ", before) == re.sub(r"\s+", " ", after):
        return "spacing only"
    if before.replace("-", " ") == after.replace("-", " ") or before.replace(
        "-", ""
    ) == after.replace("-", ""):
        return "hyphenation only"

    def strip(s: str) -> str:
        return re.sub(r"[^\w\s]", "", s.lower())

    if strip(before) == strip(after):
        return "punctuation or capitalisation only"
    return "spelling variant (British and American) or punctuation only"


UNITS = SYMBOLS | {
    "per",
    "percent",
    "pence",
    "pounds",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "minute",
    "minutes",
}


def _widened(tokens: list[_Token], start: int, end: int) -> list[_Token]:
    """tokens[start:end] as a reason quotes them: with the unit of a changed number (the "%" or
    "days" after it, the "£" before it), so that "50" → "40" reads "50%" → "40%"."""
    run = tokens[start:end]
    if not run:
        return run
    if start > 0 and tokens[start - 1].raw in SYMBOLS - {"%"} and run[0].norm[:1].isdigit():
        run = [tokens[start - 1], *run]
    if end < len(tokens) and tokens[end].norm in UNITS and run[-1].norm[-1:].isdigit():
        run = [*run, tokens[end]]
    return run


def _significant_reasons(
    gone: list[_Token],
    new: list[_Token],
    shown_gone: list[_Token] | None = None,
    shown_new: list[_Token] | None = None,
) -> list[str]:
    """Every rule a differing run of words trips, as plain-English reasons. `shown_gone` and
    `shown_new`: the runs as quoted (with their units, see _widened)."""
    g = [t.norm for t in gone]
    n = [t.norm for t in new]
    gone, new = shown_gone or gone, shown_new or new
    what = _what(gone, new)
    reasons = []

    def hits(words) -> tuple[list[str], list[str]]:
        return [w for w in g if w in words], [w for w in n if w in words]

    old_m, new_m = hits(MODALS)
    if old_m != new_m:
        reasons.append(_obligation_reason(old_m, new_m))
    negation = _negation_reason(g, n, hits(NEGATIONS), gone, new, what)
    if negation:
        reasons.append(negation)

    def is_number(w: str) -> bool:
        return any(c.isdigit() for c in w) or w in NUMBER_WORDS or w in PERIODS or w in SYMBOLS

    if [w for w in g if is_number(w)] != [w for w in n if is_number(w)]:
        reasons.append(f"number, amount, date or time period changed: {what}")
    old_c, new_c = hits(CONDITIONS)
    if old_c != new_c:
        reasons.append(
            f"condition added: '{_quote(new)}'"
            if new_c and not old_c
            else f"condition removed: '{_quote(gone)}'"
            if old_c and not new_c
            else f"condition changed: {what}"
        )
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
    names = _names_reason(_named(gone), _named(new))
    if names:
        reasons.append(names)
    return reasons


def _obligation_reason(old_m: list[str], new_m: list[str]) -> str:
    """How the words that set a duty ("must", "should", "may") changed."""
    if old_m and new_m:
        change = (
            "strengthened"
            if MODALS[new_m[0]] > MODALS[old_m[0]]
            else ("weakened" if MODALS[new_m[0]] < MODALS[old_m[0]] else "changed")
        )
        return f"obligation {change}: '{old_m[0]}' → '{new_m[0]}'"
    if new_m:
        return f"obligation word added: '{new_m[0]}'"
    return f"obligation word removed: '{old_m[0]}'"


def _negation_reason(
    g: list[str],
    n: list[str],
    negations: tuple[list[str], list[str]],
    gone: list[_Token],
    new: list[_Token],
    what: str,
) -> str | None:
    """Whether a "not" (or a word made negative, "unfair" for "fair") came or went; `g` and `n`:
    the normalised words, `negations`: the negating words in each."""
    old_n, new_n = negations
    if any(y == p + x for p in NEGATING for x in g for y in n):
        return f"negation added: {what}"
    if any(x == p + y for p in NEGATING for x in g for y in n):
        return f"negation removed: {what}"
    if old_n != new_n:
        return (
            f"negation added: '{_quote(new)}'"
            if (new_n and not old_n)
            else f"negation removed: '{_quote(gone)}'"
            if (old_n and not new_n)
            else f"negation changed: {what}"
        )
    return None


def _names_reason(old_names: set[str], new_names: set[str]) -> str | None:
    """Which named roles, bodies, standards or laws came or went (not a respelling of one)."""
    if old_names == new_names:
        return None
    fixed = len(old_names) == len(new_names) and all(
        any(_misspelling(o.lower(), x.lower()) for x in new_names) for o in old_names
    )
    if fixed:
        return None
    parts = []
    if new_names - old_names:
        parts.append("added " + ", ".join(f"'{x}'" for x in sorted(new_names - old_names)))
    if old_names - new_names:
        parts.append("removed " + ", ".join(f"'{x}'" for x in sorted(old_names - new_names)))
    return "named role, body, standard or law changed: " + "; ".join(parts)
