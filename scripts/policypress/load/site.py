"""content/site.yaml: settings for the whole website (contact details, the accessibility
statement), and a document's own `contact:` in its document.yaml.

The schema (schemas/site.schema.json, whose `contact` the document schema repeats) checks each
value where it is typed, so a bad email address or phone number is an error on its own line.
Every setting may be left out: the pages then say something true without it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from policypress.load.yamlfile import YamlFile
from policypress.settings import Accessibility, Contact, SiteSettings

SITE_FILE = "site.yaml"

Read = Callable[[Path, str], YamlFile | None]  # the loader's read(): parsed and schema-checked


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def contact(value: Any) -> Contact:
    """A `contact:` group as the model's Contact (empty when it is missing or misshapen)."""
    if not isinstance(value, dict):
        return Contact()
    address = tuple(
        line.strip().rstrip(",") for line in _s(value.get("address")).splitlines() if line.strip()
    )
    return Contact(
        _s(value.get("team")),
        _s(value.get("email")),
        _s(value.get("phone")),
        _s(value.get("phone-hours")),
        address,
    )


def read_site(content: Path, read: Read) -> SiteSettings:
    """The site's settings from content/site.yaml, or the defaults when there is no such file."""
    path = content / SITE_FILE
    if not (path.exists() or path.is_symlink()):
        return SiteSettings()
    file = read(path, "site.schema.json")
    if file is None:
        return SiteSettings()
    data = file.data
    a = data.get("accessibility") if isinstance(data.get("accessibility"), dict) else {}
    known = a.get("known-issues")
    issues = known if isinstance(known, list) else []
    compliance = _s(a.get("compliance"))
    return SiteSettings(
        contact(data.get("contact")),
        Accessibility(
            compliance if compliance in ("fully", "partially", "not") else "",
            tuple(_s(i) for i in issues if _s(i)),
            _s(a.get("prepared")),
            _s(a.get("reviewed")),
        ),
    )
