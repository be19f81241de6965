"""Short, readable, unique ids for imported parts, made from titles or first words."""

from __future__ import annotations

import re
import unicodedata

ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "as",
        "from",
        "into",
        "onto",
        "be",
        "is",
        "are",
        "was",
        "were",
        "will",
        "shall",
        "should",
        "must",
        "may",
        "can",
        "could",
        "would",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "there",
        "they",
        "them",
        "we",
        "our",
        "us",
        "you",
        "your",
        "any",
        "all",
        "each",
        "every",
        "not",
        "no",
        "if",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "than",
        "then",
        "so",
        "such",
        "also",
        "about",
        "under",
        "over",
        "after",
        "before",
        "between",
        "within",
        "without",
        "staff",
    ]
)


def slug(text: str, words: int = 3) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = re.sub(r"\[\[[^\]]*\]\]|\]\([^)]*\)|[\ue000-\ue002]", " ", ascii_text)
    tokens = re.findall(r"[a-z0-9]+", ascii_text)
    chosen = [t for t in tokens if t not in STOP and len(t) > 1][:words] or tokens[:words]
    out = ""
    for token in chosen:
        if out and len(out) + 1 + len(token) > 32:
            break
        out = f"{out}-{token}" if out else token[:32]
    if out and not out[0].isalpha():
        out = "n" + out
    return out


class Ids:
    """Hands out ids, each used once in a document."""

    def __init__(self):
        self.used: set[str] = set()

    def take(self, wanted: str, fallback: str = "item") -> str:
        base = (
            wanted if ID.match(wanted or "") and len(wanted) <= 36 else (slug(wanted) or fallback)
        )
        if not ID.match(base):
            base = fallback
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate

    def for_block(self, block, fallback: str, scope: str = "") -> str:
        """An id from a policypress bookmark (c_some_id) when the file has one, else from words;
        a heading used in many parts ("Main principle") is named after the part (`scope`)."""
        for name in block.bookmarks:
            if name.startswith("c_"):
                wanted = name[2:].replace("_", "-")
                if ID.match(wanted) and wanted not in self.used:
                    return self.take(wanted)
        wanted = slug(block.plain) or fallback
        if scope and wanted in self.used:
            scoped = slug(f"{scope} {block.plain}", words=4)
            wanted = scoped if scoped not in self.used and len(scoped) <= 36 else wanted
        return self.take(wanted, fallback)
