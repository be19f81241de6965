"""`policypress add-ids`: give every part without an `id` a short, readable one, in place.

A policy owner can write the text first and leave the ids out; this fills them in. Each id is
made from the part's title (or audience, or first words of its text): lower-case words joined
by hyphens, a few words long, unique in its document. The same files always give the same ids.

The files are edited as text, not re-written from a parsed tree: ruamel.yaml's round-trip parser
finds each part that needs an id and where its first key starts, and a line `id: ...` is put in
front of that key. Everything else (comments, key order, quoting, `>-` and `|` blocks, blank
lines, line endings) stays byte for byte as it was. The result is parsed again and compared with
the original before anything is written, so a file is never left changed in any other way.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from policypress.errors import ContentError, PolicyPressError, display_path
from policypress.load.loader import doc_id_for
from policypress.load.schema import validator
from policypress.load.yamlfile import BOM, read_yaml

SECTION_SCHEMA = "section.schema.json"
MAX_WORDS = 3
MAX_LENGTH = 40  # the schema's limit for an id
# Small words that make an id longer without making it clearer.
STOP = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "is",
    "are",
    "be",
    "been",
    "was",
    "were",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "their",
    "they",
    "them",
    "we",
    "our",
    "us",
    "you",
    "your",
    "will",
    "must",
    "should",
    "shall",
    "may",
    "can",
    "all",
    "any",
    "each",
    "into",
    "onto",
    "than",
    "then",
    "so",
    "if",
    "s",
    "also",
    "not",
    "no",
}
# Words YAML reads as something other than text (true, null, ...): an id is never one of them.
RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
# Where the words for an id come from, in order of preference.
SOURCES = ("title", "heading", "audience", "text", "principle", "lead-in", "intro")


@dataclass(frozen=True)
class Added:
    file: Path  # the file on disk
    name: str  # as displayed
    line: int  # 1-based line of the new `id:` in the changed file
    id: str


def words_of(text: str) -> list[str]:
    """The plain lower-case words of a piece of source text (Markdown and references dropped)."""
    text = re.sub(r"\[\[[^\]]*\]\]", " ", text)  # [[cross-references]]
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [link text](address)
    text = re.sub(r"<[^>]*>", " ", text)
    text = text.replace("'", "").replace("’", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", text.lower())


def slug(text: str, most: int = MAX_WORDS) -> str:
    """A readable id from a title or a sentence: its first few (`most`) words that carry
    meaning."""
    words = words_of(text)
    chosen = [w for w in words if w not in STOP] or words
    out: list[str] = []
    for word in chosen:
        if len(out) == most or len("-".join([*out, word])) > MAX_LENGTH:
            break
        out.append(word[:MAX_LENGTH])
    result = "-".join(out)
    if result and not result[0].isalpha():
        result = f"part-{result}"[:MAX_LENGTH].rstrip("-")
    return result


def _source_text(node: CommentedMap) -> str:
    for key in SOURCES:
        if isinstance(node.get(key), str) and node[key].strip():
            return node[key]
    return next((v for v in node.values() if isinstance(v, str) and v.strip()), "")


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base` with -2, -3 … (kept within MAX_LENGTH) when that is taken."""
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        number += 1


