"""Text fields as a policy owner typed them: paragraph breaks kept whatever the YAML style.

YAML reads a blank line inside `>-`, `>`, plain or quoted text as a single line break, and joins
every other line break with a space. Markdown reads a single line break as the same paragraph, so
without help every paragraph of such a text would run into one. And a list typed after `>-` is
joined into one line before Markdown ever sees it: that is refused here, with the line and the fix.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from policypress.errors import Location, Problem
from policypress.load.yamlfile import YamlFile

# What starts a list item or a quotation in Markdown: "- ", "* ", "+ ", "1. ", "1) ", "> ".
MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)]|>)(?:\s|$)")
BREAKS = re.compile(r"\n+")


def paragraphs(value: str) -> str:
    """The Markdown of a text field, with a blank line wherever the source had one.

    Text after `|` keeps its lines as typed, so it is Markdown already. Elsewhere YAML has turned
    each blank line into one line break; those become blank lines again. (Lines indented further
    than the text around them, which `>` keeps on their own lines, stay as they are.)"""
    if isinstance(value, LiteralScalarString):
        return value

    def restore(match: re.Match[str]) -> str:
        before = value[: match.start()].rsplit("\n", 1)[-1]
        after = value[match.end() :]
        if before[:1].isspace() or after[:1].isspace():
            return match.group(0)
        return "\n\n"

    return BREAKS.sub(restore, value)


def folded_lists(file: YamlFile, node: Any, key: str) -> list[Problem]:
    """Lines of a `>-`, plain or quoted text that start a list item or a quotation straight after
    another line: YAML joins them onto that line, so the list would silently become a sentence."""
    value = node.get(key) if isinstance(node, dict) else None
    if not isinstance(value, str) or isinstance(value, LiteralScalarString):
        return []
    try:
        line, column = node.lc.key(key)
    except (AttributeError, KeyError, TypeError):
        return []
    problems = []
    after = (
        "after '>-'" if isinstance(value, FoldedScalarString) else "in text that is not after '|'"
    )
    previous_blank = isinstance(value, FoldedScalarString)  # the line of '>-' holds no text
    for number in range(line + 1, len(file.lines)):
        text = file.lines[number]
        stripped = text.strip()
        if stripped and len(text) - len(text.lstrip(" ")) <= column:
            break  # the next key: the text has ended
        if not stripped:
            previous_blank = True
            continue
        if stripped.startswith("#") and not isinstance(value, FoldedScalarString):
            continue
        if MARKER.match(stripped) and not previous_blank:
            what = "a quotation" if stripped.startswith(">") else "a list item"
            problems.append(
                Problem(
                    Location(file.name, number + 1, len(text) - len(text.lstrip(" ")) + 1),
                    "error",
                    "list-joined",
                    f"this line starts {what}, but {after} YAML joins it onto the line above",
                    f"write '{key}: |' and the text on the lines below it, so each list item keeps "
                    "its own line",
                )
            )
        previous_blank = False
    return problems
