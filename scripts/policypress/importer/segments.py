"""Runs of text as read from Word (text, bold, italic, link) and how they become Markdown: a
paragraph's segments, cut, checked for emphasis and written out."""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt

from policypress.importer.blocks import escape

REF_OPEN, REF_MID, REF_CLOSE = (
    "\ue000",
    "\ue001",
    "\ue002",
)  # an internal link, resolved by the mapper


def plain(segments) -> str:
    return "".join(" " if s[0] == "\n" else s[0] for s in segments)


def all_bold(segments) -> bool:
    letters = [s for s in segments if s[0].strip()]
    return bool(letters) and all(s[1] for s in letters)


def cut(segments, count: int):
    """`segments` without their first `count` characters."""
    out = []
    for text, *rest in segments:
        if count >= len(text):
            count -= len(text)
            continue
        out.append((text[count:], *rest))
        count = 0
    return out


def markdown(segments) -> str:
    """Segments as inline Markdown: **bold**, *italic*, [text](url), hard line breaks."""
    out: list[str] = []
    index = 0
    while index < len(segments):
        link = segments[index][3]
        group = []
        while index < len(segments) and segments[index][3] == link:
            group.append(segments[index])
            index += 1
        inner = _emphasis(group)
        if (
            link
            and link[0] == "url"
            and inner.strip()
            and re.match(r"(https?://|mailto:|tel:)", link[1], re.IGNORECASE)
        ):
            url = link[1]
            out.append(
                f"[{inner}](<{url}>)" if re.search(r"[\s()<>]", url) else f"[{inner}]({url})"
            )
        elif link and link[0] == "anchor" and inner.strip():
            out.append(f"{REF_OPEN}{link[1]}{REF_MID}{inner}{REF_CLOSE}")
        else:
            out.append(inner)
    return "".join(out)


def _emphasis(segments) -> str:
    """Bold and italic as Markdown that reads back the same: each line on its own, markers opened
    and closed only where the emphasis changes (the longer-lasting one outside, so italic next
    to bold italic nests as `*a **b***`), and spaces kept outside the markers."""
    text = "".join(s[0] for s in segments)
    flags: list[tuple[bool, bool]] = []
    for seg in segments:
        flags += [(bool(seg[1]), bool(seg[2]))] * len(seg[0])
    out, at = [], 0
    for line in text.split("\n"):
        line = re.sub(r"[ \t]", " ", line)
        marked = _line(line, flags[at : at + len(line)])
        if _reads_as(marked) != " ".join(line.split()):
            # emphasis Markdown cannot mark here (it changes inside a word, after a
            # punctuation mark): the words are kept, without it
            marked = escape(re.sub(" +", " ", line))
        out.append(marked)
        at += len(line) + 1
    return "\\\n".join(out)


@cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True})  # as the loader reads text


def _reads_as(source: str) -> str:
    """The words the loader reads from one line of inline Markdown."""
    tokens = _commonmark().parseInline(source.strip())
    words = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return " ".join("".join(words).split())


def _runs(line: str, flags: list[tuple[bool, bool]]) -> list[tuple[str, set[str]]]:
    """The line cut where its emphasis changes: (text, {"**", "*"}); spaces take the emphasis
    around them, so they never open or close a marker."""
    runs: list[tuple[str, set[str]]] = []
    for char, (bold, italic) in zip(line, flags, strict=True):
        marks = {m for m, on in (("**", bold), ("*", italic)) if on}
        if char == " " and runs:
            marks = runs[-1][1]
        if runs and runs[-1][1] == marks:
            runs[-1] = (runs[-1][0] + char, marks)
        else:
            runs.append((char, marks))
    return [(re.sub(" +", " ", t), m) for t, m in runs]


def _line(line: str, flags: list[tuple[bool, bool]]) -> str:
    runs = _runs(line, flags)
    out = ""
    stack: list[str] = []
    for index, (text, marks) in enumerate(runs):
        while any(m not in marks for m in stack):  # close from the inside out
            body = out.rstrip(" ")
            out = body + stack.pop() + " " * (len(out) - len(body))
        lead = text[: len(text) - len(text.lstrip(" "))]
        core = text.strip(" ")
        trail = text[len(lead) + len(core) :]
        if not core:
            out += text
            continue
        opening = sorted(
            (m for m in marks if m not in stack),
            key=lambda m: -sum(1 for _ in _lasting(runs, index, m)),
        )
        out += lead + "".join(opening) + escape(core) + trail
        stack += opening
    while stack:
        body = out.rstrip(" ")
        out = body + stack.pop() + " " * (len(out) - len(body))
    return out


def _lasting(runs: list[tuple[str, set[str]]], index: int, mark: str):
    """The runs from `index` on that keep `mark`."""
    for _, marks in runs[index:]:
        if mark not in marks:
            return
        yield marks
