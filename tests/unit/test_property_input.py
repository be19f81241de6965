"""What `check` accepts, `build` renders: random values and random Unicode in every text field.

Each example puts one random value into one field of a small valid document, either written
by a YAML library (so odd characters arrive as escapes such as "\\x0b") or pasted into the file
as raw text (so they arrive as themselves, and may well break the YAML). `check` must answer
with located problems and never raise; whatever it accepts, `build` must turn into a DOCX and
a PDF (and, for a few examples, a site).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from policypress.build import build, check
from tests.conftest import run_cli, write_content

EPOCH = "1795000000"
MARK = "RANDOM-VALUE-GOES-HERE"

STANDARDS = {
    "cih": {
        "title": "CIH professional standards",
        "url": "https://example.org/cih",
        "standards": [{"name": "Integrity", "description": "Be honest."}],
    }
}
DOCUMENT = {
    "title": "Example policy",
    "organisation": "Example Council",
    "document-type": "Policy",
    "status": "draft",
    "policy-owner": "Housing Services",
    "approving-body": "Cabinet",
    "review-period": "3 years",
    "applies-to": "All housing staff.",
    "summary": "An example.",
    "sections": ["sections/one.yaml"],
    "associated-policies": [{"title": "Tenancy policy", "url": "https://example.org/t"}],
}
SECTION = {
    "id": "one",
    "title": "First section",
    "standards": {"cih": ["Integrity"]},
    "principle": "We are honest.",
    "intro": "Some words.\n\n- a list item\n- another",
    "lead-in": "Staff must:",
    "bullets": [{"id": "be-kind", "text": "be kind"}],
    "clauses": [
        {
            "id": "first",
            "text": "Staff must be honest.",
            "numbered": [{"id": "first-a", "text": "in writing"}],
        },
        {"id": "second", "text": "See [[first]] for more."},
    ],
    "groups": [
        {
            "id": "managers",
            "audience": "Managers",
            "clauses": [{"id": "third", "text": "Managers must lead."}],
        }
    ],
    "sections": [
        {"id": "sub", "title": "A subsection", "clauses": [{"id": "fourth", "text": "More text."}]}
    ],
}
CONSULTATION = {
    "title": "Tenant panel",
    "opened": "2026-01-10",
    "closed": "2026-01-20",
    "consulted": ["Tenant panel"],
    "method": "A meeting",
    "responses": 3,
    "summary": "Tenants agreed.",
    "response": "No change.",
    "covers": "abcd1234",
}
FILES = {
    "standards.yaml": STANDARDS,
    "example/document.yaml": DOCUMENT,
    "example/sections/one.yaml": SECTION,
    "example/consultations/2026-01-10-panel.yaml": CONSULTATION,
}

# Every text field a policy owner fills in: (file, path to the value).
FIELDS = [
    ("standards.yaml", ("cih", "title")),
    ("standards.yaml", ("cih", "standards", 0, "name")),
    ("standards.yaml", ("cih", "standards", 0, "description")),
    *[
        ("example/document.yaml", (key,))
        for key in (
            "title",
            "organisation",
            "document-type",
            "policy-owner",
            "approving-body",
            "review-period",
            "applies-to",
            "summary",
            "language",
        )
    ],
    ("example/document.yaml", ("associated-policies", 0, "title")),
    *[("example/sections/one.yaml", (key,)) for key in ("title", "principle", "intro", "lead-in")],
    ("example/sections/one.yaml", ("bullets", 0, "text")),
    ("example/sections/one.yaml", ("clauses", 0, "text")),
    ("example/sections/one.yaml", ("clauses", 0, "numbered", 0, "text")),
    ("example/sections/one.yaml", ("clauses", 1, "text")),
    ("example/sections/one.yaml", ("groups", 0, "audience")),
    ("example/sections/one.yaml", ("groups", 0, "clauses", 0, "text")),
    ("example/sections/one.yaml", ("sections", 0, "title")),
    ("example/sections/one.yaml", ("sections", 0, "clauses", 0, "text")),
    *[
        ("example/consultations/2026-01-10-panel.yaml", (key,))
        for key in ("title", "method", "summary", "response", "opened", "closed")
    ],
    ("example/consultations/2026-01-10-panel.yaml", ("consulted", 0)),
]

TRICKY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "#set page(width: 1cm)",
        "$x$",
        "{{ config }}",
        "{% raw %}",
        "]",
        "[[first]]",
        "[[nowhere]]",
        "@ref",
        "\\",
        "*",
        "**",
        "`",
        "\u202eevil\u202c",
        "e\u0301\u0301\u0301",
        "👩🏽‍⚖️",
        "\u200b",
        "\u00a0",
        "\ufeff",
        "\u2028",
        "- ",
        "# ",
        "> ",
        "1. ",
        "&a",
        "*a",
        "!tag",
        "%",
        "'",
        '"',
        ": ",
        " #",
        "\t",
        "\r\n",
        "---",
        "2026-02-30",
        "2026-13-45",
        "TBC",
        "yes",
        "null",
        "~",
        "0x1F",
        "1e999",
        ".nan",
    ]
)
TEXT = st.one_of(
    st.text(max_size=40),  # any code point, controls and lone surrogates included
    st.lists(st.one_of(TRICKY, st.text(max_size=5)), min_size=1, max_size=6).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30),
)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _dump(data: object) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _set(data: object, path: tuple, value: object) -> object:
    import copy

    data = copy.deepcopy(data)
    node = data
    for step in path[:-1]:
        node = node[step]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    return data


def _write(root: Path, field: tuple[str, tuple], value: object, raw: bool) -> Path:
    """The small document with `value` at `field`: dumped as YAML, or pasted in as raw text."""
    name, path = field
    files: dict[str, str | bytes | None] = {n: _dump(d) for n, d in FILES.items()}
    if raw:
        text = _dump(_set(FILES[name], path, MARK)).replace(MARK, str(value))
        files[name] = text.encode("utf-8", "surrogatepass")
    else:
        files[name] = _dump(_set(FILES[name], path, value))
    return write_content(root, files)


def _checks_then_builds(
    field: tuple[str, tuple], value: object, raw: bool, outputs: set[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content = _write(root, field, value, raw)
        checked = check(content, root)  # must not raise, whatever the value
        for problem in checked.errors:
            assert problem.location.file and problem.message, problem
            if problem.location.file.endswith(".yaml"):
                assert problem.location.line >= 1 and problem.location.column >= 1, problem.format()
            assert "\n" not in problem.format(), problem.format()
        if checked.errors:
            return
        old = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH
        try:
            build(content, root / "build", only=outputs)
        finally:
            os.environ.pop("SOURCE_DATE_EPOCH") if old is None else os.environ.update(
                SOURCE_DATE_EPOCH=old
            )
        for kind in outputs - {"site"}:
            assert (root / "build" / "example" / f"example.{kind}").is_file()
        if "site" in outputs:
            assert (root / "build" / "site" / "index.html").is_file()


SETTINGS = {
    "deadline": None,
    "database": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


@settings(max_examples=40, **SETTINGS)
@given(field=st.sampled_from(FIELDS), value=TEXT, raw=st.booleans())
def test_any_text_in_any_field_is_refused_with_its_place_or_built(field, value, raw):
    _checks_then_builds(field, value, raw, {"docx", "pdf"})


@settings(max_examples=25, **SETTINGS)
@given(field=st.sampled_from(FIELDS), value=VALUE, raw=st.booleans())
def test_any_yaml_value_in_any_field_is_refused_with_its_place_or_built(field, value, raw):
    _checks_then_builds(field, value, raw, {"docx", "pdf"})


@settings(max_examples=3, **SETTINGS)
@given(field=st.sampled_from(FIELDS), value=st.lists(TRICKY, min_size=2, max_size=6).map(" ".join))
def test_what_check_accepts_the_site_builds(field, value):
    _checks_then_builds(field, value, False, {"site"})


@pytest.mark.parametrize("value", ["Staff\x0b must", "\ud800", "x" * 200_001, "&a [*a]"])
def test_the_command_never_prints_a_traceback(tmp_path: Path, value: str):
    _write(tmp_path, ("example/sections/one.yaml", ("clauses", 0, "text")), value, raw=True)
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert any(
        line.startswith("content/example/sections/one.yaml:") and ": error: " in line
        for line in result.stdout.splitlines()
    ), result.stdout


def test_the_command_builds_what_check_accepts_without_a_traceback(tmp_path: Path):
    value = "Costs #set page(width: 1cm) $5 {{ x }} ] \u202eevil\u202c e\u0301 😀 ⚖\ufe0f <b>"
    _write(tmp_path, ("example/sections/one.yaml", ("clauses", 0, "text")), value, raw=False)
    result = run_cli("build", "--only", "docx,pdf", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (tmp_path / "build" / "example" / "example.pdf").is_file()
