"""The manual (README.md and docs/*.md) documents every command and option, its links resolve,
the front door stays short, and its sentences keep to the project's own 25-word advice."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from policypress import arguments
from tests.conftest import REPO

DOCS = REPO / "docs"
COMMANDS_PAGE = DOCS / "commands.md"
MANUAL = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]
LONGEST_SENTENCE = 25
FENCE = re.compile(r"^ {0,3}(```|~~~)")
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)")


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(REPO)) for p in paths]


def _outside_fences(text: str) -> list[str]:
    """The lines that are not inside a fenced code block."""
    kept, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            kept.append(line)
    return kept


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = LINK.sub(r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for line in _outside_fences(path.read_text("utf-8")):
        match = re.match(r"#{1,6} (.+?)#*$", line)
        if match:
            slug = _slug(match[1])
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """The long option strings a parser shows in its --help."""
    return [
        max(action.option_strings, key=len)
        for action in parser._actions
        if action.option_strings
        and action.help != argparse.SUPPRESS
        and "--help" not in action.option_strings
    ]


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = arguments.parser()
    for action in parser._actions:
        if isinstance(action.choices, dict):
            return dict(action.choices)
    raise AssertionError("the parser has no commands")


def _section(page: str, command: str) -> str:
    """The part of commands.md under the heading that names `policypress COMMAND`."""
    lines = page.splitlines()
    for start, line in enumerate(lines):
        level = len(line) - len(line.lstrip("#"))
        if level and f"`policypress {command}`" in line:
            end = next(
                (
                    i
                    for i in range(start + 1, len(lines))
                    if 0 < len(lines[i]) - len(lines[i].lstrip("#")) <= level
                    and lines[i][len(lines[i]) - len(lines[i].lstrip("#")) :].startswith(" ")
                ),
                len(lines),
            )
            return "\n".join(lines[start:end])
    raise AssertionError(f"docs/commands.md has no heading naming `policypress {command}`")


def _mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_and_its_options_are_in_the_commands_page(command: str):
    section = _section(COMMANDS_PAGE.read_text("utf-8"), command)
    missing = [o for o in _options(_commands()[command]) if not _mentions(section, o)]
    assert not missing, f"docs/commands.md says nothing about {command} {missing}"


def test_the_options_before_the_command_are_in_the_commands_page():
    page = COMMANDS_PAGE.read_text("utf-8")
    missing = [o for o in _options(arguments.parser()) if not _mentions(page, o)]
    assert not missing, f"docs/commands.md says nothing about {missing}"


@pytest.mark.parametrize("path", MANUAL, ids=_ids(MANUAL))
def test_every_relative_link_and_anchor_resolves(path: Path):
    broken = []
    for line in _outside_fences(path.read_text("utf-8")):
        for _, target in LINK.findall(re.sub(r"`[^`]*`", "", line)):
            if re.match(r"[a-z]+:", target):  # https:, mailto:
                continue
            name, _, anchor = target.partition("#")
            goal = (path.parent / name).resolve() if name else path
            if not goal.exists():
                broken.append(f"{target}: no file {name}")
            elif anchor and (goal.suffix != ".md" or anchor not in _anchors(goal)):
                broken.append(f"{target}: no heading #{anchor} in {goal.name}")
    assert not broken, f"{path.relative_to(REPO)}: {broken}"


def test_the_readme_is_a_short_front_door_with_a_link_to_every_page():
    readme = (REPO / "README.md").read_text("utf-8")
    assert len(readme) < 15_000
    linked = {target.partition("#")[0] for _, target in LINK.findall(readme)}
    missing = [p.name for p in DOCS.glob("*.md") if f"docs/{p.name}" not in linked]
    assert not missing, f"README.md has no link to {missing}"


def _sentences(text: str) -> list[str]:
    """The prose of a Markdown page as sentences: no code blocks, tables or headings."""
    blocks, block = [], []
    for line in [*_outside_fences(text), ""]:
        item = re.match(r"\s*(?:[-*+]|\d+[.)])\s+(.*)", line)
        if not line.strip() or line.lstrip().startswith(("|", "#", "<")) or item:
            blocks.append(" ".join(block))
            block = [item[1]] if item else []
        else:
            block.append(line.strip())
    sentences = []
    for prose in blocks:
        prose = LINK.sub(r"\1", prose)
        prose = re.sub(r"`[^`]*`", "CODE", prose)
        sentences += re.split(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(*]*[A-Z0-9])", prose)
    return [s for s in sentences if s.strip()]


def _words(sentence: str) -> int:
    return len([w for w in sentence.split() if re.search(r"\w", w)])


@pytest.mark.parametrize("path", MANUAL, ids=_ids(MANUAL))
def test_every_sentence_has_25_words_or_fewer(path: Path):
    long = [s for s in _sentences(path.read_text("utf-8")) if _words(s) > LONGEST_SENTENCE]
    shown = "\n".join(f"{_words(s)} words: {s}" for s in long)
    assert not long, f"{path.relative_to(REPO)}: split these sentences:\n{shown}"
