"""Read one YAML file with ruamel.yaml, keeping node positions for every later message.

Problems a policy owner can make before any meaning is read (not UTF-8, tabs, syntax errors,
duplicate keys, an empty file) come back as `Problem`s with a line and column, never as
exceptions. So do hostile files (see `guard`): YAML anchors, aliases and tags are refused
(policy files never need them, and aliases can multiply a small file into billions of values),
nesting is limited, and dates stay text: a date is checked as a real date by the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from policypress.errors import Location, Problem
from policypress.load import guard

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class YamlFile:
    """A parsed file: its data (ruamel's round-trip types) and the lines of its text."""

    name: str  # as displayed, e.g. "content/code-of-conduct/document.yaml"
    data: Any
    lines: tuple[str, ...]

    def where(self, node: Any = None, key: Any = None, index: int | None = None) -> Location:
        """The 1-based position of `node`, of its key `key`'s value, or of its item `index`."""
        line = col = 0
        try:
            if key is not None and isinstance(node, CommentedMap):
                line, col = node.lc.value(key)
            elif index is not None and isinstance(node, CommentedSeq):
                line, col = node.lc.item(index)
            elif isinstance(node, (CommentedMap, CommentedSeq)):
                line, col = node.lc.line, node.lc.col
            else:
                return Location(self.name, 1, 1)
        except (KeyError, IndexError, AttributeError, TypeError):
            return Location(self.name, 1, 1)
        return Location(self.name, line + 1, col + 1)

    def key_where(self, node: Any, key: Any) -> Location:
        """The position of the key itself (for 'unknown key' messages); `node` is a mapping as
        read (a CommentedMap, which knows its keys' positions) or anything else (then the
        position of `node`)."""
        try:
            line, col = node.lc.key(key)
        except (KeyError, AttributeError, TypeError):
            return self.where(node)
        return Location(self.name, line + 1, col + 1)

    def find(self, needle: str, start: Location) -> Location:
        """The first line at or after `start` whose text contains `needle` (for text warnings)."""
        first = max(start.line - 1, 0)
        for number in range(first, len(self.lines)):
            column = self.lines[number].find(needle)
            if column >= 0:
                return Location(self.name, number + 1, column + 1)
        return start


class _Refused(MarkedYAMLError):
    """A YAML feature policy files do not use, found at `problem_mark`."""

    def __init__(self, code: str, problem: str, hint: str, mark: Any):
        super().__init__(problem=problem, problem_mark=mark)
        self.code, self.hint = code, hint


_PLAIN_TAGS = (None, "!", "tag:yaml.org,2002:str")


class _GuardComposer(Composer):
    """ruamel's composer, refusing anchors, aliases and tags before anything is built."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            sign = "*" if isinstance(event, AliasEvent) else "&"
            raise _Refused(
                "yaml-alias",
                f"the YAML {'alias' if sign == '*' else 'anchor'} "
                f"'{sign}{event.anchor}' is not allowed in policy files",
                f"write the value out in full instead of '{sign}{event.anchor}'; text starting "
                "with '&' or '*' must be in quotes",
                event.start_mark,
            )
        if event.tag not in _PLAIN_TAGS:
            raise _Refused(
                "yaml-tag",
                f"the YAML tag '{event.tag}' is not allowed in policy files",
                "delete the tag (the word starting with '!'); put text starting with '!' in quotes",
                event.start_mark,
            )
        return super().compose_node(parent, index)


class _TextDatesConstructor(RoundTripConstructor):
    """Dates stay as the text typed: 2026-13-45 is then a wrong date the schema can name,
    not a crash inside YAML."""


_TextDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_scalar
)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = _GuardComposer
    yaml.Constructor = _TextDatesConstructor
    yaml.max_depth = guard.MAX_DEPTH
    return yaml


DUPLICATE = re.compile(r'found duplicate key "(.*)" with value', re.DOTALL)


def read_yaml(
    path: Path, name: str, content: Path | None = None, printed: bool = True
) -> tuple[YamlFile | None, list[Problem]]:
    """Parse `path`; on failure return None and the problems that explain why. With `content`,
    a file reached through a symbolic link from outside that folder is refused. The text of a
    `printed` file must be one the PDF can show."""
    raw, problems = guard.read_file(path, name, content)
    if raw is None:
        return None, problems
    if raw.startswith(BOM):  # Windows editors add one; it is harmless, so accept it
        raw = raw[len(BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(raw, exc, name)]
    characters = guard.character_problems(text, name)
    if characters:
        return None, characters
    lines = tuple(text.splitlines())
    tab_problems = _tabs(lines, name)
    if tab_problems:
        return None, tab_problems
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:  # our own refusals (_Refused) too
        return None, [_syntax_problem(exc, name)]
    except (YAMLError, ValueError, TypeError, OverflowError) as exc:  # rare, and without a mark
        what = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [
            Problem(
                Location(name, 1, 1),
                "error",
                "yaml-syntax",
                f"YAML error: {what}",
                "compare the file with another of the same kind",
            )
        ]
    if data is None:
        return None, [
            Problem(
                Location(name, 1, 1),
                "error",
                "empty-file",
                "the file is empty",
                "fill it in, or delete it and remove it from the list that names it",
            )
        ]
    file = YamlFile(name, data, lines)
    problems = guard.value_problems(file, printed)
    return (None if problems else file), problems


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, name: str) -> Problem:
    """The first byte that is not UTF-8, on its line and column."""
    line = raw[: exc.start].count(b"\n") + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    return Problem(
        Location(name, line, column),
        "error",
        "not-utf8",
        f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)",
        "save the file as UTF-8: in most editors, 'Save with encoding' then 'UTF-8'",
    )


def _tabs(lines: tuple[str, ...], name: str) -> list[Problem]:
    """Each line indented with a tab, which YAML does not allow."""
    return [
        Problem(
            Location(name, number, line.index("\t") + 1),
            "error",
            "tab-indent",
            "a tab is used for indentation, and YAML only allows spaces",
            "replace the tab with spaces (two spaces for each level)",
        )
        for number, line in enumerate(lines, start=1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]


def _syntax_problem(exc: MarkedYAMLError, name: str) -> Problem:
    """What a YAML parse error means, at its mark: refused (see _Refused), too deep, a key
    twice, or the syntax."""
    if isinstance(exc, _Refused):
        mark = exc.problem_mark
        return Problem(
            Location(name, mark.line + 1, mark.column + 1), "error", exc.code, exc.problem, exc.hint
        )
    mark = exc.problem_mark or exc.context_mark
    location = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name, 1, 1)
    what = (exc.problem or exc.context or "the file cannot be read").strip()
    if isinstance(exc, MaxDepthExceededError):
        return Problem(
            location,
            "error",
            "too-deep",
            f"the lists and keys here are nested more than {guard.MAX_DEPTH} levels deep",
            "check the indentation and the brackets on this line: a real policy file is "
            "never nested this deeply",
        )
    duplicate = DUPLICATE.search(what)
    if duplicate:
        key = duplicate.group(1)
        return Problem(
            location,
            "error",
            "duplicate-key",
            f"the key '{key}' appears twice in the same place",
            "keep one of them and delete the other",
        )
    return Problem(
        location,
        "error",
        "yaml-syntax",
        f"YAML syntax error: {what}",
        "check the indentation on this line and the one above; text containing ': ' "
        "or starting with a quote, '[', '{', '*', '&', '!', '%' or '@' must be quoted "
        "or written on its own lines after '>-'",
    )
