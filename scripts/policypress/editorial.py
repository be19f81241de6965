"""Editorial rules beyond spelling and punctuation: plain-English swaps, prepositions, agreement.

Used by `changes.classify_text`. Each rule explains one kind of difference as editorial, and only
that kind: anything it does not explain is left for the significant rules, so a plain-English swap
made in the same edit as a real change still leaves the real change to be flagged.

Tokens are `tokens.Token`s (norm, raw, starts_sentence); the rules only read those fields.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from policypress.plainwords import PAIRS, PREPOSITION_WORDS, PREPOSITIONS, SAME, forms

GAP = "…"
MAX_GAP = 3  # words that may sit inside a split alternative: "put [the damage] right"
MAX_WORDS = 600  # differing stretches longer than this are not searched (they stay significant)
MARGIN = 8  # words kept either side of the differing stretch: the longest form with its gap


@lru_cache(maxsize=1)
def _index() -> tuple[dict, dict]:
    """Every aligned form by its first hard word, (key, hard words), and by its first plain word,
    (key, plain words with '…'). The key is shared by a hard form and its alternatives."""
    hard: dict[str, list] = {}
    plain: dict[str, list] = {}
    for hard_words, plain_words, _, _ in forms(PAIRS + SAME):
        key = f"\u27e8{' '.join(hard_words)}\u27e9"
        if (key, hard_words) not in hard.get(hard_words[0], []):
            hard.setdefault(hard_words[0], []).append((key, hard_words))
        plain.setdefault(plain_words[0], []).append((key, plain_words))
    return hard, plain


def _at(tokens: list, words: tuple[str, ...], i: int) -> bool:
    """True when `words` stand in `tokens` from position i, within one sentence."""
    return i + len(words) <= len(tokens) and all(
        tokens[i + k].norm == w and (k == 0 or not tokens[i + k].starts_sentence)
        for k, w in enumerate(words)
    )


def _plain_at(tokens: list, plain: tuple[str, ...], i: int) -> list[int] | None:
    """The positions of a plain alternative's own words starting at i, a '…' gap filled by the
    fewest words (one to three) that fit; None when it does not stand there."""
    if GAP not in plain:
        return list(range(i, i + len(plain))) if _at(tokens, plain, i) else None
    gap = plain.index(GAP)
    head, tail = plain[:gap], plain[gap + 1 :]
    if not _at(tokens, head, i):
        return None
    end = i + len(head)
    for width in range(1, MAX_GAP + 1):
        if end + width > len(tokens) or tokens[end + width - 1].starts_sentence:
            return None
        rest = end + width
        if rest < len(tokens) and not tokens[rest].starts_sentence and _at(tokens, tail, rest):
            return list(range(i, end)) + list(range(rest, rest + len(tail)))
    return None


def _found(tokens: list) -> tuple[list[list], list[dict]]:
    """For each position: the hard forms starting there [(key, length)], and the plain
    alternatives starting there {key: [positions of its words]}."""
    hard_index, plain_index = _index()
    hard = [
        [(key, len(words)) for key, words in hard_index.get(t.norm, ()) if _at(tokens, words, i)]
        for i, t in enumerate(tokens)
    ]
    plain: list[dict] = []
    for i, t in enumerate(tokens):
        here: dict[str, list] = {}
        for key, words in plain_index.get(t.norm, ()):
            where = _plain_at(tokens, words, i)
            if where is not None:
                here.setdefault(key, []).append(where)
        plain.append(here)
    return hard, plain


def _moves(x: list, y: list, hard_x: list, plain_y: list, i: int, j: int):
    """Swaps of a hard form at x[i] for a plain alternative at y[j]: (words of x used, words of
    y used, weight, positions of y's plain words). Words inside a gap must be the same on both
    sides ("rectify them" ↔ "put them right"). Last: the key, and the hard form's length."""
    for key, length in hard_x[i]:
        for where in plain_y[j].get(key, ()):
            inside = [k for k in range(where[0], where[-1] + 1) if k not in where]
            after = i + length
            if after + len(inside) > len(x) or any(
                x[after + n].norm != y[k].norm for n, k in enumerate(inside)
            ):
                continue
            yield (
                length + len(inside),
                where[-1] + 1 - j,
                length + len(where) + 2 * len(inside),
                where,
                key,
                length,
            )


def _best_moves(a: list, b: list) -> list[list]:
    """For each pair of positions (i, j), the first move of the best line-up of a[i:] and b[j:]
    (dynamic programming from the ends): skip a token, match the same token, or stand a hard
    form against its plain alternative."""
    hard_a, plain_a = _found(a)
    hard_b, plain_b = _found(b)
    n, m = len(a), len(b)
    score = [[0] * (m + 1) for _ in range(n + 1)]
    move: list[list] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            best, how = 0, None
            if i < n and score[i + 1][j] > best:
                best, how = score[i + 1][j], ("skip-a",)
            if j < m and score[i][j + 1] > best:
                best, how = score[i][j + 1], ("skip-b",)
            if i < n and j < m:
                if a[i].norm == b[j].norm and 2 + score[i + 1][j + 1] >= best:
                    best, how = 2 + score[i + 1][j + 1], ("same",)
                for used_a, used_b, weight, *swap in _moves(a, b, hard_a, plain_b, i, j):
                    if weight + score[i + used_a][j + used_b] > best:
                        best, how = (
                            weight + score[i + used_a][j + used_b],
                            ("hard-a", used_a, used_b, *swap),
                        )
                for used_b, used_a, weight, *swap in _moves(b, a, hard_b, plain_a, j, i):
                    if weight + score[i + used_a][j + used_b] > best:
                        best, how = (
                            weight + score[i + used_a][j + used_b],
                            ("hard-b", used_a, used_b, *swap),
                        )
            score[i][j], move[i][j] = best, how
    return move


def _align(a: list, b: list) -> tuple[list, list, list[str]]:
    """The best line-up of a and b in which a hard form may stand against its plain alternative
    (either way), as two token lists with each such pair made one shared token."""
    move = _best_moves(a, b)
    n, m = len(a), len(b)
    out_a, out_b, reasons = [], [], []
    i = j = 0
    while i < n or j < m:
        how = move[i][j]
        if how is None:  # nothing more lines up: the rest stands as it is
            out_a += a[i:]
            out_b += b[j:]
            break
        if how[0] == "skip-a":
            out_a.append(a[i])
            i += 1
        elif how[0] == "skip-b":
            out_b.append(b[j])
            j += 1
        elif how[0] == "same":
            out_a.append(a[i])
            out_b.append(b[j])
            i, j = i + 1, j + 1
        else:
            _, used_a, used_b, where, key, hard_len = how
            hard_side, hard_at, plain_side = (a, i, b) if how[0] == "hard-a" else (b, j, a)
            hard_raw = " ".join(t.raw for t in hard_side[hard_at : hard_at + hard_len])
            plain_raw = " ".join(plain_side[k].raw for k in where)
            inside = [plain_side[k] for k in range(where[0], where[-1] + 1) if k not in where]
            hard_token = replace(hard_side[hard_at], norm=key, raw=hard_raw)
            plain_token = replace(plain_side[where[0]], norm=key, raw=plain_raw)
            if how[0] == "hard-a":
                out_a += [hard_token] + inside
                out_b += [plain_token] + inside
                reasons.append(f"plain-English wording: '{hard_raw}' → '{plain_raw}'")
            else:
                out_a += [plain_token] + inside
                out_b += [hard_token] + inside
                reasons.append(f"plain-English wording: '{plain_raw}' → '{hard_raw}'")
            i, j = i + used_a, j + used_b
    return out_a, out_b, reasons


def plain_swaps(a: list, b: list) -> tuple[list, list, list[str]]:
    """`a` and `b` with every curated plain-English swap between them made one shared token, and
    a reason for each swap. Swaps are found by lining the two texts up (the longest common
    sequence, where a hard form may stand against its plain alternative), so a hard word on both
    sides, or a plain word with no hard word opposite, is left alone."""
    hard_index, _ = _index()
    if not any(t.norm in hard_index for t in a + b):
        return a, b, []
    start = 0
    while start < min(len(a), len(b)) and a[start].norm == b[start].norm:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end].norm == b[-1 - end].norm:
        end += 1
    start, end = max(start - MARGIN, 0), max(end - MARGIN, 0)
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    if len(middle_a) > MAX_WORDS or len(middle_b) > MAX_WORDS:
        return a, b, []
    middle_a, middle_b, reasons = _align(middle_a, middle_b)
    return (
        a[:start] + middle_a + a[len(a) - end :],
        b[:start] + middle_b + b[len(b) - end :],
        reasons,
    )


