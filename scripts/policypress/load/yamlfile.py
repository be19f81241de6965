"""Read one YAML file with ruamel.yaml, keeping node positions for every later message.

Problems a policy owner can make before any meaning is read (not UTF-8, tabs, syntax errors,
duplicate keys, an empty file) come back as `Problem`s with a line and column, never as
exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from policypress.errors import Location, Problem

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

    def key_where(self, node: CommentedMap, key: Any) -> Location:
        """The position of the key itself (for 'unknown key' messages)."""
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


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def read_yaml(path: Path, name: str) -> tuple[YamlFile | None, list[Problem]]:
    """Parse `path`; on failure return None and the problems that explain why."""
    raw = path.read_bytes()
    if raw.startswith(BOM):  # Windows editors add one; it is harmless, so accept it
        raw = raw[len(BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                Location(name, line, column),
                "error",
                "not-utf8",
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)",
                "save the file as UTF-8: in most editors, 'Save with encoding' then 'UTF-8'",
            )
        ]
    lines = tuple(text.splitlines())
    tab_problems = [
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
    if tab_problems:
        return None, tab_problems
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        what = (exc.problem or exc.context or "the file cannot be read").strip()
        if "found duplicate key" in str(exc):
            key = str(exc).split('"')[1] if '"' in str(exc) else "?"
            return None, [
                Problem(
                    location,
                    "error",
                    "duplicate-key",
                    f"the key '{key}' appears twice in the same place",
                    "keep one of them and delete the other",
                )
            ]
        return None, [
            Problem(
                location,
                "error",
                "yaml-syntax",
                f"YAML syntax error: {what}",
                "check the indentation on this line and the one above; text containing ': ' "
                "or starting with a quote, '[', '{', '*', '&', '!', '%' or '@' must be quoted "
                "or written on its own lines after '>-'",
            )
        ]
    except YAMLError as exc:  # errors without a mark are rare; still say where
        return None, [Problem(Location(name, 1, 1), "error", "yaml-syntax", f"YAML error: {exc}")]
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
    _dates_to_text(data)
    return YamlFile(name, data, lines), []


def _dates_to_text(node: Any) -> None:
    """YAML reads 2026-12-01 as a date; policypress keeps dates as ISO text."""
    import datetime

    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (datetime.date, datetime.datetime)):
                node[key] = value.isoformat()[:10]
            else:
                _dates_to_text(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, (datetime.date, datetime.datetime)):
                node[index] = value.isoformat()[:10]
            else:
                _dates_to_text(value)
