"""A content-addressed cache of outputs under `build/.cache`.

An output's key is a hash of everything it is made from: the document model (source text and
numbering), its version-control table (history), its change report, the standards, the template
files of that output kind, and the versions of policypress and the tools. Any change to any of
these gives a new key, so a stale output can never be reused.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import cache
from importlib import metadata
from pathlib import Path

from policypress import __version__, themes

TEMPLATES = {  # found with themes.find: the council's file in themes/, else the package's
    "docx": ["docx/reference.docx"],
    "redline": ["docx/reference.docx"],
    "pdf": ["pdf/policy.typ"],
    "changes": [],
}
TOOLS = {"docx": ["python-docx"], "redline": ["python-docx"], "pdf": ["typst"], "changes": [],
         "site": ["mkdocs", "mkdocs-material"]}
MANIFEST = "manifest.json"
KEEP = {"models", "templates"}  # kept by their owners: the loader, Jinja


@cache
def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


@cache
def _tool(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + _file_hash(path).encode())
    return digest.hexdigest()


def output_key(kind: str, *parts: object) -> str:
    """The key of one output of one document: its inputs, its templates, its tools."""
    from policypress.load.loader import code_hash

    digest = hashlib.sha256()
    digest.update(f"policypress {__version__} {code_hash()}\0{kind}\0".encode())
    for name in TOOLS.get(kind, []):
        digest.update(f"{name}={_tool(name)}\0".encode())
    for template in TEMPLATES.get(kind, []):
        digest.update(_file_hash(themes.find(template)).encode())
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def site_key(output_keys: list[str], config_file: Path) -> str:
    """The site depends on every document's outputs and models, the theme and mkdocs.yml."""
    digest = hashlib.sha256()
    digest.update("\0".join(sorted(output_keys)).encode())
    for name in TOOLS["site"]:
        digest.update(f"{name}={_tool(name)}\0".encode())
    digest.update(_file_hash(config_file).encode())
    for folder in themes.layers("site"):  # the council's overrides and the package's defaults
        digest.update(_tree_hash(folder).encode())
    return digest.hexdigest()[:32]


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

    def prune(self, models: set[str] | None = None) -> None:
        """Forget entries this build did not use, so the cache does not grow without end.
        `models` are the model-cache entries (see load_library) of the documents just loaded."""
        for entry in self.folder.iterdir():
            if entry.is_dir() and entry.name not in self.used and entry.name not in KEEP:
                shutil.rmtree(entry, ignore_errors=True)
        if models is not None and (self.folder / "models").is_dir():
            for entry in (self.folder / "models").iterdir():
                if entry.stem not in models:
                    entry.unlink(missing_ok=True)

    def read_manifest(self) -> dict:
        try:
            return json.loads((self.folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return {}

    def write_manifest(self, manifest: dict) -> None:
        (self.folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")


def _git_dir(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():  # a worktree or submodule: "gitdir: <path>"
            target = dot.read_text("utf-8").partition("gitdir:")[2].strip()
            return (folder / target).resolve()
    return None


def input_fingerprint(content: Path, options: str) -> str:
    """A hash of every input of a build, read from files only (no git process, no heavy
    imports), so an unchanged build is recognised at once. It errs towards 'changed': any
    doubt leads to the full, content-addressed check."""
    import datetime

    digest = hashlib.sha256()
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or datetime.date.today().isoformat()
    digest.update(f"{__version__}\0{options}\0{epoch}\0".encode())
    root = Path(__file__).resolve().parents[2]
    defaults = [themes.DEFAULTS / kind for kind in ("docx", "pdf", "site")]  # not its __pycache__
    for folder in (content.resolve(), themes.overrides(), *defaults):
        digest.update(folder.as_posix().encode() + _tree_hash(folder).encode())
    for path in (Path("mkdocs.yml").resolve(), root / "mkdocs.yml", root / "uv.lock"):
        digest.update(path.as_posix().encode() + _file_hash(path).encode())
    git_dir = _git_dir(content.resolve())
    if git_dir is not None:
        for name in ("HEAD", "packed-refs", "shallow"):
            digest.update(name.encode() + _file_hash(git_dir / name).encode())
        for path in sorted((git_dir / "refs").rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(git_dir).as_posix().encode() + _file_hash(path).encode())
        worktree = git_dir.parent
        digest.update(_file_hash(worktree / ".mailmap").encode())
    return digest.hexdigest()


def intact(out: Path, files: object) -> bool:
    """Whether every file the last build wrote into `out` (the manifest's "files": path ->
    size) is still there, at its size."""
    if not isinstance(files, dict):
        return False
    for name, size in files.items():
        try:
            if (out / name).stat().st_size != size:
                return False
        except (OSError, ValueError):
            return False
    return True


def up_to_date(out: Path, fingerprint: str) -> bool:
    try:
        manifest = json.loads((out / ".cache" / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(manifest, dict) and manifest.get("inputs") == fingerprint
            and (out / "site" / "index.html").is_file() and intact(out, manifest.get("files")))
