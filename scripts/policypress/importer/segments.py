"""Runs of text as read from Word (text, bold, italic, link) and how they become Markdown: a
paragraph's segments, cut, checked for emphasis and written out."""

from __future__ import annotations

import re

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
    out: list[str] = []
    index = 0
    while index < len(segments):
        bold, italic = segments[index][1], segments[index][2]
        text = ""
        while index < len(segments) and segments[index][1:3] == (bold, italic):
            text += segments[index][0]
            index += 1
        text = re.sub(r"[ \t]+", " ", text)
        pieces = text.split("\n")
        marked = []
        for piece in pieces:
            core = piece.strip()
            if not core:
                marked.append(piece)
                continue
            mark = ("**" if bold else "") + ("*" if italic else "")
            lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
            marked.append(f"{lead}{mark}{escape(core)}{mark[::-1]}{trail}")
        out.append("\\\n".join(marked))
    return "".join(out)
