"""The model cache: a loaded document pickled under a key of its files, the standards and
policypress's own code.

Parsing YAML with line marks is the slow part of loading (ruamel's round-trip parser is pure
Python). The cache is local build state under build/.cache/models, never published or committed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from policypress import __version__
from policypress.model import Document


@cache
def code_hash() -> str:
    """policypress's own code, schemas and page templates: a change to any makes every cached
    model and output stale (so a cache never outlives the code that made it, even between
    releases)."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(
        [
            *package.rglob("*.py"),
            *package.joinpath("schemas").glob("*.json"),
            *(p for p in package.joinpath("templates").rglob("*") if p.is_file()),
        ]
    ):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def model_key(folder: Path, name: str, frameworks: tuple) -> str:
    digest = hashlib.sha256(f"{code_hash()}\0{name}\0{frameworks!r}\0".encode())
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(
            path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
        )
    return digest.hexdigest()[:32]


def cached_model(cache: Path, key: str) -> Document | None:
    try:
        return pickle.loads((cache / f"{key}.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def store_model(cache: Path, key: str, document: Document) -> None:
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, cache / f"{key}.pickle")
    except OSError:
        pass  # a cache that cannot be written only costs time
