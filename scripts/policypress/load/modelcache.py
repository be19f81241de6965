"""Loaded documents in the build cache: a document's model, pickled, under a key of its files,
the standards and policypress's own code (cache.key, like every other entry).

Parsing YAML with line marks is the slow part of loading (ruamel's round-trip parser is pure
Python). The entries live in the one build cache (cache.Cache, under build/.cache), which a
build only reads from a `build/` that policypress made, and prunes with the rest.
"""

from __future__ import annotations

from pathlib import Path

from policypress.cache import Cache, folder_key
from policypress.model import Document

MODEL = "document.pickle"  # the one file of a document model's cache entry


def model_key(folder: Path, name: str, frameworks: tuple) -> str:
    return folder_key("model", folder, name, frameworks)


def cached_model(cache: Cache, key: str) -> Document | None:
    return cache.get_object(key, MODEL, Document)


def store_model(cache: Cache, key: str, document: Document) -> None:
    cache.put_object(key, MODEL, document)
