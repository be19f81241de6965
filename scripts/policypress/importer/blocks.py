"""The neutral blocks that the Word and Markdown readers produce and the mapper reads.

A block is one paragraph, heading or table of the file being imported, with where it is
("paragraph 12") and its text as inline Markdown. Numbers typed into the text ("1.1", "A1.",
"a)", "(i)") are split off here, so every reader treats them the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BlockKind = str  # "heading", "para" or "table"


@dataclass
class Block:
    kind: BlockKind
    where: str  # "paragraph 12", "table 2", "line 40"
    text: str = ""  # inline Markdown, without the number
    plain: str = ""  # the same text without Markdown, for messages and checks
    level: int = 0  # heading level, 1 = top
    list_level: int = -1  # 0-based level of a list item; -1 when not in a list
    list_kind: str = ""  # "bullet" or "ordered" for list items
    number: str = ""  # the number as the reader sees it: typed ("1.1") or Word's ("a)")
    typed: bool = False  # the number was typed into the text (not Word numbering)
    style: str = ""  # the Word style name, "" for Markdown
    quote: bool = False
    all_bold: bool = False  # every letter is bold (a heading written as a bold paragraph)
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, as plain text
    bookmarks: tuple[str, ...] = ()  # names of Word bookmarks that start in the paragraph
    lead: str = ""  # the plain text of a bold lead-in ("Main principle:"), when there is one
    indent: bool = False  # set in from the margin (a clause's second paragraph in Word)

    def quoted(self, limit: int = 40) -> str:
        """The first words, for messages: “Signed: ……”."""
        words = (f"{self.number} " if self.number and self.typed else "") + (
            self.plain or " | ".join(" ".join(row) for row in self.rows[:1])
        )
        return excerpt(words, limit)


def excerpt(words: str, limit: int = 40) -> str:
    """A text's first words in curly quotes, for the import report: “Signed: ……”."""
    words = " ".join(words.split())
    return "“" + (words if len(words) <= limit else words[: limit - 1].rstrip() + "…") + "”"


@dataclass
class Skipped:
    """Something read and deliberately not imported, or (lost=True) that the format cannot hold."""

    where: str
    quote: str
    reason: str
    lost: bool = False

    def said(self) -> str:
        """Where it was, its words quoted and why, as the reports print it."""
        return f"{self.where}{' (' + self.quote + ')' if self.quote else ''}: {self.reason}"


@dataclass
class Read:
    """What a reader found: blocks in order, what it skipped, and counts for the report."""

    blocks: list[Block]
    skipped: list[Skipped]
    paragraphs: int = 0
    tables: int = 0
    empty: int = 0
    properties: dict[str, str] = field(default_factory=dict)  # title, subject, category, ...


# Numbers typed at the start of a paragraph. Order matters: the longest forms first.
TYPED = [
    ("appendix", re.compile(r"^(Appendix\s+(?:[A-Z]{1,2}|\d{1,3}))(?:\s*[.:–—-])?\s+(?=\S)")),
    ("decimal", re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?)(?:\s+|(?=[A-Z]))")),
    ("lettered", re.compile(r"^((?:[A-Z]{1,2}|[IVXLC]{1,5})\.?\d{1,3}(?:\.\d{1,3})*\.?)\s+")),
    ("paren", re.compile(r"^(\(\d{1,3}\)|\d{1,3}\))\s+")),
    ("dot", re.compile(r"^(\d{1,3}\.)\s+")),
    ("roman", re.compile(r"^(\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)[.)])\s+")),
    ("letter", re.compile(r"^(\(?[a-z][.)])\s+")),
    ("capital", re.compile(r"^([A-Z][.)])\s+")),
]
HEADING_ONLY = [
    ("capital", re.compile(r"^([A-Z])\s+(?=[A-Z0-9])")),
    ("whole", re.compile(r"^(\d{1,3})\.?\s+(?=[A-Z])")),
]
BULLET_CHARS = "•◦▪▫‣∙·-–*o§"


def typed_number(plain: str, heading: bool = False) -> tuple[str, str, int]:
    """(kind, number, characters to remove) for a number typed at the start of `plain`."""
    patterns = TYPED + (HEADING_ONLY if heading else [])
    for kind, pattern in patterns:
        match = pattern.match(plain)
        if match and match.end() < len(plain):
            return kind, " ".join(match.group(1).split()), match.end()
    bullet = re.match(rf"^[{re.escape(BULLET_CHARS)}]\t|^[•◦▪▫‣∙·]\s+", plain)
    if bullet and bullet.end() < len(plain):
        return "bullet", "", bullet.end()
    return "", "", 0


MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def escape(text: str) -> str:
    """Plain text made safe as inline Markdown: characters that would start formatting are "
    "escaped."""
    return MD_SPECIAL.sub(r"\\\1", text)


def unescape(text: str) -> str:
    return re.sub(r"\\([\\`*_\[\]#+\-.!>|])", r"\1", text)