def preposition_fix(a: list, i1: int, i2: int, b: list, j1: int, j2: int) -> str:
    """A reason when the run is one preposition swapped, after the same word, for the one that
    word takes in standard English ("sensitivity for" → "sensitivity to"); else ''."""
    if i2 - i1 != 1 or j2 - j1 != 1 or i1 == 0 or j1 == 0:
        return ""
    old, new, word = a[i1].norm, b[j1].norm, a[i1 - 1].norm
    if b[j1 - 1].norm != word or old not in PREPOSITION_WORDS or new not in PREPOSITION_WORDS:
        return ""
    usual = PREPOSITIONS.get(word, ())
    if new in usual and old not in usual:
        return (
            f"preposition corrected: '{a[i1 - 1].raw} {a[i1].raw}' → '{b[j1 - 1].raw} {b[j1].raw}'"
        )
    return ""


SINGULAR_DETERMINERS = {"each", "every", "another", "this"}  # never "that": also a conjunction
NUMBER_PAIRS = {("this", "these"), ("is", "are"), ("was", "were"), ("has", "have"), ("does", "do")}
PLURAL_FORMS = {b for _, b in NUMBER_PAIRS}
IRREGULAR_PLURALS = {"people", "children", "men", "women", "data", "criteria"}
EITHER = {
    "staff",
    "team",
    "council",
    "panel",
    "public",
    "police",
    "board",
    "committee",
    "cabinet",
    "management",
    "government",
    "family",
    "group",
}  # take a singular or a plural verb
PRONOUNS = {
    "i",
    "you",
    "we",
    "they",
    "he",
    "she",
    "it",
    "there",
    "here",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "what",
    "whom",
    "whose",
    "everyone",
    "anyone",
    "someone",
}


