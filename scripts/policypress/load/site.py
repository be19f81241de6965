"""content/site.yaml: settings for the whole website (contact details, the accessibility
statement), and a document's own `contact:` in its document.yaml.

The schema (schemas/site.schema.json, whose `contact` the document schema repeats) checks each
value where it is typed, so a bad email address or phone number is an error on its own line.
Every setting may be left out: the pages then say something true without it.

A contact detail written as "[insert …]" is a placeholder (the shipped content/site.yaml has
them): the pages leave it out, `check` warns on its line, and `check --strict`, `approve` and
`publish` refuse until it is filled in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policypress.errors import Problem
from policypress.load.yamlfile import YamlFile
from policypress.settings import Accessibility, Contact, SiteSettings

SITE_FILE = "site.yaml"

Read = Callable[[Path, str], YamlFile | None]  # the loader's read(): parsed and schema-checked


PLACEHOLDER = re.compile(r"[\[<]\s*insert\b", re.IGNORECASE)  # "[insert the email address]"
PLACEHOLDER_CODE = "contact-placeholder"  # publish refuses while one is left
# what each contact detail is, for the warning: "the email address tenants write to"
DETAILS = {
    "team": "the name of the team that answers tenants",
    "email": "the email address tenants write to",
    "phone": "the phone number tenants call",
    "phone-hours": "the time the phone is answered",
    "address": "the postal address tenants write to",
}


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _detail(value: Any) -> str:
    """A contact detail, or "" while it is a placeholder (`placeholders` warns about it)."""
    text = _s(value)
    return "" if PLACEHOLDER.search(text) else text


def placeholders(file: YamlFile, value: Any) -> list[Problem]:
    """A warning on the line of each contact detail in `value` (a `contact:` group) that is
    still a placeholder, saying what to write there."""
    if not isinstance(value, dict):
        return []
    return [
        Problem(
            file.where(value, key=key),
            "warning",
            PLACEHOLDER_CODE,
            f"{what} is still a placeholder, so tenants cannot use it",
            "write it in place of the words in square brackets; until then the pages leave it "
            "out, and 'check --strict', 'approve' and 'publish' refuse",
        )
        for key, what in DETAILS.items()
        if isinstance(value.get(key), str) and PLACEHOLDER.search(value[key])
    ]


def contact(value: Any) -> Contact:
    """A `contact:` group as the model's Contact (empty when it is missing or misshapen)."""
    if not isinstance(value, dict):
        return Contact()
    address = tuple(
        line.strip().rstrip(",")
        for line in _detail(value.get("address")).splitlines()
        if line.strip()
    )
    return Contact(
        _detail(value.get("team")),
        _detail(value.get("email")),
        _detail(value.get("phone")),
        _detail(value.get("phone-hours")),
        address,
    )


def read_site(content: Path, read: Read) -> tuple[SiteSettings, list[Problem]]:
    """The site's settings from content/site.yaml, or the defaults when there is no such file;
    and a warning for each contact detail that is still a placeholder."""
    path = content / SITE_FILE
    if not (path.exists() or path.is_symlink()):
        return SiteSettings(), []
    file = read(path, "site.schema.json")
    if file is None:
        return SiteSettings(), []
    data = file.data
    a = data.get("accessibility") if isinstance(data.get("accessibility"), dict) else {}
    known = a.get("known-issues")
    issues = known if isinstance(known, list) else []
    compliance = _s(a.get("compliance"))
    settings = SiteSettings(
        contact(data.get("contact")),
        Accessibility(
            compliance if compliance in ("fully", "partially", "not") else "",
            tuple(_s(i) for i in issues if _s(i)),
            _s(a.get("prepared")),
            _s(a.get("reviewed")),
        ),
    )
    return settings, placeholders(file, data.get("contact"))
