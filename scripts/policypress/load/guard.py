"""Limits and checks that keep hostile or damaged files from hanging or crashing the loader.

Everything here runs before (or instead of) anything that could take a long time, a lot of
memory or deep recursion: a file is opened only if it is a regular file inside the content
folder, read only up to a size limit, and its text is scanned for invisible characters before
YAML sees it. After parsing, every string is checked again (escapes such as "\\x0b" in quoted
text make the same characters) and for length.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

from policypress import fonts
from policypress.errors import Location, Problem
from policypress.load.links import resolved

MAX_FILE_BYTES = 1_000_000  # a long section is about 20 kB; this leaves room for fifty times that
MAX_TEXT_CHARS = 100_000  # in any one value
MAX_DEPTH = 50  # nested lists and keys; real files use fewer than 15
MAX_REPORTED = 10  # invisible characters listed per file before "and N more"

# C0 controls except tab, newline and carriage return; DEL and the C1 controls; lone surrogates;
# the two non-characters U+FFFE and U+FFFF; the line and paragraph separators U+2028 and U+2029,
# which YAML reads as line breaks. None of these can be stored in a Word document, and none is
# ever meant in policy text.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
FORBIDDEN_IN_VALUE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)

_NAMES = {
    0x00: "a null character",
    0x07: "an end-of-cell mark pasted from a Word table",
    0x08: "a backspace character",
    0x0B: "a line break pasted from Word",
    0x0C: "a page break pasted from Word",
    0x0D: "a carriage return",
    0x1B: "an escape character",
    0x1E: "a non-breaking hyphen pasted from Word",
    0x1F: "an optional hyphen pasted from Word",
    0x7F: "a delete character",
    0x85: "a next-line character",
    0xA0: "a non-breaking space",
    0x2028: "a line separator, often pasted from Word or a web page",
    0x2029: "a paragraph separator, often pasted from Word or a web page",
    0xFFFE: "a non-character",
    0xFFFF: "a non-character",
}


def describe(char: str) -> str:
    """'U+000B (a line break pasted from Word)'."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        what = "a lone surrogate: half of an emoji or symbol"
    else:
        what = _NAMES.get(code) or f"a control character{_unicode_name(char)}"
    return f"U+{code:04X} ({what})"


def _unicode_name(char: str) -> str:
    name = unicodedata.name(char, "")
    return f", {name.lower()}" if name else ""


