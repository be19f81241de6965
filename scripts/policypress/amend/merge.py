"""Write the parts of a revised Word file into the section files they came from.

Each part is found in the YAML by its id; the Word file's parts (already matched to those ids,
see match.py) say what each part's texts and lists should now be. Texts that differ are
replaced in place; a list whose parts differ is written again from its parts' own lines, so a
part that stays, or moves, keeps its bytes (set in or out to its new place). Nothing else in a
file changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from policypress.amend.yamltext import (
    Edit,
    apply,
    content_end,
    dash_column,
    format_scalar,
    get,
    item_chunks,
    line_start,
    reindent,
    same_markdown,
    scalar_end,
    separator,
    value_of,
)
from policypress.importer.writer import styled_yaml

TEXT_FIELDS = ("title", "audience", "principle", "intro", "lead-in", "text", "closing")
PART_LISTS = ("sections", "groups", "clauses", "bullets", "numbered")
KIND_WORDS = {
    "sections": "section",
    "groups": "group",
    "clauses": "clause",
    "bullets": "point",
    "numbered": "numbered item",
}


@dataclass
class SourceFile:
    path: Path
    name: str  # as displayed
    text: str  # with "\n" line ends, whatever the file has
    root: MappingNode
    bom: bool = False  # the file starts with a byte order mark
    crlf: bool = False  # its lines end in "\r\n"

    def written(self, text: str) -> bytes:
        """`text` as the file's own bytes: its line ends, and its byte order mark if it had one."""
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "").encode("utf-8") + text.encode("utf-8")


@dataclass
class Located:
    id: str
    node: MappingNode
    file: SourceFile
    parent: str  # the id of the part whose list holds it ("" for a file's own section)
    chunk: tuple[int, int] = (0, 0)  # its lines in the file, from its `- ` to its end
    column: int = 0  # where its `- ` is

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1


@dataclass(frozen=True)
class Change:
    kind: str  # "changed", "added", "removed", "moved"
    id: str
    file: str
    line: int
    what: str = ""  # the text that changed: "text", "title", ...
    parent: str = ""  # for a part added or moved: the part it is now in
    kind_word: str = ""  # for a part added: "clause", "point", "section" or "group"
    before: str = ""  # for a text changed: the old text and the new
    after: str = ""


@dataclass
class Merge:
    files: list[SourceFile]
    targets: dict[str, dict]  # id -> the part as the Word file has it
    changes: list[Change] = field(default_factory=list)
    parts: dict[str, Located] = field(default_factory=dict)
    unheld: list[tuple[Located, str]] = field(default_factory=list)  # changes left to the owner

    def __post_init__(self) -> None:
        for file in self.files:
            root_id = _id(file.root)
            self.parts[root_id] = Located(root_id, file.root, file, "")
            self._index(file, file.root, root_id)
        self.new_parent: dict[str, str] = {}
        for target in self.targets.values():
            for key in PART_LISTS:
                for child in target.get(key) or []:
                    self.new_parent[child["id"]] = target["id"]

    def _index(self, file: SourceFile, node: MappingNode, node_id: str) -> None:
        for key in PART_LISTS:
            found = get(node, key)
            if found is None or not isinstance(found[1], SequenceNode) or not found[1].value:
                continue
            seq = found[1]
            flow = bool(seq.flow_style)  # a list on one line: its parts are written again
            column = 0 if flow else dash_column(file.text, seq)
            chunks = [(0, 0)] * len(seq.value) if flow else item_chunks(file.text, seq)
            for item, chunk in zip(seq.value, chunks, strict=True):
                if isinstance(item, MappingNode) and _id(item):
                    part = Located(_id(item), item, file, node_id, chunk, column)
                    self.parts[part.id] = part
                    self._index(file, item, part.id)

    # -- one part ----------------------------------------------------------------------------
    def edits(self, part: Located) -> list[Edit]:
        target = self.targets.get(part.id)
        if target is None:
            return []
        out = []
        for name in TEXT_FIELDS:
            out += self._text(part, name, target.get(name))
        if _standards(part.node) != (target.get("standards") or {}):
            self.unheld.append((part, "the standards it links to"))
        if target.get("kind") == "version-control" or _value(part.node, "kind") == (
            "version-control"
        ):
            return out
        for key in PART_LISTS:
            out += self._list(part, key, target.get(key) or [])
        return out

    def _text(self, part: Located, name: str, new: str | None) -> list[Edit]:
        text, found = part.file.text, get(part.node, name)
        old = value_of(found[1]) if found and isinstance(found[1], ScalarNode) else ""
        change = Change(
            "changed", part.id, part.file.name, part.line, name, before=old, after=new or ""
        )
        if found is None:
            if not same_markdown(new):
                return []
            self.changes.append(change)
            column = part.node.start_mark.column
            end = content_end(text, _insert_after(part.node, name), column)
            return [Edit(end, end, "\n" + _dumped({name: new}, column))]
        key, value = found
        if not isinstance(value, ScalarNode) or same_markdown(value_of(value)) == same_markdown(
            new
        ):
            return []  # (a value that is not a text is for `check` to report)
        self.changes.append(change)
        if new is None or not same_markdown(new):
            start = line_start(text, key.start_mark.index)
            return [Edit(start - 1, content_end(text, value, key.start_mark.column), "")]
        return [
            Edit(value.start_mark.index, scalar_end(text, value), format_scalar(new, value, text))
        ]

    def _list(self, part: Located, key: str, new: list[dict]) -> list[Edit]:
        text, found = part.file.text, get(part.node, key)
        items = found[1].value if found and isinstance(found[1], SequenceNode) else []
        old_ids = [_id(item) for item in items]
        new_ids = [child["id"] for child in new]
        if old_ids == new_ids:
            out: list[Edit] = []
            for child in old_ids:
                out += self.edits(self.parts[child])
            return out
        self._record(part.id, key, old_ids, new_ids)
        column = part.node.start_mark.column
        if found is None:
            end = content_end(text, part.node, column)
            body = self._items(new, column + 2, "\n")
            return [Edit(end, end, f"\n{' ' * column}{key}:\n{body}")]
        keynode, value = found
        if not new:
            start = line_start(text, keynode.start_mark.index)
            return [Edit(start - 1, content_end(text, value, keynode.start_mark.column), "")]
        if not isinstance(value, SequenceNode) or value.flow_style or not items:
            # `bullets: []`, or a list written on one line: written again as a block
            body = self._items(new, column + 2, "\n")
            return [Edit(keynode.end_mark.index, content_end(text, value, column), f":\n{body}")]
        chunks = item_chunks(text, value)
        body = self._items(new, dash_column(text, value), separator(text, value))
        return [Edit(chunks[0][0], chunks[-1][1], body)]

    def _items(self, new: list[dict], column: int, sep: str) -> str:
        pieces = []
        for child in new:
            old = self.parts.get(child["id"])
            if old is None or old.parent == "" or old.chunk == (0, 0):
                pieces.append(_dumped([child], column))
            else:
                start, end = old.chunk
                own = apply(old.file.text[start:end], self.edits(old), offset=start)
                pieces.append(reindent(own, column - old.column))
        return sep.join(pieces)

    def _record(self, parent: str, key: str, old_ids: list[str], new_ids: list[str]) -> None:
        kind = KIND_WORDS[key]
        kept = _kept_in_order(
            [i for i in old_ids if i in new_ids], [i for i in new_ids if i in old_ids]
        )
        for child in old_ids:
            if child not in self.new_parent:
                located = self.parts[child]
                self.changes.append(Change("removed", child, located.file.name, located.line))
        for child in new_ids:
            moved = self.parts.get(child)
            if moved is None:
                self.changes.append(
                    Change("added", child, self.parts[parent].file.name, 0, "", parent, kind)
                )
            elif moved.parent != parent or child not in kept:
                self.changes.append(Change("moved", child, moved.file.name, moved.line, "", parent))


def _kept_in_order(old: list[str], new: list[str]) -> set[str]:
    """The parts that keep their order: the longest run common to both, in order."""
    lengths = [[0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            lengths[i][j] = (
                lengths[i + 1][j + 1] + 1
                if old[i] == new[j]
                else max(lengths[i + 1][j], lengths[i][j + 1])
            )
    kept, i, j = set(), 0, 0
    while i < len(old) and j < len(new):
        if old[i] == new[j]:
            kept.add(old[i])
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return kept


def _standards(node: MappingNode) -> dict[str, list[str]]:
    found = get(node, "standards")
    if found is None or not isinstance(found[1], MappingNode):
        return {}
    return {
        str(key.value): [str(v.value) for v in value.value]
        for key, value in found[1].value
        if isinstance(value, SequenceNode)
    }


def _id(node) -> str:
    value = _value(node, "id")
    return value if isinstance(value, str) else ""


def _value(node, key: str):
    if not isinstance(node, MappingNode):
        return None
    found = get(node, key)
    return value_of(found[1]) if found and isinstance(found[1], ScalarNode) else None


def _insert_after(node: MappingNode, name: str):
    """The value after which a missing text goes: the last text before it, else the id."""
    before = TEXT_FIELDS[: TEXT_FIELDS.index(name)]
    last = node.value[0][1]
    for key, value in node.value:
        if key.value in before or key.value == "id":
            last = value
    return last


def _dumped(value, column: int) -> str:
    """New YAML as `policypress import` writes it, set in to `column`."""
    text = styled_yaml(value, column).rstrip("\n")
    return reindent(text, column - (len(text) - len(text.lstrip(" "))))
