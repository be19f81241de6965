"""A wording's words as the classification rules compare them: each word normalised (lower
case, British spelling, "don't" as "do not") with how it was written, where sentences start and
commas fall; and whether two words are plausibly one misspelt. wording.py compares them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policypress.wordlists import SYMBOLS, US_UK

_IZE = re.compile(r"^(\w{2,}?)(?:iz|yz)(e|es|ed|ing|ation|ations|er|ers)$")
_OR = re.compile(r"^(behavi|neighb|fav|hon|lab|col|harb|rum|hum|endeav)or(s|ed|ing|al|ally)?$")
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[%£$€]|[^\w\s]")


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
class Token:
    norm: str
    raw: str
    starts_sentence: bool
    comma: bool = False  # a comma follows it


_SHORT = {"won't": "will", "can't": "can", "shan't": "shall", "cannot": "can"}


def _expanded(raw: str) -> list[tuple[str, str]]:
    """A word as (normalised, as written) pieces: "don't" is "do" and "not", as "do not"."""
    word = raw.lower()
    if word in _SHORT or (word.endswith("n't") and len(word) > 3):
        return [(_SHORT.get(word, word[:-3]), raw), ("not", "")]
    return [(_british(word), raw)]


def split_words(text: str) -> list[Token]:
    out: list[Token] = []
    sentence = True
    for raw in TOKEN.findall(text.replace("’", "'")):
        if raw in ".!?:;":
            sentence = True
            continue
        if raw == "," and out:
            out[-1] = replace(out[-1], comma=True)
            continue
        if not (raw[0].isalnum() or raw[0] == "_" or raw in SYMBOLS):
            continue
        for norm, shown in _expanded(raw):
            out.append(Token(norm, shown, sentence))
            sentence = False
    return out


def word_marks(text: str) -> list[str]:
    """The normalised words of a text with its commas and full stops kept as words."""
    out: list[str] = []
    for raw in TOKEN.findall(text.replace("’", "'")):
        if raw in {",", ".", ";", ":"}:
            out.append(raw)
        elif raw[0].isalnum() or raw in SYMBOLS:
            out += [norm for norm, _ in _expanded(raw)]
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


def misspelling(a: str, b: str) -> bool:
    """True when one word is plausibly a misspelling of the other (not a negated form)."""
    if a == b:
        return True
    if any(a == p + b or b == p + a for p in NEGATING):
        return False
    shorter = min(len(a), len(b))
    limit = 2 if shorter >= 4 else 1 if shorter >= 3 else 0
    return _distance(a, b) <= limit


def quote_words(tokens: list[Token]) -> str:
    return " ".join(t.raw for t in tokens if t.raw).replace(" %", "%").replace("£ ", "£")


def normalised(text: str) -> list[str]:
    """A text's words as the rules compare them: lower case, British spelling, "don't" as two."""
    return [t.norm for t in split_words(text)]


def quoted(text: str) -> str:
    """A text's words as a reason quotes them."""
    return quote_words(split_words(text))
