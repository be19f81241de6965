"""The one build cache, under `build/.cache`: one key scheme, one store, one prune.

Every entry is a set of files (name -> bytes) stored under a key made by `entry_key`: a hash of its
kind ("model", "docx", "pdf", "changes", "redline", "archive", "site", "fingerprint"), of
everything it is made from (the document's files or model, its version-control table, its
change report, the standards, the council's templates), of the versions of the tools that kind
uses, and of policypress's own code (`code_hash`: its Python files, page templates, default
themes and schemas). Any change to any of these gives a new key, so a stale entry is never
reused: after a change to the code or a template, even with the same version number, every
entry and the quick "up to date" check are stale.

What is stored: the loaded model of each document (parsing is the slow part of loading), each
output of each document, each approved version's model, and a manifest of the last build
(its outputs' keys, its site's key, its inputs' fingerprint). Jinja keeps its compiled page
templates in `templates/` (its own cache, keyed by each template's source). A build marks the
entries it used and `prune` deletes the rest, of every kind, at its end.

The cache is local build state: it is only ever read from a `build/` that policypress made
(see outputs.guard), never published or committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from policypress import __version__, themes

TEMPLATES = {  # found with themes.find: the council's file in themes/, else the package's
    "docx": ["docx/reference.docx"],
    "redline": ["docx/reference.docx"],
    "pdf": ["pdf/policy.typ"],
}
TOOLS = {
    "docx": ["python-docx"],
    "redline": ["python-docx"],
    "pdf": ["typst"],
    "site": ["mkdocs", "mkdocs-material"],
}
MANIFEST = "manifest.json"
KEEP = {"templates"}  # kept by its owner, Jinja
PACKAGE = Path(__file__).resolve().parent


def file_hash(path: Path) -> str:
    """The hash of the file at `path`, read now: never remembered, so a build in a long-lived
    process (`policypress serve`) sees a template edited since the last one."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


@cache
def tool(name: str) -> str:
    """The installed version of the package `name` (fixed for the life of a process)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def _files(folder: Path) -> list[Path]:
    """Every file under `folder` (none if it does not exist), in a fixed order, leaving out
    Python's compiled files and links that lead to no file (the loader warns of those)."""
    found = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        found += [Path(top, name) for name in names if os.path.isfile(Path(top, name))]
    return sorted(found)


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in _files(folder):
        digest.update(
            path.relative_to(folder).as_posix().encode() + b"\0" + file_hash(path).encode()
        )
    return digest.hexdigest()


@cache
def code_hash() -> str:
    """policypress's own files: its Python code, page templates, default themes and schemas.
    Part of every key, so no cache entry outlives the code that made it, even between
    releases or in a patched copy with the same version number. Read once per process
    (about 100 small files, a few milliseconds)."""
    digest = hashlib.sha256(__version__.encode() + b"\0")
    for path in _files(PACKAGE):
        digest.update(
            path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
        )
    return digest.hexdigest()


def made_with(kind: str) -> str:
    """What every entry of `kind` is made with besides its own inputs: the versions of the tools
    of that kind and the council's templates for it, read now. Work out once per build and
    pass to `entry_key` when making many keys of one kind."""
    digest = hashlib.sha256()
    for name in TOOLS.get(kind, []):
        digest.update(f"{name}={tool(name)}\0".encode())
    for template in TEMPLATES.get(kind, []):
        digest.update(file_hash(themes.find(template)).encode())
    return digest.hexdigest()


def entry_key(kind: str, *parts: object, tools: str | None = None) -> str:
    """The key of one cache entry of `kind`, made from `parts` (bytes as they are, anything else
    by its repr), the council's templates and the tools of that kind (`tools`, from
    `made_with(kind)`, read now when not given), and the code."""
    digest = hashlib.sha256(f"policypress {code_hash()}\0{kind}\0".encode())
    digest.update((made_with(kind) if tools is None else tools).encode())
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def folder_key(kind: str, folder: Path, *parts: object) -> str:
    """The key of an entry made from every file under `folder` (their names and bytes)."""
    files = []
    for path in _files(folder):
        files += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return entry_key(kind, *parts, *files)


def site_key(output_keys: list[str], config_file: Path) -> str:
    """The site depends on every document's outputs and models, mkdocs.yml and the council's
    site theme (the package's own is in the code hash)."""
    return entry_key(
        "site",
        sorted(output_keys),
        file_hash(config_file),
        tree_hash(themes.overrides() / "site"),
    )


class Digests:
    """The hash of everything a value holds (its repr), made once for each object of one build:
    a document's model is hashed once, not once per output made from it. Each object is kept
    with its hash, so its id cannot be taken by another. A value whose key is already known
    (a document's model, by the key of the files it was loaded from) is `known` instead."""

    def __init__(self) -> None:
        self.found: dict[int, tuple[object, str]] = {}

    def __call__(self, value: object) -> str:
        found = self.found.get(id(value))
        if found is None or found[0] is not value:
            found = (value, entry_key("digest", value))
            self.found[id(value)] = found
        return found[1]

    def known(self, value: object, key: str) -> None:
        """`value` is exactly what the entry `key` holds: its digest is that key's."""
        self.found[id(value)] = (value, f"entry {key}")


T = TypeVar("T")


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def get(self, key: str) -> dict[str, bytes] | None:
        """The files stored under `key` (file name -> bytes); None when not cached."""
        entry = self.folder / key
        try:
            files = {path.name: path.read_bytes() for path in sorted(entry.iterdir())}
        except OSError:
            return None
        self.used.add(key)
        return files

    def put(self, key: str, files: dict[str, bytes]) -> None:
        """Store `files` (file name -> bytes) under `key`, whole or not at all."""
        entry = self.folder / key
        tmp = self.folder / f".{key}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
        self.used.add(key)

    def get_object(self, key: str, name: str, kind: type[T]) -> T | None:
        """The object pickled as file `name` under `key`, if it is a `kind`; None when not
        cached or damaged (a damaged entry only costs the time to make it again)."""
        try:  # the one file read straight away: no listing of the entry's folder
            data = (self.folder / key / name).read_bytes()
        except OSError:
            return None
        self.used.add(key)
        try:
            found = pickle.loads(data)
        except (
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            TypeError,
            ValueError,
        ):
            return None
        return found if isinstance(found, kind) else None

    def put_object(self, key: str, name: str, value: object) -> None:
        """Store `value`, pickled, as file `name` under `key`; a cache that cannot be written
        only costs time."""
        try:
            self.put(key, {name: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)})
        except OSError:
            pass

    def prune(self) -> None:
        """Forget every entry this build did not use, of every kind, so the cache does not grow
        without end."""
        for entry in self.folder.iterdir():
            if entry.is_dir() and entry.name not in self.used and entry.name not in KEEP:
                shutil.rmtree(entry, ignore_errors=True)

    def write_manifest(self, manifest: dict) -> None:
        (self.folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")
