"""Same meaning written another way: numbers, abbreviations, voice and order.

Each function answers one question about two wordings (or two runs of words that differ), so
that a change can be called editorial with one true reason: the same number written another way
("50%" and "half"; "seven" and "7"), an abbreviation the document defines or a standard one
written out ("CIH", "s."), active and passive voice with the same people and duty, or the same
list items in another order. Numbers written as words are read by text2num; lemmas ("kept" →
"keep") come from simplemma, loaded only when a passive sentence needs it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from text_to_num import alpha2digit

STANDARD_ABBREVIATIONS = {
    "s": "section",
    "ss": "sections",
    "para": "paragraph",
    "paras": "paragraphs",
    "reg": "regulation",
    "regs": "regulations",
    "sch": "schedule",
    "approx": "approximately",
    "dept": "department",
    "govt": "government",
}

_FRACTIONS = (
    (r"\b(?:a|one) half\b|\bhalf\b", "50 %"),
    (r"\b(?:a|one) quarter\b", "25 %"),
    (r"\b(?:a|one) tenth\b", "10 %"),
    (r"\b(?:a|one) fifth\b", "20 %"),
    (r"\bthree quarters\b", "75 %"),
    (r"\btwice\b", "2 times"),
)
_PERIOD = re.compile(r"\b(a|an|one|\d+) (year|month|week|fortnight|day)s?\b")
_TO_DAYS_OR_MONTHS = {
    "year": (12, "months"),
    "month": (1, "months"),
    "week": (7, "days"),
    "day": (1, "days"),
}


def number_form(text: str) -> str:
    """`text` with its numbers and amounts written one way: digits, "%", "N pounds", periods in
    months or days ("a year" → "12 months", "2 weeks" → "14 days")."""
    text = " ".join(text.lower().replace("-", " ").split())
    for pattern, value in _FRACTIONS:
        text = re.sub(pattern, value, text)
    text = alpha2digit(text, "en", threshold=2)  # "one" and "first" stay words: "no one"
    text = re.sub(
        r"\b(\d+) ?(?:per cent|percent)\b|\b(\d+) ?%", lambda m: f"{m[1] or m[2]} %", text
    )
    text = re.sub(r"£ ?(\d+(?:\.\d+)?)", r"\1 pounds", text)
    text = re.sub(r"\b(\d+) pounds? (\d+) pence\b", r"\1.\2 pounds", text)

    def period(match: re.Match[str]) -> str:
        count = 1 if match[1] in ("a", "an", "one") else int(match[1])
        if match[2] == "fortnight":
            return f"{14 * count} days"
        factor, unit = _TO_DAYS_OR_MONTHS[match[2]]
        return f"{factor * count} {unit}"

    text = _PERIOD.sub(period, text)
    return re.sub(r"\b(\d+) days?\b", r"\1 days", text)


def has_number(text: str) -> bool:
    return any(c.isdigit() for c in number_form(text))


_DEFINED = re.compile(
    r"((?:[A-Z][\w’']*)(?:\s+(?:of|for|and|the|on|in|to|[A-Z][\w’']*))*)\s+\(([A-Z][A-Za-z]{1,9})\)"
)


def defined_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """Abbreviations a document defines, "Chartered Institute of Housing (CIH)": {"cih": the
    name in lower case}. Only where the abbreviation's letters are the name's initials."""
    out: dict[str, str] = {}
    for text in texts:
        for match in _DEFINED.finditer(text):
            words = match[1].split()
            short = match[2].lower()
            # drop leading words until the capitals spell the abbreviation
            for start in range(len(words)):
                name = words[start:]
                initials = "".join(w[0] for w in name if w[0].isupper()).lower()
                if initials == short and name[0][0].isupper():
                    out[short] = " ".join(name).lower()
                    break
    return out


def abbreviation(gone: str, new: str, defined: Mapping[str, str]) -> str:
    """A reason when one side is an abbreviation of the other: "abbreviation written out: 'CIH'
    → 'Chartered Institute of Housing'"; else ""."""
    old_text, new_text = gone.strip(" ."), new.strip(" .")
    for short, long in ((old_text, new_text), (new_text, old_text)):
        key = short.lower().rstrip(".")
        full = defined.get(key) or STANDARD_ABBREVIATIONS.get(key)
        if full and full == " ".join(long.lower().split()):
            if short is old_text:
                return f"abbreviation written out: '{short}' → '{long}'"
            return f"name shortened to its abbreviation: '{long}' → '{short}'"
    return ""


SEPARATORS = {",", "and", "or", "&", "nor", ";"}
FOCUS = {"only", "not", "also", "even", "just", "never", "no", "always"}