def _ids_in(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        value = node.get("id")
        if isinstance(value, str):
            found.add(value)
        for child in node.values():
            _ids_in(child, found)
    elif isinstance(node, list):
        for child in node:
            _ids_in(child, found)


PARTS = {"sections", "clauses", "bullets", "numbered", "groups"}  # lists whose items are parts


def needing_ids(data: Any) -> list[tuple[CommentedMap, str]]:
    """Every part without an id, in file order, with the kind of its parent list ('sections',
    'clauses', ...; '' for the file's own section): the file's own mapping, the items of the
    lists in PARTS, and anything else the section schema requires an id for."""
    wanted: dict[int, CommentedMap] = {}
    for error in validator(SECTION_SCHEMA).iter_errors(data):
        if (
            error.validator == "required"
            and "id" in error.validator_value
            and isinstance(error.instance, CommentedMap)
            and "id" not in error.instance
        ):
            wanted[id(error.instance)] = error.instance
    out: list[tuple[CommentedMap, str]] = []

    def walk(node: Any, kind: str) -> None:
        if isinstance(node, CommentedMap):
            if id(node) in wanted or "id" not in node and (kind in PARTS or node is data):
                out.append((node, kind))
            for key, child in node.items():
                walk(child, str(key))
        elif isinstance(node, CommentedSeq):
            for child in node:
                walk(child, kind)

    walk(data, "")
    return out


KIND_WORD = {
    "sections": "section",
    "clauses": "clause",
    "bullets": "item",
    "numbered": "item",
    "groups": "group",
    "": "section",
}


def _insertions(data: Any, taken: set[str]) -> list[tuple[CommentedMap, int, int, bool, str]]:
    """(part, line, column, flow style, new id) for each part without an id; 0-based places."""
    out = []
    for node, kind in needing_ids(data):
        if not node:
            continue
        first = next(iter(node))
        line, column = node.lc.key(first)
        base = slug(_source_text(node))
        if not base or base in RESERVED:
            base = "-".join(filter(None, (base, KIND_WORD.get(kind, "part"))))
        new = unique(base, taken)
        taken.add(new)
        out.append((node, line, column, bool(node.fa.flow_style()), new))
    return out


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return [(str(k), _plain(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return str(node) if node is not None else None


def _with_ids(node: Any, ids: dict[int, str]) -> Any:
    if isinstance(node, dict):
        items = [(str(k), _with_ids(v, ids)) for k, v in node.items()]
        return ([("id", ids[id(node)])] if id(node) in ids else []) + items
    if isinstance(node, list):
        return [_with_ids(v, ids) for v in node]
    return str(node) if node is not None else None


def _insert(
    text: str, insertions: list[tuple[CommentedMap, int, int, bool, str]]
) -> tuple[str, list[int]]:
    """The text with each id put before its mapping's first key; the 1-based line of each id."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    order = sorted(range(len(insertions)), key=lambda i: insertions[i][1:3])
    shift, where = 0, [0] * len(insertions)
    for i in order:
        _, line, _, flow, _ = insertions[i]
        where[i] = line + shift + 1
        shift += 0 if flow else 1
    for i in reversed(order):
        _, line, column, flow, new = insertions[i]
        current = lines[line]
        if flow:
            lines[line] = f"{current[:column]}id: {new}, {current[column:]}"
        else:
            lines[line : line + 1] = [
                f"{current[:column]}id: {new}",
                " " * column + current[column:],
            ]
    return newline.join(lines), where


def add_ids_to_file(path: Path, name: str, taken: set[str]) -> tuple[str | None, list[Added]]:
    """The new text of one section file (None when nothing is missing) and the ids it adds."""
    raw = path.read_bytes()
    bom = raw.startswith(BOM)
    text = raw[len(BOM) :].decode("utf-8") if bom else raw.decode("utf-8")
    yaml = YAML(typ="rt")
    data = yaml.load(text)
    insertions = _insertions(data, taken)
    if not insertions:
        return None, []
    new_text, lines = _insert(text, insertions)
    expected = _with_ids(data, {id(node): new for node, *_, new in insertions})
    try:
        check = _plain(YAML(typ="rt").load(new_text))
    except YAMLError:
        check = None
    if check != expected:
        raise PolicyPressError(
            f"{name}: could not add ids to this file without changing something else "
            "(add the missing 'id:' lines by hand, then run 'policypress check')"
        )
    added = [
        Added(path, name, line, new) for line, (*_, new) in zip(lines, insertions, strict=True)
    ]
    return (BOM.decode("utf-8") if bom else "") + new_text, added


def section_files(content: Path, folder: Path) -> list[Path]:
    """The section and appendix files a document lists, in order, inside its folder."""
    file, problems = read_yaml(folder / "document.yaml", display_path(folder / "document.yaml"))
    if file is None:
        raise ContentError(problems)
    out = []
    data = file.data if isinstance(file.data, dict) else {}
    for key in ("sections", "appendices"):
        for relative in data.get(key) or []:
            if not isinstance(relative, str):
                continue
            path = (folder / relative).resolve()
            if path.is_file() and path.is_relative_to(content.resolve()) and path not in out:
                out.append(path)
    return out


def add_ids(content: Path, doc_id: str | None = None, dry_run: bool = False) -> list[Added]:
    """Add the missing ids to every document under `content` (or to `doc_id` only)."""
    if not content.is_dir():
        raise PolicyPressError(
            f"the content folder '{content}' does not exist "
            "(run policypress from the repository's top folder, or pass --content DIR)"
        )
    folders = sorted(
        p
        for p in content.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / "document.yaml").is_file()
    )
    if doc_id is not None:
        chosen = [p for p in folders if doc_id_for(p.name) == doc_id]
        if not chosen:
            known = ", ".join(doc_id_for(p.name) for p in folders) or "none"
            raise PolicyPressError(
                f"there is no document '{doc_id}' under the content folder (documents: {known})"
            )
        folders = chosen
    added: list[Added] = []
    for folder in folders:
        files = section_files(content, folder)
        parsed = []
        for path in files:
            file, problems = read_yaml(path, display_path(path))
            if file is None:
                raise ContentError(problems)
            parsed.append(file.data)
        taken: set[str] = set()
        for data in parsed:
            _ids_in(data, taken)
        for path in files:
            new_text, ids = add_ids_to_file(path, display_path(path), taken)
            if new_text is None:
                continue
            if not dry_run:
                _write(path, new_text)
            added += ids
    return added


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.chmod(tmp, path.stat().st_mode & 0o7777)
    os.replace(tmp, path)