def read_file(
    path: Path, name: str, content: Path | None = None
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of `path`, or None and why: it must be a regular file no larger than
    MAX_FILE_BYTES and, with `content`, lead (through any symbolic links) inside `content`.
    Folders, named pipes and devices are refused without being read, so nothing can hang."""
    where = Location(name, 1, 1)
    real = resolved(path)
    if real is None:
        return None, [
            _bad_link(
                where,
                "link-loop",
                f"'{name}' is a symbolic link that leads back to itself in a loop",
            )
        ]
    if content is not None and not real.is_relative_to(content.resolve()):
        return None, [
            _bad_link(
                where,
                "path-outside",
                f"'{name}' leads outside the content folder through a symbolic link",
            )
        ]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if path.is_dir():
            return None, [_not_a_file(where, "a folder")]
        return None, [_unreadable(where, exc)]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [
                _not_a_file(
                    where, "a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe or a device"
                )
            ]
        if info.st_size > MAX_FILE_BYTES:
            return None, [_too_big(where, info.st_size)]
        with os.fdopen(fd, "rb", closefd=False) as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [_unreadable(where, exc)]
    finally:
        os.close(fd)
    if len(raw) > MAX_FILE_BYTES:  # it grew while we looked
        return None, [_too_big(where, len(raw))]
    return raw, []


def _bad_link(where: Location, code: str, what: str) -> Problem:
    return Problem(
        where, "error", code, what, "replace the link with the file itself, kept inside content/"
    )


def _unreadable(where: Location, exc: OSError) -> Problem:
    return Problem(
        where,
        "error",
        "unreadable",
        f"the file cannot be read ({exc.strerror})",
        "check that it exists and that you may read it",
    )


def _not_a_file(where: Location, what: str) -> Problem:
    return Problem(
        where,
        "error",
        "not-a-file",
        f"this is {what}, and policypress only reads ordinary files",
        "move it out of the content folder, or rename it so it does not end in .yaml",
    )


def _too_big(where: Location, size: int) -> Problem:
    return Problem(
        where,
        "error",
        "file-too-large",
        f"the file is {size / 1_000_000:.1f} MB, and policypress reads files of up to "
        f"{MAX_FILE_BYTES // 1_000_000} MB",
        "split it into several section files, or check that nothing was pasted in by mistake",
    )


def character_problems(text: str, name: str) -> list[Problem]:
    """Every invisible or impossible character in the raw text, at its line and column."""
    found = list(_first(FORBIDDEN.finditer(text), MAX_REPORTED + 1))
    if not found:
        return []
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    problems = []
    for match in found[:MAX_REPORTED]:
        line = bisect.bisect_right(starts, match.start())
        column = match.start() - starts[line - 1] + 1
        problems.append(
            Problem(
                Location(name, line, column),
                "error",
                "control-character",
                f"invisible character {describe(match.group())} at column {column}",
                f"delete the invisible character at column {column}, then retype the space or "
                "line break if one was meant",
            )
        )
    if len(found) > MAX_REPORTED:
        more = sum(1 for _ in FORBIDDEN.finditer(text)) - MAX_REPORTED
        problems.append(
            Problem(
                Location(name, 1, 1),
                "error",
                "control-character",
                f"{more} more invisible characters are in the file",
                "paste the text into a plain-text editor first, or retype the lines shown",
            )
        )
    return problems


def _first(iterator, count: int):
    for number, item in enumerate(iterator):
        if number >= count:
            return
        yield item


def value_problems(file: Any, printed: bool = True) -> list[Problem]:
    """Problems in the parsed strings of `file` (a YamlFile): characters written as escapes
    in quoted text ("\\x0b", "\\ud800"), text longer than MAX_TEXT_CHARS and, if the file's
    text is `printed` in the PDF, characters the PDF's fonts cannot show."""
    problems: list[Problem] = []
    stack: list[Any] = [file.data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            items = [
                (key, value, file.where(node, key=key), file.key_where(node, key))
                for key, value in node.items()
            ]
        elif isinstance(node, list):
            items = [
                (None, value, file.where(node, index=index), None)
                for index, value in enumerate(node)
            ]
        else:
            continue
        for key, value, where, key_where in items:
            if isinstance(key, str):
                problems += _string_problems(key, key_where, file, printed)
            if isinstance(value, str):
                problems += _string_problems(value, where, file, printed)
            elif isinstance(value, (dict, list)):
                stack.append(value)
    return problems


def _string_problems(text: str, where: Location, file: Any, printed: bool) -> list[Problem]:
    problems = []
    match = FORBIDDEN_IN_VALUE.search(text)
    if printed and not match and len(text) <= MAX_TEXT_CHARS:
        for char in fonts.unshowable(text):
            place = file.find(char, where)
            problems.append(
                Problem(
                    place,
                    "error",
                    "no-glyph",
                    f"the PDF's font has no letter for '{char}' "
                    f"(U+{ord(char):04X}{_unicode_name(char)})"
                    + (f" at column {place.column}" if place.column else ""),
                    "use another character, or write it in words; a tagged PDF may not contain "
                    "characters it cannot show",
                )
            )
    if match:
        problems.append(
            Problem(
                where,
                "error",
                "control-character",
                f"invisible character {describe(match.group())} in the text, written as an "
                "escape code starting with a backslash",
                "delete the escape code from the quoted text",
            )
        )
    if len(text) > MAX_TEXT_CHARS:
        problems.append(
            Problem(
                where,
                "error",
                "text-too-long",
                f"this text is {len(text):,} characters long, and one value may have up to "
                f"{MAX_TEXT_CHARS:,}",
                "split it into several clauses or sections",
            )
        )
    return problems