def _items(words: list[str]) -> tuple[Counter, Counter]:
    """The items of a list (split at commas, "and", "or") and its joining words."""
    items: list[tuple[str, ...]] = []
    joins: list[str] = []
    current: list[str] = []
    for word in words:
        if word in SEPARATORS:
            joins.append(word)
            if current:
                items.append(tuple(current))
            current = []
        elif word not in {"a", "an", "the"}:
            current.append(word)
    if current:
        items.append(tuple(current))
    return Counter(items), Counter(w for w in joins if w != ",")


def reordered(a: list[str], b: list[str]) -> bool:
    """True when the differing middle of two word lists (punctuation kept as words) holds the
    same list items in another order, with the same joining words, or is the same two pieces
    swapped round ("influence their decisions improperly" → "improperly influence their
    decisions"), with no word such as "only" or "not" moving."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    x, y = a[start : len(a) - end], b[start : len(b) - end]
    if not x or not y:
        return False
    bare_x = [w for w in x if w not in {"a", "an", "the", ","}]
    bare_y = [w for w in y if w not in {"a", "an", "the", ","}]
    if FOCUS & (set(bare_x) ^ set(bare_y)) or FOCUS & set(_moved(bare_x, bare_y)):
        return False
    if _items(x) == _items(y) and len(_items(x)[0]) > 1:
        return True
    return _rotated(bare_x, bare_y) or _rotated([w for w in bare_y if w != "of"], bare_x)


def _moved(x: list[str], y: list[str]) -> list[str]:
    for cut in range(1, len(x)):
        if x[cut:] + x[:cut] == y:
            return x[:cut] if cut < len(x) - cut else x[cut:]
    return []


def _rotated(x: list[str], y: list[str]) -> bool:
    """True when y is x cut in two and swapped round."""
    return x != y and len(x) == len(y) and any(x[cut:] + x[:cut] == y for cut in range(1, len(x)))


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    import simplemma  # its word lists load in about half a second: only when voice is checked

    return simplemma.lemmatize(word, lang="en").lower()


BE = {"is", "are", "was", "were", "be", "been", "being"}
OBJECT = {"them": "they", "him": "he", "her": "she", "us": "we", "me": "i", "it": "it"}


def _active(words: list[str]) -> list[str] | None:
    """A passive sentence "X (must) be done (rest) by Y" as "Y (must) do X (rest)"; None when
    the words are not such a sentence."""
    for i, word in enumerate(words):
        if word in BE and i + 1 < len(words) and i > 0:
            by = [k for k in range(i + 2, len(words)) if words[k] == "by"]
            if not by:
                return None
            subject = words[: i - 1] if words[i - 1] in _MODAL_WORDS else words[:i]
            modal = [words[i - 1]] if words[i - 1] in _MODAL_WORDS else []
            rest, agent = words[i + 2 : by[-1]], words[by[-1] + 1 :]
            if not subject or not agent:
                return None
            agent = [OBJECT.get(w, w) for w in agent]
            return agent + modal + [words[i + 1]] + subject + rest
    return None


_MODAL_WORDS = {"must", "should", "will", "shall", "may", "can", "might", "could", "would"}


def _lemmas(words: list[str]) -> list[str]:
    return [lemma(w) for w in words if w not in {"a", "an", "the", "that", "which", "who"}]


def same_voice_turned(a: list[str], b: list[str]) -> bool:
    """True when one sentence is the other in the passive with its doer kept: "Staff members
    keep records" and "Records are kept by staff members" (words compared by their lemmas)."""
    if "by" not in a + b or "." in a[:-1] or "." in b[:-1]:
        return False
    a = [w for w in a if w not in {".", ","}]
    b = [w for w in b if w not in {".", ","}]
    for passive, active in ((a, b), (b, a)):
        turned = _active(passive)
        if turned and _lemmas(turned) == _lemmas(active):
            return True
    return False


def turned_relative(gone: list[str], new: list[str]) -> bool:
    """True for a short passive after a noun turned active: "provided by them" → "they provide"
    (either way)."""
    for passive, active in ((gone, new), (new, gone)):
        if len(passive) >= 3 and passive[1] == "by" and len(active) == len(passive) - 1:
            doer = [OBJECT.get(w, w) for w in passive[2:]]
            if active[:-1] == doer and lemma(active[-1]) == lemma(passive[0]):
                return True
    return False


JOINING = {"and", "or", ",", "also", "a", "an", "the", "they", "their", "them"}


def joined(first: list[str], second: list[str], merged: list[str]) -> bool:
    """True when `merged` is one of the two followed by the other, both whole and in their own
    order, with only joining words ("and", "also") added or taken out, and the other's opening
    words said once for both when they repeat the first's ("Staff members explain … and keep
    …")."""
    one, two, into = ([w for w in x if w not in JOINING] for x in (first, second, merged))
    if not one or not two:
        return False
    for a, b in ((one, two), (two, one)):
        for shared in range(4):
            if a[:shared] == b[:shared] and into == a + b[shared:]:
                return True
    return False
