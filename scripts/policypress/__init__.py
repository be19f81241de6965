"""policypress: policies kept as YAML and Markdown in Git, published properly."""

from __future__ import annotations

__version__ = "0.1.0"
