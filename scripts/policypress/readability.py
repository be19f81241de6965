"""The wording checks of one text: drafters' placeholders and doubled words (warnings), and
readability advice: sentences over 25 words, and words with a plainer alternative from the
curated list (plainwords.py). validate.py runs them on every text of a document."""

from __future__ import annotations

import re
from collections.abc import Iterator

from policypress.errors import Location, Problem
from policypress.model import Text
from policypress.plainwords import NOT_ADVISED, forms

# Drafters' placeholders: "<insert roles / group>", "[insert date]", "TBC", "[TBC]", "XX", "???".
# The short ones only count in capitals, so ordinary words are never flagged. No bracket inside
# a placeholder: that keeps the search linear on text such as "<insert<insert<insert...".
PLACEHOLDER = re.compile(
    r"(?i:<\s*insert[^<>]*>|\[\s*insert[^\[\]]*\])|\[?\b(?:TBC|TBA|TBD)\b\]?|\bXX+\b|\?\?\?"
)
DOUBLED = re.compile(r"\b(\w+)\b([\s,;:]+)\b(\1)\b", re.IGNORECASE)


def placeholders(text: str) -> Iterator[str]:
    for match in PLACEHOLDER.finditer(text):
        yield match.group(0)


def doubled_words(text: str) -> Iterator[str]:
    for match in DOUBLED.finditer(text):
        if match.group(1).isdigit():
            continue
        yield match.group(0)


LONGEST_SENTENCE = 25  # words: GOV.UK advises 25 at most
WORD = re.compile(r"\w+(?:['’.,]\w+)*")  # "3.1", "1,000" and "tenant's" are one word each
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'‘“(]?[A-Z0-9])")


def _hard_words() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Every hard form of the curated list by its first word: (its words, plain alternatives),
    longest first."""
    index: dict[str, list] = {}
    for hard, _, written, _ in forms():
        if " ".join(hard) not in NOT_ADVISED and (hard, written) not in index.get(hard[0], []):
            index.setdefault(hard[0], []).append((hard, written))
    return index


HARD_WORDS = _hard_words()
TOKEN = re.compile(r"\w+(?:['’-]\w+)*")  # "self-assess" is one word, never "assess"


def long_sentences(text: str) -> Iterator[tuple[str, int]]:
    """Each sentence of more than 25 words, with its number of words. A list item without a
    full stop counts as one sentence."""
    for sentence in SENTENCE_END.split(text):
        count = len(WORD.findall(sentence))
        if count > LONGEST_SENTENCE:
            yield sentence.strip(), count


def hard_words(text: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each word or phrase from the curated list, as written, with its plain alternatives."""
    tokens = list(TOKEN.finditer(text))
    lower = [t.group(0).lower() for t in tokens]
    i = 0
    while i < len(tokens):
        for words, alternatives in HARD_WORDS.get(lower[i], ()):
            if tuple(lower[i : i + len(words)]) == words:
                found = " ".join(text[tokens[i].start() : tokens[i + len(words) - 1].end()].split())
                yield found, alternatives
                i += len(words) - 1
                break
        i += 1


def _start(text: Text, sentence: str, locate) -> Location:
    """Where a sentence starts in its file: found by its first three words as written, or fewer
    when a line break falls between them; the start of the text when not found."""
    words = list(WORD.finditer(sentence))
    for n in (3, 2, 1):
        if len(words) >= n:
            where = locate(text, sentence[: words[n - 1].end()])
            if where != text.location:
                return where
    return text.location


def readability(owner: str, text: Text, locate) -> Iterator[tuple[str, Problem]]:
    plain = text.plain()
    for sentence, count in long_sentences(plain):
        yield (
            owner,
            Problem(
                _start(text, sentence, locate),
                "advice",
                "hard-to-read",
                f"this sentence has {count} words, which is hard to read: "
                f"'{' '.join(sentence.split()[:8])} …'",
                f"keep sentences to {LONGEST_SENTENCE} words or fewer: split it, or make a list",
            ),
        )
    seen: set[str] = set()
    for found, alternatives in hard_words(plain):
        if found.lower() in seen:
            continue
        seen.add(found.lower())
        capital = found[0].isupper()
        instead = " or ".join(f"'{a[0].upper() + a[1:] if capital else a}'" for a in alternatives)
        yield (
            owner,
            Problem(
                locate(text, found),
                "advice",
                "hard-to-read",
                f"'{found}' is hard to read: write {instead}",
                "it means the same in plain English, and the change is editorial",
            ),
        )
