"""One reason for each run of words that differs between two wordings.

`wording.classify_text` lines the two wordings up and hands each differing run here as a `Run`.
`significant_reason` tries the kinds of significant change in a fixed order (a duty word first,
the words that may change the meaning last) and gives the first that fits, so a run has one
reason and it is the truest one; `comma_reason` finds commas whose coming or going changes a list
or turns a restriction into a description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from policypress.normalise import has_number, number_form
from policypress.reasons import Reason
from policypress.wordlists import (
    ASKING,
    AUDIENCE,
    CONDITIONS,
    DECIDING,
    ENTITLEMENTS,
    FREQUENCY,
    MODALS,
    NEGATING_VERBS,
    NEGATIONS,
    QUALIFIERS,
    QUANTIFIERS,
    STANDARDS,
    SUBJECTS,
    TELLING,
    THRESHOLDS,
    TIME,
)

NEGATING = ("un", "in", "im", "il", "ir", "dis", "non", "mis")
JOINS = {"and", "or", "nor"}
WORKING_TIME = {"day", "days", "hours", "hour", "week", "weeks"}  # "working days": a time


@dataclass(frozen=True)
class Run:
    """A differing run: the normalised words gone and new, how a reason quotes them, and what
    is around them."""

    gone: list[str]
    new: list[str]
    what: str  # "'50%' → '40%'", "'always' removed"
    quoted_gone: str
    quoted_new: str
    names: tuple[set[str], set[str]] = field(default_factory=lambda: (set(), set()))
    in_list: bool = False  # it touches a comma, "and" or "or" of a list
    near: set[str] = field(default_factory=set)  # the words next to it, both sides
    numbered: bool = False  # either wording holds a number
    respelled: bool = False  # each word gone is a close spelling of the word in its place


def _base(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _hits(words: list[str], wordlist) -> list[str]:
    return [_base(w) for w in words if w in wordlist or _base(w) in wordlist]


def _differ(run: Run, wordlist) -> bool:
    return _hits(run.gone, wordlist) != _hits(run.new, wordlist)


def _duties(words: list[str]) -> list[str]:
    """The words that set a duty, without "required" in "as required" (a condition)."""
    return [
        w
        for n, w in enumerate(words)
        if w in MODALS
        and not (w in {"required", "needed"} and n and words[n - 1] in CONDITIONS | {"as"})
    ]


def _duty(run: Run) -> Reason | None:
    old, new = _duties(run.gone), _duties(run.new)
    if old == new:
        return None
    if old and new:
        change = (
            "strengthened"
            if MODALS[new[0]] > MODALS[old[0]]
            else "weakened"
            if MODALS[new[0]] < MODALS[old[0]]
            else "changed"
        )
        return Reason("duty", f"obligation {change}: '{old[0]}' → '{new[0]}'")
    if new:
        return Reason("duty", f"obligation word added: '{new[0]}'")
    return Reason("duty", f"obligation word removed: '{old[0]}'")


def _negations(words: list[str], other: list[str]) -> int:
    count = sum(w in NEGATIONS or w in NEGATING_VERBS for w in words)
    return count + sum(any(w == p + x for p in NEGATING for x in other) for w in words)


def _negation(run: Run) -> Reason | None:
    old, new = _negations(run.gone, run.new), _negations(run.new, run.gone)
    if old == new:
        return None
    if new > old:
        detail = run.what if run.gone else f"'{run.quoted_new}'"
        return Reason("negation", f"negation added: {detail}")
    detail = run.what if run.new else f"'{run.quoted_gone}'"
    return Reason("negation", f"negation removed: {detail}")


def _condition_clause(run: Run) -> Reason | None:
    """A whole condition added or taken out ("if you would rather not be named")."""
    words = run.gone or run.new
    if run.gone and run.new or not words or words[0] not in CONDITIONS:
        return None
    if run.new:
        return Reason("condition", f"condition added: '{run.quoted_new}'")
    return Reason("condition", f"condition removed: '{run.quoted_gone}'")


def _numbers(text: list[str]) -> list[str]:
    return [w for w in number_form(" ".join(text)).split() if any(c.isdigit() for c in w)]


def _number(run: Run) -> Reason | None:
    old, new = _numbers(run.gone), _numbers(run.new)
    if (old and new and old != new) or (_differ(run, THRESHOLDS) and run.numbered):
        return Reason("number", f"number, amount, date or time period changed: {run.what}")
    return None


def _other_number(run: Run) -> Reason | None:
    if _numbers(run.gone) != _numbers(run.new):
        return Reason("number", f"number, amount, date or time period changed: {run.what}")
    return None


def _how_often(run: Run) -> Reason | None:
    def often(words: list[str]) -> list[str]:
        text = " ".join(words)
        every = [
            "every"
            for n, w in enumerate(words[:-1])
            if w == "every" and (words[n + 1] in TIME or has_number(" ".join(words[n + 1 : n + 3])))
        ]
        return _hits(words, FREQUENCY) + ["at all times"] * text.count("all times") + every

    if often(run.gone) != often(run.new) and not run.respelled:
        return Reason("how-often", f"how often changed: {run.what}")
    return None


def _time(run: Run) -> Reason | None:
    working = {"working"} & set(run.gone + run.new) and run.near & WORKING_TIME
    if _differ(run, TIME) or working:
        return Reason("time", f"when it must happen changed: {run.what}")
    return None


def _named_detail(run: Run) -> str:
    old, new = run.names
    parts = []
    if new - old:
        parts.append("added " + ", ".join(f"'{x}'" for x in sorted(new - old)))
    if old - new:
        parts.append("removed " + ", ".join(f"'{x}'" for x in sorted(old - new)))
    return "; ".join(parts)


def _who_decides(run: Run) -> Reason | None:
    if (
        _hits(run.gone, TELLING)
        and _hits(run.new, ASKING)
        or (_hits(run.gone, ASKING) and _hits(run.new, TELLING))
    ):
        return Reason("who-decides", f"who decides changed: {run.what}")
    people = AUDIENCE | SUBJECTS
    changed = _differ(run, people) or run.names[0] != run.names[1]
    deciding = (set(run.gone) | set(run.new) | run.near) & DECIDING
    if changed and deciding:
        return Reason("who-decides", f"who decides changed: {run.what}")
    return None


def _who(run: Run) -> Reason | None:
    if _differ(run, AUDIENCE):
        return Reason("who", f"who it applies to changed: {run.what}")
    return None


def _scope(run: Run) -> Reason | None:
    if _differ(run, QUANTIFIERS) or _differ(run, QUALIFIERS):
        return Reason("scope", f"what it covers changed: {run.what}")
    one_sided = not run.gone or not run.new
    joins_only = set(run.gone) <= JOINS and set(run.new) <= JOINS
    items_gone = {w for w in run.gone if w not in JOINS}
    items_new = {w for w in run.new if w not in JOINS}
    subset = items_gone < items_new or items_new < items_gone
    if run.in_list and (one_sided or joins_only or subset):
        return Reason("scope", f"what it covers changed: {run.what}")
    return None


def _simple(kind: str, wordlist, label: str) -> Callable[[Run], Reason | None]:
    def check(run: Run) -> Reason | None:
        return Reason(kind, f"{label}: {run.what}") if _differ(run, wordlist) else None

    return check


def _standard(run: Run) -> Reason | None:
    if _differ(run, STANDARDS) and not run.respelled:
        return Reason("standard", f"standard changed: {run.what}")
    return None


def _named(run: Run) -> Reason | None:
    old, new = run.names
    if old == new:
        return None
    return Reason("named", f"named role, body, standard or law changed: {_named_detail(run)}")


CHECKS: tuple[Callable[[Run], Reason | None], ...] = (
    _condition_clause,
    _duty,
    _negation,
    _number,
    _how_often,
    _time,
    _other_number,
    _simple("condition", CONDITIONS, "condition changed"),
    _simple("entitlement", ENTITLEMENTS, "what people are entitled to changed"),
    _who_decides,
    _named,
    _who,
    _standard,
    _scope,
)


def first_significant(run: Run) -> Reason | None:
    """The first kind of significant change that fits this run of words, if any."""
    for check in CHECKS:
        reason = check(run)
        if reason is not None:
            return reason
    return None


def significant_reason(run: Run) -> Reason:
    """The one reason this run of words makes a change significant: the first kind that fits,
    else that the words change and may change the meaning."""
    reason = first_significant(run)
    if reason is not None:
        return reason
    label = "words added" if not run.gone else "words removed" if not run.new else "wording changed"
    return Reason("meaning", f"{label}: {run.what}")


def comma_reason(a: list[tuple[str, bool]], b: list[tuple[str, bool]]) -> Reason | None:
    """A reason when a comma that changes the meaning came or went between two words both
    wordings share: between two items of a list ("sensitive, confidential or privileged"), or
    before "which" or "who". A comma before "and" or "or" (the serial comma) changes nothing.
    `a`, `b`: each word with whether a comma follows it."""
    words_a, words_b = [w for w, _ in a], [w for w, _ in b]
    matcher = SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size - 1):
            word, comma_a = a[i + k]
            following, comma_b = words_a[i + k + 1], b[j + k][1]
            if comma_a == comma_b or following in JOINS:
                continue
            how = "taken out" if comma_a else "added"
            if following in {"which", "who", "whom", "whose"}:
                return Reason(
                    "punctuation",
                    f"a comma {how} before “{following}”, which changes what the words apply to",
                )
            ahead = words_a[i + k + 1 : i + k + 5]
            stops = [n for n, (_, comma) in enumerate(a[i + k + 1 : i + k + 5]) if comma]
            if JOINS & set(ahead[: (stops[0] + 2) if stops else None]):
                return Reason(
                    "punctuation",
                    f"a comma {how} between “{word}” and “{following}” in a list, which changes "
                    "what the list covers",
                )
    return None