def _plural(word: str) -> bool:
    return word in IRREGULAR_PLURALS or (
        len(word) > 3
        and word.endswith("s")
        and word.isalpha()
        and not word.endswith(("ss", "us", "is", "ics"))
    )


def agreement_fix(a: list, i1: int, i2: int, b: list, j1: int, j2: int, blocked: set[str]) -> str:
    """A reason when the run only makes words agree in number: a singular determiner removed
    before a plural noun ("each difficult decisions" → "difficult decisions"), or this/these,
    is/are, was/were, has/have, does/do changed to agree with the noun next to it.
    `blocked`: words that carry meaning (numbers, negations, obligations) and stop the rule."""
    if i2 - i1 == 1 and j2 == j1 and a[i1].norm in SINGULAR_DETERMINERS:
        for k in range(i2, min(i2 + 5, len(a))):
            word = a[k]
            if word.starts_sentence or word.norm in blocked or not word.norm.isalpha():
                return ""
            if _plural(word.norm):
                return f"grammar corrected: '{a[i1].raw}' removed before the plural '{word.raw}'"
            if word.norm in PRONOUNS or word.norm in PREPOSITION_WORDS:
                return ""
        return ""
    if i2 - i1 != 1 or j2 - j1 != 1:
        return ""
    old, new = a[i1].norm, b[j1].norm
    if (old, new) not in NUMBER_PAIRS and (new, old) not in NUMBER_PAIRS:
        return ""
    determiner = new in ("this", "these")
    if determiner:
        if i2 >= len(a) or a[i2].starts_sentence:
            return ""
        noun = a[i2].norm
    else:
        if i1 == 0 or a[i1].starts_sentence:
            return ""
        noun = a[i1 - 1].norm
    if not noun.isalpha() or noun in PRONOUNS or noun in blocked:
        return ""
    if (noun in EITHER and not determiner) or _plural(noun) == (new in PLURAL_FORMS):
        return f"grammar corrected: '{a[i1].raw}' → '{b[j1].raw}' to agree with '{noun}'"
    return ""


def missing_preposition(a: list, i1: int, i2: int, b: list, j1: int, j2: int) -> str:
    """A reason when one preposition is added (or taken out) after a word that takes it in
    standard English: "take ownership their actions" → "take ownership of their actions"."""
    if (i2 - i1) + (j2 - j1) != 1:
        return ""
    side, at, other = (b, j1, a) if j2 > j1 else (a, i1, b)
    word = side[at].norm
    if (
        at == 0
        or word not in PREPOSITION_WORDS
        or word not in PREPOSITIONS.get(side[at - 1].norm, ())
    ):
        return ""
    how = "added" if side is b else "taken out"
    return f"grammar corrected: '{side[at].raw}' {how} after '{side[at - 1].raw}'"


def negated_form(gone: list[str], new: list[str]) -> bool:
    """True for "not sure" ↔ "unsure": a "not" before a word, or the word made negative."""
    for x, y in ((gone, new), (new, gone)):
        if len(x) == 2 and x[0] == "not" and len(y) == 1:
            if any(y[0] == p + x[1] for p in ("un", "in", "im", "il", "ir", "dis")):
                return True
    return False


def adverb_form(gone: list[str], new: list[str]) -> bool:
    """True for an adverb written as a phrase: "creatively" ↔ "in creative ways", "honestly" ↔
    "with honesty"."""
    for x, y in ((gone, new), (new, gone)):
        if len(x) != 1 or not x[0].endswith("ly") or len(y) < 2:
            continue
        stem = x[0][:-2]
        if y[0] == "with" and len(y) == 2 and y[1].startswith(stem[:-1]) and len(stem) > 3:
            return True
        rest = [w for w in y[1:] if w not in ("a", "an")]
        if y[0] == "in" and len(rest) == 2 and rest[0] == stem and rest[1] in WAYS:
            return True
    return False


WAYS = {"way", "ways", "manner"}


def same_pair(x: list[str], y: list[str]) -> str:
    """The two as written when `x` and `y` (normalised words) are the two sides of a curated
    same-meaning pair, either way round, with no words inside; else ''."""
    hard_index, plain_index = _index()
    for first, second in ((x, y), (y, x)):
        keys = {key for key, words in hard_index.get(first[0], ()) if list(words) == first}
        if any(
            key in keys and list(words) == second for key, words in plain_index.get(second[0], ())
        ):
            return "yes"
    return ""
