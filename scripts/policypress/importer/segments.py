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

# why a line's emphasis is not imported, as the report says it
UNMARKED = (
    "its bold or italic (it starts or stops inside a word, which the Markdown file cannot show); "
    "the words are imported without it: add it by hand, or move the change to a word's edge"
)


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


def markdown(segments, lost: list[str] | None = None) -> str:
    """Segments as inline Markdown: **bold**, *italic*, [text](url), hard line breaks. Each line
    whose bold or italic could not be kept is added to `lost`, so the caller can report it."""
    out: list[str] = []
    index = 0
    while index < len(segments):
        link = segments[index][3]
        group = []
        while index < len(segments) and segments[index][3] == link:
            group.append(segments[index])
            index += 1
        inner = _emphasis(group, lost)
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


def _emphasis(segments, lost: list[str] | None = None) -> str:
    """Bold and italic as Markdown that reads back the same: each line on its own, markers opened
    and closed only where the emphasis changes (the longer-lasting one outside, so italic next
    to bold italic nests as `*a **b***`), and spaces kept outside the markers.

    Where CommonMark cannot read the markers back (a mark both closing and opening next to a
    punctuation mark, as in `*, ***data***`), the stretches with no letter or digit take the
    emphasis of the words around them (`_settled`), so the letters keep theirs. Only if that
    fails too are the words kept without emphasis, and the line is added to `lost`."""
    text = "".join(s[0] for s in segments)
    flags: list[tuple[bool, bool]] = []
    for seg in segments:
        flags += [(bool(seg[1]), bool(seg[2]))] * len(seg[0])
    out, at = [], 0
    for line in text.split("\n"):
        line = re.sub(r"[ \t]", " ", line)
        line_flags = flags[at : at + len(line)]
        marked = _line(line, line_flags)
        for shared in (True, False):
            if not _kept(marked, line, line_flags):
                marked = _line(line, _settled(line, line_flags, shared))
        if not _kept(marked, line, line_flags):
            marked = escape(re.sub(" +", " ", line))
            if lost is not None and any(b or i for b, i in line_flags):
                lost.append(" ".join(line.split()))
        out.append(marked)
        at += len(line) + 1
    return "\\\n".join(out)


def _settled(line: str, flags: list[tuple[bool, bool]], shared: bool) -> list[tuple[bool, bool]]:
    """`flags` with each stretch that has no letter or digit given the emphasis of the words on
    both sides of it (the one word's, at the start or end of the line). Markers then only close
    after a word or open before one, which CommonMark reads. Between words whose emphasis
    differs, the stretch takes what both share, or (`shared` False) none, for when the markers
    would close out of order (`**(see *protection***(see*`)."""
    settled = list(flags)
    index = 0
    while index < len(line):
        if line[index].isalnum():
            index += 1
            continue
        end = index
        while end < len(line) and not line[end].isalnum():
            end += 1
        before = flags[index - 1] if index > 0 else None
        after = flags[end] if end < len(line) else None
        if before and after:
            both = (before[0] and after[0], before[1] and after[1])
            taken = before if before == after else both if shared else (False, False)
        else:
            taken = before or after or flags[index]
        settled[index:end] = [taken] * (end - index)
        index = end
    return settled


@cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True})  # as the loader reads text


def _reads_as(source: str) -> list[tuple[str, bool, bool]]:
    """The characters the loader reads from one line of inline Markdown, each with its bold and
    italic, spaces run together as the words are joined."""
    tokens = _commonmark().parseInline(source.strip())
    chars: list[tuple[str, bool, bool]] = []
    bold = italic = 0
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                chars += [(c, bold > 0, italic > 0) for c in child.content]
            elif child.type in ("softbreak", "hardbreak"):
                chars.append((" ", bold > 0, italic > 0))
            bold += {"strong_open": 1, "strong_close": -1}.get(child.type, 0)
            italic += {"em_open": 1, "em_close": -1}.get(child.type, 0)
    return chars


def _kept(marked: str, line: str, flags: list[tuple[bool, bool]]) -> bool:
    """Whether `marked` reads back as the words of `line`, each letter and digit with its
    emphasis in `flags`."""
    chars = _reads_as(marked)
    if " ".join("".join(c for c, _, _ in chars).split()) != " ".join(line.split()):
        return False
    wanted = [(c, *f) for c, f in zip(line, flags, strict=True) if c.isalnum()]
    return [c for c in chars if c[0].isalnum()] == wanted


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
