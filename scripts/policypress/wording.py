"""Comparing two wordings: the rules that call a change of wording editorial or significant,
with one reason for each run of words that differs (see `reasons`).

The rules are conservative by design: a change is editorial only when every difference is
explained: case, punctuation, spacing, hyphens, British and American spelling, a short form
("don't"), articles, a close misspelling, a curated same-meaning swap (`plainwords`), a preposition
or agreement fix (`editorial`), the same number, abbreviation, voice or order written another way
(`normalise`). Anything else is significant and says why (`judge`). Missing a significant change
means tenants are not consulted, which is far worse than flagging an editorial one. The word-level
diff shown to readers is in `worddiff`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import SequenceMatcher

from policypress.editorial import (
    adverb_form,
    agreement_fix,
    missing_preposition,
    negated_form,
    plain_swaps,
    preposition_fix,
    same_pair,
)
from policypress.judge import JOINS, Run, comma_reason, first_significant, significant_reason
from policypress.normalise import (
    abbreviation,
    has_number,
    number_form,
    reordered,
    same_voice_turned,
    turned_relative,
)
from policypress.reasons import Reason, verdict
from policypress.tokens import (
    Token,
    misspelling,
    normalised,
    quote_words,
    quoted,
    split_words,
    word_marks,
)
from policypress.worddiff import RAW, UNITS, words
from policypress.wordlists import (  # the word lists, importable from here too
    ARTICLES,
    CONDITIONS,
    LINKING,
    MODALS,
    NEGATIONS,
    NUMBER_WORDS,
    PERIODS,
    QUANTIFIERS,
    SYMBOLS,
    TIME,
)

__all__ = ["RAW", "SYMBOLS", "UNITS", "classify_text", "normalised", "quoted", "words"]


def _what(gone: list[Token], new: list[Token]) -> str:
    if gone and new:
        return f"'{quote_words(gone)}' → '{quote_words(new)}'"
    return f"'{quote_words(new)}' added" if new else f"'{quote_words(gone)}' removed"


def _named(tokens: list[Token]) -> set[str]:
    return {
        t.raw
        for t in tokens
        if (t.raw.isupper() and len(t.raw) > 1) or (t.raw[0].isupper() and not t.starts_sentence)
    }


def _runs(a: list[Token], b: list[Token]) -> list[tuple[int, int, int, int]]:
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


def _doubled(words: list[Token], start: int, end: int) -> bool:
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


def classify_text(
    before: str, after: str, defined: Mapping[str, str] | None = None
) -> tuple[str, list[Reason]]:
    """('editorial' or 'significant', reasons) for a change of wording: one reason for each run
    of words that differs, and only the significant ones when any is. `defined`: the
    abbreviations the document defines ({"cih": "chartered institute of housing"})."""
    a, b = split_words(before), split_words(after)
    comma = comma_reason([(t.norm, t.comma) for t in a], [(t.norm, t.comma) for t in b])
    extra = [comma] if comma else []
    if [t.norm for t in a] == [t.norm for t in b]:
        kind = "spelling" if _letters(before) != _letters(after) else "cosmetic"
        return verdict(extra or [Reason(kind, _cosmetic(before, after))])
    marks_a, marks_b = word_marks(before), word_marks(after)
    if reordered(marks_a, marks_b):
        return verdict([Reason("reordered", "the same words in another order")])
    if same_voice_turned(marks_a, marks_b):
        return verdict(
            [Reason("voice", "the same duty for the same people, said the other way round")]
        )
    a, b, swaps = plain_swaps(a, b)
    reasons = [Reason("plain-words", swap) for swap in swaps]
    runs = _runs(a, b)
    moved = _moved_swap(a, b, runs)
    if moved:
        return verdict(reasons + [moved] + extra)
    for i1, i2, j1, j2 in runs:
        reasons.append(_run_reason(a, i1, i2, b, j1, j2, defined or {}))
    return verdict(reasons + extra)


def _moved_swap(
    a: list[Token], b: list[Token], runs: list[tuple[int, int, int, int]]
) -> Reason | None:
    """A reason when the only difference is a word taken out in one place and its curated
    same-meaning words put in another: "Always conduct themselves" → "Conduct themselves at all
    times"."""
    if len(runs) != 2:
        return None
    (i1, i2, j1, j2), (k1, k2, l1, l2) = runs
    gone = a[i1:i2] if j1 == j2 else a[k1:k2] if l1 == l2 else []
    new = b[j1:j2] if i1 == i2 else b[l1:l2] if k1 == k2 else []
    if gone and new and same_pair([t.norm for t in gone], [t.norm for t in new]):
        return Reason(
            "plain-words", f"plain-English wording: '{quote_words(gone)}' → '{quote_words(new)}'"
        )
    return None


BLOCKED = set(MODALS) | NEGATIONS | NUMBER_WORDS | CONDITIONS | PERIODS | TIME | QUANTIFIERS


