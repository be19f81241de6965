"""A YAML value read as the shape a field needs, or empty: the schema check has already said
what is wrong with any other shape, so the loader reads on without repeating it."""

from __future__ import annotations

from typing import Any


def string(value: Any) -> str:
    """`value` if it is text, else ""."""
    return value if isinstance(value, str) else ""


def listed(value: Any) -> list[Any]:
    """`value` if it is a list, else []."""
    return value if isinstance(value, list) else []


def dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in a list, each with its place in the list."""
    return [(i, v) for i, v in enumerate(listed(value)) if isinstance(v, dict)]
