"""Read a Markdown file (.md) into the same neutral blocks as a Word file: `#` headings,
paragraphs, bulleted and numbered lists (nested), block quotes and tables."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from policypress.errors import PolicyPressError
from policypress.importer.blocks import Block, Read, Skipped, typed_number


def _plain(children) -> str:
    out = []
    for token in children or []:
        if token.type in ("text", "code_inline", "html_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def _paragraph(token, line: str, heading: int, quote: bool, lists: list[list]) -> Block:
    """The block for one paragraph or heading, numbered as its list (if any) numbers it, or by
    the number typed at its start."""
    text, plain = token.content.strip(), " ".join(_plain(token.children).split())
    block = Block("heading" if heading else "para", line, text, plain, level=heading, quote=quote)
    if lists:
        kind, number, markup = lists[-1]
        block.list_kind, block.list_level = kind, len(lists) - 1
        if kind == "ordered":
            block.number = f"{number}{markup}"
            lists[-1][1] += 1
    else:
        kind, number, cut = typed_number(plain, heading=bool(heading))
        if kind and kind != "bullet" and text[:cut] == plain[:cut]:
            block.number, block.typed = number, True
            block.text, block.plain = text[cut:].strip(), plain[cut:].strip()
    return block


def _source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyPressError(
            f"{path}: cannot be read as UTF-8 text ({exc.__class__.__name__})"
        ) from None


def read_markdown(path: Path) -> Read:
    source = _source(path)
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    read = Read([], [])
    lists: list[list] = []  # [kind, next number] for each open list
    heading = quote = 0
    in_table: list[list[str]] | None = None
    row: list[str] | None = None
    for token in tokens:
        line = f"line {token.map[0] + 1}" if token.map else "line ?"
        if token.type in ("heading_open", "heading_close"):
            heading = int(token.tag[1]) if token.type == "heading_open" else 0
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1)
            lists.append(
                ["bullet" if token.type == "bullet_list_open" else "ordered", start, token.markup]
            )
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type in ("blockquote_open", "blockquote_close"):
            quote += 1 if token.type == "blockquote_open" else -1
        elif token.type == "table_open":
            in_table = []
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and in_table is not None and row is not None:
            in_table.append(row)
        elif token.type == "table_close" and in_table is not None:
            read.tables += 1
            read.blocks.append(Block("table", line, rows=in_table))
            in_table = None
        elif token.type == "inline" and in_table is not None and row is not None:
            row.append(" ".join(_plain(token.children).split()))
        elif token.type == "inline":
            read.paragraphs += 1
            block = _paragraph(token, line, heading, quote > 0, lists)
            read.blocks.append(block)
        elif token.type in ("fence", "code_block", "html_block"):
            read.paragraphs += 1
            read.skipped.append(
                Skipped(
                    line,
                    "“" + " ".join(token.content.split())[:39] + "”",
                    "code or raw HTML; the source format cannot hold it",
                    lost=True,
                )
            )
    return read
