"""The shapes of numbers and prose an imported file shows, in the source format's terms.

- An item number ("b)", "(iv)", "3.") has a *form*, one of the source format's item styles
  ("a)", "(i)", "1."), and a value. The forms a list uses, level by level, become `items:`.
- Unnumbered text (paragraphs, quotations, bulleted and "1."-numbered lists, nested) becomes
  Markdown prose, written so that the loader reads back the same paragraphs, lists and numbers.
"""

from __future__ import annotations

import re

from policypress.load.numbering import DEFAULT_ITEMS, ITEM_STYLES, counters, item_style

ITEM = re.compile(r"^(\()?([0-9]{1,3}|[a-z]{1,4}|[A-Z]{1,4})([.)])?$")
OTHER = re.compile(r"([^\w\s]{1,3})([0-9]{1,3}|[a-z]{1,4}|[A-Z]{1,4})([^\w\s]{0,3})")
ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
MARKDOWN_FORMS = ("1.", "1)")


def _roman_value(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for n, ch in enumerate(text):
        value = values[ch]
        total += -value if n + 1 < len(text) and values[text[n + 1]] > value else value
    return total


def _letters_value(text: str) -> int:
    n = 0
    for ch in text.lower():
        n = n * 26 + ord(ch) - ord("a") + 1
    return n


class Forms:
    """Reads item numbers in order, for one list and the lists inside it: each number's form and
    value, and its level (a form not seen before opens a deeper level)."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}  # form -> the value it last showed
        self.stack: list[str] = []  # the forms open, outermost first
        self.levels: list[str] = []  # the form of each level, as first seen

    def read(self, number: str) -> tuple[str, int] | None:
        """(form, value) of an item number, or None when it is not an item number. Besides the
        usual forms ("a)", "(ii)", "3."), any text around one number is kept: "[a]", "§1"."""
        match = ITEM.match(number.strip())
        if not match:
            other = OTHER.fullmatch(number.strip())
            if other is None:
                return None
            read = self.read(f"({other.group(2)})")
            if read is None:
                return None
            return other.group(1) + read[0][1:-1] + other.group(3), read[1]
        opening, core, close = match.groups()
        if opening and close != ")" or not opening and not close:
            return None
        if core.isdigit():
            kind, value = "1", int(core)
        else:
            lower = core.lower()
            upper = core.isupper()
            letter_kind, roman_kind = ("A", "I") if upper else ("a", "i")
            as_letter = _form(opening, letter_kind, close)
            as_roman = _form(opening, roman_kind, close)
            is_roman = bool(ROMAN.match(lower)) and lower != ""
            letter_ok = len(core) == 1 or len(set(lower)) == 1
            if (
                is_roman and len(core) == 1
            ):  # i, v, x, l, c, d, m: a letter only where letters go on
                continues = self.last.get(as_letter) == _letters_value(lower) - 1
                roman_on = self.last.get(as_roman) == _roman_value(lower) - 1
                is_roman = not continues and (lower == "i" or roman_on or as_roman in self.stack)
            if is_roman:
                kind, value = roman_kind, _roman_value(lower)
            elif letter_ok:
                kind, value = letter_kind, _letters_value(lower)
            else:
                return None
        form = _form(opening, kind, close)
        if form not in ITEM_STYLES:
            return None
        return form, value

    def place(self, form: str, value: int) -> int:
        """The level (0 = outermost) of an item of `form`, and remember it."""
        if form in self.stack:
            level = self.stack.index(form)
            del self.stack[level + 1 :]
        else:
            self.stack.append(form)
            level = len(self.stack) - 1
        for deeper in [f for f in self.last if f not in self.stack]:
            del self.last[deeper]
        self.last[form] = value
        if level == len(self.levels):
            self.levels.append(form)
        return level


def _form(opening: str | None, kind: str, close: str | None) -> str:
    return f"({kind})" if opening else f"{kind}{close}"


def fits(forms: list[str] | tuple[str, ...], items: tuple[str, ...]) -> bool:
    """Whether styles `items` number every level of `forms` as the file did."""
    return all(item_style(items, level) == form for level, form in enumerate(forms, start=1))


def document_items(contexts: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The item styles for the whole document: the forms most lists use (the longer on a tie),
    or the defaults when they fit them all."""
    if not contexts or all(fits(c, DEFAULT_ITEMS) for c in contexts):
        return DEFAULT_ITEMS
    counts: dict[tuple[str, ...], int] = {}
    for forms in contexts:
        counts[forms] = counts.get(forms, 0) + 1
    return max(counts, key=lambda f: (sum(n for c, n in counts.items() if fits(c, f)), len(f)))


# -- prose ---------------------------------------------------------------------------------------


def escape_start(text: str) -> str:
    """A paragraph whose first characters Markdown would read as a list, quotation or heading."""
    return re.sub(r"^(#|[-+*>]\s|\d+[.)]\s)", r"\\\1", text)


def prose(items: list[tuple[str, str, int, str]]) -> str:
    """Markdown for ("para"|"quote"|"bullet"|"ordered", inline text, level, number) in order."""
    lines: list[str] = []
    previous = ""
    indents: list[int] = []  # the text column of each open list level
    for kind, text, level, number in items:
        text = re.sub(r" {2,}\n", "\\\n", text)  # Markdown's two-space line break, written as "\\"
        text = re.sub(
            r"(?<!\\)[ \t]*\n[ \t]*", " ", text
        )  # a soft line break is a space; "\\" + break stays
        listed = kind in ("bullet", "ordered")
        if lines and (not listed or previous not in ("bullet", "ordered")):
            lines.append("" if not (kind == "quote" and previous == "quote") else ">")
        if kind == "para":
            lines.append(escape_start(text))
            indents = []
        elif kind == "quote":
            lines.append("> " + escape_start(text).replace("\\\n", "\\\n> "))
            indents = []
        else:
            level = min(level, len(indents))
            del indents[level:]
            pad = indents[-1] if indents else 0
            marker = "-" if kind == "bullet" else number
            indents.append(pad + len(marker) + 1)
            body = text.replace("\\\n", "\\\n" + " " * (pad + len(marker) + 1))
            lines.append(" " * pad + f"{marker} {escape_start(body)}")
        previous = kind
    return "\n".join(lines) + "\n"


# -- labels --------------------------------------------------------------------------------------

TOKEN = re.compile(r"(?<![A-Za-z])(?:[A-Z]{1,3}|[a-z]{1,3})(?![A-Za-z])|(?<!\d)\d{1,4}(?!\d)")


def _token_kind(token: str, roman: bool) -> tuple[str, int] | None:
    """(kind, value) of one number in a label: 12 -> ("1", 12), "C" -> ("A", 3), "iv" -> ("i", 4)
    ("I" is a roman one only when `roman`: the document's other labels say so)."""
    if token.isdigit():
        return "1", int(token)
    lower = token.lower()
    is_roman = bool(ROMAN.match(lower)) and (roman or len(token) > 1)
    if is_roman:
        return ("I" if token.isupper() else "i"), _roman_value(lower)
    if len(token) > 2:
        return None
    return ("A" if token.isupper() else "a"), _letters_value(lower)


def label_pattern(label: str, parent: str = "", roman: bool = False) -> tuple[str, int] | None:
    """The pattern of a label as printed, and the value of its own number: "A." -> ("A.", 1),
    "SECTION 3" -> ("SECTION 1", 3), "3.0" -> ("1.0", 3). With `parent` (the kind of the
    heading's number, such as "A"), a label with two numbers puts the heading's first:
    "B12." -> ("A1.", 12). None when the label cannot be written as a pattern."""
    whole = re.fullmatch(r"(\d{1,4})\.0(\.?)", label)
    if whole and not parent:
        return "1.0" + whole.group(2), int(whole.group(1))
    tokens = list(TOKEN.finditer(label))
    if not tokens or len(tokens) > (2 if parent else 1) or (len(tokens) == 2 and not parent):
        return None
    own = _token_kind(tokens[-1].group(0), roman)
    if own is None:
        return None
    out, at = "", 0
    for n, token in enumerate(tokens):
        kind = parent if n < len(tokens) - 1 else own[0]
        out += label[at : token.start()] + kind
        at = token.end()
    out += label[at:]
    return (out, own[1]) if len(counters(out)) == len(tokens) else None


def label_value(label: str, roman: bool = False) -> int:
    """The value of the last number in a label: "SECTION 4" -> 4, "C." -> 3, "3.0" -> 3; "IV"
    -> 4 and "I" -> 1 when `roman`."""
    whole = re.fullmatch(r"(\d{1,4})\.0\.?", label)
    if whole:
        return int(whole.group(1))
    tokens = TOKEN.findall(label)
    kind = _token_kind(tokens[-1], roman=roman) if tokens else None
    return kind[1] if kind else 0
