"""Check a parsed YAML file against its JSON Schema and say what is wrong in plain words.

The schemas in `policypress/schemas/` serve twice: editors use them to autocomplete and flag
mistakes as a policy owner types (each YAML file names its schema on its first line), and this
module uses the same files so the two can never disagree.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend

from policypress.errors import Location, Problem
from policypress.load.yamlfile import YamlFile

# Zero-width and format characters: they print as nothing, like spaces.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def visible(text: str) -> str:
    """`text` without the spaces at its ends and without zero-width characters."""
    return _ZERO_WIDTH.sub("", text).strip()


def blank(text: str) -> bool:
    """True for text that would print as nothing: empty, only spaces or zero-width characters."""
    return not visible(text)


def _min_length(validator: Any, length: int, instance: Any, schema: dict) -> Any:
    """minLength, with text of only spaces or zero-width characters counting as empty (it would
    print as nothing)."""
    if isinstance(instance, str) and (blank(instance) or len(visible(instance)) < length):
        yield ValidationError(f"{instance!r} is too short")


# The schemas' own rules, except that blank text is empty; "format": "date" is a real date.
_Validator = extend(Draft202012Validator, {"minLength": _min_length})


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads(resources.files("policypress.schemas").joinpath(name).read_text("utf-8"))
    return _Validator(schema, format_checker=FormatChecker(["date"]))


def schema_problems(file: YamlFile, schema_name: str) -> list[Problem]:
    """Every schema error in `file`, each at the line and column of the offending node."""
    problems: list[Problem] = []
    check = validator(schema_name)
    errors = sorted(check.iter_errors(file.data), key=lambda e: list(map(str, e.absolute_path)))
    misshapen = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    for error in errors:
        if error.validator == "format" and tuple(error.absolute_path) in misshapen:
            continue  # "not in the form YYYY-MM-DD" says it already
        problems.extend(_explain(file, error))
    return sorted(problems, key=lambda p: (p.location.line, p.location.column, p.message))


def _walk(data: Any, path: list[Any]) -> tuple[Any, Any]:
    """The container holding the node at `path`, and the node's key or index in it."""
    parent, last = None, None
    node = data
    for step in path:
        parent, last = node, step
        node = node[step]
    return parent, last


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    if value is None:
        return "empty"
    return f"'{value}'"


ADD_IDS = (
    "run 'policypress add-ids' to give every part without an id a short one made from "
    "its words, or add a line 'id: ...' here yourself"
)
_EXPECTED = {
    "string": "text",
    "array": "a list (lines starting with '- ')",
    "object": "a group of keys",
}


def _bad_name(file: YamlFile, error: ValidationError, path: list, schema: dict) -> Problem:
    node = file.data
    for step in path:
        node = node[step]
    return Problem(
        file.key_where(node, error.instance),
        "error",
        "bad-name",
        f"the name '{error.instance}' is not in the expected form",
        schema.get("x-hint", "use lower-case letters, digits and hyphens"),
    )


def _unknown_keys(file: YamlFile, instance: dict, schema: dict) -> list[Problem]:
    allowed = sorted(schema.get("properties", {}))
    problems = []
    for key in instance:
        if key in schema.get("properties", {}):
            continue
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = (
            f"did you mean '{close[0]}'?" if close else "keys allowed here: " + ", ".join(allowed)
        )
        problems.append(
            Problem(
                file.key_where(instance, key), "error", "unknown-key", f"unknown key '{key}'", hint
            )
        )
    return problems


def _too_short(where: Location, name: str, instance: Any, least: int) -> Problem:
    if isinstance(instance, str) and not blank(instance):
        return Problem(
            where,
            "error",
            "too-short",
            f"{name} is too short: it has {len(visible(instance))} characters, and needs at "
            f"least {least}",
            f"write at least {least} characters after {name}",
        )
    return Problem(
        where,
        "error",
        "empty-value",
        f"{name} is empty",
        f"write something after {name}, or remove the line",
    )


