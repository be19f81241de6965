"""Turn the Markdown in text fields into model spans, refusing anything that could run code.

Text fields allow a small, safe part of Markdown: *emphasis*, **strong**, `code`, links to
https/http/mailto/tel addresses and `[[clause-id]]` cross-references. Raw HTML is shown as the
characters typed (so a drafter's `<insert name>` placeholder survives), except tags and
attributes that run code (`<script>`, `<iframe>`, `on...=`, `javascript:`), which are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policypress.errors import Location, Problem
from policypress.model import Block, BulletList, ListItem, Paragraph, Quote, Span, SpanKind, Text

REF = re.compile(r"\[\[([^\[\]\s]+)\]\]")
DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|style|form)\b", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[^<>]*\s(on[a-z]+)\s*=", re.I)  # [^<>]: linear time on "<<<<..."
SCRIPT_URL = re.compile(r"(javascript|vbscript|livescript)\s*:|\]\(\s*<?\s*data\s*:", re.I)
ALLOWED_LINK = re.compile(r"^(https?://|mailto:|tel:)", re.I)

Locate = Callable[[str], Location]


@cache
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True})


def _danger(source: str, locate: Locate) -> list[Problem]:
    problems = []
    for match in DANGEROUS_TAG.finditer(source):
        problems.append(
            Problem(
                locate(match.group(0)),
                "error",
                "unsafe-html",
                f"raw HTML <{match.group(1).lower()}> is not allowed in text",
                "write plain text; policypress adds all formatting and links itself",
            )
        )
    for match in EVENT_ATTRIBUTE.finditer(source):
        problems.append(
            Problem(
                locate(match.group(1)),
                "error",
                "unsafe-html",
                f"the HTML attribute '{match.group(1)}=' runs code and is not allowed in text",
                "remove the HTML tag and write plain text",
            )
        )
    for match in SCRIPT_URL.finditer(source):
        problems.append(
            Problem(
                locate(match.group(0).strip("](<")),
                "error",
                "unsafe-link",
                f"a '{match.group(0).strip('](< ')}' link runs code and is not allowed",
                "link to a web page starting with https://",
            )
        )
    return problems


MAX_LIST_DEPTH = 3


def parse_blocks(
    source: str, location: Location, locate: Locate
) -> tuple[tuple[Block, ...], list[Problem]]:
    """Parse prose: paragraphs, lists (bulleted or numbered, nested up to three levels, numbered
    from the number typed first) and quotations, in source order. Anything else a reader would
    lose (headings, tables, code) is refused with its line, never dropped."""
    problems = _danger(source, locate)
    tokens = _md().parse(source)
    blocks, _ = _blocks(tokens, 0, "", 0, location, locate, problems)
    return tuple(blocks), problems


def _blocks(
    tokens: list[Token],
    i: int,
    close: str,
    depth: int,
    location: Location,
    locate: Locate,
    problems: list[Problem],
) -> tuple[list[Block], int]:
    """The blocks from tokens[i] up to the token of type `close` (or the end); returns the blocks
    and the index just after `close`."""
    blocks: list[Block] = []
    while i < len(tokens):
        token = tokens[i]
        if token.type == close:
            return blocks, i + 1
        if token.type == "inline":
            spans, more = _spans(token.children or [], locate)
            problems += more
            blocks.append(Paragraph(Text(token.content, tuple(spans), location)))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            listed, i = _list(tokens, i, depth, location, locate, problems)
            blocks.append(listed)  # tokens[i] is the list's close
        elif token.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close", depth, location, locate, problems)
            blocks.append(Quote(tuple(inner)))
            continue
        elif token.type in UNSUPPORTED:
            problems.append(_unsupported(tokens, i, locate))
            i = _skip(tokens, i)
            continue
        elif token.type == "html_block":
            blocks.append(
                Paragraph(
                    Text(token.content.strip(), (Span("text", token.content.strip()),), location)
                )
            )
        i += 1
    return blocks, i


def _list(
    tokens: list[Token],
    i: int,
    depth: int,
    location: Location,
    locate: Locate,
    problems: list[Problem],
) -> tuple[BulletList, int]:
    """The list that opens at tokens[i], and the index of its close; a list nested too deep is
    a problem, and still read."""
    token = tokens[i]
    ordered = token.type == "ordered_list_open"
    if depth >= MAX_LIST_DEPTH:
        problems.append(
            Problem(
                locate(_first_line(tokens, i)),
                "error",
                "list-too-deep",
                f"this list is nested {depth + 1} levels deep; lists can be nested "
                f"{MAX_LIST_DEPTH} levels deep at most",
                "indent this list less, or write its items as sentences of the item above",
            )
        )
    i, items = i + 1, []
    while tokens[i].type == "list_item_open":
        item, i = _blocks(tokens, i + 1, "list_item_close", depth + 1, location, locate, problems)
        if item and isinstance(item[0], Paragraph):
            items.append(ListItem(item[0].text, tuple(item[1:])))
        else:  # an item that starts with a list or quotation: an empty first line
            items.append(ListItem(Text("", (), location), tuple(item)))
    start = int(token.attrGet("start") or 1) if ordered else 1
    return BulletList(tuple(items), ordered, start, token.markup if ordered else "."), i


UNSUPPORTED = {  # Markdown a policy's text cannot hold, as the problem names it
    "heading_open": "a heading",
    "table_open": "a table",
    "fence": "a block of code",
    "code_block": "a block of code (a line indented by four or more spaces)",
}


def _unsupported(tokens: list[Token], i: int, locate: Locate) -> Problem:
    token = tokens[i]
    return Problem(
        locate((token.markup if token.type == "fence" else _first_line(tokens, i)) or "#"),
        "error",
        "unsupported-markdown",
        f"this text holds {UNSUPPORTED[token.type]}, which cannot be shown in a policy's text",
        "use a new section or clause for headings and write prose as plain paragraphs; "
        "remove the extra indentation if the line is indented by four or more spaces",
    )


def _first_line(tokens: list[Token], i: int) -> str:
    """The first line of text at or after tokens[i], to point a message at it."""
    for token in tokens[i:]:
        if token.content.strip():
            return token.content.strip().splitlines()[0]
    return ""


def _skip(tokens: list[Token], i: int) -> int:
    """The index after the block that opens at tokens[i] (a heading or table is several tokens)."""
    if tokens[i].nesting != 1:
        return i + 1
    level = 0
    while i < len(tokens):
        level += tokens[i].nesting
        i += 1
        if level == 0:
            break
    return i


def _text_spans(text: str) -> list[Span]:
    """Split plain text on `[[id]]` cross-references."""
    spans: list[Span] = []
    position = 0
    for match in REF.finditer(text):
        if match.start() > position:
            spans.append(Span("text", text[position : match.start()]))
        spans.append(Span("ref", target=match.group(1)))
        position = match.end()
    if position < len(text):
        spans.append(Span("text", text[position:]))
    return spans


def _spans(tokens: list[Token], locate: Locate) -> tuple[list[Span], list[Problem]]:
    problems: list[Problem] = []
    # (kind, link target, children); the root's kind is never made into a Span
    stack: list[tuple[SpanKind, str, list[Span]]] = [("text", "", [])]
    for token in tokens:
        out = stack[-1][2]
        if token.type == "text":
            out.extend(_text_spans(token.content))
        elif token.type == "softbreak":
            out.append(Span("text", " "))
        elif token.type == "hardbreak":
            out.append(Span("break"))
        elif token.type == "code_inline":
            out.append(Span("code", token.content))
        elif token.type == "html_inline":
            out.append(Span("text", token.content))  # shown as typed; dangerous tags refused above
        elif token.type in ("em_open", "strong_open"):
            stack.append(("em" if token.type == "em_open" else "strong", "", []))
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not ALLOWED_LINK.match(href):
                problems.append(
                    Problem(
                        locate(href or "]("),
                        "error",
                        "bad-link",
                        f"the link target '{href}' is not a web address",
                        "links must start with https://, http://, mailto: or tel:; "
                        "to point at another clause write [[its-id]]",
                    )
                )
            stack.append(("link", href, []))
        elif token.type in ("em_close", "strong_close", "link_close") and len(stack) > 1:
            kind, target, children = stack.pop()
            stack[-1][2].append(Span(kind, children=tuple(children), target=target))
        elif token.type == "image":
            problems.append(
                Problem(
                    locate("!["),
                    "error",
                    "unsupported-markdown",
                    "images cannot be placed inside text",
                    "describe the content in words; ask the web team to add images to the theme",
                )
            )
    while len(stack) > 1:  # unbalanced markers cannot happen with markdown-it; stay safe anyway
        kind, target, children = stack.pop()
        stack[-1][2].extend(children)
    return _merge(stack[0][2]), problems


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring plain-text spans so outputs and diffs see whole words."""
    merged: list[Span] = []
    for span in spans:
        if merged and span.kind == "text" and merged[-1].kind == "text":
            merged[-1] = Span("text", merged[-1].text + span.text)
        else:
            merged.append(span)
    return merged
