"""Text as the model holds it: inline spans (emphasis, links, cross-references) and the blocks
of prose they make (paragraphs, lists, quotations). Frozen, and no I/O, like the rest of the
model (`model.py`, which names them too)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from policypress.errors import Location

SpanKind = Literal["text", "em", "strong", "code", "link", "ref", "break"]


@dataclass(frozen=True)
class Span:
    """A piece of inline text. `em`, `strong` and `link` hold children; `ref` points at an id."""

    kind: SpanKind
    text: str = ""
    children: tuple[Span, ...] = ()
    target: str = ""  # the URL of a link, or the id a `ref` points to

    def plain(self, numbers: dict[str, str] | None = None) -> str:
        if self.kind == "ref":
            return (numbers or {}).get(self.target, self.target)
        if self.kind == "break":
            return " "
        if self.children:
            return "".join(c.plain(numbers) for c in self.children)
        return self.text


@dataclass(frozen=True)
class Text:
    """Inline Markdown from the source: the parsed spans plus the raw source for diffs."""

    source: str
    spans: tuple[Span, ...]
    location: Location

    def plain(self, numbers: dict[str, str] | None = None) -> str:
        return "".join(s.plain(numbers) for s in self.spans)

    def refs(self) -> Iterator[Span]:
        stack = list(self.spans)
        while stack:
            span = stack.pop()
            if span.kind == "ref":
                yield span
            stack.extend(span.children)


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class ListItem:
    """One item of a list in prose: its first paragraph, then any further paragraphs, lists
    (nested up to three levels) and quotations, in source order."""

    text: Text
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class BulletList:
    """A list in prose: bulleted, or ordered and numbered from `start` as typed (`3.` or `3)`)."""

    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    delimiter: str = "."  # what follows an ordered item's number: "." or ")"

    def number(self, index: int) -> str:
        """The label of item `index` (0-based): "3." for the first item of a list starting at 3."""
        return f"{self.start + index}{self.delimiter}" if self.ordered else ""


@dataclass(frozen=True)
class Quote:
    """A displayed quotation (Markdown `> `): paragraphs and lists set off from the text."""

    blocks: tuple[Block, ...]


Block = Paragraph | BulletList | Quote


def block_texts(blocks: tuple[Block, ...]) -> Iterator[Text]:
    """Every piece of text in `blocks`, in reading order."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Quote):
            yield from block_texts(block.blocks)
        else:
            for item in block.items:
                yield item.text
                yield from block_texts(item.blocks)


def blocks_plain(
    blocks: tuple[Block, ...], numbers: dict[str, str] | None = None, indent: str = ""
) -> str:
    """`blocks` as plain text that keeps their shape: a blank line between paragraphs, list items
    on their own lines ("- " or "3. ", nested ones indented), quotations marked "> "."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(indent + block.text.plain(numbers))
        elif isinstance(block, Quote):
            inner = blocks_plain(block.blocks, numbers)
            out.append(
                "\n".join(
                    indent + "> " + line if line else indent + ">" for line in inner.split("\n")
                )
            )
        else:
            lines = []
            for index, item in enumerate(block.items):
                marker = block.number(index) if block.ordered else "-"
                lines.append(f"{indent}{marker} {item.text.plain(numbers)}")
                if item.blocks:
                    lines.append(
                        blocks_plain(item.blocks, numbers, indent + " " * (len(marker) + 1))
                    )
            out.append("\n".join(lines))
    return "\n\n".join(out)