def _explain(file: YamlFile, error: ValidationError) -> list[Problem]:
    path = list(error.absolute_path)
    parent, last = _walk(file.data, path)
    name = f"'{last}'" if isinstance(last, str) else "this item"
    where = (
        file.where(parent, key=last)
        if isinstance(last, str)
        else (file.where(parent, index=last) if isinstance(last, int) else file.where(file.data))
    )
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    if "propertyNames" in error.relative_schema_path:  # a key is wrong, not its value: point at it
        return [_bad_name(file, error, path, schema)]
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        return _unknown_keys(file, error.instance, schema)
    if kind == "required":
        missing = [r for r in schema.get("required", []) if r not in error.instance]
        own = (
            file.where(error.instance) if path == [] or isinstance(error.instance, dict) else where
        )
        return [
            Problem(
                own,
                "error",
                "missing-field",
                f"missing required field '{key}'",
                ADD_IDS if key == "id" else f"add a line '{key}: ...' to this part of the file",
            )
            for key in missing
        ]
    if kind == "type":
        return [_wrong_type(file, error, where, name, last)]
    return [_not_allowed(error, where, name, schema)]


def _wrong_type(
    file: YamlFile, error: ValidationError, where: Location, name: str, last: Any
) -> Problem:
    """A value of the wrong type, with how to write the right one."""
    expected = error.validator_value
    wanted = _EXPECTED.get(expected, expected) if isinstance(expected, str) else "something else"
    hint = {
        "string": "write the text after the key, or on the lines below after '>-'; "
        "put text that looks like a number, date or list in quotes",
        "array": "start each entry on its own line with '- '",
        "object": "give this item its keys on indented lines below it",
    }.get(expected if isinstance(expected, str) else "", "")
    if expected == "string" and isinstance(error.instance, (int, float)) and where.line:
        # YAML reads 1234567 (a commit hash of digits only, say) as a number: quote it
        typed = re.match(r"[^\s#,\]}]+", file.lines[where.line - 1][where.column - 1 :])
        if typed and isinstance(last, str):
            hint = f'put it in quotes, so that it is read as text: {last}: "{typed.group(0)}"'
    return Problem(
        where,
        "error",
        "wrong-type",
        f"{name} should be {wanted}, but it is {_describe(error.instance)}",
        hint,
    )


def _not_allowed(error: ValidationError, where: Location, name: str, schema: dict) -> Problem:
    """A value of the right type that the schema does not allow: not one of the options, not
    in the form, not a real date, too short or long, or empty."""
    kind = error.validator
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return Problem(
            where,
            "error",
            "not-allowed",
            f"{name} is {_describe(error.instance)}, which is not one of: {options}",
            f"use one of: {options}",
        )
    if kind == "pattern":
        return Problem(
            where,
            "error",
            "bad-format",
            f"{name} is {_describe(error.instance)}, which is not in the expected form",
            schema.get("x-hint", f"it must match {error.validator_value}"),
        )
    if kind == "format" and error.validator_value == "date":
        return Problem(
            where,
            "error",
            "bad-date",
            f"{name} is {_describe(error.instance)}, which is not a real date",
            "check the day and the month, and write the date as YYYY-MM-DD",
        )
    if kind == "minLength":
        return _too_short(where, name, error.instance, error.validator_value)
    if kind == "maxLength":
        return Problem(
            where,
            "error",
            "too-long",
            f"{name} is longer than {error.validator_value} characters",
            "shorten it",
        )
    if kind == "minItems":
        return Problem(
            where,
            "error",
            "empty-list",
            f"{name} needs at least one entry",
            "add an entry on its own line starting with '- '",
        )
    if kind == "minProperties":
        return Problem(
            where, "error", "empty-value", "this file defines nothing", "add at least one entry"
        )
    return Problem(where, "error", "schema", f"{name}: {error.message}")
