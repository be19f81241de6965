"""Edit a section file as text, keeping every byte that does not change.

ruamel.yaml's composer gives each node where it starts and ends in the file; an edit replaces
one span (a text's value, a whole list of parts) and leaves the rest alone: comments, quoting,
`>-` blocks, blank lines and line endings stay as they were. A part that moves keeps its own
lines, set in or out to its new place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def compose(text: str) -> Node | None:
    return YAML(typ="rt").compose(text)


def apply(text: str, edits: list[Edit], offset: int = 0) -> str:
    """`text` (which starts at `offset` in its file) with `edits` made, last first."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start - offset] + edit.text + text[edit.end - offset :]
    return text


def get(node: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def value_of(node: ScalarNode) -> str:
    """A scalar's text as YAML reads it (the composer marks where a `>` block folds with BEL)."""
    return node.value.replace("\a", "") if node.style == ">" else node.value


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def content_end(text: str, node: Node, column: int) -> int:
    """Where a node's own text ends: before the blank lines and the comments (at `column` or
    less) that the composer counts into it."""
    start, end = node.start_mark.index, node.end_mark.index
    lines = text[start:end].split("\n")
    while len(lines) > 1:
        last = lines[-1]
        stripped = last.strip()
        indent = len(last) - len(last.lstrip(" "))
        if stripped and not (stripped.startswith("#") and indent <= column):
            break
        lines.pop()
    return start + len("\n".join(lines).rstrip())


def scalar_end(text: str, node: ScalarNode) -> int:
    return node.start_mark.index + len(text[node.start_mark.index : node.end_mark.index].rstrip())


def item_chunks(text: str, seq: SequenceNode) -> list[tuple[int, int]]:
    """(start, end) of each item of a block list: from the start of its `- ` line to the end of
    its own text (comments after it, before the next item, stay with it)."""
    starts = [line_start(text, item.start_mark.index) for item in seq.value]
    out = []
    for n, item in enumerate(seq.value):
        if n + 1 < len(starts):
            end = len(text[: starts[n + 1]].rstrip())
        else:
            end = content_end(text, item, item.start_mark.column - 1)
        out.append((starts[n], end))
    return out


def separator(text: str, seq: SequenceNode) -> str:
    chunks = item_chunks(text, seq)
    newline = "\r\n" if "\r\n" in text else "\n"
    for (_, end), (start, _) in zip(chunks, chunks[1:], strict=False):
        if "\n\n" in text[end:start].replace("\r\n", "\n").replace(" ", ""):
            return newline * 2
    return newline


def dash_column(text: str, seq: SequenceNode) -> int:
    start = seq.value[0].start_mark.index
    line = text[line_start(text, start) : start]
    return len(line) - len(line.lstrip(" "))


def reindent(chunk: str, by: int) -> str:
    if by == 0:
        return chunk
    lines = chunk.split("\n")
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
        elif by > 0:
            out.append(" " * by + line)
        else:
            cut = min(-by, len(line) - len(line.lstrip(" ")))
            out.append(line[cut:])
    return "\n".join(out)


PLAIN_UNSAFE = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: | #|\s$|^$")


def format_scalar(text: str, old: ScalarNode, source: str) -> str:
    """`text` written as YAML in the style the old value used (a `>-` or `|` block at the same
    indent and width, quoted, or plain), when YAML reads that back as `text`; else quoted."""
    for written in (_styled(text, old, source), json.dumps(text, ensure_ascii=False)):
        if _reads_as(written, text, old):
            return written
    return json.dumps(text)  # every character not in ASCII escaped


def _reads_as(written: str, text: str, old: ScalarNode) -> bool:
    """Whether YAML reads `written` back as `text` (a block's last line breaks aside: they are
    the block's own, as in the old value; a `|` block of prose, as Markdown reads it)."""
    try:
        read = YAML(typ="safe").load(f"k: {written}\n")
    except YAMLError:
        return False
    value = read.get("k") if isinstance(read, dict) else None
    if not isinstance(value, str):
        return False
    if old.style == "|":  # prose: wrapped as the old text was, it reads the same in Markdown
        return same_markdown(value) == same_markdown(text)
    return value.rstrip("\n") == text.rstrip("\n") if old.style == ">" else value == text


def _styled(text: str, old: ScalarNode, source: str) -> str:
    style = old.style
    if style in (">", "|"):
        indicator = source[old.start_mark.index :].split("\n", 1)[0].strip()
        body = source[old.start_mark.index : scalar_end(source, old)].split("\n")[1:]
        lines = [line for line in body if line.strip()]
        indent = min((len(line) - len(line.lstrip(" ")) for line in lines), default=0)
        if indent == 0:
            indent = old.start_mark.column + 2
        width = max([len(line) for line in lines] + [80])
        keep = text.rstrip("\n") if indicator.endswith("-") else text
        if style == ">" and "\n" not in keep and "  " not in keep and keep == keep.strip():
            folded = _refold([line.strip() for line in lines], keep, width - indent)
            return indicator + "\n" + "\n".join(" " * indent + line for line in folded)
        if style == "|" and keep.strip() and not keep.startswith(" "):
            kept = [line[indent:] for line in body]
            value = _prose(keep.rstrip("\n"), "\n".join(kept).strip("\n"), width - indent)
            return (
                indicator
                + "\n"
                + "\n".join((" " * indent + line) if line else "" for line in value.split("\n"))
            )
    elif style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    elif style is None and "\n" not in text and not PLAIN_UNSAFE.search(text) and _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


LIST_LINE = re.compile(r"\n[ \t]*(?=[-*+][ \t]|\d+[.)][ \t])")
BLOCK_START = re.compile(r"^(?:[-*+>#|=]|\d+[.)])(?:[ \t]|$)")  # a line Markdown reads anew


def same_markdown(value) -> str:
    """A text as Markdown reads it: a line break inside a paragraph (or a quotation) is a
    space, so a text Word gives back on one line equals the same text wrapped in the YAML."""
    if not isinstance(value, str):
        return ""
    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n", value.strip()):
        paragraph = LIST_LINE.sub("\x00", paragraph)
        quoted = paragraph.lstrip().startswith(">")
        joined = re.sub(r"[ \t]*\n[ \t]*" + (r"(?:>[ \t]?)?" if quoted else ""), " ", paragraph)
        paragraphs.append(" ".join(joined.replace("\x00", "\n").split(" ")).strip())
    return "\n\n".join(paragraphs)


def _prose(text: str, old: str, room: int) -> str:
    """Paragraphs of Markdown for a `|` block: a paragraph that reads as before keeps its old
    lines; a new or changed one is wrapped as the others are, when wrapping cannot change what
    Markdown makes of it."""
    before = {same_markdown(p): p for p in re.split(r"\n[ \t]*\n", old)}
    out = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        kept = before.get(same_markdown(paragraph))
        out.append(kept if kept is not None else _wrapped(paragraph, room))
    return "\n\n".join(out)


def _wrapped(paragraph: str, room: int) -> str:
    quote = paragraph.startswith("> ")
    words = paragraph[2:] if quote else paragraph
    if "\n" in paragraph or "  " in words or (BLOCK_START.match(paragraph) and not quote):
        return paragraph  # a list, a heading, a hard line break: as Word gave it
    lines = _fold(words, room - (2 if quote else 0))
    if any(BLOCK_START.match(line) for line in lines[1:]):
        return paragraph
    return "\n".join(("> " if quote else "") + line for line in lines)


def _plain_ok(text: str) -> bool:
    try:
        return YAML(typ="safe").load(f"k: {text}\n") == {"k": text}
    except YAMLError:
        return False


def _refold(old: list[str], text: str, room: int) -> list[str]:
    """`text` folded into lines of at most `room`, keeping the old lines it starts and ends
    with, so that a change of a few words changes only the lines they are on."""
    if " ".join(old) == text:
        return old
    first = 0
    while first < len(old) and text.startswith(" ".join(old[: first + 1]) + " "):
        first += 1
    head = " ".join(old[:first])
    last = len(old)
    while last > first and text.endswith(" " + " ".join(old[last - 1 :])):
        tail = " ".join(old[last - 1 :])
        if len(head) + len(tail) + 2 > len(text):
            break
        last -= 1
    tail = " ".join(old[last:])
    middle = text[len(head) + 1 if head else 0 : len(text) - len(tail) - 1 if tail else len(text)]
    return old[:first] + (_fold(middle, room) if middle.strip() else []) + old[last:]


def _fold(text: str, room: int) -> list[str]:
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines
