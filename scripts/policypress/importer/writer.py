"""Write the mapped document as source files: document.yaml, sections/*.yaml and the history
from before git, laid out as a policy owner would write them (texts after `>-`, prose after `|`,
the schema named on the first line)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from policypress.importer.mapper import Mapped

TEXT_KEYS = ("text", "principle", "lead-in", "applies-to", "summary")
SCHEMA = "# yaml-language-server: $schema={up}scripts/policypress/schemas/{name}.schema.json\n"
HISTORY_FILE = "history-before-git.yaml"
WIDTH = 92


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _block(text: str, indent: int):
    """A text as a `>-` block folded at about WIDTH columns, or `|-` when it holds line breaks."""
    if "\n" in text:
        return LiteralScalarString(text)
    folded = FoldedScalarString(text)
    room, positions, start = max(40, WIDTH - indent), [], 0
    while len(text) - start > room:
        cut = text.rfind(" ", start, start + room)
        if cut <= start:
            cut = text.find(" ", start + room)
            if cut < 0:
                break
        if text[cut - 1] != " " and cut + 1 < len(text) and text[cut + 1] != " ":
            positions.append(cut)
        start = cut + 1
    folded.fold_pos = positions
    return folded


FLOW_PARENTS = ("standards",)


def _flow(value: dict) -> dict:
    """standards: {cih: [Integrity, Ethical]} on one line each, as the hand-written files have "
    "them."""
    out = {}
    for key, names in value.items():
        seq = CommentedSeq(names)
        seq.fa.set_flow_style()
        out[key] = seq
    return out


def _styles(styles: list[str]) -> CommentedSeq:
    """items: ["1.", "a)", "i."] on one line, each style in quotes (unquoted, YAML may read a "
    "number)."""
    seq = CommentedSeq([DoubleQuotedScalarString(s) for s in styles])
    seq.fa.set_flow_style()
    return seq


def _numbering(value: dict) -> dict:
    return {
        k: (
            _styles(v)
            if isinstance(v, list)
            else DoubleQuotedScalarString(v)
            if isinstance(v, str)
            else v
        )
        for k, v in value.items()
    }


def _styled(value, indent: int = 0):
    if isinstance(value, dict):
        return {
            k: (
                _block(v, indent + 4)
                if k in TEXT_KEYS and isinstance(v, str)
                else LiteralScalarString(v)
                if k in ("intro", "closing") and isinstance(v, str)
                else _numbering(v)
                if k == "numbering" and isinstance(v, dict)
                else _styles(v)
                if k == "items" and isinstance(v, list)
                else SingleQuotedScalarString(v)
                if k in ("date", "version", "approval-date", "scheduled-review")
                and isinstance(v, str)
                else _flow(v)
                if k in FLOW_PARENTS
                else _styled(v, indent + 2)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_styled(v, indent + 2) for v in value]
    return value


def styled_yaml(value, indent: int = 0) -> str:
    """`value` as YAML text in the style `policypress import` writes, its text blocks folded for
    a value that stands `indent` columns in."""
    stream = io.StringIO()
    _yaml().dump(_styled(value, indent), stream)
    return stream.getvalue()


def _dump(data, header: str) -> str:
    # a blank line between the items of a top-level list, as in the hand-written files
    return header + "\n" + re.sub(r"(?<!:)\n  - id:", "\n\n  - id:", styled_yaml(data))


def write(mapped: Mapped, folder: Path, source_name: str, history: dict | None) -> list[str]:
    """Write every file of the document into `folder` (which must not exist); the relative names."""
    (folder / "sections").mkdir(parents=True)
    written = []
    files: dict[str, list[str]] = {"sections": [], "appendices": []}
    for key, nodes in (("sections", mapped.sections), ("appendices", mapped.appendices)):
        for node in nodes:
            name = f"sections/{node['id']}.yaml"
            header = (
                SCHEMA.format(up="../../../", name="section")
                + "#\n"
                + f"# Imported from {source_name} by policypress import: check the text against "
                + "the\n"
                + "# original. Each 'id' is a short name that never changes: keep it when "
                + "editing.\n"
            )
            (folder / name).write_text(_dump(node, header), encoding="utf-8")
            files[key].append(name)
            written.append(name)
    document = dict(mapped.meta)
    document["sections"] = files["sections"]
    if files["appendices"]:
        document["appendices"] = files["appendices"]
    if mapped.policies:
        document["associated-policies"] = mapped.policies
    header = (
        SCHEMA.format(up="../../", name="document")
        + "#\n"
        + f"# {document.get('title', 'This document')}: its details and the order of its "
        + "sections,\n"
        + f"# imported from {source_name} by policypress import. Fill in anything marked TBC.\n"
    )
    (folder / "document.yaml").write_text(_dump(document, header), encoding="utf-8")
    written.insert(0, "document.yaml")
    if history:
        header = (
            SCHEMA.format(up="../../", name="history-before-git")
            + "#\n"
            + "# The history of this document from before it was kept in git, imported from\n"
            + f"# {source_name}. 'in-force' is the version that was approved when it was "
            + "imported;\n"
            + "# 'rows' are the document controls sheet, newest first, shown before git's rows.\n"
        )
        (folder / HISTORY_FILE).write_text(_dump(history, header), encoding="utf-8")
        written.append(HISTORY_FILE)
    return written
