"""A word-level diff of two wordings, for display: runs of equal, inserted and deleted text, a
changed number shown with its unit ("50%" → "40%")."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from policypress.wordlists import SYMBOLS

RAW = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")

UNITS = SYMBOLS | {
    "per",
    "percent",
    "pence",
    "pounds",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "minute",
    "minutes",
}


def words(before: str, after: str) -> list[dict[str, str]]:
    """A word-level diff for display: runs of equal, inserted and deleted text."""
    a, b = RAW.findall(before or ""), RAW.findall(after or "")
    out: list[dict[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1]["op"] == op:
            out[-1]["text"] += text
        else:
            out.append({"op": op, "text": text})

    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return _units_marked(out)


_UNIT_AFTER = re.compile(
    r"%|\s(?:per cent|percent|pence|pounds|days?|weeks?|months?|years?|hours?|minutes?)\b"
)


def _units_marked(runs: list[dict[str, str]]) -> list[dict[str, str]]:
    """A changed number marked with its unit: "50" → "40" before an unchanged "%" becomes
    "50%" → "40%" (and "£50" → "£40", "5 days" → "10 days"), so a reader sees what changed."""
    for n in range(len(runs) - 1):
        old, new = runs[n], runs[n + 1]
        if (old["op"], new["op"]) != ("delete", "insert"):
            continue
        if (
            old["text"][-1:].isdigit()
            and new["text"][-1:].isdigit()
            and n + 2 < len(runs)
            and runs[n + 2]["op"] == "equal"
        ):
            unit = _UNIT_AFTER.match(runs[n + 2]["text"])
            if unit:
                old["text"] += unit[0]
                new["text"] += unit[0]
                runs[n + 2]["text"] = runs[n + 2]["text"][unit.end() :]
        if (
            old["text"][:1].isdigit()
            and new["text"][:1].isdigit()
            and n > 0
            and runs[n - 1]["op"] == "equal"
            and runs[n - 1]["text"][-1:] in SYMBOLS - {"%"}
        ):
            sign = runs[n - 1]["text"][-1]
            old["text"], new["text"] = sign + old["text"], sign + new["text"]
            runs[n - 1]["text"] = runs[n - 1]["text"][:-1]
    return [run for run in runs if run["text"]]