def _run_reason(
    a: list[Token], i1: int, i2: int, b: list[Token], j1: int, j2: int, defined: Mapping[str, str]
) -> Reason:
    """The one reason for the run a[i1:i2] → b[j1:j2]."""
    gone, new = a[i1:i2], b[j1:j2]
    if (not new and _doubled(a, i1, i2)) or (not gone and _doubled(b, j1, j2)):
        return Reason(
            "grammar", f"repeated word {'removed' if gone else 'added'}: '{(gone or new)[0].raw}'"
        )
    fixed = (
        preposition_fix(a, i1, i2, b, j1, j2)
        or agreement_fix(a, i1, i2, b, j1, j2, BLOCKED)
        or missing_preposition(a, i1, i2, b, j1, j2)
    )
    if fixed:
        return Reason("grammar", fixed)
    same = _same_meaning(_with_number(a, i1, i2), _with_number(b, j1, j2), defined)
    if same:
        return same
    words_gone = [t for t in gone if t.norm not in ARTICLES]
    words_new = [t for t in new if t.norm not in ARTICLES]
    if not words_gone and not words_new:
        return Reason("grammar", "article added or removed")
    respelled = len(words_gone) == len(words_new) and all(
        misspelling(g.norm, n.norm) for g, n in zip(words_gone, words_new, strict=True)
    )
    run = _run(a, i1, i2, b, j1, j2, words_gone, words_new, respelled)
    reason = first_significant(run)
    if reason is not None:
        return reason
    if respelled:
        plural = all(
            g.norm.rstrip("s") == n.norm.rstrip("s")
            for g, n in zip(words_gone, words_new, strict=True)
        )
        kind = "grammar" if plural else "spelling"
        return Reason(kind, f"spelling or grammar corrected: {_what(words_gone, words_new)}")
    return significant_reason(run)


def _with_number(tokens: list[Token], start: int, end: int) -> list[Token]:
    """tokens[start:end] with the number just before them ("50" before "per cent")."""
    if start > 0 and tokens[start - 1].norm[:1].isdigit() and end > start:
        return tokens[start - 1 : end]
    return tokens[start:end]


# words whose joining changes the meaning: "every one" is not "everyone", "some times" is not
# "sometimes", "any way" is not "anyway"
UNJOINED = QUANTIFIERS | NUMBER_WORDS | {"one", "body", "thing", "times", "time", "way", "where"}


def _same_meaning(gone: list[Token], new: list[Token], defined: Mapping[str, str]) -> Reason | None:
    """Same meaning written another way: a number, an abbreviation, a passive after a noun, a
    "not" or an adverb in other words, a linking word such as "likewise"."""
    g, n = [t.norm for t in gone], [t.norm for t in new]
    old_text, new_text = quote_words(gone), quote_words(new)
    if g and n and g != n and "".join(g) == "".join(n) and not (set(g + n) & UNJOINED):
        return Reason("cosmetic", f"written as one word or two: '{old_text}' → '{new_text}'")
    if (
        (g or n)
        and has_number(" ".join(g + n))
        and number_form(" ".join(g)) == number_form(" ".join(n))
    ):
        return Reason(
            "number-form", f"the same number written another way: '{old_text}' → '{new_text}'"
        )
    short = abbreviation(old_text, new_text, defined) if g and n else ""
    if short:
        return Reason("abbreviation", short)
    if turned_relative(g, n):
        return Reason(
            "voice", f"the same duty said the other way round: '{old_text}' → '{new_text}'"
        )
    if negated_form(g, n) or adverb_form(g, n):
        return Reason("plain-words", f"plain-English wording: '{old_text}' → '{new_text}'")
    if (g or n) and set(g + n) <= LINKING and not (g and n):
        return Reason(
            "plain-words", f"linking word {'removed' if g else 'added'}: '{old_text or new_text}'"
        )
    return None


def _run(
    a: list[Token],
    i1: int,
    i2: int,
    b: list[Token],
    j1: int,
    j2: int,
    gone: list[Token],
    new: list[Token],
    respelled: bool = False,
) -> Run:
    """A differing run as `judge` reads it: its words, how it is quoted, what is around it."""
    shown = (_widened(a, i1, i2), _widened(b, j1, j2))

    def touches_list(tokens: list[Token], start: int, end: int) -> bool:
        around = tokens[max(start - 1, 0) : end + 1]
        return any(t.norm in JOINS for t in around) or any(t.comma for t in around[:-1] or around)

    def agent(tokens: list[Token], start: int, end: int) -> set[str]:
        before = [t.norm for t in tokens[max(start - 5, 0) : start] if t.norm not in ARTICLES]
        near = {tokens[end].norm} if end < len(tokens) else set()
        return near | (set(before) if before[-1:] == ["by"] else set())

    return Run(
        gone=[t.norm for t in gone],
        new=[t.norm for t in new],
        what=_what(*shown),
        quoted_gone=quote_words(shown[0]),
        quoted_new=quote_words(shown[1]),
        names=(_named(gone) - _named(b), _named(new) - _named(a)),
        in_list=touches_list(a, i1, i2) or touches_list(b, j1, j2),
        near=agent(a, i1, i2) | agent(b, j1, j2),
        respelled=respelled,
        numbered=has_number(" ".join(t.norm for t in a + b if t.norm[:1] != "\u27e8")),
    )


def _letters(text: str) -> str:
    """The letters and digits of a text, with short forms written out ("won't": "willnot")."""
    text = text.lower().replace("’", "'")
    for short, full in (("won't", "will not"), ("can't", "can not"), ("shan't", "shall not")):
        text = text.replace(short, full)
    text = text.replace("cannot", "can not").replace("n't", " not")
    return re.sub(r"[^a-z0-9]", "", text)


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
    if _letters(before) == _letters(after):
        return "a short form such as “don't” used or written out"
    return "spelling variant (British and American) or punctuation only"


def _widened(tokens: list[Token], start: int, end: int) -> list[Token]:
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
