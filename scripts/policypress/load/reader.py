"""Reading a document's files: YAML with line marks and schema checks, files named inside it,
text fields, the standards frameworks, and the records kept beside a document (its history from
before git, decisions and consultations). `structure.StructureReader` builds the document's
structure on top of this.
"""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Any

from policypress.errors import Location, Problem, display_path
from policypress.gitparse import real_date
from policypress.load import numbering
from policypress.load.earlier import read_before_git
from policypress.load.links import resolved
from policypress.load.markdown import parse_blocks
from policypress.load.prose import folded_lists, paragraphs
from policypress.load.schema import schema_problems
from policypress.load.values import dicts, listed, string
from policypress.load.yamlfile import YamlFile, read_yaml
from policypress.model import (
    Accepted,
    BeforeGit,
    Block,
    Consultation,
    Decision,
    Framework,
    Paragraph,
    Standard,
    StandardLink,
    Text,
    block_texts,
)
from policypress.settings import Contact

METADATA_FILE = "document.yaml"
STANDARDS_FILE = "standards.yaml"
ACCEPTED_ALIASES = {"repeated-word": "doubled-word"}  # what people call it -> the warning's code


class FileReader:
    def __init__(self, content: Path, root: Path):
        self.content = content
        self.root = root
        self.problems: list[Problem] = []
        self.files: dict[str, YamlFile] = {}
        self.scheme = numbering.Scheme()  # the numbering of the document being loaded
        self.contact = Contact()  # the site's, for documents without their own

    # -- files -------------------------------------------------------------------------------
    def name(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(self, path: Path, schema: str, mapping: bool = True) -> YamlFile | None:
        file, problems = read_yaml(
            path,
            f"{self.name(path.parent)}/{path.name}",
            self.content,
            printed=schema not in ("consultation.schema.json", "decisions.schema.json"),
        )
        self.problems += problems
        if file is None:
            return None
        self.files[file.name] = file
        if mapping and not isinstance(file.data, dict):
            self.problems.append(
                Problem(
                    Location(file.name, 1, 1),
                    "error",
                    "wrong-type",
                    "the file should hold keys such as 'title: ...', but it holds "
                    f"{type(file.data).__name__}",
                    "compare it with another file of the same kind",
                )
            )
            return None
        self.problems += schema_problems(file, schema)
        return file

    def inside(
        self, base: Path, relative: str, file: YamlFile, node: Any, index: int
    ) -> Path | None:
        """Resolve a file named in YAML, refusing anything that leads outside `content/`."""
        where = file.where(node, index=index)
        candidate = base / relative
        real = resolved(candidate)
        if real is None:
            self.problems.append(
                Problem(
                    where,
                    "error",
                    "link-loop",
                    f"'{relative}' is a symbolic link that leads back to itself in a loop",
                    "replace the link with the file itself, or list the file it should lead to",
                )
            )
            return None
        if Path(relative).is_absolute() or not real.is_relative_to(self.content.resolve()):
            link = (
                " through a symbolic link"
                if candidate.is_symlink()
                or any(p.is_symlink() for p in candidate.parents if p.is_relative_to(base))
                else ""
            )
            self.problems.append(
                Problem(
                    where,
                    "error",
                    "path-outside",
                    f"'{relative}' leads outside the content folder{link}",
                    "keep every file of a document inside its own folder under content/",
                )
            )
            return None
        if not real.is_file():
            here = sorted(
                p.relative_to(base).as_posix()
                for p in base.rglob("*.yaml")
                if p.name != METADATA_FILE
            )
            close = difflib.get_close_matches(relative, here, n=1, cutoff=0.6)
            self.problems.append(
                Problem(
                    where,
                    "error",
                    "file-not-found",
                    f"the file '{relative}' does not exist",
                    f"did you mean '{close[0]}'?"
                    if close
                    else "check the spelling; the file's path is relative to the document's folder",
                )
            )
            return None
        return real

    # -- text --------------------------------------------------------------------------------
    def prose(self, file: YamlFile, node: dict[str, Any], key: str) -> tuple[Block, ...]:
        """A text field as paragraphs, lists and quotations, whatever YAML style it is written "
        "in."""
        value = node.get(key)
        if not isinstance(value, str):
            return ()
        where = file.where(node, key=key)
        self.problems += folded_lists(file, node, key)
        blocks, problems = parse_blocks(
            paragraphs(value).strip(), where, lambda needle: file.find(needle, where)
        )
        self.problems += problems
        return blocks

    def text(self, file: YamlFile, node: dict[str, Any], key: str, what: str) -> Text | None:
        """A text field that holds one paragraph (a bullet, a lead-in): anything more is an error,
        never joined on silently."""
        if not isinstance(node.get(key), str):
            return None
        where = file.where(node, key=key)
        blocks = self.prose(file, node, key)
        if not blocks:
            return Text("", (), where)
        if len(blocks) > 1 or not isinstance(blocks[0], Paragraph):
            extra = next(
                (
                    t.source
                    for t in block_texts(blocks[1:] if isinstance(blocks[0], Paragraph) else blocks)
                    if t.source
                ),
                "",
            )
            self.problems.append(
                Problem(
                    file.find(extra.splitlines()[0], where) if extra else where,
                    "error",
                    "one-paragraph-only",
                    f"{what} can hold one paragraph only, but this one holds more (a blank "
                    "line, a list "
                    "or a quotation)",
                    "join it into one paragraph, or put the text that follows the list under "
                    "'closing:' "
                    "of the section or clause",
                )
            )
        return blocks[0].text if isinstance(blocks[0], Paragraph) else None

    # -- standards ---------------------------------------------------------------------------
    def frameworks(self) -> tuple[Framework, ...]:
        path = self.content / STANDARDS_FILE
        if path.is_dir():
            shown = f"{self.name(self.content)}/{STANDARDS_FILE}"
            self.problems.append(
                Problem(
                    Location(shown, 1, 1),
                    "error",
                    "not-a-file",
                    f"{shown} is a folder, not a file",
                    f"move what is in the folder away, delete the folder, and write the sets of "
                    f"standards in a file named {STANDARDS_FILE}",
                )
            )
            return ()
        if not (path.exists() or path.is_symlink()):
            return ()  # none; a pipe or device is refused by read()
        file = self.read(path, "standards.schema.json")
        if file is None:
            return ()
        frameworks = []
        for key, value in file.data.items():
            if not isinstance(value, dict):
                continue
            standards = tuple(
                Standard(string(s.get("name")), string(s.get("description")).strip())
                for _, s in dicts(value.get("standards"))
            )
            frameworks.append(
                Framework(str(key), string(value.get("title")), standards, string(value.get("url")))
            )
        return tuple(frameworks)

    def standard_links(
        self, file: YamlFile, node: dict[str, Any], frameworks: dict[str, Framework]
    ) -> tuple[StandardLink, ...]:
        value = node.get("standards")
        if not isinstance(value, dict):
            return ()
        links = []
        for key, names in value.items():
            framework = frameworks.get(str(key))
            if framework is None:
                known = ", ".join(frameworks) or "none yet"
                self.problems.append(
                    Problem(
                        file.key_where(value, key),
                        "error",
                        "unknown-standard",
                        f"unknown set of standards '{key}'",
                        f"use one defined in content/{STANDARDS_FILE} ({known})",
                    )
                )
                continue
            for index, name in enumerate(listed(names)):
                if not isinstance(name, str):
                    continue
                if name not in framework.names():
                    close = difflib.get_close_matches(name, framework.names(), n=1, cutoff=0.5)
                    self.problems.append(
                        Problem(
                            file.where(names, index=index),
                            "error",
                            "unknown-standard",
                            f"'{name}' is not one of the {framework.title}",
                            (f"did you mean '{close[0]}'? " if close else "")
                            + "the allowed names are: "
                            + ", ".join(framework.names()),
                        )
                    )
                    continue
                links.append(StandardLink(framework.key, name))
        return tuple(links)

    # -- records beside a document ------------------------------------------------------------
    def before_git(self, folder: Path) -> BeforeGit | None:
        found, problems = read_before_git(folder, self.read)
        self.problems += problems
        return found

    def decisions(self, folder: Path) -> tuple[tuple[Decision, ...], tuple[Accepted, ...]]:
        """decisions.yaml: changes recorded as editorial, and warnings accepted on parts."""
        path = folder / "decisions.yaml"
        file = self.read(path, "decisions.schema.json", mapping=False) if path.is_file() else None
        if file is None or not isinstance(file.data, list):
            return (), ()
        records = dicts(file.data)
        return (
            tuple(
                Decision(
                    string(d.get("clause")),
                    string(d.get("fingerprint")),
                    string(d.get("decision")),
                    string(d.get("reason")).strip(),
                    string(d.get("by")).strip(),
                    file.where(d),
                )
                for _, d in records
                if "warning" not in d
            ),
            tuple(
                Accepted(
                    string(d.get("part")).strip(),
                    ACCEPTED_ALIASES.get(string(d.get("warning")), string(d.get("warning"))),
                    string(d.get("reason")).strip(),
                    string(d.get("by")).strip(),
                    file.where(d),
                )
                for _, d in records
                if "warning" in d
            ),
        )

    def consultations(self, folder: Path) -> tuple[Consultation, ...]:
        records = []
        for path in sorted((folder / "consultations").glob("*.yaml")):
            file = self.read(path, "consultation.schema.json")
            if file is None:
                continue
            d = file.data
            self.problems += _dates_in_order(file, d)
            responses = d.get("responses")
            records.append(
                Consultation(
                    string(d.get("title")).strip(),
                    real_date(string(d.get("opened"))),
                    real_date(string(d.get("closed"))),
                    tuple(string(c) for c in listed(d.get("consulted"))),
                    string(d.get("method")).strip(),
                    responses if isinstance(responses, int) else None,
                    string(d.get("summary")).strip(),
                    string(d.get("response")).strip(),
                    string(d.get("how-to-respond")).strip(),
                    string(d.get("covers")).strip(),
                    file.where(d),
                    file.where(d, "covers"),
                    string(d.get("welsh-language")).strip(),
                )
            )
        return tuple(records)


def _dates_in_order(file: YamlFile, record: dict) -> list[Problem]:
    """A consultation cannot close before it opens (each date alone is checked by the schema)."""
    dates = [string(record.get(key)) for key in ("opened", "closed")]
    if not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) for date in dates):
        return []
    try:
        opened, closed = (datetime.date.fromisoformat(date) for date in dates)
    except ValueError:
        return []
    if closed >= opened:
        return []
    return [
        Problem(
            file.where(record, "closed"),
            "error",
            "dates-out-of-order",
            f"'closed' ({closed.isoformat()}) is before 'opened' ({opened.isoformat()})",
            "check the dates: a consultation closes on or after the day it opens",
        )
    ]
